/* Gaussian densities and mixtures (kernterp/mixture.h): validation and
 * planning, and run-time dispatch to an ISA build of the loops
 * (mixture_impl.h). */
#include <stdlib.h>

#include "layout.h"
#include "mixture_priv.h"
#include "parallel.h"

/* ---- overlap of the output with an input ----------------------------------
 * Every array as three axes in bytes (kt__overlap with itemsize 1): two
 * strided axes of elements, then the bytes of one element. */
typedef struct kt__span {
    const void *p;
    ptrdiff_t shape[3], strides[3];
} kt__span;

static kt__span kt__span_of(const void *p, ptrdiff_t n0, ptrdiff_t s0, ptrdiff_t n1,
                            ptrdiff_t s1, size_t itemsize)
{
    kt__span s = {p, {n0, n1, (ptrdiff_t)itemsize}, {s0, s1, 1}};
    return s;
}

/* a contiguous run of n values of `itemsize` bytes */
static kt__span kt__run(const void *p, ptrdiff_t n, size_t itemsize)
{
    return kt__span_of(p, n, (ptrdiff_t)itemsize, 1, 0, itemsize);
}

static int kt__hits(const kt__span *a, const kt__span *b)
{
    return kt__overlap(3, a->shape, a->p, a->strides, b->shape, b->p, b->strides, 1) != 0;
}

/* out against the parameters every operation reads */
static int kt__hits_params(const kt__span *o, ptrdiff_t K, ptrdiff_t d, const double *means,
                           const double *U, const double *c, const double *w)
{
    const kt__span pm = kt__run(means, K * d, sizeof(double));
    const kt__span pu = kt__run(U, K * d * d, sizeof(double));
    const kt__span pc = kt__run(c, K, sizeof(double)), pw = kt__run(w, K, sizeof(double));
    return kt__hits(o, &pm) || kt__hits(o, &pu) || kt__hits(o, &pc) || kt__hits(o, &pw);
}

/* K x d x d doubles addressable (K, d >= 1) */
static int kt__params_fit(ptrdiff_t K, ptrdiff_t d)
{
    const double bytes = (double)K * (double)d * (double)d * (double)sizeof(double);
    return bytes < (double)PTRDIFF_MAX / 2;
}

/* ---- the density at points ------------------------------------------------ */

int kt_mixture_pdf_plan_init(kt_mixture_pdf_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t d,
                             ptrdiff_t x_stride_point, ptrdiff_t x_stride_coord, ptrdiff_t K,
                             ptrdiff_t out_stride, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (n < 0 || d < 1 || K < 1 || !kt__params_fit(K, d))
        return KT_ERR_SHAPE;
    kt_mixture_pdf_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.n = n;
    pl.d = d;
    pl.K = K;
    pl.x_stride_point = x_stride_point;
    pl.x_stride_coord = x_stride_coord;
    pl.out_stride = out_stride;
    /* tasks of KT_MIX_CH points, 4 per grain; work in about nanoseconds:
     * per point and component, d x d multiply-adds and an exponential, in
     * vectors */
    pl.nitems = (n + KT_MIX_CH - 1) / KT_MIX_CH;
    pl.grain = 4;
    const double work = (double)n * (double)K * ((double)d * (double)d + 4.0) * 0.25;
    pl.info.tag = kt__tag(KT__OP_MIXTURE_PDF, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = kt__thread_count(nthreads, work);
    *plan = pl;
    return KT_OK;
}

static int kt__pdf_execute(const kt_mixture_pdf_plan *pl, int dtype, const void *x,
                           const double *means, const double *U, const double *c,
                           const double *w, void *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_MIXTURE_PDF, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!x || !means || !U || !c || !w || !out)
        return KT_ERR_NULL;
    if (pl->n == 0)
        return KT_OK;
    const size_t isz = kt__itemsize(dtype);
    const kt__span o = kt__span_of(out, pl->n, pl->out_stride, 1, 0, isz);
    const kt__span xs =
        kt__span_of(x, pl->n, pl->x_stride_point, pl->d, pl->x_stride_coord, isz);
    if (kt__hits(&o, &xs) || kt__hits_params(&o, pl->K, pl->d, means, U, c, w))
        return KT_ERR_OVERLAP;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__mixture_pdf_f32,
                           (pl, (const float *)x, means, U, c, w, (float *)out, nthreads));
    return KT_DISPATCH(kt__mixture_pdf_f64,
                       (pl, (const double *)x, means, U, c, w, (double *)out, nthreads));
}

