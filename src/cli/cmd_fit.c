/* cmd_fit.c — the `fit` command (see cmd_fit.h). */
#include "cmd_fit.h"

#include "borderless/diag.h"
#include "borderless/fit.h"
#include "borderless/layout.h"
#include "borderless/safewrite.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FIT_OK = 0, FIT_FAIL = 1, FIT_USAGE = 2 };

#define MAX_ANSWERS_FILE (64 * 1024)

const char bl_cmd_fit_usage[] =
    "Usage: borderless fit [--answers FILE] [-o FILE] [-f text|markdown] [--force]\n"
    "       borderless fit --questions | --clear\n"
    "Which roles suit your answers, and why: every role ranked, with what\n"
    "matched, what held it back, its ways in, and what would change.  A guide,\n"
    "not a verdict.\n"
    "\n"
    "  --questions         print the questions: key<TAB>question<TAB>answers\n"
    "                      (answers separated by |, numbered from 0)\n"
    "  --answers FILE      read answers from FILE (\"-\": standard input), one a\n"
    "                      line: key=value; value 0-4, an answer, or none;\n"
    "                      key!=value or value! marks it important; crime_areas\n"
    "                      takes ids separated by commas.  Kept for next time.\n"
    "  --clear             forget the answers kept from last time\n"
    "  --no-state          neither read nor keep answers between runs\n"
    "  -o, --output FILE   write the report to FILE instead of standard output\n"
    "  -f, --format FMT    text (wrapped at 72 columns) or markdown; by default\n"
    "                      markdown when FILE ends in .md or .markdown, else text\n"
    "  --force             replace FILE if it exists\n"
    "  -h, --help          show this help and exit\n";

/* "borderless: WHAT 'ARG' TAIL" (ARG made safe to print) and the hint. */
static int usage(const char *what, const char *arg, const char *tail)
{
    fprintf(stderr, "borderless: %s", what);
    if (arg) {
        char *c = bl_text_sanitize(arg, strlen(arg), 1, NULL);
        fprintf(stderr, " '%s'", c ? c : "?");
        free(c);
    }
    fprintf(stderr, "%s%s\nTry 'borderless fit --help' for more information.\n",
            tail ? " " : "", tail ? tail : "");
    return FIT_USAGE;
}

enum { OPT_QUESTIONS = 256, OPT_ANSWERS, OPT_CLEAR, OPT_FORCE, OPT_NO_STATE };

