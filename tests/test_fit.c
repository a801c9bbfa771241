/* test_fit.c — the fit finder's core: scores computed by hand on a small
 * guide built in the test, ties, "no preference", important answers,
 * question weights, "what would change", route marks, answers files, and
 * the report (both formats, ASCII, deterministic, never a verdict's words)
 * on the shipped content.
 *
 * The hand-built guide: three roles whose fit levels are the same on every
 * dimension — alpha all 0, beta all 4, gamma all 2 — and two crime areas:
 * alpha works on area 0, beta on area 1, gamma on both.  Every question has
 * weight 1 unless a test changes it. */
#include "core_util.h"

#include "borderless/diag.h"
#include "borderless/fit.h"
#include "borderless/layout.h"
#include "borderless/loader.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* ---- the hand-built guide --------------------------------------------- */

struct tiny {
    bl_guide g;
    bl_entry entries[3];
    bl_role_facts facts[3];
    bl_crime_area areas[2];
    size_t area_lists[3][2];
    bl_fit_question q[BL_FIT_COUNT + 3];
    bl_fit_choice situation[2], citizenship[2];
    const char *eu_words[1];
    bl_route routes[3];
    const char *who[3][1];
    bl_source sources[1];
};

static const char *const labels[BL_FIT_ANSWERS] = {"Low", "Lowish", "Middle", "Highish", "High"};

static void tiny_init(struct tiny *t)
{
    memset(t, 0, sizeof *t);
    static const char *const ids[3] = {"alpha", "beta", "gamma"};
    static const char *const titles[3] = {"Alpha officer", "Beta officer", "Gamma officer"};
    static const int level[3] = {0, 4, 2};
    t->areas[0] = (bl_crime_area){.id = "area-zero", .label = "Area zero"};
    t->areas[1] = (bl_crime_area){.id = "area-one", .label = "Area one"};
    t->area_lists[0][0] = 0;
    t->area_lists[1][0] = 1;
    t->area_lists[2][0] = 0;
    t->area_lists[2][1] = 1;
    t->sources[0] = (bl_source){.title = "A source", .url = "https://example.org/"};
    t->who[0][0] = "Serving officers";
    t->who[1][0] = "EU citizens";
    t->who[2][0] = "Anyone who meets the entry rules";
    t->routes[0] = (bl_route){.name = "Secondment",
                              .where = "Here",
                              .who = t->who[0],
                              .n_who = 1,
                              .serving_officer = BL_SERVING_YES};
    t->routes[1] = (bl_route){.name = "Direct",
                              .where = "EU",
                              .who = t->who[1],
                              .n_who = 1,
                              .serving_officer = BL_SERVING_NO};
    t->routes[2] = (bl_route){.name = "Open call",
                              .where = "There",
                              .who = t->who[2],
                              .n_who = 1,
                              .serving_officer = BL_SERVING_EITHER};
    for (int i = 0; i < 3; i++) {
        for (int d = 0; d < BL_FIT_COUNT; d++)
            t->facts[i].fit[d] = (bl_fit){.level = level[i], .reason = titles[i]};
        t->facts[i].crime_areas = t->area_lists[i];
        t->facts[i].n_crime_areas = i == 2 ? 2 : 1;
        t->facts[i].routes = t->routes;
        t->facts[i].n_routes = 3;
        t->entries[i] = (bl_entry){.kind = BL_ENTRY_ROLE,
                                   .id = ids[i],
                                   .title = titles[i],
                                   .role = &t->facts[i],
                                   .sources = t->sources,
                                   .n_sources = 1,
                                   .reviewed = "2026-01-01"};
    }
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        t->q[d] = (bl_fit_question){.key = bl_fit_info((enum bl_fit_dim)d)->key,
                                    .kind = BL_FITQ_LEVEL,
                                    .dim = (enum bl_fit_dim)d,
                                    .text = "A question?",
                                    .weight = 1};
        for (int a = 0; a < BL_FIT_ANSWERS; a++)
            t->q[d].answers[a] = labels[a];
    }
    t->situation[0] = (bl_fit_choice){.id = "student", .label = "Student"};
    t->situation[1] = (bl_fit_choice){.id = "officer", .label = "Serving officer", .serving = 1};
    t->eu_words[0] = "EU";
    t->citizenship[0] =
        (bl_fit_choice){.id = "eu", .label = "EU", .matches = t->eu_words, .n_matches = 1};
    t->citizenship[1] = (bl_fit_choice){.id = "other", .label = "Elsewhere"};
    t->q[BL_FIT_COUNT] = (bl_fit_question){
        .key = "crime_areas", .kind = BL_FITQ_AREAS, .text = "Which?", .weight = 1};
    t->q[BL_FIT_COUNT + 1] = (bl_fit_question){.key = "situation",
                                               .kind = BL_FITQ_SITUATION,
                                               .text = "Now?",
                                               .choices = t->situation,
                                               .n_choices = 2,
                                               .weight = 1};
    t->q[BL_FIT_COUNT + 2] = (bl_fit_question){.key = "citizenship",
                                               .kind = BL_FITQ_CITIZENSHIP,
                                               .text = "Where?",
                                               .choices = t->citizenship,
                                               .n_choices = 2,
                                               .weight = 1};
    t->g = (bl_guide){.title = "Tiny",
                      .entries = t->entries,
                      .n_entries = 3,
                      .n_roles = 3,
                      .crime_areas = t->areas,
                      .n_crime_areas = 2,
                      .fit_questions = t->q,
                      .n_fit_questions = BL_FIT_COUNT + 3};
}

