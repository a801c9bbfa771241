/* cmd_compare.h — `borderless compare ID ID [ID] [-d] [-f text|markdown]
 * [--width N] [-o FILE] [--force]`.
 *
 * The options are parsed by the front (main.c) into bl_cli:
 *   -d, --differences        only the rows that differ
 *   -f FMT, --format FMT     text or markdown (else from FILE's extension)
 *   --width N                text: lay out for N columns (else the
 *                            terminal's width, else $COLUMNS, else 80)
 *   -o FILE, --output FILE   write to FILE ("-" or none: standard output)
 *   --force                  replace an existing FILE
 * Exit status: 0 written; 1 failure (an unknown id or a section, with "did
 * you mean"; FILE exists without --force; a write error); 2 usage (fewer
 * than two or more than three ids, checked before the content loads).
 */
#ifndef BORDERLESS_CMD_COMPARE_H
#define BORDERLESS_CMD_COMPARE_H

#include "borderless/model.h"
#include "cli.h"

extern const char bl_cmd_compare_usage[];

/* Checks the arguments before the content is loaded: BL_EXIT_OK, or
 * BL_EXIT_USAGE after the message. */
int bl_cmd_compare_check(const bl_cli *c, int argc, char **argv);

/* Compares the roles named by argv[0 .. argc) as c says; returns the exit
 * status. */
int bl_cmd_compare(const bl_guide *g, const bl_cli *c, int argc, char **argv);

#endif
