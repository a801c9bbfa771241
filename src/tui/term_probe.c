#include "term_probe.h"

#include <curses.h>
#if defined(__has_include)
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <term.h>
#endif
#else
#include <term.h>
#endif

int term_probe_current(void)
{
    char *cup = tigetstr("cup");
    return cup && cup != (char *)-1 && *cup && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
}

int term_probe_usable(const char *name, int fd)
{
    TERMINAL *saved = cur_term;
    int err = 0;
    if (setupterm(name, fd, &err) != OK)
        return 0;
    int ok = term_probe_current();
    del_curterm(cur_term);
    set_curterm(saved);
    return ok;
}
