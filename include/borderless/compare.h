/* compare.h — two or three roles side by side: a plain data structure of
 * aligned rows, and renderers for text and Markdown.  Pure: no curses, no
 * I/O except writing to a FILE given.
 *
 * The structure (bl_compare) is built once from the guide and owns copies
 * of nothing it can borrow: its strings point into the guide (which must
 * outlive it) or into its own arena.  A renderer of another format (HTML)
 * walks it like this:
 *
 *     bl_compare *c = bl_compare_build(g, roles, 2);   // or _build_ids
 *     for (size_t gi = 0; gi < c->n_groups; gi++) {
 *         const bl_cmp_group *grp = &c->groups[gi];
 *         // heading grp->heading; skip it when differences only and
 *         // grp->n_differ == 0
 *         for (size_t ri = grp->first; ri < grp->first + grp->n_rows; ri++) {
 *             const bl_cmp_row *row = &c->rows[ri];
 *             // row->label, row->differs; then by row->kind:
 *             //  TEXT:  for each role r: row->cells[r].items are paragraphs
 *             //         (n_items 0: the role does not give it, show "—")
 *             //  SET:   row->shared.items once, across all roles (may be
 *             //         empty), then for each role r row->cells[r].items,
 *             //         what only some roles have, as a bulleted list;
 *             //         cells[r].given 0: the role has none of these at all
 *             //  LEVEL: for each role r: cells[r].level (0..BL_FIT_MAX_LEVEL)
 *             //         as a bar (bl_bar), items[0] its reason (may be absent);
 *             //         row->sub is the enum bl_fit_dim (bl_fit_info: ends)
 *         }
 *     }
 *     bl_compare_free(c);
 *
 * Rows follow the role schema's order (model.h, enum bl_field): quick facts
 * (with "also known as"), the work, how people get in, pay and prospects,
 * where they work, the fit profile (one row a dimension), crime areas and
 * related roles, and the review date.  A field no role has gives no row.
 * Every row says whether it differs: TEXT when the values are not all equal
 * (a missing value differs from a given one); SET when some item is not in
 * every role; LEVEL when the levels are not all equal (reasons are
 * explanations, not values: they never make a row differ).  Set items are
 * equal when they are equal ignoring ASCII case; the shared items keep the
 * first role's spelling and order, each role's own items its order, and an
 * item repeated within a role counts once.
 */
#ifndef BORDERLESS_COMPARE_H
#define BORDERLESS_COMPARE_H

#include "borderless/model.h"

#include <stddef.h>
#include <stdio.h>

#define BL_CMP_MIN_ROLES 2
#define BL_CMP_MAX_ROLES 3
/* Side by side only while every role's column gets this many columns. */
#define BL_CMP_MIN_COLUMN 24

enum bl_cmp_kind {
    BL_CMP_TEXT, /* a value per role: paragraphs */
    BL_CMP_SET, /* a list compared as a set: shared items, then each role's own */
    BL_CMP_LEVEL /* a fit dimension: a level per role, and its reason */
};

typedef struct bl_cmp_cell {
    const char *const *items; /* see bl_cmp_kind; NULL when n_items is 0 */
    size_t n_items;
    int given; /* the role has a value for this row at all */
    int level; /* LEVEL rows: 0..BL_FIT_MAX_LEVEL; else -1 */
} bl_cmp_cell;

typedef struct bl_cmp_row {
    enum bl_cmp_kind kind;
    const char *label; /* "Employer", "Languages", "Desk or field" */
    int part; /* the enum bl_field it shows, or BL_PART_REVIEWED */
    size_t sub; /* quick facts: enum bl_fact; LEVEL: enum bl_fit_dim; routes:
                   0 routes, 1 kinds of route, 2 serving officers; else 0 */
    int differs;
    bl_cmp_cell shared; /* SET rows: what every role has; else empty */
    bl_cmp_cell cells[BL_CMP_MAX_ROLES]; /* one per role, [0 .. n_roles) */
} bl_cmp_row;

typedef struct bl_cmp_group {
    const char *heading; /* "Quick facts", "Fit profile" */
    size_t first; /* its rows: rows[first .. first + n_rows) */
    size_t n_rows; /* >= 1: a group without rows is left out */
    size_t n_differ; /* how many of its rows differ */
} bl_cmp_group;

typedef struct bl_compare {
    size_t n_roles; /* 2 or 3 */
    const bl_entry *roles[BL_CMP_MAX_ROLES]; /* borrowed from the guide */
    const bl_cmp_group *groups;
    size_t n_groups;
    const bl_cmp_row *rows;
    size_t n_rows;
    size_t n_differ; /* rows that differ, in all */
    struct bl_arena *arena; /* private: owns the arrays above */
} bl_compare;

