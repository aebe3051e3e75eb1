/* RBF kernels, squared distances and Gauss transforms: ONE template,
 * included by rbf_exec_f32.c / rbf_exec_f64.c with T, SFX (f32/f64) and
 * KT_IS_F32 defined; each is compiled once per ISA level.  The BLAS of the
 * precision (GEMM_FN, SYRK_FN, the plan's kt_blas members) is derived from
 * KT_IS_F32 here.
 *
 * The gemm / syrk runs in the caller's BLAS (its own threads); the
 * centring, the epilogue (norms, clamp, recompute, exp, scale, mirror) and
 * the direct Gauss transform run on kt__parallel_for threads.  Every output
 * entry is computed by one thread in a fixed order: results do not depend
 * on the thread count. */

#include <float.h>
#include <limits.h>
#include <math.h>

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

#if KT_IS_F32
#define KT_RBF_EPS FLT_EPSILON
#define GEMM_FN kt_sgemm_fn
#define SYRK_FN kt_ssyrk_fn
#define GEMM_OF(blas) ((blas).sgemm)
#define SYRK_OF(blas) ((blas).ssyrk)
#else
#define KT_RBF_EPS DBL_EPSILON
#define GEMM_FN kt_dgemm_fn
#define SYRK_FN kt_dsyrk_fn
#define GEMM_OF(blas) ((blas).dgemm)
#define SYRK_OF(blas) ((blas).dsyrk)
#endif

/* region i of the plan's scratch */
#define REGION(pl, scratch, i) kt__piece((scratch), (pl)->off[(i)], 0, 0)

/* rows per epilogue tile (the symmetric case mirrors tiles of TB x TB) */
#define TB 64

static inline VT FN(splat)(T v) { return (VT){0} + v; }

/* ---- centring -------------------------------------------------------------- */

typedef struct {
    ptrdiff_t d;
    const char *src;
    ptrdiff_t s0, s1;
    const double *mean;
    T *dst;     /* row-major rows (ld d) */
    ptrdiff_t n;
    T *norm;    /* |row - mean|^2 of the rounded centred row, or NULL */
} FN(centre_ctx);

#define CENTRE_ROWS 256

static void FN(centre_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(centre_ctx) *c = (const FN(centre_ctx) *)vctx;
    const ptrdiff_t i0 = item * CENTRE_ROWS;
    const ptrdiff_t i1 = i0 + CENTRE_ROWS < c->n ? i0 + CENTRE_ROWS : c->n;
    for (ptrdiff_t i = i0; i < i1; i++) {
        const char *row = c->src + i * c->s0;
        double s = 0.0;
        for (ptrdiff_t a = 0; a < c->d; a++) {
            T v = (T)((double)*(const T *)(row + a * c->s1) - c->mean[a]);
            c->dst[i * c->d + a] = v;
            s += (double)v * (double)v;
        }
        if (c->norm)
            c->norm[i] = (T)s;
    }
}

/* The mean of the rows of x (n) and y (m; NULL: none) in float64, in a fixed
 * order (rows in sequence). */
static void FN(mean_rows)(ptrdiff_t n, ptrdiff_t d, const char *x, ptrdiff_t xs0, ptrdiff_t xs1,
                          ptrdiff_t m, const char *y, ptrdiff_t ys0, ptrdiff_t ys1,
                          double *mean)
{
    for (ptrdiff_t a = 0; a < d; a++)
        mean[a] = 0.0;
    for (ptrdiff_t i = 0; i < n; i++)
        for (ptrdiff_t a = 0; a < d; a++)
            mean[a] += (double)*(const T *)(x + i * xs0 + a * xs1);
    if (y)
        for (ptrdiff_t i = 0; i < m; i++)
            for (ptrdiff_t a = 0; a < d; a++)
                mean[a] += (double)*(const T *)(y + i * ys0 + a * ys1);
    double tot = (double)n + (double)(y ? m : 0);
    for (ptrdiff_t a = 0; a < d; a++)
        mean[a] /= tot;
}

