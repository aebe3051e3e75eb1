/* The ONE axis planner: how a strided N-d array is walked by an operation
 * along one axis (the separable correlation, the recursive filter) or by a
 * blockwise one (pooling).
 *
 * For a 1-D operation along `axis`, the other dimensions of extent > 1 are
 * sorted by increasing |output stride| (stable).  If `axis` is closer in
 * memory than all of them (or there are none) the operation runs along
 * LINES (one at a time, gathered); otherwise along ROWS: vectors run along
 * the innermost other dimension, merged with the next ones while they form
 * one strided run in both input and output, and the axis is walked row by
 * row.  The remaining dimensions are iterated over (outer). */
#ifndef KT_AXES_H
#define KT_AXES_H

#include "internal.h"

typedef struct kt__axes {
    int line;                      /* 1: along lines */
    ptrdiff_t n, sin, sout;        /* the axis: extent and strides */
    ptrdiff_t L, lin, lout;        /* rows: the inner run (lines: 1, 0, 0) */
    int ninner, nother;            /* ax[0 .. ninner) form the run, ax[ninner .. nother) are outer */
    unsigned char ax[KT_MAX_NDIM];
    ptrdiff_t nouter_total;        /* product of the outer extents */
} kt__axes;

/* Plans the walk of a 1-D operation along `axis` (0 <= axis < ndim). */
KT_HIDDEN void kt__axes_plan(kt__axes *a, int ndim, const ptrdiff_t *shape,
                             const ptrdiff_t *sin, const ptrdiff_t *sout, int axis);

/* Makes a planned walk a walk along lines (every other dimension outer). */
KT_HIDDEN void kt__axes_lines(kt__axes *a);

/* The outer dimensions' extents and strides, in ax order (first fastest). */
KT_HIDDEN void kt__axes_outer(const kt__axes *a, const ptrdiff_t *shape, const ptrdiff_t *sin,
                              const ptrdiff_t *sout, ptrdiff_t *olen, ptrdiff_t *osin,
                              ptrdiff_t *osout);

/* For blockwise operations: the axis to vectorise along, the one of extent
 * > 1 with the smallest nonzero |stride| (the last such on ties; the last
 * axis when there is none). */
KT_HIDDEN int kt__axes_innermost(int ndim, const ptrdiff_t *shape, const ptrdiff_t *strides);

#endif
