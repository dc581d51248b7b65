#ifndef YEKUO_DATADIR_H
#define YEKUO_DATADIR_H

/* Where data files live, and reading them.
 *
 * Two layers, later wins per file name:
 *   1. the installed data ($(pkgdatadir), or $YEKUO_DATA_DIR when set);
 *   2. the user's own  ($XDG_DATA_HOME/yekuo, default ~/.local/share/yekuo).
 * Each has subdirectories calendar/ (NAME.cal) and rules/ (NAME.rules). */

#include <stddef.h>

#include "yekuo/core/error.h"

/* Largest data file accepted: calendar and rules files are a few KiB. */
#define DATADIR_FILE_MAX (1024 * 1024)

const char *datadir_system(void);
/* $XDG_DATA_HOME/yekuo (created on demand by datadir_user_mkdir). */
const char *datadir_user(void);
/* Create `datadir_user()/sub` (mode 0700) if missing; returns its path in a
 * static buffer, or NULL with err set. */
const char *datadir_user_mkdir(const char *sub, yk_error *err);

/* Read a whole file (at most `max` bytes) into a NUL-terminated buffer. */
int datadir_read_file(const char *path, size_t max, char **buf, size_t *len,
		      yk_error *err);
/* Write a file atomically: temp file in the same directory, fsync, rename. */
int datadir_write_file(const char *path, const char *data, size_t len, int mode,
		       yk_error *err);

struct datadir_file {
	char *name; /* base name, e.g. "2026.cal" */
	char *path;
};

/* Files with suffix `ext` in sub/ of both layers, user files replacing
 * installed files of the same name, sorted by name. Free with
 * datadir_files_free. Missing directories are not an error. */
int datadir_list(const char *sub, const char *ext, struct datadir_file **files,
		 size_t *count, yk_error *err);
void datadir_files_free(struct datadir_file *files, size_t count);

#endif
