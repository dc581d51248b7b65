#ifndef YEKUO_ENCODING_H
#define YEKUO_ENCODING_H

/* Character encodings at the edges of the program. Inside, every string is
 * UTF-8; files going out to regulators are GB18030 (or UTF-8 with a BOM)
 * because Excel on Chinese Windows reads BOM-less UTF-8 as mojibake, and
 * files coming in may be either. Conversion is strict both ways: a byte that
 * is not valid in the declared encoding is an error naming its line, never a
 * silently substituted '?'. */

#include <stddef.h>
#include <stdio.h>

#include "yekuo/core/error.h"

enum yk_encoding {
	ENC_UTF8,
	ENC_UTF8_BOM,	/* UTF-8 preceded by EF BB BF */
	ENC_GB18030,
	ENC_GBK,	/* the CP936 flavour: 0x80 is the euro sign */
	ENC_AUTO	/* input only: see encoding_detect() */
};

/* "gb18030", "gbk", "utf-8" (or "utf8"), "utf-8-bom" (or "utf8-bom"),
 * "auto", any case. Returns the enum value, or -1 for an unknown name. */
int encoding_from_name(const char *name);
/* The canonical option spelling: "gb18030", "gbk", "utf-8", "utf-8-bom",
 * "auto". */
const char *encoding_name(enum yk_encoding enc);

/* ---- output: a streaming converter from UTF-8 to a FILE */

struct yk_encoder;

/* Start writing to `out` (opened by the caller, who also closes it) in
 * `enc`, which may be anything but ENC_AUTO. `name` is the file name used in
 * messages. For ENC_UTF8_BOM the BOM is written at once. NULL on error. */
struct yk_encoder *encoder_open(FILE *out, const char *name, enum yk_encoding enc,
				yk_error *err);
/* Convert and write `len` bytes of UTF-8. A chunk may end in the middle of a
 * character; the rest is expected in the next call. Errors: a write failure
 * ("cannot write NAME: No space left on device"), a character the encoding
 * cannot represent (GBK: any rare one; GB18030: only the 24 private-use code
 * points U+E78D..U+E864 that GB18030-2022 dropped, if iconv follows it), or
 * invalid UTF-8 (a bug in the caller). After an error every later call fails
 * the same way. Returns 0 or -1. */
int encoder_write(struct yk_encoder *e, const char *utf8, size_t len, yk_error *err);
/* Flush, report any write error seen so far, and free the encoder (always).
 * Does not fclose `out`; the caller must still check fclose(). */
int encoder_close(struct yk_encoder *e, yk_error *err);

/* ---- input */

/* ENC_UTF8_BOM if buf starts with EF BB BF, else ENC_UTF8 if all of it is
 * valid UTF-8 (plain ASCII included), else ENC_GB18030 — when sure: a file
 * whose lines disagree (some not valid UTF-8, others UTF-8 Chinese text) is
 * -1 with err "NAME: the file mixes encodings: lines …", naming the lines
 * that differ from the rest (encoding.c says how lines are judged). */
int encoding_detect(const char *buf, size_t len, const char *name, yk_error *err);

/* The same judgement over a file read in parts (each ending at a line
 * end, the last may not): init, sniff each part in order, then end gives
 * what encoding_detect would for the whole. */
struct enc_lines {	/* up to 8 line numbers as ranges, "2-5, 9, 12" */
	char text[160];
	size_t len;
	long first, last;	/* the run being collected */
	int shown, more;
};
struct enc_sniff {
	long nutf8, ngb, line;
	int bom, fed;
	struct enc_lines utf8, gb;
};
void encoding_sniff_init(struct enc_sniff *s);
void encoding_sniff(struct enc_sniff *s, const char *buf, size_t len);
int encoding_sniff_end(struct enc_sniff *s, const char *name, yk_error *err);

/* Convert `len` bytes in encoding `from` (ENC_AUTO: detect first) to UTF-8:
 * *out gets a malloc'ed NUL-terminated string, *outlen its length without
 * the NUL. A leading byte order mark is dropped. Any byte sequence that is
 * not valid in the encoding, including one cut short at the end of the
 * file, is an error:
 *     NAME:LINE: bytes not valid GB18030 (0xNN 0xNN)
 * with the 1-based line of the first offending byte. UTF-8 input is
 * validated (no overlong forms, surrogates or code points past U+10FFFF),
 * not passed through. Returns 0, or -1 with *out set to NULL. */
/* A part of a file (ending at a line end) that starts on line line0: the
 * same, with lines counted from there; the marks only a file's start may
 * carry are looked for only when line0 is 1. */
int encoding_to_utf8_part(const char *buf, size_t len, enum yk_encoding from, long line0,
			  char **out, size_t *outlen, const char *name, yk_error *err);
int encoding_to_utf8(const char *buf, size_t len, enum yk_encoding from, char **out,
		     size_t *outlen, const char *name, yk_error *err);

#endif
