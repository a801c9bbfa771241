/* main.c — the command-line front: options, content lookup, commands.
 *
 * Options are parsed with getopt_long, in any position (`borderless check
 * -C DIR` is `borderless -C DIR check`); `--` ends them.  Every command
 * borrows the loaded guide and returns an enum bl_exit (cli.h).  Usage
 * errors are found before any content is loaded, so they are reported as
 * usage errors even when the content is broken.
 */
#include "borderless/cache.h"
#include "borderless/config.h"
#include "borderless/diag.h"
#include "borderless/editdist.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/tui.h"
#include "cli.h"
#include "cmd_compare.h"
#include "cmd_export.h"
#include "cmd_fit.h"
#include "cmd_search.h"
#include "cmd_shortlist.h"
#include "borderless/userstate.h"
#include "cmd_summary.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- help texts ------------------------------------------------------ */

static const char usage_text[] =
    "Usage: borderless [OPTIONS] [COMMAND [ARGS]]\n"
    "A terminal career guide to international law enforcement.\n"
    "\n"
    "With no command, opens the guide full-screen (press ? inside for keys).\n"
    "\n"
    "Commands:\n"
    "  check        validate the content; print \"N roles, M sections\"\n"
    "  list         list roles and sections: kind<TAB>id<TAB>title\n"
    "  show ID      print a role or section, wrapped to the terminal's width\n"
    "  search QUERY...\n"
    "               print the matching entries, best first (exit 1 if none)\n"
    "  summary ID... [-o FILE] [-f text|markdown] [--force]\n"
    "               write a one- or two-page summary of each role to FILE (else\n"
    "               standard output); never replaces FILE without --force\n"
    "  export [--scope all|shortlist|compare|fit] [-o FILE] [-f text|markdown|html]\n"
    "               a booklet of roles to read or print (see 'export --help')\n"
    "  fit          which roles suit your answers, and why (see 'fit --help')\n"
    "  shortlist [add ID [NOTE] | rm ID | note ID NOTE]\n"
    "               your shortlist of roles, with a note each\n"
    "  compare ID ID [ID] [-d] [-f text|markdown] [-o FILE]\n"
    "               two or three roles side by side, differences marked\n"
    "  help [COMMAND]  show this help, or a command's\n"
    "\n"
    "Options (anywhere on the line; -- ends them):\n"
    "  -C DIR       read content from DIR (else $BORDERLESS_CONTENT, else the\n"
    "               installed content)\n"
    "  --width N    lay show, compare and search's lines out at N columns\n"
    "  --theme THEME  the guide's colours: light, dark or mono\n"
    "  --tsv        search: tab-separated values even on a terminal\n"
    "  --no-state   a private session: no saved state (BORDERLESS_NO_STATE=1)\n"
    "  --no-cache   load the content without the cache (BORDERLESS_NO_CACHE=1)\n"
    "  -h, --help   show this help (or a command's) and exit\n"
    "  --version    show the version and the content's review date, and exit\n"
    "\n"
    "Exit status: 0 success, 1 failure (invalid content, unknown id, no\n"
    "search match, write error), 2 usage error.  See borderless(1).\n";

static const char common_options[] = "  -C DIR       read content from DIR\n"
                                     "  -h, --help   show this help and exit\n";

static const char check_usage[] =
    "Usage: borderless check [-C DIR]\n"
    "Validate the content and print \"N roles, M sections\".  Every problem is\n"
    "printed on standard error as FILE:LINE:COLUMN: MESSAGE (exit status 1).\n"
    "\n";

static const char list_usage[] =
    "Usage: borderless list [-C DIR]\n"
    "List the roles, then the sections, in reading order, one a line:\n"
    "kind<TAB>id<TAB>title.\n"
    "\n";

static const char show_usage[] =
    "Usage: borderless show [--width N] [-C DIR] ID\n"
    "Print a role or section as plain text, wrapped to the terminal's width\n"
    "(else $COLUMNS, else 80), with running text at most 80 columns wide.\n"
    "An id may differ in case; an unknown one gets the nearest ids.\n"
    "\n"
    "  --width N    wrap at N columns (10 to 1000)\n";

static const char search_usage[] =
    "Usage: borderless search [--tsv] [--width N] [-C DIR] QUERY...\n"
    "Print the entries that match QUERY, best first.  Words must all match;\n"
    "\"double quotes\" make a phrase.  On a terminal: the kind, id and title,\n"
    "and a snippet with the matches in bold, cut to the width.  Through a\n"
    "pipe (or with --tsv): kind<TAB>id<TAB>title<TAB>snippet.  Exit status 1\n"
    "when nothing matches (with \"did you mean\" on standard error).\n"
    "\n"
    "  --tsv        tab-separated values even on a terminal\n"
    "  --width N    cut lines at N columns (10 to 1000)\n";

