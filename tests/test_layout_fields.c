/* test_layout_fields.c — the layout of the second edition's fields (quick
 * facts, routes, pay, fit chart, crime areas, section links, glossary) on
 * the base fixture, in UTF-8 and ASCII. */
#include "core_util.h"

#include "borderless/diag.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/marks.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static bl_guide *load_base(void)
{
    char *dir = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    bl_diags d;
    bl_diags_init(&d, 0);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g)
        bl_diags_print(&d, stderr);
    assert_non_null(g);
    bl_diags_free(&d);
    free(dir);
    return g;
}

static size_t find_line(const bl_layout *l, const char *text)
{
    for (size_t i = 0; i < l->n_lines; i++)
        if (strcmp(l->lines[i].text, text) == 0)
            return i;
    fail_msg("no line \"%s\"", text);
    return 0;
}

static size_t heading_index(const bl_layout *l, const char *name)
{
    for (size_t k = 0; k < l->n_headings; k++)
        if (strcmp(l->lines[l->headings[k]].text, name) == 0)
            return k;
    fail_msg("no heading \"%s\"", name);
    return 0;
}

static void test_reading_order(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    bl_layout *l = bl_layout_entry(g, bl_guide_find(g, "alpha"), 70);
    assert_non_null(l);
    static const char *const order[] = {"Also known as",
                                        "Quick facts",
                                        "Summary",
                                        "What they do",
                                        "Work environment",
                                        "How people get in",
                                        "Skills",
                                        "Requirements and training",
                                        "Languages",
                                        "Pay",
                                        "Where it can lead",
                                        "Who employs them",
                                        "Threats they work on",
                                        "Your fit",
                                        "Crime areas",
                                        "Related roles",
                                        "Related sections",
                                        "Sources"};
    size_t n = sizeof order / sizeof order[0];
    assert_int_equal(l->n_headings, n);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(heading_index(l, order[k]), k);
    bl_layout_free(l);
    bl_guide_free(g);
}

static void test_quick_facts_and_routes(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    const bl_entry *a = bl_guide_find(g, "alpha");
    bl_layout *l = bl_layout_entry(g, a, 100);
    assert_non_null(l);

    /* Quick facts: "Label: value", the label as decoration, so a search
     * match in the value lands after it. */
    size_t q = find_line(l, "Employer: An agency");
    assert_int_equal(l->lines[q].style, BL_LINE_ITEM);
    assert_int_equal(l->lines[q].part, BL_FIELD_QUICK_FACTS);
    assert_int_equal(l->lines[q].item, BL_FACT_EMPLOYER);
    assert_int_equal(l->lines[q].indent, (int)strlen("Employer: "));
    assert_string_equal(bl_marks_source(a, &l->lines[q]), "An agency");
    assert_int_equal(l->lines[q - 1].style, BL_LINE_HEADING);
    find_line(l, "Starting point: Serving officer");
    find_line(l, "Workplace: An office");

    /* A route: name, kind and where, who, numbered steps, sources. */
    static const char *const route[] = {
        "\u25b8 Direct entry",
        "  Direct recruitment \u00b7 Alphaland",
        "  \u2022 Open to people who are not serving officers",
        "  \u2022 Citizens of Alphaland",
        "  1. Apply online",
        "  2. Training (6 months)",
        "  Source: https://example.org/alpha",
    };
    size_t r = find_line(l, route[0]);
    assert_int_equal(l->lines[r - 1].style, BL_LINE_HEADING);
    for (size_t k = 0; k < sizeof route / sizeof route[0]; k++) {
        const bl_line *ln = &l->lines[r + k];
        assert_string_equal(ln->text, route[k]);
        assert_int_equal(ln->style, BL_LINE_ITEM);
        assert_int_equal(ln->part, BL_FIELD_ROUTES);
        assert_int_equal(ln->item, k);
        assert_non_null(bl_marks_source(a, ln));
    }

    /* Pay: the figure with its currency, period, grade and date; a
     * where-to-check link; each with its source. */
    size_t p = find_line(l, "\u2022 Alphaland (A1): EUR 30,000 to 40,000 a year, as of 2024-01.");
    assert_string_equal(l->lines[p + 1].text, "  Source: https://example.org/alpha");
    find_line(l, "\u2022 Elsewhere: no official figure; where to check: https://example.org/pay");

    /* Crime areas by label; progression as bullets. */
    find_line(l, "\u2022 Smuggling");
    find_line(l, "\u2022 Lead a team");
    bl_layout_free(l);

    /* Serving officers: either */
    l = bl_layout_entry(g, bl_guide_find(g, "beta"), 70);
    find_line(l, "  Graduate programme \u00b7 Betaland");
    find_line(l, "  \u2022 Open to serving officers and to others");
    bl_layout_free(l);
    bl_guide_free(g);
}

/* The bar of one dimension as the layout draws it. */
static char *bar_line(enum bl_fit_dim d, int level, int ascii)
{
    char cells[64] = "";
    for (int i = 0; i < 2 * BL_FIT_MAX_LEVEL; i++)
        strcat(cells, i < 2 * level ? (ascii ? "#" : "\u2593") : (ascii ? "-" : "\u2591"));
    const struct bl_fit_info *fi = bl_fit_info(d);
    return fs_fmt("%-23s %12s %s %s", fi->label, fi->low, cells, fi->high);
}

