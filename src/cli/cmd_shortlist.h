/* cmd_shortlist.h — `borderless shortlist [list | add ID [NOTE] | rm ID |
 * note ID NOTE]`: the shortlist from the command line (issue 16).
 *
 *   (nothing), list   one line per role, in the order they were added:
 *                     id<TAB>title<TAB>added<TAB>status<TAB>note, where added
 *                     is YYYY-MM-DD (UTC) or "-", and status is "updated
 *                     since you added it", "not in this edition of the
 *                     guide" or empty
 *   add ID [NOTE]     mark role ID (NOTE: set its note; several words are
 *                     joined by spaces)
 *   rm ID             unmark role ID (also one the content no longer has)
 *   note ID NOTE      set the note of a marked role ("" clears it)
 * Exit status: 0 done, 1 failure (an unknown id, with "did you mean"; a role
 * not on the shortlist; a write error; a file from a newer version; a
 * private session asked to save), 2 usage error (a bad note included).
 * A repaired file's notice is printed once on stderr.
 *
 * The store is the XDG one (shortlist.h); a private session (--no-state)
 * is chosen by the caller through flags (bl_userstate_flags()).
 */
#ifndef BORDERLESS_CMD_SHORTLIST_H
#define BORDERLESS_CMD_SHORTLIST_H

#include "borderless/model.h"
#include "cli.h"

/* The command's help (`borderless shortlist --help`). */
extern const char bl_cmd_shortlist_usage[];

/* Checks the arguments only, before any content is loaded: 0 when they are
 * fine, else 2 after printing the usage error. */
int bl_cmd_shortlist_check(const bl_cli *c, int argc, char **argv);

/* Runs the command on guide g (argv[0] is "shortlist") with the store flags
 * bl_userstate_flags(no_state), where no_state is the --no-state option;
 * messages echo data escaped as c says.  Returns the exit status. */
int bl_cmd_shortlist_ex(const bl_guide *g, const bl_cli *c, int argc, char **argv, unsigned flags);

#endif
