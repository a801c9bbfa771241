/* fuzz_sections — a sections.yaml from bytes: parse and validate. */
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
    int r = bl_check_sections_bytes("sections.yaml", data, size, &d);
    if ((r != 0) != (d.total != 0 || d.oom))
        abort();
    bl_diags_free(&d);
    return 0;
}