int bl_cmd_fit_parse(int argc, char **argv, bl_fit_cli *a, int *help)
{
    static const struct option longs[] = {
        {.name = "questions", .has_arg = no_argument, .val = OPT_QUESTIONS},
        {.name = "answers", .has_arg = required_argument, .val = OPT_ANSWERS},
        {.name = "clear", .has_arg = no_argument, .val = OPT_CLEAR},
        {.name = "no-state", .has_arg = no_argument, .val = OPT_NO_STATE},
        {.name = "output", .has_arg = required_argument, .val = 'o'},
        {.name = "format", .has_arg = required_argument, .val = 'f'},
        {.name = "force", .has_arg = no_argument, .val = OPT_FORCE},
        {.name = "help", .has_arg = no_argument, .val = 'h'},
        {0},
    };
    *help = 0;
    /* getopt_long wants argv[0] to be the program: start before "fit"'s args. */
    char **v = calloc((size_t)argc + 2, sizeof *v);
    if (!v) {
        fputs("borderless: out of memory\n", stderr);
        return FIT_USAGE;
    }
    static char name[] = "fit";
    v[0] = name;
    for (int i = 0; i < argc; i++)
        v[i + 1] = argv[i];
    int rc = FIT_OK;
    opterr = 0;
    optind = 1;
    int opt;
    while (rc == FIT_OK && (opt = getopt_long(argc + 1, v, ":ho:f:", longs, NULL)) != -1) {
        switch (opt) {
        case OPT_QUESTIONS:
            a->questions = 1;
            break;
        case OPT_ANSWERS:
            if (!*optarg)
                rc = usage("option --answers needs a file name (\"-\": standard input)", NULL, NULL);
            a->answers = optarg;
            break;
        case OPT_CLEAR:
            a->clear = 1;
            break;
        case OPT_NO_STATE:
            a->no_state = 1;
            break;
        case OPT_FORCE:
            a->force = 1;
            break;
        case 'o':
            if (!*optarg)
                rc = usage("option -o needs a file name", NULL, NULL);
            a->out = optarg;
            break;
        case 'f':
            if (bl_summary_parse_format(optarg, &a->fmt) != 0)
                rc = usage("unknown format", optarg, "(use text or markdown)");
            break;
        case 'h':
            *help = 1;
            break;
        case ':':
            rc = usage("this option needs a value:", v[optind - 1], NULL);
            break;
        default:
            rc = usage("unknown option", v[optind - 1], NULL);
            break;
        }
    }
    if (rc == FIT_OK && optind < argc + 1)
        rc = usage("unexpected argument", v[optind], NULL);
    if (rc == FIT_OK && !*help && a->questions + a->clear + (a->answers != NULL) > 1)
        rc = usage("give one of --questions, --answers and --clear", NULL, NULL);
    if (rc == FIT_OK && !*help && (a->questions || a->clear) &&
        (a->out || a->force || a->fmt != BL_SUMMARY_AUTO))
        rc = usage("-o, -f and --force go with the report, not --questions or --clear",
                   NULL, NULL);
    free(v);
    return rc;
}

static int finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return FIT_FAIL;
    }
    return status;
}

/* Writes content text made safe to print. */
static void put_safe(FILE *f, const char *s, int ascii)
{
    char *c = bl_text_sanitize(s, strlen(s), ascii, NULL);
    if (c)
        fputs(c, f);
    free(c);
}

static int print_questions(const bl_guide *g, int ascii)
{
    if (g->n_fit_questions == 0) {
        fputs("borderless: this guide has no fit finder questions (see \"fit_questions\" in "
              "content/README.md)\n", stderr);
        return FIT_FAIL;
    }
    for (size_t i = 0; i < g->n_fit_questions; i++) {
        const bl_fit_question *q = &g->fit_questions[i];
        printf("%s\t", q->key);
        put_safe(stdout, q->text, ascii);
        putchar('\t');
        if (q->kind == BL_FITQ_LEVEL)
            for (int a = 0; a < BL_FIT_ANSWERS; a++) {
                if (a)
                    putchar('|');
                put_safe(stdout, q->answers[a], ascii);
            }
        else if (q->kind == BL_FITQ_AREAS)
            for (size_t a = 0; a < g->n_crime_areas; a++)
                printf("%s%s", a ? "|" : "", g->crime_areas[a].id);
        else
            for (size_t a = 0; a < q->n_choices; a++) {
                if (a)
                    putchar('|');
                put_safe(stdout, q->choices[a].label, ascii);
            }
        putchar('\n');
    }
    return finish_stdout(FIT_OK);
}

