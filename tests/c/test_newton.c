/* The Newton area through the C API: divided differences, nested evaluation
 * (guru and simple, values and derivatives) against direct loops and known
 * polynomials, Leja order, Krogh's table, and bad input (a status, nothing
 * written). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

enum { NN = 9, MP = 1000 };

static double f(double t) { return 1.0 / (1.0 + 4.0 * t * t); }

/* p(t) = 1 + 2t - t^2 + 0.5 t^3 and its first two derivatives */
static double p3(double t) { return ((0.5 * t - 1.0) * t + 2.0) * t + 1.0; }
static double dp3(double t) { return (1.5 * t - 2.0) * t + 2.0; }
static double d2p3(double t) { return 3.0 * t - 2.0; }

static void test_eval(void)
{
    double z[NN], a[NN];
    for (int i = 0; i < NN; i++) {
        z[i] = cos((2.0 * i + 1.0) * 3.141592653589793 / (2.0 * NN));
        a[i] = f(z[i]);
    }
    CHECK_STATUS(kt_newton_coeffs_f64(NN, 1, z, a, NULL), KT_OK);
    static double x[MP], out[MP];
    for (int i = 0; i < MP; i++)
        x[i] = -1.2 + 2.4 * i / (MP - 1);
    CHECK_STATUS(kt_newton_eval_f64(NN, z, a, MP, x, 0, out, 2), KT_OK);
    double err = 0.0, interp_err = 0.0;
    for (int i = 0; i < MP; i++) {
        double q = a[NN - 1];
        for (int k = NN - 2; k >= 0; k--)
            q = q * (x[i] - z[k]) + a[k];
        err = fmax(err, fabs(out[i] - q));
    }
    for (int i = 0; i < NN; i++) { /* it interpolates */
        double v;
        CHECK_STATUS(kt_newton_eval_f64(NN, z, a, 1, z + i, 0, &v, 1), KT_OK);
        interp_err = fmax(interp_err, fabs(v - f(z[i])));
    }
    CHECK(err < 1e-13 && interp_err < 1e-13);
    /* float32 points: the same values to float precision */
    static float xf[MP], of[MP];
    for (int i = 0; i < MP; i++)
        xf[i] = (float)x[i];
    CHECK_STATUS(kt_newton_eval_f32(NN, z, a, MP, xf, 0, of, 1), KT_OK);
    err = 0.0;
    for (int i = 0; i < MP; i++)
        err = fmax(err, fabs(of[i] - out[i]));
    CHECK(err < 1e-5);
}

static void test_derivatives(void)
{
    /* a cubic through 5 nodes: its Newton form is exact; orders 1..3 of two
     * columns (the second: 2 p), into a strided (order, point, column) array */
    enum { K = 5, NC = 2, D = 3 };
    double z[K] = {-1.0, 0.5, 2.0, -0.25, 1.25}, a[NC * K];
    for (int i = 0; i < K; i++) {
        a[i] = p3(z[i]);
        a[K + i] = 2.0 * p3(z[i]);
    }
    CHECK_STATUS(kt_newton_coeffs_f64(K, NC, z, a, NULL), KT_OK);
    static double x[MP], out[D][MP][NC + 1];
    for (int i = 0; i < MP; i++)
        x[i] = -2.0 + 4.0 * i / (MP - 1);
    memset(out, 0x5a, sizeof out);
    kt_newton_plan plan;
    /* a: coefficient k of column c at a + k * 8 + c * 8K (column-contiguous) */
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, K, NC, 8, 8 * K, MP, 8, 1, D,
                                     (ptrdiff_t)sizeof out[0], (ptrdiff_t)sizeof out[0][0], 8, 2),
                 KT_OK);
    CHECK(plan.info.scratch_size > 0 && plan.info.nthreads >= 1 && plan.info.poll == NULL);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, x, &out[0][0][0], scratch, 0), KT_OK);
    double err = 0.0;
    int pad = 1;
    for (int i = 0; i < MP; i++) {
        const double t = x[i];
        const double want[D] = {dp3(t), d2p3(t), 3.0};
        for (int d = 0; d < D; d++)
            for (int c = 0; c < NC; c++)
                err = fmax(err, fabs(out[d][i][c] - (c + 1) * want[d]) / (1.0 + fabs(want[d])));
        for (int d = 0; d < D; d++)
            pad &= kt_test_untouched(&out[d][i][NC], sizeof(double), 0x5a);
    }
    CHECK(err < 1e-12 && pad);
    /* the simple call gives the same orders, one at a time */
    static double o1[MP];
    for (int d = 1; d <= D; d++) {
        CHECK_STATUS(kt_newton_eval_f64(K, z, a, MP, x, d, o1, 1), KT_OK);
        int same = 1;
        for (int i = 0; i < MP; i++)
            same &= o1[i] == out[d - 1][i][0];
        CHECK(same);
    }
    /* orders beyond the degree are zero */
    CHECK_STATUS(kt_newton_eval_f64(K, z, a, MP, x, K, o1, 1), KT_OK);
    int zero = 1;
    for (int i = 0; i < MP; i++)
        zero &= o1[i] == 0.0;
    CHECK(zero);
    free(scratch);
}

