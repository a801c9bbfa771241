#include "borderless/tui.h"

#include "screen.h"
#include "term.h"

#include <stdio.h>
#include <stdlib.h>

int bl_tui_run(const bl_guide *g, const struct bl_tui_options *opt)
{
    struct term t;
    if (term_init(&t) != 0) {
        fprintf(stderr, "borderless: cannot start the full-screen guide on this terminal "
                        "(is TERM set?); try 'borderless list'\n");
        return 1;
    }
    const char *theme = opt && opt->theme ? opt->theme : getenv("BORDERLESS_THEME");
    theme_apply(&t, theme);
    int status = screen_run(g, &t);
    term_done();
    return status;
}
