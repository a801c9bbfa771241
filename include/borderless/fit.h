/* fit.h — the fit finder: which roles suit a reader's answers, and why.
 *
 * Pure: no curses, no I/O (bl_fit_answers_load/save aside).  Deterministic:
 * the same guide and answers give the same bytes.  Guidance, never a
 * verdict: nothing here says a reader is eligible or qualified.
 *
 * The score (documented for readers in README.md, "Fit finder"):
 *   for each fit dimension you answered (not "no preference"):
 *       match  = 1 - |your answer - the role's level| / 4     (0 .. 1)
 *       weight = the question's weight (content, default 1), doubled when
 *                you marked the answer important
 *   crime areas, when you picked any: match = the share of your picks the
 *       role works on, with its question's weight (doubled if important);
 *   score = sum(weight * match) / sum(weight), shown as a whole percentage.
 * A dimension "fits" when |answer - level| <= 1; crime areas fit when the
 * role works on at least one of your picks.  "Fits N of M": N fitting of
 * the M answered.  Scores are compared exactly (as fractions): equal scores
 * share a rank and keep the guide's reading order.  With nothing answered
 * every role ties for first.
 *
 * Situation and citizenship never change the ranking; they only mark each
 * route "open to you", "check" or "not yet" (bl_fit_route_check).
 *
 * Protocol: bl_fit_answers_init, fill (by hand, bl_fit_answers_parse or
 * bl_fit_answers_load), bl_fit_rank, then bl_fit_what_would_change for any
 * role or bl_fit_report_render for the whole report; bl_fit_ranking_free.
 */
#ifndef BORDERLESS_FIT_H
#define BORDERLESS_FIT_H

#include "borderless/diag.h"
#include "borderless/model.h"
#include "borderless/summary.h"

#include <stddef.h>

#define BL_FIT_NONE (-1) /* "no preference" / not answered */
#define BL_FIT_MAX_PICKS 64 /* crime areas one reader can pick */

typedef struct bl_fit_answers {
    int level[BL_FIT_COUNT]; /* 0..4, or BL_FIT_NONE */
    unsigned char important[BL_FIT_COUNT]; /* 1: counts double */
    size_t areas[BL_FIT_MAX_PICKS]; /* indices into g->crime_areas, ascending, distinct */
    size_t n_areas;
    unsigned char areas_important;
    int situation; /* index into the situation question's choices, or BL_FIT_NONE */
    int citizenship; /* index into the citizenship question's choices, or BL_FIT_NONE */
} bl_fit_answers;

/* Everything "no preference". */
void bl_fit_answers_init(bl_fit_answers *a);

/* The guide's question of this kind (and dimension, for LEVEL), or NULL. */
const bl_fit_question *bl_fit_question_of(const bl_guide *g, enum bl_fitq_kind kind,
                                          enum bl_fit_dim dim);

/* The label of answer `level` (0..4 or BL_FIT_NONE: "no preference") to
 * dimension d: the question's, else "level N". */
const char *bl_fit_answer_label(const bl_guide *g, enum bl_fit_dim d, int level);

/* Adds (add 1) or removes crime area `area` from a's picks, keeping them
 * sorted.  0, or -1 when it is already so, out of range or the picks are
 * full. */
int bl_fit_answers_pick(bl_fit_answers *a, const bl_guide *g, size_t area, int add);

/* ---- scores and ranking ------------------------------------------------ */

typedef struct bl_fit_score {
    size_t role; /* index into g->entries */
    long num, den; /* score = num / den; den 0 when nothing was answered */
    int fits; /* answers the role fits */
    int answered; /* answers that count (dimensions + crime areas) */
    int rank; /* 1-based; equal scores share a rank */
} bl_fit_score;

/* The score of role `role` (an entry index) for answers a. */
bl_fit_score bl_fit_score_role(const bl_guide *g, const bl_fit_answers *a, size_t role);

/* The score as a whole percentage (0 when nothing was answered). */
int bl_fit_percent(const bl_fit_score *s);

