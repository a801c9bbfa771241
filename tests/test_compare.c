/* test_compare.c — the comparison's rows (alignment, groups, sets, diff
 * flags) on a guide built by hand, and its text layout's thresholds. */
#include "borderless/compare.h"
#include "borderless/layout.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* ---- a guide of three roles and a section, built by hand ----------- */

static const char *const langs_a[] = {"English", "French", "Arabic"};
static const char *const langs_b[] = {"french", "English", "German", "German"};
static const char *const langs_c[] = {"English", "French", "Spanish"};
static const char *const skills_a[] = {"Writing"};
static const char *const skills_b[] = {"Writing"};
static const char *const skills_c[] = {"Writing"};
static const char *const alias_b[] = {"Analyst"};
#define LONG_URL "https://example.org/careers/a-very-long-path/that-is-wider-than-a-column"
static const char *const prog_c[] = {"See " LONG_URL " for the scheme"};

static bl_field_value fields[3][5];
static bl_role_facts facts[3];
static bl_entry entries[4];
static size_t by_id[4] = {0, 1, 2, 3};
static bl_guide guide;

static void build(void)
{
    static const char *summaries[3] = {"Works at a desk.\n\nSecond paragraph.", "Works at a desk.",
                                       "Works at a desk.\n\nSecond paragraph."};
    const char *const *langs[3] = {langs_a, langs_b, langs_c};
    size_t n_langs[3] = {3, 4, 3};
    const char *const *skills[3] = {skills_a, skills_b, skills_c};
    static const char *const ids[4] = {"a-role", "b-role", "c-role", "d-section"};
    static const char *const titles[4] = {"Alpha officer", "Bravo analyst", "Charlie agent",
                                          "Delta"};
    for (int r = 0; r < 3; r++) {
        size_t n = 0;
        if (r == 1)
            fields[r][n++] =
                (bl_field_value){.field = BL_FIELD_ALIASES, .items = alias_b, .n_items = 1};
        fields[r][n++] = (bl_field_value){.field = BL_FIELD_SUMMARY, .text = summaries[r]};
        fields[r][n++] =
            (bl_field_value){.field = BL_FIELD_SKILLS, .items = skills[r], .n_items = 1};
        fields[r][n++] =
            (bl_field_value){.field = BL_FIELD_LANGUAGES, .items = langs[r], .n_items = n_langs[r]};
        if (r == 2)
            fields[r][n++] =
                (bl_field_value){.field = BL_FIELD_PROGRESSION, .items = prog_c, .n_items = 1};
        facts[r] = (bl_role_facts){0};
        for (int f = 0; f < BL_FACT_COUNT; f++)
            facts[r].facts[f] = f == BL_FACT_EMPLOYER && r == 2 ? "Someone else" : "Same";
        for (int d = 0; d < BL_FIT_COUNT; d++)
            facts[r].fit[d] = (bl_fit){.level = d == BL_FIT_TRAVEL ? r : 2, .reason = titles[r]};
        entries[r] = (bl_entry){.kind = BL_ENTRY_ROLE,
                                .id = ids[r],
                                .title = titles[r],
                                .fields = fields[r],
                                .n_fields = n,
                                .reviewed = "2026-11-25",
                                .role = &facts[r]};
    }
    entries[3] = (bl_entry){.kind = BL_ENTRY_SECTION, .id = ids[3], .title = titles[3]};
    guide = (bl_guide){.title = "Test",
                       .entries = entries,
                       .n_entries = 4,
                       .n_roles = 3,
                       .n_sections = 1,
                       .by_id = by_id};
}

static const bl_cmp_row *row_of(const bl_compare *c, int part, size_t sub)
{
    for (size_t i = 0; i < c->n_rows; i++)
        if (c->rows[i].part == part && c->rows[i].sub == sub)
            return &c->rows[i];
    return NULL;
}

static bl_compare *cmp2(int a, int b)
{
    const bl_entry *roles[2] = {&entries[a], &entries[b]};
    return bl_compare_build(&guide, roles, 2);
}

/* ---- rows ----------------------------------------------------------- */

static void test_bad_arguments(void **state)
{
    (void)state;
    const bl_entry *roles[4] = {&entries[0], &entries[1], &entries[2], &entries[0]};
    assert_null(bl_compare_build(&guide, roles, 1));
    assert_null(bl_compare_build(&guide, roles, 4));
    const bl_entry *with_section[2] = {&entries[0], &entries[3]};
    assert_null(bl_compare_build(&guide, with_section, 2));
    long bad = 7;
    const char *ids[2] = {"a-role", "nope"};
    assert_null(bl_compare_build_ids(&guide, ids, 2, &bad));
    assert_int_equal(bad, 1);
    const char *sec[2] = {"d-section", "a-role"};
    assert_null(bl_compare_build_ids(&guide, sec, 2, &bad));
    assert_int_equal(bad, 0);
    const char *ok[3] = {"a-role", "b-role", "c-role"};
    bl_compare *c = bl_compare_build_ids(&guide, ok, 3, &bad);
    assert_non_null(c);
    assert_int_equal(bad, -1);
    assert_int_equal(c->n_roles, 3);
    bl_compare_free(c);
    bl_compare_free(NULL);
}

