/* test_index_job.c — the search index built in a thread (index_job.h):
 * start, release, ready, wait and free in every order, free without a
 * wait (held or running), a job from an existing index, and an index that
 * answers queries exactly as one built in the caller's thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/index_job.h"
#include "tui_fixtures/fixture_guide.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Polls bl_index_job_ready() with a deadline (no sleeping in a test). */
static int ready_within(bl_index_job *j, double seconds)
{
    double end = now_s() + seconds;
    while (!bl_index_job_ready(j)) {
        if (now_s() > end)
            return 0;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return 1;
}

/* The hits of q on ix, as "entry entry ..." (for comparing two indexes). */
static void hits_of(const bl_search_index *ix, const char *q, char *out, size_t cap)
{
    bl_search_results *r = bl_search_run(ix, q, strlen(q), SIZE_MAX);
    assert_non_null(r);
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->n_hits && n + 8 < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%zu ", r->hits[i].entry);
    bl_search_results_free(r);
}

static void same_answers(const bl_search_index *ix, const bl_guide *g)
{
    bl_search_index *ref = bl_search_index_build(g);
    assert_non_null(ref);
    static const char *const queries[] = {"alpha", "liaison", "languages", "gamma", "nothing"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        char a[256], b[256];
        hits_of(ix, queries[i], a, sizeof a);
        hits_of(ref, queries[i], b, sizeof b);
        assert_string_equal(a, b);
    }
    char a[256];
    hits_of(ix, "liaison", a, sizeof a);
    assert_true(a[0] != '\0'); /* the comparison compared something */
    assert_int_equal(bl_search_index_terms(ix), bl_search_index_terms(ref));
    bl_search_index_free(ref);
}

static void test_start_wait_free(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job *j = bl_index_job_start(g, 0);
    assert_non_null(j);
    const bl_search_index *ix = bl_index_job_wait(j);
    assert_non_null(ix);
    assert_int_equal(bl_index_job_ready(j), 1);
    /* A second wait returns the same index at once. */
    assert_ptr_equal(bl_index_job_wait(j), ix);
    same_answers(ix, g);
    bl_index_job_free(j);
    bl_guide_free(g);
}

static void test_ready_polled(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job *j = bl_index_job_start(g, 0);
    assert_non_null(j);
    assert_true(ready_within(j, 30.0));
    assert_non_null(bl_index_job_wait(j));
    bl_index_job_free(j);
    bl_guide_free(g);
}

/* A held job is not ready until released, however long one looks. */
static void test_held_until_released(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job *j = bl_index_job_start(g, 1);
    assert_non_null(j);
    assert_false(ready_within(j, 0.05));
    bl_index_job_release(j);
    assert_true(ready_within(j, 30.0));
    same_answers(bl_index_job_wait(j), g);
    bl_index_job_release(j); /* again: nothing */
    bl_index_job_free(j);
    bl_guide_free(g);
}

/* Waiting releases a held job (no deadlock). */
static void test_wait_releases(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job *j = bl_index_job_start(g, 1);
    assert_non_null(j);
    assert_non_null(bl_index_job_wait(j));
    bl_index_job_free(j);
    bl_guide_free(g);
}

/* Freed without a wait: held (never started), or running; nothing leaks
 * (ASan) and the guide is not read after it is freed. */
static void test_free_without_wait(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job_free(bl_index_job_start(g, 1));
    bl_index_job_free(bl_index_job_start(g, 0));
    bl_index_job *j = bl_index_job_start(g, 1);
    assert_non_null(j);
    bl_index_job_release(j);
    bl_index_job_free(j);
    bl_index_job_free(NULL);
    bl_guide_free(g);
}

static void test_from_index(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_search_index *ix = bl_search_index_build(g);
    assert_non_null(ix);
    bl_index_job *j = bl_index_job_from_index(ix);
    assert_non_null(j);
    assert_int_equal(bl_index_job_ready(j), 1);
    assert_ptr_equal(bl_index_job_wait(j), ix);
    bl_index_job_release(j);
    bl_index_job_free(j); /* frees ix */
    /* From nothing: ready, and says "out of memory". */
    j = bl_index_job_from_index(NULL);
    assert_non_null(j);
    assert_int_equal(bl_index_job_ready(j), 1);
    assert_null(bl_index_job_wait(j));
    bl_index_job_free(j);
    /* A guide is needed to start. */
    assert_null(bl_index_job_start(NULL, 0));
    assert_int_equal(bl_index_job_ready(NULL), 0);
    assert_null(bl_index_job_wait(NULL));
    bl_guide_free(g);
}

/* A source of an existing index (the cache, in the guide): asked once in
 * the job's thread; what it gives is the job's index, and when it gives
 * nothing the job builds one. */
struct source {
    int calls;
    bl_search_index *give;
};

static bl_search_index *from_source(void *ctx, const bl_guide *g)
{
    struct source *s = ctx;
    (void)g;
    s->calls++;
    return s->give;
}

static void test_start_with_source(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    struct source src = {.give = bl_search_index_build(g)};
    assert_non_null(src.give);
    bl_search_index *given = src.give;
    bl_index_job *j = bl_index_job_start_with(g, 0, from_source, &src);
    assert_non_null(j);
    assert_ptr_equal(bl_index_job_wait(j), given); /* taken, not rebuilt */
    assert_int_equal(src.calls, 1);
    bl_index_job_free(j); /* frees the given index */
    /* The source has none: the job builds it. */
    struct source none = {0};
    j = bl_index_job_start_with(g, 1, from_source, &none);
    assert_non_null(j);
    const bl_search_index *ix = bl_index_job_wait(j);
    assert_non_null(ix);
    assert_int_equal(none.calls, 1);
    same_answers(ix, g);
    bl_index_job_free(j);
    /* Freed while held: the source is never asked. */
    struct source held = {0};
    j = bl_index_job_start_with(g, 1, from_source, &held);
    assert_non_null(j);
    bl_index_job_free(j);
    assert_int_equal(held.calls, 0);
    bl_guide_free(g);
}

static int stop_now(void *arg)
{
    int *calls = arg;
    return ++*calls >= 2;
}

/* The build gives up when asked (between entries). */
static void test_build_until(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    int calls = 0;
    assert_null(bl_search_index_build_until(g, stop_now, &calls));
    assert_int_equal(calls, 2);
    bl_search_index *ix = bl_search_index_build_until(g, NULL, NULL);
    assert_non_null(ix);
    same_answers(ix, g);
    bl_search_index_free(ix);
    bl_guide_free(g);
}

/* Many jobs at once on one guide: every one answers the same. */
static void test_many_jobs(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    bl_index_job *j[8];
    for (int i = 0; i < 8; i++)
        assert_non_null(j[i] = bl_index_job_start(g, i % 2));
    for (int i = 0; i < 8; i += 2)
        same_answers(bl_index_job_wait(j[i]), g);
    for (int i = 0; i < 8; i++)
        bl_index_job_free(j[i]);
    bl_guide_free(g);
}

/* The index handed over (the guide keeps it for the cache at its end):
 * never while the build runs, once when it is over, and the job keeps
 * nothing after (freeing both frees it once: ASan). */
static void test_take(void **state)
{
    (void)state;
    bl_guide *g = fixture_guide();
    assert_non_null(g);
    assert_null(bl_index_job_take(NULL));
    bl_index_job *j = bl_index_job_start(g, 1);
    assert_non_null(j);
    assert_null(bl_index_job_take(j)); /* held: not over, not waited for */
    assert_false(bl_index_job_ready(j));
    bl_index_job_release(j);
    assert_true(ready_within(j, 30.0));
    const bl_search_index *borrowed = bl_index_job_wait(j);
    assert_non_null(borrowed);
    bl_search_index *ix = bl_index_job_take(j);
    assert_ptr_equal(ix, borrowed);
    assert_null(bl_index_job_take(j)); /* once */
    assert_null(bl_index_job_wait(j)); /* the job holds none now */
    bl_index_job_free(j);
    same_answers(ix, g); /* still whole after the job is gone */
    bl_search_index_free(ix);
    /* a job from an existing index hands that one over */
    bl_search_index *built = bl_search_index_build(g);
    assert_non_null(built);
    j = bl_index_job_from_index(built);
    assert_non_null(j);
    assert_ptr_equal(bl_index_job_take(j), built);
    bl_index_job_free(j);
    bl_search_index_free(built);
    bl_guide_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_wait_free),     cmocka_unit_test(test_ready_polled),
        cmocka_unit_test(test_held_until_released), cmocka_unit_test(test_wait_releases),
        cmocka_unit_test(test_free_without_wait),   cmocka_unit_test(test_from_index),
        cmocka_unit_test(test_start_with_source),   cmocka_unit_test(test_build_until),
        cmocka_unit_test(test_many_jobs),           cmocka_unit_test(test_take),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
