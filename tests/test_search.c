/* test_search.c — the search engine on the real content and on a fixture
 * with accents, wide characters and ligatures. */
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/search.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <utf8proc.h>

struct world {
    bl_guide *g;
    bl_search_index *ix;
};

static bl_guide *load(const char *rel)
{
    const char *root = getenv("BORDERLESS_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", root ? root : ".", rel);
    bl_diags d;
    bl_diags_init(&d, 20);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g)
        bl_diags_print(&d, stderr);
    bl_diags_free(&d);
    return g;
}

static int setup_dir(void **state, const char *rel)
{
    struct world *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->g = load(rel);
    w->ix = w->g ? bl_search_index_build(w->g) : NULL;
    *state = w;
    return w->ix ? 0 : -1;
}

static int setup_content(void **state)
{
    return setup_dir(state, "content");
}

static int setup_accents(void **state)
{
    return setup_dir(state, "tests/search_fixtures/accents");
}

static int teardown(void **state)
{
    struct world *w = *state;
    if (w) {
        bl_search_index_free(w->ix);
        bl_guide_free(w->g);
        free(w);
    }
    return 0;
}

static bl_search_results *run(const struct world *w, const char *q)
{
    bl_search_results *r = bl_search_run(w->ix, q, strlen(q), SIZE_MAX);
    assert_non_null(r);
    return r;
}

static const bl_entry *hit_entry(const struct world *w, const bl_search_results *r, size_t i)
{
    return &w->g->entries[r->hits[i].entry];
}

static long rank_of(const struct world *w, const bl_search_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_hits; i++)
        if (strcmp(hit_entry(w, r, i)->id, id) == 0)
            return (long)i;
    return -1;
}

static const char *match_source(const bl_entry *e, const bl_search_match *m)
{
    if (m->part == BL_PART_TITLE)
        return e->title;
    const bl_field_value *fv = bl_entry_get(e, (enum bl_field)m->part);
    assert_non_null(fv);
    if (bl_field_info(fv->field)->kind == BL_KIND_TEXT) {
        assert_int_equal(m->item, 0);
        return fv->text;
    }
    assert_true(m->item < fv->n_items);
    return fv->items[m->item];
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

static int valid_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

/* Checks every hit's invariants: sorted scores, matches inside their
 * strings in reading order on UTF-8 boundaries, a one-line valid snippet
 * that fits, marks inside the snippet.  `word` (may be NULL): every match
 * must be this text, case-insensitively. */
static void check_hits(const struct world *w, const bl_search_results *r, const char *word)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        const bl_search_hit *h = &r->hits[i];
        const bl_entry *e = hit_entry(w, r, i);
        if (i > 0)
            assert_true(r->hits[i - 1].score >= h->score);
        assert_true(h->detailed);
        assert_true(h->n_matches > 0);
        for (size_t k = 0; k < h->n_matches; k++) {
            const bl_search_match *m = &h->matches[k];
            const char *s = match_source(e, m);
            size_t len = strlen(s);
            assert_true(m->start < m->end);
            assert_true(m->end <= len);
            assert_true(valid_utf8(s + m->start, m->end - m->start));
            if (word) {
                if (m->end - m->start != strlen(word) ||
                    strncasecmp(s + m->start, word, strlen(word)) != 0)
                    fail_msg("%s: match '%.*s' is not '%s'", e->id, (int)(m->end - m->start),
                             s + m->start, word);
            }
            if (k > 0) {
                const bl_search_match *p = &h->matches[k - 1];
                assert_true(p->part < m->part ||
                            (p->part == m->part &&
                             (p->item < m->item || (p->item == m->item && p->end <= m->start))));
            }
        }
        size_t sl = strlen(h->snippet);
        assert_true(valid_utf8(h->snippet, sl));
        assert_null(strpbrk(h->snippet, "\t\n\r"));
        assert_true(bl_text_width(h->snippet, sl) <= BL_SEARCH_SNIPPET_COLS);
        for (size_t k = 0; k < h->n_snippet_marks; k++) {
            const bl_search_mark *mk = &h->snippet_marks[k];
            assert_true(mk->start < mk->end && mk->end <= sl);
            if (word && mk->end - mk->start == strlen(word))
                assert_int_equal(strncasecmp(h->snippet + mk->start, word, strlen(word)), 0);
        }
    }
}

