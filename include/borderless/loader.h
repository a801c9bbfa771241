/* loader.h — builds a bl_guide from a content folder of YAML files.
 *
 * Layout: DIR/sections.yaml and DIR/roles/<id>.yaml (see content/README.md).
 * Every problem found is reported to `diags` as "path:line:column: message";
 * the loader goes on after a problem so that one run reports them all (up to
 * the diags cap).  Hostile input is bounded (see the BL_MAX_* limits) and can
 * never crash it or make it block: only regular files are read.
 */
#ifndef BORDERLESS_LOADER_H
#define BORDERLESS_LOADER_H

#include "borderless/diag.h"
#include "borderless/model.h"

#include <stddef.h>

#define BL_MAX_FILE_SIZE ((size_t)1024 * 1024) /* bytes in one YAML file */
#define BL_MAX_STRING ((size_t)64 * 1024) /* bytes in one scalar */
#define BL_MAX_LIST 1000 /* items in one list */
#define BL_MAX_DEPTH 8 /* nesting of collections */
#define BL_MAX_ID 64 /* bytes in an id */
#define BL_MAX_ROLES 100000 /* role files in a folder */

/* Loads and validates DIR.  Returns the guide, or NULL when anything is
 * wrong (every problem is in diags).  The caller frees the guide with
 * bl_guide_free() and the diags with bl_diags_free(). */
bl_guide *bl_load_dir(const char *dir, bl_diags *diags);

/* Validates DIR as bl_load_dir() does, reporting the same problems in the
 * same order to `diags`, without keeping the content: each role's model is
 * built in memory reused for the next role, once the role's own checks and
 * its width warnings have run; only what the checks across files need is
 * kept.  Returns 0 when DIR is valid, with the numbers of roles and
 * sections bl_load_dir()'s guide would have, and in `warn` the warnings
 * bl_width_warnings() would give about it (warn's cap bounds what is
 * kept); -1 otherwise (warn untouched).  For `borderless check`. */
int bl_check_dir(const char *dir, bl_diags *diags, bl_diags *warn, size_t *n_roles,
                 size_t *n_sections);

/* Parse and validate one role file held in memory, as if it were
 * `path` (its stem is the role id).  Cross-file checks (related ids) are
 * skipped.  Returns 0 when valid.  For tests and fuzzers. */
int bl_check_role_bytes(const char *path, const unsigned char *buf, size_t len, bl_diags *diags);

/* The same for a sections.yaml held in memory; cross-file checks (role ids
 * named in `roles`) are skipped. */
int bl_check_sections_bytes(const char *path, const unsigned char *buf, size_t len,
                            bl_diags *diags);

#endif
