/* model.h — the content model of the guide.
 *
 * Plain data, built once by the loader (loader.h), immutable afterwards and
 * freed with one call to bl_guide_free().  Everything a bl_guide points to is
 * owned by the guide's arena; users borrow const pointers and free nothing.
 *
 * Roles and sections are both "entries": an id, a title and a list of fields
 * in reading order.  One table (bl_field_info) names every field's YAML key,
 * its heading for readers, whether it is a paragraph text or a list, and its
 * search weight, so that layout, search and the summary writer loop over
 * fields instead of naming each one.
 */
#ifndef BORDERLESS_MODEL_H
#define BORDERLESS_MODEL_H

#include <stddef.h>

enum bl_entry_kind { BL_ENTRY_ROLE, BL_ENTRY_SECTION };

/* Every field a role or section can have, in a role's reading order.
 *
 * Structured fields (quick facts, routes, pay, fit, crime areas, glossary)
 * are held twice: as plain data (bl_role_facts, bl_glossary_term) for code
 * that needs the structure, and as a list of display strings (one per line
 * to show, with a bl_item_style each) that layout and search read like any
 * other list, so that a search match names the item a reader sees. */
enum bl_field {
    BL_FIELD_ALIASES, /* role: also_known_as (list) */
    BL_FIELD_QUICK_FACTS, /* role: quick_facts (map; items "Label: value") */
    BL_FIELD_SUMMARY, /* role: summary (text) */
    BL_FIELD_BODY, /* section: body (text) */
    BL_FIELD_RESPONSIBILITIES, /* role: list */
    BL_FIELD_WORK_ENVIRONMENT, /* role: text */
    BL_FIELD_ROUTES, /* role: routes (structured; items per displayed line) */
    BL_FIELD_SKILLS, /* role: list */
    BL_FIELD_QUALIFICATIONS, /* role: list */
    BL_FIELD_LANGUAGES, /* role: list */
    BL_FIELD_PAY, /* role: pay (optional, structured) */
    BL_FIELD_PROGRESSION, /* role: list */
    BL_FIELD_ORGANISATIONS, /* role: list */
    BL_FIELD_THREATS, /* role: list */
    BL_FIELD_FIT, /* role: fit (map; items are the reasons, by dimension) */
    BL_FIELD_CRIME_AREAS, /* role: crime_areas (ids; items are their labels) */
    BL_FIELD_GLOSSARY, /* the glossary section: one item per term */
    BL_FIELD_RELATED, /* role: related; section: roles (list of role ids) */
    BL_FIELD_SECTIONS, /* role: sections (list of section ids) */
    BL_FIELD_KEYWORDS, /* both: keywords (list) */
    BL_FIELD_TERMS, /* the glossary section: its terms (search only) */
    BL_FIELD_COUNT
};

/* A part of an entry: a field (enum bl_field), the title, the sources or
 * the review date.  Lines of a layout show one part each; a search match
 * is in one. */
enum { BL_PART_TITLE = -1, BL_PART_SOURCES = BL_FIELD_COUNT, BL_PART_REVIEWED };

/* How a display item of a structured field is shown (bl_field_value.styles). */
enum bl_item_style {
    BL_ITEM_BULLET = 0, /* a bullet item (every plain list) */
    BL_ITEM_LINE, /* a line of its own, no bullet ("Label: value") */
    BL_ITEM_NAME, /* a route's name: starts a route */
    BL_ITEM_DETAIL, /* an indented line under a name or bullet */
    BL_ITEM_SUB, /* an indented bullet (a route's conditions) */
    BL_ITEM_STEP, /* a numbered step (numbered from 1 after each NAME) */
    BL_ITEM_SOURCE /* an indented source URL */
};

enum bl_field_kind { BL_KIND_TEXT, BL_KIND_LIST };

struct bl_field_info {
    const char *role_key; /* YAML key in a role file, NULL if roles lack it */
    const char *section_key; /* YAML key in a section, NULL if sections lack it */
    const char *heading; /* heading shown to readers */
    enum bl_field_kind kind;
    int role_required; /* a role file must have it */
    int section_required; /* a section must have it */
    int search_weight; /* relative weight of a match in this field */
    int hidden; /* for search only: the layout does not show it */
};

