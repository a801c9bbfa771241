/* test_search_rules.c — how search reads a query (issue 14), one rule at a
 * time, on small guides built in memory (so the content schema can change
 * under them), plus the loader's `synonyms` diagnostics. */
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
#include <unistd.h>

#include <cmocka.h>

/* ---- a guide in memory ------------------------------------------------ */

#define MAX_DOCS 8

/* One entry: a title, a body text and optionally a list of languages. */
struct doc {
    const char *id, *title, *body;
    const char *const *langs; /* NULL-terminated, or NULL */
};

struct mem {
    bl_guide g;
    bl_entry entries[MAX_DOCS];
    bl_field_value fields[MAX_DOCS][2];
    size_t by_id[MAX_DOCS];
    bl_search_index *ix;
};

static size_t count_items(const char *const *v)
{
    size_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

/* Builds a guide of docs (ids in sorted order) with synonym sets. */
static struct mem *mem_new(const struct doc *docs, size_t n, const bl_synonym_set *syn,
                           size_t n_syn)
{
    struct mem *m = calloc(1, sizeof *m);
    assert_non_null(m);
    assert_true(n <= MAX_DOCS);
    for (size_t i = 0; i < n; i++) {
        bl_entry *e = &m->entries[i];
        e->kind = BL_ENTRY_SECTION;
        e->id = docs[i].id;
        e->title = docs[i].title;
        size_t k = 0;
        /* fields in enum order: body, then languages */
        m->fields[i][k++] = (bl_field_value){.field = BL_FIELD_BODY, .text = docs[i].body};
        if (docs[i].langs)
            m->fields[i][k++] = (bl_field_value){.field = BL_FIELD_LANGUAGES,
                                                 .items = docs[i].langs,
                                                 .n_items = count_items(docs[i].langs)};
        e->fields = m->fields[i];
        e->n_fields = k;
        m->by_id[i] = i;
    }
    m->g.title = "Test";
    m->g.entries = m->entries;
    m->g.n_entries = n;
    m->g.n_sections = n;
    m->g.by_id = m->by_id;
    m->g.synonyms = syn;
    m->g.n_synonyms = n_syn;
    m->ix = bl_search_index_build(&m->g);
    assert_non_null(m->ix);
    return m;
}

static void mem_free(struct mem *m)
{
    bl_search_index_free(m->ix);
    free(m);
}

static bl_search_results *run(const struct mem *m, const char *q)
{
    bl_search_results *r = bl_search_run(m->ix, q, strlen(q), SIZE_MAX);
    assert_non_null(r);
    return r;
}

/* The ids of the hits, comma-separated, in rank order. */
static const char *ids(const struct mem *m, const bl_search_results *r)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t i = 0; i < r->n_hits; i++) {
        if (i)
            strcat(buf, ",");
        strcat(buf, m->entries[r->hits[i].entry].id);
    }
    return buf;
}

/* Runs q and checks the ranked ids ("" for none). */
static void expect(const struct mem *m, const char *q, const char *want)
{
    bl_search_results *r = run(m, q);
    const char *got = ids(m, r);
    if (strcmp(got, want) != 0)
        fail_msg("query '%s': got '%s', want '%s'", q, got, want);
    bl_search_results_free(r);
}

/* The source text of a match of hit 0. */
static void match_text(const struct mem *m, const bl_search_results *r, size_t k, char *out,
                       size_t size)
{
    const bl_search_match *mt = &r->hits[0].matches[k];
    const bl_entry *e = &m->entries[r->hits[0].entry];
    const char *s = e->title;
    if (mt->part != BL_PART_TITLE) {
        const bl_field_value *fv = bl_entry_get(e, (enum bl_field)mt->part);
        s = fv->text ? fv->text : fv->items[mt->item];
    }
    snprintf(out, size, "%.*s", (int)(mt->end - mt->start), s + mt->start);
}

/* ---- function words ------------------------------------------------ */