/* Rows come in the schema's order, grouped, every group non-empty and
 * contiguous; fields no role has give no row. */
static void test_rows_in_schema_order_and_grouped(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 1);
    assert_non_null(c);
    int last_part = -100;
    for (size_t i = 0; i < c->n_rows; i++) {
        int part = c->rows[i].part == BL_PART_REVIEWED ? BL_FIELD_COUNT + 1 : c->rows[i].part;
        assert_true(part >= last_part);
        last_part = part;
    }
    size_t next = 0;
    for (size_t gi = 0; gi < c->n_groups; gi++) {
        assert_int_equal(c->groups[gi].first, next);
        assert_true(c->groups[gi].n_rows >= 1);
        next += c->groups[gi].n_rows;
    }
    assert_int_equal(next, c->n_rows);
    assert_string_equal(c->groups[0].heading, "Quick facts");
    assert_null(row_of(c, BL_FIELD_PAY, 0)); /* no role has pay */
    assert_null(row_of(c, BL_FIELD_ROUTES, 0));
    const bl_cmp_row *fit = row_of(c, BL_FIELD_FIT, BL_FIT_EDUCATION);
    assert_non_null(fit);
    assert_int_equal(fit->kind, BL_CMP_LEVEL);
    assert_string_equal(fit->label, "Education level");
    const bl_cmp_row *rev = row_of(c, BL_PART_REVIEWED, 0);
    assert_non_null(rev);
    assert_string_equal(rev->label, "Last reviewed");
    assert_int_equal(rev->differs, 0);
    bl_compare_free(c);
}

/* Lists are sets: shared once (the first role's spelling and order,
 * ignoring case), then each role's own, repeats counted once. */
static void test_sets_shared_and_particular(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 1);
    const bl_cmp_row *l = row_of(c, BL_FIELD_LANGUAGES, 0);
    assert_non_null(l);
    assert_int_equal(l->kind, BL_CMP_SET);
    assert_int_equal(l->shared.n_items, 2);
    assert_string_equal(l->shared.items[0], "English");
    assert_string_equal(l->shared.items[1], "French");
    assert_int_equal(l->cells[0].n_items, 1);
    assert_string_equal(l->cells[0].items[0], "Arabic");
    assert_int_equal(l->cells[1].n_items, 1); /* German twice counts once */
    assert_string_equal(l->cells[1].items[0], "German");
    assert_true(l->differs);

    const bl_cmp_row *s = row_of(c, BL_FIELD_SKILLS, 0);
    assert_int_equal(s->shared.n_items, 1);
    assert_int_equal(s->cells[0].n_items, 0);
    assert_int_equal(s->cells[1].n_items, 0);
    assert_true(s->cells[0].given);
    assert_false(s->differs);

    /* a list only one role has: the other is not given, and it differs */
    const bl_cmp_row *al = row_of(c, BL_FIELD_ALIASES, 0);
    assert_non_null(al);
    assert_false(al->cells[0].given);
    assert_true(al->cells[1].given);
    assert_int_equal(al->shared.n_items, 0);
    assert_true(al->differs);
    bl_compare_free(c);

    /* three roles: shared means in all three */
    const bl_entry *three[3] = {&entries[0], &entries[1], &entries[2]};
    c = bl_compare_build(&guide, three, 3);
    l = row_of(c, BL_FIELD_LANGUAGES, 0);
    assert_int_equal(l->shared.n_items, 2);
    assert_string_equal(l->cells[2].items[0], "Spanish");
    bl_compare_free(c);
}