static const char summary_usage[] =
    "Usage: borderless summary ID... [-o FILE] [-f text|markdown] [--force]\n"
    "Write a one- or two-page summary of role ID; of several roles, their\n"
    "summaries one after another in the order given, in one file.\n"
    "\n"
    "  -o, --output FILE   write to FILE instead of standard output (\"-\": stdout)\n"
    "  -f, --format FMT    text (wrapped at 72 columns) or markdown; by default\n"
    "                      markdown when FILE ends in .md or .markdown, else text\n"
    "  --force             replace FILE if it exists\n";

static const char fit_usage[] =
    "Usage: borderless fit [--answers FILE] [-o FILE] [-f text|markdown] [--force]\n"
    "       borderless fit --questions | --clear\n"
    "Which roles suit your answers, and why: every role ranked by a simple\n"
    "score, with what matched, what held it back, its ways in (open to you,\n"
    "check, not yet) and what would change.  A guide, not a verdict.\n"
    "\n"
    "  --questions         print the questions: key<TAB>question<TAB>answers\n"
    "                      (answers separated by |, numbered from 0)\n"
    "  --answers FILE      read answers from FILE (\"-\": standard input), one a\n"
    "                      line, key=value: 0-4, an answer, or none; key!=value\n"
    "                      or value! marks it important; crime_areas takes ids\n"
    "                      separated by commas.  Kept for the next run.\n"
    "  (no option)         the report for the answers kept from the last run\n"
    "  --clear             forget the kept answers\n"
    "  --no-state          neither read nor keep answers\n"
    "  -o, --output FILE   write the report to FILE instead of standard output\n"
    "  -f, --format FMT    text (wrapped at 72 columns) or markdown; by default\n"
    "                      markdown when FILE ends in .md or .markdown, else text\n"
    "  --force             replace FILE if it exists\n";

static const char help_usage[] = "Usage: borderless help [COMMAND]\n"
                                 "Show the program's help, or COMMAND's.\n"
                                 "\n";

/* ---- content --------------------------------------------------------- */

static int has_content(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/sections.yaml", dir) >= (int)sizeof path)
        return 0;
    return stat(path, &st) == 0;
}

/* The installed data folder, found from the executable's own path so that
 * a moved prefix still works: <prefix>/bin/borderless -> <prefix>/share/... */
static int installed_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0'; /* <prefix>/bin */
    slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0'; /* <prefix> */
    int w = snprintf(out, size, "%s/%s", exe, BORDERLESS_DATA_REL);
    return w > 0 && (size_t)w < size ? 0 : -1;
}

/* Chooses the content folder: -C, else $BORDERLESS_CONTENT, else the
 * installed data, else the source tree.  NULL if none (after a message
 * unless quiet). */
static const char *find_content(const bl_cli *c, char *buf, size_t size, int quiet)
{
    if (c->content)
        return c->content;
    const char *env = getenv("BORDERLESS_CONTENT");
    if (env && *env)
        return env;
    char installed[PATH_MAX] = "";
    if (installed_dir(installed, sizeof installed) == 0 && has_content(installed)) {
        snprintf(buf, size, "%s", installed);
        return buf;
    }
    if (has_content(BORDERLESS_SOURCE_CONTENT))
        return BORDERLESS_SOURCE_CONTENT;
    if (quiet)
        return NULL;
    fputs("borderless: no content found.  Looked in:\n"
          "  -C DIR               (not given)\n"
          "  $BORDERLESS_CONTENT  (not set)\n"
          "  ",
          stderr);
    if (installed[0])
        bl_esc_write(stderr, installed, strlen(installed), PATH_MAX, c->esc);
    else
        fputs("(the installed data folder: unknown)", stderr);
    fputs("\n  ", stderr);
    bl_esc_write(stderr, BORDERLESS_SOURCE_CONTENT, strlen(BORDERLESS_SOURCE_CONTENT), PATH_MAX,
                 c->esc);
    fputs("\nGive a content folder with -C DIR.\n", stderr);
    return NULL;
}

/* Why the content in dir did not load. */
static void print_problems(const bl_cli *c, const char *dir, const bl_diags *diags)
{
    bl_diags_print_ex(diags, stderr, c->esc);
    if (diags->total == 0) {
        bl_esc_write(stderr, dir, strlen(dir), PATH_MAX, c->esc);
        fputs(": cannot load the content\n", stderr);
    }
}