static void test_function_words(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a", .title = "Analyst", .body = "Analysts join INTERPOL from national police."},
        {.id = "b", .title = "Advice", .body = "How to apply: read the notice."},
    };
    struct mem *m = mem_new(docs, 2, NULL, 0);
    /* questions: only the words that say what is sought must match */
    expect(m, "how do I join interpol", "a");
    expect(m, "how to become an analyst", "a");
    expect(m, "Where can I join?", "a");
    /* a query of function words only is read word for word */
    expect(m, "how to", "b");
    expect(m, "the", "b");
    /* quoted phrases keep every word */
    expect(m, "\"how to apply\"", "b");
    expect(m, "\"how to join\"", "");
    bl_search_results *r = run(m, "how do I join interpol");
    assert_int_equal(r->n_terms, 5);
    assert_int_equal(r->n_suggestions, 0); /* no "did you mean: in, is, it" */
    bl_search_results_free(r);
    mem_free(m);
}

/* ---- precision ------------------------------------------------------- */

static void test_stem_never_shorter(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a",
         .title = "One",
         .body = "Gangs find a gap in one country, launder through a "
                 "second and exploits them in a third."},
        {.id = "b", .title = "Two", .body = "A secondment to Europol lasts three years."},
        {.id = "c", .title = "Three", .body = "Applicants join the national police."},
        {.id = "d",
         .title = "Four",
         .body = "Nationality rules differ; some posts need dual "
                 "nationalities."},
    };
    struct mem *m = mem_new(docs, 4, NULL, 0);
    expect(m, "secondment", "b");
    expect(m, "secondments", "b");
    expect(m, "nationality", "d");
    /* shorter words still reach longer ones of the same stem */
    bl_search_results *n = run(m, "national");
    assert_int_equal(n->n_hits, 2);
    bl_search_results_free(n);
    bl_search_results *r = run(m, "secondment");
    char buf[64];
    match_text(m, r, 0, buf, sizeof buf);
    assert_string_equal(buf, "secondment");
    bl_search_results_free(r);
    mem_free(m);
}

static void test_short_words_whole(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a", .title = "One", .body = "Officers usually work shifts."},
        {.id = "b", .title = "Two", .body = "Applicants must be US citizens."},
        {.id = "c", .title = "Three", .body = "The agent works for several agencies."},
        {.id = "d", .title = "Four", .body = "There is an age limit: candidates aged 18 to 35."},
        {.id = "e", .title = "Five", .body = "Funded by the EU-wide programme."},
    };
    struct mem *m = mem_new(docs, 5, NULL, 0);
    expect(m, "US", "b");
    expect(m, "us", "b");
    expect(m, "age", "d");
    expect(m, "age limit", "d");
    expect(m, "EU", "e");
    /* a longer word is still a prefix while it is typed */
    expect(m, "usual", "a");
    expect(m, "agen", "c");
    /* but not once it is followed by a space or another word */
    expect(m, "agen ", "");
    mem_free(m);
}

/* ---- spelling ---------------------------------------------------------- */

static void test_spelling_variants(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a",
         .title = "British",
         .body = "Organised crime groups and the organisation "
                 "behind them; a fusion centre; customs "
                 "defence; criminal behaviour; a catalogue of "
                 "analysed cases; travelled widely."},
        {.id = "b",
         .title = "American",
         .body = "Organized crime, the organization, a fusion "
                 "center, border defense, behavior, a catalog, "
                 "analyzed data, traveled."},
        {.id = "c", .title = "Other", .body = "A quiet office with no such words."},
    };
    struct mem *m = mem_new(docs, 3, NULL, 0);
    static const char *const both[] = {
        "organized crime", "organised crime", "organization", "organisation",
        "center",          "centre",          "defense",      "defence",
        "behavior",        "behaviour",       "catalog",      "catalogue",
        "analyzed",        "analysed",        "traveled",     "travelled",
    };
    for (size_t i = 0; i < sizeof both / sizeof both[0]; i++) {
        bl_search_results *r = run(m, both[i]);
        if (r->n_hits != 2)
            fail_msg("'%s': %zu hits, want 2 (%s)", both[i], r->n_hits, ids(m, r));
        bl_search_results_free(r);
    }
    /* a variant counts as the word itself: the same score both ways */
    bl_search_results *r = run(m, "centre");
    bl_search_results *s = run(m, "center");
    assert_int_equal(r->n_hits, 2);
    assert_int_equal(s->n_hits, 2);
    assert_true(r->hits[0].score == s->hits[1].score || r->hits[0].score == s->hits[0].score);
    bl_search_results_free(r);
    bl_search_results_free(s);
    mem_free(m);
}

