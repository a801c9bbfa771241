/* widthcheck.h — warnings for content authors about characters whose
 * display width is unreliable across terminals (layout.h,
 * bl_char_width_unreliable), which may make lines look broken on some
 * terminals.  The content is still valid: these are warnings only. */
#ifndef BORDERLESS_WIDTHCHECK_H
#define BORDERLESS_WIDTHCHECK_H

#include "borderless/diag.h"
#include "borderless/model.h"

#include <stddef.h>

/* Adds to `warn` one "path:line:column: warning: ..." per title, text,
 * list item or source title of g that holds such a character (naming the
 * first one; line and column where it is found in the file).  Returns how
 * many it added. */
size_t bl_width_warnings(const bl_guide *g, bl_diags *warn);

/* bl_width_warnings() is these two: the guide's title and tagline, then
 * each entry in turn (bl_check_dir() warns about each role as it is read). */
size_t bl_width_warnings_head(const bl_guide *g, bl_diags *warn);
size_t bl_width_warnings_entry(const bl_entry *e, bl_diags *warn);

#endif
