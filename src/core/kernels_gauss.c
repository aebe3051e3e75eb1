/* Gaussian kernels: sampled, cell-integrated (accurate in the tails) and
 * rotated 2-D (astropy's Gaussian2D).  See include/kernterp/kernels.h.
 * The math is done in double by kernels_gauss_exec.c (one build per ISA
 * level, chosen at run time); kernels_gauss_impl.h, included once per
 * precision, rounds and stores. */
#include <math.h>

#include "internal.h"
#include "kernels_gauss.h"

size_t kt_gaussian_kernel_scratch(int ndim, const ptrdiff_t *shape, double theta,
                                  size_t itemsize, int *status)
{
    int st = KT_OK;
    size_t total = 0, prod = 1;
    if (!shape || !status) {
        st = KT_ERR_NULL;
    } else if (ndim < 1 || ndim > KT_MAX_NDIM) {
        st = KT_ERR_NDIM;
    } else if (itemsize != 4 && itemsize != 8) {
        st = KT_ERR_VALUE;
    } else {
        for (int d = 0; d < ndim; d++) {
            if (shape[d] < 1) {
                st = KT_ERR_SHAPE;
                break;
            }
            total += (size_t)shape[d];
            prod *= (size_t)shape[d];
        }
        if (st == KT_OK && theta != 0.0 && itemsize == 4)
            total = prod; /* the rotated float32 kernel, in double */
    }
    if (status)
        *status = st;
    return st == KT_OK ? total * sizeof(double) : 0;
}

static int kt__check(int ndim, const ptrdiff_t *shape, const double *sigma,
                     const double *center, const int *order, int method, double theta)
{
    if (!shape || !sigma)
        return KT_ERR_NULL;
    if (ndim < 1 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (method != KT_GAUSS_SAMPLE && method != KT_GAUSS_INTEGRATE)
        return KT_ERR_VALUE;
    if (!isfinite(theta))
        return KT_ERR_VALUE;
    int any_order = 0;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 1)
            return KT_ERR_SHAPE;
        if (!(sigma[d] > 0.0) || !isfinite(sigma[d]))
            return KT_ERR_VALUE;
        if (center && !isfinite(center[d]))
            return KT_ERR_VALUE;
        if (order && order[d] < 0)
            return KT_ERR_ORDER;
        if (order && order[d] > 0)
            any_order = 1;
    }
    if (theta != 0.0 && (ndim != 2 || any_order))
        return KT_ERR_UNSUPPORTED;
    return KT_OK;
}

#define T float
#define SFX f32
#include "kernels_gauss_impl.h"
#undef T
#undef SFX

#define T double
#define SFX f64
#include "kernels_gauss_impl.h"
#undef T
#undef SFX
