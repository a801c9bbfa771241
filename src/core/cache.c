/* cache.c — the cache file: where it lives, its key, SQLite in and out.
 * See cache.h for the protocol and the guarantees. */
#include "borderless/cache.h"

#include "borderless/arena.h"
#include "borderless/config.h"
#include "borderless/userstate.h"
#include "cache_int.h"
#include "search_int.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Header-only XXH3: no run-time library for the package to depend on, and
 * it hashes at memory speed (its checksum of ~100 MB costs a few ms). */
#define XXH_INLINE_ALL
#include <xxhash.h>

/* What must match besides the content: the format, the program, the ABI. */
static void put_versions(XXH3_state_t *st)
{
    const unsigned long long abi[] = {
        BL_CACHE_FORMAT,          sizeof(void *),
        sizeof(size_t),           0x0102030405060708ull, /* byte order, as stored */
        sizeof(bl_guide),         sizeof(bl_entry),
        sizeof(bl_field_value),   sizeof(bl_role_facts),
        sizeof(bl_route),         sizeof(bl_pay),
        sizeof(bl_fit_question),  sizeof(struct bl_sx_term),
        sizeof(struct bl_sx_syn), sizeof(struct bl_sx_str),
    };
    XXH3_128bits_update(st, abi, sizeof abi);
    XXH3_128bits_update(st, BORDERLESS_VERSION, sizeof BORDERLESS_VERSION);
}

struct file_id {
    unsigned long long size, mtime_s, mtime_ns, ino, dev, mode;
};

/* A file's identity from its stat (all zero when there is none). */
static struct file_id file_id_of(const struct stat *s)
{
    struct file_id id = {0};
    if (s) {
        id.size = (unsigned long long)s->st_size;
        id.mtime_s = (unsigned long long)s->st_mtim.tv_sec;
        id.mtime_ns = (unsigned long long)s->st_mtim.tv_nsec;
        id.ino = (unsigned long long)s->st_ino;
        id.dev = (unsigned long long)s->st_dev;
        id.mode = (unsigned long long)s->st_mode;
    }
    return id;
}

static void put_stat(XXH3_state_t *st, const char *name, const struct stat *s, int ok)
{
    struct file_id id = file_id_of(ok ? s : NULL);
    XXH3_128bits_update(st, name, strlen(name) + 1);
    XXH3_128bits_update(st, &id, sizeof id);
}

/* The role files' names, read once; stat()ed by up to KEY_THREADS threads
 * (at 10,000 files the stat calls are most of what checking the key costs,
 * and they overlap well: about 24 ms alone, 14 with three threads here). */
#define KEY_THREADS 3
#define KEY_CHUNK 256

struct key_job {
    int rfd;
    char **names;
    size_t n;
    atomic_size_t next;
};

struct key_part {
    struct key_job *job;
    uint64_t sum[2];
    struct timespec newest; /* the latest mtime seen */
    int fine; /* a file's mtime has nanoseconds */
};

/* Keeps the latest modification time seen (the racy check, make_key). */
static void note_mtime(struct key_part *p, struct timespec t)
{
    if (t.tv_sec > p->newest.tv_sec ||
        (t.tv_sec == p->newest.tv_sec && t.tv_nsec > p->newest.tv_nsec))
        p->newest = t;
    p->fine |= t.tv_nsec != 0;
}

static void *key_work(void *arg)
{
    struct key_part *part = arg;
    struct key_job *job = part->job;
    size_t i;
    while ((i = atomic_fetch_add(&job->next, KEY_CHUNK)) < job->n) {
        size_t end = i + KEY_CHUNK < job->n ? i + KEY_CHUNK : job->n;
        for (; i < end; i++) {
            const char *name = job->names[i];
            size_t len = strlen(name);
            struct stat s;
            int ok = fstatat(job->rfd, name, &s, 0) == 0;
            struct file_id id = file_id_of(ok ? &s : NULL);
            if (ok)
                note_mtime(part, s.st_mtim);
            char rec[sizeof id + NAME_MAX + 1];
            memcpy(rec, &id, sizeof id);
            memcpy(rec + sizeof id, name, len);
            XXH128_hash_t h = XXH3_128bits(rec, sizeof id + len);
            part->sum[0] += h.low64;
            part->sum[1] += h.high64;
        }
    }
    return NULL;
}

