/* test_screen_export.c — whole screens of the guide's export prompt (E),
 * each run in its own folder (the default file is ./borderless-booklet.html)
 * with its own $XDG_DATA_HOME and $XDG_STATE_HOME: the scope question by
 * what can be exported, a letter that is not offered, Esc, a booklet
 * written, the overwrite question answered no and yes, a shortlist
 * booklet, a fit report from kept answers.  Each case also checks the file
 * left behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/fit.h"
#include "borderless/loader.h"
#include "borderless/shortlist.h"
#include "borderless/userstate.h"
#include "screen.h"
#include "screen/harness.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum file_want { NO_FILE, HTML_FILE, MD_FILE, KEPT_FILE };

struct ex_case {
    const char *name;
    const char *shortlist; /* the shortlist file to start with, or NULL */
    const char *answers; /* the kept fit answers, or NULL */
    int base; /* the guide is tests/fixtures/base (it has fit questions) */
    int existing; /* ./borderless-booklet.html holds "mine" at the start */
    const char *keys;
    const char *expected;
    const char *file; /* the file to look at afterwards (in the folder) */
    enum file_want want;
    const char *file_has; /* text the file must hold, or NULL */
};

#define SL_FILE                                                                                    \
    "borderless-shortlist 1\n"                                                                     \
    "role\tgamma\tadded=2026-12-01T10:00:00Z\treviewed=2024-07-01\tnote=Ring the desk\n"

#include "screen_export_cases.inc"

static void put_file(const char *path, const char *text)
{
    assert_int_equal(bl_userstate_mkdirs_for(path), 0);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void run_case(void **state)
{
    const struct ex_case *c = *state;
    char tmp[] = "/tmp/bl-screenex.XXXXXX", p[PATH_MAX], cwd[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmp), 0);
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    unsetenv("BORDERLESS_NO_STATE");
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    if (c->shortlist) {
        snprintf(p, sizeof p, "%s/data/borderless/" BL_SHORTLIST_FILE, tmp);
        put_file(p, c->shortlist);
    }
    if (c->answers) {
        snprintf(p, sizeof p, "%s/state/borderless/" BL_FIT_STATE_FILE, tmp);
        put_file(p, c->answers);
    }
    if (c->existing) {
        snprintf(p, sizeof p, "%s/borderless-booklet.html", tmp);
        put_file(p, "mine\n");
    }
    bl_guide *g = NULL;
    if (c->base) {
        const char *fx = getenv("BORDERLESS_FIXTURES");
        assert_non_null(fx);
        snprintf(p, sizeof p, "%s/base", fx);
        bl_diags d;
        bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
        g = bl_load_dir(p, &d);
        bl_diags_free(&d);
        assert_non_null(g);
    }
    struct harness h;
    harness_open_guide(&h, 80, 24, 0, g);
    h.mask = tmp;
    screen_open_state(h.s, 0, 0);
    harness_keys(&h, c->keys);
    harness_expect(&h, c->expected);
    harness_close(&h);

    snprintf(p, sizeof p, "%s/%s", tmp, c->file);
    const char *text = slurp(p);
    switch (c->want) {
    case NO_FILE:
        assert_null(text);
        break;
    case HTML_FILE:
        assert_non_null(text);
        assert_true(strncmp(text, "<!DOCTYPE html>\n", 16) == 0);
        break;
    case MD_FILE:
        assert_non_null(text);
        assert_true(strncmp(text, "# ", 2) == 0);
        break;
    case KEPT_FILE:
        assert_non_null(text);
        assert_string_equal(text, "mine\n");
        break;
    }
    if (c->file_has && !strstr(text, c->file_has))
        fail_msg("%s lacks \"%s\"", c->file, c->file_has);
    assert_int_equal(chdir(cwd), 0);
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    int rc = _cmocka_run_group_tests("export screens", tests, n, NULL, NULL);
    free(tests);
    return rc;
}
