/* termcap.c — the terminal's bold sequence, from terminfo (kept apart:
 * term.h defines macros with common names). */
#include "cli.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* src/tui/term.h shadows <term.h> on the include path: name ncurses' own. */
#if defined(__has_include) && __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#elif defined(__has_include) && __has_include(<ncurses/term.h>)
#include <ncurses/term.h>
#else
#include <term.h>
#endif

/* A capability string, or NULL when the terminal lacks it. */
static const char *cap(const char *name)
{
    char *s = tigetstr(name);
    return s && s != (char *)-1 && *s ? s : NULL;
}

void bl_cli_termcap(bl_cli *c)
{
    const char *term = getenv("TERM");
    if (!c->tty || !term || !*term || strcmp(term, "dumb") == 0)
        return;
    int err = 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
        return;
    c->bold = cap("bold");
    c->sgr0 = cap("sgr0");
    if (!c->bold || !c->sgr0)
        c->bold = c->sgr0 = NULL;
}
