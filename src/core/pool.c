/* Weighted block pooling (kernterp/pool.h): the Gaussian block weights,
 * validation and planning, and run-time dispatch to an ISA build of the
 * loops (pool_impl.h). */
#include <math.h>

#include "dispatch.h"
#include "pool_plan.h"

KT_DECLARE_ISA(void, kt__pool_f32, (const kt_pool_plan *, const float *, float *, void *))
KT_DECLARE_ISA(void, kt__pool_f64, (const kt_pool_plan *, const double *, double *, void *))

/* ---- weights ------------------------------------------------------------ */

/* Gaussian mass (unnormalised: times 2) over [lo, hi] in units of sigma*sqrt(2),
 * from the tail on the side of the interval so that small masses far from
 * the centre keep their relative accuracy (erfc, not 1 - erf). */
static double kt__mass2(double lo, double hi)
{
    if (lo >= 0.0)
        return erfc(lo) - erfc(hi);
    if (hi <= 0.0)
        return erfc(-hi) - erfc(-lo);
    return erf(hi) - erf(lo);
}

int kt_gaussian_pool_weights_f64(ptrdiff_t size, double sigma, int method, double *out)
{
    if (!out)
        return KT_ERR_NULL;
    if (size < 1 || !(sigma > 0.0) || !isfinite(sigma))
        return KT_ERR_VALUE;
    if (method != KT_POOL_INTEGRATE && method != KT_POOL_SAMPLE)
        return KT_ERR_MODE;
    const double c = 0.5 * (double)size; /* block centre, cells are [a, a + 1) */
    const ptrdiff_t half = (size + 1) / 2;
    if (method == KT_POOL_INTEGRATE) {
        const double s = 1.0 / (sigma * sqrt(2.0));
        for (ptrdiff_t a = 0; a < half; a++)
            out[a] = kt__mass2(((double)a - c) * s, ((double)a + 1.0 - c) * s);
        /* cells so far from the centre that their mass underflows: the block
         * then holds (numerically) all the mass in its middle cells */
    } else {
        /* relative to the cell nearest the centre, so that nothing
         * underflows to an all-zero block when sigma is small */
        const double dmin = (size % 2) ? 0.0 : 0.5;
        const double q = 1.0 / (2.0 * sigma * sigma);
        for (ptrdiff_t a = 0; a < half; a++) {
            double d = (double)a + 0.5 - c;
            out[a] = exp(-(d * d - dmin * dmin) * q);
        }
    }
    for (ptrdiff_t a = half; a < size; a++)
        out[a] = out[size - 1 - a];
    double sum = 0.0;
    for (ptrdiff_t a = 0; a < size; a++)
        sum += out[a];
    if (!(sum > 0.0)) { /* the middle cell(s) hold everything */
        for (ptrdiff_t a = 0; a < size; a++)
            out[a] = 0.0;
        out[(size - 1) / 2] = 1.0;
        out[size / 2] = 1.0;
        sum = (size % 2) ? 1.0 : 2.0;
    }
    for (ptrdiff_t a = 0; a < half; a++) {
        out[a] /= sum;
        out[size - 1 - a] = out[a];
    }
    return KT_OK;
}

/* ---- planning ----------------------------------------------------------- */

static ptrdiff_t kt__abs(ptrdiff_t v) { return v < 0 ? -v : v; }