/* The ranking as "id:percent:fits/answered:rank" joined by spaces. */
static char *ranking_text(const bl_guide *g, const bl_fit_answers *a)
{
    bl_fit_ranking r;
    assert_int_equal(bl_fit_rank(g, a, &r), 0);
    char *s = fs_fmt("%s", "");
    for (size_t i = 0; i < r.n; i++) {
        const bl_fit_score *x = &r.v[i];
        char *t = fs_fmt("%s%s%s:%d:%d/%d:%d", s, i ? " " : "", g->entries[x->role].id,
                         bl_fit_percent(x), x->fits, x->answered, x->rank);
        free(s);
        s = t;
    }
    bl_fit_ranking_free(&r);
    return s;
}

static void expect_ranking(const bl_guide *g, const bl_fit_answers *a, const char *want)
{
    char *got = ranking_text(g, a);
    if (strcmp(got, want) != 0)
        fail_msg("ranking\n  expected %s\n  got      %s", want, got);
    free(got);
}

/* Joins the wrapped lines of list items: "\n  x" becomes " x". */
static void unwrap(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\n' && p[1] == ' ' && p[2] == ' ' && p[3] && p[3] != ' ') {
            *o++ = ' ';
            p += 2;
            continue;
        }
        *o++ = *p;
    }
    *o = '\0';
}

/* ---- scores ----------------------------------------------------------- */

/* desk_field = 0: alpha 1 - 0/4 = 100%, gamma 1 - 2/4 = 50%, beta 0%. */
static void test_one_answer(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_DESK_FIELD] = 0;
    expect_ranking(&t.g, &a, "alpha:100:1/1:1 gamma:50:0/1:2 beta:0:0/1:3");
    /* an answer of 1 fits a level 0 or 2: alpha 75%, gamma 75% (a tie), beta 25% */
    a.level[BL_FIT_DESK_FIELD] = 1;
    expect_ranking(&t.g, &a, "alpha:75:1/1:1 gamma:75:1/1:1 beta:25:0/1:3");
}

/* desk_field = 0 and travel = 4: alpha (1 + 0) / 2, beta (0 + 1) / 2, gamma
 * (1/2 + 1/2) / 2 — all 50%: a three-way tie, in reading order. */
static void test_ties(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_DESK_FIELD] = 0;
    a.level[BL_FIT_TRAVEL] = 4;
    expect_ranking(&t.g, &a, "alpha:50:1/2:1 beta:50:1/2:1 gamma:50:0/2:1");
    bl_fit_ranking r;
    assert_int_equal(bl_fit_rank(&t.g, &a, &r), 0);
    assert_true(r.all_tied);
    assert_int_equal(r.answered, 2);
    bl_fit_ranking_free(&r);
}

