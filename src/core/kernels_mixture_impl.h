/* Gaussian mixture densities: ONE template, included by
 * kernels_mixture_exec_f32.c / _f64.c with T (float/double), TI (the
 * integer of the same width), SFX (f32/f64) and KT_MIX_F32 (1 for float)
 * defined; each of those is compiled once per ISA level (KT_ISA).
 *
 * The exponential is vexp.h's, on GCC vector extensions of 32 bytes, so
 * that the loops vectorise (libm's exp does not). */

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define VL ((ptrdiff_t)(32 / sizeof(T)))
#define VT KT_CAT(kt_mvec_, SFX)
#define VTU KT_CAT(kt_mvecu_, SFX)
#define VI KT_CAT(kt_mveci_, SFX)

typedef T VT __attribute__((vector_size(32)));
typedef T VTU __attribute__((vector_size(32), aligned(sizeof(T)), may_alias));
typedef TI VI __attribute__((vector_size(32)));

#define LD(p) (*(const VTU *)(p))
#define ST(p, v) (*(VTU *)(p) = (v))

/* points (or grid positions) per task; a multiple of every VL */
#define KT_MIX_CH 256

#define KT_VEXP_NAME FN(vexp)
#define KT_VEXP_VT VT
#define KT_VEXP_VI VI
#define KT_VEXP_F32 KT_MIX_F32
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

KT_HIDDEN int FN(kt__mixture_pdf)(ptrdiff_t n, ptrdiff_t d, const T *x, ptrdiff_t sp,
                                  ptrdiff_t sc, ptrdiff_t K, const double *means,
                                  const double *U, const double *c, const double *w, T *out,
                                  ptrdiff_t so, int nthreads)
{
    FN(pts_ctx) cx = {n, d, K, (const char *)x, sp, sc, means, U, c, w, (char *)out, so};
    ptrdiff_t nitems = (n + KT_MIX_CH - 1) / KT_MIX_CH;
    kt__parallel_for(nthreads, nitems, 4, FN(pts_task), &cx);
    return KT_OK;
}

/* ---- the density on a grid ----------------------------------------------- */

typedef struct {
    ptrdiff_t d, K, L, nch;
    const ptrdiff_t *shape;
    const T *const *coords;
    const double *means, *U, *c, *w;
    const int *diag;
    const T *g; /* diagonal components: exp(-0.5 (t u)^2) along the last axis, K x L */
    ptrdiff_t gstride;
    T *out;
} FN(grid_ctx);

static void FN(grid_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(grid_ctx) *cx = (const FN(grid_ctx) *)vctx;
    const ptrdiff_t d = cx->d, l = d - 1;
    const ptrdiff_t line = item / cx->nch, j0 = (item % cx->nch) * KT_MIX_CH;
    const ptrdiff_t m = cx->L - j0 < KT_MIX_CH ? cx->L - j0 : KT_MIX_CH;
    ptrdiff_t idx[KT_MAX_NDIM];
    {
        ptrdiff_t rem = line;
        for (ptrdiff_t a = l - 1; a >= 0; a--) {
            idx[a] = rem % cx->shape[a];
            rem /= cx->shape[a];
        }
    }
    _Alignas(64) T acc[KT_MIX_CH], q[KT_MIX_CH], t[KT_MIX_CH];
    T y0[KT_MAX_NDIM];
    memset(acc, 0, sizeof acc);
    const T *cl = cx->coords[l] + j0;
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
            const T *g = cx->g + k * cx->gstride + j0;
            for (ptrdiff_t j = 0; j < m; j++)
                acc[j] += sk * g[j];
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
        const T mul = (T)mu[l];
        memset(t, 0, sizeof t);
        for (ptrdiff_t j = 0; j < m; j++)
            t[j] = cl[j] - mul;
        memset(q, 0, sizeof q);
        for (ptrdiff_t r = 0; r < d; r++) {
            const T yr = y0[r], u = (T)U[l * d + r];
            for (ptrdiff_t j = 0; j < KT_MIX_CH; j++) {
                const T yj = yr + t[j] * u;
                q[j] += yj * yj;
            }
        }
        const T ck = (T)cx->c[k], wk = (T)cx->w[k];
        for (ptrdiff_t j = 0; j < KT_MIX_CH; j++)
            q[j] = (T)-0.5 * (ck + q[j]);
        FN(exp_chunk)(q);
        for (ptrdiff_t j = 0; j < KT_MIX_CH; j++)
            acc[j] += wk * q[j];
    }
    T *o = cx->out + line * cx->L + j0;
    memcpy(o, acc, (size_t)m * sizeof(T));
}

/* g[k][j] = exp(-0.5 * ((coords[l][j] - mu_l) * u_ll)^2) for the diagonal components */
static void FN(grid_diag_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(grid_ctx) *cx = (const FN(grid_ctx) *)vctx;
    const ptrdiff_t d = cx->d, l = d - 1;
    const ptrdiff_t k = item / cx->nch, j0 = (item % cx->nch) * KT_MIX_CH;
    if (!cx->diag[k])
        return;
    const ptrdiff_t m = cx->L - j0 < KT_MIX_CH ? cx->L - j0 : KT_MIX_CH;
    _Alignas(64) T q[KT_MIX_CH];
    memset(q, 0, sizeof q);
    const T mu = (T)cx->means[k * d + l], u = (T)cx->U[k * d * d + l * d + l];
    const T *cl = cx->coords[l] + j0;
    for (ptrdiff_t j = 0; j < m; j++) {
        const T z = (cl[j] - mu) * u;
        q[j] = (T)-0.5 * (z * z);
    }
    FN(exp_chunk)(q);
    memcpy((T *)cx->g + k * cx->gstride + j0, q, (size_t)m * sizeof(T));
}

KT_HIDDEN int FN(kt__mixture_grid)(ptrdiff_t d, const ptrdiff_t *shape, const T *const *coords,
                                   ptrdiff_t K, const double *means, const double *U,
                                   const double *c, const double *w, const int *diag, T *out,
                                   T *g, ptrdiff_t gstride, int nthreads)
{
    ptrdiff_t nlines = 1;
    for (ptrdiff_t a = 0; a < d - 1; a++)
        nlines *= shape[a];
    const ptrdiff_t L = shape[d - 1];
    FN(grid_ctx) cx = {d,     K, L,    (L + KT_MIX_CH - 1) / KT_MIX_CH, shape, coords, means, U,
                       c,     w, diag, g, gstride, out};
    kt__parallel_for(nthreads, K * cx.nch, 1, FN(grid_diag_task), &cx);
    kt__parallel_for(nthreads, nlines * cx.nch, 8, FN(grid_task), &cx);
    return KT_OK;
}

#undef FN
#undef VL
#undef VT
#undef VTU
#undef VI
#undef LD
#undef ST