/* ---- the real content ------------------------------------------------ */

static void test_interpol_first(void **state)
{
    struct world *w = *state;
    bl_search_results *r = run(w, "interpol");
    assert_true(r->n_hits >= 3);
    assert_string_equal(hit_entry(w, r, 0)->id, "interpol-agent");
    assert_false(r->hits[0].fuzzy);
    assert_int_equal(r->n_suggestions, 0);
    check_hits(w, r, "interpol");
    /* the title is the heaviest part of the top hit */
    assert_int_equal(r->hits[0].best_part, BL_PART_TITLE);
    assert_int_equal(r->hits[0].matches[0].part, BL_PART_TITLE);
    /* its snippet has the word, marked */
    assert_true(r->hits[0].n_snippet_marks > 0);
    assert_true(contains_ci(r->hits[0].snippet, "interpol"));
    bl_search_results_free(r);
}

static void test_trafficking(void **state)
{
    struct world *w = *state;
    bl_search_results *r = run(w, "trafficking");
    assert_true(rank_of(w, r, "transnational-crime-investigator") >= 0);
    assert_true(rank_of(w, r, "customs-border-officer") >= 0);
    assert_true(rank_of(w, r, "landscape") >= 0);
    /* the three that name it in their keywords come first */
    assert_true(rank_of(w, r, "transnational-crime-investigator") < 3);
    assert_true(rank_of(w, r, "customs-border-officer") < 3);
    assert_true(rank_of(w, r, "landscape") < 3);
    check_hits(w, r, "trafficking");
    bl_search_results_free(r);
}

static void test_typo(void **state)
{
    struct world *w = *state;
    bl_search_results *exact = run(w, "trafficking");
    bl_search_results *r = run(w, "traficking");
    assert_int_equal(r->n_hits, exact->n_hits);
    assert_true(rank_of(w, r, "transnational-crime-investigator") >= 0);
    for (size_t i = 0; i < r->n_hits; i++) {
        assert_true(r->hits[i].fuzzy);
        assert_true(r->hits[i].score < exact->hits[i].score); /* ranked below exact */
    }
    check_hits(w, r, "trafficking");
    assert_true(r->n_suggestions >= 1);
    assert_string_equal(r->suggestions[0], "trafficking");
    /* a four-letter word gets no fuzzy match */
    bl_search_results *s = run(w, "lyom");
    assert_int_equal(s->n_hits, 0);
    bl_search_results_free(s);
    bl_search_results_free(r);
    bl_search_results_free(exact);
}

static void test_stems(void **state)
{
    struct world *w = *state;
    const char *forms[] = {"smuggle", "smuggler", "smugglers", "smuggling", "smuggled"};
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        bl_search_results *r = run(w, forms[f]);
        if (rank_of(w, r, "customs-border-officer") < 0 || rank_of(w, r, "landscape") < 0)
            fail_msg("'%s' does not find smuggling", forms[f]);
        assert_false(r->hits[0].fuzzy);
        check_hits(w, r, NULL);
        for (size_t i = 0; i < r->n_hits; i++)
            for (size_t k = 0; k < r->hits[i].n_matches; k++) {
                const bl_search_match *m = &r->hits[i].matches[k];
                assert_int_equal(
                    strncasecmp(match_source(hit_entry(w, r, i), m) + m->start, "smuggl", 6), 0);
            }
        bl_search_results_free(r);
    }
    /* "languages" finds "language" too */
    bl_search_results *r = run(w, "languages");
    assert_true(rank_of(w, r, "challenges") >= 0); /* keywords: language barriers */
    bl_search_results_free(r);
}

static void test_prefix(void **state)
{
    struct world *w = *state;
    bl_search_results *full = run(w, "trafficking");
    bl_search_results *r = run(w, "traffick");
    assert_int_equal(r->n_hits, full->n_hits);
    assert_false(r->hits[0].fuzzy);
    check_hits(w, r, NULL);
    bl_search_results_free(r);
    bl_search_results_free(full);

    r = run(w, "cyber");
    assert_true(rank_of(w, r, "landscape") >= 0);
    assert_true(rank_of(w, r, "transnational-crime-investigator") >= 0);
    for (size_t i = 0; i < r->n_hits; i++)
        for (size_t k = 0; k < r->hits[i].n_matches; k++) {
            const bl_search_match *m = &r->hits[i].matches[k];
            assert_int_equal(
                strncasecmp(match_source(hit_entry(w, r, i), m) + m->start, "cyber", 5), 0);
        }
    bl_search_results_free(r);

    /* an exact hit outranks the same entry's prefix hits */
    bl_search_results *a = run(w, "cybercrime");
    bl_search_results *b = run(w, "cybercrim");
    assert_true(a->hits[0].score > b->hits[0].score);
    bl_search_results_free(a);
    bl_search_results_free(b);
}

