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

#endif
