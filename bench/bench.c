/* bench — how fast borderless loads, indexes, searches and draws a content
 * folder, and how much memory it takes.  A measuring tool, not a test:
 * scripts/bench generates the folders and runs it (README: Performance).
 *
 *     bench [-r RUNS] DIR
 *
 * Each timing is the median of RUNS runs (default 5) on warm caches.  The
 * libyaml floor is the time libyaml alone needs to read and parse the same
 * files into events: a loader cannot beat it, so load/floor says how much
 * the loader adds.  Peak memory is the process's peak resident set
 * (ru_maxrss), which includes the program, its libraries and curses.
 */
#include "borderless/arena.h"
#include "borderless/cache.h"
#include "borderless/diag.h"
#include "borderless/fit.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/search.h"
#include "borderless/userstate.h"
#include "panes.h"
#include "screen.h"
#include "term.h"

#include "floor_file.h"

#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>
#ifdef BL_BENCH_SQLITE
#include <sqlite3.h>
#endif
#define XXH_INLINE_ALL
#include <xxhash.h>

#define MAX_RUNS 50
#define SCREEN_W 120
#define SCREEN_H 40

/* The fixed query set: common words, prefixes, stems, phrases, several
 * words, typos (fuzzy matching), words that match nothing, and junk.
 * scripts/fuzz also uses these lines (one Q("...") per line) as seeds. */
#define Q(s) s
static const char *const queries[] = {
    Q("interpol"),
    Q("police"),
    Q("customs"),
    Q("border"),
    Q("officer"),
    Q("analyst"),
    Q("intelligence"),
    Q("diplomat"),
    Q("europol"),
    Q("cyber"),
    Q("cybercrime"),
    Q("smuggler"),
    Q("smuggling"),
    Q("trafficking"),
    Q("money laundering"),
    Q("\"red notice\""),
    Q("\"national central bureau\""),
    Q("\"world customs organization\""),
    Q("cross-border"),
    Q("language"),
    Q("languages french arabic"),
    Q("degree criminology"),
    Q("law enforcement career"),
    Q("international police cooperation"),
    Q("security clearance"),
    Q("investigator evidence court"),
    Q("drugs weapons"),
    Q("terrorism"),
    Q("in"),
    Q("co"),
    Q("pro"),
    Q("inter"),
    Q("traffickng"),
    Q("inteligence"),
    Q("diplomacy"),
    Q("europól"),
    Q("INTERPOL OFFICER"),
    Q("analysis data"),
    Q("the"),
    Q("a"),
    Q("zzzzqqq"),
    Q("xylophone"),
    Q("secondment lyon"),
    Q("passport visa"),
    Q("embassy attache"),
    Q("fraud financial"),
    Q("organised crime"),
    Q("training academy"),
    Q("  ...  "),
    Q("officer analyst investigator liaison customs border police agent"),
};
#undef Q
#define N_QUERIES (sizeof queries / sizeof queries[0])

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-th quantile (0..1) of v[0..n), sorting v. */
static double quantile(double *v, size_t n, double q)
{
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)(q * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static double median(double *v, size_t n)
{
    return quantile(v, n, 0.5);
}

/* The resident set now, in bytes (0 if unknown). */
static double rss_now(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, res = 0;
    if (f) {
        if (fscanf(f, "%lu %lu", &size, &res) != 2)
            res = 0;
        fclose(f);
    }
    return (double)res * (double)sysconf(_SC_PAGESIZE);
}

static double mib(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

/* ---- the libyaml floor ------------------------------------------------- */

struct floor_stats {
    size_t files;
    size_t bytes;
};

/* One file of the floor (floor_file.h), counted. */
static int floor_count(const char *path, struct floor_stats *st, unsigned char **buf, size_t *cap)
{
    size_t n = 0;
    int rc = floor_file(path, buf, cap, &n);
    if (rc == 0) {
        st->files++;
        st->bytes += n;
    }
    return rc;
}

/* Lists DIR/roles the way the loader does (readdir, *.yaml) and parses
 * every file and DIR/sections.yaml.  Returns the time in ms, or -1. */
static double floor_run(const char *dir, struct floor_stats *st)
{
    unsigned char *buf = NULL;
    size_t cap = 0;
    char path[4096];
    memset(st, 0, sizeof *st);
    double t0 = now_ms();
    snprintf(path, sizeof path, "%s/sections.yaml", dir);
    int bad = floor_count(path, st, &buf, &cap);
    snprintf(path, sizeof path, "%s/roles", dir);
    DIR *d = opendir(path);
    if (!d)
        bad = -1;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= 5 || strcmp(de->d_name + l - 5, ".yaml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/roles/%s", dir, de->d_name);
        if (floor_count(path, st, &buf, &cap) != 0)
            bad = -1;
    }
    if (d)
        closedir(d);
    double t = now_ms() - t0;
    free(buf);
    return bad ? -1 : t;
}

/* ---- the first screen -------------------------------------------------- */

/* Runs the real screen manager on an off-screen terminal (output to
 * /dev/null, input a pipe holding "q"): it lays out and draws the first
 * screen, reads q and returns.  Returns the time in ms, or -1. */
static double first_screen(const bl_guide *g)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    if (write(fds[1], "q", 1) != 1) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    FILE *in = fdopen(fds[0], "r");
    FILE *out = fopen("/dev/null", "w");
    if (!in || !out) {
        if (in)
            fclose(in);
        else
            close(fds[0]);
        if (out)
            fclose(out);
        close(fds[1]);
        return -1;
    }
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) {
        fclose(in);
        fclose(out);
        close(fds[1]);
        return -1;
    }
    set_term(scr);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    struct term t = {.ascii = 0};
    theme_apply(&t, "mono"); /* attributes only, as on a terminal without colours */

    double t0 = now_ms();
    int status = screen_run(g, &t, BL_USERSTATE_PRIVATE, 0, NULL, NULL, NULL);
    double ms = now_ms() - t0;

    endwin();
    delscreen(scr);
    fclose(in);
    fclose(out);
    close(fds[1]);
    return status == 0 ? ms : -1;
}

