/* Public entry points of the separable correlation: validation, the empty
 * and no-pass cases, and run-time dispatch to an ISA build. */
#include "dispatch.h"
#include "filter_plan.h"

KT_DECLARE_ISA(int, kt__correlate_f32, (const kt_plan *, const float *, float *, void *, size_t))
KT_DECLARE_ISA(int, kt__correlate_f64, (const kt_plan *, const double *, double *, void *, size_t))

/* out = in for an N-d strided array of `itemsize`-byte elements. */
static void kt__copy_nd(int ndim, const ptrdiff_t *shape, const char *in, const ptrdiff_t *is,
                        char *out, const ptrdiff_t *os, size_t itemsize)
{
    if (ndim == 0) {
        memmove(out, in, itemsize);
        return;
    }
    for (ptrdiff_t i = 0; i < shape[0]; i++)
        kt__copy_nd(ndim - 1, shape + 1, in + i * is[0], is + 1, out + i * os[0], os + 1,
                    itemsize);
}

static int kt__prepare(kt_plan *pl, int ndim, const ptrdiff_t *shape, const void *in,
                       const ptrdiff_t *in_strides, void *out, const ptrdiff_t *out_strides,
                       int npasses, const kt_pass *passes, size_t itemsize, int nthreads,
                       int *done)
{
    *done = 0;
    if (!in || !out)
        return KT_ERR_NULL;
    int s = kt__plan_init(pl, ndim, shape, in_strides, out_strides, npasses, passes, itemsize,
                          nthreads);
    if (s != KT_OK)
        return s;
    if (pl->empty) {
        *done = 1;
        return KT_OK;
    }
    if (npasses == 0) {
        if (in != out || memcmp(in_strides, out_strides, (size_t)ndim * sizeof(ptrdiff_t)))
            kt__copy_nd(ndim, shape, (const char *)in, in_strides, (char *)out, out_strides,
                        itemsize);
        *done = 1;
    }
    return KT_OK;
}

#define KT_PUBLIC_CORRELATE(SFX, T)                                                          \
    int kt_correlate_passes_##SFX(int ndim, const ptrdiff_t *shape, const T *in,             \
                                  const ptrdiff_t *in_strides, T *out,                       \
                                  const ptrdiff_t *out_strides, int npasses,                 \
                                  const kt_pass *passes, void *scratch, size_t scratch_size, \
                                  int nthreads)                                              \
    {                                                                                        \
        kt_plan pl;                                                                          \
        int done;                                                                            \
        int s = kt__prepare(&pl, ndim, shape, in, in_strides, out, out_strides, npasses,     \
                            passes, sizeof(T), nthreads, &done);                             \
        if (s != KT_OK || done)                                                              \
            return s;                                                                        \
        if (!scratch)                                                                        \
            return KT_ERR_NULL;                                                              \
        return KT_DISPATCH(kt__correlate_##SFX, (&pl, in, out, scratch, scratch_size));     \
    }

KT_PUBLIC_CORRELATE(f32, float)
KT_PUBLIC_CORRELATE(f64, double)
