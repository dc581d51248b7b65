#include "config.h"

#include <stdio.h>
#include <string.h>

#include "yekuo/core/date.h"
#include "yekuo/core/error.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/numplan.h"
#include "yekuo/core/text.h"
#include "yekuo/core/validate.h"

/* Messages are short, say what is wrong and, where a likely slip is
 * recognisable (full-width digits from a Chinese IME, a 15-digit old ID, a
 * letter O for a zero), what to do. They never repeat a whole ID number:
 * error text ends up in logs and on screen, and 个人信息保护法 asks us to
 * expose personal data as little as possible. */

/* ---- small helpers ---------------------------------------------------- */

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
to_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Next character of a string that may hold invalid UTF-8: an invalid byte
 * counts as one character with code point 0xFFFD. Returns its byte length. */
static size_t
next_cp(const char *s, size_t len, unsigned *cp)
{
	size_t n = text_utf8_decode(s, len, cp);

	if (n == 0) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

static size_t
count_chars(const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	unsigned cp;

	while (i < len) {
		i += next_cp(s + i, len - i, &cp);
		n++;
	}
	return n;
}

/* Full-width forms (U+FF01..U+FF5E) and the ideographic space come from a
 * Chinese input method left in full-width mode: "１１０１…" looks right on
 * screen but is not a digit, so say so instead of "not a number". */
static int
has_fullwidth(const char *s)
{
	size_t len = strlen(s), i = 0;
	unsigned cp;

	while (i < len) {
		i += next_cp(s + i, len - i, &cp);
		if ((cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000)
			return 1;
	}
	return 0;
}

static int
has_byte(const char *s, const char *set)
{
	return s[strcspn(s, set)] != '\0';
}

static int
has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Common first checks for codes made of ASCII letters and digits. */
static int
code_precheck(const char *s, yk_error *err)
{
	if (!s || !*s)
		return yk_error_set(err, _("不能为空"));
	if (has_fullwidth(s))
		return yk_error_set(err, _("请用半角字符（切换到英文输入法后重新输入）"));
	if (has_non_ascii(s))
		return yk_error_set(err, _("只能填数字和字母，不能有汉字或其他符号"));
	if (has_byte(s, " \t\r\n"))
		return yk_error_set(err, _("不能有空格"));
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return yk_error_set(err, _("含有看不见的控制字符，请删除后重新输入"));
	return 0;
}

/* ---- 公民身份号码, GB 11643-1999 -------------------------------------- */

/* Province-level codes of GB/T 2260 (first two digits of the address code):
 * 11-15 华北, 21-23 东北, 31-37 华东, 41-46 中南, 50-54 西南, 61-65 西北,
 * 71 台湾省, 81 香港, 82 澳门. 83 is not in GB/T 2260: 港澳台居民居住证
 * (issued since 2018-09) carry an ordinary 18-digit 公民身份号码 with the
 * address code 810000, 820000 or 830000 (Taiwan residents), and such a
 * customer will present that number. */
static const int id_provinces[] = {
	11, 12, 13, 14, 15,
	21, 22, 23,
	31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46,
	50, 51, 52, 53, 54,
	61, 62, 63, 64, 65,
	71, 81, 82, 83,
};

static int
id_province_ok(int p)
{
	for (size_t i = 0; i < sizeof id_provinces / sizeof id_provinces[0]; i++)
		if (id_provinces[i] == p)
			return 1;
	return 0;
}

/* GB 11643-1999 校验码 (ISO 7064:1983 MOD 11-2): weights W_i = 2^(i-1) mod 11 for
 * positions 18..2, check = (12 - sum mod 11) mod 11, with 10 written X;
 * "10X98765432"[sum % 11] is the same table. */
static char
id_check_char(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

int
validate_resident_id(const char *s, yk_date today, yk_error *err)
{
	size_t n;
	int y, m, d;
	char last, want, when[YK_DATE_BUFSZ];
	yk_date birth;

	if (code_precheck(s, err) < 0)
		return -1;
	n = strlen(s);
	if (n == 15 && all_digits(s, 15))
		return yk_error_set(err, _("这是15位的第一代身份证号码，已停用，请填写18位号码"));
	if (n != 18)
		return yk_error_set(err, _("应为18位，输入的是%zu位"), n);
	for (int i = 0; i < 17; i++)
		if (!is_digit((unsigned char)s[i]))
			return yk_error_set(err, _("第%d位应为数字，输入的是 %c"), i + 1, s[i]);
	last = (char)to_upper((unsigned char)s[17]);
	if (!is_digit((unsigned char)last) && last != 'X')
		return yk_error_set(err, _("最后一位应为数字或 X，输入的是 %c"), s[17]);

	/* A leading 9 is the 2023 外国人永久居留身份证 (国家移民管理局: "首位
	 * 设置为9 ... 区别于我国公民身份号码首位 1-8"): a different document. */
	if (s[0] == '9')
		return yk_error_set(err, _("9 开头的是外国人永久居留身份证，请选“其他证件”"));
	if (!id_province_ok((s[0] - '0') * 10 + (s[1] - '0')))
		return yk_error_set(err, _("前两位 %.2s 不是有效的省份代码"), s);

	/* GB 11643-1999 出生日期码: YYYYMMDD as in GB/T 7408. */
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1900)
		return yk_error_set(err, _("出生日期 %04d-%02d-%02d 早于 1900 年，请核对"), y, m, d);
	if (y > 2999 || !date_valid_ymd(y, m, d))
		return yk_error_set(err, _("出生日期 %04d-%02d-%02d 不存在"), y, m, d);
	birth = date_from_ymd(y, m, d);
	if (today != YK_DATE_NONE && birth > today)
		return yk_error_set(err, _("出生日期 %04d-%02d-%02d 晚于受理日期 %s，请核对号码或受理日期"),
				    y, m, d, date_format(today, when));

	/* Checked last, so that this message appears only when everything
	 * else is plausible; "逐位核对" because a slip in any digit shows up
	 * here and changing the last digit to fit would hide it. */
	want = id_check_char(s);
	if (last != want)
		return yk_error_set(err, _("校验码应为 %c，输入的是 %c，请逐位核对"), want, s[17]);
	return 0;
}

/* ---- 统一社会信用代码, GB 32100-2015 ---------------------------------- */

/* GB 32100-2015 代码结构: the code uses digits and upper-case letters except
 * I, O, Z, S, V; a character's value is its index in this string. */
static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* 登记管理部门代码 (1st char) and the 机构类别代码 (2nd char) allowed for
 * each. GB 32100-2015 (5.2, Table 1) lists only 1 机构编制, 5 民政,
 * 9 工商 and Y 其他 and leaves further codes to the code authority
 * (全国组织机构统一社会信用代码数据服务中心, CODS), which has assigned:
 *   - 2 外交 … A 中央军委改革和编制办公室, N 农业, with their categories:
 *     the CODS table of 2016 (国家标准委 / CODS 《统一社会信用代码 登记
 *     管理部门代码和机构类别代码》, as restated by most validators);
 *   - 民政 4 and 5 for 基层群众性自治组织 — 村民委员会 54…, 居民委员会
 *     55… — since they became special legal persons (民法典 第九十六条,
 *     2021) and were given codes by 民政部门;
 *   - G (category 1), J and Q, found on codes CODS has issued since; no
 *     published name was at hand, so any category digit of J and Q is
 *     taken.
 * An unknown department is the more likely typo than a table that has
 * grown again; should it grow, add a row here with its source. */
static const struct uscc_dept {
	char code;
	const char *name;
	const char *kinds;
} uscc_depts[] = {
	{'1', N_("机构编制"), "1239"},	/* 机关, 事业单位, 中央编办管理的群众团体, 其他 */
	{'2', N_("外交"), "19"},		/* 外国常驻新闻机构, 其他 */
	{'3', N_("司法行政"), "123459"},	/* 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他 */
	{'4', N_("文化"), "19"},		/* 外国在华文化中心, 其他 */
	{'5', N_("民政"), "123459"},	/* 社会团体, 民办非企业单位, 基金会, 村民委员会, 居民委员会, 其他 */
	{'6', N_("旅游"), "129"},		/* 外国/港澳台旅游部门常驻代表机构, 其他 */
	{'7', N_("宗教"), "129"},		/* 宗教活动场所, 宗教院校, 其他 */
	{'8', N_("工会"), "19"},		/* 基层工会, 其他 */
	{'9', N_("市场监管"), "123"},	/* 企业, 个体工商户, 农民专业合作社 */
	{'A', N_("中央军委改革和编制办公室"), "19"},	/* 军队事业单位, 其他 */
	{'G', "G", "1"},		/* issued by CODS since; see above */
	{'J', "J", "123456789"},	/* issued by CODS since; see above */
	{'N', N_("农业"), "1239"},		/* 组级/村级/乡镇级集体经济组织, 其他 */
	{'Q', "Q", "123456789"},	/* issued by CODS since; see above */
	{'Y', N_("其他"), "1"},		/* not subdivided: always 1 */
};

static const struct uscc_dept *
uscc_dept(int c)
{
	for (size_t i = 0; i < sizeof uscc_depts / sizeof uscc_depts[0]; i++)
		if (uscc_depts[i].code == c)
			return &uscc_depts[i];
	return NULL;
}

/* GB 32100-2015 校验码 (after GB/T 17710, i.e. ISO 7064): weights
 * W_i = 3^(i-1) mod 31, C18 = 31 - (sum mod 31), with 31 written 0. */
static char
uscc_check_char(const char *s)
{
	static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_chars, to_upper((unsigned char)s[i])) - uscc_chars) * w[i];
	return uscc_chars[(31 - sum % 31) % 31];
}

