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
 * The index borrows the stemmer it makes: queries on one index must not
 * run at the same time in two threads.
 *
 * Text is folded the same way for the content and the query: UTF-8 decoded
 * with utf8proc (invalid bytes are separators), compatibility-decomposed,
 * case-folded and stripped of combining marks ("Europól" is "europol").  A
 * token is a run of letters and digits; everything else separates tokens,
 * except that a possessive "'s" is dropped ("INTERPOL's" is "interpol"),
 * an apostrophe inside a word is skipped ("don't" is "dont"), and a
 * hyphenated compound ("co-operation") is its parts and also, for a single
 * query word, its joined form ("cooperation").
 *
 * How a query is read:
 *   - Words separated by spaces must all match (AND), except function words
 *     ("how do I become an analyst" looks for "analyst"; the list is in
 *     search_query.c) — unless the query has nothing but function words.
 *   - "Double quotes" make a phrase: every word, function words included,
 *     adjacent and in order in one string (the last word may be a prefix).
 *     An unbalanced quote runs to the end.  A hyphenated query word
 *     ("co-operation") matches the joined word and the compound.
 *   - A word of three letters or fewer matches that whole word (and, with
 *     three, its plural) only: "US" is not "usually", "age" not "agent".
 *   - A longer word matches an equal word, a word it is a prefix of, and a
 *     word with the same stem (Snowball on a spelling key that makes
 *     British and American spellings one: -ise/-ize, -isation/-ization,
 *     -yse/-yze, -our/-or, -re/-er, -ence/-ense, -ogue/-og, -ll-/-l-),
 *     but never through its stem a word shorter than itself without its
 *     inflection ("secondment" is not "second", "nationality" not
 *     "national").  A variant spelling counts as equal.  A word of five
 *     letters or more with none of those matches a word (or a word's
 *     beginning) within one edit, ranked lower and flagged `fuzzy`.
 *   - Synonyms come from the content (sections.yaml `synonyms`, model.h):
 *     a word or a run of words in a set ("get in") matches any member of
 *     the set, a synonym counting a little less than the word typed.
 * At most BL_SEARCH_MAX_TERMS words are used; the rest are ignored.
 *
 * Ranking: BM25 over fields weighted by bl_field_info()->search_weight
 * (the title counts BL_SEARCH_TITLE_WEIGHT); a prefix, stem, synonym or
 * fuzzy match counts less than an equal one.  The best 64 then get a
 * bonus for query words near each other (in the query's order counting
 * double), so an exact phrase beats the same words scattered.  Ties keep
 * the guide's reading order.
 *
 * Suggestions: for a word (four letters or more) that matched nothing, or
 * only within one edit, the nearest words of four letters or more that are
 * not function words — words of titles, other names and glossary terms
 * first.  Each comes with the whole query rewritten with it, ready to run.
 */
#ifndef BORDERLESS_SEARCH_H
#define BORDERLESS_SEARCH_H

#include "borderless/model.h"

#include <stddef.h>

#define BL_SEARCH_TITLE_WEIGHT 10 /* above every field's search_weight */
#define BL_SEARCH_MAX_TERMS 32 /* query words used; later ones are ignored */
#define BL_SEARCH_SNIPPET_COLS 80 /* display width of a snippet, "…" included */
#define BL_SEARCH_MAX_SUGGESTIONS 5

typedef struct bl_search_index bl_search_index;

/* One matched word (or phrase) in the source strings of an entry.  part is
 * BL_PART_TITLE (model.h: -1) or an enum bl_field; item is the list item
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
    size_t entry; /* index into g->entries */
    double score; /* higher is better; hits are sorted by it */
    int fuzzy; /* some word matched only within one edit */
    /* Filled by bl_search_detail() (detailed == 1), else NULL/0: */
    int detailed;
    int best_part; /* part with the heaviest match (title included) */
    size_t best_item;
    const char *snippet; /* one line of display-safe UTF-8: no tabs or
                                 newlines, whitespace collapsed, "…" at cuts,
                                 at most BL_SEARCH_SNIPPET_COLS columns.  It
                                 starts with the name of its part and ": "
                                 ("Languages: …"), then the window of a
                                 string holding the most query words (other
                                 names and keywords only if nothing else
                                 matched); the entry's first text if only
                                 the title matched. */
    int snippet_part; /* the part it comes from (BL_PART_TITLE: none) */
    size_t snippet_label_len; /* bytes of the part's name and ": " (0: none) */
    const bl_search_mark *snippet_marks; /* matches inside the snippet */
    size_t n_snippet_marks;
    const bl_search_match *matches; /* every match in the entry, in reading
                                       order (title, then fields in enum
                                       order, items, bytes), not overlapping.
                                       A field's heading ("Pay") and a quick
                                       fact's label ("Nationality") are
                                       searched but are not strings of the
                                       entry: an entry found only through
                                       them has no matches (n_matches 0), and
                                       its snippet is that part's start. */
    size_t n_matches;
} bl_search_hit;

typedef struct bl_search_results {
    bl_search_hit *hits; /* every matching entry, best first */
    size_t n_hits;
    /* Nearest indexed words (folded) for the query words that matched
     * nothing, or matched only within one edit ("did you mean ...").  May be
     * non-empty when there are (fuzzy) hits.  suggested_queries[i] is the
     * query with that word replaced by suggestions[i]: what a user who
     * picks suggestion i means (run it as it is). */
    const char *const *suggestions;
    const char *const *suggested_queries;
    size_t n_suggestions;
    int n_terms; /* query words read, function words included
                                 (0: the query was empty) */
    struct bl_search_query *q; /* private: the parsed query, for details */
} bl_search_results;

/* Builds the index of every role and section of g: title, aliases, every
 * text and list field with a non-zero search weight, keywords, and g's
 * synonym sets.  (Sources, related ids and dates are not indexed.)  g must
 * outlive the index.  NULL when memory runs out. */
bl_search_index *bl_search_index_build(const bl_guide *g);

/* The same, but gives up (NULL) as soon as stop(arg) returns non-zero; it
 * is asked before each entry.  For a build that may stop being wanted
 * (index_job.h).  stop may be NULL. */
bl_search_index *bl_search_index_build_until(const bl_guide *g, int (*stop)(void *), void *arg);

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
