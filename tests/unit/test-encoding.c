#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yekuo/core/encoding.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

/* Run `s` through an encoder into a temporary file, in chunks of `chunk`
 * bytes (0: all at once), and return the bytes that landed there. NULL if
 * the encoder failed; then err says why. */
static char *
encode(enum yk_encoding enc, const char *s, size_t chunk, size_t *n, yk_error *err)
{
	FILE *f = tmpfile();
	struct yk_encoder *e;
	size_t len = strlen(s), cap = 64, got = 0, k;
	char *buf;
	int rc = 0;

	if (!f)
		return NULL;
	e = encoder_open(f, "out.csv", enc, err);
	if (!e) {
		fclose(f);
		return NULL;
	}
	if (chunk == 0)
		chunk = len ? len : 1;
	for (size_t i = 0; i < len && rc == 0; i += chunk)
		rc = encoder_write(e, s + i, len - i < chunk ? len - i : chunk, err);
	if (encoder_close(e, rc ? NULL : err) < 0 || rc < 0) {
		fclose(f);
		return NULL;
	}
	rewind(f);
	buf = xmalloc(cap);
	while ((k = fread(buf + got, 1, cap - got - 1, f)) > 0) {
		got += k;
		if (got + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[got] = '\0';
	fclose(f);
	*n = got;
	return buf;
}

static int
bytes_are(const char *got, size_t n, const char *want, size_t wn)
{
	return got && n == wn && memcmp(got, want, n) == 0;
}

static void
test_names(void)
{
	is_int(encoding_from_name("gb18030"), ENC_GB18030, "gb18030 is known");
	is_int(encoding_from_name("GB18030"), ENC_GB18030, "names ignore case");
	is_int(encoding_from_name("gbk"), ENC_GBK, "gbk is known");
	is_int(encoding_from_name("UTF-8"), ENC_UTF8, "utf-8 is known");
	is_int(encoding_from_name("utf8"), ENC_UTF8, "utf8 is an alias");
	is_int(encoding_from_name("Utf-8-BOM"), ENC_UTF8_BOM, "utf-8-bom is known");
	is_int(encoding_from_name("auto"), ENC_AUTO, "auto is known");
	is_int(encoding_from_name("latin1"), -1, "an unknown name is -1");
	is_int(encoding_from_name("utf-8x"), -1, "a name with a tail is unknown");
	is_int(encoding_from_name(NULL), -1, "NULL is unknown");
	for (int e = ENC_UTF8; e <= ENC_AUTO; e++)
		is_int(encoding_from_name(encoding_name((enum yk_encoding)e)), e,
		       "encoding_name(%d) reads back", e);
}

static void
test_encoder(void)
{
	/* 业扩 in GB18030 (and GBK): D2 B5 C0 A9 */
	const char gb[] = "\xD2\xB5\xC0\xA9";
	const char *names[] = {
		"业扩", "张三", "𠀀", "䶮", "·", "〇", "€", "王〇·䶮𠀀€有限公司",
		"ASCII, \"quoted\"", "",
	};
	yk_error err = {0};
	size_t n, n2;
	char *b, *b2, *dec;
	size_t declen;

	b = encode(ENC_GB18030, "业扩", 0, &n, &err);
	ok(bytes_are(b, n, gb, 4), "业扩 is D2 B5 C0 A9 in GB18030");
	free(b);
	b = encode(ENC_GBK, "业扩", 0, &n, &err);
	ok(bytes_are(b, n, gb, 4), "and the same in GBK");
	free(b);

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		b = encode(ENC_GB18030, names[i], 0, &n, &err);
		ok(b != NULL, "'%s' encodes to GB18030", names[i]);
		dec = NULL;
		is_int(encoding_to_utf8(b ? b : "", b ? n : 0, ENC_GB18030, &dec, &declen,
					"in.csv", &err), 0, "and decodes");
		is_str(dec, names[i], "GB18030 round trip of '%s'", names[i]);
		is_int(declen, strlen(names[i]), "with the right length");
		free(dec);
		/* one byte at a time: characters cut between calls */
		b2 = encode(ENC_GB18030, names[i], 1, &n2, &err);
		ok(b && bytes_are(b2, n2, b, n), "'%s' written byte by byte gives the same bytes",
		   names[i]);
		free(b);
		free(b2);
	}
	/* The rare characters take the four-byte form: 𠀀 is 95 32 82 36. */
	b = encode(ENC_GB18030, "𠀀", 0, &n, &err);
	ok(bytes_are(b, n, "\x95\x32\x82\x36", 4), "U+20000 is 95 32 82 36");
	free(b);

	b = encode(ENC_UTF8_BOM, "业扩", 0, &n, &err);
	ok(bytes_are(b, n, "\xEF\xBB\xBF业扩", 3 + strlen("业扩")),
	   "utf-8-bom output starts with EF BB BF, then the text");
	free(b);
	b = encode(ENC_UTF8_BOM, "", 0, &n, &err);
	ok(bytes_are(b, n, "\xEF\xBB\xBF", 3), "even an empty file gets its BOM");
	free(b);
	b = encode(ENC_UTF8, "业扩𠀀", 1, &n, &err);
	ok(bytes_are(b, n, "业扩𠀀", strlen("业扩𠀀")), "utf-8 output is the text unchanged");
	free(b);

	b = encode(ENC_GBK, "张𠀀", 0, &n, &err);
	ok(b == NULL, "GBK cannot write U+20000");
	ok(strstr(err.msg, "out.csv") && strstr(err.msg, "U+20000") && strstr(err.msg, "GBK"),
	   "the error names the file, the character and the encoding: %s", err.msg);
	free(b);

	b = encode(ENC_GB18030, "ok \xC3\x28", 0, &n, &err);
	ok(b == NULL && strstr(err.msg, "不是有效的 UTF-8"), "invalid UTF-8 is refused: %s",
	   err.msg);
	free(b);
	b = encode(ENC_UTF8, "ok \xE4\xB8", 0, &n, &err);
	ok(b == NULL, "text ending inside a character is refused at close");
	free(b);

	ok(encoder_open(stdout, "x.csv", ENC_AUTO, &err) == NULL, "auto is not an output encoding");
}

static size_t
utf8_put(char *u, unsigned cp)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every Unicode scalar value outside the Private Use Area has a GB18030
 * code. Inside it, GB18030-2022 dropped 24 code points that older tables
 * mapped; which of them this iconv refuses depends on its version, but a
 * refusal must point the user at utf-8-bom. */
static void
test_gb18030_covers_unicode(void)
{
	FILE *f = fopen("/dev/null", "w");
	yk_error err = {0}, pua_err = {0};
	struct yk_encoder *e;
	int rc = 0, pua_fails = 0;
	char u[4];

	if (!f) {
		ok(0, "open /dev/null");
		return;
	}
	e = encoder_open(f, "/dev/null", ENC_GB18030, &err);
	for (unsigned cp = 1; cp <= 0x10FFFF && rc == 0 && e; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xE000 && cp <= 0xF8FF))
			continue;
		rc = encoder_write(e, u, utf8_put(u, cp), &err);
	}
	ok(e && rc == 0, "GB18030 encodes every code point from U+0001 to U+10FFFF "
	   "outside the PUA %s", err.msg);
	ok(encoder_close(e, &err) == 0, "and closes cleanly");

	for (unsigned cp = 0xE000; cp <= 0xF8FF; cp++) {
		e = encoder_open(f, "pua.csv", ENC_GB18030, &err);
		if (encoder_write(e, u, utf8_put(u, cp), &err) < 0 && pua_fails++ == 0)
			pua_err = err;
		encoder_close(e, NULL);
	}
	ok(pua_fails <= 24, "at most the 24 dropped private-use code points fail (%d did)",
	   pua_fails);
	ok(pua_fails == 0 || (strstr(pua_err.msg, "pua.csv") &&
			      strstr(pua_err.msg, "私用区字符") &&
			      strstr(pua_err.msg, "utf-8-bom")),
	   "a refused one names the file and the way out: %s", pua_err.msg);
	fclose(f);
}