/* GB 11714-1997 全国组织机构代码编制规则: 8 characters (digits and
 * upper-case letters, A=10 … Z=35) and a check character C9 = 11 - (sum of
 * Ci × Wi mod 11), W = 3 7 9 10 5 8 4 2, written X for 10 and 0 for 11. */
static char
org_check_char(const char *s)
{
	static const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0, c;

	for (int i = 0; i < 8; i++) {
		int ch = to_upper((unsigned char)s[i]);

		sum += (is_digit(ch) ? ch - '0' : ch - 'A' + 10) * w[i];
	}
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

int
validate_uscc(const char *s, yk_error *err)
{
	const struct uscc_dept *dept;
	size_t n;
	char want, list[32];

	if (code_precheck(s, err) < 0)
		return -1;
	n = strlen(s);
	if (n == 15 && all_digits(s, 15))
		return yk_error_set(err, _("这是15位的旧营业执照注册号，请填写18位统一社会信用代码"));
	if (n != 18)
		return yk_error_set(err, _("应为18位，输入的是%zu位"), n);
	for (size_t i = 0; i < n; i++) {
		int c = to_upper((unsigned char)s[i]);

		/* The five letters are left out because they look like 1 0 2
		 * 5 U; point the user at the digit they probably meant. */
		if (c == 'I' || c == 'O' || c == 'Z' || c == 'S' || c == 'V') {
			const char *hint = c == 'I' ? _("，应该是数字 1 吧") : c == 'O' ? _("，应该是数字 0 吧") :
			    c == 'Z' ? _("，应该是数字 2 吧") : c == 'S' ? _("，应该是数字 5 吧") : "";
			return yk_error_set(err, _("第%zu位不能是字母 %c（代码不用 I、O、Z、S、V）%s"),
			    i + 1, c, hint);
		}
		if (!is_alnum(c))
			return yk_error_set(err, _("第%zu位 %c 不能用，只能是数字和大写字母"), i + 1, s[i]);
	}

	dept = uscc_dept(to_upper((unsigned char)s[0]));
	if (!dept)
		return yk_error_set(err, _("第1位（登记管理部门）不能是 %c"), s[0]);
	if (!strchr(dept->kinds, s[1])) {
		size_t k = 0;

		for (const char *p = dept->kinds; *p; p++)
			k += (size_t)snprintf(list + k, sizeof list - k, "%s%c",
			    p == dept->kinds ? "" : _("、"), *p);
		return yk_error_set(err, _("第2位（机构类别）%c 与登记部门“%s”不符，应为 %s"),
		    s[1], _(dept->name), list);
	}
	/* 第3-8位 登记管理机关行政区划码 (GB/T 2260). Only digits are
	 * checked: central bodies register under 100000, which is not a
	 * province, and the full GB/T 2260 list changes every year. */
	if (!all_digits(s + 2, 6))
		return yk_error_set(err, _("第3到8位应为6位数字的行政区划代码"));
	want = uscc_check_char(s);
	if (to_upper((unsigned char)s[17]) != want)
		return yk_error_set(err, _("校验码应为 %c，输入的是 %c，请逐位核对"), want, s[17]);
	/* 第9-17位 is the 主体标识码, the GB 11714 organisation code with its
	 * own check character: C18 passing, a wrong one here is a code made up
	 * or copied from a wrong source, not a slip of one digit */
	want = org_check_char(s + 8);
	if (to_upper((unsigned char)s[16]) != want)
		return yk_error_set(err, _("第9到17位（组织机构代码）的校验码应为 %c，输入的是 %c，请核对"),
				    want, s[16]);
	return 0;
}

/* ---- passport and others ---------------------------------------------- */

/* ICAO Doc 9303 document numbers use A-Z and 0-9 only; numbers from all
 * issuing states fall in 5..20 (Chinese ones are 9: E12345678, EA1234567). */
int
validate_passport(const char *s, yk_error *err)
{
	size_t n;

	if (code_precheck(s, err) < 0)
		return -1;
	n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!is_alnum((unsigned char)s[i]))
			return yk_error_set(err, _("第%zu位 %c 不能用，只能是字母和数字"), i + 1, s[i]);
	if (n < 5 || n > 20)
		return yk_error_set(err, _("应为5到20位字母或数字，输入的是%zu位"), n);
	return 0;
}

