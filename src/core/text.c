#include "config.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

size_t
text_utf8_decode(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c;
	size_t n;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int
text_valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;

	while (i < len) {
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

static int
cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* Next character: its byte length and width (invalid byte = 1 byte, 1 col). */
static size_t
next_char(const char *s, size_t len, int *w)
{
	unsigned cp;
	size_t n = text_utf8_decode(s, len, &cp);

	if (n == 0) {
		*w = 1;
		return 1;
	}
	*w = cp_width(cp);
	return n;
}

int
text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int total = 0, w;

	while (i < len) {
		i += next_char(s + i, len - i, &w);
		total += w;
	}
	return total;
}

size_t
text_fit(const char *s, int cols, int *width)
{
	size_t len = strlen(s), i = 0;
	int total = 0, w;

	while (i < len) {
		size_t n = next_char(s + i, len - i, &w);

		if (total + w > cols)
			break;
		total += w;
		i += n;
	}
	if (width)
		*width = total;
	return i;
}

void
text_truncate(const char *s, int cols, char *out, size_t outsz)
{
	size_t n;

	if (outsz == 0)
		return;
	if (cols <= 0) {
		out[0] = '\0';
		return;
	}
	if (text_width(s) <= cols) {
		n = strlen(s);
		if (n >= outsz)
			n = text_fit(s, cols, NULL) < outsz ? text_fit(s, cols, NULL) : 0;
		memcpy(out, s, n);
		out[n] = '\0';
		return;
	}
	n = text_fit(s, cols - 1, NULL);
	if (n + 4 > outsz)
		n = 0;
	memcpy(out, s, n);
	memcpy(out + n, "\xE2\x80\xA6", 4); /* … (one column) */
}

void
text_pad(const char *s, int cols, char *out, size_t outsz)
{
	size_t n;
	int w;

	text_truncate(s, cols, out, outsz);
	n = strlen(out);
	w = text_width(out);
	while (w < cols && n + 1 < outsz) {
		out[n++] = ' ';
		w++;
	}
	out[n] = '\0';
}

char *
text_next_word(char **s)
{
	char *w = *s, *e;

	while (*w == ' ' || *w == '\t')
		w++;
	if (!*w)
		return NULL;
	e = w;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	if (*e)
		*e++ = '\0';
	*s = e;
	return w;
}

char *
text_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

int
text_each_line(const char *text, size_t len, int (*fn)(void *ctx, char *buf), void *ctx,
	       int *line, const char **problem)
{
	size_t pos = 0;
	char buf[TEXT_LINE_MAX + 1];
	int rc;

	*line = 0;
	*problem = NULL;
	while (pos < len) {
		size_t end = pos;
		char *b = buf;

		while (end < len && text[end] != '\n')
			end++;
		(*line)++;
		if (end - pos > TEXT_LINE_MAX) {
			*problem = _("一行超过 1024 字节");
			return -1;
		}
		if (memchr(text + pos, '\0', end - pos)) {
			*problem = _("文本文件里有 NUL 字节");
			return -1;
		}
		memcpy(buf, text + pos, end - pos);
		buf[end - pos] = '\0';
		if (end - pos && buf[end - pos - 1] == '\r')
			buf[end - pos - 1] = '\0';
		if (!text_valid_utf8(buf, strlen(buf))) {
			*problem = _("不是有效的 UTF-8");
			return -1;
		}
		if (*line == 1 && strncmp(buf, "\xEF\xBB\xBF", 3) == 0)
			b += 3;
		rc = fn(ctx, b);
		if (rc)
			return rc;
		pos = end + 1;
	}
	(*line)++;
	return 0;
}

int
text_is_invisible(unsigned cp)
{
	return cp == 0x200B || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static int
shown_as_is(unsigned cp, int flags)
{
	if (cp == '\t')
		return flags & TEXT_KEEP_TABS;
	if (cp == '\n' || cp == '\r')
		return flags & TEXT_KEEP_LINES;
	/* C0, DEL and C1 controls (ISO/IEC 6429) */
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	return !text_is_invisible(cp);
}

const char *
text_visible(const char *s, int flags, char **buf, size_t *cap)
{
	size_t len = strlen(s), i = 0, o = 0, n;
	unsigned cp;

	for (i = 0; i < len; i += n) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || !shown_as_is(cp, flags))
			break;
	}
	if (i == len)
		return s;
	/* at most 6 bytes ("\u202e") for each byte of s */
	*buf = xgrow(*buf, cap, 6 * len + 1, 1);
	memcpy(*buf, s, i);
	o = i;
	for (; i < len; i += n) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			o += (size_t)snprintf(*buf + o, 5, "\\x%02x", (unsigned char)s[i]);
			n = 1;
		} else if (!shown_as_is(cp, flags)) {
			o += (size_t)(cp < 0x80 ? snprintf(*buf + o, 5, "\\x%02x", cp)
						: snprintf(*buf + o, 7, "\\u%04x", cp));
		} else {
			memcpy(*buf + o, s + i, n);
			o += n;
		}
	}
	(*buf)[o] = '\0';
	return *buf;
}