int kt_mixture_pdf_execute_f32(const kt_mixture_pdf_plan *plan, const float *x,
                               const double *means, const double *U, const double *c,
                               const double *w, float *out, void *scratch, int nthreads)
{
    return kt__pdf_execute(plan, KT_F32, x, means, U, c, w, out, scratch, nthreads);
}

int kt_mixture_pdf_execute_f64(const kt_mixture_pdf_plan *plan, const double *x,
                               const double *means, const double *U, const double *c,
                               const double *w, double *out, void *scratch, int nthreads)
{
    return kt__pdf_execute(plan, KT_F64, x, means, U, c, w, out, scratch, nthreads);
}

static int kt__pdf_simple(int dtype, ptrdiff_t n, ptrdiff_t d, const void *x, ptrdiff_t sp,
                          ptrdiff_t sc, ptrdiff_t K, const double *means, const double *U,
                          const double *c, const double *w, void *out, ptrdiff_t so,
                          int nthreads)
{
    kt_mixture_pdf_plan pl;
    int s = kt_mixture_pdf_plan_init(&pl, dtype, n, d, sp, sc, K, so, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl.info.scratch_size && !(scratch = malloc(pl.info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__pdf_execute(&pl, dtype, x, means, U, c, w, out, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_mixture_pdf_f32(ptrdiff_t n, ptrdiff_t d, const float *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, float *out,
                       ptrdiff_t out_stride, int nthreads)
{
    return kt__pdf_simple(KT_F32, n, d, x, x_stride_point, x_stride_coord, K, means, U, c, w,
                          out, out_stride, nthreads);
}

int kt_mixture_pdf_f64(ptrdiff_t n, ptrdiff_t d, const double *x, ptrdiff_t x_stride_point,
                       ptrdiff_t x_stride_coord, ptrdiff_t K, const double *means,
                       const double *U, const double *c, const double *w, double *out,
                       ptrdiff_t out_stride, int nthreads)
{
    return kt__pdf_simple(KT_F64, n, d, x, x_stride_point, x_stride_coord, K, means, U, c, w,
                          out, out_stride, nthreads);
}

/* ---- the density on a grid ----------------------------------------------- */

int kt_mixture_grid_plan_init(kt_mixture_grid_plan *plan, int dtype, ptrdiff_t d,
                              const ptrdiff_t *shape, ptrdiff_t K, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (d < 1 || d > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (!shape)
        return KT_ERR_NULL;
    if (K < 1 || !kt__params_fit(K, d))
        return KT_ERR_SHAPE;
    const size_t isz = kt__itemsize(dtype);
    double size = 1.0;
    for (ptrdiff_t a = 0; a < d; a++) {
        if (shape[a] < 0)
            return KT_ERR_SHAPE;
        size *= (double)shape[a];
    }
    if (!(size * (double)isz < (double)PTRDIFF_MAX / 2))
        return KT_ERR_SHAPE;
    kt_mixture_grid_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.d = d;
    pl.K = K;
    pl.size = 1;
    pl.nlines = 1;
    for (ptrdiff_t a = 0; a < d; a++) {
        pl.shape[a] = shape[a];
        pl.size *= shape[a];
        if (a < d - 1)
            pl.nlines *= shape[a];
    }
    const ptrdiff_t L = shape[d - 1];
    pl.L = L;
    /* lines of at least ~2048 points per scheduling grain */
    pl.grain = L >= 2048 ? 1 : 2048 / (L > 0 ? L : 1);
    /* scratch: per component a row along the last axis (exp factors of a
     * diagonal one, coordinate offsets of a full one), then one row of the
     * uniform axis' corrections; none for an empty grid */
    const size_t row = pl.size ? (size_t)L * isz : 0;
    const kt__region reg[2] = {{(size_t)K, row, 0}, {1, row, 0}};
    size_t off[2], stride[2];
    int s = kt__layout(reg, 2, off, stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.g_off = off[0];
    pl.g_stride = stride[0];
    pl.dl_off = off[1];
    /* work: every grid point once per component */
    pl.info.tag = kt__tag(KT__OP_MIXTURE_GRID, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = kt__thread_count(nthreads, size * (double)K);
    *plan = pl;
    return KT_OK;
}

static int kt__grid_execute(const kt_mixture_grid_plan *pl, int dtype,
                            const void *const *coords, const double *means, const double *U,
                            const double *c, const double *w, const int *diag, void *out,
                            void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_MIXTURE_GRID, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!coords || !means || !U || !c || !w || !diag || !out)
        return KT_ERR_NULL;
    for (ptrdiff_t a = 0; a < pl->d; a++)
        if (!coords[a])
            return KT_ERR_NULL;
    if (pl->size == 0)
        return KT_OK;
    const size_t isz = kt__itemsize(dtype);
    const kt__span o = kt__run(out, pl->size, isz);
    const kt__span dg = kt__run(diag, pl->K, sizeof(int));
    if (kt__hits(&o, &dg) || kt__hits_params(&o, pl->K, pl->d, means, U, c, w))
        return KT_ERR_OVERLAP;
    for (ptrdiff_t a = 0; a < pl->d; a++) {
        const kt__span ca = kt__run(coords[a], pl->shape[a], isz);
        if (kt__hits(&o, &ca))
            return KT_ERR_OVERLAP;
    }
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__mixture_grid_f32, (pl, (const float *const *)coords, means, U, c,
                                                  w, diag, (float *)out, scratch, nthreads));
    return KT_DISPATCH(kt__mixture_grid_f64, (pl, (const double *const *)coords, means, U, c, w,
                                              diag, (double *)out, scratch, nthreads));
}

int kt_mixture_grid_execute_f32(const kt_mixture_grid_plan *plan, const float *const *coords,
                                const double *means, const double *U, const double *c,
                                const double *w, const int *diag, float *out, void *scratch,
                                int nthreads)
{
    return kt__grid_execute(plan, KT_F32, (const void *const *)coords, means, U, c, w, diag, out,
                            scratch, nthreads);
}

int kt_mixture_grid_execute_f64(const kt_mixture_grid_plan *plan, const double *const *coords,
                                const double *means, const double *U, const double *c,
                                const double *w, const int *diag, double *out, void *scratch,
                                int nthreads)
{
    return kt__grid_execute(plan, KT_F64, (const void *const *)coords, means, U, c, w, diag, out,
                            scratch, nthreads);
}

static int kt__grid_simple(int dtype, ptrdiff_t d, const ptrdiff_t *shape,
                           const void *const *coords, ptrdiff_t K, const double *means,
                           const double *U, const double *c, const double *w, const int *diag,
                           void *out, int nthreads)
{
    kt_mixture_grid_plan *pl = (kt_mixture_grid_plan *)malloc(sizeof *pl);
    if (!pl)
        return KT_ERR_NOMEM;
    int s = kt_mixture_grid_plan_init(pl, dtype, d, shape, K, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl->info.scratch_size && !(scratch = malloc(pl->info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__grid_execute(pl, dtype, coords, means, U, c, w, diag, out, scratch, nthreads);
    free(scratch);
    free(pl);
    return s;
}

int kt_mixture_grid_f32(ptrdiff_t d, const ptrdiff_t *shape, const float *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, float *out, int nthreads)
{
    return kt__grid_simple(KT_F32, d, shape, (const void *const *)coords, K, means, U, c, w,
                           diag, out, nthreads);
}

int kt_mixture_grid_f64(ptrdiff_t d, const ptrdiff_t *shape, const double *const *coords,
                        ptrdiff_t K, const double *means, const double *U, const double *c,
                        const double *w, const int *diag, double *out, int nthreads)
{
    return kt__grid_simple(KT_F64, d, shape, (const void *const *)coords, K, means, U, c, w,
                           diag, out, nthreads);
}
