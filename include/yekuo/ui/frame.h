#ifndef YEKUO_UI_H
#define YEKUO_UI_H

/* The terminal app (ncurses). Runs until the user quits; returns the exit
 * status. */

struct app;

int ui_run(struct app *app);

#endif
