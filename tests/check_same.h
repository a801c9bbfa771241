/* check_same.h — asserts that `borderless check`'s way of validating a
 * folder (bl_check_dir, which keeps no model) reports exactly what loading
 * it does (bl_load_dir, then bl_width_warnings on the guide): the same
 * problems and warnings, in the same order, the same counts and the same
 * verdict.  Included by the loader's tests after cmocka.h. */
#ifndef BORDERLESS_TESTS_CHECK_SAME_H
#define BORDERLESS_TESTS_CHECK_SAME_H

#include "core_util.h"

#include "borderless/diag.h"
#include "borderless/loader.h"
#include "borderless/model.h"
#include "borderless/widthcheck.h"

#include <stdio.h>
#include <string.h>

static void check_same_diags(const char *what, const bl_diags *want, const bl_diags *got)
{
    int same = want->n == got->n && want->total == got->total && want->oom == got->oom;
    for (size_t i = 0; same && i < want->n; i++) {
        const bl_diag *a = &want->items[i], *b = &got->items[i];
        same = strcmp(a->formatted, b->formatted) == 0 && strcmp(a->path, b->path) == 0 &&
            strcmp(a->message, b->message) == 0 && a->line == b->line && a->column == b->column;
    }
    if (same)
        return;
    fprintf(stderr, "  %s, loading (%zu of %zu):\n", what, want->n, want->total);
    for (size_t i = 0; i < want->n; i++)
        fprintf(stderr, "    %s\n", want->items[i].formatted);
    fprintf(stderr, "  %s, bl_check_dir (%zu of %zu):\n", what, got->n, got->total);
    for (size_t i = 0; i < got->n; i++)
        fprintf(stderr, "    %s\n", got->items[i].formatted);
    fail_msg("bl_check_dir's %s differ from loading's", what);
}

/* Compares the two ways over dir, warnings capped at warn_max (0: the
 * default); returns 1 when the folder is valid. */
static int check_same(const char *dir, size_t warn_max) FS_UNUSED;
static int check_same(const char *dir, size_t warn_max)
{
    bl_diags d1, w1, d2, w2;
    bl_diags_init(&d1, BL_DIAGS_DEFAULT_MAX);
    bl_diags_init(&w1, warn_max);
    bl_diags_init(&d2, BL_DIAGS_DEFAULT_MAX);
    bl_diags_init(&w2, warn_max);
    bl_guide *g = bl_load_dir(dir, &d1);
    size_t n_roles = 0, n_sections = 0;
    if (g)
        bl_width_warnings(g, &w1);
    int rc = bl_check_dir(dir, &d2, &w2, &n_roles, &n_sections);
    if ((g != NULL) != (rc == 0))
        fail_msg("%s: loading %s, bl_check_dir %s", dir, g ? "succeeds" : "fails",
                 rc == 0 ? "succeeds" : "fails");
    check_same_diags("problems", &d1, &d2);
    check_same_diags("warnings", &w1, &w2);
    if (g) {
        assert_int_equal(n_roles, g->n_roles);
        assert_int_equal(n_sections, g->n_sections);
    }
    bl_guide_free(g);
    bl_diags_free(&d1);
    bl_diags_free(&w1);
    bl_diags_free(&d2);
    bl_diags_free(&w2);
    return rc == 0;
}

#endif