static bl_guide *load(const bl_cli *c, const char *dir, int quiet)
{
    bl_diags diags;
    bl_diags_init(&diags, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &diags);
    if (!g && !quiet)
        print_problems(c, dir, &diags);
    bl_diags_free(&diags);
    return g;
}

/* ---- commands -------------------------------------------------------- */

/* The content is validated without keeping it (bl_check_dir): the same
 * messages as loading it, at a fraction of the memory. */
static int cmd_check(const bl_cli *c, const char *dir)
{
    bl_diags diags, warn;
    bl_diags_init(&diags, BL_DIAGS_DEFAULT_MAX);
    bl_diags_init(&warn, BL_DIAGS_DEFAULT_MAX);
    size_t n_roles = 0, n_sections = 0;
    int status = BL_EXIT_FAIL;
    if (bl_check_dir(dir, &diags, &warn, &n_roles, &n_sections) < 0) {
        print_problems(c, dir, &diags);
    } else {
        /* Valid, but some terminals may draw it out of place: warnings
         * only, before the summary line (as problems would be). */
        if (warn.total)
            bl_diags_print_ex(&warn, stderr, c->esc);
        printf("%zu role%s, %zu section%s\n", n_roles, n_roles == 1 ? "" : "s", n_sections,
               n_sections == 1 ? "" : "s");
        status = bl_cli_finish_stdout(BL_EXIT_OK);
    }
    bl_diags_free(&warn);
    bl_diags_free(&diags);
    return status;
}

static int cmd_list(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    (void)argc, (void)argv;
    for (size_t i = 0; i < g->n_entries; i++) {
        const bl_entry *e = &g->entries[i];
        printf("%s\t%s\t", bl_entry_kind_name(e->kind), e->id);
        bl_cli_put(c, stdout, e->title, strlen(e->title), -1, NULL, 0);
        putchar('\n');
    }
    return bl_cli_finish_stdout(BL_EXIT_OK);
}

/* The width show wraps at: --width, else the terminal's, else $COLUMNS,
 * else 80; all but --width capped at the readable measure. */
static int show_width(const bl_cli *c)
{
    if (c->width)
        return c->width;
    int w = c->term_cols;
    if (w <= 0) {
        const char *env = getenv("COLUMNS");
        char *end = NULL;
        long v = env && *env ? strtol(env, &end, 10) : 0;
        if (end && *end == '\0' && v >= BL_CLI_WIDTH_MIN && v <= BL_CLI_WIDTH_MAX)
            w = (int)v;
    }
    if (w <= 0)
        w = BL_CLI_MEASURE;
    return w < BL_CLI_MEASURE ? w : BL_CLI_MEASURE;
}

static int cmd_show(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    (void)argc;
    const bl_entry *e = bl_cli_find(c, g, argv[0], 0);
    if (!e)
        return BL_EXIT_FAIL;
    bl_layout *l = bl_layout_entry_ex(g, e, show_width(c), c->ascii ? BL_LAYOUT_ASCII : 0);
    if (!l) {
        fputs("borderless: out of memory\n", stderr);
        return BL_EXIT_FAIL;
    }
    int rc = bl_layout_write_plain(l, stdout);
    bl_layout_free(l);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return BL_EXIT_FAIL;
    }
    return bl_cli_finish_stdout(BL_EXIT_OK);
}

static int cmd_search(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    return bl_cmd_search(g, c, argc, argv);
}

static int cmd_summary(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    return bl_cmd_summary(g, c, argc, argv);
}

static int cmd_summary_check(const bl_cli *c, int argc, char **argv)
{
    (void)argc, (void)argv;
    if (c->bfmt == BL_BOOKLET_HTML)
        return bl_cli_usage("summary", "a summary is text or markdown; html is for export");
    return BL_EXIT_OK;
}

static int cmd_compare_check(const bl_cli *c, int argc, char **argv)
{
    if (c->bfmt == BL_BOOKLET_HTML)
        return bl_cli_usage("compare",
                            "the comparison is text or markdown here; for html use "
                            "'borderless export --scope compare'");
    return bl_cmd_compare_check(c, argc, argv);
}

static int cmd_fit_check(const bl_cli *c, int argc, char **argv)
{
    if (c->bfmt == BL_BOOKLET_HTML)
        return bl_cli_usage("fit",
                            "the report is text or markdown; for html use 'borderless "
                            "export --scope fit'");
    return bl_cmd_fit_check(c, argc, argv);
}

