#ifndef YEKUO_UI_FORM_H
#define YEKUO_UI_FORM_H

/* The one form widget: a column of labelled fields (text, date, choice,
 * checkbox, read-only note) with Tab/Shift-Tab between them. Text is kept
 * as UTF-8 with the cursor as a byte offset on a character boundary; keys
 * arrive as wide characters (an input method sends whole characters), the
 * cursor and deletion move by whole characters and the view scrolls by
 * display width (calcurse getstring.c). Intake, plan reply, inspections,
 * energising and every dialog are this form with different field tables.
 * A field that fails a check keeps its text and shows the message under
 * itself. */

#include <stddef.h>

#include "yekuo/core/error.h"
#include "yekuo/core/fields.h"
#include "yekuo/ui/frame.h"

enum ui_field_kind {
	UF_TEXT,
	UF_DATE,	/* text, YYYY-MM-DD */
	UF_CHOICE,	/* one of a list; Space/←/→ change it */
	UF_CHECK,	/* a box; Space ticks it */
	UF_INFO		/* read-only text, wrapped; never focused */
};

struct ui_option {
	const char *code;	/* stored value */
	const char *label;	/* shown */
};

/* A field's static description: forms are built from tables of these.
 * A key of the field table (fields.h) of the form's event brings that
 * field's label, limit, hint (a box's caption) and "required"; what is
 * given here is the form's own wording and wins. */
struct ui_field_def {
	enum ui_field_kind kind;
	const char *key;	/* payload key; NULL for notes */
	const char *label;
	int required;
	size_t max;		/* text: most bytes (0: the table's, else 255) */
	const char *hint;	/* shown dim while the field is empty */
};

struct ui_field {
	enum ui_field_kind kind;
	char key[40];
	char label[64];
	char hint[64];
	char caption[128];	/* checkbox text / note text (UF_INFO: in text) */
	int required, hidden;
	size_t max;
	char *text;		/* UTF-8, NUL-terminated */
	size_t len, cap;
	size_t cur;		/* cursor: byte offset on a character boundary */
	size_t first;		/* first byte shown (horizontal scroll) */
	const struct ui_option *opts;
	size_t nopts;
	int choice, checked;
	char *orig;		/* value when last saved/loaded: dirty check */
	char error[YK_ERROR_MAX];
	const struct yk_field *field;	/* its row of the field table, or NULL */
	struct ui_option *own;		/* options made from that row */
	size_t nown;
};

struct ui_form {
	struct ui_field *f;
	size_t n, cap;
	size_t focus;
	int top;		/* first line shown (vertical scroll) */
	int label_w;		/* label column width */
	int event;		/* enum ev_kind whose fields it edits (EV_KIND_COUNT: none) */
	/* called after the user changed field i */
	void (*changed)(void *ctx, struct ui_form *form, size_t i);
	void *ctx;
	int blamed;		/* a field was marked since the last clear_errors */
};

void ui_form_init(struct ui_form *form);
void ui_form_free(struct ui_form *form);
/* Append a field; returns its index. */
size_t ui_form_add(struct ui_form *form, const struct ui_field_def *def);
/* Append fields from a table ending with kind UF_INFO and label NULL. */
void ui_form_add_table(struct ui_form *form, const struct ui_field_def *defs);
struct ui_field *ui_form_get(struct ui_form *form, const char *key);
int ui_form_index(const struct ui_form *form, const char *key);
/* The value as stored: text, the choice's code, "1"/"" for a box. */
const char *ui_form_value(const struct ui_form *form, const char *key);

void ui_field_set_text(struct ui_field *f, const char *s);
void ui_field_set_options(struct ui_field *f, const struct ui_option *opts, size_t n);
/* The choices of a field of the field table: its codes, shown in Chinese. */
void ui_field_table_options(struct ui_field *f);
/* Select the option with this code (no change if none has it). */
void ui_field_choose(struct ui_field *f, const char *code);
const char *ui_field_value(const struct ui_field *f);

/* Dirty: a value differs from the last ui_form_mark_clean. */
void ui_form_mark_clean(struct ui_form *form);
int ui_form_dirty(const struct ui_form *form);

void ui_form_clear_errors(struct ui_form *form);
/* Mark field `key` with a message (focuses the first marked field once
 * ui_form_focus_error is called). Returns -1. */
int ui_form_error(struct ui_form *form, const char *key, const char *fmt, ...) YK_PRINTF(3, 4);
int ui_form_has_errors(const struct ui_form *form);
/* Mark the field an error names (err->field: a key or option name of the
 * field table) with its bare reason; 1 when a shown field was marked. */
int ui_form_mark_error(struct ui_form *form, const yk_error *err);
/* The error in the form's words: "证件号码：校验码应为 X…" — the label of
 * the field at fault and the bare reason; the whole message when it names
 * no field. */
const char *ui_form_error_text(const struct ui_form *form, const yk_error *err, char *buf,
			       size_t bufsz);
/* Count of marked fields. */
int ui_form_error_count(const struct ui_form *form);
void ui_form_focus_error(struct ui_form *form);
void ui_form_focus(struct ui_form *form, const char *key);

/* Draw in r; sets ui->cur_y/cur_x to the text cursor when a text field has
 * the focus. */
void ui_form_draw(struct ui_form *form, struct ui *ui, struct ui_rect r);
/* Editing and moving between fields: 1 when the key was used. */
int ui_form_key(struct ui_form *form, const struct ui_key *k);
/* Does Space tick a box (kind UF_CHECK) or switch a choice (UF_CHOICE) on
 * the focused field? For the bottom line's "空格勾选" / "空格切换". */
int ui_form_space_does(const struct ui_form *form, int kind);
/* The focused field takes typed text (q, ?, j, k are letters there). */
int ui_form_typing(const struct ui_form *form);

#endif
