/* The lookup area through the C API: the interval index, numpy.interp, PPoly
 * evaluation and the cubic spline against direct loops (bit for bit where
 * the header promises it), guru against simple, every path alike, and bad
 * input (a status, nothing written). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

enum { N = 97, M = 3000 };

static double lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(*s >> 11) * (1.0 / 9007199254740992.0);
}

/* knots: sorted, one repeated; queries: below, inside, above, at knots, NaN */
static void make_data(double *xp, double *fp, double *x)
{
    uint64_t s = 12345;
    double t = -1.0;
    for (int i = 0; i < N; i++) {
        t += 0.02 + 0.2 * lcg(&s);
        xp[i] = t;
        fp[i] = sin(3.0 * t) + 0.1 * t;
    }
    xp[40] = xp[39];
    for (int i = 0; i < M; i++) {
        const double u = lcg(&s);
        x[i] = xp[0] - 0.5 + (xp[N - 1] - xp[0] + 1.0) * u;
        if (i % 17 == 0)
            x[i] = xp[(i / 17) % N];
    }
    x[5] = NAN;
    x[6] = -INFINITY;
    x[7] = INFINITY;
}

/* (number of knots <= v) - 1, -1 for NaN */
static ptrdiff_t ref_index(const double *xp, ptrdiff_t n, double v)
{
    ptrdiff_t c = 0;
    for (ptrdiff_t i = 0; i < n; i++)
        c += xp[i] <= v;
    return v == v ? c - 1 : -1;
}

/* numpy.interp's formula (compiled_base.c) */
static double ref_interp(const double *xp, const double *fp, ptrdiff_t n, double v, double left,
                         double right)
{
    if (n == 1)
        return v < xp[0] ? left : (v > xp[0] ? right : fp[0]);
    if (v != v)
        return v;
    const ptrdiff_t j = ref_index(xp, n, v);
    if (j < 0)
        return left;
    if (v > xp[n - 1])
        return right;
    if (j == n - 1 || xp[j] == v)
        return fp[j];
    const double s = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    double r = s * (v - xp[j]) + fp[j];
    if (r != r) {
        r = s * (v - xp[j + 1]) + fp[j + 1];
        if (r != r && fp[j] == fp[j + 1])
            r = fp[j];
    }
    return r;
}

/* scipy's PPoly power sum (interval clamped, NaN outside unless extrapolating) */
static double ref_ppoly(const double *xb, const double *c, ptrdiff_t k, ptrdiff_t n,
                        ptrdiff_t nc, ptrdiff_t q, double v, int ex)
{
    if (!((v >= xb[0] && v <= xb[n - 1]) || (ex && v == v)))
        return NAN;
    ptrdiff_t j = ref_index(xb, n, v);
    j = j < 0 ? 0 : (j > n - 2 ? n - 2 : j);
    const ptrdiff_t ps = (n - 1) * nc;
    const double d = v - xb[j];
    double o = 0.0 + c[(k - 1) * ps + j * nc + q], z = d;
    for (ptrdiff_t p = k - 2; p >= 0; p--) {
        o = o + c[p * ps + j * nc + q] * z;
        z = z * d;
    }
    return o;
}

static float ref_ppoly_f32(const float *xb, const float *c, ptrdiff_t n, float v)
{
    if (!(v >= xb[0] && v <= xb[n - 1]))
        return NAN;
    ptrdiff_t cnt = 0;
    for (ptrdiff_t i = 0; i < n; i++)
        cnt += xb[i] <= v;
    ptrdiff_t j = cnt - 1;
    j = j < 0 ? 0 : (j > n - 2 ? n - 2 : j);
    const ptrdiff_t ps = n - 1;
    const float d = v - xb[j];
    float o = 0.0f + c[3 * ps + j], z = d;
    for (ptrdiff_t p = 2; p >= 0; p--) {
        o = o + c[p * ps + j] * z;
        z = z * d;
    }
    return o;
}

