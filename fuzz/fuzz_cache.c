/* fuzz_cache — damaged cache blocks never crash the reader.
 *
 * The shipped content's guide and index are loaded and encoded once
 * (LLVMFuzzerInitialize).  An input is a recipe of damage to one of the two
 * blocks: byte 0 picks the block (even: the model, odd: the index), bytes
 * 1-4 a length to cut it to (little-endian, taken modulo its size + 1;
 * 0xFFFFFFFF: no cut), then 5-byte edits (a 4-byte offset modulo the
 * length, a byte to XOR there).  The damaged block goes through the same
 * checks and relocation as a cached file after its checksum (so the
 * checksum cannot hide a hole); whatever they accept is then used: every
 * entry laid out and looked up, an index built, queries run and detailed. */
#include "fuzz.h"

#include "borderless/cache.h"
#include "borderless/config.h"
#include "borderless/diag.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static bl_guide *guide;
static unsigned char *blocks[2];
static size_t lens[2], objs;
static unsigned char *place; /* at BL_CACHE_MODEL_BASE, lens[0] bytes */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("BORDERLESS_CONTENT");
    if (!dir || !*dir)
        dir = BORDERLESS_SOURCE_CONTENT;
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    guide = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    bl_search_index *ix = guide ? bl_search_index_build(guide) : NULL;
    if (!ix || bl_cache_model_encode(guide, &blocks[0], &lens[0], &objs) ||
        bl_cache_index_encode(ix, &blocks[1], &lens[1])) {
        fprintf(stderr, "fuzz_cache: cannot load and encode %s\n", dir);
        abort();
    }
    bl_search_index_free(ix);
    void *p = mmap((void *)(uintptr_t)BL_CACHE_MODEL_BASE, lens[0], PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)(uintptr_t)BL_CACHE_MODEL_BASE) {
        fprintf(stderr, "fuzz_cache: cannot map the model's place\n");
        abort();
    }
    place = p;
    return 0;
}

static const char *const queries[] = {"interpol",    "\"red notice\"", "analyst data",
                                      "inteligence", "xylophone",      "co-operation"};

static void use_index(const bl_search_index *ix)
{
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        bl_search_results *r = bl_search_run(ix, queries[q], strlen(queries[q]), SIZE_MAX);
        bl_search_results_free(r);
    }
}

static void use_guide(const bl_guide *g)
{
    for (size_t i = 0; i < g->n_entries; i++) {
        const bl_entry *e = &g->entries[i];
        (void)bl_guide_find(g, e->id);
        (void)bl_entry_group(g, e);
        bl_layout *l = bl_layout_entry(g, e, 60);
        bl_layout_free(l);
    }
    bl_search_index *ix = bl_search_index_build(g);
    if (ix)
        use_index(ix);
    bl_search_index_free(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    int which = data[0] & 1;
    uint32_t cut = (uint32_t)data[1] | (uint32_t)data[2] << 8 | (uint32_t)data[3] << 16 |
        (uint32_t)data[4] << 24;
    size_t len = cut == UINT32_MAX ? lens[which] : cut % (lens[which] + 1);
    unsigned char *b = malloc(len ? len : 1);
    if (!b)
        return 0;
    memcpy(b, blocks[which], len);
    for (size_t i = 5; len && i + 5 <= size; i += 5) {
        uint32_t off = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
            (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;
        b[off % len] ^= data[i + 4];
    }
    if (which == 0 && (data[0] & 2)) {
        memcpy(place, b, len);
        bl_guide *g = len ? bl_cache_model_use(place, len) : NULL;
        if (g)
            use_guide(g);
        bl_guide_free(g);
    } else if (which == 0) {
        bl_guide *g = bl_cache_model_decode(b, len);
        if (g)
            use_guide(g);
        bl_guide_free(g);
    } else {
        bl_search_index *ix = bl_cache_index_decode(b, len, guide);
        if (ix)
            use_index(ix);
        bl_search_index_free(ix);
    }
    free(b);
    return 0;
}
