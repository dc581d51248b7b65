#include "config.h"

#include <locale.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/text.h"

int
main(void)
{
	char out[64];

	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	ok(text_valid_utf8("业扩", strlen("业扩")), "valid UTF-8 accepted");
	ok(!text_valid_utf8("\xD2\xB5\xC0\xA9", 4), "GBK bytes of 业扩 are not UTF-8");
	ok(!text_valid_utf8("\xC0\xAF", 2), "overlong sequence refused");
	ok(!text_valid_utf8("\xED\xA0\x80", 3), "surrogate refused");
	is_int(text_width("abc"), 3, "ASCII is one column a character");
	is_int(text_width("张三丰"), 6, "CJK is two columns a character");
	is_int(text_width("A张"), 3, "mixed width adds up");
	text_truncate("张三丰有限公司", 7, out, sizeof out);
	is_str(out, "张三丰…", "truncation cuts on a character boundary and marks it");
	is_int(text_width(out), 7, "truncated text fits the width");
	text_truncate("张三丰", 6, out, sizeof out);
	is_str(out, "张三丰", "text that fits is not cut");
	text_pad("张三", 6, out, sizeof out);
	is_str(out, "张三  ", "padding fills to the column count");
	text_pad("张三丰", 5, out, sizeof out);
	is_int(text_width(out), 5, "padding after a cut still gives exact width");
	return tap_done();
}
