/* cache_model.c — the guide as one block that can be used where it is
 * mapped, checked a part at a time.
 *
 * The block (format 2):
 *
 *   table of contents | objects | strings
 *
 * Every pointer in the block is stored as base + (its target's offset in
 * the block), 0 = NULL, where `base` is the address the writer meant the
 * block to be mapped at (cache.c picks one per cache file).  Mapped there,
 * the objects are used as they are: no copy, no relocation, nothing
 * written.  Mapped anywhere else (or read from memory), they are copied
 * and relocated (bl_cache_model_decode), as format 1 always did.
 *
 * The parts: the spine (the root bl_guide, the entries array with every
 * entry's id, title, date and path, each role's bl_role_facts with its
 * group and fit levels, the index by id, groups, crime areas, glossary,
 * synonyms, fit questions) comes first in both the objects and the
 * strings; then each entry's body (its fields, links, sources, and what
 * its role facts point to), entry after entry.  The table of contents gives each part's end
 * in both regions and its XXH3-64 checksum, so the guide's first screen
 * needs only the spine and one body checked, and the rest can be checked
 * in the background (cache.c).
 *
 * One walker serves every pass, so that writing and reading can never
 * disagree about the layout:
 *   MEASURE  follows the guide's pointers and adds up the block's size;
 *   WRITE    copies each object into the block right after the previous one
 *            and replaces every pointer in the copy with base + offset;
 *   LOAD     checks every such pointer (in its part, at exactly the place
 *            the writer puts the next object, aligned, its count fitting)
 *            and every count, index and enum against what the code that
 *            reads the guide assumes; when relocating, it also turns each
 *            pointer into an address of the copy.
 * A part's strings must lie in that part's string range, whose last byte
 * must be NUL, so a string that starts there ends there.
 */
#include "borderless/arena.h"
#include "borderless/cache.h"
#include "cache_int.h"

#include <errno.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

enum walk_mode { MEASURE, WRITE, LOAD };

