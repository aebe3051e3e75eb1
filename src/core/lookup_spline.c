/* The cubic interpolating spline (scipy.interpolate.CubicSpline's
 * equations): the first derivatives s at the knots solve a tridiagonal
 * system, solved here by Thomas' algorithm with the matrix rows generated
 * on the fly (no matrix is stored); the periodic system is cyclic and is
 * solved by bordering: two tridiagonal solves of size n-2 and one scalar
 * equation.  Then each interval's cubic Hermite coefficients. */
#include <stdlib.h>

#include "internal.h"
#include "layout.h"

/* a row of the system: sub-diagonal a, diagonal b, super-diagonal c */
typedef struct {
    ptrdiff_t n, nc;
    const double *x, *y;
    int bc0, bc1; /* kt_spline_bc, or KT__BC_SLOPE: first derivative = the chord's slope */
    const double *v0, *v1;
} kt__spl;

#define KT__BC_SLOPE 4

static inline double kt__dx(const kt__spl *S, ptrdiff_t i) { return S->x[i + 1] - S->x[i]; }
static inline double kt__sl(const kt__spl *S, ptrdiff_t i, ptrdiff_t q)
{
    return (S->y[(i + 1) * S->nc + q] - S->y[i * S->nc + q]) / kt__dx(S, i);
}

/* Row i of the non-periodic n x n system, and its right-hand side per column. */
static void kt__row(const kt__spl *S, ptrdiff_t i, double *a, double *b, double *c)
{
    const ptrdiff_t n = S->n;
    if (i == 0) {
        *a = 0.0;
        switch (S->bc0) {
        case KT_BC_NOT_A_KNOT:
            *b = kt__dx(S, 1);
            *c = S->x[2] - S->x[0];
            break;
        case KT_BC_SECOND:
            *b = 2.0 * kt__dx(S, 0);
            *c = kt__dx(S, 0);
            break;
        default:
            *b = 1.0;
            *c = 0.0;
        }
    } else if (i == n - 1) {
        *c = 0.0;
        switch (S->bc1) {
        case KT_BC_NOT_A_KNOT:
            *b = kt__dx(S, n - 3);
            *a = S->x[n - 1] - S->x[n - 3];
            break;
        case KT_BC_SECOND:
            *b = 2.0 * kt__dx(S, n - 2);
            *a = kt__dx(S, n - 2);
            break;
        default:
            *b = 1.0;
            *a = 0.0;
        }
    } else {
        const double d0 = kt__dx(S, i - 1), d1 = kt__dx(S, i);
        *a = d1;
        *b = 2.0 * (d0 + d1);
        *c = d0;
    }
}

static void kt__rhs(const kt__spl *S, ptrdiff_t i, double *d)
{
    const ptrdiff_t n = S->n, nc = S->nc;
    const double *y = S->y;
    for (ptrdiff_t q = 0; q < nc; q++) {
        double r;
        if (i == 0) {
            switch (S->bc0) {
            case KT_BC_NOT_A_KNOT: {
                const double dx0 = kt__dx(S, 0), dx1 = kt__dx(S, 1), dd = S->x[2] - S->x[0];
                r = ((dx0 + 2.0 * dd) * dx1 * kt__sl(S, 0, q) + dx0 * dx0 * kt__sl(S, 1, q)) / dd;
                break;
            }
            case KT_BC_SECOND: {
                const double dx0 = kt__dx(S, 0);
                r = -0.5 * S->v0[q] * (dx0 * dx0) + 3.0 * (y[nc + q] - y[q]);
                break;
            }
            case KT_BC_FIRST:
                r = S->v0[q];
                break;
            default:
                r = kt__sl(S, 0, q);
            }
        } else if (i == n - 1) {
            switch (S->bc1) {
            case KT_BC_NOT_A_KNOT: {
                const double dl = kt__dx(S, n - 2), dm = kt__dx(S, n - 3);
                const double dd = S->x[n - 1] - S->x[n - 3];
                r = (dl * dl * kt__sl(S, n - 3, q) + (2.0 * dd + dl) * dm * kt__sl(S, n - 2, q)) /
                    dd;
                break;
            }
            case KT_BC_SECOND: {
                const double dl = kt__dx(S, n - 2);
                r = 0.5 * S->v1[q] * (dl * dl) + 3.0 * (y[(n - 1) * nc + q] - y[(n - 2) * nc + q]);
                break;
            }
            case KT_BC_FIRST:
                r = S->v1[q];
                break;
            default:
                r = kt__sl(S, n - 2, q);
            }
        } else {
            r = 3.0 * (kt__dx(S, i) * kt__sl(S, i - 1, q) + kt__dx(S, i - 1) * kt__sl(S, i, q));
        }
        d[q] = r;
    }
}