/* Every role file's identity, hashed alone and summed (so the folder's
 * order and the threads' do not matter and nothing is sorted) into sum;
 * their number into *n.  -1 when the folder cannot be listed. */
static int hash_roles(int rfd, uint64_t sum[2], uint64_t *n, struct key_part *all)
{
    DIR *d = fdopendir(rfd);
    if (!d) {
        close(rfd);
        return -1;
    }
    struct key_job job = {.rfd = dirfd(d)};
    size_t cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *name = de->d_name;
        size_t len = strlen(name);
        if (name[0] == '.' || len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
            continue;
        if (job.n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **v = realloc(job.names, nc * sizeof *v);
            if (!v) {
                rc = -1;
                break;
            }
            job.names = v;
            cap = nc;
        }
        if (!(job.names[job.n] = strdup(name))) {
            rc = -1;
            break;
        }
        job.n++;
    }
    struct key_part parts[KEY_THREADS] = {{0}};
    pthread_t th[KEY_THREADS];
    int started[KEY_THREADS] = {0};
    if (rc == 0) {
        size_t want = job.n / (4 * KEY_CHUNK) + 1;
        for (int t = 0; t < KEY_THREADS; t++)
            parts[t].job = &job;
        for (int t = 1; t < KEY_THREADS && (size_t)t < want; t++)
            started[t] = pthread_create(&th[t], NULL, key_work, &parts[t]) == 0;
        key_work(&parts[0]);
        for (int t = 1; t < KEY_THREADS; t++)
            if (started[t])
                pthread_join(th[t], NULL);
        for (int t = 0; t < KEY_THREADS; t++) {
            sum[0] += parts[t].sum[0];
            sum[1] += parts[t].sum[1];
            note_mtime(all, parts[t].newest);
            all->fine |= parts[t].fine;
        }
        *n = job.n;
    }
    for (size_t i = 0; i < job.n; i++)
        free(job.names[i]);
    free(job.names);
    closedir(d);
    return rc;
}

/* The key: every file the loader reads, as the loader lists them.  -1 when
 * the folder cannot be read (then there is no cache).
 *
 * *racy: a file changed so recently that a change within the same tick of
 * the file system's clock could follow unseen - same size, same mtime - and
 * the cache would then hold the older text under the newer file's key
 * (git's "racily clean" entries).  Such a cache is not written; the next
 * run, a tick later, writes it. */
static int make_key(const char *dir, uint64_t key[2], int *racy)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct key_part all = {0};
    XXH3_state_t *st = XXH3_createState();
    if (!st)
        return -1;
    XXH3_128bits_reset(st);
    put_versions(st);
    XXH3_128bits_update(st, dir, strlen(dir) + 1);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat s;
    int rc = -1;
    if (dfd < 0)
        goto out;
    int ok = fstatat(dfd, "sections.yaml", &s, 0) == 0;
    put_stat(st, "sections.yaml", &s, ok);
    if (ok)
        note_mtime(&all, s.st_mtim);
    int rfd = openat(dfd, "roles", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rfd < 0) {
        put_stat(st, "roles", &s, 0);
    } else {
        ok = fstat(rfd, &s) == 0;
        put_stat(st, "roles", &s, ok);
        if (ok)
            note_mtime(&all, s.st_mtim);
        uint64_t sum[2] = {0, 0}, n = 0;
        if (hash_roles(rfd, sum, &n, &all) != 0)
            goto out;
        XXH3_128bits_update(st, sum, sizeof sum);
        XXH3_128bits_update(st, &n, sizeof n);
    }
    XXH128_hash_t h = XXH3_128bits_digest(st);
    key[0] = h.low64;
    key[1] = h.high64;
    rc = 0;
    /* A tick: Linux stamps files from a clock that moves every few ms;
     * a file system with whole seconds only (FAT's are two) shows no
     * nanoseconds at all. */
    long long margin_ns = all.fine ? 50000000LL : 2000000000LL;
    long long age_ns = (long long)(now.tv_sec - all.newest.tv_sec) * 1000000000LL +
        (now.tv_nsec - all.newest.tv_nsec);
    *racy = age_ns < margin_ns;
