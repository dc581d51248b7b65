#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/date.h"
#include "yekuo/core/error.h"
#include "yekuo/core/numplan.h"
#include "yekuo/core/validate.h"

/* Every check states what the user sees: accepted or not, and the message
 * text (messages are compared whole, so a reworded message is a decision
 * the test makes visible). */

static yk_error e;
static yk_date today;

#define GOOD(call, ...)                                                                   \
	do {                                                                               \
		e.msg[0] = '\0';                                                           \
		if (!ok((call) == 0, __VA_ARGS__))                                         \
			printf("#   message: %s\n", e.msg);                                    \
	} while (0)

#define BAD(call, want, ...)                                                              \
	do {                                                                               \
		e.msg[0] = '\0';                                                           \
		is_int((call), -1, __VA_ARGS__);                                           \
		is_str(e.msg, (want), "  … and says: %s", (want));                         \
	} while (0)

#define diag(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))

static void
test_resident_id(void)
{
	char buf[32];

	/* GB 11643-1999's own example. Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5
	 * 8 4 2 over 11010519491231002: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4
	 * = 167, 167 mod 11 = 2, "10X98765432"[2] = X. */
	GOOD(validate_resident_id("11010519491231002X", today, &e), "GB 11643 example 11010519491231002X is accepted");
	GOOD(validate_resident_id("11010519491231002x", today, &e), "lower-case x is accepted");
	strcpy(buf, "11010519491231002x");
	validate_normalise_id(buf);
	is_str(buf, "11010519491231002X", "normalised form has upper-case X");
	/* 44030819990110151: sum 252, 252 mod 11 = 10 -> '2' */
	GOOD(validate_resident_id("440308199901101512", today, &e), "440308199901101512 (check 2) is accepted");
	/* 31011519800101001: sum 138, mod 11 = 6 -> '6' */
	GOOD(validate_resident_id("310115198001010016", today, &e), "310115198001010016 (check 6) is accepted");
	/* 港澳台居民居住证, Taiwan address code 830000: sum 164, mod 11 = 10 -> '2' */
	GOOD(validate_resident_id("830000199001010012", today, &e), "Taiwan resident permit number 830000… is accepted");
	/* 81000019900101001: sum 146, mod 11 = 3 -> '9' */
	GOOD(validate_resident_id("810000199001010019", today, &e), "Hong Kong resident permit number 810000… is accepted");
	/* born today (2026-02-12): 11010520260212001 sum 115, mod 11 = 5 -> '7' */
	GOOD(validate_resident_id("110105202602120017", today, &e), "born today is accepted");
	GOOD(validate_resident_id("110105202602130012", YK_DATE_NONE, &e),
	    "without a today date, a future birth date is not checked");

	BAD(validate_resident_id("110105194912310021", today, &e), "校验码应为 X，输入的是 1，请逐位核对",
	    "wrong check digit is refused");
	BAD(validate_resident_id("440308199901101513", today, &e), "校验码应为 2，输入的是 3，请逐位核对",
	    "check 3 instead of 2 is refused");
	/* swapping two digits is a typical slip: 12-31 typed 12-13; the date
	 * still exists, and 11010519491213002 sums to 157, mod 11 = 3 -> 9 */
	BAD(validate_resident_id("11010519491213002X", today, &e), "校验码应为 9，输入的是 X，请逐位核对",
	    "transposed digits are caught by the check digit");
	BAD(validate_resident_id("11010519491231002", today, &e), "应为18位，输入的是17位", "17 digits refused");
	BAD(validate_resident_id("11010519491231002X1", today, &e), "应为18位，输入的是19位", "19 characters refused");
	BAD(validate_resident_id("110105491231002", today, &e), "这是15位的第一代身份证号码，已停用，请填写18位号码",
	    "15-digit first-generation number explained");
	BAD(validate_resident_id("1101051949123100AX", today, &e), "第17位应为数字，输入的是 A", "letters refused");
	BAD(validate_resident_id("11010519491231002Y", today, &e), "最后一位应为数字或 X，输入的是 Y",
	    "last char other than X refused");
	/* 11010520270101001: sum 94, mod 11 = 6 -> '6'; check is right, only the date is wrong */
	BAD(validate_resident_id("110105202701010016", today, &e), "出生日期 2027-01-01 晚于受理日期 2026-02-12，请核对号码或受理日期",
	    "future birth date refused");
	/* born tomorrow, 11010520260213001: sum 120 -> '2' */
	BAD(validate_resident_id("110105202602130012", today, &e), "出生日期 2026-02-13 晚于受理日期 2026-02-12，请核对号码或受理日期",
	    "birth date tomorrow refused");
	/* 11010520000230001: sum 95, mod 11 = 7 -> '5' */
	BAD(validate_resident_id("110105200002300015", today, &e), "出生日期 2000-02-30 不存在", "Feb 30 refused");
	BAD(validate_resident_id("110105200013010015", today, &e), "出生日期 2000-13-01 不存在", "month 13 refused");
	/* 11010518991231001: sum 194, mod 11 = 7 -> '5' */
	BAD(validate_resident_id("110105189912310015", today, &e), "出生日期 1899-12-31 早于 1900 年，请核对",
	    "birth before 1900 refused");
	/* 20010519491231002: sum 165, mod 11 = 0 -> '1'; 20 is no province */
	BAD(validate_resident_id("200105194912310021", today, &e), "前两位 20 不是有效的省份代码", "bad province 20 refused");
	BAD(validate_resident_id("000105194912310021", today, &e), "前两位 00 不是有效的省份代码", "province 00 refused");
	BAD(validate_resident_id("720105194912310021", today, &e), "前两位 72 不是有效的省份代码", "province 72 refused");
	/* 91000019900101001: sum 153 -> '2': new foreign permanent residence card */
	BAD(validate_resident_id("910000199001010012", today, &e), "9 开头的是外国人永久居留身份证，请选“其他证件”",
	    "9-prefixed foreign residence card pointed to 其他证件");
	BAD(validate_resident_id("", today, &e), "不能为空", "empty refused");
	BAD(validate_resident_id(NULL, today, &e), "不能为空", "NULL refused");
	BAD(validate_resident_id("\xEF\xBC\x91\xEF\xBC\x91" "0105194912310021", today, &e),
	    "请用半角字符（切换到英文输入法后重新输入）", "full-width digits get the IME hint");
	BAD(validate_resident_id("110105 19491231002X", today, &e), "不能有空格", "inner blank refused");
	BAD(validate_resident_id("11010519491231002X ", today, &e), "不能有空格", "trailing blank refused");
	BAD(validate_resident_id("身份证11010519491231002X", today, &e), "只能填数字和字母，不能有汉字或其他符号",
	    "Chinese text refused");
	ok(validate_resident_id("110105194912310021", today, NULL) == -1, "a NULL error pointer is allowed");
}

