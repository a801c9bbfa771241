#include "borderless/loader.h"

#include "borderless/arena.h"
#include "borderless/editdist.h"
#include "borderless/vec.h"
#include "borderless/widthcheck.h"
#include "yamltree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- building entries -------------------------------------------------- */

struct link_ref {
    const char *id;
    size_t line, column;
};

/* An entry while it is being built: the public struct plus what the
 * cross-file checks need once every file is read. */
struct draft {
    bl_entry e;
    struct link_ref *refs; /* malloc'd; ids of linked roles with positions */
    size_t n_refs;
    size_t rank; /* roles: place in role_order, SIZE_MAX if unlisted */
    size_t line, column; /* sections: where the section starts */
    bl_role_facts *facts; /* roles: in the guide's arena */
    struct link_ref *section_refs; /* roles: malloc'd; `sections` ids (arena strings) */
    size_t n_section_refs;
    /* bl_check_dir(): the role's width warnings (n_warn of them); their
     * text is kept (warn, malloc'd) only while it may be printed. */
    size_t n_warn;
    bl_diags *warn;
};

/* An id with a place: a role's in a sorted lookup, or role_order's. */
struct id_index {
    const char *id;
    size_t index;
};

/* A glossary term while loading. */
struct gloss {
    bl_glossary_term t;
    struct link_ref *refs; /* malloc'd; related ids (arena strings) */
    size_t n_refs;
    size_t line, column;
};

/* bl_check_dir(): a role whose warnings' text is kept, by its place in
 * the guide (rank, id) and its draft (an index: the drafts move). */
struct held {
    size_t rank;
    const char *id;
    size_t index;
};

struct drafts {
    struct draft *v;
    size_t n, cap;
};

struct loader {
    bl_arena *arena; /* the guide's */
    bl_diags *diags;
    int errors;
    const char *path; /* file being read (in the guide's arena) */
    struct drafts roles, sections;
    struct link_ref *order; /* role_order, malloc'd */
    size_t n_order;
    const char *title, *tagline;
    bl_synonym_set *synonyms; /* sections.yaml `synonyms` (in the guide's arena) */
    size_t n_synonyms;
    const char *sections_path;
    /* Ids of every role file found, loaded or not: a link to a role whose
     * file has problems is not reported a second time. */
    const char **file_ids; /* malloc'd array of arena strings */
    bl_arena *scratch; /* one file's YAML tree, reset for each file */
    size_t n_file_ids, cap_file_ids;
    /* sections.yaml's groups and crime areas (malloc'd arrays of arena
     * strings); have_* when the list is valid, so roles are checked. */
    const char **group_ids, **group_titles;
    size_t n_groups;
    int have_groups;
    const char **area_ids, **area_labels;
    size_t n_areas;
    int have_areas;
    struct gloss *gloss; /* malloc'd */
    size_t n_gloss;
    int have_glossary;
    int sections_clean; /* sections.yaml loaded without a problem */
    bl_fit_question *fitq; /* the fit finder's questions, in the guide's arena */
    size_t n_fitq;
    /* bl_check_dir(): each role's model is built in `model`, emptied for
     * the next role once the role is checked; the guide's arena keeps only
     * what the checks across files need (check_role_done). */
    int check;
    bl_arena *model;
    size_t warn_max; /* the caller's cap on warnings printed */
    struct id_index *order_idx; /* malloc'd; role_order by id, for ranks */
    struct held *held; /* malloc'd; roles whose warnings' text is kept */
    size_t n_held, cap_held, held_warn;
    int labels_plain; /* no label a role's text takes in can warn */
    /* The role being built will not be warned about (check_role_done):
     * its display lines made from several values are not made. */
    int no_display;
    int have_cutoff; /* roles after (cutoff_rank, cutoff_id) keep none */
    size_t cutoff_rank;
    const char *cutoff_id;
};

static void problem(struct loader *L, size_t line, size_t column, const char *fmt, ...)
    BL_PRINTF(4, 5);

static void problem(struct loader *L, size_t line, size_t column, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->errors++;
    bl_diags_add(L->diags, L->path, line, column, "%s", msg);
}

static void out_of_memory(struct loader *L)
{
    problem(L, 0, 0, "out of memory");
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the run of words from s[j] on that normalising leaves as it
 * is: visible characters and single spaces between them. */
static size_t run_end(const unsigned char *s, size_t j, size_t len)
{
#ifdef __SSE2__
    /* Sixteen bytes at a time: only the bytes up to a space need a look. */
    const __m128i space = _mm_set1_epi8(' ');
    while (len - j >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, space), x));
        for (; m; m &= m - 1) {
            size_t p = j + (size_t)__builtin_ctz(m);
            if (!(s[p] == ' ' && p + 1 < len && s[p + 1] > ' '))
                return p;
        }
        j += 16;
    }
#endif
    while (j < len) {
        unsigned char d = s[j];
        if (d > ' ')
            j++;
        else if (d == ' ' && j + 1 < len && s[j + 1] > ' ')
            j += 2;
        else
            break;
    }
    return j;
}

/* Normalises a scalar for the model.  Text fields keep paragraphs (lines
 * separated by a blank line become "\n\n"); the lines of a paragraph are
 * joined with one space.  Everything else becomes one line.  Runs of spaces
 * and tabs become one space; ends are trimmed.  "" when nothing is left. */
static char *normalize(bl_arena *a, const char *s, size_t len, int paragraphs)
{
    char *out = bl_arena_buffer(a, len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    int pending_space = 0, pending_break = 0, line_blank = 1;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            if (line_blank && o > 0 && paragraphs)
                pending_break = 1;
            pending_space = o > 0;
            line_blank = 1;
            i++;
            continue;
        }
        if (is_space((char)c)) {
            pending_space = o > 0;
            i++;
            continue;
        }
        if (o > 0 && pending_break) {
            out[o++] = '\n';
            out[o++] = '\n';
        } else if (o > 0 && pending_space) {
            out[o++] = ' ';
        }
        pending_break = pending_space = 0;
        line_blank = 0;
        /* Copy in one go the run of words that needs no change. */
        size_t j = run_end((const unsigned char *)s, i + 1, len);
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
    }
    out[o] = '\0';
    return out;
}

/* By length first: every scalar of a file comes here. */
static int is_null_scalar(const yt_node *v)
{
    if (v->plain != 1)
        return 0;
    switch (v->len) {
    case 0:
        return 1;
    case 1:
        return v->str[0] == '~';
    case 4:
        return strcmp(v->str, "null") == 0 || strcmp(v->str, "Null") == 0 ||
            strcmp(v->str, "NULL") == 0;
    default:
        return 0;
    }
}

/* The string value of `key`, normalised; NULL (after a message) when it is
 * not a non-empty string. */
static const char *get_string(struct loader *L, const char *key, const yt_node *v, int paragraphs)
{
    if (v->plain == -1)
        return NULL; /* already reported */
    if (v->type != YT_SCALAR) {
        problem(L, v->line, v->column, "\"%s\" must be a string, not %s", key,
                yt_type_name(v->type));
        return NULL;
    }
    const char *s = is_null_scalar(v) ? "" : normalize(L->arena, v->str, v->len, paragraphs);
    if (!s) {
        out_of_memory(L);
        return NULL;
    }
    if (!*s) {
        problem(L, v->line, v->column, "\"%s\" is empty", key);
        return NULL;
    }
    return s;
}

/* A list of non-empty strings.  Returns 0 and fills items/n, or -1. */
static int get_list(struct loader *L, const char *key, const yt_node *v, const char *const **items,
                    size_t *n)
{
    if (v->plain == -1)
        return -1;
    if (v->type != YT_SEQ) {
        if (v->type == YT_SCALAR && is_null_scalar(v))
            problem(L, v->line, v->column, "\"%s\" is empty", key);
        else
            problem(L, v->line, v->column, "\"%s\" must be a list, not %s", key,
                    yt_type_name(v->type));
        return -1;
    }
    if (v->n == 0) {
        problem(L, v->line, v->column, "\"%s\" is an empty list", key);
        return -1;
    }
    const char **out = bl_arena_array(L->arena, v->n, sizeof *out);
    if (!out) {
        out_of_memory(L);
        return -1;
    }
    int ok = 1;
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *it = v->kids[i];
        if (it->plain == -1) {
            ok = 0; /* refused by the parser, already reported */
            continue;
        }
        if (it->type != YT_SCALAR) {
            problem(L, it->line, it->column, "item %zu of \"%s\" must be a string, not %s", i + 1,
                    key, yt_type_name(it->type));
            ok = 0;
            continue;
        }
        const char *s = is_null_scalar(it) ? "" : normalize(L->arena, it->str, it->len, 0);
        if (!s) {
            out_of_memory(L);
            return -1;
        }
        if (!*s) {
            problem(L, it->line, it->column, "item %zu of \"%s\" is empty", i + 1, key);
            ok = 0;
        }
        out[i] = s;
    }
    if (!ok)
        return -1;
    *items = out;
    *n = v->n;
    return 0;
}

#define BADID_TEXT "use lowercase letters, digits and '-' (at most %d)"

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > BL_MAX_ID || s[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static void unknown_key(struct loader *L, const yt_node *k, const char *const *known, size_t n)
{
    const char *best = NULL;
    unsigned best_d = 3;
    for (size_t i = 0; i < n; i++) {
        unsigned d = bl_edit_distance_utf8(k->str, known[i], 2);
        if (d < best_d) {
            best_d = d;
            best = known[i];
        }
    }
    if (best)
        problem(L, k->line, k->column, "unknown key \"%s\" (did you mean \"%s\"?)", k->str, best);
    else
        problem(L, k->line, k->column, "unknown key \"%s\"", k->str);
}

static int drafts_push(struct loader *L, struct drafts *d, struct draft **out)
{
    struct draft *v = bl_vec_grow(d->v, &d->cap, d->n + 1, sizeof *v, 16);
    if (!v) {
        out_of_memory(L);
        return -1;
    }
    d->v = v;
    *out = &d->v[d->n++];
    memset(*out, 0, sizeof **out);
    return 0;
}

static void draft_drop_warn(struct draft *d)
{
    if (d->warn) {
        bl_diags_free(d->warn);
        free(d->warn);
        d->warn = NULL;
    }
}

static void drafts_free(struct drafts *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].refs);
        free(d->v[i].section_refs);
        draft_drop_warn(&d->v[i]);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* Role ids named by a `related` or `roles` list, with their positions, for
 * the check once every role is known. */
static int keep_refs(struct loader *L, struct draft *d, const yt_node *list)
{
    free(d->refs); /* a duplicate key (already reported) sets them twice */
    d->n_refs = 0;
    d->refs = calloc(list->n, sizeof *d->refs);
    if (!d->refs) {
        out_of_memory(L);
        return -1;
    }
    for (size_t i = 0; i < list->n; i++) {
        const yt_node *it = list->kids[i];
        d->refs[i] = (struct link_ref){.id = it->str, .line = it->line, .column = it->column};
    }
    d->n_refs = list->n;
    return 0;
}

/* The first byte first: most keys are tried against a dozen names. */
static int is_key(const yt_node *k, const char *name)
{
    return k->type == YT_SCALAR && k->str[0] == name[0] && strcmp(k->str, name) == 0;
}

static int get_sources(struct loader *L, const yt_node *v, struct draft *d)
{
    if (v->plain == -1)
        return -1;
    if (v->type != YT_SEQ) {
        problem(L, v->line, v->column, "\"sources\" must be a list, not %s", yt_type_name(v->type));
        return -1;
    }
    if (v->n == 0) {
        problem(L, v->line, v->column, "\"sources\" is an empty list");
        return -1;
    }
    bl_source *src = bl_arena_array(L->arena, v->n, sizeof *src);
    if (!src) {
        out_of_memory(L);
        return -1;
    }
    int ok = 1;
    static const char *const known[] = {"title", "url"};
    for (size_t i = 0; i < v->n; i++) {
        const yt_node *m = v->kids[i];
        if (m->plain == -1) {
            ok = 0; /* already reported */
            continue;
        }
        if (m->type != YT_MAP) {
            problem(L, m->line, m->column,
                    "item %zu of \"sources\" must be a mapping with \"title\" and \"url\", "
                    "not %s",
                    i + 1, yt_type_name(m->type));
            ok = 0;
            continue;
        }
        int refused = 0; /* a key the parser refused: no "missing" message */
        for (size_t j = 0; j + 1 < m->n; j += 2) {
            const yt_node *k = m->kids[j], *val = m->kids[j + 1];
            refused |= k->plain == -1;
            if (k->type != YT_SCALAR || k->plain == -1)
                continue;
            if (is_key(k, "title")) {
                src[i].title = get_string(L, "title", val, 0);
            } else if (is_key(k, "url")) {
                const char *url = get_string(L, "url", val, 0);
                if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
                    problem(L, val->line, val->column,
                            "\"url\" must start with https:// or http://");
                    url = NULL;
                } else if (url && strchr(url, ' ')) {
                    problem(L, val->line, val->column, "\"url\" must not contain spaces");
                    url = NULL;
                }
                src[i].url = url;
            } else {
                unknown_key(L, k, known, 2);
            }
        }
        for (size_t j = 0; j < 2; j++) {
            const char *have = j == 0 ? src[i].title : src[i].url;
            int present = 0;
            for (size_t q = 0; q + 1 < m->n; q += 2)
                present |= is_key(m->kids[q], known[j]);
            if (!have && !present && !refused)
                problem(L, m->line, m->column, "missing required key \"%s\" in source %zu",
                        known[j], i + 1);
            if (!have)
                ok = 0;
        }
    }
    d->e.sources = src;
    d->e.n_sources = v->n;
    return ok ? 0 : -1;
}

