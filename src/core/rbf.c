/* Public entry points of the RBF kernels and Gauss transforms: validation,
 * scratch layout and run-time dispatch to an ISA build. */
#include "rbf_core.h"

#include <limits.h>
#include <math.h>

static size_t kt__rbf_bytes(ptrdiff_t count, size_t itemsize)
{
    return kt_round_up((size_t)count * itemsize);
}

size_t kt_rbf_scratch(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, int symmetric, size_t itemsize)
{
    if (n < 0 || m < 0 || d < 1)
        return 0;
    size_t s = kt__rbf_bytes(d, sizeof(double)) + kt__rbf_bytes(n * d, itemsize) +
               kt__rbf_bytes(n, itemsize);
    if (!symmetric)
        s += kt__rbf_bytes(m * d, itemsize) + kt__rbf_bytes(m, itemsize);
    return s + KT_ALIGN;
}

static int kt__rbf_check(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const void *x,
                         const void *y, double gamma, double var, const void *out,
                         const void *gemm, const void *scratch, size_t scratch_size,
                         size_t itemsize)
{
    if (kind != KT_RBF_KERNEL && kind != KT_RBF_SQDIST)
        return KT_ERR_VALUE;
    if (n < 0 || m < 0 || d < 1 || n > INT_MAX || m > INT_MAX || d > INT_MAX)
        return KT_ERR_SHAPE;
    if (!y && m != n)
        return KT_ERR_SHAPE;
    if (!(gamma >= 0.0) || !isfinite(gamma) || !isfinite(var))
        return KT_ERR_VALUE;
    if (n == 0 || m == 0)
        return KT_OK;
    if (!x || !out || !gemm || !scratch)
        return KT_ERR_NULL;
    if (scratch_size < kt_rbf_scratch(n, m, d, y == NULL, itemsize))
        return KT_ERR_SCRATCH;
    return KT_OK;
}

#define KT_PUBLIC_RBF(SFX, T, GEMM, SYRK)                                                    \
    int kt_rbf_##SFX(int kind, ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, const T *x,            \
                     ptrdiff_t xs0, ptrdiff_t xs1, const T *y, ptrdiff_t ys0, ptrdiff_t ys1, \
                     double gamma, double var, T *out, GEMM gemm, SYRK syrk, void *scratch,  \
                     size_t scratch_size, int nthreads)                                      \
    {                                                                                        \
        int s = kt__rbf_check(kind, n, m, d, x, y, gamma, var, out, (const void *)gemm,      \
                              scratch, scratch_size, sizeof(T));                             \
        if (s != KT_OK || n == 0 || m == 0)                                                  \
            return s;                                                                        \
        char *p = (char *)kt_align_ptr(scratch);                                             \
        double *mean = (double *)p;                                                          \
        p += kt__rbf_bytes(d, sizeof(double));                                               \
        T *xc = (T *)p;                                                                      \
        p += kt__rbf_bytes(n * d, sizeof(T));                                                \
        T *nx = (T *)p;                                                                      \
        p += kt__rbf_bytes(n, sizeof(T));                                                    \
        T *yc = NULL, *ny = NULL;                                                            \
        if (y) {                                                                             \
            yc = (T *)p;                                                                     \
            p += kt__rbf_bytes(m * d, sizeof(T));                                            \
            ny = (T *)p;                                                                     \
        }                                                                                    \
        return KT_DISPATCH(kt__rbf_##SFX, (kind, n, m, d, x, xs0, xs1, y, ys0, ys1, gamma,   \
                                           var, out, gemm, syrk, mean, xc, yc, nx, ny,       \
                                           nthreads < 1 ? 1 : nthreads));                    \
    }

KT_PUBLIC_RBF(f32, float, kt_sgemm_fn, kt_ssyrk_fn)
KT_PUBLIC_RBF(f64, double, kt_dgemm_fn, kt_dsyrk_fn)

/* ---- Gauss transform --------------------------------------------------------- */

int kt_gauss_transform_uses_gemm(ptrdiff_t d, size_t itemsize)
{
    return d > (itemsize == sizeof(float) ? KT_RBF_GT_DIRECT_MAX_F32 : KT_RBF_GT_DIRECT_MAX_F64);
}

/* sources padded to a multiple of 8 (the widest vector: 8 floats) */
static ptrdiff_t kt__gt_np(ptrdiff_t n) { return (n + 15) / 16 * 16; }

static int kt__gt_threads(int nthreads) { return nthreads < 1 ? 1 : nthreads > 64 ? 64 : nthreads; }

