/* test_screen_suggest.c — whole screens of picking a search suggestion
 * ("did you mean") in the full-screen guide (screen/harness.h): the
 * suggestions under the count, Tab and Shift-Tab trying them in the
 * prompt with the one tried highlighted, the prompt's hint, a click. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "screen.h"
#include "screen/harness.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sg_case {
    const char *name;
    int w, h, ascii;
    const char *keys;
    int click_y, click_x; /* then a click there (0, 0: none) */
    const char *expected;
    int attr_row; /* a row whose attributes are checked (-1: none) */
    const char *attrs;
};

static const struct sg_case cases[] = {
#include "screen_suggest_cases.inc"
};

static void run_case(void **state)
{
    const struct sg_case *c = *state;
    if (getenv("BL_SCREEN_PRINT"))
        printf("#### %s\n", c->name);
    struct harness h;
    harness_open_guide(&h, c->w, c->h, c->ascii, NULL);
    harness_keys(&h, c->keys);
    if (c->click_y || c->click_x)
        harness_click(&h, c->click_y, c->click_x);
    harness_expect(&h, c->expected);
    if (c->attr_row >= 0) {
        if (getenv("BL_SCREEN_PRINT")) {
            char *at = harness_attrs(&h, c->attr_row);
            printf("attrs %d: %s\n", c->attr_row, at);
            free(at);
        } else {
            harness_expect_attrs(&h, c->attr_row, c->attrs);
        }
    }
    harness_close(&h);
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
    int rc = _cmocka_run_group_tests("suggestion screens", tests, n, NULL, NULL);
    free(tests);
    return rc;
}
