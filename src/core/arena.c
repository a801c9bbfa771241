#include "borderless/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Chunks grow geometrically from 16 KiB up to 4 MiB; an allocation larger
 * than a quarter of the chunk size gets a chunk of its own, so big strings
 * waste nothing.  Chunks of 2 MiB and more (a big content model's) are
 * aligned to 2 MiB and offered to the kernel for transparent huge pages:
 * a model of 100 MB then costs a few dozen page faults instead of 25,000,
 * which is most of what building it costs on top of parsing. */
#define ARENA_MIN_CHUNK ((size_t)16 * 1024)
#define ARENA_MAX_CHUNK ((size_t)4 * 1024 * 1024)
#define ARENA_HUGE ((size_t)2 * 1024 * 1024)
#define ARENA_ALIGN alignof(max_align_t)

struct chunk {
    struct chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

struct bl_arena {
    struct chunk *head;
    size_t next_size;
    size_t footprint;
    void *map[2]; /* bl_arena_own_map() */
    size_t map_len[2];
};

bl_arena *bl_arena_new(void)
{
    bl_arena *a = calloc(1, sizeof *a);
    if (a)
        a->next_size = ARENA_MIN_CHUNK;
    return a;
}

void bl_arena_free(bl_arena *a)
{
    if (!a)
        return;
    for (int i = 0; i < 2; i++)
        if (a->map[i])
            munmap(a->map[i], a->map_len[i]);
    struct chunk *c = a->head;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

static struct chunk *chunk_new(bl_arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(struct chunk) - ARENA_HUGE)
        return NULL;
    struct chunk *c;
    if (size >= ARENA_HUGE - sizeof *c) {
        /* Whole huge pages: the rounding is usable space, not waste. */
        size_t total = (sizeof *c + size + ARENA_HUGE - 1) / ARENA_HUGE * ARENA_HUGE;
        c = aligned_alloc(ARENA_HUGE, total);
        if (!c)
            return NULL;
#ifdef MADV_HUGEPAGE
        (void)madvise(c, total, MADV_HUGEPAGE); /* a hint: failure is harmless */
#endif
        size = total - sizeof *c;
    } else {
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
    }
    c->size = size;
    c->used = 0;
    a->footprint += sizeof *c + size;
    return c;
}

/* n bytes at a multiple of align (a power of two, at most ARENA_ALIGN),
 * not zeroed.  Strings take align 1: padding them to ARENA_ALIGN would
 * cost a content model a tenth of its size. */
static void *arena_take(bl_arena *a, size_t n, size_t align)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    struct chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < n) {
        if (n > a->next_size / 4) {
            /* A big block: its own chunk, kept behind the current head so
             * the head's free space stays usable. */
            struct chunk *big = chunk_new(a, n);
            if (!big)
                return NULL;
            big->used = big->size;
            if (c) {
                big->next = c->next;
                c->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            return big->data;
        }
        c = chunk_new(a, a->next_size);
        if (!c)
            return NULL;
        c->next = a->head;
        a->head = c;
        if (a->next_size < ARENA_MAX_CHUNK)
            a->next_size *= 2;
        at = 0;
    }
    c->used = at + n;
    return c->data + at;
}

void *bl_arena_alloc(bl_arena *a, size_t n)
{
    void *p = arena_take(a, n, ARENA_ALIGN);
    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

void *bl_arena_array(bl_arena *a, size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz)
        return NULL;
    return bl_arena_alloc(a, n * sz);
}

char *bl_arena_strndup(bl_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = arena_take(a, len + 1, 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *bl_arena_strdup(bl_arena *a, const char *s)
{
    return bl_arena_strndup(a, s, strlen(s));
}

size_t bl_arena_footprint(const bl_arena *a)
{
    return a->footprint;
}

char *bl_arena_buffer(bl_arena *a, size_t n)
{
    return arena_take(a, n, 1);
}

void bl_arena_reset(bl_arena *a)
{
    /* Keep the newest chunk (the head), free the rest. */
    struct chunk *c = a->head;
    if (!c)
        return;
    struct chunk *rest = c->next;
    while (rest) {
        struct chunk *next = rest->next;
        a->footprint -= sizeof *rest + rest->size;
        free(rest);
        rest = next;
    }
    c->next = NULL;
    c->used = 0;
}

int bl_arena_own_map(bl_arena *a, void *map, size_t len)
{
    for (int i = 0; i < 2; i++)
        if (!a->map[i]) {
            a->map[i] = map;
            a->map_len[i] = len;
            return 0;
        }
    return -1;
}
