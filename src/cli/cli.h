/* cli.h — what the commands of the command-line front share: the one
 * exit-status enum, the parsed options, the output's properties (decided
 * once in main), and the helpers every message goes through.
 *
 * Every message that repeats outside data (an id, a query, a path, an
 * option) passes it through bl_cli_q(), which escapes control characters
 * and cuts long echoes (esc.h); content is printed through bl_cli_put(),
 * which makes it display-safe and ASCII in a locale that is not UTF-8.
 */
#ifndef BORDERLESS_CLI_H
#define BORDERLESS_CLI_H

#include "borderless/booklet.h"
#include "borderless/diag.h"
#include "borderless/esc.h"
#include "borderless/model.h"
#include "borderless/search.h"
#include "borderless/summary.h"
#include "borderless/tui.h"

#include <stddef.h>
#include <stdio.h>

/* The exit statuses of every command (documented in borderless(1)). */
enum bl_exit {
    BL_EXIT_OK = 0, /* success (search: something matched) */
    BL_EXIT_FAIL = 1, /* invalid content, unknown id, no match, write error */
    BL_EXIT_USAGE = 2, /* bad command line; no terminal for the guide */
};

/* A readable measure: running text is wrapped at most this wide unless
 * --width says otherwise. */
#define BL_CLI_MEASURE 80
#define BL_CLI_WIDTH_MIN 10
#define BL_CLI_WIDTH_MAX 1000

typedef struct bl_cli {
    /* Options (any position on the command line). */
    const char *content; /* -C DIR, or NULL */
    int width; /* --width N, or 0 */
    int tsv; /* search --tsv */
    enum bl_tui_theme theme; /* --theme / $BORDERLESS_THEME */
    int theme_given; /* --theme was on the command line */
    const char *out; /* summary -o FILE, or NULL */
    enum bl_summary_format fmt; /* summary -f (AUTO for html) */
    enum bl_booklet_format bfmt; /* export -f (the same, and html) */
    enum bl_booklet_scope scope; /* export --scope */
    int force; /* summary --force */
    int fit_questions; /* fit --questions */
    const char *fit_answers; /* fit --answers FILE, or NULL */
    int fit_clear; /* fit --clear */
    int no_state; /* --no-state: a private session */
    int compare_diff; /* compare -d: only the rows that differ */
    int no_cache; /* --no-cache */
    struct bl_cache *cache; /* the content's cache, or NULL (cache.h) */
    /* The output, decided once. */
    unsigned esc; /* BL_ESC_ASCII when the locale is not UTF-8 */
    int ascii; /* the same, for the layout and content */
    int tty; /* standard output is a terminal */
    int term_cols; /* its width, or 0 */
    const char *bold, *sgr0; /* the terminal's bold and reset, or NULL */
} bl_cli;

/* s escaped for a message (esc.h), cut at BL_ESC_MAX bytes. */
const char *bl_cli_q(const bl_cli *c, char buf[BL_ESC_SIZE], const char *s);

/* "borderless: MESSAGE" and "Try 'borderless [CMD ]--help' ..." on stderr;
 * returns BL_EXIT_USAGE.  cmd may be NULL.  Echoed data in the message must
 * already be escaped. */
int bl_cli_usage(const char *cmd, const char *fmt, ...) BL_PRINTF(2, 3);

/* Flushes stdout; on a write error (a full disk, a closed pipe) says so and
 * returns BL_EXIT_FAIL, else status. */
int bl_cli_finish_stdout(int status);

/* Where a document goes and in what format: *to_stdout is 1 without -o or
 * with "-o -"; the format is -f's, else text on standard output, else the
 * one -o's extension names (summary.h). */
enum bl_summary_format bl_cli_format(const bl_cli *c, int *to_stdout);

/* Saves doc[0..len) to path by the safe writer's rules (an existing file only
 * when force), with the signal guard that leaves no temporary file behind;
 * a failure is reported on stderr as "cannot save the <what>: <reason>", the
 * reason escaped as c says.  Returns BL_EXIT_OK or BL_EXIT_FAIL. */
int bl_cli_save(const bl_cli *c, const char *path, int force, const char *what, const char *doc,
                size_t len);

/* The entry with this id, else one whose id differs only in case.  Else
 * (NULL) prints that there is none, with the nearest ids as "did you mean"
 * (ids it is a prefix of, then ids within a few edits).  roles_only: look
 * among roles only (summary). */
const bl_entry *bl_cli_find(const bl_cli *c, const bl_guide *g, const char *id, int roles_only);

/* Writes content text s[0..len) made display-safe (layout.h), ASCII when
 * c->ascii (an ellipsis as "..."), in at most max_cols columns (< 0: no
 * limit); a cut ends with the ellipsis.  Byte ranges marks[0..n) of s are
 * written in bold when c->bold.  Returns the columns written. */
int bl_cli_put(const bl_cli *c, FILE *f, const char *s, size_t len, int max_cols,
               const bl_search_mark *marks, size_t n_marks);

/* Columns s[0..len) takes when written by bl_cli_put. */
int bl_cli_width_of(const bl_cli *c, const char *s, size_t len);

/* Fills c->bold and c->sgr0 from the terminal's description (terminfo)
 * when standard output is a terminal and TERM is set and not "dumb". */
void bl_cli_termcap(bl_cli *c);

#endif