size_t kt_gauss_transform_scratch(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k,
                                  size_t itemsize, int nthreads)
{
    if (n < 0 || m < 0 || d < 1 || k < 1)
        return 0;
    ptrdiff_t np = kt__gt_np(n);
    size_t s = kt__rbf_bytes(d, sizeof(double)) + kt__rbf_bytes(m * d, itemsize) +
               kt__rbf_bytes(k * np, itemsize);
    if (!kt_gauss_transform_uses_gemm(d, itemsize))
        s += kt__rbf_bytes(d * np, itemsize);
    else
        s += kt__rbf_bytes(n * d, itemsize) + kt__rbf_bytes(n, itemsize) +
             kt__rbf_bytes(m, itemsize) +
             (size_t)kt__gt_threads(nthreads) * kt__rbf_bytes(KT_RBF_GT_TILE_MAX, itemsize);
    return s + KT_ALIGN;
}

#define KT_PUBLIC_GT(SFX, T, GEMM)                                                           \
    int kt_gauss_transform_##SFX(ptrdiff_t n, ptrdiff_t m, ptrdiff_t d, ptrdiff_t k,         \
                                 const T *x, ptrdiff_t xs0, ptrdiff_t xs1, const T *w,       \
                                 const T *y, ptrdiff_t ys0, ptrdiff_t ys1, double gamma,     \
                                 double var, T *out, GEMM gemm, void *scratch,               \
                                 size_t scratch_size, int nthreads)                          \
    {                                                                                        \
        if (n < 0 || m < 0 || d < 1 || k < 1 || n > INT_MAX || m > INT_MAX ||                \
            d > INT_MAX || k > INT_MAX || (!y && m != n))                                    \
            return KT_ERR_SHAPE;                                                             \
        if (!(gamma >= 0.0) || !isfinite(gamma) || !isfinite(var))                           \
            return KT_ERR_VALUE;                                                             \
        if (m == 0)                                                                          \
            return KT_OK;                                                                    \
        if (!out || !scratch || (n > 0 && (!x || !w)))                                       \
            return KT_ERR_NULL;                                                              \
        if (n == 0) {                                                                        \
            memset(out, 0, (size_t)(m * k) * sizeof(T));                                     \
            return KT_OK;                                                                    \
        }                                                                                    \
        const int gemm_path = kt_gauss_transform_uses_gemm(d, sizeof(T));                    \
        if (gemm_path && !gemm)                                                              \
            return KT_ERR_NULL;                                                              \
        nthreads = kt__gt_threads(nthreads);                                                 \
        if (scratch_size < kt_gauss_transform_scratch(n, m, d, k, sizeof(T), nthreads))      \
            return KT_ERR_SCRATCH;                                                           \
        char *p = (char *)kt_align_ptr(scratch);                                             \
        double *mean = (double *)p;                                                          \
        p += kt__rbf_bytes(d, sizeof(double));                                               \
        T *yc = (T *)p;                                                                      \
        p += kt__rbf_bytes(m * d, sizeof(T));                                                \
        const ptrdiff_t np = kt__gt_np(n);                                                   \
        T *wt = (T *)p;                                                                      \
        p += kt__rbf_bytes(k * np, sizeof(T));                                               \
        if (!gemm_path) {                                                                    \
            T *xt = (T *)p;                                                                  \
            return KT_DISPATCH(kt__gt_direct_##SFX, (n, m, d, k, x, xs0, xs1, w, y, ys0,     \
                                                     ys1, gamma, var, out, mean, xt, wt, yc, \
                                                     np, nthreads));                         \
        }                                                                                    \
        T *xc = (T *)p;                                                                      \
        p += kt__rbf_bytes(n * d, sizeof(T));                                                \
        T *nx = (T *)p;                                                                      \
        p += kt__rbf_bytes(n, sizeof(T));                                                    \
        T *ny = (T *)p;                                                                      \
        p += kt__rbf_bytes(m, sizeof(T));                                                    \
        T *tiles = (T *)p;                                                                   \
        return KT_DISPATCH(kt__gt_gemm_##SFX, (n, m, d, k, x, xs0, xs1, w, y, ys0, ys1,      \
                                               gamma, var, out, gemm, mean, xc, yc, nx, ny,  \
                                               wt, np, tiles, nthreads));                    \
    }

KT_PUBLIC_GT(f32, float, kt_sgemm_fn)
KT_PUBLIC_GT(f64, double, kt_dgemm_fn)