static int same_bits(const double *a, const double *b, ptrdiff_t n)
{
    for (ptrdiff_t i = 0; i < n; i++)
        if (memcmp(a + i, b + i, sizeof(double)) != 0 && !(a[i] != a[i] && b[i] != b[i]))
            return 0;
    return 1;
}

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_index(void)
{
    static double xp[N], fp[N], x[M];
    static int64_t idx[M], idx2[M];
    make_data(xp, fp, x);
    int ok = 1;
    for (int path = KT_LOOKUP_AUTO; path <= KT_LOOKUP_GUESS; path++) {
        if (path == KT_LOOKUP_UNIFORM)
            continue;
        kt_lookup_plan plan;
        CHECK_STATUS(kt_lookup_plan_init(&plan, KT_F64, N, M, 8, path, 2), KT_OK);
        void *scratch = malloc(plan.info.scratch_size + 1);
        CHECK_STATUS(kt_lookup_execute_f64(&plan, xp, x, idx, scratch, 0), KT_OK);
        free(scratch);
        for (int i = 0; i < M; i++)
            ok &= idx[i] == ref_index(xp, N, x[i]);
    }
    CHECK(ok);
    CHECK_STATUS(kt_lookup_f64(M, x, N, xp, idx2, 1), KT_OK);
    CHECK(memcmp(idx, idx2, sizeof idx) == 0);
    /* strided queries (every other one), float32 */
    static float xf[M], xpf[N];
    for (int i = 0; i < M; i++)
        xf[i] = (float)x[i];
    for (int i = 0; i < N; i++)
        xpf[i] = (float)xp[i];
    kt_lookup_plan plan;
    CHECK_STATUS(kt_lookup_plan_init(&plan, KT_F32, N, M / 2, 8, KT_LOOKUP_AUTO, 1), KT_OK);
    void *scratch = malloc(plan.info.scratch_size + 1);
    CHECK_STATUS(kt_lookup_execute_f32(&plan, xpf, xf, idx, scratch, 1), KT_OK);
    free(scratch);
    ok = 1;
    for (int i = 0; i < M / 2; i++) {
        ptrdiff_t c = 0;
        for (int q = 0; q < N; q++)
            c += xpf[q] <= xf[2 * i];
        ok &= idx[i] == (xf[2 * i] == xf[2 * i] ? c - 1 : -1);
    }
    CHECK(ok);
    /* uniform knots: the uniform path, forced and automatic */
    static double ux[N];
    for (int i = 0; i < N; i++)
        ux[i] = 0.5 + 0.25 * i;
    CHECK(kt_lookup_is_uniform_f64(N, ux) == 1 && kt_lookup_is_uniform_f64(N, xp) == 0);
    CHECK_STATUS(kt_lookup_plan_init(&plan, KT_F64, N, M, 8, KT_LOOKUP_UNIFORM, 1), KT_OK);
    CHECK(plan.info.scratch_size == 0);
    CHECK_STATUS(kt_lookup_execute_f64(&plan, ux, x, idx, NULL, 1), KT_OK);
    ok = 1;
    for (int i = 0; i < M; i++)
        ok &= idx[i] == ref_index(ux, N, x[i]);
    CHECK(ok);
    /* n == 1 */
    CHECK_STATUS(kt_lookup_f64(M, x, 1, xp + 3, idx, 1), KT_OK);
    ok = 1;
    for (int i = 0; i < M; i++)
        ok &= idx[i] == ref_index(xp + 3, 1, x[i]);
    CHECK(ok);
}

