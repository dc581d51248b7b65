#ifndef YEKUO_CSV_H
#define YEKUO_CSV_H

/* CSV as RFC 4180 and Excel understand it: fields separated by commas, a
 * field quoted when it holds a comma, a quote, CR or LF (quotes doubled
 * inside), rows ending in CRLF. The writer goes through a yk_encoder, so the
 * bytes on disk are GB18030 or UTF-8 as chosen; the reader works on UTF-8
 * already decoded by encoding_to_utf8(). */

#include <stddef.h>

#include "yekuo/core/encoding.h"
#include "yekuo/core/error.h"

/* ---- writer */

struct yk_csv_writer {
	struct yk_encoder *enc;	/* borrowed: the caller opens and closes it */
	size_t nfields;		/* fields written so far in the current row */
	int empty_field;	/* the row so far is one empty text field */
	/* Prefix text fields that a spreadsheet would run as a formula with
	 * an apostrophe (see csv.c). On by default; a file meant only for
	 * programs may turn it off. */
	int guard_formulas;
	int failed;
	yk_error first;		/* the first failure; later calls do nothing */
	/* The row so far, handed to the encoder in one piece when the row
	 * ends (or the buffer fills): one iconv call per row, not per field. */
	size_t nbuf;
	char buf[4096];
};

void csv_writer_init(struct yk_csv_writer *w, struct yk_encoder *enc);
/* One text field (NULL is written as an empty field). */
int csv_field(struct yk_csv_writer *w, const char *utf8);
/* One number with `decimals` (0..15) digits after the point, always '.'
 * whatever the locale, never quoted, never prefixed: a negative number stays
 * a number. NaN and infinities are an error. */
int csv_field_num(struct yk_csv_writer *w, double v, int decimals);
/* End the row with CRLF (and hand it to the encoder). */
int csv_end_row(struct yk_csv_writer *w);
/* The calls above return 0 or -1 and keep the first error, so a report can
 * write all its rows and check once: 0 if everything so far was written,
 * else -1 with that error in *err. Then encoder_close() the encoder. */
int csv_writer_status(const struct yk_csv_writer *w, yk_error *err);

/* ---- reader */

#define CSV_FIELD_MAX (64 * 1024)	/* bytes in one field */
#define CSV_FIELDS_MAX 256		/* fields in one row */

struct csv_row {
	size_t nfields;
	char **fields;		/* NUL-terminated UTF-8; valid until the next call */
	long line;		/* 1-based physical line the row starts on */
};

struct yk_csv_reader {
	const char *buf;
	size_t len, pos;
	long line;		/* line of buf[pos] */
	size_t blank_end;	/* end of the run of empty lines last looked at */
	const char *name;	/* borrowed, for messages */
	char *data;		/* the current row's fields, NUL after each */
	size_t datacap;
	size_t *offs;		/* where each field starts in data */
	char **fields;		/* CSV_FIELDS_MAX of each, allocated on first use */
};

/* Read from utf8[0..len) (not copied: it must outlive the reader). `name`
 * is the file name for messages. A leading BOM is skipped. */
void csv_reader_init(struct yk_csv_reader *r, const char *utf8, size_t len, const char *name);
/* The next row: 1 when one was read, 0 at the end, -1 on error with
 * "NAME:LINE: what" in *err. Both CRLF and LF end a row; a quoted field may
 * span lines. Empty lines at the end of the file are skipped; an empty line
 * elsewhere is a row of one empty field. Errors: an unterminated quoted
 * field, a quote inside an unquoted field, text after a closing quote, a NUL
 * byte, a field over CSV_FIELD_MAX bytes, more than CSV_FIELDS_MAX fields.
 * After an error the reader is spent: only csv_reader_free() it. */
int csv_next_row(struct yk_csv_reader *r, struct csv_row *row, yk_error *err);
void csv_reader_free(struct yk_csv_reader *r);

#endif
