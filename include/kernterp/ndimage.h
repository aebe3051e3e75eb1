/* kernterp: separable N-d correlation and Gaussian filtering
 * (scipy.ndimage's Gaussian filter family).
 *
 * Arrays are N-d and strided: element (i_0, ..., i_{ndim-1}) of `in` is at
 * (char *)in + sum_d i_d * in_strides[d] (strides in BYTES, any sign, as
 * numpy's).  `in == out` with the same strides is allowed (in place); any
 * other overlap of the two is KT_ERR_OVERLAP.
 */
#ifndef KERNTERP_NDIMAGE_H
#define KERNTERP_NDIMAGE_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One 1-D correlation along `axis`:
 *   out[i] = sum_{k=-radius}^{radius} weights[radius + k] * in[i + k]
 * with in[] extended beyond the axis by `mode` (and `cval`). */
typedef struct kt_pass {
    int axis;
    int mode;               /* a kt_mode */
    ptrdiff_t radius;       /* >= 0 */
    const double *weights;  /* 2 * radius + 1 values */
    double cval;            /* used by KT_MODE_CONSTANT */
} kt_pass;

/* ---- guru interface: a sequence of passes -------------------------------
 *
 * kt_correlate_plan_init plans `npasses` (0 .. KT_MAX_NDIM) 1-D
 * correlations, each along one axis of an N-d strided array, computed with
 * scipy.ndimage's boundary modes.  The first pass reads `in`; every later
 * pass works in place on `out`.  float64 plans run the passes in the given
 * order and round every product and sum as scipy.ndimage does: with
 * scipy's weights and order the result is scipy's, bit for bit.  float32
 * plans reorder passes that are linear (no KT_MODE_CONSTANT border with
 * cval != 0: those commute) so that the axis with the smallest output
 * stride runs last, fused with the one before; float32 fuses each
 * multiply-add.  In both, an output's value does not depend on the array's
 * extent, offset or chunking, nor on the thread count.
 *
 * The plan copies shape, strides and passes; it keeps the passes' `weights`
 * POINTERS, which must stay valid (and unchanged) until the plan's last
 * execute.  Errors: KT_ERR_NULL, KT_ERR_NDIM (ndim or npasses out of
 * range), KT_ERR_SHAPE, KT_ERR_AXIS, KT_ERR_RADIUS, KT_ERR_MODE,
 * KT_ERR_VALUE (unknown dtype).  Execute: KT_ERR_PLAN, KT_ERR_NULL,
 * KT_ERR_OVERLAP, KT_ERR_CANCELLED. */

/* internal: one step of a correlation plan (a pass, or a row pass fused with
 * the line pass after it) */
typedef struct kt__correlate_step {
    signed char kind, from_in, symp, symq;
    unsigned char p, q;                   /* pass indices (q: FUSED only) */
    unsigned char ninner, nouter;         /* axes merged into the inner run / iterated */
    unsigned char ax[KT_MAX_NDIM];        /* the other axes: inner ones first, then outer */
    int wp, wq;                           /* weight offsets (elements) in scratch */
    ptrdiff_t L, lin, lout;               /* ROW/FUSED: the inner (vectorised) run */
    ptrdiff_t nouter_total;
    ptrdiff_t W, nstrips, SW, B;          /* ROW: strips; FUSED: strip width, block rows */
    ptrdiff_t rchunks, chunk, nitems;     /* the filtered axis split in chunks; items */
    int nthreads;
    size_t thread_bytes, item_bytes;
} kt__correlate_step;

typedef struct kt_correlate_plan {
    kt_plan_info info;
    /* internal */
    int ndim, npasses, nsteps, empty;
    ptrdiff_t shape[KT_MAX_NDIM], in_strides[KT_MAX_NDIM], out_strides[KT_MAX_NDIM];
    kt_pass passes[KT_MAX_NDIM];
    int woff[KT_MAX_NDIM];
    signed char sym[KT_MAX_NDIM];
    size_t weights_bytes, work_off;
    kt__correlate_step steps[KT_MAX_NDIM];
} kt_correlate_plan;

int kt_correlate_plan_init(kt_correlate_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                           const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                           int npasses, const kt_pass *passes, int nthreads);
int kt_correlate_execute_f32(const kt_correlate_plan *plan, const float *in, float *out,
                             void *scratch, int nthreads);
int kt_correlate_execute_f64(const kt_correlate_plan *plan, const double *in, double *out,
                             void *scratch, int nthreads);

/* ---- simple interface --------------------------------------------------- */

/* The passes of a correlation plan in one call (kt_correlate_plan_init's
 * arguments with the data). */
int kt_correlate_f32(int ndim, const ptrdiff_t *shape, const float *in,
                     const ptrdiff_t *in_strides, float *out, const ptrdiff_t *out_strides,
                     int npasses, const kt_pass *passes, int nthreads);
int kt_correlate_f64(int ndim, const ptrdiff_t *shape, const double *in,
                     const ptrdiff_t *in_strides, double *out, const ptrdiff_t *out_strides,
                     int npasses, const kt_pass *passes, int nthreads);

/* scipy.ndimage.gaussian_filter: along every axis d with sigma[d] > 0, the
 * sampled Gaussian of standard deviation sigma[d] (its order[d]-th
 * derivative), radius (ptrdiff_t)(truncate * sigma[d] + 0.5), boundary
 * mode[d] (a kt_mode; cval for KT_MODE_CONSTANT).  sigma[d] == 0 skips
 * axis d, as scipy does.  sigma, order and mode hold ndim entries each.
 * The weights are kt_gaussian_kernel1d_f64's; float64 results equal
 * kernterp.ndimage.gaussian_filter's for the same arguments, bit for bit,
 * wherever numpy's exp is the C library's (numpy's own AVX-512 exp differs
 * from it in the last bit for a few percent of arguments, and so may the
 * weights then; see docs/c_api.rst).  Errors: those of
 * kt_correlate_plan_init, KT_ERR_VALUE (sigma negative or not finite,
 * truncate negative or not finite, a radius beyond PTRDIFF_MAX),
 * KT_ERR_ORDER, KT_ERR_NOMEM. */
int kt_gaussian_filter_f32(int ndim, const ptrdiff_t *shape,
                           const float *in, const ptrdiff_t *in_strides,
                           float *out, const ptrdiff_t *out_strides,
                           const double *sigma, const int *order, const int *mode,
                           double cval, double truncate, int nthreads);
int kt_gaussian_filter_f64(int ndim, const ptrdiff_t *shape,
                           const double *in, const ptrdiff_t *in_strides,
                           double *out, const ptrdiff_t *out_strides,
                           const double *sigma, const int *order, const int *mode,
                           double cval, double truncate, int nthreads);

/* The CORRELATION weights scipy.ndimage applies for a sampled Gaussian
 * (derivative): out[radius + x], x = -radius..radius, is
 *   d^order/dt^order phi(t) at t = -x, phi(t) = exp(-t^2 / (2 sigma^2)),
 * the order-0 values normalised to sum 1 (the derivatives carry the same
 * factor).  Computed with scipy's arithmetic: exp(-0.5 / sigma^2 * x^2),
 * the sum in numpy's pairwise order, the derivative polynomial by the
 * recurrence p_{k+1} = p_k' - t p_k / sigma^2 in monomial coefficients.
 * sigma must be finite and > 0 (KT_ERR_VALUE), order >= 0, radius >= 0. */
int kt_gaussian_kernel1d_f64(double sigma, int order, ptrdiff_t radius, double *out);

#ifdef __cplusplus
}
#endif
#endif