static int cmd_fit(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    (void)argc, (void)argv;
    return bl_cmd_fit(g, c);
}

static int cmd_shortlist(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    return bl_cmd_shortlist_ex(g, c, argc, argv, bl_userstate_flags(c->no_state));
}

static int cmd_compare(const bl_guide *g, const bl_cli *c, int argc, char **argv)
{
    return bl_cmd_compare(g, c, argc, argv);
}

/* Options a command may take beyond the global ones. */
enum {
    TAKES_TSV = 1, /* --tsv */
    TAKES_SUMMARY = 2, /* -o, -f, --force */
    TAKES_FIT = 4, /* --questions, --clear */
    TAKES_COMPARE = 8, /* -d, --differences */
    TAKES_ANSWERS = 16, /* --answers */
    TAKES_SCOPE = 32, /* --scope */
};

static const struct command {
    const char *name;
    const char *usage; /* its own help, before the common options */
    int min_args, max_args; /* max -1: any number */
    const char *missing; /* message when arguments are missing */
    unsigned takes;
    /* Its own checks of the arguments, before content is loaded (NULL: none);
     * returns BL_EXIT_OK, or BL_EXIT_USAGE after the message. */
    int (*check)(const bl_cli *c, int argc, char **argv);
    int (*run)(const bl_guide *g, const bl_cli *c, int argc, char **argv);
    /* Instead of run: works on the content folder itself (check). */
    int (*run_dir)(const bl_cli *c, const char *dir);
} commands[] = {
    {.name = "check", .usage = check_usage, .run_dir = cmd_check},
    {.name = "list", .usage = list_usage, .run = cmd_list},
    {.name = "show",
     .usage = show_usage,
     .min_args = 1,
     .max_args = 1,
     .missing = "show needs an ID (see 'borderless list')",
     .run = cmd_show},
    {.name = "search",
     .usage = search_usage,
     .min_args = 1,
     .max_args = -1,
     .missing = "search needs a query",
     .takes = TAKES_TSV,
     .run = cmd_search},
    {.name = "summary",
     .usage = summary_usage,
     .min_args = 1,
     .max_args = -1,
     .missing = "summary needs a role ID (see 'borderless list')",
     .takes = TAKES_SUMMARY,
     .check = cmd_summary_check,
     .run = cmd_summary},
    {.name = "fit",
     .usage = fit_usage,
     .takes = TAKES_SUMMARY | TAKES_FIT | TAKES_ANSWERS,
     .run = cmd_fit,
     .check = cmd_fit_check},
    {.name = "export",
     .usage = bl_cmd_export_usage,
     .max_args = -1,
     .takes = TAKES_SUMMARY | TAKES_ANSWERS | TAKES_SCOPE,
     .check = bl_cmd_export_check,
     .run = bl_cmd_export},
    {.name = "shortlist",
     .usage = bl_cmd_shortlist_usage,
     .max_args = -1,
     .check = bl_cmd_shortlist_check,
     .run = cmd_shortlist},
    {.name = "compare",
     .usage = bl_cmd_compare_usage,
     .min_args = 2,
     .max_args = 3,
     .missing = "compare needs two or three role IDs (see 'borderless list')",
     .takes = TAKES_SUMMARY | TAKES_COMPARE,
     .check = cmd_compare_check,
     .run = cmd_compare},
    {.name = "help", .usage = help_usage, .max_args = 1},
};
enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static const struct command *command_named(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const bl_cli *c, const char *name)
{
    char buf[BL_ESC_SIZE];
    const char *near = NULL;
    unsigned best = 3;
    for (size_t i = 0; i < N_COMMANDS; i++) {
        unsigned d = bl_edit_distance_utf8(name, commands[i].name, 2);
        if (d < best ||
            (strlen(name) >= 2 && strncmp(commands[i].name, name, strlen(name)) == 0 && best > 1)) {
            best = d < best ? d : 1;
            near = commands[i].name;
        }
    }
    if (near)
        return bl_cli_usage(NULL, "unknown command '%s' (did you mean '%s'?)",
                            bl_cli_q(c, buf, name), near);
    return bl_cli_usage(NULL, "unknown command '%s'", bl_cli_q(c, buf, name));
}

static int print_help(const struct command *cmd)
{
    if (!cmd) {
        fputs(usage_text, stdout);
    } else {
        fputs(cmd->usage, stdout);
        if (cmd->takes & TAKES_SUMMARY)
            fputs("  -C DIR              read content from DIR\n"
                  "  -h, --help          show this help and exit\n",
                  stdout);
        else
            fputs(common_options, stdout);
    }
    return bl_cli_finish_stdout(BL_EXIT_OK);
}