static int decode(const char *in, size_t len, enum yk_encoding from, char **out, yk_error *err);

static int
detect(const char *s, size_t n, yk_error *err)
{
	return encoding_detect(s, n, "in.csv", err);
}

/* GB18030 bytes of a UTF-8 string (the test's own iconv). */
static char *
to_gb(const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t inleft = strlen(utf8), outleft = 4 * inleft + 1;
	char *out = xmalloc(outleft), *o = out;
	char *in = (char *)utf8;

	iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

static void
test_detect(void)
{
	yk_error err = {0};
	char *gb, *file;
	size_t n, len;

	is_int(detect("\xEF\xBB\xBF业扩", 3 + strlen("业扩"), &err), ENC_UTF8_BOM,
	       "a BOM means utf-8-bom");
	is_int(detect("业扩,1\r\n", strlen("业扩,1\r\n"), &err), ENC_UTF8, "valid UTF-8 means utf-8");
	is_int(detect("a,b\r\n", 5, &err), ENC_UTF8, "plain ASCII counts as utf-8");
	is_int(detect("", 0, &err), ENC_UTF8, "so does an empty file");
	is_int(detect("\xD2\xB5\xC0\xA9,1\r\n", 8, &err), ENC_GB18030, "GBK bytes mean gb18030");
	is_int(detect("温度,20°C\r\n", strlen("温度,20°C\r\n"), &err), ENC_UTF8,
	       "UTF-8 with a non-Chinese sign is still utf-8");

	/* UTF-8 rows and GBK rows in one file: refused, naming the rows that
	 * are in the minority, wherever they are */
	{
		static const struct {
			const char *rows;	/* U: a UTF-8 row, G: a GBK row, A: ASCII */
			const char *lines;	/* the lines the message names */
		} mixed[] = {
			{"AUUUUGUUU", "第 6 行不是 UTF-8"},
			{"AGUUUUUUU", "第 2 行不是 UTF-8"},
			{"AUUUUUUUG", "第 9 行不是 UTF-8"},
			{"AUGGUUUGU", "第 3-4, 8 行不是 UTF-8"},
			{"AGGGGUGGG", "第 6 行是 UTF-8"},
			{"AGGGGGGUU", "第 8-9 行是 UTF-8"},
		};

		for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++) {
			size_t cap = 1024, pos = 0;

			file = xmalloc(cap);
			for (const char *r = mixed[i].rows; *r; r++) {
				const char *row = *r == 'A' ? "name,phone\n" : "张三,北京市朝阳区\n";

				if (*r == 'G') {
					gb = to_gb(row, &n);
					memcpy(file + pos, gb, n);
					free(gb);
					pos += n;
				} else {
					memcpy(file + pos, row, strlen(row));
					pos += strlen(row);
				}
			}
			is_int(detect(file, pos, &err), -1, "rows %s: refused as mixed", mixed[i].rows);
			ok(strstr(err.msg, "in.csv: 文件混用了编码") &&
			   strstr(err.msg, mixed[i].lines), "naming the odd ones: %s", err.msg);
			{
				char *out = NULL;

				is_int(decode(file, pos, ENC_AUTO, &out, &err), -1,
				       "and auto decoding refuses it too");
				free(out);
			}
			free(file);
		}
	}

	/* A GBK file whose short rows are, by chance, valid UTF-8 (of Latin,
	 * Greek … characters): still GBK. Every two-hanzi name of GB2312
	 * level 1 (every seventh for the second hanzi) that is such a chance
	 * is tried, after one ordinary GBK row. */
	{
		int tried = 0, wrong = 0;
		char *head = to_gb("王五,北京市\r\n", &n);

		file = xmalloc(n + 64);
		memcpy(file, head, n);
		for (int a = 0xB0; a <= 0xD7; a++)
			for (int b = 0xA1; b <= 0xFE; b++)
				for (int c = 0xB0; c <= 0xD7; c++)
					for (int d = 0xA1; d <= 0xFE; d += 7) {
						char *row = file + n;

						len = (size_t)snprintf(row, 64, "%c%c%c%c,13912345678\r\n",
								       a, b, c, d);
						if (!text_valid_utf8(row, 4))
							continue;
						tried++;
						if (detect(file, n + len, &err) != ENC_GB18030)
							wrong++;
					}
		free(file);
		free(head);
		ok(tried > 0, "%d chance-UTF-8 GBK names tried", tried);
		is_int(wrong, 0, "every one read as gb18030");
	}
}

