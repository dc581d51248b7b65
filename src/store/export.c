#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "yekuo/core/csv.h"
#include "yekuo/core/i18n.h"
#include "yekuo/store/export.h"
#include "yekuo/core/text.h"
#include "yekuo/core/validate.h"
#include "yekuo/core/xalloc.h"

/* ---- formats ------------------------------------------------------------- */

static const char *const format_names[] = {
	[EXPORT_TEXT] = "text", [EXPORT_CSV] = "csv", [EXPORT_XLSX] = "xlsx"};

int
export_format_from_name(const char *name)
{
	for (int i = 0; i <= EXPORT_XLSX; i++)
		if (name && strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

const char *
export_format_name(enum export_format f)
{
	return format_names[f];
}

int
export_format_of_path(const char *path)
{
	static const char *const ext[] = {
		[EXPORT_TEXT] = ".txt", [EXPORT_CSV] = ".csv", [EXPORT_XLSX] = ".xlsx"};
	size_t n = strlen(path);

	for (int i = 0; i <= EXPORT_XLSX; i++) {
		size_t e = strlen(ext[i]);

		if (n > e && strcasecmp(path + n - e, ext[i]) == 0)
			return i;
	}
	return -1;
}

enum yk_encoding
export_default_encoding(enum export_format f)
{
	return f == EXPORT_CSV ? ENC_GB18030 : ENC_UTF8;
}

int
export_xlsx_available(void)
{
#ifdef HAVE_XLSXWRITER
	return 1;
#else
	return 0;
#endif
}

/* A text column is never wider than this on screen; longer text is cut
 * with an ellipsis (files carry it whole). */
#define TEXT_COL_MAX 40
/* .xlsx column widths, in Excel's character units */
#define XLSX_COL_MAX 60
/* A sheet name: 31 characters of up to 4 bytes, and a "（2）" */
#define SHEET_NAME_BUF (31 * 4 + 16)

struct yk_export {
	struct export_opts o;
	struct yk_outfile *out;
	struct yk_encoder *enc;		/* text and csv */
	struct yk_csv_writer csv;
	const struct report *head;
	const struct report_col *cols;
	size_t ncols;
	int *widths;			/* text: columns of each column */
	int sections;
	int failed;
	yk_error first;
#ifdef HAVE_XLSXWRITER
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_row_t row;
	lxw_format *bold, *date, *dec[7], *wrap;
	int *seen;			/* the widest cell of each column so far */
	size_t nseen;			/* the columns of the sheet being written */
	char (*sheets)[SHEET_NAME_BUF];	/* the sheet names given, for uniqueness */
	size_t nsheets;
#endif
};

static int
fail(struct yk_export *x, yk_error *err)
{
	if (err)
		*err = x->first;
	return -1;
}

/* Text or CSV bytes through the encoder; the first failure sticks. */
static void
put(struct yk_export *x, const char *s)
{
	if (x->failed)
		return;
	if (encoder_write(x->enc, s, strlen(s), &x->first) < 0)
		x->failed = 1;
}

/* Digits after the point that a value needs, at most 4. */
static int
auto_decimals(double v)
{
	for (int d = 0; d < 4; d++) {
		double s = v * pow(10, d);

		if (fabs(s - round(s)) < 1e-6)
			return d;
	}
	return 4;
}

/* A number with d decimals and '.' whatever the locale, without printf (a
 * million-case export writes four a row). -1 when the value is too large to
 * scale exactly; the caller then uses printf. */
static int
fmt_num(double v, int d, char *buf, size_t bufsz)
{
	static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	char tmp[32];
	long long n;
	size_t k = 0, i = 0;

	if (!isfinite(v) || d < 0 || d > 6 || fabs(v) * p10[d] > 9e15 || bufsz < sizeof tmp)
		return -1;
	n = llround(v * p10[d]);
	/* digits, last first; the point after d of them */
	for (unsigned long long u = (unsigned long long)(n < 0 ? -n : n); k < (size_t)d + 1 || u;
	     u /= 10) {
		if (k == (size_t)d && d > 0)
			tmp[k++] = '.';
		tmp[k++] = (char)('0' + u % 10);
	}
	if (n < 0) /* -0.001 to two places is 0.00, not -0.00 */
		buf[i++] = '-';
	while (k)
		buf[i++] = tmp[--k];
	buf[i] = '\0';
	return 0;
}

static int
col_decimals(const struct report_col *c, double v)
{
	if (c->type == RT_INT)
		return 0;
	return c->decimals == REPORT_DEC_AUTO ? auto_decimals(v) : c->decimals;
}

/* "YYYY-MM-DD" without printf: a million-case export writes 14 dates a row. */
static const char *
ymd(yk_date d, char *buf)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
	return buf;
}

const char *
export_cell_text(const struct report_col *c, const struct report_cell *v, int unmasked, char *buf,
		 size_t bufsz)
{
	switch (c->type) {
	case RT_TEXT:
		if (!v->text || !*v->text)
			return "";
		if (c->mask == RM_ID && !unmasked) {
			validate_mask_id(v->text, buf, bufsz);
			return buf;
		}
		if (c->mask == RM_PHONE && !unmasked) {
			validate_mask_phone(v->text, buf, bufsz);
			return buf;
		}
		return v->text;
	case RT_DATE:
		if (v->date == YK_DATE_NONE)
			return "";
		return ymd(v->date, buf);
	case RT_INT:
	case RT_NUM:
		if (v->empty)
			return "";
		if (fmt_num(v->num, col_decimals(c, v->num), buf, bufsz) < 0)
			snprintf(buf, bufsz, "%.*f", col_decimals(c, v->num), v->num);
		return buf;
	}
	return "";
}

/* The cell as text: masked where the column holds personal numbers. */
static const char *
cell_text(const struct yk_export *x, const struct report_col *c, const struct report_cell *v,
	  char *buf, size_t bufsz)
{
	return export_cell_text(c, v, x->o.unmasked, buf, bufsz);
}

/* ---- text ------------------------------------------------------------------ */

static void
text_head(struct yk_export *x, const struct report *r)
{
	if (!r->title)
		return;
	put(x, r->title);
	put(x, "\n");
	for (size_t i = 0; i < r->nmeta; i++) {
		put(x, r->meta[i].key);
		put(x, "：");
		put(x, r->meta[i].value);
		put(x, "\n");
	}
	for (size_t i = 0; i < r->nwarnings; i++) {
		put(x, "注意：");
		put(x, r->warnings[i]);
		put(x, "\n");
	}
}

static void
text_cells(struct yk_export *x, const char *const *v, int right_mask_from_cols)
{
	char buf[TEXT_COL_MAX * 4 + 8], one[TEXT_COL_MAX * 4 + 8], *esc = NULL;
	size_t esccap = 0;

	for (size_t i = 0; i < x->ncols; i++) {
		int w = x->widths[i], tw;
		int right = right_mask_from_cols && x->cols[i].type != RT_TEXT &&
			    x->cols[i].type != RT_DATE;
		/* stored text as the terminal should show it (text.h) */
		const char *s = text_visible(v[i], TEXT_KEEP_LINES, &esc, &esccap);

		/* one line per row: a line break inside a field shows as ⏎ */
		if (strchr(s, '\n')) {
			size_t k = 0;

			for (const char *p = s; *p && k + 4 < sizeof one; p++) {
				if (*p == '\n') {
					memcpy(one + k, "⏎", 3);
					k += 3;
				} else {
					one[k++] = *p;
				}
			}
			one[k] = '\0';
			s = one;
		}
		if (i)
			put(x, "  ");
		if (right) {
			tw = text_width(s);
			for (int k = tw; k < w; k++)
				put(x, " ");
			put(x, s);
		} else if (i + 1 == x->ncols && text_width(s) <= w) {
			put(x, s); /* no trailing blanks */
		} else {
			text_pad(s, w, buf, sizeof buf);
			put(x, buf);
		}
	}
	put(x, "\n");
	free(esc);
}

static void
text_section(struct yk_export *x, const char *title)
{
	const char *v[CSV_FIELDS_MAX];
	char rule[TEXT_COL_MAX + 1];

	if (x->sections > 0 || (x->head && x->head->title))
		put(x, "\n");
	if (title) {
		put(x, "【");
		put(x, title);
		put(x, "】\n");
	}
	for (size_t i = 0; i < x->ncols && i < CSV_FIELDS_MAX; i++)
		v[i] = x->cols[i].title;
	text_cells(x, v, 0);
	for (size_t i = 0; i < x->ncols; i++) {
		int w = x->widths[i] < TEXT_COL_MAX ? x->widths[i] : TEXT_COL_MAX;

		memset(rule, '-', (size_t)w);
		rule[w] = '\0';
		if (i)
			put(x, "  ");
		put(x, rule);
	}
	put(x, "\n");
}

static void
text_row(struct yk_export *x, const struct report_cell *cells)
{
	const char *v[CSV_FIELDS_MAX];
	char bufs[CSV_FIELDS_MAX][VALIDATE_MASK_BUFSZ];

	for (size_t i = 0; i < x->ncols && i < CSV_FIELDS_MAX; i++)
		v[i] = cell_text(x, &x->cols[i], &cells[i], bufs[i], sizeof bufs[i]);
	text_cells(x, v, 1);
}

/* ---- csv ------------------------------------------------------------------- */

static void
csv_check(struct yk_export *x)
{
	if (!x->failed && csv_writer_status(&x->csv, &x->first) < 0)
		x->failed = 1;
}

static void
csv_head(struct yk_export *x, const struct report *r)
{
	if (!r->title)
		return;
	csv_field(&x->csv, r->title);
	csv_end_row(&x->csv);
	for (size_t i = 0; i < r->nmeta; i++) {
		csv_field(&x->csv, r->meta[i].key);
		csv_field(&x->csv, r->meta[i].value);
		csv_end_row(&x->csv);
	}
	for (size_t i = 0; i < r->nwarnings; i++) {
		csv_field(&x->csv, "注意");
		csv_field(&x->csv, r->warnings[i]);
		csv_end_row(&x->csv);
	}
	csv_check(x);
}

static void
csv_section(struct yk_export *x, const char *title)
{
	/* a blank row between the header lines or sections and a table */
	if (x->sections > 0 || (x->head && x->head->title))
		csv_end_row(&x->csv);
	if (title) {
		csv_field(&x->csv, title);
		csv_end_row(&x->csv);
	}
	for (size_t i = 0; i < x->ncols; i++)
		csv_field(&x->csv, x->cols[i].title);
	csv_end_row(&x->csv);
	csv_check(x);
}

static void
csv_row(struct yk_export *x, const struct report_cell *cells)
{
	char buf[VALIDATE_MASK_BUFSZ];

	for (size_t i = 0; i < x->ncols; i++) {
		const struct report_col *c = &x->cols[i];

		if ((c->type == RT_INT || c->type == RT_NUM) && !cells[i].empty) {
			int d = col_decimals(c, cells[i].num);

			/* a plain number: csv_field neither quotes nor prefixes it */
			if (fmt_num(cells[i].num, d, buf, sizeof buf) == 0)
				csv_field(&x->csv, buf);
			else
				csv_field_num(&x->csv, cells[i].num, d);
		} else {
			csv_field(&x->csv, cell_text(x, c, &cells[i], buf, sizeof buf));
		}
	}
	csv_end_row(&x->csv);
	csv_check(x);
}

/* ---- xlsx ------------------------------------------------------------------ */

#ifdef HAVE_XLSXWRITER
static void
lxw_check(struct yk_export *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && !x->failed) {
		x->failed = 1;
		yk_error_set(&x->first, _("无法写入 %s：%s"), outfile_name(x->out), lxw_strerror(e));
	}
}

