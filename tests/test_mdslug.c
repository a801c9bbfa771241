/* test_mdslug.c — GitHub's heading anchors (mdslug.h): the slug of a
 * heading's text (github-slugger's rules, including its own examples), the
 * count that makes a repeated one unique, and the text of an ATX heading
 * line as a renderer shows it. */
#include "borderless/mdslug.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void expect_slug(const char *text, const char *want)
{
    char *s = bl_mdslug_of(text, strlen(text));
    assert_non_null(s);
    if (strcmp(s, want) != 0)
        fail_msg("slug of \"%s\": \"%s\", want \"%s\"", text, s, want);
    free(s);
}

static void test_slug(void **state)
{
    (void)state;
    expect_slug("foo", "foo");
    expect_slug("Interpol officer", "interpol-officer");
    /* Punctuation and symbols go; the spaces around them stay. */
    expect_slug("Pay & prospects", "pay--prospects");
    expect_slug("C++ (the language)", "c-the-language");
    expect_slug("Counter-terrorism: who, what?", "counter-terrorism-who-what");
    expect_slug("1.2.3 \"quoted\" \xe2\x80\x98single\xe2\x80\x99", "123-quoted-single");
    expect_slug("snake_case", "snake_case");
    expect_slug("en \xe2\x80\x93 dash", "en--dash"); /* U+2013 is punctuation */
    /* github-slugger's own examples. */
    expect_slug(
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 non-latin \xe4\xbd\xa0\xe5\xa5\xbd",
        "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82-non-latin-\xe4\xbd\xa0\xe5\xa5\xbd");
    expect_slug("\xf0\x9f\x98\x84 emoji", "-emoji");
    /* Letters of any script, lower-cased; combining marks kept. */
    expect_slug("Police or customs attach\xc3\xa9 abroad",
                "police-or-customs-attach\xc3\xa9-abroad");
    expect_slug("CAF\x45\xcc\x81", "cafe\xcc\x81");
    expect_slug("\xe2\x85\xab", "\xe2\x85\xbb"); /* a Roman numeral: a letter number */
    expect_slug("\xc2\xbd", ""); /* a vulgar fraction: another number, dropped */
    /* JavaScript's toLowerCase(): the dotted capital I, the final sigma. */
    expect_slug("\xc4\xb0", "i\xcc\x87");
    expect_slug("\xce\xa3\xce\x91\xce\xa3 \xce\xa3", "\xcf\x83\xce\xb1\xcf\x82-\xcf\x83");
    /* Only the ASCII space becomes '-': tabs and no-break spaces go. */
    expect_slug("a\tb\xc2\xa0"
                "c d",
                "abc-d");
    expect_slug("  x  ", "--x--");
    /* Not UTF-8: those bytes are dropped. */
    expect_slug("a\xff\xfe"
                "b",
                "ab");
    expect_slug("", "");
}

static void expect_next(bl_mdslug *s, const char *text, const char *want)
{
    char *a = bl_mdslug_next(s, text, strlen(text));
    assert_non_null(a);
    if (strcmp(a, want) != 0)
        fail_msg("next \"%s\": \"%s\", want \"%s\"", text, a, want);
    free(a);
}

static void test_unique(void **state)
{
    (void)state;
    bl_mdslug *s = bl_mdslug_new();
    assert_non_null(s);
    /* github-slugger's example. */
    expect_next(s, "foo", "foo");
    expect_next(s, "foo", "foo-1");
    expect_next(s, "bar", "bar");
    expect_next(s, "foo", "foo-2");
    /* A heading that looks like a counted one is counted in its turn. */
    expect_next(s, "foo-1", "foo-1-1");
    expect_next(s, "Foo", "foo-3");
    expect_next(s, "foo 3", "foo-3-1");
    expect_next(s, "", "");
    expect_next(s, "!", "-1");
    bl_mdslug_free(s);

    /* Many: the table grows, and every slug stays unique. */
    s = bl_mdslug_new();
    char want[32];
    for (int i = 0; i < 5000; i++) {
        if (i == 0)
            snprintf(want, sizeof want, "summary");
        else
            snprintf(want, sizeof want, "summary-%d", i);
        expect_next(s, "Summary", want);
    }
    expect_next(s, "summary-17", "summary-17-1");
    bl_mdslug_free(s);
}

static void expect_heading(const char *line, int rc, const char *want)
{
    char *t = (char *)"unset";
    size_t n = 99;
    assert_int_equal(bl_mdslug_heading(line, strlen(line), &t, &n), rc);
    if (rc != 0)
        return;
    assert_int_equal(n, strlen(want));
    if (strcmp(t, want) != 0)
        fail_msg("heading \"%s\": \"%s\", want \"%s\"", line, t, want);
    free(t);
}

static void test_heading(void **state)
{
    (void)state;
    expect_heading("# Interpol officer", 0, "Interpol officer");
    expect_heading("## Pay \\& more ##", 0, "Pay & more");
    expect_heading("### a \\*b\\* \\\\ c\\d", 0, "a *b* \\ c\\d");
    expect_heading("   #   spaced   ", 0, "spaced");
    expect_heading("# foo \\#", 0, "foo #");
    expect_heading("# foo#", 0, "foo#");
    expect_heading("# foo #bar", 0, "foo #bar");
    expect_heading("#", 0, "");
    expect_heading("# ###", 0, "");
    expect_heading("###### six", 0, "six");
    expect_heading("#\tx", 0, "x");
    expect_heading("####### seven", 1, NULL);
    expect_heading("#hashtag", 1, NULL);
    expect_heading("    # code", 1, NULL);
    expect_heading("- # in a list", 1, NULL);
    expect_heading("plain", 1, NULL);
    expect_heading("", 1, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_unique),
        cmocka_unit_test(test_heading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
