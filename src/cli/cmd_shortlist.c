/* cmd_shortlist.c — the `shortlist` command (see cmd_shortlist.h). */
#include "cmd_shortlist.h"

#include "borderless/layout.h"
#include "borderless/search.h"
#include "borderless/shortlist.h"
#include "borderless/userstate.h"

#include <errno.h>
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Echoed ids and options go through q(), which escapes control characters
 * (issue 10); it needs the command line's output settings, set once by the
 * entry point for the length of one command. */
static const bl_cli *out_cli;

static const char *q(char buf[BL_ESC_SIZE], const char *s)
{
    return bl_cli_q(out_cli, buf, s);
}

const char bl_cmd_shortlist_usage[] =
    "Usage: borderless [-C DIR] shortlist [list]\n"
    "       borderless [-C DIR] shortlist add ID [NOTE]\n"
    "       borderless [-C DIR] shortlist rm ID\n"
    "       borderless [-C DIR] shortlist note ID NOTE\n"
    "Keep a shortlist of roles, with a one-line note each.\n"
    "\n"
    "  list            print id<TAB>title<TAB>added<TAB>status<TAB>note for each\n"
    "                  role, in the order they were added (the default)\n"
    "  add ID [NOTE]   add role ID (and set its note)\n"
    "  rm ID           remove role ID\n"
    "  note ID NOTE    set the note of role ID (\"\" clears it)\n"
    "\n"
    "The shortlist is kept in $XDG_DATA_HOME/borderless/shortlist.txt\n"
    "(default ~/.local/share/borderless/); BORDERLESS_NO_STATE=1 keeps nothing.\n";

enum sub { SUB_LIST, SUB_ADD, SUB_RM, SUB_NOTE, SUB_HELP };

struct sl_args {
    enum sub sub;
    const char *id;
    char *note; /* joined words, malloc'd; NULL when none given */
};

static int usage_error(const char *what, const char *arg)
{
    char buf[BL_ESC_SIZE];
    fprintf(stderr, "borderless: %s%s%s%s\n", what, arg ? " '" : "", arg ? q(buf, arg) : "",
            arg ? "'" : "");
    fputs("Try 'borderless shortlist --help' for more information.\n", stderr);
    return BL_EXIT_USAGE;
}

static char *join_words(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (l > SIZE_MAX / 2 - n)
            return NULL;
        n += l + 1;
    }
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    size_t at = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        if (i)
            s[at++] = ' ';
        memcpy(s + at, argv[i], l);
        at += l;
    }
    s[at] = '\0';
    return s;
}

/* Parses; on success the caller frees a->note. */
static int parse_args(int argc, char **argv, struct sl_args *a)
{
    *a = (struct sl_args){.sub = SUB_LIST};
    if (argc == 0)
        return BL_EXIT_OK;
    const char *w = argv[0];
    if (strcmp(w, "-h") == 0 || strcmp(w, "--help") == 0) {
        a->sub = SUB_HELP;
        return argc == 1 ? BL_EXIT_OK : usage_error("unexpected argument", argv[1]);
    }
    static const struct {
        const char *name;
        enum sub sub;
        int min, max; /* words after the subcommand; max -1: any */
    } subs[] = {
        {.name = "list", .sub = SUB_LIST, .min = 0, .max = 0},
        {.name = "add", .sub = SUB_ADD, .min = 1, .max = -1},
        {.name = "rm", .sub = SUB_RM, .min = 1, .max = 1},
        {.name = "note", .sub = SUB_NOTE, .min = 2, .max = -1},
    };
    size_t k = 0, n_subs = sizeof subs / sizeof subs[0];
    while (k < n_subs && strcmp(w, subs[k].name) != 0)
        k++;
    if (k == n_subs)
        return w[0] == '-' ? usage_error("unknown option", w)
                           : usage_error("unknown shortlist command (use list, add, rm or "
                                         "note):",
                                         w);
    a->sub = subs[k].sub;
    int rest = argc - 1;
    if (rest < subs[k].min) {
        static const char *const need[] = {"", "shortlist add needs a role ID",
                                           "shortlist rm needs a role ID",
                                           "shortlist note needs a role ID and a note"};
        return usage_error(need[a->sub], NULL);
    }
    if (subs[k].max >= 0 && rest > subs[k].max)
        return usage_error("unexpected argument", argv[1 + subs[k].max]);
    if (rest >= 1) {
        a->id = argv[1];
        if (a->id[0] == '-' && a->id[1] != '\0')
            return usage_error("unknown option", a->id);
    }
    if (rest >= 2) {
        if (!(a->note = join_words(rest - 1, argv + 2)))
            return usage_error("the note is too long", NULL);
        char why[256], whybuf[BL_ESC_SIZE];
        if (bl_shortlist_check_note(a->note, why, sizeof why) < 0) {
            free(a->note);
            a->note = NULL;
            fprintf(stderr, "borderless: %s\n", q(whybuf, why));
            fputs("Try 'borderless shortlist --help' for more information.\n", stderr);
            return BL_EXIT_USAGE;
        }
    }
    return BL_EXIT_OK;
}