static int
decode(const char *in, size_t len, enum yk_encoding from, char **out, yk_error *err)
{
	size_t n;

	return encoding_to_utf8(in, len, from, out, &n, "in.csv", err);
}

static void
test_decode(void)
{
	yk_error err = {0};
	char *out = NULL;
	size_t n;
	/* the bad pair 81 20 sits on line 3 */
	const char bad_gbk[] = "名称,容量\r\n\xD2\xB5\xC0\xA9,1\r\n\xD5\xC5\x81\x20,2\r\n";
	const char bad_utf8[] = "名称\nok \xC3\x28 here\nmore\n";

	is_int(decode("\xEF\xBB\xBF业扩", 3 + strlen("业扩"), ENC_AUTO, &out, &err), 0,
	       "auto reads a BOM file");
	is_str(out, "业扩", "and drops the BOM");
	free(out);
	is_int(decode("\xEF\xBB\xBF业扩", 3 + strlen("业扩"), ENC_UTF8, &out, &err), 0,
	       "utf-8 reads a BOM file");
	is_str(out, "业扩", "and drops the BOM too");
	free(out);
	is_int(decode("\xD2\xB5\xC0\xA9", 4, ENC_AUTO, &out, &err), 0, "auto reads GBK bytes");
	is_str(out, "业扩", "as GB18030");
	free(out);
	is_int(decode("\xD2\xB5\xC0\xA9", 4, ENC_GBK, &out, &err), 0, "gbk reads them");
	is_str(out, "业扩", "the same");
	free(out);
	is_int(decode("\x84\x31\x95\x33\xD2\xB5", 6, ENC_GB18030, &out, &err), 0,
	       "a GB18030 BOM is accepted");
	is_str(out, "业", "and dropped");
	free(out);
	is_int(encoding_to_utf8("a\0b", 3, ENC_UTF8, &out, &n, "x", &err), 0,
	       "a NUL byte is valid UTF-8");
	ok(n == 3 && memcmp(out, "a\0b", 4) == 0, "and is kept, not cut at");
	free(out);
	is_int(decode("", 0, ENC_AUTO, &out, &err), 0, "an empty file reads");
	is_str(out, "", "as an empty string");
	free(out);

	out = (char *)"x";
	is_int(decode(bad_gbk, sizeof bad_gbk - 1, ENC_GBK, &out, &err), -1,
	       "invalid GBK is an error");
	ok(out == NULL, "and gives no text");
	is_str(err.msg, "in.csv:3: 不是有效的 GBK 字节（0x81 0x20）",
	       "naming the file, the line and the bytes");
	is_int(decode(bad_gbk, sizeof bad_gbk - 1, ENC_AUTO, &out, &err), -1,
	       "auto refuses it: its header is UTF-8, its rows are not");
	ok(strstr(err.msg, "文件混用了编码：第 1 行是 UTF-8") != NULL, "saying so: %s", err.msg);
	{
		/* the same with the header in GBK too: 名称,容量 */
		const char all_gbk[] = "\xC3\xFB\xB3\xC6,\xC8\xDD\xC1\xBF\r\n"
				       "\xD2\xB5\xC0\xA9,1\r\n\xD5\xC5\x81\x20,2\r\n";

		is_int(decode(all_gbk, sizeof all_gbk - 1, ENC_AUTO, &out, &err), -1,
		       "auto reads an all-GBK file as GB18030, which refuses the bad bytes");
		is_str(err.msg, "in.csv:3: 不是有效的 GB18030 字节（0x81 0x20）", "on their line");
	}
	is_int(decode("a\n\x80\n", 4, ENC_GB18030, &out, &err), -1, "0x80 is not GB18030");
	is_str(err.msg, "in.csv:2: 不是有效的 GB18030 字节（0x80）", "one bad byte shown");
	is_int(decode("a\n\x84\x31\xA5\x30", 6, ENC_GB18030, &out, &err), -1,
	       "an unassigned four-byte code is refused");
	is_str(err.msg, "in.csv:2: 不是有效的 GB18030 字节（0x84 0x31 0xA5 0x30）",
	       "all four bytes shown");

	is_int(decode(bad_utf8, sizeof bad_utf8 - 1, ENC_UTF8, &out, &err), -1,
	       "invalid UTF-8 is an error");
	is_str(err.msg, "in.csv:2: 不是有效的 UTF-8 字节（0xC3）", "naming its line");
	is_int(decode("a\nb\nc\xC0\xAF\n", 8, ENC_UTF8, &out, &err), -1,
	       "an overlong form is refused");
	is_str(err.msg, "in.csv:3: 不是有效的 UTF-8 字节（0xC0 0xAF）", "on line 3");
	is_int(decode("\xEF\xBB\xBF\n\xED\xA0\x80", 7, ENC_UTF8_BOM, &out, &err), -1,
	       "a surrogate is refused");
	is_str(err.msg, "in.csv:2: 不是有效的 UTF-8 字节（0xED 0xA0 0x80）",
	       "lines count from the start of the file, BOM or not");

	is_int(decode("abc\n\xE4\xB8", 6, ENC_UTF8, &out, &err), -1,
	       "UTF-8 cut off at the end is an error");
	is_str(err.msg, "in.csv:2: 不是有效的 UTF-8 字节（0xE4 0xB8）"
	       "：文件在一个字符的中间结束", "which says so");
	is_int(decode("abc\n\xD2", 5, ENC_GB18030, &out, &err), -1,
	       "GB18030 cut off at the end is an error");
	is_str(err.msg, "in.csv:2: 不是有效的 GB18030 字节（0xD2）"
	       "：文件在一个字符的中间结束", "which says so");
	is_int(decode("abc\n\x95\x32\x82", 7, ENC_GB18030, &out, &err), -1,
	       "a four-byte code cut off is an error");

	{
		/* every wide encoding by its byte order mark, "a" after it */
		static const struct {
			const char *bytes;
			size_t n;
			const char *want;
		} wide[] = {
			{"\xFF\xFE" "a\0", 4, "UTF-16 (little-endian)"},
			{"\xFE\xFF" "\0a", 4, "UTF-16 (big-endian)"},
			{"\xFF\xFE\0\0" "a\0\0\0", 8, "UTF-32 (little-endian)"},
			{"\0\0\xFE\xFF" "\0\0\0a", 8, "UTF-32 (big-endian)"},
		};

		for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
			for (int e = ENC_UTF8; e <= ENC_AUTO; e++) {
				is_int(decode(wide[i].bytes, wide[i].n, (enum yk_encoding)e, &out, &err), -1,
				       "%s read as %s is refused", wide[i].want,
				       encoding_name((enum yk_encoding)e));
				ok(strstr(err.msg, wide[i].want) != NULL, "by its own name: %s", err.msg);
			}
		}
	}
	is_int(decode("\xEF\xBB\xBF" "abc", 6, ENC_GB18030, &out, &err), -1,
	       "a UTF-8 BOM in a file declared GB18030 is refused");
	ok(strstr(err.msg, "in.csv:1:") && strstr(err.msg, "utf-8"), "pointing at utf-8: %s",
	   err.msg);
}

