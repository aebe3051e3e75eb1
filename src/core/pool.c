/* Weighted block pooling (kernterp/pool.h): the Gaussian block weights,
 * validation and planning, and run-time dispatch to an ISA build of the
 * loops (pool_impl.h). */
#include <math.h>

#include <stdlib.h>

#include "axes.h"
#include "layout.h"
#include "parallel.h"
#include "pool_priv.h"

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

int kt_pool_plan_init(kt_pool_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                      const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                      const ptrdiff_t *size, const double *const *weights, int mode,
                      double cval, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (ndim < 1 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (!shape || !in_strides || !out_strides || !size)
        return KT_ERR_NULL;
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
    const size_t itemsize = kt__itemsize(dtype);
    const int x = kt__axes_innermost(ndim, shape, in_strides);
    kt_pool_plan pl;
    memset(&pl, 0, offsetof(kt_pool_plan, ndim));
    pl.mode = mode;
    pl.cval = cval;
    pl.nitems = 1;
    pl.nlines = 1;
    pl.ndim = ndim;
    for (int d = 0; d < ndim; d++) {
        const ptrdiff_t o = mode == KT_POOL_TRIM ? shape[d] / size[d]
                                                 : (shape[d] + size[d] - 1) / size[d];
        const double *w = size[d] > 1 ? weights[d] : NULL;
        pl.shape[d] = shape[d];
        pl.oshape[d] = o;
        pl.in_strides[d] = in_strides[d];
        pl.out_strides[d] = out_strides[d];
        if (d == x) {
            pl.nx = shape[d];
            pl.xo = o;
            pl.xs = size[d];
            pl.xis = in_strides[d];
            pl.xos = out_strides[d];
            pl.xw = w;
            pl.xpad = o * size[d];
        } else {
            int k = pl.nout++;
            pl.on[k] = shape[d];
            pl.oo[k] = o;
            pl.os[k] = size[d];
            pl.ois[k] = in_strides[d];
            pl.oos[k] = out_strides[d];
            pl.ow[k] = w;
            pl.nitems *= o;
            pl.nlines *= size[d];
        }
    }
    const int empty = pl.nitems == 0 || pl.xo == 0;
    /* the work: every input element read once */
    const double elems = (double)pl.nlines * (double)pl.nx * (double)pl.nitems;
    int nt = kt__thread_count(nthreads, elems);
    /* a chunk of work reads about 64 KiB; at least 4 chunks per thread */
    const ptrdiff_t per_item = pl.nlines * (pl.nx > 0 ? pl.nx : 1) * (ptrdiff_t)itemsize;
    ptrdiff_t grain = (65536 + per_item - 1) / per_item;
    const ptrdiff_t cap = pl.nitems / (4 * (ptrdiff_t)nt);
    if (grain > cap)
        grain = cap;
    pl.grain = grain < 1 ? 1 : grain;
    if ((ptrdiff_t)nt > pl.nitems)
        nt = pl.nitems > 0 ? (int)pl.nitems : 1;
    const size_t tlen = (size_t)(pl.xpad > pl.nx ? pl.xpad : pl.nx) + 64;
    const kt__region piece[4] = {{1, tlen * itemsize, 0},
                                 {1, (size_t)pl.xo * itemsize, 0},
                                 {1, (size_t)pl.nlines * sizeof(void *), 0},
                                 {1, (size_t)pl.nlines * itemsize, 0}};
    size_t stride[4], off, st;
    int s = kt__layout(piece, 4, pl.tb_off, stride, &pl.thread_stride);
    const kt__region reg = {empty ? 0 : (size_t)nt, pl.thread_stride, 0};
    if (s == KT_OK)
        s = kt__layout(&reg, 1, &off, &st, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.info.tag = kt__tag(KT__OP_POOL, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt;
    *plan = pl;
    return KT_OK;
}

static int kt__pool_execute(const kt_pool_plan *pl, int dtype, const void *in, void *out,
                            void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_POOL, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!in || !out)
        return KT_ERR_NULL;
    if (pl->nitems == 0 || pl->xo == 0)
        return KT_OK;
    if (kt__overlap(pl->ndim, pl->shape, in, pl->in_strides, pl->oshape, out, pl->out_strides,
                    kt__itemsize(dtype)))
        return KT_ERR_OVERLAP;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__pool_f32, (pl, (const float *)in, (float *)out, scratch, nthreads));
    return KT_DISPATCH(kt__pool_f64, (pl, (const double *)in, (double *)out, scratch, nthreads));
}

int kt_pool_execute_f32(const kt_pool_plan *plan, const float *in, float *out, void *scratch,
                        int nthreads)
{
    return kt__pool_execute(plan, KT_F32, in, out, scratch, nthreads);
}

int kt_pool_execute_f64(const kt_pool_plan *plan, const double *in, double *out, void *scratch,
                        int nthreads)
{
    return kt__pool_execute(plan, KT_F64, in, out, scratch, nthreads);
}

/* ---- simple interface ------------------------------------------------------ */

static int kt__pool_simple(int dtype, int ndim, const ptrdiff_t *shape, const void *in,
                           const ptrdiff_t *in_strides, void *out, const ptrdiff_t *out_strides,
                           const ptrdiff_t *size, const double *const *weights, int mode,
                           double cval, int nthreads)
{
    kt_pool_plan *pl = (kt_pool_plan *)malloc(sizeof *pl);
    if (!pl)
        return KT_ERR_NOMEM;
    int s = kt_pool_plan_init(pl, dtype, ndim, shape, in_strides, out_strides, size, weights,
                              mode, cval, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl->info.scratch_size && !(scratch = malloc(pl->info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__pool_execute(pl, dtype, in, out, scratch, nthreads);
    free(scratch);
    free(pl);
    return s;
}

int kt_pool_f32(int ndim, const ptrdiff_t *shape, const float *in, const ptrdiff_t *in_strides,
                float *out, const ptrdiff_t *out_strides, const ptrdiff_t *size,
                const double *const *weights, int mode, double cval, int nthreads)
{
    return kt__pool_simple(KT_F32, ndim, shape, in, in_strides, out, out_strides, size, weights,
                           mode, cval, nthreads);
}

int kt_pool_f64(int ndim, const ptrdiff_t *shape, const double *in,
                const ptrdiff_t *in_strides, double *out, const ptrdiff_t *out_strides,
                const ptrdiff_t *size, const double *const *weights, int mode, double cval,
                int nthreads)
{
    return kt__pool_simple(KT_F64, ndim, shape, in, in_strides, out, out_strides, size, weights,
                           mode, cval, nthreads);
}
