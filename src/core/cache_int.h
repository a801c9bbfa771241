/* cache_int.h — the private parts of the cache (cache*.c). */
#ifndef BORDERLESS_CACHE_INT_H
#define BORDERLESS_CACHE_INT_H

#include "borderless/arena.h"
#include "borderless/model.h"
#include "borderless/search.h"

#include <stddef.h>

/* Checks the model block block[0..len), whose first n_objs bytes are
 * objects (copied to objs, writable, max-aligned) and the rest strings, and
 * relocates the objects in objs: their pointers go to objs or into block.
 * Both must stay alive as long as the guide (owned by arena a, which the
 * returned guide then owns).  NULL if anything is wrong; the caller then
 * frees a. */
bl_guide *bl_cache_model_relocate(bl_arena *a, unsigned char *objs, const unsigned char *block,
                                  size_t len, size_t n_objs);

/* Checks the index block b[0..len) (malloc'd, 8-byte aligned) and makes it
 * an index of g that owns b.  NULL if anything is wrong (b not freed). */
bl_search_index *bl_cache_index_adopt(unsigned char *b, size_t len, const bl_guide *g);

#endif
