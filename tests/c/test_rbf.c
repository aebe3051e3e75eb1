/* The rbf area through the C API: kernel matrices, squared distances and
 * Gauss transforms against direct loops, the guru and simple interfaces
 * against each other, and bad input (a status, nothing written).  The BLAS
 * is a naive Fortran-ABI gemm / syrk written here: any BLAS fits. */
#include <math.h>
#include <stdlib.h>

#include "check.h"

/* ---- a naive column-major BLAS: C = alpha op(A) op(B) + beta C, in either
 * precision (f32: float data), accumulated in double ---- */

static double ld(const void *p, ptrdiff_t i, int f32)
{
    return f32 ? (double)((const float *)p)[i] : ((const double *)p)[i];
}

static void st(void *p, ptrdiff_t i, double v, int f32)
{
    if (f32)
        ((float *)p)[i] = (float)v;
    else
        ((double *)p)[i] = v;
}

/* syrk is gemm of A with itself restricted to one triangle (tri: 'U', 'L'
 * or 0 for all of C) */
static void naive_gemm(int f32, char tri, char ta, char tb, int m, int n, int k, double alpha,
                       const void *a, int lda, const void *b, int ldb, double beta, void *c,
                       int ldc)
{
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            if ((tri == 'U' && i > j) || (tri == 'L' && i < j))
                continue;
            double s = 0.0;
            for (int p = 0; p < k; p++)
                s += ld(a, ta == 'N' ? i + p * lda : p + i * lda, f32) *
                     ld(b, tb == 'N' ? p + j * ldb : j + p * ldb, f32);
            const ptrdiff_t ci = i + (ptrdiff_t)j * ldc;
            st(c, ci, alpha * s + (beta == 0.0 ? 0.0 : beta * ld(c, ci, f32)), f32);
        }
}

static void naive_sgemm(const char *ta, const char *tb, const int *m, const int *n, const int *k,
                        const float *alpha, const float *a, const int *lda, const float *b,
                        const int *ldb, const float *beta, float *c, const int *ldc)
{
    naive_gemm(1, 0, *ta, *tb, *m, *n, *k, *alpha, a, *lda, b, *ldb, *beta, c, *ldc);
}

static void naive_dgemm(const char *ta, const char *tb, const int *m, const int *n, const int *k,
                        const double *alpha, const double *a, const int *lda, const double *b,
                        const int *ldb, const double *beta, double *c, const int *ldc)
{
    naive_gemm(0, 0, *ta, *tb, *m, *n, *k, *alpha, a, *lda, b, *ldb, *beta, c, *ldc);
}

/* C = alpha op(A) op(A)^T + beta C: op(A) = A (trans 'N', n x k) or A^T */
static void naive_ssyrk(const char *uplo, const char *tr, const int *n, const int *k,
                        const float *alpha, const float *a, const int *lda, const float *beta,
                        float *c, const int *ldc)
{
    const char tb = *tr == 'N' ? 'T' : 'N';
    naive_gemm(1, *uplo, *tr, tb, *n, *n, *k, *alpha, a, *lda, a, *lda, *beta, c, *ldc);
}

static void naive_dsyrk(const char *uplo, const char *tr, const int *n, const int *k,
                        const double *alpha, const double *a, const int *lda, const double *beta,
                        double *c, const int *ldc)
{
    const char tb = *tr == 'N' ? 'T' : 'N';
    naive_gemm(0, *uplo, *tr, tb, *n, *n, *k, *alpha, a, *lda, a, *lda, *beta, c, *ldc);
}

static const kt_blas blas = {naive_sgemm, naive_dgemm, naive_ssyrk, naive_dsyrk};

enum { N = 37, M = 23, D = 5, DG = 20, K = 3 };

static double urand(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return (double)(*s >> 8) / 16777216.0;
}