/* ---- structured fields (second edition) -------------------------------- */

/* Looks up the values of `keys` in mapping m: vals[i] is the value of
 * keys[i] or NULL.  Unknown keys are reported with a hint; a key in
 * `required` (bit i for keys[i]) that is missing is reported at the
 * mapping as "missing required key "k" in <what>", what formatted from
 * what_fmt only then (most mappings have every key: no printf for them).
 * Returns 0 when every required key is there (or the parser refused a key,
 * already reported). */
static int map_fields(struct loader *L, const yt_node *m, const char *const *keys, size_t n,
                      unsigned required, const yt_node **vals, const char *what_fmt, ...)
    BL_PRINTF(7, 8);

static int map_fields(struct loader *L, const yt_node *m, const char *const *keys, size_t n,
                      unsigned required, const yt_node **vals, const char *what_fmt, ...)
{
    char what[128] = "";
    int refused = 0, ok = 1;
    for (size_t i = 0; i < n; i++)
        vals[i] = NULL;
    for (size_t j = 0; j + 1 < m->n; j += 2) {
        const yt_node *k = m->kids[j];
        refused |= k->plain == -1;
        if (k->type != YT_SCALAR || k->plain == -1)
            continue;
        size_t i;
        for (i = 0; i < n; i++)
            if (is_key(k, keys[i]))
                break;
        if (i == n)
            unknown_key(L, k, keys, n);
        else
            vals[i] = m->kids[j + 1];
    }
    for (size_t i = 0; i < n; i++)
        if ((required >> i & 1u) && !vals[i]) {
            if (!refused) {
                if (!what[0]) {
                    va_list ap;
                    va_start(ap, what_fmt);
                    vsnprintf(what, sizeof what, what_fmt, ap);
                    va_end(ap);
                }
                problem(L, m->line, m->column, "missing required key \"%s\" in %s", keys[i], what);
            }
            ok = 0;
        }
    return ok ? 0 : -1;
}

/* A mapping, or a message naming `what` and NULL. */
static const yt_node *want_map(struct loader *L, const yt_node *v, const char *what,
                               const char *with)
{
    if (v->plain == -1)
        return NULL;
    if (v->type != YT_MAP) {
        problem(L, v->line, v->column, "%s must be a mapping%s, not %s", what, with,
                yt_type_name(v->type));
        return NULL;
    }
    return v;
}

/* A non-empty list, or a message and NULL. */
static const yt_node *want_seq(struct loader *L, const yt_node *v, const char *key)
{
    if (v->plain == -1)
        return NULL;
    if (v->type != YT_SEQ) {
        if (v->type == YT_SCALAR && is_null_scalar(v))
            problem(L, v->line, v->column, "\"%s\" is empty", key);
        else
            problem(L, v->line, v->column, "\"%s\" must be a list, not %s", key,
                    yt_type_name(v->type));
        return NULL;
    }
    if (v->n == 0) {
        problem(L, v->line, v->column, "\"%s\" is an empty list", key);
        return NULL;
    }
    return v;
}