static void
test_uscc(void)
{
	char buf[32];

	/* Charset 0123456789ABCDEFGHJKLMNPQRTUWXY (value = index), weights
	 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, C18 = (31 - sum % 31) % 31.
	 * 91350100M000100Y4: sum 1640, 1640 % 31 = 28, 31 - 28 = 3 -> '3'. */
	GOOD(validate_uscc("91350100M000100Y43", &e), "91350100M000100Y43 is accepted");
	/* 91110000802100433: sum 485, % 31 = 20, 31 - 20 = 11 -> 'B' */
	GOOD(validate_uscc("91110000802100433B", &e), "91110000802100433B is accepted");
	/* 个体工商户 92…: sum 2452, % 31 = 3, 28 -> 'W' */
	GOOD(validate_uscc("92371000MA3MXH0E3W", &e), "individual business 92371000MA3MXH0E3W is accepted");
	/* Below, positions 9-17 are a GB 11714 organisation code: 8 characters
	 * (A=10 … Z=35) weighted 3 7 9 10 5 8 4 2, C9 = 11 - sum % 11 (10: X,
	 * 11: 0); e.g. 40000000: 4 * 3 = 12, 11 - 1 = 10 -> X. */
	GOOD(validate_uscc("3111000040000000XU", &e), "law firm (department 3, kind 1) is accepted");
	GOOD(validate_uscc("N2110105MA00000074", &e), "village collective N2… is accepted");
	GOOD(validate_uscc("81110105MA0000007M", &e), "trade union 81… is accepted");
	/* the codes assigned after GB 32100-2015's own table (validate.c) */
	GOOD(validate_uscc("54110105MA0000015A", &e), "村民委员会 54… is accepted");
	GOOD(validate_uscc("55110105MA00000232", &e), "居民委员会 55… is accepted");
	GOOD(validate_uscc("G1110000MA0000031G", &e), "G1… is accepted");
	GOOD(validate_uscc("J1110000MA000004X6", &e), "J… is accepted");
	GOOD(validate_uscc("Q9110000MA00000587", &e), "Q… is accepted");
	BAD(validate_uscc("G2110000MA00000660", &e), "第2位（机构类别）2 与登记部门“G”不符，应为 1",
	    "G with a category other than 1 refused");
	/* a real 个体工商户 code of an MA… organisation code */
	GOOD(validate_uscc("92141127MA0KD1Y64A", &e), "92141127MA0KD1Y64A is accepted");
	/* GB 11714: C18 right (6), but M000100Y's own check is 4, not 5 */
	BAD(validate_uscc("91350100M000100Y56", &e), "第9到17位（组织机构代码）的校验码应为 4，输入的是 5，请核对",
	    "a wrong organisation-code check character is refused although C18 fits");
	{
		/* every wrong organisation-code check character, each with its
		 * C18 made right (an independent C18, GB 32100-2015 5.4) */
		static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
		static const char *const bodies[] = {"91350100M000100Y4", "92371000MA3MXH0E3", "3111000040000000X"};
		int wrong = 0, tried = 0;

		for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++) {
			for (const char *c = "0123456789X"; *c; c++) {
				char code[19];
				int sum = 0;

				if (*c == bodies[b][16])
					continue;
				memcpy(code, bodies[b], 16);
				code[16] = *c;
				for (int i = 0; i < 17; i++)
					sum += (int)(strchr(cs, code[i]) - cs) * w[i];
				code[17] = cs[(31 - sum % 31) % 31];
				code[18] = '\0';
				tried++;
				if (validate_uscc(code, &e) == 0 || !strstr(e.msg, "组织机构代码")) {
					wrong++;
					diag("%s: %s", code, e.msg);
				}
			}
		}
		ok(tried == 30 && wrong == 0, "all %d wrong organisation-code check characters refused", tried);
	}
	GOOD(validate_uscc("91350100m000100y43", &e), "lower case is accepted");
	strcpy(buf, "91350100m000100y43");
	validate_normalise_id(buf);
	is_str(buf, "91350100M000100Y43", "normalised to upper case");

	BAD(validate_uscc("91350100M000100Y44", &e), "校验码应为 3，输入的是 4，请逐位核对", "wrong check char refused");
	BAD(validate_uscc("91110000802100433C", &e), "校验码应为 B，输入的是 C，请逐位核对", "B expected, C given");
	BAD(validate_uscc("91350100O000100Y43", &e), "第9位不能是字母 O（代码不用 I、O、Z、S、V），应该是数字 0 吧",
	    "letter O refused with the 0 hint");
	BAD(validate_uscc("91350100M000I00Y43", &e), "第13位不能是字母 I（代码不用 I、O、Z、S、V），应该是数字 1 吧",
	    "letter I refused");
	BAD(validate_uscc("91350100MZ00100Y43", &e), "第10位不能是字母 Z（代码不用 I、O、Z、S、V），应该是数字 2 吧",
	    "letter Z refused");
	BAD(validate_uscc("91350100M000100S43", &e), "第16位不能是字母 S（代码不用 I、O、Z、S、V），应该是数字 5 吧",
	    "letter S refused");
	BAD(validate_uscc("91350100M000100V43", &e), "第16位不能是字母 V（代码不用 I、O、Z、S、V）", "letter V refused");
	BAD(validate_uscc("91350100m000100o43", &e), "第16位不能是字母 O（代码不用 I、O、Z、S、V），应该是数字 0 吧",
	    "lower-case o refused too");
	BAD(validate_uscc("91350100M000100Y4", &e), "应为18位，输入的是17位", "17 chars refused");
	BAD(validate_uscc("91350100M000100Y433", &e), "应为18位，输入的是19位", "19 chars refused");
	BAD(validate_uscc("350100000012345", &e), "这是15位的旧营业执照注册号，请填写18位统一社会信用代码",
	    "old 15-digit registration number explained");
	BAD(validate_uscc("91350100M000100Y4#", &e), "第18位 # 不能用，只能是数字和大写字母", "punctuation refused");
	/* B1…: sum 1642, % 31 = 30 -> '1' (check right, department wrong) */
	BAD(validate_uscc("B1350100M000100Y41", &e), "第1位（登记管理部门）不能是 B", "unknown department B refused");
	/* 94…: sum 1649 -> 'R' */
	BAD(validate_uscc("94350100M000100Y4R", &e), "第2位（机构类别）4 与登记部门“市场监管”不符，应为 1、2、3",
	    "kind 4 under 市场监管 refused, allowed kinds listed");
	/* Y2…: sum 1664 -> 'A' */
	BAD(validate_uscc("Y2350100M000100Y4A", &e), "第2位（机构类别）2 与登记部门“其他”不符，应为 1",
	    "department Y only has kind 1");
	/* 91A5…: sum 1703 -> '2' */
	BAD(validate_uscc("91A50100M000100Y42", &e), "第3到8位应为6位数字的行政区划代码", "letter in region code refused");
	BAD(validate_uscc("", &e), "不能为空", "empty refused");
}