static void test_phrase(void **state)
{
    struct world *w = *state;
    bl_search_results *r = run(w, "\"border protection\"");
    assert_int_equal(r->n_terms, 2);
    assert_true(r->n_hits >= 1);
    assert_true(rank_of(w, r, "customs-border-officer") == 0);
    check_hits(w, r, "border protection");
    bl_search_results_free(r);

    bl_search_results *and = run(w, "protection border");
    bl_search_results *rev = run(w, "\"protection border\"");
    assert_true(and->n_hits >= 1);
    assert_int_equal(rev->n_hits, 0);
    bl_search_results_free(and);
    bl_search_results_free(rev);

    /* typographic quotes, and a hyphenated word is a phrase */
    r = run(w,
            "\xE2\x80\x9C"
            "border protection"
            "\xE2\x80\x9D");
    assert_true(rank_of(w, r, "customs-border-officer") == 0);
    bl_search_results_free(r);
    r = run(w, "cross-border");
    assert_true(rank_of(w, r, "transnational-crime-investigator") >= 0);
    check_hits(w, r, NULL);
    bl_search_results_free(r);
    /* an unbalanced quote runs to the end */
    r = run(w, "\"border protection");
    assert_true(rank_of(w, r, "customs-border-officer") == 0);
    bl_search_results_free(r);
}

static void test_and(void **state)
{
    struct world *w = *state;
    bl_search_results *a = run(w, "interpol");
    bl_search_results *b = run(w, "cybercrime");
    bl_search_results *ab = run(w, "interpol cybercrime");
    assert_true(ab->n_hits >= 1);
    assert_true(ab->n_hits < a->n_hits);
    assert_true(ab->n_hits <= b->n_hits);
    for (size_t i = 0; i < ab->n_hits; i++) {
        const char *id = hit_entry(w, ab, i)->id;
        assert_true(rank_of(w, a, id) >= 0);
        assert_true(rank_of(w, b, id) >= 0);
    }
    check_hits(w, ab, NULL);
    /* a word that matches nothing makes the whole query match nothing */
    bl_search_results *none = run(w, "interpol qqqqzzz");
    assert_int_equal(none->n_hits, 0);
    bl_search_results_free(none);
    bl_search_results_free(ab);
    bl_search_results_free(b);
    bl_search_results_free(a);
}

static void test_accented_query(void **state)
{
    struct world *w = *state;
    bl_search_results *a = run(w, "interpol");
    bl_search_results *b = run(w, "INTERPÓL");
    bl_search_results *c = run(w, "inter\xCC\x81pol"); /* combining acute */
    assert_int_equal(a->n_hits, b->n_hits);
    assert_int_equal(a->n_hits, c->n_hits);
    for (size_t i = 0; i < a->n_hits; i++) {
        assert_int_equal(a->hits[i].entry, b->hits[i].entry);
        assert_int_equal(a->hits[i].entry, c->hits[i].entry);
    }
    bl_search_results_free(a);
    bl_search_results_free(b);
    bl_search_results_free(c);
}

