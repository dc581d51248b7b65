#include "config.h"

#include "yekuo/cli.h"

int
cmd_rules(struct app *app, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_need_rules(app) < 0 ? EXIT_USAGE : EXIT_OK;
}

int
cmd_limits(struct app *app, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_need_rules(app) < 0 ? EXIT_USAGE : EXIT_OK;
}