/* Row i of the periodic (n-2) x (n-2) condensed system (n >= 4). */
static void kt__prow(const kt__spl *S, ptrdiff_t i, double *a, double *b, double *c)
{
    const ptrdiff_t n = S->n;
    if (i == 0) {
        *a = 0.0;
        *b = 2.0 * (kt__dx(S, n - 2) + kt__dx(S, 0));
        *c = kt__dx(S, n - 2);
    } else {
        const double d0 = kt__dx(S, i - 1), d1 = kt__dx(S, i);
        *a = d1;
        *b = 2.0 * (d0 + d1);
        *c = i == n - 3 ? 0.0 : d0;
    }
}

/* c from the knot derivatives s (n x nc): cubic Hermite on each interval */
static void kt__hermite(const kt__spl *S, const double *s, double *c)
{
    const ptrdiff_t n = S->n, nc = S->nc, ps = (n - 1) * nc;
    const double *y = S->y;
    for (ptrdiff_t i = 0; i + 1 < n; i++) {
        const double idx = 1.0 / kt__dx(S, i);
        for (ptrdiff_t q = 0; q < nc; q++) {
            const ptrdiff_t o = i * nc + q;
            const double sl = (y[o + nc] - y[o]) * idx;
            const double t = (s[o] + s[o + nc] - 2.0 * sl) * idx;
            c[o] = t * idx;
            c[ps + o] = (sl - s[o]) * idx - t;
            c[2 * ps + o] = s[o];
            c[3 * ps + o] = y[o];
        }
    }
}

/* Forward elimination of interior row i (1 <= i <= n-2) of the system,
 * right-hand side computed on the way; `last` drops the super-diagonal
 * (the periodic condensed system's last row).  Returns 1 / pivot. */
static inline double kt__interior(const kt__spl *S, ptrdiff_t i, double *cp, double *s, int last)
{
    const ptrdiff_t nc = S->nc;
    const double *x = S->x, *y = S->y;
    const double d0 = x[i] - x[i - 1], d1 = x[i + 1] - x[i];
    const double inv = 1.0 / (2.0 * (d0 + d1) - d1 * cp[i - 1]);
    cp[i] = last ? 0.0 : d0 * inv;
    const double *y0 = y + (i - 1) * nc, *y1 = y0 + nc, *y2 = y1 + nc;
    double *d = s + i * nc;
    for (ptrdiff_t q = 0; q < nc; q++) {
        const double sl0 = (y1[q] - y0[q]) / d0, sl1 = (y2[q] - y1[q]) / d1;
        d[q] = (3.0 * (d1 * sl0 + d0 * sl1) - d1 * d[q - nc]) * inv;
    }
    return inv;
}

/* The same from below: eliminates the sub-diagonal of interior row i
 * given row i+1 already reduced to  s[i+1] + ap[i+1] s[i] = d[i+1]. */
static inline void kt__interior_up(const kt__spl *S, ptrdiff_t i, double *ap, double *s)
{
    const ptrdiff_t nc = S->nc;
    const double *x = S->x, *y = S->y;
    const double d0 = x[i] - x[i - 1], d1 = x[i + 1] - x[i];
    const double inv = 1.0 / (2.0 * (d0 + d1) - d0 * ap[i + 1]);
    ap[i] = d1 * inv;
    const double *y0 = y + (i - 1) * nc, *y1 = y0 + nc, *y2 = y1 + nc;
    double *d = s + i * nc;
    for (ptrdiff_t q = 0; q < nc; q++) {
        const double sl0 = (y1[q] - y0[q]) / d0, sl1 = (y2[q] - y1[q]) / d1;
        d[q] = (3.0 * (d1 * sl0 + d0 * sl1) - d0 * d[q + nc]) * inv;
    }
}

