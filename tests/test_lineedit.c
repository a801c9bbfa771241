/* test_lineedit.c — the prompt's line editor: edits in, text and window out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/lineedit.h"

#include <string.h>

#define TEXT(le) bl_lineedit_text(le)

static void type(bl_lineedit *le, const char *s)
{
    assert_true(bl_lineedit_insert(le, s, strlen(s)) & BL_LE_CHANGED);
}

static void test_init_and_insert(void **state)
{
    (void)state;
    bl_lineedit le;
    assert_int_equal(bl_lineedit_init(&le, NULL), 0);
    assert_string_equal(TEXT(&le), "");
    assert_int_equal(le.cur, 0);
    type(&le, "cyber");
    assert_string_equal(TEXT(&le), "cyber");
    assert_int_equal(le.cur, 5);
    /* Insert in the middle. */
    bl_lineedit_apply(&le, BL_LE_HOME);
    assert_int_equal(bl_lineedit_insert_cp(&le, 'x'), BL_LE_CHANGED | BL_LE_MOVED);
    assert_string_equal(TEXT(&le), "xcyber");
    assert_int_equal(le.cur, 1);
    bl_lineedit_done(&le);

    assert_int_equal(bl_lineedit_init(&le, "./a-summary.txt"), 0);
    assert_string_equal(TEXT(&le), "./a-summary.txt");
    assert_int_equal(le.cur, strlen("./a-summary.txt"));
    bl_lineedit_done(&le);
}

static void test_utf8_insert(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "");
    assert_true(bl_lineedit_insert_cp(&le, 0x00E9)); /* é */
    assert_true(bl_lineedit_insert_cp(&le, 0x4E2D)); /* 中, wide */
    assert_true(bl_lineedit_insert_cp(&le, 0x1F600)); /* 😀, 4 bytes */
    assert_string_equal(TEXT(&le), "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
    assert_int_equal(le.cur, 9);
    /* Controls, surrogates, non-characters and out-of-range are refused. */
    assert_int_equal(bl_lineedit_insert_cp(&le, 0x07), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0x1B), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0x7F), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0x85), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0xD800), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0xFFFE), 0);
    assert_int_equal(bl_lineedit_insert_cp(&le, 0x110000), 0);
    assert_int_equal(le.len, 9);
    bl_lineedit_done(&le);
}

static void test_moves_by_character(void **state)
{
    (void)state;
    bl_lineedit le;
    /* a, é (precomposed), e + combining acute, 中, b */
    bl_lineedit_init(&le,
                     "a\xc3\xa9"
                     "e\xcc\x81\xe4\xb8\xad"
                     "b");
    size_t len = le.len;
    assert_int_equal(len, 1 + 2 + 3 + 3 + 1);
    static const size_t stops[] = {9, 6, 3, 1, 0};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(bl_lineedit_apply(&le, BL_LE_LEFT), BL_LE_MOVED);
        assert_int_equal(le.cur, stops[i]);
    }
    /* At the left edge nothing happens. */
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_LEFT), 0);
    static const size_t fwd[] = {1, 3, 6, 9, 10};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(bl_lineedit_apply(&le, BL_LE_RIGHT), BL_LE_MOVED);
        assert_int_equal(le.cur, fwd[i]);
    }
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_RIGHT), 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_HOME), BL_LE_MOVED);
    assert_int_equal(le.cur, 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_HOME), 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_END), BL_LE_MOVED);
    assert_int_equal(le.cur, len);
    bl_lineedit_done(&le);
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "a\xff\xc3z");
    bl_lineedit_apply(&le, BL_LE_LEFT);
    assert_int_equal(le.cur, 3);
    bl_lineedit_apply(&le, BL_LE_BACKSPACE);
    assert_string_equal(TEXT(&le), "a\xffz");
    bl_lineedit_apply(&le, BL_LE_BACKSPACE);
    assert_string_equal(TEXT(&le), "az");
    bl_lineedit_done(&le);
}

static void test_backspace_delete_edges(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "ab\xe4\xb8\xad");
    /* Delete at the end and Backspace at the start do nothing. */
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_DELETE), 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_BACKSPACE), BL_LE_CHANGED | BL_LE_MOVED);
    assert_string_equal(TEXT(&le), "ab");
    bl_lineedit_apply(&le, BL_LE_HOME);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_BACKSPACE), 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_DELETE), BL_LE_CHANGED);
    assert_string_equal(TEXT(&le), "b");
    assert_int_equal(le.cur, 0);
    bl_lineedit_apply(&le, BL_LE_DELETE);
    assert_string_equal(TEXT(&le), "");
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_DELETE), 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_BACKSPACE), 0);
    /* A combining mark goes with its letter. */
    bl_lineedit_set(&le, "xe\xcc\x81", 4);
    bl_lineedit_apply(&le, BL_LE_BACKSPACE);
    assert_string_equal(TEXT(&le), "x");
    bl_lineedit_done(&le);
}