static int is_url(const char *s)
{
    return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

/* A URL-valued key: a string starting http(s):// without spaces. */
static const char *get_url(struct loader *L, const char *key, const yt_node *v)
{
    const char *url = get_string(L, key, v, 0);
    if (url && !is_url(url)) {
        problem(L, v->line, v->column, "\"%s\" must start with https:// or http://", key);
        return NULL;
    }
    if (url && strchr(url, ' ')) {
        problem(L, v->line, v->column, "\"%s\" must not contain spaces", key);
        return NULL;
    }
    return url;
}

/* A growing list of display items with styles, in the guide's arena. */
struct items {
    const char **v;
    unsigned char *styles;
    size_t n, cap;
    int failed;
};

static void items_add(struct loader *L, struct items *it, const char *s, enum bl_item_style st)
{
    if (it->failed || !s)
        return;
    if (it->n == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 16;
        const char **v = bl_arena_array(L->arena, cap, sizeof *v);
        unsigned char *styles = bl_arena_array(L->arena, cap, 1);
        if (!v || !styles) {
            out_of_memory(L);
            it->failed = 1;
            return;
        }
        if (it->n) {
            memcpy(v, it->v, it->n * sizeof *v);
            memcpy(styles, it->styles, it->n);
        }
        it->v = v;
        it->styles = styles;
        it->cap = cap;
    }
    it->v[it->n] = s;
    it->styles[it->n++] = (unsigned char)st;
}

static const char *arena_fmt(struct loader *L, const char *fmt, ...) BL_PRINTF(2, 3);

static const char *arena_fmt(struct loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = bl_arena_buffer(L->arena, (size_t)n + 1);
    if (!s) {
        out_of_memory(L);
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static int quick_facts(struct loader *L, const yt_node *v, bl_role_facts *rf, bl_field_value *out)
{
    const yt_node *m = want_map(L, v, "\"quick_facts\"", "");
    if (!m)
        return -1;
    const char *keys[BL_FACT_COUNT];
    const yt_node *vals[BL_FACT_COUNT];
    for (int f = 0; f < BL_FACT_COUNT; f++)
        keys[f] = bl_fact_info((enum bl_fact)f)->key;
    int ok = map_fields(L, m, keys, BL_FACT_COUNT, (1u << BL_FACT_COUNT) - 1, vals,
                        "\"quick_facts\"") == 0;
    const char **items = bl_arena_array(L->arena, BL_FACT_COUNT, sizeof *items);
    if (!items) {
        out_of_memory(L);
        return -1;
    }
    for (int f = 0; f < BL_FACT_COUNT; f++) {
        if (!vals[f])
            continue;
        const char *s = get_string(L, keys[f], vals[f], 0);
        if (s && strlen(s) > BL_FACT_MAX_LEN) {
            problem(L, vals[f]->line, vals[f]->column,
                    "\"%s\" is longer than %d characters (%zu); a quick fact is one short line",
                    keys[f], (int)BL_FACT_MAX_LEN, strlen(s));
            s = NULL;
        }
        if (!s)
            ok = 0;
        rf->facts[f] = items[f] = s;
    }
    if (!ok)
        return -1;
    *out =
        (bl_field_value){.field = BL_FIELD_QUICK_FACTS, .items = items, .n_items = BL_FACT_COUNT};
    return 0;
}

/* A list of strings as an arena array; -1 after a message. */
static int string_list(struct loader *L, const char *key, const yt_node *v,
                       const char *const **items, size_t *n)
{
    return get_list(L, key, v, items, n);
}

static int route_steps(struct loader *L, const yt_node *v, size_t r, bl_route *route)
{
    const yt_node *seq = want_seq(L, v, "steps");
    if (!seq)
        return -1;
    bl_route_step *steps = bl_arena_array(L->arena, seq->n, sizeof *steps);
    if (!steps) {
        out_of_memory(L);
        return -1;
    }
    int ok = 1;
    static const char *const keys[] = {"step", "duration"};
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        if (m->plain != -1 && m->type != YT_MAP) {
            problem(L, m->line, m->column,
                    "item %zu of \"steps\" must be a mapping with \"step\" (and \"duration\"), "
                    "not %s",
                    i + 1, yt_type_name(m->type));
            ok = 0;
            continue;
        }
        if (m->plain == -1) {
            ok = 0;
            continue;
        }
        const yt_node *vals[2];
        if (map_fields(L, m, keys, 2, 1u, vals, "step %zu of route %zu", i + 1, r + 1) < 0)
            ok = 0;
        if (vals[0] && !(steps[i].step = get_string(L, "step", vals[0], 0)))
            ok = 0;
        if (vals[1]) {
            const char *d = get_string(L, "duration", vals[1], 0);
            int letter = 0;
            for (const char *p = d; p && *p; p++)
                letter |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
            if (d && !letter) {
                problem(L, vals[1]->line, vals[1]->column,
                        "\"duration\" needs a unit (for example \"9 months\"), not \"%s\"", d);
                d = NULL;
            }
            if (!d)
                ok = 0;
            steps[i].duration = d;
        }
    }
    route->steps = steps;
    route->n_steps = seq->n;
    return ok ? 0 : -1;
}

/* A URL list (route sources). */
static int url_list(struct loader *L, const char *key, const yt_node *v, const char *const **items,
                    size_t *n)
{
    if (get_list(L, key, v, items, n) < 0)
        return -1;
    int ok = 1;
    for (size_t i = 0; i < *n; i++) {
        const yt_node *it = v->kids[i];
        if (!is_url((*items)[i])) {
            problem(L, it->line, it->column,
                    "item %zu of \"%s\" must be a URL starting with https:// or http://", i + 1,
                    key);
            ok = 0;
        } else if (strchr((*items)[i], ' ')) {
            problem(L, it->line, it->column, "item %zu of \"%s\" must not contain spaces", i + 1,
                    key);
            ok = 0;
        }
    }
    return ok ? 0 : -1;
}

static int routes(struct loader *L, const yt_node *v, bl_role_facts *rf, bl_field_value *out)
{
    const yt_node *seq = want_seq(L, v, "routes");
    if (!seq)
        return -1;
    bl_route *rs = bl_arena_array(L->arena, seq->n, sizeof *rs);
    if (!rs) {
        out_of_memory(L);
        return -1;
    }
    static const char *const keys[] = {"name",  "kind",   "where", "who", "serving_officer",
                                       "steps", "sources"};
    int ok = 1;
    struct items it = {0};
    for (size_t r = 0; r < seq->n; r++) {
        const yt_node *m = seq->kids[r];
        if (m->plain == -1) {
            ok = 0;
            continue;
        }
        if (m->type != YT_MAP) {
            problem(L, m->line, m->column, "item %zu of \"routes\" must be a mapping, not %s",
                    r + 1, yt_type_name(m->type));
            ok = 0;
            continue;
        }
        const yt_node *vals[7];
        if (map_fields(L, m, keys, 7, 0x7Fu, vals, "route %zu", r + 1) < 0)
            ok = 0;
        bl_route *ro = &rs[r];
        if (vals[0] && !(ro->name = get_string(L, "name", vals[0], 0)))
            ok = 0;
        if (vals[1]) {
            const char *k = get_string(L, "kind", vals[1], 0);
            int kind;
            for (kind = 0; k && kind < BL_ROUTE_KIND_COUNT; kind++)
                if (strcmp(k, bl_route_kind_key((enum bl_route_kind)kind)) == 0)
                    break;
            if (k && kind == BL_ROUTE_KIND_COUNT)
                problem(L, vals[1]->line, vals[1]->column,
                        "unknown route kind \"%s\" (use direct, secondment, internship, "
                        "graduate, trainee, national-service-first, appointment or volunteer)",
                        k);
            if (!k || kind == BL_ROUTE_KIND_COUNT)
                ok = 0;
            else
                ro->kind = (enum bl_route_kind)kind;
        }
        if (vals[2] && !(ro->where = get_string(L, "where", vals[2], 0)))
            ok = 0;
        if (vals[3] && string_list(L, "who", vals[3], &ro->who, &ro->n_who) < 0)
            ok = 0;
        if (vals[4]) {
            const char *s = get_string(L, "serving_officer", vals[4], 0);
            int sv;
            for (sv = 0; s && sv < BL_SERVING_COUNT; sv++)
                if (strcmp(s, bl_serving_key((enum bl_serving)sv)) == 0)
                    break;
            if (s && sv == BL_SERVING_COUNT)
                problem(L, vals[4]->line, vals[4]->column,
                        "\"serving_officer\" must be yes, no or either, not \"%s\"", s);
            if (!s || sv == BL_SERVING_COUNT)
                ok = 0;
            else
                ro->serving_officer = (enum bl_serving)sv;
        }
        if (vals[5] && route_steps(L, vals[5], r, ro) < 0)
            ok = 0;
        if (vals[6] && url_list(L, "sources", vals[6], &ro->sources, &ro->n_sources) < 0)
            ok = 0;
        if (!ok || L->no_display)
            continue;
        items_add(L, &it, ro->name, BL_ITEM_NAME);
        items_add(L, &it, arena_fmt(L, "%s \u00b7 %s", bl_route_kind_label(ro->kind), ro->where),
                  BL_ITEM_DETAIL);
        items_add(L, &it, bl_serving_label(ro->serving_officer), BL_ITEM_SUB);
        for (size_t i = 0; i < ro->n_who; i++)
            items_add(L, &it, ro->who[i], BL_ITEM_SUB);
        for (size_t i = 0; i < ro->n_steps; i++)
            items_add(L, &it,
                      ro->steps[i].duration
                          ? arena_fmt(L, "%s (%s)", ro->steps[i].step, ro->steps[i].duration)
                          : ro->steps[i].step,
                      BL_ITEM_STEP);
        for (size_t i = 0; i < ro->n_sources; i++)
            items_add(L, &it, ro->sources[i], BL_ITEM_SOURCE);
    }
    if (!ok || it.failed)
        return -1;
    rf->routes = rs;
    rf->n_routes = seq->n;
    *out = (bl_field_value){
        .field = BL_FIELD_ROUTES, .items = it.v, .n_items = it.n, .styles = it.styles};
    return 0;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
static int valid_partial_date(const char *s)
{
    size_t n = strlen(s);
    if (n == 10)
        return valid_date(s);
    if (n != 4 && n != 7)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (n == 4)
        return 1;
    if (s[4] != '-' || s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
        return 0;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    return month >= 1 && month <= 12;
}

/* A whole number of at most 12 digits; -1 after a message. */
static long long get_amount(struct loader *L, const char *key, const yt_node *v)
{
    const char *s = get_string(L, key, v, 0);
    if (!s)
        return -1;
    size_t n = strlen(s);
    int ok = n > 0 && n <= 12;
    for (size_t i = 0; i < n && ok; i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (!ok) {
        problem(L, v->line, v->column,
                "\"%s\" must be a whole number without separators, not \"%s\"", key, s);
        return -1;
    }
    return strtoll(s, NULL, 10);
}

enum {
    PAY_WHERE,
    PAY_GRADE,
    PAY_MIN,
    PAY_MAX,
    PAY_CURRENCY,
    PAY_PERIOD,
    PAY_AS_OF,
    PAY_NOTE,
    PAY_CHECK,
    PAY_SOURCE,
    PAY_KEYS
};

static int pay(struct loader *L, const yt_node *v, bl_role_facts *rf, bl_field_value *out)
{
    const yt_node *seq = want_seq(L, v, "pay");
    if (!seq)
        return -1;
    bl_pay *ps = bl_arena_array(L->arena, seq->n, sizeof *ps);
    if (!ps) {
        out_of_memory(L);
        return -1;
    }
    static const char *const keys[PAY_KEYS] = {
        [PAY_WHERE] = "where",  [PAY_GRADE] = "grade",       [PAY_MIN] = "min",
        [PAY_MAX] = "max",      [PAY_CURRENCY] = "currency", [PAY_PERIOD] = "period",
        [PAY_AS_OF] = "as_of",  [PAY_NOTE] = "note",         [PAY_CHECK] = "check",
        [PAY_SOURCE] = "source"};
    int ok = 1;
    struct items it = {0};
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        if (m->plain == -1) {
            ok = 0;
            continue;
        }
        if (m->type != YT_MAP) {
            problem(L, m->line, m->column, "item %zu of \"pay\" must be a mapping, not %s", i + 1,
                    yt_type_name(m->type));
            ok = 0;
            continue;
        }
        const yt_node *vals[PAY_KEYS];
        int item_ok = map_fields(L, m, keys, PAY_KEYS, 1u << PAY_WHERE | 1u << PAY_SOURCE, vals,
                                 "pay item %zu", i + 1) == 0;
        bl_pay *p = &ps[i];
        p->max = -1;
        if (vals[PAY_WHERE] && !(p->where = get_string(L, "where", vals[PAY_WHERE], 0)))
            item_ok = 0;
        if (vals[PAY_GRADE] && !(p->grade = get_string(L, "grade", vals[PAY_GRADE], 0)))
            item_ok = 0;
        if (vals[PAY_NOTE] && !(p->note = get_string(L, "note", vals[PAY_NOTE], 0)))
            item_ok = 0;
        if (vals[PAY_SOURCE] && !(p->source = get_url(L, "source", vals[PAY_SOURCE])))
            item_ok = 0;
        if (vals[PAY_CHECK]) {
            if (!(p->check = get_url(L, "check", vals[PAY_CHECK])))
                item_ok = 0;
            for (int k = PAY_MIN; k <= PAY_AS_OF; k++)
                if (vals[k]) {
                    problem(L, vals[k]->line, vals[k]->column,
                            "\"%s\" with \"check\": a pay item is either a figure or a "
                            "where-to-check link, not both",
                            keys[k]);
                    item_ok = 0;
                }
        } else {
            /* A figure: never a bare number. */
            static const int need[] = {PAY_MIN, PAY_CURRENCY, PAY_PERIOD, PAY_AS_OF};
            for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
                if (!vals[need[k]]) {
                    problem(L, m->line, m->column,
                            "missing required key \"%s\" in pay item %zu (a figure needs min, "
                            "currency, period and as_of; else give \"check\")",
                            keys[need[k]], i + 1);
                    item_ok = 0;
                }
            if (vals[PAY_MIN] && (p->min = get_amount(L, "min", vals[PAY_MIN])) < 0)
                item_ok = 0;
            if (vals[PAY_MAX] && (p->max = get_amount(L, "max", vals[PAY_MAX])) < 0)
                item_ok = 0;
            if (p->min >= 0 && p->max >= 0 && vals[PAY_MIN] && vals[PAY_MAX] && p->max < p->min) {
                problem(L, vals[PAY_MAX]->line, vals[PAY_MAX]->column,
                        "\"max\" (%lld) is less than \"min\" (%lld)", p->max, p->min);
                item_ok = 0;
            }
            if (vals[PAY_CURRENCY]) {
                const char *c = get_string(L, "currency", vals[PAY_CURRENCY], 0);
                if (c &&
                    !(strlen(c) == 3 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
                      c[2] >= 'A' && c[2] <= 'Z')) {
                    problem(L, vals[PAY_CURRENCY]->line, vals[PAY_CURRENCY]->column,
                            "\"currency\" must be an ISO 4217 code of three capital letters "
                            "(EUR, USD ...), not \"%s\"",
                            c);
                    c = NULL;
                }
                if (c)
                    memcpy(p->currency, c, 4);
                else
                    item_ok = 0;
            }
            if (vals[PAY_PERIOD]) {
                const char *s = get_string(L, "period", vals[PAY_PERIOD], 0);
                int per;
                for (per = 0; s && per < BL_PAY_PERIOD_COUNT; per++)
                    if (strcmp(s, bl_pay_period_key((enum bl_pay_period)per)) == 0)
                        break;
                if (s && per == BL_PAY_PERIOD_COUNT)
                    problem(L, vals[PAY_PERIOD]->line, vals[PAY_PERIOD]->column,
                            "\"period\" must be year, month, week, day or hour, not \"%s\"", s);
                if (!s || per == BL_PAY_PERIOD_COUNT)
                    item_ok = 0;
                else
                    p->period = (enum bl_pay_period)per;
            }
            if (vals[PAY_AS_OF]) {
                const char *s = get_string(L, "as_of", vals[PAY_AS_OF], 0);
                if (s && !valid_partial_date(s)) {
                    problem(L, vals[PAY_AS_OF]->line, vals[PAY_AS_OF]->column,
                            "\"as_of\" must be a date written YYYY, YYYY-MM or YYYY-MM-DD, "
                            "not \"%s\"",
                            s);
                    s = NULL;
                }
                if (!s)
                    item_ok = 0;
                p->as_of = s;
            }
        }
        if (!item_ok) {
            ok = 0;
            continue;
        }
        if (L->no_display)
            continue;
        int n = bl_pay_format(p, NULL, 0);
        char *line = n >= 0 ? bl_arena_buffer(L->arena, (size_t)n + 1) : NULL;
        if (!line) {
            out_of_memory(L);
            return -1;
        }
        bl_pay_format(p, line, (size_t)n + 1);
        items_add(L, &it, line, BL_ITEM_BULLET);
        items_add(L, &it, p->source, BL_ITEM_SOURCE);
    }
    if (!ok || it.failed)
        return -1;
    rf->pay = ps;
    rf->n_pay = seq->n;
    *out = (bl_field_value){
        .field = BL_FIELD_PAY, .items = it.v, .n_items = it.n, .styles = it.styles};
    return 0;
}

static int fit(struct loader *L, const yt_node *v, bl_role_facts *rf, bl_field_value *out)
{
    const yt_node *m = want_map(L, v, "\"fit\"", " of the fit dimensions");
    if (!m)
        return -1;
    const char *keys[BL_FIT_COUNT];
    const yt_node *vals[BL_FIT_COUNT];
    for (int d = 0; d < BL_FIT_COUNT; d++)
        keys[d] = bl_fit_info((enum bl_fit_dim)d)->key;
    int ok = map_fields(L, m, keys, BL_FIT_COUNT, (1u << BL_FIT_COUNT) - 1, vals, "\"fit\"") == 0;
    const char **reasons = bl_arena_array(L->arena, BL_FIT_COUNT, sizeof *reasons);
    if (!reasons) {
        out_of_memory(L);
        return -1;
    }
    static const char *const sub[] = {"level", "reason"};
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        if (!vals[d])
            continue;
        const yt_node *dm = vals[d];
        if (dm->plain == -1 || dm->type != YT_MAP) {
            char what[64];
            snprintf(what, sizeof what, "fit \"%s\"", keys[d]);
            dm = want_map(L, vals[d], what, " with \"level\" and \"reason\"");
        }
        const yt_node *lr[2];
        if (!dm || map_fields(L, dm, sub, 2, 3u, lr, "fit \"%s\"", keys[d]) < 0) {
            ok = 0;
            if (!dm)
                continue;
        }
        if (lr[0]) {
            const char *s = get_string(L, "level", lr[0], 0);
            if (s && !(s[0] >= '0' && s[0] <= '0' + BL_FIT_MAX_LEVEL && s[1] == '\0')) {
                problem(L, lr[0]->line, lr[0]->column,
                        "\"level\" of \"%s\" must be a whole number from 0 to %d, not \"%s\"",
                        keys[d], BL_FIT_MAX_LEVEL, s);
                s = NULL;
            }
            if (s)
                rf->fit[d].level = s[0] - '0';
            else
                ok = 0;
        }
        if (lr[1]) {
            const char *s = get_string(L, "reason", lr[1], 0);
            if (s && strlen(s) > BL_FIT_MAX_REASON) {
                problem(L, lr[1]->line, lr[1]->column,
                        "\"reason\" of \"%s\" is longer than %d characters (%zu); keep it to "
                        "one line",
                        keys[d], BL_FIT_MAX_REASON, strlen(s));
                s = NULL;
            }
            if (!s)
                ok = 0;
            rf->fit[d].reason = reasons[d] = s;
        }
    }
    if (!ok)
        return -1;
    *out = (bl_field_value){.field = BL_FIELD_FIT, .items = reasons, .n_items = BL_FIT_COUNT};
    return 0;
}

static int find_named(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return (int)i;
    return -1;
}

/* A list of ids with no repeats; -1 after a message. */
static int id_list(struct loader *L, const char *key, const yt_node *v, const char *const **items,
                   size_t *n)
{
    if (get_list(L, key, v, items, n) < 0)
        return -1;
    int ok = 1;
    for (size_t i = 0; i < *n; i++) {
        const yt_node *it = v->kids[i];
        if (!valid_id((*items)[i])) {
            problem(L, it->line, it->column, "bad id \"%s\" in \"%s\": " BADID_TEXT, (*items)[i],
                    key, BL_MAX_ID);
            ok = 0;
            continue;
        }
        if (find_named(*items, i, (*items)[i]) >= 0) {
            problem(L, it->line, it->column, "\"%s\" is listed twice in \"%s\"", (*items)[i], key);
            ok = 0;
        }
    }
    return ok ? 0 : -1;
}

static int crime_areas(struct loader *L, const yt_node *v, bl_role_facts *rf, bl_field_value *out)
{
    const char *const *ids;
    size_t n;
    if (id_list(L, "crime_areas", v, &ids, &n) < 0)
        return -1;
    size_t *idx = bl_arena_array(L->arena, n, sizeof *idx);
    const char **labels = bl_arena_array(L->arena, n, sizeof *labels);
    if (!idx || !labels) {
        out_of_memory(L);
        return -1;
    }
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        labels[i] = ids[i];
        if (!L->have_areas)
            continue; /* sections.yaml lacks them: reported there, or not known here */
        int a = find_named(L->area_ids, L->n_areas, ids[i]);
        if (a < 0) {
            problem(L, v->kids[i]->line, v->kids[i]->column,
                    "unknown crime area \"%s\" (see \"crime_areas\" in sections.yaml)", ids[i]);
            ok = 0;
            continue;
        }
        idx[i] = (size_t)a;
        labels[i] = L->area_labels[a];
    }
    if (!ok)
        return -1;
    rf->crime_areas = idx;
    rf->n_crime_areas = n;
    *out = (bl_field_value){.field = BL_FIELD_CRIME_AREAS, .items = labels, .n_items = n};
    return 0;
}

static int group(struct loader *L, const yt_node *v, bl_role_facts *rf)
{
    const char *id = get_string(L, "group", v, 0);
    if (!id)
        return -1;
    if (!L->have_groups)
        return 0;
    int gi = find_named(L->group_ids, L->n_groups, id);
    if (gi < 0) {
        problem(L, v->line, v->column, "unknown group \"%s\" (see \"groups\" in sections.yaml)",
                id);
        return -1;
    }
    rf->group = (size_t)gi;
    return 0;
}

/* A role's `sections`: ids of sections, checked and linked once every
 * file is read. */
static int role_sections(struct loader *L, struct draft *d, const yt_node *v, bl_field_value *out)
{
    const char *const *ids;
    size_t n;
    if (id_list(L, "sections", v, &ids, &n) < 0)
        return -1;
    free(d->section_refs);
    d->section_refs = calloc(n, sizeof *d->section_refs);
    if (!d->section_refs) {
        d->n_section_refs = 0;
        out_of_memory(L);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        d->section_refs[i] =
            (struct link_ref){.id = ids[i], .line = v->kids[i]->line, .column = v->kids[i]->column};
    d->n_section_refs = n;
    *out = (bl_field_value){.field = BL_FIELD_SECTIONS, .items = ids, .n_items = n};
    return 0;
}

/* After a role's keys: every route and pay source must be one of the
 * role's sources.  Positions come from the tree (`routes_node`, `pay_node`). */
static void check_role_sources(struct loader *L, const struct draft *d, const yt_node *routes_node,
                               const yt_node *pay_node)
{
    const bl_entry *e = &d->e;
    const bl_role_facts *rf = d->facts;
    if (!e->sources || !rf)
        return;
    for (size_t s = 0; s < e->n_sources; s++)
        if (!e->sources[s].url)
            return; /* the sources had problems, already reported */
    for (size_t r = 0; routes_node && r < rf->n_routes; r++) {
        const yt_node *m = routes_node->kids[r];
        const yt_node *list = NULL;
        for (size_t j = 0; j + 1 < m->n; j += 2)
            if (is_key(m->kids[j], "sources"))
                list = m->kids[j + 1];
        for (size_t i = 0; list && i < rf->routes[r].n_sources; i++) {
            const char *url = rf->routes[r].sources[i];
            size_t s;
            for (s = 0; s < e->n_sources; s++)
                if (strcmp(e->sources[s].url, url) == 0)
                    break;
            if (s == e->n_sources)
                problem(L, list->kids[i]->line, list->kids[i]->column,
                        "route source \"%s\" is not in the role's \"sources\"", url);
        }
    }
    for (size_t i = 0; pay_node && i < rf->n_pay; i++) {
        const yt_node *m = pay_node->kids[i];
        const char *url = rf->pay[i].source;
        size_t s;
        for (s = 0; s < e->n_sources; s++)
            if (strcmp(e->sources[s].url, url) == 0)
                break;
        if (s < e->n_sources)
            continue;
        for (size_t j = 0; j + 1 < m->n; j += 2)
            if (is_key(m->kids[j], "source"))
                problem(L, m->kids[j + 1]->line, m->kids[j + 1]->column,
                        "pay source \"%s\" is not in the role's \"sources\"", url);
    }
}

/* ---- groups, crime areas and the glossary (sections.yaml) ------------------ */

/* A list of {id, <label_key>} mappings (groups, crime areas) into ids[] and
 * labels[] (malloc'd arrays of arena strings).  *have is set when the list
 * is valid, so that roles are checked against it. */
static void id_label_list(struct loader *L, const yt_node *v, const char *key,
                          const char *label_key, const char *what, const char ***ids,
                          const char ***labels, size_t *n, int *have)
{
    const yt_node *seq = want_seq(L, v, key);
    if (!seq)
        return;
    free(*ids);
    free(*labels);
    *ids = calloc(seq->n, sizeof **ids);
    *labels = calloc(seq->n, sizeof **labels);
    *n = 0;
    if (!*ids || !*labels) {
        out_of_memory(L);
        return;
    }
    const char *const keys[] = {"id", label_key};
    int ok = 1;
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        if (m->plain == -1) {
            ok = 0;
            continue;
        }
        if (m->type != YT_MAP) {
            problem(L, m->line, m->column,
                    "item %zu of \"%s\" must be a mapping with \"id\" and \"%s\", not %s", i + 1,
                    key, label_key, yt_type_name(m->type));
            ok = 0;
            continue;
        }
        const yt_node *vals[2];
        char w[48];
        snprintf(w, sizeof w, "%s %zu", what, i + 1);
        if (map_fields(L, m, keys, 2, 3u, vals, "%s", w) < 0)
            ok = 0;
        const char *id = vals[0] ? get_string(L, "id", vals[0], 0) : NULL;
        if (id && !valid_id(id)) {
            problem(L, vals[0]->line, vals[0]->column, "bad id \"%s\": " BADID_TEXT, id, BL_MAX_ID);
            id = NULL;
        }
        if (id)
            for (size_t j = 0; j < *n; j++)
                if ((*ids)[j] && strcmp((*ids)[j], id) == 0) {
                    problem(L, vals[0]->line, vals[0]->column,
                            "duplicate %s id \"%s\" (first in %s %zu)", what, id, what, j + 1);
                    id = NULL;
                    break;
                }
        const char *label = vals[1] ? get_string(L, label_key, vals[1], 0) : NULL;
        if (!id || !label)
            ok = 0;
        (*ids)[*n] = id ? id : "";
        (*labels)[*n] = label;
        (*n)++;
    }
    *have = ok;
}

static void load_glossary(struct loader *L, const yt_node *v)
{
    const yt_node *seq = want_seq(L, v, "glossary");
    if (!seq)
        return;
    for (size_t i = 0; i < L->n_gloss; i++)
        free(L->gloss[i].refs);
    free(L->gloss);
    L->n_gloss = 0;
    L->gloss = calloc(seq->n, sizeof *L->gloss);
    if (!L->gloss) {
        out_of_memory(L);
        return;
    }
    static const char *const keys[] = {"term", "expansion", "definition", "related"};
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        if (m->plain == -1)
            continue;
        if (m->type != YT_MAP) {
            problem(L, m->line, m->column,
                    "item %zu of \"glossary\" must be a mapping with \"term\", \"expansion\" "
                    "and \"definition\", not %s",
                    i + 1, yt_type_name(m->type));
            continue;
        }
        struct gloss *gl = &L->gloss[L->n_gloss++];
        gl->line = m->line;
        gl->column = m->column;
        const yt_node *vals[4];
        char what[40];
        snprintf(what, sizeof what, "glossary term %zu", i + 1);
        map_fields(L, m, keys, 4, 7u, vals, "%s", what);
        if (vals[0]) {
            gl->t.term = get_string(L, "term", vals[0], 0);
            for (size_t j = 0; gl->t.term && j + 1 < L->n_gloss; j++)
                if (L->gloss[j].t.term && bl_term_casecmp(L->gloss[j].t.term, gl->t.term) == 0) {
                    problem(L, vals[0]->line, vals[0]->column,
                            "duplicate glossary term \"%s\" (first at line %zu)", gl->t.term,
                            L->gloss[j].line);
                    break;
                }
        }
        if (vals[1])
            gl->t.expansion = get_string(L, "expansion", vals[1], 0);
        if (vals[2])
            gl->t.definition = get_string(L, "definition", vals[2], 0);
        const char *const *ids;
        size_t n;
        if (vals[3] && id_list(L, "related", vals[3], &ids, &n) == 0) {
            gl->refs = calloc(n, sizeof *gl->refs);
            if (!gl->refs) {
                out_of_memory(L);
                continue;
            }
            for (size_t j = 0; j < n; j++)
                gl->refs[j] = (struct link_ref){.id = ids[j],
                                                .line = vals[3]->kids[j]->line,
                                                .column = vals[3]->kids[j]->column};
            gl->n_refs = n;
        }
    }
    L->have_glossary = 1;
}

/* ---- the fit finder's questions (sections.yaml `fit_questions`) ------------ */

#define FITQ_MAX_TEXT 200 /* bytes in a question */
#define FITQ_MAX_LABEL 80 /* bytes in an answer label */
#define FITQ_MAX_CHOICES 12

/* An answer label: one line, not a word the answers file reads otherwise. */
static const char *fitq_label(struct loader *L, const char *what, const yt_node *v)
{
    const char *s = get_string(L, what, v, 0);
    if (!s)
        return NULL;
    if (strlen(s) > FITQ_MAX_LABEL) {
        problem(L, v->line, v->column, "\"%s\" is longer than %d characters (%zu)", what,
                FITQ_MAX_LABEL, strlen(s));
        return NULL;
    }
    int digits = 1;
    for (const char *c = s; *c; c++)
        digits &= *c >= '0' && *c <= '9';
    if (digits || strcasecmp(s, "none") == 0 || strchr(s, '=') || strchr(s, '!') ||
        strchr(s, '|') || strchr(s, '#')) {
        problem(L, v->line, v->column,
                "\"%s\" \"%s\" would be misread in an answers file: use words, without "
                "'=', '!', '|' or '#', other than \"none\"",
                what, s);
        return NULL;
    }
    return s;
}

/* The `choices` of a situation or citizenship question. */
static int fitq_choices(struct loader *L, const yt_node *v, bl_fit_question *q)
{
    const yt_node *seq = want_seq(L, v, "choices");
    if (!seq)
        return -1;
    if (seq->n < 2 || seq->n > FITQ_MAX_CHOICES) {
        problem(L, seq->line, seq->column, "\"choices\" of \"%s\" needs 2 to %d items, not %zu",
                q->key, FITQ_MAX_CHOICES, seq->n);
        return -1;
    }
    bl_fit_choice *ch = bl_arena_array(L->arena, seq->n, sizeof *ch);
    if (!ch) {
        out_of_memory(L);
        return -1;
    }
    int situation = q->kind == BL_FITQ_SITUATION;
    static const char *const keys[] = {"id", "label", "serving_officer", "matches"};
    int ok = 1;
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        char what[64];
        snprintf(what, sizeof what, "choice %zu of \"%s\"", i + 1, q->key);
        if (!want_map(L, m, what, " with \"id\" and \"label\"")) {
            ok = 0;
            continue;
        }
        const yt_node *vals[4];
        if (map_fields(L, m, keys, 4, situation ? 7u : 3u, vals, "%s", what) < 0)
            ok = 0;
        if (vals[0]) {
            ch[i].id = get_string(L, "id", vals[0], 0);
            if (ch[i].id && !valid_id(ch[i].id)) {
                problem(L, vals[0]->line, vals[0]->column, "bad id \"%s\": " BADID_TEXT, ch[i].id,
                        BL_MAX_ID);
                ch[i].id = NULL;
            }
            for (size_t j = 0; ch[i].id && j < i; j++)
                if (ch[j].id && strcmp(ch[j].id, ch[i].id) == 0) {
                    problem(L, vals[0]->line, vals[0]->column,
                            "duplicate choice id \"%s\" in \"%s\"", ch[i].id, q->key);
                    ch[i].id = NULL;
                }
            ok &= ch[i].id != NULL;
        }
        if (vals[1]) {
            ch[i].label = fitq_label(L, "label", vals[1]);
            ok &= ch[i].label != NULL;
        }
        if (vals[2]) {
            const char *s = situation ? get_string(L, "serving_officer", vals[2], 0) : NULL;
            if (!situation) {
                problem(L, vals[2]->line, vals[2]->column,
                        "\"serving_officer\" belongs to the choices of \"situation\" only");
                ok = 0;
            } else if (s && strcmp(s, "yes") != 0 && strcmp(s, "no") != 0) {
                problem(L, vals[2]->line, vals[2]->column,
                        "\"serving_officer\" must be yes or no, not \"%s\"", s);
                ok = 0;
            } else if (!s) {
                ok = 0;
            } else {
                ch[i].serving = strcmp(s, "yes") == 0;
            }
        }
        if (vals[3]) {
            if (q->kind != BL_FITQ_CITIZENSHIP) {
                problem(L, vals[3]->line, vals[3]->column,
                        "\"matches\" belongs to the choices of \"citizenship\" only");
                ok = 0;
            } else if (get_list(L, "matches", vals[3], &ch[i].matches, &ch[i].n_matches) < 0) {
                ok = 0;
            }
        }
    }
    q->choices = ch;
    q->n_choices = seq->n;
    return ok ? 0 : -1;
}

