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

int bl_cmd_summary(const bl_guide *g, const bl_cli *c, const char *id)
{
    struct {
        const char *out;
        enum bl_summary_format fmt;
        int force;
    } s = {.out = c->out, .fmt = c->fmt, .force = c->force};
    int rc;
    char qbuf[BL_ESC_SIZE];

    const bl_entry *e = bl_cli_find(c, g, id, 1);
    if (!e)
        return BL_EXIT_FAIL;
    if (e->kind != BL_ENTRY_ROLE) {
        fprintf(stderr,
                "borderless: '%s' is a section; only roles have summaries "
                "(see 'borderless list')\n",
                bl_cli_q(c, qbuf, id));
        return BL_EXIT_FAIL;
    }

    int to_stdout = !s.out || strcmp(s.out, "-") == 0;
    enum bl_summary_format fmt = s.fmt;
    if (fmt == BL_SUMMARY_AUTO)
        fmt = to_stdout ? BL_SUMMARY_TEXT : bl_summary_format_for_path(s.out);

    char *doc = NULL;
    size_t len = 0;
    rc = bl_summary_render(g, e, fmt, &doc, &len);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot make the summary: %s\n", strerror(-rc));
        return BL_EXIT_FAIL;
    }
    int status;
    if (to_stdout) {
        status = write_stdout(doc, len);
    } else {
        status = bl_cli_save(c, s.out, s.force, "summary", doc, len);
    }
    free(doc);
    return status;
}
