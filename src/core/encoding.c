#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/encoding.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

#ifndef ICONV_CONST
#define ICONV_CONST
#endif

#define NO_ICONV ((iconv_t)-1)

/* The iconv buffer: big enough that a report row is one fwrite. */
#define ENC_BUF 8192

static const char utf8_bom[3] = { '\xEF', '\xBB', '\xBF' };

struct yk_encoder {
	FILE *out;
	char *name;
	enum yk_encoding enc;
	iconv_t cd;		/* NO_ICONV for UTF-8 output, which is only checked */
	char pend[4];		/* a character cut in two by the end of the last chunk */
	size_t npend;
	int failed;
	yk_error first;		/* the first failure, repeated by every later call */
	char buf[ENC_BUF];
};

static const struct {
	const char *name;
	enum yk_encoding enc;
} names[] = {
	{ "utf-8", ENC_UTF8 },
	{ "utf8", ENC_UTF8 },
	{ "utf-8-bom", ENC_UTF8_BOM },
	{ "utf8-bom", ENC_UTF8_BOM },
	{ "gb18030", ENC_GB18030 },
	{ "gbk", ENC_GBK },
	{ "auto", ENC_AUTO },
};

/* ASCII-only, so that the answer does not depend on the locale. */
static int
ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;

		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb || ca == '\0')
			return ca - cb;
	}
}

int
encoding_from_name(const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (ascii_casecmp(name, names[i].name) == 0)
			return (int)names[i].enc;
	return -1;
}

const char *
encoding_name(enum yk_encoding enc)
{
	switch (enc) {
	case ENC_UTF8:		return "utf-8";
	case ENC_UTF8_BOM:	return "utf-8-bom";
	case ENC_GB18030:	return "gb18030";
	case ENC_GBK:		return "gbk";
	case ENC_AUTO:		return "auto";
	}
	return "?";
}

/* How the encoding is called in messages and by iconv. */
static const char *
charset(enum yk_encoding enc)
{
	switch (enc) {
	case ENC_GB18030:	return "GB18030";
	case ENC_GBK:		return "GBK";
	default:		return "UTF-8";
	}
}

/* ---- UTF-8 checking, shared by both directions */

/* Length of the sequence a lead byte announces, or 0 if it cannot start a
 * valid one. */
static size_t
utf8_lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* Whether s[0..n) could still become a valid character if more bytes came:
 * the lead and the continuation bytes so far are right, including the
 * second-byte limits that exclude overlong forms, surrogates and code points
 * past U+10FFFF. */
static int
utf8_valid_start(const unsigned char *s, size_t n)
{
	size_t want = utf8_lead_len(s[0]);

	if (want == 0 || n >= want)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (n >= 2) {
		if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
		    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
			return 0;
	}
	return 1;
}

/* Length of the longest prefix of s made of whole valid characters. What
 * follows it (if anything) is either the start of a character cut off by the
 * end of the buffer (*cut = 1) or an invalid sequence (*cut = 0). */
static size_t
utf8_valid_prefix(const char *s, size_t len, int *cut)
{
	size_t i = 0;
	unsigned cp;

	*cut = 0;
	while (i < len) {
		size_t n;

		/* ASCII fast path: most of a CSV file is commas and digits. */
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			*cut = utf8_valid_start((const unsigned char *)s + i, len - i);
			return i;
		}
		i += n;
	}
	return i;
}

