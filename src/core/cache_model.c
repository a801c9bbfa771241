/* cache_model.c — the guide as one position-independent block.
 *
 * One walker serves three passes, so that writing and reading can never
 * disagree about the layout:
 *   MEASURE  follows the guide's pointers and adds up the block's size;
 *   WRITE    copies each object into the block right after its parent and
 *            replaces every pointer in the copy with (offset + 1), 0 = NULL;
 *   LOAD     checks every such offset (in bounds, aligned, count fits) and
 *            turns it back into a pointer, and checks every count, index and
 *            enum against what the code that reads the guide assumes.
 * Objects come first, then every string: a reader copies the objects (to
 * relocate their pointers) and reads the strings where they are mapped.  Strings are
 * copied per reference (no sharing), each NUL-terminated; the block's last
 * byte must be NUL, so an in-bounds string ends in the block.  The root
 * bl_guide is at offset 0.
 */
#include "borderless/arena.h"
#include "borderless/cache.h"
#include "cache_int.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum walk_mode { MEASURE, WRITE, LOAD };

struct walk {
    enum walk_mode mode;
    unsigned char *base; /* LOAD: the objects (writable) */
    const unsigned char *text; /* LOAD: the whole block, for strings */
    size_t objs; /* LOAD: bytes of objects; strings are at [objs, size) */
    size_t size; /* WRITE: capacity; LOAD: block size */
    size_t used; /* next free byte of the objects (LOAD: where the next must be) */
    size_t strs, sused; /* MEASURE, WRITE: where the strings start; next free */
    int err;
    const bl_guide *g; /* the root (in LOAD: its checked counts) */
};

static size_t align_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static void *get_ptr(const void *field)
{
    void *p;
    memcpy(&p, field, sizeof p);
    return p;
}

static void set_ptr(void *field, const void *p)
{
    memcpy(field, &p, sizeof p);
}

/* The array of n objects of `size` bytes at *field: placed (MEASURE,
 * WRITE) or checked (LOAD).  Returns where to walk its objects, or NULL (a
 * NULL field, or an error in w->err). */
static void *w_arr(struct walk *w, void *field, size_t n, size_t size, size_t align)
{
    if (w->err)
        return NULL;
    void *p = get_ptr(field);
    if (w->mode == LOAD) {
        uintptr_t v = (uintptr_t)p;
        if (v == 0)
            return NULL;
        size_t off = (size_t)(v - 1);
        /* Objects must lie exactly where the writer puts them, one after
         * another in walk order: no two can overlap, so no relocation can
         * change a count or a pointer already checked. */
        if (off != align_up(w->used, align) || off > w->objs ||
            (size && n > (w->objs - off) / size)) {
            w->err = 1;
            return NULL;
        }
        w->used = off + n * size;
        void *q = w->base + off;
        set_ptr(field, q);
        return q;
    }
    if (!p)
        return NULL;
    if (size && n > (SIZE_MAX / 2) / size) {
        w->err = 1;
        return NULL;
    }
    size_t off = align_up(w->used, align);
    w->used = off + n * size;
    if (w->mode == MEASURE)
        return p;
    if (w->used > w->strs) {
        w->err = 1;
        return NULL;
    }
    if (n > 0 && size > 0)
        memcpy(w->base + off, p, n * size);
    set_ptr(field, (void *)(uintptr_t)(off + 1));
    return w->base + off;
}

#define ARR(w, field, n, type)                                                                     \
    ((type *)w_arr((w), (void *)&(field), (n), sizeof(type), alignof(type)))