/* -1, 0 or 1 as s's score is lower than, equal to or higher than t's. */
int bl_fit_score_cmp(const bl_fit_score *s, const bl_fit_score *t);

typedef struct bl_fit_ranking {
    bl_fit_score *v; /* every role, best first */
    size_t n;
    int answered; /* answers that count */
    int all_tied; /* every role has the same score (say so) */
} bl_fit_ranking;

/* Ranks every role of g.  0, or -ENOMEM (r is then empty). */
int bl_fit_rank(const bl_guide *g, const bl_fit_answers *a, bl_fit_ranking *r);
void bl_fit_ranking_free(bl_fit_ranking *r);

/* ---- what would change ------------------------------------------------- */

enum bl_fit_change_kind {
    BL_FIT_CHANGE_NONE, /* no single change of answer moves the role up */
    BL_FIT_CHANGE_LEVEL, /* dimension `dim`: from `from` to `to` (either may be BL_FIT_NONE) */
    BL_FIT_CHANGE_ADD, /* add crime area `area` to the picks */
    BL_FIT_CHANGE_REMOVE /* take crime area `area` off the picks */
};

typedef struct bl_fit_change {
    enum bl_fit_change_kind kind;
    enum bl_fit_dim dim;
    int from, to;
    size_t area;
    int old_rank, new_rank;
    int old_shared, new_shared; /* the rank is shared with another role */
    int holds; /* the role is first alone: this is the answer that keeps it
                                   there most (the change would drop it to new_rank) */
} bl_fit_change;

/* The one answer whose change would move role `role` (an entry index) up
 * most: the best new rank, then (among equals) the highest score, then
 * question order.  For a role first alone, the answer whose change would
 * drop it most (holds = 1).  Considers every other answer to every
 * dimension (including "no preference") and adding or removing each crime
 * area.  0, or -ENOMEM. */
int bl_fit_what_would_change(const bl_guide *g, const bl_fit_answers *a, size_t role,
                             bl_fit_change *out);

/* ---- routes ------------------------------------------------------------ */

enum bl_fit_route { BL_FIT_ROUTE_OPEN, BL_FIT_ROUTE_CHECK, BL_FIT_ROUTE_NOT_YET };

/* "open to you", "check", "not yet". */
const char *bl_fit_route_label(enum bl_fit_route s);

/* Marks route r from the reader's situation and citizenship:
 *  - not yet: the route takes serving officers or officials only
 *    (serving_officer: yes) and the reader's situation is not one;
 *  - check: situation or citizenship unanswered where the route needs it,
 *    or a `who` line mentions citizens, nationals or nationality without
 *    naming the reader's citizenship choice (its `matches`, whole words);
 *  - open to you: otherwise — nothing in the route's structured conditions
 *    rules the reader out; its other conditions still apply.
 * why (may be NULL) gets one short line saying which. */
enum bl_fit_route bl_fit_route_check(const bl_guide *g, const bl_fit_answers *a, const bl_route *r,
                                     char *why, size_t size);

/* ---- the report -------------------------------------------------------- */

/* The whole report in fmt (TEXT wrapped at BL_SUMMARY_WIDTH, or MARKDOWN):
 * the guidance note and the formula, your answers, the ranking with bars,
 * what would change for the top roles, then each role: its fit chart,
 * "matched because" and "held back by" lines from its fit reasons, its
 * routes marked by bl_fit_route_check, and its sources.  ascii: bars and
 * everything else in ASCII (a terminal whose locale is not UTF-8).  Into a
 * new malloc'd NUL-terminated buffer *out (*out_len without the NUL).  0,
 * -EINVAL for a bad fmt, -ENOMEM. */
int bl_fit_report_render(const bl_guide *g, const bl_fit_answers *a, enum bl_summary_format fmt,
                         int ascii, char **out, size_t *out_len);