static void test_hyphens_and_apostrophes(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a", .title = "One", .body = "International co-operation between police forces."},
        {.id = "b", .title = "Two", .body = "Customs cooperation and counter-terrorism."},
        {.id = "c", .title = "Three", .body = "INTERPOL's notices reach 196 countries."},
        {.id = "d",
         .title = "Four",
         .body = "Officers from Interpol and the organisation's staff."},
    };
    struct mem *m = mem_new(docs, 4, NULL, 0);
    static const char *const coop[] = {"cooperation", "co-operation",
                                       "co\xE2\x80\x90"
                                       "operation"};
    for (size_t i = 0; i < 3; i++) {
        bl_search_results *c = run(m, coop[i]);
        if (c->n_hits != 2)
            fail_msg("'%s': %s", coop[i], ids(m, c));
        bl_search_results_free(c);
    }
    expect(m, "terrorism", "b");
    expect(m, "counterterrorism", "b");
    expect(m, "counter-terrorism", "b");
    bl_search_results *r = run(m, "INTERPOL's");
    assert_int_equal(r->n_hits, 2);
    bl_search_results_free(r);
    r = run(m, "interpol");
    assert_int_equal(r->n_hits, 2);
    bl_search_results_free(r);
    r = run(m, "organisation");
    assert_int_equal(r->n_hits, 1);
    bl_search_results_free(r);
    /* the joined word highlights the whole compound */
    r = run(m, "cooperation police");
    assert_int_equal(r->n_hits, 1);
    char buf[64];
    int seen = 0;
    for (size_t k = 0; k < r->hits[0].n_matches; k++) {
        match_text(m, r, k, buf, sizeof buf);
        seen |= strcmp(buf, "co-operation") == 0;
    }
    assert_true(seen);
    bl_search_results_free(r);
    /* in quotes, hyphens separate: the phrase matches the parts */
    expect(m, "\"co operation\"", "a");
    mem_free(m);
}

/* ---- synonyms -------------------------------------------------------- */

static const char *const set_pay[] = {"salary", "pay", "wage"};
static const char *const set_join[] = {"join", "become", "apply", "get in"};
static const char *const set_abroad[] = {"abroad", "overseas", "international"};
static const bl_synonym_set sets[] = {
    {.words = set_pay, .n_words = 3},
    {.words = set_join, .n_words = 4},
    {.words = set_abroad, .n_words = 3},
};

static void test_synonyms(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a", .title = "One", .body = "The salary is set by grade."},
        {.id = "b", .title = "Two", .body = "The wage is paid monthly."},
        {.id = "c", .title = "Three", .body = "Apply through the national service."},
        {.id = "d", .title = "Four", .body = "Most people get in after five years."},
        {.id = "e", .title = "Five", .body = "Postings overseas last three years."},
    };
    struct mem *m = mem_new(docs, 5, sets, 3);
    /* the word typed first, its synonyms after */
    expect(m, "salary", "a,b");
    expect(m, "wage", "b,a");
    expect(m, "salaries", "a,b");
    bl_search_results *p = run(m, "pay"); /* a short word, found by its synonyms only */
    assert_int_equal(p->n_hits, 2);
    bl_search_results_free(p);
    /* phrases in a set: "get in" is not two function words */
    expect(m, "get in", "d,c");
    expect(m, "join", "c,d");
    expect(m, "how do I join", "c,d");
    expect(m, "work abroad", "");
    expect(m, "abroad", "e");
    /* quoted words are taken as they are */
    expect(m, "\"wage\"", "b");
    /* the synonym is highlighted */
    bl_search_results *r = run(m, "abroad");
    char buf[64];
    match_text(m, r, 0, buf, sizeof buf);
    assert_string_equal(buf, "overseas");
    bl_search_results_free(r);
    mem_free(m);
}

