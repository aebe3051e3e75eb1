/* Nested (Horner-like) evaluation of Newton polynomials: ONE template,
 * included by newton_exec_f32.c / _f64.c with T (float/double), SFX
 * (f32/f64) and KT_IS_F32 (1/0) defined; each of those is compiled once per
 * ISA level (KT_ISA).
 *
 * The value (der = 0) runs NV independent vectors of points through the
 * nested loop at once, so that the multiply-add chains of successive
 * coefficients overlap (the loop is latency-bound with one chain).
 * Derivatives run the der + 1 accumulator recurrence on blocks of
 * KT_NEWTON_DB points held in the thread's piece of the scratch. */

#include "vec.h"

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define VL ((ptrdiff_t)(KT_VBYTES / sizeof(T)))
#define VT KT_CAT(kt_vec_, SFX)
#define VTU KT_CAT(kt_vecu_, SFX)
#define VFMA KT_CAT(kt_vfma_, SFX)
#define SFMA KT_CAT(kt_fma_, SFX)
#define NV 8


#define LD(p) (*(const VTU *)(p))
#define ST(p, v) (*(VTU *)(p) = (v))

typedef struct {
    const kt_newton_plan *pl;
    ptrdiff_t n, ncol, m;
    const double *z;
    const char *a;
    ptrdiff_t a_sk, a_sc;
    const char *x;
    ptrdiff_t x_s;
    ptrdiff_t der_first, der;
    char *out;
    ptrdiff_t o_sd, o_si, o_sc;
    void *scratch; /* per thread (the plan's pieces): (der + 2 + nout) * KT_NEWTON_DB values */
} FN(ctx);

#define ACOEF(cx, k, c) ((T) * (const double *)((cx)->a + (k) * (cx)->a_sk + (c) * (cx)->a_sc))

/* the value of column c at the KT_NEWTON_CH points of xb into ob */
static void FN(value_chunk)(const FN(ctx) *cx, ptrdiff_t c, const T *xb, T *ob)
{
    const ptrdiff_t n = cx->n;
    const T alast = ACOEF(cx, n - 1, c);
    for (ptrdiff_t p = 0; p < KT_NEWTON_CH; p += NV * VL) {
        VT q[NV], xv[NV];
        for (int v = 0; v < NV; v++) {
            xv[v] = LD(xb + p + v * VL);
            q[v] = (VT){0} + alast;
        }
        for (ptrdiff_t k = n - 2; k >= 0; k--) {
            const T zk = (T)cx->z[k], ak = ACOEF(cx, k, c);
            const VT vz = (VT){0} + zk, va = (VT){0} + ak;
            for (int v = 0; v < NV; v++)
                q[v] = VFMA(q[v], xv[v] - vz, va);
        }
        for (int v = 0; v < NV; v++)
            ST(ob + p + v * VL, q[v]);
    }
}

/* orders der_first..der of column c at the KT_NEWTON_DB points of xb:
 * order j into ob + (j - der_first) * KT_NEWTON_DB.  d: (der + 2) rows of
 * KT_NEWTON_DB values (the accumulators, then t - z_k). */
static void FN(der_block)(const FN(ctx) *cx, ptrdiff_t c, const T *restrict xb, T *restrict d,
                          T *restrict ob)
{
    const ptrdiff_t n = cx->n, D = cx->der;
    enum { B = KT_NEWTON_DB };
    T *restrict w = d + (D + 1) * B;
    const T alast = ACOEF(cx, n - 1, c);
    for (ptrdiff_t i = 0; i < B; i++)
        d[i] = alast;
    for (ptrdiff_t j = 1; j <= D; j++)
        memset(d + j * B, 0, B * sizeof(T));
    for (ptrdiff_t k = n - 2; k >= 0; k--) {
        const T zk = (T)cx->z[k], ak = ACOEF(cx, k, c);
        const ptrdiff_t jmax = D < n - 1 - k ? D : n - 1 - k;
        for (ptrdiff_t i = 0; i < B; i++)
            w[i] = xb[i] - zk;
        for (ptrdiff_t j = jmax; j >= 1; j--) {
            T *restrict dj = d + j * B;
            const T *restrict dl = d + (j - 1) * B;
            for (ptrdiff_t i = 0; i < B; i++)
                dj[i] = SFMA(dj[i], w[i], dl[i]);
        }
        for (ptrdiff_t i = 0; i < B; i++)
            d[i] = SFMA(d[i], w[i], ak);
    }
    T fact = 1;
    for (ptrdiff_t j = 2; j < cx->der_first; j++) /* (der_first - 1)! */
        fact *= (T)j;
    for (ptrdiff_t j = cx->der_first; j <= D; j++) {
        if (j > 0)
            fact *= (T)j;
        const T *restrict dj = d + j * B;
        T *restrict oj = ob + (j - cx->der_first) * B;
        for (ptrdiff_t i = 0; i < B; i++)
            oj[i] = j == 0 ? dj[i] : dj[i] * fact;
    }
}

