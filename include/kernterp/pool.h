/* kernterp: weighted block pooling (Gaussian pooling).
 *
 * Non-overlapping blocks of size[d] cells along every axis d (stride =
 * size[d]); each block is reduced to one value with separable weights:
 *   out[I0, I1, ...] = sum_{a0, a1, ...} w0[a0] w1[a1] ... x[I0 s0 + a0, I1 s1 + a1, ...]
 * Axes with size[d] == 1 (and weight 1) are plain batch axes.
 * Trailing partial blocks are dropped (KT_POOL_TRIM: out extent n / s) or
 * completed with a boundary mode (a kt_mode of common.h, with cval for
 * KT_MODE_CONSTANT: out extent ceil(n / s)).
 */
#ifndef KERNTERP_POOL_H
#define KERNTERP_POOL_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `mode` value of kt_pool_*: drop trailing partial blocks. */
#define KT_POOL_TRIM (-1)

/* Weights of kt_gaussian_pool_weights_f64. */
#define KT_POOL_INTEGRATE 0 /* Gaussian mass over each cell (CDF differences) */
#define KT_POOL_SAMPLE 1    /* Gaussian sampled at each cell centre */

/* The `size` weights of one block: a Gaussian of standard deviation `sigma`
 * (in cells; finite, > 0) centred on the block centre (size / 2, between two
 * cells for even sizes), either integrated over each cell [a, a + 1) or
 * sampled at a + 1/2, then normalised to sum 1.  The weights are symmetric
 * to the last bit.  KT_ERR_VALUE for size < 1 or a bad sigma, KT_ERR_MODE
 * for an unknown method. */
int kt_gaussian_pool_weights_f64(ptrdiff_t size, double sigma, int method, double *out);

typedef struct kt_pool_plan {
    kt_plan_info info;
    /* internal: the axis with the smallest input stride is the "line" axis
     * x (vectorised along); every other axis is an "outer" axis, and one
     * item of work is one output line (all outer indices fixed) */
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
    ptrdiff_t grain;
    int ndim;
    ptrdiff_t shape[KT_MAX_NDIM], oshape[KT_MAX_NDIM];
    ptrdiff_t in_strides[KT_MAX_NDIM], out_strides[KT_MAX_NDIM];
    size_t tb_off[4], thread_stride;   /* a thread's area: line, output row, pointers, weights */
} kt_pool_plan;

/* ---- guru interface ----
 * The pooling of an N-d strided array (strides in bytes, negative allowed).
 *   - size[d] >= 1 and <= shape[d] (KT_ERR_VALUE otherwise);
 *   - weights[d]: size[d] values, or NULL (then size[d] must be 1: weight 1);
 *     the plan keeps these POINTERS: they must stay valid until its last
 *     execute;
 *   - mode: KT_POOL_TRIM or a kt_mode (KT_ERR_MODE otherwise);
 *   - out has the pooled shape (n / s, or ceil(n / s) with a mode) and must
 *     not overlap in (KT_ERR_OVERLAP).
 * Every output value is computed the same way whatever `nthreads` is: the
 * results do not depend on the thread count.  Errors: KT_ERR_NULL,
 * KT_ERR_NDIM (ndim < 1 or too many), KT_ERR_SHAPE, KT_ERR_VALUE, KT_ERR_MODE;
 * execute: KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_CANCELLED. */
int kt_pool_plan_init(kt_pool_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                      const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                      const ptrdiff_t *size, const double *const *weights, int mode,
                      double cval, int nthreads);
int kt_pool_execute_f32(const kt_pool_plan *plan, const float *in, float *out, void *scratch,
                        int nthreads);
int kt_pool_execute_f64(const kt_pool_plan *plan, const double *in, double *out, void *scratch,
                        int nthreads);

/* ---- simple interface ---- */
int kt_pool_f32(int ndim, const ptrdiff_t *shape, const float *in, const ptrdiff_t *in_strides,
                float *out, const ptrdiff_t *out_strides, const ptrdiff_t *size,
                const double *const *weights, int mode, double cval, int nthreads);
int kt_pool_f64(int ndim, const ptrdiff_t *shape, const double *in,
                const ptrdiff_t *in_strides, double *out, const ptrdiff_t *out_strides,
                const ptrdiff_t *size, const double *const *weights, int mode, double cval,
                int nthreads);

#ifdef __cplusplus
}
#endif
#endif
