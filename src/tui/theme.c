#include "term.h"

#include <stdlib.h>
#include <string.h>

/* Every role's attribute without colour: the base of every theme. */
static const attr_t mono[TH_COUNT] = {
    [TH_NORMAL] = A_NORMAL,
    [TH_TITLE_BAR] = A_REVERSE | A_BOLD,
    [TH_MENU_HEADING] = A_BOLD | A_UNDERLINE,
    [TH_SEL] = A_REVERSE,
    [TH_SEL_DIM] = A_BOLD | A_UNDERLINE,
    [TH_ENTRY_TITLE] = A_BOLD,
    [TH_HEADING] = A_BOLD | A_UNDERLINE,
    [TH_LINK] = A_UNDERLINE,
    [TH_LINK_FOCUS] = A_REVERSE,
    [TH_META] = A_NORMAL,
    [TH_BAR_KEY] = A_BOLD,
    [TH_BAR_LABEL] = A_REVERSE,
    [TH_MESSAGE] = A_BOLD,
    [TH_BORDER] = A_NORMAL,
    [TH_MATCH] = A_BOLD | A_UNDERLINE,
    [TH_MATCH_CUR] = A_REVERSE,
    [TH_PROMPT] = A_BOLD,
    [TH_ERROR] = A_BOLD | A_REVERSE,
};

#define DEF (-1) /* the terminal's own colour */

struct pair {
    enum theme_role role;
    short fg, bg;
    attr_t extra;
};

/* The default: text in the terminal's colours, styled by attributes; the
 * only colours are backgrounds behind black text (matches) and red for a
 * failure, legible on light and dark terminals alike. */
static const struct pair accents[] = {
    {TH_MATCH, COLOR_BLACK, COLOR_YELLOW, 0},
    {TH_MATCH_CUR, COLOR_BLACK, COLOR_MAGENTA, A_BOLD},
    {TH_ERROR, COLOR_RED, DEF, A_BOLD},
};

/* Dark backgrounds: bright text colours, no dark blue. */
static const struct pair dark[] = {
    {TH_TITLE_BAR, COLOR_BLACK, COLOR_CYAN, A_BOLD},
    {TH_MENU_HEADING, COLOR_YELLOW, DEF, A_BOLD},
    {TH_SEL, COLOR_BLACK, COLOR_CYAN, 0},
    {TH_ENTRY_TITLE, COLOR_YELLOW, DEF, A_BOLD},
    {TH_HEADING, COLOR_CYAN, DEF, A_BOLD},
    {TH_LINK, COLOR_GREEN, DEF, A_UNDERLINE},
    {TH_LINK_FOCUS, COLOR_BLACK, COLOR_GREEN, 0},
    {TH_BAR_LABEL, COLOR_BLACK, COLOR_CYAN, 0},
    {TH_MESSAGE, COLOR_YELLOW, DEF, A_BOLD},
    {TH_MATCH, COLOR_BLACK, COLOR_YELLOW, 0},
    {TH_MATCH_CUR, COLOR_BLACK, COLOR_MAGENTA, A_BOLD},
    {TH_PROMPT, COLOR_YELLOW, DEF, A_BOLD},
    {TH_ERROR, COLOR_RED, DEF, A_BOLD},
};

/* Light backgrounds: dark text colours, no yellow or cyan text. */
static const struct pair light[] = {
    {TH_TITLE_BAR, COLOR_WHITE, COLOR_BLUE, A_BOLD},
    {TH_MENU_HEADING, COLOR_BLUE, DEF, A_BOLD},
    {TH_SEL, COLOR_WHITE, COLOR_BLUE, 0},
    {TH_ENTRY_TITLE, COLOR_MAGENTA, DEF, A_BOLD},
    {TH_HEADING, COLOR_BLUE, DEF, A_BOLD},
    {TH_LINK, COLOR_GREEN, DEF, A_UNDERLINE},
    {TH_LINK_FOCUS, COLOR_WHITE, COLOR_GREEN, 0},
    {TH_BAR_LABEL, COLOR_WHITE, COLOR_BLUE, 0},
    {TH_MESSAGE, COLOR_MAGENTA, DEF, A_BOLD},
    {TH_MATCH, COLOR_BLACK, COLOR_YELLOW, 0},
    {TH_MATCH_CUR, COLOR_WHITE, COLOR_MAGENTA, A_BOLD},
    {TH_PROMPT, COLOR_BLUE, DEF, A_BOLD},
    {TH_ERROR, COLOR_RED, DEF, A_BOLD},
};

void theme_apply(struct term *t, const char *name)
{
    memcpy(t->attr, mono, sizeof mono);
    t->color = 0;
    const char *nc = getenv("NO_COLOR");
    if ((name && strcmp(name, "mono") == 0) || (nc && *nc) || !has_colors() ||
        start_color() != OK || COLORS < 8)
        return;
    t->color = 1;
    short bg = DEF, fg = DEF;
    if (use_default_colors() != OK) {
        bg = COLOR_BLACK;
        fg = COLOR_WHITE;
    }
    const struct pair *p = accents;
    size_t n = sizeof accents / sizeof accents[0];
    if (name && strcmp(name, "dark") == 0) {
        p = dark;
        n = sizeof dark / sizeof dark[0];
    } else if (name && strcmp(name, "light") == 0) {
        p = light;
        n = sizeof light / sizeof light[0];
    }
    for (size_t i = 0; i < n; i++) {
        short f = p[i].fg == DEF ? fg : p[i].fg, b = p[i].bg == DEF ? bg : p[i].bg;
        short pair = (short)(i + 1);
        if (pair < COLOR_PAIRS && init_pair(pair, f, b) == OK)
            t->attr[p[i].role] = COLOR_PAIR(pair) | p[i].extra;
    }
}
