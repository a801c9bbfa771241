/* test_esc.c — the one escaper for echoed outside data (esc.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/esc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *esc(const char *s, unsigned flags)
{
    static char buf[BL_ESC_SIZE];
    return bl_esc(buf, sizeof buf, s, strlen(s), BL_ESC_MAX, flags);
}

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    assert_string_equal(esc("interpol-agent", 0), "interpol-agent");
    assert_string_equal(esc("Europ\xC3\xB3l \xE2\x80\xA2 \xE4\xB8\xAD", 0),
                        "Europ\xC3\xB3l \xE2\x80\xA2 \xE4\xB8\xAD");
    assert_string_equal(esc("", 0), "");
}

static void test_c0_controls(void **state)
{
    (void)state;
    assert_string_equal(esc("\x1b[2J\x1b]0;title\x07", 0), "\\e[2J\\e]0;title\\a");
    assert_string_equal(esc("a\tb\nc\rd\be\vf\fg", 0), "a\\tb\\nc\\rd\\be\\vf\\fg");
    assert_string_equal(esc("\x01\x1f\x7f", 0), "\\x01\\x1f\\x7f");
    assert_string_equal(esc("back\\slash", 0), "back\\\\slash");
}

static void test_c1_invalid_and_invisible(void **state)
{
    (void)state;
    /* U+009B (CSI as a C1 control), a lone continuation byte, a truncated
     * sequence, an overlong encoding. */
    assert_string_equal(esc("a\xC2\x9B"
                            "b",
                            0),
                        "a\\x9bb");
    assert_string_equal(esc("\x9b"
                            "1m",
                            0),
                        "\\x9b1m");
    assert_string_equal(esc("x\xE2\x80", 0), "x\\xe2\\x80");
    assert_string_equal(esc("\xC0\xAF", 0), "\\xc0\\xaf");
    /* A right-to-left override, a line separator, a private-use character. */
    assert_string_equal(esc("\xE2\x80\xAE"
                            "abc",
                            0),
                        "\\u202eabc");
    assert_string_equal(esc("\xE2\x80\xA8", 0), "\\u2028");
    assert_string_equal(esc("\xF3\xB0\x80\x80", 0), "\\U000f0000");
}

static void test_ascii_mode(void **state)
{
    (void)state;
    assert_string_equal(esc("Europ\xC3\xB3l", BL_ESC_ASCII), "Europ\\xc3\\xb3l");
    assert_string_equal(esc("plain \x1b", BL_ESC_ASCII), "plain \\e");
}

static void test_long_input_is_cut(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'q', n);
    char buf[BL_ESC_SIZE];
    bl_esc(buf, sizeof buf, big, n, BL_ESC_MAX, 0);
    assert_int_equal(strlen(buf), BL_ESC_MAX + 3);
    assert_memory_equal(buf + BL_ESC_MAX, "\xE2\x80\xA6", 3);
    bl_esc(buf, sizeof buf, big, n, BL_ESC_MAX, BL_ESC_ASCII);
    assert_int_equal(strlen(buf), BL_ESC_MAX + 3);
    assert_string_equal(buf + BL_ESC_MAX, "...");
    /* Escapes all the way: still bounded by the buffer. */
    memset(big, 0x1b, n);
    bl_esc(buf, sizeof buf, big, n, BL_ESC_MAX, 0);
    assert_int_equal(strlen(buf), 2 * BL_ESC_MAX + 3);
    memset(big, 0x01, n);
    bl_esc(buf, sizeof buf, big, n, BL_ESC_MAX, 0);
    assert_int_equal(strlen(buf), 4 * BL_ESC_MAX + 3);
    assert_true(strlen(buf) < sizeof buf);
    free(big);
}

static void test_cut_keeps_characters_whole(void **state)
{
    (void)state;
    char buf[BL_ESC_SIZE];
    /* "ééé": the cut at 3 bytes falls inside the second é. */
    bl_esc(buf, sizeof buf, "\xC3\xA9\xC3\xA9\xC3\xA9", 6, 3, 0);
    assert_string_equal(buf, "\xC3\xA9\xE2\x80\xA6");
    /* Exactly max bytes: no mark. */
    bl_esc(buf, sizeof buf, "abc", 3, 3, 0);
    assert_string_equal(buf, "abc");
}

static void test_small_buffer(void **state)
{
    (void)state;
    char buf[8];
    bl_esc(buf, sizeof buf, "\x1b\x1b\x1b\x1b\x1b", 5, 100, BL_ESC_ASCII);
    assert_string_equal(buf, "\\e\\e...");
    bl_esc(buf, sizeof buf, "abcdefg", 7, 100, 0);
    assert_string_equal(buf, "abcdefg");
    bl_esc(buf, 1, "abc", 3, 100, 0);
    assert_string_equal(buf, "");
}

static void test_write(void **state)
{
    (void)state;
    char *mem = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&mem, &size);
    assert_non_null(f);
    assert_int_equal(bl_esc_write(f,
                                  "a\x1b"
                                  "b\xff"
                                  "cdef",
                                  8, 5, 0),
                     0);
    fclose(f);
    assert_string_equal(mem, "a\\eb\\xffc\xE2\x80\xA6");
    free(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_c0_controls),
        cmocka_unit_test(test_c1_invalid_and_invisible),
        cmocka_unit_test(test_ascii_mode),
        cmocka_unit_test(test_long_input_is_cut),
        cmocka_unit_test(test_cut_keeps_characters_whole),
        cmocka_unit_test(test_small_buffer),
        cmocka_unit_test(test_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