/* The table, indexed by enum bl_field. */
const struct bl_field_info *bl_field_info(enum bl_field f);

/* A set of words or phrases search treats as the same ("salary", "pay",
 * "wage"): sections.yaml `synonyms`, each set at least two, as written. */
typedef struct bl_synonym_set {
    const char *const *words;
    size_t n_words;
} bl_synonym_set;

/* A field present in an entry.  TEXT fields have `text` (paragraphs separated
 * by a blank line, no trailing newline); LIST fields have `items`. */
typedef struct bl_field_value {
    enum bl_field field;
    const char *text;
    const char *const *items;
    size_t n_items;
    const unsigned char *styles; /* enum bl_item_style per item; NULL: all bullets */
} bl_field_value;

typedef struct bl_source {
    const char *title;
    const char *url;
} bl_source;

/* ---- the structured parts of a role ---------------------------------- */

/* Quick facts, one line each, in this order. */
enum bl_fact {
    BL_FACT_EMPLOYER,
    BL_FACT_STATUS,
    BL_FACT_STARTING_POINT,
    BL_FACT_EDUCATION,
    BL_FACT_LANGUAGES,
    BL_FACT_VETTING,
    BL_FACT_NATIONALITY,
    BL_FACT_WORKPLACE,
    BL_FACT_COUNT
};

struct bl_fact_info {
    const char *key; /* YAML key inside quick_facts */
    const char *label; /* shown before the value */
};
const struct bl_fact_info *bl_fact_info(enum bl_fact f);
#define BL_FACT_MAX_LEN 120 /* bytes in one quick fact */

enum bl_route_kind {
    BL_ROUTE_DIRECT,
    BL_ROUTE_SECONDMENT,
    BL_ROUTE_INTERNSHIP,
    BL_ROUTE_GRADUATE,
    BL_ROUTE_TRAINEE,
    BL_ROUTE_NATIONAL_SERVICE_FIRST,
    BL_ROUTE_APPOINTMENT,
    BL_ROUTE_VOLUNTEER,
    BL_ROUTE_KIND_COUNT
};
/* The YAML word ("national-service-first") and the label shown. */
const char *bl_route_kind_key(enum bl_route_kind k);
const char *bl_route_kind_label(enum bl_route_kind k);

/* Must a candidate already be a serving officer or official? */
enum bl_serving { BL_SERVING_NO, BL_SERVING_YES, BL_SERVING_EITHER, BL_SERVING_COUNT };
const char *bl_serving_key(enum bl_serving s); /* "no", "yes", "either" */
const char *bl_serving_label(enum bl_serving s); /* a sentence for readers */

typedef struct bl_route_step {
    const char *step;
    const char *duration; /* NULL unless a source gives it */
} bl_route_step;

typedef struct bl_route {
    const char *name;
    enum bl_route_kind kind;
    const char *where;
    const char *const *who; /* one condition each, at least one */
    size_t n_who;
    enum bl_serving serving_officer;
    const bl_route_step *steps; /* in order, at least one */
    size_t n_steps;
    const char *const *sources; /* URLs, each one of the role's sources */
    size_t n_sources;
} bl_route;

enum bl_pay_period {
    BL_PAY_YEAR,
    BL_PAY_MONTH,
    BL_PAY_WEEK,
    BL_PAY_DAY,
    BL_PAY_HOUR,
    BL_PAY_PERIOD_COUNT
};
const char *bl_pay_period_key(enum bl_pay_period p); /* "year" ... */

/* A pay figure (check == NULL) or a where-to-check link (check != NULL,
 * no figure).  Never a bare number: a figure always has its currency,
 * period, date and source. */
typedef struct bl_pay {
    const char *where;
    const char *grade; /* optional */
    long long min, max; /* figure: max == -1 when there is no upper bound given */
    char currency[4]; /* figure: ISO 4217 code; "" for a where-to-check item */
    enum bl_pay_period period;
    const char *as_of; /* figure: YYYY, YYYY-MM or YYYY-MM-DD */
    const char *note; /* optional */
    const char *check; /* where-to-check URL, or NULL for a figure */
    const char *source; /* URL, one of the role's sources */
} bl_pay;

