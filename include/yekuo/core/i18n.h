#ifndef YEKUO_I18N_H
#define YEKUO_I18N_H

/* Messages for people go through gettext: _("…") where shown, N_("…") in a
 * table read later through _(). The text in the source is the Chinese a
 * clerk reads (the C locale and zh_* get it as it is); po/en.po is the
 * English catalog for en_* locales (docs/i18n.md). Codes, keys and
 * tab-separated output for scripts are never translated. */

#include <string.h>

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* A msgid with a context, for the same Chinese that needs other English in
 * another place (a column's head "Left", not the "remaining" of a
 * sentence; "suspend" as a key's word, not the state "suspended"):
 * pgettext("column", "剩余") where shown, NC_("key", "挂起") in a table read
 * later through yk_ctx_gettext() (ui_tr() on screen). xgettext knows
 * pgettext:1c,2; NC_ is --keyword=NC_:1c,2 in po/Makevars. Without an entry
 * in the catalog the Chinese after the context is shown. */
#define NC_(ctx, s) (ctx "\004" s)
static inline const char *
yk_ctx_gettext(const char *ctx_msgid)
{
	const char *t = _(ctx_msgid);

	return t != ctx_msgid ? t : strchr(ctx_msgid, '\004') + 1;
}
#define pgettext(ctx, s) yk_ctx_gettext(NC_(ctx, s))

#endif
