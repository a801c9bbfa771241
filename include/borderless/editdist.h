/* editdist.h — the one edit distance of the program ("did you mean").
 *
 * Optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of two adjacent characters each cost one.  Used by the search
 * (nearest indexed words), the loader (unknown keys) and the command line
 * (unknown ids and commands).  Pure; bounded so a scan over many words stays
 * cheap: the answer is exact when it is <= bound, else bound + 1.
 */
#ifndef BORDERLESS_EDITDIST_H
#define BORDERLESS_EDITDIST_H

#include <stddef.h>
#include <stdint.h>

/* Longest input, in code points; longer ones are "farther than bound". */
#define BL_EDIT_MAX 64

/* Distance between code point arrays a[0..n) and b[0..m). */
unsigned bl_edit_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m, unsigned bound);

/* The same between two NUL-terminated UTF-8 strings (decoded with
 * utf8proc; an invalid byte counts as one character). */
unsigned bl_edit_distance_utf8(const char *a, const char *b, unsigned bound);

#endif
