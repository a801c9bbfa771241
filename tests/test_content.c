/* test_content.c — the shipped content against the authors' rules
 * (content/README.md) that the loader does not enforce on its own:
 * every role fills every required field, every route has a source, every
 * fit dimension a level and a reason, every link resolves, every acronym
 * the reader sees has a glossary entry, and every summary fits two pages.
 *
 * The acronym rule: a word of two or more capital letters, digits allowed
 * (NCB, EU, OSINT, G7 is not one: one capital), also with a plural "s"
 * (NCBs), must be a glossary term.  Roman numerals up to XII are not
 * acronyms.  Addresses (http...) and ids are not text. */
#include "core_util.h"

#include "borderless/diag.h"
#include "borderless/fit.h"
#include "borderless/loader.h"
#include "borderless/model.h"
#include "borderless/summary.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static bl_guide *load(const char *dir)
{
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g) {
        bl_diags_print(&d, stderr);
        fail_msg("%s does not load", dir);
    }
    bl_diags_free(&d);
    return g;
}

static bl_guide *load_shipped(void)
{
    char *dir = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    bl_guide *g = load(dir);
    free(dir);
    return g;
}

/* ---- acronyms ---------------------------------------------------------- */

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static int is_word(char c)
{
    return is_upper(c) || is_lower(c) || is_digit(c);
}

static int is_roman(const char *w)
{
    static const char *const numerals[] = {"II",   "III", "IV", "VI", "VII",
                                           "VIII", "IX",  "XI", "XII"};
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        if (strcmp(w, numerals[i]) == 0)
            return 1;
    return 0;
}

struct acro_report {
    const char *where; /* entry id */
    char missing[64]; /* the first acronym without a glossary entry */
    size_t n_found; /* acronyms seen */
};

/* Checks every acronym of s against the glossary of g. */
static void check_text(const bl_guide *g, const char *s, struct acro_report *r)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (strncmp(s + i, "http://", 7) == 0 || strncmp(s + i, "https://", 8) == 0) {
            while (i < n && s[i] != ' ')
                i++;
            continue;
        }
        if (!is_word(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_word(s[j]))
            j++;
        /* "J-CAT", "GOV.UK": an acronym joined by a hyphen or a dot is one
         * term, as the glossary spells it */
        while (j + 1 < n && (s[j] == '-' || s[j] == '.') && is_upper(s[j - 1]) &&
               is_upper(s[j + 1])) {
            j++;
            while (j < n && is_word(s[j]))
                j++;
        }
        size_t len = j - i, upper = 0, lower = 0;
        for (size_t k = i; k < j; k++) {
            upper += is_upper(s[k]);
            lower += is_lower(s[k]);
        }
        /* "NCBs": a plural of an acronym */
        if (lower == 1 && len > 2 && s[j - 1] == 's') {
            len--;
            lower = 0;
        }
        if (upper >= 2 && lower == 0 && is_upper(s[i]) && len < 64) {
            char w[64];
            memcpy(w, s + i, len);
            w[len] = '\0';
            if (!is_roman(w)) {
                r->n_found++;
                /* "U.S." is the glossary's "US" */
                char plain[64];
                size_t pn = 0;
                for (size_t k = 0; w[k]; k++)
                    if (w[k] != '.')
                        plain[pn++] = w[k];
                plain[pn] = '\0';
                if (!bl_guide_glossary_find(g, w) && !bl_guide_glossary_find(g, plain) &&
                    !r->missing[0])
                    snprintf(r->missing, sizeof r->missing, "%s", w);
            }
        }
        i = j;
    }
}

/* Every text a reader sees in entry e (not ids, keywords or addresses). */
static void check_entry(const bl_guide *g, const bl_entry *e, struct acro_report *r)
{
    r->where = e->id;
    check_text(g, e->title, r);
    for (size_t f = 0; f < e->n_fields; f++) {
        const bl_field_value *v = &e->fields[f];
        switch (v->field) {
        case BL_FIELD_KEYWORDS:
        case BL_FIELD_TERMS:
        case BL_FIELD_RELATED:
        case BL_FIELD_SECTIONS:
        case BL_FIELD_PAY: /* its words are checked below; currency codes are not words */
            continue;
        default:
            break;
        }
        if (v->text)
            check_text(g, v->text, r);
        for (size_t k = 0; k < v->n_items; k++)
            if (!v->styles || v->styles[k] != BL_ITEM_SOURCE)
                check_text(g, v->items[k], r);
    }
    if (e->role)
        for (size_t k = 0; k < e->role->n_pay; k++) {
            const bl_pay *p = &e->role->pay[k];
            check_text(g, p->where, r);
            if (p->grade)
                check_text(g, p->grade, r);
            if (p->note)
                check_text(g, p->note, r);
        }
}

/* Every acronym of the guide, entry by entry; the first missing one is
 * reported. */
static void check_acronyms(const bl_guide *g, struct acro_report *r)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < g->n_entries && !r->missing[0]; i++)
        check_entry(g, &g->entries[i], r);
    for (size_t i = 0; i < g->n_groups && !r->missing[0]; i++) {
        r->where = "groups";
        check_text(g, g->groups[i].title, r);
    }
    for (size_t i = 0; i < g->n_crime_areas && !r->missing[0]; i++) {
        r->where = "crime_areas";
        check_text(g, g->crime_areas[i].label, r);
    }
}

