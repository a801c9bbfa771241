/* test_summary.c — the role summary: golden files of a real role in both
 * formats, the 72-column text rules, Markdown escaping, formats by name and
 * extension, and bl_summary_save() with "~" and relative paths.
 *
 * Regenerate the golden files after an intended change (then review the
 * diff): BORDERLESS_UPDATE_GOLDEN=1 ctest -R test_summary
 */
#include "core_util.h"

#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/safewrite.h"
#include "borderless/summary.h"

#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define GOLDEN_ROLE "interpol-agent"

static bl_guide *guide;

static int load_guide(void **state)
{
    (void)state;
    const char *src = getenv("BORDERLESS_SOURCE_DIR");
    assert_non_null(src);
    char dir[BL_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/content", src);
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    guide = bl_load_dir(dir, &d);
    if (!guide)
        bl_diags_print(&d, stderr);
    bl_diags_free(&d);
    return guide ? 0 : -1;
}

static int free_guide(void **state)
{
    (void)state;
    bl_guide_free(guide);
    guide = NULL;
    return 0;
}

static char *render(const bl_guide *g, const char *id, enum bl_summary_format fmt, size_t *len)
{
    const bl_entry *e = bl_guide_find(g, id);
    assert_non_null(e);
    char *doc = NULL;
    assert_int_equal(bl_summary_render(g, e, fmt, &doc, len), 0);
    assert_non_null(doc);
    assert_int_equal(strlen(doc), *len);
    return doc;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- golden files ---------------------------------------------------- */

static void check_golden(enum bl_summary_format fmt, const char *ext)
{
    size_t len = 0;
    char *doc = render(guide, GOLDEN_ROLE, fmt, &len);
    char path[BL_PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/golden/%s.%s", getenv("BORDERLESS_SOURCE_DIR"),
             GOLDEN_ROLE, ext);
    const char *update = getenv("BORDERLESS_UPDATE_GOLDEN");
    if (update && strcmp(update, "1") == 0) {
        char reason[BL_REASON_MAX];
        int rc = bl_safewrite(path, doc, len, BL_SAFEWRITE_OVERWRITE, reason, sizeof reason);
        if (rc != 0)
            fail_msg("cannot update %s", reason);
        fprintf(stderr, "updated %s\n", path);
    }
    size_t glen = 0;
    char *golden = slurp(path, &glen);
    if (!golden)
        fail_msg("cannot read %s: %s (set BORDERLESS_UPDATE_GOLDEN=1 to create it)", path,
                 strerror(errno));
    if (glen != len || memcmp(golden, doc, len) != 0) {
        size_t i = 0;
        while (i < len && i < glen && golden[i] == doc[i])
            i++;
        fprintf(stderr, "--- rendered ---\n%s--- end ---\n", doc);
        fail_msg("%s differs from the rendered summary at byte %zu "
                 "(BORDERLESS_UPDATE_GOLDEN=1 regenerates it)",
                 path, i);
    }
    free(golden);
    free(doc);
}

static void test_golden_text(void **state)
{
    (void)state;
    check_golden(BL_SUMMARY_TEXT, "txt");
}

static void test_golden_markdown(void **state)
{
    (void)state;
    check_golden(BL_SUMMARY_MARKDOWN, "md");
}

/* ---- the text format ------------------------------------------------ */

static int all_of(const char *s, size_t len, char c)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != c)
            return 0;
    return 1;
}

/* Every line fits 72 columns, has no trailing space, and an underline is as
 * wide as the heading above it.  Returns the number of underlines. */
static int check_text_rules(const char *doc, size_t len, const char *title)
{
    assert_true(len > 0);
    assert_int_equal(doc[len - 1], '\n');
    assert_null(strstr(doc, "\n\n\n"));
    /* The title comes first, underlined with '='. */
    size_t tl = strlen(title);
    if (bl_text_width(title, tl) <= BL_SUMMARY_WIDTH) {
        assert_memory_equal(doc, title, tl);
        assert_int_equal(doc[tl], '\n');
    }
    int underlines = 0;
    int block_widest = 0; /* widest line since the last blank line */
    for (const char *p = doc; p < doc + len;) {
        const char *nl = memchr(p, '\n', (size_t)(doc + len - p));
        assert_non_null(nl);
        size_t n = (size_t)(nl - p);
        int w = bl_text_width(p, n);
        if (w > BL_SUMMARY_WIDTH && !is_url_line(p, n))
            fail_msg("line of %d columns: %.*s", w, (int)n, p);
        if (n > 0 && p[n - 1] == ' ')
            fail_msg("trailing space: %.*s", (int)n, p);
        if (block_widest > 0 && (all_of(p, n, '=') || all_of(p, n, '-'))) {
            /* A heading (maybe wrapped) is underlined to its widest line. */
            assert_int_equal(w, block_widest);
            underlines++;
            block_widest = 0;
        } else {
            block_widest = n == 0 ? 0 : (w > block_widest ? w : block_widest);
        }
        p = nl + 1;
    }
    return underlines;
}

