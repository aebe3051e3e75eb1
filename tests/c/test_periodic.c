/* The periodic Gauss transform through the C API: both methods against an
 * explicit image sum, the guru and simple interfaces against each other,
 * thread-count independence, and bad input (a status, nothing written). */
#include <math.h>
#include <stdlib.h>

#include "check.h"

enum { N = 60, M = 25, NRHS = 2 };

static const double TWO_PI = 6.283185307179586;

static double urand(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return (double)(*s >> 8) / 16777216.0;
}

/* f(y_i) = sum_j q_j sum_{|v_a| <= 4} exp(-|y_i - x_j + L v|^2 / 2 s^2), 2-D;
 * x given column-major (x[a * N + j]), y and q row-major */
static void image_sum(const double *x, const double *q, const double *y, ptrdiff_t m,
                      double s, double L, double *out)
{
    for (ptrdiff_t i = 0; i < m; i++)
        for (int r = 0; r < NRHS; r++) {
            double f = 0.0;
            for (int j = 0; j < N; j++) {
                double g[2] = {0.0, 0.0};
                for (int a = 0; a < 2; a++)
                    for (int v = -4; v <= 4; v++) {
                        const double t = y[i * 2 + a] - x[a * N + j] + L * v;
                        g[a] += exp(-t * t / (2 * s * s));
                    }
                f += q[j * NRHS + r] * g[0] * g[1];
            }
            out[i * NRHS + r] = f;
        }
}

static void test_methods(void)
{
    static double x[2 * N], xr[N * 2], q[N * NRHS], y[M * 2], out[M * NRHS], out2[M * NRHS];
    static double ref[M * NRHS], self[N * NRHS], self2[N * NRHS], selfref[N * NRHS];
    unsigned seed = 3;
    for (int i = 0; i < 2 * N; i++)
        x[i] = 8.0 * urand(&seed) - 1.0; /* some outside [0, L): wrapped */
    for (int j = 0; j < N; j++)
        for (int a = 0; a < 2; a++)
            xr[j * 2 + a] = x[a * N + j];
    for (int i = 0; i < N * NRHS; i++)
        q[i] = urand(&seed) - 0.3;
    for (int i = 0; i < M * 2; i++)
        y[i] = TWO_PI * urand(&seed);
    double qsum[NRHS] = {0.0, 0.0};
    for (int j = 0; j < N; j++)
        for (int r = 0; r < NRHS; r++)
            qsum[r] += fabs(q[j * NRHS + r]);
    const double sigmas[2] = {0.3, 1.5}, tol = 1e-10;
    const int methods[2] = {KT_PERIODIC_DIRECT, KT_PERIODIC_FOURIER};
    for (int si = 0; si < 2; si++)
        for (int mi = 0; mi < 2; mi++) {
            const double s = sigmas[si];
            kt_periodic_plan plan;
            /* x column-major: strides 8 (point), N * 8 (coordinate) */
            CHECK_STATUS(kt_periodic_plan_init(&plan, KT_F64, 2, N, M, NRHS, 8, N * 8, 1, 16, 8,
                                               s, TWO_PI, tol, methods[mi], 2),
                         KT_OK);
            CHECK(plan.method == methods[mi] && plan.d == 2 && plan.n == N && plan.m == M);
            CHECK(plan.info.nthreads >= 1 && plan.info.scratch_size > 0 && plan.kmax >= 1.0);
            void *scratch = malloc(plan.info.scratch_size);
            CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, out, scratch, 2), KT_OK);
            image_sum(x, q, y, M, s, TWO_PI, ref);
            int ok = 1;
            for (int i = 0; i < M; i++)
                for (int r = 0; r < NRHS; r++)
                    ok &= fabs(out[i * NRHS + r] - ref[i * NRHS + r]) <=
                          tol * plan.kmax * qsum[r] * 1.01 + 1e-13;
            CHECK(ok);
            /* one thread: the same bits; the simple interface with row-major x */
            CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, out2, scratch, 1), KT_OK);
            CHECK(memcmp(out, out2, sizeof out) == 0);
            CHECK_STATUS(kt_periodic_gauss_transform_f64(2, N, M, NRHS, xr, 16, 8, q, y, 16, 8, s,
                                                         TWO_PI, tol, methods[mi], out2, 1),
                         KT_OK);
            CHECK(memcmp(out, out2, sizeof out) == 0);
            /* at the points themselves (no y) */
            CHECK_STATUS(kt_periodic_gauss_transform_f64(2, N, N, NRHS, xr, 16, 8, q, NULL, 0, 0,
                                                         s, TWO_PI, tol, methods[mi], self, 2),
                         KT_OK);
            CHECK_STATUS(kt_periodic_gauss_transform_f64(2, N, N, NRHS, xr, 16, 8, q, xr, 16, 8,
                                                         s, TWO_PI, tol, methods[mi], self2, 1),
                         KT_OK);
            image_sum(x, q, xr, N, s, TWO_PI, selfref);
            ok = 1;
            for (int i = 0; i < N * NRHS; i++)
                ok &= fabs(self[i] - selfref[i]) <= tol * plan.kmax * (qsum[0] + qsum[1]) + 1e-13 &&
                      fabs(self[i] - self2[i]) <= 1e-13 * (qsum[0] + qsum[1]);
            CHECK(ok);
            free(scratch);
        }
    /* auto picks one of the two; no sources: zeros */
    kt_periodic_plan plan;
    CHECK_STATUS(kt_periodic_plan_init(&plan, KT_F64, 3, 1000, 1000, 1, 24, 8, 1, 24, 8, 0.05,
                                       TWO_PI, tol, KT_PERIODIC_AUTO, 1),
                 KT_OK);
    CHECK(plan.method == KT_PERIODIC_DIRECT && plan.cost_direct < plan.cost_fourier);
    memset(out, 0x5a, sizeof out);
    CHECK_STATUS(kt_periodic_gauss_transform_f64(2, 0, M, NRHS, xr, 16, 8, q, y, 16, 8, 0.5,
                                                 TWO_PI, tol, KT_PERIODIC_AUTO, out, 1),
                 KT_OK);
    int zeros = 1;
    for (int i = 0; i < M * NRHS; i++)
        zeros &= out[i] == 0.0;
    CHECK(zeros);
}

