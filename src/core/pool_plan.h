/* Private: the plan of a pooling call, shared by pool.c and the per-ISA
 * executors (pool_impl.h). */
#ifndef KT_POOL_PLAN_H
#define KT_POOL_PLAN_H

#include "internal.h"

/* One pooling call.  The axis with the smallest input stride is the "line"
 * axis x (vectorised along); every other axis is an "outer" axis, and one
 * item of work is one output line: all outer indices fixed. */
typedef struct kt_pool_plan {
    int nout;                          /* outer axes */
    ptrdiff_t on[KT_MAX_NDIM];         /* input extent */
    ptrdiff_t oo[KT_MAX_NDIM];         /* output extent */
    ptrdiff_t os[KT_MAX_NDIM];         /* pool size */
    ptrdiff_t ois[KT_MAX_NDIM];        /* input stride (bytes) */
    ptrdiff_t oos[KT_MAX_NDIM];        /* output stride (bytes) */
    const double *ow[KT_MAX_NDIM];     /* weights (NULL: size 1, weight 1) */
    ptrdiff_t nitems;                  /* product of oo */
    ptrdiff_t nlines;                  /* input lines per item: product of os */
    ptrdiff_t nx, xo, xs;              /* line axis: input / output extent, pool size */
    ptrdiff_t xis, xos;                /* its strides (bytes) */
    const double *xw;                  /* its weights (NULL: size 1) */
    ptrdiff_t xpad;                    /* xo * xs: the line length after trim / padding */
    int mode;                          /* KT_POOL_TRIM or a kt_mode */
    double cval;
    int nthreads;
    ptrdiff_t grain;
    size_t per_thread;                 /* scratch bytes per thread */
} kt_pool_plan;

#endif