/* The Markdown summary with escapes removed: one item or paragraph a line,
 * so a whole value can be looked for. */
static char *plain_markdown(const bl_entry *e)
{
    size_t len = 0;
    char *md = render(guide, e->id, BL_SUMMARY_MARKDOWN, &len);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (md[i] == '\\' && i + 1 < len && md[i + 1] != '\n')
            i++;
        md[o++] = md[i];
    }
    md[o] = '\0';
    return md;
}

static void assert_has(const char *doc, const char *what, const char *role)
{
    if (!strstr(doc, what))
        fail_msg("the summary of %s lacks \"%s\"", role, what);
}

static void test_text_rules_every_role(void **state)
{
    (void)state;
    int too_long = 0;
    for (size_t i = 0; i < guide->n_roles; i++) {
        const bl_entry *e = &guide->entries[i];
        size_t len = 0;
        char *doc = render(guide, e->id, BL_SUMMARY_TEXT, &len);
        /* title + at least quick facts, summary, routes, languages,
         * sources (requirements may go: see below) */
        assert_true(check_text_rules(doc, len, e->title) >= 1 + 5);
        assert_non_null(strstr(doc, "Role summary from Borderless"));
        for (size_t k = 0; k < e->n_links && strstr(doc, "\nRelated roles\n"); k++)
            assert_non_null(strstr(doc, guide->entries[e->links[k]].title));
        /* Two printed pages at most. */
        size_t lines = 0;
        for (size_t k = 0; k < len; k++)
            lines += doc[k] == '\n';
        if (lines > BL_SUMMARY_MAX_LINES) {
            /* Reported after the other rules have been checked for all. */
            print_error("the summary of %s has %zu lines (at most %d)\n", e->id, lines,
                        BL_SUMMARY_MAX_LINES);
            too_long++;
        }
        /* It ends with the review date. */
        char *last = fs_fmt("\nLast reviewed: %s\n", e->reviewed);
        assert_true(len > strlen(last));
        assert_string_equal(doc + len - strlen(last), last);
        free(last);
        free(doc);

        /* What a summary must hold, whatever else it leaves out. */
        char *md = plain_markdown(e);
        const bl_role_facts *rf = e->role;
        assert_non_null(rf);
        for (int f = 0; f < BL_FACT_COUNT; f++)
            assert_has(md, rf->facts[f], e->id);
        for (size_t r = 0; r < rf->n_routes; r++) {
            const bl_route *ro = &rf->routes[r];
            assert_has(md, ro->name, e->id);
            assert_has(md, ro->where, e->id);
            for (size_t k = 0; k < ro->n_who; k++)
                assert_has(md, ro->who[k], e->id);
            for (size_t k = 0; k < ro->n_steps; k++) {
                char *step = fs_fmt("%zu. %s", k + 1, ro->steps[k].step);
                assert_has(md, step, e->id);
                free(step);
                if (ro->steps[k].duration)
                    assert_has(md, ro->steps[k].duration, e->id);
            }
        }
        /* The requirements go only when every route says who may use it. */
        int every_who = rf->n_routes > 0;
        for (size_t r = 0; r < rf->n_routes; r++)
            every_who = every_who && rf->routes[r].n_who > 0;
        if (!strstr(md, "\n## Requirements and training\n") && !every_who)
            fail_msg("the summary of %s lost its requirements", e->id);
        static const enum bl_field kept[] = {BL_FIELD_SUMMARY, BL_FIELD_LANGUAGES};
        for (size_t f = 0; f < sizeof kept / sizeof kept[0]; f++) {
            const bl_field_value *v = bl_entry_get(e, kept[f]);
            assert_non_null(v);
            if (v->text) {
                const char *nl = strstr(v->text, "\n\n");
                char *first =
                    fs_fmt("%.*s", (int)(nl ? nl - v->text : (long)strlen(v->text)), v->text);
                assert_has(md, first, e->id);
                free(first);
            }
            for (size_t k = 0; k < v->n_items; k++)
                assert_has(md, v->items[k], e->id);
        }
        /* Every source a route or pay cites; the others may be only
         * counted, with the command that lists them. */
        for (size_t k = 0; k < rf->n_pay; k++) {
            char *src = fs_fmt("\\\n  Source: %s\n", rf->pay[k].source);
            assert_has(md, src, e->id);
            free(src);
        }
        size_t missing = 0;
        for (size_t k = 0; k < e->n_sources; k++) {
            int cited = 0;
            for (size_t r = 0; r < rf->n_routes; r++)
                for (size_t j = 0; j < rf->routes[r].n_sources; j++)
                    cited |= strcmp(rf->routes[r].sources[j], e->sources[k].url) == 0;
            for (size_t j = 0; j < rf->n_pay; j++)
                cited |= strcmp(rf->pay[j].source, e->sources[k].url) == 0;
            char *item = fs_fmt("\n- %s\n", e->sources[k].url);
            if (cited)
                assert_has(md, item, e->id);
            else if (!strstr(md, item))
                missing++;
            free(item);
        }
        if (missing > 0) {
            char *more = fs_fmt("\n%zu more source%s: `borderless show %s`\n", missing,
                                missing == 1 ? "" : "s", e->id);
            assert_has(md, more, e->id);
            free(more);
        } else {
            assert_null(strstr(md, " more source"));
        }
        char *rev = fs_fmt("Last reviewed: %s", e->reviewed);
        assert_has(md, rev, e->id);
        free(rev);
        free(md);
    }
    assert_int_equal(too_long, 0);
}