/* normalise s and compare */
static void
normal_is(const char *s, const char *want, const char *what)
{
	char buf[64];

	validate_normalise_phone(s, buf, sizeof buf);
	is_str(buf, want, "%s: %s -> %s", what, s, want);
}

static void
test_mobile(void)
{
	char mask[32], num[16];

	GOOD(validate_mobile("13800138000", &e), "13800138000 accepted");
	GOOD(validate_mobile("19912345678", &e), "199… accepted");
	GOOD(validate_mobile("+8613800138000", &e), "+86 prefix accepted");
	GOOD(validate_mobile("008613800138000", &e), "0086 prefix accepted");
	GOOD(validate_mobile("8613800138000", &e), "86 prefix accepted");
	GOOD(validate_mobile("(+86)15812345678", &e), "(+86) prefix accepted");
	GOOD(validate_mobile("（+86）15812345678", &e), "（+86） in full-width brackets accepted");
	normal_is("+8613800138000", "13800138000", "+86 dropped");
	normal_is("008613800138000", "13800138000", "0086 dropped");
	normal_is("8613800138000", "13800138000", "86 dropped");
	normal_is("(+86)15812345678", "15812345678", "(+86) dropped");
	normal_is("13800138000", "13800138000", "plain number unchanged");
	normal_is("+86 1380", "+86 1380", "invalid input left untouched");

	BAD(validate_mobile("", &e), "不能为空", "empty refused");
	BAD(validate_mobile("1380013800", &e), "手机号应为11位，输入的是10位", "10 digits refused");
	BAD(validate_mobile("138001380001", &e), "手机号应为11位，输入的是12位", "12 digits refused");
	BAD(validate_mobile("12800138000", &e), "手机号第2位应为3到9，输入的是 2", "12x refused");
	BAD(validate_mobile("138 0013 8000", &e), "请去掉空格、短横线和括号，只填数字", "blanks refused");
	BAD(validate_mobile("138-0013-8000", &e), "请去掉空格、短横线和括号，只填数字", "hyphens refused");
	BAD(validate_mobile("1380013800a", &e), "只能填数字", "letter refused");
	BAD(validate_mobile("\xEF\xBC\x91" "3800138000", &e), "请用半角数字（切换到英文输入法后重新输入）",
	    "full-width digit refused with hint");
	BAD(validate_phone("+86", &e), "国家或地区代码后面缺少号码", "bare +86 refused");
	BAD(validate_phone("+12025550123", &e), "只能填中国大陆、香港、澳门或台湾的号码", "a US number refused");
	/* a 0 in front of a mobile (dialled from another city) is not a landline */
	BAD(validate_phone("018316417941", &e), "手机号前面不用加 0，请填 18316417941",
	    "0 + mobile: says to drop the 0");
	BAD(validate_phone("013800138000", &e), "手机号前面不用加 0，请填 13800138000",
	    "0 + any mobile: the same");

	/* MIIT's allocation (numplan.c), the whole class: every 3-digit network
	 * code 130..199 is accepted exactly when an operator has it for
	 * phones; blocks given out H0 by H0 are tried digit by digit */
	{
		static const char *const issued[] = {
			"130", "131", "132", "133", "135", "136", "137", "138", "139", "145",
			"147", "149", "150", "151", "152", "153", "155", "156", "157", "158",
			"159", "162", "165", "166", "167", "170", "171", "172", "173", "175",
			"176", "177", "178", "180", "181", "182", "183", "184", "185", "186",
			"187", "188", "189", "190", "191", "192", "193", "195", "196", "197",
			"198", "199"};
		int bad = 0;

		for (int p = 130; p <= 199; p++) {
			int want = 0;

			snprintf(num, sizeof num, "%d12345678", p);
			for (size_t i = 0; i < sizeof issued / sizeof issued[0]; i++)
				want |= atoi(issued[i]) == p;
			if (p == 134 || p == 161 || p == 174)
				continue; /* split by H0, below */
			if ((validate_mobile(num, &e) == 0) != want) {
				bad++;
				diag("%s: %s (%s)", num, want ? "refused" : "accepted", e.msg);
			}
		}
		is_int(bad, 0, "every network code 130-199: accepted exactly when issued for phones");
		for (int h = 0; h <= 9; h++) {
			snprintf(num, sizeof num, "134%d1234567", h);
			/* 13491…: 1349 is issued only with H1 2, 3 and 9 */
			ok((validate_mobile(num, &e) == 0) == (h != 9), "134%d: %s", h,
			   h == 9 ? "13491 not issued" : "中国移动");
			snprintf(num, sizeof num, "161%d1234567", h);
			ok((validate_mobile(num, &e) == 0) == (h == 9), "161%d: %s", h,
			   h == 9 ? "1619 satellite (中国星网)" : "not issued");
		}
		for (int h = 0; h <= 9; h++) {
			snprintf(num, sizeof num, "1349%d123456", h);
			ok((validate_mobile(num, &e) == 0) == (h == 2 || h == 3 || h == 9), "1349%d", h);
			snprintf(num, sizeof num, "1740%d123456", h);
			ok(validate_mobile(num, &e) == 0, "1740%d: satellite, issued", h);
			snprintf(num, sizeof num, "1741%d123456", h);
			ok((validate_mobile(num, &e) == 0) == (h <= 2), "1741%d", h);
			snprintf(num, sizeof num, "174%d1234567", h);
			if (h >= 2 && h <= 8)
				ok(validate_mobile(num, &e) < 0 && strstr(e.msg, "没有分配"), "174%d: not issued: %s",
				   h, e.msg);
		}
	}
	BAD(validate_mobile("16012345678", &e), "1601 开头的手机号段没有分配给任何运营商（工信部号段分配），请核对号码",
	    "160 refused, saying no operator has it");
	BAD(validate_mobile("14612345678", &e), "146 是中国联通的物联网（数据卡）号段，不能收短信，不能作联系电话",
	    "146 (IoT) refused, saying why");
	BAD(validate_mobile("14812345678", &e), "148 是中国移动的物联网（数据卡）号段，不能收短信，不能作联系电话",
	    "148 (IoT) refused");
	BAD(validate_mobile("1440123456789", &e), "144 开头的13位号码是物联网卡号码，不能作联系电话",
	    "13-digit IoT number refused");

	validate_mask_phone("13812345678", mask, sizeof mask);
	is_str(mask, "138****5678", "phone masked as 138****5678");
	validate_mask_phone("+8613812345678", mask, sizeof mask);
	is_str(mask, "138****5678", "prefixed phone masked to the national form");
	validate_mask_phone("87654321", mask, sizeof mask);
	is_str(mask, "87****21", "a non-number is masked like an ID (half hidden)");
	validate_mask_phone("13812345678", mask, 8);
	is_str(mask, "", "too small a buffer gives an empty string, never a partial number");
	validate_mask_phone("0571-87654321", mask, sizeof mask);
	is_str(mask, "0571-****4321", "a landline keeps its area code and last four");
	validate_mask_phone("+85291234567", mask, sizeof mask);
	is_str(mask, "+852****4567", "a Hong Kong mobile keeps +852 and its last four");
}

