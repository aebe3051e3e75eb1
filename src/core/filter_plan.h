/* Planning of kt_correlate_passes_*: how each 1-D pass walks the array.
 * Precision- and ISA-independent; shared by every compiled variant. */
#ifndef KT_FILTER_PLAN_H
#define KT_FILTER_PLAN_H

#include "internal.h"

enum { KT_STEP_LINE = 0, KT_STEP_ROW = 1, KT_STEP_FUSED = 2 };

/* One step: a pass (or a row pass fused with the line pass after it). */
typedef struct kt_step {
    int kind;
    const kt_pass *p;        /* the pass along the filtered axis */
    const kt_pass *q;        /* FUSED: the line pass along the inner axis */
    int wp, wq;              /* offsets (in elements) of their weights in scratch */
    int symp, symq;          /* 1 symmetric, -1 antisymmetric, 0 general */
    int from_in;             /* 1: the step reads `in`, else it works in place on `out` */
    ptrdiff_t n, sin, sout;  /* the filtered axis */
    ptrdiff_t L, lin, lout;  /* ROW/FUSED: the inner (vectorised) dimension */
    int nouter;              /* the remaining dimensions, iterated over */
    ptrdiff_t olen[KT_MAX_NDIM], osin[KT_MAX_NDIM], osout[KT_MAX_NDIM];
    ptrdiff_t nouter_total;
    ptrdiff_t W, nstrips;    /* ROW: strips of the inner dimension */
    ptrdiff_t SW, B;         /* FUSED: strip width and rows per tile */
    ptrdiff_t rchunks, chunk;/* ROW/FUSED: the filtered axis split in chunks */
    ptrdiff_t nitems;
    int nthreads;
    size_t thread_bytes, item_bytes;
} kt_step;

/* Elements between ring rows of width W: rounded up to 64 bytes, plus 64
 * bytes when that is a multiple of 4 kB (L1 set aliasing). */
static inline ptrdiff_t kt_ring_pitch(ptrdiff_t W, ptrdiff_t isz)
{
    ptrdiff_t bytes = (W * isz + 63) & ~(ptrdiff_t)63;
    if (bytes % 4096 == 0)
        bytes += 64;
    return bytes / isz;
}

/* A whole plan: pass order and the weight storage.  Steps are built one at a
 * time by kt__plan_step (a step is a few kB: no array of them on the stack). */
typedef struct kt_plan {
    int ndim, npasses;
    const ptrdiff_t *shape, *in_strides, *out_strides;
    const kt_pass *passes;
    int order[KT_MAX_NDIM];  /* passes in execution order */
    int woff[KT_MAX_NDIM];   /* weights offset (elements) per pass, by pass index */
    int sym[KT_MAX_NDIM];
    size_t itemsize;
    int nthreads;
    size_t weights_bytes;    /* converted weights at the start of scratch */
    int empty;               /* some extent is 0: nothing to compute */
} kt_plan;

KT_HIDDEN int kt__plan_init(kt_plan *pl, int ndim, const ptrdiff_t *shape,
                            const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                            int npasses, const kt_pass *passes, size_t itemsize, int nthreads);
/* Builds the step starting at execution position *pos and advances *pos. */
KT_HIDDEN void kt__plan_step(const kt_plan *pl, int *pos, kt_step *st);
/* Total scratch bytes for the plan (weights + the largest step). */
KT_HIDDEN size_t kt__plan_scratch(const kt_plan *pl);

#endif