/* A string at *field; `required`: NULL is an error. */
static void w_str(struct walk *w, void *field, int required)
{
    if (w->err)
        return;
    const char *s = get_ptr(field);
    if (w->mode == LOAD) {
        uintptr_t v = (uintptr_t)s;
        if (v == 0 || v - 1 < w->objs || v - 1 >= w->size) {
            if (v != 0 || required)
                w->err = 1;
            return;
        }
        set_ptr(field, w->text + (v - 1));
        return;
    }
    if (!s) {
        if (required)
            w->err = 1;
        return;
    }
    size_t n = strlen(s) + 1;
    size_t off = w->strs + w->sused;
    w->sused += n;
    if (w->mode == MEASURE)
        return;
    if (off + n > w->size) {
        w->err = 1;
        return;
    }
    memcpy(w->base + off, s, n);
    set_ptr(field, (void *)(uintptr_t)(off + 1));
}

#define STR(w, field) w_str((w), (void *)&(field), 1)
#define OPT(w, field) w_str((w), (void *)&(field), 0)

/* n strings in an array at *field (each required). */
static void w_strs(struct walk *w, void *field, size_t n, int need)
{
    const char **v = (const char **)w_arr(w, field, n, sizeof(char *), alignof(char *));
    if (!v) {
        if (need && n && !w->err)
            w->err = 1;
        return;
    }
    for (size_t i = 0; i < n && !w->err; i++)
        STR(w, v[i]);
}

static void check(struct walk *w, int ok)
{
    if (!ok)
        w->err = 1;
}

/* Indices: each below `limit`. */
static void w_index(struct walk *w, void *field, size_t n, size_t limit)
{
    const size_t *v = (const size_t *)w_arr(w, field, n, sizeof(size_t), alignof(size_t));
    if (!v) {
        check(w, n == 0);
        return;
    }
    if (w->mode == LOAD)
        for (size_t i = 0; i < n; i++)
            check(w, v[i] < limit);
}

static void walk_field(struct walk *w, bl_field_value *f)
{
    check(w, (unsigned)f->field < BL_FIELD_COUNT);
    if (w->err)
        return;
    if (bl_field_info(f->field)->kind == BL_KIND_TEXT)
        STR(w, f->text);
    else
        OPT(w, f->text);
    w_strs(w, (void *)&f->items, f->n_items, 1);
    const unsigned char *st = ARR(w, f->styles, f->n_items, unsigned char);
    if (st && w->mode == LOAD)
        for (size_t i = 0; i < f->n_items; i++)
            check(w, st[i] <= BL_ITEM_SOURCE);
}

static void walk_route(struct walk *w, bl_route *r)
{
    STR(w, r->name);
    OPT(w, r->where);
    check(w,
          (unsigned)r->kind < BL_ROUTE_KIND_COUNT &&
              (unsigned)r->serving_officer < BL_SERVING_COUNT && r->n_who > 0 && r->n_steps > 0);
    w_strs(w, (void *)&r->who, r->n_who, 1);
    bl_route_step *s = ARR(w, r->steps, r->n_steps, bl_route_step);
    check(w, s != NULL);
    for (size_t i = 0; s && i < r->n_steps && !w->err; i++) {
        STR(w, s[i].step);
        OPT(w, s[i].duration);
    }
    w_strs(w, (void *)&r->sources, r->n_sources, 1);
}

static void walk_role(struct walk *w, bl_role_facts *f)
{
    for (int i = 0; i < BL_FACT_COUNT; i++)
        STR(w, f->facts[i]);
    check(w, f->group < w->g->n_groups || w->g->n_groups == 0);
    bl_route *r = ARR(w, f->routes, f->n_routes, bl_route);
    check(w, r != NULL || f->n_routes == 0);
    for (size_t i = 0; r && i < f->n_routes && !w->err; i++)
        walk_route(w, &r[i]);
    bl_pay *p = ARR(w, f->pay, f->n_pay, bl_pay);
    check(w, p != NULL || f->n_pay == 0);
    for (size_t i = 0; p && i < f->n_pay && !w->err; i++) {
        OPT(w, p[i].where);
        OPT(w, p[i].grade);
        OPT(w, p[i].as_of);
        OPT(w, p[i].note);
        OPT(w, p[i].check);
        OPT(w, p[i].source);
        check(w, p[i].currency[3] == '\0' && (unsigned)p[i].period < BL_PAY_PERIOD_COUNT);
    }
    for (int i = 0; i < BL_FIT_COUNT; i++) {
        check(w, f->fit[i].level >= 0 && f->fit[i].level <= BL_FIT_MAX_LEVEL);
        OPT(w, f->fit[i].reason);
    }
    w_index(w, (void *)&f->crime_areas, f->n_crime_areas, w->g->n_crime_areas);
}