/* Landlines and mobiles of Hong Kong, Macau and Taiwan are contact numbers
 * too: some customers have nothing else. */
static void
test_phone(void)
{
	static const struct {
		const char *in, *normal;
		enum phone_kind kind;
	} good[] = {
		{"010-62345678", "010-62345678", PHONE_LANDLINE},
		{"01062345678", "010-62345678", PHONE_LANDLINE},
		{"(010)62345678", "010-62345678", PHONE_LANDLINE},
		{"021 6543 2100", "021-65432100", PHONE_LANDLINE},
		{"0571-87654321", "0571-87654321", PHONE_LANDLINE},
		{"0571-8765432", "0571-8765432", PHONE_LANDLINE},
		{"0898-66123456", "0898-66123456", PHONE_LANDLINE},
		{"0377-63123456", "0377-63123456", PHONE_LANDLINE},
		{"+86 10 62345678", "010-62345678", PHONE_LANDLINE},
		{"+861062345678", "010-62345678", PHONE_LANDLINE},
		{"+86-571-87654321", "0571-87654321", PHONE_LANDLINE},
		{"0086 571 8765 4321", "0571-87654321", PHONE_LANDLINE},
		{"+852 9123 4567", "+85291234567", PHONE_HK},
		{"+852-5123-4567", "+85251234567", PHONE_HK},
		{"0085246123456", "+85246123456", PHONE_HK},
		{"+853 6612 3456", "+85366123456", PHONE_MO},
		{"+886 912 345 678", "+886912345678", PHONE_TW},
		{"+886 0912-345-678", "+886912345678", PHONE_TW},
	};
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{"87654321", "固定电话请带区号，如 0571-87654321"},
		{"8765432", "固定电话请带区号，如 0571-87654321"},
		{"0266-1234567", "区号 0266 不是大陆的长途区号，请核对"},
		{"0565-1234567", "区号 0565 不是大陆的长途区号，请核对"}, /* 巢湖, merged into 0551 */
		{"010-1234567", "区号 010 后面应为8位电话号码，输入的是7位"},
		{"0571-123456", "区号 0571 后面应为7或8位电话号码，输入的是6位"},
		{"0571-12345678", "区号后的电话号码不能以 1 开头，请核对"},
		{"+852 2123 4567", "香港手机号应为8位，以4到9开头"},
		{"+852 9123 456", "香港手机号应为8位，以4到9开头"},
		{"+853 2812 3456", "澳门手机号应为8位，以6开头"},
		{"+886 2 2345 6789", "台湾手机号应为 +886 后9位、以9开头（即09开头的10位）"},
		{"23800138000", "应为手机号，或带区号的固定电话（如 0571-87654321）"},
	};

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		GOOD(validate_phone(good[i].in, &e), "%s accepted", good[i].in);
		is_int(validate_phone_kind(good[i].in), good[i].kind, "%s: its kind", good[i].in);
		normal_is(good[i].in, good[i].normal, "stored as");
		GOOD(validate_phone(good[i].normal, &e), "and the stored form %s is valid", good[i].normal);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		BAD(validate_phone(bad[i].in, &e), bad[i].msg, "%s refused", bad[i].in);
	BAD(validate_mobile("010-62345678", &e), "这不是大陆手机号", "validate_mobile takes mobiles only");
	/* every area code of the plan, with an 8-digit number */
	{
		int n = 0, wrong = 0;
		char num[32];

		for (int a = 10; a <= 999; a++) {
			snprintf(num, sizeof num, "0%d", a);
			if (numplan_area_code(num + 1) != strlen(num + 1))
				continue;
			n++;
			snprintf(num, sizeof num, "0%d-23456789", a);
			if (validate_phone(num, &e) < 0) {
				wrong++;
				diag("%s: %s", num, e.msg);
			}
		}
		ok(n > 300, "%d area codes in the plan", n);
		is_int(wrong, 0, "each takes an 8-digit number");
	}
}