/* The guide's search index from the cache, in the guide's background
 * thread (index_job.h): only with the guide that came from the same cache. */
static bl_search_index *cached_index(void *ctx, const bl_guide *g)
{
    return bl_cache_load_index(ctx, g);
}

/* The parts of a guide from the cache, checked as the guide needs them. */
static int cache_check(void *ctx, long what)
{
    return bl_cache_check(ctx, what);
}

static int cmd_browse(const bl_guide *g, const bl_cli *c)
{
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO) || !bl_tui_usable()) {
        fprintf(stderr,
                "borderless: the guide needs a terminal.  For plain output use "
                "'borderless list' or 'borderless show ID'; see 'borderless --help'.\n");
        return BL_EXIT_USAGE;
    }
    /* --no-state reaches the guide (the shortlist, the session). */
    bl_tui_options opts = {.theme = c->theme, .no_state = c->no_state, .restore = 1};
    if (c->cache && c->cache->had_guide) {
        opts.index_from = cached_index;
        opts.index_ctx = c->cache;
    }
    if (c->cache && c->cache->lazy) {
        opts.check = cache_check;
        opts.check_ctx = c->cache;
    }
    bl_search_index *ix = NULL;
    if (c->cache)
        opts.index_out = &ix;
    int status = bl_tui_run(g, &opts);
    /* The index the guide built in the background, if it was ready by the
     * end (the guide never waits for it), goes into the cache with the
     * guide, as `search` does: when the cache missed the guide, or had the
     * guide without an index.  (The job, and so the cache load, is over:
     * had_index is final.)  Without it main() stores the guide alone. */
    if (ix && !(c->cache->had_guide && c->cache->had_index))
        (void)bl_cache_store(c->cache, g, ix);
    bl_search_index_free(ix);
    return status;
}

/* Prints the version, and the content's when content is found and loads;
 * never fails for want of content. */
static int print_version(const bl_cli *c)
{
    printf("borderless %s\n", BORDERLESS_VERSION);
    char buf[PATH_MAX];
    const char *dir = find_content(c, buf, sizeof buf, 1);
    bl_guide *g = dir ? load(c, dir, 1) : NULL;
    const char *date = g ? bl_booklet_content_date(g) : NULL;
    if (date)
        printf("content reviewed %s\n", date);
    bl_guide_free(g);
    return bl_cli_finish_stdout(BL_EXIT_OK);
}

/* ---- options --------------------------------------------------------- */

enum {
    OPT_VERSION = 256,
    OPT_WIDTH,
    OPT_THEME,
    OPT_TSV,
    OPT_FORCE,
    OPT_QUESTIONS,
    OPT_ANSWERS,
    OPT_CLEAR,
    OPT_NO_STATE,
    OPT_SCOPE,
    OPT_NO_CACHE,
};

static const struct option long_options[] = {
    {.name = "help", .has_arg = no_argument, .val = 'h'},
    {.name = "version", .has_arg = no_argument, .val = OPT_VERSION},
    {.name = "width", .has_arg = required_argument, .val = OPT_WIDTH},
    {.name = "theme", .has_arg = required_argument, .val = OPT_THEME},
    {.name = "tsv", .has_arg = no_argument, .val = OPT_TSV},
    {.name = "output", .has_arg = required_argument, .val = 'o'},
    {.name = "format", .has_arg = required_argument, .val = 'f'},
    {.name = "force", .has_arg = no_argument, .val = OPT_FORCE},
    {.name = "questions", .has_arg = no_argument, .val = OPT_QUESTIONS},
    {.name = "answers", .has_arg = required_argument, .val = OPT_ANSWERS},
    {.name = "clear", .has_arg = no_argument, .val = OPT_CLEAR},
    {.name = "no-state", .has_arg = no_argument, .val = OPT_NO_STATE},
    {.name = "differences", .has_arg = no_argument, .val = 'd'},
    {.name = "scope", .has_arg = required_argument, .val = OPT_SCOPE},
    {.name = "no-cache", .has_arg = no_argument, .val = OPT_NO_CACHE},
    {0},
};

/* "-" first: non-options come back in order as option 1 (so options may
 * follow the command and its arguments whatever POSIXLY_CORRECT says);
 * ":": a missing value is reported as ':'. */
static const char short_options[] = "-:C:ho:f:d";