static int
xlsx_open(struct yk_export *x, yk_error *err)
{
	/* constant memory: each row goes to disk as soon as the next begins,
	 * so a million-case export does not hold a million rows */
	lxw_workbook_options opts = {.constant_memory = x->o.streamed ? LXW_TRUE : LXW_FALSE};

	x->wb = workbook_new_opt(outfile_tmpname(x->out), &opts);
	if (!x->wb)
		return yk_error_set(err, _("无法为 %s 开始写 .xlsx 工作簿"), outfile_name(x->out));
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	for (int d = 0; d < 7; d++) {
		char f[16] = "0";

		if (d) {
			strcat(f, ".");
			for (int k = 0; k < d; k++)
				strcat(f, "0");
		}
		x->dec[d] = workbook_add_format(x->wb);
		format_set_num_format(x->dec[d], f);
	}
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	return 0;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\,
 * unique in the workbook ("…（2）" after the first). */
static void
sheet_name(struct yk_export *x, const char *want, char *out, size_t outsz)
{
	char base[32 * 4];
	size_t n = 0;
	int chars = 0;

	for (const char *p = want; *p && chars < 28 && n + 5 < sizeof base; chars++) {
		unsigned cp;
		size_t k = text_utf8_decode(p, strlen(p), &cp);

		if (k == 0)
			break;
		if (strchr("[]:*?/\\'", *p) && k == 1) {
			base[n++] = '_';
		} else {
			memcpy(base + n, p, k);
			n += k;
		}
		p += k;
	}
	base[n] = '\0';
	if (!n)
		snprintf(base, sizeof base, "Sheet");
	snprintf(out, outsz, "%s", base);
	for (int k = 2;; k++) {
		size_t i;

		for (i = 0; i < x->nsheets && strcmp(x->sheets[i], out) != 0; i++)
			;
		if (i == x->nsheets)
			break;
		snprintf(out, outsz, "%s（%d）", base, k);
	}
	x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
	snprintf(x->sheets[x->nsheets++], sizeof x->sheets[0], "%s", out);
}

/* The column widths of the sheet being finished: each as wide as its
 * widest cell (CJK two), in Excel's character units, at most
 * XLSX_COL_MAX (longer text wraps). libxlsxwriter writes the columns when
 * the workbook closes, so a streamed sheet gets them after its rows. */
static void
xlsx_widths(struct yk_export *x)
{
	if (!x->ws || !x->seen)
		return;
	for (size_t i = 0; i < x->nseen; i++) {
		double w = x->seen[i] + 2;

		lxw_check(x, worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
						  w > XLSX_COL_MAX ? XLSX_COL_MAX : w, NULL));
	}
}

