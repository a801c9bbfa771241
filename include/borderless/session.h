/* session.h — "pick up where you left off": the entry a person was reading,
 * the place in it and which pane had the focus, kept in
 * $XDG_STATE_HOME/borderless/session (see userstate.h).
 *
 * Protocol (the guide):
 *     bl_session s;
 *     if (bl_session_load(NULL, flags, g, &s) == 0)   at start, when no
 *         ... open s.entry, scroll to s.pos / s.line, focus s.focus
 *     ...
 *     bl_session_save(NULL, flags, &s, why, sizeof why);   at exit, or on
 *                                                          every move
 * The file is small and has one writer at a time in practice; the last
 * save wins (no merge).  A missing, damaged, stale (an entry the content no
 * longer has) or newer-version file restores nothing, quietly; a newer
 * version's file is never overwritten.  BL_USERSTATE_PRIVATE: nothing is
 * read or written.
 *
 * The file:
 *     borderless-session 1
 *     entry<TAB>ID
 *     pos<TAB>PART ITEM SRC NTH      (a bl_layout_pos)
 *     line<TAB>N                     (the top line; for when pos is stale)
 *     focus<TAB>WORD                 (letters, digits, '-' and '_')
 *     compare<TAB>ID[ ID[ ID]]       (the compare set, in the order added;
 *                                     no line when it is empty)
 * Unknown keys are ignored; any malformed line makes the whole file ignored.
 * The compare line came later within version 1: an older borderless skips
 * it (an unknown key) and still restores the place, so the version was not
 * raised (a raise would make older ones ignore the whole file); a file
 * without it restores an empty set.  With a guide, ids in the set that it
 * does not have as roles are dropped, and repeats are dropped.
 */
#ifndef BORDERLESS_SESSION_H
#define BORDERLESS_SESSION_H

#include "borderless/layout.h"
#include "borderless/model.h"

#include <stddef.h>

#define BL_SESSION_VERSION 1
#define BL_SESSION_ID_MAX 64
#define BL_SESSION_FOCUS_MAX 31
#define BL_SESSION_COMPARE_MAX 3 /* compare.h's BL_CMP_MAX_ROLES */

typedef struct bl_session {
    char entry[BL_SESSION_ID_MAX + 1]; /* "" when none */
    bl_layout_pos pos; /* the reading position in it */
    size_t line; /* its top line at the last width */
    char focus[BL_SESSION_FOCUS_MAX + 1]; /* e.g. "menu", "detail"; "" none */
    char compare[BL_SESSION_COMPARE_MAX][BL_SESSION_ID_MAX + 1]; /* role ids */
    size_t n_compare;
} bl_session;

/* Reads the session at path (NULL: the XDG state folder's) into *s.  With a
 * guide g, an entry id g does not have counts as stale (s->entry is then
 * ""), and compare ids g has no role for are dropped.  Returns 0 when *s
 * holds something to restore (an entry, or a compare set), else 1 with *s
 * empty (no file, damaged, stale, newer, private, any error).  Never
 * reports anything. */
int bl_session_load(const char *path, unsigned flags, const bl_guide *g, bl_session *s);

/* Writes *s to path (NULL: as above) safely, making the folder.  Returns 0
 * (also in a private session, writing nothing), -EINVAL for a bad entry id,
 * focus word or compare id (or more than BL_SESSION_COMPARE_MAX), -EROFS when the file there is from a newer version, or
 * -errno with a sentence in why (NULL is fine). */
int bl_session_save(const char *path, unsigned flags, const bl_session *s, char *why,
                    size_t why_size);

/* 1 when a and b hold the same session (what a save would write). */
int bl_session_same(const bl_session *a, const bl_session *b);

#endif
