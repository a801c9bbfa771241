#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "screen/harness.h"

#include "keymap.h"
#include "screen.h"
#include "term.h"
#include "tui_fixtures/fixture_guide.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void harness_open_guide(struct harness *h, int w, int h_, int ascii, bl_guide *g)
{
    memset(h, 0, sizeof *h);
    h->g = g ? g : fixture_guide();
    assert_non_null(h->g);
    h->out = fopen("/dev/null", "w");
    h->in = fopen("/dev/null", "r");
    assert_non_null(h->out);
    assert_non_null(h->in);
    h->term = newterm("xterm-256color", h->out, h->in);
    assert_non_null(h->term);
    set_term(h->term);
    resizeterm(h_, w);
    h->w = w;
    h->h = h_;
    h->t = calloc(1, sizeof *h->t);
    assert_non_null(h->t);
    h->t->ascii = ascii;
    theme_apply(h->t, "mono");
    h->s = screen_new(h->g, h->t);
    assert_non_null(h->s);
    screen_draw(h->s);
}

void harness_open(struct harness *h, int w, int h_)
{
    harness_open_guide(h, w, h_, 0, NULL);
}

void harness_close(struct harness *h)
{
    screen_free(h->s);
    endwin();
    delscreen(h->term);
    fclose(h->out);
    fclose(h->in);
    free(h->t);
    bl_guide_free(h->g);
    memset(h, 0, sizeof *h);
}

static int named_key(const char *name, size_t len)
{
    static const struct {
        const char *name;
        int key;
    } keys[] = {
        {"Up", KM_FN(KEY_UP)},
        {"Down", KM_FN(KEY_DOWN)},
        {"Left", KM_FN(KEY_LEFT)},
        {"Right", KM_FN(KEY_RIGHT)},
        {"PgUp", KM_FN(KEY_PPAGE)},
        {"PgDn", KM_FN(KEY_NPAGE)},
        {"Home", KM_FN(KEY_HOME)},
        {"End", KM_FN(KEY_END)},
        {"Enter", '\r'},
        {"Esc", 27},
        {"Tab", '\t'},
        {"S-Tab", KM_FN(KEY_BTAB)},
        {"BS", KM_FN(KEY_BACKSPACE)},
        {"Del", KM_FN(KEY_DC)},
        {"F1", KM_FN(KEY_F(1))},
        {"F10", KM_FN(KEY_F(10))},
        {"lt", '<'},
    };
    if (len == 3 && name[0] == 'C' && name[1] == '-')
        return KM_CTRL(name[2]);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == len && memcmp(keys[i].name, name, len) == 0)
            return keys[i].key;
    fail_msg("unknown key <%.*s>", (int)len, name);
    return 0;
}

void harness_keys(struct harness *h, const char *script)
{
    set_term(h->term);
    const char *p = script;
    while (*p) {
        int key;
        int a1, a2, a3;
        if (sscanf(p, "<resize:%dx%d>", &a1, &a2) == 2) {
            screen_draw(h->s);
            harness_resize(h, a1, a2);
            p = strchr(p, '>') + 1;
            continue;
        }
        if (sscanf(p, "<click:%d,%d>", &a1, &a2) == 2) {
            screen_draw(h->s);
            harness_click(h, a1, a2);
            p = strchr(p, '>') + 1;
            continue;
        }
        if (sscanf(p, "<wheel:%d,%d,%d>", &a1, &a2, &a3) == 3) {
            screen_draw(h->s);
            harness_wheel(h, a1, a2, a3);
            p = strchr(p, '>') + 1;
            continue;
        }
        if (*p == '<' && strchr(p, '>')) {
            const char *end = strchr(p, '>');
            key = named_key(p + 1, (size_t)(end - p - 1));
            p = end + 1;
        } else {
            wchar_t wc;
            mbstate_t st;
            memset(&st, 0, sizeof st);
            size_t n = mbrtowc(&wc, p, strlen(p), &st);
            assert_true(n > 0 && n < 5);
            key = (int)wc;
            p += n;
        }
        screen_key(h->s, key);
    }
    screen_draw(h->s);
}