static void test_interp(void)
{
    static double xp[N], fp[N], x[M], out[M], ref[M], out2[M];
    make_data(xp, fp, x);
    for (int i = 0; i < M; i++)
        ref[i] = ref_interp(xp, fp, N, x[i], -7.0, 9.0);
    CHECK_STATUS(kt_interp_f64(M, x, N, xp, fp, -7.0, 9.0, out), KT_OK);
    CHECK(same_bits(out, ref, M));
    /* numpy's default left / right, few queries (no slope table) */
    CHECK_STATUS(kt_interp_f64(7, x + 100, N, xp, fp, fp[0], fp[N - 1], out), KT_OK);
    int ok = 1;
    for (int i = 0; i < 7; i++)
        ok &= out[i] == ref_interp(xp, fp, N, x[100 + i], fp[0], fp[N - 1]);
    CHECK(ok);
    /* guru: every path, threads, a strided output */
    for (int path = KT_LOOKUP_AUTO; path <= KT_LOOKUP_GUESS; path++) {
        if (path == KT_LOOKUP_UNIFORM)
            continue;
        kt_interp_plan plan;
        CHECK_STATUS(kt_interp_plan_init(&plan, KT_F64, N, 8, M / 2, 8, 16, -7.0, 9.0, 0, path, 2),
                     KT_OK);
        CHECK(plan.info.poll == NULL && plan.info.nthreads >= 1);
        void *scratch = malloc(plan.info.scratch_size + 1);
        memset(out2, 0, sizeof out2);
        CHECK_STATUS(kt_interp_execute_f64(&plan, xp, fp, x, out2, scratch, 2), KT_OK);
        free(scratch);
        ok = 1;
        for (int i = 0; i < M / 2; i++)
            ok &= same_bits(out2 + 2 * i, ref + i, 1) && out2[2 * i + 1] == 0.0;
        CHECK(ok);
    }
    /* recip (numpy's complex slope) and a strided fp: values of fp2 at even places */
    static double fp2[2 * N];
    for (int i = 0; i < N; i++) {
        fp2[2 * i] = fp[i];
        fp2[2 * i + 1] = -1.0;
    }
    kt_interp_plan plan;
    CHECK_STATUS(kt_interp_plan_init(&plan, KT_F64, N, 16, M, 8, 8, 0.0, 0.0, 1, KT_LOOKUP_AUTO, 1),
                 KT_OK);
    void *scratch = malloc(plan.info.scratch_size + 1);
    CHECK_STATUS(kt_interp_execute_f64(&plan, xp, fp2, x, out, scratch, 1), KT_OK);
    free(scratch);
    ok = 1;
    for (int i = 0; i < M; i++) {
        const double v = x[i];
        const ptrdiff_t j = ref_index(xp, N, v);
        if (v != v || j < 0 || v > xp[N - 1] || j == N - 1 || xp[j] == v)
            continue;
        const double s = (fp[j + 1] - fp[j]) * (1.0 / (xp[j + 1] - xp[j]));
        ok &= out[i] == s * (v - xp[j]) + fp[j];
    }
    CHECK(ok);
    /* float32: the formula in float */
    static float xf[M], xpf[N], fpf[N], of[M];
    for (int i = 0; i < M; i++)
        xf[i] = (float)x[i];
    for (int i = 0; i < N; i++) {
        xpf[i] = (float)xp[i];
        fpf[i] = (float)fp[i];
    }
    CHECK_STATUS(kt_interp_f32(M, xf, N, xpf, fpf, -7.0f, 9.0f, of), KT_OK);
    ok = 1;
    for (int i = 0; i < M; i++) {
        const float v = xf[i];
        ptrdiff_t c = 0;
        for (int q = 0; q < N; q++)
            c += xpf[q] <= v;
        const ptrdiff_t j = c - 1;
        float r;
        if (v != v)
            r = v;
        else if (j < 0)
            r = -7.0f;
        else if (v > xpf[N - 1])
            r = 9.0f;
        else if (j == N - 1 || xpf[j] == v)
            r = fpf[j];
        else
            r = (fpf[j + 1] - fpf[j]) / (xpf[j + 1] - xpf[j]) * (v - xpf[j]) + fpf[j];
        ok &= memcmp(&r, of + i, sizeof r) == 0 || (r != r && of[i] != of[i]);
    }
    CHECK(ok);
    /* one knot: left / fp[0] / right by comparison (NaN gives fp[0]) */
    const double one = 2.0, f1 = 5.0, q[4] = {1.0, 2.0, 3.0, NAN};
    double o4[4];
    CHECK_STATUS(kt_interp_f64(4, q, 1, &one, &f1, -1.0, 1.0, o4), KT_OK);
    CHECK(o4[0] == -1.0 && o4[1] == 5.0 && o4[2] == 1.0 && o4[3] == 5.0);
}

