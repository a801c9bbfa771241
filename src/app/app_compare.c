/* app_compare.c — the guide's compare set and comparison view state (see
 * app.h, bl_app_compare).  No curses: the view (src/tui/compare_view.c)
 * draws a->cmp.text from a->cmp.top. */
#include "borderless/app.h"

#include <stdio.h>
#include <string.h>

static void say(bl_app *a, enum bl_status_kind kind, const char *text)
{
    a->status.kind = kind;
    snprintf(a->status.text, sizeof a->status.text, "%s", text);
    a->status.path[0] = '\0';
}

int bl_app_compare_has(const bl_app *a, size_t e)
{
    return bl_app_compare_index(a, e) >= 0;
}

int bl_app_compare_index(const bl_app *a, size_t e)
{
    for (size_t i = 0; i < a->cmp.n; i++)
        if (a->cmp.set[i] == e)
            return (int)i;
    return -1;
}

/* Rows of text below the pinned titles. */
static size_t body_rows(const bl_app *a)
{
    const bl_cmp_text *t = a->cmp.text;
    size_t h = t ? t->header_lines : 0;
    return (size_t)a->cmp.rows > h ? (size_t)a->cmp.rows - h : 1;
}

size_t bl_app_compare_max_top(const bl_app *a)
{
    const bl_cmp_text *t = a->cmp.text;
    if (!a->cmp.open || !t)
        return 0;
    size_t lines = t->n_lines - t->header_lines, rows = body_rows(a);
    return lines > rows ? lines - rows : 0;
}

static void clamp_top(bl_app *a)
{
    size_t max = bl_app_compare_max_top(a);
    if (a->cmp.top > max)
        a->cmp.top = max;
}

/* The row (or group) shown at the top, to find again after a new layout. */
static void anchor_of(const bl_app *a, long *row, long *group)
{
    *row = *group = -1;
    const bl_cmp_text *t = a->cmp.text;
    if (!t)
        return;
    for (size_t i = t->header_lines + a->cmp.top; i < t->n_lines; i++) {
        if (t->lines[i].row >= 0 || t->lines[i].group >= 0) {
            *row = t->lines[i].row;
            *group = t->lines[i].group;
            return;
        }
    }
}

/* Lays the comparison out again at the current width and flags, keeping
 * the row at the top (or, when it is hidden now, its group).  0, or -1 when
 * memory runs out (the comparison then closes). */
static int relayout(bl_app *a)
{
    long row, group;
    anchor_of(a, &row, &group);
    int at_start = a->cmp.top == 0;
    unsigned flags = (a->layout_flags & BL_LAYOUT_ASCII ? BL_CMP_ASCII : 0) |
        (a->cmp.diff_only ? BL_CMP_DIFF_ONLY : 0);
    bl_cmp_text *t = bl_compare_text(a->cmp.cmp, a->cmp.width, flags);
    if (!t)
        return -1;
    bl_compare_text_free(a->cmp.text);
    a->cmp.text = t;
    a->cmp.top = 0;
    size_t at = 0, at_group = 0;
    int found = 0, found_group = 0;
    for (size_t i = t->header_lines; i < t->n_lines && !found; i++) {
        if (row >= 0 && t->lines[i].row >= row) {
            at = i;
            found = 1;
        } else if (!found_group && group >= 0 && t->lines[i].group >= group) {
            at_group = i;
            found_group = 1;
        }
    }
    if (!found && found_group)
        at = at_group, found = 1;
    if (found && !at_start) {
        /* the group's heading, when the row is the group's first */
        while (at > t->header_lines && t->lines[at - 1].group == t->lines[at].group &&
               t->lines[at - 1].style == BL_CMP_LINE_HEADING)
            at--;
        a->cmp.top = at - t->header_lines;
    }
    clamp_top(a);
    return 0;
}

static void close_compare(bl_app *a)
{
    bl_compare_text_free(a->cmp.text);
    bl_compare_free(a->cmp.cmp);
    a->cmp.text = NULL;
    a->cmp.cmp = NULL;
    a->cmp.open = 0;
    a->cmp.top = 0;
}

/* "C compares (2 of 3): A Interpol officer, B Europol analyst": each role
 * with its letter, the menu's mark for it and its column in the
 * comparison; the first time, what the mark is. */
