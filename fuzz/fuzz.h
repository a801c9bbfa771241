/* fuzz.h — the libFuzzer entry points every target in fuzz/ defines.
 *
 * Each fuzz_<name>.c is linked either with libFuzzer (-fsanitize=fuzzer,
 * fuzz/CMakeLists.txt) or with tests/test_fuzz_regress.c, which replays the
 * saved inputs of tests/fuzz_regress/<name>/ as an ordinary test.  A target
 * must not keep state between inputs except what LLVMFuzzerInitialize()
 * sets up once; it reports a broken invariant with abort().
 */
#ifndef BORDERLESS_FUZZ_H
#define BORDERLESS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef BORDERLESS_DIAG_H
#include <stdlib.h>
/* The loader's promise for one file: invalid input says why (each message
 * complete), valid input does not complain.  Frees d. */
static inline void fuzz_check_diags(int r, bl_diags *d)
{
    if ((r != 0) != (d->total != 0 || d->oom))
        abort();
    for (size_t i = 0; i < d->n; i++)
        if (!d->items[i].formatted || !d->items[i].message)
            abort();
    bl_diags_free(d);
}
#endif

#endif
