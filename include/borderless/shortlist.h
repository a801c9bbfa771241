/* shortlist.h — the roles a person marked, with a note each, kept in
 * $XDG_DATA_HOME/borderless/shortlist.txt (see userstate.h for folders,
 * the private mode and the lock).
 *
 * Protocol:
 *     bl_shortlist *sl;
 *     char why[BL_REASON_MAX];
 *     if (bl_shortlist_open(NULL, bl_userstate_flags(no_state), &sl, why,
 *                           sizeof why) < 0)  -> tell why; go on without one
 *     if (bl_shortlist_notice(sl))            -> tell the user (once)
 *     bl_shortlist_add(sl, e->id, e->reviewed, NULL, why, sizeof why);
 *     for (size_t i = 0; i < bl_shortlist_count(sl); i++)
 *         ... bl_shortlist_at(sl, i) ...
 *     bl_shortlist_close(sl);
 * Every change is saved at once.  Entry pointers stay valid only until the
 * next change or reload of the same handle.
 *
 * The file (UTF-8, one line per role, fields separated by tabs):
 *     borderless-shortlist 1
 *     # comment lines and blank lines are ignored
 *     role<TAB>ID<TAB>added=2026-12-02T09:30:00Z<TAB>reviewed=2026-11-25<TAB>note=TEXT
 * Unknown key=value fields are ignored.  A file without the header whose
 * lines are all role ids (each optionally followed by a tab and a note) is
 * a hand-made list (format 0): it is read in full and written in format 1
 * on the next change.
 *
 * Merging: every change is one operation applied, under the lock, to the
 * file as it is on disk at that moment (re-read, then written), never to an
 * old copy in memory.  So changes made meanwhile by another guide or by the
 * command line are kept, and for the same role the later operation wins,
 * field by field: setting a note keeps the mark and the date, adding a role
 * that is already there keeps its date (and its note unless a new note is
 * given), removing a role forgets its note, and adding it again after a
 * removal starts afresh.  A change to a role that another program removed
 * meanwhile fails with -ENOENT (nothing is resurrected behind the user's
 * back).  The handle then shows the file as it is now.
 *
 * Damage: lines that cannot be read (garbage, binary bytes, a cut-off last
 * line, lines longer than any valid one, invalid UTF-8, control
 * characters) are skipped; every good entry is kept.  The original file is
 * kept beside it as "shortlist.txt.damaged-YYYYMMDD-HHMMSS", the repaired
 * file written in its place, and bl_shortlist_notice() says so — once,
 * since the file is clean afterwards.  Line ends may be LF, CRLF or CR.
 *
 * Versions: a header with a higher version than BL_SHORTLIST_VERSION means
 * a newer borderless wrote it: its entries are shown as far as they can be
 * read, the file is never written, every change fails with -EROFS, and the
 * notice says why.
 */
#ifndef BORDERLESS_SHORTLIST_H
#define BORDERLESS_SHORTLIST_H

#include "borderless/userstate.h"

#include <stddef.h>

#define BL_SHORTLIST_VERSION 1
#define BL_SHORTLIST_MAX 1000 /* roles on a shortlist */
#define BL_SHORTLIST_NOTE_MAX 1000 /* bytes in a note */
#define BL_SHORTLIST_FILE_MAX (1024 * 1024) /* bytes of file read */

typedef struct bl_shortlist_entry {
    const char *id; /* a role id (lowercase letters, digits, '-') */
    const char *note; /* one line, "" when none */
    const char *reviewed; /* the role's `reviewed` date when it was added
                             ("YYYY-MM-DD"), "" when not known */
    long long added; /* when it was added, seconds since 1970 (UTC);
                             0 when not known */
} bl_shortlist_entry;

typedef struct bl_shortlist bl_shortlist;

