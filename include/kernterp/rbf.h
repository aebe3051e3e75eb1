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
 * Two operations, each with the two interfaces of common.h: the kernel (or
 * squared-distance) matrix, kt_rbf_*, and the Gauss transform (the kernel
 * matrix applied to weight vectors without forming it), kt_gauss_transform_*.
 *
 * Numerics: the rows of x and y are centred on their common mean (computed
 * in float64) before the expansion |x|^2 + |y|^2 - 2 x.y, so its cancellation
 * scales with the spread of the data, not with its offset.  Squared
 * distances are clamped at 0, and every entry whose expansion cancelled
 * (d2 <= max(1/64, 4 d eps) (|x_i|^2 + |y_j|^2), centred) is recomputed
 * directly as sum (x - y)^2 from the original coordinates with a float64
 * accumulator: near pairs are accurate and identical rows give exactly 0
 * (exactly var in the kernel).  Without y (y = x) only one triangle is
 * computed (syrk) and mirrored; the diagonal is exactly 0 (var).
 * NaN or inf in a row gives NaN (or 0 for an underflowing kernel) in its
 * entries, except on the diagonal of the symmetric case, which is set.
 * Results do not depend on nthreads; they may depend on the BLAS's own
 * threading as far as the BLAS's results do.
 */
#ifndef KERNTERP_RBF_H
#define KERNTERP_RBF_H

#include <stddef.h>

#include "common.h"

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

/* The BLAS a plan calls, given to plan_init by pointer and copied into the
 * plan.  A plan uses the members of its precision only (sgemm and ssyrk for
 * KT_F32, dgemm and dsyrk for KT_F64); the others may be NULL.  syrk may be
 * NULL (the symmetric kernel matrix then uses gemm on the whole matrix). */
typedef struct kt_blas {
    kt_sgemm_fn sgemm;
    kt_dgemm_fn dgemm;
    kt_ssyrk_fn ssyrk;
    kt_dsyrk_fn dsyrk;
} kt_blas;

/* What kt_rbf_* computes in each entry. */
enum {
    KT_RBF_KERNEL = 0, /* var * exp(-gamma * d2) */
    KT_RBF_SQDIST = 1  /* d2 = |x_i - y_j|^2 (gamma and var ignored) */
};

/* ---- the kernel matrix: guru interface ----
 * The n x m matrix of kernel values (or squared distances) between the rows
 * of x (n x d) and y (m x d):
 *   kind: KT_RBF_KERNEL or KT_RBF_SQDIST (KT_ERR_MODE otherwise);
 *   x: row i, feature a at (char *)x + i * xs0 + a * xs1 (byte strides, any
 *      sign);
 *   y_given: 0 means y = x (m must equal n: the symmetric case, one
 *      triangle computed with syrk and mirrored), ys0, ys1 then ignored;
 *      else y's byte strides are ys0, ys1;
 *   gamma: >= 0 and finite, var: finite (KT_ERR_VALUE otherwise, whatever
 *      the kind: KT_RBF_SQDIST ignores their values);
 *   blas: the gemm of the plan's precision is required (KT_ERR_NULL), its
 *      syrk may be NULL.
 * execute: out is C-contiguous n x m, written entirely (the gemm writes
 * into it), and must not overlap x or y (KT_ERR_OVERLAP); y is not read by
 * a plan made with y_given = 0 (pass NULL).  Errors of plan_init:
 * KT_ERR_NULL, KT_ERR_VALUE (an unknown dtype, gamma, var), KT_ERR_MODE,
 * KT_ERR_SHAPE (n, m < 0, d < 1, a size that does not fit the BLAS's int or
 * an n x m matrix that does not fit in memory, y_given = 0 with m != n);
 * of execute: KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_CANCELLED. */
typedef struct kt_rbf_plan {
    kt_plan_info info;
    /* internal */
    int kind;
    int y_given;
    ptrdiff_t n, m, d;
    ptrdiff_t xs0, xs1, ys0, ys1;
    double gamma, var;
    kt_blas blas;
    size_t off[5]; /* scratch: the mean, x centred, its norms, y centred, its norms */
} kt_rbf_plan;

