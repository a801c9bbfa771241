/* test_cache.c — the content cache (issue 17): round trips of the model and
 * the index, the file's key, and a damaged, truncated, foreign or
 * other-version cache file always being a miss, never a crash.
 *
 * Every test works on a copy of the shipped content in its own temporary
 * folder, with XDG_CACHE_HOME pointing into it.
 */
#include "borderless/cache.h"
#include "borderless/loader.h"
#include "borderless/search.h"
#include "core_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

struct fx {
    char *tmp, *content;
    bl_guide *g;
    bl_search_index *ix;
    unsigned char *model, *index; /* encoded */
    size_t mlen, ilen, objs;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    f->tmp = fs_tmpdir();
    f->content = fs_fmt("%s/content", f->tmp);
    char *src = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    fs_copy_guide(src, f->content);
    free(src);
    char *cache = fs_fmt("%s/cache", f->tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    free(cache);
    unsetenv("BORDERLESS_NO_CACHE");
    bl_diags d;
    bl_diags_init(&d, 10);
    f->g = bl_load_dir(f->content, &d);
    bl_diags_free(&d);
    assert_non_null(f->g);
    f->ix = bl_search_index_build(f->g);
    assert_non_null(f->ix);
    assert_int_equal(bl_cache_model_encode(f->g, &f->model, &f->mlen, &f->objs), 0);
    assert_int_equal(bl_cache_index_encode(f->ix, &f->index, &f->ilen), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    bl_search_index_free(f->ix);
    bl_guide_free(f->g);
    free(f->model);
    free(f->index);
    fs_rm_rf(f->tmp);
    free(f->tmp);
    free(f->content);
    free(f);
    return 0;
}

/* g encodes to exactly the block f->model: the same structure and strings. */
static void assert_same_model(const struct fx *f, const bl_guide *g)
{
    unsigned char *b = NULL;
    size_t n = 0;
    assert_int_equal(bl_cache_model_encode(g, &b, &n, NULL), 0);
    assert_int_equal(n, f->mlen);
    assert_memory_equal(b, f->model, n);
    free(b);
}

/* Every query gives the same hits, snippets and matches on both indexes. */
static void assert_same_results(const bl_search_index *a, const bl_search_index *b)
{
    static const char *const qs[] = {"interpol",    "\"red notice\"", "analyst data",
                                     "inteligence", "co-operation",   "salary",
                                     "the",         "zzzzqq"};
    for (size_t q = 0; q < sizeof qs / sizeof qs[0]; q++) {
        bl_search_results *x = bl_search_run(a, qs[q], strlen(qs[q]), SIZE_MAX);
        bl_search_results *y = bl_search_run(b, qs[q], strlen(qs[q]), SIZE_MAX);
        assert_non_null(x);
        assert_non_null(y);
        assert_int_equal(x->n_hits, y->n_hits);
        assert_int_equal(x->n_suggestions, y->n_suggestions);
        for (size_t i = 0; i < x->n_hits; i++) {
            assert_int_equal(x->hits[i].entry, y->hits[i].entry);
            assert_true(x->hits[i].score == y->hits[i].score);
            assert_string_equal(x->hits[i].snippet, y->hits[i].snippet);
            assert_int_equal(x->hits[i].n_matches, y->hits[i].n_matches);
        }
        bl_search_results_free(x);
        bl_search_results_free(y);
    }
}

static void test_model_round_trip(void **state)
{
    struct fx *f = *state;
    bl_guide *g = bl_cache_model_decode(f->model, f->mlen);
    assert_non_null(g);
    assert_int_equal(g->n_entries, f->g->n_entries);
    assert_int_equal(g->n_roles, f->g->n_roles);
    for (size_t i = 0; i < g->n_entries; i++) {
        assert_string_equal(g->entries[i].id, f->g->entries[i].id);
        assert_ptr_equal(bl_guide_find(g, g->entries[i].id), &g->entries[i]);
    }
    assert_same_model(f, g);
    /* an index built on the decoded guide is the same index */
    bl_search_index *ix = bl_search_index_build(g);
    assert_non_null(ix);
    assert_same_results(f->ix, ix);
    bl_search_index_free(ix);
    bl_guide_free(g);
}

static void test_index_round_trip(void **state)
{
    struct fx *f = *state;
    bl_search_index *ix = bl_cache_index_decode(f->index, f->ilen, f->g);
    assert_non_null(ix);
    assert_int_equal(bl_search_index_terms(ix), bl_search_index_terms(f->ix));
    unsigned char *b = NULL;
    size_t n = 0;
    assert_int_equal(bl_cache_index_encode(ix, &b, &n), 0);
    assert_int_equal(n, f->ilen);
    assert_memory_equal(b, f->index, n);
    free(b);
    assert_same_results(f->ix, ix);
    bl_search_index_free(ix);
}

/* Every cut of a block is refused, at every size class (every byte of the
 * first KiB, then steps). */
static void test_blocks_truncated(void **state)
{
    struct fx *f = *state;
    for (size_t n = 0; n < f->mlen; n += n < 1024 ? 1 : 997) {
        bl_guide *g = bl_cache_model_decode(f->model, n);
        assert_null(g);
    }
    for (size_t n = 0; n < f->ilen; n += n < 1024 ? 1 : 997)
        assert_null(bl_cache_index_decode(f->index, n, f->g));
    /* one byte more is foreign too */
    unsigned char *big = calloc(1, f->ilen + 1);
    memcpy(big, f->index, f->ilen);
    assert_null(bl_cache_index_decode(big, f->ilen + 1, f->g));
    free(big);
}

/* Damage in every region of each block (checks and relocation alone, no
 * checksum): refused, or accepted and usable without a fault (ASan and
 * UBSan watch). */
static void test_blocks_damaged(void **state)
{
    struct fx *f = *state;
    unsigned char *b = malloc(f->mlen);
    size_t step = f->mlen / 3000 + 1;
    size_t refused = 0, tried = 0;
    for (size_t at = 0; at < f->mlen; at += step) {
        static const unsigned char flips[] = {0x01, 0x80, 0xFF};
        for (size_t k = 0; k < sizeof flips; k++) {
            memcpy(b, f->model, f->mlen);
            b[at] ^= flips[k];
            bl_guide *g = bl_cache_model_decode(b, f->mlen);
            tried++;
            if (!g) {
                refused++;
                continue;
            }
            for (size_t i = 0; i < g->n_entries; i++)
                (void)bl_guide_find(g, g->entries[i].id);
            bl_guide_free(g);
        }
    }
    /* the structure (pointers, counts) is a good part of the block */
    assert_true(refused > tried / 20);
    free(b);
    b = malloc(f->ilen);
    step = f->ilen / 1500 + 1;
    refused = tried = 0;
    for (size_t at = 0; at < f->ilen; at += step) {
        memcpy(b, f->index, f->ilen);
        b[at] ^= 0xA5;
        bl_search_index *ix = bl_cache_index_decode(b, f->ilen, f->g);
        tried++;
        if (!ix) {
            refused++;
            continue;
        }
        bl_search_results *r = bl_search_run(ix, "interpol analyst", 16, SIZE_MAX);
        bl_search_results_free(r);
        bl_search_index_free(ix);
    }
    assert_true(refused > tried / 20);
    free(b);
    /* objects that overlap (two fields naming one array) are refused, so
     * no relocation can rewrite what was already checked */
    unsigned char *m = malloc(f->mlen);
    memcpy(m, f->model, f->mlen);
    memcpy(m + offsetof(bl_guide, by_id), m + offsetof(bl_guide, entries), sizeof(void *));
    assert_null(bl_cache_model_decode(m, f->mlen));
    memcpy(m, f->model, f->mlen);
    memcpy(m + offsetof(bl_guide, groups), m + offsetof(bl_guide, entries), sizeof(void *));
    assert_null(bl_cache_model_decode(m, f->mlen));
    free(m);
    /* an index does not fit a guide with other entries */
    bl_guide small = *f->g;
    small.n_entries--;
    assert_null(bl_cache_index_decode(f->index, f->ilen, &small));
}

/* ---- the file ---- */

static bl_guide *cached_guide(const char *dir, unsigned flags, bl_search_index **ix)
{
    bl_cache c;
    bl_cache_init(&c, dir, flags);
    bl_guide *g = bl_cache_load_guide(&c);
    if (ix)
        *ix = g ? bl_cache_load_index(&c, g) : NULL;
    bl_cache_done(&c);
    return g;
}

static char *store(struct fx *f, int with_index)
{
    bl_cache c;
    bl_cache_init(&c, f->content, 0);
    assert_non_null(c.path);
    assert_null(bl_cache_load_guide(&c)); /* nothing stored yet, or stale */
    assert_int_equal(bl_cache_store(&c, f->g, with_index ? f->ix : NULL), 0);
    char *path = strdup(c.path);
    bl_cache_done(&c);
    /* nothing but the cache in its folder: no temporary left */
    char *dir = strdup(path);
    *strrchr(dir, '/') = '\0';
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d)))
        n += de->d_name[0] != '.';
    closedir(d);
    assert_int_equal(n, 1);
    free(dir);
    return path;
}