/* ---- wrapping ---------------------------------------------------------- */

static int
word_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
	       c == '%' || c == '-' || c == '/' || c == ':' || c == '+' || c == '*';
}

/* The start of the character whose bytes include s[i]. */
static size_t
char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Is the character before s[t] a CJK ideograph (not punctuation)? */
static int
cjk_before(const char *s, size_t t)
{
	size_t c = char_start(s, t - 1);
	unsigned cp = 0;

	return text_utf8_decode(s + c, t - c, &cp) != 0 && cp >= 0x2E80 &&
	       !(cp >= 0x3000 && cp <= 0x303F) && cp < 0xFF00;
}

size_t
text_wrap_next(const char *s, int w)
{
	size_t n = text_fit(s, w, NULL), b;
	unsigned cp;

	if (n == 0 && *s) {
		n = text_utf8_decode(s, strlen(s), &cp);
		if (n == 0)
			n = 1;
	}
	if (!s[n])
		return n;
	b = n;
	/* a break inside the unit after a number ("22 工作|日") is taken as
	 * one right after the number */
	{
		size_t t = n;

		for (int k = 0; k < 3 && t > 0 && cjk_before(s, t); k++)
			t = char_start(s, t - 1);
		while (t > 0 && s[t - 1] == ' ')
			t--;
		if (t < n && t > 0 && s[t - 1] >= '0' && s[t - 1] <= '9')
			b = t;
	}
	/* a break inside the word that names a number ("装表接|电 3") moves
	 * to the start of that word */
	{
		size_t f = n, c = n;
		unsigned cp = 0;
		int k = 0;

		for (size_t len; k < 4 && (len = text_utf8_decode(s + f, strlen(s + f), &cp)) != 0 &&
				 cp >= 0x2E80 && !(cp >= 0x3000 && cp <= 0x303F) && cp < 0xFF00;
		     k++)
			f += len;
		while (s[f] == ' ')
			f++;
		if (k > 0 && k < 4 && s[f] >= '0' && s[f] <= '9') {
			for (int j = 0; j < 4 && c > 0 && cjk_before(s, c); j++)
				c = char_start(s, c - 1);
			if (c > 0 && c < n)
				return c;
		}
	}
	/* blanks at the break belong to the number before them */
	while (b > 0 && s[b - 1] == ' ')
		b--;
	if (b > 0 && word_char(s[b - 1]) && (b < n || word_char(s[n]) || (s[b - 1] >= '0' && s[b - 1] <= '9'))) {
		while (b > 0 && word_char(s[b - 1]))
			b--;
		/* and the word that names the number ("合计 22"), up to the
		 * punctuation or blank before it */
		{
			size_t c = b, w;

			while (c > 0 && s[c - 1] == ' ')
				c--;
			w = c;
			for (int k = 0; k < 4 && w > 0 && cjk_before(s, w); k++)
				w = char_start(s, w - 1);
			/* only a short word that starts inside the line moves
			 * with it; a line of one word keeps it whole */
			if (w > 0 && w < c && !cjk_before(s, w))
				b = w;
		}
		if (b > 0)
			return b;
	}
	return n;
}