static void say_set(bl_app *a, const char *head)
{
    char buf[sizeof a->status.text];
    int o = snprintf(buf, sizeof buf, "%s (%zu of %d):", head, a->cmp.n, BL_CMP_MAX_ROLES);
    for (size_t i = 0; i < a->cmp.n && o > 0 && (size_t)o < sizeof buf; i++)
        o += snprintf(buf + o, sizeof buf - (size_t)o, "%s %c %s", i ? "," : "", 'A' + (int)i,
                      a->g->entries[a->cmp.set[i]].title);
    if (a->cmp.n == 1 && o > 0 && (size_t)o < sizeof buf)
        snprintf(buf + o, sizeof buf - (size_t)o, " (marked A in the menu)");
    say(a, BL_STATUS_INFO, buf);
}

/* The role c and C are about: the shortlist's row while it is shown, else
 * the selected entry; -1 when none. */
static long subject(const bl_app *a)
{
    if (a->g->n_entries == 0)
        return -1;
    if (a->shelf_open)
        return bl_app_shelf_entry(a, a->shelf_sel);
    if (!bl_app_entry_shown(a))
        return -1;
    return (long)a->sel;
}

/* The hint bar's label for C: how many roles are in the set. */
static void set_label(bl_app *a)
{
    snprintf(a->cmp.label, sizeof a->cmp.label, "Compare %zu", a->cmp.n);
}

static unsigned toggle(bl_app *a)
{
    long e = subject(a);
    if (e < 0 || a->g->entries[e].kind != BL_ENTRY_ROLE) {
        say(a, BL_STATUS_INFO, "Only roles can be compared; select a role and press c");
        return BL_APP_REDRAW;
    }
    for (size_t i = 0; i < a->cmp.n; i++) {
        if (a->cmp.set[i] != (size_t)e)
            continue;
        memmove(&a->cmp.set[i], &a->cmp.set[i + 1], (a->cmp.n - i - 1) * sizeof a->cmp.set[0]);
        a->cmp.n--;
        set_label(a);
        if (a->cmp.n == 0)
            say(a, BL_STATUS_INFO, "Nothing to compare now: c adds the selected role");
        else
            say_set(a, "Removed; compare");
        return BL_APP_REDRAW;
    }
    if (a->cmp.n == BL_CMP_MAX_ROLES) {
        say(a, BL_STATUS_INFO,
            "Three roles are the most to compare: c on one of them removes it first");
        return BL_APP_REDRAW | BL_APP_BEEP;
    }
    a->cmp.set[a->cmp.n++] = (size_t)e;
    set_label(a);
    say_set(a, a->cmp.n >= BL_CMP_MIN_ROLES ? "C compares" : "Compare");
    return BL_APP_REDRAW;
}

static unsigned open_compare(bl_app *a)
{
    if (a->cmp.n < BL_CMP_MIN_ROLES) {
        say(a, BL_STATUS_INFO,
            a->cmp.n == 0 ? "To compare, press c on two or three roles, then C"
                          : "One role chosen: press c on another role, then C");
        return BL_APP_REDRAW;
    }
    const bl_entry *roles[BL_CMP_MAX_ROLES];
    for (size_t i = 0; i < a->cmp.n; i++)
        roles[i] = &a->g->entries[a->cmp.set[i]];
    bl_compare *c = bl_compare_build(a->g, roles, a->cmp.n);
    if (!c) {
        say(a, BL_STATUS_ERROR, "Out of memory: cannot compare");
        return BL_APP_REDRAW | BL_APP_BEEP;
    }
    close_compare(a);
    a->cmp.cmp = c;
    a->cmp.open = 1;
    if (relayout(a) != 0) {
        close_compare(a);
        say(a, BL_STATUS_ERROR, "Out of memory: cannot compare");
        return BL_APP_REDRAW | BL_APP_BEEP;
    }
    return BL_APP_REDRAW;
}

static unsigned scroll(bl_app *a, long delta)
{
    size_t max = bl_app_compare_max_top(a), top = a->cmp.top;
    if (delta < 0)
        top = (size_t)-delta > top ? 0 : top - (size_t)-delta;
    else
        top = (size_t)delta > max - top ? max : top + (size_t)delta;
    if (top == a->cmp.top)
        return 0;
    a->cmp.top = top;
    return BL_APP_REDRAW;
}

