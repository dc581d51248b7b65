/* libFuzzer harness: a file brought in by import — the strict decoder
 * (encoding_to_utf8 with ENC_AUTO detection: UTF-8, UTF-8 with BOM or
 * GB18030) and the CSV reader over its output. Bytes that decode and parse
 * must also survive a round trip: the rows written back with the CSV writer
 * (formula guard off) read back as the same fields. The decoded text also
 * goes through the GB18030 encoder, and the raw bytes through the explicit
 * GBK and GB18030 decoders. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/csv.h"
#include "yekuo/core/text.h"
#include "yekuo/core/encoding.h"
#include "yekuo/core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ROWS 256

struct table {
	size_t nrows;
	size_t nf[MAX_ROWS];
	char **f[MAX_ROWS];
};

static void
table_free(struct table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->nf[r]; i++)
			free(t->f[r][i]);
		free(t->f[r]);
	}
	t->nrows = 0;
}

/* Read up to MAX_ROWS rows; 0 when the whole text parsed. */
static int
read_table(const char *utf8, size_t len, struct table *t)
{
	struct yk_csv_reader rd;
	struct csv_row row;
	yk_error err;
	int rc;

	t->nrows = 0;
	csv_reader_init(&rd, utf8, len, "fuzz.csv");
	while ((rc = csv_next_row(&rd, &row, &err)) == 1 && t->nrows < MAX_ROWS) {
		size_t r = t->nrows++;

		t->nf[r] = row.nfields;
		t->f[r] = xcalloc(row.nfields, sizeof *t->f[r]);
		for (size_t i = 0; i < row.nfields; i++)
			t->f[r][i] = xstrdup(row.fields[i]);
	}
	csv_reader_free(&rd);
	return rc < 0 ? -1 : rc == 1 ? 1 : 0;
}

static void
encode(const char *utf8, size_t len, enum yk_encoding enc)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);
	yk_error err;
	struct yk_encoder *e;

	if (!f)
		return;
	e = encoder_open(f, "fuzz-out.csv", enc, &err);
	if (e) {
		(void)encoder_write(e, utf8, len, &err);
		(void)encoder_close(e, &err);
	}
	fclose(f);
	free(buf);
}

static void
round_trip(const struct table *t)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);
	struct yk_encoder *e;
	struct yk_csv_writer w;
	struct table back = {0};
	yk_error err;

	if (!f)
		return;
	e = encoder_open(f, "fuzz-out.csv", ENC_UTF8, &err);
	if (!e)
		__builtin_trap();
	csv_writer_init(&w, e);
	w.guard_formulas = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t i = 0; i < t->nf[r]; i++)
			csv_field(&w, t->f[r][i]);
		csv_end_row(&w);
	}
	if (csv_writer_status(&w, &err) < 0 || encoder_close(e, &err) < 0)
		__builtin_trap();
	fclose(f);
	if (read_table(buf, blen, &back) != 0 || back.nrows != t->nrows)
		__builtin_trap();
	for (size_t r = 0; r < t->nrows; r++) {
		if (back.nf[r] != t->nf[r])
			__builtin_trap();
		for (size_t i = 0; i < t->nf[r]; i++) {
			/* the writer shows control and invisible formatting
			 * characters escaped (csv_field, text_visible): what comes
			 * back is the visible form of what went in */
			char *vis = NULL;
			size_t viscap = 0;
			const char *want = text_visible(t->f[r][i], TEXT_KEEP_LINES | TEXT_KEEP_TABS,
							&vis, &viscap);

			if (strcmp(back.f[r][i], want) != 0)
				__builtin_trap();
			free(vis);
		}
	}
	table_free(&back);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	char *utf8;
	size_t len;
	yk_error err;
	struct table t = {0};

	if (encoding_to_utf8(in, size, ENC_AUTO, &utf8, &len, "fuzz.csv", &err) == 0) {
		if (read_table(utf8, len, &t) == 0)
			round_trip(&t);
		table_free(&t);
		encode(utf8, len, ENC_GB18030);
		free(utf8);
	}
	if (encoding_to_utf8(in, size, ENC_GBK, &utf8, &len, "fuzz.csv", &err) == 0)
		free(utf8);
	if (encoding_to_utf8(in, size, ENC_GB18030, &utf8, &len, "fuzz.csv", &err) == 0)
		free(utf8);
	return 0;
}