/* |x_i - y_j|^2 in float64, rows of d at the byte strides given */
static double d2_at(const double *x, ptrdiff_t xs0, ptrdiff_t xs1, ptrdiff_t i, const double *y,
                    ptrdiff_t ys0, ptrdiff_t ys1, ptrdiff_t j, ptrdiff_t d)
{
    double s = 0.0;
    for (ptrdiff_t a = 0; a < d; a++) {
        const double t = *(const double *)((const char *)x + i * xs0 + a * xs1) -
                         *(const double *)((const char *)y + j * ys0 + a * ys1);
        s += t * t;
    }
    return s;
}

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_kernel_matrix(void)
{
    /* x: N x D stored column-major (strides 8, N * 8); y: M x D row-major,
     * every other row of a 2M x D array; both offset from the origin */
    static double x[N * D], ybuf[2 * M * D], out[N * M], out2[N * M], sym[N * N], sym2[N * N];
    unsigned seed = 7;
    for (int i = 0; i < N * D; i++)
        x[i] = 100.0 + urand(&seed);
    for (int i = 0; i < 2 * M * D; i++)
        ybuf[i] = 100.0 + urand(&seed);
    const ptrdiff_t xs0 = 8, xs1 = N * 8, ys0 = 2 * D * 8, ys1 = 8;
    const double gamma = 0.7, var = 2.5;
    kt_rbf_plan plan;
    CHECK_STATUS(kt_rbf_plan_init(&plan, KT_F64, KT_RBF_KERNEL, N, M, D, xs0, xs1, 1, ys0, ys1,
                                  gamma, var, &blas, 2),
                 KT_OK);
    CHECK(plan.info.nthreads >= 1 && plan.info.poll == NULL && plan.info.dtype == KT_F64);
    CHECK(plan.info.scratch_size > 0);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_rbf_execute_f64(&plan, x, ybuf, out, scratch, 0), KT_OK);
    double err = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++) {
            const double ref = var * exp(-gamma * d2_at(x, xs0, xs1, i, ybuf, ys0, ys1, j, D));
            err = fmax(err, fabs(out[i * M + j] - ref));
        }
    CHECK(err < 1e-12 * var);
    /* the simple interface: the same bits, on any thread count */
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, x, xs0, xs1, ybuf, ys0, ys1, gamma, var, out2,
                            naive_dgemm, naive_dsyrk, 1),
                 KT_OK);
    CHECK(memcmp(out, out2, sizeof out) == 0);
    /* squared distances */
    CHECK_STATUS(kt_rbf_f64(KT_RBF_SQDIST, N, M, D, x, xs0, xs1, ybuf, ys0, ys1, 0.0, 1.0, out2,
                            naive_dgemm, NULL, 2),
                 KT_OK);
    err = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++) {
            const double ref = d2_at(x, xs0, xs1, i, ybuf, ys0, ys1, j, D);
            err = fmax(err, fabs(out2[i * M + j] - ref) / ref);
        }
    CHECK(err < 1e-9);
    /* symmetric (no y): exactly var on the diagonal, exactly symmetric, with
     * syrk and without */
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, N, D, x, xs0, xs1, NULL, 0, 0, gamma, var, sym,
                            naive_dgemm, naive_dsyrk, 2),
                 KT_OK);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, N, D, x, xs0, xs1, NULL, 0, 0, gamma, var, sym2,
                            naive_dgemm, NULL, 1),
                 KT_OK);
    int exact = 1;
    err = 0.0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            exact &= sym[i * N + j] == sym[j * N + i] && (i != j || sym[i * N + i] == var);
            err = fmax(err, fabs(sym[i * N + j] -
                                 var * exp(-gamma * d2_at(x, xs0, xs1, i, x, xs0, xs1, j, D))));
            err = fmax(err, fabs(sym[i * N + j] - sym2[i * N + j]));
        }
    CHECK(exact);
    CHECK(err < 1e-12 * var);
    /* float32: near the float64 result despite the offset of 100 */
    static float fx[N * D], fy[M * D], fout[N * M];
    for (int i = 0; i < N; i++)
        for (int a = 0; a < D; a++)
            fx[i * D + a] = (float)x[i + a * N];
    for (int j = 0; j < M; j++)
        for (int a = 0; a < D; a++)
            fy[j * D + a] = (float)ybuf[2 * j * D + a];
    CHECK_STATUS(kt_rbf_f32(KT_RBF_KERNEL, N, M, D, fx, D * 4, 4, fy, D * 4, 4, gamma, var, fout,
                            naive_sgemm, naive_ssyrk, 2),
                 KT_OK);
    err = 0.0;
    for (int i = 0; i < N * M; i++)
        err = fmax(err, fabs(fout[i] - out[i]));
    CHECK(err < 1e-5 * var);
    /* cancellation: the poll is asked after the gemm */
    plan.info.poll = cancel_now;
    CHECK_STATUS(kt_rbf_execute_f64(&plan, x, ybuf, out, scratch, 1), KT_ERR_CANCELLED);
    free(scratch);
}

/* out[i, r] = var sum_j exp(-gamma |y_i - x_j|^2) w[j, r], row-major inputs */
static void gt_direct(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const double *x,
                      const double *w, const double *y, double gamma, double var, double *out)
{
    for (ptrdiff_t i = 0; i < m; i++)
        for (ptrdiff_t r = 0; r < k; r++) {
            double s = 0.0;
            for (ptrdiff_t j = 0; j < n; j++)
                s += exp(-gamma * d2_at(y, d * 8, 8, i, x, d * 8, 8, j, d)) * w[j * k + r];
            out[i * k + r] = var * s;
        }
}

