/* cache_index.c — the search index as one block: a header of counts, then
 * every array of bl_search_index (search_int.h) at an 8-byte boundary.
 *
 * Reading checks everything the query code trusts: offsets into the pool,
 * every posting decoded once with a bounded varint reader (entries
 * increasing and in range, positions in range, no varint longer than five
 * bytes), term ids in the forward array, the dictionary's orders, string and
 * entry ranges monotone.  The block then becomes the index's one allocation
 * (ix->block).
 */
#include "borderless/cache.h"
#include "cache_int.h"
#include "search_int.h"

#include <errno.h>
#include <libstemmer.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define IX_MAGIC 0x31786c6263ull /* "cblx1" */

struct ix_head {
    uint64_t magic;
    uint64_t n_entries, n_terms, pool_len, dlen, plen, n_fwd, n_ckpt, n_strs, n_extras, n_syns;
    uint32_t len_start[BL_SX_TOKEN_MAX + 2];
    float avg_len;
    uint32_t pad;
};

/* A varint from [*p, end): 0, or -1 when it runs off the end or is longer
 * than five bytes (its value would not fit). */
static int vget(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; shift <= 28; shift += 7) {
        if (*p >= end)
            return -1;
        unsigned c = *(*p)++;
        r |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            if (r > UINT32_MAX)
                return -1;
            *v = (uint32_t)r;
            return 0;
        }
    }
    return -1;
}

/* Decodes term t's postings; their ends into *dend, *pend.  -1 if they are
 * not well formed for n_entries entries and n_fwd positions. */
static int check_postings(const struct bl_sx_term *t, const unsigned char *ds, size_t dlen,
                          const unsigned char *ps, size_t plen, size_t n_entries, size_t n_fwd,
                          size_t *dend, size_t *pend)
{
    if (t->doc_off > dlen || t->pos_off > plen || t->n_docs == 0)
        return -1;
    const unsigned char *dp = ds + t->doc_off, *de = ds + dlen;
    const unsigned char *pp = ps + t->pos_off, *pe = ps + plen;
    uint64_t prev = UINT64_MAX, pos = 0;
    int first_pos = 1;
    for (uint32_t i = 0; i < t->n_docs; i++) {
        uint32_t delta, wtf, n_occ;
        if (vget(&dp, de, &delta) || vget(&dp, de, &wtf) || vget(&dp, de, &n_occ))
            return -1;
        uint64_t e = prev == UINT64_MAX ? delta : prev + delta;
        if ((prev != UINT64_MAX && delta == 0) || e >= n_entries || n_occ == 0)
            return -1;
        prev = e;
        for (uint32_t k = 0; k < n_occ; k++) {
            uint32_t d;
            if (vget(&pp, pe, &d))
                return -1;
            pos += d;
            if (pos >= n_fwd || (!first_pos && d == 0))
                return -1;
            first_pos = 0;
        }
    }
    *dend = (size_t)(dp - ds);
    *pend = (size_t)(pp - ps);
    return 0;
}

struct layout {
    size_t off[14];
    size_t total;
};

enum {
    L_POOL,
    L_TERMS,
    L_STEM,
    L_MASK,
    L_LEN,
    L_D,
    L_P,
    L_FWD,
    L_CKPT,
    L_STRS,
    L_ESTR,
    L_ELEN,
    L_EXTRAS,
    L_SYNS
};

static int plan(const struct ix_head *h, struct layout *l)
{
    const uint64_t lim = (uint64_t)1 << 40;
    if (h->n_entries >= UINT32_MAX || h->n_terms >= lim || h->pool_len >= lim || h->dlen >= lim ||
        h->plen >= lim || h->n_fwd >= UINT32_MAX || h->n_strs >= lim || h->n_extras >= lim ||
        h->n_syns >= lim || h->n_ckpt != h->n_fwd / BL_SX_CKPT + 1)
        return -1;
    uint64_t sizes[14] = {
        h->pool_len,
        h->n_terms * sizeof(struct bl_sx_term),
        h->n_terms * 4,
        h->n_terms * 8,
        h->n_terms * 4,
        h->dlen,
        h->plen,
        h->n_fwd * 4,
        h->n_ckpt * 4,
        (h->n_strs + 1) * sizeof(struct bl_sx_str),
        (h->n_entries + 1) * 4,
        h->n_entries * sizeof(float),
        h->n_extras * sizeof(struct bl_sx_extra),
        h->n_syns * sizeof(struct bl_sx_syn),
    };
    uint64_t at = sizeof *h;
    for (int i = 0; i < 14; i++) {
        at = (at + 7) & ~(uint64_t)7;
        l->off[i] = (size_t)at;
        at += sizes[i];
    }
    l->total = (size_t)at;
    return 0;
}

