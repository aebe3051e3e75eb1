/* kernterp: Gaussian kernels (sampled, cell-integrated, rotated).
 *
 * One operation (kt_gaussian_kernel_*) builds every kernel of
 * kernterp.kernels.gaussian_kernel and gaussian_kernel1d: an N-d array,
 * C-contiguous, of shape shape[0..ndim).
 *
 * Grid.  Element i of axis d sits at the offset
 *     x = (i - (shape[d] - 1) / 2) - center[d]
 * from the peak: odd sizes put the peak on the middle element, even sizes
 * between the two middle ones (offsets +-0.5, +-1.5, ...); center[d] shifts
 * the peak by a (sub-pixel) amount towards larger indices.
 *
 * Methods (t = x / sigma, phi the standard normal density):
 *   KT_GAUSS_SAMPLE     the density at the grid point, phi(t) / sigma,
 *                       or its order-th derivative in x;
 *   KT_GAUSS_INTEGRATE  the mass of the unit cell [x - 1/2, x + 1/2] (its
 *                       order-th derivative: the difference of the
 *                       (order-1)-th derivative of the density across the
 *                       cell's edges).  Computed to full relative precision
 *                       in the tails: complementary error functions on the
 *                       far side, erf across the centre, and a Hermite
 *                       series for cells narrow against sigma; never a
 *                       difference of two numbers near 1.
 * normalize = 0: those values as they are (the continuous density, so the
 *   entries sum to the mass inside the window, < 1).
 * normalize = 1: the order-0 values of each axis are divided by their sum
 *   (so the kernel sums to 1); derivatives carry the same factor, as in
 *   scipy.ndimage.
 * Separable kernels (theta == 0) are the outer product of their 1-D kernels,
 * computed in double and rounded once to T.
 *
 * Rotation (theta != 0): ndim must be 2 and every order 0 (else
 * KT_ERR_UNSUPPORTED).  Axis 1 is x, axis 0 is y, and the kernel is
 * astropy.modeling.models.Gaussian2D with x_stddev = sigma[1],
 * y_stddev = sigma[0]:
 *     exp(-(a dx^2 + b dx dy + c dy^2)),
 *     a = cos^2/(2 sx^2) + sin^2/(2 sy^2), b = sin(2 theta)/(2 sx^2) -
 *     sin(2 theta)/(2 sy^2), c = sin^2/(2 sx^2) + cos^2/(2 sy^2),
 * divided by 2 pi sx sy (the density).  KT_GAUSS_INTEGRATE then integrates
 * each cell numerically: an 8 x 8 Gauss-Legendre rule on m x m sub-cells,
 * m = ceil(2 / min(sx, sy)) capped at 64 (sub-cells no wider than sigma/2).
 *
 * Threads: the rotated kernel (one task per chunk of cells; its
 * cell-integrated form costs up to 64 m^2 exponentials per cell) and the
 * outer product of a large separable kernel (one task per run of lines)
 * run on threads, through kernterp's thread policy: small kernels stay on
 * one.  Every value is computed the same way whatever the thread count (the
 * sums that normalise run in one fixed order): the result does not depend
 * on it.  The 1-D kernels of a separable one are computed on the calling
 * thread.  (kernterp's Python functions, which have no `workers`, and the
 * simple interface below use one thread.)
 */
#ifndef KERNTERP_KERNELS_H
#define KERNTERP_KERNELS_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kt_gauss_method {
    KT_GAUSS_SAMPLE = 0,
    KT_GAUSS_INTEGRATE = 1
} kt_gauss_method;

typedef struct kt_gaussian_kernel_plan {
    kt_plan_info info;
    /* internal */
    int ndim, method, normalize;
    double theta;
    ptrdiff_t shape[KT_MAX_NDIM];
    double sigma[KT_MAX_NDIM], center[KT_MAX_NDIM];
    int order[KT_MAX_NDIM];
    ptrdiff_t size;           /* elements: the product of shape */
    ptrdiff_t nlines;         /* separable: lines along the last axis */
    ptrdiff_t grain;          /* separable: lines per task; rotated: chunks per grain */
    size_t k_off;             /* scratch: the 1-D kernels (separable) or, in float32,
                                 the rotated kernel in double */
} kt_gaussian_kernel_plan;

/* ---- guru interface ----
 * The kernel of shape shape[0..ndim) (every extent >= 1), C-contiguous.
 *   - sigma: ndim values, each finite and > 0;
 *   - center: ndim finite values, or NULL (all 0);
 *   - order: ndim values >= 0, or NULL (all 0);
 *   - method: a kt_gauss_method; normalize: 0 or 1 (any nonzero is 1);
 *   - theta: finite; nonzero only with ndim == 2 and every order 0.
 * The plan copies shape, sigma, center and order.
 * Errors: KT_ERR_NULL, KT_ERR_NDIM (ndim < 1 or > KT_MAX_NDIM),
 * KT_ERR_SHAPE (an extent < 1, or a kernel too large to address),
 * KT_ERR_VALUE (sigma <= 0 or not finite, center or theta not finite, an
 * unknown dtype), KT_ERR_MODE (an unknown method), KT_ERR_ORDER (order < 0),
 * KT_ERR_UNSUPPORTED (see Rotation above).  Execute: KT_ERR_PLAN,
 * KT_ERR_NULL, KT_ERR_CANCELLED. */
int kt_gaussian_kernel_plan_init(kt_gaussian_kernel_plan *plan, int dtype, int ndim,
                                 const ptrdiff_t *shape, const double *sigma,
                                 const double *center, const int *order, int method,
                                 int normalize, double theta, int nthreads);
int kt_gaussian_kernel_execute_f32(const kt_gaussian_kernel_plan *plan, float *out,
                                   void *scratch, int nthreads);
int kt_gaussian_kernel_execute_f64(const kt_gaussian_kernel_plan *plan, double *out,
                                   void *scratch, int nthreads);

/* ---- simple interface ----
 * The plan's arguments and the output, in one call, on one thread. */
int kt_gaussian_kernel_f32(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, float *out);
int kt_gaussian_kernel_f64(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, double *out);

#ifdef __cplusplus
}
#endif
#endif