static int check_text(const char *s, size_t max_bytes, int required, yk_error *err);

/* 港澳台通行证, 外国人永久居留身份证, 军官证 …: formats too varied to check
 * further, but the value is still one clean line of reasonable length. */
int
validate_other_id(const char *s, yk_error *err)
{
	size_t n;

	if (check_text(s, (size_t)-1, 1, err) < 0)
		return -1;
	n = count_chars(s);
	if (n < 2)
		return yk_error_set(err, _("太短：至少2个字符"));
	if (n > VALIDATE_OTHER_ID_CHARS)
		return yk_error_set(err, _("太长：最多%d个字符，现在%zu个"), VALIDATE_OTHER_ID_CHARS, n);
	return 0;
}

int
validate_id(enum id_type t, const char *s, yk_date today, yk_error *err)
{
	switch (t) {
	case ID_RESIDENT:
		return validate_resident_id(s, today, err);
	case ID_USCC:
		return validate_uscc(s, err);
	case ID_PASSPORT:
		return validate_passport(s, err);
	case ID_OTHER:
		return validate_other_id(s, err);
	}
	return yk_error_set(err, _("未知的证件类型"));
}

static const char *const id_codes[] = {
	[ID_RESIDENT] = "resident-id",
	[ID_USCC] = "uscc",
	[ID_PASSPORT] = "passport",
	[ID_OTHER] = "other",
};

