/* search_int.h — the private parts of the search module (search*.c).
 *
 * The index is a sorted term dictionary with compressed postings, a forward
 * array and a table of the indexed strings:
 *
 *   - per term, a doc stream of varints: for each entry that holds the term,
 *     (entry - previous entry, weighted term frequency, occurrences); and a
 *     position stream: the term's global positions, delta-coded, in order;
 *   - fwd[p] is the term at global position p (or GAP), so a phrase is
 *     checked around its rarest word in O(1) per word;
 *   - strs lists every indexed string (title, text, list item) with its first
 *     position and its part: a position's field weight comes from there, and
 *     byte ranges are recomputed by tokenizing the few tokens after the
 *     nearest checkpoint (the byte offset of every BL_SX_CKPT-th position).
 *
 * Positions are global; a gap (BL_SX_GAP) ends every string, so no phrase
 * spans two strings or two entries.
 */
#ifndef BORDERLESS_SEARCH_INT_H
#define BORDERLESS_SEARCH_INT_H

#include "borderless/search.h"

#include <stddef.h>
#include <stdint.h>

struct sb_stemmer;

#define BL_SX_TOKEN_MAX 64 /* bytes of a folded token; longer ones are cut */
#define BL_SX_GAP UINT32_MAX
#define BL_SX_CKPT 16 /* a token's byte offset is kept at every 16th position */
#define BL_SX_HEADING UINT16_MAX /* the item of a field's heading, indexed as a string */
#define BL_SX_LABEL 0xFF00u /* + k: the label of quick fact k ("Nationality") */

struct bl_sx_term {
    uint32_t str; /* folded text: pool[str .. str+len) */
    uint32_t stem; /* Snowball stem of its spelling key, also in the pool */
    uint8_t len, stem_len; /* bytes (<= BL_SX_TOKEN_MAX) */
    uint8_t ncp; /* code points */
    uint8_t ascii;
    uint8_t key_len; /* bytes of its spelling key (bl_sx_spelling_key) */
    uint8_t heavy; /* found in a part weighing as much as a title */
    uint32_t n_docs;
    uint32_t doc_off, pos_off; /* into ix->dstream and ix->pstream */
};

/* A hyphenated compound ("co-operation"): besides its parts, its joined
 * form ("cooperation") is a term whose occurrence starts at the first part. */
struct bl_sx_extra {
    uint32_t pos; /* position of the first part */
    uint32_t term;
    uint32_t parts; /* how many positions the compound spans */
};

/* One word or phrase of a synonym set (sections.yaml `synonyms`), folded. */
struct bl_sx_syn {
    uint32_t set;
    uint32_t n_words;
    char words[4][BL_SX_TOKEN_MAX]; /* folded tokens (a longer phrase is cut) */
    uint8_t lens[4];
    char keys[4][BL_SX_TOKEN_MAX]; /* their stems (bl_sx_word_key) */
    uint8_t key_lens[4];
};

/* An indexed string: its first global position and where it comes from. */
struct bl_sx_str {
    uint32_t pos;
    int16_t part; /* BL_PART_TITLE or enum bl_field */
    uint16_t item;
};

struct bl_search_index {
    const bl_guide *g;
    char *pool;
    struct bl_sx_term *terms; /* sorted by folded text (bytes) */
    size_t n_terms;
    uint32_t *by_stem; /* term ids sorted by stem */
    uint64_t *mask; /* per term: the character classes it holds */
    uint32_t *by_len; /* term ids by code points, then by text */
    uint32_t len_start[BL_SX_TOKEN_MAX + 2]; /* by_len[len_start[n]..]: n cps */
    unsigned char *dstream, *pstream;
    uint32_t *fwd; /* term id at each global position, or GAP */
    size_t n_fwd;
    uint32_t *ckpt; /* ckpt[i]: bytes into its string of the token at
                                 position i * BL_SX_CKPT (if one is there), so
                                 a detail tokenizes a few tokens, not a string */
    struct bl_sx_str *strs; /* n_strs + 1 (a sentinel at position n_fwd) */
    size_t n_strs;
    uint32_t *entry_str; /* entry e's strings: strs[entry_str[e] .. entry_str[e+1]) */
    float *entry_len; /* tokens per entry */
    float avg_len;
    struct bl_sx_extra *extras; /* by position */
    size_t n_extras;
    struct bl_sx_syn *syns; /* every word or phrase of every synonym set */
    size_t n_syns;
    void *block; /* a cached index (cache_index.c): every array above lives
                    in this one allocation, freed instead of each ... */
    size_t block_map_len; /* ... or, when not 0, a mapping of that length */
    struct sb_stemmer *stemmer; /* English Snowball, made once per index; it
                                   keeps a buffer, so queries on one index
                                   must not run at the same time */
};