static int parse_theme(const char *s, enum bl_tui_theme *out)
{
    static const struct {
        const char *name;
        enum bl_tui_theme theme;
    } themes[] = {
        {"auto", BL_TUI_THEME_AUTO},
        {"light", BL_TUI_THEME_LIGHT},
        {"dark", BL_TUI_THEME_DARK},
        {"mono", BL_TUI_THEME_MONO},
    };
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
        if (strcmp(s, themes[i].name) == 0) {
            *out = themes[i].theme;
            return 0;
        }
    return -1;
}

/* The message for an option getopt_long did not accept: argv[optind - 1]
 * for a long option, optopt for a short one. */
static int bad_option(const bl_cli *c, char **argv, int at, int opt)
{
    char buf[BL_ESC_SIZE];
    const char *a = at >= 1 ? argv[at - 1] : "";
    if (strncmp(a, "--", 2) == 0) {
        size_t n = strcspn(a + 2, "=");
        size_t matches = 0;
        const struct option *o = NULL;
        for (const struct option *p = long_options; p->name; p++)
            if (strncmp(p->name, a + 2, n) == 0) {
                matches++;
                o = p;
                if (strlen(p->name) == n) {
                    matches = 1;
                    break;
                }
            }
        if (matches == 1 && a[2 + n] == '=' && o->has_arg == no_argument)
            return bl_cli_usage(NULL, "option '--%s' takes no value", o->name);
        if (matches > 1)
            return bl_cli_usage(NULL, "ambiguous option '%s'", bl_cli_q(c, buf, a));
        return bl_cli_usage(NULL, "unknown option '%s'", bl_cli_q(c, buf, a));
    }
    char o[3] = {'-', (char)opt, '\0'};
    return bl_cli_usage(NULL, "unknown option '%s'", bl_cli_q(c, buf, o));
}

static int missing_value(int opt)
{
    switch (opt) {
    case 'C':
        return bl_cli_usage(NULL, "option -C needs a folder");
    case 'o':
        return bl_cli_usage("summary", "option -o needs a file name");
    case 'f':
        return bl_cli_usage("summary", "option -f needs a format: text, markdown or html");
    case OPT_WIDTH:
        return bl_cli_usage(NULL, "option --width needs a number of columns");
    case OPT_THEME:
        return bl_cli_usage(NULL, "option --theme needs light, dark or mono");
    case OPT_SCOPE:
        return bl_cli_usage("export", "option --scope needs all, shortlist, compare or fit");
    case OPT_ANSWERS:
        return bl_cli_usage("fit",
                            "option --answers needs a file name (\"-\": standard "
                            "input)");
    default:
        return bl_cli_usage(NULL, "an option needs a value");
    }
}

struct parsed {
    int help, version;
    const char *given_tsv, *given_summary, *given_fit; /* a command option seen */
    const char *given_compare, *given_answers, *given_scope;
    char **args; /* the non-option words: the command and its arguments */
    int n_args;
};

