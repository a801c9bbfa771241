/* cmd_summary.c — the `summary` command: render a role's summary and print
 * it or save it with the safe writer (see cmd_summary.h). */
#include "cmd_summary.h"

#include "borderless/safewrite.h"
#include "borderless/summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_stdout(const char *doc, size_t len)
{
    if (fwrite(doc, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return BL_EXIT_FAIL;
    }
    return BL_EXIT_OK;
}

int bl_cmd_summary(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    char qbuf[BL_ESC_SIZE];
    /* Every id is checked before anything is made or written. */
    for (int i = 0; i < argc; i++) {
        const bl_entry *e = bl_cli_find(c, g, argv[i], 1);
        if (!e)
            return BL_EXIT_FAIL;
        if (e->kind != BL_ENTRY_ROLE) {
            fprintf(stderr,
                    "borderless: '%s' is a section; only roles have summaries "
                    "(see 'borderless list')\n",
                    bl_cli_q(c, qbuf, argv[i]));
            return BL_EXIT_FAIL;
        }
    }

    int to_stdout;
    enum bl_summary_format fmt = bl_cli_format(c, &to_stdout);

    /* Several roles: their summaries in the order given, a blank line (text)
     * or a thematic break (Markdown) between them. */
    char *doc = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&doc, &len);
    int rc = f ? 0 : -ENOMEM;
    for (int i = 0; i < argc && rc == 0; i++) {
        char *one = NULL;
        size_t n = 0;
        rc = bl_summary_render(g, bl_cli_find(c, g, argv[i], 1), fmt, &one, &n);
        if (rc == 0 && i > 0 && fputs(fmt == BL_SUMMARY_MARKDOWN ? "\n---\n\n" : "\n\n", f) < 0)
            rc = -ENOMEM;
        if (rc == 0 && fwrite(one, 1, n, f) != n)
            rc = -ENOMEM;
        free(one);
    }
    if (f && fclose(f) != 0 && rc == 0)
        rc = -ENOMEM;
    if (rc < 0) {
        free(doc);
        fprintf(stderr, "borderless: cannot make the summary: %s\n", strerror(-rc));
        return BL_EXIT_FAIL;
    }
    int status;
    if (to_stdout) {
        status = write_stdout(doc, len);
    } else {
        status = bl_cli_save(c, c->out, c->force, "summary", doc, len);
    }
    free(doc);
    return status;
}
