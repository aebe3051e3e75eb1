/* Gaussian kernel evaluation loops, in double, compiled once per ISA level
 * (-DKT_ISA=...) and chosen at run time (kernels_priv.h).  The per-element
 * exponentials go through vexp.h's vector exp (within 2 ulp of libm's) in
 * chunks, so that they vectorise; the double-double corrections of the
 * arguments stay as they were, element by element. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "kernels_priv.h"
#include "parallel.h"
#include "vec.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define FN(name) KT_CAT3(name, _, KT_ISA)

#define T double
#define KT_VEXP_NAME kt__vexp
#define KT_VEXP_VT kt_vec_f64
#define KT_VEXP_VI kt_veci_f64
#define KT_VEXP_FMA kt_vfma_f64
#define KT_VEXP_F32 0
#include "vexp.h"
#undef T

#define GVL KT_VL_F64
/* elements per chunk of the vectorised loops; a multiple of GVL */
#define GCH KT_KERNEL_CHUNK

/* e[i] = exp(e[i]) for i < m (e holds a multiple of GVL >= m entries) */
static void kt__exp_n(double *e, ptrdiff_t m)
{
    for (ptrdiff_t i = 0; i < m; i += GVL)
        *(kt_vecu_f64 *)(e + i) = kt__vexp(*(const kt_vecu_f64 *)(e + i));
}

#define KT_INV_SQRT_2PI 0.39894228040143267794
#define KT_SQRT1_2 0.70710678118654752440
#define KT_PI 3.14159265358979323846

/* Far out, t = x / sigma rounded to double costs a relative error of
 * t^2 * eps in exp(-t^2/2) and erfc(t/sqrt2) (1e-13 at 30 sigma): the
 * standardised offsets are carried as hi + lo pairs and the exponent (the
 * erfc argument) corrected to first order. */
#define KT_SQRT1_2_HI 0.7071067811865476
#define KT_SQRT1_2_LO (-4.833646656726457e-17)
#define KT_2_SQRTPI 1.12837916709551257390

/* (x - c) / sigma as hi + lo (x exact). */
static inline void kt__std(double x, double c, double sigma, double *hi, double *lo)
{
    double d = x - c, bb = d - x;
    double dl = (x - (d - bb)) + (-c - bb); /* two-sum error of x - c */
    double t = d / sigma;
    double r = fma(-t, sigma, d); /* exact remainder of the division */
    *hi = t;
    *lo = (r + dl) / sigma;
}

/* exp(-t^2 / 2) for t = hi + lo. */
static inline double kt__gauss_dd(double hi, double lo)
{
    double p = hi * hi, pl = fma(hi, hi, -p);
    return exp(-0.5 * p) * (1.0 - (0.5 * pl + hi * lo));
}

/* Q(t) for t = hi + lo. */
static inline double kt__q_dd(double hi, double lo)
{
    double z = hi * KT_SQRT1_2_HI;
    double zl = fma(hi, KT_SQRT1_2_HI, -z) + (hi * KT_SQRT1_2_LO + lo * KT_SQRT1_2_HI);
    return 0.5 * erfc(z) - (0.5 * KT_2_SQRTPI) * exp(-z * z) * zl;
}

/* Probabilists' Hermite polynomial He_n(t) by its three-term recurrence. */
static inline double kt__hermite(int n, double t)
{
    if (n == 0)
        return 1.0;
    double hm1 = 1.0, h = t;
    for (int k = 1; k < n; k++) {
        double hn = t * h - (double)k * hm1;
        hm1 = h;
        h = hn;
    }
    return h;
}

/* d^n/dt^n phi(t) = (-1)^n He_n(t) phi(t): the standardised sample. */
static double kt__sample(int n, double t, double tl)
{
    double v = KT_INV_SQRT_2PI * kt__gauss_dd(t, tl);
    if (n == 0)
        return v;
    v *= kt__hermite(n, t);
    return (n & 1) ? -v : v;
}

/* The cell integrals: of phi^(n) over [m - h, m + h] = [a, b]
 * (standardised units; m, a, b as hi + lo pairs, from the cell centre x
 * and edges x -+ 1/2).  A cell narrow against sigma (or near the centre)
 * takes kt__taylor, the others kt__wide. */
static inline int kt__narrow(double m, double h)
{
    return h * (fabs(m) + h) <= 1.0;
}

/* The cell of half-width h about m, narrow (kt__narrow), with
 * g = exp(-m^2 / 2) (m as its hi + lo pair). */
