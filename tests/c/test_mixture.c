/* The mixture area through the C API: densities at points and on grids
 * against a direct loop, the guru and simple interfaces against each other,
 * threads and layouts against each other, and bad input (a status, nothing
 * written). */
#include <math.h>
#include <stdlib.h>

#include "check.h"

enum { D = 3, K = 3 };

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

/* deterministic values in [-1, 1) */
static double val(int i) { return sin(12.9898 * i + 0.7) * 0.999; }

typedef struct mix {
    double means[K * D], U[K * D * D], c[K], w[K];
    int diag[K];
} mix;

/* three components in D dimensions; component 1 diagonal */
static void make_mix(mix *m)
{
    for (int i = 0; i < K * D; i++)
        m->means[i] = val(i);
    for (int k = 0; k < K; k++) {
        double logdet = 0.0;
        for (int a = 0; a < D; a++)
            for (int r = 0; r < D; r++) {
                const double off = k == 1 ? 0.0 : 0.2 * val(7 * k + a + 3 * r);
                m->U[(k * D + a) * D + r] = a == r ? 1.0 + 0.3 * val(40 + k * D + a) : off;
            }
        for (int a = 0; a < D; a++)
            logdet -= 2.0 * log(fabs(m->U[(k * D + a) * D + a])); /* any constant will do */
        m->c[k] = D * log(2.0 * 3.14159265358979323846) + logdet;
        m->w[k] = 0.2 + 0.3 * k;
        m->diag[k] = k == 1;
    }
}

static double direct(const mix *m, const double *x)
{
    double s = 0.0;
    for (int k = 0; k < K; k++) {
        double q = 0.0;
        for (int r = 0; r < D; r++) {
            double y = 0.0;
            for (int a = 0; a < D; a++)
                y += (x[a] - m->means[k * D + a]) * m->U[(k * D + a) * D + r];
            q += y * y;
        }
        s += m->w[k] * exp(-0.5 * (m->c[k] + q));
    }
    return s;
}