static void test_kill_line(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "human trafficking");
    for (int i = 0; i < 11; i++)
        bl_lineedit_apply(&le, BL_LE_LEFT);
    assert_int_equal(le.cur, 6);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_KILL_START), BL_LE_CHANGED | BL_LE_MOVED);
    assert_string_equal(TEXT(&le), "trafficking");
    assert_int_equal(le.cur, 0);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_KILL_START), 0);
    bl_lineedit_apply(&le, BL_LE_RIGHT);
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_KILL_END), BL_LE_CHANGED);
    assert_string_equal(TEXT(&le), "t");
    bl_lineedit_done(&le);
}

static void test_kill_word(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "drug  smuggling  ");
    /* The word before the cursor and the blanks after it. */
    assert_true(bl_lineedit_apply(&le, BL_LE_KILL_WORD) & BL_LE_CHANGED);
    assert_string_equal(TEXT(&le), "drug  ");
    bl_lineedit_apply(&le, BL_LE_KILL_WORD);
    assert_string_equal(TEXT(&le), "");
    assert_int_equal(bl_lineedit_apply(&le, BL_LE_KILL_WORD), 0);
    /* Punctuation is part of a word, as in a shell; the cursor may be
     * mid-word and the text after it stays. */
    bl_lineedit_set(&le, "~/notes/x.txt tail", 18);
    for (int i = 0; i < 5; i++)
        bl_lineedit_apply(&le, BL_LE_LEFT);
    bl_lineedit_apply(&le, BL_LE_KILL_WORD);
    assert_string_equal(TEXT(&le), " tail");
    assert_int_equal(le.cur, 0);
    /* UTF-8 words. */
    bl_lineedit_set(&le, "caf\xc3\xa9 Europ\xc3\xb3l", 15);
    bl_lineedit_apply(&le, BL_LE_KILL_WORD);
    assert_string_equal(TEXT(&le), "caf\xc3\xa9 ");
    bl_lineedit_done(&le);
}

static void test_length_limit(void **state)
{
    (void)state;
    bl_lineedit le;
    char big[BL_LINEEDIT_MAX + 10];
    memset(big, 'a', sizeof big);
    bl_lineedit_init(&le, "");
    assert_int_equal(bl_lineedit_set(&le, big, sizeof big), 0);
    assert_int_equal(le.len, BL_LINEEDIT_MAX);
    assert_int_equal(bl_lineedit_insert_cp(&le, 'b'), 0);
    assert_int_equal(le.len, BL_LINEEDIT_MAX);
    /* A cut never splits a character. */
    big[BL_LINEEDIT_MAX - 1] = '\xc3';
    big[BL_LINEEDIT_MAX] = '\xa9';
    bl_lineedit_set(&le, big, BL_LINEEDIT_MAX + 1);
    assert_int_equal(le.len, BL_LINEEDIT_MAX - 1);
    bl_lineedit_done(&le);
}

static void view(bl_lineedit *le, int cols, const char *want, int want_col)
{
    size_t s, e;
    int c;
    bl_lineedit_view(le, cols, &s, &e, &c);
    assert_int_equal(e - s, strlen(want));
    assert_memory_equal(bl_lineedit_text(le) + s, want, e - s);
    assert_int_equal(c, want_col);
}

static void test_scroll_window(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "");
    view(&le, 10, "", 0);
    type(&le, "abcdefghij");
    /* The cursor at the end needs a cell: the window moves by one. */
    view(&le, 10, "bcdefghij", 9);
    type(&le, "klmnopqrst");
    view(&le, 10, "lmnopqrst", 9);
    /* Off the end, the last cell is free again: the text fills it. */
    for (int i = 0; i < 9; i++)
        bl_lineedit_apply(&le, BL_LE_LEFT);
    view(&le, 10, "klmnopqrst", 1);
    /* Moving inside the window keeps it. */
    bl_lineedit_apply(&le, BL_LE_LEFT);
    view(&le, 10, "klmnopqrst", 0);
    /* Left out of it: a third of a window of context. */
    bl_lineedit_apply(&le, BL_LE_LEFT);
    view(&le, 10, "ghijklmnop", 3);
    bl_lineedit_apply(&le, BL_LE_HOME);
    view(&le, 10, "abcdefghij", 0);
    bl_lineedit_apply(&le, BL_LE_END);
    view(&le, 10, "lmnopqrst", 9);
    /* Deleting pulls earlier text back in. */
    for (int i = 0; i < 3; i++)
        bl_lineedit_apply(&le, BL_LE_BACKSPACE);
    view(&le, 10, "ijklmnopq", 9);
    bl_lineedit_apply(&le, BL_LE_KILL_WORD);
    view(&le, 10, "", 0);
    bl_lineedit_done(&le);
}

