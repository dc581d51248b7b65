#ifndef YEKUO_UI_APP_H
#define YEKUO_UI_APP_H

/* The terminal app (ncurses): loads the calendar, rules and database, sets
 * the terminal up, opens the dashboard and runs the key loop (src/ui/app.c)
 * until the user quits; returns the exit status. It sits above every
 * screen; the screens sit above the frame (frame.h) and the widgets. */

struct app;

int ui_run(struct app *app);

#endif