/* Reads FILE or standard input ("-") into a new buffer. */
static char *read_answers(const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "borderless: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "borderless: cannot read %s: %s\n", path, strerror(EISDIR));
        fclose(f);
        return NULL;
    }
    char *buf = malloc(MAX_ANSWERS_FILE + 1);
    size_t n = buf ? fread(buf, 1, MAX_ANSWERS_FILE + 1, f) : 0;
    int err = ferror(f) ? errno : 0;
    if (!is_stdin)
        fclose(f);
    if (!buf) {
        fputs("borderless: out of memory\n", stderr);
        return NULL;
    }
    if (err) {
        fprintf(stderr, "borderless: cannot read %s: %s\n", path, strerror(err));
        free(buf);
        return NULL;
    }
    if (n > MAX_ANSWERS_FILE) {
        fprintf(stderr, "borderless: %s: more than %d bytes; an answers file is a few lines\n",
                path, MAX_ANSWERS_FILE);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int clear_state(void)
{
    char path[BL_PATH_MAX];
    if (bl_fit_state_path(path, sizeof path) < 0) {
        fputs("borderless: no place for kept answers (HOME is not set)\n", stderr);
        return FIT_FAIL;
    }
    int rc = bl_fit_state_clear(path);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot remove %s: %s\n", path, strerror(-rc));
        return FIT_FAIL;
    }
    printf(rc == 0 ? "Forgot the answers kept in %s\n" : "No answers were kept (%s)\n", path);
    return finish_stdout(FIT_OK);
}

int bl_cmd_fit(const bl_guide *g, const bl_fit_cli *a)
{
    if (a->questions)
        return print_questions(g, a->ascii);
    if (a->clear)
        return clear_state();

    bl_fit_answers ans;
    bl_fit_answers_init(&ans);
    char state[BL_PATH_MAX];
    int have_state = !a->no_state && bl_fit_state_path(state, sizeof state) == 0;
    if (a->answers) {
        size_t len = 0;
        char *buf = read_answers(a->answers, &len);
        if (!buf)
            return FIT_FAIL;
        bl_diags d;
        bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
        const char *name = strcmp(a->answers, "-") == 0 ? "(standard input)" : a->answers;
        int rc = bl_fit_answers_parse(g, name, buf, len, &ans, &d);
        free(buf);
        if (rc < 0) {
            bl_diags_print(&d, stderr);
            bl_diags_free(&d);
            return FIT_FAIL;
        }
        bl_diags_free(&d);
        if (have_state) {
            char reason[BL_REASON_MAX];
            if (bl_fit_state_save(g, state, &ans, reason, sizeof reason) < 0)
                fprintf(stderr, "borderless: could not keep your answers for next time: %s\n",
                        reason);
        }
    } else {
        char notice[BL_REASON_MAX];
        int rc = have_state ? bl_fit_state_load(g, state, &ans, notice, sizeof notice) : 1;
        if (rc == 2)
            fprintf(stderr, "borderless: %s\n", notice);
        if (rc != 0) {
            if (rc < 0)
                fprintf(stderr, "borderless: cannot read %s: %s\n", state, strerror(-rc));
            fputs("borderless: no answers yet: write them in a file (see 'borderless fit "
                  "--questions') and run 'borderless fit --answers FILE'\n", stderr);
            return FIT_FAIL;
        }
    }

    int to_stdout = !a->out || strcmp(a->out, "-") == 0;
    enum bl_summary_format fmt = a->fmt;
    if (fmt == BL_SUMMARY_AUTO)
        fmt = to_stdout ? BL_SUMMARY_TEXT : bl_summary_format_for_path(a->out);
    char *doc = NULL;
    size_t len = 0;
    int rc = bl_fit_report_render(g, &ans, fmt, a->ascii, &doc, &len);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot make the report: %s\n", strerror(-rc));
        return FIT_FAIL;
    }
    int status = FIT_OK;
    if (to_stdout) {
        if (fwrite(doc, 1, len, stdout) != len)
            status = FIT_FAIL;
        status = finish_stdout(status);
    } else {
        char reason[BL_REASON_MAX];
        rc = bl_safewrite(a->out, doc, len, a->force ? BL_SAFEWRITE_OVERWRITE : 0, reason,
                          sizeof reason);
        if (rc == -EEXIST)
            fprintf(stderr, "borderless: %s; use --force to replace it\n", reason);
        else if (rc < 0)
            fprintf(stderr, "borderless: cannot save the report: %s\n", reason);
        status = rc < 0 ? FIT_FAIL : FIT_OK;
    }
    free(doc);
    return status;
}