/* ---- ranking and snippets ------------------------------------------- */

static void test_proximity(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "scattered",
         .title = "Scattered",
         .body = "An expert on the law may be seconded by a team from the home country, paid "
                 "by their national budget, for up to four years in an office with staff."},
        {.id = "phrase",
         .title = "Phrase",
         .body = "Officers work as a seconded national expert for up to four years, paid by "
                 "their home country, in an office that also has other staff."},
    };
    struct mem *m = mem_new(docs, 2, NULL, 0);
    bl_search_results *r = run(m, "seconded national expert");
    assert_string_equal(ids(m, r), "phrase,scattered");
    assert_non_null(strstr(r->hits[0].snippet, "seconded national expert"));
    assert_int_equal(r->hits[0].n_snippet_marks, 3);
    bl_search_results_free(r);
    /* in the query's order beats reversed */
    static const struct doc docs2[] = {
        {.id = "reversed", .title = "R", .body = "They work on expert national matters."},
        {.id = "ordered", .title = "O", .body = "They work on national expert matters."},
    };
    struct mem *m2 = mem_new(docs2, 2, NULL, 0);
    expect(m2, "national expert", "ordered,reversed");
    mem_free(m2);
    mem_free(m);
}

static void test_snippet_window_and_part(void **state)
{
    (void)state;
    static const char *const langs[] = {"English is required", "French or Arabic is an asset",
                                        NULL};
    static const struct doc docs[] = {
        {.id = "a",
         .title = "One",
         .body = "Experts are welcome. Many other words follow here to push the next part well "
                 "beyond the first window of the snippet, and then a seconded national expert "
                 "appears.",
         .langs = langs},
    };
    struct mem *m = mem_new(docs, 1, NULL, 0);
    bl_search_results *r = run(m, "seconded national expert");
    assert_int_equal(r->n_hits, 1);
    assert_non_null(strstr(r->hits[0].snippet, "seconded national expert"));
    bl_search_results_free(r);
    /* a list item's snippet names its part */
    r = run(m, "arabic");
    assert_int_equal(r->n_hits, 1);
    assert_int_equal(strncmp(r->hits[0].snippet, "Languages: ", 11), 0);
    assert_int_equal(r->hits[0].snippet_label_len, 11);
    assert_int_equal(r->hits[0].snippet_part, BL_FIELD_LANGUAGES);
    const bl_search_mark *mk = &r->hits[0].snippet_marks[0];
    assert_int_equal(strncmp(r->hits[0].snippet + mk->start, "Arabic", 6), 0);
    bl_search_results_free(r);
    mem_free(m);
}

/* ---- suggestions ------------------------------------------------------ */

