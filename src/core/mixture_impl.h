/* Gaussian mixture densities: ONE template, included by
 * mixture_exec_f32.c / _f64.c with T (float/double), SFX (f32/f64) and
 * KT_IS_F32 (1 for float) defined; each of those is compiled once per ISA
 * level (KT_ISA).
 *
 * The exponential is vexp.h's, on GCC vector extensions of 32 bytes, so
 * that the loops vectorise (libm's exp does not). */

#include "vec.h"

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define VL ((ptrdiff_t)(KT_VBYTES / sizeof(T)))
#define VT KT_CAT(kt_vec_, SFX)
#define VTU KT_CAT(kt_vecu_, SFX)
#define VI KT_CAT(kt_veci_, SFX)


#define LD(p) (*(const VTU *)(p))
#define ST(p, v) (*(VTU *)(p) = (v))

#define KT_VEXP_NAME FN(vexp)
#define KT_VEXP_VT VT
#define KT_VEXP_VI VI
#define KT_VEXP_FMA KT_CAT(kt_vfma_, SFX)
#define KT_VEXP_F32 KT_IS_F32
#include "vexp.h"

/* e[i] = exp(e[i]) for i in [0, KT_MIX_CH) (e aligned) */
static void FN(exp_chunk)(T *e)
{
    for (ptrdiff_t i = 0; i < KT_MIX_CH; i += VL)
        ST(e + i, FN(vexp)(LD(e + i)));
}

/* ---- the density at points ------------------------------------------------ */

typedef struct {
    ptrdiff_t n, d, K;
    const char *x;
    ptrdiff_t sp, sc;
    const double *means, *U, *c, *w;
    char *out;
    ptrdiff_t so;
} FN(pts_ctx);

static void FN(pts_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(pts_ctx) *cx = (const FN(pts_ctx) *)vctx;
    const ptrdiff_t d = cx->d;
    const ptrdiff_t i0 = item * KT_MIX_CH;
    const ptrdiff_t m = cx->n - i0 < KT_MIX_CH ? cx->n - i0 : KT_MIX_CH;
    _Alignas(64) T acc[KT_MIX_CH], q[KT_MIX_CH], y[KT_MIX_CH];
    const char *xb = cx->x + i0 * cx->sp;
    memset(acc, 0, sizeof acc);
    for (ptrdiff_t k = 0; k < cx->K; k++) {
        const double *mu = cx->means + k * d, *U = cx->U + k * d * d;
        memset(q, 0, sizeof q);
        for (ptrdiff_t r = 0; r < d; r++) {
            memset(y, 0, sizeof y);
            for (ptrdiff_t a = 0; a < d; a++) {
                const T mua = (T)mu[a], u = (T)U[a * d + r];
                const char *xa = xb + a * cx->sc;
                const ptrdiff_t sp = cx->sp;
                for (ptrdiff_t i = 0; i < m; i++)
                    y[i] += (*(const T *)(xa + i * sp) - mua) * u;
            }
            for (ptrdiff_t i = 0; i < KT_MIX_CH; i++)
                q[i] += y[i] * y[i];
        }
        const T ck = (T)cx->c[k], wk = (T)cx->w[k];
        for (ptrdiff_t i = 0; i < KT_MIX_CH; i++)
            q[i] = (T)-0.5 * (ck + q[i]);
        FN(exp_chunk)(q);
        for (ptrdiff_t i = 0; i < KT_MIX_CH; i++)
            acc[i] += wk * q[i];
    }
    char *ob = cx->out + i0 * cx->so;
    for (ptrdiff_t i = 0; i < m; i++)
        *(T *)(ob + i * cx->so) = acc[i];
}

KT_HIDDEN int FN(kt__mixture_pdf)(const kt_mixture_pdf_plan *pl, const T *x,
                                  const double *means, const double *U, const double *c,
                                  const double *w, T *out, int nthreads)
{
    FN(pts_ctx) cx = {pl->n, pl->d, pl->K, (const char *)x, pl->x_stride_point,
                      pl->x_stride_coord, means, U, c, w, (char *)out, pl->out_stride};
    return kt__parallel_for(&pl->info, nthreads, pl->nitems, pl->grain, FN(pts_task), &cx);
}