/* The base fixture's short role keeps every part; the same role with a
 * very long list of duties loses optional parts, never the required ones,
 * and fits the bound. */
static char *fixture_summary(const char *dir, size_t *lines, int md)
{
    bl_diags d;
    bl_diags_init(&d, 0);
    bl_guide *g = bl_load_dir(dir, &d);
    if (!g) {
        bl_diags_print(&d, stderr);
        fail_msg("the fixture did not load");
    }
    bl_diags_free(&d);
    size_t len = 0;
    char *doc = render(g, "alpha", md ? BL_SUMMARY_MARKDOWN : BL_SUMMARY_TEXT, &len);
    *lines = 0;
    for (size_t k = 0; k < len; k++)
        *lines += doc[k] == '\n';
    bl_guide_free(g);
    return doc;
}

static void test_fits_two_pages(void **state)
{
    (void)state;
    char *base = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    size_t lines;
    char *doc = fixture_summary(base, &lines, 0);
    static const char *const all[] = {
        "\nQuick facts\n",
        "- Employer: An agency\n",
        "\nWhat they do\n",
        "\nWork environment\n",
        "\nHow people get in\n",
        "\nDirect entry\n",
        "Direct recruitment, Alphaland. Open to people who are not serving\nofficers.\n",
        "- Who: Citizens of Alphaland\n",
        "1. Apply online\n",
        "2. Training (6 months)\n",
        "Source: https://example.org/alpha\n",
        "\nRequirements and training\n",
        "\nLanguages\n",
        "\nSkills\n",
        "\nPay\n",
        "- Alphaland (A1): EUR 30,000 to 40,000 a year, as of 2024-01.\n"
        "  Source: https://example.org/alpha\n",
        "- Elsewhere: no official figure; where to check: https://example.org/pay\n"
        "  Source: https://example.org/alpha\n",
        "\nFirst paragraph of the summary, on two lines.\n\nSecond paragraph.\n",
        "\nWhere it can lead\n",
        "\nCrime areas\n-----------\n\nSmuggling.\n",
        "\nRelated roles\n",
        "\nSources\n-------\n\n- https://example.org/alpha\n",
        "\nLast reviewed: 2024-01-15\n"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strstr(doc, all[i]))
            fail_msg("the base summary lacks \"%s\":\n%s", all[i], doc);
    free(doc);

    /* 150 duties: far too long for two pages. */
    char *dir = fs_tmpdir();
    fs_copy_guide(base, dir);
    char *path = fs_fmt("%s/roles/alpha.yaml", dir);
    size_t len;
    unsigned char *buf = fs_read(path, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    const char *at = strstr(text, "  - Do the second thing\n");
    assert_non_null(at);
    size_t pre = (size_t)(at - text);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, pre, f);
    for (int i = 0; i < 150; i++)
        fprintf(f, "  - Duty number %d, which takes a whole line of its own\n", i);
    fputs(text + pre, f);
    assert_int_equal(fclose(f), 0);
    doc = fixture_summary(dir, &lines, 0);
    assert_true(lines <= BL_SUMMARY_MAX_LINES);
    assert_null(strstr(doc, "\nWhat they do\n"));
    assert_null(strstr(doc, "Duty number"));
    assert_null(strstr(doc, "\nSkills\n"));
    assert_non_null(strstr(doc, "\nQuick facts\n"));
    assert_non_null(strstr(doc, "1. Apply online\n"));
    assert_non_null(strstr(doc, "\nPay\n"));
    assert_non_null(strstr(doc, "\nLast reviewed: 2024-01-15\n"));
    free(doc);
    /* Markdown leaves out the same parts. */
    doc = fixture_summary(dir, &lines, 1);
    assert_null(strstr(doc, "Duty number"));
    assert_non_null(strstr(doc, "\n## Quick facts\n"));
    free(doc);

    /* 100 conditions on the route: last of all, they are joined. */
    f = fopen(path, "wb");
    assert_non_null(f);
    at = strstr(text, "      - Citizens of Alphaland\n");
    assert_non_null(at);
    pre = (size_t)(at - text);
    fwrite(text, 1, pre, f);
    for (int i = 0; i < 100; i++)
        fprintf(f, "      - Cond %d\n", i);
    fputs(text + pre, f);
    assert_int_equal(fclose(f), 0);
    doc = fixture_summary(dir, &lines, 0);
    assert_true(lines <= BL_SUMMARY_MAX_LINES);
    assert_non_null(strstr(doc, "- Who: Cond 0; Cond 1; Cond 2;"));
    assert_non_null(strstr(doc, "Cond 99; Citizens of Alphaland\n"));
    assert_null(strstr(doc, "\nSource: https://example.org/alpha\n")); /* route sources went */
    assert_non_null(strstr(doc, "\nLast reviewed: 2024-01-15\n"));
    free(doc);
    free(text);
    free(buf);
    free(path);
    fs_rm_rf(dir);
    free(dir);
    free(base);
}