static double kt__taylor(int n, double m, double h, double g)
{
    /* A cell narrow against sigma (or near the centre): Taylor expansion
     * about m, term by term exact in the even moments,
     *   2 h phi(m) (-1)^n sum_k He_{n+2k}(m) h^{2k} / (2k+1)!,
     * with He by its recurrence.  No cancellation between edges. */
    double hm1 = 1.0, he = m; /* He_0, He_1 */
    int j = 1;
    if (n == 0)
        he = 1.0, hm1 = 0.0, j = 0;
    else
        for (; j < n; j++) {
            double hn = m * he - (double)j * hm1;
            hm1 = he;
            he = hn;
        }
    /* he = He_n(m), hm1 = He_{n-1}(m) (He_{-1} := 0), j = n */
    const double h2 = h * h;
    double sum = he, big = fabs(he), pw = 1.0, prev = fabs(he);
    for (int k = 1; k < 80; k++) {
        /* advance the recurrence two steps: He_{j+1}, He_{j+2} */
        double h1 = m * he - (double)j * hm1;
        double h2n = m * h1 - (double)(j + 1) * he;
        hm1 = h1;
        he = h2n;
        j += 2;
        pw *= h2 / ((double)(2 * k) * (double)(2 * k + 1));
        double term = he * pw;
        sum += term;
        double at = fabs(term);
        if (at > big)
            big = at;
        /* two negligible terms in a row (one alone may sit on a zero
         * of He): the rest decays at least like h^2k / (2k+1)! */
        if (at <= 0x1p-60 * big && prev <= 0x1p-60 * big)
            break;
        prev = at;
    }
    double v = 2.0 * h * KT_INV_SQRT_2PI * g * sum;
    return (n & 1) ? -v : v;
}

/* The last edge function value a wide cell computed: consecutive cells
 * share an edge (x + 1/2 and (x + 1) - 1/2 are the same double), so each
 * edge's erfc (resp. derivative sample) is computed once, n + 1 for n
 * cells.  Keyed by the argument, so a miss only costs the evaluation. */
typedef struct kt__edge {
    double hi, lo, v;
    int valid;
} kt__edge;

/* n == 0: Q(hi + lo); n > 0: phi^(n-1)(hi + lo). */
static inline double kt__edge_f(kt__edge *c, int n, double hi, double lo)
{
    if (c->valid && c->hi == hi && c->lo == lo)
        return c->v;
    double v = n ? kt__sample(n - 1, hi, lo) : kt__q_dd(hi, lo);
    c->hi = hi, c->lo = lo, c->v = v, c->valid = 1;
    return v;
}

/* A cell wide against sigma (or far out): from its edges x -+ 1/2, the
 * left one first (the right one is left in the cache for the next cell). */
static double kt__wide(kt__edge *c, int n, double x, double ctr, double sigma)
{
    double a, al, b, bl;
    kt__std(x - 0.5, ctr, sigma, &a, &al);
    kt__std(x + 0.5, ctr, sigma, &b, &bl);
    if (n > 0) { /* phi^(n-1)(b) - phi^(n-1)(a) */
        double fa = kt__edge_f(c, n, a, al);
        return kt__edge_f(c, n, b, bl) - fa;
    }
    if (a >= 0.0) { /* both tails small, b far beyond a */
        double qa = kt__edge_f(c, 0, a, al);
        return qa - kt__edge_f(c, 0, b, bl);
    }
    if (b <= 0.0) {
        double qa = kt__edge_f(c, 0, -a, -al);
        return kt__edge_f(c, 0, -b, -bl) - qa;
    }
    /* straddling the centre: two positive halves, no cancellation */
    c->valid = 0;
    return 0.5 * (erf(b * KT_SQRT1_2) + erf(-a * KT_SQRT1_2));
}

/* g[i] = exp(-t^2 / 2) for t = t[i] + tl[i], i < m: the vector exp of the
 * rounded exponent, corrected to first order as kt__gauss_dd does.  The
 * arrays hold GCH entries; g's past m are scratch. */
static void kt__gauss_n(double *restrict g, const double *restrict t,
                        const double *restrict tl, ptrdiff_t m)
{
    for (ptrdiff_t i = 0; i < m; i++)
        g[i] = -0.5 * (t[i] * t[i]);
    for (ptrdiff_t i = m; i < GCH && (i & (GVL - 1)); i++)
        g[i] = 0.0;
    kt__exp_n(g, m);
    for (ptrdiff_t i = 0; i < m; i++) {
        double p = t[i] * t[i], pl = fma(t[i], t[i], -p);
        g[i] *= 1.0 - (0.5 * pl + t[i] * tl[i]);
    }
}

