/* cache.h — a validated on-disk cache of the loaded guide and its search
 * index, so that a second run skips the YAML and the index build.
 *
 * Where: $XDG_CACHE_HOME/borderless/content-<hash of the folder's real
 * path>.cache (default ~/.cache/borderless/), one file per content folder:
 * a header (format, program version, key, and each block's place, length
 * and XXH3-64 checksum; checksummed itself), then the model block and the
 * index block, each at a page boundary (cache.c).  Reading maps the file:
 * the index and the model's strings are used in the page cache, the
 * model's objects are copied and relocated.  (Why not SQLite: README,
 * Performance.)
 *
 * The key is a digest of every file the loader reads (sections.yaml, the
 * roles folder and every roles/ *.yaml: path, size, mtime with nanoseconds,
 * inode, device), the folder as given, the program's version, the cache
 * format and the ABI (pointer size, endianness, struct sizes).  The cache
 * is used only when every part matches; otherwise it is a miss and the
 * caller loads the YAML (and may store a new cache).
 *
 * The file is hostile input: every block is checksummed before it is
 * read, then every pointer, count, index and enum in it is bounds-checked
 * while it is relocated (cache_model.c, cache_index.c).  A damaged,
 * truncated, foreign or newer-version file is a miss, never a crash.
 *
 * Writes are atomic: a temporary file in the same folder, fsynced, renamed
 * over the old one; readers of the old file keep reading it (a cache file
 * is never changed in place).  A file changed in place by someone else
 * while a guide has it mapped is outside this protocol (SIGBUS).
 *
 * Protocol:
 *
 *     bl_cache c;
 *     bl_cache_init(&c, dir, flags);        stats the content (key) first
 *     bl_guide *g = bl_cache_load_guide(&c);        NULL: a miss
 *     if (!g) g = bl_load_dir(dir, diags);
 *     bl_search_index *ix = c.had_guide ? bl_cache_load_index(&c, g) : NULL;
 *     ...
 *     bl_cache_store(&c, g, ix);             if something was missing
 *     bl_cache_done(&c);
 */
#ifndef BORDERLESS_CACHE_H
#define BORDERLESS_CACHE_H

#include "borderless/model.h"
#include "borderless/search.h"

#include <stddef.h>
#include <stdint.h>

#define BL_CACHE_FORMAT 1 /* bump when the blobs' layout changes */

enum bl_cache_flag {
    BL_CACHE_NO_READ = 1, /* never use a stored cache */
    BL_CACHE_NO_WRITE = 2, /* never write one */
};

typedef struct bl_cache {
    char *path; /* the cache file, or NULL: no cache (no home, flags) */
    char *dir; /* the content folder as given */
    unsigned flags;
    uint64_t key[2]; /* XXH3-128 of the content's identity and versions */
    int keyed; /* key computed */
    int had_guide, had_index; /* what the last loads found */
    int stored; /* bl_cache_store() wrote the file */
} bl_cache;

/* Computes where the cache of content folder dir lives and its key.  Never
 * fails: on any problem the cache is simply off (c->path NULL).  The
 * environment variable BORDERLESS_NO_CACHE=1 adds both flags. */
void bl_cache_init(bl_cache *c, const char *dir, unsigned flags);
void bl_cache_done(bl_cache *c);

/* The guide from the cache, or NULL (a miss: absent, stale, damaged).  The
 * caller frees it with bl_guide_free(). */
bl_guide *bl_cache_load_guide(bl_cache *c);

/* The index of g from the cache, or NULL.  g must be the guide
 * bl_cache_load_guide() returned for the same cache (same key). */
bl_search_index *bl_cache_load_index(bl_cache *c, const bl_guide *g);

/* Writes the cache of g (and ix, when not NULL) atomically.  0, or a
 * negative errno; nothing happens (0) when writes are off.  First removes
 * the temporaries of the same cache file left by writers that were killed
 * (a writer holds a flock(2) on its own until it is renamed; cache.c). */
int bl_cache_store(bl_cache *c, const bl_guide *g, const bl_search_index *ix);

/* ---- the blobs, for tests and the fuzzer ---- */

/* Serializes g into one position-independent block (malloc'd): its first
 * *objects bytes are objects, the rest strings.  0 or -1. */
int bl_cache_model_encode(const bl_guide *g, unsigned char **out, size_t *len, size_t *objects);
/* Checks and relocates a copy of buf[0..len); NULL if anything is wrong. */
bl_guide *bl_cache_model_decode(const unsigned char *buf, size_t len, size_t objects);

/* The same for an index; decode ties it to g (whose entries it must fit). */
int bl_cache_index_encode(const bl_search_index *ix, unsigned char **out, size_t *len);
bl_search_index *bl_cache_index_decode(const unsigned char *buf, size_t len, const bl_guide *g);

#endif
