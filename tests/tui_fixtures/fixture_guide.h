/* fixture_guide.h — a small guide built by hand for the layout and
 * navigation tests: three roles and two sections (see fixture_guide.c). */
#ifndef BORDERLESS_FIXTURE_GUIDE_H
#define BORDERLESS_FIXTURE_GUIDE_H

#include "borderless/model.h"

/* Roles alpha (links to beta, gamma), beta (links to alpha), gamma (no
 * links, long lists); sections intro (text only, links to gamma) and end.
 * Free with bl_guide_free(). */
bl_guide *fixture_guide(void);

#endif