static void walk_entry(struct walk *w, bl_entry *e, size_t i)
{
    const bl_guide *g = w->g;
    check(w, e->kind == (i < g->n_roles ? BL_ENTRY_ROLE : BL_ENTRY_SECTION));
    STR(w, e->id);
    STR(w, e->title);
    OPT(w, e->reviewed);
    OPT(w, e->path);
    bl_field_value *f = ARR(w, e->fields, e->n_fields, bl_field_value);
    check(w, f != NULL || e->n_fields == 0);
    for (size_t k = 0; f && k < e->n_fields && !w->err; k++)
        walk_field(w, &f[k]);
    w_index(w, (void *)&e->links, e->n_links, g->n_roles);
    w_index(w, (void *)&e->section_links, e->n_section_links, g->n_entries);
    bl_source *s = ARR(w, e->sources, e->n_sources, bl_source);
    check(w, s != NULL || e->n_sources == 0);
    for (size_t k = 0; s && k < e->n_sources && !w->err; k++) {
        STR(w, s[k].title);
        STR(w, s[k].url);
    }
    bl_role_facts *r = ARR(w, e->role, 1, bl_role_facts);
    check(w, e->kind == BL_ENTRY_ROLE ? r != NULL : r == NULL);
    if (r && !w->err)
        walk_role(w, r);
}

static void walk_question(struct walk *w, bl_fit_question *q)
{
    STR(w, q->key);
    STR(w, q->text);
    check(w,
          (unsigned)q->kind <= BL_FITQ_CITIZENSHIP && (unsigned)q->dim < BL_FIT_COUNT &&
              q->weight >= 0 && q->weight <= BL_FIT_MAX_WEIGHT);
    for (int i = 0; i < BL_FIT_ANSWERS; i++)
        OPT(w, q->answers[i]);
    bl_fit_choice *c = ARR(w, q->choices, q->n_choices, bl_fit_choice);
    check(w, c != NULL || q->n_choices == 0);
    for (size_t i = 0; c && i < q->n_choices && !w->err; i++) {
        STR(w, c[i].id);
        STR(w, c[i].label);
        w_strs(w, (void *)&c[i].matches, c[i].n_matches, 1);
    }
}

