/* test_app_shortlist.c — the shortlist and the session in the guide's
 * application state (app.h), without curses: m, a (the note prompt), ' (the
 * shortlist in place of the menu), the store's failures as the user sees
 * them, and going back to a saved session.  Every test works in its own
 * $XDG_DATA_HOME and $XDG_STATE_HOME under a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "borderless/app.h"
#include "borderless/session.h"
#include "borderless/shortlist.h"
#include "borderless/userstate.h"
#include "tui_fixtures/fixture_guide.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
    bl_guide *g;
    bl_app app;
    char dir[64];
    char data[PATH_MAX], state[PATH_MAX];
};

static void resize(bl_app *n, int width, int rows)
{
    bl_app_apply(n, BL_ACT_RESIZE, &(struct bl_app_arg){.width = width, .rows = rows, .list = 8});
}

static int setup(void **state)
{
    static struct fixture f;
    memset(&f, 0, sizeof f);
    snprintf(f.dir, sizeof f.dir, "/tmp/bl-appsl.XXXXXX");
    if (!mkdtemp(f.dir))
        return -1;
    snprintf(f.data, sizeof f.data, "%s/data", f.dir);
    snprintf(f.state, sizeof f.state, "%s/state", f.dir);
    setenv("XDG_DATA_HOME", f.data, 1);
    setenv("XDG_STATE_HOME", f.state, 1);
    unsetenv("BORDERLESS_NO_STATE");
    f.g = fixture_guide();
    if (!f.g || bl_app_init(&f.app, f.g, 0) != 0)
        return -1;
    resize(&f.app, 40, 10);
    bl_app_apply(&f.app, BL_ACT_NONE, NULL); /* the welcome line */
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    bl_app_done(&f->app);
    bl_guide_free(f->g);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    return system(cmd) == 0 ? 0 : -1;
}

static unsigned act(bl_app *n, enum bl_action a)
{
    return bl_app_apply(n, a, NULL);
}

static unsigned type(bl_app *n, const char *q)
{
    unsigned r = act(n, BL_ACT_EDIT_KILL_START) | act(n, BL_ACT_EDIT_KILL_END);
    for (const char *p = q; *p; p++)
        r |= bl_app_apply(n, BL_ACT_INSERT, &(struct bl_app_arg){.cp = (unsigned char)*p});
    return r;
}

static int file_exists(const char *dir, const char *name)
{
    char p[PATH_MAX + 64];
    struct stat st;
    snprintf(p, sizeof p, "%s/borderless/%s", dir, name);
    return stat(p, &st) == 0;
}

/* What another program (the command line) sees in the file. */
static int on_disk(const char *id, const char *note)
{
    bl_shortlist *sl;
    char why[BL_REASON_MAX];
    if (bl_shortlist_open(NULL, 0, &sl, why, sizeof why) < 0)
        return -1;
    const bl_shortlist_entry *e = bl_shortlist_find(sl, id);
    int r = e && (!note || strcmp(e->note, note) == 0);
    bl_shortlist_close(sl);
    return r;
}

static void test_mark_unmark(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, 0), 0);
    assert_non_null(a->sl);
    assert_int_equal(a->status.kind, BL_STATUS_NONE); /* nothing to tell */
    assert_false(file_exists(f->data, BL_SHORTLIST_FILE)); /* made on the first change */
    assert_string_equal(bl_app_bar_label(a, BL_ACT_MARK), "Mark");

    unsigned r = act(a, BL_ACT_MARK);
    assert_true(r & BL_APP_REDRAW);
    assert_true(bl_shortlist_is_marked(a->sl, "alpha"));
    assert_string_equal(a->status.text, "Added to the shortlist: Alpha Agent");
    assert_int_equal(on_disk("alpha", ""), 1);
    assert_string_equal(bl_shortlist_find(a->sl, "alpha")->reviewed, "2024-05-01");

    /* From the entry too. */
    act(a, BL_ACT_OPEN);
    assert_int_equal(a->focus, BL_FOCUS_DETAIL);
    act(a, BL_ACT_MARK);
    assert_false(bl_shortlist_is_marked(a->sl, "alpha"));
    assert_string_equal(a->status.text, "Removed from the shortlist: Alpha Agent");
    assert_int_equal(on_disk("alpha", NULL), 0);

    /* A section is no role. */
    act(a, BL_ACT_CLOSE);
    act(a, BL_ACT_END);
    assert_int_equal(f->g->entries[a->sel].kind, BL_ENTRY_SECTION);
    assert_null(bl_app_bar_label(a, BL_ACT_MARK));
    act(a, BL_ACT_MARK);
    assert_int_equal(bl_shortlist_count(a->sl), 0);
    assert_string_equal(a->status.text, "Only roles go on the shortlist; select a role");
}

