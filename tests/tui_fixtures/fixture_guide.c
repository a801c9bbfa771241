#include "fixture_guide.h"

#include "borderless/arena.h"

#include <stdlib.h>
#include <string.h>

static const char *const alpha_resp[] = {
    "Coordinates notices between member countries",
    "Runs the liaison desk \xe2\x80\x94 day and night",
};
static const char *const alpha_skills[] = {"Languages", "Patience"};
static const char *const gamma_list[] = {
    "One",  "Two", "Three",  "Four",   "Five",     "Six",      "Seven",   "Eight",
    "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen",
};
static const bl_source alpha_sources[] = {
    {.title = "INTERPOL careers", .url = "https://www.interpol.int/en/Careers"},
};

bl_guide *fixture_guide(void)
{
    bl_guide *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    bl_arena *a = bl_arena_new();
    if (!a) {
        free(g);
        return NULL;
    }
    g->arena = a;
    g->title = "Fixture guide";
    g->tagline = "For tests";
    bl_entry *e = bl_arena_array(a, 5, sizeof *e);
    size_t *links = bl_arena_array(a, 4, sizeof *links);
    bl_field_value *fv = bl_arena_array(a, 16, sizeof *fv);
    size_t *by_id = bl_arena_array(a, 5, sizeof *by_id);
    if (!e || !links || !fv || !by_id) {
        bl_guide_free(g);
        return NULL;
    }
    links[0] = 1; /* alpha -> beta, gamma */
    links[1] = 2;
    links[2] = 0; /* beta -> alpha */
    links[3] = 2; /* intro -> gamma */

    fv[0] = (bl_field_value){.field = BL_FIELD_SUMMARY,
                             .text = "Alpha agents connect police forces across borders. "
                                     "They work in many languages.\n\nSecond paragraph here."};
    fv[1] = (bl_field_value){.field = BL_FIELD_RESPONSIBILITIES, .items = alpha_resp, .n_items = 2};
    fv[2] = (bl_field_value){.field = BL_FIELD_SKILLS, .items = alpha_skills, .n_items = 2};
    e[0] = (bl_entry){.kind = BL_ENTRY_ROLE,
                      .id = "alpha",
                      .title = "Alpha Agent",
                      .fields = &fv[0],
                      .n_fields = 3,
                      .links = &links[0],
                      .n_links = 2,
                      .sources = alpha_sources,
                      .n_sources = 1,
                      .reviewed = "2024-05-01"};

    fv[3] = (bl_field_value){.field = BL_FIELD_SUMMARY,
                             .text = "Beta caf\xc3\xa9 liaison \xe4\xb8\xad\xe6\x96\x87."};
    e[1] = (bl_entry){.kind = BL_ENTRY_ROLE,
                      .id = "beta",
                      .title = "Beta Liaison",
                      .fields = &fv[3],
                      .n_fields = 1,
                      .links = &links[2],
                      .n_links = 1,
                      .sources = alpha_sources,
                      .n_sources = 1,
                      .reviewed = "2024-06-01"};

    fv[4] = (bl_field_value){.field = BL_FIELD_SUMMARY, .text = "Gamma analyses."};
    fv[5] = (bl_field_value){.field = BL_FIELD_SKILLS, .items = gamma_list, .n_items = 16};
    fv[6] = (bl_field_value){.field = BL_FIELD_THREATS, .items = gamma_list, .n_items = 16};
    e[2] = (bl_entry){.kind = BL_ENTRY_ROLE,
                      .id = "gamma",
                      .title = "Gamma Analyst",
                      .fields = &fv[4],
                      .n_fields = 3,
                      .sources = alpha_sources,
                      .n_sources = 1,
                      .reviewed = "2024-07-01"};

    fv[7] = (bl_field_value){.field = BL_FIELD_BODY, .text = "The introduction."};
    e[3] = (bl_entry){.kind = BL_ENTRY_SECTION,
                      .id = "intro",
                      .title = "Introduction",
                      .fields = &fv[7],
                      .n_fields = 1,
                      .links = &links[3],
                      .n_links = 1};
    fv[8] = (bl_field_value){.field = BL_FIELD_BODY, .text = "The end."};
    e[4] = (bl_entry){
        .kind = BL_ENTRY_SECTION, .id = "end", .title = "Closing", .fields = &fv[8], .n_fields = 1};

    /* sorted by id: alpha beta end gamma intro */
    by_id[0] = 0;
    by_id[1] = 1;
    by_id[2] = 4;
    by_id[3] = 2;
    by_id[4] = 3;
    g->entries = e;
    g->n_entries = 5;
    g->n_roles = 3;
    g->n_sections = 2;
    g->by_id = by_id;
    return g;
}
