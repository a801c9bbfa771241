/* test_screen_fit.c — whole screens of the fit finder in the full-screen
 * guide (screen/harness.h) on the test content (tests/fixtures/base: two
 * roles, thirteen questions), each case in its own $XDG_DATA_HOME and
 * $XDG_STATE_HOME: a question, important, back, the crime areas, the
 * ranking, all ties, an edit that re-ranks, a role opened and Back, clear,
 * narrow and wide, ASCII, a resize, the mouse (clicks and the wheel on
 * every fit screen); then the report saved from the ranking
 * (the file's bytes checked) and the answers kept for the next run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/fit.h"
#include "borderless/loader.h"
#include "screen.h"
#include "screen/harness.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct fit_case {
    const char *name;
    int w, h, ascii;
    const char *keys;
    const char *expected;
};

/* Every question answered: levels 3 ("Some"...), Smuggling picked, a
 * student, a citizen of Alphaland. */
#define ALL3                                                                                       \
    "f3<Enter>3<Enter>3<Enter>3<Enter>3<Enter>3<Enter>3<Enter>3<Enter>3<Enter>3<Enter> "           \
    "<Enter>1<Enter>1<Enter>"
#define NONE13                                                                                     \
    "f<Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter><Enter>"        \
    "<Enter>"

#include "screen_fit_cases.inc"

static bl_guide *load_base(void)
{
    const char *fx = getenv("BORDERLESS_FIXTURES");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/base", fx ? fx : "tests/fixtures");
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    assert_non_null(g);
    return g;
}

static void fresh_home(char *tmp)
{
    char p[PATH_MAX];
    assert_non_null(mkdtemp(tmp));
    snprintf(p, sizeof p, "%s/data", tmp);
    setenv("XDG_DATA_HOME", p, 1);
    snprintf(p, sizeof p, "%s/state", tmp);
    setenv("XDG_STATE_HOME", p, 1);
    unsetenv("BORDERLESS_NO_STATE");
}

static void remove_home(const char *tmp)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

static void run_case(void **state)
{
    const struct fit_case *c = *state;
    char tmp[] = "/tmp/bl-screenfit.XXXXXX";
    fresh_home(tmp);
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    struct harness h;
    harness_open_guide(&h, c->w, c->h, c->ascii, load_base());
    screen_open_state(h.s, 0, 0);
    harness_keys(&h, c->keys);
    harness_expect(&h, c->expected);
    /* Guidance, never a verdict: not on any screen. */
    char *dump = harness_dump(&h);
    static const char *const verdict[] = {"eligible", "qualified", "you will"};
    for (size_t i = 0; i < 3; i++)
        for (const char *p = dump; *p; p++)
            if (strncasecmp(p, verdict[i], strlen(verdict[i])) == 0)
                fail_msg("\"%s\" on the screen:\n%s", verdict[i], dump);
    free(dump);
    harness_close(&h);
    remove_home(tmp);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

/* p on the ranking, a name typed: the text report (then, .md, Markdown)
 * byte for byte as bl_fit_report_render makes it; the bar says where. */
static void test_save_report(void **state)
{
    (void)state;
    char tmp[] = "/tmp/bl-screenfit.XXXXXX";
    fresh_home(tmp);
    struct harness h;
    harness_open_guide(&h, 80, 24, 0, load_base());
    h.mask = tmp;
    screen_open_state(h.s, 0, 0);
    harness_keys(&h, ALL3);
    const char *names[] = {"report.txt", "report.md"};
    for (int i = 0; i < 2; i++) {
        char keys[PATH_MAX + 32], path[PATH_MAX], bar[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/%s", tmp, names[i]);
        snprintf(keys, sizeof keys, "p<C-u>%s<Enter>", path);
        harness_keys(&h, keys);
        char *dump = harness_dump(&h);
        snprintf(bar, sizeof bar, " Saved <tmp>/%s", names[i]);
        if (!strstr(dump, bar))
            fail_msg("no \"%s\" in\n%s", bar, dump);
        free(dump);
        bl_fit_answers ans;
        bl_fit_answers_init(&ans);
        char *kept;
        size_t klen;
        char sp[PATH_MAX];
        snprintf(sp, sizeof sp, "%s/state/borderless/" BL_FIT_STATE_FILE, tmp);
        kept = slurp(sp, &klen);
        bl_diags d;
        bl_diags_init(&d, 10);
        assert_int_equal(bl_fit_answers_parse(h.g, sp, kept, klen, &ans, &d), 0);
        bl_diags_free(&d);
        free(kept);
        char *want;
        size_t wlen, glen;
        assert_int_equal(bl_fit_report_render(h.g, &ans, i ? BL_SUMMARY_MARKDOWN : BL_SUMMARY_TEXT,
                                              0, &want, &wlen),
                         0);
        char *got = slurp(path, &glen);
        assert_int_equal(glen, wlen);
        assert_memory_equal(got, want, wlen);
        assert_non_null(strstr(got, i ? "## Ranking" : "Ranking\n-------"));
        free(got);
        free(want);
    }
    harness_close(&h);
    remove_home(tmp);
}

/* The answers are kept: the next run's f starts on the ranking. */
static void test_next_run_starts_on_ranking(void **state)
{
    (void)state;
    char tmp[] = "/tmp/bl-screenfit.XXXXXX";
    fresh_home(tmp);
    struct harness h;
    harness_open_guide(&h, 80, 24, 0, load_base());
    screen_open_state(h.s, 0, 0);
    harness_keys(&h, "f2<Enter>4<Enter><Esc>q");
    harness_close(&h);
    harness_open_guide(&h, 80, 24, 0, load_base());
    screen_open_state(h.s, 0, 0);
    harness_keys(&h, "f");
    char *dump = harness_dump(&h);
    if (!strstr(dump, "Every role ranked by your 2 answers"))
        fail_msg("not the ranking:\n%s", dump);
    free(dump);
    harness_close(&h);
    remove_home(tmp);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    size_t n = sizeof cases / sizeof cases[0];
    struct CMUnitTest *tests = calloc(n + 2, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){
            .name = cases[i].name, .test_func = run_case, .initial_state = (void *)&cases[i]};
    tests[n] = (struct CMUnitTest){.name = "save_report", .test_func = test_save_report};
    tests[n + 1] = (struct CMUnitTest){.name = "next_run_starts_on_ranking",
                                       .test_func = test_next_run_starts_on_ranking};
    int rc = _cmocka_run_group_tests("fit screens", tests, n + 2, NULL, NULL);
    free(tests);
    return rc;
}