static void test_pathological(void **state)
{
    struct world *w = *state;
    const char *empty[] = {"",
                           "   ",
                           "!!!",
                           "\"",
                           "\"\"",
                           "\" \"",
                           "-- -- --",
                           "\t\n",
                           "\xE2\x80\x9C",
                           "\xff\xfe\xc3",
                           "\xc3\x28",
                           "\xed\xa0\x80",
                           "\xf4\x90\x80\x80"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        bl_search_results *r = run(w, empty[i]);
        assert_int_equal(r->n_hits, 0);
        assert_int_equal(r->n_terms, 0);
        bl_search_results_free(r);
    }
    /* NULL query, length 0, an embedded NUL */
    bl_search_results *r = bl_search_run(w->ix, NULL, 0, SIZE_MAX);
    assert_non_null(r);
    assert_int_equal(r->n_hits, 0);
    bl_search_results_free(r);
    r = bl_search_run(w->ix, "interpol\0cybercrime", 19, SIZE_MAX);
    assert_non_null(r);
    assert_int_equal(r->n_terms, 2);
    bl_search_results_free(r);
    /* invalid bytes inside a word separate it */
    r = run(w, "inter\xffpol");
    assert_int_equal(r->n_terms, 2);
    bl_search_results_free(r);

    /* 10,000 characters: one long word, many words, random bytes */
    enum { BIG = 10000 };
    char *big = malloc(BIG + 1);
    assert_non_null(big);
    memset(big, 'x', BIG);
    big[BIG] = '\0';
    r = run(w, big);
    assert_int_equal(r->n_hits, 0);
    assert_int_equal(r->n_terms, 1);
    bl_search_results_free(r);
    for (size_t i = 0; i < BIG; i++)
        big[i] = "interpol "[i % 9];
    r = run(w, big);
    assert_int_equal(r->n_terms, BL_SEARCH_MAX_TERMS);
    assert_string_equal(hit_entry(w, r, 0)->id, "interpol-agent");
    bl_search_results_free(r);
    big[0] = '"';
    r = run(w, big); /* an unbalanced 10,000-character phrase */
    assert_int_equal(r->n_terms, BL_SEARCH_MAX_TERMS);
    assert_int_equal(r->n_hits, 0);
    bl_search_results_free(r);
    unsigned seed = 12345;
    for (int round = 0; round < 20; round++) {
        for (size_t i = 0; i < BIG; i++) {
            seed = seed * 1103515245u + 12345u;
            big[i] = (char)(seed >> 16);
        }
        r = bl_search_run(w->ix, big, BIG, SIZE_MAX);
        assert_non_null(r);
        check_hits(w, r, NULL);
        bl_search_results_free(r);
    }
    free(big);
}

static void test_suggestions(void **state)
{
    struct world *w = *state;
    bl_search_results *r = run(w, "intrepolx"); /* two edits away */
    assert_int_equal(r->n_hits, 0);
    assert_true(r->n_suggestions >= 1);
    assert_string_equal(r->suggestions[0], "interpol");
    bl_search_results_free(r);

    r = run(w, "interpoll"); /* one edit (and the same stem): it just works */
    assert_string_equal(hit_entry(w, r, 0)->id, "interpol-agent");
    bl_search_results_free(r);

    r = run(w, "smugglnig");
    assert_true(r->n_hits > 0);
    assert_true(r->hits[0].fuzzy);
    assert_string_equal(r->suggestions[0], "smuggling");
    bl_search_results_free(r);

    r = run(w, "xyzzy");
    assert_int_equal(r->n_hits, 0);
    assert_true(r->n_suggestions <= BL_SEARCH_MAX_SUGGESTIONS);
    bl_search_results_free(r);

    /* one suggestion list for several unknown words */
    r = run(w, "intrepolx custmos");
    assert_int_equal(r->n_hits, 0);
    int interpol = 0, customs = 0;
    for (size_t i = 0; i < r->n_suggestions; i++) {
        interpol |= strcmp(r->suggestions[i], "interpol") == 0;
        customs |= strcmp(r->suggestions[i], "customs") == 0;
    }
    assert_true(interpol && customs);
    bl_search_results_free(r);
}

static void test_lazy_detail(void **state)
{
    struct world *w = *state;
    bl_search_results *r = bl_search_run(w->ix, "police", 6, 2);
    assert_non_null(r);
    assert_true(r->n_hits > 3);
    assert_true(r->hits[0].detailed && r->hits[1].detailed);
    assert_false(r->hits[2].detailed);
    assert_null(r->hits[2].snippet);
    for (size_t i = 0; i < r->n_hits; i++)
        assert_int_equal(bl_search_detail(w->ix, r, i), 0);
    assert_int_equal(bl_search_detail(w->ix, r, 0), 0); /* idempotent */
    assert_int_equal(bl_search_detail(w->ix, r, r->n_hits), -1);
    check_hits(w, r, NULL);
    bl_search_results_free(r);
    bl_search_results_free(NULL);
    bl_search_index_free(NULL);
}