static void
test_capacity(void)
{
	double v = -1;

	GOOD(validate_capacity("160", &v, &e), "160 accepted");
	ok(v == 160.0, "160 parsed as 160");
	GOOD(validate_capacity("160.5", &v, &e), "160.5 accepted");
	ok(v == 160.5, "160.5 parsed as 160.5");
	GOOD(validate_capacity("0.01", &v, &e), "0.01 accepted");
	ok(v == 0.01, "0.01 parsed");
	GOOD(validate_capacity("10000000", &v, &e), "the bound 10000000 itself accepted");
	GOOD(validate_capacity("10000000.00", &v, &e), "10000000.00 accepted");
	GOOD(validate_capacity("0160", &v, &e), "a leading zero is harmless");
	ok(v == 160.0, "0160 is 160");
	GOOD(validate_capacity("315", NULL, &e), "out may be NULL");

	BAD(validate_capacity("", &v, &e), "不能为空", "empty refused");
	BAD(validate_capacity(NULL, &v, &e), "不能为空", "NULL refused");
	BAD(validate_capacity("0", &v, &e), "应大于 0", "zero refused");
	BAD(validate_capacity("0.00", &v, &e), "应大于 0", "0.00 refused as zero");
	BAD(validate_capacity("-1", &v, &e), "应为正数，不能是负数", "negative refused");
	BAD(validate_capacity("+160", &v, &e), "直接写数字，不要加正号", "plus sign refused");
	BAD(validate_capacity("1e3", &v, &e), "请直接写数字，不要用科学计数法（如 1e3）", "exponent refused");
	BAD(validate_capacity("1,000", &v, &e), "不要用逗号分隔千位，直接写数字，如 1000", "thousands separator refused");
	BAD(validate_capacity(" 160", &v, &e), "不能有空格", "leading blank refused");
	BAD(validate_capacity("160 ", &v, &e), "不能有空格", "trailing blank refused");
	BAD(validate_capacity("abc", &v, &e), "不是数字：请填写如 160 或 160.5", "letters refused");
	BAD(validate_capacity("160kVA", &v, &e), "不是数字：请填写如 160 或 160.5", "unit refused");
	BAD(validate_capacity("1.2.3", &v, &e), "不是数字：请填写如 160 或 160.5", "two dots refused");
	BAD(validate_capacity(".5", &v, &e), "不是数字：请填写如 160 或 160.5", "missing leading digit refused");
	BAD(validate_capacity("160.", &v, &e), "不是数字：请填写如 160 或 160.5", "dangling dot refused");
	BAD(validate_capacity("160.125", &v, &e), "最多保留两位小数", "three decimals refused");
	BAD(validate_capacity("10000000.01", &v, &e), "太大了：最大 10000000，请检查是否多输了 0", "just over the bound refused");
	BAD(validate_capacity("100000000", &v, &e), "太大了：最大 10000000，请检查是否多输了 0", "extra zero refused");
	BAD(validate_capacity("99999999999999999999999", &v, &e), "太大了：最大 10000000，请检查是否多输了 0",
	    "huge value refused without overflow");
	BAD(validate_capacity("\xEF\xBC\x91\xEF\xBC\x96\xEF\xBC\x90", &v, &e), "请用半角数字（切换到英文输入法后重新输入）",
	    "full-width １６０ refused with hint");
}