/* ---- the tests --------------------------------------------------------- */

static void test_required_fields(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    assert_true(g->n_roles >= 5);
    for (size_t i = 0; i < g->n_roles; i++) {
        const bl_entry *e = &g->entries[i];
        for (int f = 0; f < BL_FIELD_COUNT; f++)
            if (bl_field_info((enum bl_field)f)->role_required &&
                !bl_entry_get(e, (enum bl_field)f))
                fail_msg("%s lacks %s", e->id, bl_field_info((enum bl_field)f)->role_key);
        const bl_role_facts *rf = e->role;
        assert_non_null(rf);
        assert_non_null(bl_entry_group(g, e));
        for (int f = 0; f < BL_FACT_COUNT; f++)
            assert_true(rf->facts[f] && rf->facts[f][0]);
        assert_true(rf->n_crime_areas >= 1);
        assert_true(e->n_sources >= 1);
        assert_non_null(e->reviewed);
    }
    bl_guide_free(g);
}

static int is_role_source(const bl_entry *e, const char *url)
{
    for (size_t k = 0; k < e->n_sources; k++)
        if (strcmp(e->sources[k].url, url) == 0)
            return 1;
    return 0;
}

static void test_routes_and_pay_sourced(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    for (size_t i = 0; i < g->n_roles; i++) {
        const bl_entry *e = &g->entries[i];
        const bl_role_facts *rf = e->role;
        assert_true(rf->n_routes >= 1);
        for (size_t r = 0; r < rf->n_routes; r++) {
            const bl_route *ro = &rf->routes[r];
            if (ro->n_sources == 0)
                fail_msg("%s: route \"%s\" has no source", e->id, ro->name);
            for (size_t k = 0; k < ro->n_sources; k++)
                if (!is_role_source(e, ro->sources[k]))
                    fail_msg("%s: route source %s is not in sources", e->id, ro->sources[k]);
            assert_true(ro->n_who >= 1 && ro->n_steps >= 1);
        }
        for (size_t k = 0; k < rf->n_pay; k++) {
            const bl_pay *p = &rf->pay[k];
            assert_true(is_role_source(e, p->source));
            if (!p->check) /* a figure: never a bare number */
                assert_true(p->currency[0] && p->as_of && p->min >= 0);
        }
    }
    bl_guide_free(g);
}

static void test_fit_complete(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    for (size_t i = 0; i < g->n_roles; i++) {
        const bl_entry *e = &g->entries[i];
        for (int d = 0; d < BL_FIT_COUNT; d++) {
            const bl_fit *f = &e->role->fit[d];
            if (f->level < 0 || f->level > BL_FIT_MAX_LEVEL || !f->reason || !f->reason[0])
                fail_msg("%s: fit \"%s\" lacks a level or a reason", e->id,
                         bl_fit_info((enum bl_fit_dim)d)->key);
            assert_true(strlen(f->reason) <= BL_FIT_MAX_REASON);
        }
    }
    bl_guide_free(g);
}

/* The fit finder asks about every dimension, crime areas, situation and
 * citizenship, in plain labels; every route of every role gets a mark with
 * a reason for each situation and citizenship. */
static void test_fit_questions_complete(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    assert_int_equal(g->n_fit_questions, BL_FIT_COUNT + 3);
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        const bl_fit_question *q = bl_fit_question_of(g, BL_FITQ_LEVEL, (enum bl_fit_dim)d);
        if (!q)
            fail_msg("no question for \"%s\"", bl_fit_info((enum bl_fit_dim)d)->key);
        assert_true(q->text && q->text[0]);
        for (int a = 0; a < BL_FIT_ANSWERS; a++)
            assert_true(q->answers[a] && q->answers[a][0]);
    }
    const bl_fit_question *sq = bl_fit_question_of(g, BL_FITQ_SITUATION, BL_FIT_DESK_FIELD);
    const bl_fit_question *cq = bl_fit_question_of(g, BL_FITQ_CITIZENSHIP, BL_FIT_DESK_FIELD);
    assert_non_null(bl_fit_question_of(g, BL_FITQ_AREAS, BL_FIT_DESK_FIELD));
    assert_non_null(sq);
    assert_non_null(cq);
    int serving = 0;
    for (size_t i = 0; i < sq->n_choices; i++)
        serving += sq->choices[i].serving;
    assert_int_equal(serving, 1); /* exactly one "serving officer" situation */
    for (size_t i = 0; i < g->n_roles; i++) {
        const bl_role_facts *rf = g->entries[i].role;
        assert_true(rf->n_crime_areas > 0);
        for (size_t r = 0; r < rf->n_routes; r++)
            for (int s = BL_FIT_NONE; s < (int)sq->n_choices; s++)
                for (int c = BL_FIT_NONE; c < (int)cq->n_choices; c++) {
                    bl_fit_answers a;
                    bl_fit_answers_init(&a);
                    a.situation = s;
                    a.citizenship = c;
                    char why[512] = "";
                    bl_fit_route_check(g, &a, &rf->routes[r], why, sizeof why);
                    if (!why[0])
                        fail_msg("%s: route %zu has no reason", g->entries[i].id, r + 1);
                }
    }
    bl_guide_free(g);
}