/* ---- the cache ------------------------------------------------------------ */

struct cache_stats {
    double store, key, guide, index; /* ms */
    double sql_guide, sql_index; /* ms: the same blocks read from SQLite blobs */
    double map_guide, map_index; /* ms: ... and mapped from a plain file */
    size_t model, objs, ix; /* bytes */
};

#ifdef BL_BENCH_SQLITE
/* The comparison README records: the two blocks as blobs of an SQLite file
 * (64 KiB pages, the best case for big blobs), read back whole into memory
 * and checksummed, as a cache kept in SQLite would have to (a blob spans
 * overflow pages, so it cannot be used where it lies).  -1 on error. */
/* The plain file's side: each block written to a file of its own, then
 * mapped (populated, read-only) and checksummed, as cache.c does. */
static int map_compare(const char *path, const unsigned char *const blk[2], const size_t len[2],
                       double ms[2])
{
    for (int i = 0; i < 2; i++) {
        int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || write(fd, blk[i], len[i]) != (ssize_t)len[i]) {
            if (fd >= 0)
                close(fd);
            return -1;
        }
        close(fd);
        double t0 = now_ms();
        fd = open(path, O_RDONLY | O_CLOEXEC);
        void *p =
            fd < 0 ? MAP_FAILED : mmap(NULL, len[i], PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (fd >= 0)
            close(fd);
        if (p == MAP_FAILED)
            return -1;
        volatile unsigned long long sum = XXH3_64bits(p, len[i]);
        (void)sum;
        munmap(p, len[i]);
        ms[i] = now_ms() - t0;
    }
    unlink(path);
    return 0;
}