static void load_fit_questions(struct loader *L, const yt_node *v)
{
    const yt_node *seq = want_seq(L, v, "fit_questions");
    if (!seq)
        return;
    /* Every key a question may have, by kind: LEVEL questions are the fit
     * dimensions, then the three others. */
    enum { N_KEYS = BL_FIT_COUNT + 3 };
    const char *qkeys[N_KEYS];
    for (int d = 0; d < BL_FIT_COUNT; d++)
        qkeys[d] = bl_fit_info((enum bl_fit_dim)d)->key;
    qkeys[BL_FIT_COUNT] = BL_FIT_KEY_AREAS;
    qkeys[BL_FIT_COUNT + 1] = BL_FIT_KEY_SITUATION;
    qkeys[BL_FIT_COUNT + 2] = BL_FIT_KEY_CITIZENSHIP;
    size_t seen_at[N_KEYS] = {0}; /* line of the question with that key, 0: none */

    bl_fit_question *qs = bl_arena_array(L->arena, seq->n, sizeof *qs);
    if (!qs) {
        out_of_memory(L);
        return;
    }
    static const char *const keys[] = {"key", "text", "answers", "choices", "weight"};
    int ok = 1;
    size_t n = 0;
    for (size_t i = 0; i < seq->n; i++) {
        const yt_node *m = seq->kids[i];
        char what[48];
        snprintf(what, sizeof what, "fit question %zu", i + 1);
        if (!want_map(L, m, what, " with \"key\" and \"text\"")) {
            ok = 0;
            continue;
        }
        const yt_node *vals[5];
        if (map_fields(L, m, keys, 5, 3u, vals, "%s", what) < 0)
            ok = 0;
        bl_fit_question *q = &qs[n++];
        q->weight = 1;
        int k = -1;
        if (vals[0]) {
            q->key = get_string(L, "key", vals[0], 0);
            if (q->key) {
                for (k = 0; k < N_KEYS && strcmp(qkeys[k], q->key) != 0; k++)
                    ;
                if (k == N_KEYS) {
                    unknown_key(L, vals[0], qkeys, N_KEYS);
                    k = -1;
                } else if (seen_at[k]) {
                    problem(L, vals[0]->line, vals[0]->column,
                            "a second question for \"%s\" (the first is at line %zu)", q->key,
                            seen_at[k]);
                    k = -1;
                } else {
                    seen_at[k] = vals[0]->line;
                }
            }
            if (k < 0)
                ok = 0;
        }
        if (k >= 0 && k < BL_FIT_COUNT) {
            q->kind = BL_FITQ_LEVEL;
            q->dim = (enum bl_fit_dim)k;
        } else if (k == BL_FIT_COUNT) {
            q->kind = BL_FITQ_AREAS;
        } else if (k == BL_FIT_COUNT + 1) {
            q->kind = BL_FITQ_SITUATION;
        } else if (k == BL_FIT_COUNT + 2) {
            q->kind = BL_FITQ_CITIZENSHIP;
        }
        if (vals[1]) {
            q->text = get_string(L, "text", vals[1], 0);
            if (q->text && strlen(q->text) > FITQ_MAX_TEXT) {
                problem(L, vals[1]->line, vals[1]->column,
                        "\"text\" is longer than %d characters (%zu)", FITQ_MAX_TEXT,
                        strlen(q->text));
                q->text = NULL;
            }
            ok &= q->text != NULL;
        }
        if (k < 0)
            continue; /* which other keys belong is unknown */
        const char *key = q->key;
        if (q->kind == BL_FITQ_LEVEL) {
            if (!vals[2]) {
                problem(L, m->line, m->column,
                        "missing required key \"answers\" in %s (five labels, for 0 to 4)", what);
                ok = 0;
            } else if (want_seq(L, vals[2], "answers")) {
                if (vals[2]->n != BL_FIT_ANSWERS) {
                    problem(L, vals[2]->line, vals[2]->column,
                            "\"answers\" of \"%s\" needs %d labels (for 0 to %d), not %zu", key,
                            BL_FIT_ANSWERS, BL_FIT_MAX_LEVEL, vals[2]->n);
                    ok = 0;
                } else {
                    for (int a = 0; a < BL_FIT_ANSWERS; a++) {
                        const yt_node *it = vals[2]->kids[a];
                        q->answers[a] = fitq_label(L, "answers", it);
                        for (int b = 0; q->answers[a] && b < a; b++)
                            if (q->answers[b] && strcasecmp(q->answers[b], q->answers[a]) == 0) {
                                problem(L, it->line, it->column,
                                        "answer \"%s\" is listed twice in \"%s\"", q->answers[a],
                                        key);
                                q->answers[a] = NULL;
                                break;
                            }
                        ok &= q->answers[a] != NULL;
                    }
                }
            } else {
                ok = 0;
            }
        } else if (vals[2]) {
            problem(L, vals[2]->line, vals[2]->column, "\"%s\" takes no \"answers\"%s", key,
                    q->kind == BL_FITQ_AREAS ? ": its answers are the crime areas"
                                             : "; give \"choices\"");
            ok = 0;
        }
        if (q->kind == BL_FITQ_SITUATION || q->kind == BL_FITQ_CITIZENSHIP) {
            if (!vals[3]) {
                problem(L, m->line, m->column, "missing required key \"choices\" in %s", what);
                ok = 0;
            } else if (fitq_choices(L, vals[3], q) < 0) {
                ok = 0;
            }
        } else if (vals[3]) {
            problem(L, vals[3]->line, vals[3]->column,
                    "\"choices\" belongs to \"situation\" and \"citizenship\" only");
            ok = 0;
        }
        if (vals[4]) {
            const char *s = get_string(L, "weight", vals[4], 0);
            if (s && !(s[0] >= '1' && s[0] <= '0' + BL_FIT_MAX_WEIGHT && s[1] == '\0')) {
                problem(L, vals[4]->line, vals[4]->column,
                        "\"weight\" must be a whole number from 1 to %d, not \"%s\"",
                        BL_FIT_MAX_WEIGHT, s);
                s = NULL;
            }
            if (s)
                q->weight = s[0] - '0';
            else
                ok = 0;
            if (s && (q->kind == BL_FITQ_SITUATION || q->kind == BL_FITQ_CITIZENSHIP)) {
                problem(L, vals[4]->line, vals[4]->column,
                        "\"%s\" takes no \"weight\": it does not change the ranking", key);
                ok = 0;
            }
        }
    }
    if (ok)
        for (int k = 0; k < N_KEYS; k++)
            if (!seen_at[k]) {
                problem(L, seq->line, seq->column, "\"fit_questions\" has no question for \"%s\"",
                        qkeys[k]);
                ok = 0;
            }
    if (ok) {
        L->fitq = qs;
        L->n_fitq = n;
    }
}