/* "0xD2 0xB5" for the n bytes at p, into dst. */
static void
hex_bytes(char *dst, size_t dstsz, const char *p, size_t n)
{
	size_t used = 0;

	dst[0] = '\0';
	for (size_t i = 0; i < n && used < dstsz; i++) {
		int k = snprintf(dst + used, dstsz - used, "%s0x%02X", i ? " " : "",
				 (unsigned char)p[i]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/* ---- output */

static int fail(struct yk_encoder *e, yk_error *err, const char *fmt, ...) YK_PRINTF(3, 4);

static int
fail(struct yk_encoder *e, yk_error *err, const char *fmt, ...)
{
	va_list ap;

	e->failed = 1;
	va_start(ap, fmt);
	vsnprintf(e->first.msg, sizeof e->first.msg, fmt, ap);
	va_end(ap);
	return yk_error_set(err, "%s", e->first.msg);
}

static int
repeat_failure(struct yk_encoder *e, yk_error *err)
{
	return yk_error_set(err, "%s", e->first.msg);
}

static int
emit(struct yk_encoder *e, const char *p, size_t n, yk_error *err)
{
	if (n == 0)
		return 0;
	if (fwrite(p, 1, n, e->out) != n) {
		int saved = errno;

		return fail(e, err, _("无法写入 %s：%s"), e->name,
			    strerror(saved ? saved : EIO));
	}
	return 0;
}

/* Convert s[0..len), which holds whole valid characters, and write it. */
static int
convert(struct yk_encoder *e, const char *s, size_t len, yk_error *err)
{
	ICONV_CONST char *in = (ICONV_CONST char *)s;
	size_t inleft = len;

	if (e->cd == NO_ICONV)
		return emit(e, s, len, err);
	while (inleft > 0) {
		char *outp = e->buf;
		size_t outleft = sizeof e->buf;
		size_t r = iconv(e->cd, &in, &inleft, &outp, &outleft);
		int saved = errno;

		if (emit(e, e->buf, (size_t)(outp - e->buf), err) < 0)
			return -1;
		if (r != (size_t)-1 || saved == E2BIG)
			continue;
		if (saved == EILSEQ) {
			unsigned cp = 0;
			size_t n = text_utf8_decode(in, inleft, &cp);

			/* GBK lacks most rare characters. GB18030 covers all
			 * of Unicode except, since GB18030-2022, 24 private-use
			 * code points (U+E78D..U+E864) that older tables had:
			 * they turn up in names typed with old fonts. Either
			 * way UTF-8 with a BOM can carry it. */
			return fail(e, err, _("无法写入 %s：U+%04X %.*s%s 没有 %s 编码；请用 %s"),
				    e->name, cp, (int)n, in,
				    cp >= 0xE000 && cp <= 0xF8FF ? _("（私用区字符）") : "",
				    charset(e->enc),
				    e->enc == ENC_GBK ? _("gb18030 或 utf-8-bom") : "utf-8-bom");
		}
		return fail(e, err, _("无法写入 %s：转换失败：%s"), e->name,
			    strerror(saved));
	}
	return 0;
}

static int
bad_utf8(struct yk_encoder *e, const char *p, size_t n, yk_error *err)
{
	char hex[32];

	hex_bytes(hex, sizeof hex, p, n < 4 ? n : 4);
	return fail(e, err, _("无法写入 %s：要写的文字不是有效的 UTF-8（%s）"),
		    e->name, hex);
}

struct yk_encoder *
encoder_open(FILE *out, const char *name, enum yk_encoding enc, yk_error *err)
{
	struct yk_encoder *e;

	if (enc != ENC_UTF8 && enc != ENC_UTF8_BOM && enc != ENC_GB18030 && enc != ENC_GBK) {
		yk_error_set(err, _("%s: 不能用编码 '%s' 写"), name,
			     encoding_name(enc));
		return NULL;
	}
	e = xcalloc(1, sizeof *e);
	e->out = out;
	e->name = xstrdup(name);
	e->enc = enc;
	e->cd = NO_ICONV;
	if (enc == ENC_GB18030 || enc == ENC_GBK) {
		e->cd = iconv_open(charset(enc), "UTF-8");
		if (e->cd == NO_ICONV) {
			yk_error_set(err, _("%s: 本系统的 iconv 不能转换为 %s：%s"),
				     name, charset(enc), strerror(errno));
			free(e->name);
			free(e);
			return NULL;
		}
	}
	if (enc == ENC_UTF8_BOM && emit(e, utf8_bom, sizeof utf8_bom, err) < 0) {
		free(e->name);
		free(e);
		return NULL;
	}
	return e;
}

int
encoder_write(struct yk_encoder *e, const char *utf8, size_t len, yk_error *err)
{
	size_t good;
	int cut;

	if (e->failed)
		return repeat_failure(e, err);
	if (len == 0)
		return 0;
	/* Finish a character the previous chunk cut in two. */
	if (e->npend > 0) {
		size_t want = utf8_lead_len((unsigned char)e->pend[0]);
		size_t take = want - e->npend;

		if (take > len)
			take = len;
		memcpy(e->pend + e->npend, utf8, take);
		e->npend += take;
		utf8 += take;
		len -= take;
		good = utf8_valid_prefix(e->pend, e->npend, &cut);
		if (good == 0 && !cut)
			return bad_utf8(e, e->pend, e->npend, err);
		if (good == 0)
			return 0;	/* still incomplete, and len is 0 */
		if (convert(e, e->pend, good, err) < 0)
			return -1;
		e->npend = 0;
	}
	good = utf8_valid_prefix(utf8, len, &cut);
	if (good < len && !cut)
		return bad_utf8(e, utf8 + good, len - good, err);
	if (convert(e, utf8, good, err) < 0)
		return -1;
	memcpy(e->pend, utf8 + good, len - good);
	e->npend = len - good;
	return 0;
}

int
encoder_close(struct yk_encoder *e, yk_error *err)
{
	int rc = 0;

	if (!e)
		return 0;
	if (e->failed) {
		rc = repeat_failure(e, err);
	} else if (e->npend > 0) {
		rc = bad_utf8(e, e->pend, e->npend, err);
	} else {
		if (e->cd != NO_ICONV) {
			/* Return to the initial shift state; a no-op for the
			 * GB encodings, but it is what iconv asks for. */
			char *outp = e->buf;
			size_t outleft = sizeof e->buf;

			iconv(e->cd, NULL, NULL, &outp, &outleft);
			rc = emit(e, e->buf, (size_t)(outp - e->buf), err);
		}
		/* stdio keeps most of the file in its buffer: a full disk
		 * shows here, not in fwrite. */
		if (rc == 0 && fflush(e->out) != 0)
			rc = fail(e, err, _("无法写入 %s：%s"), e->name, strerror(errno));
		if (rc == 0 && ferror(e->out))
			rc = fail(e, err, _("无法写入 %s：%s"), e->name, strerror(EIO));
	}
	if (e->cd != NO_ICONV)
		iconv_close(e->cd);
	free(e->name);
	free(e);
	return rc;
}

/* ---- input */

/* Detection without a BOM, line by line. A line that is not valid UTF-8
 * cannot come from a UTF-8 file: it is sure evidence of GB18030. A valid
 * line proves less, since GB bytes are valid UTF-8 now and then by chance
 * (a run of two GBK hanzi about one time in fifty), but those chance
 * decodings are almost all two-byte sequences, U+0080..U+07FF (Latin,
 * Greek, Cyrillic, Arabic …): a line is sure UTF-8 only when it decodes to
 * at least one character of the ranges Chinese text is written in. Lines
 * of plain ASCII say nothing. Both kinds of sure line in one file is a
 * file saved piecewise in two encodings (rows pasted from another sheet):
 * whichever were chosen, some rows would turn to mojibake (张三 read as
 * GB18030 from UTF-8 is 寮犱笁), so it is refused with the lines that
 * disagree. */
static int
chinese_cp(unsigned cp)
{
	return (cp >= 0x2000 && cp <= 0x206F) ||	/* General Punctuation “”—… */
	       (cp >= 0x3000 && cp <= 0x303F) ||	/* CJK Symbols and Punctuation 、。《》 */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||	/* CJK Extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* CJK Unified Ideographs */
	       (cp >= 0xFF00 && cp <= 0xFFEF) ||	/* Halfwidth and Fullwidth Forms ，：（） */
	       (cp >= 0x20000 && cp <= 0x3134F);	/* CJK Extensions B..G */
}

enum line_kind { LINE_ASCII, LINE_UTF8_WEAK, LINE_UTF8, LINE_GB };

static enum line_kind
line_kind(const char *s, size_t len)
{
	int ascii = 1, chinese = 0;
	size_t i = 0;

	if (!text_valid_utf8(s, len))
		return LINE_GB;
	while (i < len) {
		unsigned cp;
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return LINE_GB;
		if (cp >= 0x80)
			ascii = 0;
		if (chinese_cp(cp))
			chinese = 1;
		i += n;
	}
	return ascii ? LINE_ASCII : chinese ? LINE_UTF8 : LINE_UTF8_WEAK;
}

static void
line_list_flush(struct enc_lines *l)
{
	if (!l->first)
		return;
	if (l->shown >= 8) {
		l->more = 1;
	} else {
		int n = l->first == l->last
			? snprintf(l->text + l->len, sizeof l->text - l->len, "%s%ld",
				   l->shown ? ", " : "", l->first)
			: snprintf(l->text + l->len, sizeof l->text - l->len, "%s%ld-%ld",
				   l->shown ? ", " : "", l->first, l->last);

		if (n > 0 && (size_t)n < sizeof l->text - l->len)
			l->len += (size_t)n;
		l->shown++;
	}
	l->first = l->last = 0;
}

static void
line_list_add(struct enc_lines *l, long line)
{
	if (l->first && line == l->last + 1) {
		l->last = line;
		return;
	}
	line_list_flush(l);
	l->first = l->last = line;
}

static const char *
line_list_text(struct enc_lines *l)
{
	line_list_flush(l);
	if (l->more && l->len + 6 < sizeof l->text)
		memcpy(l->text + l->len, ", …", sizeof ", …");
	return l->text;
}

void
encoding_sniff_init(struct enc_sniff *s)
{
	memset(s, 0, sizeof *s);
	s->line = 1;
}

void
encoding_sniff(struct enc_sniff *s, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	if (!s->fed && len >= 3 && memcmp(buf, utf8_bom, 3) == 0)
		s->bom = 1;
	s->fed = 1;
	if (s->bom)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		switch (line_kind(p, n)) {
		case LINE_UTF8:
			s->nutf8++;
			line_list_add(&s->utf8, s->line);
			break;
		case LINE_GB:
			s->ngb++;
			line_list_add(&s->gb, s->line);
			break;
		default:
			break;
		}
		p += n + 1;
		if (nl)
			s->line++;
	}
}

int
encoding_sniff_end(struct enc_sniff *s, const char *name, yk_error *err)
{
	long nutf8 = s->nutf8, ngb = s->ngb;

	if (s->bom)
		return ENC_UTF8_BOM;
	if (ngb == 0)
		return ENC_UTF8;
	if (nutf8 == 0)
		return ENC_GB18030;
	/* name the fewer: they are the rows that came from elsewhere */
	if (ngb <= nutf8)
		return yk_error_set(err, _("%1$s: 文件混用了编码：第 %3$s 行%2$.0s%4$.0s不是 UTF-8，而周围 %5$ld 行%6$.0s中文是 UTF-8%7$.0s；请把整个文件存成同一种编码，或用 --encoding 写明（否则那些行会变成乱码）"), name, ngb == 1 ? "" : "s",
				    line_list_text(&s->gb), ngb == 1 ? "is" : "are", nutf8,
				    nutf8 == 1 ? "" : "s", ngb == 1 ? "it" : "them");
	return yk_error_set(err, _("%1$s: 文件混用了编码：第 %3$s 行%2$.0s%4$.0s是 UTF-8，而另外 %5$ld 行%6$.0s%7$.0s不是 UTF-8，按 GB18030 读取；请把整个文件存成同一种编码，或用 --encoding 写明（否则那些行会变成乱码）"), name, nutf8 == 1 ? "" : "s", line_list_text(&s->utf8),
			    nutf8 == 1 ? "is" : "are", ngb, ngb == 1 ? "" : "s",
			    ngb == 1 ? "is" : "are");
}

int
encoding_detect(const char *buf, size_t len, const char *name, yk_error *err)
{
	struct enc_sniff s;

	if (len >= 3 && memcmp(buf, utf8_bom, 3) == 0)
		return ENC_UTF8_BOM;
	if (text_valid_utf8(buf, len))
		return ENC_UTF8;
	encoding_sniff_init(&s);
	encoding_sniff(&s, buf, len);
	return encoding_sniff_end(&s, name, err);
}

static long
line_at(const char *buf, size_t off)
{
	long line = 1;
	const char *p = buf, *end = buf + off, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p = nl + 1;
	}
	return line;
}

/* How many bytes to show for a bad sequence at p: the character it seems to
 * start, so the user can find it in a hex view. */
static size_t
bad_span(const char *p, size_t left, enum yk_encoding enc)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t n = 1;

	if (enc == ENC_GB18030 || enc == ENC_GBK) {
		if (s[0] >= 0x81 && s[0] <= 0xFE)
			n = enc == ENC_GB18030 && left >= 2 && s[1] >= 0x30 && s[1] <= 0x39
			    ? 4 : 2;
	} else {
		/* lead byte by its bit pattern, then as many continuation
		 * bytes as follow */
		size_t want = s[0] >= 0xF0 && s[0] <= 0xF7 ? 4 :
			      s[0] >= 0xE0 && s[0] <= 0xEF ? 3 :
			      s[0] >= 0xC0 && s[0] <= 0xDF ? 2 : 1;

		while (n < want && n < left && (s[n] & 0xC0) == 0x80)
			n++;
		return n;
	}
	return n < left ? n : left;
}

