/* cmd_search.h — the `search` command of the command-line front. */
#ifndef BORDERLESS_CMD_SEARCH_H
#define BORDERLESS_CMD_SEARCH_H

#include "borderless/model.h"
#include "cli.h"

/* `borderless search QUERY...`: argv[0..argc) are the words after "search",
 * joined by spaces into one query (quote a phrase inside the argument:
 * '"border protection"').  Prints every hit, best first.  Through a pipe,
 * or with c->tsv, as kind<TAB>id<TAB>title<TAB>snippet; on a terminal
 * (c->tty) as aligned lines: kind, id and title, then the snippet indented,
 * every line cut to the width, matches in bold (c->bold).  With no hit
 * prints "did you mean" suggestions on stderr.  c may be NULL: TSV, UTF-8.
 * Returns 0 with hits, 1 with none (or on a write error or lack of
 * memory), 2 when no query was given. */
int bl_cmd_search(const bl_guide *g, const bl_cli *c, int argc, char **argv);

#endif