/* Fills d from the mapping m: a role file's root, or one item of
 * sections.yaml's `sections`. */
static void build_entry(struct loader *L, struct draft *d, const yt_node *m)
{
    enum bl_entry_kind kind = d->e.kind;
    int is_role = kind == BL_ENTRY_ROLE;
    bl_field_value vals[BL_FIELD_COUNT];
    int have[BL_FIELD_COUNT] = {0};
    int have_title = 0, have_sources = 0, have_reviewed = 0, have_id = 0, have_group = 0;
    int saw_entry_routes = 0;
    const yt_node *routes_node = NULL, *pay_node = NULL;
    const char *known[BL_FIELD_COUNT + 4];
    size_t n_known = 0;
    bl_role_facts *rf = NULL;

    if (is_role) {
        rf = d->facts = bl_arena_alloc(L->arena, sizeof *rf);
        if (!rf) {
            out_of_memory(L);
            return;
        }
        d->e.role = rf;
    }
    known[n_known++] = "title";
    known[n_known++] = is_role ? "sources" : "id";
    if (is_role) {
        known[n_known++] = "reviewed";
        known[n_known++] = "group";
    }
    for (int f = 0; f < BL_FIELD_COUNT; f++) {
        const struct bl_field_info *fi = bl_field_info(f);
        const char *key = is_role ? fi->role_key : fi->section_key;
        if (key)
            known[n_known++] = key;
    }

    int refused = 0; /* a key the parser refused: no "missing" messages */
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const yt_node *k = m->kids[i], *v = m->kids[i + 1];
        refused |= k->plain == -1;
        if (k->type != YT_SCALAR || k->plain == -1)
            continue; /* reported by the parser */
        if (is_key(k, "title")) {
            have_title = 1;
            d->e.title = get_string(L, "title", v, 0);
            continue;
        }
        if (!is_role && is_key(k, "id")) {
            have_id = 1;
            const char *id = get_string(L, "id", v, 0);
            if (id && !valid_id(id)) {
                problem(L, v->line, v->column,
                        "bad id \"%s\": use lowercase letters, digits and '-' (at most %d)", id,
                        BL_MAX_ID);
                id = NULL;
            }
            d->e.id = id;
            continue;
        }
        if (is_role && is_key(k, "sources")) {
            have_sources = 1;
            get_sources(L, v, d);
            continue;
        }
        if (is_role && is_key(k, "reviewed")) {
            have_reviewed = 1;
            const char *r = get_string(L, "reviewed", v, 0);
            if (r && !valid_date(r)) {
                problem(L, v->line, v->column,
                        "\"reviewed\" must be a date written YYYY-MM-DD, not \"%s\"", r);
                r = NULL;
            }
            d->e.reviewed = r;
            continue;
        }
        if (is_role && is_key(k, "entry_routes")) {
            saw_entry_routes = 1;
            problem(L, k->line, k->column,
                    "\"entry_routes\" is replaced by \"routes\": give each way in as a route "
                    "with name, kind, where, who, serving_officer, steps and sources "
                    "(see content/README.md)");
            continue;
        }
        if (is_role && is_key(k, "group")) {
            have_group = 1;
            group(L, v, rf);
            continue;
        }
        int f;
        for (f = 0; f < BL_FIELD_COUNT; f++) {
            const struct bl_field_info *fi = bl_field_info(f);
            const char *key = is_role ? fi->role_key : fi->section_key;
            if (key && is_key(k, key))
                break;
        }
        if (f == BL_FIELD_COUNT) {
            unknown_key(L, k, known, n_known);
            continue;
        }
        const struct bl_field_info *fi = bl_field_info(f);
        const char *key = k->str;
        have[f] = 1;
        vals[f] = (bl_field_value){.field = f};
        if (is_role) {
            int rc = 1; /* 1: not a structured field */
            switch (f) {
            case BL_FIELD_QUICK_FACTS:
                rc = quick_facts(L, v, rf, &vals[f]);
                break;
            case BL_FIELD_ROUTES:
                rc = routes(L, v, rf, &vals[f]);
                routes_node = rc == 0 ? v : NULL;
                break;
            case BL_FIELD_PAY:
                rc = pay(L, v, rf, &vals[f]);
                pay_node = rc == 0 ? v : NULL;
                break;
            case BL_FIELD_FIT:
                rc = fit(L, v, rf, &vals[f]);
                break;
            case BL_FIELD_CRIME_AREAS:
                rc = crime_areas(L, v, rf, &vals[f]);
                break;
            case BL_FIELD_SECTIONS:
                rc = role_sections(L, d, v, &vals[f]);
                break;
            default:
                break;
            }
            if (rc < 0)
                have[f] = -1;
            if (rc <= 0)
                continue;
        }
        if (fi->kind == BL_KIND_TEXT) {
            vals[f].text = get_string(L, key, v, 1);
            if (!vals[f].text)
                have[f] = -1;
            continue;
        }
        if (get_list(L, key, v, &vals[f].items, &vals[f].n_items) < 0) {
            have[f] = -1;
            continue;
        }
        if (f == BL_FIELD_RELATED) {
            int ok = 1;
            for (size_t j = 0; j < v->n; j++) {
                const yt_node *it = v->kids[j];
                if (!valid_id(it->str)) {
                    problem(L, it->line, it->column, "bad role id \"%s\" in \"%s\"", it->str, key);
                    ok = 0;
                } else if (is_role && d->e.id && strcmp(it->str, d->e.id) == 0) {
                    problem(L, it->line, it->column, "a role cannot be related to itself");
                    ok = 0;
                }
                for (size_t q = 0; q < j && ok; q++)
                    if (strcmp(v->kids[q]->str, it->str) == 0) {
                        problem(L, it->line, it->column, "\"%s\" is listed twice in \"%s\"",
                                it->str, key);
                        ok = 0;
                    }
            }
            if (!ok || keep_refs(L, d, v) < 0)
                have[f] = -1;
        }
    }

    /* Required keys, reported where the mapping starts. */
    if (refused)
        have_title = have_id = have_sources = have_reviewed = 1;
    if (!have_title)
        problem(L, m->line, m->column, "missing required key \"title\"");
    if (!is_role && !have_id)
        problem(L, m->line, m->column, "missing required key \"id\"");
    if (is_role && !have_sources)
        problem(L, m->line, m->column, "missing required key \"sources\"");
    if (is_role && !have_reviewed)
        problem(L, m->line, m->column, "missing required key \"reviewed\"");
    if (is_role && !have_group && !refused)
        problem(L, m->line, m->column, "missing required key \"group\"");
    if (saw_entry_routes && !have[BL_FIELD_ROUTES])
        have[BL_FIELD_ROUTES] = -1; /* reported as replaced, not as missing */
    size_t n = 0;
    for (int f = 0; f < BL_FIELD_COUNT; f++) {
        const struct bl_field_info *fi = bl_field_info(f);
        int required = is_role ? fi->role_required : fi->section_required;
        if (required && !have[f] && !refused)
            problem(L, m->line, m->column, "missing required key \"%s\"",
                    is_role ? fi->role_key : fi->section_key);
        n += have[f] == 1;
    }
    bl_field_value *fields = bl_arena_array(L->arena, n ? n : 1, sizeof *fields);
    if (!fields) {
        out_of_memory(L);
        return;
    }
    n = 0;
    for (int f = 0; f < BL_FIELD_COUNT; f++)
        if (have[f] == 1)
            fields[n++] = vals[f];
    d->e.fields = fields;
    d->e.n_fields = n;
    if (is_role)
        check_role_sources(L, d, routes_node, pay_node);
}

