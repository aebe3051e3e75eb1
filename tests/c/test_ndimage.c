/* The ndimage area through the C API: results against a
 * direct loop, the guru and simple interfaces against each other, and bad
 * input (a status, nothing written). */
#include <math.h>
#include <stdlib.h>

#include "check.h"

enum { NY = 23, NX = 31 };

/* out[y][x] = sum_k w[k] in[y][reflect(x + k - r)]: scipy's reflect mode */
static void direct_rows(const double *in, double *out, const double *w, ptrdiff_t r)
{
    for (int y = 0; y < NY; y++)
        for (int x = 0; x < NX; x++) {
            double a = 0.0;
            for (ptrdiff_t k = -r; k <= r; k++) {
                ptrdiff_t v = x + k;
                while (v < 0 || v >= NX)
                    v = v < 0 ? -v - 1 : 2 * NX - 1 - v;
                a += w[r + k] * in[y * NX + v];
            }
            out[y * NX + x] = a;
        }
}

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_correlate(void)
{
    const ptrdiff_t shape[2] = {NY, NX}, strides[2] = {NX * 8, 8};
    static double in[NY * NX], out[NY * NX], ref[NY * NX];
    for (int i = 0; i < NY * NX; i++)
        in[i] = sin(0.37 * i) + 0.01 * (i % 7);
    const double w[5] = {0.1, 0.2, 0.4, 0.2, 0.1};
    const kt_pass pass = {1, KT_MODE_REFLECT, 2, w, 0.0};
    kt_correlate_plan plan;
    CHECK_STATUS(kt_correlate_plan_init(&plan, KT_F64, 2, shape, strides, strides, 1, &pass, 2),
                 KT_OK);
    CHECK(plan.info.nthreads >= 1 && plan.info.poll == NULL);
    void *scratch = malloc(plan.info.scratch_size ? plan.info.scratch_size : 1);
    CHECK_STATUS(kt_correlate_execute_f64(&plan, in, out, scratch, 0), KT_OK);
    direct_rows(in, ref, w, 2);
    double err = 0.0;
    for (int i = 0; i < NY * NX; i++)
        err = fmax(err, fabs(out[i] - ref[i]));
    CHECK(err < 1e-15);
    /* the wrong precision, a plan that was never made */
    float fin[4] = {0}, fout[4] = {0};
    CHECK_STATUS(kt_correlate_execute_f32(&plan, fin, fout, scratch, 1), KT_ERR_PLAN);
    kt_correlate_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_correlate_execute_f64(&zero, in, out, scratch, 1), KT_ERR_PLAN);
    /* cancellation: the poll asks to stop (polls start KT_POLL_MS into a
     * call: a call of many long lines, repeated until one has come) */
    {
        enum { SIDE = 1024, R = 1500 };
        double *a = calloc(SIDE * SIDE, sizeof(double)), *b = malloc(SIDE * SIDE * sizeof(double));
        const ptrdiff_t bs[2] = {SIDE, SIDE}, bst[2] = {SIDE * 8, 8};
        static double wide[2 * R + 1];
        wide[R] = 1.0;
        const kt_pass p2 = {1, KT_MODE_NEAREST, R, wide, 0.0};
        kt_correlate_plan bp;
        CHECK_STATUS(kt_correlate_plan_init(&bp, KT_F64, 2, bs, bst, bst, 1, &p2, 1), KT_OK);
        void *bsc = malloc(bp.info.scratch_size);
        bp.info.poll = cancel_now;
        int st = KT_OK;
        for (int rep = 0; rep < 1000 && st == KT_OK; rep++)
            st = kt_correlate_execute_f64(&bp, a, b, bsc, 1);
        CHECK(st == KT_ERR_CANCELLED);
        free(a);
        free(b);
        free(bsc);
    }
    free(scratch);
}

static void test_gaussian_filter(void)
{
    const ptrdiff_t shape[2] = {NY, NX}, strides[2] = {NX * 8, 8};
    static double in[NY * NX], out[NY * NX], out2[NY * NX];
    for (int i = 0; i < NY * NX; i++)
        in[i] = cos(0.11 * i * i);
    const double sigma[2] = {1.5, 0.0};
    const int order[2] = {0, 0}, mode[2] = {KT_MODE_MIRROR, KT_MODE_WRAP};
    CHECK_STATUS(kt_gaussian_filter_f64(2, shape, in, strides, out, strides, sigma, order, mode,
                                        0.0, 4.0, 2),
                 KT_OK);
    /* the same through the guru interface with kt_gaussian_kernel1d_f64's weights */
    double w[13];
    CHECK_STATUS(kt_gaussian_kernel1d_f64(1.5, 0, 6, w), KT_OK);
    double sum = 0.0;
    for (int k = 0; k < 13; k++)
        sum += w[k];
    CHECK(fabs(sum - 1.0) < 1e-15 && w[0] == w[12] && w[6] > w[5]);
    const kt_pass pass = {0, KT_MODE_MIRROR, 6, w, 0.0};
    CHECK_STATUS(kt_correlate_f64(2, shape, in, strides, out2, strides, 1, &pass, 1), KT_OK);
    CHECK(memcmp(out, out2, sizeof out) == 0);
    /* in place, and the first derivative is antisymmetric */
    memcpy(out2, in, sizeof in);
    const double s1[2] = {0.0, 2.0};
    const int o1[2] = {0, 1};
    CHECK_STATUS(kt_gaussian_filter_f64(2, shape, out2, strides, out2, strides, s1, o1, mode,
                                        0.0, 4.0, 1),
                 KT_OK);
    double d[9];
    CHECK_STATUS(kt_gaussian_kernel1d_f64(2.0, 1, 4, d), KT_OK);
    /* correlation weights of the derivative: w[r + x] = phi'(-x) */
    CHECK(d[4] == 0.0 && d[0] == -d[8] && d[5] > 0.0 && d[3] < 0.0);
    /* float32 agrees with float64 */
    static float fin[NY * NX], fout[NY * NX];
    const ptrdiff_t fstr[2] = {NX * 4, 4};
    for (int i = 0; i < NY * NX; i++)
        fin[i] = (float)in[i];
    CHECK_STATUS(kt_gaussian_filter_f32(2, shape, fin, fstr, fout, fstr, sigma, order, mode, 0.0,
                                        4.0, 1),
                 KT_OK);
    double err = 0.0;
    for (int i = 0; i < NY * NX; i++)
        err = fmax(err, fabs(fout[i] - out[i]));
    CHECK(err < 1e-5);
}

