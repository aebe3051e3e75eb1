/* kernterp: RBF (Gaussian) kernel matrices, squared Euclidean distances and
 * Gauss transforms, on a caller-supplied BLAS.
 *
 *   K[i, j] = var * exp(-gamma * |x_i - y_j|^2)
 *
 * The core is not linked against any BLAS: gemm (and syrk, for the symmetric
 * case) are passed in as function pointers with the standard Fortran ABI
 * (all arguments by pointer, 32-bit integers, no hidden string lengths:
 * the character arguments are single characters).  Any BLAS's sgemm_ /
 * dgemm_ / ssyrk_ / dsyrk_ fits; kernterp's Python layer passes scipy's
 * (scipy.linalg.cython_blas).  The BLAS call runs on the BLAS's own threads;
 * everything else on `nthreads` threads created inside the call.
 *
 * Numerics: the rows of x and y are centred on their common mean (computed
 * in float64) before the expansion |x|^2 + |y|^2 - 2 x.y, so its cancellation
 * scales with the spread of the data, not with its offset.  Squared
 * distances are clamped at 0, and every entry whose expansion cancelled
 * (d2 <= max(1/64, 4 d eps) (|x_i|^2 + |y_j|^2), centred) is recomputed
 * directly as sum (x - y)^2 from the original coordinates with a float64
 * accumulator: near pairs are accurate and identical rows give exactly 0
 * (exactly var in the kernel).  With y == NULL (y = x) only one triangle is
 * computed (syrk) and mirrored; the diagonal is exactly 0 (var).
 * NaN or inf in a row gives NaN (or 0 for an underflowing kernel) in its
 * entries, except on the diagonal of the symmetric case, which is set.
 * Results do not depend on nthreads; they may depend on the BLAS's own
 * threading as far as the BLAS's results do.
 */
#ifndef KERNTERP_RBF_H
#define KERNTERP_RBF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fortran-ABI BLAS routines (C = alpha op(A) op(B) + beta C, column-major). */
typedef void (*kt_sgemm_fn)(const char *transa, const char *transb, const int *m,
                            const int *n, const int *k, const float *alpha, const float *a,
                            const int *lda, const float *b, const int *ldb,
                            const float *beta, float *c, const int *ldc);
typedef void (*kt_dgemm_fn)(const char *transa, const char *transb, const int *m,
                            const int *n, const int *k, const double *alpha, const double *a,
                            const int *lda, const double *b, const int *ldb,
                            const double *beta, double *c, const int *ldc);
typedef void (*kt_ssyrk_fn)(const char *uplo, const char *trans, const int *n, const int *k,
                            const float *alpha, const float *a, const int *lda,
                            const float *beta, float *c, const int *ldc);
typedef void (*kt_dsyrk_fn)(const char *uplo, const char *trans, const int *n, const int *k,
                            const double *alpha, const double *a, const int *lda,
                            const double *beta, double *c, const int *ldc);

/* What kt_rbf_* computes in each entry. */
enum {
    KT_RBF_KERNEL = 0, /* var * exp(-gamma * d2) */
    KT_RBF_SQDIST = 1  /* d2 = |x_i - y_j|^2 (gamma and var ignored) */
};

/* Bytes of scratch kt_rbf_f32/f64 needs (the centred copies and norms). */
size_t kt_rbf_scratch(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, int symmetric, size_t itemsize);

/* The n x m matrix of kernel values (or squared distances) between the rows
 * of x (n x d) and y (m x d).
 *   x: row i, feature a at (char *)x + i * xs0 + a * xs1 (byte strides);
 *   y: likewise with ys0, ys1; y == NULL means y = x (m must equal n);
 *   out: C-contiguous n x m, written entirely (the gemm writes into it);
 *   syrk: may be NULL (then the symmetric case uses gemm on the full matrix);
 *   scratch: at least kt_rbf_scratch(n, m, d, y == NULL, sizeof(T)) bytes.
 * Status KT_ERR_NULL, KT_ERR_SHAPE (n, m < 0, d < 1, a size that does not
 * fit the BLAS's int, y == NULL with m != n), KT_ERR_VALUE (gamma < 0 or
 * not finite, var not finite), KT_ERR_SCRATCH. */
int kt_rbf_f32(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const float *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const float *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, float *out, kt_sgemm_fn gemm, kt_ssyrk_fn syrk, void *scratch,
               size_t scratch_size, int nthreads);
int kt_rbf_f64(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const double *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const double *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, double *out, kt_dgemm_fn gemm, kt_dsyrk_fn syrk, void *scratch,
               size_t scratch_size, int nthreads);

/* Bytes of scratch kt_gauss_transform_f32/f64 needs. */
size_t kt_gauss_transform_scratch(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k,
                                  size_t itemsize, int nthreads);

/* The Gauss transform out = K(y, x) @ w without forming K:
 *   out[i, r] = sum_j var * exp(-gamma |y_i - x_j|^2) w[j, r],
 * x: n sources (n x d, byte strides xs0, xs1), w: n x k C-contiguous,
 * y: m targets (byte strides ys0, ys1; NULL: y = x, m = n),
 * out: m x k C-contiguous.  Small d runs a direct SIMD loop (no BLAS, gemm
 * may be NULL then: see kt_gauss_transform_uses_gemm); larger d multiplies
 * tiles of K, formed with gemm in per-thread scratch, by w.  Memory:
 * O((n + m) d) for the centred copies plus O(tile) per thread.
 * Status as kt_rbf_f32. */
int kt_gauss_transform_uses_gemm(ptrdiff_t d, size_t itemsize);
int kt_gauss_transform_f32(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const float *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const float *w, const float *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, float *out,
                           kt_sgemm_fn gemm, void *scratch, size_t scratch_size, int nthreads);
int kt_gauss_transform_f64(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const double *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const double *w, const double *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, double *out,
                           kt_dgemm_fn gemm, void *scratch, size_t scratch_size, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