/* Writes the base fixture's alpha to dir with `langs` more languages (a
 * part that always stays, to make the text as long as wanted) and `extra`
 * sources that nothing cites. */
static void write_alpha(const char *dir, int langs, int extra)
{
    char *base = fs_fmt("%s/base/roles/alpha.yaml", fs_env("BORDERLESS_FIXTURES"));
    size_t len;
    unsigned char *buf = fs_read(base, &len);
    char *text = fs_fmt("%.*s", (int)len, (const char *)buf);
    const char *lang = strstr(text, "  - English\n");
    const char *src = strstr(text, "    url: https://example.org/alpha\n");
    assert_non_null(lang);
    assert_non_null(src);
    assert_true(lang < src);
    lang += strlen("  - English\n");
    src += strlen("    url: https://example.org/alpha\n");
    char *path = fs_fmt("%s/roles/alpha.yaml", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, (size_t)(lang - text), f);
    for (int i = 0; i < langs; i++)
        fprintf(f, "  - Language %d\n", i);
    fwrite(lang, 1, (size_t)(src - lang), f);
    for (int i = 0; i < extra; i++)
        fprintf(f, "  - title: Extra %d\n    url: https://example.org/extra%d\n", i, i);
    fputs(src, f);
    assert_int_equal(fclose(f), 0);
    free(path);
    free(text);
    free(buf);
    free(base);
}

/* The steps a long summary takes, in order: each is taken only after the
 * ones before it, each is taken at some length on its own, and the text
 * fits until every step has been taken. */
