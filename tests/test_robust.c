/* test_robust.c — hostile input: every truncation of real content files and
 * a deterministic batch of random corruptions must load or fail cleanly.
 *
 * "Cleanly": no crash, no leak, no read outside the buffer (each input is an
 * exact-size heap copy so that AddressSanitizer sees any overread), and a
 * failure comes with at least one diagnostic, each of which begins with the
 * file's path.  CI runs this under ASan + UBSan with leak detection.
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

#define ROLE_PATH "content/roles/interpol-agent.yaml"
#define SECTIONS_PATH "content/sections.yaml"

typedef int (*check_fn)(const char *, const unsigned char *, size_t, bl_diags *);

struct stats {
    size_t ok, failed;
};

static unsigned char *read_source(const char *rel, size_t *len)
{
    char *p = fs_fmt("%s/%s", fs_env("BORDERLESS_SOURCE_DIR"), rel);
    unsigned char *buf = fs_read(p, len);
    free(p);
    return buf;
}

/* Asserts that every diagnostic is about `path`. */
static void check_diags_name(const bl_diags *d, const char *path)
{
    size_t plen = strlen(path);
    assert_true(d->total >= d->n);
    for (size_t i = 0; i < d->n; i++) {
        const bl_diag *g = &d->items[i];
        assert_string_equal(g->path, path);
        if (strncmp(g->formatted, path, plen) != 0 || g->formatted[plen] != ':')
            fail_msg("diagnostic does not begin with \"%s:\": %s", path, g->formatted);
        assert_non_null(g->message);
        assert_true(g->message[0] != '\0');
        /* a message never carries a raw control character to the terminal */
        for (const char *c = g->formatted; *c; c++)
            if (((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7F)
                fail_msg("control byte 0x%02X in diagnostic: %s", (unsigned)(unsigned char)*c,
                         g->formatted);
    }
}

/* Runs one input (copied to an exact-size buffer) and checks the outcome. */
static int run_one(check_fn fn, const char *path, const unsigned char *data, size_t len,
                   struct stats *st)
{
    unsigned char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    if (len)
        memcpy(buf, data, len);
    bl_diags d;
    bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
    int rc = fn(path, buf, len, &d);
    if (rc == 0) {
        if (d.total != 0)
            fail_msg("%s (%zu bytes) passed but reported: %s", path, len, d.items[0].formatted);
        st->ok++;
    } else {
        assert_int_equal(rc, -1);
        if (d.total == 0 || d.n == 0)
            fail_msg("%s (%zu bytes) failed without a diagnostic", path, len);
        check_diags_name(&d, path);
        st->failed++;
    }
    bl_diags_free(&d);
    free(buf);
    return rc;
}

static void truncations(check_fn fn, const char *rel, const char *path)
{
    size_t len;
    unsigned char *data = read_source(rel, &len);
    assert_true(len > 1000);
    struct stats st = {0};
    for (size_t n = 0; n <= len; n++)
        run_one(fn, path, data, n, &st);
    print_message("%s: %zu prefixes, %zu valid, %zu invalid\n", rel, len + 1, st.ok, st.failed);
    assert_true(st.failed > 0);
    /* the whole file is valid; nothing at all, or a cut key, is not */
    assert_int_equal(run_one(fn, path, data, len, &st), 0);
    assert_int_equal(run_one(fn, path, data, 0, &st), -1);
    assert_int_equal(run_one(fn, path, data, 3, &st), -1);
    free(data);
}

static void test_truncated_role(void **state)
{
    (void)state;
    truncations(bl_check_role_bytes, ROLE_PATH, "roles/interpol-agent.yaml");
}

static void test_truncated_sections(void **state)
{
    (void)state;
    truncations(bl_check_sections_bytes, SECTIONS_PATH, "sections.yaml");
}

/* ---- random corruptions ---------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64*: deterministic on every platform */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static size_t rnd(size_t n)
{
    return n ? (size_t)(rng() % n) : 0;
}

static const unsigned char nasty_bytes[] = {
    0x00, 0x1b, 0xff, 0xfe, 0xc0, 0x80, 0xe2, 0x9b, 0x7f, 0x0b, '&', '*',
    '!',  '[',  ']',  '{',  '}',  ':',  ',',  '-',  '#',  '|',  '>', '"',
    '\'', '\\', '%',  '@',  '`',  '?',  '\t', '\r', '\n', ' ',
};

static const char *const nasty_strings[] = {
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "[",
    "{",
    ": ",
    "\t",
    "\r\n",
    "\xef\xbb\xbf",
    "---\n",
    "...\n",
    "- ",
    "\n  - ",
    "\n    ",
    "\"\\e[31m\"",
    "\"\\0\"",
    "\"\\x9b\"",
    "|\n",
    ">-\n",
    "? ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "<<: *a\n",
    "[[[[[[[[[[",
    "{a: {b: {c: ",
    "\xed\xa0\x80",
    "\xf4\x90\x80\x80",
    "\xc2\x85",
    "related:\n  - interpol-agent\n",
    "title: again\n",
    "~",
    "null",
    "\"\"",
    "[]",
    "{}",
    "reviewed: 2020-02-31\n",
    "  - url: ftp://x\n",
    "sections:\n  - id: landscape\n",
};

/* Applies 1..8 random mutations to buf (of *len bytes, capacity cap). */
static void mutate(unsigned char *buf, size_t *len, size_t cap)
{
    int n = 1 + (int)rnd(8);
    for (int m = 0; m < n; m++) {
        size_t at = rnd(*len + 1);
        switch (rnd(7)) {
        case 0: /* flip one bit */
            if (at < *len)
                buf[at] ^= (unsigned char)(1u << rnd(8));
            break;
        case 1: /* overwrite with a nasty byte */
            if (at < *len)
                buf[at] = nasty_bytes[rnd(sizeof nasty_bytes)];
            break;
        case 2: /* insert a nasty byte */
            if (*len < cap) {
                memmove(buf + at + 1, buf + at, *len - at);
                buf[at] = nasty_bytes[rnd(sizeof nasty_bytes)];
                (*len)++;
            }
            break;
        case 3: { /* delete a run of bytes */
            size_t k = 1 + rnd(16);
            if (at + k > *len)
                k = *len - at;
            memmove(buf + at, buf + at + k, *len - at - k);
            *len -= k;
            break;
        }
        case 4: { /* insert a nasty string */
            const char *s = nasty_strings[rnd(sizeof nasty_strings / sizeof *nasty_strings)];
            size_t k = strlen(s);
            if (*len + k <= cap) {
                memmove(buf + at + k, buf + at, *len - at);
                memcpy(buf + at, s, k);
                *len += k;
            }
            break;
        }
        case 5: { /* duplicate a run of bytes elsewhere */
            size_t from = rnd(*len + 1), k = rnd(64);
            if (from + k > *len)
                k = *len - from;
            if (*len + k <= cap) {
                unsigned char tmp[64];
                memcpy(tmp, buf + from, k);
                memmove(buf + at + k, buf + at, *len - at);
                memcpy(buf + at, tmp, k);
                *len += k;
            }
            break;
        }
        default: /* swap two bytes */
            if (*len > 1 && at < *len) {
                size_t b = rnd(*len);
                unsigned char t = buf[at];
                buf[at] = buf[b];
                buf[b] = t;
            }
            break;
        }
    }
}

static void corruptions(check_fn fn, const char *rel, const char *path, uint64_t seed, size_t count)
{
    size_t len;
    unsigned char *data = read_source(rel, &len);
    size_t cap = len + 8 * 64 + 64;
    unsigned char *work = malloc(cap);
    assert_non_null(work);
    struct stats st = {0};
    rng_state = seed;
    for (size_t i = 0; i < count; i++) {
        size_t n = len;
        memcpy(work, data, len);
        mutate(work, &n, cap);
        run_one(fn, path, work, n, &st);
    }
    /* the batch exercises both outcomes */
    assert_true(st.failed > count / 2);
    assert_true(st.ok > 0);
    print_message("%s: %zu corruptions, %zu still valid, %zu invalid\n", rel, count, st.ok,
                  st.failed);
    free(work);
    free(data);
}

static void test_corrupted_role(void **state)
{
    (void)state;
    corruptions(bl_check_role_bytes, ROLE_PATH, "roles/interpol-agent.yaml",
                UINT64_C(0x9E3779B97F4A7C15), 2000);
}

static void test_corrupted_sections(void **state)
{
    (void)state;
    corruptions(bl_check_sections_bytes, SECTIONS_PATH, "sections.yaml",
                UINT64_C(0xD1B54A32D192ED03), 1000);
}

/* Whole folders with corrupted files: exercises the cross-file checks (links,
 * role_order) with whatever survives, and the model a success produces. */
static void test_corrupted_folders(void **state)
{
    (void)state;
    char *src = fs_fmt("%s/content", fs_env("BORDERLESS_SOURCE_DIR"));
    char *dir = fs_tmpdir();
    fs_copy_guide(src, dir);
    static const char *const files[] = {"sections.yaml",
                                        "roles/interpol-agent.yaml",
                                        "roles/diplomatic-liaison.yaml",
                                        "roles/intelligence-analyst.yaml",
                                        "roles/transnational-crime-investigator.yaml",
                                        "roles/customs-border-officer.yaml"};
    unsigned char *orig[6];
    size_t orig_len[6];
    for (size_t i = 0; i < 6; i++) {
        char *p = fs_fmt("%s/%s", src, files[i]);
        orig[i] = fs_read(p, &orig_len[i]);
        free(p);
    }
    rng_state = UINT64_C(0x2545F4914F6CDD1D);
    size_t ok = 0, failed = 0;
    for (int round = 0; round < 150; round++) {
        /* corrupt one or two files, leave the rest as shipped */
        size_t pick1 = rnd(6), pick2 = rnd(3) == 0 ? rnd(6) : pick1;
        for (size_t i = 0; i < 6; i++) {
            size_t len = orig_len[i], cap = len + 8 * 64 + 64;
            unsigned char *w = malloc(cap);
            assert_non_null(w);
            memcpy(w, orig[i], len);
            if (i == pick1 || i == pick2)
                mutate(w, &len, cap);
            char *p = fs_fmt("%s/%s", dir, files[i]);
            fs_write(p, w, len);
            free(p);
            free(w);
        }
        (void)check_same(dir, 0); /* `check` reports the same */
        bl_diags d;
        bl_diags_init(&d, BL_DIAGS_DEFAULT_MAX);
        bl_guide *g = bl_load_dir(dir, &d);
        if (g) {
            assert_int_equal(d.total, 0);
            assert_int_equal(g->n_entries, g->n_roles + g->n_sections);
            for (size_t i = 0; i < g->n_entries; i++) {
                const bl_entry *e = &g->entries[i];
                assert_ptr_equal(bl_guide_find(g, e->id), e);
                for (size_t j = 0; j < e->n_links; j++)
                    assert_true(e->links[j] < g->n_roles);
            }
            bl_guide_free(g);
            ok++;
        } else {
            assert_true(d.n >= 1);
            size_t dlen = strlen(dir);
            for (size_t i = 0; i < d.n; i++)
                if (strncmp(d.items[i].formatted, dir, dlen) != 0 ||
                    d.items[i].formatted[dlen] != '/')
                    fail_msg("diagnostic outside the folder: %s", d.items[i].formatted);
            failed++;
        }
        bl_diags_free(&d);
    }
    assert_true(failed > 0);
    print_message("folders: %zu loaded, %zu refused\n", ok, failed);
    for (size_t i = 0; i < 6; i++)
        free(orig[i]);
    fs_rm_rf(dir);
    free(dir);
    free(src);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_truncated_role),    cmocka_unit_test(test_truncated_sections),
        cmocka_unit_test(test_corrupted_role),    cmocka_unit_test(test_corrupted_sections),
        cmocka_unit_test(test_corrupted_folders),
    };
    return cmocka_run_group_tests_name("robustness", tests, NULL, NULL);
}
