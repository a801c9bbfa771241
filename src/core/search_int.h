/* search_int.h — the private parts of the search module (search*.c).
 *
 * The index is a sorted term dictionary with postings at two levels: per
 * (term, entry) a "doc" with the weighted term frequency, for ranking; per
 * token an "occ" with its place, for phrases and highlighting.  A forward
 * array (term of every global position) answers "which word is at position
 * p" in O(1), so a phrase is checked around its rarest word.  Positions are
 * global; a gap (BL_SX_GAP) ends every string, so no phrase spans two
 * strings or two entries.
 */
#ifndef BORDERLESS_SEARCH_INT_H
#define BORDERLESS_SEARCH_INT_H

#include "borderless/search.h"

#include <stddef.h>
#include <stdint.h>

#define BL_SX_TOKEN_MAX 64 /* bytes of a folded token; longer ones are cut */
#define BL_SX_GAP UINT32_MAX

struct bl_sx_term {
    uint32_t str, len;       /* folded text: pool[str .. str+len) */
    uint32_t stem, stem_len; /* its Snowball stem, also in the pool */
    uint32_t ncp;            /* code points */
    uint32_t doc_start, n_docs;
    uint32_t ascii;
};

struct bl_sx_doc {
    uint32_t entry;
    uint32_t occ_start, n_occ; /* into occs, sorted by pos */
    float wtf;                 /* sum of the field weights of its occs */
};

struct bl_sx_occ {
    uint32_t pos;   /* global position (index into fwd) */
    uint32_t start; /* bytes into the source string */
    uint16_t len;   /* bytes of the token in the source (clamped) */
    uint16_t item;
    int16_t part;   /* BL_PART_TITLE or enum bl_field */
};

struct bl_search_index {
    const bl_guide *g;
    char *pool;
    struct bl_sx_term *terms; /* sorted by folded text (bytes) */
    size_t n_terms;
    uint32_t *by_stem;        /* term ids sorted by stem */
    struct bl_sx_doc *docs;
    struct bl_sx_occ *occs;
    uint32_t *fwd;            /* term id at each global position, or GAP */
    size_t n_fwd;
    float *entry_len;         /* tokens per entry */
    float avg_len;
};

/* One token found by bl_sx_tokenize: its folded text and source bytes. */
struct bl_sx_token {
    char text[BL_SX_TOKEN_MAX];
    size_t len;         /* bytes of text */
    size_t ncp;         /* code points of text */
    int ascii;
    size_t start, end;  /* bytes of the source */
};

/* Calls fn for every token of s[0..len), in order.  A non-zero return stops
 * the walk and is returned. */
typedef int (*bl_sx_token_fn)(void *ctx, const struct bl_sx_token *t);
int bl_sx_tokenize(const char *s, size_t len, bl_sx_token_fn fn, void *ctx);

/* Decodes UTF-8 known to be valid (folded text) into cps (room for n);
 * returns the count. */
size_t bl_sx_decode(const char *s, size_t len, uint32_t *cps, size_t n);

/* 1 if a prefix of b (prefix != 0) or b itself is within one edit
 * (substitution, insertion, deletion, adjacent transposition) of a. */
int bl_sx_within1(const uint32_t *a, size_t n, const uint32_t *b, size_t m, int prefix);

/* Edit distance (with transpositions) of a and b if it is <= bound, else
 * bound + 1. */
unsigned bl_sx_distance(const uint32_t *a, size_t n, const uint32_t *b, size_t m,
                        unsigned bound);

/* Search weight of a part (BL_PART_TITLE or a field). */
int bl_sx_part_weight(int part);

/* The source string of a part of e: title, text, or item; NULL if absent. */
const char *bl_sx_part_string(const bl_entry *e, int part, size_t item);

/* First doc of term t for entry e, or NULL. */
const struct bl_sx_doc *bl_sx_find_doc(const bl_search_index *ix, uint32_t t, uint32_t e);

/* ---- a parsed query ---- */

struct bl_sx_exp {
    uint32_t term;
    float q; /* match quality: 1 equal, less for stem / prefix / fuzzy */
};

struct bl_sx_word {
    struct bl_sx_token tok;
    size_t exp_start, n_exp; /* into bl_search_query.exps, sorted by term */
    int fuzzy;               /* matched only within one edit */
};

struct bl_sx_group {
    size_t first, n; /* words [first, first+n): one word, or a phrase */
    size_t anchor;   /* the phrase's rarest word (index within the group) */
};

struct bl_search_query {
    struct bl_sx_word words[BL_SEARCH_MAX_TERMS];
    size_t n_words;
    struct bl_sx_group groups[BL_SEARCH_MAX_TERMS];
    size_t n_groups;
    struct bl_sx_exp *exps;
    size_t n_exps, cap_exps;
    int any_fuzzy;
    struct bl_arena *arena; /* owns hits, snippets, matches, suggestions */
};

/* 1 if term t is among word w's expansions; *q gets the quality. */
int bl_sx_word_has(const struct bl_search_query *q, const struct bl_sx_word *w, uint32_t t,
                   float *quality);

/* The best quality of phrase group gr whose anchor word sits at global
 * position pos, or 0 if the phrase is not there. */
float bl_sx_phrase_at(const bl_search_index *ix, const struct bl_search_query *q,
                      const struct bl_sx_group *gr, uint32_t pos);

#endif
