/* term_probe.h — what TERM's terminfo entry can do, asked apart from the
 * rest of term.c (curses' term.h has its own `struct term`). */
#ifndef BORDERLESS_TERM_PROBE_H
#define BORDERLESS_TERM_PROBE_H

/* 1 when the terminfo entry `name` exists and can address the cursor (not
 * "dumb", not a hard-copy or generic type).  fd: the terminal, for the
 * lookup only; nothing is written.  Leaves no terminal set up. */
int term_probe_usable(const char *name, int fd);

/* The same question about the terminal curses has set up now. */
int term_probe_current(void);

#endif