const char *
id_type_code(enum id_type t)
{
	if ((unsigned)t >= sizeof id_codes / sizeof id_codes[0])
		return NULL;
	return id_codes[t];
}

int
id_type_from_code(const char *code)
{
	if (!code)
		return -1;
	for (size_t i = 0; i < sizeof id_codes / sizeof id_codes[0]; i++)
		if (strcmp(code, id_codes[i]) == 0)
			return (int)i;
	return -1;
}

void
validate_normalise_id(char *s)
{
	if (!s)
		return;
	for (; *s; s++)
		*s = (char)to_upper((unsigned char)*s);
}

/* ---- contact number --------------------------------------------------- */

/* A customer's contact number: a mainland mobile of a block some operator
 * was given (numplan.c, MIIT's allocation), a mainland landline with its
 * area code, or a Hong Kong, Macau or Taiwan mobile — some customers have
 * nothing else. Notices by SMS go to mobile numbers only.
 *
 * People copy numbers from contacts and signatures in international form,
 * so "+86", "(+86)", "0086" (the international call prefix) and a bare "86"
 * in front of exactly 11 digits are taken as the country code. A mainland
 * mobile is 11 digits and nothing else: blanks and hyphens are refused, not
 * silently removed. A landline or a number abroad is conventionally
 * written with blanks, hyphens or an area code in brackets; those are
 * separators, and the stored form is rebuilt from the digits checked:
 * "0571-87654321", "+85291234567". */

struct phone {
	enum phone_kind kind;
	char digits[24];	/* after the country code; a landline's without its 0 */
	size_t area;		/* landline: the area code's length */
};

/* Hong Kong: 8 digits; mobile numbers lead with 5, 6 or 9, and since 2018
 * also 4, 7 and 8 (OFCA press release 2018-02-05, "Mobile Numbers with New
 * Prefixes Soon be Launched"); 2 and 3 are fixed lines. Macau: 8 digits,
 * mobile numbers lead with 6 (DSRT numbering plan). Taiwan: mobile numbers
 * are 09 and 8 digits, +886 9XXXXXXXX from abroad (NCC 電信號碼分配). */
static const struct abroad {
	const char *code;	/* country code */
	enum phone_kind kind;
	const char *first;	/* the leading digits a mobile number may have */
	size_t len;		/* its digits after the country code */
	const char *what;
} abroad[] = {
	{"852", PHONE_HK, "456789", 8, N_("香港手机号应为8位，以4到9开头")},
	{"853", PHONE_MO, "6", 8, N_("澳门手机号应为8位，以6开头")},
	{"886", PHONE_TW, "9", 9, N_("台湾手机号应为 +886 后9位、以9开头（即09开头的10位）")},
};

static int
parse_mobile(const char *d, yk_error *err)
{
	const struct mobile_block *b;
	size_t n = strlen(d);

	if (n == 13 && d[1] == '4' && d[2] >= '0' && d[2] <= '4')
		return yk_error_set(err, _("%.3s 开头的13位号码是物联网卡号码，不能作联系电话"), d);
	if (n != 11)
		return yk_error_set(err, _("手机号应为11位，输入的是%zu位"), n);
	if (d[1] < '3')
		return yk_error_set(err, _("手机号第2位应为3到9，输入的是 %c"), d[1]);
	b = numplan_mobile_block(d);
	if (!b)
		return yk_error_set(err, _("%.4s 开头的手机号段没有分配给任何运营商（工信部号段分配），请核对号码"), d);
	if (b->use == MOBILE_IOT)
		return yk_error_set(err, _("%.3s 是%s的物联网（数据卡）号段，不能收短信，不能作联系电话"), d,
				    _(b->operator_zh));
	return 0;
}

/* A landline's national digits (without the trunk 0). */
static int
parse_landline(struct phone *p, yk_error *err)
{
	const char *d = p->digits;
	size_t n = strlen(d), local;

	p->area = numplan_area_code(d);
	if (!p->area)
		return yk_error_set(err, _("区号 0%.3s 不是大陆的长途区号，请核对"), d);
	local = n - p->area;
	if (p->area == 2 ? local != 8 : local < 7 || local > 8)
		return yk_error_set(err, _("区号 0%.*s 后面应为%s位电话号码，输入的是%zu位"), (int)p->area, d,
				    p->area == 2 ? "8" : _("7或8"), local);
	/* 0 and 1 begin no subscriber number (1: special services; 9: 95xxx
	 * service numbers, not a customer's line) */
	if (d[p->area] < '2' || d[p->area] > '8')
		return yk_error_set(err, _("区号后的电话号码不能以 %c 开头，请核对"), d[p->area]);
	p->kind = PHONE_LANDLINE;
	return 0;
}