static int kt__pool_plan(kt_pool_plan *pl, int ndim, const ptrdiff_t *shape,
                         const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                         const ptrdiff_t *size, const double *const *weights, int mode,
                         double cval, size_t itemsize, int nthreads)
{
    if (!shape || !in_strides || !size)
        return KT_ERR_NULL;
    if (ndim < 1 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (mode != KT_POOL_TRIM && !kt_mode_valid(mode))
        return KT_ERR_MODE;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0)
            return KT_ERR_SHAPE;
        if (size[d] < 1 || (size[d] > 1 && size[d] > shape[d]))
            return KT_ERR_VALUE;
        if (size[d] > 1 && (!weights || !weights[d]))
            return KT_ERR_NULL;
    }
    /* the line axis: the smallest non-zero |stride| among extents > 1, the
     * last axis on ties */
    int x = ndim - 1;
    ptrdiff_t best = -1;
    for (int d = ndim - 1; d >= 0; d--) {
        ptrdiff_t s = kt__abs(in_strides[d]);
        if (shape[d] > 1 && s != 0 && (best < 0 || s < best)) {
            best = s;
            x = d;
        }
    }
    memset(pl, 0, sizeof *pl);
    pl->mode = mode;
    pl->cval = cval;
    pl->nitems = 1;
    pl->nlines = 1;
    for (int d = 0; d < ndim; d++) {
        ptrdiff_t o = mode == KT_POOL_TRIM ? shape[d] / size[d]
                                           : (shape[d] + size[d] - 1) / size[d];
        const double *w = size[d] > 1 ? weights[d] : NULL;
        if (d == x) {
            pl->nx = shape[d];
            pl->xo = o;
            pl->xs = size[d];
            pl->xis = in_strides[d];
            pl->xos = out_strides ? out_strides[d] : 0;
            pl->xw = w;
            pl->xpad = o * size[d];
        } else {
            int k = pl->nout++;
            pl->on[k] = shape[d];
            pl->oo[k] = o;
            pl->os[k] = size[d];
            pl->ois[k] = in_strides[d];
            pl->oos[k] = out_strides ? out_strides[d] : 0;
            pl->ow[k] = w;
            pl->nitems *= o;
            pl->nlines *= size[d];
        }
    }
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > 64)
        nthreads = 64;
    /* a chunk of work reads about 64 KiB; at least 4 chunks per thread */
    ptrdiff_t per_item = pl->nlines * (pl->nx > 0 ? pl->nx : 1) * (ptrdiff_t)itemsize;
    ptrdiff_t grain = (65536 + per_item - 1) / per_item;
    ptrdiff_t cap = pl->nitems / (4 * (ptrdiff_t)nthreads);
    if (grain > cap)
        grain = cap;
    pl->grain = grain < 1 ? 1 : grain;
    if ((ptrdiff_t)nthreads > pl->nitems)
        nthreads = pl->nitems > 0 ? (int)pl->nitems : 1;
    pl->nthreads = nthreads;
    ptrdiff_t tlen = (pl->xpad > pl->nx ? pl->xpad : pl->nx) + 64;
    pl->per_thread = kt_round_up((size_t)tlen * itemsize) + kt_round_up((size_t)pl->xo * itemsize)
                     + kt_round_up((size_t)pl->nlines * (sizeof(void *) + sizeof(double)))
                     + KT_ALIGN;
    return KT_OK;
}

size_t kt_pool_scratch(int ndim, const ptrdiff_t *shape, const ptrdiff_t *in_strides,
                       const ptrdiff_t *size, int mode, size_t itemsize, int nthreads,
                       int *status)
{
    kt_pool_plan pl;
    static const double one = 1.0;
    const double *w[KT_MAX_NDIM];
    for (int d = 0; d < KT_MAX_NDIM; d++)
        w[d] = &one; /* only the sizes matter here */
    int s = kt__pool_plan(&pl, ndim, shape, in_strides, NULL, size, w, mode, 0.0, itemsize,
                          nthreads);
    if (status)
        *status = s;
    if (s != KT_OK)
        return 0;
    return pl.nitems > 0 && pl.xo > 0 ? pl.per_thread * (size_t)pl.nthreads : 0;
}

#define KT_PUBLIC_POOL(SFX, T)                                                                \
    int kt_pool_##SFX(int ndim, const ptrdiff_t *shape, const T *in,                          \
                      const ptrdiff_t *in_strides, T *out, const ptrdiff_t *out_strides,      \
                      const ptrdiff_t *size, const double *const *weights, int mode,          \
                      double cval, void *scratch, size_t scratch_size, int nthreads)          \
    {                                                                                         \
        kt_pool_plan pl;                                                                      \
        if (!in || !out || !out_strides)                                                      \
            return KT_ERR_NULL;                                                               \
        int s = kt__pool_plan(&pl, ndim, shape, in_strides, out_strides, size, weights, mode, \
                              cval, sizeof(T), nthreads);                                     \
        if (s != KT_OK)                                                                       \
            return s;                                                                         \
        if (pl.nitems == 0 || pl.xo == 0)                                                     \
            return KT_OK;                                                                     \
        if (!scratch)                                                                         \
            return KT_ERR_NULL;                                                               \
        if (scratch_size < pl.per_thread * (size_t)pl.nthreads)                               \
            return KT_ERR_SCRATCH;                                                            \
        KT_DISPATCH(kt__pool_##SFX, (&pl, in, out, scratch));                                 \
        return KT_OK;                                                                         \
    }

KT_PUBLIC_POOL(f32, float)
KT_PUBLIC_POOL(f64, double)