static void test_pdf(void)
{
    mix m;
    make_mix(&m);
    enum { N = 3000 };
    double *x = malloc(N * D * sizeof(double)), *out = malloc(N * sizeof(double));
    double *out2 = malloc(2 * N * sizeof(double)), *xt = malloc(N * D * sizeof(double));
    float *xf = malloc(N * D * sizeof(float)), *of = malloc(N * sizeof(float));
    for (int i = 0; i < N * D; i++) {
        x[i] = 2.0 * val(1000 + i);
        xf[i] = (float)x[i];
    }
    CHECK_STATUS(kt_mixture_pdf_f64(N, D, x, D * 8, 8, K, m.means, m.U, m.c, m.w, out, 8, 1),
                 KT_OK);
    double err = 0.0;
    for (int i = 0; i < N; i++)
        err = fmax(err, fabs(out[i] - direct(&m, x + i * D)) / direct(&m, x + i * D));
    CHECK(err < 1e-13);
    /* guru: coordinates first (transposed x), a strided output, 2 threads */
    for (int i = 0; i < N; i++)
        for (int a = 0; a < D; a++)
            xt[a * N + i] = x[i * D + a];
    kt_mixture_pdf_plan plan;
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, N, D, 8, N * 8, K, 16, 2), KT_OK);
    CHECK(plan.info.nthreads >= 1 && plan.info.poll == NULL && plan.info.dtype == KT_F64);
    void *scratch = plan.info.scratch_size ? malloc(plan.info.scratch_size) : NULL;
    CHECK_STATUS(kt_mixture_pdf_execute_f64(&plan, xt, m.means, m.U, m.c, m.w, out2, scratch, 2),
                 KT_OK);
    int same = 1;
    for (int i = 0; i < N; i++)
        same &= out2[2 * i] == out[i];
    CHECK(same);
    /* the result does not depend on the thread count */
    {
        enum { NB = 40000 };
        double *bx = malloc(NB * D * sizeof(double)), *b1 = malloc(NB * sizeof(double)),
               *b2 = malloc(NB * sizeof(double));
        for (int i = 0; i < NB * D; i++)
            bx[i] = 2.0 * val(i);
        kt_mixture_pdf_plan bp;
        CHECK_STATUS(kt_mixture_pdf_plan_init(&bp, KT_F64, NB, D, D * 8, 8, K, 8, 2), KT_OK);
        CHECK(bp.info.nthreads == 2);
        CHECK_STATUS(kt_mixture_pdf_execute_f64(&bp, bx, m.means, m.U, m.c, m.w, b1, NULL, 1),
                     KT_OK);
        CHECK_STATUS(kt_mixture_pdf_execute_f64(&bp, bx, m.means, m.U, m.c, m.w, b2, NULL, 2),
                     KT_OK);
        CHECK(memcmp(b1, b2, NB * sizeof(double)) == 0);
        free(bx);
        free(b1);
        free(b2);
    }
    /* float32 agrees with float64 */
    CHECK_STATUS(kt_mixture_pdf_f32(N, D, xf, D * 4, 4, K, m.means, m.U, m.c, m.w, of, 4, 2),
                 KT_OK);
    err = 0.0;
    for (int i = 0; i < N; i++)
        err = fmax(err, fabs(of[i] - out[i]) / out[i]);
    CHECK(err < 1e-4);
    /* the wrong precision, a plan that was never made */
    CHECK_STATUS(kt_mixture_pdf_execute_f32(&plan, xf, m.means, m.U, m.c, m.w, of, scratch, 1),
                 KT_ERR_PLAN);
    kt_mixture_pdf_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_mixture_pdf_execute_f64(&zero, x, m.means, m.U, m.c, m.w, out, scratch, 1),
                 KT_ERR_PLAN);
    /* no points: nothing to do */
    memset(out2, 0x5a, 16);
    CHECK_STATUS(kt_mixture_pdf_f64(0, D, x, 24, 8, K, m.means, m.U, m.c, m.w, out2, 8, 1), KT_OK);
    CHECK(kt_test_untouched(out2, 16, 0x5a));
    /* cancellation: one long call (every point the same one: stride 0) */
    {
        kt_mixture_pdf_plan cp;
        double one;
        CHECK_STATUS(kt_mixture_pdf_plan_init(&cp, KT_F64, 20000000, D, 0, 8, K, 0, 1), KT_OK);
        cp.info.poll = cancel_now;
        CHECK_STATUS(kt_mixture_pdf_execute_f64(&cp, x, m.means, m.U, m.c, m.w, &one, NULL, 1),
                     KT_ERR_CANCELLED);
    }
    free(scratch);
    free(x);
    free(xt);
    free(out);
    free(out2);
    free(xf);
    free(of);
}