/* One axis: k[i] for i < n, offsets (i - (n-1)/2) - center, in double. */
KT_HIDDEN void FN(kt__gauss_axis)(double *k, ptrdiff_t n, double sigma, double center,
                                  int order, int method, int normalize)
{
    const double half = 0.5 * (double)(n - 1);
    const double inv = 1.0 / sigma;
    double scale = 1.0;
    for (int q = 0; q < order; q++)
        scale *= inv;
    _Alignas(32) double t[GCH], tl[GCH], g[GCH];
    if (method == KT_GAUSS_SAMPLE) {
        /* density: phi(t) / sigma, derivative d^n/dx^n: sigma^-(n+1) */
        double s0 = 0.0;
        for (ptrdiff_t i0 = 0; i0 < n; i0 += GCH) {
            const ptrdiff_t m = n - i0 < GCH ? n - i0 : GCH;
            for (ptrdiff_t i = 0; i < m; i++)
                kt__std((double)(i0 + i) - half, center, sigma, &t[i], &tl[i]);
            kt__gauss_n(g, t, tl, m);
            for (ptrdiff_t i = 0; i < m; i++) {
                double e = g[i];
                s0 += e;
                k[i0 + i] = order ? e * kt__hermite(order, t[i]) : e;
            }
        }
        double f = normalize ? 1.0 / s0 : KT_INV_SQRT_2PI * inv;
        f *= (order & 1) ? -scale : scale;
        for (ptrdiff_t i = 0; i < n; i++)
            k[i] *= f;
        return;
    }
    const double h = 0.5 * inv;
    double s0 = 0.0;
    /* centred: the kernel is exactly (anti)symmetric; compute half of it */
    const ptrdiff_t nc = center == 0.0 ? (n + 1) / 2 : n;
    kt__edge ck = {0.0, 0.0, 0.0, 0}, c0 = {0.0, 0.0, 0.0, 0};
    for (ptrdiff_t i0 = 0; i0 < nc; i0 += GCH) {
        const ptrdiff_t m = nc - i0 < GCH ? nc - i0 : GCH;
        /* the cell centres' exponentials, for the narrow cells */
        for (ptrdiff_t i = 0; i < m; i++)
            kt__std((double)(i0 + i) - half, center, sigma, &t[i], &tl[i]);
        kt__gauss_n(g, t, tl, m);
        for (ptrdiff_t i = 0; i < m; i++) {
            const ptrdiff_t ii = i0 + i;
            const double x = (double)ii - half;
            double v, v0;
            if (kt__narrow(t[i], h)) {
                v = kt__taylor(order, t[i], h, g[i]);
                v0 = order && normalize ? kt__taylor(0, t[i], h, g[i]) : v;
            } else {
                v = kt__wide(&ck, order, x, center, sigma);
                v0 = order && normalize ? kt__wide(&c0, 0, x, center, sigma) : v;
            }
            k[ii] = v;
            if (normalize)
                s0 += (nc < n && 2 * ii + 1 != n) ? 2.0 * v0 : v0;
        }
    }
    for (ptrdiff_t i = nc; i < n; i++)
        k[i] = (order & 1) ? -k[n - 1 - i] : k[n - 1 - i];
    double f = normalize ? scale / s0 : scale;
    if (f != 1.0)
        for (ptrdiff_t i = 0; i < n; i++)
            k[i] *= f;
}

/* Gauss-Legendre, 8 points on [-1, 1] (nodes +-x, weights w). */
static const double kt__glx[4] = {0.18343464249564980494, 0.52553240991632898582,
                                  0.79666647741362673959, 0.96028985649753623168};
static const double kt__glw[4] = {0.36268378337836198297, 0.31370664587788728734,
                                  0.22238103445337447054, 0.10122853629037625915};

typedef struct kt__rot {
    double a, b, c, norm;
    int m; /* sub-cells per axis (integrate) */
    double gx[8], gw[8];
} kt__rot;

static void kt__rot_init(kt__rot *r, double sy, double sx, double theta, int method)
{
    double ct = cos(theta), st = sin(theta), s2t = sin(2.0 * theta);
    double ct2 = ct * ct, st2 = st * st, xs2 = sx * sx, ys2 = sy * sy;
    r->a = 0.5 * (ct2 / xs2 + st2 / ys2);
    r->b = 0.5 * (s2t / xs2 - s2t / ys2);
    r->c = 0.5 * (st2 / xs2 + ct2 / ys2);
    r->norm = 1.0 / (2.0 * KT_PI * sx * sy);
    r->m = method == KT_GAUSS_INTEGRATE ? kt__kernel_rot_sub(sy, sx) : 1;
    for (int q = 0; q < 4; q++) {
        r->gx[3 - q] = -kt__glx[q];
        r->gx[4 + q] = kt__glx[q];
        r->gw[3 - q] = r->gw[4 + q] = kt__glw[q];
    }
}

