/* Public entry points of the Gaussian mixture densities: validation and
 * run-time dispatch to an ISA build. */
#include "kernels_mixture.h"

size_t kt_mixture_grid_scratch(ptrdiff_t d, const ptrdiff_t *shape, ptrdiff_t K,
                               size_t itemsize)
{
    if (d < 1 || !shape || K < 1 || shape[d - 1] < 0)
        return 0;
    /* K + 1 rows of the last axis (one per component, then the uniform
     * axis' offsets), each padded to a multiple of 64 bytes */
    return (size_t)(K + 1) * kt_round_up((size_t)shape[d - 1] * itemsize) + KT_ALIGN;
}

static int kt__mix_pdf_check(ptrdiff_t n, ptrdiff_t d, const void *x, ptrdiff_t K,
                             const double *means, const double *U, const double *c,
                             const double *w, const void *out)
{
    if (n < 0 || d < 1 || K < 1)
        return KT_ERR_SHAPE;
    if (n > 0 && (!x || !means || !U || !c || !w || !out))
        return KT_ERR_NULL;
    return KT_OK;
}

#define KT_PUBLIC_MIX_PDF(SFX, T)                                                            \
    int kt_mixture_pdf_##SFX(ptrdiff_t n, ptrdiff_t d, const T *x, ptrdiff_t sp,             \
                             ptrdiff_t sc, ptrdiff_t K, const double *means,                 \
                             const double *U, const double *c, const double *w, T *out,      \
                             ptrdiff_t so, int nthreads)                                     \
    {                                                                                        \
        int s = kt__mix_pdf_check(n, d, x, K, means, U, c, w, out);                          \
        if (s != KT_OK || n == 0)                                                            \
            return s;                                                                        \
        return KT_DISPATCH(kt__mixture_pdf_##SFX,                                            \
                           (n, d, x, sp, sc, K, means, U, c, w, out, so, nthreads));         \
    }

KT_PUBLIC_MIX_PDF(f32, float)
KT_PUBLIC_MIX_PDF(f64, double)

static int kt__mix_grid_check(ptrdiff_t d, const ptrdiff_t *shape, const void *const *coords,
                              ptrdiff_t K, const double *means, const double *U,
                              const double *c, const double *w, const int *diag,
                              const void *out, const void *scratch, size_t scratch_size,
                              size_t itemsize, int *empty)
{
    *empty = 0;
    if (d < 1 || d > KT_MAX_NDIM || K < 1)
        return KT_ERR_SHAPE;
    if (!shape || !coords)
        return KT_ERR_NULL;
    for (ptrdiff_t a = 0; a < d; a++) {
        if (shape[a] < 0)
            return KT_ERR_SHAPE;
        if (shape[a] == 0)
            *empty = 1;
    }
    if (*empty)
        return KT_OK;
    for (ptrdiff_t a = 0; a < d; a++)
        if (!coords[a])
            return KT_ERR_NULL;
    if (!means || !U || !c || !w || !diag || !out || !scratch)
        return KT_ERR_NULL;
    if (scratch_size < kt_mixture_grid_scratch(d, shape, K, itemsize))
        return KT_ERR_SCRATCH;
    return KT_OK;
}

#define KT_PUBLIC_MIX_GRID(SFX, T)                                                           \
    int kt_mixture_grid_##SFX(ptrdiff_t d, const ptrdiff_t *shape, const T *const *coords,   \
                              ptrdiff_t K, const double *means, const double *U,             \
                              const double *c, const double *w, const int *diag, T *out,     \
                              void *scratch, size_t scratch_size, int nthreads)              \
    {                                                                                        \
        int empty;                                                                           \
        int s = kt__mix_grid_check(d, shape, (const void *const *)coords, K, means, U, c, w, \
                                   diag, out, scratch, scratch_size, sizeof(T), &empty);     \
        if (s != KT_OK || empty)                                                             \
            return s;                                                                        \
        T *g = (T *)kt_align_ptr(scratch);                                                   \
        ptrdiff_t gstride = (ptrdiff_t)(kt_round_up((size_t)shape[d - 1] * sizeof(T)) /      \
                                        sizeof(T));                                          \
        return KT_DISPATCH(kt__mixture_grid_##SFX, (d, shape, coords, K, means, U, c, w,     \
                                                    diag, out, g, gstride,       \
                                                    g + K * gstride, nthreads));       \
    }

KT_PUBLIC_MIX_GRID(f32, float)
KT_PUBLIC_MIX_GRID(f64, double)
