/* harness.h — whole-screen tests in-process (tig's way): the real screen
 * manager on an off-screen ncurses terminal (xterm-256color writing to
 * /dev/null) of a fixed size, C.UTF-8, the mono theme; keys from a script;
 * the whole screen read back from curses and compared with the expected
 * screen written in the test.
 *
 *     struct harness h;
 *     harness_open(&h, 80, 24);                 // the fixture guide
 *     harness_keys(&h, "jj<Enter>");
 *     harness_expect(&h, "line 1\nline 2\n...");  // every row, trailing blanks cut
 *     harness_close(&h);
 *
 * Key script: characters stand for themselves; <Up> <Down> <Left> <Right>
 * <PgUp> <PgDn> <Home> <End> <Enter> <Esc> <Tab> <S-Tab> <BS> <Del> <F1>
 * <F10> <C-x> (Ctrl-x) and <lt> ("<") name the others; <resize:80x24>,
 * <click:Y,X> and <wheel:Y,X,DIR> are the terminal's events.
 */
#ifndef BORDERLESS_TEST_HARNESS_H
#define BORDERLESS_TEST_HARNESS_H

#include "borderless/model.h"

#include <curses.h>
#include <stddef.h>

struct screen;

struct harness {
    SCREEN *term;
    FILE *out, *in;
    struct term *t;
    struct screen *s;
    bl_guide *g;
    int w, h;
    const char *mask; /* shown as "<tmp>" in dumps (a temporary folder) */
};

/* Opens the screen on the fixture guide (or on g when not NULL: taken
 * over and freed by harness_close), w x h, UTF-8 (ascii 0) or ASCII. */
void harness_open_guide(struct harness *h, int w, int h_, int ascii, bl_guide *g);
void harness_open(struct harness *h, int w, int h_);
void harness_close(struct harness *h);

/* Feeds the key script and draws. */
void harness_keys(struct harness *h, const char *script);
/* A click (button 1) or the wheel (dir -1 up, 1 down) at screen (y, x). */
void harness_click(struct harness *h, int y, int x);
void harness_wheel(struct harness *h, int y, int x, int dir);
/* The terminal becomes w x h. */
void harness_resize(struct harness *h, int w, int h_);

/* The whole screen as text: rows joined by '\n', trailing blanks cut,
 * trailing empty rows kept.  Malloc'd. */
char *harness_dump(const struct harness *h);
/* Row y's attributes, one character a cell: '.' plain, 'r' reverse,
 * 'b' bold, 'u' underline (the first of r, b, u that applies). */
char *harness_attrs(const struct harness *h, int y);

/* Fails the test (cmocka) unless the screen is exactly `expected`; prints
 * both side by side when not.  With BL_SCREEN_PRINT set in the
 * environment, prints the actual screen instead (to write a test). */
void harness_expect(const struct harness *h, const char *expected);
void harness_expect_attrs(const struct harness *h, int y, const char *expected);

/* Where the hardware cursor rests (screen readers follow it). */
void harness_cursor(const struct harness *h, int *y, int *x);

/* 1 once the screen asked to quit. */
int harness_quit(const struct harness *h);

#endif
