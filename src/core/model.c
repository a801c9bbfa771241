#include "borderless/model.h"

#include "borderless/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one table of fields.  Search weights: a title match counts 10 (see
 * search.c); aliases, quick facts and glossary terms share the title's
 * weight, then keywords, summary, lists and running text. */
static const struct bl_field_info field_table[BL_FIELD_COUNT] = {
    [BL_FIELD_ALIASES] = {.role_key = "also_known_as",
                          .heading = "Also known as",
                          .kind = BL_KIND_LIST,
                          .search_weight = 10},
    [BL_FIELD_QUICK_FACTS] = {.role_key = "quick_facts",
                              .heading = "Quick facts",
                              .kind = BL_KIND_LIST,
                              .role_required = 1,
                              .search_weight = 10},
    [BL_FIELD_SUMMARY] = {.role_key = "summary",
                          .heading = "Summary",
                          .kind = BL_KIND_TEXT,
                          .role_required = 1,
                          .search_weight = 4},
    [BL_FIELD_BODY] = {.section_key = "body",
                       .heading = NULL,
                       .kind = BL_KIND_TEXT,
                       .section_required = 1,
                       .search_weight = 2},
    [BL_FIELD_RESPONSIBILITIES] = {.role_key = "responsibilities",
                                   .heading = "What they do",
                                   .kind = BL_KIND_LIST,
                                   .role_required = 1,
                                   .search_weight = 2},
    [BL_FIELD_WORK_ENVIRONMENT] = {.role_key = "work_environment",
                                   .heading = "Work environment",
                                   .kind = BL_KIND_TEXT,
                                   .role_required = 1,
                                   .search_weight = 1},
    [BL_FIELD_ROUTES] = {.role_key = "routes",
                         .heading = "How people get in",
                         .kind = BL_KIND_LIST,
                         .role_required = 1,
                         .search_weight = 2},
    [BL_FIELD_SKILLS] = {.role_key = "skills",
                         .heading = "Skills",
                         .kind = BL_KIND_LIST,
                         .role_required = 1,
                         .search_weight = 2},
    [BL_FIELD_QUALIFICATIONS] = {.role_key = "qualifications",
                                 .heading = "Requirements and training",
                                 .kind = BL_KIND_LIST,
                                 .role_required = 1,
                                 .search_weight = 2},
    [BL_FIELD_LANGUAGES] = {.role_key = "languages",
                            .heading = "Languages",
                            .kind = BL_KIND_LIST,
                            .role_required = 1,
                            .search_weight = 2},
    [BL_FIELD_PAY] = {.role_key = "pay",
                      .heading = "Pay",
                      .kind = BL_KIND_LIST,
                      .search_weight = 1},
    [BL_FIELD_PROGRESSION] = {.role_key = "progression",
                              .heading = "Where it can lead",
                              .kind = BL_KIND_LIST,
                              .role_required = 1,
                              .search_weight = 2},
    [BL_FIELD_ORGANISATIONS] = {.role_key = "organisations",
                                .heading = "Who employs them",
                                .kind = BL_KIND_LIST,
                                .role_required = 1,
                                .search_weight = 2},
    [BL_FIELD_THREATS] = {.role_key = "threats",
                          .heading = "Threats they work on",
                          .kind = BL_KIND_LIST,
                          .role_required = 1,
                          .search_weight = 2},
    [BL_FIELD_FIT] = {.role_key = "fit",
                      .heading = "Your fit",
                      .kind = BL_KIND_LIST,
                      .role_required = 1,
                      .search_weight = 1},
    [BL_FIELD_CRIME_AREAS] = {.role_key = "crime_areas",
                              .heading = "Crime areas",
                              .kind = BL_KIND_LIST,
                              .role_required = 1,
                              .search_weight = 2},
    [BL_FIELD_GLOSSARY] = {.heading = NULL, .kind = BL_KIND_LIST, .search_weight = 2},
    [BL_FIELD_RELATED] = {.role_key = "related",
                          .section_key = "roles",
                          .heading = "Related roles",
                          .kind = BL_KIND_LIST,
                          .search_weight = 0},
    [BL_FIELD_SECTIONS] = {.role_key = "sections",
                           .heading = "Related sections",
                           .kind = BL_KIND_LIST,
                           .search_weight = 0},
    [BL_FIELD_KEYWORDS] = {.role_key = "keywords",
                           .section_key = "keywords",
                           .heading = "Keywords",
                           .kind = BL_KIND_LIST,
                           .search_weight = 6,
                           .hidden = 1},
    [BL_FIELD_TERMS] = {.heading = NULL, .kind = BL_KIND_LIST, .search_weight = 10, .hidden = 1},
};