static void
test_kv(void)
{
	static const char *const good[] = {"0.22", "0.38", "6", "10", "20", "35", "66", "110", "220"};
	static const double want[] = {0.22, 0.38, 6, 10, 20, 35, 66, 110, 220};
	double v;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		v = -1;
		GOOD(validate_kv(good[i], &v, &e), "%s kV accepted", good[i]);
		ok(v == want[i], "%s kV parsed", good[i]);
	}
	GOOD(validate_kv("10.0", &v, &e), "10.0 accepted as 10");
	GOOD(validate_kv("0.380", &v, &e), "0.380 accepted as 0.38");
	ok(v == 0.38, "0.380 parsed as 0.38");

	BAD(validate_kv("", &v, &e), "不能为空", "empty refused");
	BAD(validate_kv("11", &v, &e), "不是标准供电电压，可选（kV）：0.22、0.38、6、10、20、35、66、110、220",
	    "11 kV refused with the list");
	BAD(validate_kv("500", &v, &e), "不是标准供电电压，可选（kV）：0.22、0.38、6、10、20、35、66、110、220",
	    "500 kV (transmission) refused");
	BAD(validate_kv("0", &v, &e), "不是标准供电电压，可选（kV）：0.22、0.38、6、10、20、35、66、110、220", "0 refused");
	BAD(validate_kv("380", &v, &e), "单位是 kV：380 伏请填 0.38", "380 (volts) explained");
	BAD(validate_kv("0.4", &v, &e), "三相低压请填 0.38（380 伏）", "0.4 pointed to 0.38");
	BAD(validate_kv("10kV", &v, &e), "只填数字，不要带单位 kV", "unit refused");
	BAD(validate_kv("10 kV", &v, &e), "只填数字，不要带单位 kV", "unit with blank refused");
	BAD(validate_kv("abc", &v, &e), "应为电压等级（kV）：0.22、0.38、6、10、20、35、66、110、220", "text refused");
	BAD(validate_kv("-10", &v, &e), "应为电压等级（kV）：0.22、0.38、6、10、20、35、66、110、220", "negative refused");
	BAD(validate_kv("1e1", &v, &e), "请直接写数字，不要用科学计数法（如 1e3）", "exponent refused");
	BAD(validate_kv("10.0001", &v, &e), "不是标准供电电压，可选（kV）：0.22、0.38、6、10、20、35、66、110、220",
	    "too precise refused");
}

