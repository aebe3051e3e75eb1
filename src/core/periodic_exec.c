/* The periodic Gauss transform's hot loops, in double, compiled once per
 * ISA level (-DKT_ISA=...) and chosen at run time (periodic_core.h).
 *
 * Direct: one task per KT_PER_TB targets (sorted by cell); per target, the
 * source ranges of its neighbour cells (consecutive cells along the last
 * axis merged into one range), the exponentials through vexp.h over
 * contiguous sorted sources, accumulated per lane and summed in a fixed
 * order at the end.
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
#include "periodic_core.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define FN(name) KT_CAT3(name, _, KT_ISA)

typedef double kt__pvec __attribute__((vector_size(32)));
typedef double kt__pvecu __attribute__((vector_size(32), aligned(8), may_alias));
typedef int64_t kt__pveci __attribute__((vector_size(32)));

#define T double
#define KT_VEXP_NAME kt__pvexp
#define KT_VEXP_VT kt__pvec
#define KT_VEXP_VI kt__pveci
#define KT_VEXP_F32 0
#include "vexp.h"
#undef T

#define LD(p) (*(const kt__pvecu *)(p))
#define ST(p, v) (*(kt__pvecu *)(p) = (v))
#define LDA(p) (*(const kt__pvec *)(p))
#define STA(p, v) (*(kt__pvec *)(p) = (v))

static inline double kt__hsum(kt__pvec v) { return (v[0] + v[1]) + (v[2] + v[3]); }

/* weight vectors per pass over a range (each pass recomputes the exponentials) */
#define KT_PER_RB 4

/* ---- direct -------------------------------------------------------------- */

/* acc[r] += sum_{j in [b, e)} q_r[j] exp(-|yy - x_j|^2 / 2 s^2) per lane */
static inline void FN(pairs)(const kt__per_direct_ctx *cx, const double *yy, ptrdiff_t b,
                             ptrdiff_t e, ptrdiff_t r0, ptrdiff_t nr, kt__pvec *acc)
{
    const ptrdiff_t xst = cx->xstride;
    const double *x0 = cx->xs, *x1 = cx->xs + xst, *x2 = cx->xs + 2 * xst;
    const double *qb = cx->qs + r0 * xst;
    const kt__pvec c = (kt__pvec){0} + cx->neg_inv2s2;
    const kt__pveci lane = {0, 1, 2, 3};
    const double y0 = yy[0], y1 = yy[1], y2 = yy[2];
    const ptrdiff_t d = cx->d;
    for (ptrdiff_t j = b; j < e; j += 4) {
        kt__pvec t = y0 - LD(x0 + j);
        kt__pvec q2 = t * t;
        if (d >= 2) {
            t = y1 - LD(x1 + j);
            q2 += t * t;
            if (d == 3) {
                t = y2 - LD(x2 + j);
                q2 += t * t;
            }
        }
        kt__pvec ex = kt__pvexp(q2 * c);
        if (j + 4 > e) {
            kt__pveci mk = lane < (kt__pveci){0} + (int64_t)(e - j);
            ex = (kt__pvec)((kt__pveci)ex & mk);
        }
        if (nr == 1) {
            acc[0] += ex * LD(qb + j);
        } else {
            for (ptrdiff_t r = 0; r < nr; r++)
                acc[r] += ex * LD(qb + r * xst + j);
        }
    }
}