/* Compares roles[0 .. n) of g, n in BL_CMP_MIN_ROLES..BL_CMP_MAX_ROLES,
 * each a role (kind BL_ENTRY_ROLE) of g.  The same role twice is allowed
 * (everything is then shared).  NULL when an argument is wrong or memory
 * runs out.  Free with bl_compare_free(); g must outlive it. */
bl_compare *bl_compare_build(const bl_guide *g, const bl_entry *const *roles, size_t n);

/* The same by ids.  When an id names no role, NULL and *bad (may be NULL)
 * gets its index in ids; else *bad is -1 (NULL then means no memory or a
 * wrong n). */
bl_compare *bl_compare_build_ids(const bl_guide *g, const char *const *ids, size_t n, long *bad);

/* NULL is fine. */
void bl_compare_free(bl_compare *c);

/* ---- text ----------------------------------------------------------- */

enum {
    BL_CMP_ASCII = 1, /* ASCII only (a locale that is not UTF-8), same widths */
    BL_CMP_DIFF_ONLY = 2 /* only rows that differ, and their groups' headings */
};

/* The label column's width and, side by side, each role's column width for a
 * total width: side by side (returns 1) when every role column gets at least
 * BL_CMP_MIN_COLUMN columns, else stacked (returns 0).  At 80 columns two
 * roles are side by side and three stacked; at 200 three side by side.
 * label_cols and col_cols may be NULL. */
int bl_compare_side_by_side(size_t n_roles, int width, int *label_cols, int *col_cols);

enum bl_cmp_line_style {
    BL_CMP_LINE_BLANK,
    BL_CMP_LINE_TITLE, /* the roles' titles (header) */
    BL_CMP_LINE_RULE, /* a rule under the header */
    BL_CMP_LINE_HEADING, /* a group's heading */
    BL_CMP_LINE_ROW, /* a line of a row */
    BL_CMP_LINE_NOTE /* "No differences" and the like */
};

typedef struct bl_cmp_line {
    enum bl_cmp_line_style style;
    const char *text; /* display-safe UTF-8 (ASCII with BL_CMP_ASCII), NUL-terminated */
    size_t len;
    int cols; /* display width: <= the width, except a long URL when stacked */
    long row; /* index into bl_compare.rows, or -1 */
    long group; /* index into bl_compare.groups, or -1 */
    int differs; /* a line of a row that differs (its gutter shows the mark) */
} bl_cmp_line;

typedef struct bl_cmp_text {
    int width;
    int side_by_side;
    const bl_cmp_line *lines;
    size_t n_lines;
    size_t header_lines; /* the first lines (titles and rule) a view may pin */
    struct bl_arena *arena; /* private */
} bl_cmp_text;

/* Lays c out for `width` columns (< 20 counts as 20): the roles' titles,
 * then each group's heading and rows.  Side by side (see
 * bl_compare_side_by_side): a gutter of 2 columns ("≠ ", ASCII "* ", on the
 * first line of a row that differs), the label, then a column per role,
 * separated by "│" ("|"); a SET row's shared items span all the role
 * columns under "Both:" / "All three:".  Stacked: the gutter and label on a
 * line, then each role's value under its letter ("A", "B", "C") with a
 * hanging indent.  Text wraps (layout.h's bl_wrap), never truncates; side
 * by side, a URL longer than its column is cut into column-wide pieces so
 * that the columns stay aligned (stacked, it keeps a line of its own, whole,
 * as in bl_wrap).
 * flags: BL_CMP_ASCII, BL_CMP_DIFF_ONLY.  NULL when memory runs out. */
bl_cmp_text *bl_compare_text(const bl_compare *c, int width, unsigned flags);

/* NULL is fine. */
void bl_compare_text_free(bl_cmp_text *t);

/* Writes every line, right-trimmed, each ended by '\n'.  0, or -1 on a
 * write error. */
int bl_compare_text_write(const bl_cmp_text *t, FILE *out);

/* ---- Markdown ------------------------------------------------------- */

/* Renders c as CommonMark into a new malloc'd NUL-terminated buffer (*out,
 * *out_len without the NUL; freed by the caller): a title naming the
 * roles, then for each group a "## Heading" and for each row a "### Label"
 * (with " (differs)" when it differs) and a list: TEXT and LEVEL rows an
 * item a role ("**Title:** value"; a level as "2 of 4 (desk to field):
 * reason"), SET rows the shared items under "Both:" / "All three:", then
 * each role's own under "**Title only:**" (or "**Title:**" when nothing is
 * shared).  Text is
 * display-safe and escaped by bl_summary_md_escape().  flags:
 * BL_CMP_DIFF_ONLY.  0, -EINVAL, or -ENOMEM (nothing allocated then). */
int bl_compare_markdown(const bl_compare *c, unsigned flags, char **out, size_t *out_len);

#endif