static void
test_text(void)
{
	char big[300];

	GOOD(validate_name("国网天津市电力公司", 60, &e), "Chinese name accepted");
	GOOD(validate_name("天津市和平区 南京路 1 号", 200, &e), "address with inner blanks accepted");
	GOOD(validate_name("王", 3, &e), "exactly max_bytes accepted (王 is 3 bytes)");
	BAD(validate_name("王五", 5, &e), "太长了：最多5字节（约1个汉字），现在6字节", "one byte over refused");
	memset(big, 'a', 256);
	big[256] = '\0';
	BAD(validate_name(big, 255, &e), "太长了：最多255字节（约85个汉字），现在256字节", "256 bytes over 255 refused");
	BAD(validate_name("", 60, &e), "不能为空", "empty name refused");
	BAD(validate_name(NULL, 60, &e), "不能为空", "NULL name refused");
	BAD(validate_name("   ", 60, &e), "不能只有空格", "blank-only refused");
	BAD(validate_name("\xE3\x80\x80\xE3\x80\x80", 60, &e), "不能只有空格", "ideographic-blank-only refused");
	BAD(validate_name("张三\n李四", 60, &e), "只能填一行，不能换行", "newline refused");
	BAD(validate_name("张三\r", 60, &e), "只能填一行，不能换行", "carriage return refused");
	BAD(validate_name("张三\t李四", 60, &e), "不能有制表符（Tab），请改成空格", "tab refused");
	BAD(validate_name("张三\x01", 60, &e), "第3个字符是看不见的控制字符，请删除", "control char refused with position");
	BAD(validate_name("ab\x7F", 60, &e), "第3个字符是看不见的控制字符，请删除", "DEL refused");
	BAD(validate_name("ab\xC2\x85", 60, &e), "第3个字符是看不见的控制字符，请删除", "C1 NEL (U+0085) refused");
	BAD(validate_name("张\xE2\x80\xA8三", 60, &e), "只能填一行，不能换行", "U+2028 line separator refused");
	BAD(validate_name("张\xE2\x80\x8B三", 60, &e), "第2个字符是看不见的格式字符（常见于网页复制），请删除",
	    "zero-width space refused");
	BAD(validate_name("\xEF\xBB\xBF张三", 60, &e), "第1个字符是看不见的格式字符（常见于网页复制），请删除", "BOM refused");
	/* "业扩" in GBK */
	BAD(validate_name("\xD2\xB5\xC0\xA9", 60, &e), "含有无法识别的字符（不是 UTF-8 编码，可能是从 GBK 文件复制的）",
	    "GBK bytes refused");

	GOOD(validate_optional_text("", 60, &e), "optional: empty accepted");
	GOOD(validate_optional_text(NULL, 60, &e), "optional: NULL accepted");
	GOOD(validate_optional_text("备注：周三上午联系", 60, &e), "optional: text accepted");
	BAD(validate_optional_text("第一行\n第二行", 60, &e), "只能填一行，不能换行", "optional: newline refused");
	BAD(validate_optional_text("\xD2\xB5\xC0\xA9", 60, &e),
	    "含有无法识别的字符（不是 UTF-8 编码，可能是从 GBK 文件复制的）", "optional: GBK refused");
	BAD(validate_optional_text("abcdef", 5, &e), "太长了：最多5字节（约1个汉字），现在6字节", "optional: too long refused");
}

static void
test_dates(void)
{
	yk_date d = 0;
	char b[YK_DATE_BUFSZ];

	GOOD(validate_date_field("2026-02-03", &d, &e), "2026-02-03 accepted");
	is_str(date_format(d, b), "2026-02-03", "and stored as that day");
	GOOD(validate_date_field("2024-02-29", &d, &e), "leap day 2024 accepted");
	BAD(validate_date_field("2026-02-30", &d, &e), "2026-02-30 这一天不存在（2026年2月只有28天）", "Feb 30 refused");
	BAD(validate_date_field("2026-02-29", &d, &e), "2026-02-29 这一天不存在（2026年2月只有28天）", "2026 not leap");
	BAD(validate_date_field("2026-04-31", &d, &e), "2026-04-31 这一天不存在（2026年4月只有30天）", "Apr 31 refused");
	BAD(validate_date_field("2026-13-01", &d, &e), "月份应为 01 到 12，输入的是 13", "month 13 refused");
	BAD(validate_date_field("2026/02/03", &d, &e), "请用短横线分隔，如 2026-02-03", "slashes refused");
	BAD(validate_date_field("2026.02.03", &d, &e), "请用短横线分隔，如 2026-02-03", "dots refused");
	BAD(validate_date_field("2026-2-3", &d, &e), "月和日都要写两位，如 2026-02-03", "unpadded refused");
	BAD(validate_date_field("20260203", &d, &e), "格式应为 年-月-日，如 2026-02-03", "no separators refused");
	BAD(validate_date_field("2026-02-03 ", &d, &e), "格式应为 年-月-日，如 2026-02-03", "trailing blank refused");
	BAD(validate_date_field("1899-12-31", &d, &e), "年份应在 1900 到 2999 之间", "1899 refused");
	BAD(validate_date_field("", &d, &e), "不能为空", "empty refused");
}

