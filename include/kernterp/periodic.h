/* kernterp: the periodic Gauss transform (Gaussian convolution on a torus).
 *
 * For sources x_j (n points in [0, L)^d, d = 1, 2, 3; coordinates outside
 * are wrapped) with weights q_j, and targets y_i (m points), it computes
 *
 *   f(y_i) = sum_j q_j sum_{v in Z^d} exp(-|y_i - x_j + L v|^2 / (2 sigma^2))
 *
 * (every periodic image), for nrhs weight vectors at once, to the tolerance
 *
 *   |f - f_exact| <= tol * kmax * sum_j |q_j|      (per weight vector)
 *
 * where kmax = g(0)^d is the periodic kernel's maximum (g(0) = sum_n
 * exp(-(nL)^2 / 2 sigma^2) >= 1; kmax ~ 1 for sigma << L and ~
 * (sigma sqrt(2 pi) / L)^d for sigma >> L), apart from floating-point
 * rounding (~1e-15 kmax sum |q| and below).  Two methods:
 *
 *   KT_PERIODIC_DIRECT  a cut-off direct sum: every image within Euclidean
 *       distance `radius` of a target, found through cell lists on the torus
 *       (ncell^d cells of side L/ncell >= radius/reach; per target the rows
 *       of the (2 reach + 1)^d neighbour cells, with periodic wrap, clipped
 *       to the ball), or, when ncell == 1, all sources with the images
 *       -nimage..nimage per axis.  Truncation error <= exp(-(1-th) r^2/2s^2)
 *       g_{s/sqrt(th)}(0)^d sum|q| for any th in (0, 1) (split the exponent
 *       and sum the th part over every image), r the smallest over a few th.
 *   KT_PERIODIC_FOURIER a truncated Fourier series over the modes
 *       |k|^2 <= K2 (a disk / ball of radius K in mode space):
 *       per axis g(t) = sum_k a_k e^{2 pi i k t / L}, a_k = (s sqrt(2 pi)/L)
 *       exp(-(2 pi s k / L)^2 / 2); the mode sums factor per axis into small
 *       dense products.  Truncation error <= sum_{|k|^2 > K2} prod_a a_{k_a}
 *       sum|q|, summed row by row with 1-D tails bounded by a term plus an
 *       erfc integral.
 *
 * KT_PERIODIC_AUTO picks the one the cost model says is cheaper:
 * cost_direct (neighbour pairs, ~1 per exponential) against cost_fourier
 * (dense mode products, per mode and point); both are in the plan.
 *
 * float64 only: the plan takes dtype KT_F64 (KT_F32: KT_ERR_UNSUPPORTED)
 * and the execute is kt_periodic_execute_f64.  The two interfaces of
 * common.h: the guru kt_periodic_plan_init / kt_periodic_execute_f64, the
 * simple kt_periodic_gauss_transform_f64.
 */
#ifndef KERNTERP_PERIODIC_H
#define KERNTERP_PERIODIC_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The `method` of kt_periodic_plan_init. */
enum { KT_PERIODIC_AUTO = 0, KT_PERIODIC_DIRECT = 1, KT_PERIODIC_FOURIER = 2 };

/* The plan.  The members before the internal ones are public and READ
 * ONLY: what plan_init chose (the method, its truncation, the cost model's
 * estimates), for the caller to inspect; execute trusts them. */
typedef struct kt_periodic_plan {
    kt_plan_info info;
    int method;         /* KT_PERIODIC_DIRECT or KT_PERIODIC_FOURIER */
    int d;              /* 1, 2 or 3 */
    ptrdiff_t n, m;     /* sources, targets */
    ptrdiff_t nrhs;     /* weight vectors */
    double sigma, period, tol;
    double kmax;        /* g(0)^d, the kernel's maximum */
    double radius;      /* direct: cut-off (Euclidean) radius */
    ptrdiff_t ncell;    /* direct: cells per axis (>= 2 reach + 1), or 1 (images) */
    ptrdiff_t reach;    /* direct with ncell > 1: neighbour cells -reach..reach per axis */
    ptrdiff_t nimage;   /* direct with ncell == 1: images -nimage..nimage per axis */
    ptrdiff_t K;        /* fourier: modes -K..K per axis */
    ptrdiff_t K2;       /* fourier: the modes kept, |k|^2 <= K2 (a ball; >= d K^2: the cube) */
    double cost_direct; /* the cost model's estimates (arbitrary units ~ ns) */
    double cost_fourier;
    /* internal */
    int y_given;
    ptrdiff_t xs0, xs1, ys0, ys1;
    ptrdiff_t Rp;                /* fourier: 2 K + 1 rounded up to a multiple of 4 */
    ptrdiff_t slen, nch, chunk;  /* fourier: Rp^d, source chunks, sources per chunk */
    size_t off[8];               /* scratch regions (periodic_priv.h) */
} kt_periodic_plan;

/* ---- guru interface ----
 * The transform of n sources x (d = 1, 2 or 3 coordinates: source j,
 * coordinate a at (char *)x + j * xs0 + a * xs1, byte strides) with weights
 * q (n x nrhs, C-contiguous), at m targets y (ys0, ys1 likewise; y_given =
 * 0: the sources themselves, m == n, the j = i term included; ys0, ys1 then
 * ignored) into out (m x nrhs, C-contiguous, not overlapping x, q or y:
 * KT_ERR_OVERLAP).  method: KT_PERIODIC_AUTO, _DIRECT or _FOURIER.
 * The result does not depend on nthreads (bit for bit).  Errors of
 * plan_init: KT_ERR_NULL, KT_ERR_VALUE (an unknown dtype; sigma or period
 * not finite and > 0, tol not in (0, 1)), KT_ERR_UNSUPPORTED (dtype KT_F32;
 * the forced method would need more than ~2^22 modes or image
 * combinations), KT_ERR_NDIM (d not 1..3), KT_ERR_SHAPE (n, m < 0,
 * nrhs < 1, y_given = 0 with m != n), KT_ERR_MODE (an unknown method); of
 * execute: KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_VALUE (a
 * coordinate not finite), KT_ERR_CANCELLED. */
int kt_periodic_plan_init(kt_periodic_plan *plan, int dtype, int d, ptrdiff_t n, ptrdiff_t m,
                          ptrdiff_t nrhs, ptrdiff_t xs0, ptrdiff_t xs1, int y_given,
                          ptrdiff_t ys0, ptrdiff_t ys1, double sigma, double period, double tol,
                          int method, int nthreads);
int kt_periodic_execute_f64(const kt_periodic_plan *plan, const double *x, const double *q,
                            const double *y, double *out, void *scratch, int nthreads);

/* ---- simple interface ----
 * As the guru interface, y == NULL meaning the sources themselves (m == n). */
int kt_periodic_gauss_transform_f64(int d, ptrdiff_t n, ptrdiff_t m, ptrdiff_t nrhs,
                                    const double *x, ptrdiff_t xs0, ptrdiff_t xs1,
                                    const double *q, const double *y, ptrdiff_t ys0,
                                    ptrdiff_t ys1, double sigma, double period, double tol,
                                    int method, double *out, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
