#include "parallel.h"

#if defined(KT_HAVE_PTHREADS)
#include <pthread.h>
#include <stdatomic.h>

typedef struct {
    atomic_ptrdiff_t next;
    ptrdiff_t nitems, grain;
    kt_task_fn fn;
    void *ctx;
} kt__loop;

typedef struct {
    kt__loop *loop;
    int tid;
} kt__worker;

static void kt__drain(kt__loop *lp, int tid)
{
    for (;;) {
        ptrdiff_t i = atomic_fetch_add_explicit(&lp->next, lp->grain, memory_order_relaxed);
        if (i >= lp->nitems)
            return;
        ptrdiff_t end = i + lp->grain < lp->nitems ? i + lp->grain : lp->nitems;
        for (; i < end; i++)
            lp->fn(lp->ctx, i, tid);
    }
}

static void *kt__thread_main(void *arg)
{
    kt__worker *w = (kt__worker *)arg;
    kt__drain(w->loop, w->tid);
    return NULL;
}

void kt__parallel_for(int nthreads, ptrdiff_t nitems, ptrdiff_t grain, kt_task_fn fn, void *ctx)
{
    if (grain < 1)
        grain = 1;
    if (nthreads > 64)
        nthreads = 64;
    ptrdiff_t chunks = (nitems + grain - 1) / grain;
    if (nthreads > chunks)
        nthreads = (int)chunks;
    kt__loop lp;
    atomic_init(&lp.next, 0);
    lp.nitems = nitems;
    lp.grain = grain;
    lp.fn = fn;
    lp.ctx = ctx;
    pthread_t th[64];
    kt__worker wk[64];
    int started = 0;
    for (int t = 1; t < nthreads; t++) {
        wk[t].loop = &lp;
        wk[t].tid = t;
        if (pthread_create(&th[started], NULL, kt__thread_main, &wk[t]) != 0)
            break;
        started++;
    }
    kt__drain(&lp, 0);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
}

#else /* no threads: serial */

void kt__parallel_for(int nthreads, ptrdiff_t nitems, ptrdiff_t grain, kt_task_fn fn, void *ctx)
{
    (void)nthreads;
    (void)grain;
    for (ptrdiff_t i = 0; i < nitems; i++)
        fn(ctx, i, 0);
}

#endif
