/* Gaussian kernels: sampled, cell-integrated (accurate in the tails) and
 * rotated 2-D (astropy's Gaussian2D).  See include/kernterp/kernels.h.
 * The math is done in double; kernels_gauss_impl.h, included once per
 * precision, rounds and stores. */
#include <math.h>

#include "internal.h"

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

/* Integral of phi^(n) over [m - h, m + h] = [a, b] (standardised units;
 * m, a, b as hi + lo pairs, from the cell centre x and edges x -+ 1/2). */
static double kt__integrate(int n, double x, double c, double sigma, double h)
{
    double m, ml;
    kt__std(x, c, sigma, &m, &ml);
    const double am = fabs(m);
    if (h * (am + h) <= 1.0) {
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
        double v = 2.0 * h * KT_INV_SQRT_2PI * kt__gauss_dd(m, ml) * sum;
        return (n & 1) ? -v : v;
    }
    double a, al, b, bl;
    kt__std(x - 0.5, c, sigma, &a, &al);
    kt__std(x + 0.5, c, sigma, &b, &bl);
    if (n > 0) /* phi^(n-1)(b) - phi^(n-1)(a) */
        return kt__sample(n - 1, b, bl) - kt__sample(n - 1, a, al);
    if (a >= 0.0)
        return kt__q_dd(a, al) - kt__q_dd(b, bl); /* both tails small, b far beyond a */
    if (b <= 0.0)
        return kt__q_dd(-b, -bl) - kt__q_dd(-a, -al);
    /* straddling the centre: two positive halves, no cancellation */
    return 0.5 * (erf(b * KT_SQRT1_2) + erf(-a * KT_SQRT1_2));
}

/* One axis: k[i] for i < n, offsets (i - (n-1)/2) - center, in double. */
static void kt__axis(double *k, ptrdiff_t n, double sigma, double center, int order,
                     int method, int normalize)
{
    const double half = 0.5 * (double)(n - 1);
    const double inv = 1.0 / sigma;
    double scale = 1.0;
    for (int q = 0; q < order; q++)
        scale *= inv;
    if (method == KT_GAUSS_SAMPLE) {
        /* density: phi(t) / sigma, derivative d^n/dx^n: sigma^-(n+1) */
        double s0 = 0.0;
        for (ptrdiff_t i = 0; i < n; i++) {
            double t, tl;
            kt__std((double)i - half, center, sigma, &t, &tl);
            double e = kt__gauss_dd(t, tl);
            s0 += e;
            k[i] = order ? e * kt__hermite(order, t) : e;
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
    for (ptrdiff_t i = 0; i < nc; i++) {
        double x = (double)i - half;
        k[i] = kt__integrate(order, x, center, sigma, h);
        if (normalize) {
            double v = order ? kt__integrate(0, x, center, sigma, h) : k[i];
            s0 += (nc < n && 2 * i + 1 != n) ? 2.0 * v : v;
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
    double smin = sx < sy ? sx : sy;
    double mm = ceil(2.0 / smin);
    r->m = method == KT_GAUSS_INTEGRATE ? (mm > 64.0 ? 64 : (mm < 1.0 ? 1 : (int)mm)) : 1;
    for (int q = 0; q < 4; q++) {
        r->gx[3 - q] = -kt__glx[q];
        r->gx[4 + q] = kt__glx[q];
        r->gw[3 - q] = r->gw[4 + q] = kt__glw[q];
    }
}

static inline double kt__rot_q(const kt__rot *r, double dx, double dy)
{
    return exp(-((r->a * (dx * dx)) + (r->b * dx * dy) + (r->c * (dy * dy))));
}

/* Unnormalised value of the cell centred at (dx, dy). */
static double kt__rot_value(const kt__rot *r, double dx, double dy, int method)
{
    if (method == KT_GAUSS_SAMPLE)
        return kt__rot_q(r, dx, dy);
    const int m = r->m;
    const double w = 1.0 / (double)m, hw = 0.5 * w;
    double acc = 0.0;
    for (int sy = 0; sy < m; sy++) {
        double cy = dy - 0.5 + hw + (double)sy * w;
        for (int sx = 0; sx < m; sx++) {
            double cx = dx - 0.5 + hw + (double)sx * w;
            for (int p = 0; p < 8; p++) {
                double yy = cy + hw * r->gx[p], row = 0.0;
                for (int q = 0; q < 8; q++)
                    row += r->gw[q] * kt__rot_q(r, cx + hw * r->gx[q], yy);
                acc += r->gw[p] * row;
            }
        }
    }
    return acc * (hw * hw);
}

size_t kt_gaussian_kernel_scratch(int ndim, const ptrdiff_t *shape, double theta,
                                  size_t itemsize, int *status)
{
    int st = KT_OK;
    size_t total = 0, prod = 1;
    if (!shape || !status) {
        st = KT_ERR_NULL;
    } else if (ndim < 1 || ndim > KT_MAX_NDIM) {
        st = KT_ERR_NDIM;
    } else if (itemsize != 4 && itemsize != 8) {
        st = KT_ERR_VALUE;
    } else {
        for (int d = 0; d < ndim; d++) {
            if (shape[d] < 1) {
                st = KT_ERR_SHAPE;
                break;
            }
            total += (size_t)shape[d];
            prod *= (size_t)shape[d];
        }
        if (st == KT_OK && theta != 0.0 && itemsize == 4)
            total = prod; /* the rotated float32 kernel, in double */
    }
    if (status)
        *status = st;
    return st == KT_OK ? total * sizeof(double) : 0;
}

static int kt__check(int ndim, const ptrdiff_t *shape, const double *sigma,
                     const double *center, const int *order, int method, double theta)
{
    if (!shape || !sigma)
        return KT_ERR_NULL;
    if (ndim < 1 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (method != KT_GAUSS_SAMPLE && method != KT_GAUSS_INTEGRATE)
        return KT_ERR_VALUE;
    if (!isfinite(theta))
        return KT_ERR_VALUE;
    int any_order = 0;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 1)
            return KT_ERR_SHAPE;
        if (!(sigma[d] > 0.0) || !isfinite(sigma[d]))
            return KT_ERR_VALUE;
        if (center && !isfinite(center[d]))
            return KT_ERR_VALUE;
        if (order && order[d] < 0)
            return KT_ERR_ORDER;
        if (order && order[d] > 0)
            any_order = 1;
    }
    if (theta != 0.0 && (ndim != 2 || any_order))
        return KT_ERR_UNSUPPORTED;
    return KT_OK;
}

#define T float
#define SFX f32
#include "kernels_gauss_impl.h"
#undef T
#undef SFX

#define T double
#define SFX f64
#include "kernels_gauss_impl.h"
#undef T
#undef SFX
