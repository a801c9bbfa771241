/* index_job.c — the search index built in a thread (index_job.h).
 *
 * One mutex guards the job's state; a condition variable wakes the waiter
 * when the build ends and the builder when a held job is released or
 * stopped.  `stop` is atomic besides, because the builder reads it between
 * entries without the lock.
 */
#include "borderless/index_job.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

struct bl_index_job {
    const bl_guide *g;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t thread;
    int has_thread; /* joined by bl_index_job_free() */
    int held; /* the builder waits until this is 0 */
    int done; /* the build is over: ix is final */
    atomic_int stop; /* the job is being freed: give up */
    bl_search_index *ix; /* owned; NULL until done (or out of memory) */
    bl_index_source first; /* tried before building (NULL: none) */
    void *first_ctx;
};

static int should_stop(void *arg)
{
    bl_index_job *j = arg;
    return atomic_load(&j->stop);
}

static void *build(void *arg)
{
    bl_index_job *j = arg;
    pthread_mutex_lock(&j->lock);
    while (j->held && !atomic_load(&j->stop))
        pthread_cond_wait(&j->cond, &j->lock);
    pthread_mutex_unlock(&j->lock);
    bl_search_index *ix = NULL;
    if (j->first && !atomic_load(&j->stop))
        ix = j->first(j->first_ctx, j->g);
    if (!ix && !atomic_load(&j->stop))
        ix = bl_search_index_build_until(j->g, should_stop, j);
    pthread_mutex_lock(&j->lock);
    j->ix = ix;
    j->done = 1;
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

static bl_index_job *job_new(void)
{
    bl_index_job *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    if (pthread_mutex_init(&j->lock, NULL) != 0) {
        free(j);
        return NULL;
    }
    if (pthread_cond_init(&j->cond, NULL) != 0) {
        pthread_mutex_destroy(&j->lock);
        free(j);
        return NULL;
    }
    atomic_init(&j->stop, 0);
    return j;
}

static void job_delete(bl_index_job *j)
{
    pthread_cond_destroy(&j->cond);
    pthread_mutex_destroy(&j->lock);
    bl_search_index_free(j->ix);
    free(j);
}

bl_index_job *bl_index_job_start(const bl_guide *g, int hold)
{
    return bl_index_job_start_with(g, hold, NULL, NULL);
}

bl_index_job *bl_index_job_start_with(const bl_guide *g, int hold, bl_index_source first, void *ctx)
{
    if (!g)
        return NULL;
    bl_index_job *j = job_new();
    if (!j)
        return NULL;
    j->g = g;
    j->held = hold != 0;
    j->first = first;
    j->first_ctx = ctx;
    /* The builder takes no signals (it inherits this mask): they must
     * reach the thread that reads keys, to wake it (SIGWINCH, SIGINT). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&j->thread, NULL, build, j);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        job_delete(j);
        return NULL;
    }
    j->has_thread = 1;
    return j;
}

bl_index_job *bl_index_job_from_index(bl_search_index *ix)
{
    bl_index_job *j = job_new();
    if (!j) {
        bl_search_index_free(ix);
        return NULL;
    }
    j->ix = ix;
    j->done = 1;
    return j;
}

void bl_index_job_release(bl_index_job *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->lock);
    j->held = 0;
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
}

int bl_index_job_ready(bl_index_job *j)
{
    if (!j)
        return 0;
    pthread_mutex_lock(&j->lock);
    int done = j->done;
    pthread_mutex_unlock(&j->lock);
    return done;
}

const bl_search_index *bl_index_job_wait(bl_index_job *j)
{
    if (!j)
        return NULL;
    bl_index_job_release(j);
    pthread_mutex_lock(&j->lock);
    while (!j->done)
        pthread_cond_wait(&j->cond, &j->lock);
    const bl_search_index *ix = j->ix;
    pthread_mutex_unlock(&j->lock);
    return ix;
}

bl_search_index *bl_index_job_take(bl_index_job *j)
{
    if (!j)
        return NULL;
    pthread_mutex_lock(&j->lock);
    bl_search_index *ix = j->done ? j->ix : NULL;
    if (ix)
        j->ix = NULL;
    pthread_mutex_unlock(&j->lock);
    return ix;
}

void bl_index_job_free(bl_index_job *j)
{
    if (!j)
        return;
    if (j->has_thread) {
        pthread_mutex_lock(&j->lock);
        atomic_store(&j->stop, 1);
        pthread_cond_broadcast(&j->cond); /* a held builder wakes up */
        pthread_mutex_unlock(&j->lock);
        pthread_join(j->thread, NULL);
    }
    job_delete(j);
}