static void test_ppoly(void)
{
    static double xp[N], fp[N], x[M], c[4 * (N - 1) * 2], out[2 * M];
    make_data(xp, fp, x);
    for (int i = 0; i < N; i++)
        xp[i] = i == 40 ? xp[i] + 0.01 : xp[i]; /* strictly increasing breakpoints */
    uint64_t s = 7;
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        c[i] = lcg(&s) - 0.5;
    /* cubic, one column (the table path), extrapolating, every path */
    for (int path = KT_LOOKUP_AUTO; path <= KT_LOOKUP_GUESS; path++) {
        if (path == KT_LOOKUP_UNIFORM)
            continue;
        kt_ppoly_plan plan;
        CHECK_STATUS(kt_ppoly_plan_init(&plan, KT_F64, 4, N, 1, M, 8, 1, path, 2), KT_OK);
        void *scratch = malloc(plan.info.scratch_size + 1);
        CHECK_STATUS(kt_ppoly_execute_f64(&plan, xp, c, x, out, scratch, 2), KT_OK);
        free(scratch);
        int ok = 1;
        for (int i = 0; i < M; i++) {
            const double r = ref_ppoly(xp, c, 4, N, 1, 0, x[i], 1);
            ok &= same_bits(out + i, &r, 1);
        }
        CHECK(ok);
    }
    /* quadratic, two columns, no extrapolation: the simple call */
    CHECK_STATUS(kt_ppoly_eval_f64(M, x, 3, N, 2, xp, c, 0, out, 2), KT_OK);
    int ok = 1;
    for (int i = 0; i < M; i++)
        for (int q = 0; q < 2; q++) {
            const double r = ref_ppoly(xp, c, 3, N, 2, q, x[i], 0);
            ok &= same_bits(out + 2 * i + q, &r, 1);
        }
    CHECK(ok);
    /* float32 cubic */
    static float xf[M], xbf[N], cf[4 * (N - 1)], of[M];
    for (int i = 0; i < M; i++)
        xf[i] = (float)x[i];
    for (int i = 0; i < N; i++)
        xbf[i] = (float)xp[i];
    for (int i = 0; i < 4 * (N - 1); i++)
        cf[i] = (float)c[i];
    CHECK_STATUS(kt_ppoly_eval_f32(M, xf, 4, N, 1, xbf, cf, 0, of, 1), KT_OK);
    ok = 1;
    for (int i = 0; i < M; i++) {
        const float r = ref_ppoly_f32(xbf, cf, N, xf[i]);
        ok &= memcmp(&r, of + i, sizeof r) == 0 || (r != r && of[i] != of[i]);
    }
    CHECK(ok);
}

static double poly3(double t) { return ((0.5 * t - 1.0) * t + 2.0) * t - 3.0; }
static double dpoly3(double t) { return (1.5 * t - 2.0) * t + 2.0; }

