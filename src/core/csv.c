#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/csv.h"
#include "yekuo/core/i18n.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

/* ---- writer */

/* Rows are assembled in the writer's buffer and handed to the encoder in
 * one piece when they end, so a row costs one iconv call rather than one
 * per field (or per character). */
static int
out_flush(struct yk_csv_writer *w)
{
	size_t n = w->nbuf;

	w->nbuf = 0;
	if (w->failed)
		return -1;
	if (n > 0 && encoder_write(w->enc, w->buf, n, &w->first) < 0) {
		w->failed = 1;
		return -1;
	}
	return 0;
}

static void
out_put(struct yk_csv_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = sizeof w->buf - w->nbuf, k = n < room ? n : room;

		memcpy(w->buf + w->nbuf, s, k);
		w->nbuf += k;
		s += k;
		n -= k;
		if (w->nbuf == sizeof w->buf && out_flush(w) < 0)
			return;
	}
}

void
csv_writer_init(struct yk_csv_writer *w, struct yk_encoder *enc)
{
	memset(w, 0, sizeof *w);
	w->enc = enc;
	w->guard_formulas = 1;
}

/* A sign, digits and at most one point, nothing else ("-", "" and "-.5"
 * included): a spreadsheet can read such a field as a number at most, never
 * run it. */
static int
plain_number(const char *s)
{
	int dot = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++) {
		if (*s == '.' && !dot)
			dot = 1;
		else if (*s < '0' || *s > '9')
			return 0;
	}
	return 1;
}

/* Formula injection (OWASP "CSV Injection"): Excel runs a cell that starts
 * with =, +, - or @ as a formula, so a customer named
 * =HYPERLINK("http://…","点此") would become a live link, or worse, in the
 * regulator's spreadsheet. Following OWASP, such a text field, and one
 * starting with tab or CR (which some readers strip before looking), is
 * prefixed with an apostrophe and quoted; Excel then shows it as text. The
 * apostrophe is visible in the cell: that is the price, and the data stays
 * recognisable. Plain numbers written as text ("-5", "+3.5", "-") are left
 * alone since they cannot run anything, and csv_field_num() never prefixes,
 * so negative amounts stay numbers. The reader does not strip apostrophes:
 * it cannot tell ours from one a person typed. */
static int
needs_guard(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) && !plain_number(s);
}