static void test_compaction_order(void **state)
{
    (void)state;
    char *base = fs_fmt("%s/base", fs_env("BORDERLESS_FIXTURES"));
    char *dir = fs_tmpdir();
    fs_copy_guide(base, dir);
    struct {
        const char *text;
        int present; /* the step shows as this text appearing, else going */
    } steps[] = {
        {"\nSkills\n", 0},
        {"\nWhat they do\n", 0},
        {"\nSource: https://example.org/alpha\n", 0}, /* the route's own */
        {"Second paragraph.", 0},
        {"\nRequirements and training\n", 0},
        {"\n1. Apply online 2. Training (6 months)\n", 1},
        {"\n- https://example.org/alpha\n\n3 more sources: borderless show alpha\n", 1},
    };
    enum { N_STEPS = sizeof steps / sizeof steps[0] };
    int seen[N_STEPS + 1] = {0};
    for (int langs = 0; langs <= 150; langs++) {
        write_alpha(dir, langs, 3);
        size_t lines;
        char *doc = fixture_summary(dir, &lines, 0);
        int taken = 0;
        for (int k = 0; k < N_STEPS; k++) {
            int on = (strstr(doc, steps[k].text) != NULL) == steps[k].present;
            if (on && taken != k)
                fail_msg("with %d languages step %d is taken before step %d:\n%s", langs, k, taken,
                         doc);
            taken += on;
        }
        seen[taken] = 1;
        if (taken < N_STEPS && lines > BL_SUMMARY_MAX_LINES)
            fail_msg("with %d languages: %zu lines after %d steps", langs, lines, taken);
        /* What always stays. */
        assert_non_null(strstr(doc, "\nFirst paragraph of the summary, on two lines.\n"));
        assert_non_null(strstr(doc, "- Who: Citizens of Alphaland\n"));
        assert_non_null(strstr(doc, "\n  Source: https://example.org/alpha\n"));
        if (langs > 0)
            assert_non_null(strstr(doc, "- Language 0\n"));
        assert_non_null(strstr(doc, "\nLast reviewed: 2024-01-15\n"));
        if (taken == N_STEPS)
            assert_null(strstr(doc, "https://example.org/extra"));
        else if (taken < N_STEPS - 1)
            assert_non_null(strstr(doc, "- https://example.org/extra2\n"));
        free(doc);
        if (taken == N_STEPS && lines > BL_SUMMARY_MAX_LINES + 5)
            break;
    }
    for (int k = 0; k <= N_STEPS; k++)
        if (!seen[k])
            fail_msg("no length stops after exactly %d steps", k);

    /* Markdown takes the same steps. */
    size_t lines;
    char *doc = fixture_summary(dir, &lines, 1);
    assert_null(strstr(doc, "Second paragraph."));
    assert_null(strstr(doc, "\n## Requirements and training\n"));
    assert_non_null(strstr(doc, "\n1\\. Apply online 2. Training (6 months)\n"));
    assert_non_null(strstr(doc,
                           "\n- https://example.org/alpha\n\n"
                           "3 more sources: `borderless show alpha`\n"));
    assert_non_null(strstr(doc, "2024-01.\\\n  Source: https://example.org/alpha\n"));
    free(doc);

    /* One uncited source: counting it would take more lines than listing
     * it, so it stays listed. */
    write_alpha(dir, 150, 1);
    doc = fixture_summary(dir, &lines, 0);
    assert_non_null(strstr(doc, "\n1. Apply online 2. Training (6 months)\n"));
    assert_non_null(strstr(doc, "\n- https://example.org/extra0\n"));
    assert_null(strstr(doc, "more source"));
    free(doc);

    /* A route that does not say who may use it (the loader refuses one,
     * but the rule is the summary's own): the requirements stay. */
    write_alpha(dir, 150, 3);
    bl_diags d;
    bl_diags_init(&d, 0);
    bl_guide *g = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    assert_non_null(g);
    const bl_entry *alpha = bl_guide_find(g, "alpha");
    assert_non_null(alpha);
    assert_non_null(alpha->role);
    assert_int_equal(alpha->role->n_routes, 1);
    ((bl_route *)alpha->role->routes)[0].n_who = 0;
    size_t len = 0;
    doc = render(g, "alpha", BL_SUMMARY_TEXT, &len);
    assert_non_null(strstr(doc, "\nRequirements and training\n"));
    assert_non_null(strstr(doc, "\n- A degree\n"));
    assert_null(strstr(doc, "Who:"));
    assert_non_null(strstr(doc, "\n1. Apply online 2. Training (6 months)\n"));
    assert_non_null(strstr(doc, "\n3 more sources: borderless show alpha\n"));
    free(doc);
    bl_guide_free(g);

    fs_rm_rf(dir);
    free(dir);
    free(base);
}

static void test_deterministic(void **state)
{
    (void)state;
    for (int fmt = BL_SUMMARY_TEXT; fmt <= BL_SUMMARY_MARKDOWN; fmt++) {
        size_t a_len = 0, b_len = 0;
        char *a = render(guide, GOLDEN_ROLE, (enum bl_summary_format)fmt, &a_len);
        char *b = render(guide, GOLDEN_ROLE, (enum bl_summary_format)fmt, &b_len);
        assert_int_equal(a_len, b_len);
        assert_memory_equal(a, b, a_len);
        free(a);
        free(b);
    }
}

/* ---- a hostile role built by hand ----------------------------------- */

