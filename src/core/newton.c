/* Newton interpolation (kernterp/newton.h): divided differences, adding
 * nodes, Leja ordering, Krogh's confluent table (plain C, float64), and the
 * evaluation's plan (validation, the thread count, the scratch layout),
 * execute (checks, then run-time dispatch to an ISA build of newton_impl.h)
 * and simple calls. */
#include <math.h>
#include <stdlib.h>

#include "layout.h"
#include "newton_priv.h"
#include "parallel.h"

static int kt__nodes_finite(ptrdiff_t n, const double *x)
{
    for (ptrdiff_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* ---- divided differences --------------------------------------------------- */

int kt_newton_coeffs_f64(ptrdiff_t n, ptrdiff_t ncol, const double *x, double *a, double *diag)
{
    if (n < 1 || ncol < 0)
        return KT_ERR_SHAPE;
    if (!x || (ncol > 0 && !a))
        return KT_ERR_NULL;
    if (!kt__nodes_finite(n, x))
        return KT_ERR_VALUE;
    /* equal nodes show up as a zero denominator of the table (every pair of
     * nodes is subtracted once per polynomial) */
    int bad = 0;
    for (ptrdiff_t c = 0; c < ncol; c++)
        bad |= KT_DISPATCH(kt__newton_dd_f64, (n, x, a + c * n, diag ? diag + c * n : NULL));
    return bad ? KT_ERR_VALUE : KT_OK;
}

int kt_newton_add_points_f64(ptrdiff_t n, ptrdiff_t k, ptrdiff_t ncol, const double *x,
                             double *diag, const double *ynew, double *anew)
{
    if (n < 1 || k < 0 || ncol < 0)
        return KT_ERR_SHAPE;
    if (k == 0)
        return KT_OK;
    if (!x || (ncol > 0 && (!diag || !ynew || !anew)))
        return KT_ERR_NULL;
    const ptrdiff_t nt = n + k;
    if (!kt__nodes_finite(k, x + n))
        return KT_ERR_VALUE;
    for (ptrdiff_t p = n; p < nt; p++)
        for (ptrdiff_t i = 0; i < p; i++)
            if (x[i] == x[p])
                return KT_ERR_VALUE;
    if (ncol == 0)
        return KT_OK;
    /* Node p's row of the table, e(p, j) = f[x_{p-j}, ..., x_p], needs
     * e(p, j-1) and e(p-1, j-1) (the row before, which for the first new node
     * is the stored diagonal): for a fixed j the new nodes' entries are
     * independent, so a block of new nodes advances together, one j at a
     * time (a wavefront: the same operations as one node after the other,
     * without the chain of dependent divisions). */
    enum { KB = 32 };
    double E[KB], F[KB];
    for (ptrdiff_t c = 0; c < ncol; c++) {
        double *d = diag + c * nt;
        for (ptrdiff_t t0 = 0; t0 < k; t0 += KB) {
            const ptrdiff_t kb = k - t0 < KB ? k - t0 : KB;
            const ptrdiff_t base = n + t0; /* nodes before the block */
            for (ptrdiff_t t = 0; t < kb; t++)
                E[t] = ynew[c * k + t0 + t];
            for (ptrdiff_t j = 1; j < base + kb; j++) {
                /* node base + t is active while j <= base + t */
                const ptrdiff_t tmin = j - base > 0 ? j - base : 0;
                for (ptrdiff_t t = 0; t < tmin; t++)
                    F[t] = E[t];
                for (ptrdiff_t t = tmin; t < kb; t++) {
                    const ptrdiff_t p = base + t;
                    const double up = t == 0 ? d[j - 1] : E[t - 1];
                    F[t] = (E[t] - up) / (x[p] - x[p - j]);
                }
                d[j - 1] = E[kb - 1];
                for (ptrdiff_t t = 0; t < kb; t++)
                    E[t] = F[t];
            }
            d[base + kb - 1] = E[kb - 1];
            for (ptrdiff_t t = 0; t < kb; t++)
                anew[c * k + t0 + t] = E[t];
        }
    }
    return KT_OK;
}

/* ---- Leja ordering --------------------------------------------------------- */

int kt_leja_order(ptrdiff_t n, const double *x, ptrdiff_t *idx)
{
    if (n < 0)
        return KT_ERR_SHAPE;
    if (n == 0)
        return KT_OK;
    if (!x || !idx)
        return KT_ERR_NULL;
    if (!kt__nodes_finite(n, x))
        return KT_ERR_VALUE;
    /* p[i]: product of |x_i - x_s| over the chosen s, times a power of two
     * common to all i; -1 marks a chosen node */
    double *p = (size_t)n <= SIZE_MAX / sizeof(double) ? malloc((size_t)n * sizeof(double)) : NULL;
    if (!p)
        return KT_ERR_NOMEM;
    ptrdiff_t j = 0;
    for (ptrdiff_t i = 1; i < n; i++)
        if (fabs(x[i]) > fabs(x[j]))
            j = i;
    for (ptrdiff_t i = 0; i < n; i++)
        p[i] = 1.0;
    double scale = 1.0;
    for (ptrdiff_t s = 0; s < n; s++) {
        idx[s] = j;
        p[j] = -1.0;
        const double xj = x[j];
        ptrdiff_t best = -1;
        double pmax = -1.0;
        for (ptrdiff_t i = 0; i < n; i++) {
            if (p[i] < 0)
                continue;
            const double v = p[i] * scale * fabs(x[i] - xj);
            p[i] = v;
            if (v > pmax) {
                pmax = v;
                best = i;
            }
        }
        if (best < 0)
            break;
        /* rescale the next products by a power of two that brings the
         * largest near 1 (exact: it changes no comparison) */
        scale = pmax > 0 && isfinite(pmax) ? ldexp(1.0, -ilogb(pmax)) : 1.0;
        j = best;
    }
    free(p);
    return KT_OK;
}

/* ---- Krogh's confluent table ----------------------------------------------- */

int kt_krogh_coeffs_f64(ptrdiff_t n, ptrdiff_t ncol, const double *x, double *a)
{
    if (n < 1 || ncol < 0)
        return KT_ERR_SHAPE;
    if (!x || (ncol > 0 && !a))
        return KT_ERR_NULL;
    if (!kt__nodes_finite(n, x))
        return KT_ERR_VALUE;
    /* equal nodes must be consecutive */
    for (ptrdiff_t k = 1; k < n; k++) {
        ptrdiff_t s = 0;
        while (s < k && x[k - s - 1] == x[k])
            s++;
        for (ptrdiff_t i = 0; i < k - s; i++)
            if (x[i] == x[k])
                return KT_ERR_VALUE;
    }
    if (ncol == 0)
        return KT_OK;
    double *V = (size_t)n <= SIZE_MAX / sizeof(double) ? malloc((size_t)n * sizeof(double)) : NULL;
    if (!V)
        return KT_ERR_NOMEM;
    for (ptrdiff_t c = 0; c < ncol; c++) {
        double *ac = a + c * n; /* ac[0..k-1]: coefficients, ac[k..]: values */
        for (ptrdiff_t i = 0; i < n; i++)
            V[i] = 0.0;
        for (ptrdiff_t k = 1; k < n; k++) {
            /* s: how many nodes before x_k equal it (the derivative order of y_k) */
            ptrdiff_t s = 0;
            while (s < k && x[k - s - 1] == x[k])
                s++;
            double fact = 1.0;
            for (ptrdiff_t q = 2; q <= s; q++)
                fact *= (double)q;
            V[0] = ac[k] / fact;
            const double xk = x[k];
            if (s == 0) {
                for (ptrdiff_t i = 0; i < k; i++)
                    V[i + 1] = (ac[i] - V[i]) / (x[i] - xk);
            } else {
                for (ptrdiff_t i = 0; i < k - s; i++)
                    V[i + 1] = (V[i + 1] - V[i]) / (x[i] - xk);
            }
            ac[k] = V[k - s];
        }
    }
    free(V);
    return KT_OK;
}

/* ---- evaluation ------------------------------------------------------------ */

int kt_newton_plan_init(kt_newton_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t ncol,
                        ptrdiff_t a_sk, ptrdiff_t a_sc, ptrdiff_t m, ptrdiff_t x_s,
                        ptrdiff_t der_first, ptrdiff_t der, ptrdiff_t o_sd, ptrdiff_t o_si,
                        ptrdiff_t o_sc, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (n < 1 || m < 0 || ncol < 0 || m > PTRDIFF_MAX / 2)
        return KT_ERR_SHAPE;
    if (der < 0 || der_first < 0 || der_first > der)
        return KT_ERR_ORDER;
    /* orders whose accumulators' bytes could not be counted */
    if (der > PTRDIFF_MAX / (4 * KT_NEWTON_DB * 8))
        return KT_ERR_SHAPE;
    const size_t isz = kt__itemsize(dtype);
    const int empty = m == 0 || ncol == 0;
    kt_newton_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.n = n;
    pl.ncol = ncol;
    pl.a_sk = a_sk;
    pl.a_sc = a_sc;
    pl.m = m;
    pl.x_s = x_s;
    pl.der_first = der_first;
    pl.der = der;
    pl.o_sd = o_sd;
    pl.o_si = o_si;
    pl.o_sc = o_sc;
    /* the work: n (der + 1) multiply-adds per point and column, about 8 per
     * nanosecond on vector registers */
    const double madds = (double)m * (double)n * (double)ncol * (double)(der + 1);
    const ptrdiff_t nitems = (m + KT_NEWTON_CH - 1) / KT_NEWTON_CH;
    int nt = kt__thread_count(nthreads, madds / 8.0);
    if ((ptrdiff_t)nt > nitems)
        nt = nitems > 0 ? (int)nitems : 1;
    /* a handout of tasks is about 2^18 multiply-adds */
    const double per_item = (double)n * (double)(ncol > 0 ? ncol : 1) * (double)(der + 1) *
                            (double)KT_NEWTON_CH;
    const double g = (double)((ptrdiff_t)1 << 18) / per_item;
    pl.grain = g >= 1.0 ? (ptrdiff_t)g : 1;
    /* derivatives: per thread der + 1 accumulators, t - z_k, and the orders
     * asked for, KT_NEWTON_DB points each */
    const ptrdiff_t nout = der - der_first + 1;
    const kt__region reg = {der > 0 && !empty ? (size_t)nt : 0,
                            (size_t)(der + 2 + nout) * KT_NEWTON_DB * isz, 0};
    int s = kt__layout(&reg, 1, &pl.thread_off, &pl.thread_stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.info.tag = kt__tag(KT__OP_NEWTON, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

/* Whether two strided arrays of up to 3 dimensions (elements of ia and ib
 * bytes) may share memory: each seen as a byte array of 4 dimensions, so
 * that the element sizes may differ. */
static int kt__nw_overlap(int nda, const ptrdiff_t *sha, const ptrdiff_t *sta, size_t ia,
                          const void *a, int ndb, const ptrdiff_t *shb, const ptrdiff_t *stb,
                          size_t ib, const void *b)
{
    ptrdiff_t A[4], SA[4], B[4], SB[4];
    for (int d = 0; d < 3; d++) {
        A[d] = d < nda ? sha[d] : 1;
        SA[d] = d < nda ? sta[d] : 0;
        B[d] = d < ndb ? shb[d] : 1;
        SB[d] = d < ndb ? stb[d] : 0;
    }
    A[3] = (ptrdiff_t)ia;
    B[3] = (ptrdiff_t)ib;
    SA[3] = SB[3] = 1;
    return kt__overlap(4, A, a, SA, B, b, SB, 1) != 0;
}

static int kt__newton_execute(const kt_newton_plan *pl, int dtype, const double *z,
                              const double *a, const void *x, void *out, void *scratch,
                              int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_NEWTON, dtype, scratch);
    if (s != KT_OK)
        return s;
    const ptrdiff_t n = pl->n, m = pl->m, ncol = pl->ncol;
    if (m == 0 || ncol == 0)
        return KT_OK;
    if (!a || !x || !out || (n > 1 && !z))
        return KT_ERR_NULL;
    const size_t isz = kt__itemsize(dtype);
    const ptrdiff_t osh[3] = {pl->der - pl->der_first + 1, m, ncol};
    const ptrdiff_t ost[3] = {pl->o_sd, pl->o_si, pl->o_sc};
    const ptrdiff_t ash[2] = {n, ncol}, ast[2] = {pl->a_sk, pl->a_sc};
    const ptrdiff_t zn = n - 1, zs = (ptrdiff_t)sizeof(double);
    if (kt__nw_overlap(3, osh, ost, isz, out, 1, &m, &pl->x_s, isz, x) ||
        kt__nw_overlap(3, osh, ost, isz, out, 2, ash, ast, sizeof(double), a) ||
        (n > 1 && kt__nw_overlap(3, osh, ost, isz, out, 1, &zn, &zs, sizeof(double), z)))
        return KT_ERR_OVERLAP;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__newton_eval_f32,
                           (pl, z, a, (const float *)x, (float *)out, scratch, nthreads));
    return KT_DISPATCH(kt__newton_eval_f64,
                       (pl, z, a, (const double *)x, (double *)out, scratch, nthreads));
}

int kt_newton_execute_f32(const kt_newton_plan *plan, const double *z, const double *a,
                          const float *x, float *out, void *scratch, int nthreads)
{
    return kt__newton_execute(plan, KT_F32, z, a, x, out, scratch, nthreads);
}

int kt_newton_execute_f64(const kt_newton_plan *plan, const double *z, const double *a,
                          const double *x, double *out, void *scratch, int nthreads)
{
    return kt__newton_execute(plan, KT_F64, z, a, x, out, scratch, nthreads);
}

/* ---- simple interface ------------------------------------------------------ */

static int kt__newton_simple(int dtype, ptrdiff_t n, const double *z, const double *a,
                             ptrdiff_t m, const void *x, ptrdiff_t der, void *out, int nthreads)
{
    const ptrdiff_t isz = (ptrdiff_t)kt__itemsize(dtype);
    kt_newton_plan pl;
    int s = kt_newton_plan_init(&pl, dtype, n, 1, (ptrdiff_t)sizeof(double), 0, m, isz, der, der,
                                0, isz, 0, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__newton_execute(&pl, dtype, z, a, x, out, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_newton_eval_f32(ptrdiff_t n, const double *z, const double *a, ptrdiff_t m,
                       const float *x, ptrdiff_t der, float *out, int nthreads)
{
    return kt__newton_simple(KT_F32, n, z, a, m, x, der, out, nthreads);
}

int kt_newton_eval_f64(ptrdiff_t n, const double *z, const double *a, ptrdiff_t m,
                       const double *x, ptrdiff_t der, double *out, int nthreads)
{
    return kt__newton_simple(KT_F64, n, z, a, m, x, der, out, nthreads);
}