/* ---- the density on a grid ----------------------------------------------- */

typedef struct {
    ptrdiff_t d, K, L, nch;
    const ptrdiff_t *shape;
    const T *const *coords;
    const double *means, *U, *c, *w;
    const int *diag;
    const T *g; /* per component along the last axis (K x L): exp(-0.5 (t u)^2) for a
                 * diagonal one, t = coords[l] - mu_l for a full one */
    ptrdiff_t gstride;
    T *dl; /* uniform last axis: (t_j - t_a) - i H, t_a a segment's first vector */
    T *out;
    int uni; /* last-axis coordinates equally spaced (within KT_MIX_UNI_ULP ulps) */
    T h;     /* their spacing */
} FN(grid_ctx);

/* Incremental exponentials along a uniform last axis.  Along a grid line the
 * exponent is quadratic in t, so with a step H = VL h between a lane's
 * successive points, f(t + H) = f(t) R(t) and R(t + H) = R(t) kappa,
 * kappa = exp(-g H^2), g = sum_r U[l, r]^2: two multiplies per point instead
 * of an exponential.  Each segment of KT_MIX_SV vectors (64 points) starts
 * from exact exponentials of its first vector (at the true coordinates), so
 * rounding grows over at most KT_MIX_SV steps (~SV^2/2 ulps worst case).  A
 * segment takes the exact path when any of its factors could leave the
 * normal range, an exponent beyond KT_MIX_LIM in magnitude, or when a
 * ratio exponent exceeds KT_MIX_RLIM in magnitude (its rounding error is
 * carried into up to KT_MIX_SV products, so it is kept small against the
 * exponent's own); the exponent is concave in t and the ratio exponent
 * linear, so the segment's end points bound them.  The recurrence walks
 * t_a + i H while the coordinates may differ from that by a few ulps (the
 * uniformity test allows KT_MIX_UNI_ULP), enough to cost ~|de/dt| ulp(t) in
 * relative accuracy; each value is moved to its coordinate by a second-order
 * correction exp(de/dt * dl) ~ 1 + c + c^2/2. */
/* segments of 64 points at every vector width (the length measured with
 * 32-byte vectors) */
#define KT_MIX_SV (64 / VL)
#if KT_IS_F32
#define KT_MIX_LIM 80.0f
#define KT_MIX_RLIM 8.0f
#else
#define KT_MIX_LIM 600.0
#define KT_MIX_RLIM 8.0
#endif
#define KT_MIX_UNI_ULP 2

/* One task per grid line: the line's index, the leading-axis factors and
 * y0 are computed once per line and component, the results are accumulated
 * straight into the output row (zeroed first; each value sums its
 * components in order k = 0, 1, ..., as before).  The recurrence works on
 * chunks of KT_MIX_CH points; a last, partial chunk goes through a local
 * buffer (its vectors run past the line's end). */