static int FN(centre)(const kt_plan_info *info, ptrdiff_t n, ptrdiff_t d, const char *x,
                      ptrdiff_t s0, ptrdiff_t s1, const double *mean, T *dst, T *norm,
                      int nthreads)
{
    FN(centre_ctx) c = {d, x, s0, s1, mean, dst, n, norm};
    return kt__parallel_for(info, nthreads, (n + CENTRE_ROWS - 1) / CENTRE_ROWS, 1,
                            FN(centre_task), &c);
}

/* y == NULL means y = x: resolves y's pointer and strides, then the mean of
 * the rows of x and y together (y counted once when it is x). */
static const char *FN(pair_mean)(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const T *x,
                                 ptrdiff_t xs0, ptrdiff_t xs1, const T *y, ptrdiff_t *ys0,
                                 ptrdiff_t *ys1, double *mean)
{
    const char *cx = (const char *)x;
    if (!y) {
        *ys0 = xs0;
        *ys1 = xs1;
    }
    FN(mean_rows)(n, d, cx, xs0, xs1, m, (const char *)y, *ys0, *ys1, mean);
    return y ? (const char *)y : cx;
}

/* Entries with d2 <= thr * (|x_c|^2 + |y_c|^2) are recomputed directly: the
 * expansion's error for identical rows is below d eps (|x_c|^2 + |y_c|^2).
 * So are those where the expansion is NaN (norms that overflowed). */
static T FN(recompute_thr)(ptrdiff_t d)
{
    double thr = 4.0 * (double)d * KT_RBF_EPS;
    return (T)(thr < 1.0 / 64 ? 1.0 / 64 : thr);
}

/* weights transposed (k x np), zero beyond n */
static void FN(transpose_w)(ptrdiff_t n, ptrdiff_t k, const T *w, T *wt, ptrdiff_t np)
{
    for (ptrdiff_t r = 0; r < k; r++) {
        T *row = wt + r * np;
        for (ptrdiff_t j = 0; j < n; j++)
            row[j] = w[j * k + r];
        for (ptrdiff_t j = n; j < np; j++)
            row[j] = (T)0;
    }
}

/* ---- the epilogue ---------------------------------------------------------- */

typedef struct {
    int kind;
    ptrdiff_t n, m, d;
    const char *x, *y; /* the original rows, for the direct recomputation */
    ptrdiff_t xs0, xs1, ys0, ys1;
    const T *nx, *ny;
    T gamma, var, thr;
    T *out;  /* C-contiguous n x m: the gemm products on entry */
    ptrdiff_t ldo;
    ptrdiff_t nblocks;
} FN(epi_ctx);

static T FN(direct_d2)(const FN(epi_ctx) *c, ptrdiff_t i, ptrdiff_t j)
{
    const char *xr = c->x + i * c->xs0, *yr = c->y + j * c->ys0;
    double s = 0.0;
    for (ptrdiff_t a = 0; a < c->d; a++) {
        double t = (double)*(const T *)(xr + a * c->xs1) - (double)*(const T *)(yr + a * c->ys1);
        s += t * t;
    }
    return (T)s;
}

static inline T FN(finish1)(const FN(epi_ctx) *c, T d2)
{
    if (c->kind == KT_RBF_SQDIST)
        return d2;
    VT e = FN(vexp)(FN(splat)(-c->gamma * d2));
    return c->var * e[0];
}

/* row[jj] for jj in [0, len): the products of row i with columns j0 + jj
 * become kernel values (or squared distances) in place. */
