/* keymap.h — the one table from keys to named actions (action.h).
 *
 * The table only says which keys ask for which action where; the actions'
 * descriptions and bar labels are in the action table.  Together they
 * answer "what does this key do here" and produce the help overlay and the
 * hint bar, so nothing is listed twice.
 */
#ifndef BORDERLESS_KEYMAP_H
#define BORDERLESS_KEYMAP_H

#include "borderless/action.h"

#include <stddef.h>

/* Key codes: a character is its code point; a curses function key is
 * KM_FN(KEY_...) so the two never collide. */
#define KM_FN(k) ((k) | 0x1000000)
#define KM_CTRL(c) ((c)&0x1f)
/* Not a key: a bracketed paste (the screen passes its text on as
 * BL_ACT_PASTE).  It is bound to nothing, so it never runs an action. */
#define KM_PASTE KM_FN(0xFFFFF) /* above every curses key code */
/* The mouse wheel, for the help only (the screen decodes mouse events). */
#define KM_WHEEL (-1)

/* Where a binding applies.  A context's own bindings come first, then its
 * parent's (km_parent), up to KM_ANY -- except in a question, where every
 * key is an answer. */
enum km_context {
    KM_ANY,
    KM_MOVE, /* moving in the menu, the results or an entry */
    KM_MENU, /* the menu, or the search results in its place */
    KM_DETAIL, /* an entry */
    KM_COMPARE, /* the comparison of roles */
    KM_PROMPT, /* a line being edited on the bottom line */
    KM_QUESTION,
    KM_CONTEXT_COUNT
};

#define KM_MAX_KEYS 4

struct km_binding {
    enum km_context ctx;
    enum bl_action action;
    int keys[KM_MAX_KEYS]; /* 0-terminated when shorter */
};

/* The action of key in ctx (BL_ACT_NONE when unbound). */
enum bl_action keymap_lookup(enum km_context ctx, int key);

/* The whole table, in the order the help shows it. */
const struct km_binding *keymap_table(size_t *n);

/* The keys of action a in context ctx itself (not its parents), into
 * keys[max]; returns how many. */
size_t keymap_keys_of(enum km_context ctx, enum bl_action a, int *keys, size_t max);

/* Name of a key for people: "Up", "PgDn", "Space", "k", "F1", "Ctrl-C". */
const char *keymap_key_name(int key, char buf[16]);

/* Heading of a context in the help overlay and the man page. */
const char *keymap_context_name(enum km_context ctx);

#endif
