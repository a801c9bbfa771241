#include "keymap.h"

#include <curses.h>
#include <stdio.h>

#define ENTER KM_FN(KEY_ENTER), '\r', '\n'

static const struct km_binding table[] = {
    {KM_ANY, BL_ACT_HELP, {'?', KM_FN(KEY_F(1))}},
    {KM_ANY, BL_ACT_SEARCH, {'/'}},
    {KM_ANY, BL_ACT_NEXT_MATCH, {'n'}},
    {KM_ANY, BL_ACT_PREV_MATCH, {'N'}},
    {KM_ANY, BL_ACT_END_SEARCH, {27}},
    {KM_ANY, BL_ACT_SAVE, {'p'}},
    {KM_ANY, BL_ACT_MARK, {'m'}},
    {KM_ANY, BL_ACT_NOTE, {'a'}},
    {KM_ANY, BL_ACT_SHORTLIST, {'\''}},
    {KM_ANY, BL_ACT_EXPORT, {'E'}},
    {KM_ANY, BL_ACT_COMPARE_TOGGLE, {'c'}},
    {KM_ANY, BL_ACT_COMPARE, {'C'}},
    {KM_ANY, BL_ACT_BACK, {KM_FN(KEY_BACKSPACE), 127, 8}},
    {KM_ANY, BL_ACT_QUIT, {'q', KM_FN(KEY_F(10)), KM_CTRL('c')}},
    {KM_ANY, BL_ACT_REDRAW, {KM_CTRL('l')}},
    {KM_ANY, BL_ACT_CLICK, {KM_FN(KEY_MOUSE)}},
    {KM_ANY, BL_ACT_WHEEL, {KM_WHEEL}},

    {KM_MOVE, BL_ACT_UP, {KM_FN(KEY_UP), 'k'}},
    {KM_MOVE, BL_ACT_DOWN, {KM_FN(KEY_DOWN), 'j'}},
    {KM_MOVE, BL_ACT_PAGE_UP, {KM_FN(KEY_PPAGE), 'b'}},
    {KM_MOVE, BL_ACT_PAGE_DOWN, {KM_FN(KEY_NPAGE), ' '}},
    {KM_MOVE, BL_ACT_HOME, {KM_FN(KEY_HOME), 'g'}},
    {KM_MOVE, BL_ACT_END, {KM_FN(KEY_END), 'G'}},

    {KM_MENU, BL_ACT_OPEN, {ENTER, KM_FN(KEY_RIGHT)}},
    {KM_MENU, BL_ACT_OPEN, {'\t', 'l'}},

    {KM_DETAIL, BL_ACT_PREV_HEADING, {'['}},
    {KM_DETAIL, BL_ACT_NEXT_HEADING, {']'}},
    {KM_DETAIL, BL_ACT_NEXT_LINK, {'\t'}},
    {KM_DETAIL, BL_ACT_PREV_LINK, {KM_FN(KEY_BTAB)}},
    {KM_DETAIL, BL_ACT_FOLLOW, {ENTER}},
    {KM_DETAIL, BL_ACT_CLOSE, {27, KM_FN(KEY_LEFT), 'h'}},

    /* The comparison of two or three roles (issue 16). */
    {KM_COMPARE, BL_ACT_COMPARE_DIFF, {'d'}},
    {KM_COMPARE, BL_ACT_COMPARE_CLOSE, {27, 'q', KM_FN(KEY_LEFT), 'h'}},

    /* The bottom-line prompt (search, file name): typed text is inserted. */
    {KM_PROMPT, BL_ACT_ACCEPT, {ENTER}},
    {KM_PROMPT, BL_ACT_CANCEL, {27, KM_CTRL('g'), KM_CTRL('c')}},
    {KM_PROMPT, BL_ACT_HISTORY_PREV, {KM_FN(KEY_UP)}},
    {KM_PROMPT, BL_ACT_HISTORY_NEXT, {KM_FN(KEY_DOWN)}},
    {KM_PROMPT, BL_ACT_RESULT_PREV, {KM_CTRL('p')}},
    {KM_PROMPT, BL_ACT_RESULT_NEXT, {KM_CTRL('n')}},
    {KM_PROMPT, BL_ACT_EDIT_LEFT, {KM_FN(KEY_LEFT), KM_CTRL('b')}},
    {KM_PROMPT, BL_ACT_EDIT_RIGHT, {KM_FN(KEY_RIGHT), KM_CTRL('f')}},
    {KM_PROMPT, BL_ACT_EDIT_HOME, {KM_FN(KEY_HOME), KM_CTRL('a')}},
    {KM_PROMPT, BL_ACT_EDIT_END, {KM_FN(KEY_END), KM_CTRL('e')}},
    {KM_PROMPT, BL_ACT_EDIT_BACKSPACE, {KM_FN(KEY_BACKSPACE), 127, 8}},
    {KM_PROMPT, BL_ACT_EDIT_DELETE, {KM_FN(KEY_DC), KM_CTRL('d')}},
    {KM_PROMPT, BL_ACT_EDIT_KILL_START, {KM_CTRL('u')}},
    {KM_PROMPT, BL_ACT_EDIT_KILL_END, {KM_CTRL('k')}},
    {KM_PROMPT, BL_ACT_EDIT_KILL_WORD, {KM_CTRL('w')}},
    {KM_PROMPT, BL_ACT_SUGGEST_NEXT, {'\t'}},
    {KM_PROMPT, BL_ACT_SUGGEST_PREV, {KM_FN(KEY_BTAB)}},

    {KM_QUESTION, BL_ACT_YES, {'y', 'Y'}},

    /* The fit finder: its questions, then the ranking. */
    {KM_ANY, BL_ACT_FIT, {'f'}},
    {KM_FIT_QUESTION, BL_ACT_FIT_NEXT, {ENTER}},
    {KM_FIT_QUESTION, BL_ACT_FIT_PICK, {'0', '1', '2', '3'}},
    {KM_FIT_QUESTION, BL_ACT_FIT_PICK, {'4', '5'}},
    {KM_FIT_QUESTION, BL_ACT_FIT_TOGGLE, {' '}},
    {KM_FIT_QUESTION, BL_ACT_FIT_IMPORTANT, {'!'}},
    {KM_FIT_QUESTION, BL_ACT_FIT_PREV, {KM_FN(KEY_BACKSPACE), 127, 8}},
    {KM_FIT_QUESTION, BL_ACT_FIT_LEAVE, {27}},
    {KM_FIT_RESULTS, BL_ACT_OPEN, {ENTER}},
    {KM_FIT_RESULTS, BL_ACT_FIT_EDIT, {'e'}},
    {KM_FIT_RESULTS, BL_ACT_FIT_CLEAR, {'x'}},
    {KM_FIT_RESULTS, BL_ACT_FIT_LEAVE, {27}},
    {KM_FIT_RESULTS, BL_ACT_FIT_SAVE, {'p'}},
};