/* One doc of a term's postings, decoded. */
struct bl_sx_doc {
    uint32_t entry, wtf, n_occ;
};

/* Reads a varint at *p and advances it. */
static inline uint32_t bl_sx_varint(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t v = s[0] & 0x7F;
    unsigned shift = 7;
    while (*s++ & 0x80) {
        v |= (uint32_t)(*s & 0x7F) << shift;
        shift += 7;
    }
    *p = s;
    return v;
}

/* Reads the next doc record (prev: the previous doc's entry, or UINT32_MAX). */
static inline void bl_sx_next_doc(const unsigned char **p, struct bl_sx_doc *d, uint32_t prev)
{
    uint32_t delta = bl_sx_varint(p);
    d->entry = prev == UINT32_MAX ? delta : prev + delta;
    d->wtf = bl_sx_varint(p);
    d->n_occ = bl_sx_varint(p);
}

/* The character-class mask of cps[0..n) (letters a-z and digits exact,
 * others hashed): a within-k word cannot differ in more than k classes. */
uint64_t bl_sx_mask(const uint32_t *cps, size_t n);

/* The string holding global position pos within entry e. */
const struct bl_sx_str *bl_sx_str_of(const bl_search_index *ix, uint32_t e, uint32_t pos);

/* One token found by bl_sx_tokenize: its folded text and source bytes. */
struct bl_sx_token {
    char text[BL_SX_TOKEN_MAX];
    size_t len; /* bytes of text */
    size_t ncp; /* code points of text */
    int ascii;
    int joined; /* follows the previous token across a hyphen */
    size_t start, end; /* bytes of the source */
};

/* Calls fn for every token of s[0..len), in order.  A non-zero return stops
 * the walk and is returned. */
typedef int (*bl_sx_token_fn)(void *ctx, const struct bl_sx_token *t);
int bl_sx_tokenize(const char *s, size_t len, bl_sx_token_fn fn, void *ctx);

/* Calls fn with the bytes [start, end) of every token of s[0..len) that
 * bl_sx_tokenize would give, without folding them. */
typedef int (*bl_sx_bounds_fn)(void *ctx, size_t start, size_t end);
int bl_sx_token_bounds(const char *s, size_t len, bl_sx_bounds_fn fn, void *ctx);

/* Decodes UTF-8 known to be valid (folded text) into cps (room for n);
 * returns the count. */
size_t bl_sx_decode(const char *s, size_t len, uint32_t *cps, size_t n);

/* 1 if a prefix of b (prefix != 0) or b itself is within one edit
 * (substitution, insertion, deletion, adjacent transposition) of a. */
int bl_sx_within1(const uint32_t *a, size_t n, const uint32_t *b, size_t m, int prefix);

/* Search weight of a part (BL_PART_TITLE or a field). */
int bl_sx_part_weight(int part);

/* Search weight of an indexed string: its part's, or BL_SX_HEADING_WEIGHT
 * for a field's heading (a whole part about the word: "Pay" for "salary"). */
#define BL_SX_HEADING_WEIGHT 4
int bl_sx_str_weight(const struct bl_sx_str *s);

/* The source string of a part of e: title, text, or item; NULL if absent. */
const char *bl_sx_part_string(const bl_entry *e, int part, size_t item);

