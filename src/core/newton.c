/* Newton interpolation: divided differences, adding nodes, Leja ordering,
 * Krogh's confluent table (plain C, float64), and the public entry points of
 * the evaluation (validation, then run-time dispatch to an ISA build). */
#include "newton.h"

#include <math.h>

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

int kt_leja_order(ptrdiff_t n, const double *x, ptrdiff_t *idx, double *scratch)
{
    if (n < 0)
        return KT_ERR_SHAPE;
    if (n == 0)
        return KT_OK;
    if (!x || !idx || !scratch)
        return KT_ERR_NULL;
    if (!kt__nodes_finite(n, x))
        return KT_ERR_VALUE;
    /* p[i]: product of |x_i - x_s| over the chosen s, times a power of two
     * common to all i; -1 marks a chosen node */
    double *p = scratch;
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
    return KT_OK;
}

/* ---- Krogh's confluent table ----------------------------------------------- */

int kt_krogh_coeffs_f64(ptrdiff_t n, ptrdiff_t ncol, const double *x, double *a,
                        double *scratch)
{
    if (n < 1 || ncol < 0)
        return KT_ERR_SHAPE;
    if (!x || (ncol > 0 && (!a || !scratch)))
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
    double *V = scratch;
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
    return KT_OK;
}

/* ---- evaluation ------------------------------------------------------------ */

size_t kt_newton_eval_scratch(ptrdiff_t der, int nthreads, size_t itemsize)
{
    if (der <= 0)
        return 0;
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > 64)
        nthreads = 64;
    /* per thread: der + 1 accumulators, t - z_k, and up to der + 1 outputs */
    return (size_t)nthreads * (size_t)(2 * der + 3) * KT_NEWTON_DB * itemsize + KT_ALIGN;
}

static int kt__newton_eval_check(ptrdiff_t n, const double *z, ptrdiff_t ncol, const void *a,
                                 ptrdiff_t m, const void *x, ptrdiff_t der_first, ptrdiff_t der,
                                 const void *out, const void *scratch, size_t scratch_size,
                                 int nthreads, size_t itemsize)
{
    if (n < 1 || m < 0 || ncol < 0)
        return KT_ERR_SHAPE;
    if (der < 0 || der_first < 0 || der_first > der)
        return KT_ERR_ORDER;
    if (m == 0 || ncol == 0)
        return KT_OK;
    if (!a || !x || !out || (n > 1 && !z))
        return KT_ERR_NULL;
    if (der > 0) {
        if (!scratch)
            return KT_ERR_NULL;
        if (scratch_size < kt_newton_eval_scratch(der, nthreads, itemsize))
            return KT_ERR_SCRATCH;
    }
    return KT_OK;
}

#define KT_PUBLIC_NEWTON_EVAL(SFX, T)                                                        \
    int kt_newton_eval_##SFX(ptrdiff_t n, const double *z, ptrdiff_t ncol, const double *a,  \
                             ptrdiff_t a_sk, ptrdiff_t a_sc, ptrdiff_t m, const T *x,        \
                             ptrdiff_t x_s, ptrdiff_t der_first, ptrdiff_t der, T *out,      \
                             ptrdiff_t o_sd, ptrdiff_t o_si, ptrdiff_t o_sc, void *scratch,  \
                             size_t scratch_size, int nthreads)                              \
    {                                                                                        \
        int s = kt__newton_eval_check(n, z, ncol, a, m, x, der_first, der, out, scratch,     \
                                      scratch_size, nthreads, sizeof(T));                    \
        if (s != KT_OK || m == 0 || ncol == 0)                                               \
            return s;                                                                        \
        if (nthreads < 1)                                                                    \
            nthreads = 1;                                                                    \
        if (nthreads > 64)                                                                   \
            nthreads = 64;                                                                   \
        T *sc = der > 0 ? (T *)kt_align_ptr(scratch) : NULL;                                 \
        return KT_DISPATCH(kt__newton_eval_##SFX, (n, z, ncol, a, a_sk, a_sc, m, x, x_s,     \
                                                   der_first, der, out, o_sd, o_si, o_sc,    \
                                                   sc, nthreads));                           \
    }

KT_PUBLIC_NEWTON_EVAL(f32, float)
KT_PUBLIC_NEWTON_EVAL(f64, double)
