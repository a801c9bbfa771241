/* tui.h — the full-screen guide (ncursesw).
 *
 * bl_tui_run() takes over the terminal, runs until the user quits, a
 * signal that ends the process arrives or the terminal goes away, and
 * always restores the terminal first.  Ended by a signal (other than
 * SIGINT, which quits), it then ends the process by that signal; a hang-up
 * with SIGHUP ignored returns 129.  The guide is borrowed; it must outlive
 * the call.  Returns the process exit status (0 after a normal quit).
 */
#ifndef BORDERLESS_TUI_H
#define BORDERLESS_TUI_H

#include "borderless/model.h"

int bl_tui_run(const bl_guide *g);

/* 1 when standard input and output are a terminal the guide can run on:
 * TERM names an entry that can address the cursor (not "dumb"). */
int bl_tui_usable(void);

#endif
