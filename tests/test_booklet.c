/* test_booklet.c — the booklet (booklet.h): every scope in every format on
 * the real content, the same bytes twice, role bodies that are the
 * summary's, HTML that holds no script and links every role from its
 * contents, and hostile content (markup, quotes, control characters, a
 * javascript: address) that comes out escaped, never as markup or as a
 * control character.  The HTML is also checked by tidy and html5lib in
 * tests/export/test_export_html.sh. */
#include "borderless/booklet.h"
#include "borderless/compare.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/mdslug.h"
#include "borderless/summary.h"

#include <errno.h>
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

static bl_guide *guide;
static bl_shortlist *shelf;

#define SHELF_TEXT                                                                                 \
    "borderless-shortlist 1\n"                                                                     \
    "role\teuropol-analyst\tadded=2026-11-30T10:00:00Z\treviewed=2000-01-01\t"                     \
    "note=Ask about <script>alert(\"x\")</script> & 'pay'\n"                                       \
    "role\tinterpol-agent\tadded=2026-11-30T11:00:00Z\n"                                           \
    "role\tno-longer-here\tadded=2026-11-30T12:00:00Z\n"

static int setup(void **state)
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
    if (!guide)
        return -1;
    return bl_shortlist_from_text(SHELF_TEXT, strlen(SHELF_TEXT), &shelf, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    bl_shortlist_close(shelf);
    bl_guide_free(guide);
    return 0;
}

static size_t role_index(const bl_guide *g, const char *id)
{
    const bl_entry *e = bl_guide_find(g, id);
    assert_non_null(e);
    return bl_guide_index(g, e);
}

static char *render(const bl_guide *g, const bl_booklet_spec *s, enum bl_booklet_format fmt,
                    int ascii, size_t *len)
{
    char *doc = NULL;
    size_t n = 0;
    assert_int_equal(bl_booklet_render(g, s, fmt, ascii, &doc, &n), 0);
    assert_non_null(doc);
    assert_int_equal(strlen(doc), n);
    if (len)
        *len = n;
    return doc;
}

/* No byte below 0x20 but '\n', no DEL, no ESC. */
static void assert_no_controls(const char *doc, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)doc[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            fail_msg("control byte 0x%02x at %zu: ...%.40s", c, i, doc + (i > 20 ? i - 20 : 0));
    }
}

/* Whether hay[0..n) holds needle[0..m). */
static const char *find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; m <= n && i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

static int contains_ci(const char *doc, const char *what)
{
    size_t n = strlen(what);
    for (const char *p = doc; *p; p++)
        if (strncasecmp(p, what, n) == 0)
            return 1;
    return 0;
}

/* Markdown: every '<' is escaped ("\<"), so no raw HTML gets through. */
static void assert_md_escaped(const char *doc)
{
    for (const char *p = strchr(doc, '<'); p; p = strchr(p + 1, '<'))
        if (p == doc || p[-1] != '\\')
            fail_msg("a raw '<' in Markdown: %.40s", p);
}

/* Every role of the booklet has an anchor and a link to it in the
 * contents, once. */
static void assert_toc(const bl_guide *g, const char *doc, const size_t *roles, size_t n)
{
    const char *nav = strstr(doc, "<nav");
    const char *nav_end = nav ? strstr(nav, "</nav>") : NULL;
    assert_non_null(nav_end);
    for (size_t i = 0; i < n; i++) {
        char link[300], anchor[300];
        snprintf(link, sizeof link, "<a href=\"#role-%s\">", g->entries[roles[i]].id);
        snprintf(anchor, sizeof anchor, "<article id=\"role-%s\"", g->entries[roles[i]].id);
        const char *l = strstr(nav, link);
        if (!l || l > nav_end)
            fail_msg("no contents link to %s", g->entries[roles[i]].id);
        if (!strstr(doc, anchor))
            fail_msg("no article for %s", g->entries[roles[i]].id);
    }
}