struct walk {
    enum walk_mode mode;
    int relocate; /* LOAD: write the addresses of the copy into the objects */
    unsigned char *base; /* LOAD: the objects' memory (block offsets) */
    /* WRITE: where the part being written goes - its objects from offset
     * olo at obase, its strings from offset slo at sbase - and the spine's
     * objects (from offset 0), which later parts still patch. */
    unsigned char *obase, *sbase, *spine;
    size_t olo, ohi, slo, shi;
    const unsigned char *text; /* LOAD: the block, for strings */
    uint64_t at; /* WRITE, LOAD: the address the pointers are stored for */
    size_t size; /* WRITE: the block's size; LOAD: block size */
    size_t used; /* next free byte of the objects (LOAD: where the next must be) */
    size_t obj_end; /* LOAD: the current part's objects end here */
    size_t str_lo, str_hi; /* LOAD: the current part's strings */
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

static void set_off(struct walk *w, void *field, size_t off)
{
    set_ptr(field, (void *)(uintptr_t)(w->at + off));
}

/* The offset a stored pointer names, or SIZE_MAX when it names nothing in
 * the block (0, NULL, is the caller's business). */
static size_t off_of(const struct walk *w, uintptr_t v)
{
    return v < w->at || v - w->at >= w->size ? SIZE_MAX : (size_t)(v - w->at);
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
        size_t off = off_of(w, v);
        /* Objects must lie exactly where the writer puts them, one after
         * another in walk order and inside the part being read: no two can
         * overlap, so no relocation can change what was already checked. */
        if (off != align_up(w->used, align) || off > w->obj_end ||
            (size && n > (w->obj_end - off) / size)) {
            w->err = 1;
            return NULL;
        }
        w->used = off + n * size;
        void *q = w->base + off;
        if (w->relocate)
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
    if (w->used > w->strs || off < w->olo || w->used > w->ohi) {
        w->err = 1;
        return NULL;
    }
    unsigned char *q = w->obase + (off - w->olo);
    if (n > 0 && size > 0)
        memcpy(q, p, n * size);
    set_off(w, field, off);
    return q;
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
        if (v == 0) {
            if (required)
                w->err = 1;
            return;
        }
        size_t off = off_of(w, v);
        if (off < w->str_lo || off >= w->str_hi) {
            w->err = 1;
            return;
        }
        if (w->relocate)
            set_ptr(field, w->text + off);
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
    if (off + n > w->size || off < w->slo || off + n > w->shi) {
        w->err = 1;
        return;
    }
    memcpy(w->sbase + (off - w->slo), s, n);
    set_off(w, field, off);
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

/* A role's facts: what the spine holds (the menu's group, the fit levels)
 * and what its body holds (everything a pointer leads to). */
static void walk_role_head(struct walk *w, bl_role_facts *f)
{
    check(w, f->group < w->g->n_groups || w->g->n_groups == 0);
    for (int i = 0; i < BL_FIT_COUNT; i++)
        check(w, f->fit[i].level >= 0 && f->fit[i].level <= BL_FIT_MAX_LEVEL);
}

static void walk_role_body(struct walk *w, bl_role_facts *f)
{
    for (int i = 0; i < BL_FACT_COUNT; i++)
        STR(w, f->facts[i]);
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
    for (int i = 0; i < BL_FIT_COUNT; i++)
        OPT(w, f->fit[i].reason);
    w_index(w, (void *)&f->crime_areas, f->n_crime_areas, w->g->n_crime_areas);
}

/* What the spine holds of an entry: what the menu and lookups read. */
static void walk_entry_head(struct walk *w, bl_entry *e, size_t i)
{
    const bl_guide *g = w->g;
    check(w, e->kind == (i < g->n_roles ? BL_ENTRY_ROLE : BL_ENTRY_SECTION));
    STR(w, e->id);
    STR(w, e->title);
    OPT(w, e->reviewed);
    OPT(w, e->path);
    bl_role_facts *r = ARR(w, e->role, 1, bl_role_facts);
    check(w, e->kind == BL_ENTRY_ROLE ? r != NULL : r == NULL);
    if (r && !w->err)
        walk_role_head(w, r);
}

/* Where e->role's object is in this pass (placed by walk_entry_head). */
static bl_role_facts *role_of(const struct walk *w, const bl_entry *e)
{
    void *p = get_ptr(&e->role);
    if (w->mode == WRITE && p)
        return (bl_role_facts *)(void *)(w->spine + ((uintptr_t)p - w->at));
    return p;
}

/* An entry's body. */
static void walk_entry_body(struct walk *w, bl_entry *e)
{
    const bl_guide *g = w->g;
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
    bl_role_facts *r = role_of(w, e);
    if (r && !w->err)
        walk_role_body(w, r);
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

/* The spine; *entries gets the entries array (where it is walked). */
static void walk_spine(struct walk *w, bl_guide *g, bl_entry **entries)
{
    w->g = g;
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
    *entries = e;
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
    for (size_t i = 0; e && i < g->n_entries && !w->err; i++)
        walk_entry_head(w, &e[i], i);
}

/* ---- the table of contents ---------------------------------------------- */

static uint64_t toc_sum(const unsigned char *b, size_t n_entries)
{
    XXH64_hash_t h = XXH3_64bits(b, offsetof(struct toc_head, sum));
    return XXH3_64bits_withSeed(b + sizeof(struct toc_head), n_entries * sizeof(struct toc_entry),
                                h);
}

static uint64_t part_sum(const unsigned char *b, size_t o0, size_t o1, size_t s0, size_t s1)
{
    XXH64_hash_t h = XXH3_64bits(b + o0, o1 - o0);
    return XXH3_64bits_withSeed(b + s0, s1 - s0, h);
}

static size_t toc_size(size_t n_entries)
{
    return align_up(sizeof(struct toc_head) + n_entries * sizeof(struct toc_entry),
                    alignof(max_align_t));
}

/* Where a block goes: memory (alloc: a zeroed buffer of the block's size
 * is made into mem once the size is known) or a file (fd, the block at
 * offset at).  Parts arrive in any order; what none covers (padding) is
 * zero: calloc'd memory, or a hole in a new file. */
struct sink {
    int alloc;
    unsigned char *mem;
    int fd;
    uint64_t at;
    int err;
};

static void sink_put(struct sink *k, size_t off, const void *p, size_t n)
{
    if (k->err || n == 0)
        return;
    if (k->mem) {
        memcpy(k->mem + off, p, n);
        return;
    }
    int rc = bl_cache_pwrite(k->fd, p, n, k->at + off);
    if (rc < 0)
        k->err = -rc;
}

/* Grows *buf to at least n bytes, zeroed: 0 or -1. */
static int zeroed(unsigned char **buf, size_t *cap, size_t n)
{
    if (n > *cap) {
        unsigned char *b = realloc(*buf, n);
        if (!b)
            return -1;
        *buf = b;
        *cap = n;
    }
    if (n)
        memset(*buf, 0, n);
    return 0;
}

/* Writes g's block to k, for mapping at base, holding in memory only the
 * spine and one entry's body at a time (a block is about 1.4 times the
 * YAML, and the run that writes the cache holds the guide and the index
 * already).  The block's size into *len (MEASURE first, so the size is
 * known before a byte is written).  0, or -1 (k->err: an errno). */
static int model_write(const bl_guide *g, uint64_t base, struct sink *k, size_t *len,
                       size_t *objects)
{
    if (base == 0 || base % 4096 || g->n_entries > (SIZE_MAX / 4) / sizeof(struct toc_entry))
        return -1;
    size_t n = g->n_entries, objs0 = toc_size(n);
    /* MEASURE: every part's ends. */
    unsigned char *spo = NULL, *sps = NULL, *bo = NULL, *bs = NULL;
    size_t spo_cap = 0, sps_cap = 0, bo_cap = 0, bs_cap = 0;
    int rc = -1;
    if (zeroed(&spo, &spo_cap, objs0) != 0)
        return -1;
    struct toc_head th = {.base = base, .n_entries = n, .objs = objs0};
    memcpy(th.magic, TOC_MAGIC, sizeof TOC_MAGIC);
    struct toc_entry *te = (struct toc_entry *)(void *)(spo + sizeof th);
    bl_guide root = *g;
    root.arena = NULL;
    bl_entry *e = NULL;
    struct walk m = {.mode = MEASURE, .used = objs0 + sizeof root};
    walk_spine(&m, &root, &e);
    size_t spine_o = m.used, spine_s = m.sused;
    for (size_t i = 0; i < n && !m.err; i++) {
        bl_entry copy = g->entries[i];
        walk_entry_body(&m, &copy);
        te[i].obj_end = m.used;
        te[i].str_end = m.sused; /* made absolute below */
    }
    if (m.err)
        goto out;
    size_t strs = align_up(m.used, alignof(max_align_t));
    size_t size = strs + m.sused + 1; /* the final NUL */
    th.strs = strs;
    th.spine_obj_end = spine_o;
    th.spine_str_end = strs + spine_s;
    for (size_t i = 0; i < n; i++)
        te[i].str_end += strs;
    if (k->alloc && !(k->mem = calloc(1, size)))
        goto out;
    /* WRITE the spine: into memory, kept until every body has patched its
     * entry and role facts. */
    size_t spine_len = spine_o;
    unsigned char *grown = realloc(spo, spine_len);
    if (!grown)
        goto out;
    if (spine_len > spo_cap)
        memset(grown + spo_cap, 0, spine_len - spo_cap);
    spo = grown;
    spo_cap = spine_len;
    te = (struct toc_entry *)(void *)(spo + sizeof th);
    if (zeroed(&sps, &sps_cap, spine_s) != 0)
        goto out;
    root = *g;
    root.arena = NULL;
    struct walk wr = {.mode = WRITE,
                      .at = base,
                      .size = size,
                      .used = objs0 + sizeof root,
                      .strs = strs,
                      .obase = spo,
                      .olo = 0,
                      .ohi = spine_o,
                      .sbase = sps,
                      .slo = strs,
                      .shi = strs + spine_s,
                      .spine = spo};
    walk_spine(&wr, &root, &e);
    if (wr.err || wr.used != spine_o || wr.sused != spine_s)
        goto out;
    /* Each body: written, checksummed and handed over, one at a time. */
    size_t o0 = spine_o, s0 = strs + spine_s;
    for (size_t i = 0; i < n; i++) {
        size_t o1 = (size_t)te[i].obj_end, s1 = (size_t)te[i].str_end;
        if (zeroed(&bo, &bo_cap, o1 - o0) != 0 || zeroed(&bs, &bs_cap, s1 - s0) != 0)
            goto out;
        wr.obase = bo;
        wr.olo = o0;
        wr.ohi = o1;
        wr.sbase = bs;
        wr.slo = s0;
        wr.shi = s1;
        walk_entry_body(&wr, &e[i]);
        if (wr.err || wr.used != o1 || strs + wr.sused != s1)
            goto out;
        XXH64_hash_t h = XXH3_64bits(bo, o1 - o0);
        te[i].sum = XXH3_64bits_withSeed(bs, s1 - s0, h);
        sink_put(k, o0, bo, o1 - o0);
        sink_put(k, s0, bs, s1 - s0);
        o0 = o1;
        s0 = s1;
    }
    if (s0 != size - 1)
        goto out;
    /* The spine last: every pointer in it is in place now. */
    memcpy(spo + objs0, &root, sizeof root);
    XXH64_hash_t h = XXH3_64bits(spo + objs0, spine_o - objs0);
    th.spine_sum = XXH3_64bits_withSeed(sps, spine_s, h);
    memcpy(spo, &th, sizeof th);
    th.sum = toc_sum(spo, n);
    memcpy(spo, &th, sizeof th);
    sink_put(k, 0, spo, spine_o);
    sink_put(k, strs, sps, spine_s);
    sink_put(k, size - 1, "", 1);
    if (k->err)
        goto out;
    *len = size;
    if (objects)
        *objects = strs;
    rc = 0;
out:
    free(spo);
    free(sps);
    free(bo);
    free(bs);
    return rc;
}

int bl_cache_model_encode_at(const bl_guide *g, uint64_t base, unsigned char **out, size_t *len,
                             size_t *objects)
{
    *out = NULL;
    *len = 0;
    struct sink k = {.alloc = 1, .fd = -1};
    if (model_write(g, base, &k, len, objects) != 0) {
        free(k.mem);
        *len = 0;
        return -1;
    }
    *out = k.mem;
    return 0;
}

int bl_cache_model_write(const bl_guide *g, uint64_t base, int fd, uint64_t at, size_t *len)
{
    struct sink k = {.fd = fd, .at = at};
    *len = 0;
    if (model_write(g, base, &k, len, NULL) != 0)
        return k.err ? -k.err : -ENOMEM;
    return 0;
}

int bl_cache_model_encode(const bl_guide *g, unsigned char **out, size_t *len, size_t *objects)
{
    return bl_cache_model_encode_at(g, BL_CACHE_MODEL_BASE, out, len, objects);
}

/* ---- reading ------------------------------------------------------------- */

/* The table of contents of block[0..len): checked (magic, checksum, every
 * end in order and in bounds, each part's strings ending in NUL). */
int bl_model_open(bl_model_view *v, const unsigned char *block, size_t len)
{
    memset(v, 0, sizeof *v);
    struct toc_head h;
    if (len < sizeof h || ((uintptr_t)block % alignof(max_align_t)))
        return -1;
    memcpy(&h, block, sizeof h);
    if (memcmp(h.magic, TOC_MAGIC, sizeof TOC_MAGIC) != 0 || h.base == 0 || h.base % 4096 ||
        h.n_entries >= UINT32_MAX || h.objs != toc_size((size_t)h.n_entries) || h.objs > len ||
        h.strs > len || h.strs < h.objs + sizeof(bl_guide) || h.strs % alignof(max_align_t) ||
        block[len - 1] != '\0' || toc_sum(block, (size_t)h.n_entries) != h.sum)
        return -1;
    const struct toc_entry *te = (const struct toc_entry *)(const void *)(block + sizeof h);
    /* Every part's ends: in order, its objects before the strings, its
     * strings in the block.  (That each part's strings end in NUL is
     * checked with the part: reading a byte of every part here would
     * bring in every page of a block mapped to be read a part at a time.) */
    uint64_t o = h.objs + sizeof(bl_guide), s = h.strs;
    for (size_t i = 0; i <= h.n_entries; i++) {
        uint64_t oe = i == 0 ? h.spine_obj_end : te[i - 1].obj_end;
        uint64_t se = i == 0 ? h.spine_str_end : te[i - 1].str_end;
        if (oe < o || oe > h.strs || se < s || se > len - 1)
            return -1;
        o = oe;
        s = se;
    }
    if (s != len - 1)
        return -1;
    v->block = block;
    v->len = len;
    v->h = h;
    v->te = te;
    return 0;
}

/* The spine's pointers checked (and relocated into objs, when objs is a
 * writable copy of the block's objects and relocate is set): the guide's
 * root (malloc'd), or NULL.  Checksums are the caller's (bl_model_sum). */
bl_guide *bl_model_spine(bl_model_view *v, unsigned char *objs, int relocate)
{
    v->objs = objs;
    v->relocate = relocate;
    bl_guide *g = malloc(sizeof *g);
    if (!g)
        return NULL;
    memcpy(g, objs + v->h.objs, sizeof *g);
    g->arena = NULL;
    struct walk w = {.mode = LOAD,
                     .relocate = relocate,
                     .base = objs,
                     .text = v->block,
                     .at = v->h.base,
                     .size = v->len,
                     .used = (size_t)v->h.objs + sizeof *g,
                     .obj_end = (size_t)v->h.spine_obj_end,
                     .str_lo = (size_t)v->h.strs,
                     .str_hi = (size_t)v->h.spine_str_end};
    bl_entry *e = NULL;
    if (w.str_hi > w.str_lo && v->block[w.str_hi - 1] != '\0')
        w.err = 1;
    else
        walk_spine(&w, g, &e);
    if (w.err || w.used != v->h.spine_obj_end || g->n_entries != v->h.n_entries) {
        free(g);
        return NULL;
    }
    v->g = g;
    v->entries = e;
    return g;
}

/* Part k's bounds (k = 0 the spine, k = i + 1 entry i): its objects
 * [*o0, *o1) and strings [*s0, *s1); its checksum. */
static uint64_t part_bounds(const bl_model_view *v, size_t k, size_t *o0, size_t *o1, size_t *s0,
                            size_t *s1)
{
    if (k == 0) {
        *o0 = (size_t)v->h.objs;
        *s0 = (size_t)v->h.strs;
        *o1 = (size_t)v->h.spine_obj_end;
        *s1 = (size_t)v->h.spine_str_end;
        return v->h.spine_sum;
    }
    *o0 = (size_t)(k == 1 ? v->h.spine_obj_end : v->te[k - 2].obj_end);
    *s0 = (size_t)(k == 1 ? v->h.spine_str_end : v->te[k - 2].str_end);
    *o1 = (size_t)v->te[k - 1].obj_end;
    *s1 = (size_t)v->te[k - 1].str_end;
    return v->te[k - 1].sum;
}

/* Part k's checksum (k = 0 the spine, k = i + 1 entry i) is right. */
int bl_model_sum(const bl_model_view *v, size_t k)
{
    if (k > v->h.n_entries)
        return 0;
    size_t o0, o1, s0, s1;
    uint64_t want = part_bounds(v, k, &o0, &o1, &s0, &s1);
    return part_sum(v->block, o0, o1, s0, s1) == want;
}

/* Entry i's body checked (and relocated); bl_model_spine() first.  Safe to
 * call from several threads at once on different entries, and (without
 * relocation) on the same one. */
int bl_model_entry(const bl_model_view *v, size_t i)
{
    if (!v->g || i >= v->h.n_entries)
        return -1;
    size_t o0, o1, s0, s1;
    (void)part_bounds(v, i + 1, &o0, &o1, &s0, &s1);
    struct walk w = {.mode = LOAD,
                     .relocate = v->relocate,
                     .base = v->objs,
                     .text = v->block,
                     .at = v->h.base,
                     .size = v->len,
                     .used = o0,
                     .obj_end = o1,
                     .str_lo = s0,
                     .str_hi = s1,
                     .g = v->g};
    if (s1 > s0 && v->block[s1 - 1] != '\0')
        return -1;
    walk_entry_body(&w, &v->entries[i]);
    return w.err || w.used != w.obj_end ? -1 : 0;
}

/* After every entry: what needs the whole guide. */
int bl_model_finish(const bl_model_view *v)
{
    const bl_guide *g = v->g;
    if (g->n_glossary) {
        const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
        const bl_field_value *fv = ge ? bl_entry_get(ge, BL_FIELD_GLOSSARY) : NULL;
        if (!fv || fv->n_items != g->n_glossary)
            return -1;
    }
    return 0;
}

/* The spine's guide with every body checked (and relocated) and what
 * needs them all; g freed on failure.  g, or NULL. */
static bl_guide *check_bodies(const bl_model_view *v, bl_guide *g)
{
    for (size_t i = 0; g && i < g->n_entries; i++)
        if (bl_model_entry(v, i) != 0) {
            free(g);
            return NULL;
        }
    if (g && bl_model_finish(v) != 0) {
        free(g);
        return NULL;
    }
    return g;
}

bl_guide *bl_cache_model_use(const unsigned char *block, size_t len)
{
    bl_model_view v;
    if (bl_model_open(&v, block, len) != 0 || (uintptr_t)block != v.h.base)
        return NULL;
    return check_bodies(&v, bl_model_spine(&v, (unsigned char *)(uintptr_t)block, 0));
}

bl_guide *bl_cache_model_decode(const unsigned char *buf, size_t len)
{
    bl_arena *a = bl_arena_new();
    unsigned char *copy = a && len ? (unsigned char *)bl_arena_alloc(a, len) : NULL;
    bl_model_view v;
    if (!copy)
        goto fail;
    memcpy(copy, buf, len);
    if (bl_model_open(&v, copy, len) != 0)
        goto fail;
    bl_guide *g = check_bodies(&v, bl_model_spine(&v, copy, 1));
    if (!g)
        goto fail;
    g->arena = a;
    return g;
fail:
    bl_arena_free(a);
    return NULL;
}