static void test_spline(void)
{
    enum { NS = 23 };
    static double x[NS], y[NS], c[4 * (NS - 1)], c2[4 * (NS - 1)], v[NS];
    uint64_t s = 99;
    double t = -2.0;
    for (int i = 0; i < NS; i++) {
        t += 0.05 + 0.3 * lcg(&s);
        x[i] = t;
        y[i] = poly3(t);
    }
    /* a cubic is its own spline under not-a-knot and under exact clamping */
    CHECK_STATUS(kt_cubic_spline_f64(NS, 1, x, y, KT_BC_NOT_A_KNOT, NULL, KT_BC_NOT_A_KNOT, NULL,
                                     c),
                 KT_OK);
    double err = 0.0;
    for (int i = 0; i + 1 < NS; i++) {
        const double m = 0.5 * (x[i] + x[i + 1]), d = m - x[i];
        const double p = ((c[i] * d + c[NS - 1 + i]) * d + c[2 * (NS - 1) + i]) * d +
                         c[3 * (NS - 1) + i];
        err = fmax(err, fabs(p - poly3(m)));
    }
    CHECK(err < 1e-11);
    const double d0 = dpoly3(x[0]), d1 = dpoly3(x[NS - 1]);
    kt_cubic_spline_plan plan;
    CHECK_STATUS(kt_cubic_spline_plan_init(&plan, KT_F64, NS, 1, KT_BC_FIRST, KT_BC_FIRST, 4),
                 KT_OK);
    CHECK(plan.info.nthreads == 1 && plan.info.scratch_size > 0);
    void *scratch = malloc(plan.info.scratch_size);
    CHECK_STATUS(kt_cubic_spline_execute_f64(&plan, x, y, &d0, &d1, c2, scratch, 1), KT_OK);
    err = 0.0;
    for (int i = 0; i < 4 * (NS - 1); i++)
        err = fmax(err, fabs(c2[i] - c[i]));
    CHECK(err < 1e-9);
    /* guru and simple agree bit for bit */
    CHECK_STATUS(kt_cubic_spline_f64(NS, 1, x, y, KT_BC_FIRST, &d0, KT_BC_FIRST, &d1, c), KT_OK);
    CHECK(memcmp(c, c2, sizeof c) == 0);
    free(scratch);
    /* natural: zero second derivative at both ends; evaluated at the knots
     * through kt_ppoly_eval it gives y */
    const double zero = 0.0;
    CHECK_STATUS(kt_cubic_spline_f64(NS, 1, x, y, KT_BC_SECOND, &zero, KT_BC_SECOND, &zero, c),
                 KT_OK);
    const double h = x[NS - 1] - x[NS - 2];
    CHECK(fabs(c[NS - 1]) < 1e-12 && fabs(6.0 * c[NS - 2] * h + 2.0 * c[2 * NS - 3]) < 1e-9);
    CHECK_STATUS(kt_ppoly_eval_f64(NS, x, 4, NS, 1, x, c, 0, v, 1), KT_OK);
    err = 0.0;
    for (int i = 0; i < NS; i++)
        err = fmax(err, fabs(v[i] - y[i]));
    CHECK(err < 1e-12);
    /* periodic: the slope at the end equals that at the start */
    for (int i = 0; i < NS; i++)
        y[i] = sin(6.283185307179586 * (x[i] - x[0]) / (x[NS - 1] - x[0]));
    y[NS - 1] = y[0];
    CHECK_STATUS(kt_cubic_spline_f64(NS, 1, x, y, KT_BC_PERIODIC, NULL, KT_BC_PERIODIC, NULL, c),
                 KT_OK);
    const ptrdiff_t l = NS - 2, P = NS - 1;
    const double end = (3.0 * c[l] * h + 2.0 * c[P + l]) * h + c[2 * P + l];
    CHECK(fabs(end - c[2 * P]) < 1e-9);
}