static void test_scroll_wide(void **state)
{
    (void)state;
    bl_lineedit le;
    /* Five wide characters: ten columns.  In six, with the cursor's cell
     * at the end, two fit (three would need seven). */
    bl_lineedit_init(&le, "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94");
    view(&le, 6, "\xe5\x9b\x9b\xe4\xba\x94", 4);
    bl_lineedit_done(&le);
}

static void test_scroll_wide_fit(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94");
    size_t s, e;
    int c;
    bl_lineedit_view(&le, 6, &s, &e, &c);
    /* Two wide characters (4 columns) and the cursor cell fit in 6, three
     * would not. */
    assert_int_equal(e - s, 6);
    assert_int_equal(c, 4);
    /* The cursor on a wide character needs both of its columns. */
    bl_lineedit_apply(&le, BL_LE_LEFT);
    bl_lineedit_view(&le, 6, &s, &e, &c);
    assert_true(c + 2 <= 6);
    assert_int_equal(s + (size_t)c / 2 * 3, le.cur);
    /* A window of 1 column on a wide character still shows the cursor. */
    bl_lineedit_view(&le, 1, &s, &e, &c);
    assert_int_equal(c, 0);
    assert_int_equal(s, le.cur);
    bl_lineedit_done(&le);
}

/* A paste is text, never keys: line breaks and tabs become spaces,
 * controls and invalid bytes go. */
static void test_paste(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "ab");
    bl_lineedit_apply(&le, BL_LE_LEFT);
    const char p[] = "x\r\ny\nz\rq\tw\x1b[A\x07\x7f\xc2\x85v\xff\xe2\x80\xa8\xc3\xa9";
    assert_int_equal(bl_lineedit_paste(&le, p, sizeof p - 1), BL_LE_CHANGED | BL_LE_MOVED);
    /* ESC [ A: the ESC goes, "[A" is text. */
    assert_string_equal(TEXT(&le),
                        "ax y z q w[A v \xc3\xa9"
                        "b");
    assert_int_equal(le.cur, strlen("ax y z q w[A v \xc3\xa9"));
    /* Nothing left after cleaning: nothing changes. */
    assert_int_equal(bl_lineedit_paste(&le, "\x1b\x07\r", 2), 0);
    assert_int_equal(bl_lineedit_paste(&le, "", 0), 0);
    bl_lineedit_done(&le);
}

static void test_paste_limit(void **state)
{
    (void)state;
    bl_lineedit le;
    bl_lineedit_init(&le, "");
    char big[BL_LINEEDIT_MAX + 10];
    memset(big, 'a', sizeof big);
    big[BL_LINEEDIT_MAX - 2] = '\xc3'; /* é across the limit: not split */
    big[BL_LINEEDIT_MAX - 1] = '\xa9';
    assert_int_equal(bl_lineedit_paste(&le, big, BL_LINEEDIT_MAX - 2), BL_LE_CHANGED | BL_LE_MOVED);
    /* "a", then an é that does not fit in the one byte left. */
    unsigned r = bl_lineedit_paste(&le, big + BL_LINEEDIT_MAX - 3, 10);
    assert_int_equal(r, BL_LE_CHANGED | BL_LE_MOVED | BL_LE_CUT);
    assert_int_equal(le.len, BL_LINEEDIT_MAX - 1);
    assert_int_equal(bl_lineedit_paste(&le, "aa", 2), BL_LE_CHANGED | BL_LE_MOVED | BL_LE_CUT);
    assert_int_equal(le.len, BL_LINEEDIT_MAX);
    /* Full: refused, and said so. */
    assert_int_equal(bl_lineedit_paste(&le, "b", 1), BL_LE_CUT);
    assert_int_equal(le.len, BL_LINEEDIT_MAX);
    bl_lineedit_done(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_and_insert),
        cmocka_unit_test(test_utf8_insert),
        cmocka_unit_test(test_moves_by_character),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_backspace_delete_edges),
        cmocka_unit_test(test_kill_line),
        cmocka_unit_test(test_kill_word),
        cmocka_unit_test(test_length_limit),
        cmocka_unit_test(test_scroll_window),
        cmocka_unit_test(test_scroll_wide),
        cmocka_unit_test(test_scroll_wide_fit),
        cmocka_unit_test(test_paste),
        cmocka_unit_test(test_paste_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
