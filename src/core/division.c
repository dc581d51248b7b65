#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yekuo/core/i18n.h"
#include "yekuo/core/division.h"
#include "yekuo/core/text.h"
#include "yekuo/core/xalloc.h"

/* A name is one line of a few Chinese characters; the longest in GB/T 2260
 * (新疆维吾尔自治区 …自治州) is well under this. */
#define DIVISION_NAME_MAX 96

struct division {
	char code[DIVISION_CODE_BUFSZ];
	char name[DIVISION_NAME_MAX];
};

struct yk_divisions {
	struct division *v;	/* sorted by code */
	size_t n, cap;
};

struct yk_divisions *
divisions_new(void)
{
	return xcalloc(1, sizeof(struct yk_divisions));
}

void
divisions_free(struct yk_divisions *d)
{
	if (!d)
		return;
	free(d->v);
	free(d);
}

size_t
divisions_count(const struct yk_divisions *d)
{
	return d ? d->n : 0;
}

int
division_code_ok(const char *code)
{
	int pp;

	if (!code || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return 0;
	pp = (code[0] - '0') * 10 + (code[1] - '0');
	/* GB/T 2260 provinces run from 11 (北京) to 82 (澳门) */
	return pp >= 11 && pp <= 82;
}

enum division_level
division_level(const char *code)
{
	if (strcmp(code + 2, "0000") == 0)
		return DIV_PROVINCE;
	if (strcmp(code + 4, "00") == 0)
		return DIV_CITY;
	return DIV_COUNTY;
}

/* 北京、天津、上海、重庆: their districts sit right under the province */
static int
municipality(const char *code)
{
	return strncmp(code, "11", 2) == 0 || strncmp(code, "12", 2) == 0 ||
	       strncmp(code, "31", 2) == 0 || strncmp(code, "50", 2) == 0;
}

void
division_up(const char *code, enum division_level level, char out[DIVISION_CODE_BUFSZ])
{
	snprintf(out, DIVISION_CODE_BUFSZ, "%s", code);
	if (!division_code_ok(code))
		return;
	if (level >= division_level(code))
		return;
	if (level == DIV_PROVINCE || municipality(code))
		memcpy(out + 2, "0000", 4);
	else
		memcpy(out + 4, "00", 2);
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct division *)a)->code, ((const struct division *)b)->code);
}

/* The code among the first n (sorted) entries. */
static struct division *
find(const struct yk_divisions *d, size_t n, const char *code)
{
	struct division key;

	if (!d || !n)
		return NULL;
	snprintf(key.code, sizeof key.code, "%s", code);
	return bsearch(&key, d->v, n, sizeof *d->v, cmp_code);
}

const char *
division_name(const struct yk_divisions *d, const char *code)
{
	const struct division *x = code && division_code_ok(code) ? find(d, d ? d->n : 0, code) : NULL;

	return x ? x->name : NULL;
}

void
division_full_name(const struct yk_divisions *d, const char *code, char *out, size_t outsz)
{
	char prev[DIVISION_CODE_BUFSZ] = "";
	size_t len = 0;

	out[0] = '\0';
	if (division_code_ok(code))
		for (int lv = DIV_PROVINCE; lv <= (int)division_level(code); lv++) {
			char up[DIVISION_CODE_BUFSZ];
			const char *n;

			division_up(code, (enum division_level)lv, up);
			if (strcmp(up, prev) == 0)	/* a municipality's city */
				continue;
			snprintf(prev, sizeof prev, "%s", up);
			n = division_name(d, up);
			if (n && len < outsz)
				len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? " " : "", n);
		}
	if (!out[0])
		snprintf(out, outsz, "%s", code ? code : "");
}

static int
bad_line(yk_error *err, const char *name, long line, const char *what, const char *got)
{
	yk_error_set(err, _("%s:%ld: %s：'%s'"), name, line, what, got);
	err->line = line;
	return -1;
}

static int load_lines(struct yk_divisions *d, const char *text, size_t len, const char *name,
		      yk_error *err);

int
divisions_load_text(struct yk_divisions *d, const char *text, size_t len, const char *name,
		    yk_error *err)
{
	int rc = load_lines(d, text, len, name, err);

	/* sorted again even after a bad line: what was read stays usable */
	qsort(d->v, d->n, sizeof *d->v, cmp_code);
	return rc;
}

static int
load_lines(struct yk_divisions *d, const char *text, size_t len, const char *name,
	   yk_error *err)
{
	const char *p = text, *end = text + len;
	long line = 0;
	size_t before = d->n;

	if (!text_valid_utf8(text, len))
		return yk_error_set(err, _("%s：不是 UTF-8 文本"), name);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		char buf[256], *code, *nm;
		struct division *x;
		size_t n = (size_t)(e - p);

		line++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n >= sizeof buf)
			return bad_line(err, name, line, _("行太长"), "…");
		memcpy(buf, p, n);
		buf[n] = '\0';
		p = nl ? nl + 1 : end;
		code = buf + strspn(buf, " \t");
		if (!*code || *code == '#')
			continue;
		nm = code + strcspn(code, " \t");
		if (*nm)
			*nm++ = '\0';
		nm += strspn(nm, " \t");
		for (size_t k = strlen(nm); k && (nm[k - 1] == ' ' || nm[k - 1] == '\t'); k--)
			nm[k - 1] = '\0';
		if (!division_code_ok(code))
			return bad_line(err, name, line, _("不是 GB/T 2260 代码（六位数字，110000..829999）"), code);
		if (!*nm)
			return bad_line(err, name, line, _("只有代码，没有名称"), code);
		if (strlen(nm) >= DIVISION_NAME_MAX)
			return bad_line(err, name, line, _("名称太长"), nm);
		/* a later line or file corrects an earlier one */
		for (x = d->v + before; x < d->v + d->n; x++)
			if (strcmp(x->code, code) == 0)
				break;
		if (x == d->v + d->n && (x = find(d, before, code)) == NULL) {
			if (d->n == d->cap) {
				d->cap = d->cap ? d->cap * 2 : 1024;
				d->v = xrealloc(d->v, d->cap * sizeof *d->v);
			}
			x = &d->v[d->n++];
			snprintf(x->code, sizeof x->code, "%s", code);
		}
		snprintf(x->name, sizeof x->name, "%s", nm);
	}
	return 0;
}