static const char *const hostile_items[] = {
    "- starts like a list item",
    "1. starts like an ordered item",
    "# starts like a heading",
    "Control\x01"
    "char and \x1b[31mescape\x1b[0m",
    "Wide \xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
    "\xe4\xb8\xad\xe6\x96\x87 characters",
    "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword",
};

static bl_guide hostile_guide(bl_entry entries[2], bl_field_value fields[2], size_t by_id[2])
{
    fields[0] =
        (bl_field_value){.field = BL_FIELD_SUMMARY,
                         .text = "A *bold* claim with [a link](http://x) and <b>html</b>.\n\n"
                                 "Second paragraph: 100% of `code` and a_b_c | pipes."};
    fields[1] = (bl_field_value){.field = BL_FIELD_SKILLS,
                                 .items = hostile_items,
                                 .n_items = sizeof hostile_items / sizeof hostile_items[0]};
    entries[0] = (bl_entry){
        .kind = BL_ENTRY_ROLE,
        .id = "hostile",
        .title = "The *very* long [title] of a role that goes on and on past the seventy-two "
                 "column limit",
        .fields = fields,
        .n_fields = 2};
    entries[1] = (bl_entry){.kind = BL_ENTRY_SECTION, .id = "training", .title = "Train_ing"};
    by_id[0] = 0;
    by_id[1] = 1;
    return (bl_guide){.title = "Guide #1",
                      .tagline = NULL,
                      .entries = entries,
                      .n_entries = 2,
                      .n_roles = 1,
                      .n_sections = 1,
                      .by_id = by_id};
}

static void test_hostile_text(void **state)
{
    (void)state;
    bl_entry entries[2];
    bl_field_value fields[2];
    size_t by_id[2];
    bl_guide g = hostile_guide(entries, fields, by_id);
    size_t len = 0;
    char *doc = render(&g, "hostile", BL_SUMMARY_TEXT, &len);
    /* The long title wraps to two lines, underlined to the wider one. */
    check_text_rules(doc, len, entries[0].title);
    assert_non_null(strstr(doc, "Role summary from Guide #1\n"));
    assert_null(strchr(doc, '\x1b'));
    assert_null(strchr(doc, '\x01'));
    assert_non_null(strstr(doc, "\n- Averyvery"));
    assert_non_null(strstr(doc, "\"Train_ing\""));
    assert_non_null(strstr(doc, " To read it, run:\n\n    borderless show training\n"));
    free(doc);
}