/* The block's header and layout for ix: 0 or -1. */
static int index_plan(const bl_search_index *ix, struct ix_head *h, struct layout *l)
{
    *h = (struct ix_head){
        .magic = IX_MAGIC,
        .n_entries = ix->g->n_entries,
        .n_terms = ix->n_terms,
        .n_fwd = ix->n_fwd,
        .n_ckpt = ix->n_fwd / BL_SX_CKPT + 1,
        .n_strs = ix->n_strs,
        .n_extras = ix->n_extras,
        .n_syns = ix->n_syns,
        .avg_len = ix->avg_len,
    };
    memcpy(h->len_start, ix->len_start, sizeof h->len_start);
    /* The pool's and the streams' lengths are not kept: the ends of what
     * the terms use (the streams are laid out in term order). */
    for (size_t t = 0; t < ix->n_terms; t++) {
        const struct bl_sx_term *tm = &ix->terms[t];
        size_t e1 = (size_t)tm->str + tm->len, e2 = (size_t)tm->stem + tm->stem_len;
        if (e1 > h->pool_len)
            h->pool_len = e1;
        if (e2 > h->pool_len)
            h->pool_len = e2;
        size_t dend, pend;
        if (check_postings(tm, ix->dstream, UINT32_MAX, ix->pstream, UINT32_MAX, SIZE_MAX, SIZE_MAX,
                           &dend, &pend))
            return -1;
        if (dend > h->dlen)
            h->dlen = dend;
        if (pend > h->plen)
            h->plen = pend;
    }
    return plan(h, l);
}

/* Hands the block's pieces in order to put(ctx, offset, bytes, n): the
 * header, then each array at its place (the gaps between are zeros). */
static int index_pieces(const bl_search_index *ix, const struct ix_head *h, const struct layout *l,
                        int (*put)(void *ctx, size_t off, const void *p, size_t n), void *ctx)
{
    const struct {
        const void *src;
        size_t n;
    } parts[14] = {
        {ix->pool, h->pool_len},
        {ix->terms, h->n_terms * sizeof *ix->terms},
        {ix->by_stem, h->n_terms * 4},
        {ix->mask, h->n_terms * 8},
        {ix->by_len, h->n_terms * 4},
        {ix->dstream, h->dlen},
        {ix->pstream, h->plen},
        {ix->fwd, h->n_fwd * 4},
        {ix->ckpt, h->n_ckpt * 4},
        {ix->strs, (h->n_strs + 1) * sizeof *ix->strs},
        {ix->entry_str, (h->n_entries + 1) * 4},
        {ix->entry_len, h->n_entries * sizeof(float)},
        {ix->extras, h->n_extras * sizeof *ix->extras},
        {ix->syns, h->n_syns * sizeof *ix->syns},
    };
    if (put(ctx, 0, h, sizeof *h) != 0)
        return -1;
    for (int i = 0; i < 14; i++)
        if (parts[i].n > 0 && parts[i].src && put(ctx, l->off[i], parts[i].src, parts[i].n) != 0)
            return -1;
    return 0;
}

static int put_mem(void *ctx, size_t off, const void *p, size_t n)
{
    memcpy((unsigned char *)ctx + off, p, n);
    return 0;
}

int bl_cache_index_encode(const bl_search_index *ix, unsigned char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    struct ix_head h;
    struct layout l;
    if (index_plan(ix, &h, &l))
        return -1;
    unsigned char *b = calloc(1, l.total);
    if (!b)
        return -1;
    (void)index_pieces(ix, &h, &l, put_mem, b);
    *out = b;
    *len = l.total;
    return 0;
}