static void test_no_preference(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.important[BL_FIT_SHIFTS] = 1; /* important without an answer counts for nothing */
    expect_ranking(&t.g, &a, "alpha:0:0/0:1 beta:0:0/0:1 gamma:0:0/0:1");
    bl_fit_ranking r;
    assert_int_equal(bl_fit_rank(&t.g, &a, &r), 0);
    assert_true(r.all_tied);
    assert_int_equal(r.answered, 0);
    bl_fit_ranking_free(&r);
    char *doc;
    size_t len;
    assert_int_equal(bl_fit_report_render(&t.g, &a, BL_SUMMARY_TEXT, 0, &doc, &len), 0);
    assert_non_null(strstr(doc, "You gave no preference on any question, so every role ties"));
    assert_non_null(strstr(doc, "\n  =1 "));
    free(doc);
}

/* desk_field = 0 (important) and travel = 4: alpha (2*1 + 0) / 3 = 67%,
 * gamma (2*1/2 + 1/2) / 3 = 50%, beta (0 + 1) / 3 = 33%. */
static void test_important(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_DESK_FIELD] = 0;
    a.important[BL_FIT_DESK_FIELD] = 1;
    a.level[BL_FIT_TRAVEL] = 4;
    expect_ranking(&t.g, &a, "alpha:67:1/2:1 gamma:50:0/2:2 beta:33:1/2:3");
    /* the question's weight does the same: travel weighs 3 against desk's 2 */
    a.important[BL_FIT_DESK_FIELD] = 0;
    t.q[BL_FIT_DESK_FIELD].weight = 2;
    t.q[BL_FIT_TRAVEL].weight = 3;
    /* alpha (2*1 + 3*0) / 5 = 40%, beta (0 + 3) / 5 = 60%, gamma 50% */
    expect_ranking(&t.g, &a, "beta:60:1/2:1 gamma:50:0/2:2 alpha:40:1/2:3");
}

/* Crime areas: the share of the picks a role works on, as one more term. */
static void test_crime_areas(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 0, 1), 0);
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 0, 1), -1);
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 5, 1), -1);
    a.level[BL_FIT_DESK_FIELD] = 4;
    /* alpha (0 + 1) / 2, beta (1 + 0) / 2, gamma (1/2 + 1) / 2 */
    expect_ranking(&t.g, &a, "gamma:75:1/2:1 alpha:50:1/2:2 beta:50:1/2:2");
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 1, 1), 0);
    a.level[BL_FIT_DESK_FIELD] = BL_FIT_NONE;
    /* both areas: alpha 1/2, beta 1/2, gamma 1 */
    expect_ranking(&t.g, &a, "gamma:100:1/1:1 alpha:50:1/1:2 beta:50:1/1:2");
    a.areas_important = 1; /* alone, a weight changes nothing */
    expect_ranking(&t.g, &a, "gamma:100:1/1:1 alpha:50:1/1:2 beta:50:1/1:2");
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 0, 0), 0);
    assert_int_equal(a.n_areas, 1);
    assert_int_equal(a.areas[0], 1);
}

/* ---- what would change ------------------------------------------------ */

static void test_what_would_change(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_DESK_FIELD] = 0; /* alpha 1st, gamma 2nd, beta 3rd */
    bl_fit_change c;
    /* beta: desk_field 4 puts it first alone (3 would only tie with gamma) */
    assert_int_equal(bl_fit_what_would_change(&t.g, &a, 1, &c), 0);
    assert_int_equal(c.kind, BL_FIT_CHANGE_LEVEL);
    assert_int_equal(c.dim, BL_FIT_DESK_FIELD);
    assert_int_equal(c.from, 0);
    assert_int_equal(c.to, 4);
    assert_int_equal(c.old_rank, 3);
    assert_int_equal(c.new_rank, 1);
    assert_false(c.new_shared);
    assert_false(c.holds);
    /* gamma: desk_field 2 puts it first alone (100% against 50%) */
    assert_int_equal(bl_fit_what_would_change(&t.g, &a, 2, &c), 0);
    assert_int_equal(c.kind, BL_FIT_CHANGE_LEVEL);
    assert_int_equal(c.to, 2);
    assert_int_equal(c.new_rank, 1);
    /* alpha is first alone: the answer that holds it there is desk_field,
     * whose change to 4 would drop it to 3rd */
    assert_int_equal(bl_fit_what_would_change(&t.g, &a, 0, &c), 0);
    assert_true(c.holds);
    assert_int_equal(c.dim, BL_FIT_DESK_FIELD);
    assert_int_equal(c.to, 4);
    assert_int_equal(c.new_rank, 3);

    /* crime areas: with area 1 picked and desk_field 0, alpha (1 + 0)/2 ties
     * beta (0 + 1)/2 and gamma (1/2 + 1)/2 = 75% leads; for alpha the best
     * move is to take area 1 off, which leaves desk_field alone: alpha 100%
     * (adding area 0 would only tie it with gamma at 75%) */
    assert_int_equal(bl_fit_answers_pick(&a, &t.g, 1, 1), 0);
    assert_int_equal(bl_fit_what_would_change(&t.g, &a, 0, &c), 0);
    assert_int_equal(c.kind, BL_FIT_CHANGE_REMOVE);
    assert_int_equal(c.area, 1);
    assert_int_equal(c.old_rank, 2);
    assert_true(c.old_shared);
    assert_int_equal(c.new_rank, 1);
    assert_false(c.new_shared);

    char *doc;
    size_t len;
    a.n_areas = 0;
    assert_int_equal(bl_fit_report_render(&t.g, &a, BL_SUMMARY_TEXT, 0, &doc, &len), 0);
    unwrap(doc);
    assert_non_null(strstr(doc,
                           "\n- Alpha officer ranks first. The answer that keeps it there "
                           "most: if your answer on Desk or field were \"High\" instead of "
                           "\"Low\", it would rank 3rd.\n"));
    assert_non_null(strstr(doc,
                           "\n- If your answer on Desk or field were \"Middle\" instead of "
                           "\"Low\", Gamma officer would rank first (now 2nd).\n"));
    assert_non_null(strstr(doc,
                           "\n- If your answer on Desk or field were \"High\" instead of "
                           "\"Low\", Beta officer would rank first (now 3rd).\n"));
    free(doc);
}