static void FN(grid_task)(void *vctx, ptrdiff_t line, int tid)
{
    (void)tid;
    const FN(grid_ctx) *cx = (const FN(grid_ctx) *)vctx;
    const ptrdiff_t d = cx->d, l = d - 1, L = cx->L;
    ptrdiff_t idx[KT_MAX_NDIM];
    {
        ptrdiff_t rem = line;
        for (ptrdiff_t a = l - 1; a >= 0; a--) {
            idx[a] = rem % cx->shape[a];
            rem /= cx->shape[a];
        }
    }
    T *orow = cx->out + line * L;
    memset(orow, 0, (size_t)L * sizeof(T));
    _Alignas(64) T tacc[KT_MIX_CH], q[KT_MIX_CH], tt[KT_MIX_CH], tdl[KT_MIX_CH];
    T y0[KT_MAX_NDIM];
    for (ptrdiff_t k = 0; k < cx->K; k++) {
        const double *mu = cx->means + k * d, *U = cx->U + k * d * d;
        if (cx->diag[k]) {
            /* the leading axes give one factor for the whole line */
            T s = (T)0;
            for (ptrdiff_t a = 0; a < l; a++) {
                T z = ((T)cx->coords[a][idx[a]] - (T)mu[a]) * (T)U[a * d + a];
                s += z * z;
            }
            _Alignas(64) T f[VL];
            for (ptrdiff_t v = 0; v < VL; v++)
                f[v] = (T)-0.5 * ((T)cx->c[k] + s);
            ST(f, FN(vexp)(LD(f)));
            const T sk = (T)cx->w[k] * f[0];
            const T *g = cx->g + k * cx->gstride;
            for (ptrdiff_t j = 0; j < L; j++)
                orow[j] += sk * g[j];
            continue;
        }
        /* whitened deviation along the line: y_r(t) = y0_r + t U[l, r] */
        for (ptrdiff_t r = 0; r < d; r++)
            y0[r] = (T)0;
        for (ptrdiff_t a = 0; a < l; a++) {
            const T da = (T)cx->coords[a][idx[a]] - (T)mu[a];
            for (ptrdiff_t r = 0; r < d; r++)
                y0[r] += da * (T)U[a * d + r];
        }
        const T ck = (T)cx->c[k], wk = (T)cx->w[k];
        /* t = coords[l] - mu_l, precomputed per component (grid_pre_task) */
        const T *trow = cx->g + k * cx->gstride;
        for (ptrdiff_t j0 = 0; j0 < L; j0 += KT_MIX_CH) {
            const ptrdiff_t m = L - j0 < KT_MIX_CH ? L - j0 : KT_MIX_CH;
            T *acc;
            const T *t, *dl;
            if (m == KT_MIX_CH) {
                acc = orow + j0;
                t = trow + j0;
                dl = cx->dl + j0;
            } else {
                memcpy(tacc, orow + j0, (size_t)m * sizeof(T));
                memcpy(tt, trow + j0, (size_t)m * sizeof(T));
                memcpy(tdl, cx->dl + j0, (size_t)m * sizeof(T));
                for (ptrdiff_t j = m; j < KT_MIX_CH; j++)
                    tacc[j] = tt[j] = tdl[j] = (T)0;
                acc = tacc;
                t = tt;
                dl = tdl;
            }
            /* seg[p]: segment p of this chunk goes incrementally */
            enum { NSEG = KT_MIX_CH / (KT_MIX_SV * VL) };
            const ptrdiff_t SP = KT_MIX_SV * VL;
            int seg[NSEG];
            int nexact = NSEG;
            VT fA[NSEG], rA[NSEG], pA[NSEG];
            for (ptrdiff_t p = 0; p < NSEG; p++) {
                seg[p] = 0;
                fA[p] = rA[p] = pA[p] = (VT){0};
            }
            if (cx->uni && (T)-0.5 * ck <= KT_MIX_LIM) {
                const T H = (T)VL * cx->h;
                T g = (T)0;
                for (ptrdiff_t r = 0; r < d; r++)
                    g += (T)U[l * d + r] * (T)U[l * d + r];
                const T gh2 = g * H * H;
                if (gh2 <= KT_MIX_LIM) {
                    _Alignas(64) T kv[VL];
                    for (ptrdiff_t v = 0; v < VL; v++)
                        kv[v] = -gh2;
                    const VT kappa = FN(vexp)(LD(kv));
                    for (ptrdiff_t p = 0; p < NSEG; p++) {
                        const ptrdiff_t b = p * SP;
                        if (b + VL > m)
                            break;
                        /* exponent and ratio exponent at the segment's ends (a
                         * segment the line's end cuts short is carried on past
                         * it, those values are never stored) */
                        const T s0 = t[b], s1 = b + SP <= m ? t[b + SP - 1] : s0 + (T)(SP - 1) * cx->h;
                        T q0 = (T)0, q1 = (T)0, p0 = (T)0, p1 = (T)0;
                        for (ptrdiff_t r = 0; r < d; r++) {
                            const T u = (T)U[l * d + r];
                            const T z0 = y0[r] + s0 * u, z1 = y0[r] + s1 * u;
                            q0 += z0 * z0;
                            q1 += z1 * z1;
                            p0 += z0 * u;
                            p1 += z1 * u;
                        }
                        const T e0 = (T)-0.5 * (ck + q0), e1 = (T)-0.5 * (ck + q1);
                        const T r0 = -H * p0 - (T)0.5 * gh2, r1 = -H * p1 - (T)0.5 * gh2;
                        if (!(e0 >= -KT_MIX_LIM && e1 >= -KT_MIX_LIM && r0 >= -KT_MIX_RLIM &&
                              r0 <= KT_MIX_RLIM && r1 >= -KT_MIX_RLIM && r1 <= KT_MIX_RLIM))
                            continue;
                        /* exact exponentials at the first vector */
                        VT qv = (VT){0}, pv = (VT){0};
                        const VT sv = LD(t + b);
                        for (ptrdiff_t r = 0; r < d; r++) {
                            const T u = (T)U[l * d + r];
                            const VT z = y0[r] + sv * u;
                            qv += z * z;
                            pv += z * u;
                        }
                        fA[p] = wk * FN(vexp)((T)-0.5 * (ck + qv));
                        rA[p] = FN(vexp)(-H * pv - (T)0.5 * gh2);
                        pA[p] = pv;
                        seg[p] = 1;
                        nexact--;
                    }
                    /* the segments in lockstep (independent multiply chains); a
                     * segment left to the exact path has f = 0 and adds 0.
                     * f exp(-p dl) to second order, p = -de/dt (linear in t),
                     * moves each value from t_a + i H to its coordinate */
                    if (nexact < NSEG) {
                        const T Hg = H * g;
                        for (ptrdiff_t i = 0; i < KT_MIX_SV; i++) {
                            for (ptrdiff_t p = 0; p < NSEG; p++) {
                                T *ap = acc + p * SP + i * VL;
                                const VT cc = -pA[p] * LD(dl + p * SP + i * VL);
                                const VT f = fA[p];
                                ST(ap, LD(ap) + (f + f * (cc * ((T)1 + (T)0.5 * cc))));
                                fA[p] = f * rA[p];
                                rA[p] *= kappa;
                                pA[p] += Hg;
                            }
                        }
                    }
                }
            }
            if (!nexact)
                goto store;
            memset(q, 0, sizeof q);
            for (ptrdiff_t r = 0; r < d; r++) {
                const T yr = y0[r], u = (T)U[l * d + r];
                for (ptrdiff_t j = 0; j < KT_MIX_CH; j++) {
                    const T yj = yr + t[j] * u;
                    q[j] += yj * yj;
                }
            }
            for (ptrdiff_t j = 0; j < KT_MIX_CH; j++)
                q[j] = (T)-0.5 * (ck + q[j]);
            for (ptrdiff_t p = 0; p < NSEG; p++) {
                if (seg[p])
                    continue;
                for (ptrdiff_t i = p * SP; i < (p + 1) * SP; i += VL)
                    ST(q + i, FN(vexp)(LD(q + i)));
                for (ptrdiff_t j = p * SP; j < (p + 1) * SP; j++)
                    acc[j] += wk * q[j];
            }
        store:
            if (m < KT_MIX_CH)
                memcpy(orow + j0, tacc, (size_t)m * sizeof(T));
        }
    }
}