out:
    if (dfd >= 0)
        close(dfd);
    XXH3_freeState(st);
    return rc;
}

/* $XDG_CACHE_HOME/borderless/content-<hash>.db (else ~/.cache/...). */
static char *cache_path(const char *dir)
{
    char real[PATH_MAX];
    if (!realpath(dir, real))
        return NULL;
    const char *base = getenv("XDG_CACHE_HOME");
    const char *sub = "";
    if (!base || base[0] != '/') {
        base = getenv("HOME");
        if (!base || base[0] != '/') {
            struct passwd *pw = getpwuid(getuid());
            base = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
        }
        sub = "/.cache";
    }
    if (!base)
        return NULL;
    unsigned long long h = XXH3_64bits(real, strlen(real));
    size_t n = strlen(base) + strlen(sub) + 64;
    char *p = malloc(n);
    if (p && snprintf(p, n, "%s%s/borderless/content-%016llx.cache", base, sub, h) >= (int)n) {
        free(p);
        p = NULL;
    }
    return p;
}

void bl_cache_init(bl_cache *c, const char *dir, unsigned flags)
{
    memset(c, 0, sizeof *c);
    const char *env = getenv("BORDERLESS_NO_CACHE");
    if (env && *env && strcmp(env, "0") != 0)
        flags |= BL_CACHE_NO_READ | BL_CACHE_NO_WRITE;
    c->flags = flags;
    if ((flags & BL_CACHE_NO_READ) && (flags & BL_CACHE_NO_WRITE))
        return;
    c->dir = strdup(dir);
    c->path = c->dir ? cache_path(dir) : NULL;
    if (c->path && make_key(dir, c->key, &c->racy) == 0)
        c->keyed = 1;
    if (!c->keyed) {
        free(c->path);
        c->path = NULL;
    }
}

static void lazy_free(bl_cache *c);

void bl_cache_done(bl_cache *c)
{
    lazy_free(c);
    free(c->path);
    free(c->dir);
    memset(c, 0, sizeof *c);
}

/* ---- the file ----------------------------------------------------------
 *
 * A header page, then the model block and the index block, each at a page
 * boundary (so each can be mapped on its own, aligned for any object):
 *
 *   struct head (checksummed itself) | pad | model | pad | index
 *
 * Every field of the header is checked before anything else is read.  The
 * model block carries its own table of checksums, a part each
 * (cache_model.c); the index block has one in the header.
 */

#define CACHE_MAGIC "BLCACHE"
#define CACHE_PAGE ((size_t)4096)
#define CACHE_VERSION_LEN 32

struct head {
    char magic[8];
    uint32_t format, head_size;
    char version[CACHE_VERSION_LEN];
    uint64_t key[2];
    uint64_t off[2], len[2], sum[2]; /* [0] the model, [1] the index (len 0: none) */
    uint64_t base; /* where the model block is meant to be mapped */
    uint64_t head_sum; /* XXH3-64 of everything above */
};

static uint64_t head_sum(const struct head *h)
{
    return XXH3_64bits(h, offsetof(struct head, head_sum));
}

/* Where a cache's model block is meant to be mapped: one of 4,096 slots of
 * 4 GiB from 32 TiB up, by the key - far from where Linux puts programs,
 * their heap and mappings (and from the sanitizers' shadow memory), and
 * different for different content folders, so that two guides can be
 * open in one process. */
static uint64_t model_base(const uint64_t key[2])
{
    return BL_CACHE_MODEL_BASE + ((key[0] & 0xFFFu) << 32);
}

/* Opens the cache and checks its header against c's key; the descriptor
 * (>= 0) with the header and the file's size, or -1. */