/* The non-periodic n x n system (n >= 4) by a twisted factorisation:
 * elimination from the top for rows 0..k-1 and from the bottom for rows
 * n-1..k+1 at the same time (two independent recurrences, so their
 * latencies overlap), row k = n/2 solved last, then substitution outwards
 * in both directions.  cp holds the top's super-diagonal factors below k
 * and the bottom's sub-diagonal factors above k. */
static void kt__solve_twisted(const kt__spl *S, double *cp, double *s)
{
    const ptrdiff_t n = S->n, nc = S->nc, k = n / 2;
    double a, b, c;
    kt__row(S, 0, &a, &b, &c);
    kt__rhs(S, 0, s);
    cp[0] = c / b;
    for (ptrdiff_t q = 0; q < nc; q++)
        s[q] /= b;
    kt__row(S, n - 1, &a, &b, &c);
    kt__rhs(S, n - 1, s + (n - 1) * nc);
    cp[n - 1] = a / b;
    for (ptrdiff_t q = 0; q < nc; q++)
        s[(n - 1) * nc + q] /= b;
    for (ptrdiff_t t = 1; t < k || n - 1 - t > k; t++) {
        if (t < k)
            kt__interior(S, t, cp, s, 0);
        if (n - 1 - t > k)
            kt__interior_up(S, n - 1 - t, cp, s);
    }
    {
        const double *x = S->x;
        const double d0 = x[k] - x[k - 1], d1 = x[k + 1] - x[k];
        const double inv = 1.0 / (2.0 * (d0 + d1) - d1 * cp[k - 1] - d0 * cp[k + 1]);
        double *d = s + k * nc;
        kt__rhs(S, k, d);
        for (ptrdiff_t q = 0; q < nc; q++)
            d[q] = (d[q] - d1 * d[q - nc] - d0 * d[q + nc]) * inv;
    }
    for (ptrdiff_t t = 1; k - t >= 0 || k + t < n; t++) {
        if (k - t >= 0) {
            const ptrdiff_t i = k - t;
            for (ptrdiff_t q = 0; q < nc; q++)
                s[i * nc + q] -= cp[i] * s[(i + 1) * nc + q];
        }
        if (k + t < n) {
            const ptrdiff_t i = k + t;
            for (ptrdiff_t q = 0; q < nc; q++)
                s[i * nc + q] -= cp[i] * s[(i - 1) * nc + q];
        }
    }
}

