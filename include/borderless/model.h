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

/* Every field a role or section can have, in a role's reading order. */
enum bl_field {
    BL_FIELD_ALIASES,          /* role: also_known_as (list) */
    BL_FIELD_SUMMARY,          /* role: summary (text) */
    BL_FIELD_BODY,             /* section: body (text) */
    BL_FIELD_RESPONSIBILITIES, /* role: list */
    BL_FIELD_WORK_ENVIRONMENT, /* role: text */
    BL_FIELD_ENTRY_ROUTES,     /* role: list */
    BL_FIELD_SKILLS,           /* role: list */
    BL_FIELD_QUALIFICATIONS,   /* role: list */
    BL_FIELD_LANGUAGES,        /* role: list */
    BL_FIELD_ORGANISATIONS,    /* role: list */
    BL_FIELD_THREATS,          /* role: list */
    BL_FIELD_RELATED,          /* role: related; section: roles (list of role ids) */
    BL_FIELD_KEYWORDS,         /* both: keywords (list) */
    BL_FIELD_COUNT
};

enum bl_field_kind { BL_KIND_TEXT, BL_KIND_LIST };

struct bl_field_info {
    const char *role_key;    /* YAML key in a role file, NULL if roles lack it */
    const char *section_key; /* YAML key in a section, NULL if sections lack it */
    const char *heading;     /* heading shown to readers */
    enum bl_field_kind kind;
    int role_required;       /* a role file must have it */
    int section_required;    /* a section must have it */
    int search_weight;       /* relative weight of a match in this field */
};

/* The table, indexed by enum bl_field. */
const struct bl_field_info *bl_field_info(enum bl_field f);

/* Which part of an entry a string is: its title, a field (enum bl_field),
 * or (for layout) its sources or review date.  Search matches and layout
 * lines both name parts this way. */
enum { BL_PART_TITLE = -1, BL_PART_SOURCES = BL_FIELD_COUNT, BL_PART_REVIEWED };

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
} bl_field_value;

typedef struct bl_source {
    const char *title;
    const char *url;
} bl_source;

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
    const char *reviewed;     /* roles: "YYYY-MM-DD"; sections: NULL */
    const char *path;         /* file it was loaded from */
} bl_entry;

typedef struct bl_arena bl_arena;

typedef struct bl_guide {
    const char *title;     /* the guide's title (sections.yaml `title`) */
    const char *tagline;   /* one line under the title (sections.yaml `tagline`) */
    const bl_synonym_set *synonyms; /* sections.yaml `synonyms` (maybe none) */
    size_t n_synonyms;
    const char *dir;       /* content folder it was loaded from */
    /* Reading order: all roles first (entries[0 .. n_roles-1]), then all
     * sections (entries[n_roles .. n_entries-1]). */
    const bl_entry *entries;
    size_t n_entries;
    size_t n_roles;
    size_t n_sections;
    /* Indices into entries, sorted by id, for bl_guide_find(). */
    const size_t *by_id;
    bl_arena *arena;       /* owns everything above */
} bl_guide;

/* Frees the guide and everything it holds.  NULL is fine. */
void bl_guide_free(bl_guide *g);

/* The entry with this id, or NULL.  O(log n). */
const bl_entry *bl_guide_find(const bl_guide *g, const char *id);

/* Index of an entry inside g->entries. */
size_t bl_guide_index(const bl_guide *g, const bl_entry *e);

/* The value of field f in e, or NULL when the entry does not have it. */
const bl_field_value *bl_entry_get(const bl_entry *e, enum bl_field f);

/* "role" or "section". */
const char *bl_entry_kind_name(enum bl_entry_kind k);

#endif