static int open_checked(const bl_cache *c, struct head *h, size_t *file_size)
{
    if (!c->path || (c->flags & BL_CACHE_NO_READ))
        return -1;
    int fd = open(c->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof *h ||
        (uint64_t)st.st_size > SIZE_MAX / 2 || pread(fd, h, sizeof *h, 0) != (ssize_t)sizeof *h)
        goto bad;
    uint64_t size = (uint64_t)st.st_size;
    if (memcmp(h->magic, CACHE_MAGIC, sizeof CACHE_MAGIC) != 0 || h->format != BL_CACHE_FORMAT ||
        h->head_size != sizeof *h || head_sum(h) != h->head_sum ||
        memchr(h->version, '\0', sizeof h->version) == NULL ||
        strcmp(h->version, BORDERLESS_VERSION) != 0 || memcmp(h->key, c->key, sizeof c->key) != 0 ||
        h->base == 0 || h->base % CACHE_PAGE)
        goto bad;
    for (int i = 0; i < 2; i++)
        if (h->len[i] != 0 &&
            (h->off[i] % CACHE_PAGE || h->off[i] < CACHE_PAGE || h->off[i] > size ||
             h->len[i] > size - h->off[i]))
            goto bad;
    *file_size = (size_t)size;
    return fd;
bad:
    close(fd);
    return -1;
}

/* Maps block i of the file read-only, at `at` exactly when at != 0 (NULL
 * if that place is taken): its address, or NULL.  `populate`: all its
 * pages at once (for a block read whole; populating a read-only mapping
 * maps the page cache's own pages, nothing is copied). */
static unsigned char *map_at(int fd, const struct head *h, int i, uint64_t at, int populate)
{
    if (h->len[i] == 0)
        return NULL;
    int flags = MAP_PRIVATE | (populate ? MAP_POPULATE : 0);
#ifdef MAP_FIXED_NOREPLACE
    if (at)
        flags |= MAP_FIXED_NOREPLACE;
#else
    if (at)
        return NULL;
#endif
    void *p =
        mmap((void *)(uintptr_t)at, (size_t)h->len[i], PROT_READ, flags, fd, (off_t)h->off[i]);
    if (p == MAP_FAILED)
        return NULL;
    if (at && (uintptr_t)p != at) { /* an old kernel took the place as a hint */
        munmap(p, (size_t)h->len[i]);
        return NULL;
    }
    return p;
}

/* Block i mapped anywhere and its checksum checked, or NULL. */
static unsigned char *map_block(int fd, const struct head *h, int i)
{
    unsigned char *p = map_at(fd, h, i, 0, 1);
    if (p && XXH3_64bits(p, (size_t)h->len[i]) != h->sum[i]) {
        munmap(p, (size_t)h->len[i]);
        return NULL;
    }
    return p;
}

/* ---- checking the model lazily ------------------------------------------ */

enum { PART_UNCHECKED, PART_GOOD, PART_BAD };

struct bl_cache_lazy {
    bl_model_view v;
    atomic_uchar *state; /* per entry */
    pthread_t thread;
    int started;
    atomic_int stop;
    atomic_int failed;
    int result; /* after the thread: 0, or -1 when a part is damaged */
};

/* Entry i checked now unless it was: 0 good, -1 damaged. */
static int lazy_entry(struct bl_cache_lazy *z, size_t i)
{
    unsigned char st = atomic_load_explicit(&z->state[i], memory_order_acquire);
    if (st == PART_UNCHECKED) {
        st = bl_model_sum(&z->v, i + 1) && bl_model_entry(&z->v, i) == 0 ? PART_GOOD : PART_BAD;
        atomic_store_explicit(&z->state[i], st, memory_order_release);
        if (st == PART_BAD)
            atomic_store(&z->failed, 1);
    }
    return st == PART_GOOD ? 0 : -1;
}

/* Every entry, then what needs them all: 0, or -1 (damaged or stopped). */
static int lazy_all(struct bl_cache_lazy *z)
{
    for (size_t i = 0; i < z->v.h.n_entries; i++) {
        if (atomic_load_explicit(&z->stop, memory_order_relaxed) || atomic_load(&z->failed))
            return -1;
        if (lazy_entry(z, i) != 0)
            return -1;
    }
    return bl_model_finish(&z->v) == 0 ? 0 : -1;
}

