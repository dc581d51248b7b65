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
	/* wrapping: a number stays with its unit, a masked ID and a time whole */
	{
		const char *s = "合计 22 工作日";
		size_t n = text_wrap_next(s, 8);

		is_int((int)n, (int)strlen("合计 "), "a number at a line's end goes on with its unit");
		s = "证件=9135**********0Y43";
		n = text_wrap_next(s, 16);
		is_int((int)n, (int)strlen("证件="), "a masked ID is never split");
		s = "录入 2026-03-02T09:00:00+08:00 root";
		n = text_wrap_next(s, 28);
		is_int((int)n, (int)strlen("录入 "), "a time with its zone is never split");
		is_int((int)text_wrap_next("张三丰", 1), (int)strlen("张"),
		       "a pane narrower than a character still moves on");
	}
	return tap_done();
}