/* Per-component rows along the last axis (item = component k, chunk):
 * diagonal components g[k][j] = exp(-0.5 * ((coords[l][j] - mu_l) * u_ll)^2),
 * full components t[k][j] = coords[l][j] - mu_l. */
static void FN(grid_pre_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(grid_ctx) *cx = (const FN(grid_ctx) *)vctx;
    const ptrdiff_t d = cx->d, l = d - 1;
    const ptrdiff_t k = item / cx->nch, j0 = (item % cx->nch) * KT_MIX_CH;
    const ptrdiff_t m = cx->L - j0 < KT_MIX_CH ? cx->L - j0 : KT_MIX_CH;
    const T mu = (T)cx->means[k * d + l];
    const T *cl = cx->coords[l] + j0;
    T *row = (T *)cx->g + k * cx->gstride + j0;
    if (!cx->diag[k]) {
        for (ptrdiff_t j = 0; j < m; j++)
            row[j] = cl[j] - mu;
        return;
    }
    _Alignas(64) T q[KT_MIX_CH];
    memset(q, 0, sizeof q);
    const T u = (T)cx->U[k * d * d + l * d + l];
    for (ptrdiff_t j = 0; j < m; j++) {
        const T z = (cl[j] - mu) * u;
        q[j] = (T)-0.5 * (z * z);
    }
    FN(exp_chunk)(q);
    memcpy(row, q, (size_t)m * sizeof(T));
}