static void *lazy_thread(void *arg)
{
    struct bl_cache_lazy *z = arg;
#ifdef MADV_POPULATE_READ
    /* Every page of the block mapped in one call rather than a fault each
     * (Linux 5.14; a hint: failure only costs the faults). */
    (void)madvise((void *)z->v.block, z->v.len, MADV_POPULATE_READ);
#endif
    z->result = lazy_all(z);
    return NULL;
}

/* Everything, on two cores: the thread from the first entry up, this one
 * from the last down until they meet.  Only in place (checking reads;
 * relocating twice would not be harmless). */
static int check_both_ways(struct bl_cache_lazy *z)
{
    size_t n = z->v.h.n_entries;
    if (n < 512 || pthread_create(&z->thread, NULL, lazy_thread, z) != 0)
        return lazy_all(z);
    for (size_t i = n; i-- > 0;) {
        if (atomic_load(&z->failed) ||
            atomic_load_explicit(&z->state[i], memory_order_acquire) != PART_UNCHECKED)
            break;
        (void)lazy_entry(z, i);
    }
    pthread_join(z->thread, NULL);
    return z->result;
}

static void lazy_free(bl_cache *c)
{
    struct bl_cache_lazy *z = c->lazy;
    if (!z)
        return;
    atomic_store(&z->stop, 1);
    if (z->started)
        pthread_join(z->thread, NULL);
    free(z->state);
    free(z);
    c->lazy = NULL;
}

int bl_cache_check(bl_cache *c, long what)
{
    struct bl_cache_lazy *z = c->lazy;
    if (!z)
        return 0;
    if (what >= 0)
        return (size_t)what < z->v.h.n_entries ? lazy_entry(z, (size_t)what) : -1;
    if (what == BL_CACHE_CHECK_START) {
        if (!z->started)
            z->started = pthread_create(&z->thread, NULL, lazy_thread, z) == 0;
        return 0;
    }
    /* BL_CACHE_CHECK_ALL: the rest, here or by the thread. */
    if (z->started) {
        pthread_join(z->thread, NULL);
        z->started = 0;
    } else {
        z->result = lazy_all(z);
    }
    return z->result;
}

/* ---- reading ------------------------------------------------------------ */

/* The guide: `lazy`, only the spine is checked now and c->lazy checks the
 * rest (bl_cache_check); else everything.  Mapped where the block was
 * written for, it is used in place; mapped elsewhere, its objects are
 * copied and relocated (and then checked whole). */
static bl_guide *load_guide(bl_cache *c, int lazy)
{
    c->had_guide = 0;
    lazy_free(c);
    struct head h;
    size_t size;
    int fd = open_checked(c, &h, &size);
    if (fd < 0)
        return NULL;
    /* In place, nothing is read but what is checked: no populating (the
     * first screen reads a few per cent of the pages). */
    unsigned char *b = map_at(fd, &h, 0, h.base, !lazy);
    int in_place = b != NULL;
    if (!b)
        b = map_at(fd, &h, 0, 0, 1);
    close(fd);
    if (!b)
        return NULL;
    size_t len = (size_t)h.len[0];
    bl_arena *a = bl_arena_new();
    struct bl_cache_lazy *z = calloc(1, sizeof *z);
    bl_guide *g = NULL;
    unsigned char *objs = b;
    if (!a || !z || bl_arena_own_map(a, b, len) != 0 || bl_model_open(&z->v, b, len) != 0 ||
        z->v.h.base != h.base)
        goto fail;
    if (!in_place) {
        /* The objects are copied to memory mapped at once (one fault per
         * page costs more than the copy); the strings stay in the file's
         * pages. */
        size_t n = (size_t)z->v.h.strs;
        objs = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1,
                    0);
        if (objs == MAP_FAILED || bl_arena_own_map(a, objs, n) != 0) {
            if (objs != MAP_FAILED)
                munmap(objs, n);
            goto fail;
        }
        memcpy(objs, b, n);
        lazy = 0;
    }
    if (!bl_model_sum(&z->v, 0) || !(g = bl_model_spine(&z->v, objs, !in_place)))
        goto fail;
    g->arena = a;
    z->state = calloc(g->n_entries ? g->n_entries : 1, sizeof *z->state);
    if (!z->state)
        goto fail_g;
    if (lazy) {
        c->lazy = z;
    } else {
        int rc = in_place ? check_both_ways(z) : lazy_all(z);
        free(z->state);
        free(z);
        z = NULL;
        if (rc != 0)
            goto fail_g;
    }
    c->had_guide = 1;
    return g;
