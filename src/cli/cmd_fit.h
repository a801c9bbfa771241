/* cmd_fit.h — `borderless fit`: the fit finder on the command line.
 *
 *   fit --questions           one question a line: key<TAB>question<TAB>answers
 *                             (answers separated by '|'; for crime_areas the
 *                             area ids)
 *   fit --answers FILE        read answers (FILE "-": standard input; syntax in
 *                             fit.h, bl_fit_answers_parse), keep them in the
 *                             state file and print the ranked report
 *   fit                       the report for the answers kept from last time
 *   fit --clear               forget the kept answers
 *   -f, --format FMT          text or markdown (else from -o FILE's extension)
 *   -o, --output FILE         write the report to FILE with the safe writer
 *   --force                   replace FILE if it exists
 *   --no-state                neither read nor write the state file
 * Exit status: 0 done; 1 a bad answer (FILE:LINE:COLUMN: message), no
 * answers kept, or a write error; 2 a usage error.
 */
#ifndef BORDERLESS_CMD_FIT_H
#define BORDERLESS_CMD_FIT_H

#include "borderless/model.h"
#include "borderless/summary.h"

typedef struct bl_fit_cli {
    int questions;
    int clear;
    int no_state;
    const char *answers;       /* FILE, "-", or NULL */
    const char *out;           /* -o FILE, or NULL / "-" for standard output */
    enum bl_summary_format fmt;
    int force;
    int ascii;                 /* the locale is not UTF-8 */
} bl_fit_cli;

/* Parses the command's own arguments (after "fit") into *a.  0, or 2
 * after a usage message on stderr; *help is set for -h/--help. */
int bl_cmd_fit_parse(int argc, char **argv, bl_fit_cli *a, int *help);

/* The help text. */
extern const char bl_cmd_fit_usage[];

/* Runs the command on guide g; returns the exit status. */
int bl_cmd_fit(const bl_guide *g, const bl_fit_cli *a);

#endif
