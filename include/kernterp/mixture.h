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
 */
#ifndef KERNTERP_MIXTURE_H
#define KERNTERP_MIXTURE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The mixture density at n points of dimension d.
 *   x: point i, coordinate a at  (char *)x + i * x_stride_point + a * x_stride_coord
 *      (strides in bytes, any sign; 0 broadcasts).
 *   means: K x d, U: K x d x d (row-major), c: K, w: K (all float64).
 *   out: point i at (char *)out + i * out_stride.
 * Status KT_ERR_NULL (a NULL pointer with n > 0), KT_ERR_SHAPE (n < 0,
 * d < 1 or K < 1). */
int kt_mixture_pdf_f32(ptrdiff_t n, ptrdiff_t d, const float *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, float *out,
                       ptrdiff_t out_stride, int nthreads);
int kt_mixture_pdf_f64(ptrdiff_t n, ptrdiff_t d, const double *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, double *out,
                       ptrdiff_t out_stride, int nthreads);

/* The mixture density on the grid spanned by d 1-D coordinate arrays:
 *   out[i_0, ..., i_{d-1}] = mixture density at (coords[0][i_0], ..., coords[d-1][i_{d-1}])
 * with out C-contiguous of shape (shape[0], ..., shape[d-1]).
 * Components whose diag[k] is nonzero have a diagonal covariance: U_k must
 * then be diagonal (its diagonal holds 1/sigma per axis) and the density is
 * computed as a product of 1-D factors, one per axis.  The others are
 * computed line by line along the last axis, where the whitened deviation
 * is an affine function of the coordinate.
 * scratch: at least kt_mixture_grid_scratch(d, shape, K, sizeof(T)) bytes.
 * Status KT_ERR_NULL, KT_ERR_SHAPE (d < 1, d > KT_MAX_NDIM, a negative
 * extent, K < 1), KT_ERR_SCRATCH. */
size_t kt_mixture_grid_scratch(ptrdiff_t d, const ptrdiff_t *shape, ptrdiff_t K,
                               size_t itemsize);
int kt_mixture_grid_f32(ptrdiff_t d, const ptrdiff_t *shape, const float *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, float *out, void *scratch,
                        size_t scratch_size, int nthreads);
int kt_mixture_grid_f64(ptrdiff_t d, const ptrdiff_t *shape, const double *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, double *out, void *scratch,
                        size_t scratch_size, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
