/* The recursive (Young-van Vliet) Gaussian: coefficients, validation,
 * planning, and the public entry points (run-time dispatch to an ISA build
 * of recursive_exec.c).  See recursive.h for the recursion itself. */
#include <math.h>

#include <stdlib.h>

#include "axes.h"
#include "layout.h"
#include "parallel.h"
#include "recursive_priv.h"

/* Padding of the reflect / mirror / wrap modes: P = ceil(KT_RG_PAD * sigma)
 * + 3 samples each side.  The impulse response of the filter has an
 * exponential, not a Gaussian, tail: its mass beyond 12 sigma is below
 * 2e-7 for sigma <= 50 (1e-6 at sigma = 200), so the error of cutting the
 * extension there is at most that fraction of the data range, about four
 * orders of magnitude below the filter's own deviation from a Gaussian. */
#define KT_RG_PAD 12.0
/* Block width: the largest power of two from KT_RG_W{L,R} down to 8 whose
 * block (ne x W elements) fits KT_RG_BUDGET{L,R}, else 8 (up to
 * KT_RG_BLOCK_MAX for lines, see kt__rg_plan).  Line steps want their block in
 * L2 (the transposing copies and both passes walk it); row steps keep their
 * state in L1 and only the causal output in the block, and want wide rows
 * (the rows of a strip lie an axis stride apart in memory).  Measured on
 * 4096 x 4096 float32 (Zen 3): 16 lines, 256 columns. */
#define KT_RG_WL 32
#define KT_RG_BUDGETL ((size_t)320 << 10)
#define KT_RG_WR 256
#define KT_RG_BUDGETR ((size_t)4096 << 10)
#define KT_RG_BLOCK_MAX ((size_t)8 << 20)

/* ---- double-double arithmetic: the boundary matrix is ill-conditioned ------
 * (its entries grow like 1/B^2 while B ~ 3e-5 at sigma = 50, and its closed
 * form cancels), so it is evaluated with ~106-bit intermediates and rounded
 * once.  fma() gives the exact product error. */

typedef struct {
    double hi, lo;
} kt_dd;

static kt_dd kt__dd_fast(double a, double b)
{
    double s = a + b;
    return (kt_dd){s, b - (s - a)};
}

static kt_dd kt__dd_two_sum(double a, double b)
{
    double s = a + b, bb = s - a;
    return (kt_dd){s, (a - (s - bb)) + (b - bb)};
}

static kt_dd kt__dd(double a) { return (kt_dd){a, 0.0}; }

static kt_dd kt__dd_add(kt_dd a, kt_dd b)
{
    kt_dd s = kt__dd_two_sum(a.hi, b.hi), t = kt__dd_two_sum(a.lo, b.lo);
    s.lo += t.hi;
    s = kt__dd_fast(s.hi, s.lo);
    s.lo += t.lo;
    return kt__dd_fast(s.hi, s.lo);
}

static kt_dd kt__dd_neg(kt_dd a) { return (kt_dd){-a.hi, -a.lo}; }

static kt_dd kt__dd_sub(kt_dd a, kt_dd b) { return kt__dd_add(a, kt__dd_neg(b)); }

static kt_dd kt__dd_mul(kt_dd a, kt_dd b)
{
    double p = a.hi * b.hi;
    double e = fma(a.hi, b.hi, -p);
    e += a.hi * b.lo + a.lo * b.hi;
    return kt__dd_fast(p, e);
}

static kt_dd kt__dd_div(kt_dd a, kt_dd b)
{
    double q1 = a.hi / b.hi;
    kt_dd r = kt__dd_sub(a, kt__dd_mul(kt__dd(q1), b));
    double q2 = r.hi / b.hi;
    r = kt__dd_sub(r, kt__dd_mul(kt__dd(q2), b));
    double q3 = r.hi / b.hi;
    kt_dd q = kt__dd_fast(q1, q2);
    return kt__dd_add(q, kt__dd(q3));
}

/* Young & van Vliet (1995): q(sigma) of eq. (11b), sigma >= 0.5, and the
 * coefficients of eq. (8c), which expand
 *   b0 - b1 z^-1 - b2 z^-2 - b3 z^-3 = sum_k c_k (q (1 - z^-1))^k
 * (c_k from the poles of their analog filter).  The paper prints the
 * expansion rounded, with b1 = 2.44413 q + 2.85619 q^2 + 1.26661 q^3 and
 * b2 = -(1.4281 q^2 + 1.26661 q^3) where the expansion gives 2 c2 = 2.8562
 * and 3 c3 = 1.266615.  Those residues of ~5e-6 grow like q^2 against the
 * terms that set the poles: with the printed values the impulse response
 * peak is off by +2% at sigma = 50, +21% at sigma = 200 and +105% at
 * sigma = 500, while with the exact expansion the filter converges (peak
 * within 1.3%, worst-case error ~1.1% of the data range, at any large
 * sigma).  The two impulse responses differ by 2e-5 of the peak at
 * sigma = 3, 4e-4 at sigma = 10, 4e-3 at sigma = 30. */
