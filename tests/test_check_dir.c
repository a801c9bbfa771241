/* test_check_dir.c — `borderless check` validates a folder without keeping
 * its model (bl_check_dir) and must report exactly what loading it does:
 * the shipped content, the fixtures, and guides made to stress the width
 * warnings' order and cap (many roles with warnings, a role_order that
 * reorders them, warnings in sections and the glossary, a problem after
 * warnings).  The loader's and robustness tests compare every one of their
 * folders the same way (check_same.h). */
#include "core_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check_same.h"

static const size_t caps[] = {1, 2, 3, 7, 50, 100000};
enum { N_CAPS = sizeof caps / sizeof caps[0] };

static void same_at_every_cap(const char *dir, int valid)
{
    for (size_t i = 0; i < N_CAPS; i++)
        assert_int_equal(check_same(dir, caps[i]), valid);
}

static void test_shipped_and_fixtures(void **state)
{
    (void)state;
    char *content = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    same_at_every_cap(content, 1);
    free(content);
    static const struct {
        const char *sub;
        int valid;
    } fixtures[] = {{"base", 1}, {"broken", 0}, {"widths", 1}};
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char *dir = fs_fmt("%s/%s", fs_env("BORDERLESS_FIXTURES"), fixtures[i].sub);
        same_at_every_cap(dir, fixtures[i].valid);
        free(dir);
    }
}

/* Replaces the only occurrence of find in path with repl. */
static void edit(const char *path, const char *find, const char *repl)
{
    size_t len;
    unsigned char *buf = fs_read(path, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    char *at = strstr(text, find);
    assert_non_null(at);
    assert_null(strstr(at + 1, find));
    char *out = fs_fmt("%.*s%s%s", (int)(at - text), text, repl, at + strlen(find));
    fs_write_str(path, out);
    free(out);
    free(text);
    free(buf);
}

/* The widths fixture with n_roles more copies of its role (w-000 ...),
 * which has five warnings, and a role_order naming some in a scrambled
 * order (the rest follow by id). */
static char *many_warned(size_t n_roles)
{
    char *src = fs_fmt("%s/widths", fs_env("BORDERLESS_FIXTURES"));
    char *dir = fs_tmpdir();
    fs_copy_guide(src, dir);
    char *wide = fs_fmt("%s/roles/wide.yaml", dir);
    size_t len;
    unsigned char *role = fs_read(wide, &len);
    char *order = fs_fmt("role_order:\n");
    for (size_t i = 0; i < n_roles; i++) {
        char *p = fs_fmt("%s/roles/w-%03zu.yaml", dir, i);
        fs_write(p, role, len);
        free(p);
        if (i % 3 == 1) {
            /* every third role, from the end, then wide */
            char *more = fs_fmt("%s  - w-%03zu\n", order, n_roles - i);
            free(order);
            order = more;
        }
    }
    char *more = fs_fmt("%s  - wide\n", order);
    char *sections = fs_fmt("%s/sections.yaml", dir);
    edit(sections, "role_order:\n  - wide\n", more);
    free(more);
    free(order);
    free(sections);
    free(role);
    free(wide);
    free(src);
    return dir;
}

static void test_many_warnings(void **state)
{
    (void)state;
    size_t sizes[] = {0, 1, 4, 40};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        char *dir = many_warned(sizes[s]);
        same_at_every_cap(dir, 1);
        fs_rm_rf(dir);
        free(dir);
    }
}

/* Warnings in a section, in the glossary (its own section, made by the
 * loader) and none in the guide's tagline. */
static void test_warnings_in_sections(void **state)
{
    (void)state;
    char *dir = many_warned(12);
    char *sections = fs_fmt("%s/sections.yaml", dir);
    edit(sections, "body: Plain text only.", "body: Not plain \xe2\x91\xa0 at all.");
    edit(sections, "definition: A committee for tests.",
         "definition: A committee \xe4\xb7\x80 for tests.");
    edit(sections, "disagree on \xe2\x91\xa0", "disagree on");
    same_at_every_cap(dir, 1);
    free(sections);
    fs_rm_rf(dir);
    free(dir);
}

/* Roles with warnings, then a problem (in a file read later, and in a file
 * read earlier than roles that warn): nothing but the problem. */
static void test_problem_after_warnings(void **state)
{
    (void)state;
    static const struct {
        const char *rel, *find;
    } broken[] = {{"roles/w-011.yaml", "title: Wide officer"},
                  {"roles/w-000.yaml", "title: Wide officer"},
                  {"sections.yaml", "title: Width guide"}};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        char *dir = many_warned(12);
        char *p = fs_fmt("%s/%s", dir, broken[i].rel);
        edit(p, broken[i].find, "titel: Broken");
        same_at_every_cap(dir, 0);
        free(p);
        fs_rm_rf(dir);
        free(dir);
    }
}

/* A role whose file is plain text still warns through a crime area's label
 * from sections.yaml; and an escape in a double-quoted string makes such a
 * character out of plain bytes. */
static void test_wide_from_elsewhere(void **state)
{
    (void)state;
    char *src = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    char *dir = fs_tmpdir();
    fs_copy_guide(src, dir);
    char *sections = fs_fmt("%s/sections.yaml", dir);
    edit(sections, "label: Smuggling}", "label: Smuggling \xe4\xb7\x80}");
    assert_true(check_same(dir, 0));
    bl_diags d0, w0;
    bl_diags_init(&d0, 0);
    bl_diags_init(&w0, 0);
    size_t n0, s0;
    assert_int_equal(bl_check_dir(dir, &d0, &w0, &n0, &s0), 0);
    assert_true(w0.total >= 1); /* alpha's crime areas */
    bl_diags_free(&d0);
    bl_diags_free(&w0);
    edit(sections, "label: Smuggling \xe4\xb7\x80}", "label: Smuggling}");
    char *alpha = fs_fmt("%s/roles/alpha.yaml", dir);
    edit(alpha, "keywords:\n  - alpha\n", "keywords:\n  - \"alpha \\u4DC0\"\n");
    bl_diags d, w;
    bl_diags_init(&d, 0);
    bl_diags_init(&w, 0);
    size_t n_roles, n_sections;
    assert_int_equal(bl_check_dir(dir, &d, &w, &n_roles, &n_sections), 0);
    assert_int_equal(w.total, 1); /* the escape's character is found */
    assert_non_null(strstr(w.items[0].message, "U+4DC0"));
    bl_diags_free(&d);
    bl_diags_free(&w);
    assert_true(check_same(dir, 0));
    free(alpha);
    free(sections);
    fs_rm_rf(dir);
    free(dir);
    free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_and_fixtures), cmocka_unit_test(test_many_warnings),
        cmocka_unit_test(test_warnings_in_sections), cmocka_unit_test(test_problem_after_warnings),
        cmocka_unit_test(test_wide_from_elsewhere),
    };
    return cmocka_run_group_tests_name("check_dir", tests, NULL, NULL);
}