/* Every word of the content, as a query, finds the entry it came from. */
static void test_every_title_word(void **state)
{
    struct world *w = *state;
    assert_true(bl_search_index_terms(w->ix) > 500);
    for (size_t e = 0; e < w->g->n_entries; e++) {
        const bl_entry *en = &w->g->entries[e];
        bl_search_results *r = run(w, en->title);
        if (rank_of(w, r, en->id) != 0)
            fail_msg("title '%s' does not rank %s first", en->title, en->id);
        check_hits(w, r, NULL);
        bl_search_results_free(r);
        r = run(w, en->id); /* "interpol-agent" is a phrase */
        assert_true(r->n_terms >= 1);
        bl_search_results_free(r);
    }
}

/* ---- the accent fixture ---------------------------------------------- */

static void test_fixture_folding(void **state)
{
    struct world *w = *state;
    struct {
        const char *query, *id, *surface;
    } cases[] = {
        {"europol", "europol-analyst", "Europól"},
        {"EUROPÓL", "europol-analyst", "Europól"},
        {"europeenne", "europol-analyst", "européenne"},
        {"resume", "europol-analyst", "Résumé"},
        {"cooperation", "europol-analyst", "coöperation"},
        {"zurich", "notes", "Zürich"},
        {"strasse", "notes", "Straße"},
        {"café", "notes", "Café"},
        {"equipe", "notes", "ÉQUIPE"},
        {"besancon", "notes", "Besançon"},
        {"finance", "notes", "\xEF\xAC\x81nance"}, /* the fi ligature */
        {"東京", "notes", "東京"},
        {"naive", "notes", "naïve"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        bl_search_results *r = run(w, cases[c].query);
        if (r->n_hits < 1 || strcmp(hit_entry(w, r, 0)->id, cases[c].id) != 0)
            fail_msg("'%s' does not find %s", cases[c].query, cases[c].id);
        check_hits(w, r, NULL);
        const bl_search_hit *h = &r->hits[0];
        int seen = 0;
        for (size_t k = 0; k < h->n_matches; k++) {
            const bl_search_match *m = &h->matches[k];
            const char *s = match_source(hit_entry(w, r, 0), m);
            seen |= m->end - m->start == strlen(cases[c].surface) &&
                memcmp(s + m->start, cases[c].surface, m->end - m->start) == 0;
        }
        if (!seen)
            fail_msg("'%s': no match on '%s'", cases[c].query, cases[c].surface);
        bl_search_results_free(r);
    }
}

static void test_fixture_snippet(void **state)
{
    struct world *w = *state;
    bl_search_results *r = run(w, "spaces");
    assert_int_equal(r->n_hits, 1);
    check_hits(w, r, "spaces");
    /* tabs and runs of spaces collapsed, the wide word kept whole */
    assert_non_null(strstr(r->hits[0].snippet, "東京. Tabs and spaces."));
    assert_int_equal(strncmp(r->hits[0].snippet, "\xE2\x80\xA6", 3), 0);
    assert_int_equal(r->hits[0].n_snippet_marks, 1);
    bl_search_results_free(r);
    /* a title-only match still gets a snippet from the body */
    r = run(w, "analyste");
    assert_int_equal(r->n_hits, 1);
    assert_int_equal(r->hits[0].best_part, BL_PART_TITLE);
    assert_true(strlen(r->hits[0].snippet) > 0);
    bl_search_results_free(r);
}

int main(void)
{
    const struct CMUnitTest content[] = {
        cmocka_unit_test(test_interpol_first),
        cmocka_unit_test(test_trafficking),
        cmocka_unit_test(test_typo),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_phrase),
        cmocka_unit_test(test_and),
        cmocka_unit_test(test_accented_query),
        cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_lazy_detail),
        cmocka_unit_test(test_every_title_word),
    };
    const struct CMUnitTest fixture[] = {
        cmocka_unit_test(test_fixture_folding),
        cmocka_unit_test(test_fixture_snippet),
    };
    int failed =
        cmocka_run_group_tests_name("search on the content", content, setup_content, teardown);
    failed += cmocka_run_group_tests_name("search on the accent fixture", fixture, setup_accents,
                                          teardown);
    return failed;
}
