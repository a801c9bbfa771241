/* search_match.c — does a query word or phrase match the index here?
 * Shared by the ranking (search.c) and the details of a hit
 * (search_detail.c), so neither calls back into the other. */
#include "search_int.h"

int bl_sx_word_has(const struct bl_search_query *q, const struct bl_sx_word *w, uint32_t t,
                   float *quality)
{
    const struct bl_sx_exp *e = q->exps + w->exp_start;
    size_t lo = 0, hi = w->n_exp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid].term < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < w->n_exp && e[lo].term == t) {
        *quality = e[lo].q;
        return 1;
    }
    return 0;
}

float bl_sx_phrase_at(const bl_search_index *ix, const struct bl_search_query *q,
                      const struct bl_sx_group *gr, uint32_t pos)
{
    if (pos < gr->anchor || (size_t)pos - gr->anchor + gr->n > ix->n_fwd)
        return 0;
    size_t base = (size_t)pos - gr->anchor;
    float best = 1.0f;
    for (size_t j = 0; j < gr->n; j++) {
        uint32_t t = ix->fwd[base + j];
        float quality;
        if (t == BL_SX_GAP || !bl_sx_word_has(q, &q->words[gr->first + j], t, &quality))
            return 0;
        if (quality < best)
            best = quality;
    }
    return best;
}
