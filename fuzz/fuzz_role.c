/* fuzz_role — one role file from bytes: parse and validate (loader.h). */
#include "borderless/diag.h"
#include "borderless/loader.h"

#include "fuzz.h"

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
    fuzz_check_diags(bl_check_role_bytes("roles/fuzz-role.yaml", data, size, &d), &d);
    return 0;
}
