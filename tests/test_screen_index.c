/* test_screen_index.c — whole screens of the guide while its search index
 * is built in the background (screen.h: screen_set_index_job): the first
 * screen is drawn while the build is held (so before the index exists); a
 * search typed meanwhile shows "Preparing search…"; once the build is
 * released the same search shows exactly the screen of a guide that
 * never waited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/index_job.h"
#include "screen.h"
#include "screen/harness.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The screen of a guide without a job (the index built at the first
 * search) after `keys`. */
static char *screen_without_job(const char *keys)
{
    struct harness h;
    harness_open(&h, 80, 24);
    harness_keys(&h, keys);
    char *dump = harness_dump(&h);
    harness_close(&h);
    return dump;
}

static void test_first_screen_before_index(void **state)
{
    (void)state;
    char *plain = screen_without_job("");
    struct harness h;
    harness_open(&h, 80, 24);
    bl_index_job *j = bl_index_job_start(h.g, 1);
    assert_non_null(j);
    screen_set_index_job(h.s, j);
    harness_keys(&h, "");
    /* Drawn, and the index does not exist yet. */
    assert_int_equal(bl_index_job_ready(j), 0);
    char *first = harness_dump(&h);
    assert_string_equal(first, plain);
    free(first);
    free(plain);
    /* A search typed now waits, and says so, in the results and on the
     * status line; the entry where the search began stays. */
    harness_keys(&h, "/liaison");
    assert_int_equal(screen_poll(h.s), 1);
    harness_keys(&h, "");
    harness_expect(
        &h,
        " Fixture guide \u203a Alpha Agent                                           Role 1/3\n"
        " Preparing sear\u2026\u2502 Alpha Agent\n"
        "                \u2502\n"
        "                \u2502 Summary\n"
        "                \u2502 Alpha agents connect police forces across borders. They work\n"
        "                \u2502 in many languages.\n"
        "                \u2502\n"
        "                \u2502 Second paragraph here.\n"
        "                \u2502\n"
        "                \u2502 What they do\n"
        "                \u2502 \u2022 Coordinates notices between member countries\n"
        "                \u2502 \u2022 Runs the liaison desk \u2014 day and night\n"
        "                \u2502\n"
        "                \u2502 Skills\n"
        "                \u2502 \u2022 Languages\n"
        "                \u2502 \u2022 Patience\n"
        "                \u2502\n"
        "                \u2502 Related roles\n"
        "                \u2502 \u2192 Beta Liaison\n"
        "                \u2502 \u2192 Gamma Analyst\n"
        "                \u2502\n"
        "                \u2502 Sources\n"
        " Preparing search\u2026\n"
        "Search: liaison");
    /* Still waiting after more polls: the build is held. */
    assert_int_equal(screen_poll(h.s), 1);
    assert_int_equal(bl_index_job_ready(j), 0);
    /* Released: the search runs as soon as the index is there, and the
     * screen is the one of a guide that never waited. */
    bl_index_job_release(j);
    double end = now_s() + 30.0;
    while (screen_poll(h.s) && now_s() < end) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    assert_int_equal(screen_poll(h.s), 0);
    harness_keys(&h, "");
    char *ready = harness_dump(&h);
    char *never = screen_without_job("/liaison");
    assert_string_equal(ready, never);
    assert_non_null(strstr(ready, "Beta Liaison"));
    assert_null(strstr(ready, "Preparing"));
    free(ready);
    free(never);
    harness_close(&h);
}

/* Esc while the search waits: the menu is back, and the index arriving
 * later changes nothing on the screen. */
static void test_escape_while_waiting(void **state)
{
    (void)state;
    char *plain = screen_without_job("j");
    struct harness h;
    harness_open(&h, 80, 24);
    bl_index_job *j = bl_index_job_start(h.g, 1);
    screen_set_index_job(h.s, j);
    harness_keys(&h, "j/gamma<Esc>");
    assert_int_equal(screen_poll(h.s), 0);
    bl_index_job_release(j);
    assert_non_null(bl_index_job_wait(j));
    assert_int_equal(screen_poll(h.s), 0);
    harness_keys(&h, "");
    char *after = harness_dump(&h);
    assert_string_equal(after, plain);
    free(after);
    free(plain);
    /* Quitting with Ctrl-C's cancel in the prompt, then q, while nothing
     * waits: the screen ends normally. */
    harness_keys(&h, "/alpha<C-c>q");
    assert_true(harness_quit(&h));
    harness_close(&h);
}

/* ---- a guide checked as it is read (cache.h, bl_cache_check) ---- */

static long refused = -100; /* the entry the check refuses */
static long asked[64];
static size_t n_asked;

static int check_entry(void *ctx, long what)
{
    (void)ctx;
    if (n_asked < sizeof asked / sizeof asked[0])
        asked[n_asked++] = what;
    return what == refused ? -1 : 0;
}

/* The first screen asks for the entry it shows, and only that one; the
 * next entry is asked for when it is shown. */
static void test_checked_as_shown(void **state)
{
    (void)state;
    struct harness h;
    harness_open(&h, 80, 24);
    char *plain = harness_dump(&h);
    screen_free(h.s);
    refused = -100;
    n_asked = 0;
    h.s = screen_new_checked(h.g, h.t, check_entry, NULL);
    assert_non_null(h.s);
    harness_keys(&h, "");
    assert_int_equal(n_asked, 1);
    long first = asked[0];
    assert_true(first >= 0 && (size_t)first < h.g->n_entries);
    assert_false(screen_damaged(h.s));
    char *dump = harness_dump(&h);
    assert_string_equal(dump, plain);
    free(dump);
    free(plain);
    harness_keys(&h, "j");
    assert_int_equal(n_asked, 2);
    assert_true(asked[1] != first && asked[1] >= 0);
    harness_keys(&h, "k");
    assert_int_equal(n_asked, 2); /* laid out already: not asked again */
    harness_close(&h);
}

/* The entry the first screen needs is damaged: the screen says so before
 * anything is drawn from it. */
static void test_damaged_first_entry(void **state)
{
    (void)state;
    struct harness h;
    harness_open(&h, 80, 24);
    screen_free(h.s);
    n_asked = 0;
    refused = -100;
    h.s = screen_new_checked(h.g, h.t, check_entry, NULL);
    long first = asked[0];
    screen_free(h.s);
    refused = first;
    n_asked = 0;
    h.s = screen_new_checked(h.g, h.t, check_entry, NULL);
    assert_non_null(h.s);
    assert_true(screen_damaged(h.s));
    /* another entry refused: the first screen is fine, moving there is not */
    screen_free(h.s);
    refused = -100;
    n_asked = 0;
    h.s = screen_new_checked(h.g, h.t, check_entry, NULL);
    harness_keys(&h, "");
    refused = -100;
    harness_keys(&h, "j");
    long second = asked[n_asked - 1];
    screen_free(h.s);
    refused = second;
    n_asked = 0;
    h.s = screen_new_checked(h.g, h.t, check_entry, NULL);
    harness_keys(&h, "");
    assert_false(screen_damaged(h.s));
    harness_keys(&h, "j");
    assert_true(screen_damaged(h.s));
    harness_close(&h);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_screen_before_index),
        cmocka_unit_test(test_escape_while_waiting),
        cmocka_unit_test(test_checked_as_shown),
        cmocka_unit_test(test_damaged_first_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
