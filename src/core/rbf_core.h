/* Private declarations of the RBF kernels and Gauss transforms (one build
 * per precision and ISA level, see rbf_impl.h). */
#ifndef KT_RBF_CORE_H
#define KT_RBF_CORE_H

#include "isa.h"
#include "kernterp/rbf.h"

/* Gauss transform gemm path: ti targets x tj sources per tile (one gemm
 * call), with ti * tj * d <= 2^18 (OpenBLAS runs such calls on the calling
 * thread) as long as d <= 2^14. */
#define KT_RBF_GT_TILE_MAX (128 * 256)
static inline void kt__rbf_gt_tile(ptrdiff_t d, ptrdiff_t *ti, ptrdiff_t *tj)
{
    ptrdiff_t pairs = ((ptrdiff_t)1 << 18) / d;
    ptrdiff_t a = pairs / 256;
    *ti = a < 1 ? 1 : a > 128 ? 128 : a;
    ptrdiff_t b = pairs / *ti;
    *tj = b < 16 ? 16 : b > 256 ? 256 : b;
}

/* Feature counts up to this use the direct Gauss transform loop (no BLAS). */
#define KT_RBF_GT_DIRECT_MAX_F32 16
#define KT_RBF_GT_DIRECT_MAX_F64 16

#define KT_RBF_DECL(SFX, T, GEMM, SYRK)                                                      \
    KT_DECLARE_ISA(int, kt__rbf_##SFX,                                                       \
                   (int, ptrdiff_t, ptrdiff_t, ptrdiff_t, const T *, ptrdiff_t, ptrdiff_t,   \
                    const T *, ptrdiff_t, ptrdiff_t, double, double, T *, GEMM, SYRK,        \
                    double *, T *, T *, T *, T *, int))                                      \
    KT_DECLARE_ISA(int, kt__gt_direct_##SFX,                                                 \
                   (ptrdiff_t, ptrdiff_t, ptrdiff_t, ptrdiff_t, const T *, ptrdiff_t,        \
                    ptrdiff_t, const T *, const T *, ptrdiff_t, ptrdiff_t, double, double,   \
                    T *, double *, T *, T *, T *, ptrdiff_t, int))                           \
    KT_DECLARE_ISA(int, kt__gt_gemm_##SFX,                                                   \
                   (ptrdiff_t, ptrdiff_t, ptrdiff_t, ptrdiff_t, const T *, ptrdiff_t,        \
                    ptrdiff_t, const T *, const T *, ptrdiff_t, ptrdiff_t, double, double,   \
                    T *, GEMM, double *, T *, T *, T *, T *, T *, ptrdiff_t, T *, int))

KT_RBF_DECL(f32, float, kt_sgemm_fn, kt_ssyrk_fn)
KT_RBF_DECL(f64, double, kt_dgemm_fn, kt_dsyrk_fn)

#endif