static int
parse_phone(const char *s, struct phone *p, yk_error *err)
{
	const struct abroad *ab = NULL;
	const char *r = s;
	size_t n = 0, seps = 0;
	int cn = 0;

	memset(p, 0, sizeof *p);
	if (!s || !*s)
		return yk_error_set(err, _("不能为空"));
	if (has_fullwidth(s) && strncmp(s, "（+86）", strlen("（+86）")) != 0)
		return yk_error_set(err, _("请用半角数字（切换到英文输入法后重新输入）"));
	/* the country code */
	if (strncmp(r, "(+86)", 5) == 0)
		r += 5, cn = 1;
	else if (strncmp(r, "（+86）", strlen("（+86）")) == 0)
		r += strlen("（+86）"), cn = 1;
	else if (strncmp(r, "+86", 3) == 0)
		r += 3, cn = 1;
	else if (strncmp(r, "0086", 4) == 0)
		r += 4, cn = 1;
	for (size_t i = 0; !cn && i < sizeof abroad / sizeof abroad[0]; i++) {
		size_t k = strlen(abroad[i].code);

		if (r[0] == '+' && strncmp(r + 1, abroad[i].code, k) == 0)
			ab = &abroad[i], r += 1 + k;
		else if (strncmp(r, "00", 2) == 0 && strncmp(r + 2, abroad[i].code, k) == 0)
			ab = &abroad[i], r += 2 + k;
	}
	if (!cn && !ab && r[0] == '+')
		return yk_error_set(err, _("只能填中国大陆、香港、澳门或台湾的号码"));
	/* digits and separators */
	for (const char *c = r; *c; c++) {
		if (is_digit((unsigned char)*c)) {
			if (n + 1 >= sizeof p->digits)
				return yk_error_set(err, _("号码太长了"));
			p->digits[n++] = *c;
		} else if (strchr(" -()", *c)) {
			seps++;
		} else {
			return yk_error_set(err, _("只能填数字"));
		}
	}
	p->digits[n] = '\0';
	if (n == 0)
		return yk_error_set(err, cn || ab ? _("国家或地区代码后面缺少号码") : _("只能填数字"));
	if (ab) {
		const char *d = p->digits;

		if (ab->kind == PHONE_TW && d[0] == '0') /* +886 09…: the trunk 0 kept */
			memmove(p->digits, d + 1, n--);
		if (n != ab->len || !strchr(ab->first, d[0]))
			return yk_error_set(err, "%s", _(ab->what));
		p->kind = ab->kind;
		return 0;
	}
	/* "86" in front of an 11-digit mobile: a country code without its + */
	if (!cn && n == 13 && seps == 0 && strncmp(p->digits, "861", 3) == 0) {
		memmove(p->digits, p->digits + 2, 12);
		n = 11;
	}
	/* after +86, 10… is Beijing's area code: no mobile starts 10 */
	if (p->digits[0] == '1' && !(cn && p->digits[1] == '0')) {
		if (seps)
			return yk_error_set(err, _("请去掉空格、短横线和括号，只填数字"));
		if (parse_mobile(p->digits, err) < 0)
			return -1;
		p->kind = PHONE_MOBILE;
		return 0;
	}
	if (p->digits[0] == '0') {
		/* 0 in front of a mobile: what one dials from another city */
		if (n == 12 && p->digits[1] == '1' && !cn)
			return yk_error_set(err, _("手机号前面不用加 0，请填 %s"), p->digits + 1);
		memmove(p->digits, p->digits + 1, n--);
		return parse_landline(p, err);
	}
	if (cn)
		return parse_landline(p, err);
	if (n == 7 || n == 8)
		return yk_error_set(err, _("固定电话请带区号，如 0571-87654321"));
	return yk_error_set(err, _("应为手机号，或带区号的固定电话（如 0571-87654321）"));
}

int
validate_phone(const char *s, yk_error *err)
{
	struct phone p;

	return parse_phone(s, &p, err);
}

enum phone_kind
validate_phone_kind(const char *s)
{
	struct phone p;

	return parse_phone(s, &p, NULL) < 0 ? PHONE_NONE : p.kind;
}

int
validate_mobile(const char *s, yk_error *err)
{
	struct phone p;

	if (parse_phone(s, &p, err) < 0)
		return -1;
	if (p.kind != PHONE_MOBILE)
		return yk_error_set(err, _("这不是大陆手机号"));
	return 0;
}

