#include "borderless/tui.h"
#include "borderless/userstate.h"

#include "screen.h"
#include "term.h"

#include <stdio.h>

int bl_tui_run(const bl_guide *g, const bl_tui_options *opts)
{
    bl_search_index **index_out = opts ? opts->index_out : NULL;
    if (index_out)
        *index_out = NULL;
    struct term t;
    if (term_init(&t) != 0) {
        fprintf(stderr,
                "borderless: cannot start the full-screen guide on this terminal "
                "(is TERM set?); try 'borderless list'\n");
        return 1;
    }
    /* The command line chose the theme (--theme, $BORDERLESS_THEME). */
    static const char *const names[] = {
        [BL_TUI_THEME_AUTO] = NULL,
        [BL_TUI_THEME_LIGHT] = "light",
        [BL_TUI_THEME_DARK] = "dark",
        [BL_TUI_THEME_MONO] = "mono",
    };
    enum bl_tui_theme th = opts ? opts->theme : BL_TUI_THEME_AUTO;
    theme_apply(&t, (unsigned)th < sizeof names / sizeof names[0] ? names[th] : NULL);
    unsigned flags = bl_userstate_flags(opts ? opts->no_state : 0);
    bl_tui_options none = {0};
    int status = screen_run(g, &t, flags, opts ? opts : &none);
    term_done();
    /* Ended by a signal: die by it, so the exit status tells. */
    term_reraise();
    return status;
}

int bl_tui_usable(void)
{
    return term_usable();
}
