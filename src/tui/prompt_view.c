#include "prompt.h"

#include "borderless/layout.h"
#include "borderless/lineedit.h"
#include "draw.h"

#include <stdlib.h>
#include <string.h>

struct prompt_view {
    struct view v;
    int purpose;
    int question;
    char *label;   /* a line's label, or a question's head */
    char *subject; /* a question's subject */
    char *tail;    /* a question's tail */
    bl_lineedit le;
    int cursor_x;  /* where the last draw left the cursor */
};

static const struct view_ops line_ops, question_ops;

static struct rect prompt_place(struct view *v, struct rect body, struct rect bar)
{
    (void)v;
    (void)body;
    return bar;
}

/* The label takes at most half the line: the text needs the room. */
static int label_cols(const struct prompt_view *p, int width)
{
    int lw = bl_text_width(p->label, strlen(p->label));
    return lw > width / 2 ? width / 2 : lw;
}

/* Clears the prompt's line and starts it in the prompt's colours. */
static void begin_line(struct view *v)
{
    werase(v->win);
    wmove(v->win, 0, 0);
    wattrset(v->win, v->term->attr[TH_PROMPT]);
}

static void line_draw(struct view *v)
{
    struct prompt_view *p = (struct prompt_view *)v;
    WINDOW *w = v->win;
    int width = getmaxx(w);
    int ascii = v->term->ascii;
    begin_line(v);
    int lw = draw_str(w, p->label, label_cols(p, width), ascii);
    wattrset(w, v->term->attr[TH_NORMAL]);
    size_t start, end;
    int cx;
    bl_lineedit_view(&p->le, width - lw, &start, &end, &cx);
    draw_text(w, bl_lineedit_text(&p->le) + start, end - start, width - lw, ascii);
    wattrset(w, A_NORMAL);
    p->cursor_x = lw + cx < width ? lw + cx : width - 1;
}

static void question_draw(struct view *v)
{
    struct prompt_view *p = (struct prompt_view *)v;
    WINDOW *w = v->win;
    int width = getmaxx(w);
    int ascii = v->term->ascii;
    begin_line(v);
    int tw = bl_text_width(p->tail, strlen(p->tail));
    int used = draw_str(w, p->label, width - tw, ascii);
    int room = width - used - tw;
    used += draw_text_tail(w, p->subject, strlen(p->subject), room > 0 ? room : 0, ascii);
    used += draw_str(w, p->tail, width - used, ascii);
    wattrset(w, A_NORMAL);
    p->cursor_x = used < width ? used : width - 1;
}

static int printable(const struct prompt_view *p, int key)
{
    if (key < 0x20 || key == 0x7F || (key & KM_FN(0)) != 0)
        return 0;
    /* A non-UTF-8 terminal sends its own encoding: only ASCII is sure. */
    return p->v.term->ascii ? key < 0x7F : 1;
}

static struct view_result line_key(struct view *v, enum bl_action a, const struct view_event *ev)
{
    struct prompt_view *p = (struct prompt_view *)v;
    if (ev->key == KM_FN(KEY_MOUSE))
        return (struct view_result){VIEW_HANDLED, NULL};
    unsigned r = 0;
    if (ev->key == KM_PASTE) {
        /* Text, never keys: line breaks become spaces. */
        r = bl_lineedit_paste(&p->le, ev->text ? ev->text : "", ev->text_len);
        if (r & BL_LE_CUT)
            beep();
    } else if (printable(p, ev->key)) {
        r = bl_lineedit_insert_cp(&p->le, (uint32_t)ev->key);
        if (!r)
            beep();
    } else {
        switch (a) {
        case BL_ACT_ACCEPT:
            return (struct view_result){VIEW_HANDLED | VIEW_ACCEPT, NULL};
        case BL_ACT_CANCEL:
            return (struct view_result){VIEW_HANDLED | VIEW_CANCEL, NULL};
        case BL_ACT_EDIT_LEFT: r = bl_lineedit_apply(&p->le, BL_LE_LEFT); break;
        case BL_ACT_EDIT_RIGHT: r = bl_lineedit_apply(&p->le, BL_LE_RIGHT); break;
        case BL_ACT_EDIT_HOME: r = bl_lineedit_apply(&p->le, BL_LE_HOME); break;
        case BL_ACT_EDIT_END: r = bl_lineedit_apply(&p->le, BL_LE_END); break;
        case BL_ACT_EDIT_BACKSPACE: r = bl_lineedit_apply(&p->le, BL_LE_BACKSPACE); break;
        case BL_ACT_EDIT_DELETE: r = bl_lineedit_apply(&p->le, BL_LE_DELETE); break;
        case BL_ACT_EDIT_KILL_START: r = bl_lineedit_apply(&p->le, BL_LE_KILL_START); break;
        case BL_ACT_EDIT_KILL_END: r = bl_lineedit_apply(&p->le, BL_LE_KILL_END); break;
        case BL_ACT_EDIT_KILL_WORD: r = bl_lineedit_apply(&p->le, BL_LE_KILL_WORD); break;
        case BL_ACT_UP:
        case BL_ACT_DOWN:
        case BL_ACT_PAGE_UP:
        case BL_ACT_PAGE_DOWN:
        case BL_ACT_HELP:
        case BL_ACT_QUIT:
        case BL_ACT_REDRAW:
            return (struct view_result){0, NULL}; /* the screen's */
        default:
            return (struct view_result){VIEW_HANDLED, NULL};
        }
    }
    unsigned f = VIEW_HANDLED;
    if (r & BL_LE_CHANGED)
        f |= VIEW_EDITED | VIEW_REDRAW;
    if (r & BL_LE_MOVED)
        f |= VIEW_REDRAW;
    return (struct view_result){f, NULL};
}

