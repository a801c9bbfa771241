/* view.h — what every view of the screen shares.
 *
 * A view draws the application state (app.h, read-only) into the window
 * the screen manager gives it, and owns only its viewport: where its list
 * is scrolled to, computed from the selection and its size.  Keys go to
 * the application state as actions; a view turns a mouse event on it into
 * an action (a click on row y: that row's entry).  An overlay (help)
 * answers keys itself with flags.  The screen owns the windows and the
 * views (it frees both); a view borrows everything else it points to.
 */
#ifndef BORDERLESS_VIEW_H
#define BORDERLESS_VIEW_H

#include "borderless/app.h"
#include "keymap.h"
#include "term.h"

#include <curses.h>
#include <stddef.h>

struct view;

/* A key or mouse event.  For the mouse, y and x are relative to the
 * view's window. */
struct view_event {
    int key; /* keymap code (KM_FN(KEY_MOUSE) for the mouse) */
    int y, x;
    mmask_t buttons;
    /* KM_PASTE: the pasted text as received (not yet cleaned). */
    const char *text;
    size_t text_len;
};

/* What an overlay's key did. */
enum {
    VIEW_HANDLED = 1, /* the view used the event */
    VIEW_REDRAW = 2, /* something changed on screen */
    VIEW_CLOSE = 4, /* pop this view off the stack */
};

struct view_result {
    unsigned flags;
};

struct rect {
    int y, x, h, w;
};

struct view_ops {
    const char *name;
    /* The key context now (panes; NULL: KM_ANY). */
    enum km_context (*context)(const struct view *v);
    /* Draws the view into v->win (already sized), updating its viewport. */
    void (*draw)(struct view *v);
    /* An overlay's key.  a: the action bound to ev->key in KM_MOVE. */
    struct view_result (*key)(struct view *v, enum bl_action a, const struct view_event *ev);
    /* A pane's mouse event as an action (BL_ACT_NONE: nothing there). */
    enum bl_action (*mouse)(struct view *v, const struct view_event *ev, struct bl_app_arg *arg);
    /* A pane's page in rows, for PgUp and PgDn. */
    long (*page)(const struct view *v);
    /* The area an overlay wants inside `body` (between the title and the
     * bottom bar).  NULL: all of body. */
    struct rect (*place)(struct view *v, struct rect body);
    /* Where the hardware cursor rests when the view has the focus. */
    void (*cursor)(struct view *v, int *y, int *x);
    /* Frees the view's own state (NULL: nothing to free but the view). */
    void (*destroy)(struct view *v);
};

struct view {
    const struct view_ops *ops;
    WINDOW *win; /* owned by the screen */
    const struct term *term; /* for attributes and ASCII mode */
    const bl_app *app; /* what it shows (borrowed) */
};

/* The key context of v now. */
static inline enum km_context view_context(const struct view *v)
{
    return v->ops->context ? v->ops->context(v) : KM_ANY;
}

#endif
