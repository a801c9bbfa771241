/* cmd_summary.c — the `summary` command: render a role's summary and print
 * it or save it with the safe writer (see cmd_summary.h). */
#include "cmd_summary.h"

#include "borderless/safewrite.h"
#include "borderless/summary.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SUMMARY_OK = 0, SUMMARY_FAIL = 1, SUMMARY_USAGE = 2 };

static const char summary_usage[] =
    "Usage: borderless [-C DIR] summary ID [-o FILE] [-f text|markdown] [--force]\n"
    "Write a one- or two-page summary of role ID.\n"
    "\n"
    "  -o, --output FILE   write to FILE instead of standard output (\"-\": stdout)\n"
    "  -f, --format FMT    text (wrapped at 72 columns) or markdown; by default\n"
    "                      markdown when FILE ends in .md or .markdown, else text\n"
    "  --force             replace FILE if it exists\n";

struct summary_args {
    const char *id;
    const char *out; /* NULL or "-": standard output */
    enum bl_summary_format fmt;
    int force;
    int help;
};

/* "borderless: WHAT 'ARG' TAIL" and the hint; returns the usage status. */
static int usage_error_ex(const char *what, const char *arg, const char *tail)
{
    fprintf(stderr, "borderless: %s%s%s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "", tail ? " " : "", tail ? tail : "");
    fputs("Try 'borderless summary --help' for more information.\n", stderr);
    return SUMMARY_USAGE;
}

static int usage_error(const char *what, const char *arg)
{
    return usage_error_ex(what, arg, NULL);
}

/* The value of an option given as "-o X", "-oX", "--output X" or
 * "--output=X"; NULL when `a` is not this option.  *i moves past a value
 * taken from the next argument; *missing is set when there is none. */
static const char *option_value(const char *a, const char *short_opt, const char *long_opt,
                                int argc, char **argv, int *i, int *missing)
{
    size_t sl = strlen(short_opt), ll = strlen(long_opt);
    const char *inline_value = NULL;
    if (strcmp(a, short_opt) == 0 || strcmp(a, long_opt) == 0) {
        if (*i + 1 >= argc) {
            *missing = 1;
            return NULL;
        }
        return argv[++*i];
    }
    if (strncmp(a, long_opt, ll) == 0 && a[ll] == '=')
        inline_value = a + ll + 1;
    else if (strncmp(a, short_opt, sl) == 0 && a[1] != '-' && a[sl] != '\0')
        inline_value = a + sl;
    return inline_value;
}

static int parse_args(int argc, char **argv, struct summary_args *s)
{
    *s = (struct summary_args){.fmt = BL_SUMMARY_AUTO};
    int options_done = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int missing = 0;
        const char *v;
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            if (s->id)
                return usage_error("unexpected argument", a);
            s->id = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            s->help = 1;
        } else if (strcmp(a, "--force") == 0) {
            s->force = 1;
        } else if ((v = option_value(a, "-o", "--output", argc, argv, &i, &missing)) ||
                   missing) {
            if (missing || !*v)
                return usage_error("option -o needs a file name", NULL);
            s->out = v;
        } else if ((v = option_value(a, "-f", "--format", argc, argv, &i, &missing)) ||
                   missing) {
            if (missing)
                return usage_error("option -f needs a format: text or markdown", NULL);
            if (bl_summary_parse_format(v, &s->fmt) != 0)
                return usage_error_ex("unknown format", v, "(use text or markdown)");
        } else {
            return usage_error("unknown option", a);
        }
    }
    if (!s->id && !s->help)
        return usage_error("summary needs a role ID (see 'borderless list')", NULL);
    return SUMMARY_OK;
}

int bl_cmd_summary_check(int argc, char **argv)
{
    struct summary_args s;
    return parse_args(argc, argv, &s);
}

static int write_stdout(const char *doc, size_t len)
{
    if (fwrite(doc, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return SUMMARY_FAIL;
    }
    return SUMMARY_OK;
}

int bl_cmd_summary(const bl_guide *g, int argc, char **argv)
{
    struct summary_args s;
    int rc = parse_args(argc, argv, &s);
    if (rc != SUMMARY_OK)
        return rc;
    if (s.help) {
        fputs(summary_usage, stdout);
        return write_stdout("", 0);
    }

    const bl_entry *e = bl_guide_find(g, s.id);
    if (!e) {
        fprintf(stderr, "borderless: no role has the id '%s' (see 'borderless list')\n", s.id);
        return SUMMARY_FAIL;
    }
    if (e->kind != BL_ENTRY_ROLE) {
        fprintf(stderr, "borderless: '%s' is a section; only roles have summaries "
                        "(see 'borderless list')\n", s.id);
        return SUMMARY_FAIL;
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
        return SUMMARY_FAIL;
    }
    int status;
    if (to_stdout) {
        status = write_stdout(doc, len);
    } else {
        char reason[BL_REASON_MAX];
        /* Ctrl-C, a kill or a hang-up during the write leaves no temporary
         * file behind. */
        (void)bl_safewrite_guard_signals();
        rc = bl_safewrite(s.out, doc, len, s.force ? BL_SAFEWRITE_OVERWRITE : 0, reason,
                          sizeof reason);
        if (rc == -EEXIST)
            fprintf(stderr, "borderless: %s; use --force to replace it\n", reason);
        else if (rc < 0)
            fprintf(stderr, "borderless: cannot save the summary: %s\n", reason);
        status = rc < 0 ? SUMMARY_FAIL : SUMMARY_OK;
    }
    free(doc);
    return status;
}
