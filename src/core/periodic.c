/* The periodic Gauss transform: planning (truncation bounds, the switch
 * between the cut-off direct sum and the Fourier series), scratch layout,
 * binning of the points into cells, and dispatch to the hot loops
 * (periodic_exec.c). */
#include <math.h>

#include "parallel.h"
#include "periodic_core.h"

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

/* T(r) >= sup_t sum_{n : |t + nL| > r} exp(-(t + nL)^2 / 2 s^2): per side the
 * images beyond r are r < u_0 < u_0 + L < ..., a decreasing sequence bounded
 * by its first term plus the integral of the Gaussian from r on, over L */
static double kt__per_image_tail(double r, double s, double L)
{
    return 2 * (exp(-r * r / (2 * s * s)) +
                s / L * sqrt(kt__pi / 2) * erfc(r / (s * sqrt(2.0))));
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

int kt_periodic_gauss_plan(ptrdiff_t d, ptrdiff_t n, ptrdiff_t m, ptrdiff_t nrhs, double sigma,
                           double period, double tol, int method, kt_periodic_plan *plan)
{
    if (!plan)
        return KT_ERR_NULL;
    if (d < 1 || d > 3)
        return KT_ERR_NDIM;
    if (n < 0 || m < 0 || nrhs < 1)
        return KT_ERR_SHAPE;
    if (!(sigma > 0) || !isfinite(sigma) || !(period > 0) || !isfinite(period) ||
        !(tol > 0 && tol < 1))
        return KT_ERR_VALUE;
    if (method != KT_PERIODIC_AUTO && method != KT_PERIODIC_DIRECT &&
        method != KT_PERIODIC_FOURIER)
        return KT_ERR_VALUE;
    const double s = sigma, L = period;
    memset(plan, 0, sizeof *plan);
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
#define KT_PER_FOURIER_OK(k)                                                                 \
    (d * kt__per_mode_tail((k), s, L) *                                                      \
         kt__ipow(G + kt__per_mode_tail((k), s, L), d - 1) <=                                \
     tol * plan->kmax)
        ptrdiff_t klo = -1, khi = 0;
        while (!KT_PER_FOURIER_OK(khi) && khi < (1 << 21)) {
            klo = khi;
            khi = khi ? 2 * khi : 1;
        }
        while (khi - klo > 1) {
            const ptrdiff_t mid = klo + (khi - klo) / 2;
            if (KT_PER_FOURIER_OK(mid))
                khi = mid;
            else
                klo = mid;
        }
#undef KT_PER_FOURIER_OK
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

/* ---- scratch layout ------------------------------------------------------ */

typedef struct {
    size_t xs, qs, cstart, cid, sperm, ys, tperm, tstart, total; /* direct */
    size_t partial, S, w, ws;                                    /* fourier */
    ptrdiff_t Rp, slen, nch, chunk, nthreads;
} kt__per_layout;

static size_t kt__bump(size_t *off, size_t bytes)
{
    size_t at = *off;
    *off += kt_round_up(bytes);
    return at;
}

static int kt__per_check_plan(const kt_periodic_plan *p)
{
    if (!p)
        return KT_ERR_NULL;
    if (p->d < 1 || p->d > 3)
        return KT_ERR_NDIM;
    if (p->n < 0 || p->m < 0 || p->nrhs < 1)
        return KT_ERR_SHAPE;
    if (!(p->sigma > 0) || !isfinite(p->sigma) || !(p->period > 0) || !isfinite(p->period))
        return KT_ERR_VALUE;
    if (p->method == KT_PERIODIC_DIRECT) {
        if (!(p->radius > 0) || !isfinite(p->radius))
            return KT_ERR_VALUE;
        if (p->ncell < 1 || (p->ncell == 1 && p->nimage < 1) ||
            (p->ncell > 1 && (p->reach < 1 || p->ncell < 2 * p->reach + 1)) ||
            kt__ipow((double)p->ncell, p->d) > 1e7)
            return KT_ERR_VALUE;
    } else if (p->method == KT_PERIODIC_FOURIER) {
        if (p->K < 0 || p->K > 32768 || p->K2 < p->K * p->K ||
            kt__ipow((double)(2 * p->K + 4), p->d) > 2 * KT_PER_MAX_WORK)
            return KT_ERR_VALUE;
    } else {
        return KT_ERR_VALUE;
    }
    return KT_OK;
}

static void kt__per_layout_of(const kt_periodic_plan *p, int nthreads, kt__per_layout *lay)
{
    memset(lay, 0, sizeof *lay);
    size_t off = 0;
    const size_t D = sizeof(double), P = sizeof(ptrdiff_t);
    const size_t n = (size_t)p->n, m = (size_t)p->m, nrhs = (size_t)p->nrhs;
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > 64)
        nthreads = 64;
    lay->nthreads = nthreads;
    if (p->method == KT_PERIODIC_DIRECT) {
        const size_t ncells = (size_t)kt__ipow((double)p->ncell, p->d);
        const size_t xstride = n + KT_PER_PAD;
        lay->xs = kt__bump(&off, (size_t)p->d * xstride * D);
        lay->qs = kt__bump(&off, nrhs * xstride * D);
        lay->cstart = kt__bump(&off, (ncells + 1) * P);
        lay->cid = kt__bump(&off, (n > m ? n : m) * P);
        lay->sperm = kt__bump(&off, n * P);
        lay->ys = kt__bump(&off, (size_t)p->d * m * D);
        lay->tperm = kt__bump(&off, m * P);
        lay->tstart = kt__bump(&off, (ncells + 1) * P);
    } else {
        const ptrdiff_t Rp = (2 * p->K + 1 + 3) / 4 * 4;
        lay->Rp = Rp;
        lay->slen = (ptrdiff_t)kt__ipow((double)Rp, p->d);
        kt__per_chunks(p, Rp, &lay->nch, &lay->chunk);
        lay->partial = kt__bump(&off, (size_t)lay->nch * nrhs * (size_t)lay->slen * D);
        lay->S = kt__bump(&off, nrhs * (size_t)lay->slen * D);
        lay->w = kt__bump(&off, (size_t)Rp * D);
        lay->ws = kt__bump(&off, (size_t)nthreads * (size_t)kt__per_fourier_ws(p->d, Rp) * D);
    }
    lay->total = off + KT_ALIGN;
}

size_t kt_periodic_gauss_scratch(const kt_periodic_plan *plan, int nthreads)
{
    if (kt__per_check_plan(plan) != KT_OK)
        return 0;
    kt__per_layout lay;
    kt__per_layout_of(plan, nthreads, &lay);
    return lay.total;
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

int kt_periodic_gauss_f64(const kt_periodic_plan *plan, const double *x, ptrdiff_t x_sp,
                          ptrdiff_t x_sc, const double *q, const double *y, ptrdiff_t y_sp,
                          ptrdiff_t y_sc, double *out, void *scratch, size_t scratch_size,
                          int nthreads)
{
    int s = kt__per_check_plan(plan);
    if (s != KT_OK)
        return s;
    const kt_periodic_plan *p = plan;
    const ptrdiff_t n = p->n, m = p->m, d = p->d, nrhs = p->nrhs;
    if (!y && m != n)
        return KT_ERR_SHAPE;
    if (m == 0)
        return KT_OK;
    if (!out)
        return KT_ERR_NULL;
    if (n > 0 && (!x || !q))
        return KT_ERR_NULL;
    if (!kt__per_finite((const char *)x, x_sp, x_sc, n, d) ||
        (y && !kt__per_finite((const char *)y, y_sp, y_sc, m, d)))
        return KT_ERR_VALUE;
    if (n == 0) {
        memset(out, 0, (size_t)(m * nrhs) * sizeof(double));
        return KT_OK;
    }
    if (nthreads < 1)
        nthreads = 1;
    kt__per_layout lay;
    kt__per_layout_of(p, nthreads, &lay);
    {
        /* one thread per ~100 us of estimated work: creating and joining a
         * thread costs tens of microseconds, more on a busy machine (the
         * result does not depend on the thread count) */
        const double est = p->method == KT_PERIODIC_DIRECT ? p->cost_direct : p->cost_fourier;
        const double cap = 1 + est / 1e5;
        if ((double)nthreads > cap)
            nthreads = (int)cap;
    }
    if (!scratch)
        return KT_ERR_NULL;
    if (scratch_size < lay.total)
        return KT_ERR_SCRATCH;
    char *base = (char *)kt_align_ptr(scratch);
    const double L = p->period;

    if (p->method == KT_PERIODIC_DIRECT) {
        const ptrdiff_t xstride = n + KT_PER_PAD;
        double *xs = (double *)(base + lay.xs), *qs = (double *)(base + lay.qs);
        ptrdiff_t *cstart = (ptrdiff_t *)(base + lay.cstart);
        ptrdiff_t *cid = (ptrdiff_t *)(base + lay.cid);
        ptrdiff_t *sperm = (ptrdiff_t *)(base + lay.sperm);
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
            double *ys = (double *)(base + lay.ys);
            ptrdiff_t *tperm = (ptrdiff_t *)(base + lay.tperm);
            ptrdiff_t *tstart = (ptrdiff_t *)(base + lay.tstart);
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
        KT_DISPATCH(kt__periodic_direct, (&cx, nthreads));
        return KT_OK;
    }

    kt__per_fourier_ctx cx;
    cx.d = d;
    cx.n = n;
    cx.m = m;
    cx.nrhs = nrhs;
    cx.K = p->K;
    cx.K2 = p->K2;
    cx.R = 2 * p->K + 1;
    cx.Rp = lay.Rp;
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
    cx.partial = (double *)(base + lay.partial);
    cx.nch = lay.nch;
    cx.chunk = lay.chunk;
    cx.slen = lay.slen;
    cx.S = (double *)(base + lay.S);
    double *w = (double *)(base + lay.w);
    {
        /* g(t) = a_0 + sum_k 2 a_k (cos k w y cos k w x + sin k w y sin k w x) */
        const double A = p->sigma * sqrt(2 * kt__pi) / L;
        const double b = 0.5 * (2 * kt__pi * p->sigma / L) * (2 * kt__pi * p->sigma / L);
        w[0] = A;
        for (ptrdiff_t k = 1; k <= p->K; k++)
            w[2 * k - 1] = w[2 * k] = 2 * A * exp(-b * (double)k * (double)k);
        for (ptrdiff_t i = 2 * p->K + 1; i < lay.Rp; i++)
            w[i] = 0;
    }
    cx.w = w;
    cx.ws = (double *)(base + lay.ws);
    cx.wslen = kt__per_fourier_ws(d, lay.Rp);
    KT_DISPATCH(kt__periodic_fourier,
                (&cx, nthreads < (int)lay.nthreads ? nthreads : (int)lay.nthreads));
    return KT_OK;
}