fail_g:
    g->arena = NULL;
    free(g);
fail:
    if (z)
        free(z->state);
    free(z);
    if (a)
        bl_arena_free(a); /* unmaps */
    else
        munmap(b, len);
    return NULL;
}

bl_guide *bl_cache_load_guide(bl_cache *c)
{
    return load_guide(c, 0);
}

bl_guide *bl_cache_load_guide_lazy(bl_cache *c)
{
    return load_guide(c, 1);
}

bl_search_index *bl_cache_load_index(bl_cache *c, const bl_guide *g)
{
    c->had_index = 0;
    struct head h;
    size_t size;
    int fd = g ? open_checked(c, &h, &size) : -1;
    if (fd < 0)
        return NULL;
    unsigned char *b = map_block(fd, &h, 1);
    close(fd);
    bl_search_index *ix = b ? bl_cache_index_adopt(b, (size_t)h.len[1], g) : NULL;
    if (ix)
        ix->block_map_len = (size_t)h.len[1];
    else if (b)
        munmap(b, (size_t)h.len[1]);
    c->had_index = ix != NULL;
    return ix;
}

/* ---- writing ---------------------------------------------------------- */

int bl_cache_pwrite(int fd, const void *buf, size_t len, uint64_t at)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len > ((size_t)1 << 30) ? (size_t)1 << 30 : len, (off_t)at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? -errno : -EIO;
        p += n;
        len -= (size_t)n;
        at += (uint64_t)n;
    }
    return 0;
}

static uint64_t page_up(uint64_t v)
{
    return (v + CACHE_PAGE - 1) & ~(uint64_t)(CACHE_PAGE - 1);
}

/* Temporaries left by killed writers (below the store). */
static void clean_temps(const char *path);
static int make_temp(const char *path, char *tmp, size_t n);

int bl_cache_store(bl_cache *c, const bl_guide *g, const bl_search_index *ix)
{
    if (!c->path || !g || (c->flags & BL_CACHE_NO_WRITE))
        return 0;
    /* Here rather than in bl_cache_init(): a temporary is left only by a
     * writer that never finished, so the next run misses and comes here,
     * while a warm start does not pay for reading the folder. */
    if (c->racy) {
        clean_temps(c->path);
        return 0;
    }
    int rc = bl_userstate_mkdirs_for(c->path);
    if (rc < 0)
        return rc;
    clean_temps(c->path);
    size_t n = strlen(c->path) + 8;
    char *tmp = malloc(n);
    if (!tmp)
        return -ENOMEM;
    int fd = make_temp(c->path, tmp, n);
    rc = fd < 0 ? fd : 0;
    /* No block whole in memory: the model a part at a time, the index
     * from its own arrays (the run that writes the cache holds the guide
     * and the index already); the header, which names both, last. */
    struct head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, CACHE_MAGIC, sizeof CACHE_MAGIC);
    h.format = BL_CACHE_FORMAT;
    h.head_size = sizeof h;
    snprintf(h.version, sizeof h.version, "%s", BORDERLESS_VERSION);
    memcpy(h.key, c->key, sizeof h.key);
    h.base = model_base(c->key);
    h.off[0] = CACHE_PAGE;
    /* The model (it checksums its parts itself, cache_model.c), then the
     * index. */
    size_t mlen = 0;
    if (rc == 0)
        rc = bl_cache_model_write(g, h.base, fd, h.off[0], &mlen);
    h.len[0] = mlen;
    h.off[1] = page_up(h.off[0] + mlen);
    if (rc == 0 && ix) {
        size_t len = 0;
        rc = bl_cache_index_write(ix, fd, h.off[1], &len, &h.sum[1]);
        h.len[1] = len;
    }
    if (!ix)
        h.off[1] = 0;
    h.head_sum = head_sum(&h);
    if (rc == 0)
        rc = bl_cache_pwrite(fd, &h, sizeof h, 0);
    if (rc == 0 && fsync(fd) != 0)
        rc = -errno;
    /* The rename is the one moment the new cache appears: readers that
     * opened the old file keep reading it.  The temporary's lock is held
     * until then (closing drops it), so no cleaner takes it meanwhile. */
    if (rc == 0 && rename(tmp, c->path) != 0)
        rc = -errno;
    if (rc != 0 && fd >= 0)
        unlink(tmp);
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0) {
        c->stored = 1;
        char *slash = strrchr(c->path, '/');
        *slash = '\0';
        int dfd = open(c->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        *slash = '/';
        if (dfd >= 0) {
            (void)fsync(dfd); /* best effort, as safewrite does */
            close(dfd);
        }
    }
    free(tmp);
    return rc;
}

