#include "borderless/model.h"

#include "borderless/arena.h"

#include <stdlib.h>
#include <string.h>

/* The one table of fields.  Search weights: a title match counts 10 (see
 * search.c); aliases share the title's weight, then keywords, summary, lists
 * and running text. */
static const struct bl_field_info field_table[BL_FIELD_COUNT] = {
    [BL_FIELD_ALIASES] = {.role_key = "also_known_as", .heading = "Also known as",
                          .kind = BL_KIND_LIST, .search_weight = 10},
    [BL_FIELD_SUMMARY] = {.role_key = "summary", .heading = "Summary",
                          .kind = BL_KIND_TEXT, .role_required = 1, .search_weight = 4},
    [BL_FIELD_BODY] = {.section_key = "body", .heading = NULL,
                       .kind = BL_KIND_TEXT, .section_required = 1, .search_weight = 2},
    [BL_FIELD_RESPONSIBILITIES] = {.role_key = "responsibilities", .heading = "What they do",
                                   .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_WORK_ENVIRONMENT] = {.role_key = "work_environment", .heading = "Work environment",
                                   .kind = BL_KIND_TEXT, .role_required = 1, .search_weight = 1},
    [BL_FIELD_ENTRY_ROUTES] = {.role_key = "entry_routes", .heading = "How people get in",
                               .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_SKILLS] = {.role_key = "skills", .heading = "Skills",
                         .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_QUALIFICATIONS] = {.role_key = "qualifications", .heading = "Qualifications and training",
                                 .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_LANGUAGES] = {.role_key = "languages", .heading = "Languages",
                            .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_ORGANISATIONS] = {.role_key = "organisations", .heading = "Who employs them",
                                .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_THREATS] = {.role_key = "threats", .heading = "Threats and crime areas",
                          .kind = BL_KIND_LIST, .role_required = 1, .search_weight = 2},
    [BL_FIELD_RELATED] = {.role_key = "related", .section_key = "roles", .heading = "Related roles",
                          .kind = BL_KIND_LIST, .search_weight = 0},
    [BL_FIELD_KEYWORDS] = {.role_key = "keywords", .section_key = "keywords", .heading = "Keywords",
                           .kind = BL_KIND_LIST, .search_weight = 6},
};

const struct bl_field_info *bl_field_info(enum bl_field f)
{
    return (unsigned)f < BL_FIELD_COUNT ? &field_table[f] : NULL;
}

void bl_guide_free(bl_guide *g)
{
    if (!g)
        return;
    bl_arena_free(g->arena);
    free(g);
}

const bl_entry *bl_guide_find(const bl_guide *g, const char *id)
{
    size_t lo = 0, hi = g->n_entries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const bl_entry *e = &g->entries[g->by_id[mid]];
        int c = strcmp(id, e->id);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t bl_guide_index(const bl_guide *g, const bl_entry *e)
{
    return (size_t)(e - g->entries);
}

const bl_field_value *bl_entry_get(const bl_entry *e, enum bl_field f)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (e->fields[i].field == f)
            return &e->fields[i];
    return NULL;
}

const char *bl_entry_kind_name(enum bl_entry_kind k)
{
    return k == BL_ENTRY_ROLE ? "role" : "section";
}
