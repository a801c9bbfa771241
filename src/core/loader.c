#include "borderless/loader.h"

#include "borderless/arena.h"
#include "yamltree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    size_t rank;           /* roles: place in role_order, SIZE_MAX if unlisted */
    size_t line, column;   /* sections: where the section starts */
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
    bl_arena *scratch;     /* one file's YAML tree, reset for each file */
    size_t n_file_ids, cap_file_ids;
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
        /* Copy in one go the run of words that needs no change: visible
         * characters and single spaces between them. */
        size_t j = i + 1;
        while (j < len) {
            unsigned char d = (unsigned char)s[j];
            if (d > ' ')
                j++;
            else if (d == ' ' && j + 1 < len && (unsigned char)s[j + 1] > ' ')
                j += 2;
            else
                break;
        }
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
    }
    out[o] = '\0';
    return out;
}

static int is_null_scalar(const yt_node *v)
{
    return v->plain == 1 && (v->len == 0 || strcmp(v->str, "~") == 0 ||
                             strcmp(v->str, "null") == 0 || strcmp(v->str, "Null") == 0 ||
                             strcmp(v->str, "NULL") == 0);
}

/* The string value of `key`, normalised; NULL (after a message) when it is
 * not a non-empty string. */
static const char *get_string(struct loader *L, const char *key, const yt_node *v,
                              int paragraphs)
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
static int get_list(struct loader *L, const char *key, const yt_node *v,
                    const char *const **items, size_t *n)
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
            problem(L, it->line, it->column, "item %zu of \"%s\" must be a string, not %s",
                    i + 1, key, yt_type_name(it->type));
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

/* Edit distance, for "did you mean" hints on unknown keys (short keys). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return SIZE_MAX;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static void unknown_key(struct loader *L, const yt_node *k, const char *const *known, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(k->str, known[i]);
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
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct draft *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            out_of_memory(L);
            return -1;
        }
        d->v = v;
        d->cap = cap;
    }
    *out = &d->v[d->n++];
    memset(*out, 0, sizeof **out);
    return 0;
}

static void drafts_free(struct drafts *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].refs);
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

static int is_key(const yt_node *k, const char *name)
{
    return k->type == YT_SCALAR && strcmp(k->str, name) == 0;
}

static int get_sources(struct loader *L, const yt_node *v, struct draft *d)
{
    if (v->plain == -1)
        return -1;
    if (v->type != YT_SEQ) {
        problem(L, v->line, v->column, "\"sources\" must be a list, not %s",
                yt_type_name(v->type));
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
                    "not %s", i + 1, yt_type_name(m->type));
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

/* Fills d from the mapping m: a role file's root, or one item of
 * sections.yaml's `sections`. */
static void build_entry(struct loader *L, struct draft *d, const yt_node *m)
{
    enum bl_entry_kind kind = d->e.kind;
    int is_role = kind == BL_ENTRY_ROLE;
    bl_field_value vals[BL_FIELD_COUNT];
    int have[BL_FIELD_COUNT] = {0};
    int have_title = 0, have_sources = 0, have_reviewed = 0, have_id = 0;
    const char *known[BL_FIELD_COUNT + 4];
    size_t n_known = 0;

    known[n_known++] = "title";
    known[n_known++] = is_role ? "sources" : "id";
    if (is_role)
        known[n_known++] = "reviewed";
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
                        "bad id \"%s\": use lowercase letters, digits and '-' (at most %d)",
                        id, BL_MAX_ID);
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
                    problem(L, it->line, it->column, "bad role id \"%s\" in \"%s\"", it->str,
                            key);
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
                S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO"
                : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "a special file");
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

/* Parses one role from bytes; the id comes from the file name. */
static void load_role(struct loader *L, const char *path, const char *id,
                      const unsigned char *buf, size_t len)
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
            build_entry(L, d, root);
            /* The tree dies with tmp: copy the link ids out of it. */
            for (size_t i = 0; i < d->n_refs; i++) {
                d->refs[i].id = bl_arena_strdup(L->arena, d->refs[i].id);
                if (!d->refs[i].id) {
                    out_of_memory(L);
                    d->n_refs = i;
                    break;
                }
            }
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
    static const char *const known[] = {"title", "tagline", "role_order", "sections",
                                        "synonyms"};
    int have_title = 0, have_sections = 0;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const yt_node *k = root->kids[i], *v = root->kids[i + 1];
        if (k->type != YT_SCALAR)
            continue;
        if (k->plain == -1) { /* refused by the parser: no "missing" messages */
            have_title = have_sections = 1;
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
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
            cap = ncap;
        }
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

struct id_index {
    const char *id;
    size_t index;
};

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

static int is_role_file(const struct loader *L, const char *id)
{
    for (size_t i = 0; i < L->n_file_ids; i++)
        if (strcmp(L->file_ids[i], id) == 0)
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
                is_section |= L->sections.v[q].e.id &&
                              strcmp(L->sections.v[q].e.id, d->refs[j].id) == 0;
            L->path = d->e.path;
            problem(L, d->refs[j].line, d->refs[j].column, "\"%s\" is not a role id%s",
                    d->refs[j].id, is_section ? " (it is a section; links go to roles)" : "");
        }
    }
    free(roles);
}

/* Orders the entries, indexes them by id, and resolves links.  Runs only
 * when nothing is wrong; returns the guide (owning L->arena) or NULL. */