void harness_click(struct harness *h, int y, int x)
{
    set_term(h->term);
    screen_mouse(h->s, y, x, BUTTON1_PRESSED);
    screen_draw(h->s);
}

void harness_wheel(struct harness *h, int y, int x, int dir)
{
    set_term(h->term);
    screen_mouse(h->s, y, x, dir < 0 ? BUTTON4_PRESSED : BUTTON5_PRESSED);
    screen_draw(h->s);
}

void harness_resize(struct harness *h, int w, int h_)
{
    set_term(h->term);
    resizeterm(h_, w);
    h->w = w;
    h->h = h_;
    screen_resize(h->s);
    screen_draw(h->s);
}

void harness_cursor(const struct harness *h, int *y, int *x)
{
    (void)h;
    getyx(newscr, *y, *x); /* where the last refresh left it */
}

int harness_quit(const struct harness *h)
{
    return screen_done(h->s);
}

char *harness_dump(const struct harness *h)
{
    size_t cap = (size_t)h->h * ((size_t)h->w * 4 + 1) + 1, o = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    for (int y = 0; y < h->h; y++) {
        size_t line_start = o;
        int skip = 0;
        for (int x = 0; x < h->w; x++) {
            cchar_t c;
            wchar_t wc[CCHARW_MAX + 1] = {0};
            attr_t a;
            short pair;
            mvwin_wch(curscr, y, x, &c);
            getcchar(&c, wc, &a, &pair, NULL);
            if (skip) {
                skip = 0;
                continue;
            }
            wchar_t ch = wc[0] ? wc[0] : L' ';
            if (wcwidth(ch) == 2)
                skip = 1;
            char mb[MB_LEN_MAX];
            mbstate_t st;
            memset(&st, 0, sizeof st);
            size_t n = wcrtomb(mb, ch, &st);
            if (n == (size_t)-1) {
                mb[0] = '?';
                n = 1;
            }
            memcpy(out + o, mb, n);
            o += n;
        }
        while (o > line_start && out[o - 1] == ' ')
            o--;
        out[o++] = y + 1 < h->h ? '\n' : '\0';
    }
    out[o] = '\0';
    /* The temporary folder's name changes from run to run. */
    size_t ml = h->mask ? strlen(h->mask) : 0;
    char *at;
    while (ml >= 5 && (at = strstr(out, h->mask)) != NULL) {
        memcpy(at, "<tmp>", 5);
        memmove(at + 5, at + ml, strlen(at + ml) + 1);
    }
    return out;
}

char *harness_attrs(const struct harness *h, int y)
{
    char *out = calloc((size_t)h->w + 1, 1);
    assert_non_null(out);
    for (int x = 0; x < h->w; x++) {
        cchar_t c;
        wchar_t wc[CCHARW_MAX + 1];
        attr_t a;
        short pair;
        mvwin_wch(curscr, y, x, &c);
        getcchar(&c, wc, &a, &pair, NULL);
        out[x] = a & A_REVERSE ? 'r' : a & A_BOLD ? 'b' : a & A_UNDERLINE ? 'u' : '.';
    }
    return out;
}

static void report(const char *what, const char *expected, const char *actual)
{
    fprintf(stderr, "---- %s: expected ----\n%s\n---- actual ----\n%s\n----\n", what, expected,
            actual);
}

void harness_expect(const struct harness *h, const char *expected)
{
    char *actual = harness_dump(h);
    if (getenv("BL_SCREEN_PRINT")) {
        printf("%s\n====\n", actual);
    } else if (strcmp(actual, expected) != 0) {
        report("screen", expected, actual);
        free(actual);
        fail_msg("the screen differs");
    }
    free(actual);
}

void harness_expect_attrs(const struct harness *h, int y, const char *expected)
{
    char *actual = harness_attrs(h, y);
    if (getenv("BL_SCREEN_PRINT")) {
        printf("attrs %d: %s\n", y, actual);
    } else if (strcmp(actual, expected) != 0) {
        report("attributes", expected, actual);
        free(actual);
        fail_msg("the attributes of row %d differ", y);
    }
    free(actual);
}
