/* test_loader.c — the content loader: the shipped content, and one small
 * broken guide per validation rule with the exact diagnostics expected.
 *
 * Most cases copy tests/fixtures/base (a minimal valid guide, see
 * tests/fixtures/README.md) into a temporary folder, make one edit, load it
 * and compare the complete list of diagnostics, in order, with the expected
 * "path:line:column: message" lines (paths relative to the guide).  Line and
 * column numbers refer to the base fixture's files.
 */
#include "core_util.h"

#include "borderless/diag.h"
#include "borderless/loader.h"
#include "borderless/model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check_same.h"

#define MAX_EXPECT 8

/* ---- helpers --------------------------------------------------------------- */

static char *base_dir(void)
{
    return fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
}

/* A fresh copy of the base guide in a new temporary folder. */
static char *new_guide(void)
{
    char *dir = fs_tmpdir();
    char *base = base_dir();
    fs_copy_guide(base, dir);
    free(base);
    return dir;
}

/* Replaces the only occurrence of `find` in dir/rel with `repl`. */
static void edit_file(const char *dir, const char *rel, const char *find, const char *repl)
{
    char *path = fs_fmt("%s/%s", dir, rel);
    size_t len;
    unsigned char *buf = fs_read(path, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    char *at = strstr(text, find);
    if (!at)
        fail_msg("edit: \"%s\" not found in %s", find, rel);
    if (strstr(at + 1, find))
        fail_msg("edit: \"%s\" occurs more than once in %s", find, rel);
    size_t fl = strlen(find), rl = strlen(repl), pre = (size_t)(at - text);
    char *out = malloc(len - fl + rl + 1);
    assert_non_null(out);
    memcpy(out, text, pre);
    memcpy(out + pre, repl, rl);
    memcpy(out + pre + rl, at + fl, len - pre - fl);
    fs_write(path, out, len - fl + rl);
    free(out);
    free(text);
    free(buf);
    free(path);
}

static void write_rel(const char *dir, const char *rel, const void *buf, size_t len)
{
    char *path = fs_fmt("%s/%s", dir, rel);
    fs_write(path, buf, len);
    free(path);
}

/* dir/rel becomes a copy of the base alpha.yaml: a role no other file names,
 * so that a problem which drops it causes no further messages. */
static void copy_alpha(const char *dir, const char *rel)
{
    char *base = base_dir();
    char *from = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(from, &len);
    write_rel(dir, rel, buf, len);
    free(buf);
    free(from);
    free(base);
}

/* Splits an expected "rel:line:column: message" (or "rel: message") into
 * its parts. */
static void parse_expected(const char *exp, char **rel, size_t *line, size_t *column,
                           const char **message)
{
    const char *colon = strchr(exp, ':');
    assert_non_null(colon);
    *rel = fs_fmt("%.*s", (int)(colon - exp), exp);
    *line = *column = 0;
    const char *p = colon + 1;
    if (*p >= '0' && *p <= '9') {
        char *end;
        *line = strtoul(p, &end, 10);
        assert_true(*end == ':');
        p = end + 1;
        if (*p >= '0' && *p <= '9') {
            *column = strtoul(p, &end, 10);
            assert_true(*end == ':');
            p = end + 1;
        }
    }
    assert_true(*p == ' ');
    *message = p + 1;
}

static void print_diags(const bl_diags *d)
{
    fprintf(stderr, "  diagnostics (%zu):\n", d->total);
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "    %s\n", d->items[i].formatted);
}

/* Asserts that d holds exactly the diagnostics `expect` (NULL-terminated,
 * paths relative to dir), in order, field by field. */
static void check_diags(const bl_diags *d, const char *dir, const char *const *expect)
{
    size_t n = 0;
    while (n < MAX_EXPECT && expect[n])
        n++;
    if (d->total != n || d->n != n) {
        print_diags(d);
        fail_msg("expected %zu diagnostics, got %zu", n, d->total);
    }
    for (size_t i = 0; i < n; i++) {
        char *rel;
        size_t line, column;
        const char *message;
        parse_expected(expect[i], &rel, &line, &column, &message);
        char *path = fs_fmt("%s/%s", dir, rel);
        char *formatted = fs_fmt("%s/%s", dir, expect[i]);
        const bl_diag *g = &d->items[i];
        if (strcmp(g->formatted, formatted) != 0) {
            print_diags(d);
            fail_msg("diagnostic %zu:\n  expected %s\n  got      %s", i + 1, formatted,
                     g->formatted);
        }
        assert_string_equal(g->path, path);
        assert_int_equal(g->line, line);
        assert_int_equal(g->column, column);
        assert_string_equal(g->message, message);
        free(formatted);
        free(path);
        free(rel);
    }
}

/* Loads dir and asserts it fails with exactly `expect`. */
static void expect_load_fails(const char *dir, const char *const *expect)
{
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (g) {
        bl_guide_free(g);
        fail_msg("the guide loaded, but it should not have");
    }
    check_diags(&d, dir, expect);
    bl_diags_free(&d);
    /* `check` reports the same without keeping the model. */
    assert_false(check_same(dir, 0));
}

/* Loads dir and asserts it succeeds without a diagnostic. */
static bl_guide *expect_load_ok(const char *dir)
{
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g || d.total) {
        print_diags(&d);
        fail_msg("the guide at %s did not load cleanly", dir);
    }
    bl_diags_free(&d);
    assert_true(check_same(dir, 0));
    return g;
}

static const bl_field_value *field(const bl_entry *e, enum bl_field f)
{
    const bl_field_value *v = bl_entry_get(e, f);
    if (!v)
        fail_msg("entry %s has no field %d", e->id, (int)f);
    return v;
}

static int is_valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* A loaded role's structured facts agree with its display fields. */
static void check_role_facts(const bl_guide *g, const bl_entry *e)
{
    const bl_role_facts *rf = e->role;
    assert_non_null(rf);
    assert_true(rf->group < g->n_groups);
    assert_ptr_equal(bl_entry_group(g, e), &g->groups[rf->group]);
    const bl_field_value *qf = bl_entry_get(e, BL_FIELD_QUICK_FACTS);
    assert_non_null(qf);
    assert_int_equal(qf->n_items, BL_FACT_COUNT);
    for (int f = 0; f < BL_FACT_COUNT; f++) {
        assert_ptr_equal(qf->items[f], rf->facts[f]);
        assert_true(strlen(rf->facts[f]) <= BL_FACT_MAX_LEN);
    }
    assert_true(rf->n_routes >= 1);
    for (size_t r = 0; r < rf->n_routes; r++) {
        const bl_route *ro = &rf->routes[r];
        assert_true(ro->name[0] && ro->where[0] && ro->n_who >= 1 && ro->n_steps >= 1);
        assert_true(ro->n_sources >= 1);
        assert_non_null(bl_route_kind_label(ro->kind));
        assert_non_null(bl_serving_label(ro->serving_officer));
        for (size_t i = 0; i < ro->n_sources; i++) {
            size_t k;
            for (k = 0; k < e->n_sources; k++)
                if (strcmp(e->sources[k].url, ro->sources[i]) == 0)
                    break;
            assert_true(k < e->n_sources);
        }
    }
    for (size_t i = 0; i < rf->n_pay; i++) {
        const bl_pay *p = &rf->pay[i];
        assert_non_null(p->where);
        assert_non_null(p->source);
        if (!p->check) {
            assert_int_equal(strlen(p->currency), 3);
            assert_non_null(p->as_of);
            assert_true(p->min >= 0 && (p->max < 0 || p->max >= p->min));
        }
    }
    const bl_field_value *fit = bl_entry_get(e, BL_FIELD_FIT);
    assert_non_null(fit);
    assert_int_equal(fit->n_items, BL_FIT_COUNT);
    for (int d = 0; d < BL_FIT_COUNT; d++) {
        assert_true(rf->fit[d].level >= 0 && rf->fit[d].level <= BL_FIT_MAX_LEVEL);
        assert_ptr_equal(fit->items[d], rf->fit[d].reason);
        assert_true(rf->fit[d].reason[0] != '\0');
    }
    const bl_field_value *ca = bl_entry_get(e, BL_FIELD_CRIME_AREAS);
    assert_non_null(ca);
    assert_int_equal(ca->n_items, rf->n_crime_areas);
    for (size_t i = 0; i < rf->n_crime_areas; i++) {
        assert_true(rf->crime_areas[i] < g->n_crime_areas);
        assert_string_equal(ca->items[i], g->crime_areas[rf->crime_areas[i]].label);
    }
    const bl_field_value *sec = bl_entry_get(e, BL_FIELD_SECTIONS);
    assert_int_equal(e->n_section_links, sec ? sec->n_items : 0);
    for (size_t j = 0; j < e->n_section_links; j++)
        assert_string_equal(g->entries[e->section_links[j]].id, sec->items[j]);
}

/* The glossary: one section, one display item per term, lookups by term. */
static void check_glossary(const bl_guide *g)
{
    const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
    assert_non_null(ge);
    assert_int_equal(ge->kind, BL_ENTRY_SECTION);
    const bl_field_value *v = bl_entry_get(ge, BL_FIELD_GLOSSARY);
    assert_non_null(v);
    assert_int_equal(v->n_items, g->n_glossary);
    assert_true(g->n_glossary >= 1);
    for (size_t i = 0; i < g->n_glossary; i++) {
        const bl_glossary_term *t = &g->glossary[i];
        assert_ptr_equal(bl_guide_glossary_find(g, t->term), t);
        assert_non_null(strstr(v->items[i], t->term));
        assert_non_null(strstr(v->items[i], t->definition));
        for (size_t j = 0; j < t->n_related; j++)
            assert_true(t->related[j] < g->n_entries);
        if (i > 0)
            assert_true(bl_term_casecmp(g->glossary[g->glossary_by_term[i - 1]].term,
                                        g->glossary[g->glossary_by_term[i]].term) < 0);
    }
    assert_null(bl_guide_glossary_find(g, ""));
    assert_null(bl_guide_glossary_find(g, "no such term"));
}

/* Every guide that loads must satisfy these invariants. */
static void check_guide_invariants(const bl_guide *g)
{
    assert_int_equal(g->n_entries, g->n_roles + g->n_sections);
    assert_non_null(g->title);
    assert_true(g->title[0] != '\0');
    for (size_t i = 0; i < g->n_entries; i++) {
        const bl_entry *e = &g->entries[i];
        assert_int_equal(e->kind, i < g->n_roles ? BL_ENTRY_ROLE : BL_ENTRY_SECTION);
        assert_non_null(e->id);
        assert_non_null(e->title);
        assert_true(e->title[0] != '\0');
        assert_ptr_equal(bl_guide_find(g, e->id), e);
        assert_int_equal(bl_guide_index(g, e), i);
        /* fields in enum order, each with the right kind and non-empty */
        for (size_t j = 0; j < e->n_fields; j++) {
            const bl_field_value *v = &e->fields[j];
            if (j > 0)
                assert_true(e->fields[j - 1].field < v->field);
            const struct bl_field_info *fi = bl_field_info(v->field);
            /* the glossary's fields are made from sections.yaml's `glossary` */
            if (v->field == BL_FIELD_GLOSSARY || v->field == BL_FIELD_TERMS)
                assert_string_equal(e->id, BL_GLOSSARY_ID);
            else
                assert_non_null(e->kind == BL_ENTRY_ROLE ? fi->role_key : fi->section_key);
            if (v->styles)
                for (size_t k = 0; k < v->n_items; k++)
                    assert_true(v->styles[k] <= BL_ITEM_SOURCE);
            if (fi->kind == BL_KIND_TEXT) {
                assert_non_null(v->text);
                assert_true(v->text[0] != '\0');
            } else {
                assert_true(v->n_items > 0);
                for (size_t k = 0; k < v->n_items; k++)
                    assert_true(v->items[k][0] != '\0');
            }
        }
        for (int f = 0; f < BL_FIELD_COUNT; f++) {
            const struct bl_field_info *fi = bl_field_info((enum bl_field)f);
            int required = e->kind == BL_ENTRY_ROLE ? fi->role_required : fi->section_required;
            if (required && !bl_entry_get(e, (enum bl_field)f))
                fail_msg("%s lacks required field %d", e->id, f);
        }
        /* links: one per related/roles item, each to a role, never itself */
        const bl_field_value *rel = bl_entry_get(e, BL_FIELD_RELATED);
        assert_int_equal(e->n_links, rel ? rel->n_items : 0);
        for (size_t j = 0; j < e->n_links; j++) {
            assert_true(e->links[j] < g->n_roles);
            assert_true(e->links[j] != i);
            assert_string_equal(g->entries[e->links[j]].id, rel->items[j]);
        }
        /* section links go to sections */
        for (size_t j = 0; j < e->n_section_links; j++)
            assert_true(e->section_links[j] >= g->n_roles && e->section_links[j] < g->n_entries);
        if (e->kind == BL_ENTRY_ROLE) {
            check_role_facts(g, e);
            assert_true(is_valid_date(e->reviewed));
            assert_true(e->n_sources >= 1);
            for (size_t j = 0; j < e->n_sources; j++) {
                assert_true(e->sources[j].title[0] != '\0');
                assert_true(strncmp(e->sources[j].url, "https://", 8) == 0 ||
                            strncmp(e->sources[j].url, "http://", 7) == 0);
            }
            char *suffix = fs_fmt("/roles/%s.yaml", e->id);
            assert_true(ends_with(e->path, suffix));
            free(suffix);
        } else {
            assert_null(e->reviewed);
            assert_int_equal(e->n_sources, 0);
            assert_true(ends_with(e->path, "/sections.yaml"));
        }
    }
    /* by_id: a permutation, sorted by id */
    for (size_t i = 0; i < g->n_entries; i++) {
        assert_true(g->by_id[i] < g->n_entries);
        if (i > 0)
            assert_true(strcmp(g->entries[g->by_id[i - 1]].id, g->entries[g->by_id[i]].id) < 0);
    }
    assert_null(bl_guide_find(g, ""));
    assert_null(bl_guide_find(g, "no-such-entry"));
    assert_null(bl_guide_find(g, "zzzzzzzz"));
    assert_null(bl_guide_find(g, "0"));
    check_glossary(g);
}

