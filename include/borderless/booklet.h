/* booklet.h — many roles in one document, for advisers and for paper.
 *
 * A booklet has a scope (what goes in) and a format (how it is written):
 *  - BL_BOOKLET_ALL: every role in the guide's reading order under its
 *    menu group, then the guide's sections (the cross-cutting material:
 *    training, glossary ...);
 *  - BL_BOOKLET_SHORTLIST: the roles on a shortlist (shortlist.h) in its
 *    order, each with the reader's note and "updated since you added it"
 *    when the role was reviewed after it was added; roles the content no
 *    longer has are named in a short list at the end;
 *  - BL_BOOKLET_ROLES: the roles given, in the order given;
 *  - BL_BOOKLET_COMPARE: two or three roles (given as for ROLES) compared
 *    row by row (compare.h: its text and Markdown as they are, in HTML a
 *    table with the rows that differ marked), then each role's profile;
 *  - BL_BOOKLET_FIT: the fit finder's report for a reader's answers (fit.h).
 * Every booklet opens with the guide's title, what the booklet holds, the
 * program's version and the content's review date (the newest `reviewed`,
 * as `borderless --version` prints it), the "guidance, not a verdict" note
 * and a table of contents; each role ends with its sources and its own
 * review date.
 *
 * Formats:
 *  - text and Markdown: each role's body is its summary (summary.h's
 *    renderer, the same bytes as `borderless summary ID`), sections are
 *    laid out as `borderless show` does at BL_SUMMARY_WIDTH (text) or as
 *    headings, paragraphs and lists (Markdown); the fit report is
 *    bl_fit_report_render's;
 *  - HTML: one self-contained UTF-8 file (inline CSS; no script, no
 *    external resource, no event attribute), lang="en", a table of contents
 *    of in-page links, every role's sources as links (http and https
 *    addresses only; any other address is shown as text), print CSS for A4
 *    and Letter (page margins, each role on a new page, headings kept with
 *    what follows).  Every piece of content is made safe to print first
 *    (layout.h: no control character reaches the output) and then escaped
 *    (& < > " ' as entities).
 * The output depends on the content and the scope only (no clock, no
 * paths): the same input gives the same bytes.  Pure: no curses, no I/O
 * except bl_booklet_save().
 */
#ifndef BORDERLESS_BOOKLET_H
#define BORDERLESS_BOOKLET_H

#include "borderless/fit.h"
#include "borderless/model.h"
#include "borderless/safewrite.h"
#include "borderless/shortlist.h"
#include "borderless/summary.h"

#include <stddef.h>

enum bl_booklet_scope {
    BL_BOOKLET_ALL,
    BL_BOOKLET_SHORTLIST,
    BL_BOOKLET_ROLES,
    BL_BOOKLET_FIT,
    BL_BOOKLET_COMPARE,
    BL_BOOKLET_SCOPE_COUNT
};

enum bl_booklet_format {
    BL_BOOKLET_AUTO = -1, /* from the file's extension */
    BL_BOOKLET_TEXT = 0,
    BL_BOOKLET_MARKDOWN = 1,
    BL_BOOKLET_HTML = 2
};

/* What goes in.  Borrowed, never freed; only the scope's own member is
 * read. */
typedef struct bl_booklet_spec {
    enum bl_booklet_scope scope;
    const bl_shortlist *shortlist; /* SHORTLIST */
    const size_t *roles; /* ROLES, COMPARE: indices into g->entries, each a
                            role (COMPARE: BL_CMP_MIN_ROLES..MAX_ROLES) */
    size_t n_roles;
    const bl_fit_answers *answers; /* FIT */
} bl_booklet_spec;

/* "all", "shortlist", "roles", "fit", "compare" (what --scope takes), and the title a
 * booklet of that scope carries ("All roles" ...). */
const char *bl_booklet_scope_name(enum bl_booklet_scope s);
const char *bl_booklet_scope_title(enum bl_booklet_scope s);

/* The scope named name (case-insensitive) into *out: 0, or -1. */
int bl_booklet_parse_scope(const char *name, enum bl_booklet_scope *out);

/* "text"/"txt", "markdown"/"md", "html"/"htm" (any case) into *out: 0, or
 * -1. */
int bl_booklet_parse_format(const char *name, enum bl_booklet_format *out);

/* The format a file name implies: .md/.markdown Markdown, .html/.htm HTML,
 * anything else (NULL, "-", .txt, none) text. */
enum bl_booklet_format bl_booklet_format_for_path(const char *path);

/* The content's review date: the newest `reviewed` of the roles, or NULL. */
const char *bl_booklet_content_date(const bl_guide *g);

/* The file name the guide's export prompt starts with. */
#define BL_BOOKLET_DEFAULT_PATH "borderless-booklet.html"

/* Renders the booklet s of g in fmt (not AUTO) into a new malloc'd
 * NUL-terminated buffer *out (freed by the caller), *out_len without the
 * NUL.  ascii: the fit report's bars in ASCII (text only).  0; -EINVAL for
 * a bad scope, format or spec (a ROLES index that is not a role, a missing
 * shortlist or answers); -ENOMEM.  Nothing is allocated on failure. */
int bl_booklet_render(const bl_guide *g, const bl_booklet_spec *s, enum bl_booklet_format fmt,
                      int ascii, char **out, size_t *out_len);

/* Escapes s[0..len), made safe to print first, for HTML text or an
 * attribute value into a new malloc'd string (NULL when memory runs out). */
char *bl_booklet_html_escape(const char *s, size_t len);

/* Renders and writes the booklet to `typed` as bl_summary_save() writes a
 * summary (the same path rules, flags, overwrite question and *res);
 * fmt AUTO chooses by the extension. */
void bl_booklet_save(const bl_guide *g, const bl_booklet_spec *s, const char *typed,
                     enum bl_booklet_format fmt, unsigned flags, bl_safewrite_target *asked,
                     bl_save_result *res);

#endif
