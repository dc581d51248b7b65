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

#endif
