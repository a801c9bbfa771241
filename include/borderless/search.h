/* search.h — keyword search over a loaded guide.  Pure: no curses, no locale.
 *
 * Protocol:
 *
 *     bl_search_index *ix = bl_search_index_build(g);      once, after loading
 *     bl_search_results *r = bl_search_run(ix, q, strlen(q), 20);
 *     for (size_t i = 0; i < r->n_hits; i++) {
 *         bl_search_detail(ix, r, i);      fills snippet and matches (if not yet)
 *         ... r->hits[i].snippet, r->hits[i].matches ...
 *     }
 *     bl_search_results_free(r);          one call frees every result string
 *     bl_search_index_free(ix);           before bl_guide_free(g)
 *
 * The index borrows the guide: every string a match points into is the
 * guide's own (e->title, fv->text, fv->items[i]), so the guide must outlive
 * the index and every results object.  An index is immutable once built; a
 * query allocates only its results (plus one scratch block), so queries may
 * run as the user types.  Results are not shared between threads.
 *
 * Text is folded the same way for the content and the query: UTF-8 decoded
 * with utf8proc (invalid bytes are separators), compatibility-decomposed,
 * case-folded and stripped of combining marks ("Europól" is "europol").  A
 * token is a run of letters and digits; everything else separates tokens.
 *
 * Query language: words separated by spaces must all match (AND).  A word
 * matches a token equal to it, a token it is a prefix of (two letters or
 * more), or a token with the same English stem (Snowball, plus an agent
 * "-er": smuggle/smuggler/smugglers/smuggling).  A word of five letters or
 * more with none of those matches a token (or a token's beginning) within
 * one edit, ranked lower and flagged `fuzzy`.  "Double quotes" make a
 * phrase: its words must be adjacent and in order in one string (only its
 * last word matches as a prefix).  A word that folds to several tokens
 * ("cross-border") is a phrase too.  An unbalanced quote runs to the end.
 * At most BL_SEARCH_MAX_TERMS words are used; the rest are ignored.
 *
 * Ranking: BM25 over fields weighted by bl_field_info()->search_weight
 * (the title counts BL_SEARCH_TITLE_WEIGHT); a prefix, stem or fuzzy match
 * counts less than an equal one.  Ties keep the guide's reading order.
 */
#ifndef BORDERLESS_SEARCH_H
#define BORDERLESS_SEARCH_H

#include "borderless/model.h"

#include <stddef.h>

#define BL_SEARCH_TITLE_WEIGHT 10 /* above every field's search_weight */
#define BL_SEARCH_MAX_TERMS 32    /* query words used; later ones are ignored */
#define BL_SEARCH_SNIPPET_COLS 80 /* display width of a snippet, "…" included */
#define BL_SEARCH_MAX_SUGGESTIONS 5

typedef struct bl_search_index bl_search_index;

/* One matched word (or phrase) in the source strings of an entry.  part is
 * BL_PART_TITLE (model.h) or an enum bl_field; item is the list item
 * for a LIST field, else 0; [start, end) are bytes of that exact string:
 * e->title, fv->text or fv->items[item] — the same coordinates as
 * bl_line.part / item / src_start / src_end for a field's text, and a list
 * item's index.  (For a TEXT field bl_line.item is the paragraph number;
 * compare byte ranges only.) */
typedef struct bl_search_match {
    int part;
    size_t item;
    size_t start, end;
} bl_search_match;

/* A byte range inside a snippet string to highlight. */
typedef struct bl_search_mark {
    size_t start, end;
} bl_search_mark;

typedef struct bl_search_hit {
    size_t entry;  /* index into g->entries */
    double score;  /* higher is better; hits are sorted by it */
    int fuzzy;     /* some word matched only within one edit */
    /* Filled by bl_search_detail() (detailed == 1), else NULL/0: */
    int detailed;
    int best_part;            /* part with the heaviest match (title included) */
    size_t best_item;
    const char *snippet;      /* one line of display-safe UTF-8: no tabs or
                                 newlines, whitespace collapsed, "…" at cuts,
                                 at most BL_SEARCH_SNIPPET_COLS columns.  From
                                 the first match in the heaviest field other
                                 than the title; the entry's first text if
                                 only the title matched. */
    const bl_search_mark *snippet_marks; /* matches inside the snippet */
    size_t n_snippet_marks;
    const bl_search_match *matches; /* every match in the entry, in reading
                                       order (title, then fields in enum
                                       order, items, bytes), not overlapping */
    size_t n_matches;
} bl_search_hit;

typedef struct bl_search_results {
    bl_search_hit *hits;      /* every matching entry, best first */
    size_t n_hits;
    /* Nearest indexed words (folded) for the query words that matched
     * nothing, or matched only within one edit ("did you mean ...").  May be
     * non-empty when there are (fuzzy) hits. */
    const char *const *suggestions;
    size_t n_suggestions;
    int n_terms;              /* query words used (0: the query was empty) */
    struct bl_search_query *q; /* private: the parsed query, for details */
} bl_search_results;

/* Builds the index of every role and section of g: title, aliases, every
 * text and list field with a non-zero search weight, keywords.  (Sources,
 * related ids and dates are not indexed.)  g must outlive the index.
 * NULL when memory runs out. */
bl_search_index *bl_search_index_build(const bl_guide *g);

/* NULL is fine. */
void bl_search_index_free(bl_search_index *ix);

/* Number of distinct words indexed (for tests and benchmarks). */
size_t bl_search_index_terms(const bl_search_index *ix);

/* Runs query[0..len) (any bytes: invalid UTF-8, NULs and absurd lengths are
 * handled) and returns every matching entry, ranked.  The first `n_detail`
 * hits (SIZE_MAX: all) are detailed at once; others on demand with
 * bl_search_detail().  An empty query, or one with no letters or digits,
 * gives no hits and n_terms == 0.  NULL only when memory runs out.  Free
 * with bl_search_results_free(). */
bl_search_results *bl_search_run(const bl_search_index *ix, const char *query, size_t len,
                                 size_t n_detail);

/* Fills the snippet and matches of r->hits[i] if not done yet.  ix must be
 * the index r came from.  0, or -1 when memory runs out or i is out of
 * range (the hit stays undetailed). */
int bl_search_detail(const bl_search_index *ix, bl_search_results *r, size_t i);

/* Frees r and every string and array it points to.  NULL is fine. */
void bl_search_results_free(bl_search_results *r);

#endif
