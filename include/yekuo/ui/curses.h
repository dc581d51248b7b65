#ifndef YEKUO_CURSES_H
#define YEKUO_CURSES_H

/* The one place that chooses the curses header: the wide-character build. */

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
