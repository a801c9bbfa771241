/* app_export.c — the guide's export prompt (E): which roles, then which
 * file (see app.h).  Each step is a prompt kind with its own accept and
 * cancel; the writing is bl_booklet_save()'s, as p's is bl_summary_save()'s. */
#include "app_int.h"

#include "borderless/booklet.h"
#include "borderless/fit.h"
#include "borderless/userstate.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int bl_app_export_init(bl_app *a)
{
    bl_app_export *x = &a->exp;
    bl_fit_answers_init(&x->answers);
    int ok = bl_lineedit_init(&x->choice, NULL) == 0;
    ok &= bl_lineedit_init(&x->path, NULL) == 0;
    return ok ? 0 : -1;
}

void bl_app_export_done(bl_app *a)
{
    bl_lineedit_done(&a->exp.choice);
    bl_lineedit_done(&a->exp.path);
}

/* ---- what can be exported now -------------------------------------------- */

static int have_shortlist(const bl_app *a)
{
    return a->sl && bl_shortlist_count(a->sl) > 0;
}

/* The compare set (c) holds enough roles for a comparison. */
static int have_comparison(const bl_app *a)
{
    return a->cmp.n >= BL_CMP_MIN_ROLES;
}

/* Reads the fit finder's kept answers (none in a private session). */
static void load_answers(bl_app *a)
{
    bl_app_export *x = &a->exp;
    x->have_answers = 0;
    if (!a->sl || bl_shortlist_is_private(a->sl) || a->g->n_fit_questions == 0)
        return;
    char path[BL_PATH_MAX], notice[BL_REASON_MAX];
    bl_fit_answers ans;
    bl_fit_answers_init(&ans);
    if (bl_fit_state_path(path, sizeof path) == 0 &&
        bl_fit_state_load(a->g, path, &ans, notice, sizeof notice) == 0) {
        x->answers = ans;
        x->have_answers = 1;
    }
}

/* ---- the steps ------------------------------------------------------------ */

static unsigned scope_edit(bl_app *a);
static unsigned scope_accept(bl_app *a);
static unsigned export_cancel(bl_app *a);
static unsigned path_accept(bl_app *a);
static unsigned overwrite_yes(bl_app *a);

/* The scope question, by what is offered: [shortlist][comparison][fit]. */
#define SCOPE_PROMPT(text)                                                                         \
    {                                                                                              \
        .label = text, .on_edit = scope_edit, .on_accept = scope_accept,                           \
        .on_cancel = export_cancel                                                                 \
    }

static const struct bl_prompt_kind scope_prompts[2][2][2] = {
    {
        {
            SCOPE_PROMPT("Export a) all roles: "),
            SCOPE_PROMPT("Export a) all roles  f) fit report: "),
        },
        {
            SCOPE_PROMPT("Export a) all roles  c) comparison: "),
            SCOPE_PROMPT("Export a) all roles  c) comparison  f) fit report: "),
        },
    },
    {
        {
            SCOPE_PROMPT("Export a) all roles  s) shortlist: "),
            SCOPE_PROMPT("Export a) all roles  s) shortlist  f) fit report: "),
        },
        {
            SCOPE_PROMPT("Export a) all roles  s) shortlist  c) comparison: "),
            SCOPE_PROMPT("Export a) all roles  s) shortlist  c) comparison  f) fit report: "),
        },
    },
};

static const struct bl_prompt_kind path_prompts[BL_BOOKLET_SCOPE_COUNT] = {
    [BL_BOOKLET_ALL] = {.label = "Export all roles (.html .md .txt) to: ",
                        .on_accept = path_accept,
                        .on_cancel = export_cancel},
    [BL_BOOKLET_SHORTLIST] = {.label = "Export the shortlist (.html .md .txt) to: ",
                              .on_accept = path_accept,
                              .on_cancel = export_cancel},
    [BL_BOOKLET_ROLES] = {.label = "Export (.html .md .txt) to: ",
                          .on_accept = path_accept,
                          .on_cancel = export_cancel},
    [BL_BOOKLET_FIT] = {.label = "Export the fit report (.html .md .txt) to: ",
                        .on_accept = path_accept,
                        .on_cancel = export_cancel},
    [BL_BOOKLET_COMPARE] = {.label = "Export the comparison (.html .md .txt) to: ",
                            .on_accept = path_accept,
                            .on_cancel = export_cancel},
};

static const struct bl_prompt_kind overwrite_prompt = {
    .label = "Overwrite ",
    .question = 1,
    .on_accept = overwrite_yes,
    .on_cancel = app_overwrite_no,
};

unsigned bl_app_export_open(bl_app *a)
{
    load_answers(a);
    bl_lineedit_set(&a->exp.choice, "", 0);
    app_open_prompt(a, &scope_prompts[have_shortlist(a)][have_comparison(a)][a->exp.have_answers],
                    &a->exp.choice);
    return BL_APP_REDRAW;
}