static void FN(direct_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const kt__per_direct_ctx *cx = (const kt__per_direct_ctx *)vctx;
    const ptrdiff_t d = cx->d, nc = cx->nc, lo = cx->lo, hi = cx->hi, nrhs = cx->nrhs;
    const ptrdiff_t t0 = item * KT_PER_TB;
    const ptrdiff_t t1 = t0 + KT_PER_TB < cx->m ? t0 + KT_PER_TB : cx->m;
    const ptrdiff_t span = hi - lo + 1;
    ptrdiff_t nlead = 1;
    for (ptrdiff_t a = 0; a < d - 1; a++)
        nlead *= span;
    for (ptrdiff_t t = t0; t < t1; t++) {
        double y[3] = {0, 0, 0};
        ptrdiff_t c[3] = {0, 0, 0};
        for (ptrdiff_t a = 0; a < d; a++) {
            y[a] = cx->ys[a * cx->ystride + t];
            c[a] = nc >= 3 ? kt__per_cell(y[a], cx->scale, nc) : 0;
        }
        double *o = cx->out + cx->tperm[t] * nrhs;
        for (ptrdiff_t r0 = 0; r0 < nrhs; r0 += KT_PER_RB) {
            const ptrdiff_t nr = nrhs - r0 < KT_PER_RB ? nrhs - r0 : KT_PER_RB;
            kt__pvec acc[KT_PER_RB];
            for (ptrdiff_t r = 0; r < KT_PER_RB; r++)
                acc[r] = (kt__pvec){0};
            for (ptrdiff_t li = 0; li < nlead; li++) {
                /* leading-axis neighbour cell and shifted target coordinates */
                double yy[3] = {y[0], y[1], y[2]};
                ptrdiff_t flat = 0, rem = li;
                {
                    ptrdiff_t off[2] = {0, 0};
                    for (ptrdiff_t a = d - 2; a >= 0; a--) {
                        off[a] = lo + rem % span;
                        rem /= span;
                    }
                    for (ptrdiff_t a = 0; a < d - 1; a++) {
                        const ptrdiff_t v = c[a] + off[a];
                        ptrdiff_t w = v % nc, sh = v / nc;
                        if (w < 0) {
                            w += nc;
                            sh -= 1;
                        }
                        yy[a] = y[a] - (double)sh * cx->L;
                        flat = flat * nc + w;
                    }
                }
                /* along the last axis: consecutive cells with one shift form one range */
                const ptrdiff_t l = d - 1;
                ptrdiff_t rb = -1, re = -1, rsh = 0;
                for (ptrdiff_t off = lo; off <= hi + 1; off++) {
                    ptrdiff_t cb = 0, ce = 0, sh = 0;
                    int have = off <= hi;
                    if (have) {
                        const ptrdiff_t v = c[l] + off;
                        ptrdiff_t w = v % nc;
                        sh = v / nc;
                        if (w < 0) {
                            w += nc;
                            sh -= 1;
                        }
                        const ptrdiff_t cell = flat * nc + w;
                        cb = cx->cstart[cell];
                        ce = cx->cstart[cell + 1];
                        if (rb >= 0 && sh == rsh && cb == re) {
                            re = ce;
                            continue;
                        }
                    }
                    if (rb >= 0 && re > rb) {
                        yy[l] = y[l] - (double)rsh * cx->L;
                        FN(pairs)(cx, yy, rb, re, r0, nr, acc);
                    }
                    rb = cb;
                    re = ce;
                    rsh = sh;
                }
            }
            for (ptrdiff_t r = 0; r < nr; r++)
                o[r0 + r] = kt__hsum(acc[r]);
        }
    }
}

KT_HIDDEN void FN(kt__periodic_direct)(const kt__per_direct_ctx *cx, int nthreads)
{
    const ptrdiff_t nitems = (cx->m + KT_PER_TB - 1) / KT_PER_TB;
    kt__parallel_for(nthreads, nitems, 4, FN(direct_task), (void *)cx);
}

/* ---- Fourier ------------------------------------------------------------- */

/* F[m][j] (Rp rows of KT_PER_B): 1, cos(k w u_j), sin(k w u_j) for k = 1..K,
 * zero rows from R on; u_j the wrapped coordinate a of point j0 + j
 * (points past cnt get u = 0) */
static void FN(features)(const kt__per_fourier_ctx *cx, const char *p, ptrdiff_t sp,
                         ptrdiff_t sc, ptrdiff_t a, ptrdiff_t j0, ptrdiff_t cnt, double *F,
                         double *cs)
{
    const ptrdiff_t B = KT_PER_B, K = cx->K, Rp = cx->Rp;
    double *c1 = cs, *s1 = cs + B;
    for (ptrdiff_t j = 0; j < B; j++) {
        double th = 0;
        if (j < cnt)
            th = cx->omega * kt__per_wrap(*(const double *)(p + (j0 + j) * sp + a * sc), cx->L);
        c1[j] = cos(th);
        s1[j] = sin(th);
    }
    for (ptrdiff_t j = 0; j < B; j += 4)
        STA(F + j, ((kt__pvec){0} + 1.0));
    if (K >= 1) {
        memcpy(F + B, c1, (size_t)B * sizeof(double));
        memcpy(F + 2 * B, s1, (size_t)B * sizeof(double));
    }
    for (ptrdiff_t k = 2; k <= K; k++) {
        const double *cp = F + (2 * k - 3) * B, *sp_ = F + (2 * k - 2) * B;
        double *cn = F + (2 * k - 1) * B, *sn = F + 2 * k * B;
        for (ptrdiff_t j = 0; j < B; j += 4) {
            const kt__pvec cc = LDA(cp + j), ss = LDA(sp_ + j);
            const kt__pvec a1 = LDA(c1 + j), b1 = LDA(s1 + j);
            STA(cn + j, cc * a1 - ss * b1);
            STA(sn + j, ss * a1 + cc * b1);
        }
    }
    for (ptrdiff_t m = 2 * K + 1; m < Rp; m++)
        memset(F + m * B, 0, (size_t)B * sizeof(double));
}