static void FN(task)(void *vctx, ptrdiff_t item, int tid)
{
    const FN(ctx) *cx = (const FN(ctx) *)vctx;
    const ptrdiff_t i0 = item * KT_NEWTON_CH;
    const ptrdiff_t m = cx->m - i0 < KT_NEWTON_CH ? cx->m - i0 : KT_NEWTON_CH;
    _Alignas(64) T xbuf[KT_NEWTON_CH];
    const char *xp = cx->x + i0 * cx->x_s;
    char *op = cx->out + i0 * cx->o_si;
    const T *xb = xbuf;
    if (m == KT_NEWTON_CH && cx->x_s == (ptrdiff_t)sizeof(T)) {
        xb = (const T *)xp; /* contiguous points: read in place */
    } else {
        for (ptrdiff_t i = 0; i < m; i++)
            xbuf[i] = *(const T *)(xp + i * cx->x_s);
        for (ptrdiff_t i = m; i < KT_NEWTON_CH; i++)
            xbuf[i] = xbuf[0];
    }
    if (cx->der == 0) {
        _Alignas(64) T ob[KT_NEWTON_CH];
        for (ptrdiff_t c = 0; c < cx->ncol; c++) {
            char *oc = op + c * cx->o_sc;
            if (m == KT_NEWTON_CH && cx->o_si == (ptrdiff_t)sizeof(T)) {
                FN(value_chunk)(cx, c, xb, (T *)oc); /* contiguous output: in place */
                continue;
            }
            FN(value_chunk)(cx, c, xb, ob);
            for (ptrdiff_t i = 0; i < m; i++)
                *(T *)(oc + i * cx->o_si) = ob[i];
        }
        return;
    }
    const ptrdiff_t nout = cx->der - cx->der_first + 1;
    T *d = (T *)kt__piece(cx->scratch, cx->pl->thread_off, cx->pl->thread_stride, tid);
    T *ob = d + (cx->der + 2) * KT_NEWTON_DB;
    for (ptrdiff_t p = 0; p < m; p += KT_NEWTON_DB) {
        const ptrdiff_t mb = m - p < KT_NEWTON_DB ? m - p : KT_NEWTON_DB;
        for (ptrdiff_t c = 0; c < cx->ncol; c++) {
            FN(der_block)(cx, c, xb + p, d, ob);
            for (ptrdiff_t o = 0; o < nout; o++) {
                char *oc = op + o * cx->o_sd + c * cx->o_sc + p * cx->o_si;
                const T *src = ob + o * KT_NEWTON_DB;
                for (ptrdiff_t i = 0; i < mb; i++)
                    *(T *)(oc + i * cx->o_si) = src[i];
            }
        }
    }
}

#if !KT_IS_F32
/* (compiled per ISA for the wider divisions; double only) */
/* One polynomial's table: a[i] <- (a[i] - a[i-1]) / (x[i] - x[i-j]) for
 * i = n-1 down to j, in blocks taken from the top so that every block reads
 * values of the previous column of the table only (the loops then
 * vectorise).  Returns nonzero if a denominator was zero (equal nodes). */
KT_HIDDEN int FN(kt__newton_dd)(ptrdiff_t n, const double *restrict x, double *restrict a,
                                double *restrict diag)
{
    enum { B = 64 };
    double t[B], den[B];
    int bad = 0;
    if (diag)
        diag[0] = a[n - 1];
    for (ptrdiff_t j = 1; j < n; j++) {
        for (ptrdiff_t hi = n; hi > j; hi -= B) {
            const ptrdiff_t lo = hi - B > j ? hi - B : j;
            const ptrdiff_t len = hi - lo;
            for (ptrdiff_t i = 0; i < len; i++) {
                t[i] = a[lo + i] - a[lo + i - 1];
                den[i] = x[lo + i] - x[lo + i - j];
                bad |= den[i] == 0.0;
            }
            for (ptrdiff_t i = 0; i < len; i++)
                a[lo + i] = t[i] / den[i];
        }
        if (diag)
            diag[j] = a[n - 1];
    }
    return bad;
}
#endif

KT_HIDDEN int FN(kt__newton_eval)(const kt_newton_plan *pl, const double *z, const double *a,
                                  const T *x, T *out, void *scratch, int nthreads)
{
    const FN(ctx) cx = {.pl = pl,
                        .n = pl->n,
                        .ncol = pl->ncol,
                        .m = pl->m,
                        .z = z,
                        .a = (const char *)a,
                        .a_sk = pl->a_sk,
                        .a_sc = pl->a_sc,
                        .x = (const char *)x,
                        .x_s = pl->x_s,
                        .der_first = pl->der_first,
                        .der = pl->der,
                        .out = (char *)out,
                        .o_sd = pl->o_sd,
                        .o_si = pl->o_si,
                        .o_sc = pl->o_sc,
                        .scratch = scratch};
    const ptrdiff_t nitems = (pl->m + KT_NEWTON_CH - 1) / KT_NEWTON_CH;
    return kt__parallel_for(&pl->info, nthreads, nitems, pl->grain, FN(task), (void *)&cx);
}

#undef FN
#undef VL
#undef VT
#undef VTU
#undef VFMA
#undef SFMA
#undef NV
#undef LD
#undef ST
#undef ACOEF