static void FN(epi_span)(const FN(epi_ctx) *c, ptrdiff_t i, ptrdiff_t j0, ptrdiff_t len,
                         T *row, const T *nyj)
{
    const T nxi = c->nx[i];
    const VT vnx = FN(splat)(nxi), vthr = FN(splat)(c->thr), vg = FN(splat)(-c->gamma);
    const VT vvar = FN(splat)(c->var), zero = FN(splat)((T)0);
    const int sq = c->kind == KT_RBF_SQDIST;
    ptrdiff_t jj = 0;
    _Alignas(64) T buf[VL], nb[VL];
    while (jj < len) {
        const ptrdiff_t cnt = len - jj < VL ? len - jj : VL;
        T *pg;
        const T *pn;
        if (cnt == VL) {
            pg = row + jj;
            pn = nyj + jj;
        } else {
            for (ptrdiff_t v = 0; v < VL; v++) {
                buf[v] = v < cnt ? row[jj + v] : (T)0;
                nb[v] = v < cnt ? nyj[jj + v] : (T)1;
            }
            pg = buf;
            pn = nb;
        }
        VT g = LD(pg), s = vnx + LD(pn);
        VT d2 = s - (T)2 * g;
        /* (also NaN: inf - inf, where a centred norm overflowed) */
        VI bad = ~(d2 > vthr * s);
        VI neg = d2 < zero; /* NaN stays NaN */
        d2 = (VT)((VI)d2 & ~neg);
        if (sq)
            ST(pg, d2);
        else
            ST(pg, vvar * FN(vexp)(vg * d2));
        int anybad = 0;
        for (ptrdiff_t v = 0; v < cnt; v++)
            anybad |= (int)(bad[v] != 0);
        if (KT_UNLIKELY(anybad))
            for (ptrdiff_t v = 0; v < cnt; v++)
                if (bad[v])
                    pg[v] = FN(finish1)(c, FN(direct_d2)(c, i, j0 + jj + v));
        if (cnt != VL)
            for (ptrdiff_t v = 0; v < cnt; v++)
                row[jj + v] = buf[v];
        jj += cnt;
    }
}

/* general case: one task per block of TB rows, all columns */
static void FN(epi_full_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(epi_ctx) *c = (const FN(epi_ctx) *)vctx;
    ptrdiff_t i1 = (item + 1) * TB < c->n ? (item + 1) * TB : c->n;
    for (ptrdiff_t i = item * TB; i < i1; i++)
        FN(epi_span)(c, i, 0, c->m, c->out + i * c->ldo, c->ny);
}

/* symmetric case: the lower triangle holds the products; one task per block
 * row (largest first), each tile finished then mirrored to the upper one. */
static void FN(epi_sym_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(epi_ctx) *c = (const FN(epi_ctx) *)vctx;
    const ptrdiff_t I = c->nblocks - 1 - item, ld = c->ldo;
    const ptrdiff_t i0 = I * TB, i1 = i0 + TB < c->n ? i0 + TB : c->n;
    T *out = c->out;
    const T diag = c->kind == KT_RBF_SQDIST ? (T)0 : c->var;
    for (ptrdiff_t J = 0; J <= I; J++) {
        const ptrdiff_t j0 = J * TB;
        for (ptrdiff_t i = i0; i < i1; i++) {
            ptrdiff_t j1 = J == I ? i : (j0 + TB);
            if (j1 > j0)
                FN(epi_span)(c, i, j0, j1 - j0, out + i * ld + j0, c->nx + j0);
            if (J == I)
                out[i * ld + i] = diag;
        }
        /* mirror the tile into (J, I) */
        const ptrdiff_t j1 = J == I ? i1 : j0 + TB;
        for (ptrdiff_t j = j0; j < j1; j++) {
            T *dst = out + j * ld;
            ptrdiff_t ist = J == I ? j + 1 : i0;
            for (ptrdiff_t i = ist; i < i1; i++)
                dst[i] = out[i * ld + j];
        }
    }
}

/* Multiply-adds per BLAS call: the products are made in panels of output
 * rows, with a poll (Ctrl-C) after each, so that a long call answers within
 * a few tens of milliseconds; no panel is thinner than RBF_PANEL_ROWS rows,
 * where the BLAS keeps most of its speed. */
#define RBF_PANEL_MACS ((double)(1 << 29))
#define RBF_PANEL_ROWS 256