static void
xlsx_seen(struct yk_export *x, size_t i, int w)
{
	if (x->seen && i < x->nseen && w > x->seen[i])
		x->seen[i] = w;
}

static void
xlsx_section(struct yk_export *x, const char *title)
{
	const struct report *r = x->head;
	char name[SHEET_NAME_BUF];

	xlsx_widths(x);
	/* named for people: the table's title, else the report's or the
	 * export's ("用电报装案件"), never "Sheet1" */
	sheet_name(x, title ? title : r && r->title ? r->title : r && r->kind ? r->kind : "Sheet", name,
		   sizeof name);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws)
		x->ws = workbook_add_worksheet(x->wb, NULL);
	if (!x->ws) {
		lxw_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	/* for the printer: A4 landscape, as wide as one page, the column
	 * heads on every page, the page number at the foot */
	worksheet_set_paper(x->ws, 9); /* 9: A4 (ECMA-376 paperSize) */
	worksheet_set_landscape(x->ws);
	worksheet_fit_to_pages(x->ws, 1, 0);
	lxw_check(x, worksheet_set_footer(x->ws, "&C第 &P 页，共 &N 页"));
	x->row = 0;
	if (r && r->title) {
		lxw_check(x, worksheet_write_string(x->ws, x->row++, 0, r->title, x->bold));
		for (size_t i = 0; i < r->nmeta; i++) {
			char *line = xasprintf("%s：%s", r->meta[i].key, r->meta[i].value);

			lxw_check(x, worksheet_write_string(x->ws, x->row++, 0, line, NULL));
			free(line);
		}
		for (size_t i = 0; i < r->nwarnings; i++) {
			char *line = xasprintf("注意：%s", r->warnings[i]);

			lxw_check(x, worksheet_write_string(x->ws, x->row++, 0, line, NULL));
			free(line);
		}
		x->row++;
	}
	free(x->seen);
	x->seen = xcalloc(x->ncols, sizeof *x->seen);
	x->nseen = x->ncols;
	for (size_t i = 0; i < x->ncols; i++) {
		xlsx_seen(x, i, x->widths[i]);
		lxw_check(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)i, x->cols[i].title,
						    x->bold));
	}
	lxw_check(x, worksheet_repeat_rows(x->ws, x->row, x->row));
	x->row++;
	worksheet_freeze_panes(x->ws, x->row, 0);
}