static struct view_result question_key(struct view *v, enum bl_action a,
                                       const struct view_event *ev)
{
    (void)v;
    if (ev->key == KM_FN(KEY_MOUSE) || ev->key == KM_PASTE)
        return (struct view_result){VIEW_HANDLED, NULL}; /* a paste is no answer */
    return (struct view_result){VIEW_HANDLED | (a == BL_ACT_YES ? VIEW_ACCEPT : VIEW_CANCEL),
                                NULL};
}

static void prompt_cursor(struct view *v, int *y, int *x)
{
    struct prompt_view *p = (struct prompt_view *)v;
    *y = 0;
    *x = p->cursor_x;
}

static void prompt_destroy(struct view *v)
{
    struct prompt_view *p = (struct prompt_view *)v;
    free(p->label);
    free(p->subject);
    free(p->tail);
    bl_lineedit_done(&p->le);
}

static const struct view_ops line_ops = {
    .name = "prompt",
    .keys = KM_PROMPT,
    .draw = line_draw,
    .key = line_key,
    .place = prompt_place,
    .cursor = prompt_cursor,
    .destroy = prompt_destroy,
};

static const struct view_ops question_ops = {
    .name = "question",
    .keys = KM_QUESTION,
    .draw = question_draw,
    .key = question_key,
    .place = prompt_place,
    .cursor = prompt_cursor,
    .destroy = prompt_destroy,
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static struct prompt_view *make(const struct term *t, const struct view_ops *ops, int purpose,
                                const char *label, const char *subject, const char *tail,
                                const char *text)
{
    struct prompt_view *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->v.ops = ops;
    p->v.term = t;
    p->purpose = purpose;
    p->label = dup_str(label);
    p->subject = dup_str(subject);
    p->tail = dup_str(tail);
    int le_ok = bl_lineedit_init(&p->le, text) == 0;
    if (!p->label || !p->subject || !p->tail || !le_ok) {
        prompt_destroy(&p->v);
        free(p);
        return NULL;
    }
    return p;
}

struct view *prompt_line_new(const struct term *t, int purpose, const char *label,
                             const char *text)
{
    struct prompt_view *p = make(t, &line_ops, purpose, label, "", "", text);
    return p ? &p->v : NULL;
}

struct view *prompt_question_new(const struct term *t, int purpose, const char *head,
                                 const char *subject, const char *tail)
{
    struct prompt_view *p = make(t, &question_ops, purpose, head, subject, tail, "");
    return p ? &p->v : NULL;
}

int prompt_is(const struct view *v)
{
    return v && (v->ops == &line_ops || v->ops == &question_ops);
}

int prompt_purpose(const struct view *v)
{
    return prompt_is(v) ? ((const struct prompt_view *)v)->purpose : -1;
}

const char *prompt_text(const struct view *v)
{
    return prompt_is(v) ? bl_lineedit_text(&((const struct prompt_view *)v)->le) : "";
}