void
validate_normalise_phone(const char *s, char *out, size_t outsz)
{
	struct phone p;

	if (!out || outsz == 0)
		return;
	if (parse_phone(s, &p, NULL) < 0) {
		snprintf(out, outsz, "%s", s ? s : "");
		return;
	}
	switch (p.kind) {
	case PHONE_LANDLINE:
		snprintf(out, outsz, "0%.*s-%s", (int)p.area, p.digits, p.digits + p.area);
		break;
	case PHONE_HK:
	case PHONE_MO:
	case PHONE_TW:
		snprintf(out, outsz, "+%s%s", p.kind == PHONE_HK ? "852" : p.kind == PHONE_MO ? "853" : "886",
			 p.digits);
		break;
	default:
		snprintf(out, outsz, "%s", p.digits);
		break;
	}
}

/* ---- numbers ---------------------------------------------------------- */

enum dec_status {
	DEC_OK,
	DEC_EMPTY,
	DEC_BLANK,
	DEC_FULLWIDTH,
	DEC_MINUS,
	DEC_PLUS,
	DEC_EXPONENT,
	DEC_COMMA,
	DEC_DECIMALS,
	DEC_SYNTAX,
	DEC_TOO_BIG,
};

/* Plain decimal "123" or "123.45": digits, at most one '.', with digits on
 * both sides, at most maxdec decimals. The value goes to *scaled in units
 * of 10^-maxdec, so later comparisons are exact integers. Values whose
 * integer part has more than `maxint` digits are DEC_TOO_BIG. */
static enum dec_status
parse_decimal(const char *s, int maxdec, int maxint, long long *scaled)
{
	const char *p, *dot;
	long long ip = 0, fp = 0;
	int nint = 0, ndec = 0;

	if (!s || !*s)
		return DEC_EMPTY;
	if (has_fullwidth(s))
		return DEC_FULLWIDTH;
	if (has_byte(s, " \t\r\n"))
		return DEC_BLANK;
	if (s[0] == '-')
		return DEC_MINUS;
	if (s[0] == '+')
		return DEC_PLUS;
	/* ASCII comma, or the full-width/ideographic ones from an IME */
	if (has_byte(s, ",") || strstr(s, "\xEF\xBC\x8C") || strstr(s, "\xE3\x80\x81"))
		return DEC_COMMA;
	for (p = s; is_digit((unsigned char)*p) || *p == '.'; p++)
		;
	if ((*p == 'e' || *p == 'E') && p > s)
		return DEC_EXPONENT;
	if (*p)
		return DEC_SYNTAX;
	dot = strchr(s, '.');
	if (dot && (dot == s || !dot[1] || strchr(dot + 1, '.')))
		return DEC_SYNTAX;
	for (p = s; is_digit((unsigned char)*p); p++) {
		if (nint == 0 && *p == '0')
			continue;	/* leading zeros carry no value */
		if (++nint > maxint)
			return DEC_TOO_BIG;
		ip = ip * 10 + (*p - '0');
	}
	if (dot) {
		for (p = dot + 1; *p; p++) {
			if (++ndec > maxdec)
				return DEC_DECIMALS;
			fp = fp * 10 + (*p - '0');
		}
	}
	for (int i = ndec; i < maxdec; i++)
		fp *= 10;
	for (int i = 0; i < maxdec; i++)
		ip *= 10;
	*scaled = ip + fp;
	return DEC_OK;
}

/* Messages shared by the number fields; NULL for statuses each field words
 * on its own. */
static const char *
dec_message(enum dec_status st)
{
	switch (st) {
	case DEC_EMPTY:
		return _("不能为空");
	case DEC_FULLWIDTH:
		return _("请用半角数字（切换到英文输入法后重新输入）");
	case DEC_BLANK:
		return _("不能有空格");
	case DEC_PLUS:
		return _("直接写数字，不要加正号");
	case DEC_EXPONENT:
		return _("请直接写数字，不要用科学计数法（如 1e3）");
	case DEC_COMMA:
		return _("不要用逗号分隔千位，直接写数字，如 1000");
	default:
		return NULL;
	}
}

/* Capacity (kVA, 报装/运行容量). Why a bound: 10,000,000 kVA (10,000 MVA)
 * is several times the largest single customer connection in China (even
 * big smelters are in the low thousands of MVA), so a larger value is a
 * slip such as an extra zero or an ID pasted into the wrong field, and it
 * would otherwise silently distort every total and threshold downstream.
 * The integer part is limited to 9 digits before conversion, so nothing
 * can overflow. Two decimals are what the business forms carry. */
