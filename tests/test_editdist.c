/* test_editdist.c — the one edit distance (editdist.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/editdist.h"

#include <string.h>

static void test_distances(void **state)
{
    (void)state;
    assert_int_equal(bl_edit_distance_utf8("skills", "skills", 3), 0);
    assert_int_equal(bl_edit_distance_utf8("skils", "skills", 3), 1);
    assert_int_equal(bl_edit_distance_utf8("interpol-agnet", "interpol-agent", 3), 1);
    assert_int_equal(bl_edit_distance_utf8("kitten", "sitting", 3), 3);
    assert_int_equal(bl_edit_distance_utf8("", "abc", 5), 3);
    /* One character, however many bytes. */
    assert_int_equal(bl_edit_distance_utf8("europol", "europ\xC3\xB3l", 3), 1);
}

static void test_bound(void **state)
{
    (void)state;
    assert_int_equal(bl_edit_distance_utf8("kitten", "sitting", 2), 3);
    assert_int_equal(bl_edit_distance_utf8("a", "abcdefgh", 2), 3);
    char longer[BL_EDIT_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(bl_edit_distance_utf8(longer, longer, 2), 3);
    uint32_t a[] = {'a', 'b'}, b[] = {'b', 'a'};
    assert_int_equal(bl_edit_distance(a, 2, b, 2, 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distances),
        cmocka_unit_test(test_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