/* out[i, j] = xc_i . yc_j for the rows of out (every j; when yc == xc and
 * the BLAS has syrk, only j <= i, which the epilogue mirrors). */
static int FN(products)(const kt_rbf_plan *pl, const T *xc, const T *yc, T *out)
{
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d;
    const T one = (T)1, zero = (T)0;
    const SYRK_FN syrk = SYRK_OF(pl->blas);
    const GEMM_FN gemm = GEMM_OF(pl->blas);
    const int sym = yc == xc && syrk;
    double rows = RBF_PANEL_MACS / ((double)m * (double)(d > 0 ? d : 1));
    ptrdiff_t pw = rows > (double)n ? n : (ptrdiff_t)rows;
    if (pw < RBF_PANEL_ROWS)
        pw = RBF_PANEL_ROWS;
    const int im = (int)m, id = (int)d;
    for (ptrdiff_t i0 = 0; i0 < n; i0 += pw) {
        const int ip = (int)(i0 + pw < n ? pw : n - i0);
        /* the panel's rows of out are the columns i0 .. i0 + ip of the
         * column-major C = Yc^T Xc (ldc = m) */
        T *c = out + i0 * m;
        const T *xp = xc + i0 * d;
        if (sym) {
            /* C[0:i0, panel] = Xc[0:i0]^T Xc[panel]; the panel's own
             * triangle (upper of C = lower of out) by syrk */
            const int i0i = (int)i0;
            if (i0 > 0)
                gemm("T", "N", &i0i, &ip, &id, &one, xc, &id, xp, &id, &zero, c, &im);
            syrk("U", "T", &ip, &id, &one, xp, &id, &zero, c + i0, &im);
        } else {
            gemm("T", "N", &im, &ip, &id, &one, yc, &id, xp, &id, &zero, c, &im);
        }
        int s = kt__poll_now(&pl->info);
        if (s != KT_OK)
            return s;
    }
    return KT_OK;
}

KT_HIDDEN int FN(kt__rbf)(const kt_rbf_plan *pl, const T *x, const T *y, T *out,
                          void *scratch, int nthreads)
{
    const kt_plan_info *info = &pl->info;
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d, xs0 = pl->xs0, xs1 = pl->xs1;
    ptrdiff_t ys0 = pl->ys0, ys1 = pl->ys1;
    const int sym = !pl->y_given;
    double *mean = (double *)REGION(pl, scratch, KT_RBF_MEAN);
    T *xc = (T *)REGION(pl, scratch, KT_RBF_XC), *nx = (T *)REGION(pl, scratch, KT_RBF_NX);
    T *yc = sym ? NULL : (T *)REGION(pl, scratch, KT_RBF_YC);
    T *ny = sym ? NULL : (T *)REGION(pl, scratch, KT_RBF_NY);
    const char *cx = (const char *)x;
    const char *cy = FN(pair_mean)(n, m, d, x, xs0, xs1, sym ? NULL : y, &ys0, &ys1, mean);
    int s = FN(centre)(info, n, d, cx, xs0, xs1, mean, xc, nx, nthreads);
    if (s == KT_OK && !sym)
        s = FN(centre)(info, m, d, cy, ys0, ys1, mean, yc, ny, nthreads);
    if (s != KT_OK)
        return s;
    s = FN(products)(pl, xc, sym ? xc : yc, out);
    if (s != KT_OK)
        return s;
    FN(epi_ctx) c = {pl->kind, n, m, d, cx, cy, xs0, xs1, ys0, ys1, nx, sym ? nx : ny,
                     (T)pl->gamma, (T)pl->var, FN(recompute_thr)(d), out, m, (n + TB - 1) / TB};
    if (sym)
        return kt__parallel_for(info, nthreads, c.nblocks, 1, FN(epi_sym_task), &c);
    return kt__parallel_for(info, nthreads, c.nblocks, 1, FN(epi_full_task), &c);
}

/* ---- the Gauss transform --------------------------------------------------- */