static const struct bl_fact_info fact_table[BL_FACT_COUNT] = {
    [BL_FACT_EMPLOYER] = {.key = "employer", .label = "Employer"},
    [BL_FACT_STATUS] = {.key = "status", .label = "Status"},
    [BL_FACT_STARTING_POINT] = {.key = "starting_point", .label = "Starting point"},
    [BL_FACT_EDUCATION] = {.key = "education", .label = "Education"},
    [BL_FACT_LANGUAGES] = {.key = "languages", .label = "Languages"},
    [BL_FACT_VETTING] = {.key = "vetting", .label = "Vetting"},
    [BL_FACT_NATIONALITY] = {.key = "nationality", .label = "Nationality"},
    [BL_FACT_WORKPLACE] = {.key = "workplace", .label = "Workplace"},
};

static const struct bl_fit_info fit_table[BL_FIT_COUNT] = {
    [BL_FIT_DESK_FIELD] = {.key = "desk_field",
                           .label = "Desk or field",
                           .low = "desk",
                           .high = "field"},
    [BL_FIT_TRAVEL] = {.key = "travel", .label = "Travel", .low = "rarely", .high = "often"},
    [BL_FIT_RELOCATION] = {.key = "relocation",
                           .label = "Living abroad",
                           .low = "home",
                           .high = "abroad"},
    [BL_FIT_SHIFTS] = {.key = "shifts",
                       .label = "Irregular hours",
                       .low = "office hours",
                       .high = "shifts"},
    [BL_FIT_PUBLIC_CONTACT] = {.key = "public_contact",
                               .label = "Contact with the public",
                               .low = "little",
                               .high = "constant"},
    [BL_FIT_PHYSICAL] = {.key = "physical",
                         .label = "Physical demands",
                         .low = "none",
                         .high = "arduous"},
    [BL_FIT_VETTING] = {.key = "vetting",
                        .label = "Depth of vetting",
                        .low = "standard",
                        .high = "highest"},
    [BL_FIT_ANALYSIS_PEOPLE] = {.key = "analysis_people",
                                .label = "Analysis or people",
                                .low = "analysis",
                                .high = "people"},
    [BL_FIT_LANGUAGES] = {.key = "languages",
                          .label = "Languages needed",
                          .low = "own only",
                          .high = "several"},
    [BL_FIT_EDUCATION] = {.key = "education",
                          .label = "Education level",
                          .low = "school",
                          .high = "advanced"},
};

static const char *const route_keys[BL_ROUTE_KIND_COUNT] = {
    [BL_ROUTE_DIRECT] = "direct",
    [BL_ROUTE_SECONDMENT] = "secondment",
    [BL_ROUTE_INTERNSHIP] = "internship",
    [BL_ROUTE_GRADUATE] = "graduate",
    [BL_ROUTE_TRAINEE] = "trainee",
    [BL_ROUTE_NATIONAL_SERVICE_FIRST] = "national-service-first",
    [BL_ROUTE_APPOINTMENT] = "appointment",
    [BL_ROUTE_VOLUNTEER] = "volunteer",
};

static const char *const route_labels[BL_ROUTE_KIND_COUNT] = {
    [BL_ROUTE_DIRECT] = "Direct recruitment",
    [BL_ROUTE_SECONDMENT] = "Secondment",
    [BL_ROUTE_INTERNSHIP] = "Internship",
    [BL_ROUTE_GRADUATE] = "Graduate programme",
    [BL_ROUTE_TRAINEE] = "Trainee programme",
    [BL_ROUTE_NATIONAL_SERVICE_FIRST] = "National service first",
    [BL_ROUTE_APPOINTMENT] = "Appointment",
    [BL_ROUTE_VOLUNTEER] = "Volunteering",
};

static const char *const serving_keys[BL_SERVING_COUNT] = {
    [BL_SERVING_NO] = "no", [BL_SERVING_YES] = "yes", [BL_SERVING_EITHER] = "either"};

