/* cmd_summary.h — `borderless summary ID [-o FILE] [-f text|markdown] [--force]`.
 *
 * The options are parsed by the front (main.c) into bl_cli:
 *   -o FILE, --output FILE   write to FILE ("-" or none: standard output)
 *   -f FMT, --format FMT     text or markdown (else from FILE's extension:
 *                            .md/.markdown -> Markdown, else text)
 *   --force                  replace an existing FILE
 * Exit status: 0 written, 1 failure (unknown id, FILE exists without
 * --force, a write error; message on stderr).
 */
#ifndef BORDERLESS_CMD_SUMMARY_H
#define BORDERLESS_CMD_SUMMARY_H

#include "borderless/model.h"
#include "cli.h"

/* Writes the summary of role `id` of guide g as c says; returns the exit
 * status. */
int bl_cmd_summary(const bl_guide *g, const bl_cli *c, const char *id);

#endif