static bl_guide *assemble(struct loader *L, const char *dir)
{
    qsort(L->roles.v, L->roles.n, sizeof *L->roles.v, cmp_roles);

    bl_guide *g = calloc(1, sizeof *g);
    size_t n = L->roles.n + L->sections.n;
    bl_entry *entries = bl_arena_array(L->arena, n ? n : 1, sizeof *entries);
    size_t *by_id = bl_arena_array(L->arena, n ? n : 1, sizeof *by_id);
    struct id_index *ids = malloc((n ? n : 1) * sizeof *ids);
    char *dir_copy = bl_arena_strdup(L->arena, dir);
    if (!g || !entries || !by_id || !ids || !dir_copy) {
        free(g);
        free(ids);
        out_of_memory(L);
        return NULL;
    }
    for (size_t i = 0; i < L->roles.n; i++)
        entries[i] = L->roles.v[i].e;
    for (size_t i = 0; i < L->sections.n; i++)
        entries[L->roles.n + i] = L->sections.v[i].e;
    for (size_t i = 0; i < n; i++)
        ids[i] = (struct id_index){.id = entries[i].id, .index = i};
    qsort(ids, n, sizeof *ids, cmp_by_id);
    for (size_t i = 0; i < n; i++)
        by_id[i] = ids[i].index;
    free(ids);
    g->title = L->title;
    g->tagline = L->tagline;
    g->synonyms = L->synonyms;
    g->n_synonyms = L->n_synonyms;
    g->dir = dir_copy;
    g->entries = entries;
    g->n_entries = n;
    g->n_roles = L->roles.n;
    g->n_sections = L->sections.n;
    g->by_id = by_id;

    for (size_t i = 0; i < n; i++) {
        const struct draft *d = i < L->roles.n ? &L->roles.v[i] : &L->sections.v[i - L->roles.n];
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
}

bl_guide *bl_load_dir(const char *dir, bl_diags *diags)
{
    struct loader L = {.diags = diags};
    L.arena = bl_arena_new();
    if (!L.arena) {
        bl_diags_add(diags, dir, 0, 0, "out of memory");
        return NULL;
    }
    char *sections_path = join_path(dir, "sections.yaml");
    char *roles_dir = join_path(dir, "roles");
    if (!sections_path || !roles_dir || set_path(&L, sections_path) < 0) {
        bl_diags_add(diags, dir, 0, 0, "out of memory");
        goto fail;
    }
    size_t len;
    unsigned char *buf = read_file(&L, L.path, &len);
    if (buf) {
        load_sections(&L, buf, len);
        free(buf);
    }

    size_t n_names;
    if (set_path(&L, roles_dir) < 0)
        goto fail;
    char **names = list_roles(&L, roles_dir, &n_names);
    for (size_t i = 0; i < n_names; i++) {
        char *path = join_path(roles_dir, names[i]);
        if (!path || set_path(&L, path) < 0) {
            free(path);
            out_of_memory(&L);
            break;
        }
        free(path);
        char *id = bl_arena_strndup(L.arena, names[i], strlen(names[i]) - 5);
        if (!id) {
            out_of_memory(&L);
            break;
        }
        if (!valid_id(id)) {
            problem(&L, 0, 0, "bad file name: a role id is lowercase letters, digits and '-' "
                              "(at most %d), followed by .yaml", BL_MAX_ID);
            continue;
        }
        if (L.n_file_ids == L.cap_file_ids) {
            size_t cap = L.cap_file_ids ? L.cap_file_ids * 2 : 64;
            const char **v = realloc(L.file_ids, cap * sizeof *v);
            if (!v) {
                out_of_memory(&L);
                break;
            }
            L.file_ids = v;
            L.cap_file_ids = cap;
        }
        L.file_ids[L.n_file_ids++] = id;
        buf = read_file(&L, L.path, &len);
        if (buf) {
            load_role(&L, L.path, id, buf, len);
            free(buf);
        }
    }
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    if (n_names == 0 && names) {
        problem(&L, 0, 0, "no role files (*.yaml) in this folder");
    } else if (!names && L.errors == 0) {
        problem(&L, 0, 0, "no role files (*.yaml) in this folder");
    }

    cross_check(&L);
    bl_guide *g = L.errors ? NULL : assemble(&L, dir);
    loader_done(&L);
    free(sections_path);
    free(roles_dir);
    if (!g)
        bl_arena_free(L.arena);
    return g;

fail:
    loader_done(&L);
    free(sections_path);
    free(roles_dir);
    bl_arena_free(L.arena);
    return NULL;
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
                problem(&L, 0, 0, "bad file name: a role id is lowercase letters, digits and "
                                  "'-' (at most %d), followed by .yaml", BL_MAX_ID);
        } else {
            load_sections(&L, buf, len);
        }
    }
    int errors = L.errors;
    loader_done(&L);
    bl_arena_free(L.arena);
    return errors ? -1 : 0;
}

int bl_check_role_bytes(const char *path, const unsigned char *buf, size_t len,
                        bl_diags *diags)
{
    return check_bytes_common(path, buf, len, diags, 1);
}

int bl_check_sections_bytes(const char *path, const unsigned char *buf, size_t len,
                            bl_diags *diags)
{
    return check_bytes_common(path, buf, len, diags, 0);
}