static void test_grid(void)
{
    mix m;
    make_mix(&m);
    /* axis 0, 1: uneven; axis 2 (the last): equally spaced and long enough
     * for the recurrence along it */
    enum { N0 = 7, N1 = 5, N2 = 1001, NG = N0 * N1 * N2 };
    const ptrdiff_t shape[D] = {N0, N1, N2};
    static double c0[N0], c1[N1], c2[N2];
    static float f0[N0], f1[N1], f2[N2];
    for (int i = 0; i < N0; i++)
        c0[i] = 1.5 * val(i) * fabs(val(i));
    for (int i = 0; i < N1; i++)
        c1[i] = -1.0 + 0.5 * i;
    for (int i = 0; i < N2; i++)
        c2[i] = -3.0 + 6.0 * i / (N2 - 1);
    for (int i = 0; i < N0; i++)
        f0[i] = (float)c0[i];
    for (int i = 0; i < N1; i++)
        f1[i] = (float)c1[i];
    for (int i = 0; i < N2; i++)
        f2[i] = (float)c2[i];
    const double *coords[D] = {c0, c1, c2};
    const float *fcoords[D] = {f0, f1, f2};
    double *out = malloc(NG * sizeof(double)), *out2 = malloc(NG * sizeof(double));
    float *of = malloc(NG * sizeof(float));
    CHECK_STATUS(kt_mixture_grid_f64(D, shape, coords, K, m.means, m.U, m.c, m.w, m.diag, out, 1),
                 KT_OK);
    double err = 0.0, big = 0.0;
    for (int i = 0; i < N0; i++)
        for (int j = 0; j < N1; j++)
            for (int l = 0; l < N2; l++) {
                const double p[D] = {c0[i], c1[j], c2[l]};
                const double r = direct(&m, p);
                err = fmax(err, fabs(out[(i * N1 + j) * N2 + l] - r));
                big = fmax(big, r);
            }
    CHECK(err < 1e-13 * big);
    /* guru, 2 threads: the same bits */
    kt_mixture_grid_plan plan;
    CHECK_STATUS(kt_mixture_grid_plan_init(&plan, KT_F64, D, shape, K, 2), KT_OK);
    CHECK(plan.info.nthreads == 2 && plan.info.scratch_size >= (K + 1) * N2 * sizeof(double));
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_mixture_grid_execute_f64(&plan, coords, m.means, m.U, m.c, m.w, m.diag, out2,
                                             scratch, 2),
                 KT_OK);
    CHECK(memcmp(out, out2, NG * sizeof(double)) == 0);
    /* float32 agrees with float64 */
    CHECK_STATUS(kt_mixture_grid_f32(D, shape, fcoords, K, m.means, m.U, m.c, m.w, m.diag, of, 2),
                 KT_OK);
    err = 0.0;
    for (int i = 0; i < NG; i++)
        err = fmax(err, fabs(of[i] - out[i]));
    CHECK(err < 1e-5 * big);
    /* the wrong precision, a plan that was never made */
    CHECK_STATUS(kt_mixture_grid_execute_f32(&plan, fcoords, m.means, m.U, m.c, m.w, m.diag, of,
                                             scratch, 1),
                 KT_ERR_PLAN);
    kt_mixture_grid_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_mixture_grid_execute_f64(&zero, coords, m.means, m.U, m.c, m.w, m.diag, out2,
                                             scratch, 1),
                 KT_ERR_PLAN);
    /* an empty grid: no scratch, nothing written */
    const ptrdiff_t empty[D] = {N0, 0, N2};
    kt_mixture_grid_plan ep;
    CHECK_STATUS(kt_mixture_grid_plan_init(&ep, KT_F64, D, empty, K, 1), KT_OK);
    CHECK(ep.info.scratch_size == 0);
    memset(out2, 0x5a, 64);
    CHECK_STATUS(kt_mixture_grid_execute_f64(&ep, coords, m.means, m.U, m.c, m.w, m.diag, out2,
                                             NULL, 1),
                 KT_OK);
    CHECK(kt_test_untouched(out2, 64, 0x5a));
    free(scratch);
    free(out);
    free(out2);
    free(of);
}

static void test_bad_input(void)
{
    mix m;
    make_mix(&m);
    enum { N = 64 };
    static double x[N * D], out[N];
    for (int i = 0; i < N * D; i++)
        x[i] = val(i);
    memset(out, 0x5a, sizeof out);
    kt_mixture_pdf_plan plan;
    memset(&plan, 0x5a, sizeof plan);
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, -1, D, 24, 8, K, 8, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, N, 0, 24, 8, K, 8, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, N, D, 24, 8, 0, 8, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, N, PTRDIFF_MAX / 2, 24, 8, K, 8, 1),
                 KT_ERR_SHAPE);
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, 3, N, D, 24, 8, K, 8, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_mixture_pdf_plan_init(NULL, KT_F64, N, D, 24, 8, K, 8, 1), KT_ERR_NULL);
    CHECK(kt_test_untouched(&plan, sizeof plan, 0x5a));
    CHECK_STATUS(kt_mixture_pdf_plan_init(&plan, KT_F64, N, D, 24, 8, K, 8, 1), KT_OK);