/* ---- files ---------------------------------------------------------------- */

/* Reads a regular file of at most BL_MAX_FILE_SIZE bytes.  Never blocks on
 * a FIFO or device: it is opened non-blocking and refused by its type. */
static unsigned char *read_file(struct loader *L, const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        problem(L, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        problem(L, 0, 0, "cannot read: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        problem(L, 0, 0, "not a regular file (%s)",
                S_ISDIR(st.st_mode)                              ? "a folder"
                    : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                    : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                 : "a special file");
        close(fd);
        return NULL;
    }
    if ((uintmax_t)st.st_size > BL_MAX_FILE_SIZE) {
        problem(L, 0, 0, "file is larger than %zu bytes", BL_MAX_FILE_SIZE);
        close(fd);
        return NULL;
    }
    /* One byte more than allowed, to notice a file that grew meanwhile. */
    size_t cap = (size_t)st.st_size + 1;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        out_of_memory(L);
        close(fd);
        return NULL;
    }
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap > BL_MAX_FILE_SIZE) {
                problem(L, 0, 0, "file is larger than %zu bytes", BL_MAX_FILE_SIZE);
                free(buf);
                close(fd);
                return NULL;
            }
            size_t ncap = cap * 2 > BL_MAX_FILE_SIZE + 1 ? BL_MAX_FILE_SIZE + 1 : cap * 2;
            unsigned char *nb = realloc(buf, ncap);
            if (!nb) {
                out_of_memory(L);
                free(buf);
                close(fd);
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            problem(L, 0, 0, "cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *len = n;
    return buf;
}

/* The scratch arena for one file's tree, emptied of the previous file's. */
static bl_arena *scratch_arena(struct loader *L)
{
    if (L->scratch)
        bl_arena_reset(L->scratch);
    else
        L->scratch = bl_arena_new();
    return L->scratch;
}

static void check_role_done(struct loader *L, struct draft *d, int plain);

/* Whether buf[0..len) may hold a character whose width is unreliable:
 * every such character is U+0300 or above (a lead byte from 0xCC), or
 * comes from an escape in a double-quoted string (a backslash). */
static int may_be_wide(const unsigned char *buf, size_t len)
{
    size_t i = 0;
#ifdef __SSE2__
    for (; len - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(buf + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8((char)0xCC)), x),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
        if (_mm_movemask_epi8(hit))
            return 1;
    }
#endif
    for (; i < len; i++)
        if (buf[i] >= 0xCC || buf[i] == '\\')
            return 1;
    return 0;
}

/* Parses one role from bytes; the id comes from the file name. */
static void load_role(struct loader *L, const char *path, const char *id, const unsigned char *buf,
                      size_t len)
{
    bl_arena *tmp = scratch_arena(L);
    if (!tmp) {
        out_of_memory(L);
        return;
    }
    int parse_errors = 0;
    yt_node *root = yt_parse(tmp, path, buf, len, L->diags, &parse_errors);
    L->errors += parse_errors;
    if (root && root->type != YT_MAP) {
        problem(L, root->line, root->column,
                "a role file must be a mapping of keys to values, not %s",
                yt_type_name(root->type));
    } else if (root) {
        struct draft *d;
        if (drafts_push(L, &L->roles, &d) == 0) {
            d->e.kind = BL_ENTRY_ROLE;
            d->e.id = id;
            d->e.path = L->path;
            d->rank = SIZE_MAX;
            bl_arena *keep = L->arena;
            int plain = 0;
            if (L->check) {
                bl_arena_reset(L->model);
                L->arena = L->model;
                plain = L->labels_plain && !may_be_wide(buf, len);
                L->no_display = plain;
            }
            build_entry(L, d, root);
            L->arena = keep;
            L->no_display = 0;
            /* The tree dies with tmp: copy the link ids out of it. */
            for (size_t i = 0; i < d->n_refs; i++) {
                d->refs[i].id = bl_arena_strdup(L->arena, d->refs[i].id);
                if (!d->refs[i].id) {
                    out_of_memory(L);
                    d->n_refs = i;
                    break;
                }
            }
            if (L->check)
                check_role_done(L, d, plain);
        }
    }
}

/* sections.yaml `synonyms`: a list of sets, each a list of at least two
 * words or phrases that search treats as the same (search.h). */
static void get_synonyms(struct loader *L, const yt_node *v)
{
    if (v->plain == -1)
        return;
    if (v->type != YT_SEQ || v->n == 0) {
        problem(L, v->line, v->column,
                "\"synonyms\" must be a list of sets, each a list of words or phrases "
                "such as [salary, pay, wage]");
        return;
    }
    bl_synonym_set *sets = bl_arena_array(L->arena, v->n, sizeof *sets);
    if (!sets) {
        out_of_memory(L);
        return;
    }
    size_t n = 0;
    for (size_t j = 0; j < v->n; j++) {
        const yt_node *set = v->kids[j];
        if (set->plain != -1 && set->type != YT_SEQ) {
            problem(L, set->line, set->column,
                    "set %zu of \"synonyms\" must be a list of words or phrases such as "
                    "[salary, pay, wage], not %s",
                    j + 1, yt_type_name(set->type));
            continue;
        }
        const char *const *words;
        size_t nw;
        if (get_list(L, "synonyms", set, &words, &nw) < 0)
            continue;
        if (nw < 2) {
            problem(L, set->line, set->column,
                    "set %zu of \"synonyms\" has one word; a set needs two or more", j + 1);
            continue;
        }
        sets[n++] = (bl_synonym_set){.words = words, .n_words = nw};
    }
    L->synonyms = sets;
    L->n_synonyms = n;
}

static void load_sections(struct loader *L, const unsigned char *buf, size_t len)
{
    bl_arena *tmp = scratch_arena(L);
    if (!tmp) {
        out_of_memory(L);
        return;
    }
    int parse_errors = 0;
    L->sections_path = L->path;
    int errors_before = L->errors;
    yt_node *root = yt_parse(tmp, L->path, buf, len, L->diags, &parse_errors);
    L->errors += parse_errors;
    if (!root)
        goto done;
    if (root->type != YT_MAP) {
        problem(L, root->line, root->column,
                "sections.yaml must be a mapping of keys to values, not %s",
                yt_type_name(root->type));
        goto done;
    }
    static const char *const known[] = {"title",    "tagline",       "role_order",
                                        "sections", "groups",        "crime_areas",
                                        "glossary", "fit_questions", "synonyms"};
    int have_title = 0, have_sections = 0, have_groups = 0, have_areas = 0, have_gloss = 0;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const yt_node *k = root->kids[i], *v = root->kids[i + 1];
        if (k->type != YT_SCALAR)
            continue;
        if (k->plain == -1) { /* refused by the parser: no "missing" messages */
            have_title = have_sections = have_groups = have_areas = have_gloss = 1;
            continue;
        }
        if (is_key(k, "title")) {
            have_title = 1;
            L->title = get_string(L, "title", v, 0);
        } else if (is_key(k, "tagline")) {
            L->tagline = get_string(L, "tagline", v, 0);
        } else if (is_key(k, "role_order")) {
            const char *const *items;
            size_t n;
            if (get_list(L, "role_order", v, &items, &n) < 0)
                continue;
            free(L->order);
            L->order = calloc(n, sizeof *L->order);
            if (!L->order) {
                out_of_memory(L);
                continue;
            }
            L->n_order = 0;
            for (size_t j = 0; j < n; j++) {
                const yt_node *it = v->kids[j];
                int dup = 0;
                for (size_t q = 0; q < L->n_order; q++)
                    dup |= strcmp(L->order[q].id, items[j]) == 0;
                if (dup) {
                    problem(L, it->line, it->column, "\"%s\" is listed twice in \"role_order\"",
                            items[j]);
                    continue;
                }
                L->order[L->n_order++] =
                    (struct link_ref){.id = items[j], .line = it->line, .column = it->column};
            }
        } else if (is_key(k, "sections")) {
            have_sections = 1;
            if (v->plain == -1)
                continue;
            if (v->type != YT_SEQ) {
                problem(L, v->line, v->column, "\"sections\" must be a list, not %s",
                        yt_type_name(v->type));
                continue;
            }
            if (v->n == 0) {
                problem(L, v->line, v->column, "\"sections\" is an empty list");
                continue;
            }
            for (size_t j = 0; j < v->n; j++) {
                const yt_node *m = v->kids[j];
                if (m->plain == -1)
                    continue; /* already reported */
                if (m->type != YT_MAP) {
                    problem(L, m->line, m->column,
                            "item %zu of \"sections\" must be a mapping, not %s", j + 1,
                            yt_type_name(m->type));
                    continue;
                }
                struct draft *d;
                if (drafts_push(L, &L->sections, &d) < 0)
                    break;
                d->e.kind = BL_ENTRY_SECTION;
                d->e.path = L->path;
                d->line = m->line;
                d->column = m->column;
                build_entry(L, d, m);
                for (size_t q = 0; q < d->n_refs; q++) {
                    d->refs[q].id = bl_arena_strdup(L->arena, d->refs[q].id);
                    if (!d->refs[q].id) {
                        out_of_memory(L);
                        d->n_refs = q;
                        break;
                    }
                }
            }
        } else if (is_key(k, "groups")) {
            have_groups = 1;
            id_label_list(L, v, "groups", "title", "group", &L->group_ids, &L->group_titles,
                          &L->n_groups, &L->have_groups);
        } else if (is_key(k, "crime_areas")) {
            have_areas = 1;
            id_label_list(L, v, "crime_areas", "label", "crime area", &L->area_ids, &L->area_labels,
                          &L->n_areas, &L->have_areas);
        } else if (is_key(k, "glossary")) {
            have_gloss = 1;
            load_glossary(L, v);
        } else if (is_key(k, "fit_questions")) {
            load_fit_questions(L, v);
        } else if (is_key(k, "synonyms")) {
            get_synonyms(L, v);
        } else {
            unknown_key(L, k, known, sizeof known / sizeof known[0]);
        }
    }
    if (!have_title)
        problem(L, root->line, root->column, "missing required key \"title\"");
    if (!have_sections)
        problem(L, root->line, root->column, "missing required key \"sections\"");
    if (!have_groups)
        problem(L, root->line, root->column, "missing required key \"groups\"");
    if (!have_areas)
        problem(L, root->line, root->column, "missing required key \"crime_areas\"");
    if (!have_gloss)
        problem(L, root->line, root->column, "missing required key \"glossary\"");
    /* Section ids must be unique. */
    for (size_t i = 0; i < L->sections.n; i++) {
        const struct draft *d = &L->sections.v[i];
        for (size_t j = 0; j < i && d->e.id; j++)
            if (L->sections.v[j].e.id && strcmp(L->sections.v[j].e.id, d->e.id) == 0) {
                problem(L, d->line, d->column, "duplicate section id \"%s\" (first at line %zu)",
                        d->e.id, L->sections.v[j].line);
                break;
            }
    }
    L->sections_clean = L->errors == errors_before;
done:
    return;
}

static char *join_path(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    size_t o = la;
    if (la && a[la - 1] != '/')
        p[o++] = '/';
    memcpy(p + o, b, lb + 1);
    return p;
}