static void kt__rg_coefficients(double sigma, kt__rg_coef *c)
{
    const double q = sigma >= 2.5 ? 0.98711 * sigma - 0.96330
                                  : 3.97156 - 4.14554 * sqrt(1.0 - 0.26891 * sigma);
    const double c0 = 1.57825, c1 = 2.44413, c2 = 1.4281, c3 = 0.422205;
    const double q2 = q * q, q3 = q2 * q;
    const double b0 = c0 + c1 * q + c2 * q2 + c3 * q3;
    const double b1 = c1 * q + 2.0 * c2 * q2 + 3.0 * c3 * q3;
    const double b2 = -(c2 * q2 + 3.0 * c3 * q3);
    const double b3 = c3 * q3;
    const double a1 = b1 / b0, a2 = b2 / b0, a3 = b3 / b0;
    c->a1 = a1;
    c->a2 = a2;
    c->a3 = a3;
    const kt_dd A1 = kt__dd(a1), A2 = kt__dd(a2), A3 = kt__dd(a3), one = kt__dd(1.0);
    /* B = 1 - (a1 + a2 + a3), correctly rounded (the sum is near 1) */
    const kt_dd Bd = kt__dd_sub(one, kt__dd_add(kt__dd_add(A1, A2), A3));
    c->B = Bd.hi + Bd.lo;
    /* Triggs & Sdika (2006): M_TS = N / (F1 F2 F3), F2 = 1 - a1 - a2 - a3 = B,
     * so B * M_TS = N / (F1 F3). */
    const kt_dd a1a3 = kt__dd_mul(A1, A3), a3a3 = kt__dd_mul(A3, A3), a2a3 = kt__dd_mul(A2, A3);
    const kt_dd F1 = kt__dd_add(kt__dd_sub(kt__dd_add(one, A1), A2), A3);
    const kt_dd F3 = kt__dd_sub(kt__dd_add(kt__dd_add(one, A2), a1a3), a3a3);
    const kt_dd s1 = kt__dd_add(A2, a1a3);           /* a2 + a1 a3 */
    const kt_dd s2 = kt__dd_add(A1, a2a3);           /* a1 + a2 a3 */
    const kt_dd n0 = kt__dd_sub(kt__dd_sub(one, s1), a3a3); /* 1 - a2 - a1 a3 - a3^2 */
    kt_dd N[9];
    N[0] = n0;
    N[1] = kt__dd_mul(kt__dd_add(A1, A3), s1);
    N[2] = kt__dd_mul(A3, s2);
    N[3] = s2;
    N[4] = kt__dd_mul(kt__dd_sub(one, A2), s1);
    N[5] = kt__dd_mul(A3, n0);
    /* a1^2 + a2 - a2^2 + a1 a3 */
    N[6] = kt__dd_add(kt__dd_sub(kt__dd_add(kt__dd_mul(A1, A1), A2), kt__dd_mul(A2, A2)), a1a3);
    /* a3 + a1 a2 - a2 a3 + a2^2 a3 - a1 a3^2 - a3^3 */
    {
        kt_dd t = kt__dd_add(A3, kt__dd_mul(A1, A2));
        t = kt__dd_sub(t, a2a3);
        t = kt__dd_add(t, kt__dd_mul(a2a3, A2));
        t = kt__dd_sub(t, kt__dd_mul(a1a3, A3));
        t = kt__dd_sub(t, kt__dd_mul(a3a3, A3));
        N[7] = t;
    }
    N[8] = N[2];
    const kt_dd den = kt__dd_mul(F1, F3);
    for (int k = 0; k < 9; k++) {
        kt_dd m = kt__dd_div(N[k], den);
        c->M[k] = m.hi + m.lo;
    }
}

/* The pieces of a thread's area: one description for the plan (sizes) and
 * the executor (offsets, kept in the plan). */
static int kt__rg_thread_layout(kt_recursive_plan *pl, size_t itemsize)
{
    const size_t W = (size_t)pl->W;
    const kt__region reg[3] = {{1, (size_t)pl->ne * itemsize * W, 0},
                               {1, 7 * W * sizeof(double), 0},
                               {1, 2 * W * sizeof(ptrdiff_t), 0}};
    size_t stride[3];
    return kt__layout(reg, 3, pl->tb_off, stride, &pl->thread_stride);
}

