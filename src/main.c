#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yekuo/store/app.h"
#include "yekuo/store/outfile.h"
#include "yekuo/cli/cli.h"
#include "yekuo/ui/app.h"

int
main(int argc, char **argv)
{
	struct app app = {0};
	int rc, i = 1;

	setlocale(LC_ALL, "");
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
				return cli_fail("--db needs a file name");
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
