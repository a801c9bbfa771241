/* main.c — the command-line front: options, content lookup, commands.
 *
 * Each command borrows the loaded guide and returns the exit status:
 * 0 success, 1 failure (invalid content, unknown id, a write error),
 * 2 usage error.
 */
#include "borderless/config.h"
#include "borderless/diag.h"
#include "borderless/layout.h"
#include "borderless/loader.h"
#include "borderless/tui.h"
#include "cmd_search.h"
#include "cmd_fit.h"
#include "cmd_summary.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <langinfo.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage: borderless [-C DIR] [COMMAND [ARGS]]\n"
    "A terminal career guide to international law enforcement.\n"
    "\n"
    "With no command, opens the guide full-screen (press ? inside for keys).\n"
    "\n"
    "Commands:\n"
    "  check        validate the content; print \"N roles, M sections\"\n"
    "  list         list roles and sections: kind<TAB>id<TAB>title\n"
    "  show ID      print a role or section, wrapped to the terminal's width\n"
    "  search QUERY...\n"
    "               print the entries that match, best first:\n"
    "               kind<TAB>id<TAB>title<TAB>snippet (exit 1 when none)\n"
    "  summary ID [-o FILE] [-f text|markdown] [--force]\n"
    "               write a one- or two-page summary of a role to FILE (else\n"
    "               standard output); never replaces FILE without --force\n"
    "  fit [--answers FILE] [--questions] [--clear] [-o FILE] [-f FMT]\n"
    "               which roles suit your answers, and why (a guide, not a\n"
    "               verdict); see 'borderless fit --help'\n"
    "\n"
    "Options:\n"
    "  -C DIR       read content from DIR (else $BORDERLESS_CONTENT, else the\n"
    "               installed content)\n"
    "  -h, --help   show this help and exit\n"
    "  --version    show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 failure (invalid content, unknown id, no\n"
    "search match, write error), 2 usage error.  See borderless(1).\n";

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "borderless: %s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "");
    fputs("Try 'borderless --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Flushes stdout and reports a failed write (a full disk, a closed pipe). */
static int finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    return status;
}

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
 * installed data, else the source tree.  NULL (after a message) if none. */
static const char *find_content(const char *opt, char *buf, size_t size)
{
    if (opt)
        return opt;
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
    fprintf(stderr,
            "borderless: no content found.  Looked in:\n"
            "  -C DIR               (not given)\n"
            "  $BORDERLESS_CONTENT  (not set)\n"
            "  %s\n"
            "  %s\n"
            "Give a content folder with -C DIR.\n",
            installed[0] ? installed : "(the installed data folder: unknown)",
            BORDERLESS_SOURCE_CONTENT);
    return NULL;
}

static bl_guide *load(const char *dir)
{
    bl_diags diags;
    bl_diags_init(&diags, BL_DIAGS_DEFAULT_MAX);
    bl_guide *g = bl_load_dir(dir, &diags);
    if (!g) {
        bl_diags_print(&diags, stderr);
        if (diags.total == 0)
            fprintf(stderr, "%s: cannot load the content\n", dir);
    }
    bl_diags_free(&diags);
    return g;
}

static int cmd_check(const bl_guide *g)
{
    printf("%zu role%s, %zu section%s\n", g->n_roles, g->n_roles == 1 ? "" : "s",
           g->n_sections, g->n_sections == 1 ? "" : "s");
    return finish_stdout(EXIT_OK);
}

static int cmd_list(const bl_guide *g)
{
    for (size_t i = 0; i < g->n_entries; i++) {
        const bl_entry *e = &g->entries[i];
        printf("%s\t%s\t%s\n", bl_entry_kind_name(e->kind), e->id, e->title);
    }
    return finish_stdout(EXIT_OK);
}

static int output_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static int cmd_show(const bl_guide *g, const char *id)
{
    const bl_entry *e = bl_guide_find(g, id);
    if (!e) {
        fprintf(stderr, "borderless: no role or section has the id '%s' "
                        "(see 'borderless list')\n", id);
        return EXIT_FAIL;
    }
    bl_layout *l = bl_layout_entry(g, e, output_width());
    if (!l) {
        fprintf(stderr, "borderless: out of memory\n");
        return EXIT_FAIL;
    }
    int rc = bl_layout_write_plain(l, stdout);
    bl_layout_free(l);
    if (rc < 0) {
        fprintf(stderr, "borderless: cannot write to standard output: %s\n", strerror(errno));
        return EXIT_FAIL;
    }
    return finish_stdout(EXIT_OK);
}

