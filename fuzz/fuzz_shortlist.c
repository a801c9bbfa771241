/* fuzz_shortlist — the shortlist file reader (shortlist.h) on any bytes.
 *
 * Checks that every entry read obeys the store's rules (a role id, a note
 * that could have been typed, a date or nothing), that damage is reported
 * whenever a line was left out, and that writing the entries and reading
 * them back gives the same entries with no damage at all. */
#include "fuzz.h"

#include "borderless/shortlist.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

static int valid_date(const char *s)
{
    if (!*s)
        return 1;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bl_shortlist *a = NULL, *b = NULL;
    size_t bad = 0;
    int damaged = 0;
    if (bl_shortlist_from_text((const char *)data, size, &a, &bad, &damaged) < 0)
        return 0;
    if (bad && !damaged && !bl_shortlist_read_only(a)) {
        /* a newer file's unreadable lines are not damage; other lines are */
        const char *p = (const char *)data;
        size_t n = size;
        if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { /* the reader skips a BOM */
            p += 3;
            n -= 3;
        }
        if (n < 22 || memcmp(p, "borderless-shortlist ", 21) != 0)
            abort();
    }
    for (size_t i = 0; i < bl_shortlist_count(a); i++) {
        const bl_shortlist_entry *e = bl_shortlist_at(a, i);
        if (!bl_shortlist_valid_id(e->id) || bl_shortlist_check_note(e->note, NULL, 0) != 0 ||
            !valid_date(e->reviewed) || e->added < 0 || bl_shortlist_find(a, e->id) != e)
            abort();
    }
    char *text = NULL;
    size_t len = 0;
    if (bl_shortlist_to_text(a, &text, &len) < 0) {
        bl_shortlist_close(a);
        return 0;
    }
    if (bl_shortlist_from_text(text, len, &b, &bad, &damaged) == 0) {
        if (bad || damaged || bl_shortlist_count(b) != bl_shortlist_count(a))
            abort();
        for (size_t i = 0; i < bl_shortlist_count(a); i++) {
            const bl_shortlist_entry *x = bl_shortlist_at(a, i), *y = bl_shortlist_at(b, i);
            if (strcmp(x->id, y->id) || strcmp(x->note, y->note) ||
                strcmp(x->reviewed, y->reviewed) || x->added != y->added)
                abort();
        }
    }
    bl_shortlist_close(b);
    bl_shortlist_close(a);
    free(text);
    return 0;
}
