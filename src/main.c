#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/app.h"
#include "yekuo/store/outfile.h"
#include "yekuo/cli/cli.h"
#include "yekuo/ui/app.h"

/* The first of the variables that is set and not empty, as setlocale reads them. */
static const char *
locale_asked(const char *category_var)
{
	const char *vars[] = {"LC_ALL", category_var, "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return "";
}

/* Whether a locale's name says its codeset is UTF-8 ("en_US.UTF-8", "zh_CN.utf8"). */
static int
names_utf8(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot && (strncasecmp(dot + 1, "UTF-8", 5) == 0 || strncasecmp(dot + 1, "utf8", 4) == 0);
}

/* The locale, and the catalog of messages: Chinese (the source's text)
 * unless LC_ALL, LC_MESSAGES or LANG asks for English (docs/i18n.md). A
 * locale that was never generated (en_US.UTF-8 on a fresh Debian) leaves
 * the C library in "C": its UTF-8 is kept with C.UTF-8 for the character
 * type (the widths of Chinese names in a table, the terminal app's
 * drawing), and an English request is honoured with LANGUAGE over the
 * C.UTF-8 messages locale. */
static void
setup_locale(void)
{
	const char *want = locale_asked("LC_MESSAGES"), *dir = getenv("YEKUO_LOCALEDIR"), *got;

	setlocale(LC_ALL, "");
	got = setlocale(LC_CTYPE, NULL);
	if (got && (strcmp(got, "C") == 0 || strcmp(got, "POSIX") == 0) &&
	    names_utf8(locale_asked("LC_CTYPE")))
		setlocale(LC_CTYPE, "C.UTF-8");
	got = setlocale(LC_MESSAGES, NULL);
	if (strncmp(want, "en", 2) == 0 && got &&
	    (strcmp(got, "C") == 0 || strcmp(got, "POSIX") == 0) &&
	    setlocale(LC_MESSAGES, "C.UTF-8")) {
		const char *lang = getenv("LANGUAGE");

		if (!lang || !*lang)
			setenv("LANGUAGE", "en", 1);
	}
#if ENABLE_NLS
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	/* the catalogs are UTF-8 and so is everything the program writes */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}

int
main(int argc, char **argv)
{
	struct app app = {0};
	int rc, i = 1;

	setup_locale();
	/* what a killed writer left behind (outfile.h) */
	outfile_sweep();
	app.db_path = getenv("YEKUO_DB");
	app.operator_name = getenv("YEKUO_OPERATOR");
	if (!app.operator_name || !*app.operator_name)
		app.operator_name = getenv("USER");
	if (!app.operator_name || !*app.operator_name)
		app.operator_name = getenv("LOGNAME");
	if (!app.operator_name || !*app.operator_name) {
		struct passwd *pw = getpwuid(getuid());

		app.operator_name = pw ? pw->pw_name : "unknown";
	}
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc || !*argv[i + 1])
				return cli_fail(_("--db 后面要写数据库文件名"));
			app.db_path = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0 && argv[i][5]) {
			app.db_path = argv[i] + 5;
			i++;
		} else {
			break;
		}
	}
	if (i >= argc)
		rc = ui_run(&app);
	else
		rc = cli_main(&app, argc - i, argv + i);
	app_free(&app);
	return rc;
}
