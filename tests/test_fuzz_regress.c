/* test_fuzz_regress — replays saved fuzzer inputs as ordinary tests.
 *
 * Built once per fuzz target (tests/fuzz.cmake) with that target's source,
 * fuzz/fuzz_<name>.c: every file in tests/fuzz_regress/<name>/ (inputs that
 * once crashed it; scripts/fuzz saves new ones in build-fuzz/artifacts/) and
 * every seed named by BL_FUZZ_SEED_DIR goes through LLVMFuzzerTestOneInput,
 * which abort()s on a broken invariant; the sanitizer build catches the
 * rest.  Runs without clang or libFuzzer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t cap = 4096, n = 0, r;
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    assert_int_equal(ferror(f), 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Feeds every regular file of dir (only *suffix files when suffix is not
 * NULL) to the target; returns how many.  A missing folder is empty. */
static size_t replay_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t l = strlen(de->d_name);
        if (suffix && (l < strlen(suffix) || strcmp(de->d_name + l - strlen(suffix), suffix)))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        size_t len;
        unsigned char *buf = slurp(path, &len);
        print_message("replaying %s\n", path);
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        n++;
    }
    closedir(d);
    return n;
}

static void test_small_inputs(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "\n", "\xff", "a: b", "- ", "\"", "\x02zz"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        LLVMFuzzerTestOneInput((const uint8_t *)inputs[i], strlen(inputs[i]));
}

static void test_saved_crashes(void **state)
{
    (void)state;
    size_t n = replay_dir(BL_FUZZ_REGRESS_DIR, NULL);
    print_message("%zu saved inputs for fuzz_%s\n", n, BL_FUZZ_TARGET);
}

static void test_seeds(void **state)
{
    (void)state;
#ifdef BL_FUZZ_SEED_DIR
    assert_true(replay_dir(BL_FUZZ_SEED_DIR, ".yaml") > 0);
#endif
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_inputs),
        cmocka_unit_test(test_saved_crashes),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests_name("fuzz_" BL_FUZZ_TARGET, tests, NULL, NULL);
}