static unsigned choose(bl_app *a, enum bl_booklet_scope scope)
{
    bl_app_export *x = &a->exp;
    x->scope = scope;
    const char *def = "./" BL_BOOKLET_DEFAULT_PATH;
    bl_lineedit_set(&x->path, def, strlen(def));
    app_open_prompt(a, &path_prompts[scope], &x->path);
    return BL_APP_REDRAW;
}

/* A letter typed: the scope it names, if it is offered. */
static unsigned scope_edit(bl_app *a)
{
    const char *t = bl_lineedit_text(&a->exp.choice);
    if (strcmp(t, "a") == 0 || strcmp(t, "A") == 0)
        return choose(a, BL_BOOKLET_ALL);
    if ((strcmp(t, "s") == 0 || strcmp(t, "S") == 0) && have_shortlist(a))
        return choose(a, BL_BOOKLET_SHORTLIST);
    if ((strcmp(t, "f") == 0 || strcmp(t, "F") == 0) && a->exp.have_answers)
        return choose(a, BL_BOOKLET_FIT);
    if ((strcmp(t, "c") == 0 || strcmp(t, "C") == 0) && have_comparison(a))
        return choose(a, BL_BOOKLET_COMPARE);
    char first = t[0];
    bl_lineedit_set(&a->exp.choice, "", 0);
    if (first == 's' || first == 'S')
        app_say(a, BL_STATUS_INFO, "The shortlist is empty: mark roles with m", NULL);
    else if (first == 'c' || first == 'C')
        app_say(a, BL_STATUS_INFO, "Compare needs two or three roles: add them with c", NULL);
    else if (first == 'f' || first == 'F')
        app_say(a, BL_STATUS_INFO, "No fit answers yet: answer the fit finder first", NULL);
    else
        app_say(a, BL_STATUS_INFO, "Type one of the letters shown", NULL);
    return BL_APP_REDRAW | BL_APP_BEEP;
}

static unsigned scope_accept(bl_app *a)
{
    return choose(a, have_shortlist(a) ? BL_BOOKLET_SHORTLIST : BL_BOOKLET_ALL);
}

static unsigned export_cancel(bl_app *a)
{
    app_prompt_close(a);
    app_say(a, BL_STATUS_INFO, "Not exported", NULL);
    return BL_APP_REDRAW;
}

/* The file the typed name means: a folder means the default name in it. */
static void target_of(const char *typed, char *out, size_t size)
{
    char abs[BL_PATH_MAX];
    struct stat st;
    snprintf(out, size, "%s", typed);
    if (bl_path_resolve(typed, abs, sizeof abs) != 0 || stat(abs, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    size_t n = strlen(typed);
    const char *sep = n && typed[n - 1] == '/' ? "" : "/";
    int w = snprintf(out, size, "%s%s%s", typed, sep, BL_BOOKLET_DEFAULT_PATH);
    if (w < 0 || (size_t)w >= size)
        snprintf(out, size, "%s", typed);
}

static unsigned write_booklet(bl_app *a, int overwrite)
{
    bl_app_export *x = &a->exp;
    char target[BL_LINEEDIT_MAX + BL_PATH_MAX];
    target_of(bl_lineedit_text(&x->path), target, sizeof target);
    bl_booklet_spec spec = {.scope = x->scope,
                            .shortlist = a->sl,
                            .answers = &x->answers,
                            .roles = a->cmp.set,
                            .n_roles = a->cmp.n};
    bl_save_result res;
    /* Never the guide's own terminal; "yes" replaces only the file asked
     * about. */
    bl_booklet_save(a->g, &spec, target, BL_BOOKLET_AUTO,
                    BL_SAFEWRITE_REFUSE_TTY | (overwrite ? BL_SAFEWRITE_OVERWRITE : 0), &x->asked,
                    &res);
    if (res.status == BL_SAVE_EXISTS && !overwrite) {
        app_prompt_ask(a, &overwrite_prompt, res.path[0] ? res.path : target, "? (y/N) ");
        return BL_APP_REDRAW;
    }
    if (res.status == BL_SAVE_OK) {
        app_prompt_close(a);
        app_say(a, BL_STATUS_INFO, "Exported ", res.path);
        return BL_APP_REDRAW;
    }
    /* Failed: the name stays in the prompt, to be corrected. */
    app_open_prompt(a, &path_prompts[x->scope], &x->path);
    app_say(a, BL_STATUS_ERROR, "", res.message[0] ? res.message : "Not exported");
    return BL_APP_REDRAW | BL_APP_BEEP;
}

static unsigned path_accept(bl_app *a)
{
    if (bl_lineedit_text(&a->exp.path)[0] == '\0')
        return export_cancel(a);
    return write_booklet(a, 0);
}

static unsigned overwrite_yes(bl_app *a)
{
    return write_booklet(a, 1);
}