static void
test_disk_full(void)
{
	yk_error err = {0};
	struct yk_encoder *e;
	FILE *f = fopen("/dev/full", "w");
	char big[70000];
	int rc;

	if (!f) {
		ok(1, "# SKIP no /dev/full");
		ok(1, "# SKIP no /dev/full");
		ok(1, "# SKIP no /dev/full");
		return;
	}
	e = encoder_open(f, "报表.csv", ENC_GB18030, &err);
	rc = encoder_write(e, "业扩,1\r\n", strlen("业扩,1\r\n"), &err);
	is_int(rc, 0, "a small write only fills the stdio buffer");
	rc = encoder_close(e, &err);
	ok(rc == -1 && strstr(err.msg, "无法写入 报表.csv") &&
	   strstr(err.msg, strerror(ENOSPC)), "a full disk shows at close, with the file name: %s",
	   err.msg);
	fclose(f);

	f = fopen("/dev/full", "w");
	e = encoder_open(f, "big.csv", ENC_UTF8, &err);
	memset(big, 'x', sizeof big);
	rc = encoder_write(e, big, sizeof big, &err);
	rc |= encoder_write(e, "more", 4, &err);
	ok(rc == -1 && encoder_close(e, &err) == -1 && strstr(err.msg, "无法写入 big.csv"),
	   "a big write fails at once, and close says so again: %s", err.msg);
	fclose(f);
}

int
main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "en_US.UTF-8");
	test_names();
	test_encoder();
	test_gb18030_covers_unicode();
	test_detect();
	test_decode();
	test_disk_full();
	return tap_done();
}
