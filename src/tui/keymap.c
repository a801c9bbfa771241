#include "keymap.h"

#include <curses.h>
#include <stdio.h>

/* Mouse bindings are listed for the help overlay only: the screen decodes
 * mouse events by position, not through keymap_lookup(). */
static const struct km_binding table[] = {
    {KM_ANY, BL_ACT_HELP, {KM_FN(KEY_F(1)), '?'}, "Show this help", "Help"},
    {KM_ANY, BL_ACT_SEARCH, {'/'}, "Search the whole guide", "Search"},
    {KM_ANY, BL_ACT_SAVE, {'p'}, "Save a role's summary to a file", "Save"},

    {KM_MENU, BL_ACT_UP, {KM_FN(KEY_UP), 'k'}, "Previous entry", NULL},
    {KM_MENU, BL_ACT_DOWN, {KM_FN(KEY_DOWN), 'j'}, "Next entry", NULL},
    {KM_MENU, BL_ACT_PAGE_UP, {KM_FN(KEY_PPAGE)}, "A page of entries up", NULL},
    {KM_MENU, BL_ACT_PAGE_DOWN, {KM_FN(KEY_NPAGE)}, "A page of entries down", NULL},
    {KM_MENU, BL_ACT_HOME, {KM_FN(KEY_HOME), 'g'}, "First entry", NULL},
    {KM_MENU, BL_ACT_END, {KM_FN(KEY_END), 'G'}, "Last entry", NULL},
    {KM_MENU, BL_ACT_OPEN, {KM_FN(KEY_ENTER), '\r', KM_FN(KEY_RIGHT), '\t'},
     "Read the entry", "Read"},
    {KM_MENU, BL_ACT_OPEN, {'\n', 'l'}, NULL, NULL},

    /* Search results: the menu's keys move over the hits. */
    {KM_RESULTS, BL_ACT_OPEN, {KM_FN(KEY_ENTER), '\r', KM_FN(KEY_RIGHT), '\t'},
     "Read the result", "Open"},
    {KM_RESULTS, BL_ACT_OPEN, {'\n', 'l'}, NULL, NULL},
    {KM_RESULTS, BL_ACT_NEXT_MATCH, {'n'}, "Next match in the entry", "Next"},
    {KM_RESULTS, BL_ACT_PREV_MATCH, {'N'}, "Previous match", NULL},
    {KM_RESULTS, BL_ACT_CLOSE, {27}, "Close the search", "Close"},

    {KM_DETAIL, BL_ACT_UP, {KM_FN(KEY_UP), 'k'}, "Scroll up a line", NULL},
    {KM_DETAIL, BL_ACT_DOWN, {KM_FN(KEY_DOWN), 'j'}, "Scroll down a line", NULL},
    {KM_DETAIL, BL_ACT_PAGE_UP, {KM_FN(KEY_PPAGE), 'b'}, "Scroll up a page", NULL},
    {KM_DETAIL, BL_ACT_PAGE_DOWN, {KM_FN(KEY_NPAGE), ' '}, "Scroll down a page", NULL},
    {KM_DETAIL, BL_ACT_HOME, {KM_FN(KEY_HOME), 'g'}, "Top of the entry", NULL},
    {KM_DETAIL, BL_ACT_END, {KM_FN(KEY_END), 'G'}, "End of the entry", NULL},
    {KM_DETAIL, BL_ACT_PREV_HEADING, {'['}, "Previous heading", NULL},
    {KM_DETAIL, BL_ACT_NEXT_HEADING, {']'}, "Next heading", "Heading"},
    {KM_DETAIL, BL_ACT_NEXT_LINK, {'\t'}, "Next link (related role)", "Link"},
    {KM_DETAIL, BL_ACT_PREV_LINK, {KM_FN(KEY_BTAB)}, "Previous link", NULL},
    {KM_DETAIL, BL_ACT_FOLLOW, {KM_FN(KEY_ENTER), '\r', '\n'}, "Open the selected link", "Follow"},
    {KM_DETAIL, BL_ACT_NEXT_MATCH, {'n'}, "Next search match (wraps)", NULL},
    {KM_DETAIL, BL_ACT_PREV_MATCH, {'N'}, "Previous search match", NULL},
    {KM_DETAIL, BL_ACT_CLOSE, {27, KM_FN(KEY_LEFT), 'h'}, "Back to the menu", "Menu"},

    {KM_ANY, BL_ACT_QUIT, {'q', KM_FN(KEY_F(10)), KM_CTRL('c')}, "Quit", "Quit"},
    {KM_ANY, BL_ACT_BACK, {KM_FN(KEY_BACKSPACE), 127, 8}, "Go back (after a link)", "Back"},
    {KM_ANY, BL_ACT_REDRAW, {KM_CTRL('l')}, "Redraw the whole screen", NULL},

    /* The bottom-line prompt (search, file name): typed text is inserted. */
    {KM_PROMPT, BL_ACT_ACCEPT, {KM_FN(KEY_ENTER), '\r', '\n'},
     "Read the result / save the file", NULL},
    {KM_PROMPT, BL_ACT_CANCEL, {27, KM_CTRL('g')}, "Cancel (closes the search)", NULL},
    {KM_PROMPT, BL_ACT_UP, {KM_FN(KEY_UP), KM_CTRL('p')}, "Previous result", NULL},
    {KM_PROMPT, BL_ACT_DOWN, {KM_FN(KEY_DOWN), KM_CTRL('n')}, "Next result", NULL},
    {KM_PROMPT, BL_ACT_EDIT_LEFT, {KM_FN(KEY_LEFT), KM_CTRL('b')}, "Cursor left", NULL},
    {KM_PROMPT, BL_ACT_EDIT_RIGHT, {KM_FN(KEY_RIGHT), KM_CTRL('f')}, "Cursor right", NULL},
    {KM_PROMPT, BL_ACT_EDIT_HOME, {KM_FN(KEY_HOME), KM_CTRL('a')}, "Start of the line", NULL},
    {KM_PROMPT, BL_ACT_EDIT_END, {KM_FN(KEY_END), KM_CTRL('e')}, "End of the line", NULL},
    {KM_PROMPT, BL_ACT_EDIT_BACKSPACE, {KM_FN(KEY_BACKSPACE), 127, 8},
     "Delete the character before", NULL},
    {KM_PROMPT, BL_ACT_EDIT_DELETE, {KM_FN(KEY_DC), KM_CTRL('d')},
     "Delete the character under", NULL},
    {KM_PROMPT, BL_ACT_EDIT_KILL_START, {KM_CTRL('u')}, "Delete to the start", NULL},
    {KM_PROMPT, BL_ACT_EDIT_KILL_END, {KM_CTRL('k')}, "Delete to the end", NULL},
    {KM_PROMPT, BL_ACT_EDIT_KILL_WORD, {KM_CTRL('w')}, "Delete the word before",
     NULL},

    {KM_QUESTION, BL_ACT_YES, {'y', 'Y'}, "Yes (any other key: no)", NULL},

    {KM_MOUSE, BL_ACT_NONE, {KM_FN(KEY_MOUSE)}, "Select an entry, follow a link", NULL},
    {KM_MOUSE, BL_ACT_NONE, {-1}, "Scroll the pane under the pointer", NULL},
};