/* direct path: sources transposed (d x np, padded with zero coordinates and
 * zero weights), targets row-major */
#define GT_KB 8   /* right-hand sides per accumulator block */
#define GT_ROWS 16

typedef struct {
    ptrdiff_t m, d, k, np;
    const T *xt, *wt, *yc;
    T gamma, var;
    T *out;
} FN(gt_ctx);

/* sum_j exp(-gamma |y - x_j|^2) w_j over the padded sources (one weight
 * vector); inlined with a constant d where it is small. */
static inline __attribute__((always_inline)) T FN(gt_dot1)(const T *xt, const T *wt,
                                                           ptrdiff_t np, const T *yi,
                                                           ptrdiff_t d, VT vg)
{
    VT ys[4];
    for (ptrdiff_t a = 0; a < d && a < 4; a++)
        ys[a] = FN(splat)(yi[a]);
    VT a0 = {0}, a1 = {0};
    for (ptrdiff_t j = 0; j < np; j += 2 * VL) {
        VT d0 = {0}, d1 = {0};
        for (ptrdiff_t a = 0; a < d; a++) {
            const T *xa = xt + a * np + j;
            VT ya = a < 4 ? ys[a] : FN(splat)(yi[a]);
            VT t0 = LD(xa) - ya, t1 = LD(xa + VL) - ya;
            d0 += t0 * t0;
            d1 += t1 * t1;
        }
        a0 += FN(vexp)(vg * d0) * LD(wt + j);
        a1 += FN(vexp)(vg * d1) * LD(wt + j + VL);
    }
    a0 += a1;
    T s = (T)0;
    for (ptrdiff_t v = 0; v < VL; v++)
        s += a0[v];
    return s;
}

static void FN(gt_direct_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const FN(gt_ctx) *c = (const FN(gt_ctx) *)vctx;
    const ptrdiff_t d = c->d, np = c->np, k = c->k;
    const VT vg = FN(splat)(-c->gamma);
    ptrdiff_t i1 = (item + 1) * GT_ROWS < c->m ? (item + 1) * GT_ROWS : c->m;
    for (ptrdiff_t i = item * GT_ROWS; i < i1; i++) {
        const T *yi = c->yc + i * d;
        T *oi = c->out + i * k;
        if (k == 1) {
            T sum;
            switch (d) { /* constant d: the feature loop unrolled, y splats hoisted */
            case 1: sum = FN(gt_dot1)(c->xt, c->wt, np, yi, 1, vg); break;
            case 2: sum = FN(gt_dot1)(c->xt, c->wt, np, yi, 2, vg); break;
            case 3: sum = FN(gt_dot1)(c->xt, c->wt, np, yi, 3, vg); break;
            case 4: sum = FN(gt_dot1)(c->xt, c->wt, np, yi, 4, vg); break;
            default: sum = FN(gt_dot1)(c->xt, c->wt, np, yi, d, vg); break;
            }
            oi[0] = c->var * sum;
            continue;
        }
        for (ptrdiff_t r0 = 0; r0 < k; r0 += GT_KB) {
            const ptrdiff_t kb = k - r0 < GT_KB ? k - r0 : GT_KB;
            VT acc[GT_KB];
            for (ptrdiff_t r = 0; r < GT_KB; r++)
                acc[r] = (VT){0};
            for (ptrdiff_t j = 0; j < np; j += VL) {
                VT d0 = {0};
                for (ptrdiff_t a = 0; a < d; a++) {
                    VT t0 = LD(c->xt + a * np + j) - FN(splat)(yi[a]);
                    d0 += t0 * t0;
                }
                VT e = FN(vexp)(vg * d0);
                for (ptrdiff_t r = 0; r < kb; r++)
                    acc[r] += e * LD(c->wt + (r0 + r) * np + j);
            }
            for (ptrdiff_t r = 0; r < kb; r++) {
                T s = (T)0;
                for (ptrdiff_t v = 0; v < VL; v++)
                    s += acc[r][v];
                oi[r0 + r] = c->var * s;
            }
        }
    }
}

