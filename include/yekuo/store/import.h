#ifndef YEKUO_IMPORT_H
#define YEKUO_IMPORT_H

/* Bringing an office's existing spreadsheet of cases in (docs/import-format.md):
 * a CSV whose columns are those of `yekuo export cases` (report.h,
 * report_case_cols), in any order, named by their Chinese title or code.
 * Each row becomes the events that would have produced it — an open event
 * and one event per stage date, marked origin "import" — and goes through
 * case_derive like the intake form, so a row is held to exactly the checks
 * a case typed in is. All rows go in as one transaction: any bad row and
 * nothing is imported, unless the bad rows are set aside (--skip-bad). A
 * row whose case number is already in the database is skipped, so
 * importing the same file again adds nothing. */

#include <stddef.h>

#include "yekuo/core/encoding.h"
#include "yekuo/core/error.h"
#include "yekuo/store/ledger.h"
#include "yekuo/store/outfile.h"

/* Largest file accepted. */
#define IMPORT_FILE_MAX (1024L * 1024 * 1024)

struct import_opts {
	enum yk_encoding encoding;	/* ENC_AUTO: BOM, valid UTF-8, else GB18030 */
	const char *bad_path;		/* set: import the good rows, write the bad ones here */
	const struct out_guard *guard;	/* what bad_path must not be (outfile.h) */
};

struct import_result {
	enum yk_encoding encoding;	/* what the file was read as */
	long rows;			/* data rows (blank rows not counted) */
	long imported, skipped, bad;
	int bad_header;			/* the header row is unusable: no row was read */
};

/* Import the file's bytes. Every problem goes to fn as one line
 * "NAME:LINE: field: problem". Returns 0 when every row was imported or
 * skipped; 1 when some rows were bad (nothing imported, or with bad_path
 * the good ones imported and the bad written there) or the header was
 * (bad_header: nothing imported, nothing written); -1 with err when the
 * file could not be read at all (bytes not valid in the encoding, no
 * header row, a database failure) — nothing is imported then. */
int import_cases(struct ledger *l, const char *name, const char *buf, size_t len,
		 const struct import_opts *o, void (*fn)(void *ctx, const char *problem),
		 void *ctx, struct import_result *res, yk_error *err);
/* The same from a file, read in parts (a row never split): memory does
 * not grow with the file. An automatic encoding is judged over the whole
 * file first, as import_cases does. */
int import_cases_file(struct ledger *l, const char *path, const struct import_opts *o,
		      void (*fn)(void *ctx, const char *problem), void *ctx,
		      struct import_result *res, yk_error *err);

#endif