/* Writes the one-line reading of p ("Where (grade): USD 59,966 to 122,955 a
 * year, as of 2024-11. Note") into buf; returns the length it needed (as
 * snprintf).  The source is not included. */
int bl_pay_format(const bl_pay *p, char *buf, size_t size);

/* The fit dimensions, defined once: key, label and the meaning of the ends
 * of the 0..4 scale. */
enum bl_fit_dim {
    BL_FIT_DESK_FIELD,
    BL_FIT_TRAVEL,
    BL_FIT_RELOCATION,
    BL_FIT_SHIFTS,
    BL_FIT_PUBLIC_CONTACT,
    BL_FIT_PHYSICAL,
    BL_FIT_VETTING,
    BL_FIT_ANALYSIS_PEOPLE,
    BL_FIT_LANGUAGES,
    BL_FIT_EDUCATION,
    BL_FIT_COUNT
};
#define BL_FIT_MAX_LEVEL 4
#define BL_FIT_MAX_REASON 160 /* bytes in a reason */

struct bl_fit_info {
    const char *key; /* YAML key inside fit */
    const char *label; /* name of the dimension */
    const char *low; /* what level 0 means, short ("desk") */
    const char *high; /* what level 4 means, short ("field") */
};
const struct bl_fit_info *bl_fit_info(enum bl_fit_dim d);

typedef struct bl_fit {
    int level; /* 0 .. BL_FIT_MAX_LEVEL */
    const char *reason; /* one line */
} bl_fit;

/* ---- the fit finder's questions (sections.yaml `fit_questions`) --------- */

/* What a question asks about. */
enum bl_fitq_kind {
    BL_FITQ_LEVEL, /* one fit dimension: an answer 0..4 (labels in `answers`) */
    BL_FITQ_AREAS, /* crime areas: any number of g->crime_areas */
    BL_FITQ_SITUATION, /* where the reader is now: one of `choices` (route check only) */
    BL_FITQ_CITIZENSHIP /* citizenship region: one of `choices` (route check only) */
};
#define BL_FIT_ANSWERS (BL_FIT_MAX_LEVEL + 1) /* labels of a LEVEL question */
#define BL_FIT_MAX_WEIGHT 3
#define BL_FIT_KEY_AREAS "crime_areas"
#define BL_FIT_KEY_SITUATION "situation"
#define BL_FIT_KEY_CITIZENSHIP "citizenship"

/* One answer of a SITUATION or CITIZENSHIP question. */
typedef struct bl_fit_choice {
    const char *id; /* "serving-officer" */
    const char *label; /* "A serving police, customs or border officer" */
    int serving; /* SITUATION: 1 when this is a serving officer or official */
    const char *const *matches; /* CITIZENSHIP: words that name it in a route's `who` */
    size_t n_matches;
} bl_fit_choice;

typedef struct bl_fit_question {
    const char *key; /* a fit dimension's key, or BL_FIT_KEY_* */
    enum bl_fitq_kind kind;
    enum bl_fit_dim dim; /* LEVEL only */
    const char *text;
    const char *answers[BL_FIT_ANSWERS]; /* LEVEL: what answering 0..4 means */
    const bl_fit_choice *choices; /* SITUATION, CITIZENSHIP */
    size_t n_choices;
    int weight; /* 1 .. BL_FIT_MAX_WEIGHT (default 1) */
} bl_fit_question;

/* What only roles have (bl_entry.role; NULL for sections). */
typedef struct bl_role_facts {
    const char *facts[BL_FACT_COUNT]; /* quick facts, each present */
    size_t group; /* index into bl_guide.groups */
    const bl_route *routes;
    size_t n_routes;
    const bl_pay *pay;
    size_t n_pay;
    bl_fit fit[BL_FIT_COUNT];
    const size_t *crime_areas; /* indices into bl_guide.crime_areas */
    size_t n_crime_areas;
} bl_role_facts;

typedef struct bl_group {
    const char *id;
    const char *title;
} bl_group;

typedef struct bl_crime_area {
    const char *id;
    const char *label;
} bl_crime_area;