const struct km_binding *keymap_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}

size_t keymap_keys_of(enum km_context ctx, enum bl_action a, int *keys, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].ctx != ctx || table[i].action != a)
            continue;
        for (int k = 0; k < KM_MAX_KEYS && table[i].keys[k] && n < max; k++)
            keys[n++] = table[i].keys[k];
    }
    return n;
}

static enum bl_action find(enum km_context ctx, int key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].ctx != ctx)
            continue;
        for (int k = 0; k < KM_MAX_KEYS && table[i].keys[k]; k++)
            if (table[i].keys[k] == key)
                return table[i].action;
    }
    return BL_ACT_NONE;
}

static enum km_context parent(enum km_context ctx)
{
    switch (ctx) {
    case KM_MENU:
    case KM_DETAIL:
    case KM_COMPARE:
    case KM_FIT_QUESTION:
    case KM_FIT_RESULTS:
        return KM_MOVE;
    default:
        return KM_ANY;
    }
}

enum bl_action keymap_lookup(enum km_context ctx, int key)
{
    enum bl_action a = find(ctx, key);
    if (ctx == KM_QUESTION)
        return a;
    while (a == BL_ACT_NONE && ctx != KM_ANY) {
        ctx = parent(ctx);
        a = find(ctx, key);
    }
    return a;
}

const char *keymap_key_name(int key, char buf[16])
{
    static const struct {
        int key;
        const char *name;
    } names[] = {
        {KM_FN(KEY_UP), "Up"},
        {KM_FN(KEY_DOWN), "Down"},
        {KM_FN(KEY_LEFT), "Left"},
        {KM_FN(KEY_RIGHT), "Right"},
        {KM_FN(KEY_PPAGE), "PgUp"},
        {KM_FN(KEY_NPAGE), "PgDn"},
        {KM_FN(KEY_HOME), "Home"},
        {KM_FN(KEY_END), "End"},
        {KM_FN(KEY_DC), "Delete"},
        {KM_FN(KEY_ENTER), "Enter"},
        {'\r', "Enter"},
        {'\n', "Enter"},
        {'\t', "Tab"},
        {KM_FN(KEY_BTAB), "Shift-Tab"},
        {KM_FN(KEY_BACKSPACE), "Backspace"},
        {127, "Backspace"},
        {8, "Backspace"},
        {27, "Esc"},
        {' ', "Space"},
        {KM_FN(KEY_MOUSE), "Click"},
        {KM_WHEEL, "Wheel"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].key == key)
            return names[i].name;
    if (key >= KM_FN(KEY_F(1)) && key <= KM_FN(KEY_F(12))) {
        snprintf(buf, 16, "F%d", key - KM_FN(KEY_F(0)));
        return buf;
    }
    if (key > 0 && key < 32) {
        snprintf(buf, 16, "Ctrl-%c", key + '@');
        return buf;
    }
    if (key > 32 && key < 127) {
        buf[0] = (char)key;
        buf[1] = '\0';
        return buf;
    }
    return "?";
}

const char *keymap_context_name(enum km_context ctx)
{
    switch (ctx) {
    case KM_ANY:
        return "Anywhere";
    case KM_MOVE:
        return "Moving (menu, results, entry)";
    case KM_MENU:
        return "In the menu or results";
    case KM_DETAIL:
        return "In an entry";
    case KM_COMPARE:
        return "In the comparison";
    case KM_PROMPT:
        return "In a prompt";
    case KM_QUESTION:
        return "In a question (y/N)";
    case KM_FIT_QUESTION:
        return "Fit finder questions";
    case KM_FIT_RESULTS:
        return "Fit finder ranking";
    default:
        return "";
    }
}
