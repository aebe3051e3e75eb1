/* The periodic Gauss transform's hot loops, in double, compiled once per
 * ISA level (-DKT_ISA=...) and chosen at run time (periodic_priv.h).
 *
 * Direct: one task per KT_PER_TB targets (sorted by cell); per target, the
 * source ranges of its neighbour cells (consecutive cells along the last
 * axis merged into one range), the exponentials through vexp.h over
 * contiguous sorted sources (kt__pexpn: a short exp for arguments <= 0),
 * accumulated per lane and summed in a fixed order at the end.
 * Fourier: per axis the features 1, cos(k w x), sin(k w x) (k = 1..K, by
 * the angle-addition recurrence from one sin/cos per point and axis) of a
 * block of KT_PER_B points; type 1 accumulates the mode sums
 * S[m_1..m_d] = sum_j q_j prod_a F_a[m_a](x_j) as small dense products,
 * per fixed chunk of sources, reduced in chunk order; type 2 evaluates
 * f(y) = sum_m w(m) S[m] prod_a F_a[m_a](y) per block of targets.
 * Every value's summation order depends on the problem only, never on the
 * thread count. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "parallel.h"
#include "periodic_priv.h"
#include "vec.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define FN(name) KT_CAT3(name, _, KT_ISA)

/* exp(x) for the direct sum's arguments x = -|y - x_j|^2 / 2 s^2 <= 0: no
 * overflow, no NaN (finite coordinates), so a shorter version of vexp.h's:
 *   - clamp x >= -700 (exp(-700) < 1e-304: a term below -700 becomes at
 *     most 1e-304 |q_j|, far below any tolerance);
 *   - x = k ln2 + r with k = round(x / ln2) (magic-number rounding, exact
 *     for |x| < 2^50), r = x - k ln2hi - k ln2lo (Cody-Waite: ln2hi has 32
 *     trailing zero bits, so k ln2hi is exact for |k| < 2^20), |r| <=
 *     ln2/2 + 2^-40;
 *   - e^r by its Taylor polynomial of degree 11: the remainder is at most
 *     |r|^12 / 12! e^|r| <= 0.3466^12 / 479001600 * 1.415 < 9e-15 of e^r;
 *     evaluated by Estrin's scheme (depth 5 instead of 11 FMAs: the loop is
 *     latency-bound) with rounding of a few ulp, |p| in [0.7, 1.42];
 *   - 2^k applied as one factor: k >= -1010, so 2^k is normal and the
 *     product exact up to its rounding.
 * So each exponential is within ~1e-14 relative of exp(x), and the sum's
 * rounding error within ~1e-14 sum|q_j| <= 1e-14 kmax sum|q|: far below
 * the truncation error allowed by tol (measured in tests/test_periodic.py). */
static inline __attribute__((always_inline)) kt_v4_f64 kt__pexpn(kt_v4_f64 x)
{
    const kt_v4_f64 lo = (kt_v4_f64){0} + -700.0;
    const kt_v4_f64 magic = (kt_v4_f64){0} + 6755399441055744.0; /* 1.5 * 2^52 */
    const kt_v4i_f64 m = x < lo;
    x = (kt_v4_f64)(((kt_v4i_f64)x & ~m) | ((kt_v4i_f64)lo & m));
    const kt_v4_f64 t = x * 1.4426950408889634 + magic;
    const kt_v4_f64 kd = t - magic;
    kt_v4_f64 r = x - kd * 6.93147180369123816490e-01;
    r = r - kd * 1.90821492927058770002e-10;
    const kt_v4_f64 r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    const kt_v4_f64 p01 = r + 1.0;
    const kt_v4_f64 p23 = r * (1.0 / 6) + 0.5;
    const kt_v4_f64 p45 = r * (1.0 / 120) + (1.0 / 24);
    const kt_v4_f64 p67 = r * (1.0 / 5040) + (1.0 / 720);
    const kt_v4_f64 p89 = r * (1.0 / 362880) + (1.0 / 40320);
    const kt_v4_f64 pab = r * (1.0 / 39916800) + (1.0 / 3628800);
    const kt_v4_f64 p03 = p23 * r2 + p01;
    const kt_v4_f64 p47 = p67 * r2 + p45;
    const kt_v4_f64 p8b = pab * r2 + p89;
    const kt_v4_f64 p = (p8b * r8 + p47 * r4) + p03;
    /* the low bits of t hold k: (k + 1023) << 52 is 2^k */
    const kt_v4i_f64 e = ((kt_v4i_f64)t + 1023) << 52;
    return p * (kt_v4_f64)e;
}

#define LD(p) (*(const kt_v4u_f64 *)(p))
#define ST(p, v) (*(kt_v4u_f64 *)(p) = (v))
#define LDA(p) (*(const kt_v4_f64 *)(p))
#define STA(p, v) (*(kt_v4_f64 *)(p) = (v))