static void test_file_round_trip(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    assert_non_null(strstr(path, "/cache/borderless/content-"));
    assert_non_null(strstr(path, ".cache"));
    bl_search_index *ix = NULL;
    bl_guide *g = cached_guide(f->content, 0, &ix);
    assert_non_null(g);
    assert_non_null(ix);
    assert_same_model(f, g);
    assert_same_results(f->ix, ix);
    bl_search_index_free(ix);
    bl_guide_free(g);
    /* a model alone: the index is a miss, the guide a hit */
    unlink(path);
    free(path);
    path = store(f, 0);
    g = cached_guide(f->content, 0, &ix);
    assert_non_null(g);
    assert_null(ix);
    bl_guide_free(g);
    /* --no-cache and BORDERLESS_NO_CACHE read nothing */
    assert_null(cached_guide(f->content, BL_CACHE_NO_READ, NULL));
    setenv("BORDERLESS_NO_CACHE", "1", 1);
    assert_null(cached_guide(f->content, 0, NULL));
    unsetenv("BORDERLESS_NO_CACHE");
    free(path);
}

/* Any change to a content file's identity makes the cache stale. */
static void test_file_key(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    bl_guide *g = cached_guide(f->content, 0, NULL);
    assert_non_null(g);
    bl_guide_free(g);
    /* the same mtime to the second, another nanosecond */
    char *role = fs_fmt("%s/roles/interpol-agent.yaml", f->content);
    struct stat st;
    assert_int_equal(stat(role, &st), 0);
    struct timespec ts[2] = {st.st_atim, st.st_mtim};
    ts[1].tv_nsec = (ts[1].tv_nsec + 1) % 1000000000L;
    assert_int_equal(utimensat(AT_FDCWD, role, ts, 0), 0);
    assert_null(cached_guide(f->content, 0, NULL));
    ts[1] = st.st_mtim; /* back as it was: a hit again */
    assert_int_equal(utimensat(AT_FDCWD, role, ts, 0), 0);
    g = cached_guide(f->content, 0, NULL);
    assert_non_null(g);
    bl_guide_free(g);
    /* a new role file (even one the loader would refuse) */
    char *extra = fs_fmt("%s/roles/zz-new.yaml", f->content);
    fs_write_str(extra, "id: zz\n");
    assert_null(cached_guide(f->content, 0, NULL));
    /* removed again: the roles folder itself changed (its mtime) */
    unlink(extra);
    assert_null(cached_guide(f->content, 0, NULL));
    /* sections.yaml replaced by a copy (another inode) */
    char *sec = fs_fmt("%s/sections.yaml", f->content);
    size_t n = 0;
    unsigned char *text = fs_read(sec, &n);
    char *sec2 = fs_fmt("%s.new", sec);
    fs_write(sec2, text, n);
    assert_int_equal(rename(sec2, sec), 0);
    assert_null(cached_guide(f->content, 0, NULL));
    free(text);
    free(sec);
    free(sec2);
    free(extra);
    free(role);
    free(path);
}

