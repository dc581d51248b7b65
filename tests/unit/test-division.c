/* Administrative divisions (GB/T 2260): the levels and parents of codes, the
 * shipped data file (民政部 2021 edition) and a local file that adds or
 * corrects codes. Expectations from the code scheme PPCCXX, by hand. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testdata.h"
#include "yekuo/core/division.h"

int
main(void)
{
	struct yk_divisions *d = divisions_new();
	char up[DIVISION_CODE_BUFSZ], full[256], *text;
	size_t len, provinces = 0, cities = 0;
	yk_error err;

	/* the shape of a code */
	ok(division_code_ok("520102"), "520102 is a code");
	ok(!division_code_ok("52010"), "five digits are not");
	ok(!division_code_ok("5201020"), "seven digits are not");
	ok(!division_code_ok("52010a"), "a letter is not");
	ok(!division_code_ok("990000"), "99 is no province (11..82)");
	ok(!division_code_ok("100000"), "10 is no province");
	is_int(division_level("520000"), DIV_PROVINCE, "520000 is a province");
	is_int(division_level("520100"), DIV_CITY, "520100 is a city");
	is_int(division_level("520102"), DIV_COUNTY, "520102 is a county");

	/* going up */
	division_up("520102", DIV_CITY, up);
	is_str(up, "520100", "南明区's city is 520100");
	division_up("520102", DIV_PROVINCE, up);
	is_str(up, "520000", "and its province 520000");
	division_up("520102", DIV_COUNTY, up);
	is_str(up, "520102", "a county at county level is itself");
	division_up("520100", DIV_COUNTY, up);
	is_str(up, "520100", "a city is never made finer");
	division_up("120116", DIV_CITY, up);
	is_str(up, "120000", "a municipality's district has the province as its city");
	division_up("370811", DIV_CITY, up);
	is_str(up, "370800", "任城区's city is 济宁市 370800");

	/* the shipped file */
	text = data_file("divisions/gb2260.div", &len);
	ok(divisions_load_text(d, text, len, "gb2260.div", &err) == 0, "the shipped file loads");
	free(text);
	is_str(division_name(d, "520102"), "南明区", "520102 南明区");
	is_str(division_name(d, "370800"), "济宁市", "370800 济宁市");
	is_str(division_name(d, "640000"), "宁夏回族自治区", "640000 宁夏回族自治区");
	ok(division_name(d, "529999") == NULL, "an unlisted code has no name");
	division_full_name(d, "520102", full, sizeof full);
	is_str(full, "贵州省 贵阳市 南明区", "the full name of 520102");
	division_full_name(d, "120116", full, sizeof full);
	is_str(full, "天津市 滨海新区", "a municipality's district: province and district");
	/* 34 provinces and 333 prefecture-level divisions (the 2021 edition) */
	for (int p = 11; p <= 82; p++) {
		char code[8];

		snprintf(code, sizeof code, "%02d0000", p);
		provinces += division_name(d, code) != NULL;
		for (int c = 1; c <= 99; c++) {
			snprintf(code, sizeof code, "%02d%02d00", p, c);
			cities += division_name(d, code) != NULL;
		}
	}
	is_int((long)provinces, 34, "every province is listed");
	is_int((long)cities, 333, "every prefecture-level division is listed");

	/* a local file adds a county and corrects a name */
	{
		const char *local = "# our county\n110101 东城区\n520102 南明区（测试）\n";

		ok(divisions_load_text(d, local, strlen(local), "local.div", &err) == 0, "a local file loads");
		is_str(division_name(d, "110101"), "东城区", "it adds a code");
		is_str(division_name(d, "520102"), "南明区（测试）", "and a later file renames one");
		is_str(division_name(d, "520100"), "贵阳市", "the rest stays");
	}
	/* bad lines, each with file:line */
	{
		const char *bad1 = "520102 南明区\n52010 短\n", *bad2 = "520199\n";

		ok(divisions_load_text(d, bad1, strlen(bad1), "bad.div", &err) < 0, "a five-digit code: refused");
		ok(strstr(err.msg, "bad.div:2:") != NULL, "naming file and line: %s", err.msg);
		ok(divisions_load_text(d, bad2, strlen(bad2), "bad2.div", &err) < 0, "a code without a name: refused");
		ok(strstr(err.msg, "只有代码，没有名称") != NULL, "saying so: %s", err.msg);
	}
	divisions_free(d);
	return tap_done();
}
