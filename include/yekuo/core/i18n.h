#ifndef YEKUO_I18N_H
#define YEKUO_I18N_H

/* Messages for people go through gettext: _("…") where shown, N_("…") in a
 * table read later through _(). The text in the source is the Chinese a
 * clerk reads (the C locale and zh_* get it as it is); po/en.po is the
 * English catalog for en_* locales (docs/i18n.md). Codes, keys and
 * tab-separated output for scripts are never translated. */

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* pgettext("column", "剩余"): a msgid with a context, for the same Chinese
 * that needs other English in another place (a column's head "Left", not
 * the "remaining" of a sentence). xgettext knows pgettext:1c,2; without an
 * entry in the catalog the Chinese is shown. */
#if ENABLE_NLS
static inline const char *
yk_pgettext(const char *ctx_msgid, const char *msgid)
{
	const char *t = gettext(ctx_msgid);

	return t == ctx_msgid ? msgid : t;
}
#define pgettext(ctx, s) yk_pgettext(ctx "\004" s, s)
#else
#define pgettext(ctx, s) (s)
#endif

#endif
