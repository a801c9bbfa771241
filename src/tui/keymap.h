/* keymap.h — the one table from keys to named actions.
 *
 * The same table answers "what does this key do here" and produces the
 * help overlay and the function bar, so nothing is listed twice.
 */
#ifndef BORDERLESS_KEYMAP_H
#define BORDERLESS_KEYMAP_H

#include "borderless/nav.h"

#include <stddef.h>

/* Key codes: a character is its code point; a curses function key is
 * KM_FN(KEY_...) so the two never collide. */
#define KM_FN(k) ((k) | 0x1000000)
#define KM_CTRL(c) ((c) & 0x1f)
/* Not a key: a bracketed paste (struct view_event carries its text).  It is
 * bound to nothing, so it never runs an action. */
#define KM_PASTE KM_FN(0xFFFFF) /* above every curses key code */

/* Where a binding applies.  A context's own bindings come first, then its
 * parent's (search results: the menu's), then KM_ANY's -- except in a
 * question, where every key is an answer. */
enum km_context {
    KM_ANY,
    KM_MENU,
    KM_RESULTS, /* the search results in place of the menu */
    KM_DETAIL,
    KM_PROMPT,  /* a line being edited on the bottom line */
    KM_QUESTION,
    KM_MOUSE,
    KM_CONTEXT_COUNT
};

#define KM_MAX_KEYS 4

struct km_binding {
    enum km_context ctx;
    enum bl_action action;
    int keys[KM_MAX_KEYS]; /* 0-terminated when shorter */
    const char *help;      /* the help overlay's description */
    const char *bar;       /* label in the function bar, or NULL */
};

/* The action of key in ctx (BL_ACT_NONE when unbound). */
enum bl_action keymap_lookup(enum km_context ctx, int key);

/* The whole table, in the order the help and the bar show it. */
const struct km_binding *keymap_table(size_t *n);

/* Name of a key for people: "Up", "PgDn", "Space", "k", "F1", "Ctrl-C". */
const char *keymap_key_name(int key, char buf[16]);

/* Heading of a context in the help overlay. */
const char *keymap_context_name(enum km_context ctx);

#endif