static void test_utilities(void)
{
    /* Leja: the largest |x| first, then a permutation */
    const double x[6] = {0.1, -0.9, 0.5, 0.9, -0.2, 0.3};
    ptrdiff_t idx[6];
    CHECK_STATUS(kt_leja_order(6, x, idx), KT_OK);
    int seen = 0;
    for (int i = 0; i < 6; i++)
        seen |= 1 << idx[i];
    CHECK(idx[0] == 1 && idx[1] == 3 && seen == 63);
    CHECK_STATUS(kt_leja_order(0, NULL, NULL), KT_OK);
    /* Krogh: value and first derivative at 0 and 1 of p3 (Hermite cubic = p3) */
    const double z[4] = {0.0, 0.0, 1.0, 1.0};
    double a[4] = {p3(0.0), dp3(0.0), p3(1.0), dp3(1.0)};
    CHECK_STATUS(kt_krogh_coeffs_f64(4, 1, z, a), KT_OK);
    double v[3];
    const double t[3] = {-0.5, 0.3, 2.0};
    CHECK_STATUS(kt_newton_eval_f64(4, z, a, 3, t, 0, v, 1), KT_OK);
    CHECK(fabs(v[0] - p3(-0.5)) < 1e-13 && fabs(v[1] - p3(0.3)) < 1e-13 &&
          fabs(v[2] - p3(2.0)) < 1e-12);
    /* adding points gives the coefficients of the whole set */
    double xs[5] = {0.0, 1.0, 2.0, 3.0, 4.0}, ys[5], whole[5], diag[5], anew[2];
    for (int i = 0; i < 5; i++)
        whole[i] = ys[i] = f(xs[i]);
    CHECK_STATUS(kt_newton_coeffs_f64(5, 1, xs, whole, NULL), KT_OK);
    double part[3] = {ys[0], ys[1], ys[2]};
    CHECK_STATUS(kt_newton_coeffs_f64(3, 1, xs, part, diag), KT_OK);
    CHECK_STATUS(kt_newton_add_points_f64(3, 2, 1, xs, diag, ys + 3, anew), KT_OK);
    CHECK(fabs(anew[0] - whole[3]) < 1e-14 && fabs(anew[1] - whole[4]) < 1e-14);
}

static void test_bad_input(void)
{
    double z[4] = {0.0, 1.0, 2.0, 3.0}, a[4] = {1.0, 2.0, 3.0, 4.0};
    static double x[64], out[3 * 64];
    memset(out, 0x5a, sizeof out);
    kt_newton_plan plan;
    memset(&plan, 0x5a, sizeof plan);
    CHECK_STATUS(kt_newton_plan_init(NULL, KT_F64, 4, 1, 8, 32, 64, 8, 0, 0, 0, 8, 8, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_newton_plan_init(&plan, 9, 4, 1, 8, 32, 64, 8, 0, 0, 0, 8, 8, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 0, 1, 8, 32, 64, 8, 0, 0, 0, 8, 8, 1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, -1, 8, 32, 64, 8, 0, 0, 0, 8, 8, 1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, 1, 8, 32, -64, 8, 0, 0, 0, 8, 8, 1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, 1, 8, 32, 64, 8, 0, -1, 0, 8, 8, 1),
                 KT_ERR_ORDER);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, 1, 8, 32, 64, 8, 2, 1, 0, 8, 8, 1),
                 KT_ERR_ORDER);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, 1, 8, 32, 64, 8, -1, 1, 0, 8, 8, 1),
                 KT_ERR_ORDER);
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
    /* execute: plans of another precision or none, NULL data, overlap */
    kt_newton_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_newton_execute_f64(&zero, z, a, x, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F32, 4, 1, 8, 32, 64, 4, 0, 0, 0, 4, 4, 1), KT_OK);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, x, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_newton_plan_init(&plan, KT_F64, 4, 1, 8, 32, 64, 8, 0, 2, 64 * 8, 8, 8, 1),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, x, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_newton_execute_f64(&plan, NULL, a, x, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, NULL, x, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, NULL, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, x, NULL, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, a, out + 100, out, scratch, 1), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_newton_execute_f64(&plan, out + 190, a, x, out, scratch, 1), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_newton_execute_f64(&plan, z, out + 3, x, out, scratch, 1), KT_ERR_OVERLAP);
    free(scratch);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    CHECK_STATUS(kt_newton_eval_f64(4, z, a, 64, out + 1, 0, out, 1), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_newton_eval_f64(4, z, a, 64, x, -1, out, 1), KT_ERR_ORDER);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* m == 0: nothing to do */
    CHECK_STATUS(kt_newton_eval_f64(4, z, a, 0, NULL, 0, NULL, 1), KT_OK);
    /* the utilities */
    const double bad[3] = {0.0, NAN, 1.0}, rep[3] = {0.0, 1.0, 0.0};
    ptrdiff_t idx[3] = {-7, -7, -7};
    double c3[3] = {1.0, 2.0, 3.0};
    CHECK_STATUS(kt_leja_order(-1, bad, idx), KT_ERR_SHAPE);
    CHECK_STATUS(kt_leja_order(3, bad, idx), KT_ERR_VALUE);
    CHECK_STATUS(kt_leja_order(3, NULL, idx), KT_ERR_NULL);
    CHECK(idx[0] == -7 && idx[1] == -7 && idx[2] == -7);
    CHECK_STATUS(kt_krogh_coeffs_f64(3, 1, rep, c3), KT_ERR_VALUE);
    CHECK_STATUS(kt_krogh_coeffs_f64(3, 1, bad, c3), KT_ERR_VALUE);
    CHECK_STATUS(kt_krogh_coeffs_f64(0, 1, rep, c3), KT_ERR_SHAPE);
    CHECK_STATUS(kt_krogh_coeffs_f64(3, 1, rep, NULL), KT_ERR_NULL);
    CHECK(c3[0] == 1.0 && c3[1] == 2.0 && c3[2] == 3.0);
    CHECK_STATUS(kt_newton_coeffs_f64(3, 1, bad, c3, NULL), KT_ERR_VALUE);
    CHECK_STATUS(kt_newton_add_points_f64(2, 1, 1, rep, c3, c3, c3), KT_ERR_VALUE);
}

void test_newton(void)
{
    test_eval();
    test_derivatives();
    test_utilities();
    test_bad_input();
}
