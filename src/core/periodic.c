/* The periodic Gauss transform (kernterp/periodic.h): planning (truncation
 * bounds, the switch between the cut-off direct sum and the Fourier series,
 * threads, scratch layout), binning of the points into cells, the entry
 * points and dispatch to the hot loops (periodic_exec.c). */
#include <math.h>
#include <stdlib.h>

#include "layout.h"
#include "parallel.h"
#include "periodic_priv.h"

/* the cost model's constants, in ns on one core (AMD Zen 3, AVX2, measured
 * with bench/cases_periodic.py): a neighbour pair (distance, exp, one
 * weight), each further weight vector of a pair, a source range of the
 * direct sum, a mode-point product of the Fourier method (type 1 and 2
 * together count twice), a point's features per mode and axis */
#define KT_PER_C_PAIR 2.3
#define KT_PER_C_RHS 0.6
#define KT_PER_C_RANGE 21.0
#define KT_PER_C_MODE 0.065
#define KT_PER_C_FEAT 0.5
#define KT_PER_C_POINT 15.0

/* largest number of modes (Rp^d) or image combinations a plan may need */
#define KT_PER_MAX_WORK ((double)(1 << 22))
/* doubles the partial mode sums of the Fourier method may hold */
#define KT_PER_PARTIAL_BUDGET ((ptrdiff_t)1 << 22)
#define KT_PER_MAX_CHUNKS 64
#define KT_PER_MIN_CHUNK 8

static const double kt__pi = 3.14159265358979323846;

static double kt__ipow(double b, ptrdiff_t e)
{
    double r = 1.0;
    for (ptrdiff_t i = 0; i < e; i++)
        r *= b;
    return r;
}

/* g(0) = sum_n exp(-(nL)^2 / 2 s^2) >= 1, summed on the side that converges */
static double kt__per_g0(double s, double L)
{
    double sum = 1.0;
    if (s <= L) {
        for (int n = 1; n < 1000; n++) {
            double t = exp(-(n * L) * (n * L) / (2 * s * s));
            sum += 2 * t;
            if (t < 1e-20)
                break;
        }
        return sum;
    }
    const double b = 0.5 * (2 * kt__pi * s / L) * (2 * kt__pi * s / L);
    for (int k = 1; k < 1000; k++) {
        double t = exp(-b * k * k);
        sum += 2 * t;
        if (t < 1e-20)
            break;
    }
    return s * sqrt(2 * kt__pi) / L * sum;
}

/* tau(K) >= 2 sum_{k > K} a_k, a_k = A exp(-b k^2) (term plus integral) */
static double kt__per_mode_tail(ptrdiff_t K, double s, double L)
{
    const double A = s * sqrt(2 * kt__pi) / L;
    const double b = 0.5 * (2 * kt__pi * s / L) * (2 * kt__pi * s / L);
    const double k1 = (double)(K + 1);
    return 2 * A * (exp(-b * k1 * k1) + 0.5 * sqrt(kt__pi / b) * erfc(sqrt(b) * k1));
}

/* mode tables of the ball truncation */
#define KT_PER_TAB 2048

/* sum over k in Z^dd with |k|^2 > x of prod a_{|k_a|} (a: a_k, tl: sum_{j>k}
 * a_j, G: sum over Z), row by row */
/* Whether K modes per axis keep the truncation within `bound`:
 * d tau (G + tau)^(d-1) <= bound, tau the 1-D tail beyond K. */
static int kt__per_fourier_ok(ptrdiff_t K, ptrdiff_t d, double s, double L, double G,
                              double bound)
{
    const double tau = kt__per_mode_tail(K, s, L);
    return (double)d * tau * kt__ipow(G + tau, d - 1) <= bound;
}

