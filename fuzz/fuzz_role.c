/* fuzz_role — one role file from bytes: parse and validate (loader.h). */
#include "fuzz.h"

#include "borderless/diag.h"
#include "borderless/loader.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bl_diags d;
    bl_diags_init(&d, 8);
    int r = bl_check_role_bytes("roles/fuzz-role.yaml", data, size, &d);
    /* Invalid input must say why; valid input must not complain. */
    if ((r != 0) != (d.total != 0 || d.oom))
        abort();
    for (size_t i = 0; i < d.n; i++)
        if (!d.items[i].formatted || !d.items[i].message)
            abort();
    bl_diags_free(&d);
    return 0;
}