/* -(a dx^2 + b dx dy + c dy^2): the exponent at offset (dx, dy) */
static inline double kt__rot_arg(const kt__rot *r, double dx, double dy)
{
    return -((r->a * (dx * dx)) + (r->b * dx * dy) + (r->c * (dy * dy)));
}

/* Unnormalised mass of the cell centred at (dx, dy) ('integrate'). */
static double kt__rot_cell(const kt__rot *r, double dx, double dy)
{
    const int m = r->m;
    const double w = 1.0 / (double)m, hw = 0.5 * w;
    _Alignas(32) double e[64];
    double acc = 0.0;
    for (int sy = 0; sy < m; sy++) {
        double cy = dy - 0.5 + hw + (double)sy * w;
        for (int sx = 0; sx < m; sx++) {
            double cx = dx - 0.5 + hw + (double)sx * w;
            for (int p = 0; p < 8; p++) {
                double yy = cy + hw * r->gx[p];
                for (int q = 0; q < 8; q++)
                    e[8 * p + q] = kt__rot_arg(r, cx + hw * r->gx[q], yy);
            }
            kt__exp_n(e, 64);
            for (int p = 0; p < 8; p++) {
                double row = 0.0;
                for (int q = 0; q < 8; q++)
                    row += r->gw[q] * e[8 * p + q];
                acc += r->gw[p] * row;
            }
        }
    }
    return acc * (hw * hw);
}

typedef struct kt__rot_ctx {
    kt__rot r;
    double *dst;
    ptrdiff_t nx, nc; /* row length, cells computed (the rest by symmetry) */
    double hy, hx, cy, cx;
    int method;
} kt__rot_ctx;

/* One task: the GCH cells from item * GCH on (fewer at the end). */
static void kt__rot_task(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const kt__rot_ctx *x = (const kt__rot_ctx *)vctx;
    const kt__rot *r = &x->r;
    const ptrdiff_t p0 = item * GCH, nx = x->nx;
    const ptrdiff_t m = x->nc - p0 < GCH ? x->nc - p0 : GCH;
    ptrdiff_t i = p0 / nx, j = p0 - i * nx;
    /* a whole chunk is computed in place; the last, partial one in a
     * buffer (the vector exp runs past its end) */
    _Alignas(32) double buf[GCH];
    double *q = m == GCH ? x->dst + p0 : buf;
    if (x->method == KT_GAUSS_SAMPLE) {
        for (ptrdiff_t pp = 0; pp < m; pp++) {
            q[pp] = kt__rot_arg(r, ((double)j - x->hx) - x->cx, ((double)i - x->hy) - x->cy);
            if (++j == nx)
                j = 0, i++;
        }
        for (ptrdiff_t pp = m; pp < GCH && (pp & (GVL - 1)); pp++)
            q[pp] = 0.0;
        kt__exp_n(q, m);
    } else {
        for (ptrdiff_t pp = 0; pp < m; pp++) {
            q[pp] = kt__rot_cell(r, ((double)j - x->hx) - x->cx, ((double)i - x->hy) - x->cy);
            if (++j == nx)
                j = 0, i++;
        }
    }
    if (q == buf)
        memcpy(x->dst + p0, buf, (size_t)m * sizeof(double));
}

KT_HIDDEN int FN(kt__gauss_rot)(const kt_gaussian_kernel_plan *pl, double *dst, int nthreads,
                                double *sum, double *norm)
{
    /* axis 0 is y, axis 1 is x */
    const ptrdiff_t ny = pl->shape[0], nx = pl->shape[1], n = ny * nx;
    kt__rot_ctx x;
    kt__rot_init(&x.r, pl->sigma[0], pl->sigma[1], pl->theta, pl->method);
    x.dst = dst;
    x.nx = nx;
    x.hy = 0.5 * (double)(ny - 1);
    x.hx = 0.5 * (double)(nx - 1);
    x.cy = pl->center[0];
    x.cx = pl->center[1];
    x.method = pl->method;
    /* centred: point symmetric, k[p] = k[n-1-p]; compute the first half */
    const ptrdiff_t nc = (x.cy == 0.0 && x.cx == 0.0) ? (n + 1) / 2 : n;
    x.nc = nc;
    int s = kt__parallel_for(&pl->info, nthreads, (nc + GCH - 1) / GCH, pl->grain,
                             kt__rot_task, &x);
    if (s != KT_OK)
        return s;
    double acc = 0.0;
    for (ptrdiff_t p = 0; p < nc; p++) {
        const double v = dst[p];
        acc += (nc < n && 2 * p + 1 != n) ? 2.0 * v : v;
    }
    for (ptrdiff_t p = nc; p < n; p++)
        dst[p] = dst[n - 1 - p];
    *sum = acc;
    *norm = x.r.norm;
    return KT_OK;
}
