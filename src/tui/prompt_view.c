#include "prompt.h"

#include "borderless/layout.h"
#include "borderless/lineedit.h"
#include "draw.h"

#include <string.h>

/* The label takes at most half the line: the text needs the room. */
static int label_cols(const char *label, int width)
{
    int lw = bl_text_width(label, strlen(label));
    return lw > width / 2 ? width / 2 : lw;
}

static int line_draw(WINDOW *w, const struct term *t, const bl_prompt *p)
{
    int width = getmaxx(w);
    const char *label = p->kind->label;
    int lw = draw_str(w, label, label_cols(label, width), t->ascii);
    wattrset(w, t->attr[TH_NORMAL]);
    size_t start, end;
    int cx;
    bl_lineedit_view(p->edit, width - lw, &start, &end, &cx);
    draw_text(w, bl_lineedit_text(p->edit) + start, end - start, width - lw, t->ascii);
    return lw + cx < width ? lw + cx : width - 1;
}

static int question_draw(WINDOW *w, const struct term *t, const bl_prompt *p)
{
    int width = getmaxx(w);
    const char *tail = p->tail ? p->tail : "";
    int tw = bl_text_width(tail, strlen(tail));
    int used = draw_str(w, p->kind->label, width - tw, t->ascii);
    int room = width - used - tw;
    used += draw_text_tail(w, p->subject, strlen(p->subject), room > 0 ? room : 0, t->ascii);
    used += draw_str(w, tail, width - used, t->ascii);
    return used < width ? used : width - 1;
}

int prompt_draw(WINDOW *w, const struct term *t, const bl_prompt *p)
{
    werase(w);
    wmove(w, 0, 0);
    wattrset(w, t->attr[TH_PROMPT]);
    int x = p->kind->question ? question_draw(w, t, p) : line_draw(w, t, p);
    wattrset(w, A_NORMAL);
    return x;
}