/* A content file changed within the file system's last tick: no cache is
 * written (a same-size change in that tick would go unseen); a moment
 * later it is. */
static void test_file_racy(void **state)
{
    struct fx *f = *state;
    char *role = fs_fmt("%s/roles/interpol-agent.yaml", f->content);
    assert_int_equal(utimensat(AT_FDCWD, role, NULL, 0), 0); /* now */
    bl_cache c;
    bl_cache_init(&c, f->content, 0);
    assert_non_null(c.path);
    assert_true(c.racy);
    assert_int_equal(bl_cache_store(&c, f->g, f->ix), 0);
    assert_false(c.stored);
    assert_int_equal(access(c.path, F_OK), -1);
    bl_cache_done(&c);
    /* the folder changed as a file was made in it: the same */
    struct timespec old[2] = {{.tv_nsec = UTIME_NOW}, {0}};
    clock_gettime(CLOCK_REALTIME, &old[1]);
    old[1].tv_sec -= 60;
    assert_int_equal(utimensat(AT_FDCWD, role, old, 0), 0);
    char *roles = fs_fmt("%s/roles", f->content);
    assert_int_equal(utimensat(AT_FDCWD, roles, NULL, 0), 0);
    bl_cache_init(&c, f->content, 0);
    assert_true(c.racy);
    bl_cache_done(&c);
    /* both older: stored */
    assert_int_equal(utimensat(AT_FDCWD, roles, old, 0), 0);
    bl_cache_init(&c, f->content, 0);
    assert_false(c.racy);
    assert_int_equal(bl_cache_store(&c, f->g, f->ix), 0);
    assert_true(c.stored);
    assert_int_equal(access(c.path, F_OK), 0);
    unlink(c.path);
    bl_cache_done(&c);
    free(roles);
    free(role);
}

