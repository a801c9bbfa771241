/* cache.h — a validated on-disk cache of the loaded guide and its search
 * index, so that a second run skips the YAML and the index build.
 *
 * Where: $XDG_CACHE_HOME/borderless/content-<hash of the folder's real
 * path>.cache (default ~/.cache/borderless/), one file per content folder:
 * a header (format, program version, key, the address the model block is
 * meant to be mapped at, and each block's place and length; checksummed
 * itself), then the model block and the index block, each at a page
 * boundary (cache.c).  The model block holds a table of its parts - the
 * spine (what the menu and lookups read) and each entry's body - with a
 * checksum each (cache_model.c); the index block has one checksum.
 * Reading maps the file and uses it in the page cache: the model where it
 * was meant to be mapped needs no copy and no relocation (elsewhere - the
 * place taken - its objects are copied and relocated).  (Why not SQLite:
 * README, Performance.)
 *
 * The key is a digest of every file the loader reads (sections.yaml, the
 * roles folder and every roles/ *.yaml: path, size, mtime with nanoseconds,
 * inode, device), the folder as given, the program's version, the cache
 * format and the ABI (pointer size, endianness, struct sizes).  The cache
 * is used only when every part matches; otherwise it is a miss and the
 * caller loads the YAML (and may store a new cache).
 *
 * The file is hostile input: every part is checksummed before it is
 * read, then every pointer, count, index and enum in it is bounds-checked
 * (cache_model.c, cache_index.c).  A damaged, truncated, foreign or
 * newer-version file is a miss, never a crash.  bl_cache_load_guide()
 * checks everything before it returns; bl_cache_load_guide_lazy() checks
 * the spine, and leaves the bodies to bl_cache_check(): each entry before
 * it is first read, the rest in the background, so that the guide's first
 * screen waits for one entry, not ten thousand.
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

#define BL_CACHE_FORMAT 2 /* bump when the blobs' layout changes */

/* Model blocks are written for addresses from here up (cache.c). */
#define BL_CACHE_MODEL_BASE 0x200000000000ull

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
    int racy; /* a content file changed within the last tick: not stored */
    int had_guide, had_index; /* what the last loads found */
    int stored; /* bl_cache_store() wrote the file */
    struct bl_cache_lazy *lazy; /* bl_cache_load_guide_lazy(): what is left to check */
} bl_cache;

/* Computes where the cache of content folder dir lives and its key.  Never
 * fails: on any problem the cache is simply off (c->path NULL).  The
 * environment variable BORDERLESS_NO_CACHE=1 adds both flags. */
void bl_cache_init(bl_cache *c, const char *dir, unsigned flags);
/* Stops and waits for a background check; frees c's own memory.  Before
 * bl_guide_free() of a guide from bl_cache_load_guide_lazy(). */
void bl_cache_done(bl_cache *c);

/* The guide from the cache, or NULL (a miss: absent, stale, damaged).  The
 * caller frees it with bl_guide_free(). */
bl_guide *bl_cache_load_guide(bl_cache *c);

/* The same with only the spine checked: the entries' ids, titles, dates,
 * paths, roles' groups and fit levels, the index by id, groups, crime
 * areas, glossary, synonyms and fit questions may be read at once; an entry's body (fields, links, sources,
 * role facts) only after bl_cache_check(c, i) returned 0, any of them after
 * bl_cache_check(c, BL_CACHE_CHECK_ALL) did.  When the cache cannot be
 * used in place the guide comes back checked whole (c->lazy NULL). */
bl_guide *bl_cache_load_guide_lazy(bl_cache *c);

enum {
    BL_CACHE_CHECK_START = -1, /* check the rest in a thread of its own */
    BL_CACHE_CHECK_ALL = -2, /* wait until everything is checked */
};
/* what >= 0: entry `what`, checked now unless it was.  0 when it may be
 * read (always, for a guide checked whole); -1 when the cache is damaged:
 * the caller drops the guide and loads the YAML instead. */
int bl_cache_check(bl_cache *c, long what);

/* The index of g from the cache, or NULL.  g must be the guide
 * bl_cache_load_guide() returned for the same cache (same key). */
bl_search_index *bl_cache_load_index(bl_cache *c, const bl_guide *g);

/* Writes the cache of g (and ix, when not NULL) atomically.  0, or a
 * negative errno; nothing happens (0) when writes are off, or when a
 * content file changed so recently (c->racy: within 50 ms, or 2 s on a
 * file system without sub-second times) that a change in the same tick of
 * its clock could go unseen - the next run stores it.  First removes the
 * temporaries of the same cache file left by writers that were killed (a
 * writer holds a flock(2) on its own until it is renamed; cache.c). */
int bl_cache_store(bl_cache *c, const bl_guide *g, const bl_search_index *ix);

/* ---- the blobs, for tests and the fuzzer ---- */

/* Serializes g into one block (malloc'd) for mapping at `base` (a multiple
 * of 4096): a table of its parts, then *objects bytes of objects, the rest
 * strings.  0 or -1.  bl_cache_model_encode(): at BL_CACHE_MODEL_BASE. */
int bl_cache_model_encode_at(const bl_guide *g, uint64_t base, unsigned char **out, size_t *len,
                             size_t *objects);
int bl_cache_model_encode(const bl_guide *g, unsigned char **out, size_t *len, size_t *objects);
/* The same block written to fd at offset at (pwrite), holding only the
 * spine and one entry's body in memory at a time; its size into *len.
 * 0, or a negative errno. */
int bl_cache_model_write(const bl_guide *g, uint64_t base, int fd, uint64_t at, size_t *len);
/* Checks and relocates a copy of buf[0..len) - its structure; the parts'
 * checksums are not checked (the file reader does).  NULL if anything is
 * wrong. */
bl_guide *bl_cache_model_decode(const unsigned char *buf, size_t len);
/* The same checks on a block used where it is - at the address it was
 * written for (else NULL) - as the cache file is when mapped there.  The
 * guide does not own the block: bl_guide_free() frees the guide only. */
bl_guide *bl_cache_model_use(const unsigned char *block, size_t len);

/* The same for an index; decode ties it to g (whose entries it must fit). */
int bl_cache_index_encode(const bl_search_index *ix, unsigned char **out, size_t *len);
/* The same block written to fd at offset at from the index's own arrays
 * (no copy in memory); its size and XXH3-64 into *len and *sum.  0, or a
 * negative errno. */
int bl_cache_index_write(const bl_search_index *ix, int fd, uint64_t at, size_t *len,
                         uint64_t *sum);
bl_search_index *bl_cache_index_decode(const unsigned char *buf, size_t len, const bl_guide *g);

#endif
