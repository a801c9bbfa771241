#include "borderless/tui.h"

#include "screen.h"
#include "term.h"

#include <stdio.h>

int bl_tui_run(const bl_guide *g, const bl_tui_options *opts)
{
    (void)opts; /* the themes are drawn by the screen manager (issue 11) */
    struct term t;
    if (term_init(&t) != 0) {
        fprintf(stderr, "borderless: cannot start the full-screen guide on this terminal "
                        "(is TERM set?); try 'borderless list'\n");
        return 1;
    }
    int status = screen_run(g, &t);
    term_done();
    /* Ended by a signal: die by it, so the exit status tells. */
    term_reraise();
    return status;
}

int bl_tui_usable(void)
{
    return term_usable();
}