static int cmd_browse(const bl_guide *g)
{
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        fprintf(stderr, "borderless: the guide needs a terminal.  For plain output use "
                        "'borderless list' or 'borderless show ID'; see 'borderless --help'.\n");
        return EXIT_USAGE;
    }
    return bl_tui_run(g);
}

/* Adapters so every command has the same shape. */
static int run_check(const bl_guide *g, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_check(g);
}

static int run_list(const bl_guide *g, int argc, char **argv)
{
    (void)argc, (void)argv;
    return cmd_list(g);
}

static int run_show(const bl_guide *g, int argc, char **argv)
{
    (void)argc;
    return cmd_show(g, argv[0]);
}

static int check_no_args(int argc, char **argv)
{
    return argc ? usage_error("unexpected argument", argv[0]) : 0;
}

static int check_show(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error(argc ? "show takes one ID" : "show needs an ID", NULL);
    return 0;
}

static int check_search(int argc, char **argv)
{
    (void)argv;
    return argc ? 0 : usage_error("search needs a query", NULL);
}

static int check_fit(int argc, char **argv)
{
    bl_fit_cli a = {.fmt = BL_SUMMARY_AUTO};
    int help;
    return bl_cmd_fit_parse(argc, argv, &a, &help);
}

static int run_fit(const bl_guide *g, int argc, char **argv)
{
    bl_fit_cli a = {.fmt = BL_SUMMARY_AUTO};
    int help;
    int rc = bl_cmd_fit_parse(argc, argv, &a, &help);
    if (rc)
        return rc;
    if (help) {
        fputs(bl_cmd_fit_usage, stdout);
        return finish_stdout(EXIT_OK);
    }
    const char *cs = nl_langinfo(CODESET);
    a.ascii = !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
    return bl_cmd_fit(g, &a);
}

/* Every command: its arguments are checked before content is loaded, so a
 * usage error is reported as one even when the content is broken. */
static const struct command {
    const char *name;
    int (*check)(int argc, char **argv); /* 0, or EXIT_USAGE after a message */
    int (*run)(const bl_guide *g, int argc, char **argv);
} commands[] = {
    {.name = "check", .check = check_no_args, .run = run_check},
    {.name = "list", .check = check_no_args, .run = run_list},
    {.name = "show", .check = check_show, .run = run_show},
    {.name = "search", .check = check_search, .run = bl_cmd_search},
    {.name = "summary", .check = bl_cmd_summary_check, .run = bl_cmd_summary},
    {.name = "fit", .check = check_fit, .run = run_fit},
};

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    const char *content_opt = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return finish_stdout(EXIT_OK);
        } else if (strcmp(a, "--version") == 0) {
            printf("borderless %s\n", BORDERLESS_VERSION);
            return finish_stdout(EXIT_OK);
        } else if (strcmp(a, "-C") == 0) {
            if (i + 1 >= argc)
                return usage_error("option -C needs a folder", NULL);
            content_opt = argv[++i];
        } else if (strncmp(a, "-C", 2) == 0) {
            content_opt = a + 2;
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option", a);
        } else {
            break;
        }
    }
    const struct command *cmd = NULL;
    if (i < argc) {
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            if (strcmp(argv[i], commands[c].name) == 0)
                cmd = &commands[c];
        if (!cmd)
            return usage_error("unknown command", argv[i]);
        i++;
        if (cmd->check(argc - i, argv + i) != 0)
            return EXIT_USAGE;
    }

    char buf[PATH_MAX];
    const char *dir = find_content(content_opt, buf, sizeof buf);
    if (!dir)
        return EXIT_FAIL;
    bl_guide *g = load(dir);
    if (!g)
        return EXIT_FAIL;
    int status = cmd ? cmd->run(g, argc - i, argv + i) : cmd_browse(g);
    bl_guide_free(g);
    return status;
}
