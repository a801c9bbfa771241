/* test_app_index.c — the guide's search while the index is built in the
 * background (app.h: bl_app_set_index_job), without curses: a search typed
 * before the index is ready says "Preparing search…" and runs once it is,
 * with the same results as a search that never waited; Enter pressed
 * meanwhile is applied then; Esc and Ctrl-C (cancel) end the wait. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/app.h"
#include "tui_fixtures/fixture_guide.h"

#include <string.h>
#include <time.h>

#define PREPARING "Preparing search\xE2\x80\xA6"

struct fixture {
    bl_guide *g;
    bl_app app;
};

static void resize(bl_app *a)
{
    bl_app_apply(a, BL_ACT_RESIZE, &(struct bl_app_arg){.width = 60, .rows = 20, .list = 8});
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof f);
    f.g = fixture_guide();
    if (!f.g || bl_app_init(&f.app, f.g, 0) != 0)
        return -1;
    resize(&f.app);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bl_app_done(&f->app);
    bl_guide_free(f->g);
    return 0;
}

static void type(bl_app *a, const char *s)
{
    for (; *s; s++)
        bl_app_apply(a, BL_ACT_INSERT, &(struct bl_app_arg){.cp = (unsigned char)*s});
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Polls the app as the screen does, with a deadline; returns the flags of
 * the poll that ran the query (0 when it never did). */
static unsigned poll_until_run(bl_app *a)
{
    double end = now_s() + 30.0;
    while (now_s() < end) {
        unsigned r = bl_app_poll(a);
        if (!bl_app_waiting(a))
            return r;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* The hits of a search for q in an app that builds its index when asked
 * (no job: the old way), as entry numbers. */
static size_t reference_hits(const bl_guide *g, const char *q, size_t *out, size_t cap)
{
    bl_app a;
    assert_int_equal(bl_app_init(&a, g, 0), 0);
    resize(&a);
    bl_app_apply(&a, BL_ACT_SEARCH, NULL);
    type(&a, q);
    assert_false(bl_app_waiting(&a));
    size_t n = bl_app_hits(&a);
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = a.search.res->hits[i].entry;
    bl_app_done(&a);
    return n;
}

static void test_search_waits_then_runs(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    bl_index_job *j = bl_index_job_start(f->g, 1);
    assert_non_null(j);
    bl_app_set_index_job(a, j);
    /* Nothing waits before a search. */
    assert_false(bl_app_waiting(a));
    assert_int_equal(bl_app_poll(a), 0);
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "liaison");
    assert_true(bl_app_waiting(a));
    assert_true(a->search.open);
    assert_null(a->search.res);
    assert_int_equal(a->status.kind, BL_STATUS_INFO);
    assert_string_equal(a->status.text, PREPARING);
    /* Moving in the prompt keeps the message while it waits. */
    bl_app_apply(a, BL_ACT_EDIT_LEFT, NULL);
    bl_app_apply(a, BL_ACT_EDIT_END, NULL);
    assert_string_equal(a->status.text, PREPARING);
    /* Polling does nothing while the build is held. */
    assert_int_equal(bl_app_poll(a), 0);
    assert_true(bl_app_waiting(a));
    bl_index_job_release(j);
    assert_true(poll_until_run(a) & BL_APP_REDRAW);
    assert_false(bl_app_waiting(a));
    assert_int_equal(a->status.kind, BL_STATUS_NONE);
    /* The same hits as a search that never waited. */
    size_t want[8];
    size_t n = reference_hits(f->g, "liaison", want, 8);
    assert_true(n > 0);
    assert_int_equal(bl_app_hits(a), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(a->search.res->hits[i].entry, want[i]);
    assert_int_equal(a->sel, want[0]);
    /* The prompt is still open: typing goes on at once now. */
    assert_non_null(a->prompt.kind);
    type(a, " qqqqqqqq");
    assert_false(bl_app_waiting(a));
    assert_int_equal(bl_app_hits(a), 0);
}

/* Enter while it waits: remembered, applied once the index is ready. */
static void test_enter_while_waiting(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    bl_index_job *j = bl_index_job_start(f->g, 1);
    bl_app_set_index_job(a, j);
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "gamma");
    bl_app_apply(a, BL_ACT_ACCEPT, NULL);
    assert_true(bl_app_waiting(a));
    assert_non_null(a->prompt.kind); /* nothing to read yet */
    assert_string_equal(a->status.text, PREPARING);
    bl_index_job_release(j);
    poll_until_run(a);
    assert_false(bl_app_waiting(a));
    assert_null(a->prompt.kind); /* Enter was applied */
    assert_true(bl_app_hits(a) > 0);
    assert_int_equal(a->focus, BL_FOCUS_DETAIL);
    assert_string_equal(f->g->entries[a->sel].id, "gamma");
}

/* Esc (and Ctrl-C, the same cancel) while it waits: the search ends, the
 * menu is back where it was, nothing runs later. */
static void test_cancel_while_waiting(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    bl_index_job *j = bl_index_job_start(f->g, 1);
    bl_app_set_index_job(a, j);
    bl_app_apply(a, BL_ACT_DOWN, NULL);
    size_t sel = a->sel;
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "gamma");
    assert_true(bl_app_waiting(a));
    bl_app_apply(a, BL_ACT_CANCEL, NULL);
    assert_false(bl_app_waiting(a));
    assert_false(a->search.open);
    assert_null(a->prompt.kind);
    assert_int_equal(a->sel, sel);
    assert_int_equal(a->status.kind, BL_STATUS_NONE);
    bl_index_job_release(j);
    assert_true(bl_index_job_wait(j) != NULL);
    assert_int_equal(bl_app_poll(a), 0);
    assert_int_equal(a->sel, sel);
    /* The next search finds the index ready. */
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "gamma");
    assert_false(bl_app_waiting(a));
    assert_true(bl_app_hits(a) > 0);
}