static void test_diff_flags(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 2);
    /* same text: no difference; another employer: a difference */
    assert_false(row_of(c, BL_FIELD_SUMMARY, 0)->differs);
    assert_false(row_of(c, BL_FIELD_QUICK_FACTS, BL_FACT_STATUS)->differs);
    assert_true(row_of(c, BL_FIELD_QUICK_FACTS, BL_FACT_EMPLOYER)->differs);
    /* levels differ on travel only; reasons never count */
    assert_true(row_of(c, BL_FIELD_FIT, BL_FIT_TRAVEL)->differs);
    assert_false(row_of(c, BL_FIELD_FIT, BL_FIT_SHIFTS)->differs);
    assert_int_equal(row_of(c, BL_FIELD_FIT, BL_FIT_TRAVEL)->cells[1].level, 2);
    /* text cells are paragraphs */
    const bl_cmp_row *sum = row_of(c, BL_FIELD_SUMMARY, 0);
    assert_int_equal(sum->cells[0].n_items, 2);
    assert_string_equal(sum->cells[0].items[1], "Second paragraph.");
    size_t n = 0;
    for (size_t i = 0; i < c->n_rows; i++)
        n += c->rows[i].differs;
    assert_int_equal(n, c->n_differ);
    size_t ng = 0;
    for (size_t gi = 0; gi < c->n_groups; gi++)
        ng += c->groups[gi].n_differ;
    assert_int_equal(ng, c->n_differ);
    bl_compare_free(c);

    c = cmp2(0, 1);
    assert_true(row_of(c, BL_FIELD_SUMMARY, 0)->differs);
    bl_compare_free(c);

    /* a role with itself: nothing differs */
    c = cmp2(1, 1);
    assert_int_equal(c->n_differ, 0);
    bl_compare_free(c);
}

/* ---- text ----------------------------------------------------------- */

static void test_side_by_side_thresholds(void **state)
{
    (void)state;
    int label, col;
    assert_true(bl_compare_side_by_side(2, 80, &label, &col));
    assert_true(col >= BL_CMP_MIN_COLUMN);
    assert_false(bl_compare_side_by_side(3, 80, NULL, NULL));
    assert_true(bl_compare_side_by_side(3, 200, &label, &col));
    assert_true(col >= BL_CMP_MIN_COLUMN);
    assert_true(label + 3 * (col + 3) <= 200);
    assert_false(bl_compare_side_by_side(2, 40, NULL, NULL));
    /* the smallest width that is side by side gives exactly the minimum */
    for (size_t n = 2; n <= 3; n++) {
        int w = 20;
        while (!bl_compare_side_by_side(n, w, NULL, &col))
            w++;
        assert_int_equal(col, BL_CMP_MIN_COLUMN);
    }
}

static int has_line(const bl_cmp_text *t, const char *s)
{
    for (size_t i = 0; i < t->n_lines; i++)
        if (strcmp(t->lines[i].text, s) == 0)
            return 1;
    return 0;
}

static void test_text_side_by_side(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 1);
    bl_cmp_text *t = bl_compare_text(c, 80, 0);
    assert_non_null(t);
    assert_true(t->side_by_side);
    assert_int_equal(t->header_lines, 2);
    for (size_t i = 0; i < t->n_lines; i++) {
        assert_true(t->lines[i].cols <= 80);
        assert_int_equal((int)strlen(t->lines[i].text), (int)t->lines[i].len);
    }
    assert_true(has_line(
        t, "                  \u2502 A Alpha officer              \u2502 B Bravo analyst"));
    assert_true(has_line(t, "\u2260 Languages       \u2502 Both:"));
    assert_true(has_line(t, "                  \u2502 \u2022 English"));
    assert_true(
        has_line(t, "                  \u2502 Only A:                      \u2502 Only B:"));
    assert_true(has_line(
        t, "                  \u2502 \u2022 Arabic                     \u2502 \u2022 German"));
    assert_true(has_line(t, "  Skills          \u2502 Both:"));
    assert_true(has_line(
        t,
        "\u2260 Also known as   \u2502 \u2014                            \u2502 \u2022 Analyst"));
    assert_true(
        has_line(t,
                 "  Desk or field   \u2502 \u2593\u2593\u2593\u2593\u2591\u2591\u2591\u2591 2/4 "
                 "                \u2502 \u2593\u2593\u2593\u2593\u2591\u2591\u2591\u2591 2/4"));
    bl_compare_text_free(t);

    /* differences only: no row that is the same, no group without one */
    t = bl_compare_text(c, 80, BL_CMP_DIFF_ONLY);
    assert_false(has_line(t, "  Skills          \u2502 Both:"));
    assert_true(has_line(t, "\u2260 Languages       \u2502 Both:"));
    assert_false(has_line(t, "Review"));
    for (size_t i = t->header_lines; i < t->n_lines; i++)
        if (t->lines[i].style == BL_CMP_LINE_ROW)
            assert_true(t->lines[i].differs);
    bl_compare_text_free(t);
    bl_compare_free(c);
}

