#ifndef YEKUO_PRINT_H
#define YEKUO_PRINT_H

/* Printing a document (the receipt, a report) on the office's printer.
 *
 * The UTF-8 text is laid out by paps in a monospaced CJK font (Noto Sans
 * Mono CJK SC, Debian fonts-noto-cjk: a Chinese character is exactly two
 * columns, so the columns line up on paper as on the screen) into
 * PostScript, and the PostScript goes to CUPS with `lp`. Raw text, UTF-8
 * or GB18030, never goes to lp: stock CUPS prints the one with blank
 * Chinese characters and the other as garbage. A character that no
 * installed font draws (a 4-byte one such as U+20000 𠀀 needs a font of
 * CJK Extension B: Debian fonts-hanazono) is refused before anything is
 * printed, named, with what to install: the printout is never silently
 * short of a character.
 *
 * Every failure has the kind YK_ERR_PRINT (exit status 8) and says what
 * is missing and what to install or set up (docs/reports.md, Printing). */

#include <stddef.h>

#include "yekuo/core/error.h"

/* The font paps lays the text out in (fontconfig family name). */
#define PRINT_FONT "Noto Sans Mono CJK SC"

/* The document laid out for the printer. */
struct print_doc {
	char *ps;		/* the PostScript paps made */
	size_t len;
	int pages;		/* A4 pages */
	int landscape;		/* wide text goes across the page */
	double font_pt;		/* the font size chosen to fit the widest line */
	int cols;		/* the widest line, in columns (CJK = 2) */
};

/* Lay `utf8` out on A4: portrait at 12 pt when its widest line fits
 * (72 columns, the receipt, do), else the orientation and size that fit
 * the widest line (at least 6 pt). -1 with err when paps, the font or a
 * glyph is missing, or paps fails. */
int print_render(const char *utf8, struct print_doc *d, yk_error *err);
void print_doc_free(struct print_doc *d);

/* Which printer: `asked` (--printer) if given, else $YEKUO_PRINTER, else
 * `setting` (the clerk's printer setting, `yekuo config set printer`),
 * else the CUPS default (`lpstat -d`, which follows LPDEST, PRINTER and
 * lpoptions -d). Either may be NULL or "". `how` (may be NULL) says which,
 * for people. -1 with err when CUPS has no default, is not running, or
 * lpstat is not installed. */
int print_printer(const char *asked, const char *setting, char *name, size_t namesz, const char **how,
		  yk_error *err);

/* Send the document to `printer` with `lp`; `job` gets lp's request id
 * ("office-12"). -1 with err when lp is missing or refuses the job. */
int print_send(const struct print_doc *d, const char *printer, const char *title, char *job,
	       size_t jobsz, yk_error *err);

#endif
