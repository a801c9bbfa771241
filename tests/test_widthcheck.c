/* test_widthcheck.c — `check`'s warnings about characters whose display
 * width terminals disagree on (tests/fixtures/widths). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/loader.h"
#include "borderless/widthcheck.h"
#include "core_util.h"

static bl_guide *load(const char *sub, const char *base_env)
{
    char *dir = fs_fmt("%s/%s", fs_env(base_env), sub);
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g)
        bl_diags_print(&d, stderr);
    assert_non_null(g);
    assert_int_equal(d.total, 0);
    bl_diags_free(&d);
    free(dir);
    return g;
}

static void test_warnings(void **state)
{
    (void)state;
    bl_guide *g = load("widths", "BORDERLESS_FIXTURES");
    bl_diags w;
    bl_diags_init(&w, BL_DIAGS_DEFAULT_MAX);
    assert_int_equal(bl_width_warnings(g, &w), 6);
    assert_int_equal(w.n, 6);
    /* The first such character of each text, where the file has it. */
    static const struct {
        size_t line, column;
        const char *start;
    } want[] = {
        {2, 55, "warning: the tagline has U+2460,"},
        {3, 14, "warning: 'also_known_as' has U+4DC0,"},
        {5, 13, "warning: 'summary' has U+4DC0,"},
        {10, 10, "warning: 'responsibilities' has U+2460,"},
        {12, 3, "warning: 'work_environment' has U+4DC0,"},
        {20, 13, "warning: 'languages' has U+093F,"},
    };
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(w.items[i].line, want[i].line);
        assert_int_equal(w.items[i].column, want[i].column);
        assert_memory_equal(w.items[i].message, want[i].start, strlen(want[i].start));
        assert_non_null(strstr(w.items[i].path, i ? "roles/wide.yaml" : "/sections.yaml"));
    }
    bl_diags_free(&w);
    bl_guide_free(g);
}

/* Plain text, and the shipped content, give none. */
static void test_none(void **state)
{
    (void)state;
    bl_guide *g = load("base", "BORDERLESS_FIXTURES");
    bl_diags w;
    bl_diags_init(&w, BL_DIAGS_DEFAULT_MAX);
    assert_int_equal(bl_width_warnings(g, &w), 0);
    bl_guide_free(g);
    g = load("content", "BORDERLESS_SOURCE_DIR");
    assert_int_equal(bl_width_warnings(g, &w), 0);
    assert_int_equal(w.total, 0);
    bl_diags_free(&w);
    bl_guide_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
