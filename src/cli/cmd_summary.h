/* cmd_summary.h — `borderless summary ID... [-o FILE] [-f text|markdown] [--force]`.
 *
 * The options are parsed by the front (main.c) into bl_cli:
 *   -o FILE, --output FILE   write to FILE ("-" or none: standard output)
 *   -f FMT, --format FMT     text or markdown (else from FILE's extension:
 *                            .md/.markdown -> Markdown, else text)
 *   --force                  replace an existing FILE
 * Several ids: their summaries one after another in the order given.
 * Exit status: 0 written, 1 failure (unknown id, FILE exists without
 * --force, a write error; message on stderr).
 */
#ifndef BORDERLESS_CMD_SUMMARY_H
#define BORDERLESS_CMD_SUMMARY_H

#include "borderless/model.h"
#include "cli.h"

/* Writes the summaries of the roles argv[0..argc) of guide g, in that
 * order, into one document as c says; returns the exit status.  An
 * unknown id or a section writes nothing (exit status 1). */
int bl_cmd_summary(const bl_guide *g, const bl_cli *c, int argc, char **argv);

#endif
