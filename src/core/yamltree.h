/* yamltree.h — a small, bounded YAML tree for the loader (private).
 *
 * libyaml's event parser feeds a tree of scalars, sequences and mappings,
 * each with its 1-based position.  The tree is built in a caller's arena and
 * dies with it.  Everything hostile input could make expensive is refused
 * while parsing: anchors and aliases, tags, more than one document, nesting
 * deeper than BL_MAX_DEPTH, lists and mappings longer than BL_MAX_LIST,
 * scalars longer than BL_MAX_STRING.  Invalid UTF-8 and control characters
 * are reported with their exact line and column.
 */
#ifndef BORDERLESS_YAMLTREE_H
#define BORDERLESS_YAMLTREE_H

#include "borderless/arena.h"
#include "borderless/diag.h"

#include <stddef.h>

enum yt_type { YT_SCALAR, YT_SEQ, YT_MAP };

typedef struct yt_node {
    enum yt_type type;
    size_t line, column; /* 1-based */
    const char *str; /* scalars: the value, NUL-terminated */
    size_t len;
    int plain; /* scalars: written without quotes or block style */
    struct yt_node **kids; /* sequences: items; mappings: key, value, key, ... */
    size_t n; /* number of kids */
} yt_node;

/* Parses buf[0..len) as one YAML document, reporting every problem to diags
 * (path names the file in messages) and counting them in *n_errors.  Returns
 * the root, or NULL when the problems left nothing usable.  A root can come
 * with errors: a value that was refused (and reported) is then a stand-in
 * scalar with plain == -1, which users skip without a second message. */
yt_node *yt_parse(bl_arena *a, const char *path, const unsigned char *buf, size_t len,
                  bl_diags *diags, int *n_errors);

/* "a string", "a list" or "a mapping". */
const char *yt_type_name(enum yt_type t);

/* Checks that s[0..len) is UTF-8 without control characters other than
 * newline and tab (no C0 except \t \n, no DEL, no C1).  On a problem, stores
 * its byte offset and a short description and returns -1; else returns 0. */
int yt_check_text(const char *s, size_t len, size_t *bad_offset, const char **what);

#endif