static void test_bad_input(void)
{
    static double xp[N], fp[N], x[M], out[M];
    static int64_t idx[M];
    make_data(xp, fp, x);
    memset(out, 0x5a, sizeof out);
    memset(idx, 0x5a, sizeof idx);
    /* plan_init: nothing written on failure */
    kt_interp_plan ip;
    memset(&ip, 0x5a, sizeof ip);
    CHECK_STATUS(kt_interp_plan_init(NULL, KT_F64, N, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_plan_init(&ip, 0, N, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_interp_plan_init(&ip, 3, N, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, 0, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, -4, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, N, 8, -1, 8, 8, 0, 0, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, N, 8, M, 8, 8, 0, 0, 0, 5, 1), KT_ERR_MODE);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, N, 8, M, 8, 8, 0, 0, 0, -1, 1), KT_ERR_MODE);
    CHECK(kt_test_untouched(&ip, sizeof ip, 0x5a));
    kt_lookup_plan lp;
    memset(&lp, 0x5a, sizeof lp);
    CHECK_STATUS(kt_lookup_plan_init(&lp, KT_F64, N, -2, 8, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_lookup_plan_init(&lp, KT_F64, N, M, 8, 9, 1), KT_ERR_MODE);
    CHECK(kt_test_untouched(&lp, sizeof lp, 0x5a));
    kt_ppoly_plan pp;
    memset(&pp, 0x5a, sizeof pp);
    CHECK_STATUS(kt_ppoly_plan_init(&pp, KT_F64, 0, N, 1, M, 8, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_ppoly_plan_init(&pp, KT_F64, 4, 1, 1, M, 8, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_ppoly_plan_init(&pp, KT_F64, 4, N, 0, M, 8, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_ppoly_plan_init(&pp, KT_F64, PTRDIFF_MAX / 2, N, 4, M, 8, 0, 0, 1),
                 KT_ERR_SHAPE);
    CHECK(kt_test_untouched(&pp, sizeof pp, 0x5a));
    kt_cubic_spline_plan sp;
    memset(&sp, 0x5a, sizeof sp);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, KT_F32, N, 1, 0, 0, 1), KT_ERR_UNSUPPORTED);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, 0, N, 1, 0, 0, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, KT_F64, 1, 1, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, KT_F64, N, -1, 0, 0, 1), KT_ERR_SHAPE);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, KT_F64, N, 1, 4, 0, 1), KT_ERR_MODE);
    CHECK_STATUS(kt_cubic_spline_plan_init(&sp, KT_F64, N, 1, KT_BC_PERIODIC, 0, 1), KT_ERR_MODE);
    CHECK(kt_test_untouched(&sp, sizeof sp, 0x5a));
    /* execute: plans of another operation, precision, or none */
    kt_interp_plan zero;
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(kt_interp_execute_f64(&zero, xp, fp, x, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_interp_execute_f64(NULL, xp, fp, x, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F32, N, 4, M, 4, 4, 0, 0, 0, 0, 1), KT_OK);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, x, out, NULL, 1), KT_ERR_PLAN);
    CHECK_STATUS(kt_lookup_plan_init(&lp, KT_F64, N, M, 8, 0, 1), KT_OK);
    CHECK_STATUS(kt_ppoly_execute_f64((const kt_ppoly_plan *)(const void *)&lp, xp, fp, x, out,
                                      NULL, 1),
                 KT_ERR_PLAN);
    /* missing scratch, NULL data, overlap */
    CHECK_STATUS(kt_interp_plan_init(&ip, KT_F64, N, 8, M, 8, 8, 0, 0, 0, 0, 1), KT_OK);
    CHECK(ip.info.scratch_size > 0);
    void *scratch = malloc(ip.info.scratch_size);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, x, out, NULL, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_execute_f64(&ip, NULL, fp, x, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, NULL, x, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, NULL, out, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, x, NULL, scratch, 1), KT_ERR_NULL);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, out, out, scratch, 1), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_interp_execute_f64(&ip, xp, fp, out + 1, out, scratch, 1), KT_ERR_OVERLAP);
    free(scratch);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    static double big[4 * N];
    memcpy(big, xp, sizeof xp);
    CHECK_STATUS(kt_interp_f64(N, x, N, big, fp, 0.0, 0.0, big + N / 2), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_interp_f64(-1, x, N, xp, fp, 0.0, 0.0, out), KT_ERR_SHAPE);
    CHECK_STATUS(kt_interp_f64(M, x, 0, xp, fp, 0.0, 0.0, out), KT_ERR_SHAPE);
    /* UNIFORM forced on knots that are not */
    kt_lookup_plan up;
    CHECK_STATUS(kt_lookup_plan_init(&up, KT_F64, N, M, 8, KT_LOOKUP_UNIFORM, 1), KT_OK);
    CHECK_STATUS(kt_lookup_execute_f64(&up, xp, x, idx, NULL, 1), KT_ERR_VALUE);
    CHECK_STATUS(kt_lookup_execute_f64(&up, xp, (const double *)(const void *)idx, idx, NULL, 1),
                 KT_ERR_OVERLAP);
    CHECK_STATUS(kt_lookup_f64(M, x, N, NULL, idx, 1), KT_ERR_NULL);
    CHECK(kt_test_untouched(idx, sizeof idx, 0x5a));
    /* ppoly: the output over the coefficients */
    static double c[4 * (N - 1) + M];
    for (int i = 0; i < N; i++)
        xp[i] = i;
    CHECK_STATUS(kt_ppoly_eval_f64(M, x, 4, N, 1, xp, c, 1, c + 10, 1), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_ppoly_eval_f64(M, x, 4, N, 1, xp, NULL, 1, out, 1), KT_ERR_NULL);
    CHECK(kt_test_untouched(out, sizeof out, 0x5a));
    /* spline: missing boundary values, overlap; c untouched */
    static double y[N], cs[4 * (N - 1)];
    memset(cs, 0x5a, sizeof cs);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, xp, y, KT_BC_FIRST, NULL, 0, NULL, cs), KT_ERR_NULL);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, xp, y, 0, NULL, KT_BC_SECOND, NULL, cs), KT_ERR_NULL);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, xp, NULL, 0, NULL, 0, NULL, cs), KT_ERR_NULL);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, cs + 3, y, 0, NULL, 0, NULL, cs), KT_ERR_OVERLAP);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, xp, y, KT_BC_FIRST, cs + 9, 0, NULL, cs),
                 KT_ERR_OVERLAP);
    CHECK_STATUS(kt_cubic_spline_f64(N, 1, xp, y, 7, NULL, 0, NULL, cs), KT_ERR_MODE);
    CHECK(kt_test_untouched(cs, sizeof cs, 0x5a));
    kt_cubic_spline_plan zs;
    memset(&zs, 0, sizeof zs);
    CHECK_STATUS(kt_cubic_spline_execute_f64(&zs, xp, y, NULL, NULL, cs, NULL, 1), KT_ERR_PLAN);
    CHECK(kt_test_untouched(cs, sizeof cs, 0x5a));
    /* m == 0: nothing to do, the query pointers may be NULL */
    CHECK_STATUS(kt_interp_f64(0, NULL, N, xp, fp, 0.0, 0.0, NULL), KT_OK);
}

