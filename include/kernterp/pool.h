/* kernterp: weighted block pooling (Gaussian pooling).
 *
 * Non-overlapping blocks of size[d] cells along every axis d (stride =
 * size[d]); each block is reduced to one value with separable weights:
 *   out[I0, I1, ...] = sum_{a0, a1, ...} w0[a0] w1[a1] ... x[I0 s0 + a0, I1 s1 + a1, ...]
 * Axes with size[d] == 1 (and weight 1) are plain batch axes.
 * Trailing partial blocks are dropped (KT_POOL_TRIM: out extent n / s) or
 * completed with a boundary mode (a kt_mode of filter.h, with cval for
 * KT_MODE_CONSTANT: out extent ceil(n / s)).
 */
#ifndef KERNTERP_POOL_H
#define KERNTERP_POOL_H

#include <stddef.h>

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

/* Bytes of scratch kt_pool_* needs for these arguments (the same ones later
 * passed to it); 0 with *status set on invalid input. */
size_t kt_pool_scratch(int ndim, const ptrdiff_t *shape, const ptrdiff_t *in_strides,
                       const ptrdiff_t *size, int mode, size_t itemsize, int nthreads,
                       int *status);

/* The pooling of an N-d strided array (strides in bytes, negative allowed).
 *   - size[d] >= 1 and <= shape[d] (KT_ERR_VALUE otherwise);
 *   - weights[d]: size[d] values, or NULL (then size[d] must be 1: weight 1);
 *   - mode: KT_POOL_TRIM or a kt_mode (KT_ERR_MODE otherwise);
 *   - out has the pooled shape (n / s, or ceil(n / s) with a mode) and must
 *     not overlap in.
 * Every output value is computed the same way whatever `nthreads` is: the
 * results do not depend on the thread count. */
int kt_pool_f32(int ndim, const ptrdiff_t *shape, const float *in, const ptrdiff_t *in_strides,
                float *out, const ptrdiff_t *out_strides, const ptrdiff_t *size,
                const double *const *weights, int mode, double cval, void *scratch,
                size_t scratch_size, int nthreads);

int kt_pool_f64(int ndim, const ptrdiff_t *shape, const double *in,
                const ptrdiff_t *in_strides, double *out, const ptrdiff_t *out_strides,
                const ptrdiff_t *size, const double *const *weights, int mode, double cval,
                void *scratch, size_t scratch_size, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