static void test_hostile_markdown(void **state)
{
    (void)state;
    bl_entry entries[2];
    bl_field_value fields[2];
    size_t by_id[2];
    bl_guide g = hostile_guide(entries, fields, by_id);
    size_t len = 0;
    char *doc = render(&g, "hostile", BL_SUMMARY_MARKDOWN, &len);
    static const char *const expected[] = {
        "# The \\*very\\* long \\[title\\] of a role that goes on and on past the "
        "seventy-two column limit\n",
        "\nRole summary from Guide \\#1\n",
        "\n## Summary\n\nA \\*bold\\* claim with \\[a link\\](http://x) and "
        "\\<b\\>html\\</b\\>.\n\nSecond paragraph: 100% of \\`code\\` and a\\_b\\_c \\| "
        "pipes.\n",
        "\n## Skills\n\n- \\- starts like a list item\n- 1\\. starts like an ordered item\n"
        "- \\# starts like a heading\n- Control\xef\xbf\xbd"
        "char and \xef\xbf\xbd\\[31mescape",
        "\n## More in the guide\n\nFor how to prepare for these careers, see the section "
        "\"Train\\_ing\" in Guide \\#1. To read it, run: `borderless show training`\n",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (!strstr(doc, expected[i]))
            fail_msg("missing:\n%s\nin:\n%s", expected[i], doc);
    assert_null(strchr(doc, '\x1b'));
    free(doc);
}

/* ---- Markdown escaping ---------------------------------------------- */

static void check_escape(const char *in, const char *want)
{
    char *got = bl_summary_md_escape(in, strlen(in));
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("escape(\"%s\") = \"%s\", want \"%s\"", in, got, want);
    free(got);
}

static void test_md_escape(void **state)
{
    (void)state;
    check_escape("", "");
    check_escape("plain words, (parentheses). Yes!", "plain words, (parentheses). Yes!");
    check_escape("a*b_c`d", "a\\*b\\_c\\`d");
    check_escape("[link](http://x) ![img](y)", "\\[link\\](http://x) !\\[img\\](y)");
    check_escape("<b>&amp; &#35; R&D & co", "\\<b\\>\\&amp; \\&\\#35; R\\&D & co");
    check_escape("back\\slash", "back\\\\slash");
    check_escape("a | b ~~c~~ {d} #e", "a \\| b \\~\\~c\\~\\~ \\{d\\} \\#e");
    check_escape("# heading", "\\# heading");
    check_escape("- item", "\\- item");
    check_escape("+ item", "\\+ item");
    check_escape("* item", "\\* item");
    check_escape("> quote", "\\> quote");
    check_escape("===", "\\===");
    check_escape("---", "\\---");
    check_escape("1. one", "1\\. one");
    check_escape("2024) two", "2024\\) two");
    check_escape("1234567890. ten digits", "1234567890. ten digits");
    check_escape("a - b + c = d. 1. e", "a - b + c = d. 1. e");
    check_escape("    indented", "indented");
    check_escape("caf\xc3\xa9 \xe4\xb8\xad", "caf\xc3\xa9 \xe4\xb8\xad");
}

/* ---- formats, names ------------------------------------------------- */

static void test_formats(void **state)
{
    (void)state;
    enum bl_summary_format f = BL_SUMMARY_AUTO;
    assert_int_equal(bl_summary_parse_format("text", &f), 0);
    assert_int_equal(f, BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_parse_format("Markdown", &f), 0);
    assert_int_equal(f, BL_SUMMARY_MARKDOWN);
    assert_int_equal(bl_summary_parse_format("md", &f), 0);
    assert_int_equal(bl_summary_parse_format("html", &f), -1);
    assert_int_equal(bl_summary_parse_format("", &f), -1);

    assert_int_equal(bl_summary_format_for_path("a.md"), BL_SUMMARY_MARKDOWN);
    assert_int_equal(bl_summary_format_for_path("/x/y/a.MARKDOWN"), BL_SUMMARY_MARKDOWN);
    assert_int_equal(bl_summary_format_for_path("a.txt"), BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_format_for_path("a"), BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_format_for_path(".md"), BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_format_for_path("x.md/a"), BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_format_for_path("-"), BL_SUMMARY_TEXT);
    assert_int_equal(bl_summary_format_for_path(NULL), BL_SUMMARY_TEXT);

    char buf[64];
    const bl_entry *e = bl_guide_find(guide, GOLDEN_ROLE);
    assert_int_equal(bl_summary_default_path(e, buf, sizeof buf), 0);
    assert_string_equal(buf, "./interpol-agent-summary.txt");
    assert_int_equal(bl_summary_default_path(e, buf, 10), -1);
}

static void test_render_rejects(void **state)
{
    (void)state;
    char *doc = NULL;
    size_t len = 0;
    const bl_entry *section = bl_guide_find(guide, "training");
    assert_non_null(section);
    assert_int_equal(bl_summary_render(guide, section, BL_SUMMARY_TEXT, &doc, &len), -EINVAL);
    const bl_entry *role = bl_guide_find(guide, GOLDEN_ROLE);
    assert_int_equal(bl_summary_render(guide, role, BL_SUMMARY_AUTO, &doc, &len), -EINVAL);
    assert_null(doc);
}

/* ---- saving --------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void test_save(void **state)
{
    (void)state;
    char dir[] = "/tmp/bl-summary-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char old_cwd[BL_PATH_MAX];
    assert_non_null(getcwd(old_cwd, sizeof old_cwd));
    assert_int_equal(chdir(dir), 0);
    const char *old_home = getenv("HOME");
    char *saved_home = old_home ? strdup(old_home) : NULL;

    const bl_entry *e = bl_guide_find(guide, GOLDEN_ROLE);
    char typed[64], want[BL_PATH_MAX + 64], msg[BL_PATH_MAX + 128];
    assert_int_equal(bl_summary_default_path(e, typed, sizeof typed), 0);
    snprintf(want, sizeof want, "%s/interpol-agent-summary.txt", dir);
    snprintf(msg, sizeof msg, "Saved %s", want);

    bl_save_result r;
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_OK);
    assert_int_equal(r.err, 0);
    assert_string_equal(r.path, want);
    assert_string_equal(r.message, msg);
    size_t len = 0, want_len = 0;
    char *content = slurp(want, &len);
    char *doc = render(guide, GOLDEN_ROLE, BL_SUMMARY_TEXT, &want_len);
    assert_non_null(content);
    assert_int_equal(len, want_len);
    assert_memory_equal(content, doc, len);
    free(content);
    free(doc);

    /* Again: the prompt must ask first; the file is untouched. */
    FILE *f = fopen(want, "w");
    assert_non_null(f);
    fputs("mine\n", f);
    assert_int_equal(fclose(f), 0);
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_EXISTS);
    assert_int_equal(r.err, EEXIST);
    assert_string_equal(r.path, want);
    assert_non_null(strstr(r.message, want));
    content = slurp(want, &len);
    assert_string_equal(content, "mine\n");
    free(content);
    /* The user said yes (as --force: no question to carry). */
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, 1, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_OK);
    content = slurp(want, &len);
    assert_int_equal(len, want_len);
    free(content);

    /* The guide's way: the question's file is carried to the answer. */
    bl_safewrite_target asked;
    f = fopen(want, "w");
    assert_non_null(f);
    fputs("mine\n", f);
    assert_int_equal(fclose(f), 0);
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, 0, &asked, &r);
    assert_int_equal(r.status, BL_SAVE_EXISTS);
    assert_int_equal(asked.kind, BL_SAFEWRITE_FILE);
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, BL_SAFEWRITE_OVERWRITE, &asked, &r);
    assert_int_equal(r.status, BL_SAVE_OK);
    content = slurp(want, &len);
    assert_int_equal(len, want_len);
    free(content);
    /* The file is replaced by another while the question is open: "yes"
     * does not reach the new one. */
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, 0, &asked, &r);
    assert_int_equal(r.status, BL_SAVE_EXISTS);
    f = fopen("other.txt", "w");
    assert_non_null(f);
    fputs("someone else's\n", f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rename("other.txt", want), 0);
    bl_summary_save(guide, e, typed, BL_SUMMARY_AUTO, BL_SAFEWRITE_OVERWRITE, &asked, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_int_equal(r.err, ESTALE);
    assert_non_null(strstr(r.message, "changed since it was checked"));
    content = slurp(want, &len);
    assert_string_equal(content, "someone else's\n");
    free(content);
    /* An answer about another path is refused. */
    bl_summary_save(guide, e, "elsewhere.txt", BL_SUMMARY_AUTO, BL_SAFEWRITE_OVERWRITE, &asked, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_null(slurp("elsewhere.txt", &len));

    /* "~" is the home folder; .md picks Markdown. */
    assert_int_equal(setenv("HOME", dir, 1), 0);
    bl_summary_save(guide, e, "~/s.md", BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_OK);
    snprintf(want, sizeof want, "%s/s.md", dir);
    assert_string_equal(r.path, want);
    content = slurp(want, &len);
    assert_non_null(content);
    assert_memory_equal(content, "# Interpol officer\n", 19);
    free(content);
    /* An explicit format wins over the extension. */
    bl_summary_save(guide, e, "~/t.md", BL_SUMMARY_TEXT, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_OK);
    content = slurp(r.path, &len);
    assert_memory_equal(content, "Interpol officer\n====", 21);
    free(content);

    /* A missing folder fails, naming the path and the reason. */
    bl_summary_save(guide, e, "no/such/folder/x.txt", BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_int_equal(r.err, ENOENT);
    snprintf(want, sizeof want, "%s/no/such/folder/x.txt: No such file or directory", dir);
    assert_string_equal(r.message, want);

    /* A folder. */
    bl_summary_save(guide, e, ".", BL_SUMMARY_AUTO, 1, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_int_equal(r.err, EISDIR);

    /* Nothing typed; a section. */
    bl_summary_save(guide, e, "", BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_string_equal(r.message, "No file name given");
    bl_summary_save(guide, bl_guide_find(guide, "training"), "x.txt", BL_SUMMARY_AUTO, 0, NULL, &r);
    assert_int_equal(r.status, BL_SAVE_FAILED);
    assert_int_equal(r.err, EINVAL);

    if (saved_home) {
        setenv("HOME", saved_home, 1);
        free(saved_home);
    } else {
        unsetenv("HOME");
    }
    assert_int_equal(chdir(old_cwd), 0);
    assert_int_equal(nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_text),
        cmocka_unit_test(test_golden_markdown),
        cmocka_unit_test(test_text_rules_every_role),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_fits_two_pages),
        cmocka_unit_test(test_compaction_order),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_hostile_markdown),
        cmocka_unit_test(test_md_escape),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_render_rejects),
        cmocka_unit_test(test_save),
    };
    return cmocka_run_group_tests(tests, load_guide, free_guide);
}
