/* cmd_export.h — `borderless export`: a booklet of many roles (booklet.h).
 *
 *   --scope SCOPE        all (the default: every role, then the guide's
 *                        sections), shortlist (your shortlist with its
 *                        notes) or fit (the fit report; --answers FILE|-
 *                        as for `fit`, else the kept answers) or compare
 *                        (two or three role ids as arguments)
 *   -f FMT               text, markdown or html (else from -o's extension:
 *                        .txt text, .md/.markdown Markdown, .html/.htm HTML;
 *                        standard output: text)
 *   -o FILE, --force     as for summary (the safe writer's rules)
 *   --no-state           (global) no shortlist, no kept answers
 * Exit status: 0 written; 1 failure (an empty shortlist, no answers, a bad
 * answers file, an unknown id, FILE exists without --force, a write
 * error); 2 usage error (an unknown scope, arguments other than compare's
 * two or three ids, --answers without --scope fit).
 */
#ifndef BORDERLESS_CMD_EXPORT_H
#define BORDERLESS_CMD_EXPORT_H

#include "borderless/model.h"
#include "cli.h"

/* The command's help (`borderless export --help`). */
extern const char bl_cmd_export_usage[];

/* Checks the options and arguments before the content is loaded:
 * BL_EXIT_OK, or BL_EXIT_USAGE after the message. */
int bl_cmd_export_check(const bl_cli *c, int argc, char **argv);

/* Writes the booklet c asks for; returns the exit status. */
int bl_cmd_export(const bl_guide *g, const bl_cli *c, int argc, char **argv);

#endif