/* A plain decimal number ("15", "2.5"), as a number column would hold. */
static int
xlsx_plain_number(const char *s, double *v)
{
	char *end;

	if (!*s || strspn(s, "0123456789.-") != strlen(s))
		return 0;
	*v = strtod(s, &end);
	return *end == '\0';
}

static void
xlsx_row(struct yk_export *x, const struct report_cell *cells)
{
	char buf[VALIDATE_MASK_BUFSZ];

	if (!x->ws)
		return;
	for (size_t i = 0; i < x->ncols; i++) {
		const struct report_col *c = &x->cols[i];
		const struct report_cell *v = &cells[i];
		lxw_col_t col = (lxw_col_t)i;

		switch (c->type) {
		case RT_TEXT: {
			/* no control character or stray byte reaches the XML */
			char *esc = NULL;
			size_t esccap = 0;
			const char *s = text_visible(cell_text(x, c, v, buf, sizeof buf),
						     TEXT_KEEP_LINES | TEXT_KEEP_TABS, &esc, &esccap);

			double num;

			if (*s && c->num_text && xlsx_plain_number(s, &num)) {
				lxw_check(x, worksheet_write_number(x->ws, x->row, col, num, x->dec[0]));
				xlsx_seen(x, i, text_width(s));
			} else if (*s) {
				int w = text_width(s);

				/* longer than a column may be: wrapped in its cell */
				lxw_check(x, worksheet_write_string(x->ws, x->row, col, s,
								    w > XLSX_COL_MAX - 2 || strchr(s, '\n') ? x->wrap
														: NULL));
				xlsx_seen(x, i, strchr(s, '\n') ? (int)strcspn(s, "\n") : w);
			}
			free(esc);
			break;
		}
		case RT_DATE:
			if (v->date != YK_DATE_NONE) {
				lxw_datetime dt = {0};

				date_to_ymd(v->date, &dt.year, &dt.month, &dt.day);
				lxw_check(x, worksheet_write_datetime(x->ws, x->row, col, &dt, x->date));
				xlsx_seen(x, i, 10);
			}
			break;
		case RT_INT:
		case RT_NUM:
			if (!v->empty) {
				lxw_format *f = NULL;

				if (c->type == RT_INT)
					f = x->dec[0];
				else if (c->decimals >= 0 && c->decimals < 7)
					f = x->dec[c->decimals];
				lxw_check(x, worksheet_write_number(x->ws, x->row, col, v->num, f));
				xlsx_seen(x, i, text_width(cell_text(x, c, v, buf, sizeof buf)));
			}
			break;
		}
	}
	x->row++;
}
#endif

