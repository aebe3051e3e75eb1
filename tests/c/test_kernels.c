/* The Gaussian kernel area through the C API: values against the formulas,
 * the guru and simple interfaces against each other, threads and
 * precisions against each other, and bad input (a status, nothing
 * written). */
#include <math.h>
#include <stdlib.h>

#include "check.h"

#define INV_SQRT_2PI 0.39894228040143267794
#define PI 3.14159265358979323846

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static double max_rel(const double *a, const double *b, ptrdiff_t n)
{
    double e = 0.0;
    for (ptrdiff_t i = 0; i < n; i++)
        e = fmax(e, fabs(a[i] - b[i]) / fabs(b[i]));
    return e;
}

static void test_separable(void)
{
    /* a sampled, shifted 1-D kernel: the normal density at i - 3 - 0.2 */
    const ptrdiff_t n7[1] = {7};
    const double s13[1] = {1.3}, c02[1] = {0.2};
    double k[7], ref[7];
    CHECK_STATUS(kt_gaussian_kernel_f64(1, n7, s13, c02, NULL, KT_GAUSS_SAMPLE, 0, 0.0, k), KT_OK);
    for (int i = 0; i < 7; i++) {
        const double t = ((double)i - 3.0 - 0.2) / 1.3;
        ref[i] = INV_SQRT_2PI / 1.3 * exp(-0.5 * t * t);
    }
    CHECK(max_rel(k, ref, 7) < 1e-14);
    /* normalised, it sums to 1; its first derivative is antisymmetric */
    CHECK_STATUS(kt_gaussian_kernel_f64(1, n7, s13, NULL, NULL, KT_GAUSS_SAMPLE, 1, 0.0, k), KT_OK);
    double sum = 0.0;
    for (int i = 0; i < 7; i++)
        sum += k[i];
    CHECK(fabs(sum - 1.0) < 1e-15 && k[0] == k[6] && k[3] > k[2]);
    const int o1[1] = {1};
    CHECK_STATUS(kt_gaussian_kernel_f64(1, n7, s13, NULL, o1, KT_GAUSS_SAMPLE, 0, 0.0, k), KT_OK);
    CHECK(k[3] == 0.0 && k[0] == -k[6] && k[2] > 0.0 && k[4] < 0.0);
    /* cell masses: the central cell's is erf(1 / (2 sqrt2 sigma)), the
     * window of +-20.5 sigma holds all of it */
    const ptrdiff_t n41[1] = {41};
    const double s1[1] = {1.0};
    double m[41];
    CHECK_STATUS(kt_gaussian_kernel_f64(1, n41, s1, NULL, NULL, KT_GAUSS_INTEGRATE, 0, 0.0, m),
                 KT_OK);
    CHECK(fabs(m[20] - erf(0.5 / sqrt(2.0))) < 1e-15);
    sum = 0.0;
    for (int i = 0; i < 41; i++)
        sum += m[i];
    CHECK(fabs(sum - 1.0) < 1e-14 && m[0] > 0.0 && m[0] < 1e-80);
    /* a 3-D kernel is the outer product of its 1-D kernels, rounded once */
    enum { A = 5, B = 4, C = 6 };
    const ptrdiff_t shape[3] = {A, B, C};
    const double sigma[3] = {1.0, 0.7, 2.5}, center[3] = {0.1, 0.0, -0.3};
    const int order[3] = {0, 2, 1};
    static double k3[A * B * C], k0[A], k1[B], k2[C];
    static float f3[A * B * C];
    for (int method = KT_GAUSS_SAMPLE; method <= KT_GAUSS_INTEGRATE; method++) {
        CHECK_STATUS(kt_gaussian_kernel_f64(3, shape, sigma, center, order, method, 1, 0.0, k3),
                     KT_OK);
        CHECK_STATUS(kt_gaussian_kernel_f32(3, shape, sigma, center, order, method, 1, 0.0, f3),
                     KT_OK);
        CHECK_STATUS(kt_gaussian_kernel_f64(1, &shape[0], &sigma[0], &center[0], &order[0], method,
                                            1, 0.0, k0),
                     KT_OK);
        CHECK_STATUS(kt_gaussian_kernel_f64(1, &shape[1], &sigma[1], &center[1], &order[1], method,
                                            1, 0.0, k1),
                     KT_OK);
        CHECK_STATUS(kt_gaussian_kernel_f64(1, &shape[2], &sigma[2], &center[2], &order[2], method,
                                            1, 0.0, k2),
                     KT_OK);
        int same = 1, same32 = 1;
        for (int i = 0; i < A; i++)
            for (int j = 0; j < B; j++)
                for (int l = 0; l < C; l++) {
                    const int p = (i * B + j) * C + l;
                    same &= k3[p] == (k0[i] * k1[j]) * k2[l];
                    same32 &= f3[p] == (float)k3[p];
                }
        CHECK(same);
        CHECK(same32);
    }
    /* guru: the plan's scratch, threads, repeated executes */
    enum { N = 300 };
    const ptrdiff_t big[2] = {N, N};
    const double sb[2] = {40.0, 25.0};
    double *g1 = malloc(N * N * sizeof(double)), *g2 = malloc(N * N * sizeof(double));
    CHECK_STATUS(kt_gaussian_kernel_f64(2, big, sb, NULL, NULL, KT_GAUSS_INTEGRATE, 1, 0.0, g1),
                 KT_OK);
    kt_gaussian_kernel_plan plan;
    CHECK_STATUS(kt_gaussian_kernel_plan_init(&plan, KT_F64, 2, big, sb, NULL, NULL,
                                              KT_GAUSS_INTEGRATE, 1, 0.0, 2),
                 KT_OK);
    CHECK(plan.info.nthreads == 2 && plan.info.poll == NULL && plan.info.dtype == KT_F64);
    CHECK(plan.info.scratch_size >= 2 * N * sizeof(double));
    void *scratch = malloc(plan.info.scratch_size);
    for (int rep = 0; rep < 2; rep++) {
        memset(g2, 0, N * N * sizeof(double));
        CHECK_STATUS(kt_gaussian_kernel_execute_f64(&plan, g2, scratch, 0), KT_OK);
        CHECK(memcmp(g1, g2, N * N * sizeof(double)) == 0);
    }
    /* the wrong precision, a plan that was never made */
    float fo[4];
    CHECK_STATUS(kt_gaussian_kernel_execute_f32(&plan, fo, scratch, 1), KT_ERR_PLAN);
    kt_gaussian_kernel_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_gaussian_kernel_execute_f64(&zero, g2, scratch, 1), KT_ERR_PLAN);
    free(scratch);
    free(g1);
    free(g2);
}