int
validate_capacity(const char *s, double *out, yk_error *err)
{
	long long v = 0;
	enum dec_status st = parse_decimal(s, 2, 9, &v);
	const char *msg = dec_message(st);

	if (msg)
		return yk_error_set(err, "%s", msg);
	switch (st) {
	case DEC_OK:
		break;
	case DEC_MINUS:
		return yk_error_set(err, _("应为正数，不能是负数"));
	case DEC_DECIMALS:
		return yk_error_set(err, _("最多保留两位小数"));
	case DEC_TOO_BIG:
		return yk_error_set(err, _("太大了：最大 10000000，请检查是否多输了 0"));
	default:
		return yk_error_set(err, _("不是数字：请填写如 160 或 160.5"));
	}
	if (v == 0)
		return yk_error_set(err, _("应大于 0"));
	if (v > (long long)(VALIDATE_CAPACITY_MAX * 100))
		return yk_error_set(err, _("太大了：最大 10000000，请检查是否多输了 0"));
	if (out)
		*out = (double)v / 100.0;
	return 0;
}

/* Supply voltages (kV) of GB/T 156-2017 标准电压 that 供电营业规则 uses for
 * customers: 220/380 V low voltage, 10/35/110/220 kV, 66 kV in the
 * north-east, 20 kV in newer urban networks, 6 kV in legacy plant
 * networks. In thousandths of a kV so that comparisons are exact. */
static const long long kv_allowed[] = {220, 380, 6000, 10000, 20000, 35000, 66000, 110000, 220000};
#define KV_LIST "0.22、0.38、6、10、20、35、66、110、220"

int
validate_kv(const char *s, double *out, yk_error *err)
{
	long long v = 0;
	enum dec_status st = parse_decimal(s, 3, 7, &v);
	const char *msg = dec_message(st);
	size_t n;

	if (s && (n = strlen(s)) > 2 && (s[n - 2] == 'k' || s[n - 2] == 'K') &&
	    (s[n - 1] == 'v' || s[n - 1] == 'V'))
		return yk_error_set(err, _("只填数字，不要带单位 kV"));
	if (msg)
		return yk_error_set(err, "%s", msg);
	if (st != DEC_OK && st != DEC_DECIMALS && st != DEC_TOO_BIG)
		return yk_error_set(err, _("应为电压等级（kV）：%s"), KV_LIST);
	if (st == DEC_OK) {
		for (size_t i = 0; i < sizeof kv_allowed / sizeof kv_allowed[0]; i++) {
			if (v == kv_allowed[i]) {
				if (out)
					*out = (double)v / 1000.0;
				return 0;
			}
		}
		/* volts typed where kV was meant, and 0.4 kV as it is often
		 * written after the transformer's secondary rating */
		if (v == 380000 || v == 400000)
			return yk_error_set(err, _("单位是 kV：380 伏请填 0.38"));
		if (v == 400)
			return yk_error_set(err, _("三相低压请填 0.38（380 伏）"));
	}
	return yk_error_set(err, _("不是标准供电电压，可选（kV）：%s"), KV_LIST);
}

/* ---- meter number ----------------------------------------------------- */

/* 电能表资产编号: State Grid meters carry a 22-digit bar-code number
 * (Q/GDW 1205), other utilities and older meters use letters and hyphens,
 * so accept 1-32 of [0-9A-Za-z-] rather than one utility's format. Case is
 * kept as printed on the nameplate. A hyphen at either end is a cut-off
 * copy, so it is refused. */
int
validate_meter_no(const char *s, yk_error *err)
{
	size_t n;

	if (code_precheck(s, err) < 0)
		return -1;
	n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!is_alnum((unsigned char)s[i]) && s[i] != '-')
			return yk_error_set(err, _("第%zu位 %c 不能用，只能是数字、字母和短横线"),
			    i + 1, s[i]);
	if (n > VALIDATE_METER_MAX)
		return yk_error_set(err, _("太长：最多%d位，输入的是%zu位"), VALIDATE_METER_MAX, n);
	if (s[0] == '-' || s[n - 1] == '-')
		return yk_error_set(err, _("不能以短横线开头或结尾"));
	return 0;
}

/* ---- text ------------------------------------------------------------- */

static int
is_blank_cp(unsigned cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x3000;
}

static int
check_text(const char *s, size_t max_bytes, int required, yk_error *err)
{
	size_t len, i = 0, n;
	int pos = 0, blank = 1;
	unsigned cp;

	if (!s)
		s = "";
	len = strlen(s);
	if (len == 0)
		return required ? yk_error_set(err, _("不能为空")) : 0;
	if (!text_valid_utf8(s, len))
		return yk_error_set(err, _("含有无法识别的字符（不是 UTF-8 编码，可能是从 GBK 文件复制的）"));
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		i += n;
		pos++;
		if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			return yk_error_set(err, _("只能填一行，不能换行"));
		if (cp == '\t')
			return yk_error_set(err, _("不能有制表符（Tab），请改成空格"));
		/* C0, DEL and C1 controls (ISO/IEC 6429) */
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return yk_error_set(err, _("第%d个字符是看不见的控制字符，请删除"), pos);
		if (text_is_invisible(cp))
			return yk_error_set(err, _("第%d个字符是看不见的格式字符（常见于网页复制），请删除"), pos);
		if (!is_blank_cp(cp))
			blank = 0;
	}
	if (blank && required)
		return yk_error_set(err, _("不能只有空格"));
	if (len > max_bytes)
		return yk_error_set(err, _("太长了：最多%zu字节（约%zu个汉字），现在%zu字节"),
		    max_bytes, max_bytes / 3, len);
	return 0;
}

