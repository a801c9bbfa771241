/* cache.c — the cache file: where it lives, its key, SQLite in and out.
 * See cache.h for the protocol and the guarantees. */
#include "borderless/cache.h"

#include "borderless/arena.h"
#include "borderless/config.h"
#include "borderless/userstate.h"
#include "cache_int.h"
#include "search_int.h"

#include <dirent.h>
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

static void put_stat(XXH3_state_t *st, const char *name, const struct stat *s, int ok)
{
    struct file_id id = {0};
    if (ok) {
        id.size = (unsigned long long)s->st_size;
        id.mtime_s = (unsigned long long)s->st_mtim.tv_sec;
        id.mtime_ns = (unsigned long long)s->st_mtim.tv_nsec;
        id.ino = (unsigned long long)s->st_ino;
        id.dev = (unsigned long long)s->st_dev;
        id.mode = (unsigned long long)s->st_mode;
    }
    XXH3_128bits_update(st, name, strlen(name) + 1);
    XXH3_128bits_update(st, &id, sizeof id);
}

/* The key: every file the loader reads, as the loader lists them.  Each
 * role file's identity is hashed alone and the hashes are summed, so the
 * directory's order does not matter and nothing is sorted.  -1 when the
 * folder cannot be read (then there is no cache). */
static int make_key(const char *dir, uint64_t key[2])
{
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
    put_stat(st, "sections.yaml", &s, fstatat(dfd, "sections.yaml", &s, 0) == 0);
    int rfd = openat(dfd, "roles", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rfd < 0) {
        put_stat(st, "roles", &s, 0);
    } else {
        put_stat(st, "roles", &s, fstat(rfd, &s) == 0);
        DIR *d = fdopendir(rfd);
        if (!d) {
            close(rfd);
            goto out;
        }
        uint64_t sum[2] = {0, 0}, n = 0;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            const char *name = de->d_name;
            size_t len = strlen(name);
            if (name[0] == '.' || len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
                continue;
            struct file_id id = {0};
            if (fstatat(rfd, name, &s, 0) == 0) {
                id.size = (unsigned long long)s.st_size;
                id.mtime_s = (unsigned long long)s.st_mtim.tv_sec;
                id.mtime_ns = (unsigned long long)s.st_mtim.tv_nsec;
                id.ino = (unsigned long long)s.st_ino;
                id.dev = (unsigned long long)s.st_dev;
                id.mode = (unsigned long long)s.st_mode;
            }
            char rec[sizeof id + NAME_MAX + 1];
            memcpy(rec, &id, sizeof id);
            memcpy(rec + sizeof id, name, len);
            XXH128_hash_t h = XXH3_128bits(rec, sizeof id + len);
            sum[0] += h.low64;
            sum[1] += h.high64;
            n++;
        }
        closedir(d);
        XXH3_128bits_update(st, sum, sizeof sum);
        XXH3_128bits_update(st, &n, sizeof n);
    }
    XXH128_hash_t h = XXH3_128bits_digest(st);
    key[0] = h.low64;
    key[1] = h.high64;
    rc = 0;
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
    if (c->path && make_key(dir, c->key) == 0)
        c->keyed = 1;
    if (!c->keyed) {
        free(c->path);
        c->path = NULL;
    }
}

void bl_cache_done(bl_cache *c)
{
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
 * Every field of the header is checked before anything else is read.
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
    uint64_t model_objs; /* bytes of objects at the model's start (cache_model.c) */
    uint64_t head_sum; /* XXH3-64 of everything above */
};

static uint64_t head_sum(const struct head *h)
{
    return XXH3_64bits(h, offsetof(struct head, head_sum));
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
        strcmp(h->version, BORDERLESS_VERSION) != 0 || memcmp(h->key, c->key, sizeof c->key) != 0)
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

/* Maps block i of the file read-only and checks its checksum: its
 * address, or NULL.  The pages are the page cache's own, mapped at once
 * (populating a writable private mapping would copy every page). */