KT_HIDDEN int FN(kt__mixture_grid)(const kt_mixture_grid_plan *pl, const T *const *coords,
                                   const double *means, const double *U, const double *c,
                                   const double *w, const int *diag, T *out, void *scratch,
                                   int nthreads)
{
    const ptrdiff_t d = pl->d, K = pl->K, L = pl->L;
    T *g = (T *)kt__piece(scratch, pl->g_off, 0, 0);
    T *dl = (T *)kt__piece(scratch, pl->dl_off, 0, 0);
    const ptrdiff_t gstride = (ptrdiff_t)(pl->g_stride / sizeof(T));
    FN(grid_ctx) cx = {d, K, L, (L + KT_MIX_CH - 1) / KT_MIX_CH, pl->shape, coords, means, U,
                       c, w, diag, g, gstride, dl, out, 0, (T)0};
    /* equally spaced last axis: every coordinate within KT_MIX_UNI_ULP ulps
     * (of the larger end) of t_0 + j h */
    if (L >= 2 * KT_MIX_SV * VL) {
        const T *cl = coords[d - 1];
        const T t0 = cl[0], h = (cl[L - 1] - cl[0]) / (T)(L - 1);
        const T big = fabs((double)t0) > fabs((double)cl[L - 1]) ? (T)fabs((double)t0)
                                                                 : (T)fabs((double)cl[L - 1]);
#if KT_IS_F32
        const T tol = (T)KT_MIX_UNI_ULP * big * 1.1920929e-7f;
#else
        const T tol = (T)KT_MIX_UNI_ULP * big * 2.220446049250313e-16;
#endif
        int uni = h != (T)0 && isfinite(h) && fabs((double)h) > 64.0 * (double)tol;
        for (ptrdiff_t j = 1; uni && j < L; j++)
            uni = fabs((double)(cl[j] - (t0 + (T)j * h))) <= (double)tol;
        cx.uni = uni;
        cx.h = h;
    }
    if (cx.uni) {
        /* where the recurrence's points t_a + i H (t_a the segment's first
         * vector) miss the given coordinates: dl = (t_j - t_a) - i H, nearly
         * exact since |t_j - t_a| is small; segments start every
         * KT_MIX_SV * VL points (chunks are whole segments) */
        const T *cl = coords[d - 1];
        const T H = (T)VL * cx.h;
        for (ptrdiff_t j = 0; j < L; j++)
            cx.dl[j] = (T)0;
        for (ptrdiff_t b = 0; b + VL <= L; b += KT_MIX_SV * VL)
            for (ptrdiff_t i = 0; i < KT_MIX_SV; i++)
                for (ptrdiff_t v = 0; v < VL && b + i * VL + v < L; v++)
                    cx.dl[b + i * VL + v] = (cl[b + i * VL + v] - cl[b + v]) - (T)i * H;
    }
    int st = kt__parallel_for(&pl->info, nthreads, K * cx.nch, 1, FN(grid_pre_task), &cx);
    if (st != KT_OK)
        return st;
    return kt__parallel_for(&pl->info, nthreads, pl->nlines, pl->grain, FN(grid_task), &cx);
}

#undef FN
#undef VL
#undef VT
#undef VTU
#undef VI
#undef LD
#undef ST
#undef KT_MIX_SV
#undef KT_MIX_LIM
#undef KT_MIX_RLIM
#undef KT_MIX_UNI_ULP