#define PX(xx, mm, uu, oo) kt_mixture_pdf_execute_f64(&plan, xx, mm, uu, m.c, m.w, oo, NULL, 1)
    CHECK_STATUS(PX(NULL, m.means, m.U, out), KT_ERR_NULL);
    CHECK_STATUS(PX(x, NULL, m.U, out), KT_ERR_NULL);
    CHECK_STATUS(PX(x, m.means, NULL, out), KT_ERR_NULL);
    CHECK_STATUS(PX(x, m.means, m.U, NULL), KT_ERR_NULL);
    CHECK_STATUS(kt_mixture_pdf_execute_f64(&plan, x, m.means, m.U, NULL, m.w, out, NULL, 1),
                 KT_ERR_NULL);
    CHECK_STATUS(kt_mixture_pdf_execute_f64(NULL, x, m.means, m.U, m.c, m.w, out, NULL, 1),
                 KT_ERR_NULL);
    /* the output over the points, over a parameter */
    CHECK_STATUS(PX(x, m.means, m.U, x + 5), KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    static double params[K * D * D + N];
    memcpy(params, m.U, sizeof m.U);
    memset(params + K * D * D, 0x5a, N * sizeof(double));
    CHECK_STATUS(PX(x, m.means, params, params + K * D * D - 1), KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(params + K * D * D, N * sizeof(double), 0x5a));
    CHECK_STATUS(PX(x, m.means, params, params + K * D * D), KT_OK);
#undef PX
    /* the simple call validates the same way */
    CHECK_STATUS(kt_mixture_pdf_f64(N, D, x, 24, 8, K, m.means, m.U, m.c, m.w, x + 1, 8, 1),
                 KT_ERR_OVERLAP);
    CHECK_STATUS(kt_mixture_pdf_f64(-5, D, x, 24, 8, K, m.means, m.U, m.c, m.w, out, 8, 1),
                 KT_ERR_SHAPE);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));

    /* the grid */
    enum { G = 8 };
    const ptrdiff_t shape[D] = {2, 2, G};
    static double cs[3][G], gout[4 * G];
    for (int a = 0; a < D; a++)
        for (int i = 0; i < G; i++)
            cs[a][i] = 0.25 * i;
    const double *coords[D] = {cs[0], cs[1], cs[2]};
    memset(gout, 0x5a, sizeof gout);
    kt_mixture_grid_plan gp;
    memset(&gp, 0x5a, sizeof gp);
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, 0, shape, K, 1), KT_ERR_NDIM);
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, KT_MAX_NDIM + 1, shape, K, 1),
                 KT_ERR_NDIM);
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, D, NULL, K, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, D, shape, 0, 1), KT_ERR_SHAPE);
    const ptrdiff_t neg[D] = {2, -1, G};
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, D, neg, K, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, -2, D, shape, K, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_mixture_grid_plan_init(NULL, KT_F64, D, shape, K, 1), KT_ERR_NULL);
    CHECK(kt_test_untouched(&gp, sizeof gp, 0x5a));
    CHECK_STATUS(kt_mixture_grid_plan_init(&gp, KT_F64, D, shape, K, 1), KT_OK);
    void *scratch = malloc(gp.info.scratch_size);
#define GX(co, dg, oo, sc)                                                                     \
    kt_mixture_grid_execute_f64(&gp, co, m.means, m.U, m.c, m.w, dg, oo, sc, 1)
    const double *holes[D] = {cs[0], NULL, cs[2]};
    CHECK_STATUS(GX(NULL, m.diag, gout, scratch), KT_ERR_NULL);
    CHECK_STATUS(GX(holes, m.diag, gout, scratch), KT_ERR_NULL);
    CHECK_STATUS(GX(coords, NULL, gout, scratch), KT_ERR_NULL);
    CHECK_STATUS(GX(coords, m.diag, NULL, scratch), KT_ERR_NULL);
    CHECK_STATUS(GX(coords, m.diag, gout, NULL), KT_ERR_NULL);
    /* the output over a coordinate array */
    const double *inside[D] = {cs[0], gout + 3, cs[2]};
    CHECK_STATUS(GX(inside, m.diag, gout, scratch), KT_ERR_OVERLAP);
    CHECK(kt_test_untouched(gout, sizeof gout, 0x5a));
    CHECK_STATUS(kt_mixture_grid_execute_f32(&gp, NULL, m.means, m.U, m.c, m.w, m.diag, NULL,
                                             scratch, 1),
                 KT_ERR_PLAN);
    CHECK_STATUS(GX(coords, m.diag, gout, scratch), KT_OK);
    CHECK(gout[0] > 0.0);
#undef GX
    CHECK_STATUS(kt_mixture_grid_f64(D, neg, coords, K, m.means, m.U, m.c, m.w, m.diag, out, 1),
                 KT_ERR_SHAPE);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    free(scratch);
}

void test_mixture(void)
{
    test_pdf();
    test_grid();
    test_bad_input();
}
