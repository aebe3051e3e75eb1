/* The pool area through the C API: a 2-D pooling against a direct loop,
 * guru against simple, the boundary modes' extents, bad input. */
#include <math.h>
#include <stdlib.h>

#include "check.h"

enum { NY = 17, NX = 26, S = 3 };

static void test_values(void)
{
    static double in[NY * NX];
    for (int i = 0; i < NY * NX; i++)
        in[i] = sin(0.7 * i) + 0.5;
    const double w0[S] = {0.25, 0.5, 0.25}, w1[S] = {0.2, 0.3, 0.5};
    const double *w[2] = {w0, w1};
    const ptrdiff_t shape[2] = {NY, NX}, istr[2] = {NX * 8, 8}, size[2] = {S, S};
    /* trimmed: NY / S x NX / S */
    enum { OY = NY / S, OX = NX / S };
    static double out[OY * OX], out2[OY * OX];
    const ptrdiff_t ostr[2] = {OX * 8, 8};
    CHECK_STATUS(kt_pool_f64(2, shape, in, istr, out, ostr, size, w, KT_POOL_TRIM, 0.0, 2), KT_OK);
    double err = 0.0;
    for (int i = 0; i < OY; i++)
        for (int j = 0; j < OX; j++) {
            double a = 0.0;
            for (int p = 0; p < S; p++)
                for (int q = 0; q < S; q++)
                    a += w0[p] * w1[q] * in[(i * S + p) * NX + j * S + q];
            err = fmax(err, fabs(a - out[i * OX + j]));
        }
    CHECK(err < 1e-15);
    /* guru, the same bits whatever the threads */
    kt_pool_plan plan;
    CHECK_STATUS(kt_pool_plan_init(&plan, KT_F64, 2, shape, istr, ostr, size, w, KT_POOL_TRIM,
                                   0.0, 2),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size ? plan.info.scratch_size : 1);
    CHECK_STATUS(kt_pool_execute_f64(&plan, in, out2, scratch, 1), KT_OK);
    CHECK(memcmp(out, out2, sizeof out) == 0);
    /* a mode completes the partial blocks: ceil(n / S) outputs */
    enum { CY = (NY + S - 1) / S, CX = (NX + S - 1) / S };
    static double full[CY * CX];
    const ptrdiff_t cstr[2] = {CX * 8, 8};
    CHECK_STATUS(kt_pool_f64(2, shape, in, istr, full, cstr, size, w, KT_MODE_CONSTANT, 1.5, 1),
                 KT_OK);
    CHECK(fabs(full[0] - out[0]) < 1e-15);
    /* the last column's blocks read cval beyond the edge */
    double a = 0.0;
    for (int p = 0; p < S; p++)
        for (int q = 0; q < S; q++) {
            const int x = (CX - 1) * S + q;
            a += w0[p] * w1[q] * (x < NX ? in[p * NX + x] : 1.5);
        }
    CHECK(fabs(a - full[CX - 1]) < 1e-15);
    free(scratch);
}

static void test_bad_input(void)
{
    static double in[NY * NX];
    static double out[NY * NX];
    const double w0[S] = {0.25, 0.5, 0.25};
    const double *w[2] = {w0, w0}, *nw[2] = {w0, NULL};
    const ptrdiff_t shape[2] = {NY, NX}, istr[2] = {NX * 8, 8}, ostr[2] = {8 * 8, 8};
    const ptrdiff_t size[2] = {S, S}, big[2] = {S, NX + 1}, zero[2] = {S, 0};
    memset(out, 0x5a, sizeof out);
    kt_pool_plan plan;
    memset(&plan, 0x5a, sizeof plan);
#define PI(...) kt_pool_plan_init(&plan, __VA_ARGS__)
    CHECK_STATUS(PI(KT_F64, 0, shape, istr, ostr, size, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_NDIM);
    CHECK_STATUS(PI(KT_F64, 2, NULL, istr, ostr, size, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_NULL);
    CHECK_STATUS(PI(KT_F64, 2, shape, istr, ostr, big, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PI(KT_F64, 2, shape, istr, ostr, zero, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_VALUE);
    CHECK_STATUS(PI(KT_F64, 2, shape, istr, ostr, size, nw, KT_POOL_TRIM, 0.0, 1), KT_ERR_NULL);
    CHECK_STATUS(PI(KT_F64, 2, shape, istr, ostr, size, w, 17, 0.0, 1), KT_ERR_MODE);
    CHECK_STATUS(PI(0, 2, shape, istr, ostr, size, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_VALUE);
    const ptrdiff_t neg[2] = {-NY, NX};
    CHECK_STATUS(PI(KT_F64, 2, neg, istr, ostr, size, w, KT_POOL_TRIM, 0.0, 1), KT_ERR_SHAPE);
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
#undef PI
    /* an output inside the input */
    CHECK_STATUS(kt_pool_f64(2, shape, out, istr, out + 3, ostr, size, w, KT_POOL_TRIM, 0.0, 1),
                 KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    CHECK_STATUS(kt_pool_f64(2, shape, in, istr, NULL, ostr, size, w, KT_POOL_TRIM, 0.0, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_pool_execute_f64(NULL, in, out, NULL, 1), KT_ERR_NULL);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* the weights of one block: symmetric, normalised */
    double gw[6];
    CHECK_STATUS(kt_gaussian_pool_weights_f64(6, 1.5, KT_POOL_INTEGRATE, gw), KT_OK);
    CHECK(gw[0] == gw[5] && gw[1] == gw[4] && fabs(gw[0] + gw[1] + gw[2] + gw[3] + gw[4] + gw[5] - 1) < 1e-15);
    CHECK_STATUS(kt_gaussian_pool_weights_f64(6, NAN, KT_POOL_INTEGRATE, gw), KT_ERR_VALUE);
    CHECK_STATUS(kt_gaussian_pool_weights_f64(6, 1.0, 5, gw), KT_ERR_MODE);
}

void test_pool(void)
{
    test_values();
    test_bad_input();
}
