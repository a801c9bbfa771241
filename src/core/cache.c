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
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Header-only XXH3: no run-time library for the package to depend on, and
 * it hashes at memory speed (its checksum of ~100 MB costs a few ms). */
#define XXH_INLINE_ALL
#include <xxhash.h>

#define CACHE_MAX_BLOB ((sqlite3_int64)1 << 34) /* 16 GiB: anything above is foreign */

/* What must match besides the content: the format, the program, the ABI. */
static void put_versions(XXH3_state_t *st)
{
    const unsigned long long abi[] = {
        BL_CACHE_FORMAT,
        sizeof(void *),
        sizeof(size_t),
        0x0102030405060708ull, /* byte order, as stored */
        sizeof(bl_guide),
        sizeof(bl_entry),
        sizeof(bl_field_value),
        sizeof(bl_role_facts),
        sizeof(bl_route),
        sizeof(bl_pay),
        sizeof(bl_fit_question),
        sizeof(struct bl_sx_term),
        sizeof(struct bl_sx_syn),
        sizeof(struct bl_sx_str),
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
    if (p && snprintf(p, n, "%s%s/borderless/content-%016llx.db", base, sub, h) >= (int)n) {
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

/* ---- reading ---------------------------------------------------------- */

/* Opens the cache read-only (no locks: a cache file is never changed in
 * place) and checks its meta rows against c's key.  NULL on any mismatch. */
static sqlite3 *open_checked(const bl_cache *c)
{
    if (!c->path || (c->flags & BL_CACHE_NO_READ))
        return NULL;
    struct stat s;
    if (stat(c->path, &s) != 0 || !S_ISREG(s.st_mode))
        return NULL;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(c->path, &db, SQLITE_OPEN_READONLY, "unix-none") != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_stmt *q = NULL;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT format, version, key FROM meta", -1, &q, NULL) ==
            SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        const void *k = sqlite3_column_blob(q, 2);
        const unsigned char *v = sqlite3_column_text(q, 1);
        ok = sqlite3_column_int64(q, 0) == BL_CACHE_FORMAT && v &&
             strcmp((const char *)v, BORDERLESS_VERSION) == 0 && k &&
             sqlite3_column_bytes(q, 2) == (int)sizeof c->key &&
             memcmp(k, c->key, sizeof c->key) == 0 && sqlite3_step(q) == SQLITE_DONE;
    }
    sqlite3_finalize(q);
    if (!ok) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* Reads blob `name` into a buffer from get(ctx, size) and checks its
 * checksum.  The buffer, or NULL. */
static unsigned char *read_blob(sqlite3 *db, const char *name, void *(*get)(void *, size_t),
                                void *ctx, size_t *len)
{
    sqlite3_stmt *q = NULL;
    unsigned char *buf = NULL;
    if (sqlite3_prepare_v2(db, "SELECT rowid, size, xxh3, length(data) FROM blobs WHERE name = ?",
                           -1, &q, NULL) != SQLITE_OK ||
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_ROW)
        goto out;
    sqlite3_int64 rowid = sqlite3_column_int64(q, 0);
    sqlite3_int64 size = sqlite3_column_int64(q, 1);
    sqlite3_uint64 sum = (sqlite3_uint64)sqlite3_column_int64(q, 2);
    if (size <= 0 || size > CACHE_MAX_BLOB || sqlite3_column_int64(q, 3) != size ||
        (sqlite3_uint64)size > SIZE_MAX)
        goto out;
    sqlite3_blob *b = NULL;
    if (sqlite3_blob_open(db, "main", "blobs", "data", rowid, 0, &b) != SQLITE_OK) {
        sqlite3_blob_close(b);
        goto out;
    }
    buf = get(ctx, (size_t)size);
    /* sqlite3_blob_read takes an int count: read in pieces. */
    const sqlite3_int64 piece = (sqlite3_int64)1 << 30;
    for (sqlite3_int64 at = 0; buf && at < size; at += piece) {
        int n = (int)(size - at < piece ? size - at : piece);
        if (sqlite3_blob_read(b, buf + at, n, (int)at) != SQLITE_OK)
            buf = NULL;
    }
    sqlite3_blob_close(b);
    if (buf && (sqlite3_uint64)XXH3_64bits(buf, (size_t)size) != sum)
        buf = NULL;
    if (buf)
        *len = (size_t)size;
out:
    sqlite3_finalize(q);
    return buf;
}

static void *get_arena(void *ctx, size_t n)
{
    return bl_arena_buffer(ctx, n);
}

/* The index's block: malloc'd, kept in *(void **)ctx for freeing. */
static void *get_malloc(void *ctx, size_t n)
{
    void *p = malloc(n);
    *(void **)ctx = p;
    return p;
}

bl_guide *bl_cache_load_guide(bl_cache *c)
{
    c->had_guide = 0;
    sqlite3 *db = open_checked(c);
    if (!db)
        return NULL;
    bl_arena *a = bl_arena_new();
    size_t len = 0;
    unsigned char *buf = a ? read_blob(db, "model", get_arena, a, &len) : NULL;
    sqlite3_close(db);
    bl_guide *g = buf ? bl_cache_model_relocate(a, buf, len) : NULL;
    if (!g)
        bl_arena_free(a);
    c->had_guide = g != NULL;
    return g;
}

bl_search_index *bl_cache_load_index(bl_cache *c, const bl_guide *g)
{
    c->had_index = 0;
    sqlite3 *db = g ? open_checked(c) : NULL;
    if (!db)
        return NULL;
    void *block = NULL;
    size_t len = 0;
    unsigned char *buf = read_blob(db, "index", get_malloc, &block, &len);
    sqlite3_close(db);
    bl_search_index *ix = buf ? bl_cache_index_adopt(buf, len, g) : NULL;
    if (!ix)
        free(block);
    c->had_index = ix != NULL;
    return ix;
}

/* ---- writing ---------------------------------------------------------- */

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int put_blob(sqlite3 *db, const char *name, const unsigned char *buf, size_t len)
{
    sqlite3_stmt *q = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "INSERT INTO blobs(name, size, xxh3, data) VALUES (?, ?, ?, ?)", -1,
                           &q, NULL) == SQLITE_OK &&
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_bind_int64(q, 2, (sqlite3_int64)len) == SQLITE_OK &&
        sqlite3_bind_int64(q, 3, (sqlite3_int64)XXH3_64bits(buf, len)) == SQLITE_OK &&
        sqlite3_bind_blob64(q, 4, buf, len, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_DONE)
        rc = 0;
    sqlite3_finalize(q);
    return rc;
}

/* Writes the database into the empty file tmp. */
static int write_db(const char *tmp, const bl_cache *c, const unsigned char *model, size_t mlen,
                    const unsigned char *index, size_t ilen)
{
    sqlite3 *db = NULL;
    int rc = -1;
    if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE, "unix-none") != SQLITE_OK)
        goto out;
    sqlite3_stmt *q = NULL;
    if (exec(db, "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; "
                 "PRAGMA synchronous = OFF; BEGIN; "
                 "CREATE TABLE meta(format INTEGER, version TEXT, key BLOB); "
                 "CREATE TABLE blobs(name TEXT PRIMARY KEY, size INTEGER, xxh3 INTEGER, "
                 "data BLOB)") ||
        sqlite3_prepare_v2(db, "INSERT INTO meta VALUES (?, ?, ?)", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_bind_int64(q, 1, BL_CACHE_FORMAT) != SQLITE_OK ||
        sqlite3_bind_text(q, 2, BORDERLESS_VERSION, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_blob(q, 3, c->key, sizeof c->key, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_DONE) {
        sqlite3_finalize(q);
        goto out;
    }
    sqlite3_finalize(q);
    if (put_blob(db, "model", model, mlen) || (index && put_blob(db, "index", index, ilen)) ||
        exec(db, "COMMIT"))
        goto out;
    rc = 0;
out:
    if (sqlite3_close(db) != SQLITE_OK)
        rc = -1;
    return rc;
}

int bl_cache_store(bl_cache *c, const bl_guide *g, const bl_search_index *ix)
{
    if (!c->path || !g || (c->flags & BL_CACHE_NO_WRITE))
        return 0;
    int rc = bl_userstate_mkdirs_for(c->path);
    if (rc < 0)
        return rc;
    unsigned char *model = NULL, *index = NULL;
    size_t mlen = 0, ilen = 0;
    if (bl_cache_model_encode(g, &model, &mlen) ||
        (ix && bl_cache_index_encode(ix, &index, &ilen))) {
        free(model);
        return -ENOMEM;
    }
    size_t n = strlen(c->path) + 8;
    char *tmp = malloc(n);
    int fd = -1;
    rc = -ENOMEM;
    if (tmp) {
        snprintf(tmp, n, "%s.XXXXXX", c->path);
        fd = mkstemp(tmp);
        rc = fd < 0 ? -errno : 0;
    }
    if (rc == 0 && write_db(tmp, c, model, mlen, index, ilen) != 0)
        rc = -EIO;
    free(model);
    free(index);
    if (rc == 0 && fsync(fd) != 0)
        rc = -errno;
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, c->path) != 0)
        rc = -errno;
    if (rc != 0 && fd >= 0)
        unlink(tmp);
    if (rc == 0) {
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