/* C[p][q] += sum_j A[p][j] F[q][j], p < P, q < Rp (C rows of Rp) */
static void FN(gemm_acc)(double *C, ptrdiff_t Rp, const double *A, ptrdiff_t P, const double *F)
{
    const ptrdiff_t B = KT_PER_B;
    ptrdiff_t p = 0;
    for (; p + 2 <= P; p += 2) {
        const double *a0 = A + p * B, *a1 = A + (p + 1) * B;
        for (ptrdiff_t q = 0; q < Rp; q += 4) {
            const double *f0 = F + q * B, *f1 = f0 + B, *f2 = f1 + B, *f3 = f2 + B;
            kt__pvec s00 = {0}, s01 = {0}, s02 = {0}, s03 = {0};
            kt__pvec s10 = {0}, s11 = {0}, s12 = {0}, s13 = {0};
            for (ptrdiff_t j = 0; j < B; j += 4) {
                const kt__pvec x0 = LDA(a0 + j), x1 = LDA(a1 + j);
                const kt__pvec g0 = LDA(f0 + j), g1 = LDA(f1 + j), g2 = LDA(f2 + j),
                               g3 = LDA(f3 + j);
                s00 += x0 * g0;
                s01 += x0 * g1;
                s02 += x0 * g2;
                s03 += x0 * g3;
                s10 += x1 * g0;
                s11 += x1 * g1;
                s12 += x1 * g2;
                s13 += x1 * g3;
            }
            double *c0 = C + p * Rp + q, *c1 = c0 + Rp;
            c0[0] += kt__hsum(s00);
            c0[1] += kt__hsum(s01);
            c0[2] += kt__hsum(s02);
            c0[3] += kt__hsum(s03);
            c1[0] += kt__hsum(s10);
            c1[1] += kt__hsum(s11);
            c1[2] += kt__hsum(s12);
            c1[3] += kt__hsum(s13);
        }
    }
    for (; p < P; p++) {
        const double *a0 = A + p * B;
        for (ptrdiff_t q = 0; q < Rp; q += 4) {
            const double *f0 = F + q * B, *f1 = f0 + B, *f2 = f1 + B, *f3 = f2 + B;
            kt__pvec s00 = {0}, s01 = {0}, s02 = {0}, s03 = {0};
            for (ptrdiff_t j = 0; j < B; j += 4) {
                const kt__pvec x0 = LDA(a0 + j);
                s00 += x0 * LDA(f0 + j);
                s01 += x0 * LDA(f1 + j);
                s02 += x0 * LDA(f2 + j);
                s03 += x0 * LDA(f3 + j);
            }
            double *c0 = C + p * Rp + q;
            c0[0] += kt__hsum(s00);
            c0[1] += kt__hsum(s01);
            c0[2] += kt__hsum(s02);
            c0[3] += kt__hsum(s03);
        }
    }
}

/* h[i] = sum_{p < P} Gl[p][i] sum_{q < R} S[p][q] Gq[q][i] (Gl NULL: ones) */
static void FN(quad)(const double *S, ptrdiff_t Rp, ptrdiff_t P, ptrdiff_t R, const double *Gl,
                     const double *Gq, double *h)
{
    const ptrdiff_t B = KT_PER_B;
    for (ptrdiff_t i = 0; i < B; i += 4)
        STA(h + i, (kt__pvec){0});
    ptrdiff_t p = 0;
    for (; p < P; p += 4) {
        const ptrdiff_t np = P - p < 4 ? P - p : 4;
        const double *s0 = S + p * Rp;
        const double *s1 = np > 1 ? s0 + Rp : s0, *s2 = np > 2 ? s0 + 2 * Rp : s0,
                     *s3 = np > 3 ? s0 + 3 * Rp : s0;
        for (ptrdiff_t i = 0; i < B; i += 8) {
            kt__pvec a00 = {0}, a01 = {0}, a10 = {0}, a11 = {0};
            kt__pvec a20 = {0}, a21 = {0}, a30 = {0}, a31 = {0};
            for (ptrdiff_t q = 0; q < R; q++) {
                const kt__pvec g0 = LDA(Gq + q * B + i), g1 = LDA(Gq + q * B + i + 4);
                const double v0 = s0[q], v1 = s1[q], v2 = s2[q], v3 = s3[q];
                a00 += v0 * g0;
                a01 += v0 * g1;
                a10 += v1 * g0;
                a11 += v1 * g1;
                a20 += v2 * g0;
                a21 += v2 * g1;
                a30 += v3 * g0;
                a31 += v3 * g1;
            }
            kt__pvec h0 = LDA(h + i), h1 = LDA(h + i + 4);
            if (Gl) {
                const double *l0 = Gl + p * B + i;
                h0 += LDA(l0) * a00;
                h1 += LDA(l0 + 4) * a01;
                if (np > 1) {
                    h0 += LDA(l0 + B) * a10;
                    h1 += LDA(l0 + B + 4) * a11;
                }
                if (np > 2) {
                    h0 += LDA(l0 + 2 * B) * a20;
                    h1 += LDA(l0 + 2 * B + 4) * a21;
                }
                if (np > 3) {
                    h0 += LDA(l0 + 3 * B) * a30;
                    h1 += LDA(l0 + 3 * B + 4) * a31;
                }
            } else {
                /* P == 1 */
                h0 += a00;
                h1 += a01;
            }
            STA(h + i, h0);
            STA(h + i + 4, h1);
        }
    }
}