static void walk_guide(struct walk *w, bl_guide *g)
{
    w->g = g;
    g->arena = NULL;
    check(w,
          g->n_roles <= g->n_entries && g->n_entries - g->n_roles == g->n_sections &&
              g->n_entries < UINT32_MAX);
    STR(w, g->title);
    OPT(w, g->tagline);
    OPT(w, g->dir);
    bl_synonym_set *syn = ARR(w, g->synonyms, g->n_synonyms, bl_synonym_set);
    check(w, syn != NULL || g->n_synonyms == 0);
    for (size_t i = 0; syn && i < g->n_synonyms && !w->err; i++)
        w_strs(w, (void *)&syn[i].words, syn[i].n_words, 1);
    bl_entry *e = ARR(w, g->entries, g->n_entries, bl_entry);
    check(w, e != NULL || g->n_entries == 0);
    w_index(w, (void *)&g->by_id, g->n_entries, g->n_entries);
    bl_group *gr = ARR(w, g->groups, g->n_groups, bl_group);
    check(w, gr != NULL || g->n_groups == 0);
    for (size_t i = 0; gr && i < g->n_groups && !w->err; i++) {
        STR(w, gr[i].id);
        STR(w, gr[i].title);
    }
    bl_crime_area *ca = ARR(w, g->crime_areas, g->n_crime_areas, bl_crime_area);
    check(w, ca != NULL || g->n_crime_areas == 0);
    for (size_t i = 0; ca && i < g->n_crime_areas && !w->err; i++) {
        STR(w, ca[i].id);
        STR(w, ca[i].label);
    }
    bl_glossary_term *gt = ARR(w, g->glossary, g->n_glossary, bl_glossary_term);
    check(w, gt != NULL || g->n_glossary == 0);
    for (size_t i = 0; gt && i < g->n_glossary && !w->err; i++) {
        STR(w, gt[i].term);
        OPT(w, gt[i].expansion);
        STR(w, gt[i].definition);
        w_index(w, (void *)&gt[i].related, gt[i].n_related, g->n_entries);
    }
    w_index(w, (void *)&g->glossary_by_term, g->n_glossary, g->n_glossary);
    bl_fit_question *q = ARR(w, g->fit_questions, g->n_fit_questions, bl_fit_question);
    check(w, q != NULL || g->n_fit_questions == 0);
    for (size_t i = 0; q && i < g->n_fit_questions && !w->err; i++)
        walk_question(w, &q[i]);
    /* Entries last: their checks use the counts above. */
    for (size_t i = 0; e && i < g->n_entries && !w->err; i++)
        walk_entry(w, &e[i], i);
    if (w->mode == LOAD && !w->err && g->n_glossary) {
        const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
        const bl_field_value *fv = ge ? bl_entry_get(ge, BL_FIELD_GLOSSARY) : NULL;
        check(w, fv && fv->n_items == g->n_glossary);
    }
}

int bl_cache_model_encode(const bl_guide *g, unsigned char **out, size_t *len, size_t *objects)
{
    *out = NULL;
    *len = 0;
    bl_guide root = *g;
    struct walk m = {.mode = MEASURE, .used = sizeof root};
    walk_guide(&m, &root);
    if (m.err)
        return -1;
    size_t objs = align_up(m.used, alignof(max_align_t));
    size_t size = objs + m.sused + 1; /* the final NUL */
    unsigned char *buf = calloc(1, size);
    if (!buf)
        return -1;
    root = *g;
    struct walk wr = {.mode = WRITE, .base = buf, .size = size, .used = sizeof root, .strs = objs};
    walk_guide(&wr, &root);
    if (wr.err || wr.used > objs || objs + wr.sused + 1 != size) {
        free(buf);
        return -1;
    }
    memcpy(buf, &root, sizeof root);
    *out = buf;
    *len = size;
    if (objects)
        *objects = objs;
    return 0;
}

bl_guide *bl_cache_model_relocate(bl_arena *a, unsigned char *objs, const unsigned char *block,
                                  size_t len, size_t n_objs)
{
    if (n_objs < sizeof(bl_guide) || n_objs >= len || block[len - 1] != '\0' ||
        ((uintptr_t)objs % alignof(max_align_t)))
        return NULL;
    bl_guide *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    memcpy(g, objs, sizeof *g);
    struct walk w = {
        .mode = LOAD, .base = objs, .text = block, .size = len, .objs = n_objs, .used = sizeof *g};
    walk_guide(&w, g);
    if (w.err) {
        free(g);
        return NULL;
    }
    g->arena = a;
    return g;
}

bl_guide *bl_cache_model_decode(const unsigned char *buf, size_t len, size_t objects)
{
    bl_arena *a = bl_arena_new();
    unsigned char *copy = a ? (unsigned char *)bl_arena_buffer(a, len ? len : 1) : NULL;
    if (!copy) {
        bl_arena_free(a);
        return NULL;
    }
    if (len)
        memcpy(copy, buf, len);
    bl_guide *g = bl_cache_model_relocate(a, copy, copy, len, objects);
    if (!g)
        bl_arena_free(a);
    return g;
}