int bl_cmd_shortlist_check(const bl_cli *c, int argc, char **argv)
{
    out_cli = c;
    struct sl_args a;
    int rc = parse_args(argc, argv, &a);
    free(a.note);
    return rc;
}

static int finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return BL_EXIT_FAIL;
    }
    return status;
}

/* Prints s display-safe (the loader has already refused control
 * characters; this is the belt to those braces). */
static void put_safe(const char *s)
{
    size_t n = 0;
    char *safe = bl_text_sanitize(s, strlen(s), 0, &n);
    for (size_t i = 0; safe && i < n; i++)
        putchar(safe[i] == '\t' || safe[i] == '\n' ? ' ' : safe[i]);
    free(safe);
}

static int cmd_list(const bl_guide *g, const bl_shortlist *sl)
{
    for (size_t i = 0; i < bl_shortlist_count(sl); i++) {
        const bl_shortlist_entry *e = bl_shortlist_at(sl, i);
        const bl_entry *role = bl_guide_find(g, e->id);
        if (role && role->kind != BL_ENTRY_ROLE)
            role = NULL;
        char added[16] = "-";
        time_t t = (time_t)e->added;
        struct tm tm;
        if (e->added > 0 && gmtime_r(&t, &tm))
            strftime(added, sizeof added, "%Y-%m-%d", &tm);
        const char *status = !role                    ? "not in this edition of the guide"
            : bl_shortlist_updated(e, role->reviewed) ? "updated since you added it"
                                                      : "";
        printf("%s\t", e->id);
        put_safe(role ? role->title : "");
        printf("\t%s\t%s\t", added, status);
        put_safe(e->note);
        putchar('\n');
    }
    return finish_stdout(BL_EXIT_OK);
}

/* "did you mean": a role whose id starts with this one, else the best role
 * the search finds for the id's words. */
static void suggest(const bl_guide *g, const char *id)
{
    for (size_t i = 0; i < g->n_roles; i++)
        if (strncmp(g->entries[i].id, id, strlen(id)) == 0) {
            fprintf(stderr, "Did you mean '%s' (%s)?\n", g->entries[i].id, g->entries[i].title);
            return;
        }
    bl_search_index *ix = bl_search_index_build(g);
    char *q = ix ? strdup(id) : NULL;
    if (q) {
        for (char *p = q; *p; p++)
            if (*p == '-' || *p == '_')
                *p = ' ';
        bl_search_results *r = bl_search_run(ix, q, strlen(q), 5);
        for (size_t i = 0; r && i < r->n_hits; i++) {
            const bl_entry *e = &g->entries[r->hits[i].entry];
            if (e->kind == BL_ENTRY_ROLE) {
                fprintf(stderr, "Did you mean '%s' (%s)?\n", e->id, e->title);
                break;
            }
        }
        bl_search_results_free(r);
    }
    free(q);
    bl_search_index_free(ix);
}

