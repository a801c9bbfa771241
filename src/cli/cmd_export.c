/* cmd_export.c — the `export` command (see cmd_export.h). */
#include "cmd_export.h"

#include "borderless/booklet.h"
#include "borderless/compare.h"
#include "borderless/shortlist.h"
#include "borderless/userstate.h"
#include "cmd_fit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char bl_cmd_export_usage[] =
    "Usage: borderless export [--scope all|shortlist|fit] [--answers FILE]\n"
    "                         [-o FILE] [-f text|markdown|html] [--force]\n"
    "       borderless export --scope compare ID ID [ID] [-o FILE] [-f FMT]\n"
    "Write a booklet of roles for reading or printing: a cover with the\n"
    "content's version and review date, a table of contents, then each role.\n"
    "\n"
    "  --scope SCOPE       all: every role, then the guide's sections (default)\n"
    "                      shortlist: the roles on your shortlist, with notes\n"
    "                      fit: the fit report for your answers\n"
    "                      compare: two or three roles side by side, then each\n"
    "                      role's profile\n"
    "  --answers FILE      with --scope fit: read answers from FILE (\"-\":\n"
    "                      standard input), as 'borderless fit --answers'\n"
    "  -o, --output FILE   write to FILE instead of standard output (\"-\": stdout)\n"
    "  -f, --format FMT    text, markdown or html (one file: inline style, no\n"
    "                      script, prints on A4 and Letter); by default from\n"
    "                      FILE's extension (.md, .html), else text\n"
    "  --force             replace FILE if it exists\n"
    "  --no-state          no shortlist and no kept answers\n";

int bl_cmd_export_check(const bl_cli *c, int argc, char **argv)
{
    char q[BL_ESC_SIZE];
    if (c->scope == BL_BOOKLET_COMPARE) {
        if (argc < BL_CMP_MIN_ROLES)
            return bl_cli_usage("export", "--scope compare needs two or three role IDs");
        if (argc > BL_CMP_MAX_ROLES)
            return bl_cli_usage("export", "--scope compare takes at most three role IDs");
    } else if (argc > 0) {
        return bl_cli_usage("export", "unexpected argument '%s'", bl_cli_q(c, q, argv[0]));
    }
    if (c->fit_answers && c->scope != BL_BOOKLET_FIT)
        return bl_cli_usage("export", "--answers goes with --scope fit");
    return BL_EXIT_OK;
}

int bl_cmd_export(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    bl_booklet_spec spec = {.scope = c->scope};
    size_t roles[BL_CMP_MAX_ROLES];
    bl_shortlist *sl = NULL;
    bl_fit_answers ans;
    char why[BL_REASON_MAX];
    char q[BL_ESC_SIZE];
    int status = BL_EXIT_OK;

    if (c->scope == BL_BOOKLET_SHORTLIST) {
        if (bl_shortlist_open(NULL, bl_userstate_flags(c->no_state), &sl, why, sizeof why) < 0) {
            fprintf(stderr, "borderless: cannot read the shortlist: %s\n", bl_cli_q(c, q, why));
            return BL_EXIT_FAIL;
        }
        const char *notice = bl_shortlist_notice(sl);
        if (notice)
            fprintf(stderr, "borderless: %s\n", bl_cli_q(c, q, notice));
        if (bl_shortlist_count(sl) == 0) {
            fputs(bl_shortlist_is_private(sl)
                      ? "borderless: no shortlist in a private session (--no-state)\n"
                      : "borderless: your shortlist is empty; add roles with 'borderless "
                        "shortlist add ID'\n",
                  stderr);
            bl_shortlist_close(sl);
            return BL_EXIT_FAIL;
        }
        spec.shortlist = sl;
    } else if (c->scope == BL_BOOKLET_COMPARE) {
        for (int i = 0; i < argc && i < BL_CMP_MAX_ROLES; i++) {
            const bl_entry *e = bl_cli_find(c, g, argv[i], 1);
            if (!e)
                return BL_EXIT_FAIL;
            if (e->kind != BL_ENTRY_ROLE) {
                fprintf(stderr, "borderless: '%s' is a section; only roles can be compared\n",
                        bl_cli_q(c, q, argv[i]));
                return BL_EXIT_FAIL;
            }
            roles[spec.n_roles++] = bl_guide_index(g, e);
        }
        spec.roles = roles;
    } else if (c->scope == BL_BOOKLET_FIT) {
        if (g->n_fit_questions == 0) {
            fputs("borderless: this guide has no fit finder questions\n", stderr);
            return BL_EXIT_FAIL;
        }
        status = bl_cmd_fit_answers(g, c, &ans);
        if (status != BL_EXIT_OK)
            return status;
        spec.answers = &ans;
    }

    int to_stdout = !c->out || strcmp(c->out, "-") == 0;
    enum bl_booklet_format fmt = c->bfmt;
    if (fmt == BL_BOOKLET_AUTO)
        fmt = to_stdout ? BL_BOOKLET_TEXT : bl_booklet_format_for_path(c->out);
    char *doc = NULL;
    size_t len = 0;
    int rc = bl_booklet_render(g, &spec, fmt, c->ascii && to_stdout, &doc, &len);
    bl_shortlist_close(sl);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot make the booklet: %s\n", strerror(-rc));
        return BL_EXIT_FAIL;
    }
    if (to_stdout) {
        if (fwrite(doc, 1, len, stdout) != len)
            status = BL_EXIT_FAIL;
        status = bl_cli_finish_stdout(status);
    } else {
        status = bl_cli_save(c, c->out, c->force, "booklet", doc, len);
    }
    free(doc);
    return status;
}
