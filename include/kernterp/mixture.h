/* kernterp: Gaussian densities and mixtures of Gaussians.
 *
 * A component k in d dimensions is given by its mean (d values), a d x d
 * whitening matrix U_k (row-major; U_k U_k^T is the (pseudo-)inverse of the
 * covariance, e.g. eigenvectors scaled by 1/sqrt(eigenvalue)), a constant
 * c_k = rank_k * log(2 pi) + log(pseudo-determinant_k) and a weight w_k.
 * Its log-density at x is  -0.5 * (c_k + |(x - mean_k) U_k|^2)  and the
 * mixture density is  sum_k w_k * exp(log-density_k)  (weights used as
 * given).  The factorisation of the covariance is the caller's (kernterp's
 * Python layer uses LAPACK's eigh, as scipy.stats.multivariate_normal does).
 *
 * The data (points, coordinates) and the output are float32 or float64 (T);
 * the parameters means, U, c, w are float64 in both, rounded to T where the
 * float32 loops use them.  Computed in T, with a vectorised exponential.
 * Every output value is computed the same way whatever the thread count.
 * The output may not overlap any input (KT_ERR_OVERLAP).
 */
#ifndef KERNTERP_MIXTURE_H
#define KERNTERP_MIXTURE_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the density at points -----------------------------------------------
 * The mixture density at n points of dimension d.
 *   x: point i, coordinate a at  (char *)x + i * x_stride_point + a * x_stride_coord
 *      (strides in bytes, any sign; 0 broadcasts).
 *   means: K x d, U: K x d x d (row-major), c: K, w: K (all float64).
 *   out: point i at (char *)out + i * out_stride (bytes).
 * Errors: KT_ERR_NULL, KT_ERR_SHAPE (n < 0, d < 1, K < 1, or sizes too
 * large to address), KT_ERR_VALUE (an unknown dtype).  Execute:
 * KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_CANCELLED. */
typedef struct kt_mixture_pdf_plan {
    kt_plan_info info;
    /* internal */
    ptrdiff_t n, d, K;
    ptrdiff_t x_stride_point, x_stride_coord, out_stride;
    ptrdiff_t nitems, grain; /* tasks of KT_MIX_CH points, tasks per grain */
} kt_mixture_pdf_plan;

int kt_mixture_pdf_plan_init(kt_mixture_pdf_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t d,
                             ptrdiff_t x_stride_point, ptrdiff_t x_stride_coord, ptrdiff_t K,
                             ptrdiff_t out_stride, int nthreads);
int kt_mixture_pdf_execute_f32(const kt_mixture_pdf_plan *plan, const float *x,
                               const double *means, const double *U, const double *c,
                               const double *w, float *out, void *scratch, int nthreads);
int kt_mixture_pdf_execute_f64(const kt_mixture_pdf_plan *plan, const double *x,
                               const double *means, const double *U, const double *c,
                               const double *w, double *out, void *scratch, int nthreads);

/* simple interface */
int kt_mixture_pdf_f32(ptrdiff_t n, ptrdiff_t d, const float *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, float *out,
                       ptrdiff_t out_stride, int nthreads);
int kt_mixture_pdf_f64(ptrdiff_t n, ptrdiff_t d, const double *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, double *out,
                       ptrdiff_t out_stride, int nthreads);

/* ---- the density on a grid -----------------------------------------------
 * The mixture density on the grid spanned by d 1-D coordinate arrays:
 *   out[i_0, ..., i_{d-1}] = mixture density at (coords[0][i_0], ..., coords[d-1][i_{d-1}])
 * with out C-contiguous of shape (shape[0], ..., shape[d-1]) and coords[a]
 * contiguous, shape[a] values.  means, U, c, w as above; diag: K flags.
 * Components whose diag[k] is nonzero have a diagonal covariance: U_k must
 * then be diagonal (its diagonal holds 1/sigma per axis) and the density is
 * computed as a product of 1-D factors, one per axis.  The others are
 * computed line by line along the last axis, where the whitened deviation
 * is an affine function of the coordinate (on an equally spaced last axis,
 * by an exponential recurrence: see the source).
 * Errors: KT_ERR_NULL, KT_ERR_NDIM (d < 1 or d > KT_MAX_NDIM), KT_ERR_SHAPE
 * (a negative extent, K < 1, or sizes too large to address), KT_ERR_VALUE
 * (an unknown dtype).  Execute: KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP,
 * KT_ERR_CANCELLED. */
typedef struct kt_mixture_grid_plan {
    kt_plan_info info;
    /* internal */
    ptrdiff_t d, K;
    ptrdiff_t shape[KT_MAX_NDIM];
    ptrdiff_t size, nlines, L; /* grid points, lines along the last axis, their length */
    ptrdiff_t grain;           /* lines per grain */
    size_t g_off, g_stride, dl_off; /* scratch: K rows along the last axis, one more row */
} kt_mixture_grid_plan;

int kt_mixture_grid_plan_init(kt_mixture_grid_plan *plan, int dtype, ptrdiff_t d,
                              const ptrdiff_t *shape, ptrdiff_t K, int nthreads);
int kt_mixture_grid_execute_f32(const kt_mixture_grid_plan *plan, const float *const *coords,
                                const double *means, const double *U, const double *c,
                                const double *w, const int *diag, float *out, void *scratch,
                                int nthreads);
int kt_mixture_grid_execute_f64(const kt_mixture_grid_plan *plan, const double *const *coords,
                                const double *means, const double *U, const double *c,
                                const double *w, const int *diag, double *out, void *scratch,
                                int nthreads);

/* simple interface */
int kt_mixture_grid_f32(ptrdiff_t d, const ptrdiff_t *shape, const float *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, float *out, int nthreads);
int kt_mixture_grid_f64(ptrdiff_t d, const ptrdiff_t *shape, const double *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, double *out, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