/* Writing to a file: pwrite, with the block's XXH3-64 kept as it goes
 * (the pieces come in order; the zeros between them are hashed too). */
struct file_put {
    int fd;
    uint64_t at;
    size_t pos; /* the block's bytes hashed so far */
    XXH3_state_t *st;
    int err;
};

/* The zeros between what was hashed and offset `to`, hashed. */
static void hash_zeros(struct file_put *f, size_t to)
{
    static const unsigned char zeros[64];
    while (f->pos < to) {
        size_t z = to - f->pos < sizeof zeros ? to - f->pos : sizeof zeros;
        XXH3_64bits_update(f->st, zeros, z);
        f->pos += z;
    }
}

static int put_file(void *ctx, size_t off, const void *p, size_t n)
{
    struct file_put *f = ctx;
    hash_zeros(f, off);
    XXH3_64bits_update(f->st, p, n);
    f->pos += n;
    int rc = bl_cache_pwrite(f->fd, p, n, f->at + off);
    if (rc < 0) {
        f->err = -rc;
        return -1;
    }
    return 0;
}

int bl_cache_index_write(const bl_search_index *ix, int fd, uint64_t at, size_t *len, uint64_t *sum)
{
    struct ix_head h;
    struct layout l;
    *len = 0;
    if (index_plan(ix, &h, &l))
        return -EINVAL;
    struct file_put f = {.fd = fd, .at = at, .st = XXH3_createState()};
    if (!f.st)
        return -ENOMEM;
    XXH3_64bits_reset(f.st);
    int rc = index_pieces(ix, &h, &l, put_file, &f);
    /* the end: zeros after the last piece, hashed; the file reaches it */
    if (rc == 0 && f.pos < l.total) {
        hash_zeros(&f, l.total);
        if (ftruncate(fd, (off_t)(at + l.total)) != 0)
            f.err = errno;
    }
    *sum = XXH3_64bits_digest(f.st);
    XXH3_freeState(f.st);
    if (rc != 0 || f.err)
        return f.err ? -f.err : -EIO;
    *len = l.total;
    return 0;
}

/* Checks every array of the block (already placed in ix). */
static int check_index(const bl_search_index *ix, const struct ix_head *h)
{
    size_t nt = ix->n_terms;
    for (size_t t = 0; t < nt; t++) {
        const struct bl_sx_term *tm = &ix->terms[t];
        size_t dend, pend;
        if (tm->len == 0 || tm->len > BL_SX_TOKEN_MAX || tm->stem_len > BL_SX_TOKEN_MAX + 2 ||
            tm->key_len > BL_SX_TOKEN_MAX + 2 || tm->ncp > tm->len ||
            (size_t)tm->str + tm->len > h->pool_len ||
            (size_t)tm->stem + tm->stem_len > h->pool_len || ix->by_stem[t] >= nt ||
            ix->by_len[t] >= nt ||
            check_postings(tm, ix->dstream, h->dlen, ix->pstream, h->plen, h->n_entries, h->n_fwd,
                           &dend, &pend))
            return -1;
    }
    for (size_t i = 0; i < BL_SX_TOKEN_MAX + 2; i++)
        if (ix->len_start[i] > nt || (i && ix->len_start[i] < ix->len_start[i - 1]))
            return -1;
    for (size_t p = 0; p < ix->n_fwd; p++)
        if (ix->fwd[p] >= nt && ix->fwd[p] != BL_SX_GAP)
            return -1;
    for (size_t s = 0; s <= ix->n_strs; s++) {
        const struct bl_sx_str *st = &ix->strs[s];
        if (st->pos > ix->n_fwd || (s && st->pos < ix->strs[s - 1].pos) ||
            st->part < BL_PART_TITLE || st->part >= BL_FIELD_COUNT)
            return -1;
    }
    if (ix->strs[ix->n_strs].pos != ix->n_fwd)
        return -1;
    /* The gaps lie exactly where the builder puts them: before the first
     * string and at the end of each, and nowhere inside one (readers take
     * every position inside a string for a term id). */
    for (size_t p = 0; p < ix->strs[0].pos; p++)
        if (ix->fwd[p] != BL_SX_GAP)
            return -1;
    for (size_t s = 0; s < ix->n_strs; s++) {
        uint32_t a = ix->strs[s].pos, b = ix->strs[s + 1].pos;
        if (b <= a || ix->fwd[b - 1] != BL_SX_GAP)
            return -1;
        for (uint32_t p = a; p < b - 1; p++)
            if (ix->fwd[p] == BL_SX_GAP)
                return -1;
    }
    for (size_t e = 0; e <= h->n_entries; e++)
        if (ix->entry_str[e] > ix->n_strs || (e && ix->entry_str[e] < ix->entry_str[e - 1]))
            return -1;
    for (size_t e = 0; e < h->n_entries; e++)
        if (!isfinite(ix->entry_len[e]) || ix->entry_len[e] < 0)
            return -1;
    if (!isfinite(ix->avg_len) || ix->avg_len <= 0)
        return -1;
    for (size_t x = 0; x < ix->n_extras; x++) {
        const struct bl_sx_extra *ex = &ix->extras[x];
        if (ex->term >= nt || ex->pos >= ix->n_fwd || ex->parts > ix->n_fwd - ex->pos ||
            (x && ex->pos < ix->extras[x - 1].pos))
            return -1;
    }
    for (size_t s = 0; s < ix->n_syns; s++) {
        const struct bl_sx_syn *y = &ix->syns[s];
        if (y->n_words > 4 || y->set >= ix->g->n_synonyms)
            return -1;
        for (size_t k = 0; k < y->n_words; k++)
            if (y->lens[k] > BL_SX_TOKEN_MAX || y->key_lens[k] > BL_SX_TOKEN_MAX)
                return -1;
    }
    return 0;
}