static double kt__per_ball_tail(ptrdiff_t dd, ptrdiff_t x, const double *a, const double *tl,
                                double G)
{
    if (x < 0)
        return kt__ipow(G, dd);
    const ptrdiff_t kx = kt__per_isqrt(x);
    if (dd == 1)
        return 2 * tl[kx];
    double sum = 2 * tl[kx] * kt__ipow(G, dd - 1);
    for (ptrdiff_t k = -kx; k <= kx; k++)
        sum += a[k < 0 ? -k : k] * kt__per_ball_tail(dd - 1, x - k * k, a, tl, G);
    return sum;
}

/* the Fourier method's chunks of sources (fixed by the problem, not by the
 * thread count, so that the reduction order is too) */
static void kt__per_chunks(const kt_periodic_plan *p, ptrdiff_t Rp, ptrdiff_t *nch,
                           ptrdiff_t *chunk)
{
    const ptrdiff_t slen = (ptrdiff_t)kt__ipow((double)Rp, p->d);
    const ptrdiff_t nblocks = (p->n + KT_PER_B - 1) / KT_PER_B;
    ptrdiff_t c = KT_PER_PARTIAL_BUDGET / (slen * p->nrhs);
    if (c < 1)
        c = 1;
    if (c > KT_PER_MAX_CHUNKS)
        c = KT_PER_MAX_CHUNKS;
    /* at least KT_PER_MIN_CHUNK blocks per chunk: each chunk's partial sums
     * are cleared and reduced, Rp^d doubles each */
    if (c > (nblocks + KT_PER_MIN_CHUNK - 1) / KT_PER_MIN_CHUNK)
        c = (nblocks + KT_PER_MIN_CHUNK - 1) / KT_PER_MIN_CHUNK;
    if (c > nblocks)
        c = nblocks > 0 ? nblocks : 1;
    if (c < 1)
        c = 1;
    const ptrdiff_t bpc = (nblocks + c - 1) / c;
    *chunk = (bpc > 0 ? bpc : 1) * KT_PER_B;
    *nch = nblocks > 0 ? (nblocks + bpc - 1) / bpc : 1;
}

/* The problem's method, truncation and cost estimates: the public members
 * of *plan (zeroed first).  KT_ERR_UNSUPPORTED when the forced method
 * cannot be used. */
