/* Private declarations of the RBF kernels and Gauss transforms (one build
 * per precision and ISA level, see rbf_impl.h). */
#ifndef KT_RBF_CORE_H
#define KT_RBF_CORE_H

#include "dispatch.h"
#include "kernterp/rbf.h"

/* Gauss transform gemm path: targets x sources per tile */
#define KT_RBF_GT_TI 128
#define KT_RBF_GT_TJ 512

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
                    T *, GEMM, double *, T *, T *, T *, T *, T *, int))

KT_RBF_DECL(f32, float, kt_sgemm_fn, kt_ssyrk_fn)
KT_RBF_DECL(f64, double, kt_dgemm_fn, kt_dsyrk_fn)

#endif
