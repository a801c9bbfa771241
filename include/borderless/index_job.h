/* index_job.h — the search index, built in the background.
 *
 * The guide shows its first screen at once and builds the search index in
 * a thread of its own; the first search waits only for what is left.  A
 * job owns the index it makes (or is given) and hands it out borrowed:
 *
 *     bl_index_job *j = bl_index_job_start(g, 0);     // thread starts
 *     ... draw, read keys ...
 *     if (bl_index_job_ready(j))                      // never blocks
 *         ix = bl_index_job_wait(j);                  // at once now
 *     ...
 *     bl_index_job_free(j);                           // before bl_guide_free(g)
 *
 * bl_index_job_wait() blocks until the build is over; a screen that must
 * stay responsive polls bl_index_job_ready() instead.  The index returned
 * is NULL when memory ran out (then every later wait says the same).
 * bl_index_job_free() may come at any time: a build still running is told
 * to stop (it gives up between entries) and joined; the index, if any, is
 * freed.
 *
 * Threads: the builder only reads the guide, which is immutable once
 * loaded, so the caller may read it meanwhile.  One thread (the caller's)
 * uses the job; the index it returns follows search.h's rules (queries on
 * one index never run in two threads at once).
 *
 * A job can also start from an index that already exists (one loaded from
 * a cache): bl_index_job_from_index() is ready at once, and the rest of the
 * protocol is the same.
 */
#ifndef BORDERLESS_INDEX_JOB_H
#define BORDERLESS_INDEX_JOB_H

#include "borderless/model.h"
#include "borderless/search.h"

typedef struct bl_index_job bl_index_job;

/* Starts building the index of g in a new thread.  With hold set the
 * thread waits for bl_index_job_release() before it begins (tests use it
 * to see the guide work before the index exists).  g must outlive the job.
 * NULL when memory runs out or no thread can be made (the caller then
 * builds the index itself). */
bl_index_job *bl_index_job_start(const bl_guide *g, int hold);

/* The same, but the thread first asks first(ctx, g) for an index that
 * already exists (one kept in a cache: cache.h) and builds only when that
 * gives NULL.  first runs in the job's thread: it may read g and ctx only,
 * and the caller must not touch ctx until the job is ready or freed. */
typedef bl_search_index *(*bl_index_source)(void *ctx, const bl_guide *g);
bl_index_job *bl_index_job_start_with(const bl_guide *g, int hold, bl_index_source first,
                                      void *ctx);

/* A job that is ready at once with ix, which it takes over (ix may be
 * NULL: then waits say "out of memory").  NULL when memory runs out (ix
 * is freed then). */
bl_index_job *bl_index_job_from_index(bl_search_index *ix);

/* Lets a held build begin (nothing for a job that was not held). */
void bl_index_job_release(bl_index_job *j);

/* 1 when the build is over (bl_index_job_wait() will not block), else 0. */
int bl_index_job_ready(bl_index_job *j);

/* Waits for the build to end and returns the index (borrowed: the job
 * owns it), or NULL when memory ran out.  A held job is released first. */
const bl_search_index *bl_index_job_wait(bl_index_job *j);

/* Hands the index over to the caller when the build is over (never
 * blocks): the caller frees it (before the guide).  NULL while the build
 * runs, when memory ran out, or after an earlier take; the job then holds
 * no index (a later wait returns NULL).  The guide keeps the index it built
 * for the content cache this way at its end (tui.h, index_out). */
bl_search_index *bl_index_job_take(bl_index_job *j);

/* Stops and joins a running build and frees the job and its index.  NULL
 * is fine. */
void bl_index_job_free(bl_index_job *j);

#endif
