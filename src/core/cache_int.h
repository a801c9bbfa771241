/* cache_int.h — the private parts of the cache (cache*.c). */
#ifndef BORDERLESS_CACHE_INT_H
#define BORDERLESS_CACHE_INT_H

#include "borderless/arena.h"
#include "borderless/model.h"
#include "borderless/search.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the model block (cache_model.c) ---- */

#define TOC_MAGIC "BLMODL2"

/* At the block's start: where each part is, and its checksum. */
struct toc_head {
    char magic[8];
    uint64_t base; /* the address the pointers are stored for */
    uint64_t n_entries;
    uint64_t objs; /* the objects start here (the root bl_guide first) */
    uint64_t strs; /* the objects end and the strings start here */
    uint64_t spine_obj_end, spine_str_end;
    uint64_t spine_sum;
    uint64_t sum; /* XXH3-64 of the fields above and the entry table */
};

/* Then one per entry. */
struct toc_entry {
    uint64_t obj_end, str_end; /* entry i's body: from entry i-1's ends (the spine's) */
    uint64_t sum;
};

/* A model block being read. */
typedef struct bl_model_view {
    const unsigned char *block; /* where the block is (mapped or in memory) */
    size_t len;
    struct toc_head h;
    const struct toc_entry *te;
    unsigned char *objs; /* the objects walked: the block itself, or a copy */
    int relocate;
    bl_guide *g; /* the root, malloc'd, from bl_model_spine() */
    bl_entry *entries; /* the entries array (in objs) */
} bl_model_view;

/* The block's table of contents checked (max-aligned block): 0 or -1. */
int bl_model_open(bl_model_view *v, const unsigned char *block, size_t len);
/* The spine checked, and relocated into objs when `relocate` (objs a
 * writable, max-aligned copy of the block; else objs is the block, mapped
 * at the address it was written for): the root (malloc'd) or NULL. */
bl_guide *bl_model_spine(bl_model_view *v, unsigned char *objs, int relocate);
/* Part k's checksum is right: k = 0 the spine, k = i + 1 entry i's body. */
int bl_model_sum(const bl_model_view *v, size_t k);
/* Entry i's body checked (and relocated): 0 or -1.  Without relocation it
 * only reads, so threads may check entries at the same time. */
int bl_model_entry(const bl_model_view *v, size_t i);
/* What needs every entry checked first: 0 or -1. */
int bl_model_finish(const bl_model_view *v);

/* Writes buf[0..len) to fd at offset at, whole (cache.c): 0 or -errno. */
int bl_cache_pwrite(int fd, const void *buf, size_t len, uint64_t at);

/* Checks the index block b[0..len) (malloc'd, 8-byte aligned) and makes it
 * an index of g that owns b.  NULL if anything is wrong (b not freed). */
bl_search_index *bl_cache_index_adopt(unsigned char *b, size_t len, const bl_guide *g);

#endif