int kt_recursive_plan_init(kt_recursive_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                           const ptrdiff_t *in_strides, const ptrdiff_t *out_strides, int axis,
                           double sigma, int mode, double cval, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    int empty;
    int s = kt__check_shape(ndim, shape, in_strides, out_strides, &empty);
    if (s != KT_OK)
        return s;
    if (axis < 0 || axis >= ndim)
        return KT_ERR_AXIS;
    if (!kt_mode_valid(mode))
        return KT_ERR_MODE;
    /* q(sigma) is defined from 0.5 on; NaN fails the comparison */
    if (!(sigma >= KT_RG_SIGMA_MIN) || !isfinite(sigma))
        return KT_ERR_VALUE;
    const size_t itemsize = kt__itemsize(dtype);
    const ptrdiff_t n = shape[axis];
    ptrdiff_t P = 0;
    if (mode == KT_MODE_REFLECT || mode == KT_MODE_MIRROR || mode == KT_MODE_WRAP) {
        double Pd = ceil(KT_RG_PAD * sigma) + 3.0;
        if (Pd > 1e15)
            return KT_ERR_VALUE;
        P = (ptrdiff_t)Pd;
    }
    /* keeps every size computation below far from overflow */
    if ((double)n + 2.0 * (double)P > 1e15)
        return KT_ERR_VALUE;

    kt_recursive_plan pl;
    memset(&pl.info, 0, sizeof pl.info);
    pl.empty = empty;
    pl.ndim = ndim;
    for (int d = 0; d < ndim; d++) {
        pl.shape[d] = shape[d];
        pl.in_strides[d] = in_strides[d];
        pl.out_strides[d] = out_strides[d];
    }
    kt__rg_coefficients(sigma, &pl.c);
    pl.mode = mode;
    pl.cval = cval;
    pl.n = n;
    pl.P = P;
    pl.ne = n + 2 * P;

    kt__axes ax;
    kt__axes_plan(&ax, ndim, shape, in_strides, out_strides, axis);
    /* Block width (see KT_RG_WL).  Lines too long for blocks of 8 are
     * filtered one at a time; so are the columns of a row pass with fewer
     * than 8 of them (its gathers then read few cache lines per row), while
     * wider row passes keep blocks of 8 columns, whatever their size (the
     * block is then at most as large as the array). */
    const size_t rowb = (size_t)pl.ne * itemsize;
    ptrdiff_t W = ax.line ? KT_RG_WL : KT_RG_WR;
    const size_t budget = ax.line ? KT_RG_BUDGETL : KT_RG_BUDGETR;
    while (W > 8 && rowb * (size_t)W > budget)
        W /= 2;
    if (rowb * (size_t)W > KT_RG_BLOCK_MAX && (ax.line || ax.L < 8)) {
        W = 1;
        kt__axes_lines(&ax);
    }
    pl.lines = ax.line;
    pl.sin = ax.sin;
    pl.sout = ax.sout;
    pl.L = ax.L;
    pl.lin = ax.lin;
    pl.lout = ax.lout;
    pl.nouter = ax.nother - ax.ninner;
    pl.nouter_total = ax.nouter_total;
    kt__axes_outer(&ax, shape, in_strides, out_strides, pl.olen, pl.osin, pl.osout);
    const ptrdiff_t across = pl.lines ? pl.nouter_total : pl.L;
    /* at least 4 items when the array allows it, for the threads (the
     * result does not depend on W) */
    const ptrdiff_t per = pl.lines ? 1 : pl.nouter_total, wmin = pl.lines ? 8 : 32;
    while (W > wmin && per * ((across + W - 1) / W) < 4)
        W /= 2;
    if (W > 1 && across <= W)
        W = across <= 1 ? 1 : (across + 3) / 4 * 4;
    pl.W = W;
    pl.nblk = (across + W - 1) / W;
    pl.nitems = pl.lines ? pl.nblk : pl.nblk * pl.nouter_total;
    int nt = kt__thread_count(nthreads, (double)n * (double)pl.L * (double)pl.nouter_total);
    if (nt > pl.nitems)
        nt = pl.nitems < 1 ? 1 : (int)pl.nitems;
    if ((double)rowb * (double)W * (double)nt > 1e18)
        return KT_ERR_VALUE;
    s = kt__rg_thread_layout(&pl, itemsize);
    const kt__region reg = {empty ? 0 : (size_t)nt, pl.thread_stride, 0};
    size_t off, stride;
    if (s == KT_OK)
        s = kt__layout(&reg, 1, &off, &stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.info.tag = kt__tag(KT__OP_RECURSIVE, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

static int kt__recursive_execute(const kt_recursive_plan *pl, int dtype, const void *in,
                                 void *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_RECURSIVE, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!in || !out)
        return KT_ERR_NULL;
    if (pl->empty)
        return KT_OK;
    if (kt__overlap(pl->ndim, pl->shape, in, pl->in_strides, pl->shape, out, pl->out_strides,
                    kt__itemsize(dtype)) == 1)
        return KT_ERR_OVERLAP;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__rg_run_f32, (pl, (const float *)in, (float *)out, scratch, nthreads));
    return KT_DISPATCH(kt__rg_run_f64, (pl, (const double *)in, (double *)out, scratch, nthreads));
}

int kt_recursive_execute_f32(const kt_recursive_plan *plan, const float *in, float *out,
                             void *scratch, int nthreads)
{
    return kt__recursive_execute(plan, KT_F32, in, out, scratch, nthreads);
}

int kt_recursive_execute_f64(const kt_recursive_plan *plan, const double *in, double *out,
                             void *scratch, int nthreads)
{
    return kt__recursive_execute(plan, KT_F64, in, out, scratch, nthreads);
}

static int kt__gaussian_filter_recursive(int dtype, int ndim, const ptrdiff_t *shape,
                                         const void *in, const ptrdiff_t *in_strides, void *out,
                                         const ptrdiff_t *out_strides, const double *sigma,
                                         const int *mode, double cval, int nthreads)
{
    if (ndim < 0 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (ndim > 0 && (!sigma || !mode || !shape || !in_strides || !out_strides))
        return KT_ERR_NULL;
    if (!in || !out)
        return KT_ERR_NULL;
    /* every axis planned (and so validated) before anything is written */
    kt_recursive_plan *pl = (kt_recursive_plan *)malloc((ndim ? (size_t)ndim : 1) * sizeof *pl);
    if (!pl)
        return KT_ERR_NOMEM;
    int s = KT_OK, np = 0;
    size_t need = 0;
    for (int d = 0; d < ndim && s == KT_OK; d++) {
        if (sigma[d] == 0.0) {
            if (!kt_mode_valid(mode[d]))
                s = KT_ERR_MODE;
            continue;
        }
        s = kt_recursive_plan_init(&pl[np], dtype, ndim, shape, np ? out_strides : in_strides,
                                   out_strides, d, sigma[d], mode[d], cval, nthreads);
        if (s == KT_OK && pl[np].info.scratch_size > need)
            need = pl[np].info.scratch_size;
        np += s == KT_OK;
    }
    int empty = 0;
    if (s == KT_OK)
        s = kt__check_shape(ndim, shape, in_strides, out_strides, &empty);
    const size_t isz = kt__itemsize(dtype);
    if (s == KT_OK && !empty &&
        kt__overlap(ndim, shape, in, in_strides, shape, out, out_strides, isz) == 1)
        s = KT_ERR_OVERLAP;
    void *scratch = NULL;
    if (s == KT_OK && need && !(scratch = malloc(need)))
        s = KT_ERR_NOMEM;
    for (int i = 0; i < np && s == KT_OK; i++)
        s = kt__recursive_execute(&pl[i], dtype, i ? out : in, out, scratch, nthreads);
    if (s == KT_OK && np == 0 && !empty &&
        kt__overlap(ndim, shape, in, in_strides, shape, out, out_strides, isz) != 2)
        kt__copy_nd(ndim, shape, (const char *)in, in_strides, (char *)out, out_strides, isz);
    free(scratch);
    free(pl);
    return s;
}

int kt_gaussian_filter_recursive_f32(int ndim, const ptrdiff_t *shape, const float *in,
                                     const ptrdiff_t *in_strides, float *out,
                                     const ptrdiff_t *out_strides, const double *sigma,
                                     const int *mode, double cval, int nthreads)
{
    return kt__gaussian_filter_recursive(KT_F32, ndim, shape, in, in_strides, out, out_strides,
                                         sigma, mode, cval, nthreads);
}

int kt_gaussian_filter_recursive_f64(int ndim, const ptrdiff_t *shape, const double *in,
                                     const ptrdiff_t *in_strides, double *out,
                                     const ptrdiff_t *out_strides, const double *sigma,
                                     const int *mode, double cval, int nthreads)
{
    return kt__gaussian_filter_recursive(KT_F64, ndim, shape, in, in_strides, out, out_strides,
                                         sigma, mode, cval, nthreads);
}
