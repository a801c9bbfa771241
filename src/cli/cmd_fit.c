/* cmd_fit.c — the `fit` command (see cmd_fit.h). */
#include "cmd_fit.h"

#include "borderless/diag.h"
#include "borderless/esc.h"
#include "borderless/fit.h"
#include "borderless/layout.h"
#include "borderless/safewrite.h"
#include "borderless/userstate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FIT_OK = BL_EXIT_OK, FIT_FAIL = BL_EXIT_FAIL, FIT_USAGE = BL_EXIT_USAGE };

#define MAX_ANSWERS_FILE (64 * 1024)

int bl_cmd_fit_check(const bl_cli *c, int argc, char **argv)
{
    (void)argc, (void)argv;
    if (c->fit_questions + c->fit_clear + (c->fit_answers != NULL) > 1)
        return bl_cli_usage("fit", "give one of --questions, --answers and --clear");
    if ((c->fit_questions || c->fit_clear) && (c->out || c->force || c->fmt != BL_SUMMARY_AUTO))
        return bl_cli_usage("fit",
                            "-o, -f and --force go with the report, not with "
                            "--questions or --clear");
    return FIT_OK;
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
              "content/README.md)\n",
              stderr);
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
    return bl_cli_finish_stdout(FIT_OK);
}

/* Reads FILE or standard input ("-") into a new buffer. */
static char *read_answers(const bl_cli *c, const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    char q[BL_ESC_SIZE];
    bl_cli_q(c, q, path);
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "borderless: cannot read %s: %s\n", q, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "borderless: cannot read %s: %s\n", q, strerror(EISDIR));
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
        fprintf(stderr, "borderless: cannot read %s: %s\n", q, strerror(err));
        free(buf);
        return NULL;
    }
    if (n > MAX_ANSWERS_FILE) {
        fprintf(stderr, "borderless: %s: more than %d bytes; an answers file is a few lines\n", q,
                MAX_ANSWERS_FILE);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int clear_state(const bl_cli *c)
{
    char q[BL_ESC_SIZE];
    char path[BL_PATH_MAX];
    if (bl_fit_state_path(path, sizeof path) < 0) {
        fputs("borderless: no place for kept answers (HOME is not set)\n", stderr);
        return FIT_FAIL;
    }
    int rc = bl_fit_state_clear(path);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot remove %s: %s\n", bl_cli_q(c, q, path), strerror(-rc));
        return FIT_FAIL;
    }
    printf(rc == 0 ? "Forgot the answers kept in %s\n" : "No answers were kept (%s)\n",
           bl_cli_q(c, q, path));
    return bl_cli_finish_stdout(FIT_OK);
}

int bl_cmd_fit_answers(const bl_guide *g, const bl_cli *c, bl_fit_answers *ans)
{
    char q[BL_ESC_SIZE];
    bl_fit_answers_init(ans);
    char state[BL_PATH_MAX];
    int have_state = !(bl_userstate_flags(c->no_state) & BL_USERSTATE_PRIVATE) &&
        bl_fit_state_path(state, sizeof state) == 0;
    if (c->fit_answers) {
        size_t len = 0;
        char *buf = read_answers(c, c->fit_answers, &len);
        if (!buf)
            return FIT_FAIL;
        bl_diags d;
        bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
        const char *name = strcmp(c->fit_answers, "-") == 0 ? "(standard input)" : c->fit_answers;
        int rc = bl_fit_answers_parse(g, name, buf, len, ans, &d);
        free(buf);
        if (rc < 0) {
            bl_diags_print_ex(&d, stderr, c->esc);
            bl_diags_free(&d);
            return FIT_FAIL;
        }
        bl_diags_free(&d);
        if (have_state) {
            char reason[BL_REASON_MAX];
            if (bl_fit_state_save(g, state, ans, reason, sizeof reason) < 0)
                fprintf(stderr, "borderless: could not keep your answers for next time: %s\n",
                        bl_cli_q(c, q, reason));
        }
    } else {
        char notice[BL_REASON_MAX];
        int rc = have_state ? bl_fit_state_load(g, state, ans, notice, sizeof notice) : 1;
        if (rc == 2)
            fprintf(stderr, "borderless: %s\n", bl_cli_q(c, q, notice));
        if (rc != 0) {
            if (rc < 0)
                fprintf(stderr, "borderless: cannot read %s: %s\n", bl_cli_q(c, q, state),
                        strerror(-rc));
            fputs("borderless: no answers yet: write them in a file (see 'borderless fit "
                  "--questions') and run 'borderless fit --answers FILE'\n",
                  stderr);
            return FIT_FAIL;
        }
    }
    return FIT_OK;
}

int bl_cmd_fit(const bl_guide *g, const bl_cli *c)
{
    if (c->fit_questions)
        return print_questions(g, c->ascii);
    if (c->fit_clear)
        return clear_state(c);
    bl_fit_answers ans;
    int st = bl_cmd_fit_answers(g, c, &ans);
    if (st != FIT_OK)
        return st;

    int to_stdout;
    enum bl_summary_format fmt = bl_cli_format(c, &to_stdout);
    char *doc = NULL;
    size_t len = 0;
    int rc = bl_fit_report_render(g, &ans, fmt, c->ascii, &doc, &len);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot make the report: %s\n", strerror(-rc));
        return FIT_FAIL;
    }
    int status = FIT_OK;
    if (to_stdout) {
        if (fwrite(doc, 1, len, stdout) != len)
            status = FIT_FAIL;
        status = bl_cli_finish_stdout(status);
    } else {
        status = bl_cli_save(c, c->out, c->force, "report", doc, len);
    }
    free(doc);
    return status;
}
