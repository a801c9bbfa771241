/* marks.h — where search matches show in a laid-out entry.  Pure.
 *
 * A match (search.h) is a byte range of one source string of an entry; a
 * line of a layout (layout.h) shows a byte range of one source string after
 * its indent.  These functions join the two: which lines show a match, and
 * in which columns, so a view can highlight it and scroll to it.  A match
 * in a part that is not laid out (keywords) shows on no line.
 */
#ifndef BORDERLESS_MARKS_H
#define BORDERLESS_MARKS_H

#include "borderless/layout.h"
#include "borderless/model.h"
#include "borderless/search.h"

/* The source string line ln of e's layout shows (e->title, a text field,
 * a list item), or NULL for decoration (headings, links, sources). */
const char *bl_marks_source(const bl_entry *e, const bl_line *ln);

/* 1 when ln shows some of match m, with the columns it covers in ln->text
 * (from the line's start, the indent included) in *col and *cols; else 0. */
int bl_marks_on_line(const bl_entry *e, const bl_line *ln, const bl_search_match *m, int *col,
                     int *cols);

/* The first line of l (a layout of e) that shows match m, or -1. */
long bl_marks_line_of(const bl_layout *l, const bl_entry *e, const bl_search_match *m);

#endif