static void test_suggestions(void **state)
{
    (void)state;
    static const struct doc docs[] = {
        {.id = "a", .title = "Cargo", .body = "Ports: home, when, open, some, comes, it, sit."},
        {.id = "b", .title = "Two", .body = "Carbo and carbo, then more carbo."},
        {.id = "c", .title = "Three", .body = "Carbo again; Interpol notices."},
    };
    struct mem *m = mem_new(docs, 3, NULL, 0);
    bl_search_results *r = run(m, "women");
    assert_int_equal(r->n_hits, 0);
    assert_int_equal(r->n_suggestions, 0); /* not "home, when, open, some, comes" */
    bl_search_results_free(r);
    r = run(m, "JIT");
    assert_int_equal(r->n_suggestions, 0); /* not "it, sit" */
    bl_search_results_free(r);
    r = run(m, "whem");
    for (size_t i = 0; i < r->n_suggestions; i++)
        assert_true(strcmp(r->suggestions[i], "when") != 0 &&
                    strcmp(r->suggestions[i], "them") != 0);
    bl_search_results_free(r);
    /* titles first, even over commoner words; the whole query rewritten */
    r = run(m, "carxo ports");
    assert_true(r->n_suggestions >= 2);
    assert_string_equal(r->suggestions[0], "cargo");
    assert_string_equal(r->suggestions[1], "carbo");
    assert_string_equal(r->suggested_queries[0], "cargo ports");
    bl_search_results_free(r);
    /* a misspelling found within one edit still suggests its spelling */
    r = run(m, "Intrepol");
    assert_int_equal(r->n_hits, 1);
    assert_true(r->hits[0].fuzzy);
    assert_int_equal(r->n_suggestions, 1);
    assert_string_equal(r->suggestions[0], "interpol");
    assert_string_equal(r->suggested_queries[0], "interpol");
    bl_search_results_free(r);
    /* a word that matched gets none, even when another did not */
    r = run(m, "cargo zzzzzz");
    for (size_t i = 0; i < r->n_suggestions; i++)
        assert_true(strcmp(r->suggestions[i], "cargo") != 0);
    bl_search_results_free(r);
    mem_free(m);
}

/* ---- the loader's `synonyms` ------------------------------------------ */

static int has_message(const bl_diags *d, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].message, text))
            return 1;
    return 0;
}

/* Loads a copy of tests/fixtures/base with `synonyms` (YAML text) added to
 * sections.yaml, and checks a message (NULL: no synonyms message). */
static void load_with(const char *yaml, const char *want)
{
    const char *root = getenv("BORDERLESS_SOURCE_DIR");
    char tmpl[] = "/tmp/bl-syn-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp -R '%s/tests/fixtures/base/.' '%s/'", root ? root : ".", dir);
    assert_int_equal(system(cmd), 0);
    char path[4200];
    snprintf(path, sizeof path, "%s/sections.yaml", dir);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fprintf(f, "synonyms:\n%s", yaml);
    fclose(f);
    bl_diags d;
    bl_diags_init(&d, 50);
    bl_guide *g = bl_load_dir(dir, &d);
    if (want) {
        if (!has_message(&d, want)) {
            bl_diags_print(&d, stderr);
            fail_msg("no message containing '%s'", want);
        }
        assert_null(g);
    } else {
        if (!g)
            bl_diags_print(&d, stderr);
        assert_non_null(g);
        assert_int_equal(g->n_synonyms, 2);
        assert_int_equal(g->synonyms[0].n_words, 3);
        assert_string_equal(g->synonyms[1].words[1], "get in");
    }
    bl_guide_free(g);
    bl_diags_free(&d);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_loader_synonyms(void **state)
{
    (void)state;
    load_with("  - [salary, pay, wage]\n  - [join, get in]\n", NULL);
    load_with("  salary: pay\n", "\"synonyms\" must be a list of sets");
    load_with("  - salary\n", "set 1 of \"synonyms\" must be a list of words or phrases");
    load_with("  - [salary, pay]\n  - [wage]\n", "set 2 of \"synonyms\" has one word");
    load_with("  - [salary, {a: b}]\n", "item 2 of \"synonyms\" must be a string");
    load_with("  - [salary, \"\"]\n", "item 2 of \"synonyms\" is empty");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_function_words),
        cmocka_unit_test(test_stem_never_shorter),
        cmocka_unit_test(test_short_words_whole),
        cmocka_unit_test(test_spelling_variants),
        cmocka_unit_test(test_hyphens_and_apostrophes),
        cmocka_unit_test(test_synonyms),
        cmocka_unit_test(test_proximity),
        cmocka_unit_test(test_snippet_window_and_part),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_loader_synonyms),
    };
    return cmocka_run_group_tests_name("how search reads a query", tests, NULL, NULL);
}