static void test_text_stacked_and_ascii(void **state)
{
    (void)state;
    const bl_entry *three[3] = {&entries[0], &entries[1], &entries[2]};
    bl_compare *c = bl_compare_build(&guide, three, 3);
    bl_cmp_text *t = bl_compare_text(c, 80, BL_CMP_ASCII);
    assert_non_null(t);
    assert_false(t->side_by_side);
    assert_true(has_line(t, "A  Alpha officer"));
    assert_true(has_line(t, "C  Charlie agent"));
    assert_true(has_line(t, "* Languages"));
    assert_true(has_line(t, "  All three:"));
    assert_true(has_line(t, "   - English"));
    assert_true(has_line(t, "  A  - Arabic"));
    assert_true(has_line(t, "  C  - Spanish"));
    assert_true(has_line(t, "  A  ####---- 2/4"));
    for (size_t i = 0; i < t->n_lines; i++)
        for (const char *p = t->lines[i].text; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
    bl_compare_text_free(t);

    /* 200 columns: three side by side */
    t = bl_compare_text(c, 200, 0);
    assert_true(t->side_by_side);
    for (size_t i = 0; i < t->n_lines; i++)
        assert_true(t->lines[i].cols <= 200);
    bl_compare_text_free(t);

    /* a narrow width wraps, never truncates: every word is still there */
    t = bl_compare_text(c, 20, 0);
    assert_non_null(t);
    int found = 0;
    for (size_t i = 0; i < t->n_lines; i++) {
        assert_true(t->lines[i].cols <= 20 || strstr(t->lines[i].text, "://"));
        found |= strstr(t->lines[i].text, "paragraph.") != NULL;
    }
    assert_true(found);
    bl_compare_text_free(t);
    bl_compare_free(c);
}

/* Side by side, a URL wider than its column is cut into pieces so that
 * the columns stay aligned; every piece is there, in order. */
static void test_long_url_side_by_side(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 2);
    bl_cmp_text *t = bl_compare_text(c, 80, 0);
    assert_true(t->side_by_side);
    char joined[512] = "";
    for (size_t i = 0; i < t->n_lines; i++) {
        assert_true(t->lines[i].cols <= 80);
        const bl_cmp_line *ln = &t->lines[i];
        if (ln->row < 0 || c->rows[ln->row].part != BL_FIELD_PROGRESSION)
            continue;
        /* the second column's text: after the second bar */
        const char *p = strstr(ln->text, "\u2502");
        p = p ? strstr(p + 3, "\u2502") : NULL;
        if (!p)
            continue;
        p += 3;
        while (*p == ' ' || strncmp(p, "\u2022", 3) == 0)
            p += *p == ' ' ? 1 : 3;
        for (; *p && strlen(joined) + 2 < sizeof joined; p++)
            if (*p != ' ')
                strncat(joined, p, 1);
    }
    assert_non_null(strstr(joined, LONG_URL "forthescheme"));
    bl_compare_text_free(t);
    /* stacked, the URL keeps a line of its own, whole */
    t = bl_compare_text(c, 40, 0);
    assert_false(t->side_by_side);
    int whole = 0;
    for (size_t i = 0; i < t->n_lines; i++)
        whole |= strstr(t->lines[i].text, LONG_URL) != NULL;
    assert_true(whole);
    bl_compare_text_free(t);
    bl_compare_free(c);
}

static void test_no_differences_note(void **state)
{
    (void)state;
    bl_compare *c = cmp2(2, 2);
    bl_cmp_text *t = bl_compare_text(c, 80, BL_CMP_DIFF_ONLY);
    assert_true(has_line(t, "No differences: these roles are the same in every row."));
    bl_compare_text_free(t);
    bl_compare_free(c);
}

static void test_markdown(void **state)
{
    (void)state;
    bl_compare *c = cmp2(0, 1);
    char *md = NULL;
    size_t len = 0;
    assert_int_equal(bl_compare_markdown(c, 0, &md, &len), 0);
    assert_int_equal(strlen(md), len);
    assert_non_null(strstr(md, "# Comparison: Alpha officer and Bravo analyst\n"));
    assert_non_null(strstr(md,
                           "### Languages (differs)\n\n- Both:\n  - English\n  - French\n"
                           "- **Alpha officer only:**\n  - Arabic\n"));
    assert_non_null(strstr(md, "### Skills\n"));
    assert_non_null(strstr(md, "- **Bravo analyst:** 1 of 4 (rarely to often): Bravo analyst\n"));
    free(md);
    assert_int_equal(bl_compare_markdown(c, BL_CMP_DIFF_ONLY, &md, &len), 0);
    assert_null(strstr(md, "### Skills\n"));
    assert_non_null(strstr(md, "### Travel (differs)"));
    free(md);
    assert_int_equal(bl_compare_markdown(NULL, 0, &md, &len), -EINVAL);
    bl_compare_free(c);
}

int main(void)
{
    build();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_rows_in_schema_order_and_grouped),
        cmocka_unit_test(test_sets_shared_and_particular),
        cmocka_unit_test(test_diff_flags),
        cmocka_unit_test(test_side_by_side_thresholds),
        cmocka_unit_test(test_text_side_by_side),
        cmocka_unit_test(test_text_stacked_and_ascii),
        cmocka_unit_test(test_long_url_side_by_side),
        cmocka_unit_test(test_no_differences_note),
        cmocka_unit_test(test_markdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
