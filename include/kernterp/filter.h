/* kernterp: separable N-d correlation and Gaussian filtering.
 *
 * The workhorse is kt_correlate_passes_*: a sequence of 1-D correlations,
 * each along one axis of an N-d strided array, computed with the boundary
 * modes of scipy.ndimage, in the order given.  Passes that are linear (no
 * KT_MODE_CONSTANT border with cval != 0) commute, and the core then
 * reorders them: it runs the axis with the smallest stride last and fuses
 * it with the one before.
 * The first pass reads `in`; every later pass works in place on `out`.
 * `in == out` (same data, same strides) is allowed; any other overlap is not.
 */
#ifndef KERNTERP_FILTER_H
#define KERNTERP_FILTER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KT_MAX_NDIM 64

/* Boundary modes, with scipy.ndimage's names.  For filters the grid-* names
 * are aliases: grid-mirror = REFLECT, grid-constant = CONSTANT,
 * grid-wrap = WRAP.  Extensions longer than the axis repeat the pattern. */
typedef enum kt_mode {
    KT_MODE_REFLECT = 0,   /* d c b a | a b c d | d c b a */
    KT_MODE_CONSTANT = 1,  /* k k k k | a b c d | k k k k  (k = cval) */
    KT_MODE_NEAREST = 2,   /* a a a a | a b c d | d d d d */
    KT_MODE_MIRROR = 3,    /*   d c b | a b c d | c b a   */
    KT_MODE_WRAP = 4       /* a b c d | a b c d | a b c d */
} kt_mode;

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

/* Bytes of scratch kt_correlate_passes_* needs for these arguments (the same
 * ones later passed to it).  Returns 0 and sets *status on invalid input. */
size_t kt_correlate_passes_scratch(int ndim, const ptrdiff_t *shape,
                                   const ptrdiff_t *in_strides,
                                   const ptrdiff_t *out_strides,
                                   int npasses, const kt_pass *passes,
                                   size_t itemsize, int nthreads, int *status);

int kt_correlate_passes_f32(int ndim, const ptrdiff_t *shape,
                            const float *in, const ptrdiff_t *in_strides,
                            float *out, const ptrdiff_t *out_strides,
                            int npasses, const kt_pass *passes,
                            void *scratch, size_t scratch_size, int nthreads);

int kt_correlate_passes_f64(int ndim, const ptrdiff_t *shape,
                            const double *in, const ptrdiff_t *in_strides,
                            double *out, const ptrdiff_t *out_strides,
                            int npasses, const kt_pass *passes,
                            void *scratch, size_t scratch_size, int nthreads);

/* The sampled Gaussian kernel scipy.ndimage uses: for x = -radius..radius,
 *   k[x + radius] = d^order/dx^order exp(-x^2 / (2 sigma^2)), the order-0
 * values normalised to sum 1 (the derivatives carry the same factor).
 * This is the kernel (convolution form); correlation weights are reversed. */
int kt_gaussian_kernel1d_f64(double sigma, int order, ptrdiff_t radius, double *out);

/* Recursive Gaussian along one axis: the third-order Young & van Vliet (1995)
 * filter, a causal then an anti-causal pass, whose cost per sample does not
 * depend on sigma.  It approximates the untruncated Gaussian (it is not the
 * sampled kernel of kt_gaussian_kernel1d_f64).
 *   - sigma must be finite and >= 0.5 (where Young & van Vliet's q(sigma) is
 *     defined); otherwise KT_ERR_VALUE.
 *   - KT_MODE_NEAREST / KT_MODE_CONSTANT: exact initialisation for a constant
 *     extension (x[0] or cval on the left, Triggs & Sdika 2006 on the right
 *     with x[n-1] or cval).  KT_MODE_REFLECT / MIRROR / WRAP: the line is
 *     extended by P = ceil(12 sigma) + 3 samples each side by the mode, then
 *     filtered as for NEAREST.
 *   - The recursion state is double for both precisions; a constant line is
 *     returned unchanged (to the last bit).
 *   - Any strides (bytes, negative allowed); in == out (same strides) is
 *     allowed, any other overlap is not.
 * Scratch: ask kt_gaussian_recursive_scratch with the same arguments
 * (itemsize 4 or 8); it is 0 for an empty array. */
size_t kt_gaussian_recursive_scratch(int ndim, const ptrdiff_t *shape,
                                     const ptrdiff_t *in_strides,
                                     const ptrdiff_t *out_strides, int axis,
                                     double sigma, int mode, size_t itemsize,
                                     int nthreads, int *status);

int kt_gaussian_recursive_f32(int ndim, const ptrdiff_t *shape,
                              const float *in, const ptrdiff_t *in_strides,
                              float *out, const ptrdiff_t *out_strides,
                              int axis, double sigma, int mode, double cval,
                              void *scratch, size_t scratch_size, int nthreads);

int kt_gaussian_recursive_f64(int ndim, const ptrdiff_t *shape,
                              const double *in, const ptrdiff_t *in_strides,
                              double *out, const ptrdiff_t *out_strides,
                              int axis, double sigma, int mode, double cval,
                              void *scratch, size_t scratch_size, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