/* ---- the shipped content ------------------------------------------------- */

static void test_shipped_content(void **state)
{
    (void)state;
    char *dir = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    bl_guide *g = expect_load_ok(dir);
    check_guide_invariants(g);
    assert_string_equal(g->dir, dir);
    assert_string_equal(g->title, "Borderless");
    assert_non_null(g->tagline);
    assert_true(g->n_roles >= 5);
    assert_true(g->n_sections >= 7);
    /* the five first-edition roles load, and the glossary is a section */
    static const char *const ids[] = {
        "interpol-agent",
        "diplomatic-liaison",
        "intelligence-analyst",
        "transnational-crime-investigator",
        "customs-border-officer",
        "introduction",
        "landscape",
        "challenges",
        "training",
        "benefits",
        "closing",
        BL_GLOSSARY_ID,
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const bl_entry *x = bl_guide_find(g, ids[i]);
        assert_non_null(x);
        assert_int_equal(x->kind, i < 5 ? BL_ENTRY_ROLE : BL_ENTRY_SECTION);
    }
    assert_non_null(bl_guide_glossary_find(g, "ncb"));
    assert_non_null(bl_guide_glossary_find(g, "NCB"));
    for (size_t i = 0; i < g->n_roles; i++) {
        const bl_entry *e = &g->entries[i];
        /* Every required field is present in the shipped profiles. */
        for (int f = 0; f < BL_FIELD_COUNT; f++)
            if (bl_field_info((enum bl_field)f)->role_required)
                (void)field(e, (enum bl_field)f);
        assert_true(e->n_links >= 1);
        for (size_t j = 0; j < e->n_sources; j++)
            assert_true(strncmp(e->sources[j].url, "https://", 8) == 0 ||
                        strncmp(e->sources[j].url, "http://", 7) == 0);
        /* summaries have paragraphs and no stray line breaks */
        const char *s = field(e, BL_FIELD_SUMMARY)->text;
        for (const char *p = strchr(s, '\n'); p; p = strchr(p + 2, '\n'))
            assert_true(p[1] == '\n' && p[2] != '\n' && p[2] != '\0');
    }
    for (size_t i = g->n_roles; i < g->n_entries; i++)
        assert_true(strlen(field(&g->entries[i], BL_FIELD_BODY)->text) > 0);
    const bl_entry *e = bl_guide_find(g, "interpol-agent");
    assert_non_null(e);
    assert_string_equal(e->title, "Interpol officer");
    assert_int_equal(e->kind, BL_ENTRY_ROLE);
    e = bl_guide_find(g, "closing");
    assert_non_null(e);
    assert_int_equal(e->kind, BL_ENTRY_SECTION);
    bl_guide_free(g);
    free(dir);
}

/* ---- the base fixture: what a valid guide turns into ------------------- */

static void test_base_model(void **state)
{
    (void)state;
    char *dir = base_dir();
    bl_guide *g = expect_load_ok(dir);
    check_guide_invariants(g);
    assert_string_equal(g->title, "Test guide");
    assert_string_equal(g->tagline, "A guide for tests");
    assert_int_equal(g->n_roles, 2);
    assert_int_equal(g->n_sections, 3);
    /* role_order puts beta first; sections in file order, then the glossary */
    assert_string_equal(g->entries[0].id, "beta");
    assert_string_equal(g->entries[1].id, "alpha");
    assert_string_equal(g->entries[2].id, "intro");
    assert_string_equal(g->entries[3].id, "outro");
    assert_string_equal(g->entries[4].id, "glossary");
    assert_int_equal(g->by_id[0], 1);
    assert_int_equal(g->by_id[1], 0);
    assert_int_equal(g->by_id[2], 4);
    assert_int_equal(g->by_id[3], 2);
    assert_int_equal(g->by_id[4], 3);

    /* groups and crime areas in file order */
    assert_int_equal(g->n_groups, 2);
    assert_string_equal(g->groups[0].id, "field");
    assert_string_equal(g->groups[1].title, "Lab roles");
    assert_int_equal(g->n_crime_areas, 2);
    assert_string_equal(g->crime_areas[1].id, "fraud");
    assert_string_equal(g->crime_areas[1].label, "Fraud");
    assert_int_equal(bl_entry_group(g, &g->entries[0])->id[0], 'l');
    assert_null(bl_entry_group(g, &g->entries[2]));

    /* the fit finder's questions, in file order */
    assert_int_equal(g->n_fit_questions, BL_FIT_COUNT + 3);
    assert_string_equal(g->fit_questions[0].key, "desk_field");
    assert_int_equal(g->fit_questions[0].kind, BL_FITQ_LEVEL);
    assert_int_equal(g->fit_questions[0].dim, BL_FIT_DESK_FIELD);
    assert_int_equal(g->fit_questions[0].weight, 2);
    assert_int_equal(g->fit_questions[1].weight, 1);
    assert_string_equal(g->fit_questions[1].answers[4], "Always");
    assert_int_equal(g->fit_questions[10].kind, BL_FITQ_AREAS);
    assert_int_equal(g->fit_questions[11].kind, BL_FITQ_SITUATION);
    assert_int_equal(g->fit_questions[11].n_choices, 2);
    assert_int_equal(g->fit_questions[11].choices[0].serving, 0);
    assert_int_equal(g->fit_questions[11].choices[1].serving, 1);
    assert_string_equal(g->fit_questions[12].choices[0].matches[0], "Alphaland");
    assert_int_equal(g->fit_questions[12].choices[1].n_matches, 0);

    /* the glossary */
    assert_int_equal(g->n_glossary, 2);
    const bl_glossary_term *t = bl_guide_glossary_find(g, "abc");
    assert_ptr_equal(t, &g->glossary[0]);
    assert_ptr_equal(bl_guide_glossary_find(g, "Xy"), &g->glossary[1]);
    assert_null(bl_guide_glossary_find(g, "AB"));
    assert_null(bl_guide_glossary_find(g, "ABCD"));
    assert_string_equal(t->expansion, "Alpha Beta Committee");
    assert_string_equal(t->definition, "A committee for tests.");
    assert_int_equal(t->n_related, 2);
    assert_int_equal(t->related[0], 1);
    assert_int_equal(t->related[1], 2);
    const bl_entry *ge = &g->entries[4];
    assert_string_equal(ge->title, "Glossary");
    assert_string_equal(field(ge, BL_FIELD_GLOSSARY)->items[0],
                        "ABC (Alpha Beta Committee): A committee for tests.");
    const bl_field_value *terms = field(ge, BL_FIELD_TERMS);
    assert_int_equal(terms->n_items, 2);
    assert_string_equal(terms->items[0], "ABC");
    assert_string_equal(terms->items[1], "XY");
    assert_true(bl_field_info(BL_FIELD_TERMS)->search_weight >=
                bl_field_info(BL_FIELD_ALIASES)->search_weight);

    const bl_entry *a = bl_guide_find(g, "alpha");
    assert_ptr_equal(a, &g->entries[1]);
    assert_string_equal(a->title, "Alpha officer");
    assert_int_equal(a->n_fields, 18);
    /* the structured fields */
    const bl_role_facts *rf = a->role;
    assert_non_null(rf);
    assert_int_equal(rf->group, 0);
    assert_string_equal(rf->facts[BL_FACT_EMPLOYER], "An agency");
    assert_string_equal(rf->facts[BL_FACT_WORKPLACE], "An office");
    assert_string_equal(field(a, BL_FIELD_QUICK_FACTS)->items[BL_FACT_STATUS], "Sworn officer");
    assert_int_equal(rf->n_routes, 1);
    const bl_route *ro = &rf->routes[0];
    assert_string_equal(ro->name, "Direct entry");
    assert_int_equal(ro->kind, BL_ROUTE_DIRECT);
    assert_string_equal(ro->where, "Alphaland");
    assert_int_equal(ro->n_who, 1);
    assert_string_equal(ro->who[0], "Citizens of Alphaland");
    assert_int_equal(ro->serving_officer, BL_SERVING_NO);
    assert_int_equal(ro->n_steps, 2);
    assert_string_equal(ro->steps[0].step, "Apply online");
    assert_null(ro->steps[0].duration);
    assert_string_equal(ro->steps[1].duration, "6 months");
    assert_int_equal(ro->n_sources, 1);
    assert_string_equal(ro->sources[0], "https://example.org/alpha");
    const bl_field_value *rv = field(a, BL_FIELD_ROUTES);
    static const char *const route_items[] = {"Direct entry",
                                              "Direct recruitment \u00b7 Alphaland",
                                              "Open to people who are not serving officers",
                                              "Citizens of Alphaland",
                                              "Apply online",
                                              "Training (6 months)",
                                              "https://example.org/alpha"};
    static const unsigned char route_styles[] = {BL_ITEM_NAME,  BL_ITEM_DETAIL, BL_ITEM_SUB,
                                                 BL_ITEM_SUB,   BL_ITEM_STEP,   BL_ITEM_STEP,
                                                 BL_ITEM_SOURCE};
    assert_int_equal(rv->n_items, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(rv->items[i], route_items[i]);
        assert_int_equal(rv->styles[i], route_styles[i]);
    }
    assert_int_equal(rf->n_pay, 2);
    assert_int_equal(rf->pay[0].min, 30000);
    assert_int_equal(rf->pay[0].max, 40000);
    assert_string_equal(rf->pay[0].currency, "EUR");
    assert_int_equal(rf->pay[0].period, BL_PAY_YEAR);
    assert_string_equal(rf->pay[0].as_of, "2024-01");
    assert_string_equal(rf->pay[0].grade, "A1");
    assert_null(rf->pay[0].check);
    assert_string_equal(rf->pay[1].check, "https://example.org/pay");
    const bl_field_value *pv = field(a, BL_FIELD_PAY);
    assert_int_equal(pv->n_items, 4);
    assert_string_equal(pv->items[0],
                        "Alphaland (A1): EUR 30,000 to 40,000 a year, as of 2024-01.");
    assert_string_equal(pv->items[1], "https://example.org/alpha");
    assert_string_equal(pv->items[2],
                        "Elsewhere: no official figure; where to check: https://example.org/pay");
    assert_int_equal(rf->fit[BL_FIT_VETTING].level, 3);
    assert_string_equal(rf->fit[BL_FIT_EDUCATION].reason, "A degree");
    assert_int_equal(rf->n_crime_areas, 1);
    assert_int_equal(rf->crime_areas[0], 0);
    assert_string_equal(field(a, BL_FIELD_CRIME_AREAS)->items[0], "Smuggling");
    assert_string_equal(field(a, BL_FIELD_PROGRESSION)->items[0], "Lead a team");
    assert_int_equal(a->n_section_links, 1);
    assert_int_equal(a->section_links[0], 3);
    assert_string_equal(field(a, BL_FIELD_SUMMARY)->text,
                        "First paragraph of the summary, on two lines.\n\nSecond paragraph.");
    assert_string_equal(field(a, BL_FIELD_WORK_ENVIRONMENT)->text, "An office.");
    const bl_field_value *v = field(a, BL_FIELD_RESPONSIBILITIES);
    assert_int_equal(v->n_items, 2);
    assert_string_equal(v->items[0], "Do the first thing");
    assert_string_equal(v->items[1], "Do the second thing");
    assert_string_equal(field(a, BL_FIELD_ALIASES)->items[0], "Alpha agent");
    assert_string_equal(field(a, BL_FIELD_KEYWORDS)->items[0], "alpha");
    assert_null(bl_entry_get(a, BL_FIELD_BODY));
    assert_int_equal(a->n_links, 1);
    assert_int_equal(a->links[0], 0);
    assert_int_equal(a->n_sources, 1);
    assert_string_equal(a->sources[0].title, "Alpha source");
    assert_string_equal(a->sources[0].url, "https://example.org/alpha");
    assert_string_equal(a->reviewed, "2024-01-15");
    char *p = fs_fmt("%s/roles/alpha.yaml", dir);
    assert_string_equal(a->path, p);
    free(p);

    const bl_entry *b = bl_guide_find(g, "beta");
    assert_int_equal(b->n_fields, 14); /* no also_known_as, pay, sections, keywords */
    assert_int_equal(b->role->routes[0].kind, BL_ROUTE_GRADUATE);
    assert_int_equal(b->role->routes[0].serving_officer, BL_SERVING_EITHER);
    assert_int_equal(b->role->group, 1);
    assert_int_equal(b->role->n_pay, 0);
    assert_int_equal(b->n_section_links, 0);
    assert_null(bl_entry_get(b, BL_FIELD_ALIASES));
    assert_null(bl_entry_get(b, BL_FIELD_KEYWORDS));
    assert_int_equal(b->n_links, 1);
    assert_int_equal(b->links[0], 1);
    assert_string_equal(b->reviewed, "2023-12-31");
    assert_string_equal(b->sources[0].url, "http://example.org/beta");

    const bl_entry *s = bl_guide_find(g, "intro");
    assert_string_equal(s->title, "Introduction");
    assert_int_equal(s->n_fields, 2);
    assert_string_equal(field(s, BL_FIELD_BODY)->text, "Hello.");
    assert_int_equal(s->n_links, 1);
    assert_int_equal(s->links[0], 1);
    const bl_entry *o = bl_guide_find(g, "outro");
    assert_int_equal(o->n_fields, 1);
    assert_int_equal(o->n_links, 0);
    assert_string_equal(field(o, BL_FIELD_BODY)->text, "Goodbye.");
    assert_null(bl_guide_find(g, "gamma"));
    assert_null(bl_guide_find(g, "alph"));
    assert_null(bl_guide_find(g, "alphaa"));
    bl_guide_free(g);
    free(dir);
}