static int
needs_quotes(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	/* leading or trailing spaces: some readers trim them otherwise */
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 1;
	/* a leading U+FEFF would be read back as a byte order mark and dropped */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static void
begin_field(struct yk_csv_writer *w)
{
	if (w->nfields > 0)
		out_put(w, ",", 1);
	w->nfields++;
}

int
csv_field(struct yk_csv_writer *w, const char *utf8)
{
	/* line breaks and tabs are a CSV cell's own; any other control
	 * character, or a byte that is not UTF-8 (text stored by an older
	 * version), is written visibly (text.h) rather than raw */
	char *esc = NULL;
	size_t esccap = 0, len;
	const char *s;
	int guard;

	if (w->failed)
		return -1;
	s = text_visible(utf8 ? utf8 : "", TEXT_KEEP_LINES | TEXT_KEEP_TABS, &esc, &esccap);
	len = strlen(s);
	guard = w->guard_formulas && needs_guard(s);
	w->empty_field = w->nfields == 0 && len == 0;
	begin_field(w);
	if (guard || needs_quotes(s, len)) {
		const char *q;

		out_put(w, "\"", 1);
		if (guard)
			out_put(w, "'", 1);
		while ((q = strchr(s, '"')) != NULL) {
			out_put(w, s, (size_t)(q - s) + 1);
			out_put(w, "\"", 1);
			s = q + 1;
		}
		out_put(w, s, strlen(s));
		out_put(w, "\"", 1);
	} else {
		out_put(w, s, len);
	}
	free(esc);
	return w->failed ? -1 : 0;
}

int
csv_field_num(struct yk_csv_writer *w, double v, int decimals)
{
	char num[384], *p = num;
	const char *dp = localeconv()->decimal_point;
	size_t dplen = dp ? strlen(dp) : 0;
	int n;

	if (w->failed)
		return -1;
	if (!isfinite(v)) {
		w->failed = 1;
		return yk_error_set(&w->first, _("无法把 %s 写成 CSV 数字"),
				    isnan(v) ? "NaN" : _("无穷大的值"));
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 15)
		decimals = 15;
	n = snprintf(num, sizeof num, "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof num) {
		w->failed = 1;
		return yk_error_set(&w->first, _("无法把 %g 写成 CSV 数字"), v);
	}
	/* printf follows LC_NUMERIC, and a CSV for Excel wants '.' whatever
	 * the locale the program runs in. */
	if (dplen > 0 && strcmp(dp, ".") != 0) {
		char *at = strstr(num, dp);

		if (at) {
			*at = '.';
			memmove(at + 1, at + dplen, strlen(at + dplen) + 1);
		}
	}
	/* -0.001 rounded to two places is "-0.00": say 0.00. */
	if (num[0] == '-' && strspn(num + 1, "0.") == strlen(num + 1))
		p++;
	w->empty_field = 0;
	begin_field(w);
	out_put(w, p, strlen(p));
	return w->failed ? -1 : 0;
}

int
csv_end_row(struct yk_csv_writer *w)
{
	if (w->failed)
		return -1;
	/* A row that is one empty field would come out as an empty line,
	 * which readers skip; "" keeps the row. */
	if (w->nfields == 1 && w->empty_field)
		out_put(w, "\"\"", 2);
	out_put(w, "\r\n", 2);
	w->nfields = 0;
	w->empty_field = 0;
	return out_flush(w);
}

int
csv_writer_status(const struct yk_csv_writer *w, yk_error *err)
{
	if (!w->failed)
		return 0;
	return yk_error_set(err, "%s", w->first.msg);
}

/* ---- reader */

void
csv_reader_init(struct yk_csv_reader *r, const char *utf8, size_t len, const char *name)
{
	memset(r, 0, sizeof *r);
	r->buf = utf8;
	r->len = len;
	r->line = 1;
	r->name = name;
	if (len >= 3 && memcmp(utf8, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

void
csv_reader_free(struct yk_csv_reader *r)
{
	free(r->data);
	free(r->offs);
	free(r->fields);
	memset(r, 0, sizeof *r);
}

static void
put_byte(struct yk_csv_reader *r, size_t *dlen, char c)
{
	if (*dlen + 1 > r->datacap)
		r->data = xgrow(r->data, &r->datacap, *dlen + 1, 1);
	r->data[(*dlen)++] = c;
}

/* Whether only empty lines are left from pos on. Remembers where the run of
 * CR and LF ends, so that a file with many empty lines in a row is not
 * scanned again for each of them. */
static int
only_blank_left(struct yk_csv_reader *r)
{
	if (r->blank_end <= r->pos) {
		size_t i = r->pos;

		while (i < r->len && (r->buf[i] == '\r' || r->buf[i] == '\n'))
			i++;
		r->blank_end = i;
	}
	return r->blank_end >= r->len;
}

/* At pos: a row end (LF or CRLF) consumed, returning 1, or 0 if there is
 * none. */
static int
take_eol(struct yk_csv_reader *r)
{
	if (r->buf[r->pos] == '\n') {
		r->pos++;
		r->line++;
		return 1;
	}
	if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n') {
		r->pos += 2;
		r->line++;
		return 1;
	}
	return 0;
}

int
csv_next_row(struct yk_csv_reader *r, struct csv_row *row, yk_error *err)
{
	size_t nf = 0, dlen = 0;
	long row_line = r->line;
	int row_done = 0;

	row->nfields = 0;
	row->fields = NULL;
	row->line = row_line;
	if (!r->fields) {
		/* 4 KiB at most, once: cheaper than growing it field by field */
		r->offs = xcalloc(CSV_FIELDS_MAX, sizeof *r->offs);
		r->fields = xcalloc(CSV_FIELDS_MAX, sizeof *r->fields);
	}
	if (r->pos >= r->len || only_blank_left(r)) {
		/* count the skipped lines anyway, for a caller asking r->line */
		for (; r->pos < r->len; r->pos++)
			if (r->buf[r->pos] == '\n')
				r->line++;
		return 0;
	}
	while (!row_done) {
		long field_line = r->line;
		size_t start = dlen;

		if (nf == CSV_FIELDS_MAX)
			return yk_error_set(err, _("%s:%ld: 一行超过 %d 个字段"),
					    r->name, row_line, CSV_FIELDS_MAX);
		r->offs[nf] = start;
		if (r->pos < r->len && r->buf[r->pos] == '"') {
			r->pos++;
			for (;;) {
				char c;

				if (r->pos >= r->len)
					return yk_error_set(err, _("%s:%ld: 引号里的字段没有结束"),
							    r->name, field_line);
				c = r->buf[r->pos];
				if (c == '"') {
					if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"') {
						r->pos++;
					} else {
						r->pos++;
						break;
					}
				} else if (c == '\n') {
					r->line++;
				} else if (c == '\0') {
					return yk_error_set(err, _("%s:%ld: 数据里有 NUL 字节"),
							    r->name, r->line);
				}
				if (dlen - start >= CSV_FIELD_MAX)
					return yk_error_set(err, _("%s:%ld: 第 %zu 个字段超过 %d 字节"), r->name, field_line, nf + 1,
							    CSV_FIELD_MAX);
				put_byte(r, &dlen, c);
				r->pos++;
			}
			if (r->pos >= r->len || take_eol(r))
				row_done = 1;
			else if (r->buf[r->pos] == ',')
				r->pos++;
			else
				return yk_error_set(err, _("%s:%ld: 第 %zu 个字段的后引号之后还有文字"), r->name, r->line, nf + 1);
		} else {
			for (;;) {
				char c;

				if (r->pos >= r->len || take_eol(r)) {
					row_done = 1;
					break;
				}
				c = r->buf[r->pos];
				if (c == ',') {
					r->pos++;
					break;
				}
				if (c == '"')
					return yk_error_set(err, _("%s:%ld: 没有引号的第 %zu 个字段里有引号（带引号的字段要整个加引号）"), r->name, r->line,
							    nf + 1);
				if (c == '\0')
					return yk_error_set(err, _("%s:%ld: 数据里有 NUL 字节"),
							    r->name, r->line);
				if (dlen - start >= CSV_FIELD_MAX)
					return yk_error_set(err, _("%s:%ld: 第 %zu 个字段超过 %d 字节"), r->name, field_line, nf + 1,
							    CSV_FIELD_MAX);
				put_byte(r, &dlen, c);
				r->pos++;
			}
		}
		put_byte(r, &dlen, '\0');
		nf++;
	}
	/* data may have moved while growing: pointers only now */
	for (size_t i = 0; i < nf; i++)
		r->fields[i] = r->data + r->offs[i];
	row->nfields = nf;
	row->fields = r->fields;
	return 1;
}
