/* diag.h — diagnostics for content authors: "path:line:column: message".
 *
 * A bl_diags collects every problem found in one run, up to a cap; past the
 * cap it only counts.  Lines and columns are 1-based (libyaml's marks are
 * 0-based: add one).  A line or column of 0 is left out of the message.
 */
#ifndef BORDERLESS_DIAG_H
#define BORDERLESS_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define BL_DIAGS_DEFAULT_MAX 50

typedef struct bl_diag {
    char *path;
    size_t line, column;
    char *message;
    char *formatted; /* "path:line:column: message" */
} bl_diag;

typedef struct bl_diags {
    bl_diag *items;
    size_t n; /* kept */
    size_t cap; /* allocated */
    size_t max; /* keep at most this many */
    size_t total; /* all reported, kept or not */
    int oom; /* an allocation failed while reporting */
} bl_diags;

void bl_diags_init(bl_diags *d, size_t max);
void bl_diags_free(bl_diags *d);

#if defined(__GNUC__)
#define BL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define BL_PRINTF(a, b)
#endif

void bl_diags_add(bl_diags *d, const char *path, size_t line, size_t column, const char *fmt, ...)
    BL_PRINTF(5, 6);

/* Bytes of a path and of a message printed before the cut (esc.h). */
#define BL_DIAG_PATH_MAX 4096
#define BL_DIAG_MESSAGE_MAX 1000

/* Prints every kept diagnostic, one a line, then "... and N more problems"
 * when some were dropped.  The path and the message (which may quote the
 * file) are escaped with bl_esc_write(): no control character is printed
 * raw, and a huge message is cut.  esc_flags: BL_ESC_ASCII for a locale
 * that is not UTF-8. */
void bl_diags_print_ex(const bl_diags *d, FILE *out, unsigned esc_flags);

/* bl_diags_print_ex() with no flags (UTF-8). */
void bl_diags_print(const bl_diags *d, FILE *out);

#endif