int kt_rbf_plan_init(kt_rbf_plan *plan, int dtype, int kind, ptrdiff_t n, ptrdiff_t m,
                     ptrdiff_t d, ptrdiff_t xs0, ptrdiff_t xs1, int y_given, ptrdiff_t ys0,
                     ptrdiff_t ys1, double gamma, double var, const kt_blas *blas, int nthreads);
int kt_rbf_execute_f32(const kt_rbf_plan *plan, const float *x, const float *y, float *out,
                       void *scratch, int nthreads);
int kt_rbf_execute_f64(const kt_rbf_plan *plan, const double *x, const double *y, double *out,
                       void *scratch, int nthreads);

/* ---- the kernel matrix: simple interface ----
 * As the guru interface, y == NULL meaning y = x (then m == n). */
int kt_rbf_f32(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const float *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const float *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, float *out, kt_sgemm_fn gemm, kt_ssyrk_fn syrk, int nthreads);
int kt_rbf_f64(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const double *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const double *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, double *out, kt_dgemm_fn gemm, kt_dsyrk_fn syrk, int nthreads);

/* The most features the Gauss transform sums directly (no BLAS). */
#define KT_GAUSS_TRANSFORM_DIRECT_MAX 16

/* ---- the Gauss transform: guru interface ----
 * out = K(y, x) @ w without forming K:
 *   out[i, r] = sum_j var * exp(-gamma |y_i - x_j|^2) w[j, r],
 * x: n sources (n x d, byte strides xs0, xs1), w: n x k C-contiguous,
 * y: m targets (byte strides ys0, ys1; y_given = 0: y = x, m = n),
 * out: m x k C-contiguous, not overlapping x, w or y (KT_ERR_OVERLAP).
 * With d <= KT_GAUSS_TRANSFORM_DIRECT_MAX (plan.uses_gemm == 0) a direct
 * SIMD loop sums the exponentials: no BLAS is called, and blas (or its
 * gemm) may be NULL.  Larger d (plan.uses_gemm == 1) multiplies tiles of K,
 * formed with gemm in per-thread scratch, by w; the gemm of the plan's
 * precision is then required (KT_ERR_NULL).  Scratch: O((n + m) d + n k)
 * for the centred copies and weights plus one tile per thread.  n == 0
 * gives zeros.  Errors as kt_rbf_plan_init (k < 1: KT_ERR_SHAPE) and
 * kt_rbf_execute_*. */
typedef struct kt_gauss_transform_plan {
    kt_plan_info info;
    int uses_gemm; /* read only: 1 when execute calls gemm (d > KT_GAUSS_TRANSFORM_DIRECT_MAX) */
    /* internal */
    int y_given;
    ptrdiff_t n, m, d, k;
    ptrdiff_t xs0, xs1, ys0, ys1;
    double gamma, var;
    kt_blas blas;
    ptrdiff_t np;         /* sources padded to a multiple of 16 */
    ptrdiff_t ti, tj;     /* gemm path: targets x sources per tile */
    size_t off[7];        /* scratch: mean, y centred, w transposed, x transposed (direct) or
                             x centred, its norms, y's norms, the tiles (gemm) */
    size_t tile_stride;   /* bytes between two threads' tiles */
} kt_gauss_transform_plan;

int kt_gauss_transform_plan_init(kt_gauss_transform_plan *plan, int dtype, ptrdiff_t n,
                                 ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, ptrdiff_t xs0,
                                 ptrdiff_t xs1, int y_given, ptrdiff_t ys0, ptrdiff_t ys1,
                                 double gamma, double var, const kt_blas *blas, int nthreads);
int kt_gauss_transform_execute_f32(const kt_gauss_transform_plan *plan, const float *x,
                                   const float *w, const float *y, float *out, void *scratch,
                                   int nthreads);
int kt_gauss_transform_execute_f64(const kt_gauss_transform_plan *plan, const double *x,
                                   const double *w, const double *y, double *out, void *scratch,
                                   int nthreads);

/* ---- the Gauss transform: simple interface ----
 * y == NULL means y = x (m == n); gemm may be NULL when d <=
 * KT_GAUSS_TRANSFORM_DIRECT_MAX. */
int kt_gauss_transform_f32(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const float *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const float *w, const float *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, float *out,
                           kt_sgemm_fn gemm, int nthreads);
int kt_gauss_transform_f64(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const double *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const double *w, const double *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, double *out,
                           kt_dgemm_fn gemm, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