int
validate_name(const char *s, size_t max_bytes, yk_error *err)
{
	return check_text(s, max_bytes, 1, err);
}

int
validate_optional_text(const char *s, size_t max_bytes, yk_error *err)
{
	return check_text(s, max_bytes, 0, err);
}

/* ---- dates ------------------------------------------------------------ */

/* "2026-2-3": the right shape with a one-digit month or day. */
static int
short_ymd(const char *s)
{
	size_t a, b;

	if (!all_digits(s, 4) || s[4] != '-')
		return 0;
	s += 5;
	a = strspn(s, "0123456789");
	if ((a != 1 && a != 2) || s[a] != '-')
		return 0;
	s += a + 1;
	b = strspn(s, "0123456789");
	return (b == 1 || b == 2) && s[b] == '\0';
}

int
validate_date_field(const char *s, yk_date *out, yk_error *err)
{
	int y, m;
	yk_date v;

	if (!s || !*s)
		return yk_error_set(err, _("不能为空"));
	if (has_fullwidth(s))
		return yk_error_set(err, _("请用半角数字（切换到英文输入法后重新输入）"));
	if (strlen(s) == 10 && all_digits(s, 4) && all_digits(s + 5, 2) && all_digits(s + 8, 2) &&
	    s[4] == s[7] && (s[4] == '/' || s[4] == '.'))
		return yk_error_set(err, _("请用短横线分隔，如 2026-02-03"));
	if (strlen(s) != 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) ||
	    s[7] != '-' || !all_digits(s + 8, 2)) {
		if (short_ymd(s))
			return yk_error_set(err, _("月和日都要写两位，如 2026-02-03"));
		return yk_error_set(err, _("格式应为 年-月-日，如 2026-02-03"));
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1900 || y > 2999)
		return yk_error_set(err, _("年份应在 1900 到 2999 之间"));
	if (m < 1 || m > 12)
		return yk_error_set(err, _("月份应为 01 到 12，输入的是 %02d"), m);
	if (date_parse(s, &v) < 0)
		return yk_error_set(err, _("%s 这一天不存在（%d年%d月只有%d天）"), s, y, m,
		    date_days_in_month(y, m));
	if (out)
		*out = v;
	return 0;
}

/* ---- masking ---------------------------------------------------------- */

struct outbuf {
	char *p;
	size_t size, len;
	int full;
};

/* Append whole characters only; once one does not fit, stop for good so
 * the output is a clean prefix and never skips ahead. */
static void
put(struct outbuf *o, const char *s, size_t n)
{
	if (o->full || o->len + n >= o->size) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

/* Show at most 4 characters at each end and never more than half of the
 * value, so that short values are not given away: k = min(4, n / 4). The
 * star count equals the hidden length, which is harmless (ID lengths are
 * public knowledge) and lets the user see a value is complete. */
void
validate_mask_id(const char *id, char *out, size_t outsz)
{
	struct outbuf o = {out, outsz, 0, 0};
	size_t len, n, k, i = 0, c = 0, cl;
	unsigned cp;

	if (!out || outsz == 0)
		return;
	out[0] = '\0';
	if (!id)
		return;
	len = strlen(id);
	n = count_chars(id);
	k = n / 4 < 4 ? n / 4 : 4;
	while (i < len) {
		cl = text_utf8_decode(id + i, len - i, &cp);
		if (c < k || c >= n - k) {
			if (cl == 0)
				put(&o, "?", 1);
			else
				put(&o, id + i, cl);
		} else {
			put(&o, "*", 1);
		}
		i += cl ? cl : 1;
		c++;
	}
}

/* The usual Chinese mobile mask 138****5678 keeps the network prefix and
 * the last four digits (what people quote to identify a line) and hides
 * the 4-digit HLR/area part; a landline keeps its area code, a number
 * abroad its country code, and both their last four digits. */
void
validate_mask_phone(const char *p, char *out, size_t outsz)
{
	struct phone ph;
	char normal[32];
	size_t n, keep;

	if (!out || outsz == 0)
		return;
	out[0] = '\0';
	if (!p)
		return;
	if (parse_phone(p, &ph, NULL) < 0) {
		validate_mask_id(p, out, outsz);
		return;
	}
	validate_normalise_phone(p, normal, sizeof normal);
	n = strlen(normal);
	if (outsz <= n)
		return;
	keep = ph.kind == PHONE_MOBILE ? 3 : ph.kind == PHONE_LANDLINE ? ph.area + 2 : 4;
	for (size_t i = 0; i < n; i++)
		out[i] = i < keep || i + 4 >= n ? normal[i] : '*';
	out[n] = '\0';
}