const struct km_binding *keymap_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
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

enum bl_action keymap_lookup(enum km_context ctx, int key)
{
    enum bl_action a = find(ctx, key);
    if (a == BL_ACT_NONE && ctx == KM_RESULTS)
        a = find(KM_MENU, key);
    if (a == BL_ACT_NONE && ctx != KM_ANY && ctx != KM_QUESTION)
        a = find(KM_ANY, key);
    return a;
}

const char *keymap_key_name(int key, char buf[16])
{
    static const struct {
        int key;
        const char *name;
    } names[] = {
        {KM_FN(KEY_UP), "Up"},       {KM_FN(KEY_DOWN), "Down"},
        {KM_FN(KEY_LEFT), "Left"},   {KM_FN(KEY_RIGHT), "Right"},
        {KM_FN(KEY_PPAGE), "PgUp"},  {KM_FN(KEY_NPAGE), "PgDn"},
        {KM_FN(KEY_HOME), "Home"},   {KM_FN(KEY_END), "End"},
        {KM_FN(KEY_DC), "Delete"},
        {KM_FN(KEY_ENTER), "Enter"}, {'\r', "Enter"},
        {'\n', "Enter"},             {'\t', "Tab"},
        {KM_FN(KEY_BTAB), "Shift-Tab"}, {KM_FN(KEY_BACKSPACE), "Backspace"},
        {127, "Backspace"},          {8, "Backspace"},
        {27, "Esc"},                 {' ', "Space"},
        {KM_FN(KEY_MOUSE), "Click"}, {-1, "Wheel"},
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
    case KM_MENU:
        return "In the menu (left)";
    case KM_RESULTS:
        return "In the search results (left)";
    case KM_DETAIL:
        return "In an entry (right)";
    case KM_PROMPT:
        return "In the search or file-name prompt";
    case KM_QUESTION:
        return "In a question (y/N)";
    case KM_MOUSE:
        return "Mouse";
    default:
        return "";
    }
}