static void test_note_prompt(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, 0), 0);
    act(a, BL_ACT_DOWN); /* beta */
    act(a, BL_ACT_NOTE);
    assert_non_null(a->prompt.kind);
    assert_string_equal(a->prompt.kind->label, "Note: ");
    assert_string_equal(bl_lineedit_text(a->prompt.edit), "");
    /* Esc: nothing stored. */
    type(a, "draft");
    act(a, BL_ACT_CANCEL);
    assert_null(a->prompt.kind);
    assert_string_equal(a->status.text, "Note not changed");
    assert_false(bl_shortlist_is_marked(a->sl, "beta"));

    /* Enter: the role is marked with its note, on disk. */
    act(a, BL_ACT_NOTE);
    type(a, "ask about languages");
    act(a, BL_ACT_ACCEPT);
    assert_null(a->prompt.kind);
    assert_string_equal(a->status.text, "Note saved");
    assert_string_equal(bl_shortlist_find(a->sl, "beta")->note, "ask about languages");
    assert_int_equal(on_disk("beta", "ask about languages"), 1);

    /* Again: prefilled with the note; Esc keeps it. */
    act(a, BL_ACT_NOTE);
    assert_string_equal(bl_lineedit_text(a->prompt.edit), "ask about languages");
    type(a, "something else");
    act(a, BL_ACT_CANCEL);
    assert_string_equal(bl_shortlist_find(a->sl, "beta")->note, "ask about languages");

    /* An empty note clears it and keeps the mark. */
    act(a, BL_ACT_NOTE);
    type(a, "");
    act(a, BL_ACT_ACCEPT);
    assert_string_equal(a->status.text, "Note cleared");
    assert_true(bl_shortlist_is_marked(a->sl, "beta"));
    assert_string_equal(bl_shortlist_find(a->sl, "beta")->note, "");
}

static void test_shortlist_view(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, 0), 0);
    /* Empty: said so. */
    act(a, BL_ACT_SHORTLIST);
    assert_true(a->shelf_open);
    assert_string_equal(a->status.text, "The shortlist is empty: m marks the selected role");
    act(a, BL_ACT_END_SEARCH);
    assert_false(a->shelf_open);

    act(a, BL_ACT_MARK); /* alpha */
    act(a, BL_ACT_DOWN);
    act(a, BL_ACT_DOWN);
    act(a, BL_ACT_MARK); /* gamma */
    act(a, BL_ACT_HOME);
    assert_int_equal(a->sel, 0);
    act(a, BL_ACT_SHORTLIST);
    assert_true(a->shelf_open);
    assert_int_equal(a->shelf_sel, 0);
    assert_int_equal(bl_app_shelf_entry(a, 1), 2);
    assert_int_equal(act(a, BL_ACT_UP), 0); /* at the top */
    assert_int_equal(a->sel, 0);
    assert_true(act(a, BL_ACT_DOWN) & BL_APP_ENTRY);
    assert_int_equal(a->shelf_sel, 1);
    assert_int_equal(a->sel, 2); /* the entry pane shows the row's role */
    assert_int_equal(act(a, BL_ACT_DOWN), 0); /* at the end */
    /* Enter reads the role. */
    unsigned r = act(a, BL_ACT_OPEN);
    assert_true(r & BL_APP_ENTRY);
    assert_false(a->shelf_open);
    assert_int_equal(a->sel, 2);
    assert_int_equal(a->focus, BL_FOCUS_DETAIL);

    /* Esc goes back to the menu; m in the view unmarks its row. */
    act(a, BL_ACT_SHORTLIST);
    assert_int_equal(a->focus, BL_FOCUS_MENU);
    act(a, BL_ACT_END);
    act(a, BL_ACT_MARK);
    assert_false(bl_shortlist_is_marked(a->sl, "gamma"));
    assert_int_equal(a->shelf_sel, 0); /* kept on the list */
    act(a, BL_ACT_END_SEARCH);
    assert_false(a->shelf_open);
    assert_int_equal(a->sel, 2);
    assert_string_equal(bl_app_bar_label(a, BL_ACT_SHORTLIST), "List");
}