/* astropy's Gaussian2D density at offset (dx, dy) */
static double rotated(double dx, double dy, double sy, double sx, double th)
{
    const double ct = cos(th), st = sin(th), s2t = sin(2.0 * th);
    const double a = 0.5 * (ct * ct / (sx * sx) + st * st / (sy * sy));
    const double b = 0.5 * (s2t / (sx * sx) - s2t / (sy * sy));
    const double c = 0.5 * (st * st / (sx * sx) + ct * ct / (sy * sy));
    return exp(-(a * dx * dx + b * dx * dy + c * dy * dy)) / (2.0 * PI * sx * sy);
}

static void test_rotated(void)
{
    enum { NY = 9, NX = 12 };
    const ptrdiff_t shape[2] = {NY, NX};
    const double sigma[2] = {1.5, 2.5}, center[2] = {0.25, -0.5}, theta = 0.6;
    static double k[NY * NX], ref[NY * NX];
    static float f[NY * NX];
    CHECK_STATUS(kt_gaussian_kernel_f64(2, shape, sigma, center, NULL, KT_GAUSS_SAMPLE, 0, theta,
                                        k),
                 KT_OK);
    for (int i = 0; i < NY; i++)
        for (int j = 0; j < NX; j++)
            ref[i * NX + j] = rotated((j - 0.5 * (NX - 1)) - center[1],
                                      (i - 0.5 * (NY - 1)) - center[0], sigma[0], sigma[1], theta);
    CHECK(max_rel(k, ref, NY * NX) < 1e-13);
    CHECK_STATUS(kt_gaussian_kernel_f32(2, shape, sigma, center, NULL, KT_GAUSS_SAMPLE, 0, theta,
                                        f),
                 KT_OK);
    int same = 1;
    for (int i = 0; i < NY * NX; i++)
        same &= f[i] == (float)k[i];
    CHECK(same);
    /* cell-integrated, normalised: sums to 1, centred ones are point
     * symmetric; threads give the same bits */
    enum { M = 40 };
    const ptrdiff_t sq[2] = {M, M};
    const double narrow[2] = {0.3, 0.45};
    double *a = malloc(M * M * sizeof(double)), *b = malloc(M * M * sizeof(double));
    CHECK_STATUS(kt_gaussian_kernel_f64(2, sq, narrow, NULL, NULL, KT_GAUSS_INTEGRATE, 1, 1.0, a),
                 KT_OK);
    double sum = 0.0;
    int sym = 1;
    for (int i = 0; i < M * M; i++) {
        sum += a[i];
        sym &= a[i] == a[M * M - 1 - i];
    }
    CHECK(fabs(sum - 1.0) < 1e-13 && sym);
    kt_gaussian_kernel_plan plan;
    CHECK_STATUS(kt_gaussian_kernel_plan_init(&plan, KT_F64, 2, sq, narrow, NULL, NULL,
                                              KT_GAUSS_INTEGRATE, 1, 1.0, 2),
                 KT_OK);
    CHECK(plan.info.nthreads == 2 && plan.info.scratch_size == 0);
    CHECK_STATUS(kt_gaussian_kernel_execute_f64(&plan, b, NULL, 2), KT_OK);
    CHECK(memcmp(a, b, M * M * sizeof(double)) == 0);
    /* cancellation: the poll asks to stop (polls start KT_POLL_MS into a
     * call; one call takes longer than that) */
    {
        enum { S = 64 };
        const ptrdiff_t cs[2] = {S, S};
        const double tiny[2] = {0.1, 0.1};
        double *o = malloc(S * S * sizeof(double));
        kt_gaussian_kernel_plan cp;
        CHECK_STATUS(kt_gaussian_kernel_plan_init(&cp, KT_F64, 2, cs, tiny, NULL, NULL,
                                                  KT_GAUSS_INTEGRATE, 1, 0.3, 1),
                     KT_OK);
        cp.info.poll = cancel_now;
        int st = KT_OK;
        for (int rep = 0; rep < 20 && st == KT_OK; rep++)
            st = kt_gaussian_kernel_execute_f64(&cp, o, NULL, 1);
        CHECK(st == KT_ERR_CANCELLED);
        free(o);
    }
    free(a);
    free(b);
}