static void test_gauss_transform(void)
{
    static double x[N * DG], y[M * DG], w[N * K], out[M * K], out2[M * K], ref[M * K];
    unsigned seed = 11;
    for (int i = 0; i < N * DG; i++)
        x[i] = 3.0 + urand(&seed);
    for (int i = 0; i < M * DG; i++)
        y[i] = 3.0 + urand(&seed);
    for (int i = 0; i < N * K; i++)
        w[i] = urand(&seed) - 0.5;
    /* the direct path (d = D: no BLAS) and the gemm path (d = DG) */
    const ptrdiff_t dims[2] = {D, DG};
    for (int t = 0; t < 2; t++) {
        const ptrdiff_t d = dims[t];
        const double gamma = 1.0 / (double)d, var = 1.5;
        kt_gauss_transform_plan plan;
        CHECK_STATUS(kt_gauss_transform_plan_init(&plan, KT_F64, N, M, d, K, d * 8, 8, 1, d * 8, 8,
                                                  gamma, var, t == 0 ? NULL : &blas, 2),
                     KT_OK);
        CHECK(plan.uses_gemm == (d > KT_GAUSS_TRANSFORM_DIRECT_MAX));
        void *scratch = malloc(plan.info.scratch_size);
        CHECK_STATUS(kt_gauss_transform_execute_f64(&plan, x, w, y, out, scratch, 2), KT_OK);
        gt_direct(N, M, d, K, x, w, y, gamma, var, ref);
        double err = 0.0, scale = 0.0;
        for (int i = 0; i < M * K; i++) {
            err = fmax(err, fabs(out[i] - ref[i]));
            scale = fmax(scale, fabs(ref[i]));
        }
        CHECK(err < 1e-12 * scale);
        CHECK_STATUS(kt_gauss_transform_f64(N, M, d, K, x, d * 8, 8, w, y, d * 8, 8, gamma, var,
                                            out2, t == 0 ? NULL : naive_dgemm, 1),
                     KT_OK);
        CHECK(memcmp(out, out2, sizeof out) == 0);
        /* the same in float32 */
        static float fx[N * DG], fy[M * DG], fw[N * K], fout[M * K];
        for (int i = 0; i < N * DG; i++)
            fx[i] = (float)x[i];
        for (int i = 0; i < M * DG; i++)
            fy[i] = (float)y[i];
        for (int i = 0; i < N * K; i++)
            fw[i] = (float)w[i];
        CHECK_STATUS(kt_gauss_transform_f32(N, M, d, K, fx, d * 4, 4, fw, fy, d * 4, 4, gamma, var,
                                            fout, naive_sgemm, 2),
                     KT_OK);
        err = 0.0;
        for (int i = 0; i < M * K; i++)
            err = fmax(err, fabs(fout[i] - ref[i]));
        CHECK(err < 1e-4 * scale);
        free(scratch);
    }
    /* y = x, and no sources: zeros */
    CHECK_STATUS(kt_gauss_transform_f64(N, N, D, 1, x, D * 8, 8, w, NULL, 0, 0, 0.5, 1.0, ref,
                                        NULL, 1),
                 KT_OK);
    double s0 = 0.0;
    for (int j = 0; j < N; j++)
        s0 += exp(-0.5 * d2_at(x, D * 8, 8, 0, x, D * 8, 8, j, D)) * w[j];
    CHECK(fabs(ref[0] - s0) < 1e-12 * fabs(s0) + 1e-14);
    memset(out, 0x5a, sizeof out);
    CHECK_STATUS(kt_gauss_transform_f64(0, M, D, K, x, D * 8, 8, w, y, D * 8, 8, 0.5, 1.0, out,
                                        NULL, 1),
                 KT_OK);
    int zeros = 1;
    for (int i = 0; i < M * K; i++)
        zeros &= out[i] == 0.0;
    CHECK(zeros);
}

static void test_bad_input(void)
{
    static double x[N * D], y[M * D], w[N * K], out[N * M];
    kt_rbf_plan plan;
    memset(&plan, 0x5a, sizeof plan);
#define RP(...) kt_rbf_plan_init(&plan, __VA_ARGS__)
    CHECK_STATUS(kt_rbf_plan_init(NULL, KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0,
                                  &blas, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, NULL, 1), KT_ERR_NULL);
    const kt_blas no_dgemm = {naive_sgemm, NULL, NULL, NULL};
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &no_dgemm, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(RP(9, 0, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas, 1), KT_ERR_VALUE);
    CHECK_STATUS(RP(KT_F64, 5, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas, 1), KT_ERR_MODE);
    CHECK_STATUS(RP(KT_F64, 0, -1, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas, 1), KT_ERR_SHAPE);
    CHECK_STATUS(RP(KT_F64, 0, N, -1, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas, 1), KT_ERR_SHAPE);
    CHECK_STATUS(RP(KT_F64, 0, N, M, 0, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas, 1), KT_ERR_SHAPE);
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 0, 0, 0, 1.0, 1.0, &blas, 1), KT_ERR_SHAPE);
    CHECK_STATUS(RP(KT_F64, 0, (ptrdiff_t)1 << 40, M, D, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, &blas,
                    1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, NAN, 1.0, &blas, 1), KT_ERR_VALUE);
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, -1.0, 1.0, &blas, 1), KT_ERR_VALUE);
    CHECK_STATUS(RP(KT_F64, 0, N, M, D, D * 8, 8, 1, D * 8, 8, 1.0, INFINITY, &blas, 1),
                 KT_ERR_VALUE);
