#include "borderless/vec.h"

#include <stdint.h>
#include <stdlib.h>

void *bl_vec_grow(void *arr, size_t *cap, size_t need, size_t size, size_t first)
{
    if (arr && need <= *cap)
        return arr;
    size_t n = *cap > first ? *cap : first;
    if (n < 1)
        n = 1;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n += n / 2 + 1;
    }
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *v = realloc(arr, n * size);
    if (!v)
        return NULL;
    *cap = n;
    return v;
}
