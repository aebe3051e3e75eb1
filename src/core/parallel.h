/* Threads: ONE policy for how many, ONE parallel loop.
 *
 * The loop runs on threads created and joined within the call.  Why not
 * OpenMP: GNU libgomp keeps a thread pool alive between calls, and a process
 * that forks after using it deadlocks in the child's first parallel region
 * (multiprocessing's default start method on Linux).  Threads that live
 * only for one call leave nothing behind to fork. */
#ifndef KT_PARALLEL_H
#define KT_PARALLEL_H

#include <stddef.h>

#include "internal.h"

/* Work (in units of about one element touched, or one nanosecond) below
 * which a second thread does not pay for its start (tens of microseconds). */
#define KT_WORK_PER_THREAD 32768.0

/* The thread policy: `nthreads` (< 1 means 1) capped at KT_MAX_THREADS
 * (common.h) and
 * at one thread per KT_WORK_PER_THREAD units of `work`. */
KT_HIDDEN int kt__thread_count(int nthreads, double work);

/* fn(ctx, item, tid) for every item in [0, nitems), tid in [0, nthreads). */
typedef void (*kt_task_fn)(void *ctx, ptrdiff_t item, int tid);

/* Runs the items on up to `nthreads` threads (the caller is thread 0),
 * handing out `grain` consecutive items at a time.  If a thread cannot be
 * created, the threads that exist do its share.  Between grains, and while
 * it waits for the other threads at the end, the caller calls info->poll
 * (when set, at most every KT_POLL_MS milliseconds); when it returns
 * nonzero no further grain is started, and once every thread has been
 * joined the loop returns KT_ERR_CANCELLED.  Else KT_OK.  A task should
 * take at most a few milliseconds: the caller cannot poll within one. */
KT_HIDDEN int kt__parallel_for(const kt_plan_info *info, int nthreads, ptrdiff_t nitems,
                               ptrdiff_t grain, kt_task_fn fn, void *ctx);

/* Long tasks: items that each run for longer than a poll interval and
 * cannot be split without a cost (a whole chunk of a reduction whose order
 * is fixed, say, that keeps its partial sums in cache).  Between pieces of
 * its work (about a millisecond each) the task calls
 * kt__loop_stopping(loop, tid), which polls on thread 0 (when due) and
 * returns nonzero once the loop has been asked to stop: the task then
 * returns at once (the loop returns KT_ERR_CANCELLED and the task's
 * results are not used).  Otherwise as kt__parallel_for, one item at a
 * time. */
typedef struct kt__loop kt__loop;
typedef void (*kt_long_task_fn)(void *ctx, ptrdiff_t item, int tid, kt__loop *loop);
KT_HIDDEN int kt__parallel_for_long(const kt_plan_info *info, int nthreads, ptrdiff_t nitems,
                                    kt_long_task_fn fn, void *ctx);
KT_HIDDEN int kt__loop_stopping(kt__loop *loop, int tid);

/* Asks info->poll now (when set): KT_ERR_CANCELLED or KT_OK.  For the
 * stretches of an execute that run outside kt__parallel_for. */
KT_HIDDEN int kt__poll_now(const kt_plan_info *info);

#define KT_POLL_MS 20

#endif