static int kt__per_choose(ptrdiff_t d, ptrdiff_t n, ptrdiff_t m, ptrdiff_t nrhs, double sigma,
                          double period, double tol, int method, kt_periodic_plan *plan)
{
    const double s = sigma, L = period;
    plan->d = (int)d;
    plan->n = n;
    plan->m = m;
    plan->nrhs = nrhs;
    plan->sigma = s;
    plan->period = L;
    plan->tol = tol;
    const double G = kt__per_g0(s, L);
    plan->kmax = kt__ipow(G, d);

    /* direct: every image within Euclidean distance r of a target.  For
     * |v| > r, exp(-|v|^2/2s^2) <= exp(-(1-th) r^2/2s^2) exp(-th |v|^2/2s^2),
     * and the sum of the last factor over all images is at most
     * g_{s/sqrt(th)}(0)^d (a periodic Gaussian peaks at 0), so the error is at
     * most exp(-(1-th) r^2/2s^2) g_{s/sqrt(th)}(0)^d sum|q|; r is the
     * smallest over th in a few values with that <= tol G^d */
    double r = HUGE_VAL;
    {
        static const double ths[] = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3};
        for (size_t i = 0; i < sizeof ths / sizeof ths[0]; i++) {
            const double th = ths[i];
            const double lg = (double)d * log(kt__per_g0(s / sqrt(th), L) / G) - log(tol);
            const double ri = sqrt(2 * s * s * (lg > 0 ? lg : 0) / (1 - th));
            if (ri < r)
                r = ri;
        }
    }
    r *= 1 + 1e-9;
    plan->radius = r;
    /* cells of side h = L / nc >= r / S (S = reach: neighbours -S..S per
     * axis), with a margin for the rounding of the cell index, at most ~4
     * cells per point; the S with the cheapest estimate */
    const double reff = r * (1 + 1e-12) + 1e-12 * L;
    const double nmax = (double)(n > m ? n : m);
    const double cap = 4 * nmax + 27;
    double direct_work = 1, pairs = 0, ranges = 0, best = HUGE_VAL;
    plan->ncell = 1;
    for (ptrdiff_t S = 1; S <= 3; S++) {
        double ncd = floor((double)S * L / reff);
        if (ncd > 1e6)
            ncd = 1e6;
        ptrdiff_t nc = (ptrdiff_t)ncd;
        while (nc > 2 * S + 1 && kt__ipow((double)nc, d) > cap)
            nc--;
        if (nc < 2 * S + 1 || kt__ipow((double)nc, d) > cap)
            continue;
        /* pairs: the ball dilated by about a cell; ranges: one per row */
        const double h = L / (double)nc;
        const double vb = d == 1 ? 2 * (r + h) : d == 2 ? kt__pi * (r + h) * (r + h)
                                                        : 4.18879 * (r + h) * (r + h) * (r + h);
        const double pr = (double)m * (double)n * vb / kt__ipow(L, d);
        const double rg = (double)m * kt__ipow((double)(2 * S + 1), d - 1) * 0.8;
        const double cost = pr * KT_PER_C_PAIR + rg * KT_PER_C_RANGE;
        if (cost < best) {
            best = cost;
            plan->ncell = nc;
            plan->reach = S;
            pairs = pr;
            ranges = rg;
        }
    }
    if (plan->ncell == 1) {
        /* y - x in (-L, L): images |v| <= floor(r / L) + 1 cover |y - x + vL| <= r */
        plan->reach = 0;
        plan->nimage = (ptrdiff_t)floor(r / L) + 1;
        direct_work = kt__ipow((double)(2 * plan->nimage + 1), d);
        pairs = (double)m * (double)n * direct_work;
        ranges = (double)m * direct_work;
    }
    plan->cost_direct = direct_work > KT_PER_MAX_WORK
                            ? HUGE_VAL
                            : pairs * (KT_PER_C_PAIR + KT_PER_C_RHS * (double)(nrhs - 1)) +
                                  ranges * KT_PER_C_RANGE + (double)(n + m) * KT_PER_C_POINT;

    /* Fourier: the smallest K with d tau (G + tau)^(d-1) <= tol G^d */
    ptrdiff_t K;
    {
        /* the condition is monotone in K: doubling, then bisection */
        ptrdiff_t klo = -1, khi = 0;
        while (!kt__per_fourier_ok(khi, d, s, L, G, tol * plan->kmax) && khi < (1 << 21)) {
            klo = khi;
            khi = khi ? 2 * khi : 1;
        }
        while (khi - klo > 1) {
            const ptrdiff_t mid = klo + (khi - klo) / 2;
            if (kt__per_fourier_ok(mid, d, s, L, G, tol * plan->kmax))
                khi = mid;
            else
                klo = mid;
        }
        K = khi;
    }
    /* the modes kept: a ball |k|^2 <= K2 inside the cube (2D: ~pi/4 of
     * the products, 3D: ~pi/6), K2 the smallest whose omitted modes sum to
     * at most tol G^d; the cube (K2 = d K^2) when K is too large for the
     * tables */
    ptrdiff_t K2 = d * K * K;
    const ptrdiff_t kmaxt = kt__per_isqrt(d * K * K) + 1;
    if (d > 1 && kmaxt < KT_PER_TAB) {
        double a[KT_PER_TAB + 1], tl[KT_PER_TAB + 1];
        const double A = s * sqrt(2 * kt__pi) / L;
        const double b = 0.5 * (2 * kt__pi * s / L) * (2 * kt__pi * s / L);
        for (ptrdiff_t k = 0; k <= kmaxt; k++) {
            a[k] = A * exp(-b * (double)k * (double)k);
            tl[k] = 0.5 * kt__per_mode_tail(k, s, L); /* sum_{j > k} a_j */
        }
        ptrdiff_t qlo = K * K - 1, qhi = d * K * K;
        while (qhi - qlo > 1) {
            const ptrdiff_t mid = qlo + (qhi - qlo) / 2;
            if (kt__per_ball_tail(d, mid, a, tl, G) <= tol * plan->kmax)
                qhi = mid;
            else
                qlo = mid;
        }
        K2 = qhi;
        K = kt__per_isqrt(K2);
    }
    plan->K = K;
    plan->K2 = K2;
    const double Rp = (double)((2 * K + 1 + 3) / 4 * 4);
    const double modes = kt__ipow(Rp, d) * (d == 1 ? 1.0 : d == 2 ? 0.82 : 0.6);
    /* (also bounds the per-thread feature blocks, (d + 1) Rp 64 doubles) */
    plan->cost_fourier = modes > KT_PER_MAX_WORK || Rp > 65536
                             ? HUGE_VAL
                             : (double)(n + m) * ((double)nrhs * modes * KT_PER_C_MODE +
                                                  (double)d * Rp * KT_PER_C_FEAT +
                                                  KT_PER_C_POINT);

    if (method == KT_PERIODIC_AUTO)
        method = plan->cost_direct <= plan->cost_fourier ? KT_PERIODIC_DIRECT
                                                         : KT_PERIODIC_FOURIER;
    if (method == KT_PERIODIC_DIRECT && plan->cost_direct == HUGE_VAL)
        return KT_ERR_UNSUPPORTED;
    if (method == KT_PERIODIC_FOURIER && plan->cost_fourier == HUGE_VAL)
        return KT_ERR_UNSUPPORTED;
    plan->method = method;
    return KT_OK;
}