static void test_fit_chart(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    const bl_entry *a = bl_guide_find(g, "alpha");
    for (int ascii = 0; ascii <= 1; ascii++) {
        bl_layout *l = bl_layout_entry_ex(g, a, 70, ascii ? BL_LAYOUT_ASCII : 0);
        assert_non_null(l);
        size_t h = l->headings[heading_index(l, "Your fit")];
        for (int d = 0; d < BL_FIT_COUNT; d++) {
            char *want = bar_line((enum bl_fit_dim)d, a->role->fit[d].level, ascii);
            size_t i = find_line(l, want);
            assert_true(i > h);
            assert_int_equal(l->lines[i].part, BL_FIELD_FIT);
            assert_int_equal(l->lines[i].item, (size_t)d);
            assert_int_equal(l->lines[i].style, BL_LINE_TEXT);
            /* the reason under it, indented, as the item a search names */
            const bl_line *reason = &l->lines[i + 1];
            assert_int_equal(reason->style, BL_LINE_ITEM);
            assert_int_equal(reason->item, (size_t)d);
            assert_int_equal(reason->indent, 2);
            assert_string_equal(reason->text + 2, a->role->fit[d].reason);
            free(want);
        }
        bl_layout_free(l);
    }
    /* The levels are drawn: 1 is a quarter, 3 three quarters. */
    bl_layout *l = bl_layout_entry(g, a, 70);
    char *desk = bar_line(BL_FIT_DESK_FIELD, 1, 0);
    assert_non_null(strstr(desk, " desk \u2593\u2593\u2591\u2591\u2591\u2591\u2591\u2591 field"));
    find_line(l, desk);
    free(desk);
    bl_layout_free(l);
    bl_guide_free(g);
}

/* ASCII mode keeps every line's width, and prints ASCII only. */
static void test_ascii_same_width(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    for (size_t e = 0; e < g->n_entries; e++) {
        for (int width = 1; width <= 80; width += 7) {
            bl_layout *u = bl_layout_entry(g, &g->entries[e], width);
            bl_layout *a = bl_layout_entry_ex(g, &g->entries[e], width, BL_LAYOUT_ASCII);
            assert_int_equal(u->n_lines, a->n_lines);
            for (size_t i = 0; i < u->n_lines; i++) {
                assert_int_equal(u->lines[i].cols, a->lines[i].cols);
                for (const char *p = a->lines[i].text; *p; p++)
                    assert_true(*p >= 0x20 && *p < 0x7f);
            }
            bl_layout_free(u);
            bl_layout_free(a);
        }
    }
    bl_guide_free(g);
}

static void test_links(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    const bl_entry *a = bl_guide_find(g, "alpha");
    bl_layout *l = bl_layout_entry(g, a, 70);
    /* related roles, then related sections: both links */
    assert_int_equal(l->n_links, 2);
    assert_int_equal(l->link_targets[0], (long)bl_guide_index(g, bl_guide_find(g, "beta")));
    assert_int_equal(l->link_targets[1], (long)bl_guide_index(g, bl_guide_find(g, "outro")));
    const bl_line *ln = &l->lines[l->links[1]];
    assert_string_equal(ln->text, "\u2192 Closing");
    assert_int_equal(ln->style, BL_LINE_LINK);
    assert_int_equal(ln->part, BL_FIELD_SECTIONS);
    assert_true(l->links[1] > l->headings[heading_index(l, "Related sections")]);
    bl_layout_free(l);

    /* The glossary: one item per term, its related entries as links. */
    const bl_entry *ge = bl_guide_find(g, BL_GLOSSARY_ID);
    l = bl_layout_entry(g, ge, 70);
    size_t t = find_line(l, "\u2022 ABC (Alpha Beta Committee): A committee for tests.");
    assert_int_equal(l->lines[t].part, BL_FIELD_GLOSSARY);
    assert_int_equal(l->lines[t].item, 0);
    assert_string_equal(l->lines[t + 1].text, "  \u2192 Alpha officer");
    assert_string_equal(l->lines[t + 2].text, "  \u2192 Introduction");
    assert_int_equal(l->n_links, 2);
    assert_int_equal(l->link_targets[1], (long)bl_guide_index(g, bl_guide_find(g, "intro")));
    find_line(l, "\u2022 XY (Xeno Yield): Another term.");
    /* a term leads to its line */
    const bl_glossary_term *xy = bl_guide_glossary_find(g, "xy");
    bl_layout_pos pos = {.part = BL_FIELD_GLOSSARY, .item = (size_t)(xy - g->glossary)};
    assert_string_equal(l->lines[bl_layout_line_at(l, pos)].text,
                        "\u2022 XY (Xeno Yield): Another term.");
    bl_layout_free(l);
    bl_guide_free(g);
}

/* Every width: lines fit, and every reading position maps back. */
static void test_every_width(void **state)
{
    (void)state;
    bl_guide *g = load_base();
    for (size_t e = 0; e < g->n_entries; e++)
        for (int width = -1; width <= 90; width++) {
            bl_layout *l = bl_layout_entry(g, &g->entries[e], width);
            assert_non_null(l);
            int w = width < 1 ? 1 : width;
            for (size_t i = 0; i < l->n_lines; i++) {
                const bl_line *ln = &l->lines[i];
                assert_int_equal(ln->cols, bl_text_width(ln->text, ln->len));
                assert_true(ln->cols <= w || (w == 1 && ln->cols == 2) ||
                            is_url_line(ln->text, ln->len));
                assert_int_equal(bl_layout_line_at(l, bl_layout_pos_of(l, i)), i);
            }
            bl_layout_free(l);
        }
    bl_guide_free(g);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reading_order), cmocka_unit_test(test_quick_facts_and_routes),
        cmocka_unit_test(test_fit_chart),     cmocka_unit_test(test_ascii_same_width),
        cmocka_unit_test(test_links),         cmocka_unit_test(test_every_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