static unsigned open_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg)
{
    long rows = (long)body_rows(a);
    long pg = arg && arg->n > 0 ? arg->n : rows;
    pg = pg > 2 ? pg - 1 : 1;
    switch (act) {
    case BL_ACT_UP:
        return scroll(a, -1);
    case BL_ACT_DOWN:
        return scroll(a, 1);
    case BL_ACT_PAGE_UP:
        return scroll(a, -pg);
    case BL_ACT_PAGE_DOWN:
        return scroll(a, pg);
    case BL_ACT_HOME:
        return scroll(a, -(long)a->cmp.top - 1);
    case BL_ACT_END:
        return scroll(a, (long)bl_app_compare_max_top(a) + 1);
    case BL_ACT_SCROLL:
        return arg ? scroll(a, arg->n) : 0;
    case BL_ACT_COMPARE_DIFF:
        a->cmp.diff_only = !a->cmp.diff_only;
        if (relayout(a) != 0) {
            close_compare(a);
            say(a, BL_STATUS_ERROR, "Out of memory: the comparison closed");
            return BL_APP_REDRAW | BL_APP_BEEP;
        }
        say(a, BL_STATUS_INFO,
            a->cmp.diff_only ? "Differences only: d shows every row again" : "Every row shown");
        return BL_APP_REDRAW;
    case BL_ACT_COMPARE_CLOSE:
    case BL_ACT_CLOSE:
    case BL_ACT_END_SEARCH:
    case BL_ACT_COMPARE:
        close_compare(a);
        return BL_APP_REDRAW | BL_APP_ENTRY;
    default:
        return 0;
    }
}

unsigned bl_app_compare_apply(bl_app *a, enum bl_action act, const struct bl_app_arg *arg,
                              int *handled)
{
    *handled = 1;
    if (a->cmp.open)
        return open_apply(a, act, arg);
    switch (act) {
    case BL_ACT_COMPARE_TOGGLE:
        return toggle(a);
    case BL_ACT_COMPARE:
        return open_compare(a);
    default:
        *handled = 0;
        return 0;
    }
}

void bl_app_compare_resize(bl_app *a, int width, int rows)
{
    int w = width < 1 ? 1 : width, h = rows < 1 ? 1 : rows;
    int changed = w != a->cmp.width;
    a->cmp.width = w;
    a->cmp.rows = h;
    if (a->cmp.open && changed && relayout(a) != 0) {
        close_compare(a);
        say(a, BL_STATUS_ERROR, "Out of memory: the comparison closed");
    }
    clamp_top(a);
}

/* The session keeps the set by id (session.h), in the order added. */
_Static_assert(BL_CMP_MAX_ROLES <= BL_SESSION_COMPARE_MAX, "the session holds the compare set");

void bl_app_compare_session(const bl_app *a, bl_session *s)
{
    s->n_compare = 0;
    for (size_t i = 0; i < a->cmp.n; i++)
        snprintf(s->compare[s->n_compare++], sizeof s->compare[0], "%s",
                 a->g->entries[a->cmp.set[i]].id);
}

int bl_app_compare_restore(bl_app *a, const bl_session *s)
{
    close_compare(a);
    a->cmp.n = 0;
    for (size_t i = 0; i < s->n_compare && a->cmp.n < BL_CMP_MAX_ROLES; i++) {
        const bl_entry *e = bl_guide_find(a->g, s->compare[i]);
        if (!e || e->kind != BL_ENTRY_ROLE)
            continue;
        size_t k = bl_guide_index(a->g, e);
        if (!bl_app_compare_has(a, k))
            a->cmp.set[a->cmp.n++] = k;
    }
    set_label(a);
    return a->cmp.n > 0;
}

void bl_app_compare_done(bl_app *a)
{
    close_compare(a);
    a->cmp.n = 0;
}

const char *bl_app_compare_bar_label(const bl_app *a, enum bl_action act)
{
    switch (act) {
    case BL_ACT_HELP:
        return bl_action_info(act)->bar;
    case BL_ACT_COMPARE_DIFF:
        return a->cmp.open ? (a->cmp.diff_only ? "All rows" : "Diffs") : NULL;
    case BL_ACT_COMPARE_CLOSE:
        return a->cmp.open ? bl_action_info(act)->bar : NULL;
    case BL_ACT_COMPARE:
        return !a->cmp.open && a->cmp.n ? a->cmp.label : NULL;
    default:
        return NULL;
    }
}
