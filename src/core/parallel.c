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

typedef struct {
    atomic_ptrdiff_t next;
    atomic_int stop;
    ptrdiff_t nitems, grain;
    kt_task_fn fn;
    void *ctx;
} kt__loop;

typedef struct {
    kt__loop *loop;
    int tid;
} kt__worker;

static void kt__drain(kt__loop *lp, int tid, kt__poller *poller)
{
    for (;;) {
        if (atomic_load_explicit(&lp->stop, memory_order_relaxed))
            return;
        ptrdiff_t i = atomic_fetch_add_explicit(&lp->next, lp->grain, memory_order_relaxed);
        if (i >= lp->nitems)
            return;
        ptrdiff_t end = i + lp->grain < lp->nitems ? i + lp->grain : lp->nitems;
        for (; i < end; i++)
            lp->fn(lp->ctx, i, tid);
        if (poller && kt__poll_due(poller))
            atomic_store_explicit(&lp->stop, 1, memory_order_relaxed);
    }
}

static void *kt__thread_main(void *arg)
{
    kt__worker *w = (kt__worker *)arg;
    kt__drain(w->loop, w->tid, NULL);
    return NULL;
}

int kt__parallel_for(const kt_plan_info *info, int nthreads, ptrdiff_t nitems, ptrdiff_t grain,
                     kt_task_fn fn, void *ctx)
{
    if (grain < 1)
        grain = 1;
    if (nthreads > KT_MAX_THREADS)
        nthreads = KT_MAX_THREADS;
    ptrdiff_t chunks = (nitems + grain - 1) / grain;
    if (chunks <= 1) { /* one grain: nothing to share, nothing to poll between */
        for (ptrdiff_t i = 0; i < nitems; i++)
            fn(ctx, i, 0);
        return KT_OK;
    }
    if (nthreads > chunks)
        nthreads = (int)chunks;
    kt__loop lp;
    atomic_init(&lp.next, 0);
    atomic_init(&lp.stop, 0);
    lp.nitems = nitems;
    lp.grain = grain;
    lp.fn = fn;
    lp.ctx = ctx;
    kt__poller poller = {info, kt__now_ms() + KT_POLL_MS};
    pthread_t th[KT_MAX_THREADS];
    kt__worker wk[KT_MAX_THREADS];
    int started = 0;
    for (int t = 1; t < nthreads; t++) {
        wk[t].loop = &lp;
        wk[t].tid = t;
        if (pthread_create(&th[started], NULL, kt__thread_main, &wk[t]) != 0)
            break;
        started++;
    }
    kt__drain(&lp, 0, &poller);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    return atomic_load(&lp.stop) ? KT_ERR_CANCELLED : KT_OK;
}

#else /* no threads: serial */

int kt__parallel_for(const kt_plan_info *info, int nthreads, ptrdiff_t nitems, ptrdiff_t grain,
                     kt_task_fn fn, void *ctx)
{
    (void)nthreads;
    if (grain < 1)
        grain = 1;
    kt__poller poller = {info, kt__now_ms() + KT_POLL_MS};
    for (ptrdiff_t i = 0; i < nitems; i++) {
        fn(ctx, i, 0);
        if ((i + 1) % grain == 0 && i + 1 < nitems && kt__poll_due(&poller))
            return KT_ERR_CANCELLED;
    }
    return KT_OK;
}

#endif
