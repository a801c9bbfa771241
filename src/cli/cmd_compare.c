/* cmd_compare.c — the `compare` command: two or three roles side by side,
 * printed or saved with the safe writer (see cmd_compare.h). */
#include "cmd_compare.h"

#include "borderless/compare.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char bl_cmd_compare_usage[] =
    "Usage: borderless compare ID ID [ID] [-d] [-f text|markdown] [--width N]\n"
    "                          [-o FILE] [--force]\n"
    "Compare two or three roles row by row: quick facts, the work, how people\n"
    "get in, pay, where they work, the fit profile, crime areas.  Rows that\n"
    "differ are marked; lists show what all the roles share once, then what\n"
    "is particular to each.  Side by side when every role gets 24 columns,\n"
    "else one role under the other.\n"
    "\n"
    "  -d, --differences   only the rows that differ\n"
    "  -f, --format FMT    text or markdown; by default markdown when FILE\n"
    "                      ends in .md or .markdown, else text\n"
    "  --width N           lay text out for N columns (10 to 1000; else the\n"
    "                      terminal's width, else $COLUMNS, else 80)\n"
    "  -o, --output FILE   write to FILE instead of standard output\n"
    "  --force             replace FILE if it exists\n";

int bl_cmd_compare_check(const bl_cli *c, int argc, char **argv)
{
    (void)c, (void)argv;
    if (argc < BL_CMP_MIN_ROLES)
        return bl_cli_usage("compare",
                            "compare needs two or three role IDs (see "
                            "'borderless list')");
    if (argc > BL_CMP_MAX_ROLES)
        return bl_cli_usage("compare", "compare takes at most three role IDs");
    return BL_EXIT_OK;
}

/* --width, else the terminal's, else $COLUMNS, else 80. */
static int compare_width(const bl_cli *c)
{
    if (c->width)
        return c->width;
    if (c->term_cols > 0)
        return c->term_cols;
    const char *env = getenv("COLUMNS");
    char *end = NULL;
    long v = env && *env ? strtol(env, &end, 10) : 0;
    if (end && *end == '\0' && v >= BL_CLI_WIDTH_MIN && v <= BL_CLI_WIDTH_MAX)
        return (int)v;
    return BL_CLI_MEASURE;
}

/* The document in fmt, malloc'd into *doc; 0 or -errno. */
static int render(const bl_compare *cmp, const bl_cli *c, enum bl_summary_format fmt, char **doc,
                  size_t *len)
{
    unsigned flags = c->compare_diff ? BL_CMP_DIFF_ONLY : 0;
    if (fmt == BL_SUMMARY_MARKDOWN)
        return bl_compare_markdown(cmp, flags, doc, len);
    bl_cmp_text *t = bl_compare_text(cmp, compare_width(c), flags | (c->ascii ? BL_CMP_ASCII : 0));
    if (!t)
        return -ENOMEM;
    FILE *f = open_memstream(doc, len);
    int rc = f ? bl_compare_text_write(t, f) : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    bl_compare_text_free(t);
    if (rc != 0) {
        if (f)
            free(*doc);
        *doc = NULL;
        return -ENOMEM;
    }
    return 0;
}

int bl_cmd_compare(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    char qbuf[BL_ESC_SIZE];
    const bl_entry *roles[BL_CMP_MAX_ROLES];
    if (bl_cmd_compare_check(c, argc, argv) != BL_EXIT_OK)
        return BL_EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        roles[i] = bl_cli_find(c, g, argv[i], 1);
        if (!roles[i])
            return BL_EXIT_FAIL;
        if (roles[i]->kind != BL_ENTRY_ROLE) {
            fprintf(stderr,
                    "borderless: '%s' is a section; only roles can be compared "
                    "(see 'borderless list')\n",
                    bl_cli_q(c, qbuf, argv[i]));
            return BL_EXIT_FAIL;
        }
    }
    bl_compare *cmp = bl_compare_build(g, roles, (size_t)argc);
    if (!cmp) {
        fputs("borderless: out of memory\n", stderr);
        return BL_EXIT_FAIL;
    }
    int to_stdout;
    enum bl_summary_format fmt = bl_cli_format(c, &to_stdout);
    char *doc = NULL;
    size_t len = 0;
    int rc = render(cmp, c, fmt, &doc, &len);
    bl_compare_free(cmp);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot make the comparison: %s\n", strerror(-rc));
        return BL_EXIT_FAIL;
    }
    int status;
    if (to_stdout) {
        if (fwrite(doc, 1, len, stdout) != len) {
            free(doc);
            return bl_cli_finish_stdout(BL_EXIT_FAIL);
        }
        status = bl_cli_finish_stdout(BL_EXIT_OK);
    } else {
        status = bl_cli_save(c, c->out, c->force, "comparison", doc, len);
    }
    free(doc);
    return status;
}