/* ---- routes ------------------------------------------------------------ */

static void test_routes(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    char why[256];
    /* nothing said: the serving officers' route and the EU route need checking */
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[0], why, sizeof why),
                     BL_FIT_ROUTE_CHECK);
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[1], why, sizeof why),
                     BL_FIT_ROUTE_CHECK);
    assert_non_null(strstr(why, "EU citizens"));
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[2], why, sizeof why),
                     BL_FIT_ROUTE_OPEN);
    /* a student: not yet for serving officers only */
    a.situation = 0;
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[0], why, sizeof why),
                     BL_FIT_ROUTE_NOT_YET);
    a.situation = 1;
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[0], NULL, 0), BL_FIT_ROUTE_OPEN);
    /* an EU citizen matches "EU citizens"; someone from elsewhere must check */
    a.citizenship = 0;
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[1], why, sizeof why),
                     BL_FIT_ROUTE_OPEN);
    a.citizenship = 1;
    assert_int_equal(bl_fit_route_check(&t.g, &a, &t.routes[1], why, sizeof why),
                     BL_FIT_ROUTE_CHECK);
    assert_string_equal(bl_fit_route_label(BL_FIT_ROUTE_NOT_YET), "not yet");
    assert_string_equal(bl_fit_route_label(BL_FIT_ROUTE_OPEN), "open to you");
}

/* ---- answers files ------------------------------------------------------ */

static void test_answers_parse(void **state)
{
    (void)state;
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    const char *file = "# my answers\n"
                       "\n"
                       "desk_field=3\r\n"
                       "  travel != lowish\n"
                       "shifts = HIGH !\n"
                       "crime_areas=area-one, Area zero\n"
                       "situation=officer\n"
                       "citizenship=0\n"
                       "languages=none\n";
    bl_diags d;
    bl_diags_init(&d, 10);
    assert_int_equal(bl_fit_answers_parse(&t.g, "f", file, strlen(file), &a, &d), 0);
    assert_int_equal(d.total, 0);
    bl_diags_free(&d);
    assert_int_equal(a.level[BL_FIT_DESK_FIELD], 3);
    assert_false(a.important[BL_FIT_DESK_FIELD]);
    assert_int_equal(a.level[BL_FIT_TRAVEL], 1);
    assert_true(a.important[BL_FIT_TRAVEL]);
    assert_int_equal(a.level[BL_FIT_SHIFTS], 4);
    assert_true(a.important[BL_FIT_SHIFTS]);
    assert_int_equal(a.level[BL_FIT_LANGUAGES], BL_FIT_NONE);
    assert_int_equal(a.n_areas, 2);
    assert_int_equal(a.areas[0], 0);
    assert_int_equal(a.areas[1], 1);
    assert_int_equal(a.situation, 1);
    assert_int_equal(a.citizenship, 0);

    /* what it writes reads back the same */
    char *out;
    size_t len;
    assert_int_equal(bl_fit_answers_format(&t.g, &a, "# header", &out, &len), 0);
    assert_true(strncmp(out, "# header\n", 9) == 0);
    assert_non_null(strstr(out, "\ntravel=1!\n"));
    assert_non_null(strstr(out, "\ncrime_areas=area-zero,area-one\n"));
    bl_fit_answers b;
    bl_fit_answers_init(&b);
    bl_diags_init(&d, 10);
    assert_int_equal(bl_fit_answers_parse(&t.g, "f", out, len, &b, &d), 0);
    bl_diags_free(&d);
    assert_memory_equal(&a, &b, sizeof a);
    free(out);
}

