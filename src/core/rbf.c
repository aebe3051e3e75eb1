/* RBF kernel matrices and Gauss transforms (kernterp/rbf.h): validation,
 * planning (threads, scratch layout), the entry points and run-time
 * dispatch to an ISA build of the loops (rbf_impl.h). */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "layout.h"
#include "parallel.h"
#include "rbf_priv.h"

/* sizes a plan accepts: each fits the BLAS's int, and `count` elements of
 * `itemsize` bytes (the largest array) fit comfortably in a size_t */
static int kt__rbf_sizes_ok(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, double count,
                            size_t itemsize)
{
    if (n < 0 || m < 0 || d < 1 || n > INT_MAX || m > INT_MAX || d > INT_MAX)
        return 0;
    return count * (double)itemsize < (double)(PTRDIFF_MAX / 2);
}

static int kt__rbf_params_ok(double gamma, double var)
{
    return gamma >= 0.0 && isfinite(gamma) && isfinite(var);
}

/* the gemm of the plan's precision is there */
static int kt__blas_has_gemm(int dtype, const kt_blas *blas)
{
    return blas && (dtype == KT_F32 ? blas->sgemm != NULL : blas->dgemm != NULL);
}

/* ---- the kernel matrix ------------------------------------------------------ */

int kt_rbf_plan_init(kt_rbf_plan *plan, int dtype, int kind, ptrdiff_t n, ptrdiff_t m,
                     ptrdiff_t d, ptrdiff_t xs0, ptrdiff_t xs1, int y_given, ptrdiff_t ys0,
                     ptrdiff_t ys1, double gamma, double var, const kt_blas *blas, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (kind != KT_RBF_KERNEL && kind != KT_RBF_SQDIST)
        return KT_ERR_MODE;
    const size_t isz = kt__itemsize(dtype);
    const double nm = (double)n * (double)m, nd = (double)(n > m ? n : m) * (double)d;
    if (!kt__rbf_sizes_ok(n, m, d, nm > nd ? nm : nd, isz) || (!y_given && m != n))
        return KT_ERR_SHAPE;
    if (!kt__rbf_params_ok(gamma, var))
        return KT_ERR_VALUE;
    if (!kt__blas_has_gemm(dtype, blas))
        return KT_ERR_NULL;
    kt_rbf_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.kind = kind;
    pl.y_given = y_given != 0;
    pl.n = n;
    pl.m = m;
    pl.d = d;
    pl.xs0 = xs0;
    pl.xs1 = xs1;
    pl.ys0 = pl.y_given ? ys0 : 0;
    pl.ys1 = pl.y_given ? ys1 : 0;
    pl.gamma = gamma;
    pl.var = var;
    pl.blas = *blas;
    /* kernterp's threads: the centring and the epilogue (every output entry
     * touched once); the gemm runs on the BLAS's own threads */
    const int run = n > 0 && m > 0;
    const double work = nm + (double)(n + (pl.y_given ? m : 0)) * (double)d;
    const int nt = kt__thread_count(nthreads, run ? work : 0.0);
    const kt__region reg[KT_RBF_NREG] = {
        {(size_t)run, (size_t)d * sizeof(double), 0},
        {(size_t)run, (size_t)(n * d) * isz, 0},
        {(size_t)run, (size_t)n * isz, 0},
        {(size_t)(run && pl.y_given), (size_t)(m * d) * isz, 0},
        {(size_t)(run && pl.y_given), (size_t)m * isz, 0},
    };
    size_t stride[KT_RBF_NREG];
    int s = kt__layout(reg, KT_RBF_NREG, pl.off, stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.info.tag = kt__tag(KT__OP_RBF, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

/* an n x d strided array a and the C-contiguous r x c array out share memory */
static int kt__rbf_overlap(const void *out, ptrdiff_t r, ptrdiff_t c, const void *a,
                           ptrdiff_t n, ptrdiff_t d, ptrdiff_t s0, ptrdiff_t s1, size_t isz)
{
    const ptrdiff_t oshape[2] = {r, c}, ostr[2] = {c * (ptrdiff_t)isz, (ptrdiff_t)isz};
    const ptrdiff_t ashape[2] = {n, d}, astr[2] = {s0, s1};
    return kt__overlap(2, oshape, out, ostr, ashape, a, astr, isz) != 0;
}

static int kt__rbf_execute(const kt_rbf_plan *pl, int dtype, const void *x, const void *y,
                           void *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_RBF, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!x || !out || (pl->y_given && !y))
        return KT_ERR_NULL;
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d;
    if (n == 0 || m == 0)
        return KT_OK;
    const size_t isz = kt__itemsize(dtype);
    if (kt__rbf_overlap(out, n, m, x, n, d, pl->xs0, pl->xs1, isz) ||
        (pl->y_given && kt__rbf_overlap(out, n, m, y, m, d, pl->ys0, pl->ys1, isz)))
        return KT_ERR_OVERLAP;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__rbf_f32, (pl, (const float *)x, (const float *)y, (float *)out,
                                         scratch, nthreads));
    return KT_DISPATCH(kt__rbf_f64, (pl, (const double *)x, (const double *)y, (double *)out,
                                     scratch, nthreads));
}

int kt_rbf_execute_f32(const kt_rbf_plan *plan, const float *x, const float *y, float *out,
                       void *scratch, int nthreads)
{
    return kt__rbf_execute(plan, KT_F32, x, y, out, scratch, nthreads);
}

int kt_rbf_execute_f64(const kt_rbf_plan *plan, const double *x, const double *y, double *out,
                       void *scratch, int nthreads)
{
    return kt__rbf_execute(plan, KT_F64, x, y, out, scratch, nthreads);
}

static int kt__rbf_simple(int dtype, int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d,
                          const void *x, ptrdiff_t xs0, ptrdiff_t xs1, const void *y,
                          ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, void *out,
                          const kt_blas *blas, int nthreads)
{
    kt_rbf_plan pl;
    int s = kt_rbf_plan_init(&pl, dtype, kind, n, m, d, xs0, xs1, y != NULL, ys0, ys1, gamma,
                             var, blas, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__rbf_execute(&pl, dtype, x, y, out, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_rbf_f32(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const float *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const float *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, float *out, kt_sgemm_fn gemm, kt_ssyrk_fn syrk, int nthreads)
{
    const kt_blas blas = {gemm, NULL, syrk, NULL};
    return kt__rbf_simple(KT_F32, kind, n, m, d, x, xs0, xs1, y, ys0, ys1, gamma, var, out,
                          &blas, nthreads);
}

int kt_rbf_f64(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const double *x, ptrdiff_t xs0,
               ptrdiff_t xs1, const double *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,
               double var, double *out, kt_dgemm_fn gemm, kt_dsyrk_fn syrk, int nthreads)
{
    const kt_blas blas = {NULL, gemm, NULL, syrk};
    return kt__rbf_simple(KT_F64, kind, n, m, d, x, xs0, xs1, y, ys0, ys1, gamma, var, out,
                          &blas, nthreads);
}

/* ---- the Gauss transform ---------------------------------------------------- */

/* The work of a Gauss transform in ~ns, for the thread policy: per pair of
 * target and source, fitted to single-thread runs (AVX2, n = m = 2000,
 * d = 1..256, k = 1..16: within ~15%); float32 takes about half. */
static double kt__gt_work(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, int uses_gemm,
                          int dtype)
{
    const double pairs = (double)n * (double)m, dd = (double)d, kk = (double)k;
    const double per = uses_gemm ? 1.7 + 0.075 * dd + 0.1 * kk : 1.1 + 0.14 * dd + 0.27 * kk;
    return pairs * per * (dtype == KT_F32 ? 0.5 : 1.0);
}

int kt_gauss_transform_plan_init(kt_gauss_transform_plan *plan, int dtype, ptrdiff_t n,
                                 ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, ptrdiff_t xs0,
                                 ptrdiff_t xs1, int y_given, ptrdiff_t ys0, ptrdiff_t ys1,
                                 double gamma, double var, const kt_blas *blas, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    const size_t isz = kt__itemsize(dtype);
    /* sources padded to a multiple of 32 (two of the widest vectors: 16 floats) */
    const ptrdiff_t np = n >= 0 && n <= INT_MAX ? (n + 31) / 32 * 32 : 0;
    double big = (double)(np > m ? np : m) * (double)d;
    if ((double)np * (double)k > big)
        big = (double)np * (double)k;
    if ((double)m * (double)k > big)
        big = (double)m * (double)k;
    if (!kt__rbf_sizes_ok(n, m, d, big, isz) || k < 1 || k > INT_MAX || (!y_given && m != n))
        return KT_ERR_SHAPE;
    if (!kt__rbf_params_ok(gamma, var))
        return KT_ERR_VALUE;
    const int uses_gemm = d > KT_GAUSS_TRANSFORM_DIRECT_MAX;
    if (uses_gemm && !kt__blas_has_gemm(dtype, blas))
        return KT_ERR_NULL;
    kt_gauss_transform_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.uses_gemm = uses_gemm;
    pl.y_given = y_given != 0;
    pl.n = n;
    pl.m = m;
    pl.d = d;
    pl.k = k;
    pl.xs0 = xs0;
    pl.xs1 = xs1;
    pl.ys0 = pl.y_given ? ys0 : 0;
    pl.ys1 = pl.y_given ? ys1 : 0;
    pl.gamma = gamma;
    pl.var = var;
    if (blas)
        pl.blas = *blas;
    pl.np = np;
    kt__rbf_gt_tile(d, &pl.ti, &pl.tj);
    const int run = n > 0 && m > 0;
    int nt = kt__thread_count(nthreads, run ? kt__gt_work(n, m, d, k, uses_gemm, dtype) : 0.0);
    /* gemm path: a tile per thread, no more threads than blocks of ti targets */
    const ptrdiff_t tasks = (m + pl.ti - 1) / pl.ti;
    if (uses_gemm && (ptrdiff_t)nt > tasks)
        nt = tasks > 0 ? (int)tasks : 1;
    const size_t g = (size_t)(run && uses_gemm);
    const kt__region reg[KT_GT_NREG] = {
        {(size_t)run, (size_t)d * sizeof(double), 0},
        {(size_t)run, (size_t)(m * d) * isz, 0},
        {(size_t)run, (size_t)(k * np) * isz, 0},
        {(size_t)run, (size_t)((uses_gemm ? n : np) * d) * isz, 0},
        {g, (size_t)n * isz, 0},
        {g, (size_t)m * isz, 0},
        {g * (size_t)nt, (size_t)(pl.ti * pl.tj) * isz, 0},
    };
    size_t stride[KT_GT_NREG];
    int s = kt__layout(reg, KT_GT_NREG, pl.off, stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.tile_stride = stride[KT_GT_TILES];
    pl.info.tag = kt__tag(KT__OP_GAUSS_TRANSFORM, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

static int kt__gt_execute(const kt_gauss_transform_plan *pl, int dtype, const void *x,
                          const void *w, const void *y, void *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_GAUSS_TRANSFORM, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!x || !w || !out || (pl->y_given && !y))
        return KT_ERR_NULL;
    const ptrdiff_t n = pl->n, m = pl->m, d = pl->d, k = pl->k;
    if (m == 0)
        return KT_OK;
    const size_t isz = kt__itemsize(dtype);
    if (kt__rbf_overlap(out, m, k, x, n, d, pl->xs0, pl->xs1, isz) ||
        kt__rbf_overlap(out, m, k, w, n, k, k * (ptrdiff_t)isz, (ptrdiff_t)isz, isz) ||
        (pl->y_given && kt__rbf_overlap(out, m, k, y, m, d, pl->ys0, pl->ys1, isz)))
        return KT_ERR_OVERLAP;
    if (n == 0) {
        memset(out, 0, (size_t)(m * k) * isz);
        return KT_OK;
    }
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32) {
        const float *fx = (const float *)x, *fw = (const float *)w, *fy = (const float *)y;
        return pl->uses_gemm
                   ? KT_DISPATCH(kt__gt_gemm_f32, (pl, fx, fw, fy, (float *)out, scratch, nthreads))
                   : KT_DISPATCH(kt__gt_direct_f32,
                                 (pl, fx, fw, fy, (float *)out, scratch, nthreads));
    }
    const double *dx = (const double *)x, *dw = (const double *)w, *dy = (const double *)y;
    return pl->uses_gemm
               ? KT_DISPATCH(kt__gt_gemm_f64, (pl, dx, dw, dy, (double *)out, scratch, nthreads))
               : KT_DISPATCH(kt__gt_direct_f64, (pl, dx, dw, dy, (double *)out, scratch, nthreads));
}

int kt_gauss_transform_execute_f32(const kt_gauss_transform_plan *plan, const float *x,
                                   const float *w, const float *y, float *out, void *scratch,
                                   int nthreads)
{
    return kt__gt_execute(plan, KT_F32, x, w, y, out, scratch, nthreads);
}

int kt_gauss_transform_execute_f64(const kt_gauss_transform_plan *plan, const double *x,
                                   const double *w, const double *y, double *out, void *scratch,
                                   int nthreads)
{
    return kt__gt_execute(plan, KT_F64, x, w, y, out, scratch, nthreads);
}

static int kt__gt_simple(int dtype, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k,
                         const void *x, ptrdiff_t xs0, ptrdiff_t xs1, const void *w,
                         const void *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var,
                         void *out, const kt_blas *blas, int nthreads)
{
    kt_gauss_transform_plan pl;
    int s = kt_gauss_transform_plan_init(&pl, dtype, n, m, d, k, xs0, xs1, y != NULL, ys0, ys1,
                                         gamma, var, blas, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__gt_execute(&pl, dtype, x, w, y, out, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_gauss_transform_f32(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const float *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const float *w, const float *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, float *out,
                           kt_sgemm_fn gemm, int nthreads)
{
    const kt_blas blas = {gemm, NULL, NULL, NULL};
    return kt__gt_simple(KT_F32, n, m, d, k, x, xs0, xs1, w, y, ys0, ys1, gamma, var, out,
                         &blas, nthreads);
}

int kt_gauss_transform_f64(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k, const double *x,
                           ptrdiff_t xs0, ptrdiff_t xs1, const double *w, const double *y,
                           ptrdiff_t ys0, ptrdiff_t ys1, double gamma, double var, double *out,
                           kt_dgemm_fn gemm, int nthreads)
{
    const kt_blas blas = {NULL, gemm, NULL, NULL};
    return kt__gt_simple(KT_F64, n, m, d, k, x, xs0, xs1, w, y, ys0, ys1, gamma, var, out,
                         &blas, nthreads);
}