/* Opens the shortlist at path (NULL: $XDG_DATA_HOME/borderless/
 * shortlist.txt).  With BL_USERSTATE_PRIVATE nothing is read and changes
 * stay in memory.  A missing file is an empty shortlist (nothing is made
 * until the first change).  A damaged file is repaired as above.
 * Returns 0 with *out set, or -errno with *out NULL and a sentence in
 * why (no home folder, an unreadable file, out of memory). */
int bl_shortlist_open(const char *path, unsigned flags, bl_shortlist **out, char *why,
                      size_t why_size);

/* Frees the handle.  NULL is fine. */
void bl_shortlist_close(bl_shortlist *sl);

/* A sentence for the user about the last open or reload (a repaired file,
 * a file from a newer version), else NULL.  Owned by the handle. */
const char *bl_shortlist_notice(const bl_shortlist *sl);

/* The file's path ("" in a private session). */
const char *bl_shortlist_path(const bl_shortlist *sl);

/* 1 when the file came from a newer version (changes fail), else 0. */
int bl_shortlist_read_only(const bl_shortlist *sl);

/* 1 in a private session (nothing read or written), else 0. */
int bl_shortlist_is_private(const bl_shortlist *sl);

/* The roles in the order they were added. */
size_t bl_shortlist_count(const bl_shortlist *sl);
const bl_shortlist_entry *bl_shortlist_at(const bl_shortlist *sl, size_t i);

/* The entry for id, or NULL; bl_shortlist_is_marked() is the same as 0/1. */
const bl_shortlist_entry *bl_shortlist_find(const bl_shortlist *sl, const char *id);
int bl_shortlist_is_marked(const bl_shortlist *sl, const char *id);

/* 1 when the role's current `reviewed` date is later than the one recorded
 * when it was added ("updated since you added it"), else 0 (also when
 * either is unknown). */
int bl_shortlist_updated(const bl_shortlist_entry *e, const char *reviewed_now);

/* Adds role id, recording reviewed (the role's `reviewed`, NULL or "" when
 * unknown) and the time; note NULL leaves an existing note, else sets it.
 * Returns 0 when added, 1 when it was already there, or -errno:
 * -EINVAL (a bad id or note, see bl_shortlist_check_note), -ENOSPC (full),
 * -EROFS (newer file), a write error.  why gets a sentence on failure. */
int bl_shortlist_add(bl_shortlist *sl, const char *id, const char *reviewed, const char *note,
                     char *why, size_t why_size);

/* Removes role id.  0, -ENOENT when it is not on the shortlist, or as above. */
int bl_shortlist_remove(bl_shortlist *sl, const char *id, char *why, size_t why_size);

/* Sets the note of role id ("" clears it).  0, -ENOENT when the role is not
 * on the shortlist, -EINVAL for a bad note, or as above. */
int bl_shortlist_set_note(bl_shortlist *sl, const char *id, const char *note, char *why,
                          size_t why_size);

/* Reads the file again (to show another program's changes).  0 or -errno;
 * the handle keeps its old entries on failure. */
int bl_shortlist_reload(bl_shortlist *sl, char *why, size_t why_size);

/* For tests and fuzzing: a private handle holding the entries read from
 * text[0..len) by the rules above (no file is touched); *bad_lines (may be
 * NULL) gets the number of lines left out, *damaged (may be NULL) whether
 * the text would have been repaired.  0 or -ENOMEM. */
int bl_shortlist_from_text(const char *text, size_t len, bl_shortlist **out, size_t *bad_lines,
                           int *damaged);

/* The file's text for the handle's entries, as it would be written, in a
 * new malloc'd buffer.  0 or -ENOMEM. */
int bl_shortlist_to_text(const bl_shortlist *sl, char **text, size_t *len);

/* 0 when note can be stored: valid UTF-8, at most BL_SHORTLIST_NOTE_MAX
 * bytes, no control characters (one line, no tabs).  Else -EINVAL and a
 * sentence in why. */
int bl_shortlist_check_note(const char *note, char *why, size_t why_size);

/* 1 when id has the form of a role id, else 0. */
int bl_shortlist_valid_id(const char *id);

#endif