/* Role r->v[i]'s part of the report for a screen: its rank and score,
 * "Matched because" and "Held back by" (from its fit reasons), its ways in
 * marked by bl_fit_route_check, what would change for it, and its sources
 * -- without its fit chart.  One block a line, blocks separated by blank
 * lines: "## " starts a heading, "- " a list item, anything else is a
 * paragraph; not wrapped, not escaped, safe to print (ASCII when ascii).
 * New malloc'd buffer; 0, -EINVAL (no such row) or -ENOMEM. */
int bl_fit_role_render(const bl_guide *g, const bl_fit_answers *a, const bl_fit_ranking *r,
                       size_t i, int ascii, char **out, size_t *out_len);

/* Renders the whole report (bl_fit_report_render) and writes it as
 * bl_summary_save writes a summary: the same path rules, format from the
 * name when fmt is BL_SUMMARY_AUTO, flags, overwrite question and
 * messages. */
void bl_fit_report_save(const bl_guide *g, const bl_fit_answers *a, int ascii, const char *typed,
                        enum bl_summary_format fmt, unsigned flags, bl_safewrite_target *asked,
                        bl_save_result *res);

/* ---- answers files ----------------------------------------------------- */

/* Reads an answers file's bytes: one answer a line, "KEY=VALUE"; blank
 * lines and lines starting with '#' are skipped; spaces around KEY and
 * VALUE are ignored.  KEY is a question's key.  VALUE is 0..4, an answer's
 * label (any case) or "none" ("no preference"); for crime_areas a comma-
 * separated list of crime area ids or labels (or "none"); for situation and
 * citizenship a choice's number (0..), id or label.  "KEY!=VALUE" or a
 * trailing "!" after VALUE marks the answer important.  A key given twice
 * is an error.  Every problem goes to diags as "path:line:column: message"
 * (column of the key or value at fault).  a is filled from its current
 * state (call bl_fit_answers_init first).  0, or -1 when anything was
 * wrong. */
int bl_fit_answers_parse(const bl_guide *g, const char *path, const char *buf, size_t len,
                         bl_fit_answers *a, bl_diags *diags);

/* The answers as an answers file (every question, in the guide's order,
 * "none" for no preference, "!" for important), after `header` (one line,
 * may be NULL).  New malloc'd buffer; 0 or -ENOMEM. */
int bl_fit_answers_format(const bl_guide *g, const bl_fit_answers *a, const char *header,
                          char **out, size_t *out_len);

/* ---- answers kept between runs ------------------------------------------ */

/* The state file's name in the user-state store's state folder
 * (userstate.h), and its first line: a file without it is not read. */
#define BL_FIT_STATE_FILE "answers"
#define BL_FIT_STATE_HEADER "# borderless fit answers, version 1"

/* The state file: bl_userstate_path(BL_USERSTATE_STATE, "answers"), i.e.
 * $XDG_STATE_HOME/borderless/answers when XDG_STATE_HOME is absolute, else
 * ~/.local/state/borderless/answers.  0, -ENOENT or -ENAMETOOLONG. */
int bl_fit_state_path(char *buf, size_t size);

/* Reads the state file at path into *a: 0 loaded; 1 there is none (a
 * untouched); 2 damaged (no header, too big, answers that no longer parse):
 * it is kept as PATH.damaged-DATE-TIME (bl_userstate_keep_damaged) and
 * removed, a is untouched, and notice gets a sentence to show; -errno when
 * it cannot be read otherwise. */
int bl_fit_state_load(const bl_guide *g, const char *path, bl_fit_answers *a, char *notice,
                      size_t size);

/* Writes a to path with the safe writer (replacing it), under the
 * user-state writer's lock, making its folders (mode 0700) first.  0, or
 * -errno with reason set. */
int bl_fit_state_save(const bl_guide *g, const char *path, const bl_fit_answers *a, char *reason,
                      size_t size);

/* Removes the state file: 0, 1 when there was none, or -errno. */
int bl_fit_state_clear(const char *path);

#endif
