#ifndef YEKUO_DIVISION_H
#define YEKUO_DIVISION_H

/* Administrative divisions (行政区划): GB/T 2260 six-digit codes with their
 * names, from data files divisions/NAME.div (docs/policy.md "行政区划").
 * A code is PPCCXX: province PP0000, prefecture-level city PPCC00, county
 * PPCCXX. 003 附件2 counts indicators by 省/地市/县; a case carries the
 * code of the office it was opened in, and the reports group by its
 * province, city or county. Pure: the caller reads the files. */

#include <stddef.h>

#include "yekuo/core/error.h"

#define DIVISION_CODE_BUFSZ 7

enum division_level { DIV_PROVINCE = 1, DIV_CITY = 2, DIV_COUNTY = 3 };

struct yk_divisions;

struct yk_divisions *divisions_new(void);
void divisions_free(struct yk_divisions *d);
/* One file's lines "CODE NAME" ('#' comments, blank lines). A later file
 * may rename a code (a local correction) or add codes. Errors name
 * file:line. */
int divisions_load_text(struct yk_divisions *d, const char *text, size_t len, const char *name,
			yk_error *err);
size_t divisions_count(const struct yk_divisions *d);

/* Six digits, a province part 11..82, not 000000: 1, else 0. */
int division_code_ok(const char *code);
/* The level a code names: a county code ends in non-zero digits, a city
 * code in 00, a province code in 0000. */
enum division_level division_level(const char *code);
/* The code of the province, city or county a code lies in, at `level`
 * (no finer than the code's own): "520102", DIV_CITY → "520100". A
 * municipality's districts (11/12/31/50 xx xx) have no city of their own:
 * their city is the province. */
void division_up(const char *code, enum division_level level, char out[DIVISION_CODE_BUFSZ]);
/* The name of a code, NULL when the files do not list it. */
const char *division_name(const struct yk_divisions *d, const char *code);
/* "贵州省 贵阳市 南明区": the names of the code's province, city and itself,
 * as far as the files know them (the code itself when none). */
void division_full_name(const struct yk_divisions *d, const char *code, char *out, size_t outsz);

#endif