static void test_bad_input(void)
{
    static double x[N * 2], q[N * NRHS], y[M * 2], out[M * NRHS];
    for (int i = 0; i < N * 2; i++)
        x[i] = 0.1 * i;
    for (int i = 0; i < M * 2; i++)
        y[i] = 0.2 * i;
    kt_periodic_plan plan;
    memset(&plan, 0x5a, sizeof plan);
#define PP(...) kt_periodic_plan_init(&plan, __VA_ARGS__)
    CHECK_STATUS(kt_periodic_plan_init(NULL, KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8,
                                       0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(PP(KT_F32, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1),
                 KT_ERR_UNSUPPORTED);
    CHECK_STATUS(PP(0, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 0, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_NDIM);
    CHECK_STATUS(PP(KT_F64, 4, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_NDIM);
    CHECK_STATUS(PP(KT_F64, 2, -1, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(PP(KT_F64, 2, N, -1, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 0, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 0, 0, 0, 0.5, 1.0, 1e-8, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, NAN, 1.0, 1e-8, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, -0.5, 1.0, 1e-8, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 0.0, 1e-8, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, INFINITY, 1e-8, 0, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1.0, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, NAN, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, 3, 1), KT_ERR_MODE);
    CHECK_STATUS(PP(KT_F64, 2, N, M, 1, 16, 8, 1, 16, 8, 0.5, 1.0, 1e-8, -1, 1), KT_ERR_MODE);
    /* a forced method that would need too many modes */
    CHECK_STATUS(PP(KT_F64, 3, N, M, 1, 24, 8, 1, 24, 8, 0.001, 1.0, 1e-12, KT_PERIODIC_FOURIER,
                    1),
                 KT_ERR_UNSUPPORTED);
#undef PP
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
    /* execute: a zeroed plan, NULL pointers, NaN coordinates, overlap */
    memset(out, 0x5a, sizeof out);
    kt_periodic_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_periodic_execute_f64(&zero, x, q, y, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_periodic_execute_f64(NULL, x, q, y, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_periodic_plan_init(&plan, KT_F64, 2, N, M, NRHS, 16, 8, 1, 16, 8, 0.5, 1.0,
                                       1e-8, KT_PERIODIC_AUTO, 1),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, NULL, q, y, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, NULL, y, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, NULL, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, NULL, scratch, 1), KT_ERR_NULL);
    y[7] = NAN;
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, out, scratch, 1), KT_ERR_VALUE);
    y[7] = 0.0;
    x[3] = INFINITY;
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, q, y, out, scratch, 1), KT_ERR_VALUE);
    x[3] = 0.0;
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* out over q, over y */
    static double big[N * NRHS + M * NRHS];
    memset(big, 0x5a, sizeof big);
    CHECK_STATUS(kt_periodic_execute_f64(&plan, x, big, y, big + 1, scratch, 1), KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(big, sizeof big, 0x5a));
    CHECK_STATUS(kt_periodic_gauss_transform_f64(2, N, M, NRHS, x, 16, 8, q, out + 2, 16, 8, 0.5,
                                                 1.0, 1e-8, KT_PERIODIC_AUTO, out, 1),
                 KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    free(scratch);
}

void test_periodic(void)
{
    test_methods();
    test_bad_input();
}
