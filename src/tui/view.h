/* view.h — what every view of the screen shares.
 *
 * A view draws itself into the window the screen manager gives it and
 * answers keys with flags; it never loops, resizes the terminal or quits by
 * itself.  The screen owns the windows and the views (it frees both); a
 * view borrows everything else it points to.
 */
#ifndef BORDERLESS_VIEW_H
#define BORDERLESS_VIEW_H

#include "keymap.h"
#include "term.h"

#include <curses.h>
#include <stddef.h>

struct view;

/* A key or mouse event.  For the mouse, y and x are relative to the
 * view's window. */
struct view_event {
    int key;          /* keymap code (KM_FN(KEY_MOUSE) for the mouse) */
    int y, x;
    mmask_t buttons;
    /* KM_PASTE: the pasted text as received (not yet cleaned). */
    const char *text;
    size_t text_len;
};

enum {
    VIEW_HANDLED = 1, /* the view used the event */
    VIEW_REDRAW = 2,  /* something changed on screen */
    VIEW_CLOSE = 4,   /* pop this view off the stack */
    /* From a prompt; the screen reads its text and decides what follows: */
    VIEW_EDITED = 8,  /* the text changed */
    VIEW_ACCEPT = 16, /* Enter (or yes to a question) */
    VIEW_CANCEL = 32, /* Esc (or no to a question) */
};

struct view_result {
    unsigned flags;
    const char *msg; /* a status message, or NULL */
};

struct rect {
    int y, x, h, w;
};

struct view_ops {
    const char *name;
    enum km_context keys; /* key context used to look up actions */
    /* The key context now, when it changes with the view's state (NULL:
     * always `keys`). */
    enum km_context (*context)(struct view *v);
    /* Draws the view into v->win (already sized). */
    void (*draw)(struct view *v);
    /* a: the action bound to ev->key in `keys` (BL_ACT_NONE if unbound). */
    struct view_result (*key)(struct view *v, enum bl_action a, const struct view_event *ev);
    /* The area an overlay wants: inside `body` (between the title and the
     * bottom bar), or `bar` itself for a prompt.  NULL: all of body. */
    struct rect (*place)(struct view *v, struct rect body, struct rect bar);
    /* Where the hardware cursor rests when the view has the focus. */
    void (*cursor)(struct view *v, int *y, int *x);
    /* Frees the view's own state (NULL: nothing to free but the view). */
    void (*destroy)(struct view *v);
};

struct view {
    const struct view_ops *ops;
    WINDOW *win;             /* owned by the screen */
    const struct term *term; /* for attributes and ASCII mode */
};

/* The key context of v now. */
static inline enum km_context view_context(struct view *v)
{
    return v->ops->context ? v->ops->context(v) : v->ops->keys;
}

#endif
