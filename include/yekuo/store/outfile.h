#ifndef YEKUO_OUTFILE_H
#define YEKUO_OUTFILE_H

/* Files the program writes for the user (exports, reports, receipts, the
 * bad rows of an import, sync bundles): never over a file that must not be
 * replaced, written whole or not at all, and nothing left behind when the
 * writer is killed half-way.
 *
 * - One check decides whether a path may be written (out_guard_check):
 *   never the database, its -wal, -shm or -journal, nor the file the same
 *   command reads (compared by device and inode, or by folder and name for
 *   a file not there yet), and an existing file only when asked (--force).
 * - The data goes to an unnamed file (O_TMPFILE) in the target's folder
 *   and is linked in under its name when complete; a file system without
 *   unnamed files gets a named temporary "NAME.tmpXXXXXX", listed in the
 *   user's data folder until it is renamed, so that the next start of the
 *   program removes it if its writer died (outfile_sweep). */

#include <stdio.h>

#include "yekuo/core/error.h"

struct out_guard {
	const char *db_path;	/* the open database, or NULL */
	const char *source;	/* a file the same command reads, or NULL */
	int force;		/* an existing file may be replaced */
	const char *force_opt;	/* named in the refusal ("--force"), or NULL */
};

/* 0 when `path` may be written under g (NULL: no check); -1 with err
 * naming the path and why not. */
int out_guard_check(const char *path, const struct out_guard *g, yk_error *err);

struct yk_outfile;

/* Open `path` for writing (NULL or "-": standard output) after
 * out_guard_check. The file is mode 0600 until committed. */
struct yk_outfile *outfile_open(const char *path, const struct out_guard *g, yk_error *err);
/* The same, for a writer that opens the file by name itself (an .xlsx
 * library): standard output too goes through a file. */
struct yk_outfile *outfile_open_named(const char *path, const struct out_guard *g,
				      yk_error *err);
FILE *outfile_stream(struct yk_outfile *f);
/* A name under which the data may be written by another library; the
 * stream must be closed first (outfile_release_stream). */
const char *outfile_tmpname(const struct yk_outfile *f);
void outfile_release_stream(struct yk_outfile *f);
/* The name for messages: the path, or "standard output". */
const char *outfile_name(const struct yk_outfile *f);
/* Flush, fsync and put the file in place (or copy it to standard output);
 * frees f. Without force an existing file at the path is an error, even
 * one that appeared after the check. */
int outfile_commit(struct yk_outfile *f, yk_error *err);
/* Drop what was written; frees f. */
void outfile_abort(struct yk_outfile *f);

/* ---- a named temporary file, for writers that need a name (SQLite) ----- */

struct tmpname {
	char *path;		/* where the file goes */
	char *tmp;		/* NAME.tmpXXXXXX beside it */
	char *entry;		/* its line in the pending list, or NULL */
	int force;
};

/* Create the temporary file (0600) beside `path` and list it; returns its
 * descriptor, or -1 with err. */
int tmpname_create(struct tmpname *t, const char *path, int force, yk_error *err);
/* Put the file in place (see outfile_commit) and forget it. */
int tmpname_commit(struct tmpname *t, yk_error *err);
/* Remove the file and forget it (a no-op once committed or aborted). */
void tmpname_abort(struct tmpname *t);

/* Remove the temporary files of writers that died: called at start. */
void outfile_sweep(void);

#endif
