/* cmd_search.h — the `search` command of the command-line front. */
#ifndef BORDERLESS_CMD_SEARCH_H
#define BORDERLESS_CMD_SEARCH_H

#include "borderless/model.h"

/* `borderless search QUERY...`: argv[0..argc) are the words after "search",
 * joined by spaces into one query (quote a phrase inside the argument:
 * '"border protection"').  Prints every hit, best first, as
 * kind<TAB>id<TAB>title<TAB>snippet; with no hit prints "did you mean"
 * suggestions on stderr.  Returns 0 with hits, 1 with none (or on a write
 * error or lack of memory), 2 when no query was given. */
int bl_cmd_search(const bl_guide *g, int argc, char **argv);

#endif