/* The header's fields (cache.c): offsets of each. */
enum {
    H_MAGIC = 0,
    H_FORMAT = 8,
    H_SIZE = 12,
    H_VERSION = 16,
    H_KEY = 48,
    H_OFF = 64,
    H_LEN = 80,
    H_SUM = 96,
    H_BASE = 112,
    H_HEAD_SUM = 120
};

/* Stores a cache, applies edit to its first bytes (re-checksumming the
 * header when `resum`), and says whether the guide and index load. */
static void edited(struct fx *f, size_t at, uint64_t value, size_t width, int resum, int *guide,
                   int *index)
{
    char *path = store(f, 1);
    size_t n = 0;
    unsigned char *b = fs_read(path, &n);
    memcpy(b + at, &value, width);
    if (resum) {
        uint64_t h = XXH3_64bits(b, H_HEAD_SUM);
        memcpy(b + H_HEAD_SUM, &h, sizeof h);
    }
    fs_write(path, b, n);
    bl_search_index *ix = NULL;
    bl_guide *g = cached_guide(f->content, 0, &ix);
    *guide = g != NULL;
    *index = ix != NULL;
    bl_search_index_free(ix);
    bl_guide_free(g);
    unlink(path);
    free(path);
    free(b);
}

/* Another format, program version, key or layout — even with a header
 * checksum that matches: a miss. */
static void test_file_versions(void **state)
{
    struct fx *f = *state;
    int g, ix;
    edited(f, H_FORMAT, 0, 0, 0, &g, &ix); /* unchanged: a hit */
    assert_true(g && ix);
    static const struct {
        size_t at;
        uint64_t value;
        size_t width;
    } edits[] = {
        {H_MAGIC, 0x4548434143424c43ull, 8}, /* a foreign magic */
        {H_FORMAT, BL_CACHE_FORMAT + 1, 4}, /* a newer format */
        {H_FORMAT, 0, 4},
        {H_SIZE, 64, 4},
        {H_VERSION, 0x392e39, 8}, /* "9.9" */
        {H_VERSION, 0x4141414141414141ull, 8}, /* "AAAAAAAA" */
        {H_KEY, 12345, 8},
        {H_OFF, 4097, 8}, /* not page aligned */
        {H_OFF, 0, 8},
        {H_OFF, UINT64_MAX - 4095, 8},
        {H_LEN, UINT64_MAX, 8},
        {H_LEN, 64, 8}, /* a short model */
        /* where the model is meant to be mapped: none, not a page, or
         * another place than its pointers were written for */
        {H_BASE, 0, 8},
        {H_BASE, BL_CACHE_MODEL_BASE + 4097, 8},
        {H_BASE, BL_CACHE_MODEL_BASE + ((uint64_t)4099 << 32), 8},
        {H_BASE, UINT64_MAX - 4095, 8},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++)
        for (int resum = 0; resum < 2; resum++) {
            edited(f, edits[i].at, edits[i].value, edits[i].width, resum, &g, &ix);
            if (g)
                fail_msg("a cache with header edit %zu (resum %d) was used", i, resum);
        }
    /* the index's own length and checksum: the guide still loads */
    edited(f, H_SUM + 8, 7, 8, 1, &g, &ix);
    assert_true(g && !ix);
    edited(f, H_LEN + 8, 100, 8, 1, &g, &ix);
    assert_true(g && !ix);
}