/* The role with this id, or NULL after a message. */
static const bl_entry *find_role(const bl_guide *g, const char *id)
{
    const bl_entry *e = bl_guide_find(g, id);
    if (e && e->kind == BL_ENTRY_ROLE)
        return e;
    char buf[BL_ESC_SIZE];
    if (e)
        fprintf(stderr,
                "borderless: '%s' is a section; only roles go on the shortlist "
                "(see 'borderless list')\n",
                q(buf, id));
    else {
        fprintf(stderr, "borderless: no role has the id '%s' (see 'borderless list')\n",
                q(buf, id));
        suggest(g, id);
    }
    return NULL;
}

static int run(const bl_guide *g, const struct sl_args *a, unsigned flags)
{
    if (a->sub == SUB_HELP) {
        fputs(bl_cmd_shortlist_usage, stdout);
        return finish_stdout(BL_EXIT_OK);
    }
    const bl_entry *role = NULL;
    if (a->sub == SUB_ADD && !(role = find_role(g, a->id)))
        return BL_EXIT_FAIL;
    if (flags & BL_USERSTATE_PRIVATE) {
        if (a->sub == SUB_LIST) {
            fputs("borderless: a private session (BORDERLESS_NO_STATE or --no-state) "
                  "reads no shortlist\n",
                  stderr);
            return BL_EXIT_OK;
        }
        fputs("borderless: a private session (BORDERLESS_NO_STATE or --no-state) saves "
              "nothing; the shortlist was not changed\n",
              stderr);
        return BL_EXIT_FAIL;
    }

    bl_shortlist *sl = NULL;
    char why[BL_REASON_MAX], whybuf[BL_ESC_SIZE];
    if (bl_shortlist_open(NULL, flags, &sl, why, sizeof why) < 0) {
        fprintf(stderr, "borderless: %s\n", q(whybuf, why));
        return BL_EXIT_FAIL;
    }
    if (bl_shortlist_notice(sl))
        fprintf(stderr, "borderless: %s\n", bl_shortlist_notice(sl));
    int rc = 0, status = BL_EXIT_OK;
    switch (a->sub) {
    case SUB_LIST:
        status = cmd_list(g, sl);
        break;
    case SUB_ADD:
        rc = bl_shortlist_add(sl, a->id, role->reviewed, a->note, why, sizeof why);
        if (rc == 1 && !a->note) {
            char buf[BL_ESC_SIZE];
            fprintf(stderr, "borderless: '%s' is already on the shortlist\n", q(buf, a->id));
        }
        break;
    case SUB_RM:
        rc = bl_shortlist_remove(sl, a->id, why, sizeof why);
        if (rc == -ENOENT) {
            char buf[BL_ESC_SIZE];
            fprintf(stderr, "borderless: %s (see 'borderless shortlist')\n", q(buf, why));
            rc = 0, status = BL_EXIT_FAIL;
        }
        break;
    case SUB_NOTE:
        rc = bl_shortlist_set_note(sl, a->id, a->note, why, sizeof why);
        if (rc == -ENOENT) {
            char b1[BL_ESC_SIZE], b2[BL_ESC_SIZE];
            fprintf(stderr,
                    "borderless: %s; add it with 'borderless shortlist add %s "
                    "NOTE'\n",
                    q(b1, why), q(b2, a->id));
            rc = 0, status = BL_EXIT_FAIL;
        }
        break;
    case SUB_HELP:
        break;
    }
    if (rc < 0) {
        fprintf(stderr, "borderless: %s\n", q(whybuf, why));
        status = BL_EXIT_FAIL;
    }
    bl_shortlist_close(sl);
    return status;
}

int bl_cmd_shortlist_ex(const bl_guide *g, const bl_cli *c, int argc, char **argv, unsigned flags)
{
    out_cli = c;
    struct sl_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc == BL_EXIT_OK)
        rc = run(g, &a, flags);
    free(a.note);
    return rc;
}
