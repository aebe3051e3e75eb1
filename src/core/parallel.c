#include "parallel.h"

#include <time.h>

int kt__thread_count(int nthreads, double work)
{
    int n = nthreads < 1 ? 1 : nthreads > KT_MAX_THREADS ? KT_MAX_THREADS : nthreads;
    const double cap = work / KT_WORK_PER_THREAD;
    if (!(cap >= (double)n))
        n = cap >= 2.0 ? (int)cap : 1;
    return n;
}

int kt__poll_now(const kt_plan_info *info)
{
    return info && info->poll && info->poll(info->poll_ctx) ? KT_ERR_CANCELLED : KT_OK;
}

static double kt__now_ms(void)
{
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) != TIME_UTC)
        return 0.0;
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* The caller's poll: due every KT_POLL_MS; returns 1 when it asks to stop. */
typedef struct {
    const kt_plan_info *info;
    double next;
} kt__poller;

static int kt__poll_due(kt__poller *p)
{
    if (!p->info || !p->info->poll)
        return 0;
    const double t = kt__now_ms();
    if (t < p->next)
        return 0;
    p->next = t + KT_POLL_MS;
    return p->info->poll(p->info->poll_ctx) != 0;
}

#if defined(KT_HAVE_PTHREADS)
#include <pthread.h>
#include <stdatomic.h>
#endif

/* One loop: the items, the task (fn, or lfn for long tasks), thread 0's
 * poller and the stop flag (set by thread 0 only, read by every thread). */
struct kt__loop {
    ptrdiff_t nitems, grain;
    kt_task_fn fn;
    kt_long_task_fn lfn;
    void *ctx;
    kt__poller poller;
#if defined(KT_HAVE_PTHREADS)
    atomic_ptrdiff_t next;
    atomic_int stop;
    pthread_mutex_t mu;  /* guards running */
    pthread_cond_t idle; /* signalled when running drops to 0 */
    int running;         /* worker threads (tid > 0) not yet done */
#else
    int stop;
#endif
};

static int kt__stopped(kt__loop *lp)
{
#if defined(KT_HAVE_PTHREADS)
    return atomic_load_explicit(&lp->stop, memory_order_relaxed);
#else
    return lp->stop;
#endif
}

static void kt__set_stop(kt__loop *lp)
{
#if defined(KT_HAVE_PTHREADS)
    atomic_store_explicit(&lp->stop, 1, memory_order_relaxed);
#else
    lp->stop = 1;
#endif
}

int kt__loop_stopping(kt__loop *lp, int tid)
{
    if (tid == 0 && !kt__stopped(lp) && kt__poll_due(&lp->poller))
        kt__set_stop(lp);
    return kt__stopped(lp);
}

static void kt__run(kt__loop *lp, ptrdiff_t item, int tid)
{
    if (lp->lfn)
        lp->lfn(lp->ctx, item, tid, lp);
    else
        lp->fn(lp->ctx, item, tid);
}

static void kt__loop_init(kt__loop *lp, const kt_plan_info *info, ptrdiff_t nitems,
                          ptrdiff_t grain, kt_task_fn fn, kt_long_task_fn lfn, void *ctx)
{
    lp->nitems = nitems;
    lp->grain = grain;
    lp->fn = fn;
    lp->lfn = lfn;
    lp->ctx = ctx;
    lp->poller.info = info;
    lp->poller.next = info && info->poll ? kt__now_ms() + KT_POLL_MS : 0.0;
#if defined(KT_HAVE_PTHREADS)
    atomic_init(&lp->next, 0);
    atomic_init(&lp->stop, 0);
    lp->running = 0;
#else
    lp->stop = 0;
#endif
}

#if defined(KT_HAVE_PTHREADS)

typedef struct {
    kt__loop *loop;
    int tid;
} kt__worker;

static void kt__drain(kt__loop *lp, int tid)
{
    for (;;) {
        if (kt__stopped(lp))
            return;
        ptrdiff_t i = atomic_fetch_add_explicit(&lp->next, lp->grain, memory_order_relaxed);
        if (i >= lp->nitems)
            return;
        ptrdiff_t end = i + lp->grain < lp->nitems ? i + lp->grain : lp->nitems;
        for (; i < end; i++)
            kt__run(lp, i, tid);
        if (tid == 0 && kt__poll_due(&lp->poller))
            kt__set_stop(lp);
    }
}

static void *kt__thread_main(void *arg)
{
    kt__worker *w = (kt__worker *)arg;
    kt__loop *lp = w->loop;
    kt__drain(lp, w->tid);
    pthread_mutex_lock(&lp->mu);
    if (--lp->running == 0)
        pthread_cond_signal(&lp->idle);
    pthread_mutex_unlock(&lp->mu);
    return NULL;
}

/* Thread 0, its own items done: waits until the workers are done too,
 * polling meanwhile (their last items may be long). */
