/* kernterp: Gaussian kernels (sampled, cell-integrated, rotated).
 *
 * One entry point builds every kernel of kernterp.kernels.gaussian_kernel and
 * gaussian_kernel1d: an N-d array, C-contiguous, of shape shape[0..ndim).
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
 * Errors: KT_ERR_NULL, KT_ERR_NDIM (ndim < 1 or > KT_MAX_NDIM),
 * KT_ERR_SHAPE (an extent < 1), KT_ERR_VALUE (sigma <= 0 or not finite,
 * center or theta not finite, unknown method), KT_ERR_ORDER (order < 0),
 * KT_ERR_UNSUPPORTED (see above), KT_ERR_SCRATCH.
 */
#ifndef KERNTERP_KERNELS_H
#define KERNTERP_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kt_gauss_method {
    KT_GAUSS_SAMPLE = 0,
    KT_GAUSS_INTEGRATE = 1
} kt_gauss_method;

/* Bytes of scratch kt_gaussian_kernel_* needs (itemsize 4 or 8).  Returns 0
 * and sets *status on invalid input. */
size_t kt_gaussian_kernel_scratch(int ndim, const ptrdiff_t *shape, double theta,
                                  size_t itemsize, int *status);

/* sigma, center: ndim values each (center may be NULL: all 0); order: ndim
 * values or NULL (all 0). */
int kt_gaussian_kernel_f32(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, void *scratch,
                           size_t scratch_size, float *out);

int kt_gaussian_kernel_f64(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, void *scratch,
                           size_t scratch_size, double *out);

#ifdef __cplusplus
}
#endif
#endif