/* The file cut at every size class, damaged in every region, or foreign:
 * a miss, or (damage in unused space) exactly the stored guide. */
static void test_file_damaged(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    size_t n = 0;
    unsigned char *orig = fs_read(path, &n);
    assert_true(n > 4096);
    for (size_t cut = 0; cut < n; cut = cut < 64 ? cut + 1 : cut * 2) {
        assert_int_equal(truncate(path, (off_t)cut), 0);
        bl_guide *g = cached_guide(f->content, 0, NULL);
        assert_null(g);
        fs_write(path, orig, n);
    }
    unsigned char *b = malloc(n);
    size_t step = n / 400 + 1;
    for (size_t at = 0; at < n; at += step) {
        memcpy(b, orig, n);
        b[at] ^= 0x5A;
        fs_write(path, b, n);
        bl_search_index *ix = NULL;
        bl_guide *g = cached_guide(f->content, 0, &ix);
        if (g)
            assert_same_model(f, g);
        if (ix)
            assert_same_results(f->ix, ix);
        bl_search_index_free(ix);
        bl_guide_free(g);
    }
    free(b);
    fs_write_str(path, "not a database\n");
    assert_null(cached_guide(f->content, 0, NULL));
    free(orig);
    free(path);
}

/* ---- checked a part at a time (the guide's start) ---- */

/* The model block's table (cache_model.c): the header, then per entry its
 * objects' end, strings' end and checksum. */
enum {
    T_BASE = 8,
    T_N = 16,
    T_OBJS = 24,
    T_STRS = 32,
    T_SPINE_O = 40,
    T_SPINE_S = 48,
    T_HEAD = 72
};

static uint64_t u64_at(const unsigned char *b, size_t at)
{
    uint64_t v;
    memcpy(&v, b + at, sizeof v);
    return v;
}

/* Where the model block starts in the cache file at path. */
static size_t model_off(const unsigned char *file)
{
    return (size_t)u64_at(file, H_OFF);
}

/* Entry i's string range [*s0, *s1) in the model block b. */
static void entry_strings(const unsigned char *b, size_t i, size_t *s0, size_t *s1)
{
    *s0 = (size_t)(i == 0 ? u64_at(b, T_SPINE_S) : u64_at(b, T_HEAD + (i - 1) * 24 + 8));
    *s1 = (size_t)u64_at(b, T_HEAD + i * 24 + 8);
}

static void test_lazy_round_trip(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    bl_cache c;
    bl_cache_init(&c, f->content, 0);
    bl_guide *g = bl_cache_load_guide_lazy(&c);
    assert_non_null(g);
    /* mapped where it was written for: used in place, checked lazily */
    assert_non_null(c.lazy);
    /* the spine at once: ids, titles, lookups */
    for (size_t i = 0; i < g->n_entries; i++)
        assert_ptr_equal(bl_guide_find(g, g->entries[i].id), &g->entries[i]);
    for (size_t i = 0; i < g->n_entries; i++)
        assert_int_equal(bl_cache_check(&c, (long)i), 0);
    assert_int_equal(bl_cache_check(&c, (long)g->n_entries), -1); /* no such entry */
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_START), 0);
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_ALL), 0);
    assert_same_model(f, g);
    bl_search_index *ix = bl_cache_load_index(&c, g);
    assert_non_null(ix);
    assert_same_results(f->ix, ix);
    bl_search_index_free(ix);
    bl_cache_done(&c);
    bl_guide_free(g);
    /* stopped while the background check runs: no hang, no leak */
    bl_cache_init(&c, f->content, 0);
    g = bl_cache_load_guide_lazy(&c);
    assert_non_null(g);
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_START), 0);
    bl_cache_done(&c);
    bl_guide_free(g);
    unlink(path);
    free(path);
}

/* A damaged body: the spine loads, that entry is refused when it is
 * needed, and so is the whole; a whole check refuses the file at once. */
