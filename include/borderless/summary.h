/* summary.h — a role's summary as a document, and saving it to a file.
 *
 * The summary holds the role's title, the guide's title, its quick facts,
 * summary, how people get in (each route with who may use it, its numbered
 * steps and sources), requirements and training, languages, pay where
 * given (each figure with its source on a line of its own), its sources
 * (addresses) and "Last reviewed: <date>".  It also has, as long as the
 * text fits BL_SUMMARY_MAX_LINES lines, what they do, work environment,
 * skills, where it can lead, crime areas, related roles by title and a
 * pointer to the guide's section BL_SUMMARY_TRAINING_ID.  When the text is
 * too long, these steps are taken in order until it fits: leave out
 * skills, work environment, related roles, where it can lead, crime areas,
 * what they do, the pointer, then each route's own sources (which
 * "Sources" repeats); join a route's conditions into one item; keep only
 * the summary's first paragraph; leave out the requirements when every
 * route lists who may use it; write a route's steps as one paragraph
 * ("1. ... 2. ..."); last, list under "Sources" only the sources a route
 * or a pay figure cites, then "N more sources: borderless show <id>".
 * A role too long even then gets the shortest of these texts, longer than
 * the bound (the content tests catch it).
 * Both formats show the same parts.  Two formats:
 *  - text: wrapped at BL_SUMMARY_WIDTH display columns, headings underlined
 *    with '=' (the title) or '-' (the rest) to their display width, lists
 *    as "- " items with a hanging indent;
 *  - Markdown: CommonMark ATX headings and "- " lists, one paragraph or item
 *    a line (but a pay item ends in a hard line break, a backslash, and its
 *    source follows on an indented line), text escaped by
 *    bl_summary_md_escape().
 * Text is made safe to print first (layout.h's rules: no control
 * characters).  The output depends on the content only (no clock, no
 * paths): the same guide gives the same bytes.  Pure: no curses, no I/O
 * except bl_summary_save().
 *
 * The in-guide "print" action calls bl_summary_default_path() for the
 * prompt's initial text, then bl_summary_save() with what the user typed and
 * overwrite 0; on BL_SAVE_EXISTS it asks "Overwrite <path>? (y/N)" and on a
 * yes calls bl_summary_save() again with overwrite 1.
 */
#ifndef BORDERLESS_SUMMARY_H
#define BORDERLESS_SUMMARY_H

#include "borderless/model.h"
#include "borderless/safewrite.h"

#include <stddef.h>

#define BL_SUMMARY_WIDTH 72
/* Two printed pages: 66 lines a page, the page length of pr(1) and of
 * lpr's plain-text printing (11 inches at 6 lines an inch). */
#define BL_SUMMARY_MAX_LINES (2 * 66)
#define BL_SUMMARY_TRAINING_ID "training"

enum bl_summary_format {
    BL_SUMMARY_AUTO = -1, /* from the file's extension, else text */
    BL_SUMMARY_TEXT = 0,
    BL_SUMMARY_MARKDOWN = 1
};

/* "text" or "markdown" (also "txt", "md"), case-insensitive, into *out.
 * 0, or -1 for anything else. */
int bl_summary_parse_format(const char *name, enum bl_summary_format *out);

/* The format a file name implies: .md and .markdown (any case) give
 * Markdown, everything else (NULL, "-", no extension) text. */
enum bl_summary_format bl_summary_format_for_path(const char *path);

/* The file name the guide's prompt starts with: "./<id>-summary.txt".
 * 0, or -1 when it does not fit. */
int bl_summary_default_path(const bl_entry *role, char *buf, size_t size);

/* Renders role `role` of g in fmt (TEXT or MARKDOWN) into a new malloc'd,
 * NUL-terminated buffer: *out (freed by the caller) and *out_len (without
 * the NUL).  0; -EINVAL when role is not a role or fmt is not a format;
 * -ENOMEM.  Nothing is allocated on failure. */
int bl_summary_render(const bl_guide *g, const bl_entry *role, enum bl_summary_format fmt,
                      char **out, size_t *out_len);

/* Escapes s[0..len) for Markdown text into a new malloc'd string (NULL
 * when memory runs out).  Always escaped: \ ` * _ { } [ ] < > # | ~ and an
 * '&' that could start an entity.  At the start of the text (where a block
 * could begin): + - = > and the '.' or ')' after leading digits.  ( ) . !
 * elsewhere can't start markup once [ ] are escaped and stay as they are,
 * for readability.  The text must be one line (as bl_summary_render makes
 * it). */
char *bl_summary_md_escape(const char *s, size_t len);

enum bl_save_status {
    BL_SAVE_OK, /* written; message is "Saved <path>" */
    BL_SAVE_EXISTS, /* a regular file is there and overwrite was 0: ask */
    BL_SAVE_FAILED /* message says why, naming the path */
};

typedef struct bl_save_result {
    enum bl_save_status status;
    int err; /* errno of a failure, else 0 */
    char path[BL_PATH_MAX]; /* the absolute path ("" if none could be made) */
    char message[BL_REASON_MAX]; /* one line for a status bar */
} bl_save_result;

/* Renders role `role` of g and writes it with the safe writer to `typed`, a
 * path as the user typed it (see bl_path_resolve: "~" expands, relative
 * means from the current folder).  fmt BL_SUMMARY_AUTO chooses by the
 * extension.  flags: BL_SAFEWRITE_OVERWRITE, BL_SAFEWRITE_REFUSE_TTY (1
 * still means overwrite).  Never prints, never exits; *res says what
 * happened.
 *
 * asked (may be NULL) carries the overwrite question's file from the asking
 * to the answer, so that "yes" replaces only the file that was named: a
 * call without BL_SAFEWRITE_OVERWRITE fills *asked with what the path
 * names (BL_SAVE_EXISTS: the file to ask about); a call with it and the
 * same `typed` writes to *asked only if it is still that file (else
 * BL_SAVE_FAILED, "... changed since it was checked").  With asked NULL,
 * BL_SAFEWRITE_OVERWRITE replaces whatever is there now (as --force). */
void bl_summary_save(const bl_guide *g, const bl_entry *role, const char *typed,
                     enum bl_summary_format fmt, unsigned flags, bl_safewrite_target *asked,
                     bl_save_result *res);

/* The writer behind bl_summary_save() and bl_booklet_save(): resolves
 * `typed` (bl_path_resolve), asks make(ctx, the absolute path, &doc,
 * &len) for a new malloc'd document (0 or -errno; the path lets it choose
 * a format by the extension), and writes it by the rules and with the
 * flags, question and *res of bl_summary_save().  `what` names the document
 * in a failure ("Cannot make the summary: ..."). */
typedef int (*bl_save_render_fn)(void *ctx, const char *path, char **out, size_t *len);
void bl_save_rendered(const char *typed, bl_save_render_fn make, void *ctx, const char *what,
                      unsigned flags, bl_safewrite_target *asked, bl_save_result *res);

#endif
