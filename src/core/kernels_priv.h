/* Private: the Gaussian kernel's evaluation loops (kernels_exec.c, compiled
 * once per ISA level), called by the entry points (kernels.c and its
 * per-precision template kernels_impl.h).  Values are computed in double. */
#ifndef KT_KERNELS_PRIV_H
#define KT_KERNELS_PRIV_H

#include <math.h>

#include "internal.h"
#include "isa.h"

/* Cells per task of the rotated kernel (a multiple of the vector length). */
#define KT_KERNEL_CHUNK 256

/* Sub-cells per axis of the rotated, cell-integrated kernel:
 * ceil(2 / min(sx, sy)) in [1, 64] (sub-cells no wider than sigma / 2). */
static inline int kt__kernel_rot_sub(double sy, double sx)
{
    const double smin = sx < sy ? sx : sy;
    const double mm = ceil(2.0 / smin);
    return mm > 64.0 ? 64 : (mm < 1.0 ? 1 : (int)mm);
}

/* One axis: k[i] for i < n, offsets (i - (n-1)/2) - center. */
KT_DECLARE_ISA(void, kt__gauss_axis,
               (double *k, ptrdiff_t n, double sigma, double center, int order, int method,
                int normalize))
/* The rotated 2-D kernel of the plan, unnormalised, into dst (ny * nx
 * doubles), on up to nthreads threads; *sum: its sum (always in the same
 * order), *norm: the density's normalisation factor.  KT_OK or
 * KT_ERR_CANCELLED. */
KT_DECLARE_ISA(int, kt__gauss_rot,
               (const kt_gaussian_kernel_plan *pl, double *dst, int nthreads, double *sum,
                double *norm))

#endif