static int
bad_input(const char *buf, size_t len, size_t off, int at_end, enum yk_encoding enc, long line0,
	  const char *name, yk_error *err)
{
	char hex[32];

	hex_bytes(hex, sizeof hex, buf + off, bad_span(buf + off, len - off, enc));
	return yk_error_set(err, _("%s:%ld: 不是有效的 %s 字节（%s）%s"), name,
			    line_at(buf, off) + line0 - 1, charset(enc), hex,
			    at_end ? _("：文件在一个字符的中间结束") : "");
}

static int
from_gb(const char *buf, size_t len, enum yk_encoding enc, long line0, char **out, size_t *outlen,
	const char *name, yk_error *err)
{
	ICONV_CONST char *in = (ICONV_CONST char *)buf;
	size_t inleft = len, cap, outleft;
	char *o, *outp;
	iconv_t cd;

	cd = iconv_open("UTF-8", charset(enc));
	if (cd == NO_ICONV)
		return yk_error_set(err, _("%s: 本系统的 iconv 不能从 %s 转换：%s"),
				    name, charset(enc), strerror(errno));
	/* A two-byte GB character becomes three UTF-8 bytes; the rest do not
	 * grow. */
	cap = len + len / 2 + 16;
	o = xmalloc(cap);
	outp = o;
	outleft = cap - 1;	/* room for the NUL */
	while (inleft > 0) {
		size_t r = iconv(cd, &in, &inleft, &outp, &outleft);
		int saved = errno;

		if (r != (size_t)-1)
			break;
		if (saved == E2BIG) {
			size_t used = (size_t)(outp - o);

			cap *= 2;
			o = xrealloc(o, cap);
			outp = o + used;
			outleft = cap - 1 - used;
			continue;
		}
		free(o);
		iconv_close(cd);
		if (saved == EILSEQ || saved == EINVAL)
			return bad_input(buf, len, (size_t)(in - buf), saved == EINVAL, enc,
					 line0, name, err);
		return yk_error_set(err, _("%s: 不能从 %s 转换：%s"), name,
				    charset(enc), strerror(saved));
	}
	iconv_close(cd);
	*outp = '\0';
	*out = o;
	*outlen = (size_t)(outp - o);
	/* GB18030 has its own byte order mark (84 31 95 33), which comes out
	 * as U+FEFF. */
	if (line0 == 1 && *outlen >= 3 && memcmp(o, utf8_bom, 3) == 0) {
		memmove(o, o + 3, *outlen - 3 + 1);
		*outlen -= 3;
	}
	return 0;
}