/* The spelling key of folded word s[0..n) into out (room for
 * BL_SX_TOKEN_MAX + 2): British and American spellings get the same key
 * (organise/organize, organisation/organization, behaviour/behavior,
 * centre/center, defence/defense, catalogue/catalog, travelled/traveled).
 * Returns its length. */
size_t bl_sx_spelling_key(const char *s, size_t n, char *out);

/* The stem used to match word s[0..n): the Snowball stem of its spelling
 * key, into out (room for BL_SX_TOKEN_MAX + 2); returns its length. */
size_t bl_sx_word_key(struct sb_stemmer *st, const char *s, size_t n, char *out);

/* The least length (bytes of spelling key) a word matched through its stem
 * may have: the query word's key without its inflection (-s, -es, -ed,
 * -ing, -ies): "secondment" never matches "second". */
size_t bl_sx_min_stem_len(const char *key, size_t n);

/* 1 if folded word s[0..n) is a function word (search.h). */
int bl_sx_function_word(const char *s, size_t n);

/* ---- a parsed query ---- */

#define BL_SX_MAX_WORDS 256 /* query words plus the words of their synonyms */
#define BL_SX_MAX_ALTS 128

struct bl_sx_exp {
    uint32_t term;
    float q; /* match quality: 1 equal, less for stem / prefix / fuzzy */
};

struct bl_sx_word {
    struct bl_sx_token tok; /* start/end: bytes of the whole query */
    size_t exp_start, n_exp; /* into bl_search_query.exps, sorted by term */
    int fuzzy; /* matched only within one edit */
    int user; /* typed by the user (not a synonym's word) */
    int prefix; /* may match as a prefix */
    int used; /* part of some alternative (not a dropped function word) */
    char key[BL_SX_TOKEN_MAX + 2]; /* its stem (bl_sx_word_key), once key_len > 0 */
    size_t key_len;
};

/* One way to match a group: a word, or a phrase of adjacent words. */
struct bl_sx_alt {
    size_t first, n; /* words [first, first+n) */
    size_t anchor; /* the phrase's rarest word (index within the alt) */
    float q; /* 1 for what was typed, less for a synonym */
};

/* What an entry must match: one of its alternatives. */
struct bl_sx_group {
    size_t first_alt, n_alts;
    double idf; /* set while ranking */
};

struct bl_search_query {
    struct bl_sx_word words[BL_SX_MAX_WORDS];
    size_t n_words;
    struct bl_sx_alt alts[BL_SX_MAX_ALTS];
    size_t n_alts;
    struct bl_sx_group groups[BL_SEARCH_MAX_TERMS];
    size_t n_groups;
    struct bl_sx_exp *exps;
    size_t n_exps, cap_exps;
    int any_fuzzy;
    const char *text; /* the query as given, and its length */
    size_t text_len;
    uint64_t *terms; /* lazily: a bit per term some group's word matches */
    uint64_t *anchors; /* lazily: a bit per term some alternative's anchor matches */
    struct bl_arena *arena; /* owns hits, snippets, matches, suggestions */
};

/* Parses query[0..len) and expands its words over ix's dictionary.
 * 0, or -1 when memory runs out. */
int bl_sx_query_parse(const bl_search_index *ix, struct bl_search_query *q, const char *query,
                      size_t len);

/* 1 if term t is among word w's expansions; *q gets the quality. */
int bl_sx_word_has(const struct bl_search_query *q, const struct bl_sx_word *w, uint32_t t,
                   float *quality);

/* The best quality of phrase alternative a whose anchor word sits at global
 * position pos, or 0 if the phrase is not there. */
float bl_sx_phrase_at(const bl_search_index *ix, const struct bl_search_query *q,
                      const struct bl_sx_alt *a, uint32_t pos);

/* Fills q->terms and q->anchors if not done yet; 0, or -1 out of memory. */
int bl_sx_query_bits(const bl_search_index *ix, struct bl_search_query *q);

/* The extras (compounds) whose position is in [from, to): *n of them. */
const struct bl_sx_extra *bl_sx_extras_in(const bl_search_index *ix, uint32_t from, uint32_t to,
                                          size_t *n);

#endif
