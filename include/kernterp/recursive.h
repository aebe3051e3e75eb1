/* kernterp: the recursive Gaussian (gaussian_filter(..., method='recursive')).
 *
 * Along one axis of an N-d strided array (strides in bytes, any sign), the
 * third-order Young & van Vliet (1995) filter, a causal then an anti-causal
 * pass, whose cost per sample does not depend on sigma.  It approximates
 * the untruncated Gaussian (it is not the sampled kernel of
 * kt_gaussian_kernel1d_f64; docs/recursive.rst has its accuracy).
 *   - sigma must be finite and >= 0.5 (where Young & van Vliet's q(sigma) is
 *     defined); otherwise KT_ERR_VALUE.
 *   - KT_MODE_NEAREST / KT_MODE_CONSTANT: exact initialisation for a constant
 *     extension (x[0] or cval on the left, Triggs & Sdika 2006 on the right
 *     with x[n-1] or cval).  KT_MODE_REFLECT / MIRROR / WRAP: the line is
 *     extended by P = ceil(12 sigma) + 3 samples each side by the mode, then
 *     filtered as for NEAREST.
 *   - The recursion state is double for both precisions; a constant line is
 *     returned unchanged (to the last bit).
 *   - in == out (same strides) is allowed; any other overlap is
 *     KT_ERR_OVERLAP.
 */
#ifndef KERNTERP_RECURSIVE_H
#define KERNTERP_RECURSIVE_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* internal: the recursion's coefficients */
typedef struct kt__rg_coef {
    double B, a1, a2, a3;
    double M[9]; /* row-major, B * the Triggs-Sdika matrix */
} kt__rg_coef;

typedef struct kt_recursive_plan {
    kt_plan_info info;
    /* internal */
    kt__rg_coef c;
    int mode, empty;
    double cval;
    int lines;                /* 1: the axis is innermost: W lines are transposed into a block */
    ptrdiff_t n, P, ne;       /* axis length, padding each side, n + 2P */
    ptrdiff_t sin, sout;      /* axis strides (bytes) */
    ptrdiff_t L, lin, lout;   /* rows: the inner (vectorised) dimension; lines: 1, 0, 0 */
    int nouter;               /* the remaining dimensions (lines: all other dimensions) */
    ptrdiff_t olen[KT_MAX_NDIM], osin[KT_MAX_NDIM], osout[KT_MAX_NDIM];
    ptrdiff_t nouter_total;
    ptrdiff_t W;              /* block width: columns (rows) or lines (lines) */
    ptrdiff_t nblk;           /* rows: strips per outer index; lines: groups of W lines */
    ptrdiff_t nitems;
    int ndim;
    ptrdiff_t shape[KT_MAX_NDIM], in_strides[KT_MAX_NDIM], out_strides[KT_MAX_NDIM];
    size_t tb_off[3], thread_stride; /* a thread's area: block, double rows, offsets */
} kt_recursive_plan;

/* ---- guru interface ----
 * Errors: KT_ERR_NULL, KT_ERR_NDIM, KT_ERR_SHAPE, KT_ERR_AXIS, KT_ERR_MODE,
 * KT_ERR_VALUE (sigma, dtype, sizes beyond 1e15).  Execute: KT_ERR_PLAN,
 * KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_CANCELLED. */
int kt_recursive_plan_init(kt_recursive_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                           const ptrdiff_t *in_strides, const ptrdiff_t *out_strides, int axis,
                           double sigma, int mode, double cval, int nthreads);
int kt_recursive_execute_f32(const kt_recursive_plan *plan, const float *in, float *out,
                             void *scratch, int nthreads);
int kt_recursive_execute_f64(const kt_recursive_plan *plan, const double *in, double *out,
                             void *scratch, int nthreads);

/* ---- simple interface ----
 * gaussian_filter(method='recursive'): the recursive filter along every axis
 * d with sigma[d] > 0 (sigma[d] == 0 skips it; otherwise >= 0.5), in axis
 * order, boundary mode[d]; the first axis reads `in`, the others work in
 * place on `out`.  sigma and mode hold ndim entries each. */
int kt_gaussian_filter_recursive_f32(int ndim, const ptrdiff_t *shape, const float *in,
                                     const ptrdiff_t *in_strides, float *out,
                                     const ptrdiff_t *out_strides, const double *sigma,
                                     const int *mode, double cval, int nthreads);
int kt_gaussian_filter_recursive_f64(int ndim, const ptrdiff_t *shape, const double *in,
                                     const ptrdiff_t *in_strides, double *out,
                                     const ptrdiff_t *out_strides, const double *sigma,
                                     const int *mode, double cval, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