static void kt__wait(kt__loop *lp)
{
    const int polled = lp->poller.info && lp->poller.info->poll;
    pthread_mutex_lock(&lp->mu);
    while (lp->running > 0) {
        /* (next <= KT_POLL_MS: no clock, kt__now_ms gave 0) */
        if (!polled || kt__stopped(lp) || lp->poller.next <= KT_POLL_MS) {
            pthread_cond_wait(&lp->idle, &lp->mu);
            continue;
        }
        /* until the next poll is due (pthread_cond_timedwait's clock is
         * CLOCK_REALTIME, TIME_UTC's: kt__now_ms) */
        const double at = lp->poller.next;
        struct timespec ts;
        ts.tv_sec = (time_t)(at / 1e3);
        long ns = (long)((at - (double)ts.tv_sec * 1e3) * 1e6);
        ts.tv_nsec = ns < 0 ? 0 : ns > 999999999L ? 999999999L : ns;
        pthread_cond_timedwait(&lp->idle, &lp->mu, &ts);
        if (lp->running > 0) {
            pthread_mutex_unlock(&lp->mu);
            if (kt__poll_due(&lp->poller))
                kt__set_stop(lp);
            pthread_mutex_lock(&lp->mu);
        }
    }
    pthread_mutex_unlock(&lp->mu);
}

static int kt__loop_run(const kt_plan_info *info, int nthreads, ptrdiff_t nitems, ptrdiff_t grain,
                        kt_task_fn fn, kt_long_task_fn lfn, void *ctx)
{
    if (grain < 1)
        grain = 1;
    if (nthreads > KT_MAX_THREADS)
        nthreads = KT_MAX_THREADS;
    kt__loop lp;
    kt__loop_init(&lp, info, nitems, grain, fn, lfn, ctx);
    ptrdiff_t chunks = (nitems + grain - 1) / grain;
    if (chunks <= 1) { /* one grain: nothing to share (a long task polls within) */
        for (ptrdiff_t i = 0; i < nitems && !kt__stopped(&lp); i++)
            kt__run(&lp, i, 0);
        return kt__stopped(&lp) ? KT_ERR_CANCELLED : KT_OK;
    }
    if (nthreads > chunks)
        nthreads = (int)chunks;
    /* without the mutex and condition variable, no worker threads */
    int sync = 0;
    if (nthreads > 1 && pthread_mutex_init(&lp.mu, NULL) == 0) {
        if (pthread_cond_init(&lp.idle, NULL) == 0)
            sync = 1;
        else
            pthread_mutex_destroy(&lp.mu);
    }
    pthread_t th[KT_MAX_THREADS];
    kt__worker wk[KT_MAX_THREADS];
    int started = 0;
    for (int t = 1; sync && t < nthreads; t++) {
        wk[t].loop = &lp;
        wk[t].tid = t;
        pthread_mutex_lock(&lp.mu);
        lp.running++;
        pthread_mutex_unlock(&lp.mu);
        if (pthread_create(&th[started], NULL, kt__thread_main, &wk[t]) != 0) {
            pthread_mutex_lock(&lp.mu);
            lp.running--;
            pthread_mutex_unlock(&lp.mu);
            break;
        }
        started++;
    }
    kt__drain(&lp, 0);
    if (sync) {
        kt__wait(&lp);
        for (int t = 0; t < started; t++)
            pthread_join(th[t], NULL);
        pthread_cond_destroy(&lp.idle);
        pthread_mutex_destroy(&lp.mu);
    }
    return kt__stopped(&lp) ? KT_ERR_CANCELLED : KT_OK;
}

#else /* no threads: serial */

static int kt__loop_run(const kt_plan_info *info, int nthreads, ptrdiff_t nitems, ptrdiff_t grain,
                        kt_task_fn fn, kt_long_task_fn lfn, void *ctx)
{
    (void)nthreads;
    if (grain < 1)
        grain = 1;
    kt__loop lp;
    kt__loop_init(&lp, info, nitems, grain, fn, lfn, ctx);
    for (ptrdiff_t i = 0; i < nitems; i++) {
        kt__run(&lp, i, 0);
        if (kt__stopped(&lp))
            return KT_ERR_CANCELLED;
        if ((i + 1) % grain == 0 && i + 1 < nitems && kt__poll_due(&lp.poller))
            return KT_ERR_CANCELLED;
    }
    return KT_OK;
}

#endif

int kt__parallel_for(const kt_plan_info *info, int nthreads, ptrdiff_t nitems, ptrdiff_t grain,
                     kt_task_fn fn, void *ctx)
{
    return kt__loop_run(info, nthreads, nitems, grain, fn, NULL, ctx);
}

int kt__parallel_for_long(const kt_plan_info *info, int nthreads, ptrdiff_t nitems,
                          kt_long_task_fn fn, void *ctx)
{
    return kt__loop_run(info, nthreads, nitems, 1, NULL, fn, ctx);
}
