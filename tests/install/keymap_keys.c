/* keymap_keys.c — the guide's keys, from its key table and action table.
 *
 *   keymap_keys           every key, one per line, "context heading<TAB>key
 *                         name" (test_manpage.sh compares it with the man
 *                         page's KEYS section)
 *   keymap_keys --man     the KEYS section's body, in man(7) markup
 *   keymap_keys --readme  README's key table (test_readme_keys.sh checks it)
 */
#include "keymap.h"

#include <stdio.h>
#include <string.h>

static const enum km_context order[] = {KM_ANY,      KM_MOVE,         KM_MENU,
                                        KM_DETAIL,   KM_COMPARE,      KM_PROMPT,
                                        KM_QUESTION, KM_FIT_QUESTION, KM_FIT_RESULTS};

/* The names of the keys of a (and of its pair) in ctx, once each. */
static size_t names_of(enum km_context ctx, enum bl_action a, const char *out[16],
                       char bufs[16][16])
{
    const struct bl_action_info *info = bl_action_info(a);
    int keys[16];
    size_t n = keymap_keys_of(ctx, a, keys, 8);
    if (info->pair)
        n += keymap_keys_of(ctx, info->pair, keys + n, 8);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = keymap_key_name(keys[i], bufs[m]);
        int dup = 0;
        for (size_t j = 0; j < m; j++)
            dup |= strcmp(out[j], name) == 0;
        if (!dup)
            out[m++] = name;
    }
    return m;
}

static void each_line(void (*fn)(enum km_context, const char *const *, size_t, const char *, int))
{
    size_t n_table;
    const struct km_binding *t = keymap_table(&n_table);
    for (size_t c = 0; c < sizeof order / sizeof order[0]; c++) {
        int first = 1;
        for (size_t i = 0; i < n_table; i++) {
            const char *help = bl_action_info(t[i].action)->help;
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                seen |= t[j].ctx == t[i].ctx && t[j].action == t[i].action;
            if (t[i].ctx != order[c] || !help || seen)
                continue;
            const char *names[16];
            char bufs[16][16];
            size_t m = names_of(order[c], t[i].action, names, bufs);
            fn(order[c], names, m, help, first);
            first = 0;
        }
    }
}

/* man(7) escapes: a hyphen is \-, a leading dot or quote is protected. */
static void man_word(const char *s)
{
    for (; *s; s++) {
        if (*s == '-')
            fputs("\\-", stdout);
        else if (*s == '\\')
            fputs("\\e", stdout);
        else
            putchar(*s);
    }
}

static void man_line(enum km_context ctx, const char *const *names, size_t m, const char *help,
                     int first)
{
    if (first)
        printf(".SS %s\n", keymap_context_name(ctx));
    printf(".TP\n%s", m > 1 ? ".BR " : ".B ");
    for (size_t i = 0; i < m; i++) {
        if (i)
            fputs(" \", \" ", stdout);
        man_word(names[i]);
    }
    printf("\n%s.\n", help);
}

static void readme_line(enum km_context ctx, const char *const *names, size_t m, const char *help,
                        int first)
{
    (void)first;
    printf("| %s | ", keymap_context_name(ctx));
    for (size_t i = 0; i < m; i++) {
        int word = strlen(names[i]) == 1;
        printf("%s%s%s%s", i ? ", " : "", word ? "`" : "", names[i], word ? "`" : "");
    }
    printf(" | %s |\n", help);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--man") == 0) {
        each_line(man_line);
    } else if (argc > 1 && strcmp(argv[1], "--readme") == 0) {
        printf("| where | keys | what they do |\n|---|---|---|\n");
        each_line(readme_line);
    } else {
        size_t n;
        const struct km_binding *table = keymap_table(&n);
        for (size_t i = 0; i < n; i++) {
            for (int k = 0; k < KM_MAX_KEYS && table[i].keys[k]; k++) {
                char buf[16];
                printf("%s\t%s\n", keymap_context_name(table[i].ctx),
                       keymap_key_name(table[i].keys[k], buf));
            }
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