static void assert_html_basics(const char *doc, size_t len)
{
    assert_no_controls(doc, len);
    assert_true(strncmp(doc,
                        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">",
                        strlen("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                               "charset=\"utf-8\">")) == 0);
    assert_false(contains_ci(doc, "<script"));
    assert_false(contains_ci(doc, "<link"));
    assert_false(contains_ci(doc, "<img"));
    assert_false(contains_ci(doc, "@import"));
    assert_false(contains_ci(doc, "url("));
    assert_false(contains_ci(doc, "javascript:"));
    assert_non_null(strstr(doc, "@media print"));
    assert_non_null(strstr(doc, "@page"));
    assert_non_null(strstr(doc, "break-before:page"));
    /* The content's version and review date. */
    char date[64];
    snprintf(date, sizeof date, "<time datetime=\"%s\">", bl_booklet_content_date(guide));
    assert_non_null(strstr(doc, date));
    assert_non_null(strstr(doc, "borderless "));
    assert_true(len > 7 && strcmp(doc + len - 8, "</html>\n") == 0);
}

/* ---- each scope in each format ------------------------------------------ */

static void every_format(const bl_booklet_spec *s, const size_t *roles, size_t n_roles)
{
    static const enum bl_booklet_format fmts[] = {BL_BOOKLET_TEXT, BL_BOOKLET_MARKDOWN,
                                                  BL_BOOKLET_HTML};
    for (size_t f = 0; f < 3; f++) {
        size_t len = 0, len2 = 0;
        char *doc = render(guide, s, fmts[f], 0, &len);
        char *again = render(guide, s, fmts[f], 0, &len2);
        /* Deterministic: the same input, the same bytes. */
        assert_int_equal(len, len2);
        assert_memory_equal(doc, again, len);
        free(again);
        assert_no_controls(doc, len);
        if (fmts[f] == BL_BOOKLET_HTML) {
            assert_html_basics(doc, len);
            assert_toc(guide, doc, roles, n_roles);
        } else {
            if (fmts[f] == BL_BOOKLET_MARKDOWN)
                assert_md_escaped(doc);
            /* The version and review date on the cover. */
            assert_non_null(strstr(doc, bl_booklet_content_date(guide)));
            /* Every role by its title (escaped in Markdown). */
            for (size_t i = 0; i < n_roles; i++) {
                const char *t = guide->entries[roles[i]].title;
                char *md = bl_summary_md_escape(t, strlen(t));
                assert_non_null(md);
                if (!strstr(doc, fmts[f] == BL_BOOKLET_MARKDOWN ? md : t))
                    fail_msg("no title %s", t);
                free(md);
            }
        }
        if (fmts[f] == BL_BOOKLET_TEXT && s->scope != BL_BOOKLET_FIT) {
            /* Every line fits the summary's measure, but for an address
             * that cannot be broken. */
            const char *line = doc;
            while (*line) {
                const char *nl = strchr(line, '\n');
                size_t n = nl ? (size_t)(nl - line) : strlen(line);
                int w = bl_text_width(line, n);
                if (w > BL_SUMMARY_WIDTH && !find_bytes(line, n, "://", 3))
                    fail_msg("a line of %d columns: %.*s", w, (int)n, line);
                line += n + (nl != NULL);
            }
        }
        free(doc);
    }
}

static void test_all(void **state)
{
    (void)state;
    bl_booklet_spec s = {.scope = BL_BOOKLET_ALL};
    size_t *roles = calloc(guide->n_roles, sizeof *roles);
    assert_non_null(roles);
    for (size_t i = 0; i < guide->n_roles; i++)
        roles[i] = i;
    every_format(&s, roles, guide->n_roles);
    /* The sections follow the roles, each with an anchor. */
    char *doc = render(guide, &s, BL_BOOKLET_HTML, 0, NULL);
    for (size_t i = guide->n_roles; i < guide->n_entries; i++) {
        char anchor[300];
        snprintf(anchor, sizeof anchor, "href=\"#section-%s\"", guide->entries[i].id);
        assert_non_null(strstr(doc, anchor));
    }
    free(doc);
    /* Text: every role's summary, as `borderless summary` writes it. */
    doc = render(guide, &s, BL_BOOKLET_TEXT, 0, NULL);
    for (size_t i = 0; i < guide->n_roles; i++) {
        char *one = NULL;
        size_t n = 0;
        assert_int_equal(bl_summary_render(guide, &guide->entries[i], BL_SUMMARY_TEXT, &one, &n),
                         0);
        assert_non_null(find_bytes(doc, strlen(doc), one, n));
        free(one);
    }
    free(doc);
    free(roles);
}

