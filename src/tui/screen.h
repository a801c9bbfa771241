/* screen.h — the screen manager: owns the windows, the views (two panes
 * and a stack of overlays), the browsing state and the layouts, and runs
 * the only event loop. */
#ifndef BORDERLESS_SCREEN_H
#define BORDERLESS_SCREEN_H

#include "borderless/model.h"
#include "term.h"

/* Runs the guide on an initialised terminal until the user quits or a
 * signal arrives.  Returns the exit status: 0 after q (or Ctrl-C),
 * 128+signal after SIGTERM or SIGHUP, 1 when memory ran out. */
int screen_run(const bl_guide *g, const struct term *t);

/* Below this size only a "terminal too small" notice is shown. */
#define SCREEN_MIN_W 20
#define SCREEN_MIN_H 5
/* Below this width one pane is shown at a time. */
#define SCREEN_NARROW_W 70

#endif