static void test_cancel(void)
{
    /* the walk (SORTED forced on unsorted queries) is O(n) a query: long
     * enough for the poll, which comes KT_POLL_MS into a call */
    enum { NK = 50000, MQ = 16384 };
    double *xp = malloc(NK * sizeof(double)), *x = malloc(MQ * sizeof(double));
    int64_t *idx = malloc(MQ * sizeof(int64_t));
    for (int i = 0; i < NK; i++)
        xp[i] = i;
    for (int i = 0; i < MQ; i++)
        x[i] = (i % 2) ? 10.0 + i % 7 : NK - 10.0 - i % 5;
    kt_lookup_plan plan;
    CHECK_STATUS(kt_lookup_plan_init(&plan, KT_F64, NK, MQ, 8, KT_LOOKUP_SORTED, 1), KT_OK);
    plan.info.poll = cancel_now;
    int st = KT_OK;
    for (int rep = 0; rep < 20 && st == KT_OK; rep++)
        st = kt_lookup_execute_f64(&plan, xp, x, idx, NULL, 1);
    CHECK(st == KT_ERR_CANCELLED);
    free(xp);
    free(x);
    free(idx);
}

void test_lookup(void)
{
    test_index();
    test_interp();
    test_ppoly();
    test_spline();
    test_bad_input();
    test_cancel();
}