static void test_lazy_damaged(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    size_t n = 0;
    unsigned char *file = fs_read(path, &n);
    unsigned char *b = file + model_off(file);
    size_t k = (size_t)u64_at(b, T_N) / 2, s0, s1;
    entry_strings(b, k, &s0, &s1);
    assert_true(s1 > s0 + 4);
    b[s0 + 2] ^= 0x20; /* a letter in entry k's first string */
    fs_write(path, file, n);
    bl_cache c;
    bl_cache_init(&c, f->content, 0);
    bl_guide *g = bl_cache_load_guide_lazy(&c);
    assert_non_null(g);
    assert_non_null(c.lazy);
    assert_int_equal(bl_cache_check(&c, 0), 0);
    assert_int_equal(bl_cache_check(&c, (long)k), -1);
    assert_int_equal(bl_cache_check(&c, (long)k), -1); /* remembered */
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_START), 0);
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_ALL), -1);
    bl_cache_done(&c);
    bl_guide_free(g);
    /* in the background alone, too */
    bl_cache_init(&c, f->content, 0);
    g = bl_cache_load_guide_lazy(&c);
    assert_non_null(g);
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_START), 0);
    assert_int_equal(bl_cache_check(&c, BL_CACHE_CHECK_ALL), -1);
    bl_cache_done(&c);
    bl_guide_free(g);
    /* checked whole: a miss */
    assert_null(cached_guide(f->content, 0, NULL));
    /* the spine damaged: a miss even lazily */
    b[s0 + 2] ^= 0x20;
    size_t spine_s = (size_t)u64_at(b, T_STRS);
    b[spine_s + 1] ^= 0x20;
    fs_write(path, file, n);
    bl_cache_init(&c, f->content, 0);
    assert_null(bl_cache_load_guide_lazy(&c));
    bl_cache_done(&c);
    /* a body that claims another entry's strings */
    b[spine_s + 1] ^= 0x20;
    uint64_t end = u64_at(b, T_HEAD + k * 24 + 8) + 1;
    memcpy(b + T_HEAD + k * 24 + 8, &end, sizeof end);
    fs_write(path, file, n);
    assert_null(cached_guide(f->content, 0, NULL));
    free(file);
    unlink(path);
    free(path);
}

/* Where the block is meant to be mapped is taken (another mapping, or the
 * same cache open twice): it is copied and relocated, checked whole. */
static void test_place_taken(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 1);
    size_t n = 0;
    unsigned char *file = fs_read(path, &n);
    uint64_t base = u64_at(file, H_BASE);
    assert_true(base >= BL_CACHE_MODEL_BASE);
    bl_cache c1, c2;
    bl_cache_init(&c1, f->content, 0);
    bl_guide *g1 = bl_cache_load_guide_lazy(&c1);
    assert_non_null(g1);
    assert_non_null(c1.lazy);
    /* the entries where the file is mapped, not a copy */
    uintptr_t at = (uintptr_t)g1->entries;
    assert_true(at > base && at < base + u64_at(file, H_LEN));
    bl_cache_init(&c2, f->content, 0);
    bl_guide *g2 = bl_cache_load_guide_lazy(&c2);
    assert_non_null(g2);
    assert_null(c2.lazy); /* relocated: checked whole */
    assert_int_equal(bl_cache_check(&c2, 3), 0);
    assert_same_model(f, g2);
    assert_int_equal(bl_cache_check(&c1, BL_CACHE_CHECK_ALL), 0);
    assert_same_model(f, g1);
    bl_cache_done(&c1);
    bl_guide_free(g1);
    bl_cache_done(&c2);
    bl_guide_free(g2);
    /* something else there */
    void *p = mmap((void *)(uintptr_t)base, 4096, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    assert_ptr_equal(p, (void *)(uintptr_t)base);
    bl_guide *g = cached_guide(f->content, 0, NULL);
    assert_non_null(g);
    assert_same_model(f, g);
    bl_guide_free(g);
    munmap(p, 4096);
    free(file);
    unlink(path);
    free(path);
}

/* ---- temporaries left by killed writers ---- */

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* A child process that opens `path` and holds an exclusive flock(2) on it,
 * as a writer does on its temporary, until the parent closes *release. */
static pid_t hold_lock(const char *path, int *release)
{
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        close(go[1]);
        int fd = open(path, O_RDWR);
        char ok = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? 'y' : 'n';
        if (write(ready[1], &ok, 1) != 1)
            _exit(1);
        char b;
        while (read(go[0], &b, 1) > 0) /* until the parent closes its end */
            ;
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    char ok = 0;
    assert_int_equal(read(ready[0], &ok, 1), 1);
    close(ready[0]);
    assert_int_equal(ok, 'y');
    *release = go[1];
    return pid;
}

