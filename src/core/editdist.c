/* editdist.c — the one edit distance (see editdist.h). */
#include "borderless/editdist.h"

#include <string.h>
#include <utf8proc.h>

unsigned bl_edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m, unsigned bound)
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
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
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

/* Decodes s into cps (room for BL_EDIT_MAX + 1); returns the count, which
 * exceeds BL_EDIT_MAX when s is too long. */
static size_t decode(const char *s, uint32_t *cps)
{
    size_t len = strlen(s), k = 0;
    for (size_t i = 0; i < len && k <= BL_EDIT_MAX;) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
        if (n < 1 || cp < 0) {
            cp = 0xFFFD00 | (unsigned char)s[i]; /* an invalid byte, distinct per value */
            n = 1;
        }
        cps[k++] = (uint32_t)cp;
        i += (size_t)n;
    }
    return k;
}

unsigned bl_edit_distance_utf8(const char *a, const char *b, unsigned bound)
{
    uint32_t x[BL_EDIT_MAX + 1], y[BL_EDIT_MAX + 1];
    size_t n = decode(a, x), m = decode(b, y);
    return bl_edit_distance(x, n, y, m, bound);
}
