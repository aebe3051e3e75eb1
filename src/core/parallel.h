/* A parallel for-loop on threads created and joined within the call.
 *
 * Why not OpenMP: GNU libgomp keeps a thread pool alive between calls, and
 * a process that forks after using it deadlocks in the child's first
 * parallel region (multiprocessing's default start method on Linux).
 * Threads that live only for one call leave nothing behind to fork. */
#ifndef KT_PARALLEL_H
#define KT_PARALLEL_H

#include <stddef.h>

#include "internal.h"

/* fn(ctx, item, tid) for every item in [0, nitems), tid in [0, nthreads). */
typedef void (*kt_task_fn)(void *ctx, ptrdiff_t item, int tid);

/* Runs the items on up to `nthreads` threads (the caller is thread 0),
 * handing out `grain` consecutive items at a time.  If a thread cannot be
 * created, the threads that exist do its share: the loop always completes. */
KT_HIDDEN void kt__parallel_for(int nthreads, ptrdiff_t nitems, ptrdiff_t grain, kt_task_fn fn,
                                void *ctx);

#endif