/* The store removes the abandoned temporaries of its own cache file, and
 * nothing else: not one being written, not other caches', not look-alikes. */
static void test_file_stale_temps(void **state)
{
    struct fx *f = *state;
    char *path = store(f, 0); /* the folder exists, with a cache */
    char *dir = strdup(path);
    *strrchr(dir, '/') = '\0';
    const char *base = strrchr(path, '/') + 1;
    /* killed writers: unlocked temporaries, one of them half a megabyte */
    char *dead[] = {fs_fmt("%s.ab12CD", path), fs_fmt("%s.000000", path),
                    fs_fmt("%s.zZ9yY8", path)};
    unsigned char *junk = calloc(1, (size_t)1 << 19);
    fs_write(dead[0], junk, (size_t)1 << 19);
    fs_write_str(dead[1], "");
    fs_write_str(dead[2], "BLCACHE half");
    /* a writer at work: its temporary locked by another process */
    char *busy = fs_fmt("%s.Wr1t3s", path);
    fs_write_str(busy, "being written");
    int release = -1;
    pid_t child = hold_lock(busy, &release);
    /* look-alikes: another cache's temporary, other lengths and letters,
     * a folder and a symbolic link named like temporaries, the cache's lock
     * name; and the target of the link */
    char *other = fs_fmt("%s/content-0123456789abcdef.cache.ab12CD", dir);
    char *alike[] = {fs_fmt("%s.lock", path),   fs_fmt("%s.abcdefg", path),
                     fs_fmt("%s.abcde", path),  fs_fmt("%s.ab-2CD", path),
                     fs_fmt("%sXab12CD", path), fs_fmt("%s/x%s.ab12CD", dir, base),
                     fs_fmt("%s.ab12CD", dir)};
    for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++)
        fs_write_str(alike[i], "keep me");
    fs_write_str(other, "another content folder's writer");
    char *folder = fs_fmt("%s.d1r3ct", path);
    fs_mkdir(folder);
    char *target = fs_fmt("%s/target", f->tmp);
    fs_write_str(target, "not ours to remove");
    char *link = fs_fmt("%s.L1nk00", path);
    assert_int_equal(symlink(target, link), 0);

    bl_cache c;
    bl_cache_init(&c, f->content, 0);
    assert_int_equal(bl_cache_store(&c, f->g, f->ix), 0);
    bl_cache_done(&c);

    for (size_t i = 0; i < sizeof dead / sizeof dead[0]; i++)
        assert_false(exists(dead[i]));
    assert_true(exists(busy));
    assert_true(exists(other));
    for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++)
        assert_true(exists(alike[i]));
    assert_true(exists(folder));
    assert_true(exists(link));
    assert_true(exists(target));
    /* the store itself worked: the cache holds the index now */
    bl_search_index *ix = NULL;
    bl_guide *g = cached_guide(f->content, 0, &ix);
    assert_non_null(g);
    assert_non_null(ix);
    bl_search_index_free(ix);
    bl_guide_free(g);

    /* once its writer is gone, the next store removes the busy one too */
    close(release);
    int st = 0;
    assert_int_equal(waitpid(child, &st, 0), child);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    bl_cache_init(&c, f->content, 0);
    assert_int_equal(bl_cache_store(&c, f->g, NULL), 0);
    bl_cache_done(&c);
    assert_false(exists(busy));
    assert_true(exists(other));
    assert_true(exists(path));
    /* BL_CACHE_NO_WRITE (--no-state) touches nothing, not even temporaries */
    fs_write_str(dead[0], "");
    bl_cache_init(&c, f->content, BL_CACHE_NO_WRITE);
    assert_int_equal(bl_cache_store(&c, f->g, NULL), 0);
    bl_cache_done(&c);
    assert_true(exists(dead[0]));

    for (size_t i = 0; i < sizeof dead / sizeof dead[0]; i++)
        free(dead[i]);
    for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++)
        free(alike[i]);
    free(junk);
    free(busy);
    free(other);
    free(folder);
    free(target);
    free(link);
    free(dir);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_model_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blocks_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blocks_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_racy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lazy_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lazy_damaged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_place_taken, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_stale_temps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