/* Sets L->path to a copy of `path` in the guide's arena (diagnostics and
 * entries keep pointing at it). */
static int set_path(struct loader *L, const char *path)
{
    L->path = bl_arena_strdup(L->arena, path);
    if (!L->path) {
        out_of_memory(L);
        return -1;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of DIR/roles/\*.yaml, sorted.  Hidden files are skipped. */
static char **list_roles(struct loader *L, const char *roles_dir, size_t *count)
{
    *count = 0;
    DIR *dir = opendir(roles_dir);
    if (!dir) {
        problem(L, 0, 0, "cannot open the roles folder: %s", strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        const char *name = de->d_name;
        size_t len = strlen(name);
        if (name[0] == '.' || len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
            continue;
        if (n == BL_MAX_ROLES) {
            problem(L, 0, 0, "more than %d role files", BL_MAX_ROLES);
            break;
        }
        char **nn = bl_vec_grow(names, &cap, n + 1, sizeof *nn, 32);
        if (!nn)
            break;
        names = nn;
        names[n] = strdup(name);
        if (!names[n])
            break;
        n++;
    }
    closedir(dir);
    if (names)
        qsort(names, n, sizeof *names, cmp_str);
    *count = n;
    return names;
}

/* ---- assembling the guide -------------------------------------------------- */

static int cmp_roles(const void *a, const void *b)
{
    const struct draft *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->e.id, y->e.id);
}

static int cmp_by_id(const void *a, const void *b)
{
    return strcmp(((const struct id_index *)a)->id, ((const struct id_index *)b)->id);
}

static int cmp_id_index(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const struct id_index *)elem)->id);
}

static const struct id_index *find_id(const struct id_index *ids, size_t n, const char *id)
{
    return bsearch(id, ids, n, sizeof *ids, cmp_id_index);
}

/* ---- check mode (bl_check_dir) ---------------------------------------------- */

/* role_order by id, for the ranks of roles as they are read (cross_check
 * gives every loaded role the same rank). */
static void index_order(struct loader *L)
{
    free(L->order_idx);
    L->order_idx = malloc((L->n_order ? L->n_order : 1) * sizeof *L->order_idx);
    if (!L->order_idx) {
        out_of_memory(L);
        return;
    }
    for (size_t i = 0; i < L->n_order; i++)
        L->order_idx[i] = (struct id_index){.id = L->order[i].id, .index = i};
    qsort(L->order_idx, L->n_order, sizeof *L->order_idx, cmp_by_id);
}

static int str_may_be_wide(const char *s)
{
    return s && may_be_wide((const unsigned char *)s, strlen(s));
}

/* Whether every text a role's fields take from elsewhere than its file
 * (crime area labels, route kinds, pay periods ...) is free of characters
 * whose width is unreliable: then a role whose file holds none has none. */
static int labels_plain(const struct loader *L)
{
    for (size_t i = 0; i < L->n_areas; i++)
        if (str_may_be_wide(L->area_labels[i]))
            return 0;
    for (int k = 0; k < BL_ROUTE_KIND_COUNT; k++)
        if (str_may_be_wide(bl_route_kind_label((enum bl_route_kind)k)))
            return 0;
    for (int k = 0; k < BL_SERVING_COUNT; k++)
        if (str_may_be_wide(bl_serving_label((enum bl_serving)k)))
            return 0;
    for (int k = 0; k < BL_PAY_PERIOD_COUNT; k++)
        if (str_may_be_wide(bl_pay_period_key((enum bl_pay_period)k)))
            return 0;
    return 1;
}

/* The order of roles in the guide (cmp_roles), by rank and id. */
static int cmp_rank_id(size_t ra, const char *a, size_t rb, const char *b)
{
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(a, b);
}

static int cmp_held(const void *a, const void *b)
{
    const struct held *x = a, *y = b;
    return cmp_rank_id(x->rank, x->id, y->rank, y->id);
}

/* Keeps the text of the warnings of the first roles (in the guide's order)
 * that hold at least warn_max of them, and drops the others': they come
 * after warn_max warnings, where bl_diags only counts. */
static void prune_warnings(struct loader *L)
{
    qsort(L->held, L->n_held, sizeof *L->held, cmp_held);
    size_t kept = 0, sum = 0;
    for (size_t i = 0; i < L->n_held; i++) {
        struct draft *d = &L->roles.v[L->held[i].index];
        if (sum >= L->warn_max) {
            draft_drop_warn(d);
            continue;
        }
        sum += d->n_warn;
        L->held[kept++] = L->held[i];
        if (sum >= L->warn_max) {
            L->have_cutoff = 1;
            L->cutoff_rank = d->rank;
            L->cutoff_id = d->e.id;
        }
    }
    L->n_held = kept;
    L->held_warn = sum;
}

/* A role's width warnings, while nothing is wrong so far (else none will
 * be printed): counted, and their text kept while it may be printed. */
static void role_warnings(struct loader *L, struct draft *d)
{
    bl_diags w;
    bl_diags_init(&w, SIZE_MAX);
    size_t n = bl_width_warnings_entry(&d->e, &w);
    if (w.oom) {
        bl_diags_free(&w);
        out_of_memory(L);
        return;
    }
    d->n_warn = n;
    if (!n || (L->have_cutoff && cmp_rank_id(d->rank, d->e.id, L->cutoff_rank, L->cutoff_id) > 0)) {
        bl_diags_free(&w);
        return;
    }
    struct held *held = bl_vec_grow(L->held, &L->cap_held, L->n_held + 1, sizeof *held, 16);
    d->warn = held ? malloc(sizeof *d->warn) : NULL;
    if (!d->warn) {
        bl_diags_free(&w);
        out_of_memory(L);
        return;
    }
    L->held = held;
    *d->warn = w;
    L->held[L->n_held++] =
        (struct held){.rank = d->rank, .id = d->e.id, .index = (size_t)(d - L->roles.v)};
    L->held_warn += n;
    if (L->held_warn >= 2 * L->warn_max)
        prune_warnings(L);
}

/* After a role is built in L->model: its width warnings (none when
 * `plain`: neither the file nor a label its text takes in can hold such a
 * character), then what the checks across files need is copied to the
 * guide's arena and the rest is forgotten (the next role reuses the
 * memory). */
static void check_role_done(struct loader *L, struct draft *d, int plain)
{
    for (size_t i = 0; i < d->n_section_refs; i++) {
        d->section_refs[i].id = bl_arena_strdup(L->arena, d->section_refs[i].id);
        if (!d->section_refs[i].id) {
            out_of_memory(L);
            d->n_section_refs = i;
            break;
        }
    }
    const struct id_index *r = L->order_idx ? find_id(L->order_idx, L->n_order, d->e.id) : NULL;
    d->rank = r ? r->index : SIZE_MAX;
    if (L->errors == 0 && !plain)
        role_warnings(L, d);
    d->e = (bl_entry){.kind = d->e.kind, .id = d->e.id, .path = d->e.path};
    d->facts = NULL;
}

static int is_role_file(const struct loader *L, const char *id)
{
    for (size_t i = 0; i < L->n_file_ids; i++)
        if (strcmp(L->file_ids[i], id) == 0)
            return 1;
    return 0;
}

static int is_section_id(const struct loader *L, const char *id)
{
    if (strcmp(id, BL_GLOSSARY_ID) == 0)
        return 1;
    for (size_t q = 0; q < L->sections.n; q++)
        if (L->sections.v[q].e.id && strcmp(L->sections.v[q].e.id, id) == 0)
            return 1;
    return 0;
}

/* The checks across files: role_order, section ids against role ids, and
 * links.  They run even when some files had problems, over the roles that
 * loaded, so that one run reports as much as it can. */
static void cross_check(struct loader *L)
{
    struct id_index *roles = malloc((L->roles.n ? L->roles.n : 1) * sizeof *roles);
    if (!roles) {
        out_of_memory(L);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < L->roles.n; i++)
        roles[n++] = (struct id_index){.id = L->roles.v[i].e.id, .index = i};
    qsort(roles, n, sizeof *roles, cmp_by_id);

    for (size_t i = 0; i < L->n_order; i++) {
        const struct id_index *r = find_id(roles, n, L->order[i].id);
        if (r) {
            L->roles.v[r->index].rank = i;
        } else if (!is_role_file(L, L->order[i].id)) {
            L->path = L->sections_path;
            problem(L, L->order[i].line, L->order[i].column,
                    "\"role_order\" names \"%s\", which is not a role", L->order[i].id);
        }
    }
    for (size_t i = 0; i < L->sections.n; i++) {
        const struct draft *d = &L->sections.v[i];
        if (d->e.id && find_id(roles, n, d->e.id)) {
            L->path = d->e.path;
            problem(L, d->line, d->column, "section id \"%s\" is also a role's id", d->e.id);
        }
    }
    for (size_t i = 0; i < L->roles.n + L->sections.n; i++) {
        const struct draft *d = i < L->roles.n ? &L->roles.v[i] : &L->sections.v[i - L->roles.n];
        for (size_t j = 0; j < d->n_refs; j++) {
            if (find_id(roles, n, d->refs[j].id) || is_role_file(L, d->refs[j].id))
                continue;
            int is_section = 0;
            for (size_t q = 0; q < L->sections.n; q++)
                is_section |=
                    L->sections.v[q].e.id && strcmp(L->sections.v[q].e.id, d->refs[j].id) == 0;
            L->path = d->e.path;
            problem(L, d->refs[j].line, d->refs[j].column, "\"%s\" is not a role id%s",
                    d->refs[j].id, is_section ? " (it is a section; links go to roles)" : "");
        }
    }
    /* A role's `sections` name sections (or the glossary). */
    for (size_t i = 0; i < L->roles.n && L->sections_clean; i++) {
        const struct draft *d = &L->roles.v[i];
        for (size_t j = 0; j < d->n_section_refs; j++) {
            const struct link_ref *r = &d->section_refs[j];
            if (is_section_id(L, r->id))
                continue;
            L->path = d->e.path;
            problem(L, r->line, r->column, "\"%s\" is not a section id%s", r->id,
                    find_id(roles, n, r->id) || is_role_file(L, r->id)
                        ? " (it is a role; use \"related\")"
                        : "");
        }
        if (strcmp(d->e.id, BL_GLOSSARY_ID) == 0) {
            L->path = d->e.path;
            problem(L, 0, 0, "the id \"%s\" is kept for the glossary; rename this file",
                    BL_GLOSSARY_ID);
        }
    }
    /* Glossary terms relate to roles or sections. */
    for (size_t i = 0; i < L->n_gloss && L->sections_clean; i++) {
        const struct gloss *gl = &L->gloss[i];
        for (size_t j = 0; j < gl->n_refs; j++) {
            const char *id = gl->refs[j].id;
            if (find_id(roles, n, id) || is_role_file(L, id) || is_section_id(L, id))
                continue;
            L->path = L->sections_path;
            problem(L, gl->refs[j].line, gl->refs[j].column, "\"%s\" is not a role or section id",
                    id);
        }
    }
    free(roles);
}

/* Orders the entries, indexes them by id, and resolves links.  Runs only
 * when nothing is wrong; returns the guide (owning L->arena) or NULL. */
static int cmp_terms(const void *a, const void *b)
{
    return bl_term_casecmp(((const struct id_index *)a)->id, ((const struct id_index *)b)->id);
}

static int cmp_field_values(const void *a, const void *b)
{
    const bl_field_value *x = a, *y = b;
    return (x->field > y->field) - (x->field < y->field);
}

/* The glossary: terms with their related ids resolved, the lookup by term,
 * and the fields of the glossary section (entries[gi]). */