static int sqlite_compare(const char *path, const unsigned char *const blk[2], const size_t len[2],
                          double ms[2])
{
    sqlite3 *db = NULL;
    unlink(path);
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; BEGIN; "
                     "CREATE TABLE blobs(id INTEGER PRIMARY KEY, sum INTEGER, data BLOB)",
                     NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *q = NULL;
        int ok = sqlite3_prepare_v2(db, "INSERT INTO blobs VALUES (?, ?, ?)", -1, &q, NULL) ==
                SQLITE_OK &&
            sqlite3_bind_int(q, 1, i) == SQLITE_OK &&
            sqlite3_bind_int64(q, 2, (sqlite3_int64)XXH3_64bits(blk[i], len[i])) == SQLITE_OK &&
            sqlite3_bind_blob64(q, 3, blk[i], len[i], SQLITE_STATIC) == SQLITE_OK &&
            sqlite3_step(q) == SQLITE_DONE;
        sqlite3_finalize(q);
        if (!ok)
            goto fail;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_close(db);
    db = NULL;
    for (int i = 0; i < 2; i++) {
        double t0 = now_ms();
        sqlite3_blob *b = NULL;
        unsigned char *buf = malloc(len[i]);
        int ok = buf && sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
            sqlite3_blob_open(db, "main", "blobs", "data", i, 0, &b) == SQLITE_OK &&
            sqlite3_blob_read(b, buf, (int)len[i], 0) == SQLITE_OK;
        volatile unsigned long long sum = ok ? XXH3_64bits(buf, len[i]) : 0;
        (void)sum;
        sqlite3_blob_close(b);
        sqlite3_close(db);
        db = NULL;
        free(buf);
        ms[i] = now_ms() - t0;
        if (!ok)
            goto fail;
    }
    unlink(path);
    return 0;
fail:
    sqlite3_close(db);
    unlink(path);
    return -1;
}
#endif

/* Stores the cache of g and ix (in $XDG_CACHE_HOME) and loads it back, in
 * this process: the blocks' sizes and each step's time.  -1 on error. */
static int cache_run(const char *dir, const bl_guide *g, const bl_search_index *ix,
                     struct cache_stats *cs)
{
    memset(cs, 0, sizeof *cs);
    unsigned char *blk[2] = {NULL, NULL};
    size_t len[2] = {0, 0};
    if (bl_cache_model_encode(g, &blk[0], &len[0], &cs->objs) ||
        bl_cache_index_encode(ix, &blk[1], &len[1]))
        return -1;
    cs->model = len[0];
    cs->ix = len[1];
    bl_cache c;
    bl_cache_init(&c, dir, 0);
    double t0 = now_ms();
    int rc = bl_cache_store(&c, g, ix);
    cs->store = now_ms() - t0;
    bl_cache_done(&c);
    t0 = now_ms();
    bl_cache_init(&c, dir, 0);
    double t1 = now_ms();
    bl_guide *cg = bl_cache_load_guide(&c);
    double t2 = now_ms();
    bl_search_index *cix = cg ? bl_cache_load_index(&c, cg) : NULL;
    double t3 = now_ms();
    cs->key = t1 - t0;
    cs->guide = t2 - t1;
    cs->index = t3 - t2;
    if (rc != 0 || !cg || !cix)
        rc = -1;
    bl_search_index_free(cix);
    bl_guide_free(cg);
#ifdef BL_BENCH_SQLITE
    char path[4096];
    snprintf(path, sizeof path, "%s.sqlite-compare", c.path ? c.path : "/tmp/bl-bench");
    double ms[2];
    const unsigned char *const cb[2] = {blk[0], blk[1]};
    if (rc == 0 && sqlite_compare(path, cb, len, ms) == 0) {
        cs->sql_guide = ms[0];
        cs->sql_index = ms[1];
    }
    if (rc == 0 && map_compare(path, cb, len, ms) == 0) {
        cs->map_guide = ms[0];
        cs->map_index = ms[1];
    }
#endif
    bl_cache_done(&c);
    free(blk[0]);
    free(blk[1]);
    return rc;
}

/* ---- main --------------------------------------------------------------- */

static void verdict(int ok, int *missed)
{
    printf("  %s\n", ok ? "ok" : "MISSED");
    if (!ok)
        (*missed)++;
}

