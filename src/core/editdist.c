#include "borderless/editdist.h"

#include <string.h>
#include <utf8proc.h>

unsigned bl_edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
                          unsigned bound)
{
    enum { MAXN = BL_EDIT_MAX + 1 };
    if (n >= MAXN || m >= MAXN)
        return bound + 1;
    if ((n > m ? n - m : m - n) > bound)
        return bound + 1;
    unsigned rows[3][MAXN];
    unsigned *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        unsigned best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > bound)
            return bound + 1;
        unsigned *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] <= bound ? prev[m] : bound + 1;
}

static size_t decode(const char *s, uint32_t *cps, size_t max)
{
    size_t len = strlen(s), i = 0, k = 0;
    while (i < len && k < max) {
        utf8proc_int32_t u = 0;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &u);
        if (r <= 0) {
            u = 0xDC00 | (unsigned char)s[i]; /* the byte itself, as no text has it */
            r = 1;
        }
        cps[k++] = (uint32_t)u;
        i += (size_t)r;
    }
    return i < len ? max + 1 : k;
}

unsigned bl_edit_distance_utf8(const char *a, const char *b, unsigned bound)
{
    uint32_t ca[BL_EDIT_MAX + 1], cb[BL_EDIT_MAX + 1];
    size_t n = decode(a, ca, BL_EDIT_MAX + 1), m = decode(b, cb, BL_EDIT_MAX + 1);
    if (n > BL_EDIT_MAX || m > BL_EDIT_MAX)
        return bound + 1;
    return bl_edit_distance(ca, n, cb, m, bound);
}