/* Quitting (bl_app_done) while the build is held or running. */
static void test_done_while_waiting(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    bl_app_set_index_job(a, bl_index_job_start(f->g, 1));
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "alpha");
    assert_true(bl_app_waiting(a));
    /* teardown frees the app and its held job */
}

/* A job from an index that exists (a cache's) is ready at once; a job
 * given after the index is in use is refused (freed). */
static void test_ready_job(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    bl_app_set_index_job(a, bl_index_job_from_index(bl_search_index_build(f->g)));
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "alpha");
    assert_false(bl_app_waiting(a));
    assert_true(bl_app_hits(a) > 0);
    const bl_search_index *ix = a->search.ix;
    bl_app_set_index_job(a, bl_index_job_start(f->g, 1));
    assert_ptr_equal(a->search.ix, ix);
    bl_app_set_index_job(a, NULL);
    type(a, "x");
    assert_false(bl_app_waiting(a));
}

/* The guide's end: the index handed over only once it is ready, never
 * waited for; the app then frees its job without the index (ASan). */
static void test_take_index(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_null(bl_app_take_index(a)); /* no job: nothing */
    bl_index_job *j = bl_index_job_start(f->g, 1);
    assert_non_null(j);
    bl_app_set_index_job(a, j);
    assert_null(bl_app_take_index(a)); /* held: not ready, not waited for */
    bl_app_apply(a, BL_ACT_SEARCH, NULL);
    type(a, "gamma");
    assert_true(bl_app_waiting(a));
    bl_index_job_release(j);
    poll_until_run(a);
    assert_false(bl_app_waiting(a));
    assert_true(bl_app_hits(a) > 0);
    const bl_search_index *used = a->search.ix;
    assert_non_null(used);
    bl_search_index *ix = bl_app_take_index(a);
    assert_ptr_equal(ix, used);
    assert_null(a->search.ix);
    assert_null(bl_app_take_index(a));
    bl_app_done(a); /* frees the job, not the index */
    bl_search_results *r = bl_search_run(ix, "gamma", 5, SIZE_MAX);
    assert_non_null(r);
    assert_true(r->n_hits > 0);
    bl_search_results_free(r);
    bl_search_index_free(ix);
    assert_int_equal(bl_app_init(a, f->g, 0), 0); /* for the teardown */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_search_waits_then_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enter_while_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_while_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_done_while_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ready_job, setup, teardown),
        cmocka_unit_test_setup_teardown(test_take_index, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
