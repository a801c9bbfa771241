/* vec.h — growing an array: one rule for every growable array of the core
 * (by half again each time, from a first capacity), with the overflow and
 * out-of-memory checks written once.
 *
 *     struct item *v = bl_vec_grow(arr, &cap, n + 1, sizeof *arr, 16);
 *     if (!v)
 *         return -1;           // arr is unchanged and still the caller's
 *     arr = v;
 *     arr[n++] = item;
 */
#ifndef BORDERLESS_VEC_H
#define BORDERLESS_VEC_H

#include <stddef.h>

/* Makes room for `need` (>= 1) elements of `size` bytes in arr, whose
 * capacity is *cap.  Returns arr itself when it already has the room, else
 * arr reallocated to at least `first` and `need` elements (*cap updated).
 * NULL when memory runs out or the size overflows: arr and *cap are then
 * unchanged. */
void *bl_vec_grow(void *arr, size_t *cap, size_t need, size_t size, size_t first);

#endif