static void test_private(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    assert_int_equal(bl_app_open_state(a, bl_userstate_flags(1)), 0);
    assert_true(bl_shortlist_is_private(a->sl));
    act(a, BL_ACT_MARK);
    assert_true(bl_shortlist_is_marked(a->sl, "alpha"));
    assert_false(file_exists(f->data, BL_SHORTLIST_FILE));
    struct stat st;
    assert_int_not_equal(stat(f->data, &st), 0); /* not even the folder */
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/borderless", dir);
    mkdir(dir, 0700);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/borderless/%s", dir, name);
    FILE *fp = fopen(p, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void test_read_only(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    write_file(f->data, BL_SHORTLIST_FILE,
               "borderless-shortlist 99\nrole\tbeta\tadded=2026-12-02T09:30:00Z\n");
    assert_int_equal(bl_app_open_state(a, 0), 0);
    assert_int_equal(a->status.kind, BL_STATUS_INFO);
    assert_string_equal(a->status.path, bl_shortlist_notice(a->sl)); /* said once */
    act(a, BL_ACT_NONE);
    assert_int_equal(a->status.kind, BL_STATUS_NONE);
    unsigned r = act(a, BL_ACT_MARK);
    assert_true(r & BL_APP_BEEP);
    assert_int_equal(a->status.kind, BL_STATUS_ERROR);
    assert_non_null(strstr(a->status.text, "read-only"));
    assert_false(bl_shortlist_is_marked(a->sl, "alpha"));
    /* The note prompt stays open on failure, with the text. */
    act(a, BL_ACT_NOTE);
    type(a, "x");
    act(a, BL_ACT_ACCEPT);
    assert_non_null(a->prompt.kind);
    assert_non_null(strstr(a->status.text, "read-only"));
    act(a, BL_ACT_CANCEL);
    assert_null(a->prompt.kind);
}

static void test_open_failure_falls_back(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    /* A folder where the file should be: cannot be read. */
    char p[PATH_MAX + 64];
    mkdir(f->data, 0700);
    snprintf(p, sizeof p, "%s/borderless", f->data);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/borderless/%s", f->data, BL_SHORTLIST_FILE);
    assert_int_equal(mkdir(p, 0700), 0);
    assert_int_equal(bl_app_open_state(a, 0), 0);
    assert_int_equal(a->status.kind, BL_STATUS_ERROR);
    assert_string_equal(a->status.text, "Shortlist not saved this time: ");
    assert_true(a->status.path[0] != '\0');
    assert_true(bl_shortlist_is_private(a->sl));
    act(a, BL_ACT_MARK); /* works, in memory */
    assert_true(bl_shortlist_is_marked(a->sl, "alpha"));
}

static void test_session_round_trip(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_DOWN);
    act(a, BL_ACT_OPEN);
    for (int i = 0; i < 5; i++)
        act(a, BL_ACT_DOWN);
    size_t top = a->top;
    assert_true(top > 0);
    bl_session s;
    bl_app_session(a, &s);
    assert_string_equal(s.entry, "beta");
    assert_string_equal(s.focus, "detail");
    assert_int_equal(bl_session_save(NULL, 0, &s, NULL, 0), 0);

    /* The next start. */
    bl_app b;
    assert_int_equal(bl_app_init(&b, f->g, 0), 0);
    resize(&b, 40, 10);
    bl_session t;
    assert_int_equal(bl_session_load(NULL, 0, f->g, &t), 0);
    assert_int_equal(bl_app_restore(&b, &t), 0);
    assert_int_equal(b.sel, 1);
    assert_int_equal(b.top, top);
    assert_int_equal(b.focus, BL_FOCUS_DETAIL);
    assert_int_equal(b.status.kind, BL_STATUS_NONE); /* no welcome for a returning reader */
    bl_app_done(&b);

    /* Private: nothing read. */
    assert_int_equal(bl_session_load(NULL, BL_USERSTATE_PRIVATE, f->g, &t), 1);
}

static void test_session_stale(void **state)
{
    struct fixture *f = *state;
    bl_app *a = &f->app;
    act(a, BL_ACT_DOWN);
    bl_session s = {.entry = "no-such-role", .focus = "detail"};
    assert_int_equal(bl_app_restore(a, &s), -1);
    assert_int_equal(a->sel, 1); /* nothing changed */
    assert_int_equal(a->focus, BL_FOCUS_MENU);
    /* A saved stale session, and a damaged one, restore nothing. */
    write_file(f->state, BL_SESSION_FILE, "borderless-session 1\nentry\tno-such-role\n");
    assert_int_equal(bl_session_load(NULL, 0, f->g, &s), 1);
    write_file(f->state, BL_SESSION_FILE, "borderless-session 1\nentry\tbeta\npos\tgarbage\n");
    assert_int_equal(bl_session_load(NULL, 0, f->g, &s), 1);
    /* A position past the end is kept inside the entry. */
    bl_session far = {.entry = "gamma", .focus = "menu", .line = 99999};
    far.pos.part = 9999;
    assert_int_equal(bl_app_restore(a, &far), 0);
    assert_int_equal(a->sel, 2);
    assert_true(a->top <= bl_app_max_top(a));
    assert_int_equal(a->focus, BL_FOCUS_MENU);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mark_unmark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_note_prompt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shortlist_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_failure_falls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_stale, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