#undef RP
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
    kt_gauss_transform_plan gp;
    memset(&gp, 0x5a, sizeof gp);
#define GP(...) kt_gauss_transform_plan_init(&gp, __VA_ARGS__)
    CHECK_STATUS(GP(KT_F64, N, M, D, 0, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, NULL, 1), KT_ERR_SHAPE);
    CHECK_STATUS(GP(KT_F64, N, M, -2, K, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, NULL, 1), KT_ERR_SHAPE);
    CHECK_STATUS(GP(KT_F32, N, M, DG, K, DG * 4, 4, 1, DG * 4, 4, 1.0, 1.0, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(GP(KT_F64, N, M, D, K, D * 8, 8, 1, D * 8, 8, 1.0, NAN, NULL, 1), KT_ERR_VALUE);
    CHECK_STATUS(GP(0, N, M, D, K, D * 8, 8, 1, D * 8, 8, 1.0, 1.0, NULL, 1), KT_ERR_VALUE);
#undef GP
    CHECK(kt_test_untouched(&gp, sizeof gp, 0x5a));
    /* the simple calls validate the same way and write nothing */
    memset(out, 0x5a, sizeof out);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, x, D * 8, 8, y, D * 8, 8, 1.0, 1.0, out, NULL,
                            NULL, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, NULL, D * 8, 8, y, D * 8, 8, 1.0, 1.0, out,
                            naive_dgemm, NULL, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, x, D * 8, 8, y, D * 8, 8, 1.0, 1.0, NULL,
                            naive_dgemm, NULL, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, x, D * 8, 8, NULL, 0, 0, 1.0, 1.0, out,
                            naive_dgemm, NULL, 1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(kt_gauss_transform_f64(N, M, DG, K, x, D * 8, 8, w, y, D * 8, 8, 1.0, 1.0, out,
                                        NULL, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_gauss_transform_f64(N, M, D, K, x, D * 8, 8, NULL, y, D * 8, 8, 1.0, 1.0, out,
                                        NULL, 1),
                 KT_ERR_NULL);
    /* overlap: the output over x, over y, over w */
    static double big[(N + M) * D + N * M];
    memset(big, 0x5a, sizeof big);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_KERNEL, N, M, D, big, D * 8, 8, y, D * 8, 8, 1.0, 1.0,
                            big + N * D - 1, naive_dgemm, NULL, 1),
                 KT_ERR_OVERLAP);
    CHECK_STATUS(kt_rbf_f64(KT_RBF_SQDIST, N, M, D, x, D * 8, 8, big + N * M, D * 8, 8, 1.0, 1.0,
                            big + 1, naive_dgemm, NULL, 1),
                 KT_ERR_OVERLAP);
    CHECK_STATUS(kt_gauss_transform_f64(N, M, D, K, x, D * 8, 8, big, y, D * 8, 8, 1.0, 1.0,
                                        big + K, NULL, 1),
                 KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(big, sizeof big, 0x5a));
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* execute: a zeroed plan, the wrong precision, a missing y or scratch */
    kt_rbf_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_rbf_execute_f64(&zero, x, y, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_rbf_execute_f64(NULL, x, y, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_rbf_plan_init(&plan, KT_F64, KT_RBF_KERNEL, N, M, D, D * 8, 8, 1, D * 8, 8,
                                  1.0, 1.0, &blas, 1),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size);
    float fx[4], fout[4];
    CHECK_STATUS(kt_rbf_execute_f32(&plan, fx, fx, fout, scratch, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_rbf_execute_f64(&plan, x, NULL, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_rbf_execute_f64(&plan, x, y, out, NULL, 1), KT_ERR_NULL);
    kt_gauss_transform_plan gz;
    memset(&gz, 0, sizeof gz);
    CHECK_STATUS(kt_gauss_transform_execute_f32(&gz, fx, fx, fx, fout, scratch, 1), KT_ERR_PLAN);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    free(scratch);
}

void test_rbf(void)
{
    test_kernel_matrix();
    test_gauss_transform();
    test_bad_input();
}
