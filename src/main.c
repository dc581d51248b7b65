#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yekuo/core/i18n.h"
#include "yekuo/store/app.h"
#include "yekuo/store/outfile.h"
#include "yekuo/cli/cli.h"
#include "yekuo/ui/app.h"

/* The locale, and the catalog of messages: Chinese (the source's text)
 * unless LC_ALL, LC_MESSAGES or LANG asks for English (docs/i18n.md). An
 * English request is honoured even where the en_* locale was never
 * generated: gettext then uses LANGUAGE over the C.UTF-8 locale. */
static void
setup_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *want = "", *dir = getenv("YEKUO_LOCALEDIR"), *got;

	setlocale(LC_ALL, "");
	for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !*want; i++)
		if (getenv(vars[i]))
			want = getenv(vars[i]);
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
