/* keymap_keys.c — prints every key of the guide's key table, one per line,
 * as "context heading<TAB>key name", the way the help overlay names them.
 * test_manpage.sh compares this list with the man page's KEYS section. */
#include "keymap.h"

#include <stdio.h>

int main(void)
{
    size_t n;
    const struct km_binding *table = keymap_table(&n);
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < KM_MAX_KEYS && table[i].keys[k]; k++) {
            char buf[16];
            printf("%s\t%s\n", keymap_context_name(table[i].ctx),
                   keymap_key_name(table[i].keys[k], buf));
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