/* Parses argv into c and p; 0, or BL_EXIT_USAGE after a message. */
static int parse(int argc, char **argv, bl_cli *c, struct parsed *p)
{
    char buf[BL_ESC_SIZE];
    opterr = 0;
    optind = 1;
    for (;;) {
        int at = optind;
        int opt = getopt_long(argc, argv, short_options, long_options, NULL);
        if (opt == -1)
            break;
        switch (opt) {
        case 1:
            p->args[p->n_args++] = optarg;
            break;
        case 'C':
            c->content = optarg;
            break;
        case 'h':
            p->help = 1;
            break;
        case OPT_VERSION:
            p->version = 1;
            break;
        case OPT_WIDTH: {
            char *end = NULL;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || errno || v < BL_CLI_WIDTH_MIN || v > BL_CLI_WIDTH_MAX)
                return bl_cli_usage(NULL, "bad width '%s' (use a number from %d to %d)",
                                    bl_cli_q(c, buf, optarg), BL_CLI_WIDTH_MIN, BL_CLI_WIDTH_MAX);
            c->width = (int)v;
            break;
        }
        case OPT_THEME:
            if (parse_theme(optarg, &c->theme) != 0)
                return bl_cli_usage(NULL, "unknown theme '%s' (use light, dark or mono)",
                                    bl_cli_q(c, buf, optarg));
            c->theme_given = 1;
            break;
        case OPT_TSV:
            c->tsv = 1;
            p->given_tsv = "--tsv";
            break;
        case 'o':
            if (!*optarg)
                return bl_cli_usage("summary", "option -o needs a file name");
            c->out = optarg;
            p->given_summary = at < argc && strncmp(argv[at], "--", 2) == 0 ? "--output" : "-o";
            break;
        case 'f':
            if (bl_booklet_parse_format(optarg, &c->bfmt) != 0)
                return bl_cli_usage(NULL, "unknown format '%s' (use text, markdown or html)",
                                    bl_cli_q(c, buf, optarg));
            c->fmt = c->bfmt == BL_BOOKLET_MARKDOWN ? BL_SUMMARY_MARKDOWN
                : c->bfmt == BL_BOOKLET_TEXT        ? BL_SUMMARY_TEXT
                                                    : BL_SUMMARY_AUTO;
            p->given_summary = at < argc && strncmp(argv[at], "--", 2) == 0 ? "--format" : "-f";
            break;
        case OPT_FORCE:
            c->force = 1;
            p->given_summary = "--force";
            break;
        case OPT_QUESTIONS:
            c->fit_questions = 1;
            p->given_fit = "--questions";
            break;
        case OPT_ANSWERS:
            if (!*optarg)
                return missing_value(OPT_ANSWERS);
            c->fit_answers = optarg;
            p->given_answers = "--answers";
            break;
        case OPT_CLEAR:
            c->fit_clear = 1;
            p->given_fit = "--clear";
            break;
        case OPT_NO_STATE:
            c->no_state = 1;
            break;
        case 'd':
            c->compare_diff = 1;
            p->given_compare =
                at < argc && strncmp(argv[at], "--", 2) == 0 ? "--differences" : "-d";
            break;
        case OPT_SCOPE:
            if (bl_booklet_parse_scope(optarg, &c->scope) != 0 || c->scope == BL_BOOKLET_ROLES)
                return bl_cli_usage("export",
                                    "unknown scope '%s' (use all, shortlist, compare or fit)",
                                    bl_cli_q(c, buf, optarg));
            p->given_scope = "--scope";
            break;
        case OPT_NO_CACHE:
            c->no_cache = 1;
            break;
        case ':':
            return missing_value(optopt);
        default:
            return bad_option(c, argv, optind, optopt);
        }
    }
    for (int i = optind; i < argc; i++) /* after "--" */
        p->args[p->n_args++] = argv[i];
    return 0;
}

/* ---- the output ------------------------------------------------------ */

