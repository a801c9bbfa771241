/* action.h — every named action of the full-screen guide, defined once.
 *
 * An action is what a key, a mouse event or the screen asks the
 * application state (app.h) to do.  Each has its help text, its label in
 * the hint bar and the bar's priority here, and nowhere else: the key
 * table (src/tui/keymap.c) only maps keys to actions, and the help
 * overlay, the hint bar and the man-page and README checks are made from
 * this table and that one.
 *
 * Two actions that are opposites (Up and Down) share one help line: the
 * first names the second in `pair` and describes both; the second has no
 * help of its own.  Actions without help are internal: the screen and the
 * views produce them (a click on a row, a resize) and no key names them.
 */
#ifndef BORDERLESS_ACTION_H
#define BORDERLESS_ACTION_H

/* X(name): the order is the help's order within a key context. */
#define BL_ACTIONS(X)                                                                              \
    X(NONE)                                                                                        \
    X(HELP)                                                                                        \
    X(SEARCH)                                                                                      \
    X(NEXT_MATCH)                                                                                  \
    X(PREV_MATCH)                                                                                  \
    X(END_SEARCH)                                                                                  \
    X(SAVE)                                                                                        \
    X(MARK)                                                                                        \
    X(NOTE)                                                                                        \
    X(SHORTLIST)                                                                                   \
    /* Export a booklet (issue 16): */                                                             \
    X(EXPORT)                                                                                      \
    X(BACK)                                                                                        \
    X(QUIT)                                                                                        \
    X(REDRAW)                                                                                      \
    X(CLICK)                                                                                       \
    X(WHEEL)                                                                                       \
    X(UP)                                                                                          \
    X(DOWN)                                                                                        \
    X(PAGE_UP)                                                                                     \
    X(PAGE_DOWN)                                                                                   \
    X(HOME)                                                                                        \
    X(END)                                                                                         \
    X(OPEN)                                                                                        \
    X(PREV_HEADING)                                                                                \
    X(NEXT_HEADING)                                                                                \
    X(NEXT_LINK)                                                                                   \
    X(PREV_LINK)                                                                                   \
    X(FOLLOW)                                                                                      \
    X(CLOSE)                                                                                       \
    X(ACCEPT)                                                                                      \
    X(CANCEL)                                                                                      \
    X(HISTORY_PREV)                                                                                \
    X(HISTORY_NEXT)                                                                                \
    X(RESULT_PREV)                                                                                 \
    X(RESULT_NEXT)                                                                                 \
    X(EDIT_LEFT)                                                                                   \
    X(EDIT_RIGHT)                                                                                  \
    X(EDIT_HOME)                                                                                   \
    X(EDIT_END)                                                                                    \
    X(EDIT_BACKSPACE)                                                                              \
    X(EDIT_DELETE)                                                                                 \
    X(EDIT_KILL_START)                                                                             \
    X(EDIT_KILL_END)                                                                               \
    X(EDIT_KILL_WORD)                                                                              \
    X(YES)                                                                                         \
    /* Picking a search suggestion ("did you mean"): */                                            \
    X(SUGGEST_NEXT)                                                                                \
    X(SUGGEST_PREV)                                                                                \
    /* Compare (issue 16): */                                                                      \
    X(COMPARE_TOGGLE)                                                                              \
    X(COMPARE)                                                                                     \
    X(COMPARE_DIFF)                                                                                \
    X(COMPARE_CLOSE)                                                                               \
    /* The fit finder (app_fit.c): */                                                              \
    X(FIT)                                                                                         \
    X(FIT_PICK) /* a number key: arg.n its digit */                                                \
    X(FIT_TOGGLE)                                                                                  \
    X(FIT_IMPORTANT)                                                                               \
    X(FIT_NEXT)                                                                                    \
    X(FIT_PREV)                                                                                    \
    X(FIT_EDIT)                                                                                    \
    X(FIT_CLEAR)                                                                                   \
    X(FIT_LEAVE)                                                                                   \
    /* The fit finder's leftovers (issue 15 follow-up): */                                         \
    X(FIT_SAVE)                                                                                    \
    X(FIT_CLICK) /* internal: a click on row arg.n of the fit finder's list (again: open it) */    \
    /* Internal (no key; arguments in struct bl_app_arg): */                                       \
    X(INSERT) /* a typed character: arg.cp */                                                      \
    X(PASTE) /* a bracketed paste: arg.text, arg.len (text, never keys) */                         \
    X(SELECT_ENTRY) /* a click on menu entry arg.n (again: open it) */                             \
    X(SELECT_HIT) /* a click on search hit arg.n (again: open it) */                               \
    X(SELECT_SUGGESTION) /* a click on suggestion arg.n: its query runs */                         \
    X(CLICK_LINE) /* a click on line arg.n of the entry (a link: follow) */                        \
    X(MENU_STEP) /* the wheel over the menu or a fit finder list: arg.n entries (or rows) */       \
    X(SCROLL) /* the wheel over the entry (or the fit ranking's explanation): arg.n lines */       \
    X(RESIZE) /* the entry is arg.width columns wide, arg.rows high */

#define BL_ACTION_ENUM_(name) BL_ACT_##name,
enum bl_action { BL_ACTIONS(BL_ACTION_ENUM_) BL_ACT_COUNT };
#undef BL_ACTION_ENUM_

struct bl_action_info {
    const char *help; /* the help overlay's description (NULL: none) */
    enum bl_action pair; /* the opposite whose keys share the help line */
    const char *bar; /* label in the hint bar (NULL: not shown there) */
    int bar_prio; /* 1 always shown (help, back, quit); higher drops first */
};

/* The entry of a (a valid enum value). */
const struct bl_action_info *bl_action_info(enum bl_action a);

#endif