static void test_bad_input(void)
{
    const ptrdiff_t shape[2] = {5, 6};
    const double sigma[2] = {1.0, 2.0};
    static double out[30];
    memset(out, 0x5a, sizeof out);
#define GK(...) kt_gaussian_kernel_f64(__VA_ARGS__)
    CHECK_STATUS(GK(2, NULL, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_NULL);
    CHECK_STATUS(GK(2, shape, NULL, NULL, NULL, 0, 1, 0.0, out), KT_ERR_NULL);
    CHECK_STATUS(GK(2, shape, sigma, NULL, NULL, 0, 1, 0.0, NULL), KT_ERR_NULL);
    CHECK_STATUS(GK(0, shape, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_NDIM);
    CHECK_STATUS(GK(KT_MAX_NDIM + 1, shape, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_NDIM);
    const ptrdiff_t zero[2] = {5, 0}, neg[2] = {-1, 6};
    CHECK_STATUS(GK(2, zero, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_SHAPE);
    CHECK_STATUS(GK(2, neg, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_SHAPE);
    const double nan_s[2] = {1.0, NAN}, neg_s[2] = {-1.0, 1.0}, zero_s[2] = {0.0, 1.0},
                 inf_s[2] = {1.0, INFINITY}, nan_c[2] = {0.0, NAN};
    CHECK_STATUS(GK(2, shape, nan_s, NULL, NULL, 0, 1, 0.0, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, neg_s, NULL, NULL, 0, 1, 0.0, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, zero_s, NULL, NULL, 0, 1, 0.0, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, inf_s, NULL, NULL, 0, 1, 0.0, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, sigma, nan_c, NULL, 0, 1, 0.0, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, sigma, NULL, NULL, 0, 1, NAN, out), KT_ERR_VALUE);
    CHECK_STATUS(GK(2, shape, sigma, NULL, NULL, 2, 1, 0.0, out), KT_ERR_MODE);
    CHECK_STATUS(GK(2, shape, sigma, NULL, NULL, -1, 1, 0.0, out), KT_ERR_MODE);
    const int bad_order[2] = {0, -1}, order1[2] = {1, 0};
    CHECK_STATUS(GK(2, shape, sigma, NULL, bad_order, 0, 1, 0.0, out), KT_ERR_ORDER);
    /* rotation: 2-D, order 0 only */
    CHECK_STATUS(GK(2, shape, sigma, NULL, order1, 0, 1, 0.5, out), KT_ERR_UNSUPPORTED);
    const ptrdiff_t s3[3] = {2, 3, 5};
    const double sig3[3] = {1.0, 1.0, 1.0};
    CHECK_STATUS(GK(3, s3, sig3, NULL, NULL, 0, 1, 0.5, out), KT_ERR_UNSUPPORTED);
    /* too large to address */
    const ptrdiff_t huge[2] = {PTRDIFF_MAX / 4, PTRDIFF_MAX / 4};
    CHECK_STATUS(GK(2, huge, sigma, NULL, NULL, 0, 1, 0.0, out), KT_ERR_SHAPE);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* the guru interface validates the same way, and writes no plan */
    kt_gaussian_kernel_plan plan;
    memset(&plan, 0x5a, sizeof plan);
#define PI_(...) kt_gaussian_kernel_plan_init(&plan, __VA_ARGS__)
    CHECK_STATUS(PI_(KT_F64, 2, shape, nan_s, NULL, NULL, 0, 1, 0.0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PI_(KT_F64, 2, shape, sigma, NULL, NULL, 5, 1, 0.0, 1), KT_ERR_MODE);
    CHECK_STATUS(PI_(KT_F64, 2, neg, sigma, NULL, NULL, 0, 1, 0.0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(PI_(KT_F64, 2, shape, sigma, NULL, bad_order, 0, 1, 0.0, 1), KT_ERR_ORDER);
    CHECK_STATUS(PI_(7, 2, shape, sigma, NULL, NULL, 0, 1, 0.0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PI_(0, 2, shape, sigma, NULL, NULL, 0, 1, 0.0, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_gaussian_kernel_plan_init(NULL, KT_F64, 2, shape, sigma, NULL, NULL, 0, 1, 0.0,
                                              1),
                 KT_ERR_NULL);
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
#undef PI_
    /* execute: no output, no scratch where the plan needs some */
    CHECK_STATUS(kt_gaussian_kernel_plan_init(&plan, KT_F32, 2, shape, sigma, NULL, NULL, 0, 1,
                                              0.0, 1),
                 KT_OK);
    CHECK(plan.info.scratch_size > 0);
    static float fout[30];
    memset(fout, 0x5a, sizeof fout);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_gaussian_kernel_execute_f32(&plan, NULL, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_gaussian_kernel_execute_f32(&plan, fout, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_gaussian_kernel_execute_f32(NULL, fout, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_gaussian_kernel_execute_f64(&plan, out, scratch, 1), KT_ERR_PLAN);
    CHECK(kt_test_untouched(fout, sizeof fout, 0x5a));
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    CHECK_STATUS(kt_gaussian_kernel_execute_f32(&plan, fout, scratch, 1), KT_OK);
    CHECK(fout[14] > fout[0]);
    free(scratch);
#undef GK
}

void test_kernels(void)
{
    test_separable();
    test_rotated();
    test_bad_input();
}