static void test_links_resolve(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    for (size_t i = 0; i < g->n_entries; i++) {
        const bl_entry *e = &g->entries[i];
        const bl_field_value *rel = bl_entry_get(e, BL_FIELD_RELATED);
        assert_int_equal(e->n_links, rel ? rel->n_items : 0);
        for (size_t k = 0; k < e->n_links; k++) {
            assert_true(e->links[k] < g->n_roles);
            assert_string_equal(g->entries[e->links[k]].id, rel->items[k]);
        }
        const bl_field_value *sec = bl_entry_get(e, BL_FIELD_SECTIONS);
        assert_int_equal(e->n_section_links, sec ? sec->n_items : 0);
        for (size_t k = 0; k < e->n_section_links; k++) {
            assert_true(e->section_links[k] >= g->n_roles && e->section_links[k] < g->n_entries);
            assert_string_equal(g->entries[e->section_links[k]].id, sec->items[k]);
        }
    }
    for (size_t i = 0; i < g->n_glossary; i++)
        for (size_t k = 0; k < g->glossary[i].n_related; k++)
            assert_true(g->glossary[i].related[k] < g->n_entries);
    for (size_t i = 0; i < g->n_roles; i++)
        assert_true(g->entries[i].role->group < g->n_groups);
    bl_guide_free(g);
}

static void test_glossary_terms(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    /* the terms the issue names */
    static const char *const required[] = {"NCB",  "ENU", "SNE",   "JIT", "MLA",
                                           "ELO",  "ILO", "CBP",   "WCO", "UNODC",
                                           "EPPO", "FIU", "OSINT", "YPP", "JPO"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!bl_guide_glossary_find(g, required[i]))
            fail_msg("the glossary lacks %s", required[i]);
    const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
    assert_non_null(ge);
    assert_int_equal(ge->kind, BL_ENTRY_SECTION);
    bl_guide_free(g);
}

static void test_acronyms_in_glossary(void **state)
{
    (void)state;
    bl_guide *g = load_shipped();
    struct acro_report r;
    check_acronyms(g, &r);
    if (r.missing[0])
        fail_msg("%s uses the acronym %s, which has no glossary entry", r.where, r.missing);
    assert_true(r.n_found > 10);
    bl_guide_free(g);
}

/* The acronym check itself finds what it must, on the base fixture. */
static void test_acronym_checker(void **state)
{
    (void)state;
    char *dir = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    bl_guide *g = load(dir);
    free(dir);
    struct acro_report r = {0};
    static const struct {
        const char *text, *missing;
    } cases[] = {
        {"The ABC met.", ""},     {"The abc and Abc met.", ""},
        {"Two ABCs met.", ""},    {"Ask the FOO.", "FOO"},
        {"An X and a G7.", ""},   {"The OSINT2 unit.", "OSINT2"},
        {"Part IV and XII.", ""}, {"See https://EXAMPLE.ORG/NCB now.", ""},
        {"A (QQ) term.", "QQ"},   {"Trailing ZZ", "ZZ"},
        {"US-led", "US"},         {"xy is XY", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&r, 0, sizeof r);
        check_text(g, cases[i].text, &r);
        if (strcmp(r.missing, cases[i].missing) != 0)
            fail_msg("\"%s\": reported \"%s\", expected \"%s\"", cases[i].text, r.missing,
                     cases[i].missing);
    }
    /* the whole fixture passes: ABC and XY are its terms */
    check_acronyms(g, &r);
    assert_string_equal(r.missing, "");
    bl_guide_free(g);
}

static void test_summaries_fit(void **state)
{
    (void)state;
    int too_long = 0;
    bl_guide *g = load_shipped();
    for (size_t i = 0; i < g->n_roles; i++) {
        char *doc = NULL;
        size_t len = 0;
        assert_int_equal(bl_summary_render(g, &g->entries[i], BL_SUMMARY_TEXT, &doc, &len), 0);
        size_t lines = 0;
        for (size_t k = 0; k < len; k++)
            lines += doc[k] == '\n';
        if (lines > BL_SUMMARY_MAX_LINES) {
            print_error("the summary of %s is %zu lines (at most %d, two pages of 66)\n",
                        g->entries[i].id, lines, BL_SUMMARY_MAX_LINES);
            too_long++;
        }
        free(doc);
    }
    bl_guide_free(g);
    assert_int_equal(too_long, 0); /* every role too long is named above */
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_required_fields),      cmocka_unit_test(test_routes_and_pay_sourced),
        cmocka_unit_test(test_fit_complete),         cmocka_unit_test(test_fit_questions_complete),
        cmocka_unit_test(test_links_resolve),        cmocka_unit_test(test_glossary_terms),
        cmocka_unit_test(test_acronyms_in_glossary), cmocka_unit_test(test_acronym_checker),
        cmocka_unit_test(test_summaries_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
