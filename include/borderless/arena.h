/* arena.h — a bump allocator that owns a whole content model.
 *
 * Allocations are never freed one by one; bl_arena_free() releases them all.
 * Every allocation is aligned for any object type.  All functions return NULL
 * when memory runs out (or a size would overflow); callers must check.
 */
#ifndef BORDERLESS_ARENA_H
#define BORDERLESS_ARENA_H

#include <stddef.h>

typedef struct bl_arena bl_arena;

bl_arena *bl_arena_new(void);
void bl_arena_free(bl_arena *a);

/* n bytes, zeroed. */
void *bl_arena_alloc(bl_arena *a, size_t n);
/* n objects of size sz, zeroed; NULL on overflow. */
void *bl_arena_array(bl_arena *a, size_t n, size_t sz);
/* A copy of s[0..len) with a terminating NUL (byte-aligned). */
char *bl_arena_strndup(bl_arena *a, const char *s, size_t len);
char *bl_arena_strdup(bl_arena *a, const char *s);

/* n bytes that are NOT zeroed (and only byte-aligned), for a character
 * buffer the caller fills. */
char *bl_arena_buffer(bl_arena *a, size_t n);

/* Forgets every allocation but keeps the newest chunk for reuse: a scratch
 * arena reset per file costs no malloc for small files. */
void bl_arena_reset(bl_arena *a);

/* Makes a own the memory mapping [map, map + len): bl_arena_free() unmaps
 * it (a cached guide lives in mappings, cache.h).  Two per arena at most:
 * -1 if a already owns two. */
int bl_arena_own_map(bl_arena *a, void *map, size_t len);

/* Total bytes obtained from malloc so far (for benchmarks). */
size_t bl_arena_footprint(const bl_arena *a);

#endif