static void expect_parse_error(const char *file, const char *want)
{
    struct tiny t;
    tiny_init(&t);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    bl_diags d;
    bl_diags_init(&d, 10);
    assert_int_equal(bl_fit_answers_parse(&t.g, "ans", file, strlen(file), &a, &d), -1);
    if (d.n != 1 || strcmp(d.items[0].formatted, want) != 0)
        fail_msg("for %s\n  expected %s\n  got      %s (%zu)", file, want,
                 d.n ? d.items[0].formatted : "nothing", d.total);
    bl_diags_free(&d);
}

static void test_answers_errors(void **state)
{
    (void)state;
    expect_parse_error("desk_field=7\n",
                       "ans:1:12: \"7\" is not an answer to \"desk_field\": give one of 0 (Low), "
                       "1 (Lowish), 2 (Middle), 3 (Highish), 4 (High), or none");
    expect_parse_error("\n  desk=1\n",
                       "ans:2:3: unknown question \"desk\" (see 'borderless fit --questions')");
    expect_parse_error("travel=1\ntravel=2\n",
                       "ans:2:1: \"travel\" is answered twice (first at line 1)");
    expect_parse_error("travel 2\n",
                       "ans:1:1: expected KEY=VALUE (see 'borderless fit "
                       "--questions' for the keys)");
    expect_parse_error("crime_areas=area-zero, piracy\n",
                       "ans:1:24: \"piracy\" is not a crime area (see 'borderless fit "
                       "--questions')");
    expect_parse_error("crime_areas=area-zero,,area-one\n",
                       "ans:1:23: an empty crime area in the list: separate areas with one "
                       "comma");
    expect_parse_error("situation=officer!\n",
                       "ans:1:18: \"situation\" cannot be important: it does not change the "
                       "ranking");
    expect_parse_error("citizenship=mars\n",
                       "ans:1:13: \"mars\" is not an answer to \"citizenship\": give one of eu, "
                       "other, or none");
    expect_parse_error("shifts=\n",
                       "ans:1:8: \"shifts\" has no answer: give one, or none for no preference");
    expect_parse_error("shifts=\x1b[31m\n",
                       "ans:1:8: \"?[31m\" is not an answer to \"shifts\": give one of 0 (Low), "
                       "1 (Lowish), 2 (Middle), 3 (Highish), 4 (High), or none");
}

/* ---- the report on the shipped content --------------------------------- */

static bl_guide *load_shipped(void)
{
    char *dir = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g) {
        bl_diags_print(&d, stderr);
        fail_msg("%s does not load", dir);
    }
    bl_diags_free(&d);
    free(dir);
    return g;
}

static int contains_fold(const char *s, size_t n, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= n; i++)
        if (strncasecmp(s + i, word, wl) == 0)
            return 1;
    return 0;
}

static void check_report(const bl_guide *g, const bl_fit_answers *a)
{
    static const char *const banned[] = {"eligible", "qualified", "you will"};
    for (int fmt = BL_SUMMARY_TEXT; fmt <= BL_SUMMARY_MARKDOWN; fmt++)
        for (int ascii = 0; ascii <= 1; ascii++) {
            char *doc, *again;
            size_t len, len2;
            assert_int_equal(
                bl_fit_report_render(g, a, (enum bl_summary_format)fmt, ascii, &doc, &len), 0);
            assert_int_equal(strlen(doc), len);
            for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
                if (contains_fold(doc, len, banned[b]))
                    fail_msg("the report says \"%s\":\n%s", banned[b], doc);
            for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)doc[i];
                if ((c < 0x20 && c != '\n') || c == 0x7F || (ascii && c >= 0x80))
                    fail_msg("byte 0x%02x at %zu (ascii %d)", c, i, ascii);
            }
            if (fmt == BL_SUMMARY_TEXT)
                assert_non_null(strstr(doc, "Guidance, not a verdict."));
            else
                assert_non_null(strstr(doc, "\n## Ranking\n"));
            assert_int_equal(
                bl_fit_report_render(g, a, (enum bl_summary_format)fmt, ascii, &again, &len2), 0);
            assert_int_equal(len, len2);
            assert_memory_equal(doc, again, len);
            free(again);
            free(doc);
        }
}