/* ---- the export ------------------------------------------------------------- */

int
export_open(const struct export_opts *o, struct yk_export **out, yk_error *err)
{
	struct yk_export *x;

	*out = NULL;
	if (o->format == EXPORT_XLSX) {
		if (!export_xlsx_available())
			return yk_error_set(err, _("这个 yekuo 编译时没有 libxlsxwriter，不能写 .xlsx；请用 --format csv（Excel 能打开），或装上 libxlsxwriter-dev 后重新编译"));
		if ((!o->path || strcmp(o->path, "-") == 0) && isatty(STDOUT_FILENO))
			return yk_error_set(err, _(".xlsx 文件不能输出到终端：请写 --out 文件"));
	} else if (o->encoding == ENC_AUTO) {
		return yk_error_set(err, _("请选择输出的编码（gb18030、utf-8、utf-8-bom）"));
	}
	x = xcalloc(1, sizeof *x);
	x->o = *o;
	x->out = o->format == EXPORT_XLSX ? outfile_open_named(o->path, o->guard, err)
					  : outfile_open(o->path, o->guard, err);
	if (!x->out) {
		free(x);
		return -1;
	}
	if (o->format == EXPORT_XLSX) {
#ifdef HAVE_XLSXWRITER
		/* libxlsxwriter writes the file by name */
		outfile_release_stream(x->out);
		if (xlsx_open(x, err) < 0) {
			outfile_abort(x->out);
			free(x);
			return -1;
		}
#endif
	} else {
		x->enc = encoder_open(outfile_stream(x->out), outfile_name(x->out), o->encoding, err);
		if (!x->enc) {
			outfile_abort(x->out);
			free(x);
			return -1;
		}
		csv_writer_init(&x->csv, x->enc);
	}
	*out = x;
	return 0;
}