static void test_shortlist(void **state)
{
    (void)state;
    bl_booklet_spec s = {.scope = BL_BOOKLET_SHORTLIST, .shortlist = shelf};
    size_t roles[] = {role_index(guide, "europol-analyst"), role_index(guide, "interpol-agent")};
    every_format(&s, roles, 2);
    char *doc = render(guide, &s, BL_BOOKLET_HTML, 0, NULL);
    /* The note, escaped; "updated since"; the role that is gone. */
    assert_non_null(strstr(doc,
                           "Ask about &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                           "&amp; &#39;pay&#39;"));
    assert_non_null(strstr(doc, "Updated since you added it"));
    assert_non_null(strstr(doc, "no-longer-here"));
    /* In the shortlist's order. */
    assert_true(strstr(doc, "id=\"role-europol-analyst\"") <
                strstr(doc, "id=\"role-interpol-agent\""));
    free(doc);
    doc = render(guide, &s, BL_BOOKLET_TEXT, 0, NULL);
    assert_non_null(strstr(doc, "Your note: Ask about <script>"));
    assert_non_null(strstr(doc, "Updated since you added it (reviewed 2000-01-01 then"));
    free(doc);
    doc = render(guide, &s, BL_BOOKLET_MARKDOWN, 0, NULL);
    assert_non_null(strstr(doc, "**Your note:** Ask about \\<script\\>"));
    free(doc);
}

static void test_compare(void **state)
{
    (void)state;
    size_t roles[] = {role_index(guide, "interpol-agent"), role_index(guide, "europol-analyst"),
                      role_index(guide, "customs-border-officer")};
    for (size_t n = 2; n <= 3; n++) {
        bl_booklet_spec s = {.scope = BL_BOOKLET_COMPARE, .roles = roles, .n_roles = n};
        every_format(&s, roles, n);
        char *doc = render(guide, &s, BL_BOOKLET_HTML, 0, NULL);
        assert_non_null(strstr(doc, "<section id=\"comparison\""));
        assert_non_null(strstr(doc, "<a href=\"#comparison\">"));
        assert_non_null(strstr(doc, "<tr class=\"differs\">"));
        free(doc);
        /* Text and Markdown: compare.h's own renderings inside. */
        bl_compare *c = bl_compare_build_ids(
            guide,
            (const char *const[]){"interpol-agent", "europol-analyst", "customs-border-officer"}, n,
            NULL);
        assert_non_null(c);
        char *md = NULL;
        size_t md_len = 0;
        assert_int_equal(bl_compare_markdown(c, 0, &md, &md_len), 0);
        doc = render(guide, &s, BL_BOOKLET_MARKDOWN, 0, NULL);
        assert_non_null(find_bytes(doc, strlen(doc), md, md_len));
        free(doc);
        free(md);
        bl_compare_free(c);
    }
    /* The same role twice: compared, but its profile and contents line
     * once (an id must be unique). */
    size_t twice[] = {roles[0], roles[0]};
    bl_booklet_spec same = {.scope = BL_BOOKLET_COMPARE, .roles = twice, .n_roles = 2};
    char *html = render(guide, &same, BL_BOOKLET_HTML, 0, NULL);
    const char *first = strstr(html, "<article id=\"role-interpol-agent\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "<article id=\"role-interpol-agent\""));
    const char *link = strstr(html, "<li><a href=\"#role-interpol-agent\">");
    assert_non_null(link);
    assert_null(strstr(link + 1, "<li><a href=\"#role-interpol-agent\">"));
    free(html);
    /* One role, or four, is no comparison. */
    bl_booklet_spec bad = {.scope = BL_BOOKLET_COMPARE, .roles = roles, .n_roles = 1};
    char *doc = NULL;
    size_t len = 0;
    assert_int_equal(bl_booklet_render(guide, &bad, BL_BOOKLET_HTML, 0, &doc, &len), -EINVAL);
    assert_null(doc);
}

static void test_fit(void **state)
{
    (void)state;
    bl_fit_answers a;
    bl_fit_answers_init(&a);
    a.level[BL_FIT_DESK_FIELD] = 0;
    a.level[BL_FIT_TRAVEL] = 4;
    a.important[BL_FIT_TRAVEL] = 1;
    bl_booklet_spec s = {.scope = BL_BOOKLET_FIT, .answers = &a};
    size_t *roles = calloc(guide->n_roles, sizeof *roles);
    assert_non_null(roles);
    for (size_t i = 0; i < guide->n_roles; i++)
        roles[i] = i;
    every_format(&s, roles, guide->n_roles);
    free(roles);
    /* Text and Markdown: the fit report itself, after the cover. */
    char *rep = NULL;
    size_t rep_len = 0;
    assert_int_equal(bl_fit_report_render(guide, &a, BL_SUMMARY_MARKDOWN, 0, &rep, &rep_len), 0);
    char *doc = render(guide, &s, BL_BOOKLET_MARKDOWN, 0, NULL);
    assert_non_null(find_bytes(doc, strlen(doc), rep, rep_len));
    free(doc);
    free(rep);
    doc = render(guide, &s, BL_BOOKLET_HTML, 0, NULL);
    assert_non_null(strstr(doc, "(important)"));
    assert_non_null(strstr(doc, "The roles, best fit first"));
    free(doc);
}

/* ---- hostile content ---------------------------------------------------- */

static const char *const evil_items[] = {
    "<img src=x onerror=alert(1)>",
    "bell\x07 and escape \x1b[31mred\x1b[0m",
};
static const bl_field_value evil_fields[] = {
    {.field = BL_FIELD_SUMMARY,
     .text = "<script>alert('x')</script> \"quoted\" & 'single' \x01\x1b]0;title\x07 end"},
    {.field = BL_FIELD_SKILLS, .items = evil_items, .n_items = 2},
};
static const bl_source evil_sources[] = {
    {.title = "<b>bold</b>", .url = "javascript:alert(1)"},
    {.title = "spaces", .url = "https://example.org/a b\"<x>'"},
    {.title = "fine", .url = "https://example.org/?a=1&b=2"},
};
static const bl_entry evil_entries[] = {{
    .kind = BL_ENTRY_ROLE,
    .id = "evil",
    .title = "Role \"<b>\" & 'co' \x1b[2J",
    .fields = evil_fields,
    .n_fields = 2,
    .sources = evil_sources,
    .n_sources = 3,
    .reviewed = "2024-01-01",
}};
static const size_t evil_by_id[] = {0};
static const bl_guide evil_guide = {
    .title = "Guide </title><script>alert(1)</script>",
    .tagline = "tag\x1b[31mline\x07",
    .entries = evil_entries,
    .n_entries = 1,
    .n_roles = 1,
    .by_id = evil_by_id,
};

static void test_hostile(void **state)
{
    (void)state;
    size_t role = 0;
    bl_booklet_spec specs[] = {
        {.scope = BL_BOOKLET_ALL},
        {.scope = BL_BOOKLET_ROLES, .roles = &role, .n_roles = 1},
    };
    for (size_t k = 0; k < 2; k++) {
        size_t len = 0;
        char *doc = render(&evil_guide, &specs[k], BL_BOOKLET_HTML, 0, &len);
        assert_no_controls(doc, len);
        assert_false(contains_ci(doc, "<script"));
        assert_false(contains_ci(doc, "<img"));
        assert_false(contains_ci(doc, "<b>"));
        assert_false(contains_ci(doc, "javascript:alert(1)\""));
        assert_false(contains_ci(doc, "href=\"javascript"));
        assert_non_null(strstr(doc,
                               "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                               "&quot;quoted&quot; &amp; &#39;single&#39;"));
        assert_non_null(strstr(doc, "&lt;img src=x onerror=alert(1)&gt;"));
        assert_non_null(strstr(doc, "<title>Guide &lt;/title&gt;&lt;script&gt;"));
        /* Addresses: only http(s) become links, percent-encoded where a
         * byte may not stand; & as an entity. */
        assert_non_null(strstr(doc, "&lt;b&gt;bold&lt;/b&gt; <span class=\"url\">javascript:"));
        assert_non_null(strstr(doc, "<a href=\"https://example.org/a%20b%22%3Cx%3E%27\">"));
        assert_non_null(strstr(doc, "<a href=\"https://example.org/?a=1&amp;b=2\">"));
        assert_non_null(strstr(doc, "<a href=\"#role-evil\">"));
        free(doc);
        for (int f = BL_BOOKLET_TEXT; f <= BL_BOOKLET_MARKDOWN; f++) {
            doc = render(&evil_guide, &specs[k], (enum bl_booklet_format)f, 0, &len);
            assert_no_controls(doc, len);
            if (f == BL_BOOKLET_MARKDOWN) {
                assert_md_escaped(doc);
                assert_non_null(strstr(doc, "\\<script\\>"));
            }
            free(doc);
        }
    }
    char *e = bl_booklet_html_escape("a<b>&\"'\x1b", 7);
    assert_non_null(e);
    assert_true(strncmp(e, "a&lt;b&gt;&amp;&quot;&#39;", 26) == 0);
    assert_no_controls(e, strlen(e));
    free(e);
}

/* ---- Markdown: the contents link to the headings -------------------------- */

/* Every "[title](#anchor)" item of the Markdown contents names a heading
 * of the document that has that title, with that anchor when the
 * document's headings are counted in order (mdslug.h); n items in all. */
static void assert_md_links(const char *doc, size_t n)
{
    /* The anchors of the document's headings, by their text. */
    bl_mdslug *s = bl_mdslug_new();
    assert_non_null(s);
    char *texts[4096], *anchors[4096];
    size_t nh = 0;
    for (const char *p = doc; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *t;
        size_t tl;
        if (bl_mdslug_heading(p, len, &t, &tl) == 0) {
            assert_true(nh < 4096);
            texts[nh] = t;
            anchors[nh++] = bl_mdslug_next(s, t, tl);
        }
        p += len + (nl != NULL);
    }
    bl_mdslug_free(s);
    const char *c = strstr(doc, "\n## Contents\n");
    const char *end = c ? strstr(c, "\n---\n") : NULL;
    assert_non_null(end);
    size_t items = 0;
    for (const char *p = strstr(c, "["); p && p < end; p = strstr(p + 1, "\n")) {
        const char *open = strchr(p, '[');
        if (!open || open > end)
            break;
        const char *mid = strstr(open, "](#"), *close = mid ? strchr(mid, ')') : NULL;
        assert_non_null(close);
        char title[512], anchor[512];
        snprintf(title, sizeof title, "%.*s", (int)(mid - open - 1), open + 1);
        snprintf(anchor, sizeof anchor, "%.*s", (int)(close - mid - 3), mid + 3);
        /* The link text is escaped as the heading is: unescape both alike. */
        char *tt;
        size_t tl;
        char line[520];
        snprintf(line, sizeof line, "# %s", title);
        assert_int_equal(bl_mdslug_heading(line, strlen(line), &tt, &tl), 0);
        int found = 0;
        for (size_t k = 0; k < nh && !found; k++)
            found = strcmp(anchors[k], anchor) == 0 && strcmp(texts[k], tt) == 0;
        if (!found)
            fail_msg("no heading \"%s\" with the anchor #%s", tt, anchor);
        free(tt);
        items++;
        p = close;
    }
    assert_int_equal(items, n);
    for (size_t k = 0; k < nh; k++) {
        free(texts[k]);
        free(anchors[k]);
    }
}

static void test_md_contents_links(void **state)
{
    (void)state;
    /* All roles: under their groups, each a link; then the sections. */
    bl_booklet_spec all = {.scope = BL_BOOKLET_ALL};
    char *doc = render(guide, &all, BL_BOOKLET_MARKDOWN, 0, NULL);
    assert_non_null(
        strstr(doc,
               "## Contents\n"
               "\n"
               "- International organisations\n"
               "    - [Interpol officer](#interpol-officer)\n"
               "    - [United Nations police officer](#united-nations-police-officer)\n"));
    assert_non_null(strstr(doc,
                           "    - [Police or customs attach\xc3\xa9 abroad]"
                           "(#police-or-customs-attach\xc3\xa9-abroad)\n"));
    assert_non_null(strstr(doc, "- Sections\n    - [About this guide](#about-this-guide)\n"));
    assert_md_links(doc, guide->n_entries);
    free(doc);

    /* The shortlist: numbered, in its order; the role gone is not linked. */
    bl_booklet_spec sl = {.scope = BL_BOOKLET_SHORTLIST, .shortlist = shelf};
    doc = render(guide, &sl, BL_BOOKLET_MARKDOWN, 0, NULL);
    assert_non_null(strstr(doc,
                           "## Contents\n"
                           "\n"
                           "1. [Europol analyst or specialist](#europol-analyst-or-specialist)\n"
                           "2. [Interpol officer](#interpol-officer)\n"
                           "\n"
                           "No longer in the guide (on your shortlist):\n"));
    assert_md_links(doc, 2);
    free(doc);

    /* A comparison: its own headings come first and are counted too. */
    size_t roles[] = {role_index(guide, "interpol-agent"), role_index(guide, "europol-analyst")};
    bl_booklet_spec cmp = {.scope = BL_BOOKLET_COMPARE, .roles = roles, .n_roles = 2};
    doc = render(guide, &cmp, BL_BOOKLET_MARKDOWN, 0, NULL);
    assert_md_links(doc, 2);
    free(doc);
}

/* Titles that repeat a heading before them: GitHub counts them up. */
static const bl_field_value dup_fields[] = {{.field = BL_FIELD_SUMMARY, .text = "Text."}};
static const bl_entry dup_entries[] = {
    {.kind = BL_ENTRY_ROLE,
     .id = "c1",
     .title = "Contents",
     .fields = dup_fields,
     .n_fields = 1,
     .reviewed = "2024-01-01"},
    {.kind = BL_ENTRY_ROLE,
     .id = "s1",
     .title = "Summary",
     .fields = dup_fields,
     .n_fields = 1,
     .reviewed = "2024-01-01"},
    {.kind = BL_ENTRY_ROLE,
     .id = "s2",
     .title = "Summary!",
     .fields = dup_fields,
     .n_fields = 1,
     .reviewed = "2024-01-01"},
    {.kind = BL_ENTRY_ROLE,
     .id = "x",
     .title = "[C] & \\*bold\\* <b>",
     .fields = dup_fields,
     .n_fields = 1,
     .reviewed = "2024-01-01"},
};
static const size_t dup_by_id[] = {0, 1, 2, 3};
static const bl_guide dup_guide = {
    .title = "Dup",
    .entries = dup_entries,
    .n_entries = 4,
    .n_roles = 4,
    .by_id = dup_by_id,
};

static void test_md_contents_repeats(void **state)
{
    (void)state;
    size_t roles[] = {0, 1, 2, 3};
    bl_booklet_spec s = {.scope = BL_BOOKLET_ROLES, .roles = roles, .n_roles = 4};
    char *doc = render(&dup_guide, &s, BL_BOOKLET_MARKDOWN, 0, NULL);
    /* "## Contents" on the cover is #contents; the role "Contents" comes
     * after it, and each role's "## Summary" before the next role. */
    assert_non_null(strstr(doc,
                           "1. [Contents](#contents-1)\n"
                           "2. [Summary](#summary-1)\n"
                           "3. [Summary!](#summary-3)\n"
                           "4. [\\[C\\] & \\\\\\*bold\\\\\\* \\<b\\>](#c--bold-b)\n"));
    assert_md_links(doc, 4);
    assert_md_escaped(doc);
    free(doc);
}

/* ---- names, formats, bad specs ------------------------------------------ */

static void test_names(void **state)
{
    (void)state;
    enum bl_booklet_format f;
    assert_int_equal(bl_booklet_parse_format("HTML", &f), 0);
    assert_int_equal(f, BL_BOOKLET_HTML);
    assert_int_equal(bl_booklet_parse_format("md", &f), 0);
    assert_int_equal(f, BL_BOOKLET_MARKDOWN);
    assert_int_equal(bl_booklet_parse_format("txt", &f), 0);
    assert_int_equal(f, BL_BOOKLET_TEXT);
    assert_int_equal(bl_booklet_parse_format("pdf", &f), -1);
    assert_int_equal(bl_booklet_format_for_path("x/b.HTML"), BL_BOOKLET_HTML);
    assert_int_equal(bl_booklet_format_for_path("b.htm"), BL_BOOKLET_HTML);
    assert_int_equal(bl_booklet_format_for_path("b.md"), BL_BOOKLET_MARKDOWN);
    assert_int_equal(bl_booklet_format_for_path("b.txt"), BL_BOOKLET_TEXT);
    assert_int_equal(bl_booklet_format_for_path(".html"), BL_BOOKLET_TEXT);
    assert_int_equal(bl_booklet_format_for_path(NULL), BL_BOOKLET_TEXT);
    enum bl_booklet_scope s;
    assert_int_equal(bl_booklet_parse_scope("Shortlist", &s), 0);
    assert_int_equal(s, BL_BOOKLET_SHORTLIST);
    assert_int_equal(bl_booklet_parse_scope("compare", &s), 0);
    assert_int_equal(s, BL_BOOKLET_COMPARE);
    assert_int_equal(bl_booklet_parse_scope("everything", &s), -1);
    assert_string_equal(bl_booklet_scope_name(BL_BOOKLET_FIT), "fit");

    char *doc = NULL;
    size_t len = 0;
    bl_booklet_spec no_list = {.scope = BL_BOOKLET_SHORTLIST};
    assert_int_equal(bl_booklet_render(guide, &no_list, BL_BOOKLET_TEXT, 0, &doc, &len), -EINVAL);
    bl_booklet_spec no_answers = {.scope = BL_BOOKLET_FIT};
    assert_int_equal(bl_booklet_render(guide, &no_answers, BL_BOOKLET_TEXT, 0, &doc, &len),
                     -EINVAL);
    size_t section = guide->n_roles; /* not a role */
    bl_booklet_spec not_role = {.scope = BL_BOOKLET_ROLES, .roles = &section, .n_roles = 1};
    assert_int_equal(bl_booklet_render(guide, &not_role, BL_BOOKLET_TEXT, 0, &doc, &len), -EINVAL);
    bl_booklet_spec all = {.scope = BL_BOOKLET_ALL};
    assert_int_equal(bl_booklet_render(guide, &all, BL_BOOKLET_AUTO, 0, &doc, &len), -EINVAL);
    assert_null(doc);
}

/* bl_booklet_save: the summary's rules (refuse, then overwrite). */
static void test_save(void **state)
{
    (void)state;
    char tmp[] = "/tmp/bl-booklet.XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char path[BL_PATH_MAX];
    snprintf(path, sizeof path, "%s/b.html", tmp);
    size_t roles[] = {0, 1};
    bl_booklet_spec s = {.scope = BL_BOOKLET_COMPARE, .roles = roles, .n_roles = 2};
    bl_save_result res;
    bl_safewrite_target asked;
    memset(&asked, 0, sizeof asked);
    bl_booklet_save(guide, &s, path, BL_BOOKLET_AUTO, 0, &asked, &res);
    assert_int_equal(res.status, BL_SAVE_OK);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char head[32] = "";
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_string_equal(head, "<!DOCTYPE html>\n");
    bl_booklet_save(guide, &s, path, BL_BOOKLET_AUTO, 0, &asked, &res);
    assert_int_equal(res.status, BL_SAVE_EXISTS);
    bl_booklet_save(guide, &s, path, BL_BOOKLET_TEXT, BL_SAFEWRITE_OVERWRITE, &asked, &res);
    assert_int_equal(res.status, BL_SAVE_OK);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_string_not_equal(head, "<!DOCTYPE html>\n");
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(tmp), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all),
        cmocka_unit_test(test_shortlist),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_md_contents_links),
        cmocka_unit_test(test_md_contents_repeats),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_save),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
