#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/csv.h"
#include "yekuo/core/encoding.h"
#include "yekuo/core/xalloc.h"

/* A writer over a temporary file; finish() returns what landed in it. */
struct sink {
	FILE *f;
	struct yk_encoder *enc;
	struct yk_csv_writer w;
	yk_error err;
};

static void
start(struct sink *s, enum yk_encoding enc)
{
	memset(s, 0, sizeof *s);
	s->f = tmpfile();
	s->enc = encoder_open(s->f, "out.csv", enc, &s->err);
	csv_writer_init(&s->w, s->enc);
}

/* The bytes written, NUL-terminated (NULL on any error, then s->err). */
static char *
finish(struct sink *s, size_t *n)
{
	size_t cap = 256, got = 0, k;
	char *buf;
	int rc = csv_writer_status(&s->w, &s->err);

	if (encoder_close(s->enc, rc ? NULL : &s->err) < 0 || rc < 0) {
		fclose(s->f);
		return NULL;
	}
	rewind(s->f);
	buf = xmalloc(cap);
	while ((k = fread(buf + got, 1, cap - got - 1, s->f)) > 0) {
		got += k;
		if (got + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[got] = '\0';
	fclose(s->f);
	if (n)
		*n = got;
	return buf;
}

/* One row of one text field, written as UTF-8. */
static char *
one_field(const char *v, int guard)
{
	struct sink s;

	start(&s, ENC_UTF8);
	s.w.guard_formulas = guard;
	csv_field(&s.w, v);
	csv_end_row(&s.w);
	return finish(&s, NULL);
}

static void
check_field(const char *v, const char *want, const char *what)
{
	char *got = one_field(v, 1);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_writer(void)
{
	struct sink s;
	char *got;
	size_t n;

	check_field("张三", "张三\r\n", "a plain field is bare, the row ends in CRLF");
	check_field("王五,赵六", "\"王五,赵六\"\r\n", "a comma gets quotes");
	check_field("他说\"好\"", "\"他说\"\"好\"\"\"\r\n", "quotes are doubled inside quotes");
	check_field("第一行\n第二行", "\"第一行\n第二行\"\r\n", "a newline gets quotes");
	check_field("a\r\nb", "\"a\r\nb\"\r\n", "so does a CRLF");
	check_field(" 前后空格 ", "\" 前后空格 \"\r\n", "leading and trailing spaces get quotes");
	check_field("中 间", "中 间\r\n", "a space inside does not");
	check_field("=1+2", "\"'=1+2\"\r\n", "a leading = gets an apostrophe and quotes");
	check_field("=HYPERLINK(\"http://x\",\"点\")",
		    "\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\"\r\n",
		    "a formula with quotes is both guarded and escaped");
	check_field("@SUM(A1)", "\"'@SUM(A1)\"\r\n", "so does a leading @");
	check_field("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"\r\n", "and a leading +");
	check_field("-2+3", "\"'-2+3\"\r\n", "and a leading - that is not a number");
	check_field("\t=1", "\"'\t=1\"\r\n", "and a leading tab");
	check_field("-5", "-5\r\n", "a negative number given as text is left alone");
	check_field("-12.50", "-12.50\r\n", "with decimals too");
	check_field("-", "-\r\n", "a lone dash (\"none\") is left alone");
	check_field("", "\"\"\r\n", "a row of one empty field is written as \"\"");
	check_field(NULL, "\"\"\r\n", "NULL is an empty field");

	got = one_field("=1+2", 0);
	is_str(got, "=1+2\r\n", "the guard can be turned off");
	free(got);

	start(&s, ENC_UTF8);
	csv_field(&s.w, "a");
	csv_field(&s.w, "");
	csv_field(&s.w, NULL);
	csv_end_row(&s.w);
	csv_field(&s.w, "");
	csv_field(&s.w, "b");
	csv_end_row(&s.w);
	got = finish(&s, NULL);
	is_str(got, "a,,\r\n,b\r\n", "empty fields among others stay bare");
	free(got);

	start(&s, ENC_UTF8);
	csv_field_num(&s.w, -3.5, 2);
	csv_field_num(&s.w, 0, 0);
	csv_field_num(&s.w, 1234.5678, 1);
	csv_field_num(&s.w, -0.001, 2);
	csv_field_num(&s.w, 42, -1);
	csv_field_num(&s.w, -7, 0);
	csv_end_row(&s.w);
	got = finish(&s, NULL);
	is_str(got, "-3.50,0,1234.6,0.00,42,-7\r\n",
	       "numbers: negative ones stay numbers, no -0, no quotes");
	free(got);

	/* a locale with a decimal comma must not leak into the file */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
		start(&s, ENC_UTF8);
		csv_field_num(&s.w, 2.25, 2);
		csv_end_row(&s.w);
		got = finish(&s, NULL);
		is_str(got, "2.25\r\n", "the decimal point is '.' in any locale");
		free(got);
		setlocale(LC_NUMERIC, "C");
	} else {
		ok(1, "# SKIP no locale with a decimal comma installed");
	}

	start(&s, ENC_UTF8);
	csv_field(&s.w, "a");
	ok(csv_field_num(&s.w, NAN, 2) == -1, "NaN is refused");
	ok(csv_field(&s.w, "b") == -1 && csv_end_row(&s.w) == -1, "and later calls fail too");
	got = finish(&s, NULL);
	ok(got == NULL && strstr(s.err.msg, "NaN"), "the status keeps the first error: %s",
	   s.err.msg);
	free(got);

	start(&s, ENC_GB18030);
	csv_field(&s.w, "业扩");
	csv_field(&s.w, "a,b");
	csv_field_num(&s.w, -1.5, 1);
	csv_end_row(&s.w);
	got = finish(&s, &n);
	ok(got && n == 17 && memcmp(got, "\xD2\xB5\xC0\xA9,\"a,b\",-1.5\r\n", 17) == 0,
	   "a GB18030 row has the exact bytes D2 B5 C0 A9 ,\"a,b\",-1.5 CR LF");
	free(got);

	start(&s, ENC_UTF8_BOM);
	csv_field(&s.w, "户名");
	csv_end_row(&s.w);
	got = finish(&s, NULL);
	is_str(got, "\xEF\xBB\xBF户名\r\n", "utf-8-bom: the BOM, then the rows");
	free(got);

	/* a big field crosses the writer's buffer, cutting characters */
	{
		size_t len = 3 * 5000;
		char *big = xmalloc(len + 1), *want;

		for (size_t i = 0; i < len; i += 3)
			memcpy(big + i, "业", 3);
		big[len] = '\0';
		start(&s, ENC_GB18030);
		csv_field(&s.w, big);
		csv_end_row(&s.w);
		got = finish(&s, &n);
		want = xmalloc(2 * 5000 + 2);
		for (size_t i = 0; i < 2 * 5000; i += 2)
			memcpy(want + i, "\xD2\xB5", 2);
		memcpy(want + 2 * 5000, "\r\n", 2);
		ok(got && n == 2 * 5000 + 2 && memcmp(got, want, n) == 0,
		   "a 15 KB field of 业 comes out as 5000 D2 B5 pairs");
		free(big);
		free(want);
		free(got);
	}
}

/* Parse all of text; return the rows as "f1|f2;f1;..." with each row's line
 * as "@N:" before it, or "ERR <message>". */
static char *
parse(const char *text, size_t len)
{
	struct yk_csv_reader r;
	struct csv_row row;
	yk_error err = {0};
	char *acc = xstrdup(""), *next;
	int rc;

	csv_reader_init(&r, text, len, "in.csv");
	while ((rc = csv_next_row(&r, &row, &err)) == 1) {
		next = xasprintf("%s@%ld:", acc, row.line);
		free(acc);
		acc = next;
		for (size_t i = 0; i < row.nfields; i++) {
			next = xasprintf("%s%s%s", acc, i ? "|" : "", row.fields[i]);
			free(acc);
			acc = next;
		}
		next = xasprintf("%s;", acc);
		free(acc);
		acc = next;
	}
	csv_reader_free(&r);
	if (rc < 0) {
		free(acc);
		return xasprintf("ERR %s", err.msg);
	}
	return acc;
}

static void
check_parse(const char *text, const char *want, const char *what)
{
	char *got = parse(text, strlen(text));

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_reader(void)
{
	char *text, *got;
	size_t len;

	check_parse("a,b\r\nc,d\r\n", "@1:a|b;@2:c|d;", "CRLF rows");
	check_parse("a,b\nc,d\n", "@1:a|b;@2:c|d;", "LF rows");
	check_parse("a,b\nc,d", "@1:a|b;@2:c|d;", "no newline at the end");
	check_parse("a,\n,b\n,\n", "@1:a|;@2:|b;@3:|;", "empty fields at either end");
	check_parse("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", "@1:a,b|say \"hi\"|;",
		    "quoted comma, doubled quotes, empty quoted field");
	check_parse("h1,h2\r\n\"第一行\r\n第二行\",x\r\nnext,row\r\n",
		    "@1:h1|h2;@2:第一行\r\n第二行|x;@4:next|row;",
		    "a quoted field over two lines: the next row starts on line 4");
	check_parse("\"a\nb\nc\"\nd\n", "@1:a\nb\nc;@4:d;", "three lines in one field");
	check_parse("a\r\n\r\n\n\r\n", "@1:a;", "empty lines at the end are skipped");
	check_parse("a\n\nb\n", "@1:a;@2:;@3:b;", "an empty line inside is a row of one empty field");
	check_parse("\"\"\r\n", "@1:;", "\"\" is a row of one empty field");
	check_parse("", "", "an empty file has no rows");
	check_parse("\r\n\n", "", "nor has one of empty lines");
	check_parse("\xEF\xBB\xBF" "a,b\n", "@1:a|b;", "a BOM is skipped");
	check_parse(" a , b \n", "@1: a | b ;", "spaces are data");
	check_parse("'=1+2\n", "@1:'=1+2;", "an apostrophe is data, not stripped");

	check_parse("a\n\"open,\nmore\n", "ERR in.csv:2: 引号里的字段没有结束",
		    "an unterminated quote names the line it opened on");
	check_parse("a,b\"c\n", "ERR in.csv:1: 没有引号的第 2 个字段里有引号"
		    "（带引号的字段要整个加引号）",
		    "a quote inside an unquoted field");
	check_parse("ok\n\"a\nb\"x,c\n", "ERR in.csv:3: 第 1 个字段的后引号之后还有文字",
		    "text after a closing quote names the line it is on");
	check_parse("ok\n\"a\" ,c\n", "ERR in.csv:2: 第 1 个字段的后引号之后还有文字",
		    "even a space");
	got = parse("a\nb\0c\n", 6);
	is_str(got, "ERR in.csv:2: 数据里有 NUL 字节", "a NUL byte is refused");
	free(got);

	/* 256 fields pass, 257 do not */
	text = xmalloc(4 * 300);
	len = 0;
	memcpy(text, "a\n", 2);
	len = 2;
	for (int i = 0; i < CSV_FIELDS_MAX; i++)
		text[len++] = i ? ',' : 'x';
	text[len++] = '\n';
	text[len] = '\0';
	got = parse(text, len);
	ok(strncmp(got, "@1:a;@2:x", 9) == 0, "%d fields in a row are fine", CSV_FIELDS_MAX);
	free(got);
	memcpy(text + len - 1, ",\n", 3);
	got = parse(text, len + 1);
	is_str(got, "ERR in.csv:2: 一行超过 256 个字段", "one more is an error");
	free(got);
	free(text);

	/* a field of exactly 64 KiB passes, one byte more does not */
	text = xmalloc(CSV_FIELD_MAX + 16);
	memcpy(text, "a\nb\n\"", 5);
	memset(text + 5, 'x', CSV_FIELD_MAX);
	memcpy(text + 5 + CSV_FIELD_MAX, "\"\n", 3);
	got = parse(text, 5 + CSV_FIELD_MAX + 2);
	ok(strncmp(got, "@1:a;@2:b;@3:xxx", 16) == 0 &&
	   strlen(got) == 13 + CSV_FIELD_MAX + 1, "a 64 KiB field is fine");
	free(got);
	memcpy(text + 5 + CSV_FIELD_MAX, "x\"\n", 4);
	got = parse(text, 5 + CSV_FIELD_MAX + 3);
	is_str(got, "ERR in.csv:3: 第 1 个字段超过 65536 字节",
	       "one byte more is an error naming the line");
	free(got);
	text[4] = 'x';		/* the same, unquoted */
	got = parse(text, 5 + CSV_FIELD_MAX + 1);
	is_str(got, "ERR in.csv:3: 第 1 个字段超过 65536 字节", "unquoted too");
	free(got);
	free(text);
}

/* What the writer writes, the reader reads back: through GB18030 bytes and
 * encoding_to_utf8(), as an import of an export would. */
static void
test_round_trip(void)
{
	static const char *const rows[][4] = {
		{ "户名", "地址", "备注", "容量" },
		{ "王五,赵六", "他说\"好\"", "第一行\r\n第二行", "-12" },
		{ " 前后空格 ", "", "\"", "单行\n换行" },
		{ "𠀀䶮·〇€", ",", "\"\"", "a\"b,c\nd" },
	};
	struct sink s;
	struct yk_csv_reader r;
	struct csv_row row;
	yk_error err = {0};
	char *bytes, *utf8 = NULL;
	size_t n, ulen;
	int same = 1, nrows = 0;
	long lines[4] = { 0 };

	start(&s, ENC_GB18030);
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < 4; j++)
			csv_field(&s.w, rows[i][j]);
		csv_end_row(&s.w);
	}
	csv_field(&s.w, "=SUM(A1:A9)");
	csv_field_num(&s.w, -3.25, 2);
	csv_end_row(&s.w);
	bytes = finish(&s, &n);
	ok(bytes != NULL, "tricky rows written as GB18030");
	is_int(encoding_to_utf8(bytes ? bytes : "", bytes ? n : 0, ENC_AUTO, &utf8, &ulen,
				"out.csv", &err), 0, "and decoded with auto");
	csv_reader_init(&r, utf8 ? utf8 : "", utf8 ? ulen : 0, "out.csv");
	while (csv_next_row(&r, &row, &err) == 1) {
		if (nrows < 4) {
			lines[nrows] = row.line;
			if (row.nfields != 4)
				same = 0;
			for (size_t j = 0; j < row.nfields && j < 4; j++)
				if (strcmp(row.fields[j], rows[nrows][j]) != 0) {
					same = 0;
					printf("# row %d field %zu: got '%s'\n", nrows, j,
					       row.fields[j]);
				}
		} else {
			is_int(row.nfields, 2, "the last row has two fields");
			is_str(row.fields[0], "'=SUM(A1:A9)", "the guarded formula reads back "
			       "with its apostrophe");
			is_str(row.fields[1], "-3.25", "the negative number reads back as it was");
			is_int(row.line, 8, "and the row starts on line 8");
		}
		nrows++;
	}
	ok(same, "every tricky field reads back as written");
	is_int(nrows, 5, "five rows");
	ok(lines[0] == 1 && lines[1] == 2 && lines[2] == 4 && lines[3] == 6,
	   "rows start on lines 1, 2, 4, 6 (got %ld %ld %ld %ld)", lines[0], lines[1],
	   lines[2], lines[3]);
	csv_reader_free(&r);
	free(utf8);
	free(bytes);
}

int
main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	test_writer();
	test_reader();
	test_round_trip();
	return tap_done();
}
