#include "borderless/marks.h"

const char *bl_marks_source(const bl_entry *e, const bl_line *ln)
{
    if (ln->style == BL_LINE_TITLE)
        return ln->part == BL_PART_TITLE ? e->title : NULL;
    if (ln->style != BL_LINE_TEXT && ln->style != BL_LINE_ITEM)
        return NULL;
    if (ln->part < 0 || ln->part >= BL_FIELD_COUNT)
        return NULL;
    const bl_field_value *fv = bl_entry_get(e, (enum bl_field)ln->part);
    if (!fv)
        return NULL;
    if (bl_field_info(fv->field)->kind == BL_KIND_TEXT)
        return ln->style == BL_LINE_TEXT ? fv->text : NULL;
    return ln->style == BL_LINE_ITEM && ln->item < fv->n_items ? fv->items[ln->item] : NULL;
}

int bl_marks_on_line(const bl_entry *e, const bl_line *ln, const bl_search_match *m, int *col,
                     int *cols)
{
    if (m->part != ln->part)
        return 0;
    const char *src = bl_marks_source(e, ln);
    if (!src)
        return 0;
    /* A list match names its item; a text match spans the whole text,
     * whatever paragraph the line belongs to. */
    if (ln->style == BL_LINE_ITEM && m->item != ln->item)
        return 0;
    size_t s = m->start > ln->src_start ? m->start : ln->src_start;
    size_t end = m->end < ln->src_end ? m->end : ln->src_end;
    if (s >= end)
        return 0;
    *col = ln->indent + bl_text_width(src + ln->src_start, s - ln->src_start);
    *cols = bl_text_width(src + s, end - s);
    return 1;
}

long bl_marks_line_of(const bl_layout *l, const bl_entry *e, const bl_search_match *m)
{
    int c, w;
    for (size_t i = 0; l && i < l->n_lines; i++)
        if (bl_marks_on_line(e, &l->lines[i], m, &c, &w))
            return (long)i;
    return -1;
}