bl_search_index *bl_cache_index_adopt(unsigned char *b, size_t len, const bl_guide *g)
{
    struct ix_head h;
    struct layout l;
    if (!g || len < sizeof h || ((uintptr_t)b % 8))
        return NULL;
    memcpy(&h, b, sizeof h);
    if (h.magic != IX_MAGIC || h.n_entries != g->n_entries || plan(&h, &l) || l.total != len)
        return NULL;
    bl_search_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->g = g;
    ix->pool = (char *)b + l.off[L_POOL];
    ix->terms = (struct bl_sx_term *)(void *)(b + l.off[L_TERMS]);
    ix->n_terms = (size_t)h.n_terms;
    ix->by_stem = (uint32_t *)(void *)(b + l.off[L_STEM]);
    ix->mask = (uint64_t *)(void *)(b + l.off[L_MASK]);
    ix->by_len = (uint32_t *)(void *)(b + l.off[L_LEN]);
    memcpy(ix->len_start, h.len_start, sizeof ix->len_start);
    ix->dstream = b + l.off[L_D];
    ix->pstream = b + l.off[L_P];
    ix->fwd = (uint32_t *)(void *)(b + l.off[L_FWD]);
    ix->n_fwd = (size_t)h.n_fwd;
    ix->ckpt = (uint32_t *)(void *)(b + l.off[L_CKPT]);
    ix->strs = (struct bl_sx_str *)(void *)(b + l.off[L_STRS]);
    ix->n_strs = (size_t)h.n_strs;
    ix->entry_str = (uint32_t *)(void *)(b + l.off[L_ESTR]);
    ix->entry_len = (float *)(void *)(b + l.off[L_ELEN]);
    ix->avg_len = h.avg_len;
    ix->extras = (struct bl_sx_extra *)(void *)(b + l.off[L_EXTRAS]);
    ix->n_extras = (size_t)h.n_extras;
    ix->syns = (struct bl_sx_syn *)(void *)(b + l.off[L_SYNS]);
    ix->n_syns = (size_t)h.n_syns;
    if (check_index(ix, &h) || !(ix->stemmer = sb_stemmer_new("english", NULL))) {
        free(ix);
        return NULL;
    }
    ix->block = b;
    return ix;
}

bl_search_index *bl_cache_index_decode(const unsigned char *buf, size_t len, const bl_guide *g)
{
    unsigned char *b = malloc(len ? len : 1);
    if (!b)
        return NULL;
    if (len)
        memcpy(b, buf, len);
    bl_search_index *ix = bl_cache_index_adopt(b, len, g);
    if (!ix)
        free(b);
    return ix;
}