int kt_cubic_spline_plan_init(kt_cubic_spline_plan *plan, int dtype, ptrdiff_t n,
                              ptrdiff_t ncols, int bc0, int bc1, int nthreads)
{
    (void)nthreads; /* one thread: the elimination is one recurrence */
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (dtype != KT_F64)
        return KT_ERR_UNSUPPORTED;
    /* c's 4 (n-1) ncols doubles must be countable in bytes */
    if (n < 2 || ncols < 1 || n > PTRDIFF_MAX / 32 || ncols > PTRDIFF_MAX / 32 / n)
        return KT_ERR_SHAPE;
    if (bc0 < KT_BC_NOT_A_KNOT || bc0 > KT_BC_PERIODIC || bc1 < KT_BC_NOT_A_KNOT ||
        bc1 > KT_BC_PERIODIC || ((bc0 == KT_BC_PERIODIC) != (bc1 == KT_BC_PERIODIC)))
        return KT_ERR_MODE;
    kt_cubic_spline_plan pl;
    memset(&pl, 0, sizeof pl);
    /* the scratch: the n x ncols knot derivatives */
    const kt__region reg = {1, (size_t)n * (size_t)ncols * sizeof(double), 0};
    size_t stride;
    int s = kt__layout(&reg, 1, &pl.s_off, &stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.n = n;
    pl.ncols = ncols;
    pl.bc0 = bc0;
    pl.bc1 = bc1;
    pl.info.tag = kt__tag(KT__OP_SPLINE, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = 1;
    *plan = pl;
    return KT_OK;
}

/* a (na doubles) and b (nb doubles), both contiguous, may share memory */
static int kt__spl_overlap(const double *a, ptrdiff_t na, const double *b, ptrdiff_t nb)
{
    const ptrdiff_t st = (ptrdiff_t)sizeof(double);
    return kt__overlap(1, &na, a, &st, &nb, b, &st, sizeof(double)) != 0;
}

static int kt__bc_values(int bc) { return bc == KT_BC_FIRST || bc == KT_BC_SECOND; }

int kt_cubic_spline_execute_f64(const kt_cubic_spline_plan *pl, const double *x,
                                const double *y, const double *v0, const double *v1, double *c,
                                void *scratch, int nthreads)
{
    (void)nthreads;
    int st = kt__check_plan(pl ? &pl->info : NULL, KT__OP_SPLINE, KT_F64, scratch);
    if (st != KT_OK)
        return st;
    const ptrdiff_t n = pl->n, nc = pl->ncols;
    const int bc0 = pl->bc0, bc1 = pl->bc1;
    if (!x || !y || !c || (kt__bc_values(bc0) && !v0) || (kt__bc_values(bc1) && !v1))
        return KT_ERR_NULL;
    const ptrdiff_t nco = 4 * (n - 1) * nc;
    if (kt__spl_overlap(c, nco, x, n) || kt__spl_overlap(c, nco, y, n * nc) ||
        (kt__bc_values(bc0) && kt__spl_overlap(c, nco, v0, nc)) ||
        (kt__bc_values(bc1) && kt__spl_overlap(c, nco, v1, nc)))
        return KT_ERR_OVERLAP;
    double *s = (double *)kt__piece(scratch, pl->s_off, 0, 0);
    /* the elimination's factors (n) and the periodic second solution (n)
     * live in c (4 (n-1) ncols >= 2n values), which is written only after */
    double *cp = c, *s2 = c + n;
    kt__spl S = {n, nc, x, y, bc0, bc1, v0, v1};

    if (n == 2) { /* not-a-knot and periodic: the chord's slope at that end */
        if (bc0 == KT_BC_NOT_A_KNOT || bc0 == KT_BC_PERIODIC)
            S.bc0 = KT__BC_SLOPE;
        if (bc1 == KT_BC_NOT_A_KNOT || bc1 == KT_BC_PERIODIC)
            S.bc1 = KT__BC_SLOPE;
    }

    if (n == 3 && bc0 == KT_BC_NOT_A_KNOT && bc1 == KT_BC_NOT_A_KNOT) {
        /* both conditions coincide: the parabola through the three points */
        const double dx0 = kt__dx(&S, 0), dx1 = kt__dx(&S, 1);
        for (ptrdiff_t q = 0; q < nc; q++) {
            const double b0 = 2.0 * kt__sl(&S, 0, q), b2 = 2.0 * kt__sl(&S, 1, q);
            const double b1 = 3.0 * (dx0 * kt__sl(&S, 1, q) + dx1 * kt__sl(&S, 0, q));
            const double s1 = (b1 - dx1 * b0 - dx0 * b2) / (dx0 + dx1);
            s[q] = b0 - s1;
            s[nc + q] = s1;
            s[2 * nc + q] = b2 - s1;
        }
    } else if (n == 3 && bc0 == KT_BC_PERIODIC) {
        const double dx0 = kt__dx(&S, 0), dx1 = kt__dx(&S, 1);
        for (ptrdiff_t q = 0; q < nc; q++) {
            const double t = (kt__sl(&S, 0, q) / dx0 + kt__sl(&S, 1, q) / dx1) /
                             (1.0 / dx0 + 1.0 / dx1);
            s[q] = s[nc + q] = s[2 * nc + q] = t;
        }
    } else if (bc0 == KT_BC_PERIODIC && n > 2) {
        /* unknowns s[0..n-2] (s[n-1] = s[0]); the condensed system of
         * size N = n-2 for s[0..n-3], solved for b1 (nc columns) and b2 */
        const ptrdiff_t N = n - 2;
        const double dl = kt__dx(&S, n - 2), dm = kt__dx(&S, n - 3);
        for (ptrdiff_t i = 0; i < N; i++) {
            double a, b, cc;
            kt__prow(&S, i, &a, &b, &cc);
            double *d = s + i * nc;
            if (i == 0)
                for (ptrdiff_t q = 0; q < nc; q++)
                    d[q] = 3.0 * (kt__dx(&S, 0) * kt__sl(&S, n - 2, q) + dl * kt__sl(&S, 0, q));
            const double b2 = i == 0 ? -kt__dx(&S, 0) : (i == N - 1 ? -kt__dx(&S, n - 4) : 0.0);
            if (i > 0) {
                const double inv = kt__interior(&S, i, cp, s, i == N - 1);
                s2[i] = (b2 - a * s2[i - 1]) * inv;
            } else {
                cp[0] = cc / b;
                for (ptrdiff_t q = 0; q < nc; q++)
                    d[q] /= b;
                s2[0] = b2 / b;
            }
        }
        for (ptrdiff_t i = N - 2; i >= 0; i--) {
            for (ptrdiff_t q = 0; q < nc; q++)
                s[i * nc + q] -= cp[i] * s[(i + 1) * nc + q];
            s2[i] -= cp[i] * s2[i + 1];
        }
        /* the last unknown s[n-2] from the removed row, then the rest */
        double *sm = s + (n - 2) * nc;
        kt__rhs(&S, n - 2, sm); /* row n-2 of the periodic system = interior row */
        const double den = 2.0 * (dl + dm) + dm * s2[0] + dl * s2[N - 1];
        for (ptrdiff_t q = 0; q < nc; q++)
            sm[q] = (sm[q] - dm * s[q] - dl * s[(N - 1) * nc + q]) / den;
        for (ptrdiff_t i = 0; i < N; i++)
            for (ptrdiff_t q = 0; q < nc; q++)
                s[i * nc + q] += sm[q] * s2[i];
        for (ptrdiff_t q = 0; q < nc; q++)
            s[(n - 1) * nc + q] = s[q];
    } else if (n >= 4) {
        kt__solve_twisted(&S, cp, s);
    } else {
        for (ptrdiff_t i = 0; i < n; i++) {
            if (i > 0 && i < n - 1) {
                kt__interior(&S, i, cp, s, 0);
                continue;
            }
            double a, b, cc;
            kt__row(&S, i, &a, &b, &cc);
            double *d = s + i * nc;
            kt__rhs(&S, i, d);
            if (i == 0) {
                cp[0] = cc / b;
                for (ptrdiff_t q = 0; q < nc; q++)
                    d[q] /= b;
            } else {
                /* one division per row: the recurrence's latency */
                const double inv = 1.0 / (b - a * cp[i - 1]);
                cp[i] = cc * inv;
                for (ptrdiff_t q = 0; q < nc; q++)
                    d[q] = (d[q] - a * d[q - nc]) * inv;
            }
        }
        for (ptrdiff_t i = n - 2; i >= 0; i--)
            for (ptrdiff_t q = 0; q < nc; q++)
                s[i * nc + q] -= cp[i] * s[(i + 1) * nc + q];
    }
    kt__hermite(&S, s, c);
    return KT_OK;
}

int kt_cubic_spline_f64(ptrdiff_t n, ptrdiff_t ncols, const double *x, const double *y, int bc0,
                        const double *v0, int bc1, const double *v1, double *c)
{
    kt_cubic_spline_plan pl;
    void *scratch = NULL;
    int s = kt_cubic_spline_plan_init(&pl, KT_F64, n, ncols, bc0, bc1, 1);
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt_cubic_spline_execute_f64(&pl, x, y, v0, v1, c, scratch, 1);
    free(scratch);
    return s;
}
