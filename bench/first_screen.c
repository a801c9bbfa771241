/* first_screen — the guide's start as a whole process, for scripts/bench:
 * what `borderless` does before its first screen (the cache or the YAML,
 * as main.c does), then the real screen manager drawing that screen into
 * an off-screen terminal (output /dev/null, input a pipe holding "q"), and
 * exit — storing the cache first when it was missed, as the guide does
 * when it ends.
 *
 *     first_screen [--no-cache] DIR
 */
#include "borderless/cache.h"
#include "borderless/diag.h"
#include "borderless/loader.h"
#include "borderless/userstate.h"
#include "screen.h"
#include "term.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bl_search_index *cached_index(void *ctx, const bl_guide *g)
{
    return bl_cache_load_index(ctx, g);
}

int main(int argc, char **argv)
{
    int no_cache = argc == 3 && strcmp(argv[1], "--no-cache") == 0;
    if (argc != 2 + no_cache) {
        fprintf(stderr, "usage: first_screen [--no-cache] DIR\n");
        return 2;
    }
    const char *dir = argv[argc - 1];
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "");
    setenv("LINES", "40", 1);
    setenv("COLUMNS", "120", 1);
    bl_cache cache;
    bl_cache_init(&cache, dir, no_cache ? BL_CACHE_NO_READ | BL_CACHE_NO_WRITE : 0);
    bl_guide *g = bl_cache_load_guide(&cache);
    if (!g) {
        bl_diags d;
        bl_diags_init(&d, 10);
        g = bl_load_dir(dir, &d);
        if (!g)
            bl_diags_print(&d, stderr);
        bl_diags_free(&d);
    }
    int fds[2];
    FILE *in = NULL, *out = fopen("/dev/null", "w");
    if (!g || !out || pipe(fds) != 0 || write(fds[1], "q", 1) != 1 || !(in = fdopen(fds[0], "r")))
        return 1;
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr)
        return 1;
    set_term(scr);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    struct term t = {.ascii = 0};
    theme_apply(&t, "mono");
    /* As the guide does: the index from the cache, in the background. */
    int status = screen_run(g, &t, BL_USERSTATE_PRIVATE, 0, cache.had_guide ? cached_index : NULL,
                            &cache, NULL);
    endwin();
    delscreen(scr);
    fclose(in);
    fclose(out);
    close(fds[1]);
    if (!cache.had_guide)
        (void)bl_cache_store(&cache, g, NULL);
    bl_cache_done(&cache);
    bl_guide_free(g);
    return status == 0 ? 0 : 1;
}