/* Every answer to every question, one question at a time, and some whole
 * sets: no report says "eligible", "qualified" or "you will". */
static void test_report_never_a_verdict(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    const bl_fit_question *sq = bl_fit_question_of(g, BL_FITQ_SITUATION, BL_FIT_DESK_FIELD);
    const bl_fit_question *cq = bl_fit_question_of(g, BL_FITQ_CITIZENSHIP, BL_FIT_DESK_FIELD);
    assert_non_null(sq);
    assert_non_null(cq);
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    check_report(g, &a);
    for (int d = 0; d < BL_FIT_COUNT; d++)
        for (int lv = 0; lv <= BL_FIT_MAX_LEVEL; lv += 2) {
            bl_fit_answers_init(&a);
            a.level[d] = lv;
            a.important[d] = lv == 4;
            a.situation = (int)((size_t)(d + lv) % sq->n_choices);
            a.citizenship = (int)((size_t)(d * 3 + lv) % cq->n_choices);
            if (d % 3 == 0)
                bl_fit_answers_pick(&a, g, (size_t)d % g->n_crime_areas, 1);
            check_report(g, &a);
        }
    for (size_t s = 0; s < sq->n_choices; s++)
        for (size_t c = 0; c < cq->n_choices; c++) {
            bl_fit_answers_init(&a);
            for (int d = 0; d < BL_FIT_COUNT; d++)
                a.level[d] = (int)((s + c + (size_t)d) % 5);
            a.situation = (int)s;
            a.citizenship = (int)c;
            check_report(g, &a);
        }
    bl_guide_free(g);
}

/* The report's parts on the shipped content, as a reader sees them. */
static void test_report_parts(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_SHIFTS] = 4;
    a.important[BL_FIT_SHIFTS] = 1;
    a.level[BL_FIT_DESK_FIELD] = 4;
    a.situation = 0; /* a student */
    char *doc;
    size_t len;
    assert_int_equal(bl_fit_report_render(g, &a, BL_SUMMARY_TEXT, 0, &doc, &len), 0);
    assert_non_null(strstr(doc, "- Irregular hours: Shifts and nights are fine (important)\n"));
    assert_non_null(strstr(doc, "\nMatched because:\n\n- "));
    assert_non_null(strstr(doc, "\nHeld back by:\n\n- "));
    assert_non_null(strstr(doc, "- Not yet: "));
    assert_non_null(strstr(doc, "\u2593")); /* bars */
    assert_non_null(strstr(doc, "\nWhat would change\n-----------------\n\n- "));
    /* each role's fit chart is the line its page shows */
    char bar[256];
    bl_fit_bar(BL_FIT_SHIFTS, g->entries[0].role->fit[BL_FIT_SHIFTS].level, bar, sizeof bar);
    assert_non_null(strstr(doc, bar));
    free(doc);
    assert_int_equal(bl_fit_report_render(g, &a, BL_SUMMARY_TEXT, 1, &doc, &len), 0);
    assert_null(strstr(doc, "\u2593"));
    assert_non_null(strstr(doc, "##"));
    free(doc);
    assert_int_equal(bl_fit_report_render(g, &a, (enum bl_summary_format)7, 0, &doc, &len),
                     -EINVAL);
    bl_guide_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_answer),     cmocka_unit_test(test_ties),
        cmocka_unit_test(test_no_preference),  cmocka_unit_test(test_important),
        cmocka_unit_test(test_crime_areas),    cmocka_unit_test(test_what_would_change),
        cmocka_unit_test(test_routes),         cmocka_unit_test(test_answers_parse),
        cmocka_unit_test(test_answers_errors), cmocka_unit_test(test_report_never_a_verdict),
        cmocka_unit_test(test_report_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
