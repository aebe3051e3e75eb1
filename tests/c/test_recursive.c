/* The recursive area through the C API. */
#include <math.h>
#include <stdlib.h>

#include "check.h"

enum { NY = 23, NX = 31 };

static void test_bad_input(void)
{
    const ptrdiff_t shape[2] = {NY, NX}, strides[2] = {NX * 8, 8};
    static double out[NY * NX];
    const double sigma[2] = {1.0, 1.0};
    const int mode[2] = {0, 0};
    memset(out, 0x5a, sizeof out);

    kt_recursive_plan rp;
    memset(&rp, 0x5a, sizeof rp);
    CHECK_STATUS(kt_recursive_plan_init(&rp, KT_F64, 2, shape, strides, strides, 0, 0.4, 0, 0.0, 1),
                 KT_ERR_VALUE);
    CHECK_STATUS(kt_recursive_plan_init(&rp, KT_F64, 2, shape, strides, strides, 2, 2.0, 0, 0.0, 1),
                 KT_ERR_AXIS);
    CHECK_STATUS(kt_recursive_plan_init(&rp, KT_F64, 2, shape, strides, strides, 0, 2.0, -1, 0.0,
                                        1),
                 KT_ERR_MODE);
    CHECK(kt_test_untouched(&rp, sizeof rp, 0x5a));
    CHECK_STATUS(kt_gaussian_filter_recursive_f64(2, shape, out, strides, out + 1, strides, sigma,
                                                  mode, 0.0, 1),
                 KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    const double small[2] = {0.3, 1.0};
    CHECK_STATUS(kt_gaussian_filter_recursive_f64(2, shape, out, strides, out, strides, small,
                                                  mode, 0.0, 1),
                 KT_ERR_VALUE);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
}

static void test_constant(void)
{
    const ptrdiff_t shape[2] = {NY, NX}, strides[2] = {NX * 8, 8};
    static double in[NY * NX], out[NY * NX];
    for (int i = 0; i < NY * NX; i++)
        in[i] = 3.25; /* a constant is returned exactly */
    const double sigma[2] = {2.0, 5.0};
    const int mode[2] = {KT_MODE_NEAREST, KT_MODE_REFLECT};
    CHECK_STATUS(kt_gaussian_filter_recursive_f64(2, shape, in, strides, out, strides, sigma, mode,
                                                  0.0, 2),
                 KT_OK);
    int exact = 1;
    for (int i = 0; i < NY * NX; i++)
        exact &= out[i] == 3.25;
    CHECK(exact);
}


/* one axis through the guru interface: the impulse response is symmetric
 * (to rounding), sums to 1 and peaks at the impulse */
static void test_impulse(void)
{
    enum { N = 401 };
    static double in[N], out[N];
    in[N / 2] = 1.0;
    const ptrdiff_t shape[1] = {N}, stride[1] = {8};
    kt_recursive_plan plan;
    CHECK_STATUS(kt_recursive_plan_init(&plan, KT_F64, 1, shape, stride, stride, 0, 10.0,
                                        KT_MODE_CONSTANT, 0.0, 1),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_recursive_execute_f64(&plan, in, out, scratch, 1), KT_OK);
    double sum = 0.0, asym = 0.0;
    int peak = 0;
    for (int i = 0; i < N; i++) {
        sum += out[i];
        asym = fmax(asym, fabs(out[i] - out[N - 1 - i]));
        if (out[i] > out[peak])
            peak = i;
    }
    CHECK(peak == N / 2);
    CHECK(fabs(sum - 1.0) < 1e-9);
    CHECK(asym < 1e-12);
    CHECK_STATUS(kt_recursive_execute_f32(&plan, (const float *)in, (float *)out, scratch, 1),
                 KT_ERR_PLAN);
    free(scratch);
}

void test_recursive(void)
{
    test_bad_input();
    test_constant();
    test_impulse();
}