int main(int argc, char **argv)
{
    int runs = 5;
    int opt;
    while ((opt = getopt(argc, argv, "r:")) != -1) {
        if (opt == 'r') {
            runs = atoi(optarg);
        } else {
            fprintf(stderr, "usage: bench [-r RUNS] DIR\n");
            return 2;
        }
    }
    if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: bench [-r RUNS(1-%d)] DIR\n", MAX_RUNS);
        return 2;
    }
    const char *dir = argv[optind];
    /* A hung screen must not hang CI. */
    alarm(600);
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    setenv("LINES", "40", 1);
    setenv("COLUMNS", "120", 1);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long base_kib = ru.ru_maxrss;

    double t[MAX_RUNS], tf[MAX_RUNS];
    struct floor_stats fs = {0};
    (void)floor_run(dir, &fs); /* warm the page and directory caches */

    /* Floor and load runs alternate, so that a busy moment of the machine
     * weighs on both alike and the ratio stays meaningful. */
    bl_guide *g = NULL;
    for (int i = 0; i < runs; i++) {
        if ((tf[i] = floor_run(dir, &fs)) < 0) {
            fprintf(stderr, "bench: libyaml cannot read or parse %s\n", dir);
            bl_guide_free(g);
            return 1;
        }
        bl_guide_free(g);
        bl_diags d;
        bl_diags_init(&d, 10);
        double t0 = now_ms();
        g = bl_load_dir(dir, &d);
        t[i] = now_ms() - t0;
        if (!g) {
            fprintf(stderr, "bench: %s does not load:\n", dir);
            bl_diags_print(&d, stderr);
            bl_diags_free(&d);
            return 1;
        }
        bl_diags_free(&d);
    }
    double floor_ms = median(tf, (size_t)runs);
    double load_ms = median(t, (size_t)runs);
    size_t arena = bl_arena_footprint(g->arena);
    double rss_load = rss_now();

    bl_search_index *ix = NULL;
    for (int i = 0; i < runs; i++) {
        bl_search_index_free(ix);
        double t0 = now_ms();
        ix = bl_search_index_build(g);
        t[i] = now_ms() - t0;
        if (!ix) {
            fprintf(stderr, "bench: out of memory building the index\n");
            return 1;
        }
    }
    double index_ms = median(t, (size_t)runs);
    double rss_index = rss_now();

    /* One untimed round to warm the caches, then `runs` timed rounds. */
    size_t n_samples = N_QUERIES * (size_t)runs;
    double *qt = malloc(n_samples * sizeof *qt);
    double worst[N_QUERIES] = {0};
    size_t hits[N_QUERIES] = {0};
    if (!qt)
        return 1;
    for (int round = -1; round < runs; round++)
        for (size_t q = 0; q < N_QUERIES; q++) {
            double t0 = now_ms();
            bl_search_results *r = bl_search_run(ix, queries[q], strlen(queries[q]), 20);
            double ms = now_ms() - t0;
            if (!r) {
                fprintf(stderr, "bench: out of memory running a query\n");
                return 1;
            }
            hits[q] = r->n_hits;
            bl_search_results_free(r);
            if (round < 0)
                continue;
            qt[(size_t)round * N_QUERIES + q] = ms;
            if (ms > worst[q])
                worst[q] = ms;
        }
    size_t slowest = 0;
    for (size_t q = 1; q < N_QUERIES; q++)
        if (worst[q] > worst[slowest])
            slowest = q;
    double q_p99 = quantile(qt, n_samples, 0.99);
    double q_med = median(qt, n_samples);
    free(qt);

    /* The first entry's layout alone (pure, no curses). */
    int width = detail_text_width(SCREEN_W - menu_width(menu_longest_title(g), SCREEN_W), 0);
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        bl_layout *l = bl_layout_entry(g, &g->entries[0], width);
        t[i] = now_ms() - t0;
        if (!l)
            return 1;
        bl_layout_free(l);
    }
    double layout_ms = median(t, (size_t)runs);
    /* Measuring every title for the menu's width (once, at start). */
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        volatile int mw = menu_longest_title(g);
        (void)mw;
        t[i] = now_ms() - t0;
    }
    double menu_w_ms = median(t, (size_t)runs);
    for (int i = 0; i < runs; i++)
        if ((t[i] = first_screen(g)) < 0) {
            fprintf(stderr,
                    "bench: cannot draw the first screen off-screen (terminfo "
                    "xterm-256color?)\n");
            return 1;
        }
    double screen_ms = median(t, (size_t)runs);

    /* The fit finder: ranking every role for a full set of answers, and
     * "what would change" for the top role (every other answer tried). */
    bl_fit_answers fa;
    bl_fit_answers_init(&fa);
    for (int d = 0; d < BL_FIT_COUNT; d++)
        fa.level[d] = (d * 3) % (BL_FIT_MAX_LEVEL + 1);
    fa.important[BL_FIT_SHIFTS] = 1;
    bl_fit_answers_pick(&fa, g, 0, 1);
    bl_fit_answers_pick(&fa, g, g->n_crime_areas > 2 ? 2 : 0, 1);
    size_t fit_top = 0;
    /* Cheap next to loading: more runs for a steadier median. */
    enum { FIT_RUNS = 21 };
    double ft[FIT_RUNS];
    for (int i = 0; i < FIT_RUNS; i++) {
        bl_fit_ranking fr;
        double t0 = now_ms();
        int frc = bl_fit_rank(g, &fa, &fr);
        ft[i] = now_ms() - t0;
        if (frc < 0)
            return 1;
        fit_top = fr.n ? fr.v[0].role : 0;
        bl_fit_ranking_free(&fr);
    }
    double fit_ms = median(ft, FIT_RUNS);
    bl_fit_change fc;
    double t_change = now_ms();
    if (g->n_roles && bl_fit_what_would_change(g, &fa, fit_top, &fc) < 0)
        return 1;
    t_change = now_ms() - t_change;

    getrusage(RUSAGE_SELF, &ru);
    double peak = (double)ru.ru_maxrss * 1024.0;

    /* After the peak is read: the cache's blocks are extra copies. */
    struct cache_stats cs;
    if (cache_run(dir, g, ix, &cs) != 0) {
        fprintf(stderr, "bench: the cache cannot be stored and loaded back\n");
        return 1;
    }
    double budget = 3.0 * (double)fs.bytes + 8.0 * 1024 * 1024;

    int missed = 0;
    int big = g->n_roles > 1000;
    printf("%s: %zu roles, %zu sections, %zu files, %.2f MiB; median of %d runs\n", dir, g->n_roles,
           g->n_sections, fs.files, mib((double)fs.bytes), runs);
    printf("  libyaml floor (read + parse)  %9.2f ms\n", floor_ms);
    printf("  load + validate               %9.2f ms   %.2fx floor (target <= 1.50x)", load_ms,
           load_ms / floor_ms);
    verdict(load_ms <= 1.5 * floor_ms, &missed);
    printf("  build search index            %9.2f ms   %zu words\n", index_ms,
           bl_search_index_terms(ix));
    printf("  query, %zu x %d          median %7.3f ms   p99 %.3f ms (target < %d ms)", N_QUERIES,
           runs, q_med, q_p99, big ? 16 : 2);
    verdict(q_p99 < (big ? 16.0 : 2.0), &missed);
    printf("    slowest: '%s' %.3f ms, %zu hits\n", queries[slowest], worst[slowest],
           hits[slowest]);
    printf("  first screen %dx%d off-screen %9.2f ms", SCREEN_W, SCREEN_H, screen_ms);
    if (big) {
        printf("   (target < 10 ms applies at 1,000 roles)\n");
    } else {
        printf("   (target < 10 ms)");
        verdict(screen_ms < 10.0, &missed);
    }
    printf("    of which the first entry's layout %.3f ms, the menu's width %.3f ms\n", layout_ms,
           menu_w_ms);
    printf("  fit finder: rank every role   %9.3f ms   median of %d (target < 16 ms)", fit_ms,
           (int)FIT_RUNS);
    verdict(fit_ms < 16.0, &missed);
    printf("    what would change for the top role %.2f ms\n", t_change);
    printf("  peak memory (ru_maxrss)       %9.2f MiB  %.2fx corpus; target <= 3x + 8 MiB "
           "= %.2f MiB",
           mib(peak), peak / (double)fs.bytes, mib(budget));
    verdict(peak <= budget, &missed);
    printf("    resident: %.2f MiB before loading, %.2f after loading (the guide's arena "
           "%.2f), %.2f with the index\n",
           mib((double)base_kib * 1024.0), mib(rss_load), mib((double)arena), mib(rss_index));

    printf("  cache: model %.2f MiB (objects %.2f), index %.2f MiB; store %.2f ms\n",
           mib((double)cs.model), mib((double)cs.objs), mib((double)cs.ix), cs.store);
    printf("    load in-process: key (stat every file) %.2f ms, guide %.2f ms, index %.2f ms\n",
           cs.key, cs.guide, cs.index);
    if (cs.sql_guide > 0)
        printf("    read + checksum, model / index: SQLite blobs %.2f / %.2f ms, a mapped file "
               "%.2f / %.2f ms\n",
               cs.sql_guide, cs.sql_index, cs.map_guide, cs.map_index);

    bl_search_index_free(ix);
    bl_guide_free(g);
    return 0;
}