KT_HIDDEN int FN(kt__gt_direct)(const kt_gauss_transform_plan *pl, const T *x, const T *w,
                                const T *y, T *out, void *scratch, int nthreads)
{
    const kt_plan_info *info = &pl->info;
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d, k = pl->k, np = pl->np;
    const ptrdiff_t xs0 = pl->xs0, xs1 = pl->xs1;
    ptrdiff_t ys0 = pl->ys0, ys1 = pl->ys1;
    double *mean = (double *)REGION(pl, scratch, KT_GT_MEAN);
    T *yc = (T *)REGION(pl, scratch, KT_GT_YC), *wt = (T *)REGION(pl, scratch, KT_GT_WT);
    T *xt = (T *)REGION(pl, scratch, KT_GT_X);
    const char *cx = (const char *)x;
    const char *cy =
        FN(pair_mean)(n, m, d, x, xs0, xs1, pl->y_given ? y : NULL, &ys0, &ys1, mean);
    int s = FN(centre)(info, m, d, cy, ys0, ys1, mean, yc, NULL, nthreads);
    if (s != KT_OK)
        return s;
    /* sources transposed and padded (serial: O(n d), memory-bound) */
    for (ptrdiff_t a = 0; a < d; a++) {
        T *row = xt + a * np;
        for (ptrdiff_t j = 0; j < n; j++)
            row[j] = (T)((double)*(const T *)(cx + j * xs0 + a * xs1) - mean[a]);
        for (ptrdiff_t j = n; j < np; j++)
            row[j] = (T)0;
    }
    FN(transpose_w)(n, k, w, wt, np);
    FN(gt_ctx) c = {.m = m, .d = d, .k = k, .np = np, .xt = xt, .wt = wt, .yc = yc,
                    .gamma = (T)pl->gamma, .var = (T)pl->var, .out = out};
    return kt__parallel_for(info, nthreads, (m + GT_ROWS - 1) / GT_ROWS, 1, FN(gt_direct_task),
                            &c);
}

/* gemm path: one task per block of ti targets, on kernterp's threads; per
 * block of tj sources, a gemm call makes the ti x tj tile of products in
 * the thread's scratch, the tile rows become kernel values in place
 * (var = 1), and out[i, r] += sum_j e_ij w[j, r] (weights transposed,
 * k x np).  ti * tj * d stays below OpenBLAS's threshold for threading a
 * call (2^18): each call runs on the calling thread, and no BLAS thread
 * pool spins against kernterp's threads.  Each output row is summed in one
 * fixed order. */
typedef struct {
    FN(epi_ctx) epi;
    ptrdiff_t n, m, d, k, np, ti, tj;
    const T *xc, *yc, *wt;
    T var;
    T *out;
    void *scratch;
    size_t tiles_off, tile_stride;
    GEMM_FN gemm;
} FN(gt_gemm_ctx);