/* ---- planning: threads and scratch --------------------------------------- */

int kt_periodic_plan_init(kt_periodic_plan *plan, int dtype, int d, ptrdiff_t n, ptrdiff_t m,
                          ptrdiff_t nrhs, ptrdiff_t xs0, ptrdiff_t xs1, int y_given,
                          ptrdiff_t ys0, ptrdiff_t ys1, double sigma, double period, double tol,
                          int method, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (dtype != KT_F64)
        return KT_ERR_UNSUPPORTED;
    if (d < 1 || d > 3)
        return KT_ERR_NDIM;
    if (n < 0 || m < 0 || nrhs < 1 || (!y_given && m != n))
        return KT_ERR_SHAPE;
    if (!(sigma > 0) || !isfinite(sigma) || !(period > 0) || !isfinite(period) ||
        !(tol > 0 && tol < 1))
        return KT_ERR_VALUE;
    if (method != KT_PERIODIC_AUTO && method != KT_PERIODIC_DIRECT &&
        method != KT_PERIODIC_FOURIER)
        return KT_ERR_MODE;
    kt_periodic_plan pl;
    memset(&pl, 0, sizeof pl);
    int s = kt__per_choose(d, n, m, nrhs, sigma, period, tol, method, &pl);
    if (s != KT_OK)
        return s;
    pl.y_given = y_given != 0;
    pl.xs0 = xs0;
    pl.xs1 = xs1;
    pl.ys0 = pl.y_given ? ys0 : 0;
    pl.ys1 = pl.y_given ? ys1 : 0;
    /* the work: the chosen method's estimate (~ns) */
    const int run = n > 0 && m > 0;
    const double est = pl.method == KT_PERIODIC_DIRECT ? pl.cost_direct : pl.cost_fourier;
    const int nt = kt__thread_count(nthreads, run ? est : 0.0);
    const size_t D = sizeof(double), P = sizeof(ptrdiff_t), R = (size_t)run;
    const size_t un = (size_t)n, um = (size_t)m, unrhs = (size_t)nrhs;
    size_t stride[KT_PER_NDIRECT];
    if (pl.method == KT_PERIODIC_DIRECT) {
        const size_t ncells = (size_t)kt__ipow((double)pl.ncell, d);
        const size_t xstride = un + KT_PER_PAD, Y = (size_t)(run && pl.y_given);
        const kt__region reg[KT_PER_NDIRECT] = {
            {R, (size_t)d * xstride * D, 0},  {R, unrhs * xstride * D, 0},
            {R, (ncells + 1) * P, 0},         {R, (un > um ? un : um) * P, 0},
            {R, un * P, 0},                   {Y, (size_t)d * um * D, 0},
            {Y, um * P, 0},                   {Y, (ncells + 1) * P, 0},
        };
        s = kt__layout(reg, KT_PER_NDIRECT, pl.off, stride, &pl.info.scratch_size);
    } else {
        pl.Rp = (2 * pl.K + 1 + 3) / 4 * 4;
        pl.slen = (ptrdiff_t)kt__ipow((double)pl.Rp, d);
        kt__per_chunks(&pl, pl.Rp, &pl.nch, &pl.chunk);
        const kt__region reg[KT_PER_NFOURIER] = {
            {R, (size_t)pl.nch * unrhs * (size_t)pl.slen * D, 0},
            {R, unrhs * (size_t)pl.slen * D, 0},
            {R, (size_t)pl.Rp * D, 0},
            {R * (size_t)nt, (size_t)kt__per_fourier_ws(d, pl.Rp) * D, 0},
        };
        s = kt__layout(reg, KT_PER_NFOURIER, pl.off, stride, &pl.info.scratch_size);
    }
    if (s != KT_OK)
        return s;
    pl.info.tag = kt__tag(KT__OP_PERIODIC, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

/* ---- binning ------------------------------------------------------------- */

/* counting sort of k points (strided) into the cells: rows of wrapped
 * coordinates `dst` (stride dstride), start[c] the first of cell c,
 * perm[sorted] = original; weights q (k x nrhs) into qdst rows if given */
static void kt__per_bin(const kt_periodic_plan *p, const char *x, ptrdiff_t sp, ptrdiff_t sc,
                        ptrdiff_t k, const double *q, double *dst, ptrdiff_t dstride,
                        double *qdst, ptrdiff_t *start, ptrdiff_t *cid, ptrdiff_t *perm)
{
    const ptrdiff_t d = p->d, nc = p->ncell;
    const ptrdiff_t ncells = (ptrdiff_t)kt__ipow((double)nc, d);
    const double L = p->period, scale = (double)nc / L;
    for (ptrdiff_t c = 0; c <= ncells; c++)
        start[c] = 0;
    for (ptrdiff_t j = 0; j < k; j++) {
        ptrdiff_t c = 0;
        for (ptrdiff_t a = 0; a < d; a++) {
            double u = kt__per_wrap(*(const double *)(x + j * sp + a * sc), L);
            c = c * nc + kt__per_cell(u, scale, nc);
        }
        cid[j] = c;
        start[c + 1]++;
    }
    for (ptrdiff_t c = 0; c < ncells; c++)
        start[c + 1] += start[c];
    /* cid[j] becomes the next free slot of j's cell, then j's slot */
    for (ptrdiff_t j = 0; j < k; j++) {
        const ptrdiff_t c = cid[j];
        const ptrdiff_t pos = start[c]++;
        cid[j] = pos;
        perm[pos] = j;
        for (ptrdiff_t a = 0; a < d; a++)
            dst[a * dstride + pos] = kt__per_wrap(*(const double *)(x + j * sp + a * sc), L);
        if (qdst)
            for (ptrdiff_t r = 0; r < p->nrhs; r++)
                qdst[r * dstride + pos] = q[j * p->nrhs + r];
    }
    /* start[c] now holds the end of cell c: shift back */
    for (ptrdiff_t c = ncells; c > 0; c--)
        start[c] = start[c - 1];
    start[0] = 0;
}

static int kt__per_finite(const char *x, ptrdiff_t sp, ptrdiff_t sc, ptrdiff_t k, ptrdiff_t d)
{
    for (ptrdiff_t j = 0; j < k; j++)
        for (ptrdiff_t a = 0; a < d; a++)
            if (!isfinite(*(const double *)(x + j * sp + a * sc)))
                return 0;
    return 1;
}

/* an r x c C-contiguous array out and the k x d strided array a share memory */
static int kt__per_overlap(const double *out, ptrdiff_t r, ptrdiff_t c, const void *a,
                           ptrdiff_t k, ptrdiff_t d, ptrdiff_t s0, ptrdiff_t s1)
{
    const ptrdiff_t D = (ptrdiff_t)sizeof(double);
    const ptrdiff_t oshape[2] = {r, c}, ostr[2] = {c * D, D};
    const ptrdiff_t ashape[2] = {k, d}, astr[2] = {s0, s1};
    return kt__overlap(2, oshape, out, ostr, ashape, a, astr, sizeof(double)) != 0;
}

int kt_periodic_execute_f64(const kt_periodic_plan *plan, const double *x, const double *q,
                            const double *y, double *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(plan ? &plan->info : NULL, KT__OP_PERIODIC, KT_F64, scratch);
    if (s != KT_OK)
        return s;
    const kt_periodic_plan *p = plan;
    if (!x || !q || !out || (p->y_given && !y))
        return KT_ERR_NULL;
    const ptrdiff_t n = p->n, m = p->m, d = p->d, nrhs = p->nrhs;
    const ptrdiff_t x_sp = p->xs0, x_sc = p->xs1, y_sp = p->ys0, y_sc = p->ys1;
    if (!p->y_given)
        y = NULL;
    if (m == 0)
        return KT_OK;
    if (kt__per_overlap(out, m, nrhs, x, n, d, x_sp, x_sc) ||
        kt__per_overlap(out, m, nrhs, q, n, nrhs, nrhs * (ptrdiff_t)sizeof(double),
                        (ptrdiff_t)sizeof(double)) ||
        (y && kt__per_overlap(out, m, nrhs, y, m, d, y_sp, y_sc)))
        return KT_ERR_OVERLAP;
    if (!kt__per_finite((const char *)x, x_sp, x_sc, n, d) ||
        (y && !kt__per_finite((const char *)y, y_sp, y_sc, m, d)))
        return KT_ERR_VALUE;
    if (n == 0) {
        memset(out, 0, (size_t)(m * nrhs) * sizeof(double));
        return KT_OK;
    }
    nthreads = kt__exec_threads(&p->info, nthreads);
    char *base = (char *)kt_align_ptr(scratch);
    const double L = p->period;

    if (p->method == KT_PERIODIC_DIRECT) {
        const ptrdiff_t xstride = n + KT_PER_PAD;
        double *xs = (double *)(base + p->off[KT_PER_XS]);
        double *qs = (double *)(base + p->off[KT_PER_QS]);
        ptrdiff_t *cstart = (ptrdiff_t *)(base + p->off[KT_PER_CSTART]);
        ptrdiff_t *cid = (ptrdiff_t *)(base + p->off[KT_PER_CID]);
        ptrdiff_t *sperm = (ptrdiff_t *)(base + p->off[KT_PER_SPERM]);
        for (ptrdiff_t a = 0; a < d; a++)
            for (ptrdiff_t j = n; j < xstride; j++)
                xs[a * xstride + j] = 0;
        for (ptrdiff_t r = 0; r < nrhs; r++)
            for (ptrdiff_t j = n; j < xstride; j++)
                qs[r * xstride + j] = 0;
        kt__per_bin(p, (const char *)x, x_sp, x_sc, n, q, xs, xstride, qs, cstart, cid, sperm);
        kt__per_direct_ctx cx;
        cx.d = d;
        cx.n = n;
        cx.m = m;
        cx.nrhs = nrhs;
        cx.nc = p->ncell;
        cx.lo = p->ncell > 1 ? -p->reach : -p->nimage;
        cx.hi = -cx.lo;
        cx.L = L;
        cx.scale = (double)p->ncell / L;
        cx.neg_inv2s2 = -1.0 / (2 * p->sigma * p->sigma);
        cx.marg = 1e-9 * p->radius + 1e-12 * L;
        cx.r2 = (p->radius + cx.marg) * (p->radius + cx.marg);
        cx.xs = xs;
        cx.qs = qs;
        cx.xstride = xstride;
        cx.cstart = cstart;
        cx.out = out;
        if (y) {
            double *ys = (double *)(base + p->off[KT_PER_YS]);
            ptrdiff_t *tperm = (ptrdiff_t *)(base + p->off[KT_PER_TPERM]);
            ptrdiff_t *tstart = (ptrdiff_t *)(base + p->off[KT_PER_TSTART]);
            kt__per_bin(p, (const char *)y, y_sp, y_sc, m, NULL, ys, m, NULL, tstart, cid,
                        tperm);
            cx.ys = ys;
            cx.ystride = m;
            cx.tperm = tperm;
        } else {
            cx.ys = xs;
            cx.ystride = xstride;
            cx.tperm = sperm;
        }
        return KT_DISPATCH(kt__periodic_direct, (&p->info, &cx, nthreads));
    }

    kt__per_fourier_ctx cx;
    cx.d = d;
    cx.n = n;
    cx.m = m;
    cx.nrhs = nrhs;
    cx.K = p->K;
    cx.K2 = p->K2;
    cx.R = 2 * p->K + 1;
    cx.Rp = p->Rp;
    cx.L = L;
    cx.omega = 2 * kt__pi / L;
    cx.x = (const char *)x;
    cx.xsp = x_sp;
    cx.xsc = x_sc;
    cx.q = q;
    cx.y = y ? (const char *)y : (const char *)x;
    cx.ysp = y ? y_sp : x_sp;
    cx.ysc = y ? y_sc : x_sc;
    cx.out = out;
    cx.partial = (double *)(base + p->off[KT_PER_PARTIAL]);
    cx.nch = p->nch;
    cx.chunk = p->chunk;
    cx.slen = p->slen;
    cx.S = (double *)(base + p->off[KT_PER_S]);
    double *w = (double *)(base + p->off[KT_PER_W]);
    {
        /* g(t) = a_0 + sum_k 2 a_k (cos k w y cos k w x + sin k w y sin k w x) */
        const double A = p->sigma * sqrt(2 * kt__pi) / L;
        const double b = 0.5 * (2 * kt__pi * p->sigma / L) * (2 * kt__pi * p->sigma / L);
        w[0] = A;
        for (ptrdiff_t k = 1; k <= p->K; k++)
            w[2 * k - 1] = w[2 * k] = 2 * A * exp(-b * (double)k * (double)k);
        for (ptrdiff_t i = 2 * p->K + 1; i < p->Rp; i++)
            w[i] = 0;
    }
    cx.w = w;
    /* the threads' workspaces: a multiple of 64 doubles each, so the
     * region's pieces lie end to end */
    cx.ws = (double *)(base + p->off[KT_PER_WS]);
    cx.wslen = kt__per_fourier_ws(d, p->Rp);
    return KT_DISPATCH(kt__periodic_fourier, (&p->info, &cx, nthreads));
}

int kt_periodic_gauss_transform_f64(int d, ptrdiff_t n, ptrdiff_t m, ptrdiff_t nrhs,
                                    const double *x, ptrdiff_t xs0, ptrdiff_t xs1,
                                    const double *q, const double *y, ptrdiff_t ys0,
                                    ptrdiff_t ys1, double sigma, double period, double tol,
                                    int method, double *out, int nthreads)
{
    kt_periodic_plan pl;
    int s = kt_periodic_plan_init(&pl, KT_F64, d, n, m, nrhs, xs0, xs1, y != NULL, ys0, ys1,
                                  sigma, period, tol, method, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt_periodic_execute_f64(&pl, x, q, y, out, scratch, nthreads);
    free(scratch);
    return s;
}
