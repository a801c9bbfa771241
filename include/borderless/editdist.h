/* editdist.h — the one edit distance: insertions, deletions, substitutions
 * and transpositions of adjacent characters (optimal string alignment),
 * between code points, with a bound so that a far word costs little.
 * Used by the search's fuzzy matching and the loader's "did you mean". */
#ifndef BORDERLESS_EDITDIST_H
#define BORDERLESS_EDITDIST_H

#include <stddef.h>
#include <stdint.h>

/* The longest strings measured, in code points; longer ones are "far". */
#define BL_EDIT_MAX 64

/* The distance between a[0..n) and b[0..m), or bound + 1 when it is more
 * than bound (or a string is longer than BL_EDIT_MAX). */
unsigned bl_edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
                          unsigned bound);

/* The same for two NUL-terminated UTF-8 strings (an invalid byte counts as
 * one character of its own). */
unsigned bl_edit_distance_utf8(const char *a, const char *b, unsigned bound);

#endif