int
export_head(struct yk_export *x, const struct report *r, yk_error *err)
{
	x->head = r;
	if (x->o.format == EXPORT_TEXT)
		text_head(x, r);
	else if (x->o.format == EXPORT_CSV)
		csv_head(x, r);
	/* xlsx: written at the top of each sheet */
	return x->failed ? fail(x, err) : 0;
}

static int
begin_section(struct yk_export *x, const char *title, const struct report_col *cols, size_t ncols,
	      const int *widths, yk_error *err)
{
	if (ncols == 0 || ncols > CSV_FIELDS_MAX)
		return yk_error_set(err, _("表格要有 1..%d 列"), CSV_FIELDS_MAX);
	x->cols = cols;
	x->ncols = ncols;
	free(x->widths);
	x->widths = xcalloc(ncols, sizeof *x->widths);
	for (size_t i = 0; i < ncols; i++) {
		int w = text_width(cols[i].title);

		if (widths && widths[i] > w)
			w = widths[i];
		else if (!widths && cols[i].width > w)
			w = cols[i].width;
		x->widths[i] = w;
	}
	switch (x->o.format) {
	case EXPORT_TEXT:
		text_section(x, title);
		break;
	case EXPORT_CSV:
		csv_section(x, title);
		break;
	case EXPORT_XLSX:
#ifdef HAVE_XLSXWRITER
		xlsx_section(x, title);
#endif
		break;
	}
	x->sections++;
	return x->failed ? fail(x, err) : 0;
}

int
export_section(struct yk_export *x, const char *title, const struct report_col *cols, size_t ncols,
	       yk_error *err)
{
	return begin_section(x, title, cols, ncols, NULL, err);
}

int
export_row(struct yk_export *x, const struct report_cell *cells, yk_error *err)
{
	if (x->failed)
		return fail(x, err);
	switch (x->o.format) {
	case EXPORT_TEXT:
		text_row(x, cells);
		break;
	case EXPORT_CSV:
		csv_row(x, cells);
		break;
	case EXPORT_XLSX:
#ifdef HAVE_XLSXWRITER
		xlsx_row(x, cells);
#endif
		break;
	}
	return x->failed ? fail(x, err) : 0;
}

/* Widths that fit an in-memory section's contents (text: capped so a long
 * address does not push the table off the screen). */
static int *
fit_widths(const struct yk_export *x, const struct report_section *s)
{
	int *w = xcalloc(s->ncols, sizeof *w);
	char buf[VALIDATE_MASK_BUFSZ];

	for (size_t c = 0; c < s->ncols; c++) {
		w[c] = text_width(s->cols[c].title);
		for (size_t r = 0; r < s->nrows; r++) {
			int k = text_width(cell_text(x, &s->cols[c], report_cell_at(s, r, c), buf,
						     sizeof buf));

			if (k > w[c])
				w[c] = k;
		}
		if (w[c] > TEXT_COL_MAX)
			w[c] = TEXT_COL_MAX;
	}
	return w;
}

int
export_report(struct yk_export *x, const struct report *r, yk_error *err)
{
	if (export_head(x, r, err) < 0)
		return -1;
	for (size_t i = 0; i < r->nsections; i++) {
		const struct report_section *s = &r->sections[i];
		int *w = fit_widths(x, s);
		/* one table needs no title of its own, except as an .xlsx sheet name */
		const char *title = r->nsections > 1 || x->o.format == EXPORT_XLSX ? s->title : NULL;
		int rc = begin_section(x, title, s->cols, s->ncols, w, err);

		free(w);
		if (rc < 0)
			return -1;
		for (size_t k = 0; k < s->nrows; k++)
			if (export_row(x, report_cell_at(s, k, 0), err) < 0)
				return -1;
		if (x->o.format == EXPORT_TEXT && s->nrows == 0)
			put(x, "（无）\n");
	}
	return x->failed ? fail(x, err) : 0;
}

static void
export_free(struct yk_export *x)
{
#ifdef HAVE_XLSXWRITER
	free(x->seen);
	free(x->sheets);
#endif
	free(x->widths);
	free(x);
}

