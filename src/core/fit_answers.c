/* fit_answers.c — reading and writing answers files (see fit.h). */
#include "borderless/fit.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LINE 4096 /* bytes in one line of an answers file */

struct reader {
    const char *path;
    bl_diags *diags;
    size_t line;
    const char *line_start;
    int errors;
};

/* Display column (1-based, counting UTF-8 characters) of p in the line. */
static size_t column_of(const struct reader *r, const char *p)
{
    size_t col = 1;
    for (const char *q = r->line_start; q < p; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return col;
}

static void complain(struct reader *r, const char *at, const char *fmt, ...) BL_PRINTF(3, 4);

static void complain(struct reader *r, const char *at, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->errors++;
    bl_diags_add(r->diags, r->path, r->line, at ? column_of(r, at) : 0, "%s", msg);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims blanks from both ends of [*s, *e). */
static void trim(const char **s, const char **e)
{
    while (*s < *e && is_blank(**s))
        (*s)++;
    while (*e > *s && is_blank((*e)[-1]))
        (*e)--;
}

static int equals(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

/* Sanitised copy of a value for a message: at most 60 bytes, printable ASCII
 * or UTF-8, control characters as '?'. */
static void quote(char *out, size_t size, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < size && i < 60; i++) {
        unsigned char c = (unsigned char)s[i];
        out[o++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (n > 60 && o + 4 < size) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* A choice of a situation or citizenship question: number, id or label. */
static int find_choice(const bl_fit_question *q, const char *s, size_t n)
{
    if (n == 1 && s[0] >= '0' && s[0] <= '9' && (size_t)(s[0] - '0') < q->n_choices)
        return s[0] - '0';
    if (n == 2 && s[0] == '1' && s[1] >= '0' && s[1] <= '9' &&
        (size_t)(10 + s[1] - '0') < q->n_choices)
        return 10 + s[1] - '0';
    for (size_t i = 0; i < q->n_choices; i++)
        if (equals(s, n, q->choices[i].id) || equals(s, n, q->choices[i].label))
            return (int)i;
    return -1;
}

static int find_area(const bl_guide *g, const char *s, size_t n)
{
    for (size_t i = 0; i < g->n_crime_areas; i++)
        if (equals(s, n, g->crime_areas[i].id) || equals(s, n, g->crime_areas[i].label))
            return (int)i;
    return -1;
}

/* Question keys: the dimensions, then these. */
enum { KEY_AREAS = BL_FIT_COUNT, KEY_SITUATION, KEY_CITIZENSHIP, N_KEYS };

static const char *key_name(int k)
{
    if (k < BL_FIT_COUNT)
        return bl_fit_info((enum bl_fit_dim)k)->key;
    return k == KEY_AREAS    ? BL_FIT_KEY_AREAS
        : k == KEY_SITUATION ? BL_FIT_KEY_SITUATION
                             : BL_FIT_KEY_CITIZENSHIP;
}

static void parse_level(struct reader *r, const bl_guide *g, bl_fit_answers *a, int d,
                        const char *v, size_t n, int important)
{
    int level = -2;
    if (equals(v, n, "none"))
        level = BL_FIT_NONE;
    else if (n == 1 && v[0] >= '0' && v[0] <= '0' + BL_FIT_MAX_LEVEL)
        level = v[0] - '0';
    else
        for (int i = 0; i < BL_FIT_ANSWERS && level == -2; i++)
            if (equals(v, n, bl_fit_answer_label(g, (enum bl_fit_dim)d, i)))
                level = i;
    if (level == -2) {
        char q[256], opts[1024] = "";
        quote(q, sizeof q, v, n);
        size_t o = 0;
        for (int i = 0; i < BL_FIT_ANSWERS && o < sizeof opts; i++)
            o += (size_t)snprintf(opts + o, sizeof opts - o, "%s%d (%s)", i ? ", " : "", i,
                                  bl_fit_answer_label(g, (enum bl_fit_dim)d, i));
        complain(r, v, "\"%s\" is not an answer to \"%s\": give one of %s, or none", q, key_name(d),
                 opts);
        return;
    }
    a->level[d] = level;
    a->important[d] = (unsigned char)(important && level != BL_FIT_NONE);
}

static void parse_areas(struct reader *r, const bl_guide *g, bl_fit_answers *a, const char *v,
                        size_t n, int important)
{
    bl_fit_answers b = *a;
    b.n_areas = 0;
    b.areas_important = (unsigned char)important;
    if (equals(v, n, "none")) {
        b.areas_important = 0;
        *a = b;
        return;
    }
    int ok = 1;
    const char *end = v + n;
    for (const char *p = v; p <= end;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *s = p, *e = comma ? comma : end;
        trim(&s, &e);
        if (s == e) {
            complain(r, s, "an empty crime area in the list: separate areas with one comma");
            ok = 0;
        } else {
            int i = find_area(g, s, (size_t)(e - s));
            if (i < 0) {
                char q[256];
                quote(q, sizeof q, s, (size_t)(e - s));
                complain(r, s, "\"%s\" is not a crime area (see 'borderless fit --questions')", q);
                ok = 0;
            } else if (bl_fit_answers_pick(&b, g, (size_t)i, 1) < 0 &&
                       b.n_areas == BL_FIT_MAX_PICKS) {
                complain(r, s, "more than %d crime areas", BL_FIT_MAX_PICKS);
                ok = 0;
            }
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    if (ok)
        *a = b;
}

static void parse_choice(struct reader *r, const bl_guide *g, bl_fit_answers *a, int k,
                         const char *v, size_t n, const char *bang)
{
    enum bl_fitq_kind kind = k == KEY_SITUATION ? BL_FITQ_SITUATION : BL_FITQ_CITIZENSHIP;
    const bl_fit_question *q = bl_fit_question_of(g, kind, BL_FIT_DESK_FIELD);
    int *slot = k == KEY_SITUATION ? &a->situation : &a->citizenship;
    if (bang) {
        complain(r, bang, "\"%s\" cannot be important: it does not change the ranking",
                 key_name(k));
        return;
    }
    if (equals(v, n, "none")) {
        *slot = BL_FIT_NONE;
        return;
    }
    int i = q ? find_choice(q, v, n) : -1;
    if (i < 0) {
        char qv[256], opts[1024] = "";
        quote(qv, sizeof qv, v, n);
        size_t o = 0;
        for (size_t c = 0; q && c < q->n_choices && o < sizeof opts; c++)
            o += (size_t)snprintf(opts + o, sizeof opts - o, "%s%s", c ? ", " : "",
                                  q->choices[c].id);
        complain(r, v, "\"%s\" is not an answer to \"%s\": give one of %s, or none", qv,
                 key_name(k), q ? opts : "(this guide has no such question)");
        return;
    }
    *slot = i;
}

static void parse_line(struct reader *r, const bl_guide *g, bl_fit_answers *a, const char *s,
                       const char *e, size_t *seen)
{
    trim(&s, &e);
    if (s == e || *s == '#')
        return;
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) {
        complain(r, s, "expected KEY=VALUE (see 'borderless fit --questions' for the keys)");
        return;
    }
    const char *ks = s, *ke = eq, *vs = eq + 1, *ve = e;
    const char *bang = NULL;
    trim(&ks, &ke);
    if (ke > ks && ke[-1] == '!') {
        bang = ke - 1;
        ke--;
        trim(&ks, &ke);
    }
    trim(&vs, &ve);
    if (ve > vs && ve[-1] == '!') {
        bang = ve - 1;
        ve--;
        trim(&vs, &ve);
    }
    int k;
    for (k = 0; k < N_KEYS && !equals(ks, (size_t)(ke - ks), key_name(k)); k++)
        ;
    if (k == N_KEYS || (k >= KEY_AREAS && g->n_fit_questions == 0 && k != KEY_AREAS)) {
        char q[256];
        quote(q, sizeof q, ks, (size_t)(ke - ks));
        complain(r, ks, "unknown question \"%s\" (see 'borderless fit --questions')", q);
        return;
    }
    if (seen[k]) {
        complain(r, ks, "\"%s\" is answered twice (first at line %zu)", key_name(k), seen[k]);
        return;
    }
    seen[k] = r->line;
    if (vs == ve) {
        complain(r, vs, "\"%s\" has no answer: give one, or none for no preference", key_name(k));
        return;
    }
    size_t n = (size_t)(ve - vs);
    if (k < BL_FIT_COUNT)
        parse_level(r, g, a, k, vs, n, bang != NULL);
    else if (k == KEY_AREAS)
        parse_areas(r, g, a, vs, n, bang != NULL);
    else
        parse_choice(r, g, a, k, vs, n, bang);
}

int bl_fit_answers_parse(const bl_guide *g, const char *path, const char *buf, size_t len,
                         bl_fit_answers *a, bl_diags *diags)
{
    struct reader r = {.path = path, .diags = diags};
    size_t seen[N_KEYS] = {0};
    const char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        r.line++;
        r.line_start = p;
        if (e > p && e[-1] == '\r')
            e--;
        if ((size_t)(e - p) > MAX_LINE) {
            complain(&r, NULL, "line longer than %d bytes", MAX_LINE);
        } else if (memchr(p, '\0', (size_t)(e - p))) {
            complain(&r, memchr(p, '\0', (size_t)(e - p)), "a NUL byte in the line");
        } else {
            parse_line(&r, g, a, p, e, seen);
        }
        p = nl ? nl + 1 : end;
    }
    return r.errors ? -1 : 0;
}

/* ---- writing ------------------------------------------------------------ */

struct out {
    char *p;
    size_t len, cap;
    int failed;
};

static void put(struct out *o, const char *fmt, ...) BL_PRINTF(2, 3);

static void put(struct out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        o->failed = 1;
        return;
    }
    if (o->len + (size_t)n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 1024;
        while (o->len + (size_t)n + 1 > cap)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    o->len += (size_t)n;
}

static void put_key(struct out *o, const bl_guide *g, const bl_fit_answers *a, int k)
{
    if (k < BL_FIT_COUNT) {
        int lv = a->level[k];
        put(o, "# %s: %s\n", bl_fit_info((enum bl_fit_dim)k)->label,
            bl_fit_answer_label(g, (enum bl_fit_dim)k, lv));
        if (lv < 0)
            put(o, "%s=none\n", key_name(k));
        else
            put(o, "%s=%d%s\n", key_name(k), lv, a->important[k] ? "!" : "");
    } else if (k == KEY_AREAS) {
        put(o, "%s=", key_name(k));
        for (size_t i = 0; i < a->n_areas; i++)
            put(o, "%s%s", i ? "," : "", g->crime_areas[a->areas[i]].id);
        put(o, "%s%s\n", a->n_areas ? "" : "none", a->n_areas && a->areas_important ? "!" : "");
    } else {
        enum bl_fitq_kind kind = k == KEY_SITUATION ? BL_FITQ_SITUATION : BL_FITQ_CITIZENSHIP;
        const bl_fit_question *q = bl_fit_question_of(g, kind, BL_FIT_DESK_FIELD);
        int c = k == KEY_SITUATION ? a->situation : a->citizenship;
        if (!q)
            return;
        put(o, "%s=%s\n", key_name(k),
            c >= 0 && (size_t)c < q->n_choices ? q->choices[c].id : "none");
    }
}

int bl_fit_answers_format(const bl_guide *g, const bl_fit_answers *a, const char *header,
                          char **out, size_t *out_len)
{
    struct out o = {0};
    if (header)
        put(&o, "%s\n", header);
    int done[N_KEYS] = {0};
    for (size_t i = 0; i < g->n_fit_questions; i++) {
        const bl_fit_question *q = &g->fit_questions[i];
        int k = q->kind == BL_FITQ_LEVEL   ? (int)q->dim
            : q->kind == BL_FITQ_AREAS     ? KEY_AREAS
            : q->kind == BL_FITQ_SITUATION ? KEY_SITUATION
                                           : KEY_CITIZENSHIP;
        put_key(&o, g, a, k);
        done[k] = 1;
    }
    for (int k = 0; k <= KEY_AREAS; k++)
        if (!done[k])
            put_key(&o, g, a, k);
    if (!o.failed && !o.p)
        put(&o, "%s", "");
    if (o.failed) {
        free(o.p);
        return -ENOMEM;
    }
    *out = o.p;
    *out_len = o.len;
    return 0;
}