static int assemble_glossary(struct loader *L, bl_guide *g, bl_entry *entries, size_t gi)
{
    size_t n = L->n_gloss;
    bl_glossary_term *terms = bl_arena_array(L->arena, n ? n : 1, sizeof *terms);
    size_t *by_term = bl_arena_array(L->arena, n ? n : 1, sizeof *by_term);
    const char **shown = bl_arena_array(L->arena, n ? n : 1, sizeof *shown);
    const char **words = bl_arena_array(L->arena, n ? n : 1, sizeof *words);
    struct id_index *tmp = malloc((n ? n : 1) * sizeof *tmp);
    bl_entry *ge = &entries[gi];
    bl_field_value *fields = bl_arena_array(L->arena, ge->n_fields + 2, sizeof *fields);
    if (!terms || !by_term || !shown || !words || !tmp || !fields) {
        free(tmp);
        out_of_memory(L);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const struct gloss *gl = &L->gloss[i];
        terms[i] = gl->t;
        if (gl->n_refs) {
            size_t *rel = bl_arena_array(L->arena, gl->n_refs, sizeof *rel);
            if (!rel) {
                free(tmp);
                out_of_memory(L);
                return -1;
            }
            for (size_t j = 0; j < gl->n_refs; j++)
                rel[j] = bl_guide_index(g, bl_guide_find(g, gl->refs[j].id));
            terms[i].related = rel;
            terms[i].n_related = gl->n_refs;
        }
        shown[i] = arena_fmt(L, "%s (%s): %s", gl->t.term, gl->t.expansion, gl->t.definition);
        words[i] = gl->t.term;
        if (!shown[i]) {
            free(tmp);
            return -1;
        }
        tmp[i] = (struct id_index){.id = gl->t.term, .index = i};
    }
    qsort(tmp, n, sizeof *tmp, cmp_terms);
    for (size_t i = 0; i < n; i++)
        by_term[i] = tmp[i].index;
    free(tmp);
    memcpy(fields, ge->fields, ge->n_fields * sizeof *fields);
    fields[ge->n_fields] =
        (bl_field_value){.field = BL_FIELD_GLOSSARY, .items = shown, .n_items = n};
    fields[ge->n_fields + 1] =
        (bl_field_value){.field = BL_FIELD_TERMS, .items = words, .n_items = n};
    qsort(fields, ge->n_fields + 2, sizeof *fields, cmp_field_values);
    ge->fields = fields;
    ge->n_fields += 2;
    g->glossary = terms;
    g->n_glossary = n;
    g->glossary_by_term = by_term;
    return 0;
}

/* The glossary's own section when sections.yaml has none with its id. */
static int synth_glossary_entry(struct loader *L, bl_entry *e)
{
    static const char body[] = "The abbreviations and terms this guide uses, with what they "
                               "stand for and what they mean.";
    bl_field_value *fields = bl_arena_array(L->arena, 1, sizeof *fields);
    if (!fields) {
        out_of_memory(L);
        return -1;
    }
    fields[0] = (bl_field_value){.field = BL_FIELD_BODY, .text = body};
    *e = (bl_entry){.kind = BL_ENTRY_SECTION,
                    .id = BL_GLOSSARY_ID,
                    .title = "Glossary",
                    .fields = fields,
                    .n_fields = 1,
                    .path = L->sections_path};
    return 0;
}

/* Orders the entries, indexes them by id, and resolves links.  Runs only
 * when nothing is wrong; returns the guide (owning L->arena) or NULL. */
static bl_guide *assemble(struct loader *L, const char *dir)
{
    qsort(L->roles.v, L->roles.n, sizeof *L->roles.v, cmp_roles);

    size_t gi = SIZE_MAX; /* the glossary's section */
    for (size_t i = 0; i < L->sections.n; i++)
        if (strcmp(L->sections.v[i].e.id, BL_GLOSSARY_ID) == 0)
            gi = L->roles.n + i;
    int synth = gi == SIZE_MAX && L->n_gloss > 0;
    bl_guide *g = calloc(1, sizeof *g);
    size_t n = L->roles.n + L->sections.n + (size_t)synth;
    bl_entry *entries = bl_arena_array(L->arena, n ? n : 1, sizeof *entries);
    size_t *by_id = bl_arena_array(L->arena, n ? n : 1, sizeof *by_id);
    struct id_index *ids = malloc((n ? n : 1) * sizeof *ids);
    char *dir_copy = bl_arena_strdup(L->arena, dir);
    bl_group *groups = bl_arena_array(L->arena, L->n_groups + 1, sizeof *groups);
    bl_crime_area *areas = bl_arena_array(L->arena, L->n_areas + 1, sizeof *areas);
    if (!g || !entries || !by_id || !ids || !dir_copy || !groups || !areas) {
        free(g);
        free(ids);
        out_of_memory(L);
        return NULL;
    }
    for (size_t i = 0; i < L->roles.n; i++)
        entries[i] = L->roles.v[i].e;
    for (size_t i = 0; i < L->sections.n; i++)
        entries[L->roles.n + i] = L->sections.v[i].e;
    if (synth) {
        gi = n - 1;
        if (synth_glossary_entry(L, &entries[gi]) < 0) {
            free(g);
            free(ids);
            return NULL;
        }
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = (struct id_index){.id = entries[i].id, .index = i};
    qsort(ids, n, sizeof *ids, cmp_by_id);
    for (size_t i = 0; i < n; i++)
        by_id[i] = ids[i].index;
    free(ids);
    for (size_t i = 0; i < L->n_groups; i++)
        groups[i] = (bl_group){.id = L->group_ids[i], .title = L->group_titles[i]};
    for (size_t i = 0; i < L->n_areas; i++)
        areas[i] = (bl_crime_area){.id = L->area_ids[i], .label = L->area_labels[i]};
    g->title = L->title;
    g->tagline = L->tagline;
    g->synonyms = L->synonyms;
    g->n_synonyms = L->n_synonyms;
    g->dir = dir_copy;
    g->entries = entries;
    g->n_entries = n;
    g->n_roles = L->roles.n;
    g->n_sections = L->sections.n + (size_t)synth;
    g->by_id = by_id;
    g->groups = groups;
    g->n_groups = L->n_groups;
    g->crime_areas = areas;
    g->n_crime_areas = L->n_areas;
    g->fit_questions = L->fitq;
    g->n_fit_questions = L->n_fitq;

    for (size_t i = 0; i < L->roles.n + L->sections.n; i++) {
        const struct draft *d = i < L->roles.n ? &L->roles.v[i] : &L->sections.v[i - L->roles.n];
        if (d->n_section_refs) {
            size_t *sl = bl_arena_array(L->arena, d->n_section_refs, sizeof *sl);
            if (!sl) {
                out_of_memory(L);
                free(g);
                return NULL;
            }
            for (size_t j = 0; j < d->n_section_refs; j++)
                sl[j] = bl_guide_index(g, bl_guide_find(g, d->section_refs[j].id));
            entries[i].section_links = sl;
            entries[i].n_section_links = d->n_section_refs;
        }
        if (!d->n_refs)
            continue;
        size_t *links = bl_arena_array(L->arena, d->n_refs, sizeof *links);
        if (!links) {
            out_of_memory(L);
            free(g);
            return NULL;
        }
        for (size_t j = 0; j < d->n_refs; j++)
            links[j] = bl_guide_index(g, bl_guide_find(g, d->refs[j].id));
        entries[i].links = links;
        entries[i].n_links = d->n_refs;
    }
    if (gi != SIZE_MAX && assemble_glossary(L, g, entries, gi) < 0) {
        free(g);
        return NULL;
    }
    g->arena = L->arena;
    return g;
}

static void loader_done(struct loader *L)
{
    bl_arena_free(L->scratch);
    L->scratch = NULL;
    free(L->file_ids);
    L->file_ids = NULL;
    drafts_free(&L->roles);
    drafts_free(&L->sections);
    free(L->order);
    L->order = NULL;
    free(L->group_ids);
    free(L->group_titles);
    free(L->area_ids);
    free(L->area_labels);
    L->group_ids = L->group_titles = L->area_ids = L->area_labels = NULL;
    for (size_t i = 0; i < L->n_gloss; i++)
        free(L->gloss[i].refs);
    free(L->gloss);
    L->gloss = NULL;
    L->n_gloss = 0;
    bl_arena_free(L->model);
    L->model = NULL;
    free(L->order_idx);
    L->order_idx = NULL;
    free(L->held);
    L->held = NULL;
}

/* Loads dir into L (whose arena is made here); returns the guide, or NULL
 * after the problems.  The caller calls loader_done(L) in either case and
 * frees L->arena when there is no guide. */
static bl_guide *load_dir(struct loader *L, const char *dir)
{
    bl_guide *g = NULL;
    L->arena = bl_arena_new();
    if (!L->arena || (L->check && !(L->model = bl_arena_new()))) {
        bl_diags_add(L->diags, dir, 0, 0, "out of memory");
        return NULL;
    }
    char *sections_path = join_path(dir, "sections.yaml");
    char *roles_dir = join_path(dir, "roles");
    if (!sections_path || !roles_dir || set_path(L, sections_path) < 0) {
        bl_diags_add(L->diags, dir, 0, 0, "out of memory");
        goto done;
    }
    size_t len;
    unsigned char *buf = read_file(L, L->path, &len);
    if (buf) {
        load_sections(L, buf, len);
        free(buf);
    }
    if (L->check) {
        index_order(L);
        L->labels_plain = labels_plain(L);
    }

    size_t n_names;
    if (set_path(L, roles_dir) < 0)
        goto done;
    char **names = list_roles(L, roles_dir, &n_names);
    for (size_t i = 0; i < n_names; i++) {
        char *path = join_path(roles_dir, names[i]);
        if (!path || set_path(L, path) < 0) {
            free(path);
            out_of_memory(L);
            break;
        }
        free(path);
        char *id = bl_arena_strndup(L->arena, names[i], strlen(names[i]) - 5);
        if (!id) {
            out_of_memory(L);
            break;
        }
        if (!valid_id(id)) {
            problem(L, 0, 0,
                    "bad file name: a role id is lowercase letters, digits and '-' "
                    "(at most %d), followed by .yaml",
                    BL_MAX_ID);
            continue;
        }
        const char **v =
            bl_vec_grow(L->file_ids, &L->cap_file_ids, L->n_file_ids + 1, sizeof *v, 64);
        if (!v) {
            out_of_memory(L);
            break;
        }
        L->file_ids = v;
        L->file_ids[L->n_file_ids++] = id;
        buf = read_file(L, L->path, &len);
        if (buf) {
            load_role(L, L->path, id, buf, len);
            free(buf);
        }
    }
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    if (n_names == 0 && names) {
        problem(L, 0, 0, "no role files (*.yaml) in this folder");
    } else if (!names && L->errors == 0) {
        problem(L, 0, 0, "no role files (*.yaml) in this folder");
    }

    cross_check(L);
    g = L->errors ? NULL : assemble(L, dir);
done:
    free(sections_path);
    free(roles_dir);
    return g;
}

bl_guide *bl_load_dir(const char *dir, bl_diags *diags)
{
    struct loader L = {.diags = diags};
    bl_guide *g = load_dir(&L, dir);
    loader_done(&L);
    if (!g)
        bl_arena_free(L.arena);
    return g;
}

int bl_check_dir(const char *dir, bl_diags *diags, bl_diags *warn, size_t *n_roles,
                 size_t *n_sections)
{
    struct loader L = {.diags = diags, .check = 1, .warn_max = warn->max};
    bl_guide *g = load_dir(&L, dir);
    if (g) {
        /* In bl_width_warnings()'s order: the guide's, then each role's in
         * the guide's order (the drafts are sorted like the entries), then
         * each section's.  Past the cap bl_diags only counts, and only there
         * is a role's text dropped (prune_warnings). */
        bl_width_warnings_head(g, warn);
        for (size_t i = 0; i < g->n_roles; i++) {
            const struct draft *d = &L.roles.v[i];
            for (size_t k = 0; k < d->n_warn; k++) {
                if (d->warn && k < d->warn->n) {
                    const bl_diag *w = &d->warn->items[k];
                    bl_diags_add(warn, w->path, w->line, w->column, "%s", w->message);
                } else {
                    warn->total++;
                }
            }
        }
        for (size_t i = g->n_roles; i < g->n_entries; i++)
            bl_width_warnings_entry(&g->entries[i], warn);
        *n_roles = g->n_roles;
        *n_sections = g->n_sections;
    }
    loader_done(&L);
    if (!g) {
        bl_arena_free(L.arena);
        return -1;
    }
    bl_guide_free(g);
    return 0;
}

static int check_bytes_common(const char *path, const unsigned char *buf, size_t len,
                              bl_diags *diags, int is_role)
{
    struct loader L = {.diags = diags};
    L.arena = bl_arena_new();
    if (!L.arena)
        return -1;
    if (set_path(&L, path) == 0) {
        if (is_role) {
            const char *base = strrchr(path, '/');
            base = base ? base + 1 : path;
            size_t blen = strlen(base);
            size_t stem = blen > 5 && strcmp(base + blen - 5, ".yaml") == 0 ? blen - 5 : blen;
            char *id = bl_arena_strndup(L.arena, base, stem);
            if (id && valid_id(id))
                load_role(&L, L.path, id, buf, len);
            else
                problem(&L, 0, 0,
                        "bad file name: a role id is lowercase letters, digits and "
                        "'-' (at most %d), followed by .yaml",
                        BL_MAX_ID);
        } else {
            load_sections(&L, buf, len);
        }
    }
    int errors = L.errors;
    loader_done(&L);
    bl_arena_free(L.arena);
    return errors ? -1 : 0;
}

int bl_check_role_bytes(const char *path, const unsigned char *buf, size_t len, bl_diags *diags)
{
    return check_bytes_common(path, buf, len, diags, 1);
}

int bl_check_sections_bytes(const char *path, const unsigned char *buf, size_t len, bl_diags *diags)
{
    return check_bytes_common(path, buf, len, diags, 0);
}
