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

/* Text room a hint leaves at least; else the hint is not shown. */
#define PROMPT_MIN_ROOM 20

static int line_draw(WINDOW *w, const struct term *t, const bl_prompt *p, int width)
{
    const char *label = p->kind->label;
    int lw = draw_str(w, label, label_cols(label, getmaxx(w)), t->ascii);
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

/* "Tab" then " Suggestion " in the hint bar's colours, from column x. */
static void hint_draw(WINDOW *w, const struct term *t, int x, const char *key, const char *label)
{
    int width = getmaxx(w);
    wmove(w, 0, x);
    wattrset(w, t->attr[TH_BAR_KEY]);
    draw_str(w, key, width - x, t->ascii);
    wattrset(w, t->attr[TH_BAR_LABEL]);
    waddch(w, ' ');
    draw_str(w, label, width - getcurx(w), t->ascii);
    if (getcurx(w) < width - 1)
        waddch(w, ' ');
}

int prompt_draw(WINDOW *w, const struct term *t, const bl_prompt *p, const char *key,
                const char *label)
{
    werase(w);
    wmove(w, 0, 0);
    wattrset(w, t->attr[TH_PROMPT]);
    int width = getmaxx(w), x;
    int hint = key && label
        ? bl_text_width(key, strlen(key)) + bl_text_width(label, strlen(label)) + 2
        : 0;
    if (p->kind->question) {
        x = question_draw(w, t, p);
    } else {
        int lw = label_cols(p->kind->label, width);
        if (hint && width - lw - hint - 1 < PROMPT_MIN_ROOM)
            hint = 0;
        x = line_draw(w, t, p, width - (hint ? hint + 1 : 0));
        if (hint)
            hint_draw(w, t, width - hint, key, label);
    }
    wattrset(w, A_NORMAL);
    return x;
}