typedef struct bl_glossary_term {
    const char *term; /* "NCB" */
    const char *expansion; /* "National Central Bureau" */
    const char *definition; /* one line */
    const size_t *related; /* entry indices (roles or sections) */
    size_t n_related;
} bl_glossary_term;

#define BL_GLOSSARY_ID "glossary"

typedef struct bl_entry {
    enum bl_entry_kind kind;
    const char *id;
    const char *title;
    const bl_field_value *fields; /* present fields, ordered by enum bl_field */
    size_t n_fields;
    /* Links to roles: for a role its `related` ids, for a section its
     * `roles`, resolved to indices into bl_guide.entries (always roles). */
    const size_t *links;
    size_t n_links;
    const bl_source *sources; /* roles: at least one; sections: none */
    size_t n_sources;
    const char *reviewed; /* roles: "YYYY-MM-DD"; sections: NULL */
    const char *path; /* file it was loaded from */
    /* Roles: the sections named by `sections`, as entry indices. */
    const size_t *section_links;
    size_t n_section_links;
    const bl_role_facts *role; /* roles loaded from files; NULL otherwise */
} bl_entry;

typedef struct bl_arena bl_arena;

typedef struct bl_guide {
    const char *title; /* the guide's title (sections.yaml `title`) */
    const char *tagline; /* one line under the title (sections.yaml `tagline`) */
    const bl_synonym_set *synonyms; /* sections.yaml `synonyms` (maybe none) */
    size_t n_synonyms;
    const char *dir; /* content folder it was loaded from */
    /* Reading order: all roles first (entries[0 .. n_roles-1]), then all
     * sections (entries[n_roles .. n_entries-1]). */
    const bl_entry *entries;
    size_t n_entries;
    size_t n_roles;
    size_t n_sections;
    /* Indices into entries, sorted by id, for bl_guide_find(). */
    const size_t *by_id;
    /* Menu groups in display order; each role's group is role->group.  A
     * menu by groups lists, for each group in this order, the roles
     * (entries[0 .. n_roles-1], already in role_order order) whose
     * role->group is that group's index; a group may have no roles. */
    const bl_group *groups;
    size_t n_groups;
    const bl_crime_area *crime_areas;
    size_t n_crime_areas;
    /* The glossary, in file order; shown by the section BL_GLOSSARY_ID,
     * whose BL_FIELD_GLOSSARY item k is terms[k]. */
    const bl_glossary_term *glossary;
    size_t n_glossary;
    const size_t *glossary_by_term; /* indices into glossary, by term, case-folded */
    /* The fit finder's questions in display order: every fit dimension once,
     * then (anywhere in the order) crime areas, situation and citizenship
     * once each.  n_fit_questions is 0 when sections.yaml has none. */
    const bl_fit_question *fit_questions;
    size_t n_fit_questions;
    bl_arena *arena; /* owns everything above */
} bl_guide;

/* Frees the guide and everything it holds.  NULL is fine. */
void bl_guide_free(bl_guide *g);

/* The entry with this id, or NULL.  O(log n). */
const bl_entry *bl_guide_find(const bl_guide *g, const char *id);

/* Index of an entry inside g->entries. */
size_t bl_guide_index(const bl_guide *g, const bl_entry *e);

/* The value of field f in e, or NULL when the entry does not have it. */
const bl_field_value *bl_entry_get(const bl_entry *e, enum bl_field f);

/* The glossary term equal to `term` ignoring ASCII case, or NULL.
 * O(log n).  Its entry is bl_guide_find(g, BL_GLOSSARY_ID), and it is item
 * (term - g->glossary) of that entry's BL_FIELD_GLOSSARY field. */
const bl_glossary_term *bl_guide_glossary_find(const bl_guide *g, const char *term);

/* Compares two terms ignoring ASCII case (the glossary's order). */
int bl_term_casecmp(const char *a, const char *b);

/* The group of role e (NULL for a section or a role built without one). */
const bl_group *bl_entry_group(const bl_guide *g, const bl_entry *e);

/* "role" or "section". */
const char *bl_entry_kind_name(enum bl_entry_kind k);

#endif