static void test_bad_input(void)
{
    const ptrdiff_t shape[2] = {NY, NX}, strides[2] = {NX * 8, 8};
    static double in[NY * NX], out[NY * NX];
    const double sigma[2] = {1.0, 1.0};
    const int order[2] = {0, 0}, mode[2] = {0, 0};
    memset(out, 0x5a, sizeof out);
#define GF(...) kt_gaussian_filter_f64(__VA_ARGS__)
    CHECK_STATUS(GF(2, NULL, in, strides, out, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(GF(2, shape, NULL, strides, out, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(GF(2, shape, in, strides, NULL, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, NULL, order, mode, 0.0, 4.0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(GF(-1, shape, in, strides, out, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_NDIM);
    CHECK_STATUS(GF(KT_MAX_NDIM + 1, shape, in, strides, out, strides, sigma, order, mode, 0.0,
                    4.0, 1),
                 KT_ERR_NDIM);
    const ptrdiff_t neg[2] = {NY, -3};
    CHECK_STATUS(GF(2, neg, in, strides, out, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_SHAPE);
    const double nan_sigma[2] = {1.0, NAN}, neg_sigma[2] = {-1.0, 1.0};
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, nan_sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, neg_sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, sigma, order, mode, 0.0, NAN, 1),
                 KT_ERR_VALUE);
    const int bad_mode[2] = {0, 9}, bad_order[2] = {-1, 0};
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, sigma, order, bad_mode, 0.0, 4.0, 1),
                 KT_ERR_MODE);
    CHECK_STATUS(GF(2, shape, in, strides, out, strides, sigma, bad_order, mode, 0.0, 4.0, 1),
                 KT_ERR_ORDER);
    /* overlapping, but not the same array: the output one element on */
    CHECK_STATUS(GF(2, shape, out, strides, out + 1, strides, sigma, order, mode, 0.0, 4.0, 1),
                 KT_ERR_OVERLAP);
    memset(in, 0, sizeof in);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* the guru interface validates the same way, and writes no plan */
    kt_correlate_plan plan;
    memset(&plan, 0x5a, sizeof plan);
    const double w[3] = {0.25, 0.5, 0.25};
    const kt_pass bad_axis = {2, 0, 1, w, 0.0}, bad_radius = {0, 0, -1, w, 0.0},
                  no_weights = {0, 0, 1, NULL, 0.0}, bad_pmode = {0, 7, 1, w, 0.0};
    CHECK_STATUS(kt_correlate_plan_init(&plan, KT_F64, 2, shape, strides, strides, 1, &bad_axis, 1),
                 KT_ERR_AXIS);
    CHECK_STATUS(kt_correlate_plan_init(&plan, KT_F64, 2, shape, strides, strides, 1, &bad_radius,
                                        1),
                 KT_ERR_RADIUS);
    CHECK_STATUS(kt_correlate_plan_init(&plan, KT_F64, 2, shape, strides, strides, 1, &no_weights,
                                        1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_correlate_plan_init(&plan, KT_F64, 2, shape, strides, strides, 1, &bad_pmode, 1),
                 KT_ERR_MODE);
    CHECK_STATUS(kt_correlate_plan_init(&plan, 7, 2, shape, strides, strides, 0, NULL, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(kt_correlate_plan_init(NULL, KT_F64, 2, shape, strides, strides, 0, NULL, 1),
                 KT_ERR_NULL);
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
#undef GF
}

void test_ndimage(void)
{
    test_correlate();
    test_gaussian_filter();
    test_bad_input();
    CHECK(strcmp(kt_status_message(KT_ERR_OVERLAP), "the input and output arrays overlap") == 0);
    CHECK(kt_isa_name(kt_isa_current()) != NULL);
    CHECK(kt_isa_compiled() & kt_isa_supported() & (1u << kt_isa_current()));
}