static void FN(type1_task)(void *vctx, ptrdiff_t c, int tid)
{
    const kt__per_fourier_ctx *cx = (const kt__per_fourier_ctx *)vctx;
    const ptrdiff_t B = KT_PER_B, d = cx->d, Rp = cx->Rp, R = cx->R, nrhs = cx->nrhs;
    const ptrdiff_t slen = cx->slen;
    double *ws = cx->ws + (ptrdiff_t)tid * cx->wslen;
    double *F = ws, *A = ws + d * Rp * B, *qv = A + Rp * B, *cs = qv + B;
    double *P = cx->partial + c * nrhs * slen;
    memset(P, 0, (size_t)(nrhs * slen) * sizeof(double));
    const ptrdiff_t jb = c * cx->chunk;
    const ptrdiff_t je = jb + cx->chunk < cx->n ? jb + cx->chunk : cx->n;
    for (ptrdiff_t j0 = jb; j0 < je; j0 += B) {
        const ptrdiff_t cnt = je - j0 < B ? je - j0 : B;
        for (ptrdiff_t a = 0; a < d; a++)
            FN(features)(cx, cx->x, cx->xsp, cx->xsc, a, j0, cnt, F + a * Rp * B, cs);
        for (ptrdiff_t r = 0; r < nrhs; r++) {
            for (ptrdiff_t j = 0; j < B; j++)
                qv[j] = j < cnt ? cx->q[(j0 + j) * nrhs + r] : 0.0;
            double *Pr = P + r * slen;
            if (d == 1) {
                FN(gemm_acc)(Pr, Rp, qv, 1, F);
            } else if (d == 2) {
                for (ptrdiff_t m1 = 0; m1 < R; m1++)
                    for (ptrdiff_t j = 0; j < B; j += 4)
                        STA(A + m1 * B + j, LDA(qv + j) * LDA(F + m1 * B + j));
                FN(gemm_acc)(Pr, Rp, A, R, F + Rp * B);
            } else {
                const double *F2 = F + Rp * B, *F3 = F + 2 * Rp * B;
                for (ptrdiff_t m1 = 0; m1 < R; m1++) {
                    for (ptrdiff_t m2 = 0; m2 < R; m2++)
                        for (ptrdiff_t j = 0; j < B; j += 4)
                            STA(A + m2 * B + j,
                                (LDA(qv + j) * LDA(F + m1 * B + j)) * LDA(F2 + m2 * B + j));
                    FN(gemm_acc)(Pr + m1 * Rp * Rp, Rp, A, R, F3);
                }
            }
        }
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
            FN(quad)(Sr, Rp, 1, R, NULL, G, f);
        } else if (d == 2) {
            FN(quad)(Sr, Rp, R, R, G, G + Rp * B, f);
        } else {
            for (ptrdiff_t i = 0; i < B; i += 4)
                STA(f + i, (kt__pvec){0});
            for (ptrdiff_t m1 = 0; m1 < R; m1++) {
                FN(quad)(Sr + m1 * Rp * Rp, Rp, R, R, G + Rp * B, G + 2 * Rp * B, h);
                const double *g1 = G + m1 * B;
                for (ptrdiff_t i = 0; i < B; i += 4)
                    STA(f + i, LDA(f + i) + LDA(g1 + i) * LDA(h + i));
            }
        }
        for (ptrdiff_t i = 0; i < cnt; i++)
            cx->out[(i0 + i) * nrhs + r] = f[i];
    }
}

KT_HIDDEN void FN(kt__periodic_fourier)(const kt__per_fourier_ctx *cx, int nthreads)
{
    kt__parallel_for(nthreads, cx->nch, 1, FN(type1_task), (void *)cx);
    const ptrdiff_t total = cx->nrhs * cx->slen;
    kt__parallel_for(nthreads, (total + KT_PER_RED - 1) / KT_PER_RED, 1, FN(reduce_task),
                     (void *)cx);
    kt__parallel_for(nthreads, (cx->m + KT_PER_B - 1) / KT_PER_B, 1, FN(type2_task), (void *)cx);
}