static int locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void decide_output(bl_cli *c)
{
    c->ascii = !locale_is_utf8();
    c->esc = c->ascii ? BL_ESC_ASCII : 0;
    c->tty = isatty(STDOUT_FILENO);
    struct winsize ws;
    if (c->tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        c->term_cols = ws.ws_col;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bl_cli c = {.fmt = BL_SUMMARY_AUTO, .bfmt = BL_BOOKLET_AUTO, .scope = BL_BOOKLET_ALL};
    decide_output(&c);

    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fputs("borderless: out of memory\n", stderr);
        return BL_EXIT_FAIL;
    }
    struct parsed p = {.args = args};
    int status = parse(argc, argv, &c, &p);
    if (status != 0) {
        free(args);
        return status;
    }

    char buf[BL_ESC_SIZE];
    if (p.version) {
        status = p.n_args > 0 ? bl_cli_usage(NULL, "--version takes no arguments (got '%s')",
                                             bl_cli_q(&c, buf, p.args[0]))
                              : print_version(&c);
        goto done;
    }
    const struct command *cmd = NULL;
    if (p.n_args > 0) {
        cmd = command_named(p.args[0]);
        if (!cmd) {
            status = unknown_command(&c, p.args[0]);
            goto done;
        }
    }
    int n = p.n_args - (cmd ? 1 : 0);
    char **cargs = p.args + (cmd ? 1 : 0);

    /* Options that belong to another command ("help" takes them all). */
    int is_help = cmd && !cmd->run && !cmd->run_dir;
    if (p.given_tsv && !is_help && !(cmd && (cmd->takes & TAKES_TSV))) {
        status = bl_cli_usage(cmd ? cmd->name : NULL, "option %s is only for search", p.given_tsv);
        goto done;
    }
    if (p.given_summary && !is_help && !(cmd && (cmd->takes & TAKES_SUMMARY))) {
        status =
            bl_cli_usage(cmd ? cmd->name : NULL,
                         "option %s is only for summary, fit, compare and export", p.given_summary);
        goto done;
    }
    if (p.given_answers && !is_help && !(cmd && (cmd->takes & TAKES_ANSWERS))) {
        status = bl_cli_usage(cmd ? cmd->name : NULL, "option %s is only for fit and export",
                              p.given_answers);
        goto done;
    }
    if (p.given_scope && !is_help && !(cmd && (cmd->takes & TAKES_SCOPE))) {
        status =
            bl_cli_usage(cmd ? cmd->name : NULL, "option %s is only for export", p.given_scope);
        goto done;
    }
    if (p.given_compare && !is_help && !(cmd && (cmd->takes & TAKES_COMPARE))) {
        status =
            bl_cli_usage(cmd ? cmd->name : NULL, "option %s is only for compare", p.given_compare);
        goto done;
    }
    if (p.given_fit && !is_help && !(cmd && (cmd->takes & TAKES_FIT))) {
        status = bl_cli_usage(cmd ? cmd->name : NULL, "option %s is only for fit", p.given_fit);
        goto done;
    }
    if (cmd && cmd->max_args >= 0 && n > cmd->max_args) {
        status = bl_cli_usage(cmd->name, "unexpected argument '%s'",
                              bl_cli_q(&c, buf, cargs[cmd->max_args]));
        goto done;
    }
    if (is_help && !p.help) {
        const struct command *about = NULL;
        if (n == 1 && !(about = command_named(cargs[0]))) {
            status = unknown_command(&c, cargs[0]);
            goto done;
        }
        status = print_help(about);
        goto done;
    }
    if (p.help) {
        status = print_help(cmd);
        goto done;
    }
    if (cmd && n < cmd->min_args) {
        status = bl_cli_usage(cmd->name, "%s", cmd->missing);
        goto done;
    }
    if (!cmd && !c.theme_given) {
        const char *env = getenv("BORDERLESS_THEME");
        if (env && *env && parse_theme(env, &c.theme) != 0) {
            status = bl_cli_usage(NULL,
                                  "BORDERLESS_THEME: unknown theme '%s' (use light, "
                                  "dark or mono)",
                                  bl_cli_q(&c, buf, env));
            goto done;
        }
    }
    if (cmd && cmd->check && (status = cmd->check(&c, n, cargs)) != BL_EXIT_OK)
        goto done;
    if (cmd && (cmd->takes & TAKES_TSV) && !c.tsv)
        bl_cli_termcap(&c);

    char dirbuf[PATH_MAX];
    const char *dir = find_content(&c, dirbuf, sizeof dirbuf, 0);
    /* The cache (cache.h): `check` always reads the YAML itself and writes
     * no cache; --no-cache neither reads nor writes one; --no-state (a
     * private session) reads it but writes nothing. */
    bl_cache cache = {0};
    if (dir && !(cmd && cmd->run_dir)) {
        unsigned cflags = c.no_cache ? BL_CACHE_NO_READ | BL_CACHE_NO_WRITE : 0;
        if (bl_userstate_flags(c.no_state) & BL_USERSTATE_PRIVATE)
            cflags |= BL_CACHE_NO_WRITE;
        bl_cache_init(&cache, dir, cflags);
        c.cache = &cache;
    }
    if (cmd && cmd->run_dir) {
        status = dir ? cmd->run_dir(&c, dir) : BL_EXIT_FAIL;
        goto done;
    }
    /* The guide checks the cached guide as it goes (cache.h); commands
     * check it whole first. */
    bl_guide *g = !c.cache ? NULL
        : cmd              ? bl_cache_load_guide(&cache)
                           : bl_cache_load_guide_lazy(&cache);
    if (!g && dir)
        g = load(&c, dir, 0);
    if (!g) {
        bl_cache_done(&cache);
        status = BL_EXIT_FAIL;
        goto done;
    }
    status = cmd ? cmd->run(g, &c, n, cargs) : cmd_browse(g, &c);
    if (!cmd && status == BL_TUI_RESTART) {
        /* The cached guide was damaged (found before the first key): the
         * YAML, and a new cache at the end. */
        unsigned cflags = cache.flags | BL_CACHE_NO_READ;
        bl_cache_done(&cache);
        bl_guide_free(g);
        bl_cache_init(&cache, dir, cflags);
        g = load(&c, dir, 0);
        status = g ? cmd_browse(g, &c) : BL_EXIT_FAIL;
        if (!g) {
            bl_cache_done(&cache);
            goto done;
        }
    }
    /* After the output: a command that found no cached guide leaves one
     * (search and the guide store their index with it themselves). */
    if (c.cache && !cache.had_guide && !cache.stored) {
        fflush(stdout);
        (void)bl_cache_store(&cache, g, NULL);
    }
    bl_cache_done(&cache);
    bl_guide_free(g);
done:
    free(args);
    return status;
}