/* Roles missing from role_order come after the listed ones, sorted by id. */
static void test_unlisted_roles_last(void **state)
{
    (void)state;
    char *dir = new_guide();
    char *base = base_dir();
    char *from = fs_fmt("%s/roles/beta.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(from, &len);
    write_rel(dir, "roles/zed.yaml", buf, len);
    write_rel(dir, "roles/aaa.yaml", buf, len);
    write_rel(dir, "roles/m-1.yaml", buf, len);
    bl_guide *g = expect_load_ok(dir);
    check_guide_invariants(g);
    static const char *const order[] = {"beta", "alpha", "aaa",   "m-1",
                                        "zed",  "intro", "outro", "glossary"};
    assert_int_equal(g->n_entries, 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(g->entries[i].id, order[i]);
    bl_guide_free(g);
    free(buf);
    free(from);
    free(base);
    fs_rm_rf(dir);
    free(dir);
}

/* ---- one broken guide per rule ---------------------------------------------- */

/* One edit of the base guide and the diagnostics it must produce.  With
 * find == NULL, `repl` (repl_len bytes when non-zero, for NUL bytes) is the
 * whole new content of `file`, which may be a new file. */
struct edit_case {
    const char *name;
    const char *file;
    const char *find, *repl;
    const char *find2, *repl2; /* an optional second edit of the same file */
    const char *expect[MAX_EXPECT];
};

#define A "roles/alpha.yaml"
#define B "roles/beta.yaml"
#define G "roles/gamma.yaml"
#define S "sections.yaml"
#define BADID "use lowercase letters, digits and '-' (at most 64)"
#define CTRL "; only newline and tab are allowed"
#define ENTRY_ROUTES                                                                               \
    "\"entry_routes\" is replaced by \"routes\": give each way in as a route with name, kind, "    \
    "where, who, serving_officer, steps and sources (see content/README.md)"
#define FIGURE " (a figure needs min, currency, period and as_of; else give \"check\")"
#define QUICK_FACTS                                                                                \
    "quick_facts:\n  employer: An agency\n  status: Sworn officer\n  starting_point: Serving "     \
    "officer\n  education: A degree\n  languages: English\n  vetting: Standard checks\n  "         \
    "nationality: Citizens only\n  workplace: An office\n"
#define ROUTES                                                                                     \
    "routes:\n  - name: Direct entry\n    kind: direct\n    where: Alphaland\n    who:\n      "    \
    "- Citizens of Alphaland\n    serving_officer: no\n    steps:\n      - step: Apply online\n"   \
    "      - step: Training\n        duration: 6 months\n    sources:\n      - "                   \
    "https://example.org/alpha\npay:\n"
#define PAY_FIGURE                                                                                 \
    "  - where: Alphaland\n    grade: A1\n    min: 30000\n    max: 40000\n    currency: EUR\n"     \
    "    period: year\n    as_of: \"2024-01\"\n"
#define FIT                                                                                        \
    "fit:\n  desk_field: {level: 1, reason: Mostly in an office}\n  travel: {level: 0, reason: "   \
    "Rarely travels}\n  relocation: {level: 0, reason: Works at home}\n  shifts: {level: 2, "      \
    "reason: Some shifts}\n  public_contact: {level: 1, reason: Some contact}\n  physical: "       \
    "{level: 0, reason: No demands}\n  vetting: {level: 3, reason: Deep checks}\n  "               \
    "analysis_people: {level: 2, reason: Both}\n  languages: {level: 1, reason: English "          \
    "only}\n  education: {level: 2, reason: A degree}\n"
#define GROUPS "groups:\n  - id: field\n    title: Field roles\n  - id: lab\n    title: Lab roles\n"
#define GLOSSARY                                                                                   \
    "glossary:\n  - term: ABC\n    expansion: Alpha Beta Committee\n    definition: A "            \
    "committee for tests.\n    related: [alpha, intro]\n  - term: XY\n    expansion: Xeno "        \
    "Yield\n    definition: Another term.\n"
#define NOGROUPS                                                                                   \
    S ":1:1: missing required key \"groups\"", S ":1:1: missing required key \"crime_areas\"",     \
        S ":1:1: missing required key \"glossary\""

static const struct edit_case cases[] = {
    /* malformed YAML */
    {"syntax: mapping value in a plain scalar",
     G,
     "work_environment: An office.",
     "work_environment: An office: big.",
     NULL,
     NULL,
     {G ":12:28: YAML syntax error: mapping values are not allowed in this context"}},
    {"syntax: unclosed flow sequence",
     G,
     "keywords:\n  - alpha\n",
     "keywords: [alpha\n",
     NULL,
     NULL,
     {G ":28:8: YAML syntax error: did not find expected ',' or ']' while parsing a flow "
        "sequence that starts at line 27"}},
    {"syntax: tab indentation",
     G,
     "  - Writing\n",
     "\t- Writing\n",
     NULL,
     NULL,
     {G ":16:1: YAML syntax error: found character that cannot start any token while "
        "scanning for the next token that starts at line 16"}},
    {"syntax: in sections.yaml",
     S,
     "    title: Closing\n",
     "    title: Closing\n   bad\n",
     NULL,
     NULL,
     {S ":15:4: YAML syntax error: did not find expected '-' indicator while parsing a block "
        "collection that starts at line 7"}},

    /* missing required keys, reported where the mapping starts */
    {"missing: role text field",
     A,
     "work_environment: An office.\n",
     "",
     NULL,
     NULL,
     {A ":1:1: missing required key \"work_environment\""}},
    {"missing: role list field",
     B,
     "threats:\n  - Fraud\n",
     "",
     NULL,
     NULL,
     {B ":1:1: missing required key \"threats\""}},
    {"missing: title, sources and reviewed",
     B,
     "title: Beta analyst\n",
     "",
     "sources:\n  - title: Beta source\n    url: http://example.org/beta\nreviewed: 2023-12-31\n",
     "",
     {B ":1:1: missing required key \"title\"", B ":1:1: missing required key \"sources\"",
      B ":1:1: missing required key \"reviewed\""}},
    {"missing: section title",
     S,
     "    title: Closing\n",
     "",
     NULL,
     NULL,
     {S ":13:5: missing required key \"title\""}},
    {"missing: section body",
     S,
     "    body: Goodbye.\n",
     "",
     NULL,
     NULL,
     {S ":13:5: missing required key \"body\""}},
    {"missing: section id",
     S,
     "  - id: outro\n    title: Closing\n",
     "  - title: Closing\n",
     NULL,
     NULL,
     {S ":13:5: missing required key \"id\""}},
    {"missing: guide title and sections",
     S,
     NULL,
     "tagline: T\nrole_order:\n  - beta\n",
     NULL,
     NULL,
     {S ":1:1: missing required key \"title\"", S ":1:1: missing required key \"sections\"",
      S ":1:1: missing required key \"groups\"", S ":1:1: missing required key \"crime_areas\"",
      S ":1:1: missing required key \"glossary\""}},

    /* wrong types */
    {"type: string where a list",
     A,
     "skills:\n  - Writing\n",
     "skills: Writing\n",
     NULL,
     NULL,
     {A ":15:9: \"skills\" must be a list, not a string"}},
    {"type: list where a string",
     A,
     "work_environment: An office.\n",
     "work_environment:\n  - An office.\n",
     NULL,
     NULL,
     {A ":13:3: \"work_environment\" must be a string, not a list"}},
    {"type: mapping where a string",
     A,
     "title: Alpha officer",
     "title: {name: Alpha}",
     NULL,
     NULL,
     {A ":1:8: \"title\" must be a string, not a mapping"}},
    {"type: list item not a string",
     A,
     "  - Writing\n",
     "  - [Writing]\n",
     NULL,
     NULL,
     {A ":16:5: item 1 of \"skills\" must be a string, not a list"}},
    {"type: sources not a list",
     A,
     "sources:\n  - title: Alpha source\n    url: https://example.org/alpha\n",
     "sources: https://example.org/alpha\n",
     NULL,
     NULL,
     {A ":29:10: \"sources\" must be a list, not a string"}},
    {"type: source not a mapping",
     A,
     "  - title: Alpha source\n    url: https://example.org/alpha\n",
     "  - https://example.org/alpha\n",
     NULL,
     NULL,
     {A ":30:5: item 1 of \"sources\" must be a mapping with \"title\" and \"url\", not a "
        "string"}},
    {"type: sections not a list",
     S,
     NULL,
     "title: T\nsections: none\n",
     NULL,
     NULL,
     {S ":2:11: \"sections\" must be a list, not a string", NOGROUPS}},
    {"type: section not a mapping",
     S,
     "  - id: outro\n    title: Closing\n    body: Goodbye.\n",
     "  - outro\n",
     NULL,
     NULL,
     {S ":13:5: item 2 of \"sections\" must be a mapping, not a string"}},
    {"type: key not a string",
     A,
     "title: Alpha officer\n",
     "title: Alpha officer\n[a, b]: c\n",
     NULL,
     NULL,
     {A ":2:1: a key must be a string, not a list"}},

    /* empty values */
    {"empty: blank quoted string",
     A,
     "work_environment: An office.",
     "work_environment: \"  \"",
     NULL,
     NULL,
     {A ":12:19: \"work_environment\" is empty"}},
    {"empty: no value",
     A,
     "work_environment: An office.",
     "work_environment:",
     NULL,
     NULL,
     {A ":12:18: \"work_environment\" is empty"}},
    {"empty: null title",
     A,
     "title: Alpha officer",
     "title: ~",
     NULL,
     NULL,
     {A ":1:8: \"title\" is empty"}},
    {"empty: block scalar with only blank lines",
     B,
     "summary: Beta summary.\n",
     "summary: |\n\n\nresponsibilities:\n",
     "responsibilities:\n  - Analyse",
     "  - Analyse",
     {B ":2:10: \"summary\" is empty"}},
    {"empty: list",
     A,
     "skills:\n  - Writing\n",
     "skills: []\n",
     NULL,
     NULL,
     {A ":15:9: \"skills\" is an empty list"}},
    {"empty: list with no value",
     A,
     "skills:\n  - Writing\n",
     "skills:\n",
     NULL,
     NULL,
     {A ":15:8: \"skills\" is empty"}},
    {"empty: list item",
     A,
     "  - Writing\n",
     "  - \"\"\n",
     NULL,
     NULL,
     {A ":16:5: item 1 of \"skills\" is empty"}},
    {"empty: list item with no value",
     A,
     "  - Writing\n",
     "  - Writing\n  -\n",
     NULL,
     NULL,
     {A ":17:4: item 2 of \"skills\" is empty"}},
    {"empty: sources",
     A,
     "sources:\n  - title: Alpha source\n    url: https://example.org/alpha\n",
     "sources: []\n",
     NULL,
     NULL,
     {A ":29:10: \"sources\" is an empty list"}},
    {"empty: sections",
     S,
     NULL,
     "title: T\nsections: []\n",
     NULL,
     NULL,
     {S ":2:11: \"sections\" is an empty list", NOGROUPS}},

    /* unknown and duplicate keys */
    {"unknown key with a hint",
     A,
     "skills:",
     "skils:",
     NULL,
     NULL,
     {A ":15:1: unknown key \"skils\" (did you mean \"skills\"?)",
      A ":1:1: missing required key \"skills\""}},
    {"unknown key without a hint",
     A,
     "reviewed: \"2024-01-15\"\n",
     "reviewed: \"2024-01-15\"\nfavourite_colour: blue\n",
     NULL,
     NULL,
     {A ":33:1: unknown key \"favourite_colour\""}},
    {"unknown key: a section's key in a role",
     A,
     "reviewed: \"2024-01-15\"\n",
     "reviewed: \"2024-01-15\"\nroles:\n  - beta\n",
     NULL,
     NULL,
     {A ":33:1: unknown key \"roles\" (did you mean \"routes\"?)"}},
    {"unknown key in a section",
     S,
     "    body: Goodbye.\n",
     "    bdy: Goodbye.\n",
     NULL,
     NULL,
     {S ":15:5: unknown key \"bdy\" (did you mean \"body\"?)",
      S ":13:5: missing required key \"body\""}},
    {"unknown key at the top of sections.yaml",
     S,
     "tagline:",
     "tag_line:",
     NULL,
     NULL,
     {S ":2:1: unknown key \"tag_line\" (did you mean \"tagline\"?)"}},
    {"unknown key in a source",
     A,
     "    url: https://example.org/alpha\n",
     "    url: https://example.org/alpha\n    uri: https://example.org/\n",
     NULL,
     NULL,
     {A ":32:5: unknown key \"uri\" (did you mean \"url\"?)"}},
    {"duplicate key",
     A,
     "reviewed: \"2024-01-15\"\n",
     "reviewed: \"2024-01-15\"\ntitle: Again\n",
     NULL,
     NULL,
     {A ":33:1: duplicate key \"title\" (first at line 1)"}},
    {"duplicate key: related twice",
     A,
     "reviewed: \"2024-01-15\"\n",
     "reviewed: \"2024-01-15\"\nrelated:\n  - beta\n",
     NULL,
     NULL,
     {A ":33:1: duplicate key \"related\" (first at line 25)"}},
    {"duplicate key: a section's roles twice",
     S,
     "      - alpha\n",
     "      - alpha\n    roles:\n      - beta\n",
     NULL,
     NULL,
     {S ":13:5: duplicate key \"roles\" (first at line 11)"}},
    {"duplicate key in a section",
     S,
     "    body: Goodbye.\n",
     "    body: Goodbye.\n    body: Again.\n",
     NULL,
     NULL,
     {S ":16:5: duplicate key \"body\" (first at line 15)"}},

    /* ids and file names */
    {"bad section id",
     S,
     "  - id: intro",
     "  - id: Intro_1",
     NULL,
     NULL,
     {S ":7:9: bad id \"Intro_1\": " BADID}},
    {"bad section id: leading dash",
     S,
     "  - id: intro",
     "  - id: -intro",
     NULL,
     NULL,
     {S ":7:9: bad id \"-intro\": " BADID}},
    {"bad section id: 65 characters",
     S,
     "  - id: intro",
     "  - id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     NULL,
     NULL,
     {S ":7:9: bad id "
        "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": " BADID}},
    {"section id of 64 characters is fine, but not a role",
     S,
     "      - alpha\n",
     "      - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
     NULL,
     NULL,
     {S ":12:9: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is not a "
        "role id"}},
    {"bad role file name",
     "roles/Bad_Name.yaml",
     NULL,
     "title: x\n",
     NULL,
     NULL,
     {"roles/Bad_Name.yaml: bad file name: a role id is lowercase letters, digits and '-' "
      "(at most 64), followed by .yaml"}},
    {"related: not a role",
     A,
     "related:\n  - beta\n",
     "related:\n  - gamma\n",
     NULL,
     NULL,
     {A ":26:5: \"gamma\" is not a role id"}},
    {"related: a section",
     A,
     "related:\n  - beta\n",
     "related:\n  - outro\n",
     NULL,
     NULL,
     {A ":26:5: \"outro\" is not a role id (it is a section; links go to roles)"}},
    {"related: itself",
     A,
     "related:\n  - beta\n",
     "related:\n  - alpha\n",
     NULL,
     NULL,
     {A ":26:5: a role cannot be related to itself"}},
    {"related: listed twice",
     A,
     "related:\n  - beta\n",
     "related:\n  - beta\n  - beta\n",
     NULL,
     NULL,
     {A ":27:5: \"beta\" is listed twice in \"related\""}},
    {"related: bad id",
     A,
     "related:\n  - beta\n",
     "related:\n  - Beta\n",
     NULL,
     NULL,
     {A ":26:5: bad role id \"Beta\" in \"related\""}},
    {"section roles: not a role",
     S,
     "      - alpha\n",
     "      - nobody\n",
     NULL,
     NULL,
     {S ":12:9: \"nobody\" is not a role id"}},
    {"section roles: a section",
     S,
     "      - alpha\n",
     "      - outro\n",
     NULL,
     NULL,
     {S ":12:9: \"outro\" is not a role id (it is a section; links go to roles)"}},
    {"duplicate section id",
     S,
     "  - id: outro",
     "  - id: intro",
     NULL,
     NULL,
     {S ":13:5: duplicate section id \"intro\" (first at line 7)"}},
    {"section id equal to a role id",
     S,
     "  - id: outro",
     "  - id: alpha",
     NULL,
     NULL,
     {S ":13:5: section id \"alpha\" is also a role's id",
      A ":82:5: \"outro\" is not a section id"}},
    {"role_order: not a role",
     S,
     "  - alpha\nsections:",
     "  - alpha\n  - gamma\nsections:",
     NULL,
     NULL,
     {S ":6:5: \"role_order\" names \"gamma\", which is not a role"}},
    {"role_order: listed twice",
     S,
     "  - alpha\nsections:",
     "  - alpha\n  - beta\nsections:",
     NULL,
     NULL,
     {S ":6:5: \"beta\" is listed twice in \"role_order\""}},

    /* text that could reach a terminal */
    {"invalid UTF-8",
     G,
     "title: Alpha officer",
     "title: Alpha \xC3\xA9\xFF officer",
     NULL,
     NULL,
     {G ":1:15: invalid UTF-8 (byte 0xFF); save the file as UTF-8"}},
    {"invalid UTF-8: encoded surrogate",
     G,
     "  - Alpha agent",
     "  - Alpha \xED\xA0\x80g",
     NULL,
     NULL,
     {G ":3:11: invalid UTF-8 (byte 0xED); save the file as UTF-8"}},
    {"invalid UTF-8: overlong",
     G,
     "  - Alpha agent",
     "  - \xC0\xAF",
     NULL,
     NULL,
     {G ":3:5: invalid UTF-8 (byte 0xC0); save the file as UTF-8"}},
    {"invalid UTF-8: cut at the end of the file",
     S,
     "    body: Goodbye.\n",
     "    body: Goodbye.\xE2\x82",
     NULL,
     NULL,
     {S ":15:19: invalid UTF-8 (byte 0xE2); save the file as UTF-8"}},
    {"raw control character: ESC",
     G,
     "  - Do the second thing",
     "  - Do the \x1b[31msecond thing",
     NULL,
     NULL,
     {G ":11:12: control character (byte 0x1B)" CTRL}},
    {"raw control character: DEL in a comment",
     G,
     "reviewed: \"2024-01-15\"\n",
     "reviewed: \"2024-01-15\"\n# rubout \x7f\n",
     NULL,
     NULL,
     {G ":33:10: control character (byte 0x7F)" CTRL}},
    {"raw control character: C1 (NEL)",
     G,
     "title: Alpha officer",
     "title: Alpha\xC2\x85officer",
     NULL,
     NULL,
     {G ":1:13: control character (byte 0xC2)" CTRL}},
    {"raw control character: lone CR inside a line",
     G,
     "title: Alpha officer",
     "title: Alpha\roff\r\n",
     NULL,
     NULL,
     {G ":1:13: control character (byte 0x0D)" CTRL}},
    {"escaped control character: \\e",
     A,
     "work_environment: An office.",
     "work_environment: \"An \\e[31moffice.\"",
     NULL,
     NULL,
     {A ":12:19: control character in text (an escape producing byte 0x1B)" CTRL}},
    {"escaped control character: \\x9b (CSI)",
     A,
     "work_environment: An office.",
     "work_environment: \"An \\x9b31moffice.\"",
     NULL,
     NULL,
     {A ":12:19: control character in text (an escape producing byte 0xC2)" CTRL}},
    {"escaped control character: \\0",
     A,
     "  - Writing",
     "  - \"Wri\\0ting\"",
     NULL,
     NULL,
     {A ":16:5: control character in text (an escape producing byte 0x00)" CTRL}},
    {"escaped control character: \\r",
     A,
     "title: Alpha officer",
     "title: \"Alpha\\r\"",
     NULL,
     NULL,
     {A ":1:8: control character in text (an escape producing byte 0x0D)" CTRL}},

    /* YAML features refused */
    {"anchor and alias",
     A,
     "title: Alpha officer",
     "title: &t Alpha officer",
     "  - alpha\n",
     "  - alpha\n  - *t\n",
     {A ":1:8: anchors and aliases are not allowed (t)",
      A ":29:5: anchors and aliases are not allowed (t)"}},
    {"alias as the only list item",
     A,
     "title: Alpha officer",
     "title: &t Alpha officer",
     "  - alpha\n",
     "  - *t\n",
     {A ":1:8: anchors and aliases are not allowed (t)",
      A ":28:5: anchors and aliases are not allowed (t)"}},
    {"anchor on a list",
     G,
     NULL,
     "title: G\nthreats: &s\n  - x\n",
     NULL,
     NULL,
     {G ":2:10: anchors and aliases are not allowed (s)"}},
    {"anchor on a key",
     A,
     "title: Alpha officer",
     "&k title: Alpha officer",
     NULL,
     NULL,
     {A ":1:1: anchors and aliases are not allowed (k)"}},
    {"anchor on a key of a source",
     A,
     "  - title: Alpha source",
     "  - &k title: Alpha source",
     NULL,
     NULL,
     {A ":30:5: anchors and aliases are not allowed (k)"}},
    {"alias as a source",
     A,
     "sources:\n  - title",
     "sources:\n  - *x\n  - title",
     NULL,
     NULL,
     {A ":30:5: anchors and aliases are not allowed (x)"}},
    {"anchor on a key of sections.yaml",
     S,
     "title: Test guide",
     "&k title: Test guide",
     NULL,
     NULL,
     {S ":1:1: anchors and aliases are not allowed (k)"}},
    {"alias as a section",
     S,
     "sections:\n",
     "sections:\n  - *x\n",
     NULL,
     NULL,
     {S ":7:5: anchors and aliases are not allowed (x)"}},
    {"tag: standard",
     A,
     "title: Alpha officer",
     "title: !!str Alpha officer",
     NULL,
     NULL,
     {A ":1:8: tags are not allowed (tag:yaml.org,2002:str)"}},
    {"tag: local",
     A,
     "title: Alpha officer",
     "title: !mine Alpha officer",
     NULL,
     NULL,
     {A ":1:8: tags are not allowed (!mine)"}},
    {"tag on a list",
     G,
     NULL,
     "title: G\nthreats: !!seq\n  - x\n",
     NULL,
     NULL,
     {G ":2:10: tags are not allowed (tag:yaml.org,2002:seq)"}},
    {"two documents",
     G,
     NULL,
     "title: G\n---\ntitle: H\n",
     NULL,
     NULL,
     {G ":2:1: only one YAML document is allowed in a file"}},
    {"two documents in sections.yaml",
     S,
     NULL,
     "---\ntitle: T\n...\n---\ntitle: U\n",
     NULL,
     NULL,
     {S ":4:1: only one YAML document is allowed in a file"}},

    /* the shape of a file */
    {"empty file", G, NULL, "", NULL, NULL, {G ": the file is empty"}},
    {"file with only a comment",
     G,
     NULL,
     "# nothing here\n",
     NULL,
     NULL,
     {G ": the file is empty"}},
    {"empty sections.yaml", S, NULL, "", NULL, NULL, {S ": the file is empty"}},
    {"root is a list",
     G,
     NULL,
     "- a\n- b\n",
     NULL,
     NULL,
     {G ":1:1: a role file must be a mapping of keys to values, not a list"}},
    {"root is a string",
     G,
     NULL,
     "just some text\n",
     NULL,
     NULL,
     {G ":1:1: a role file must be a mapping of keys to values, not a string"}},
    {"root is an empty document",
     G,
     NULL,
     "---\n",
     NULL,
     NULL,
     {G ":2:1: a role file must be a mapping of keys to values, not a string"}},
    {"sections.yaml root is a list",
     S,
     NULL,
     "- title: T\n",
     NULL,
     NULL,
     {S ":1:1: sections.yaml must be a mapping of keys to values, not a list"}},

    /* dates and sources */
    {"reviewed: month 13",
     A,
     "reviewed: \"2024-01-15\"",
     "reviewed: \"2024-13-01\"",
     NULL,
     NULL,
     {A ":32:11: \"reviewed\" must be a date written YYYY-MM-DD, not \"2024-13-01\""}},
    {"reviewed: day 32",
     A,
     "reviewed: \"2024-01-15\"",
     "reviewed: 2024-01-32",
     NULL,
     NULL,
     {A ":32:11: \"reviewed\" must be a date written YYYY-MM-DD, not \"2024-01-32\""}},
    {"reviewed: words",
     A,
     "reviewed: \"2024-01-15\"",
     "reviewed: 15 January 2024",
     NULL,
     NULL,
     {A ":32:11: \"reviewed\" must be a date written YYYY-MM-DD, not \"15 January 2024\""}},
    {"reviewed: a list",
     A,
     "reviewed: \"2024-01-15\"",
     "reviewed: [2024-01-15]",
     NULL,
     NULL,
     {A ":32:11: \"reviewed\" must be a string, not a list"}},
    {"source url: other scheme",
     A,
     "url: https://example.org/alpha",
     "url: ftp://example.org/alpha",
     NULL,
     NULL,
     {A ":31:10: \"url\" must start with https:// or http://"}},
    {"source url: spaces",
     A,
     "url: https://example.org/alpha",
     "url: https://example.org/al pha",
     NULL,
     NULL,
     {A ":31:10: \"url\" must not contain spaces"}},
    {"source: missing url",
     A,
     "    url: https://example.org/alpha\n",
     "",
     NULL,
     NULL,
     {A ":30:5: missing required key \"url\" in source 1"}},
    {"source: missing title",
     B,
     "  - title: Beta source\n    url:",
     "  - url:",
     NULL,
     NULL,
     {B ":21:5: missing required key \"title\" in source 1"}},
    {"source: empty title",
     B,
     "  - title: Beta source\n",
     "  - title: \"\"\n",
     NULL,
     NULL,
     {B ":21:12: \"title\" is empty"}},
    /* second edition: group, quick facts, routes, pay, fit, crime areas, sections */
    {"entry_routes: refused with a hint",
     A,
     "group: field\n",
     "group: field\nentry_routes:\n  - Join\n",
     NULL,
     NULL,
     {A ":34:1: " ENTRY_ROUTES}},
    {"entry_routes: instead of routes",
     A,
     "routes:\n  - name: Direct entry",
     "entry_routes:\n  - name: Direct entry",
     NULL,
     NULL,
     {A ":43:1: " ENTRY_ROUTES}},
    {"group: missing",
     A,
     "group: field\n",
     "",
     NULL,
     NULL,
     {A ":1:1: missing required key \"group\""}},
    {"group: unknown",
     A,
     "group: field",
     "group: fields",
     NULL,
     NULL,
     {A ":33:8: unknown group \"fields\" (see \"groups\" in sections.yaml)"}},
    {"group: a list",
     A,
     "group: field",
     "group: [field]",
     NULL,
     NULL,
     {A ":33:8: \"group\" must be a string, not a list"}},
    {"quick_facts: missing",
     A,
     QUICK_FACTS,
     "",
     NULL,
     NULL,
     {A ":1:1: missing required key \"quick_facts\""}},
    {"quick_facts: a list",
     A,
     QUICK_FACTS,
     "quick_facts: [An agency]\n",
     NULL,
     NULL,
     {A ":34:14: \"quick_facts\" must be a mapping, not a list"}},
    {"quick_facts: one missing",
     A,
     "  vetting: Standard checks\n",
     "",
     NULL,
     NULL,
     {A ":35:3: missing required key \"vetting\" in \"quick_facts\""}},
    {"quick_facts: unknown key",
     A,
     "  workplace: An office",
     "  work_place: An office",
     NULL,
     NULL,
     {A ":42:3: unknown key \"work_place\" (did you mean \"workplace\"?)",
      A ":35:3: missing required key \"workplace\" in \"quick_facts\""}},
    {"quick_facts: longer than a line",
     A,
     "  employer: An agency",
     "  employer: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
     NULL,
     NULL,
     {A ":35:13: \"employer\" is longer than 120 characters (121); a quick fact is one short "
        "line"}},
    {"quick_facts: empty value",
     A,
     "  employer: An agency",
     "  employer:",
     NULL,
     NULL,
     {A ":35:12: \"employer\" is empty"}},
    {"quick_facts: a value that is a list",
     A,
     "  employer: An agency",
     "  employer: [A, B]",
     NULL,
     NULL,
     {A ":35:13: \"employer\" must be a string, not a list"}},
    {"routes: missing",
     A,
     ROUTES,
     "pay:\n",
     NULL,
     NULL,
     {A ":1:1: missing required key \"routes\""}},
    {"routes: empty",
     A,
     ROUTES,
     "routes: []\npay:\n",
     NULL,
     NULL,
     {A ":43:9: \"routes\" is an empty list"}},
    {"routes: a string",
     A,
     ROUTES,
     "routes: Join the police\npay:\n",
     NULL,
     NULL,
     {A ":43:9: \"routes\" must be a list, not a string"}},
    {"routes: item not a mapping",
     A,
     ROUTES,
     "routes:\n  - Join the police\npay:\n",
     NULL,
     NULL,
     {A ":44:5: item 1 of \"routes\" must be a mapping, not a string"}},
    {"route: missing where",
     A,
     "    where: Alphaland\n",
     "",
     NULL,
     NULL,
     {A ":44:5: missing required key \"where\" in route 1"}},
    {"route: missing steps and sources",
     A,
     "    steps:\n      - step: Apply online\n      - step: Training\n        duration: 6 "
     "months\n    sources:\n      - https://example.org/alpha\n",
     "",
     NULL,
     NULL,
     {A ":44:5: missing required key \"steps\" in route 1",
      A ":44:5: missing required key \"sources\" in route 1"}},
    {"route: unknown key",
     A,
     "    where: Alphaland",
     "    were: Alphaland",
     NULL,
     NULL,
     {A ":46:5: unknown key \"were\" (did you mean \"where\"?)",
      A ":44:5: missing required key \"where\" in route 1"}},
    {"route: unknown kind",
     A,
     "    kind: direct",
     "    kind: lateral",
     NULL,
     NULL,
     {A ":45:11: unknown route kind \"lateral\" (use direct, secondment, internship, "
        "graduate, trainee, national-service-first, appointment or volunteer)"}},
    {"route: serving_officer not yes, no or either",
     A,
     "    serving_officer: no",
     "    serving_officer: maybe",
     NULL,
     NULL,
     {A ":49:22: \"serving_officer\" must be yes, no or either, not \"maybe\""}},
    {"route: serving_officer true",
     A,
     "    serving_officer: no",
     "    serving_officer: true",
     NULL,
     NULL,
     {A ":49:22: \"serving_officer\" must be yes, no or either, not \"true\""}},
    {"route: who not a list",
     A,
     "    who:\n      - Citizens of Alphaland\n",
     "    who: Citizens\n",
     NULL,
     NULL,
     {A ":47:10: \"who\" must be a list, not a string"}},
    {"route: who empty",
     A,
     "    who:\n      - Citizens of Alphaland\n",
     "    who: []\n",
     NULL,
     NULL,
     {A ":47:10: \"who\" is an empty list"}},
    {"route: steps empty",
     A,
     "    steps:\n      - step: Apply online\n      - step: Training\n        duration: 6 "
     "months\n",
     "    steps: []\n",
     NULL,
     NULL,
     {A ":50:12: \"steps\" is an empty list"}},
    {"route: a step that is a string",
     A,
     "      - step: Apply online",
     "      - Apply online",
     NULL,
     NULL,
     {A ":51:9: item 1 of \"steps\" must be a mapping with \"step\" (and \"duration\"), not a "
        "string"}},
    {"route: a step without its text",
     A,
     "      - step: Training\n        duration: 6 months",
     "      - duration: 6 months",
     NULL,
     NULL,
     {A ":52:9: missing required key \"step\" in step 2 of route 1"}},
    {"route: unknown key in a step",
     A,
     "        duration: 6 months",
     "        durations: 6 months",
     NULL,
     NULL,
     {A ":53:9: unknown key \"durations\" (did you mean \"duration\"?)"}},
    {"route: duration without a unit",
     A,
     "        duration: 6 months",
     "        duration: 6",
     NULL,
     NULL,
     {A ":53:19: \"duration\" needs a unit (for example \"9 months\"), not \"6\""}},
    {"route: duration a list",
     A,
     "        duration: 6 months",
     "        duration: [6, months]",
     NULL,
     NULL,
     {A ":53:19: \"duration\" must be a string, not a list"}},
    {"route: duration a mapping",
     A,
     "        duration: 6 months",
     "        duration: {months: 6}",
     NULL,
     NULL,
     {A ":53:19: \"duration\" must be a string, not a mapping"}},
    {"route: source not in the role's sources",
     A,
     "      - https://example.org/alpha\npay:",
     "      - https://example.org/other\npay:",
     NULL,
     NULL,
     {A ":55:9: route source \"https://example.org/other\" is not in the role's \"sources\""}},
    {"route: source not a URL",
     A,
     "      - https://example.org/alpha\npay:",
     "      - example.org/alpha\npay:",
     NULL,
     NULL,
     {A ":55:9: item 1 of \"sources\" must be a URL starting with https:// or http://"}},
    {"route: sources not a list",
     A,
     "    sources:\n      - https://example.org/alpha\npay:",
     "    sources: https://example.org/alpha\npay:",
     NULL,
     NULL,
     {A ":54:14: \"sources\" must be a list, not a string"}},
    {"pay: a figure without currency",
     A,
     "    currency: EUR\n",
     "",
     NULL,
     NULL,
     {A ":57:5: missing required key \"currency\" in pay item 1" FIGURE}},
    {"pay: a bare number",
     A,
     PAY_FIGURE,
     "  - where: Alphaland\n    min: 30000\n",
     NULL,
     NULL,
     {A ":57:5: missing required key \"currency\" in pay item 1" FIGURE,
      A ":57:5: missing required key \"period\" in pay item 1" FIGURE,
      A ":57:5: missing required key \"as_of\" in pay item 1" FIGURE}},
    {"pay: neither a figure nor a link",
     A,
     PAY_FIGURE,
     "  - where: Alphaland\n",
     NULL,
     NULL,
     {A ":57:5: missing required key \"min\" in pay item 1" FIGURE,
      A ":57:5: missing required key \"currency\" in pay item 1" FIGURE,
      A ":57:5: missing required key \"period\" in pay item 1" FIGURE,
      A ":57:5: missing required key \"as_of\" in pay item 1" FIGURE}},
    {"pay: no source",
     A,
     "    source: https://example.org/alpha\n  - where: Elsewhere",
     "  - where: Elsewhere",
     NULL,
     NULL,
     {A ":57:5: missing required key \"source\" in pay item 1"}},
    {"pay: no where",
     A,
     "  - where: Elsewhere\n    check:",
     "  - check:",
     NULL,
     NULL,
     {A ":65:5: missing required key \"where\" in pay item 2"}},
    {"pay: currency in lowercase",
     A,
     "    currency: EUR",
     "    currency: eur",
     NULL,
     NULL,
     {A ":61:15: \"currency\" must be an ISO 4217 code of three capital letters (EUR, USD ...), "
        "not \"eur\""}},
    {"pay: currency a symbol",
     A,
     "    currency: EUR",
     "    currency: \"\u20ac\"",
     NULL,
     NULL,
     {A ":61:15: \"currency\" must be an ISO 4217 code of three capital letters (EUR, USD ...), "
        "not \"\u20ac\""}},
    {"pay: unknown period",
     A,
     "    period: year",
     "    period: annual",
     NULL,
     NULL,
     {A ":62:13: \"period\" must be year, month, week, day or hour, not \"annual\""}},
    {"pay: as_of in words",
     A,
     "    as_of: \"2024-01\"",
     "    as_of: Jan 2024",
     NULL,
     NULL,
     {A ":63:12: \"as_of\" must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not \"Jan 2024\""}},
    {"pay: as_of month 13",
     A,
     "    as_of: \"2024-01\"",
     "    as_of: \"2024-13\"",
     NULL,
     NULL,
     {A ":63:12: \"as_of\" must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not \"2024-13\""}},
    {"pay: min with a separator",
     A,
     "    min: 30000",
     "    min: 30,000",
     NULL,
     NULL,
     {A ":59:10: \"min\" must be a whole number without separators, not \"30,000\""}},
    {"pay: min negative",
     A,
     "    min: 30000",
     "    min: -5",
     NULL,
     NULL,
     {A ":59:10: \"min\" must be a whole number without separators, not \"-5\""}},
    {"pay: max below min",
     A,
     "    max: 40000",
     "    max: 20000",
     NULL,
     NULL,
     {A ":60:10: \"max\" (20000) is less than \"min\" (30000)"}},
    {"pay: a link and a figure",
     A,
     "    check: https://example.org/pay",
     "    check: https://example.org/pay\n    min: 100",
     NULL,
     NULL,
     {A ":67:10: \"min\" with \"check\": a pay item is either a figure or a where-to-check "
        "link, not both"}},
    {"pay: check not a URL",
     A,
     "    check: https://example.org/pay",
     "    check: the ministry's website",
     NULL,
     NULL,
     {A ":66:12: \"check\" must start with https:// or http://"}},
    {"pay: source not in the role's sources",
     A,
     "    source: https://example.org/alpha\n  - where: Elsewhere",
     "    source: https://example.org/elsewhere\n  - where: Elsewhere",
     NULL,
     NULL,
     {A ":64:13: pay source \"https://example.org/elsewhere\" is not in the role's \"sources\""}},
    {"pay: unknown key",
     A,
     "    grade: A1",
     "    grades: A1",
     NULL,
     NULL,
     {A ":58:5: unknown key \"grades\" (did you mean \"grade\"?)"}},
    {"pay: item not a mapping",
     A,
     PAY_FIGURE "    source: https://example.org/alpha\n",
     "  - 30000 EUR\n",
     NULL,
     NULL,
     {A ":57:5: item 1 of \"pay\" must be a mapping, not a string"}},
    {"progression: missing",
     A,
     "progression:\n  - Lead a team\n",
     "",
     NULL,
     NULL,
     {A ":1:1: missing required key \"progression\""}},
    {"fit: missing", A, FIT, "", NULL, NULL, {A ":1:1: missing required key \"fit\""}},
    {"fit: a list",
     A,
     FIT,
     "fit: [1, 2]\n",
     NULL,
     NULL,
     {A ":68:6: \"fit\" must be a mapping of the fit dimensions, not a list"}},
    {"fit: a dimension missing",
     A,
     "  travel: {level: 0, reason: Rarely travels}\n",
     "",
     NULL,
     NULL,
     {A ":69:3: missing required key \"travel\" in \"fit\""}},
    {"fit: unknown dimension",
     A,
     "  travel:",
     "  travell:",
     NULL,
     NULL,
     {A ":70:3: unknown key \"travell\" (did you mean \"travel\"?)",
      A ":69:3: missing required key \"travel\" in \"fit\""}},
    {"fit: level above 4",
     A,
     "  travel: {level: 0,",
     "  travel: {level: 5,",
     NULL,
     NULL,
     {A ":70:19: \"level\" of \"travel\" must be a whole number from 0 to 4, not \"5\""}},
    {"fit: level negative",
     A,
     "  travel: {level: 0,",
     "  travel: {level: -1,",
     NULL,
     NULL,
     {A ":70:19: \"level\" of \"travel\" must be a whole number from 0 to 4, not \"-1\""}},
    {"fit: level in words",
     A,
     "  travel: {level: 0,",
     "  travel: {level: low,",
     NULL,
     NULL,
     {A ":70:19: \"level\" of \"travel\" must be a whole number from 0 to 4, not \"low\""}},
    {"fit: no reason",
     A,
     "  travel: {level: 0, reason: Rarely travels}",
     "  travel: {level: 0}",
     NULL,
     NULL,
     {A ":70:11: missing required key \"reason\" in fit \"travel\""}},
    {"fit: reason too long",
     A,
     "reason: Rarely travels}",
     "reason: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}",
     NULL,
     NULL,
     {A ":70:30: \"reason\" of \"travel\" is longer than 160 characters (161); keep it to one "
        "line"}},
    {"fit: a dimension that is a number",
     A,
     "  travel: {level: 0, reason: Rarely travels}",
     "  travel: 0",
     NULL,
     NULL,
     {A ":70:11: fit \"travel\" must be a mapping with \"level\" and \"reason\", not a string"}},
    {"crime_areas: missing",
     A,
     "crime_areas:\n  - smuggling\n",
     "",
     NULL,
     NULL,
     {A ":1:1: missing required key \"crime_areas\""}},
    {"crime_areas: unknown",
     A,
     "  - smuggling",
     "  - piracy",
     NULL,
     NULL,
     {A ":80:5: unknown crime area \"piracy\" (see \"crime_areas\" in sections.yaml)"}},
    {"crime_areas: listed twice",
     A,
     "  - smuggling\n",
     "  - smuggling\n  - smuggling\n",
     NULL,
     NULL,
     {A ":81:5: \"smuggling\" is listed twice in \"crime_areas\""}},
    {"crime_areas: bad id",
     A,
     "  - smuggling",
     "  - Smuggling",
     NULL,
     NULL,
     {A ":80:5: bad id \"Smuggling\" in \"crime_areas\": " BADID}},
    {"sections: not a section",
     A,
     "  - outro",
     "  - nowhere",
     NULL,
     NULL,
     {A ":82:5: \"nowhere\" is not a section id"}},
    {"sections: a role",
     A,
     "  - outro",
     "  - beta",
     NULL,
     NULL,
     {A ":82:5: \"beta\" is not a section id (it is a role; use \"related\")"}},
    {"sections: listed twice",
     A,
     "  - outro",
     "  - outro\n  - outro",
     NULL,
     NULL,
     {A ":83:5: \"outro\" is listed twice in \"sections\""}},
    {"sections.yaml: groups missing",
     S,
     GROUPS,
     "",
     NULL,
     NULL,
     {S ":1:1: missing required key \"groups\""}},
    {"sections.yaml: crime_areas missing",
     S,
     "crime_areas:\n  - {id: smuggling, label: Smuggling}\n  - {id: fraud, label: Fraud}\n",
     "",
     NULL,
     NULL,
     {S ":1:1: missing required key \"crime_areas\""}},
    {"sections.yaml: glossary missing",
     S,
     GLOSSARY,
     "",
     NULL,
     NULL,
     {S ":1:1: missing required key \"glossary\""}},
    /* the fit finder's questions (sections.yaml fit_questions) */
    {"fit_questions: unknown key",
     S,
     "  - key: travel\n",
     "  - key: travle\n",
     NULL,
     NULL,
     {S ":37:10: unknown key \"travle\" (did you mean \"travel\"?)"}},
    {"fit_questions: a key twice",
     S,
     "  - key: travel\n",
     "  - key: desk_field\n",
     NULL,
     NULL,
     {S ":37:10: a second question for \"desk_field\" (the first is at line 33)"}},
    {"fit_questions: a dimension without a question",
     S,
     "  - key: travel\n    text: Travel?\n    answers: [Zero, Little, Some, Often, Always]\n",
     "",
     NULL,
     NULL,
     {S ":33:3: \"fit_questions\" has no question for \"travel\""}},
    {"fit_questions: four answers",
     S,
     "[Zero, Little, Some, Often, Always]",
     "[Zero, Little, Some, Often]",
     NULL,
     NULL,
     {S ":39:14: \"answers\" of \"travel\" needs 5 labels (for 0 to 4), not 4"}},
    {"fit_questions: answers missing",
     S,
     "    answers: [Zero, Little, Some, Often, Always]\n",
     "",
     NULL,
     NULL,
     {S ":37:5: missing required key \"answers\" in fit question 2 (five labels, for 0 to 4)"}},
    {"fit_questions: an answer named none",
     S,
     "[Never, Rarely,",
     "[none, Rarely,",
     NULL,
     NULL,
     {S ":45:15: \"answers\" \"none\" would be misread in an answers file: use words, without "
        "'=', '!', '|' or '#', other than \"none\""}},
    {"fit_questions: an answer that is a number",
     S,
     "[Own, A little,",
     "[\"0\", A little,",
     NULL,
     NULL,
     {S ":60:15: \"answers\" \"0\" would be misread in an answers file: use words, without "
        "'=', '!', '|' or '#', other than \"none\""}},
    {"fit_questions: an answer twice",
     S,
     "[Standard, Some,",
     "[Standard, standard,",
     NULL,
     NULL,
     {S ":54:25: answer \"standard\" is listed twice in \"vetting\""}},
    {"fit_questions: weight out of range",
     S,
     "    weight: 2\n",
     "    weight: 5\n",
     NULL,
     NULL,
     {S ":36:13: \"weight\" must be a whole number from 1 to 3, not \"5\""}},
    {"fit_questions: answers for crime areas",
     S,
     "    text: Which crimes?\n",
     "    text: Which crimes?\n    answers: [A, B, C, D, E]\n",
     NULL,
     NULL,
     {S ":66:14: \"crime_areas\" takes no \"answers\": its answers are the crime areas"}},
    {"fit_questions: text missing",
     S,
     "    text: Travel?\n",
     "",
     NULL,
     NULL,
     {S ":37:5: missing required key \"text\" in fit question 2"}},
    {"fit_questions: choices missing",
     S,
     "    text: Where are you now?\n    choices:\n      - {id: student, label: Student, "
     "serving_officer: no}\n      - {id: officer, label: Serving officer, serving_officer: "
     "yes}\n",
     "    text: Where are you now?\n",
     NULL,
     NULL,
     {S ":66:5: missing required key \"choices\" in fit question 12"}},
    {"fit_questions: serving_officer not yes or no",
     S,
     "serving_officer: yes}",
     "serving_officer: maybe}",
     NULL,
     NULL,
     {S ":70:64: \"serving_officer\" must be yes or no, not \"maybe\""}},
    {"fit_questions: serving_officer missing",
     S,
     ", serving_officer: no}",
     "}",
     NULL,
     NULL,
     {S ":69:9: missing required key \"serving_officer\" in choice 1 of \"situation\""}},
    {"fit_questions: one choice",
     S,
     "      - {id: other, label: Elsewhere}\n",
     "",
     NULL,
     NULL,
     {S ":74:7: \"choices\" of \"citizenship\" needs 2 to 12 items, not 1"}},
    {"fit_questions: duplicate choice id",
     S,
     "{id: other,",
     "{id: alpha,",
     NULL,
     NULL,
     {S ":75:14: duplicate choice id \"alpha\" in \"citizenship\""}},
    {"fit_questions: matches outside citizenship",
     S,
     "label: Student, serving_officer: no}",
     "label: Student, serving_officer: no, matches: [x]}",
     NULL,
     NULL,
     {S ":69:69: \"matches\" belongs to the choices of \"citizenship\" only"}},
    {"fit_questions: weight on citizenship",
     S,
     "    text: Citizen of?\n",
     "    text: Citizen of?\n    weight: 2\n",
     NULL,
     NULL,
     {S ":73:13: \"citizenship\" takes no \"weight\": it does not change the ranking"}},
    {"fit_questions: not a list",
     S,
     "fit_questions:\n  - key: desk_field\n",
     "fit_questions: {}\nx:\n  - key: desk_field\n",
     NULL,
     NULL,
     {S ":32:16: \"fit_questions\" must be a list, not a mapping", S ":33:1: unknown key \"x\""}},
    {"groups: duplicate id",
     S,
     "  - id: lab",
     "  - id: field",
     NULL,
     NULL,
     {S ":19:9: duplicate group id \"field\" (first in group 1)"}},
    {"groups: missing title",
     S,
     "    title: Lab roles\n",
     "",
     NULL,
     NULL,
     {S ":19:5: missing required key \"title\" in group 2"}},
    {"groups: bad id",
     S,
     "  - id: lab",
     "  - id: Lab",
     NULL,
     NULL,
     {S ":19:9: bad id \"Lab\": " BADID}},
    {"groups: item not a mapping",
     S,
     "  - id: lab\n    title: Lab roles\n",
     "  - lab\n",
     NULL,
     NULL,
     {S ":19:5: item 2 of \"groups\" must be a mapping with \"id\" and \"title\", not a string"}},
    {"groups: empty",
     S,
     GROUPS,
     "groups: []\n",
     NULL,
     NULL,
     {S ":16:9: \"groups\" is an empty list"}},
    {"crime_areas: unknown key in sections.yaml",
     S,
     "{id: fraud, label: Fraud}",
     "{id: fraud, lable: Fraud}",
     NULL,
     NULL,
     {S ":23:17: unknown key \"lable\" (did you mean \"label\"?)",
      S ":23:5: missing required key \"label\" in crime area 2"}},
    {"crime_areas: duplicate id in sections.yaml",
     S,
     "{id: fraud,",
     "{id: smuggling,",
     NULL,
     NULL,
     {S ":23:10: duplicate crime area id \"smuggling\" (first in crime area 1)"}},
    {"glossary: missing definition",
     S,
     "    definition: Another term.\n",
     "",
     NULL,
     NULL,
     {S ":29:5: missing required key \"definition\" in glossary term 2"}},
    {"glossary: missing expansion",
     S,
     "    expansion: Xeno Yield\n",
     "",
     NULL,
     NULL,
     {S ":29:5: missing required key \"expansion\" in glossary term 2"}},
    {"glossary: unknown key",
     S,
     "    definition: Another term.",
     "    definiton: Another term.",
     NULL,
     NULL,
     {S ":31:5: unknown key \"definiton\" (did you mean \"definition\"?)",
      S ":29:5: missing required key \"definition\" in glossary term 2"}},
    {"glossary: duplicate term in another case",
     S,
     "  - term: XY",
     "  - term: abc",
     NULL,
     NULL,
     {S ":29:11: duplicate glossary term \"abc\" (first at line 25)"}},
    {"glossary: related id that does not exist",
     S,
     "related: [alpha, intro]",
     "related: [alpha, nowhere]",
     NULL,
     NULL,
     {S ":28:22: \"nowhere\" is not a role or section id"}},
    {"glossary: related bad id",
     S,
     "related: [alpha, intro]",
     "related: [alpha, Intro]",
     NULL,
     NULL,
     {S ":28:22: bad id \"Intro\" in \"related\": " BADID}},
    {"glossary: not a list",
     S,
     GLOSSARY,
     "glossary: NCB\n",
     NULL,
     NULL,
     {S ":24:11: \"glossary\" must be a list, not a string"}},
    {"glossary: item not a mapping",
     S,
     "  - term: XY\n    expansion: Xeno Yield\n    definition: "
     "Another term.\n",
     "  - XY\n",
     NULL,
     NULL,
     {S ":29:5: item 2 of \"glossary\" must be a mapping with \"term\", \"expansion\" and "
        "\"definition\", not a string"}},
};

#undef ENTRY_ROUTES
#undef FIGURE
#undef QUICK_FACTS
#undef ROUTES
#undef PAY_FIGURE
#undef FIT
#undef GROUPS
#undef GLOSSARY
#undef A
#undef B
#undef G
#undef S

struct case_state {
    const struct edit_case *c;
    char *dir;
};

static int case_setup(void **state)
{
    struct case_state *cs = calloc(1, sizeof *cs);
    if (!cs)
        return -1;
    cs->c = *state;
    cs->dir = new_guide();
    *state = cs;
    return 0;
}

static int case_teardown(void **state)
{
    struct case_state *cs = *state;
    fs_rm_rf(cs->dir);
    free(cs->dir);
    free(cs);
    return 0;
}

static void run_case(void **state)
{
    const struct case_state *cs = *state;
    const struct edit_case *c = cs->c;
    if (c->find) {
        if (strcmp(c->file, "roles/gamma.yaml") == 0)
            copy_alpha(cs->dir, "roles/gamma.yaml");
        edit_file(cs->dir, c->file, c->find, c->repl);
        if (c->find2)
            edit_file(cs->dir, c->file, c->find2, c->repl2);
    } else {
        write_rel(cs->dir, c->file, c->repl, strlen(c->repl));
    }
    expect_load_fails(cs->dir, c->expect);
}

/* ---- limits ---------------------------------------------------------------- */

/* A role file padded with a trailing comment to exactly `size` bytes. */
static void write_padded_alpha(const char *dir, const char *rel, size_t size)
{
    char *base = base_dir();
    char *from = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(from, &len);
    assert_true(size > len + 3);
    unsigned char *out = malloc(size);
    assert_non_null(out);
    memcpy(out, buf, len);
    out[len] = '#';
    memset(out + len + 1, 'x', size - len - 2);
    out[size - 1] = '\n';
    write_rel(dir, rel, out, size);
    free(out);
    free(buf);
    free(from);
    free(base);
}

static void test_limit_file_size(void **state)
{
    (void)state;
    char *dir = new_guide();
    write_padded_alpha(dir, "roles/alpha.yaml", BL_MAX_FILE_SIZE);
    bl_guide *g = expect_load_ok(dir);
    bl_guide_free(g);
    write_padded_alpha(dir, "roles/gamma.yaml", BL_MAX_FILE_SIZE + 1);
    expect_load_fails(
        dir, (const char *const[]){"roles/gamma.yaml: file is larger than 1048576 bytes", NULL});
    write_padded_alpha(dir, "roles/gamma.yaml", 3 * BL_MAX_FILE_SIZE);
    expect_load_fails(
        dir, (const char *const[]){"roles/gamma.yaml: file is larger than 1048576 bytes", NULL});
    fs_rm_rf(dir);
    free(dir);
}

/* work_environment as a double-quoted string of n 'x'. */
static void set_long_string(const char *dir, size_t n)
{
    char *base = base_dir();
    char *from = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(from, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    char *at = strstr(text, "work_environment: An office.");
    assert_non_null(at);
    char *x = malloc(n + 1);
    assert_non_null(x);
    memset(x, 'x', n);
    x[n] = '\0';
    char *out = fs_fmt("%.*swork_environment: \"%s\"%s", (int)(at - text), text, x,
                       at + strlen("work_environment: An office."));
    write_rel(dir, "roles/alpha.yaml", out, strlen(out));
    free(out);
    free(x);
    free(text);
    free(buf);
    free(from);
    free(base);
}

static void test_limit_string(void **state)
{
    (void)state;
    char *dir = new_guide();
    set_long_string(dir, BL_MAX_STRING);
    bl_guide *g = expect_load_ok(dir);
    assert_int_equal(strlen(field(bl_guide_find(g, "alpha"), BL_FIELD_WORK_ENVIRONMENT)->text),
                     BL_MAX_STRING);
    bl_guide_free(g);
    set_long_string(dir, BL_MAX_STRING + 1);
    expect_load_fails(
        dir,
        (const char *const[]){"roles/alpha.yaml:12:19: text is longer than 65536 bytes", NULL});
    fs_rm_rf(dir);
    free(dir);
}

/* keywords with n items, one a line from line 28. */
static void set_long_list(const char *dir, size_t n)
{
    size_t cap = n * 16 + 32, o = 0;
    char *items = malloc(cap);
    assert_non_null(items);
    o += (size_t)snprintf(items + o, cap - o, "keywords:\n");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(items + o, cap - o, "  - k%zu\n", i);
    char *base = base_dir();
    char *from = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(from, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    char *at = strstr(text, "keywords:\n  - alpha\n");
    assert_non_null(at);
    char *out =
        fs_fmt("%.*s%s%s", (int)(at - text), text, items, at + strlen("keywords:\n  - alpha\n"));
    write_rel(dir, "roles/alpha.yaml", out, strlen(out));
    free(out);
    free(text);
    free(buf);
    free(from);
    free(base);
    free(items);
}

static void test_limit_list(void **state)
{
    (void)state;
    char *dir = new_guide();
    set_long_list(dir, BL_MAX_LIST);
    bl_guide *g = expect_load_ok(dir);
    assert_int_equal(field(bl_guide_find(g, "alpha"), BL_FIELD_KEYWORDS)->n_items, BL_MAX_LIST);
    bl_guide_free(g);
    set_long_list(dir, BL_MAX_LIST + 1);
    expect_load_fails(
        dir,
        (const char *const[]){"roles/alpha.yaml:1028:5: more than 1000 items in one list", NULL});
    set_long_list(dir, 5 * BL_MAX_LIST); /* reported once */
    expect_load_fails(
        dir,
        (const char *const[]){"roles/alpha.yaml:1028:5: more than 1000 items in one list", NULL});
    fs_rm_rf(dir);
    free(dir);
}

static void test_limit_mapping(void **state)
{
    (void)state;
    char *dir = new_guide();
    size_t cap = 20000, o = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    o += (size_t)snprintf(text + o, cap - o, "keywords:\n  - {");
    for (int i = 0; i <= BL_MAX_LIST; i++)
        o += (size_t)snprintf(text + o, cap - o, "%sk%d: v", i ? ", " : "", i);
    snprintf(text + o, cap - o, "}\n");
    edit_file(dir, "roles/alpha.yaml", "keywords:\n  - alpha\n", text);
    /* key number 1001 starts after "  - {" and 1000 keys of "kN: v, " */
    size_t col = 6;
    for (int i = 0; i < BL_MAX_LIST; i++)
        col += (size_t)snprintf(NULL, 0, "k%d: v, ", i);
    char *e1 = fs_fmt("roles/alpha.yaml:28:%zu: more than 1000 keys in one mapping", col);
    expect_load_fails(
        dir,
        (const char *const[]){
            e1, "roles/alpha.yaml:28:5: item 1 of \"keywords\" must be a string, not a mapping",
            NULL});
    free(e1);
    free(text);
    fs_rm_rf(dir);
    free(dir);
}

static void test_limit_depth(void **state)
{
    (void)state;
    char *dir = new_guide();
    /* root mapping 1, threats 2, six more: depth 8 is fine */
    edit_file(dir, "roles/alpha.yaml", "threats:\n  - Smuggling\n", "threats: [[[[[[[x]]]]]]]\n");
    expect_load_fails(
        dir,
        (const char *const[]){
            "roles/alpha.yaml:23:11: item 1 of \"threats\" must be a string, not a list", NULL});
    fs_rm_rf(dir);
    free(dir);
    /* one more: depth 9 is refused where it starts (in a file of its own, so
     * that no other file names the role it drops) */
    dir = new_guide();
    char *p = fs_fmt("%s/roles/gamma.yaml", dir);
    fs_write_str(p, "title: G\nthreats: [[[[[[[[x]]]]]]]]\n");
    free(p);
    expect_load_fails(
        dir, (const char *const[]){"roles/gamma.yaml:2:17: nesting is deeper than 8 levels", NULL});
    /* and in block style */
    p = fs_fmt("%s/roles/gamma.yaml", dir);
    fs_write_str(p, "title: G\nthreats:\n - - - - - - - - x\n");
    free(p);
    expect_load_fails(
        dir, (const char *const[]){"roles/gamma.yaml:3:16: nesting is deeper than 8 levels", NULL});
    fs_rm_rf(dir);
    free(dir);
}

/* ---- files that are not regular files -------------------------------- */

static void test_not_regular_files(void **state)
{
    (void)state;
    char *dir = new_guide();
    char *p = fs_fmt("%s/roles/folder.yaml", dir);
    fs_mkdir(p);
    free(p);
    p = fs_fmt("%s/roles/fifo.yaml", dir);
    if (mkfifo(p, 0600) != 0)
        fs_die("mkfifo", p);
    free(p);
    p = fs_fmt("%s/roles/dev.yaml", dir);
    if (symlink("/dev/zero", p) != 0)
        fs_die("symlink", p);
    free(p);
    /* A FIFO or device must be refused at once: a hang fails the test. */
    alarm(20);
    expect_load_fails(dir,
                      (const char *const[]){"roles/dev.yaml: not a regular file (a device)",
                                            "roles/fifo.yaml: not a regular file (a FIFO)",
                                            "roles/folder.yaml: not a regular file (a folder)",
                                            NULL});
    alarm(0);
    fs_rm_rf(dir);
    free(dir);
}

static void test_sections_not_regular(void **state)
{
    (void)state;
    char *dir = new_guide();
    char *p = fs_fmt("%s/sections.yaml", dir);
    if (remove(p) != 0 || mkfifo(p, 0600) != 0)
        fs_die("mkfifo", p);
    alarm(20);
    expect_load_fails(dir,
                      (const char *const[]){"sections.yaml: not a regular file (a FIFO)", NULL});
    alarm(0);
    if (remove(p) != 0)
        fs_die("remove", p);
    fs_mkdir(p);
    expect_load_fails(dir,
                      (const char *const[]){"sections.yaml: not a regular file (a folder)", NULL});
    free(p);
    fs_rm_rf(dir);
    free(dir);
}

static void test_missing_parts(void **state)
{
    (void)state;
    char *dir = new_guide();
    char *p = fs_fmt("%s/sections.yaml", dir);
    if (remove(p) != 0)
        fs_die("remove", p);
    expect_load_fails(
        dir, (const char *const[]){"sections.yaml: cannot open: No such file or directory", NULL});
    free(p);
    fs_rm_rf(dir);
    free(dir);

    dir = new_guide();
    p = fs_fmt("%s/roles", dir);
    fs_rm_rf(p);
    expect_load_fails(dir,
                      (const char *const[]){
                          "roles: cannot open the roles folder: No such file or directory",
                          "sections.yaml:4:5: \"role_order\" names \"beta\", which is not a role",
                          "sections.yaml:5:5: \"role_order\" names \"alpha\", which is not a role",
                          "sections.yaml:12:9: \"alpha\" is not a role id",
                          "sections.yaml:28:15: \"alpha\" is not a role or section id", NULL});
    fs_mkdir(p);
    edit_file(dir, "sections.yaml", "    roles:\n      - alpha\n", "");
    edit_file(dir, "sections.yaml", "role_order:\n  - beta\n  - alpha\n", "");
    expect_load_fails(
        dir,
        (const char *const[]){"roles: no role files (*.yaml) in this folder",
                              "sections.yaml:23:15: \"alpha\" is not a role or section id", NULL});
    free(p);
    fs_rm_rf(dir);
    free(dir);

    /* a folder that does not exist at all */
    dir = fs_tmpdir();
    char *gone = fs_fmt("%s/nothing", dir);
    bl_diags d;
    bl_diags_init(&d, 0);
    assert_null(bl_load_dir(gone, &d));
    assert_false(check_same(gone, 0));
    assert_true(d.total >= 1);
    char *want = fs_fmt("%s/sections.yaml: cannot open: No such file or directory", gone);
    assert_string_equal(d.items[0].formatted, want);
    bl_diags_free(&d);
    free(want);
    free(gone);
    fs_rm_rf(dir);
    free(dir);
}

/* ---- BOM and CRLF ---------------------------------------------------------- */

/* Rewrites dir/rel with a BOM and/or CRLF line ends. */
static void convert_file(const char *dir, const char *rel, int bom, int crlf)
{
    char *path = fs_fmt("%s/%s", dir, rel);
    size_t len;
    unsigned char *buf = fs_read(path, &len);
    unsigned char *out = malloc(len * 2 + 3);
    assert_non_null(out);
    size_t o = 0;
    if (bom) {
        out[o++] = 0xEF;
        out[o++] = 0xBB;
        out[o++] = 0xBF;
    }
    for (size_t i = 0; i < len; i++) {
        if (crlf && buf[i] == '\n')
            out[o++] = '\r';
        out[o++] = buf[i];
    }
    fs_write(path, out, o);
    free(out);
    free(buf);
    free(path);
}

static void assert_same_entry(const bl_entry *a, const bl_entry *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->title, b->title);
    assert_int_equal(a->n_fields, b->n_fields);
    for (size_t i = 0; i < a->n_fields; i++) {
        const bl_field_value *x = &a->fields[i], *y = &b->fields[i];
        assert_int_equal(x->field, y->field);
        assert_int_equal(x->text != NULL, y->text != NULL);
        if (x->text)
            assert_string_equal(x->text, y->text);
        assert_int_equal(x->n_items, y->n_items);
        for (size_t k = 0; k < x->n_items; k++)
            assert_string_equal(x->items[k], y->items[k]);
    }
    assert_int_equal(a->n_links, b->n_links);
    for (size_t i = 0; i < a->n_links; i++)
        assert_int_equal(a->links[i], b->links[i]);
    assert_int_equal(a->n_sources, b->n_sources);
    for (size_t i = 0; i < a->n_sources; i++) {
        assert_string_equal(a->sources[i].title, b->sources[i].title);
        assert_string_equal(a->sources[i].url, b->sources[i].url);
    }
    assert_int_equal(a->reviewed != NULL, b->reviewed != NULL);
    if (a->reviewed)
        assert_string_equal(a->reviewed, b->reviewed);
}

static void assert_same_guide(const bl_guide *a, const bl_guide *b)
{
    assert_string_equal(a->title, b->title);
    assert_int_equal(a->tagline != NULL, b->tagline != NULL);
    if (a->tagline)
        assert_string_equal(a->tagline, b->tagline);
    assert_int_equal(a->n_entries, b->n_entries);
    assert_int_equal(a->n_roles, b->n_roles);
    for (size_t i = 0; i < a->n_entries; i++)
        assert_same_entry(&a->entries[i], &b->entries[i]);
}

/* The shipped content with every file given a BOM and/or CRLF line ends
 * loads to exactly the same model. */
static void check_converted_shipped(int bom, int crlf)
{
    char *src = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    char *dir = fs_tmpdir();
    fs_copy_guide(src, dir);
    convert_file(dir, "sections.yaml", bom, crlf);
    static const char *const roles[] = {"interpol-agent", "diplomatic-liaison",
                                        "intelligence-analyst", "transnational-crime-investigator",
                                        "customs-border-officer"};
    for (size_t i = 0; i < 5; i++) {
        char *rel = fs_fmt("roles/%s.yaml", roles[i]);
        convert_file(dir, rel, bom, crlf);
        free(rel);
    }
    bl_guide *want = expect_load_ok(src);
    bl_guide *got = expect_load_ok(dir);
    assert_same_guide(want, got);
    bl_guide_free(got);
    bl_guide_free(want);
    fs_rm_rf(dir);
    free(dir);
    free(src);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    check_converted_shipped(1, 0);
    check_converted_shipped(0, 1);
    check_converted_shipped(1, 1);

    /* and the base guide, whose block scalars have paragraphs */
    char *dir = new_guide();
    convert_file(dir, "roles/alpha.yaml", 1, 1);
    convert_file(dir, "roles/beta.yaml", 0, 1);
    convert_file(dir, "sections.yaml", 1, 0);
    char *base = base_dir();
    bl_guide *want = expect_load_ok(base);
    bl_guide *got = expect_load_ok(dir);
    assert_same_guide(want, got);
    bl_guide_free(got);
    bl_guide_free(want);
    free(base);
    fs_rm_rf(dir);
    free(dir);
}

/* Positions stay right with a BOM and CRLF line ends. */
static void test_bom_crlf_positions(void **state)
{
    (void)state;
    char *dir = new_guide();
    copy_alpha(dir, "roles/gamma.yaml");
    edit_file(dir, "roles/gamma.yaml", "title: Alpha officer", "title: Alpha \xFF");
    convert_file(dir, "roles/gamma.yaml", 1, 1);
    expect_load_fails(
        dir,
        (const char *const[]){
            "roles/gamma.yaml:1:14: invalid UTF-8 (byte 0xFF); save the file as UTF-8", NULL});
    fs_rm_rf(dir);
    free(dir);

    dir = new_guide();
    copy_alpha(dir, "roles/gamma.yaml");
    edit_file(dir, "roles/gamma.yaml", "  - Alpha agent", "  - Alpha \x1b");
    convert_file(dir, "roles/gamma.yaml", 1, 1);
    expect_load_fails(
        dir,
        (const char *const[]){
            "roles/gamma.yaml:3:11: control character (byte 0x1B); only newline and tab are "
            "allowed",
            NULL});
    fs_rm_rf(dir);
    free(dir);

    dir = new_guide();
    copy_alpha(dir, "roles/gamma.yaml");
    edit_file(dir, "roles/gamma.yaml", "skills:", "skils:");
    convert_file(dir, "roles/gamma.yaml", 1, 1);
    expect_load_fails(dir,
                      (const char *const[]){
                          "roles/gamma.yaml:15:1: unknown key \"skils\" (did you mean \"skills\"?)",
                          "roles/gamma.yaml:1:1: missing required key \"skills\"", NULL});
    fs_rm_rf(dir);
    free(dir);

    dir = new_guide();
    copy_alpha(dir, "roles/gamma.yaml");
    edit_file(dir, "roles/gamma.yaml", "title: Alpha officer", "title: ~");
    convert_file(dir, "roles/gamma.yaml", 1, 1);
    expect_load_fails(dir, (const char *const[]){"roles/gamma.yaml:1:8: \"title\" is empty", NULL});
    fs_rm_rf(dir);
    free(dir);
}

/* ---- files that are not role files --------------------------------------- */

static void test_other_files_ignored(void **state)
{
    (void)state;
    char *dir = new_guide();
    static const char junk[] = "\xff\x1b: [&*!\n";
    static const char *const names[] = {
        "roles/notes.txt",  "roles/alpha.yaml~", "roles/.hidden.yaml", "roles/README",
        "roles/.yaml",      "roles/yaml",        "roles/x.yml",        "roles/x.YAML",
        "roles/x.yaml.bak", "notes.yaml",        "other.yaml",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        write_rel(dir, names[i], junk, sizeof junk - 1);
    char *p = fs_fmt("%s/roles/.git.yaml", dir);
    fs_mkdir(p);
    free(p);
    bl_guide *g = expect_load_ok(dir);
    assert_int_equal(g->n_roles, 2);
    assert_int_equal(g->n_sections, 3);
    bl_guide_free(g);
    fs_rm_rf(dir);
    free(dir);
}

/* ---- reporting ----------------------------------------------------------- */

static char *print_to_string(const bl_diags *d)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    bl_diags_print(d, f);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void check_cap(size_t n_files)
{
    char *dir = new_guide();
    for (size_t i = 0; i < n_files; i++) {
        char *rel = fs_fmt("roles/empty-%03zu.yaml", i);
        write_rel(dir, rel, "", 0);
        free(rel);
    }
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    assert_null(bl_load_dir(dir, &d));
    assert_false(check_same(dir, 0));
    assert_int_equal(d.total, n_files);
    size_t kept = n_files < BL_DIAGS_DEFAULT_MAX ? n_files : BL_DIAGS_DEFAULT_MAX;
    assert_int_equal(d.n, kept);
    for (size_t i = 0; i < d.n; i++) {
        char *want = fs_fmt("%s/roles/empty-%03zu.yaml: the file is empty", dir, i);
        assert_string_equal(d.items[i].formatted, want);
        free(want);
    }
    char *out = print_to_string(&d);
    char *tail;
    if (n_files > kept + 1)
        tail = fs_fmt("%s/roles/empty-%03zu.yaml: the file is empty\n... and %zu more problems\n",
                      dir, kept - 1, n_files - kept);
    else if (n_files == kept + 1)
        tail = fs_fmt("%s/roles/empty-%03zu.yaml: the file is empty\n... and 1 more problem\n", dir,
                      kept - 1);
    else
        tail = fs_fmt("%s/roles/empty-%03zu.yaml: the file is empty\n", dir, kept - 1);
    assert_true(ends_with(out, tail));
    size_t lines = 0;
    for (const char *q = out; *q; q++)
        lines += *q == '\n';
    assert_int_equal(lines, kept + (n_files > kept));
    free(tail);
    free(out);
    bl_diags_free(&d);
    fs_rm_rf(dir);
    free(dir);
}

static void test_diag_cap(void **state)
{
    (void)state;
    check_cap(BL_DIAGS_DEFAULT_MAX);
    check_cap(BL_DIAGS_DEFAULT_MAX + 1);
    check_cap(BL_DIAGS_DEFAULT_MAX + 23);
}

static void test_all_problems_in_one_run(void **state)
{
    (void)state;
    char *dir = fs_fmt("%s/broken", fs_env("BORDERLESS_FIXTURES"));
    expect_load_fails(
        dir,
        (const char *const[]){
            "sections.yaml:13:9: bad id \"Outro\": use lowercase letters, digits and '-' (at most "
            "64)",
            "roles/alpha.yaml:15:1: unknown key \"skils\" (did you mean \"skills\"?)",
            "roles/alpha.yaml:1:1: missing required key \"skills\"",
            "roles/beta.yaml:23:11: \"reviewed\" must be a date written YYYY-MM-DD, not "
            "\"2023-02-30x\"",
            NULL});
    free(dir);
}

/* The in-memory checkers agree with the folder loader on one file. */
static void test_check_bytes(void **state)
{
    (void)state;
    static const char role[] = "title: T\nsummary: [x]\n";
    bl_diags d;
    bl_diags_init(&d, 0);
    assert_int_equal(bl_check_role_bytes("x/roles/some-role.yaml", (const unsigned char *)role,
                                         sizeof role - 1, &d),
                     -1);
    assert_true(d.n >= 2);
    assert_string_equal(d.items[0].formatted,
                        "x/roles/some-role.yaml:2:10: \"summary\" must be a string, not a list");
    bl_diags_free(&d);

    bl_diags_init(&d, 0);
    assert_int_equal(
        bl_check_role_bytes("Bad.yaml", (const unsigned char *)role, sizeof role - 1, &d), -1);
    assert_int_equal(d.total, 1);
    assert_string_equal(d.items[0].formatted,
                        "Bad.yaml: bad file name: a role id is lowercase letters, digits and "
                        "'-' (at most 64), followed by .yaml");
    bl_diags_free(&d);

    /* related ids are not checked across files */
    char *base = base_dir();
    char *p = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(p, &len);
    bl_diags_init(&d, 0);
    assert_int_equal(bl_check_role_bytes("alpha.yaml", buf, len, &d), 0);
    assert_int_equal(d.total, 0);
    bl_diags_free(&d);
    free(buf);
    free(p);
    p = fs_fmt("%s/sections.yaml", base);
    buf = fs_read(p, &len);
    bl_diags_init(&d, 0);
    assert_int_equal(bl_check_sections_bytes("sections.yaml", buf, len, &d), 0);
    assert_int_equal(d.total, 0);
    bl_diags_free(&d);
    bl_diags_init(&d, 0);
    assert_int_equal(bl_check_sections_bytes("s.yaml", (const unsigned char *)"[", 1, &d), -1);
    assert_true(d.total >= 1);
    assert_true(strncmp(d.items[0].formatted, "s.yaml:", 7) == 0);
    bl_diags_free(&d);
    free(buf);
    free(p);
    free(base);
}

/* The glossary's id: a role file may not take it; a section with it gets
 * the glossary's items; a role may link to it. */
static void test_glossary_section(void **state)
{
    (void)state;
    char *dir = new_guide();
    copy_alpha(dir, "roles/glossary.yaml");
    expect_load_fails(
        dir,
        (const char *const[]){
            "roles/glossary.yaml: the id \"glossary\" is kept for the glossary; rename this file",
            NULL});
    fs_rm_rf(dir);
    free(dir);

    dir = new_guide();
    edit_file(dir, "sections.yaml", "  - id: outro\n",
              "  - id: glossary\n    title: Terms\n"
              "    body: Words.\n  - id: outro\n");
    edit_file(dir, "roles/alpha.yaml", "sections:\n  - outro\n", "sections:\n  - glossary\n");
    bl_guide *g = expect_load_ok(dir);
    check_guide_invariants(g);
    assert_int_equal(g->n_sections, 3); /* intro, glossary, outro: none made up */
    const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
    assert_ptr_equal(ge, &g->entries[3]);
    assert_string_equal(ge->title, "Terms");
    assert_string_equal(field(ge, BL_FIELD_BODY)->text, "Words.");
    assert_int_equal(field(ge, BL_FIELD_GLOSSARY)->n_items, 2);
    const bl_entry *a = bl_guide_find(g, "alpha");
    assert_int_equal(a->n_section_links, 1);
    assert_ptr_equal(&g->entries[a->section_links[0]], ge);
    bl_guide_free(g);
    fs_rm_rf(dir);
    free(dir);
}

/* A role file checked alone: groups and crime areas are not known, so
 * they are not checked; everything inside the file is. */
static void test_check_bytes_new_fields(void **state)
{
    (void)state;
    char *base = base_dir();
    char *p = fs_fmt("%s/roles/alpha.yaml", base);
    size_t len;
    unsigned char *buf = fs_read(p, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    char *at = strstr(text, "group: field");
    assert_non_null(at);
    memcpy(at, "group: zzzzz", 12);
    bl_diags d;
    bl_diags_init(&d, 0);
    assert_int_equal(
        bl_check_role_bytes("alpha.yaml", (const unsigned char *)text, strlen(text), &d), 0);
    assert_int_equal(d.total, 0);
    bl_diags_free(&d);
    at = strstr(text, "    currency: EUR");
    assert_non_null(at);
    memcpy(at, "    currency: eur", 17);
    bl_diags_init(&d, 0);
    assert_int_equal(
        bl_check_role_bytes("alpha.yaml", (const unsigned char *)text, strlen(text), &d), -1);
    assert_int_equal(d.total, 1);
    assert_non_null(strstr(d.items[0].formatted, "alpha.yaml:61:15: \"currency\""));
    bl_diags_free(&d);
    free(text);
    free(buf);
    free(p);
    free(base);
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_shipped_content),
        cmocka_unit_test(test_base_model),
        cmocka_unit_test(test_unlisted_roles_last),
        cmocka_unit_test(test_limit_file_size),
        cmocka_unit_test(test_limit_string),
        cmocka_unit_test(test_limit_list),
        cmocka_unit_test(test_limit_mapping),
        cmocka_unit_test(test_limit_depth),
        cmocka_unit_test(test_not_regular_files),
        cmocka_unit_test(test_sections_not_regular),
        cmocka_unit_test(test_missing_parts),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_bom_crlf_positions),
        cmocka_unit_test(test_other_files_ignored),
        cmocka_unit_test(test_diag_cap),
        cmocka_unit_test(test_all_problems_in_one_run),
        cmocka_unit_test(test_check_bytes),
        cmocka_unit_test(test_glossary_section),
        cmocka_unit_test(test_check_bytes_new_fields),
    };
    size_t n_fixed = sizeof fixed / sizeof *fixed;
    size_t n_cases = sizeof cases / sizeof *cases;
    struct CMUnitTest *tests = calloc(n_fixed + n_cases, sizeof *tests);
    if (!tests)
        return 1;
    memcpy(tests, fixed, sizeof fixed);
    for (size_t i = 0; i < n_cases; i++)
        tests[n_fixed + i] = (struct CMUnitTest){
            .name = cases[i].name,
            .test_func = run_case,
            .setup_func = case_setup,
            .teardown_func = case_teardown,
            .initial_state = (void *)&cases[i],
        };
    int rc = _cmocka_run_group_tests("loader", tests, n_fixed + n_cases, NULL, NULL);
    free(tests);
    return rc;
}