static inline double kt__hsum(kt_v4_f64 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

/* weight vectors per pass over a range (each pass recomputes the exponentials) */
#define KT_PER_RB 4

/* ---- direct -------------------------------------------------------------- */

/* squared distances of 4 sources from yy, for D coordinates */
static inline __attribute__((always_inline)) kt_v4_f64
kt__pdist2(const int D, const double *x0, const double *x1, const double *x2, const double *yy,
           ptrdiff_t j)
{
    kt_v4_f64 t = yy[0] - LD(x0 + j);
    kt_v4_f64 q2 = t * t;
    if (D >= 2) {
        t = yy[1] - LD(x1 + j);
        q2 += t * t;
    }
    if (D == 3) {
        t = yy[2] - LD(x2 + j);
        q2 += t * t;
    }
    return q2;
}

/* acc[0] += sum_{j in [b, e)} q[j] exp(-|yy - x_j|^2 / 2 s^2) per lane: one
 * weight vector, two independent vectors per step (their exponentials
 * overlap), a masked last vector */
static inline __attribute__((always_inline)) void
FN(pairs1)(const int D, const kt__per_direct_ctx *cx, const double *yy, ptrdiff_t b,
           ptrdiff_t e, const double *qb, kt_v4_f64 *acc)
{
    const ptrdiff_t xst = cx->xstride;
    const double *x0 = cx->xs, *x1 = cx->xs + xst, *x2 = cx->xs + 2 * xst;
    const double c = cx->neg_inv2s2;
    kt_v4_f64 a0 = acc[0], a1 = (kt_v4_f64){0};
    ptrdiff_t j = b;
    for (; j + 8 <= e; j += 8) {
        const kt_v4_f64 e0 = kt__pexpn(kt__pdist2(D, x0, x1, x2, yy, j) * c);
        const kt_v4_f64 e1 = kt__pexpn(kt__pdist2(D, x0, x1, x2, yy, j + 4) * c);
        a0 += e0 * LD(qb + j);
        a1 += e1 * LD(qb + j + 4);
    }
    const kt_v4i_f64 lane = {0, 1, 2, 3};
    for (; j < e; j += 4) {
        kt_v4_f64 ex = kt__pexpn(kt__pdist2(D, x0, x1, x2, yy, j) * c);
        const kt_v4i_f64 mk = lane < (kt_v4i_f64){0} + (int64_t)(e - j);
        ex = (kt_v4_f64)((kt_v4i_f64)ex & mk);
        a1 += ex * LD(qb + j);
    }
    acc[0] = a0 + a1;
}

/* acc[r] += sum_{j in [b, e)} q_r[j] exp(-|yy - x_j|^2 / 2 s^2) per lane */
static inline void FN(pairs)(const kt__per_direct_ctx *cx, const double *yy, ptrdiff_t b,
                             ptrdiff_t e, ptrdiff_t r0, ptrdiff_t nr, kt_v4_f64 *acc)
{
    const ptrdiff_t xst = cx->xstride;
    const double *qb = cx->qs + r0 * xst;
    if (nr == 1) {
        switch (cx->d) {
        case 1: FN(pairs1)(1, cx, yy, b, e, qb, acc); return;
        case 2: FN(pairs1)(2, cx, yy, b, e, qb, acc); return;
        default: FN(pairs1)(3, cx, yy, b, e, qb, acc); return;
        }
    }
    const double *x0 = cx->xs, *x1 = cx->xs + xst, *x2 = cx->xs + 2 * xst;
    const double c = cx->neg_inv2s2;
    const kt_v4i_f64 lane = {0, 1, 2, 3};
    const int D = (int)cx->d;
    for (ptrdiff_t j = b; j < e; j += 4) {
        kt_v4_f64 ex = kt__pexpn(kt__pdist2(D, x0, x1, x2, yy, j) * c);
        if (j + 4 > e) {
            const kt_v4i_f64 mk = lane < (kt_v4i_f64){0} + (int64_t)(e - j);
            ex = (kt_v4_f64)((kt_v4i_f64)ex & mk);
        }
        for (ptrdiff_t r = 0; r < nr; r++)
            acc[r] += ex * LD(qb + r * xst + j);
    }
}

/* cell w (0..nc-1) and image shift sh of virtual cell v = c + off, |off|
 * <= reach < nc / 2 (or nc == 1: every offset is an image) */
static inline void kt__per_wrapcell(ptrdiff_t v, ptrdiff_t nc, ptrdiff_t *w, ptrdiff_t *sh)
{
    if (nc == 1) {
        *w = 0;
        *sh = v;
    } else if (v < 0) {
        *w = v + nc;
        *sh = -1;
    } else if (v >= nc) {
        *w = v - nc;
        *sh = 1;
    } else {
        *w = v;
        *sh = 0;
    }
}

/* two targets against one range, one weight vector: the source loads are
 * shared and the two exponentials overlap */
static inline __attribute__((always_inline)) void
FN(pairs2)(const int D, const kt__per_direct_ctx *cx, const double *ya, const double *yb,
           ptrdiff_t b, ptrdiff_t e, const double *qb, kt_v4_f64 *acca, kt_v4_f64 *accb)
{
    const ptrdiff_t xst = cx->xstride;
    const double *x0 = cx->xs, *x1 = cx->xs + xst, *x2 = cx->xs + 2 * xst;
    const double c = cx->neg_inv2s2;
    const kt_v4i_f64 lane = {0, 1, 2, 3};
    kt_v4_f64 a0 = *acca, b0 = *accb;
    for (ptrdiff_t j = b; j < e; j += 4) {
        kt_v4_f64 xv = LD(x0 + j);
        kt_v4_f64 ta = ya[0] - xv, tb = yb[0] - xv;
        kt_v4_f64 qa = ta * ta, qq = tb * tb;
        if (D >= 2) {
            xv = LD(x1 + j);
            ta = ya[1] - xv;
            tb = yb[1] - xv;
            qa += ta * ta;
            qq += tb * tb;
        }
        if (D == 3) {
            xv = LD(x2 + j);
            ta = ya[2] - xv;
            tb = yb[2] - xv;
            qa += ta * ta;
            qq += tb * tb;
        }
        kt_v4_f64 ea = kt__pexpn(qa * c), eb = kt__pexpn(qq * c);
        if (j + 4 > e) {
            const kt_v4i_f64 mk = lane < (kt_v4i_f64){0} + (int64_t)(e - j);
            ea = (kt_v4_f64)((kt_v4i_f64)ea & mk);
            eb = (kt_v4_f64)((kt_v4i_f64)eb & mk);
        }
        const kt_v4_f64 qv = LD(qb + j);
        a0 += ea * qv;
        b0 += eb * qv;
    }
    *acca = a0;
    *accb = b0;
}

/* q[t] += (yy[t][a] - xv)^2 for the four targets t */
static inline __attribute__((always_inline)) void kt__pacc4(const double (*yy)[3], int a,
                                                            kt_v4_f64 xv, kt_v4_f64 *q)
{
    const kt_v4_f64 t0 = yy[0][a] - xv, t1 = yy[1][a] - xv;
    const kt_v4_f64 t2 = yy[2][a] - xv, t3 = yy[3][a] - xv;
    q[0] += t0 * t0;
    q[1] += t1 * t1;
    q[2] += t2 * t2;
    q[3] += t3 * t3;
}

/* four targets against one range, one weight vector: one set of source
 * loads per four distances, four independent exponentials in flight */
static inline __attribute__((always_inline)) void
FN(pairs4)(const int D, const kt__per_direct_ctx *cx, const double (*yy)[3], ptrdiff_t b,
           ptrdiff_t e, const double *qb, kt_v4_f64 *a0p, kt_v4_f64 *a1p, kt_v4_f64 *a2p,
           kt_v4_f64 *a3p)
{
    const ptrdiff_t xst = cx->xstride;
    const double *x0 = cx->xs, *x1 = cx->xs + xst, *x2 = cx->xs + 2 * xst;
    const double c = cx->neg_inv2s2;
    const kt_v4i_f64 lane = {0, 1, 2, 3};
    kt_v4_f64 a0 = *a0p, a1 = *a1p, a2 = *a2p, a3 = *a3p;
    for (ptrdiff_t j = b; j < e; j += 4) {
        /* (0 + t t contracts to one FMA, exactly t t) */
        kt_v4_f64 qd[4] = {{0}, {0}, {0}, {0}};
        kt__pacc4(yy, 0, LD(x0 + j), qd);
        if (D >= 2)
            kt__pacc4(yy, 1, LD(x1 + j), qd);
        if (D == 3)
            kt__pacc4(yy, 2, LD(x2 + j), qd);
        const kt_v4_f64 q0 = qd[0], q1 = qd[1], q2 = qd[2], q3 = qd[3];
        kt_v4_f64 e0 = kt__pexpn(q0 * c), e1 = kt__pexpn(q1 * c);
        kt_v4_f64 e2 = kt__pexpn(q2 * c), e3 = kt__pexpn(q3 * c);
        if (j + 4 > e) {
            const kt_v4i_f64 mk = lane < (kt_v4i_f64){0} + (int64_t)(e - j);
            e0 = (kt_v4_f64)((kt_v4i_f64)e0 & mk);
            e1 = (kt_v4_f64)((kt_v4i_f64)e1 & mk);
            e2 = (kt_v4_f64)((kt_v4i_f64)e2 & mk);
            e3 = (kt_v4_f64)((kt_v4i_f64)e3 & mk);
        }
        const kt_v4_f64 qv = LD(qb + j);
        a0 += e0 * qv;
        a1 += e1 * qv;
        a2 += e2 * qv;
        a3 += e3 * qv;
    }
    *a0p = a0;
    *a1p = a1;
    *a2p = a2;
    *a3p = a3;
}

/* the targets of one task that share a cell, against one source range */
static void FN(group_range)(const kt__per_direct_ctx *cx, double (*yg)[3], ptrdiff_t G,
                            const double *sh, ptrdiff_t rb, ptrdiff_t re, ptrdiff_t r0,
                            ptrdiff_t nr, kt_v4_f64 (*acc)[KT_PER_RB])
{
    const ptrdiff_t d = cx->d;
    double yy[KT_PER_TB][3];
    for (ptrdiff_t k = 0; k < G; k++)
        for (ptrdiff_t a = 0; a < 3; a++)
            yy[k][a] = a < d ? yg[k][a] - sh[a] : 0.0;
    ptrdiff_t k = 0;
    if (nr == 1) {
        const double *qb = cx->qs + r0 * cx->xstride;
        for (; k + 4 <= G; k += 4) {
            kt_v4_f64 *a0 = &acc[k][0], *a1 = &acc[k + 1][0], *a2 = &acc[k + 2][0],
                     *a3 = &acc[k + 3][0];
            switch (d) {
            case 1: FN(pairs4)(1, cx, (const double(*)[3])yy + k, rb, re, qb, a0, a1, a2, a3); break;
            case 2: FN(pairs4)(2, cx, (const double(*)[3])yy + k, rb, re, qb, a0, a1, a2, a3); break;
            default: FN(pairs4)(3, cx, (const double(*)[3])yy + k, rb, re, qb, a0, a1, a2, a3); break;
            }
        }
        for (; k + 2 <= G; k += 2) {
            switch (d) {
            case 1: FN(pairs2)(1, cx, yy[k], yy[k + 1], rb, re, qb, &acc[k][0], &acc[k + 1][0]); break;
            case 2: FN(pairs2)(2, cx, yy[k], yy[k + 1], rb, re, qb, &acc[k][0], &acc[k + 1][0]); break;
            default: FN(pairs2)(3, cx, yy[k], yy[k + 1], rb, re, qb, &acc[k][0], &acc[k + 1][0]); break;
            }
        }
    }
    for (; k < G; k++)
        FN(pairs)(cx, yy[k], rb, re, r0, nr, acc[k]);
}

/* One task: KT_PER_TB targets in cell order; the targets that share a cell
 * walk its neighbour rows together (rows clipped to the ball around the
 * cell, so each target sees every image within r of it, and some more). */
static void FN(direct_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const kt__per_direct_ctx *cx = (const kt__per_direct_ctx *)vctx;
    const ptrdiff_t d = cx->d, nc = cx->nc, lo = cx->lo, hi = cx->hi, nrhs = cx->nrhs;
    const ptrdiff_t t0 = item * KT_PER_TB;
    const ptrdiff_t t1 = t0 + KT_PER_TB < cx->m ? t0 + KT_PER_TB : cx->m;
    const ptrdiff_t span = hi - lo + 1, l = d - 1;
    const double h = cx->L / (double)nc;
    ptrdiff_t nlead = 1;
    for (ptrdiff_t a = 0; a < d - 1; a++)
        nlead *= span;
    double yg[KT_PER_TB][3];
    ptrdiff_t cg[KT_PER_TB][3];
    for (ptrdiff_t t = t0; t < t1; t++)
        for (ptrdiff_t a = 0; a < 3; a++) {
            yg[t - t0][a] = a < d ? cx->ys[a * cx->ystride + t] : 0.0;
            cg[t - t0][a] = a < d && nc > 1 ? kt__per_cell(yg[t - t0][a], cx->scale, nc) : 0;
        }
    kt_v4_f64 acc[KT_PER_TB][KT_PER_RB];
    for (ptrdiff_t g0 = 0; g0 < t1 - t0;) {
        ptrdiff_t g1 = g0 + 1;
        while (g1 < t1 - t0 && cg[g1][0] == cg[g0][0] && cg[g1][1] == cg[g0][1] &&
               cg[g1][2] == cg[g0][2])
            g1++;
        const ptrdiff_t G = g1 - g0;
        const ptrdiff_t *c = cg[g0];
        for (ptrdiff_t r0 = 0; r0 < nrhs; r0 += KT_PER_RB) {
            const ptrdiff_t nr = nrhs - r0 < KT_PER_RB ? nrhs - r0 : KT_PER_RB;
            for (ptrdiff_t k = 0; k < G; k++)
                for (ptrdiff_t r = 0; r < KT_PER_RB; r++)
                    acc[k][r] = (kt_v4_f64){0};
            ptrdiff_t off[2] = {lo, lo};
            for (ptrdiff_t li = 0; li < nlead; li++) {
                /* leading-axis neighbour cell, image shifts and the squared
                 * distance from the group's cell to the row's band */
                double sh[3] = {0, 0, 0};
                ptrdiff_t flat = 0;
                double D2 = 0;
                for (ptrdiff_t a = 0; a < d - 1; a++) {
                    ptrdiff_t w, s;
                    kt__per_wrapcell(c[a] + off[a], nc, &w, &s);
                    sh[a] = (double)s * cx->L;
                    flat = flat * nc + w;
                    if (nc > 1) {
                        const ptrdiff_t ao = off[a] < 0 ? -off[a] : off[a];
                        const double gap = (double)(ao - 1) * h - cx->marg;
                        if (gap > 0)
                            D2 += gap * gap;
                    }
                }
                for (ptrdiff_t a = d - 2; a >= 0; a--) {
                    if (++off[a] <= hi)
                        break;
                    off[a] = lo;
                }
                if (D2 > cx->r2)
                    continue;
                ptrdiff_t olo = lo, ohi = hi;
                if (nc > 1) {
                    const double ext = sqrt(cx->r2 - D2) + cx->marg;
                    const ptrdiff_t vlo = (ptrdiff_t)floor(((double)c[l] * h - ext) * cx->scale);
                    const ptrdiff_t vhi =
                        (ptrdiff_t)floor(((double)(c[l] + 1) * h + ext) * cx->scale);
                    if (vlo - c[l] > olo)
                        olo = vlo - c[l];
                    if (vhi - c[l] < ohi)
                        ohi = vhi - c[l];
                }
                ptrdiff_t rb = -1, re = -1, rsh = 0;
                for (ptrdiff_t o2 = olo; o2 <= ohi + 1; o2++) {
                    ptrdiff_t cb = 0, ce = 0, s = 0;
                    if (o2 <= ohi) {
                        ptrdiff_t w;
                        kt__per_wrapcell(c[l] + o2, nc, &w, &s);
                        const ptrdiff_t cell = flat * nc + w;
                        cb = cx->cstart[cell];
                        ce = cx->cstart[cell + 1];
                        if (rb >= 0 && s == rsh && cb == re) {
                            re = ce;
                            continue;
                        }
                    }
                    if (rb >= 0 && re > rb) {
                        sh[l] = (double)rsh * cx->L;
                        FN(group_range)(cx, yg + g0, G, sh, rb, re, r0, nr, acc);
                    }
                    rb = cb;
                    re = ce;
                    rsh = s;
                }
            }
            for (ptrdiff_t k = 0; k < G; k++) {
                double *o = cx->out + cx->tperm[t0 + g0 + k] * nrhs;
                for (ptrdiff_t r = 0; r < nr; r++)
                    o[r0 + r] = kt__hsum(acc[k][r]);
            }
        }
        g0 = g1;
    }
}

KT_HIDDEN int FN(kt__periodic_direct)(const kt_plan_info *info, const kt__per_direct_ctx *cx,
                                      int nthreads)
{
    const ptrdiff_t nitems = (cx->m + KT_PER_TB - 1) / KT_PER_TB;
    return kt__parallel_for(info, nthreads, nitems, 4, FN(direct_task), (void *)cx);
}

/* ---- Fourier ------------------------------------------------------------- */

/* cos and sin of v (|v| <= ~4) per lane: v = k pi/2 + r (Cody-Waite,
 * |r| <= pi/4 + tiny), Taylor polynomials of degree 16 / 15 in r (first
 * omitted term < 5e-17), the quadrant k mod 4 applied by selection. */
static inline __attribute__((always_inline)) void kt__pvsincos(kt_v4_f64 v, kt_v4_f64 *c,
                                                               kt_v4_f64 *s)
{
    const kt_v4_f64 magic = (kt_v4_f64){0} + 6755399441055744.0; /* 1.5 * 2^52 */
    const kt_v4_f64 kd = (v * 0.63661977236758134308 + magic) - magic;
    kt_v4_f64 r = v - kd * 1.57079632673412561417e+00;
    r = r - kd * 6.07710050650619224932e-11;
    const kt_v4_f64 r2 = r * r;
    kt_v4_f64 ps = r2 * (1.0 / 1307674368000.0) - (1.0 / 6227020800.0);
    ps = ps * r2 + (1.0 / 39916800.0);
    ps = ps * r2 - (1.0 / 362880.0);
    ps = ps * r2 + (1.0 / 5040.0);
    ps = ps * r2 - (1.0 / 120.0);
    ps = ps * r2 + (1.0 / 6.0);
    const kt_v4_f64 sr = r - r * r2 * ps;
    kt_v4_f64 pc = r2 * (1.0 / 20922789888000.0) - (1.0 / 87178291200.0);
    pc = pc * r2 + (1.0 / 479001600.0);
    pc = pc * r2 - (1.0 / 3628800.0);
    pc = pc * r2 + (1.0 / 40320.0);
    pc = pc * r2 - (1.0 / 720.0);
    pc = pc * r2 + (1.0 / 24.0);
    pc = pc * r2 - 0.5;
    const kt_v4_f64 cr = 1.0 + r2 * pc;
    const kt_v4i_f64 k = (kt_v4i_f64)(kd + magic) - (kt_v4i_f64)magic;
    const kt_v4i_f64 swap = (k & 1) != 0;                /* odd quadrant: swap */
    const kt_v4i_f64 negc = ((k + 1) & 2) != 0;          /* k = 1, 2 (mod 4) */
    const kt_v4i_f64 negs = (k & 2) != 0;                /* k = 2, 3 (mod 4) */
    const kt_v4i_f64 ci = ((kt_v4i_f64)cr & ~swap) | ((kt_v4i_f64)sr & swap);
    const kt_v4i_f64 si = ((kt_v4i_f64)sr & ~swap) | ((kt_v4i_f64)cr & swap);
    const kt_v4i_f64 sign = (kt_v4i_f64){0} + (int64_t)0x8000000000000000ULL;
    *c = (kt_v4_f64)(ci ^ (negc & sign));
    *s = (kt_v4_f64)(si ^ (negs & sign));
}

/* F[m][j] (Rp rows of KT_PER_B): 1, cos(k w u_j), sin(k w u_j) for k = 1..K,
 * zero rows from R on; u_j the coordinate a of point j0 + j reduced modulo
 * L to about [-L/2, L/2] (points past cnt get u = 0) */
static void FN(features)(const kt__per_fourier_ctx *cx, const char *p, ptrdiff_t sp,
                         ptrdiff_t sc, ptrdiff_t a, ptrdiff_t j0, ptrdiff_t cnt, double *F,
                         double *cs)
{
    const ptrdiff_t B = KT_PER_B, K = cx->K, Rp = cx->Rp;
    double *c1 = cs, *s1 = cs + B;
    const double L = cx->L, invL = 1.0 / L, magic = 6755399441055744.0;
    for (ptrdiff_t j = 0; j < B; j++) {
        double u = 0;
        if (j < cnt) {
            const double xv = *(const double *)(p + (j0 + j) * sp + a * sc);
            const double t = xv * invL;
            u = fabs(t) < 1e15 ? xv - L * ((t + magic) - magic) : kt__per_wrap(xv, L);
        }
        c1[j] = cx->omega * u;
    }
    for (ptrdiff_t j = 0; j < B; j += 4) {
        kt_v4_f64 cv, sv;
        kt__pvsincos(LDA(c1 + j), &cv, &sv);
        STA(c1 + j, cv);
        STA(s1 + j, sv);
    }
    for (ptrdiff_t j = 0; j < B; j += 4)
        STA(F + j, ((kt_v4_f64){0} + 1.0));
    if (K >= 1) {
        memcpy(F + B, c1, (size_t)B * sizeof(double));
        memcpy(F + 2 * B, s1, (size_t)B * sizeof(double));
    }
    for (ptrdiff_t k = 2; k <= K; k++) {
        const double *cp = F + (2 * k - 3) * B, *sp_ = F + (2 * k - 2) * B;
        double *cn = F + (2 * k - 1) * B, *sn = F + 2 * k * B;
        for (ptrdiff_t j = 0; j < B; j += 4) {
            const kt_v4_f64 cc = LDA(cp + j), ss = LDA(sp_ + j);
            const kt_v4_f64 a1 = LDA(c1 + j), b1 = LDA(s1 + j);
            STA(cn + j, cc * a1 - ss * b1);
            STA(sn + j, ss * a1 + cc * b1);
        }
    }
    for (ptrdiff_t m = 2 * K + 1; m < Rp; m++)
        memset(F + m * B, 0, (size_t)B * sizeof(double));
}

/* One register tile of the type-1 product: C[p + t][q + 4v] += sum_j
 * A[p + t][j] FT[j][q + 4v] for t < NP, v < NV (FT: B rows of Rp, the last
 * axis' features transposed); the accumulators stay in registers over the
 * block and each C entry gets one addition per block. */
static inline __attribute__((always_inline)) void FN(tile1)(double *C, ptrdiff_t Rp,
                                                            const double *A, const double *FT,
                                                            ptrdiff_t p, ptrdiff_t q,
                                                            const int NP, const int NV)
{
    const ptrdiff_t B = KT_PER_B;
    kt_v4_f64 acc[4][3];
    for (int t = 0; t < NP; t++)
        for (int v = 0; v < NV; v++)
            acc[t][v] = (kt_v4_f64){0};
    for (ptrdiff_t j = 0; j < B; j++) {
        const double *f = FT + j * Rp + q;
        kt_v4_f64 g[3];
        for (int v = 0; v < NV; v++)
            g[v] = LDA(f + 4 * v);
        for (int t = 0; t < NP; t++) {
            const double a = A[(p + t) * B + j];
            for (int v = 0; v < NV; v++)
                acc[t][v] += a * g[v];
        }
    }
    for (int t = 0; t < NP; t++)
        for (int v = 0; v < NV; v++) {
            double *c = C + (p + t) * Rp + q + 4 * v;
            STA(c, LDA(c) + acc[t][v]);
        }
}

/* C[p][q] += sum_j A[p][j] FT[j][q] for p < P (P == 1 or a multiple of 4),
 * q < Rp (C rows of Rp, 32-byte aligned), only where the modes of row
 * p's tile can satisfy k_p^2 + k_q^2 <= Qr (k_m = (m + 1) / 2; rows and
 * columns grow with m, so a tile stops at its first row's bound) */
static void FN(gemm_acc)(double *C, ptrdiff_t Rp, const double *A, ptrdiff_t P,
                         const double *FT, ptrdiff_t Qr)
{
    if (P == 1) {
        ptrdiff_t q = 0;
        for (; q + 12 <= Rp; q += 12)
            FN(tile1)(C, Rp, A, FT, 0, q, 1, 3);
        for (; q < Rp; q += 4)
            FN(tile1)(C, Rp, A, FT, 0, q, 1, 1);
        return;
    }
    /* row tile p / 4 covers the columns [0, ql[p / 4]) in tiles of 12 (the
     * last one 4 or 8 wide); the column panels are the outer loop, so that
     * a panel of FT (B x 12) stays in L1 while the rows of A stream by */
    ptrdiff_t ql[KT_PER_MAXRP / 4], np = 0;
    for (ptrdiff_t p = 0; p < P; p += 4) {
        const ptrdiff_t kp = (p + 1) / 2, rem = Qr - kp * kp;
        if (rem < 0)
            break;
        ptrdiff_t w = (2 * kt__per_isqrt(rem) + 1 + 3) / 4 * 4;
        ql[np++] = w > Rp ? Rp : w;
    }
    for (ptrdiff_t q = 0; q < Rp; q += 12)
        for (ptrdiff_t t = 0; t < np && ql[t] > q; t++) {
            const ptrdiff_t w = ql[t] - q;
            if (w >= 12)
                FN(tile1)(C, Rp, A, FT, 4 * t, q, 4, 3);
            else if (w == 8)
                FN(tile1)(C, Rp, A, FT, 4 * t, q, 4, 2);
            else
                FN(tile1)(C, Rp, A, FT, 4 * t, q, 4, 1);
        }
}

/* FT[j][m] = F[m][j] (B x Rp from Rp x B) */
static void FN(transpose)(const double *F, ptrdiff_t Rp, double *FT)
{
    /* 4 x 4 blocks transposed in registers (Rp and B are multiples of 4) */
    const ptrdiff_t B = KT_PER_B;
    for (ptrdiff_t m = 0; m < Rp; m += 4)
        for (ptrdiff_t j = 0; j < B; j += 4) {
            const double *f = F + m * B + j;
            const kt_v4_f64 r0 = LD(f), r1 = LD(f + B), r2 = LD(f + 2 * B), r3 = LD(f + 3 * B);
            const kt_v4_f64 t0 = KT_SHUFFLE(r0, r1, kt_v4i_f64, 0, 4, 2, 6);
            const kt_v4_f64 t1 = KT_SHUFFLE(r0, r1, kt_v4i_f64, 1, 5, 3, 7);
            const kt_v4_f64 t2 = KT_SHUFFLE(r2, r3, kt_v4i_f64, 0, 4, 2, 6);
            const kt_v4_f64 t3 = KT_SHUFFLE(r2, r3, kt_v4i_f64, 1, 5, 3, 7);
            double *o = FT + j * Rp + m;
            ST(o, KT_SHUFFLE(t0, t2, kt_v4i_f64, 0, 1, 4, 5));
            ST(o + Rp, KT_SHUFFLE(t1, t3, kt_v4i_f64, 0, 1, 4, 5));
            ST(o + 2 * Rp, KT_SHUFFLE(t0, t2, kt_v4i_f64, 2, 3, 6, 7));
            ST(o + 3 * Rp, KT_SHUFFLE(t1, t3, kt_v4i_f64, 2, 3, 6, 7));
        }
}

/* h[i] = sum_{p < P} Gl[p][i] sum_{q < R} S[p][q] Gq[q][i] (Gl NULL: ones),
 * over the modes of each row tile that gemm_acc computed (bound Qr) */
static void FN(quad)(const double *S, ptrdiff_t Rp, ptrdiff_t P, ptrdiff_t R, const double *Gl,
                     const double *Gq, double *h, ptrdiff_t Qr)
{
    enum { NP = 6 }; /* rows per tile: 2 loads + 6 broadcasts per 12 FMAs */
    const ptrdiff_t B = KT_PER_B;
    for (ptrdiff_t i = 0; i < B; i += 4)
        STA(h + i, (kt_v4_f64){0});
    for (ptrdiff_t p = 0; p < P; p += NP) {
        const ptrdiff_t np = P - p < NP ? P - p : NP;
        const ptrdiff_t kp = (p + 1) / 2, rem = Qr - kp * kp;
        if (rem < 0)
            break;
        ptrdiff_t qn = 2 * kt__per_isqrt(rem) + 1;
        if (qn > R)
            qn = R;
        const double *sr[NP];
        for (int t = 0; t < NP; t++)
            sr[t] = S + (p + (t < np ? t : 0)) * Rp;
        for (ptrdiff_t i = 0; i < B; i += 8) {
            kt_v4_f64 a0[NP], a1[NP];
            for (int t = 0; t < NP; t++)
                a0[t] = a1[t] = (kt_v4_f64){0};
            for (ptrdiff_t q = 0; q < qn; q++) {
                const kt_v4_f64 g0 = LDA(Gq + q * B + i), g1 = LDA(Gq + q * B + i + 4);
                for (int t = 0; t < NP; t++) {
                    const double v = sr[t][q];
                    a0[t] += v * g0;
                    a1[t] += v * g1;
                }
            }
            kt_v4_f64 h0 = LDA(h + i), h1 = LDA(h + i + 4);
            if (Gl) {
                const double *l0 = Gl + p * B + i;
                for (int t = 0; t < NP; t++)
                    if (t < np) {
                        h0 += LDA(l0 + t * B) * a0[t];
                        h1 += LDA(l0 + t * B + 4) * a1[t];
                    }
            } else {
                /* P == 1 */
                h0 += a0[0];
                h1 += a1[0];
            }
            STA(h + i, h0);
            STA(h + i + 4, h1);
        }
    }
}

/* mode products and features (~ multiply-adds) between two checks of the
 * type-1 loop's stop flag: ~0.2 ms at AVX2, a few ms at the baseline */
#define KT_PER_POLL_WORK ((double)(1 << 22))

/* One chunk of sources, its blocks in order: a long task (a chunk may take
 * seconds, and split into tasks of a few blocks it would reload its partial
 * sums from memory each time: 2.5% slower with 27 blocks per task, 2-D,
 * K = 136) that checks the loop's stop flag between weight vectors of a
 * block, every KT_PER_POLL_WORK or so. */
static void FN(type1_task)(void *vctx, ptrdiff_t c, int tid, kt__loop *loop)
{
    const kt__per_fourier_ctx *cx = (const kt__per_fourier_ctx *)vctx;
    const ptrdiff_t B = KT_PER_B, d = cx->d, Rp = cx->Rp, R = cx->R, nrhs = cx->nrhs;
    const ptrdiff_t slen = cx->slen;
    double *ws = cx->ws + (ptrdiff_t)tid * cx->wslen;
    /* F: the leading axes' features (d - 1 blocks of Rp x B), then the last
     * axis' transposed (B x Rp); A: Rp x B; qv, cs */
    double *F = ws, *FT = ws + (d - 1) * Rp * B, *A = ws + d * Rp * B, *qv = A + Rp * B;
    double *cs = qv + B;
    double *P = cx->partial + c * nrhs * slen;
    memset(P, 0, (size_t)(nrhs * slen) * sizeof(double));
    memset(A, 0, (size_t)(Rp * B) * sizeof(double));
    const ptrdiff_t jb = c * cx->chunk;
    const ptrdiff_t je = jb + cx->chunk < cx->n ? jb + cx->chunk : cx->n;
    /* the work since the last check (at most B Rp^d per weight vector,
     * B d Rp of features per block): check first */
    double since = KT_PER_POLL_WORK;
    for (ptrdiff_t j0 = jb; j0 < je; j0 += B) {
        const ptrdiff_t cnt = je - j0 < B ? je - j0 : B;
        for (ptrdiff_t a = 0; a < d - 1; a++)
            FN(features)(cx, cx->x, cx->xsp, cx->xsc, a, j0, cnt, F + a * Rp * B, cs);
        /* the last axis' features go through A (still zero past row R) */
        FN(features)(cx, cx->x, cx->xsp, cx->xsc, d - 1, j0, cnt, A, cs);
        FN(transpose)(A, Rp, FT);
        since += (double)(B * d * Rp);
        for (ptrdiff_t r = 0; r < nrhs; r++) {
            if (since >= KT_PER_POLL_WORK) {
                since = 0;
                if (kt__loop_stopping(loop, tid))
                    return;
            }
            since += (double)(B * slen);
            for (ptrdiff_t j = 0; j < B; j++)
                qv[j] = j < cnt ? cx->q[(j0 + j) * nrhs + r] : 0.0;
            double *Pr = P + r * slen;
            if (d == 1) {
                FN(gemm_acc)(Pr, Rp, qv, 1, FT, cx->K2);
            } else if (d == 2) {
                for (ptrdiff_t m1 = 0; m1 < R; m1++)
                    for (ptrdiff_t j = 0; j < B; j += 4)
                        STA(A + m1 * B + j, LDA(qv + j) * LDA(F + m1 * B + j));
                FN(gemm_acc)(Pr, Rp, A, Rp, FT, cx->K2);
            } else {
                const double *F2 = F + Rp * B;
                for (ptrdiff_t m1 = 0; m1 < R; m1++) {
                    const ptrdiff_t k1 = (m1 + 1) / 2, Q1 = cx->K2 - k1 * k1;
                    if (Q1 < 0)
                        break;
                    /* the rows gemm_acc's tiles read (rows from R on stay zero) */
                    ptrdiff_t rows = (2 * kt__per_isqrt(Q1) + 1 + 3) / 4 * 4;
                    if (rows > R)
                        rows = R;
                    for (ptrdiff_t m2 = 0; m2 < rows; m2++)
                        for (ptrdiff_t j = 0; j < B; j += 4)
                            STA(A + m2 * B + j,
                                (LDA(qv + j) * LDA(F + m1 * B + j)) * LDA(F2 + m2 * B + j));
                    FN(gemm_acc)(Pr + m1 * Rp * Rp, Rp, A, Rp, FT, Q1);
                }
            }
        }
        /* rows R.. of A must stay zero: features() zeroed them for the last axis */
    }
}

/* S[e] = w(e) * sum_c partial[c][e], in chunk order */
#define KT_PER_RED 2048
static void FN(reduce_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const kt__per_fourier_ctx *cx = (const kt__per_fourier_ctx *)vctx;
    const ptrdiff_t total = cx->nrhs * cx->slen, Rp = cx->Rp, d = cx->d;
    const ptrdiff_t e0 = item * KT_PER_RED;
    const ptrdiff_t e1 = e0 + KT_PER_RED < total ? e0 + KT_PER_RED : total;
    const ptrdiff_t stride = total;
    for (ptrdiff_t e = e0; e < e1; e++) {
        double s = 0;
        for (ptrdiff_t c = 0; c < cx->nch; c++)
            s += cx->partial[c * stride + e];
        ptrdiff_t k = e % cx->slen;
        double wp = 1;
        for (ptrdiff_t a = 0; a < d; a++) {
            wp *= cx->w[k % Rp];
            k /= Rp;
        }
        cx->S[e] = s * wp;
    }
}

static void FN(type2_task)(void *vctx, ptrdiff_t item, int tid)
{
    const kt__per_fourier_ctx *cx = (const kt__per_fourier_ctx *)vctx;
    const ptrdiff_t B = KT_PER_B, d = cx->d, Rp = cx->Rp, R = cx->R, nrhs = cx->nrhs;
    double *ws = cx->ws + (ptrdiff_t)tid * cx->wslen;
    double *G = ws, *h = ws + d * Rp * B + Rp * B, *f = h + B, *cs = f + B;
    const ptrdiff_t i0 = item * B;
    const ptrdiff_t cnt = cx->m - i0 < B ? cx->m - i0 : B;
    for (ptrdiff_t a = 0; a < d; a++)
        FN(features)(cx, cx->y, cx->ysp, cx->ysc, a, i0, cnt, G + a * Rp * B, cs);
    for (ptrdiff_t r = 0; r < nrhs; r++) {
        const double *Sr = cx->S + r * cx->slen;
        if (d == 1) {
            FN(quad)(Sr, Rp, 1, R, NULL, G, f, cx->K2);
        } else if (d == 2) {
            FN(quad)(Sr, Rp, R, R, G, G + Rp * B, f, cx->K2);
        } else {
            for (ptrdiff_t i = 0; i < B; i += 4)
                STA(f + i, (kt_v4_f64){0});
            for (ptrdiff_t m1 = 0; m1 < R; m1++) {
                const ptrdiff_t k1 = (m1 + 1) / 2, Q1 = cx->K2 - k1 * k1;
                if (Q1 < 0)
                    break;
                FN(quad)(Sr + m1 * Rp * Rp, Rp, R, R, G + Rp * B, G + 2 * Rp * B, h, Q1);
                const double *g1 = G + m1 * B;
                for (ptrdiff_t i = 0; i < B; i += 4)
                    STA(f + i, LDA(f + i) + LDA(g1 + i) * LDA(h + i));
            }
        }
        for (ptrdiff_t i = 0; i < cnt; i++)
            cx->out[(i0 + i) * nrhs + r] = f[i];
    }
}

KT_HIDDEN int FN(kt__periodic_fourier)(const kt_plan_info *info, const kt__per_fourier_ctx *cx,
                                       int nthreads)
{
    int s = kt__parallel_for_long(info, nthreads, cx->nch, FN(type1_task), (void *)cx);
    const ptrdiff_t total = cx->nrhs * cx->slen;
    if (s == KT_OK)
        s = kt__parallel_for(info, nthreads, (total + KT_PER_RED - 1) / KT_PER_RED, 1,
                             FN(reduce_task), (void *)cx);
    if (s == KT_OK)
        s = kt__parallel_for(info, nthreads, (cx->m + KT_PER_B - 1) / KT_PER_B, 1,
                             FN(type2_task), (void *)cx);
    return s;
}