static const char *const serving_labels[BL_SERVING_COUNT] = {
    [BL_SERVING_NO] = "Open to people who are not serving officers",
    [BL_SERVING_YES] = "Only for serving officers or officials",
    [BL_SERVING_EITHER] = "Open to serving officers and to others",
};

static const char *const period_keys[BL_PAY_PERIOD_COUNT] = {[BL_PAY_YEAR] = "year",
                                                             [BL_PAY_MONTH] = "month",
                                                             [BL_PAY_WEEK] = "week",
                                                             [BL_PAY_DAY] = "day",
                                                             [BL_PAY_HOUR] = "hour"};

const struct bl_fact_info *bl_fact_info(enum bl_fact f)
{
    return (unsigned)f < BL_FACT_COUNT ? &fact_table[f] : NULL;
}

const struct bl_fit_info *bl_fit_info(enum bl_fit_dim d)
{
    return (unsigned)d < BL_FIT_COUNT ? &fit_table[d] : NULL;
}

const char *bl_route_kind_key(enum bl_route_kind k)
{
    return (unsigned)k < BL_ROUTE_KIND_COUNT ? route_keys[k] : NULL;
}

const char *bl_route_kind_label(enum bl_route_kind k)
{
    return (unsigned)k < BL_ROUTE_KIND_COUNT ? route_labels[k] : NULL;
}

const char *bl_serving_key(enum bl_serving v)
{
    return (unsigned)v < BL_SERVING_COUNT ? serving_keys[v] : NULL;
}

const char *bl_serving_label(enum bl_serving v)
{
    return (unsigned)v < BL_SERVING_COUNT ? serving_labels[v] : NULL;
}

const char *bl_pay_period_key(enum bl_pay_period p)
{
    return (unsigned)p < BL_PAY_PERIOD_COUNT ? period_keys[p] : NULL;
}

/* n with thousands separators ("122,955"). */
static void group_digits(long long n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);
    size_t o = 0;
    if (n < 0)
        out[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

int bl_pay_format(const bl_pay *p, char *buf, size_t size)
{
    /* "Where (grade)" without an intermediate buffer: no length limit. */
    const char *g0 = p->grade ? " (" : "", *g1 = p->grade ? p->grade : "",
               *g2 = p->grade ? ")" : "";
    const char *note_sep = p->note ? " " : "";
    const char *note = p->note ? p->note : "";
    if (p->check)
        return snprintf(buf, size, "%s%s%s%s: no official figure; where to check: %s%s%s", p->where,
                        g0, g1, g2, p->check, note_sep, note);
    char lo[32], hi[32];
    group_digits(p->min, lo);
    const char *per = bl_pay_period_key(p->period);
    const char *as_of = p->as_of ? p->as_of : "";
    if (p->max >= 0 && p->max != p->min) {
        group_digits(p->max, hi);
        return snprintf(buf, size, "%s%s%s%s: %s %s to %s a %s, as of %s.%s%s", p->where, g0, g1,
                        g2, p->currency, lo, hi, per ? per : "", as_of, note_sep, note);
    }
    return snprintf(buf, size, "%s%s%s%s: %s %s a %s, as of %s.%s%s", p->where, g0, g1, g2,
                    p->currency, lo, per ? per : "", as_of, note_sep, note);
}

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

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y || !x)
            return x - y;
    }
}

const bl_glossary_term *bl_guide_glossary_find(const bl_guide *g, const char *term)
{
    if (!g || !term || !g->glossary_by_term)
        return NULL;
    size_t lo = 0, hi = g->n_glossary;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const bl_glossary_term *t = &g->glossary[g->glossary_by_term[mid]];
        int c = ascii_casecmp(term, t->term);
        if (c == 0)
            return t;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int bl_term_casecmp(const char *a, const char *b)
{
    return ascii_casecmp(a, b);
}

const bl_group *bl_entry_group(const bl_guide *g, const bl_entry *e)
{
    if (!g || !e || !e->role || e->role->group >= g->n_groups)
        return NULL;
    return &g->groups[e->role->group];
}

const char *bl_entry_kind_name(enum bl_entry_kind k)
{
    return k == BL_ENTRY_ROLE ? "role" : "section";
}