/* ---- temporaries left by killed writers --------------------------------
 *
 * A writer holds an exclusive flock(2) on its temporary from just after
 * making it until after the rename (make_temp, bl_cache_store).  A
 * temporary of the same cache file that can be locked is therefore
 * abandoned (its writer was killed: the lock died with it) and is removed;
 * one that cannot be locked is being written and is left alone.  The one
 * gap - a cleaner locking a temporary in the instant between the writer's
 * mkstemp() and its flock() - is closed on the writer's side: once it
 * holds the lock it checks that its file still has a name (st_nlink), and
 * makes another otherwise.  Without flock (some network file systems)
 * nothing is ever removed, and writers go on unlocked.
 */

/* name is "<base>.XXXXXX" as mkstemp() fills it in (6 letters or digits). */
static int is_temp_of(const char *name, const char *base)
{
    size_t b = strlen(base);
    if (strncmp(name, base, b) != 0 || name[b] != '.' || strlen(name + b + 1) != 6)
        return 0;
    for (const char *p = name + b + 1; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

/* Removes the abandoned temporaries of cache file `path`: regular files of
 * this user, named as bl_cache_store() names them, that nobody has locked.
 * Best effort: any problem leaves the file where it is. */
static void clean_temps(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return;
    char *dir = strndup(path, (size_t)(slash - path));
    if (!dir)
        return;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        if (dfd >= 0)
            close(dfd);
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!is_temp_of(de->d_name, slash + 1))
            continue;
        int fd = openat(dfd, de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat held, named;
        /* Locked: in use (or no flock here).  Then the name must still be
         * this file (a writer may have renamed it into place meanwhile). */
        if (fstat(fd, &held) == 0 && S_ISREG(held.st_mode) && held.st_uid == getuid() &&
            flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            fstatat(dfd, de->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
            named.st_dev == held.st_dev && named.st_ino == held.st_ino)
            (void)unlinkat(dfd, de->d_name, 0);
        close(fd); /* drops the lock */
    }
    closedir(d); /* closes dfd */
}

/* Makes and locks the temporary for cache file `path` in tmp[n] (see
 * above).  The descriptor, or a negative errno. */
static int make_temp(const char *path, char *tmp, size_t n)
{
    for (int tries = 0; tries < 8; tries++) {
        snprintf(tmp, n, "%s.XXXXXX", path);
        int fd = mkstemp(tmp);
        if (fd < 0)
            return -errno;
        int rc;
        while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
        struct stat s;
        if (rc != 0 || (fstat(fd, &s) == 0 && s.st_nlink > 0))
            return fd; /* locked and still named, or no flock here */
        close(fd); /* a cleaner took it before the lock: another */
    }
    return -EAGAIN;
}
