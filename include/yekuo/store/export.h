#ifndef YEKUO_EXPORT_H
#define YEKUO_EXPORT_H

/* Writing report tables (report.h) out: aligned text for a terminal, CSV
 * (RFC 4180, CRLF, GB18030 by default so Excel on Chinese Windows reads
 * it) or .xlsx through libxlsxwriter (header row, column widths, dates as
 * dates, numbers as numbers). A file is written through outfile.h: never
 * over the database or, unless forced, an existing file, and put in place
 * only when complete, so a reader never sees half a report. ID numbers and phones are masked unless asked. Rows may be
 * streamed one at a time: memory does not grow with the rows written, in
 * every format. */

#include <stdio.h>

#include "yekuo/core/encoding.h"
#include "yekuo/core/error.h"
#include "yekuo/core/report.h"
#include "yekuo/store/outfile.h"

enum export_format { EXPORT_TEXT, EXPORT_CSV, EXPORT_XLSX };

/* "text", "csv", "xlsx" → the enum, or -1. */
int export_format_from_name(const char *name);
const char *export_format_name(enum export_format f);
/* The format a file name asks for by its extension (.txt, .csv, .xlsx, any
 * letter case), or -1. */
int export_format_of_path(const char *path);
/* The encoding a format is written in unless asked otherwise: GB18030 for
 * CSV (Excel on Chinese Windows), UTF-8 for text; .xlsx is Unicode. */
enum yk_encoding export_default_encoding(enum export_format f);
/* Was the program built with libxlsxwriter? */
int export_xlsx_available(void);

struct export_opts {
	enum export_format format;
	enum yk_encoding encoding;	/* text and csv; not ENC_AUTO */
	const char *path;		/* NULL or "-": standard output */
	int unmasked;			/* ID numbers and phones in full */
	const struct out_guard *guard;	/* what path must not be (outfile.h) */
	int streamed;			/* rows come one at a time, maybe millions:
					 * an .xlsx is written in constant memory
					 * (inline strings, not the shared table) */
};

struct yk_export;

/* Start writing. Fails (exit-2 material) when xlsx is asked of a build
 * without libxlsxwriter, or xlsx would go to a terminal. */
int export_open(const struct export_opts *o, struct yk_export **out, yk_error *err);
/* A whole report: title, header lines, warnings, then every section. */
int export_report(struct yk_export *x, const struct report *r, yk_error *err);

/* Streaming: the report's title and header lines (r may have no sections
 * and must stay alive until export_close: an .xlsx repeats them on each
 * sheet), then a section's columns, then its rows. A report without a title
 * writes none, so a CSV of one untitled section is a plain table (header
 * row, then rows) that `yekuo import` reads back. */
int export_head(struct yk_export *x, const struct report *r, yk_error *err);
int export_section(struct yk_export *x, const char *title, const struct report_col *cols,
		   size_t ncols, yk_error *err);
int export_row(struct yk_export *x, const struct report_cell *cells, yk_error *err);

/* Finish: flush, fsync and rename the file into place. Frees x; returns 0
 * or -1 with err (then nothing is left behind). */
int export_close(struct yk_export *x, yk_error *err);
/* Give up: remove the temporary file. Frees x. */
void export_abort(struct yk_export *x);

/* The report as the text format writes it, UTF-8, in memory (free it):
 * what is printed (print.h), its header lines (title, header lines,
 * warnings) wrapped to the width of its tables (at least 72 columns), so a
 * long one does not shrink the print. NULL with err on failure. */
char *export_report_text(const struct report *r, int unmasked, yk_error *err);

/* A cell as every output writes it: dates YYYY-MM-DD, numbers with the
 * column's decimals, ID numbers and phones masked unless `unmasked`.
 * Returns v's text or buf. */
const char *export_cell_text(const struct report_col *c, const struct report_cell *v, int unmasked,
			     char *buf, size_t bufsz);

#endif
