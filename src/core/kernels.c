/* Gaussian kernels: sampled, cell-integrated (accurate in the tails) and
 * rotated 2-D (astropy's Gaussian2D).  See include/kernterp/kernels.h.
 * Validation and planning here; the math is done in double by
 * kernels_exec.c (one build per ISA level, chosen at run time);
 * kernels_impl.h, included once per precision, rounds and stores. */
#include <math.h>
#include <stdlib.h>

#include "kernels_priv.h"
#include "layout.h"
#include "parallel.h"

/* ---- planning ----------------------------------------------------------- */

int kt_gaussian_kernel_plan_init(kt_gaussian_kernel_plan *plan, int dtype, int ndim,
                                 const ptrdiff_t *shape, const double *sigma,
                                 const double *center, const int *order, int method,
                                 int normalize, double theta, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (ndim < 1 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (!shape || !sigma)
        return KT_ERR_NULL;
    if (method != KT_GAUSS_SAMPLE && method != KT_GAUSS_INTEGRATE)
        return KT_ERR_MODE;
    if (!isfinite(theta))
        return KT_ERR_VALUE;
    int any_order = 0;
    double size = 1.0, axes = 0.0;
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
        size *= (double)shape[d];
        axes += (double)shape[d];
    }
    if (theta != 0.0 && (ndim != 2 || any_order))
        return KT_ERR_UNSUPPORTED;
    /* every element (in double, for the float32 rotated kernel) addressable */
    if (!(size * (double)sizeof(double) < (double)PTRDIFF_MAX / 2))
        return KT_ERR_SHAPE;
    /* the layout: everything that can fail is decided before *plan is
     * written (the plan is large: filled in place, not copied) */
    ptrdiff_t n = 1; /* exact (size is rounded), and without overflow now */
    for (int d = 0; d < ndim; d++)
        n *= shape[d];
    const int centred = !center || (center[0] == 0.0 && (ndim < 2 || center[1] == 0.0));
    int nt;
    ptrdiff_t grain;
    size_t bytes;
    if (theta == 0.0) {
        /* the 1-D kernels (on the calling thread), then their outer product:
         * one task per run of lines along the last axis, >= 4096 elements */
        const ptrdiff_t nl = shape[ndim - 1];
        grain = (4096 + nl - 1) / nl;
        nt = kt__thread_count(nthreads, size);
        bytes = (size_t)axes * sizeof(double);
    } else {
        /* one task per KT_KERNEL_CHUNK cells, about half of them when the
         * kernel is centred (the rest by symmetry); work in nanoseconds:
         * an exponential a cell, or 64 m^2 of them (integrate) */
        const double cells = centred ? 0.5 * size : size;
        const int m = method == KT_GAUSS_INTEGRATE ? kt__kernel_rot_sub(sigma[0], sigma[1]) : 0;
        const double per_cell = method == KT_GAUSS_INTEGRATE ? 64.0 * m * m : 4.0;
        const double per_chunk = per_cell * KT_KERNEL_CHUNK;
        nt = kt__thread_count(nthreads, cells * per_cell);
        grain = per_chunk >= KT_WORK_PER_THREAD ? 1
                                                : (ptrdiff_t)(KT_WORK_PER_THREAD / per_chunk);
        bytes = dtype == KT_F32 ? (size_t)n * sizeof(double) : 0;
    }
    const kt__region reg = {bytes ? 1 : 0, bytes, 0};
    size_t k_off, stride, scratch_size;
    int s = kt__layout(&reg, 1, &k_off, &stride, &scratch_size);
    if (s != KT_OK)
        return s;
    memset(&plan->info, 0, sizeof plan->info);
    plan->info.tag = kt__tag(KT__OP_KERNEL, dtype);
    plan->info.dtype = dtype;
    plan->info.nthreads = nt;
    plan->info.scratch_size = scratch_size;
    plan->ndim = ndim;
    plan->method = method;
    plan->normalize = normalize != 0;
    plan->theta = theta;
    for (int d = 0; d < ndim; d++) {
        plan->shape[d] = shape[d];
        plan->sigma[d] = sigma[d];
        plan->center[d] = center ? center[d] : 0.0;
        plan->order[d] = order ? order[d] : 0;
    }
    plan->size = n;
    plan->nlines = n / shape[ndim - 1];
    plan->grain = grain;
    plan->k_off = k_off;
    return KT_OK;
}

/* ---- execution (one template per precision) ----------------------------- */

#define T float
#define SFX f32
#define KT_IS_F32 1
#include "kernels_impl.h"
#undef T
#undef SFX
#undef KT_IS_F32

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "kernels_impl.h"
#undef T
#undef SFX
#undef KT_IS_F32

/* ---- simple interface ---------------------------------------------------- */

static int kt__kernel_simple(int dtype, int ndim, const ptrdiff_t *shape, const double *sigma,
                             const double *center, const int *order, int method,
                             int normalize, double theta, void *out)
{
    kt_gaussian_kernel_plan *pl = (kt_gaussian_kernel_plan *)malloc(sizeof *pl);
    if (!pl)
        return KT_ERR_NOMEM;
    int s = kt_gaussian_kernel_plan_init(pl, dtype, ndim, shape, sigma, center, order, method,
                                         normalize, theta, 1);
    void *scratch = NULL;
    if (s == KT_OK && pl->info.scratch_size && !(scratch = malloc(pl->info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = dtype == KT_F32 ? kt_gaussian_kernel_execute_f32(pl, (float *)out, scratch, 1)
                            : kt_gaussian_kernel_execute_f64(pl, (double *)out, scratch, 1);
    free(scratch);
    free(pl);
    return s;
}

int kt_gaussian_kernel_f32(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, float *out)
{
    return kt__kernel_simple(KT_F32, ndim, shape, sigma, center, order, method, normalize,
                             theta, out);
}

int kt_gaussian_kernel_f64(int ndim, const ptrdiff_t *shape, const double *sigma,
                           const double *center, const int *order, int method,
                           int normalize, double theta, double *out)
{
    return kt__kernel_simple(KT_F64, ndim, shape, sigma, center, order, method, normalize,
                             theta, out);
}
