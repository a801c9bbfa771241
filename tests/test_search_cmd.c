/* test_search_cmd.c — bl_cmd_search() called directly, its standard output
 * and error captured in files: the output format and exit statuses,
 * independent of the front's dispatch. */
#include "borderless/loader.h"
#include "cmd_search.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

struct captured {
    int status;
    char *out, *err;
};

static char *slurp(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    assert_true(n >= 0);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    rewind(f);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    return s;
}

/* Runs the command with stdout and stderr redirected to temporary files. */
static struct captured call(const bl_guide *g, int argc, char **argv)
{
    FILE *out = tmpfile(), *err = tmpfile();
    assert_true(out && err);
    fflush(stdout);
    fflush(stderr);
    int save_out = dup(STDOUT_FILENO), save_err = dup(STDERR_FILENO);
    assert_true(save_out >= 0 && save_err >= 0);
    assert_true(dup2(fileno(out), STDOUT_FILENO) >= 0);
    assert_true(dup2(fileno(err), STDERR_FILENO) >= 0);
    struct captured c;
    c.status = bl_cmd_search(g, NULL, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(save_out, STDOUT_FILENO);
    dup2(save_err, STDERR_FILENO);
    close(save_out);
    close(save_err);
    fseek(out, 0, SEEK_END);
    fseek(err, 0, SEEK_END);
    c.out = slurp(out);
    c.err = slurp(err);
    fclose(out);
    fclose(err);
    return c;
}

static void done(struct captured *c)
{
    free(c->out);
    free(c->err);
}

static int setup(void **state)
{
    const char *root = getenv("BORDERLESS_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/content", root ? root : ".");
    bl_diags d;
    bl_diags_init(&d, 20);
    *state = bl_load_dir(dir, &d);
    bl_diags_free(&d);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    bl_guide_free(*state);
    return 0;
}

static void test_hits(void **state)
{
    char *argv[] = {(char *)"trafficking"};
    struct captured c = call(*state, 1, argv);
    assert_int_equal(c.status, 0);
    assert_string_equal(c.err, "");
    size_t lines = 0;
    for (char *line = c.out; *line;) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        int tabs = 0;
        for (char *p = line; p < nl; p++)
            tabs += *p == '\t';
        assert_int_equal(tabs, 3);
        assert_true(strncmp(line, "role\t", 5) == 0 || strncmp(line, "section\t", 8) == 0);
        lines++;
        line = nl + 1;
    }
    assert_true(lines >= 3);
    assert_non_null(strstr(c.out, "\ttransnational-crime-investigator\t"));
    assert_non_null(strstr(c.out, "section\tlandscape\t"));
    done(&c);
}

static void test_several_words(void **state)
{
    char *argv[] = {(char *)"interpol", (char *)"cybercrime"};
    struct captured c = call(*state, 2, argv);
    assert_int_equal(c.status, 0);
    assert_null(strstr(c.out, "\tcustoms-border-officer\t"));
    done(&c);
    char *phrase[] = {(char *)"\"border protection\""};
    c = call(*state, 1, phrase);
    assert_int_equal(c.status, 0);
    assert_int_equal(strncmp(c.out, "role\tcustoms-border-officer\t", 28), 0);
    done(&c);
}

static void test_none(void **state)
{
    char *argv[] = {(char *)"intrepolx"};
    struct captured c = call(*state, 1, argv);
    assert_int_equal(c.status, 1);
    assert_string_equal(c.out, "");
    assert_non_null(strstr(c.err, "no matches for 'intrepolx'"));
    assert_non_null(strstr(c.err, "Did you mean: interpol"));
    done(&c);
    char *junk[] = {(char *)"qqqqzzz"};
    c = call(*state, 1, junk);
    assert_int_equal(c.status, 1);
    assert_string_equal(c.out, "");
    assert_non_null(strstr(c.err, "no matches"));
    done(&c);
}

static void test_usage(void **state)
{
    struct captured c = call(*state, 0, NULL);
    assert_int_equal(c.status, 2);
    assert_non_null(strstr(c.err, "needs a query"));
    done(&c);
    char *punct[] = {(char *)"!!!"};
    c = call(*state, 1, punct);
    assert_int_equal(c.status, 2);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hits),
        cmocka_unit_test(test_several_words),
        cmocka_unit_test(test_none),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
