/* cmd_fit.h — `borderless fit`: the fit finder on the command line.
 *
 * The options are parsed by the front (main.c) into bl_cli:
 *   --questions          one question a line: key<TAB>question<TAB>answers
 *                        (answers separated by '|', numbered from 0; for
 *                        crime_areas the area ids)
 *   --answers FILE       read answers (FILE "-": standard input; the syntax
 *                        is bl_fit_answers_parse's, fit.h), keep them in the
 *                        state file and print the ranked report
 *   (none of these)      the report for the answers kept from last time
 *   --clear              forget the kept answers
 *   --no-state           (global) neither read nor write the state file
 *   -o FILE, -f FMT, --force   as for summary (the safe writer's rules)
 * Exit status: 0 done; 1 a bad answer (FILE:LINE:COLUMN: message), no
 * answers kept, or a write error; 2 a usage error (bl_cmd_fit_check).
 */
#ifndef BORDERLESS_CMD_FIT_H
#define BORDERLESS_CMD_FIT_H

#include "borderless/fit.h"
#include "borderless/model.h"
#include "cli.h"

/* Options that do not go together; BL_EXIT_USAGE after a message, else
 * BL_EXIT_OK.  Runs before the content is loaded. */
int bl_cmd_fit_check(const bl_cli *c, int argc, char **argv);

/* The reader's answers, as the report uses them: from --answers (FILE or
 * "-"; kept in the state file unless --no-state), else the kept ones.
 * BL_EXIT_OK, or BL_EXIT_FAIL after the message (a bad answer as
 * FILE:LINE:COLUMN: message, no answers kept).  Also used by `export`. */
int bl_cmd_fit_answers(const bl_guide *g, const bl_cli *c, bl_fit_answers *ans);

/* Runs the command on guide g as c says; returns the exit status. */
int bl_cmd_fit(const bl_guide *g, const bl_cli *c);

#endif
