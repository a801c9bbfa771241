/* tui.h — the full-screen guide (ncursesw).
 *
 * bl_tui_run() takes over the terminal, runs until the user quits or a
 * SIGINT/SIGTERM/SIGHUP arrives, and always restores the terminal before it
 * returns.  The guide is borrowed; it must outlive the call.  Returns the
 * process exit status (0 after a normal quit).
 */
#ifndef BORDERLESS_TUI_H
#define BORDERLESS_TUI_H

#include "borderless/model.h"

/* How the guide looks.  NULL (or a NULL member): the defaults. */
struct bl_tui_options {
    /* "light", "dark" or "mono"; NULL: $BORDERLESS_THEME, else the
     * default (the terminal's colours, two accents). */
    const char *theme;
};

int bl_tui_run(const bl_guide *g, const struct bl_tui_options *opt);

#endif
