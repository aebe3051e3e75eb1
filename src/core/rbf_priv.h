/* Private: the RBF kernel matrix and Gauss transform plans' pieces, shared
 * by rbf.c (planning, entry points) and the per-precision, per-ISA
 * executors (rbf_impl.h). */
#ifndef KT_RBF_PRIV_H
#define KT_RBF_PRIV_H

#include "internal.h"
#include "isa.h"

/* The scratch regions of a kernel-matrix plan (kt_rbf_plan.off): the
 * float64 mean of the rows, x centred (n x d) and its row norms, y centred
 * (m x d) and its row norms (empty in the symmetric case). */
enum { KT_RBF_MEAN, KT_RBF_XC, KT_RBF_NX, KT_RBF_YC, KT_RBF_NY, KT_RBF_NREG };

/* The scratch regions of a Gauss transform plan (kt_gauss_transform_plan.off):
 * the mean, the targets centred (m x d), the weights transposed (k x np,
 * zero beyond n), the sources centred: transposed (d x np) on the direct
 * path, row-major (n x d) on the gemm path; the gemm path also: the row
 * norms of sources and targets, and one tile per thread (tile_stride
 * apart).  The direct path's last three are empty. */
enum { KT_GT_MEAN, KT_GT_YC, KT_GT_WT, KT_GT_X, KT_GT_NX, KT_GT_NY, KT_GT_TILES, KT_GT_NREG };

/* Gauss transform gemm path: ti targets x tj sources per tile (one gemm
 * call), with ti * tj * d <= 2^18 (OpenBLAS runs such calls on the calling
 * thread) as long as d <= 2^14. */
static inline void kt__rbf_gt_tile(ptrdiff_t d, ptrdiff_t *ti, ptrdiff_t *tj)
{
    ptrdiff_t pairs = ((ptrdiff_t)1 << 18) / d;
    ptrdiff_t a = pairs / 256;
    *ti = a < 1 ? 1 : a > 128 ? 128 : a;
    ptrdiff_t b = pairs / *ti;
    *tj = b < 16 ? 16 : b > 256 ? 256 : b;
}

KT_DECLARE_ISA(int, kt__rbf_f32,
               (const kt_rbf_plan *, const float *, const float *, float *, void *, int))
KT_DECLARE_ISA(int, kt__rbf_f64,
               (const kt_rbf_plan *, const double *, const double *, double *, void *, int))
KT_DECLARE_ISA(int, kt__gt_direct_f32,
               (const kt_gauss_transform_plan *, const float *, const float *, const float *,
                float *, void *, int))
KT_DECLARE_ISA(int, kt__gt_direct_f64,
               (const kt_gauss_transform_plan *, const double *, const double *,
                const double *, double *, void *, int))
KT_DECLARE_ISA(int, kt__gt_gemm_f32,
               (const kt_gauss_transform_plan *, const float *, const float *, const float *,
                float *, void *, int))
KT_DECLARE_ISA(int, kt__gt_gemm_f64,
               (const kt_gauss_transform_plan *, const double *, const double *,
                const double *, double *, void *, int))

#endif
