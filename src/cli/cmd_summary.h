/* cmd_summary.h — `borderless summary ID [-o FILE] [-f text|markdown] [--force]`.
 *
 * Arguments are those after the word "summary", options in any order:
 *   -o FILE, --output FILE   write to FILE ("-" or none: standard output)
 *   -f FMT, --format FMT     text or markdown (else from FILE's extension:
 *                            .md/.markdown -> Markdown, else text)
 *   --force                  replace an existing FILE
 * Exit status: 0 written, 1 failure (unknown id, FILE exists without
 * --force, a write error; message on stderr), 2 usage error (with a hint).
 */
#ifndef BORDERLESS_CMD_SUMMARY_H
#define BORDERLESS_CMD_SUMMARY_H

#include "borderless/model.h"

/* Checks the arguments only, before any content is loaded: 0 when they are
 * fine, else 2 after printing the usage error. */
int bl_cmd_summary_check(int argc, char **argv);

/* Runs the command on guide g; returns the exit status. */
int bl_cmd_summary(const bl_guide *g, int argc, char **argv);

#endif