static void
test_meter_passport_other(void)
{
	char big[64];

	GOOD(validate_meter_no("1330001234567890123456", &e), "22-digit State Grid meter number accepted");
	GOOD(validate_meter_no("DD-2024-0815", &e), "letters and hyphens accepted");
	GOOD(validate_meter_no("7", &e), "one character accepted");
	memset(big, '1', 32);
	big[32] = '\0';
	GOOD(validate_meter_no(big, &e), "32 characters accepted");
	big[32] = '1';
	big[33] = '\0';
	BAD(validate_meter_no(big, &e), "太长：最多32位，输入的是33位", "33 characters refused");
	BAD(validate_meter_no("", &e), "不能为空", "empty meter number refused");
	BAD(validate_meter_no("1234 5678", &e), "不能有空格", "blank refused");
	BAD(validate_meter_no("1234_5678", &e), "第5位 _ 不能用，只能是数字、字母和短横线", "underscore refused");
	BAD(validate_meter_no("-12345", &e), "不能以短横线开头或结尾", "leading hyphen refused");
	BAD(validate_meter_no("12345-", &e), "不能以短横线开头或结尾", "trailing hyphen (a cut-off copy) refused");
	BAD(validate_meter_no("电表123", &e), "只能填数字和字母，不能有汉字或其他符号", "Chinese refused");

	GOOD(validate_passport("E12345678", &e), "Chinese passport E12345678 accepted");
	GOOD(validate_passport("ea1234567", &e), "lower case accepted");
	BAD(validate_passport("E123", &e), "应为5到20位字母或数字，输入的是4位", "4 chars refused");
	BAD(validate_passport("E1234567890123456789X", &e), "应为5到20位字母或数字，输入的是21位", "21 chars refused");
	BAD(validate_passport("E-1234567", &e), "第2位 - 不能用，只能是字母和数字", "hyphen refused");

	GOOD(validate_other_id("H12345678", &e), "港澳通行证 number accepted");
	GOOD(validate_other_id("南字第123456号", &e), "Chinese text accepted");
	BAD(validate_other_id("A", &e), "太短：至少2个字符", "1 char refused");
	BAD(validate_other_id("12345678901234567890123456789012345678901", &e), "太长：最多40个字符，现在41个",
	    "41 chars refused");
	BAD(validate_other_id("AB\n12", &e), "只能填一行，不能换行", "newline refused");
	BAD(validate_other_id("  ", &e), "不能只有空格", "blanks refused");
}

static void
test_dispatch(void)
{
	is_str(id_type_code(ID_RESIDENT), "resident-id", "code resident-id");
	is_str(id_type_code(ID_USCC), "uscc", "code uscc");
	is_str(id_type_code(ID_PASSPORT), "passport", "code passport");
	is_str(id_type_code(ID_OTHER), "other", "code other");
	ok(id_type_code((enum id_type)42) == NULL, "no code for an out-of-range type");
	is_int(id_type_from_code("resident-id"), ID_RESIDENT, "resident-id parses");
	is_int(id_type_from_code("uscc"), ID_USCC, "uscc parses");
	is_int(id_type_from_code("passport"), ID_PASSPORT, "passport parses");
	is_int(id_type_from_code("other"), ID_OTHER, "other parses");
	is_int(id_type_from_code("USCC"), -1, "codes are case-sensitive");
	is_int(id_type_from_code(""), -1, "empty code unknown");
	is_int(id_type_from_code(NULL), -1, "NULL code unknown");

	GOOD(validate_id(ID_RESIDENT, "11010519491231002X", today, &e), "dispatch: resident id");
	BAD(validate_id(ID_RESIDENT, "91350100M000100Y43", today, &e), "第9位应为数字，输入的是 M",
	    "dispatch: a USCC is not a resident id");
	GOOD(validate_id(ID_USCC, "91350100M000100Y43", today, &e), "dispatch: uscc");
	GOOD(validate_id(ID_PASSPORT, "E12345678", today, &e), "dispatch: passport");
	GOOD(validate_id(ID_OTHER, "910000199001010012", today, &e), "dispatch: foreign residence card as other");
	BAD(validate_id((enum id_type)42, "x", today, &e), "未知的证件类型", "dispatch: unknown type");
}

static void
test_mask(void)
{
	char out[VALIDATE_MASK_BUFSZ], small[8];

	validate_mask_id("11010519491231002X", out, sizeof out);
	is_str(out, "1101**********002X", "18-char ID keeps 4 + 4");
	validate_mask_id("91350100M000100Y43", out, sizeof out);
	is_str(out, "9135**********0Y43", "USCC keeps 4 + 4");
	validate_mask_id("E12345678", out, sizeof out);
	is_str(out, "E1*****78", "9-char passport keeps 2 + 2 (not more than half)");
	validate_mask_id("12345678", out, sizeof out);
	is_str(out, "12****78", "8 chars keep 2 + 2: exactly half");
	validate_mask_id("1234567", out, sizeof out);
	is_str(out, "1*****7", "7 chars keep 1 + 1");
	validate_mask_id("123", out, sizeof out);
	is_str(out, "***", "3 chars fully hidden");
	validate_mask_id("", out, sizeof out);
	is_str(out, "", "empty stays empty");
	validate_mask_id(NULL, out, sizeof out);
	is_str(out, "", "NULL gives empty");
	validate_mask_id("南字第123456号", out, sizeof out);
	is_str(out, "南字******6号", "Chinese characters masked per character, not per byte");
	validate_mask_id("11010519491231002X", small, sizeof small);
	is_str(small, "1101***", "small buffer: cut, still terminated, nothing extra revealed");
	validate_mask_id("11010519491231002X", out, 0);
	ok(1, "outsz 0 writes nothing");
}

int
main(void)
{
	today = date_from_ymd(2026, 2, 12);
	test_resident_id();
	test_uscc();
	test_mobile();
	test_phone();
	test_capacity();
	test_kv();
	test_text();
	test_dates();
	test_meter_passport_other();
	test_dispatch();
	test_mask();
	return tap_done();
}