/* Byte order marks of the encodings that are not read (Unicode 15, §23.8,
 * Table 23-4), longest first where one begins with another. */
static const struct {
	const char *bytes;
	size_t n;
	const char *name;
} wide_boms[] = {
	{"\xFF\xFE\0\0", 4, "UTF-32 (little-endian)"},
	{"\0\0\xFE\xFF", 4, "UTF-32 (big-endian)"},
	{"\xFF\xFE", 2, "UTF-16 (little-endian)"},
	{"\xFE\xFF", 2, "UTF-16 (big-endian)"},
};

int
encoding_to_utf8(const char *buf, size_t len, enum yk_encoding from, char **out,
		 size_t *outlen, const char *name, yk_error *err)
{
	return encoding_to_utf8_part(buf, len, from, 1, out, outlen, name, err);
}

int
encoding_to_utf8_part(const char *buf, size_t len, enum yk_encoding from, long line0, char **out,
		      size_t *outlen, const char *name, yk_error *err)
{
	int first = line0 == 1;
	int has_bom = first && len >= 3 && memcmp(buf, utf8_bom, 3) == 0;
	size_t skip, good;
	int cut;

	*out = NULL;
	*outlen = 0;
	/* Excel's "Unicode text" is UTF-16, some tools write UTF-32; without
	 * this the user would see "bytes not valid" on line 1 and no idea why.
	 * UTF-32LE's mark begins with UTF-16LE's, so it is looked at first. */
	for (size_t i = 0; first && i < sizeof wide_boms / sizeof wide_boms[0]; i++)
		if (len >= wide_boms[i].n && memcmp(buf, wide_boms[i].bytes, wide_boms[i].n) == 0)
			return yk_error_set(err, _("%s:1: 文件是 %s 文本，不能读取；请改存为 CSV（UTF-8 或 GB18030）"), name,
					    wide_boms[i].name);
	if (from == ENC_AUTO) {
		int d = encoding_detect(buf, len, name, err);

		if (d < 0)
			return -1;
		from = (enum yk_encoding)d;
	}
	switch (from) {
	case ENC_GB18030:
	case ENC_GBK:
		/* EF BB BF decodes as GB18030 too, into mojibake: a file
		 * that says it is UTF-8 is not read as anything else. */
		if (has_bom)
			return yk_error_set(err, _("%s:1: 文件以 UTF-8 字节序标记开头，却声明为 %s；请按 utf-8 或 auto 读取"),
					    name, charset(from));
		return from_gb(buf, len, from, line0, out, outlen, name, err);
	case ENC_UTF8:
	case ENC_UTF8_BOM:
		skip = has_bom ? 3 : 0;
		good = utf8_valid_prefix(buf + skip, len - skip, &cut);
		if (skip + good < len)
			return bad_input(buf, len, skip + good, cut, ENC_UTF8, line0, name, err);
		/* not xstrndup: a NUL byte is valid UTF-8 and must not cut
		 * the text short without anyone noticing */
		*out = xmalloc(len - skip + 1);
		memcpy(*out, buf + skip, len - skip);
		(*out)[len - skip] = '\0';
		*outlen = len - skip;
		return 0;
	case ENC_AUTO:
		break;
	}
	return yk_error_set(err, _("%s: 不能读取编码 %d"), name, (int)from);
}