int
export_close(struct yk_export *x, yk_error *err)
{
	yk_error e;
	int rc = x->failed ? fail(x, err) : 0;

	if (x->enc && encoder_close(x->enc, &e) < 0 && rc == 0) {
		rc = -1;
		if (err)
			*err = e;
	}
	x->enc = NULL;
#ifdef HAVE_XLSXWRITER
	if (x->wb) {
		lxw_error le;

		/* a workbook with no sheet is not a valid file */
		if (!x->sections)
			workbook_add_worksheet(x->wb, NULL);
		xlsx_widths(x);
		le = workbook_close(x->wb);
		x->wb = NULL;
		if (le != LXW_NO_ERROR && rc == 0)
			rc = yk_error_set(err, _("无法写入 %s：%s"), outfile_name(x->out),
					  lxw_strerror(le));
	}
#endif
	if (rc < 0)
		outfile_abort(x->out);
	else
		rc = outfile_commit(x->out, err);
	export_free(x);
	return rc;
}

/* Lines of s (to its end or a "\n\n"): the widest, in columns. */
static int
widest_line(const char *s, const char *end)
{
	int w = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *line = xasprintf("%.*s", (int)n, s);
		int k = text_width(line);

		free(line);
		if (k > w)
			w = k;
		s += n + (nl != NULL);
	}
	return w;
}

/* The header lines (title, meta, warnings: up to the first blank line)
 * wrapped to the width of the tables below them, at least 72 columns, so
 * that a long one (the seal's signature) does not set the printed size;
 * continued lines are indented by two. The tables are never wrapped. */
static char *
wrap_head(char *text)
{
	char *body = strstr(text, "\n\n"), *out;
	int w;
	size_t len = 0, cap;

	if (!body)
		return text;
	w = widest_line(body + 2, body + strlen(body));
	if (w < 72)
		w = 72;
	if (widest_line(text, body) <= w)
		return text;
	cap = strlen(text) * 2 + 64;
	out = xmalloc(cap);
	for (const char *s = text; s < body;) {
		const char *nl = memchr(s, '\n', (size_t)(body - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(body - s);
		char *line = xasprintf("%.*s", (int)n, s);
		const char *p = line;
		int first = 1;

		do {
			size_t k = text_wrap_next(p, first ? w : w - 2);

			out = xgrow(out, &cap, len + k + 8, 1);
			len += (size_t)sprintf(out + len, "%s%.*s\n", first ? "" : "  ", (int)k, p);
			p += k;
			while (*p == ' ')
				p++;
			first = 0;
		} while (*p);
		free(line);
		s += n + (nl != NULL);
	}
	out = xgrow(out, &cap, len + strlen(body) + 1, 1);
	memcpy(out + len, body + 1, strlen(body + 1) + 1); /* from the blank line on */
	free(text);
	return out;
}

char *
export_report_text(const struct report *r, int unmasked, yk_error *err)
{
	struct yk_export *x = xcalloc(1, sizeof *x);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	yk_error e;
	int rc = -1;

	if (!f) {
		free(x);
		yk_error_setk(err, YK_ERR_SYSTEM, _("无法排出报表文本：%s"), strerror(errno));
		return NULL;
	}
	x->o.format = EXPORT_TEXT;
	x->o.encoding = ENC_UTF8;
	x->o.unmasked = unmasked;
	x->enc = encoder_open(f, "the report", ENC_UTF8, err);
	if (x->enc) {
		rc = export_report(x, r, err);
		if (encoder_close(x->enc, &e) < 0 && rc == 0) {
			rc = -1;
			if (err)
				*err = e;
		}
	}
	if (fclose(f) != 0 && rc == 0)
		rc = yk_error_setk(err, YK_ERR_SYSTEM, _("无法排出报表文本：%s"), strerror(errno));
	export_free(x);
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return wrap_head(buf);
}

void
export_abort(struct yk_export *x)
{
	yk_error e;

	if (!x)
		return;
	if (x->enc)
		encoder_close(x->enc, &e);
#ifdef HAVE_XLSXWRITER
	if (x->wb)
		workbook_close(x->wb); /* then removed with the temporary file */
#endif
	outfile_abort(x->out);
	export_free(x);
}