static unsigned char *map_block(int fd, const struct head *h, int i)
{
    if (h->len[i] == 0)
        return NULL;
    void *p =
        mmap(NULL, (size_t)h->len[i], PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, (off_t)h->off[i]);
    if (p == MAP_FAILED)
        return NULL;
    if (XXH3_64bits(p, (size_t)h->len[i]) != h->sum[i]) {
        munmap(p, (size_t)h->len[i]);
        return NULL;
    }
    return p;
}

bl_guide *bl_cache_load_guide(bl_cache *c)
{
    c->had_guide = 0;
    struct head h;
    size_t size;
    int fd = open_checked(c, &h, &size);
    if (fd < 0)
        return NULL;
    unsigned char *b = h.model_objs < h.len[0] ? map_block(fd, &h, 0) : NULL;
    close(fd);
    if (!b)
        return NULL;
    /* The objects are copied to memory mapped at once (one fault per page
     * costs more than the copy); the strings stay in the file's pages. */
    size_t n_objs = (size_t)h.model_objs;
    void *objs = mmap(NULL, n_objs ? n_objs : 1, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (objs == MAP_FAILED) {
        munmap(b, (size_t)h.len[0]);
        return NULL;
    }
    bl_arena *a = bl_arena_new();
    if (!a) {
        munmap(b, (size_t)h.len[0]);
        munmap(objs, n_objs ? n_objs : 1);
        return NULL;
    }
    /* a fresh arena has room for both */
    (void)bl_arena_own_map(a, b, (size_t)h.len[0]);
    (void)bl_arena_own_map(a, objs, n_objs ? n_objs : 1);
    memcpy(objs, b, n_objs);
    bl_guide *g = bl_cache_model_relocate(a, objs, b, (size_t)h.len[0], n_objs);
    if (!g)
        bl_arena_free(a); /* unmaps both */
    c->had_guide = g != NULL;
    return g;
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

static int write_all(int fd, const void *buf, size_t len, off_t at)
{
    const unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len > ((size_t)1 << 30) ? (size_t)1 << 30 : len, at);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += n;
        len -= (size_t)n;
        at += n;
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
    int rc = bl_userstate_mkdirs_for(c->path);
    if (rc < 0)
        return rc;
    /* Here rather than in bl_cache_init(): a temporary is left only by a
     * writer that never finished, so the next run misses and comes here,
     * while a warm start does not pay for reading the folder. */
    clean_temps(c->path);
    size_t n = strlen(c->path) + 8;
    char *tmp = malloc(n);
    if (!tmp)
        return -ENOMEM;
    int fd = make_temp(c->path, tmp, n);
    rc = fd < 0 ? fd : 0;
    /* One block in memory at a time (the peak of a run that writes the
     * cache is the guide, the index and the larger block); the header,
     * which names both, last. */
    struct head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, CACHE_MAGIC, sizeof CACHE_MAGIC);
    h.format = BL_CACHE_FORMAT;
    h.head_size = sizeof h;
    snprintf(h.version, sizeof h.version, "%s", BORDERLESS_VERSION);
    memcpy(h.key, c->key, sizeof h.key);
    h.off[0] = CACHE_PAGE;
    for (int i = 0; i < 2 && rc == 0; i++) {
        unsigned char *block = NULL;
        size_t len = 0, objs = 0;
        if (i == 1 && !ix)
            break;
        if (i == 0 ? bl_cache_model_encode(g, &block, &len, &objs)
                   : bl_cache_index_encode(ix, &block, &len)) {
            rc = -ENOMEM;
            break;
        }
        if (i == 0) {
            h.model_objs = objs;
            h.off[1] = page_up(h.off[0] + len);
        }
        h.len[i] = len;
        h.sum[i] = XXH3_64bits(block, len);
        rc = write_all(fd, block, len, (off_t)h.off[i]);
        free(block);
    }
    if (!ix)
        h.off[1] = 0;
    h.head_sum = head_sum(&h);
    if (rc == 0)
        rc = write_all(fd, &h, sizeof h, 0);
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
