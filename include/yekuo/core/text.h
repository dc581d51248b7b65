#ifndef YEKUO_TEXT_H
#define YEKUO_TEXT_H

/* Text services. Inside the program every string is UTF-8; widths are
 * terminal columns as wcwidth() reports them in the current (UTF-8) locale,
 * so a CJK character takes two columns. */

#include <stddef.h>

int text_valid_utf8(const char *s, size_t len);
/* Decode one UTF-8 sequence at s (len bytes available). Returns its length
 * (1..4) and the code point, or 0 on an invalid sequence. */
size_t text_utf8_decode(const char *s, size_t len, unsigned *cp);
/* Display width of a UTF-8 string (invalid bytes and control characters
 * count as one column each). */
int text_width(const char *s);
/* Bytes of s that fit in `cols` columns without splitting a character;
 * *width gets the width of that prefix. */
size_t text_fit(const char *s, int cols, int *width);
/* Copy s into out (outsz bytes) cut to `cols` columns on a character
 * boundary, with "…" appended when it had to cut (the ellipsis counts). */
void text_truncate(const char *s, int cols, char *out, size_t outsz);
/* Copy and pad with spaces to exactly `cols` columns (truncating first). */
void text_pad(const char *s, int cols, char *out, size_t outsz);

/* Zero-width and bidirectional formatting characters (Unicode Cf) that
 * arrive with text copied from web pages and chat apps: invisible, they
 * make two equal-looking names differ and can reorder what is displayed. */
int text_is_invisible(unsigned cp);

/* What stored text may contain when it is written to a terminal or a file
 * meant for people (second wall behind the input checks: text stored by an
 * older version, or brought in by sync): with flags 0, every control
 * character (C0 including tab and line breaks, DEL, C1), every invisible
 * formatting character and every byte that is not UTF-8 is written
 * visibly — "\x1b", "\u202e", "\xff" — so that a stored note can never
 * move the cursor, retitle the terminal, reorder a line or break the
 * encoder. TEXT_KEEP_LINES keeps CR and LF, TEXT_KEEP_TABS keeps tabs (a
 * CSV cell may hold both). Returns s itself when nothing needs escaping,
 * else the escaped copy in *buf (grown as needed; free it once at the
 * end). */
enum { TEXT_KEEP_LINES = 1, TEXT_KEEP_TABS = 2 };
const char *text_visible(const char *s, int flags, char **buf, size_t *cap);

/* Line-oriented data files: split off the next blank-separated word of *s
 * (NUL-terminating it, advancing *s), or NULL when none is left. */
char *text_next_word(char **s);
/* Trim blanks and tabs at both ends, in place; returns the start. */
char *text_trim(char *s);

#define TEXT_LINE_MAX 1024

/* Walk the lines of a UTF-8 data file (LF or CR LF; a leading BOM dropped):
 * fn gets each line NUL-terminated in a buffer it may change, and *line
 * holds its number (from 1). Stops at fn's first non-zero return (and
 * returns it). A line over TEXT_LINE_MAX bytes, a NUL byte or invalid
 * UTF-8 stops the walk with -1 and *problem saying which; after a full walk
 * *line is one past the last line. */
int text_each_line(const char *text, size_t len, int (*fn)(void *ctx, char *buf), void *ctx,
		   int *line, const char **problem);

/* Bytes of s that make its next wrapped line in w columns (at least one
 * character, so that a too-narrow pane still moves on). A number or a Latin
 * word is never cut, and a number at a line's end goes on with what follows
 * it ("合计 22 工作日" never leaves "22" apart from "工作日"): the line ends
 * before it, unless it fills the line alone. */
size_t text_wrap_next(const char *s, int w);

#endif
