/* mdslug.h — the anchors Markdown renderers give headings, the way GitHub
 * does (its github-slugger, which pandoc's gfm_auto_identifiers and VS
 * Code's preview follow too), so that a document's own links can point at
 * its headings without raw HTML:
 *
 *   - the heading's text as rendered ("Pay \& more" is "Pay & more"),
 *     lower-cased;
 *   - letters, combining marks, digits, '_' and '-' kept; each space
 *     becomes '-'; everything else (punctuation, symbols, emoji, other
 *     spaces, controls) is dropped;
 *   - a slug the document already gave gets "-1", then "-2" ...
 *
 * Protocol, one slugger per document, headings in document order:
 *     bl_mdslug *s = bl_mdslug_new();
 *     char *a = bl_mdslug_next(s, "Pay & prospects", 15);  // "pay--prospects"
 *     char *b = bl_mdslug_next(s, "Pay & prospects", 15);  // "pay--prospects-1"
 *     ... free(a); free(b);
 *     bl_mdslug_free(s);
 *
 * Other renderers differ at the edges (GitLab joins repeated '-', Python-
 * Markdown drops non-ASCII letters): for plain titles all agree.
 */
#ifndef BORDERLESS_MDSLUG_H
#define BORDERLESS_MDSLUG_H

#include <stddef.h>

typedef struct bl_mdslug bl_mdslug;

/* An empty slugger; NULL when memory runs out. */
bl_mdslug *bl_mdslug_new(void);
void bl_mdslug_free(bl_mdslug *s);

/* The slug of text[0..len) alone (no counting); malloc'd, NULL when memory
 * runs out.  Bytes that are not UTF-8 are dropped. */
char *bl_mdslug_of(const char *text, size_t len);

/* The anchor of the document's next heading, whose rendered text is
 * text[0..len): its slug, made unique among those s gave.  Malloc'd; NULL
 * when memory runs out. */
char *bl_mdslug_next(bl_mdslug *s, const char *text, size_t len);

/* When line[0..len) (no newline) is an ATX heading ("## Pay \& more ##"),
 * its text as a renderer shows it (backslash escapes resolved, the closing
 * #s and outer blanks gone) in a malloc'd *text of *text_len bytes, and 0;
 * 1 when it is not a heading; -1 when memory runs out. */
int bl_mdslug_heading(const char *line, size_t len, char **text, size_t *text_len);

#endif