static void FN(gt_gemm_task)(void *vctx, ptrdiff_t item, int tid)
{
    const FN(gt_gemm_ctx) *c = (const FN(gt_gemm_ctx) *)vctx;
    const ptrdiff_t d = c->d, k = c->k;
    const ptrdiff_t i0 = item * c->ti;
    const ptrdiff_t ti = c->m - i0 < c->ti ? c->m - i0 : c->ti;
    T *tile = (T *)kt__piece(c->scratch, c->tiles_off, c->tile_stride, tid);
    const T one = (T)1, zero = (T)0;
    const int id = (int)d, iti = (int)ti;
    for (ptrdiff_t j0 = 0; j0 < c->n; j0 += c->tj) {
        const ptrdiff_t tj = c->n - j0 < c->tj ? c->n - j0 : c->tj;
        const int itj = (int)tj;
        /* column-major tj x ti = row-major tile[ti][tj]: y_i . x_j */
        c->gemm("T", "N", &itj, &iti, &id, &one, c->xc + j0 * d, &id, c->yc + i0 * d, &id,
                &zero, tile, &itj);
        for (ptrdiff_t i = 0; i < ti; i++) {
            T *row = tile + i * tj;
            FN(epi_span)(&c->epi, i0 + i, j0, tj, row, c->epi.ny + j0);
            T *o = c->out + (i0 + i) * k;
            for (ptrdiff_t r = 0; r < k; r++) {
                const T *wr = c->wt + r * c->np + j0;
                VT a0 = {0}, a1 = {0};
                ptrdiff_t j = 0;
                for (; j + 2 * VL <= tj; j += 2 * VL) {
                    a0 += LD(row + j) * LD(wr + j);
                    a1 += LD(row + j + VL) * LD(wr + j + VL);
                }
                a0 += a1;
                T s = (T)0;
                for (ptrdiff_t v = 0; v < VL; v++)
                    s += a0[v];
                for (; j < tj; j++)
                    s += row[j] * wr[j];
                o[r] = j0 == 0 ? s : o[r] + s;
            }
        }
    }
    if (c->var != (T)1)
        for (ptrdiff_t q = i0 * k; q < (i0 + ti) * k; q++)
            c->out[q] *= c->var;
}

KT_HIDDEN int FN(kt__gt_gemm)(const kt_gauss_transform_plan *pl, const T *x, const T *w,
                              const T *y, T *out, void *scratch, int nthreads)
{
    const kt_plan_info *info = &pl->info;
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d, k = pl->k, np = pl->np;
    const ptrdiff_t xs0 = pl->xs0, xs1 = pl->xs1;
    ptrdiff_t ys0 = pl->ys0, ys1 = pl->ys1;
    double *mean = (double *)REGION(pl, scratch, KT_GT_MEAN);
    T *yc = (T *)REGION(pl, scratch, KT_GT_YC), *wt = (T *)REGION(pl, scratch, KT_GT_WT);
    T *xc = (T *)REGION(pl, scratch, KT_GT_X), *nx = (T *)REGION(pl, scratch, KT_GT_NX);
    T *ny = (T *)REGION(pl, scratch, KT_GT_NY);
    const char *cx = (const char *)x;
    const char *cy =
        FN(pair_mean)(n, m, d, x, xs0, xs1, pl->y_given ? y : NULL, &ys0, &ys1, mean);
    int s = FN(centre)(info, n, d, cx, xs0, xs1, mean, xc, nx, nthreads);
    if (s == KT_OK)
        s = FN(centre)(info, m, d, cy, ys0, ys1, mean, yc, ny, nthreads);
    if (s != KT_OK)
        return s;
    FN(transpose_w)(n, k, w, wt, np);
    /* targets are the rows (x slot), sources the columns (y slot) */
    FN(gt_gemm_ctx) c = {
        .epi = {KT_RBF_KERNEL, m, n, d, cy, cx, ys0, ys1, xs0, xs1, ny, nx, (T)pl->gamma, (T)1,
                FN(recompute_thr)(d), NULL, 0, 0},
        .n = n, .m = m, .d = d, .k = k, .np = np, .ti = pl->ti, .tj = pl->tj, .xc = xc,
        .yc = yc, .wt = wt, .var = (T)pl->var, .out = out, .scratch = scratch,
        .tiles_off = pl->off[KT_GT_TILES], .tile_stride = pl->tile_stride,
        .gemm = GEMM_OF(pl->blas)};
    return kt__parallel_for(info, nthreads, (m + c.ti - 1) / c.ti, 1, FN(gt_gemm_task), &c);
}

#undef FN
#undef VL
#undef VT
#undef VTU
#undef VI
#undef LD
#undef ST
#undef TB
#undef GT_KB
#undef GT_ROWS
#undef CENTRE_ROWS
#undef KT_RBF_EPS
#undef RBF_PANEL_MACS
#undef RBF_PANEL_ROWS
#undef GEMM_FN
#undef SYRK_FN
#undef GEMM_OF
#undef SYRK_OF
#undef REGION
