/* The separable correlation's entry points (the plan is made in
 * ndimage_plan.c, the loops run in ndimage_impl.h) and the Gaussian filter
 * on top of it: scipy's kernel, the simple interface. */
#include <math.h>
#include <stdlib.h>

#include "ndimage_priv.h"

static int kt__correlate_execute(const kt_correlate_plan *pl, int dtype, const void *in, void *out,
                                 void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_CORRELATE, dtype, scratch);
    if (s != KT_OK)
        return s;
    if (!in || !out)
        return KT_ERR_NULL;
    if (pl->empty)
        return KT_OK;
    const int ov = kt__overlap(pl->ndim, pl->shape, in, pl->in_strides, pl->shape, out,
                               pl->out_strides, kt__itemsize(dtype));
    if (ov == 1)
        return KT_ERR_OVERLAP;
    if (pl->npasses == 0) {
        if (ov != 2)
            kt__copy_nd(pl->ndim, pl->shape, (const char *)in, pl->in_strides, (char *)out,
                        pl->out_strides, kt__itemsize(dtype));
        return KT_OK;
    }
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (dtype == KT_F32)
        return KT_DISPATCH(kt__correlate_f32, (pl, (const float *)in, (float *)out, scratch,
                                               nthreads, ov == 0));
    return KT_DISPATCH(kt__correlate_f64, (pl, (const double *)in, (double *)out, scratch,
                                           nthreads, ov == 0));
}

int kt_correlate_execute_f32(const kt_correlate_plan *plan, const float *in, float *out,
                             void *scratch, int nthreads)
{
    return kt__correlate_execute(plan, KT_F32, in, out, scratch, nthreads);
}

int kt_correlate_execute_f64(const kt_correlate_plan *plan, const double *in, double *out,
                             void *scratch, int nthreads)
{
    return kt__correlate_execute(plan, KT_F64, in, out, scratch, nthreads);
}

/* ---- simple interface ------------------------------------------------------ */

static int kt__correlate_simple(int dtype, int ndim, const ptrdiff_t *shape, const void *in,
                                const ptrdiff_t *in_strides, void *out,
                                const ptrdiff_t *out_strides, int npasses, const kt_pass *passes,
                                int nthreads)
{
    kt_correlate_plan *pl = (kt_correlate_plan *)malloc(sizeof *pl);
    if (!pl)
        return KT_ERR_NOMEM;
    int s = kt_correlate_plan_init(pl, dtype, ndim, shape, in_strides, out_strides, npasses,
                                   passes, nthreads);
    void *scratch = NULL;
    if (s == KT_OK && pl->info.scratch_size && !(scratch = malloc(pl->info.scratch_size)))
        s = KT_ERR_NOMEM;
    if (s == KT_OK)
        s = kt__correlate_execute(pl, dtype, in, out, scratch, nthreads);
    free(scratch);
    free(pl);
    return s;
}

int kt_correlate_f32(int ndim, const ptrdiff_t *shape, const float *in,
                     const ptrdiff_t *in_strides, float *out, const ptrdiff_t *out_strides,
                     int npasses, const kt_pass *passes, int nthreads)
{
    return kt__correlate_simple(KT_F32, ndim, shape, in, in_strides, out, out_strides, npasses,
                                passes, nthreads);
}

int kt_correlate_f64(int ndim, const ptrdiff_t *shape, const double *in,
                     const ptrdiff_t *in_strides, double *out, const ptrdiff_t *out_strides,
                     int npasses, const kt_pass *passes, int nthreads)
{
    return kt__correlate_simple(KT_F64, ndim, shape, in, in_strides, out, out_strides, npasses,
                                passes, nthreads);
}

/* ---- scipy's Gaussian kernel -------------------------------------------------- */

/* numpy's sum of n doubles: pairwise, with 8 accumulators on blocks of up
 * to 128 (the order numpy.sum adds a contiguous float64 array in). */
static double kt__pairwise_sum(const double *a, ptrdiff_t n)
{
    if (n < 8) {
        double res = 0.0;
        for (ptrdiff_t i = 0; i < n; i++)
            res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; j++)
            r[j] = a[j];
        ptrdiff_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++)
                r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    ptrdiff_t n2 = n / 2;
    n2 -= n2 % 8;
    return kt__pairwise_sum(a, n2) + kt__pairwise_sum(a + n2, n - n2);
}

int kt_gaussian_kernel1d_f64(double sigma, int order, ptrdiff_t radius, double *out)
{
    if (!out)
        return KT_ERR_NULL;
    if (order < 0)
        return KT_ERR_ORDER;
    if (radius < 0 || radius > ((ptrdiff_t)1 << 40))
        return KT_ERR_RADIUS;
    if (!(sigma > 0.0) || !isfinite(sigma))
        return KT_ERR_VALUE;
    /* scipy: phi = exp(-0.5 / sigma^2 * x^2) / sum, x = -radius..radius */
    const double s2 = sigma * sigma, c = -0.5 / s2;
    const ptrdiff_t n = 2 * radius + 1;
    for (ptrdiff_t i = 0; i < n; i++) {
        const double x = (double)(i - radius);
        out[i] = exp(c * (x * x));
    }
    const double sum = kt__pairwise_sum(out, n);
    for (ptrdiff_t i = 0; i < n; i++)
        out[i] /= sum;
    if (order > 0) {
        /* the derivative polynomial p_order(x) (phi^(k) = p_k phi) in
         * monomial coefficients, p_{k+1} = p_k' - x p_k / sigma^2, then
         * summed over the powers in increasing order */
        double *coef = (double *)malloc((size_t)(2 * (order + 1)) * sizeof(double));
        if (!coef)
            return KT_ERR_NOMEM;
        double *next = coef + order + 1;
        const double m = 1.0 / -s2;
        for (int j = 0; j <= order; j++)
            coef[j] = j == 0 ? 1.0 : 0.0;
        for (int k = 0; k < order; k++) {
            for (int j = 0; j <= order; j++) {
                const double up = j + 1 <= order ? (double)(j + 1) * coef[j + 1] : 0.0;
                const double down = j >= 1 ? m * coef[j - 1] : 0.0;
                next[j] = up + down;
            }
            memcpy(coef, next, (size_t)(order + 1) * sizeof(double));
        }
        for (ptrdiff_t i = 0; i < n; i++) {
            const double x = (double)(i - radius);
            double p = 0.0, xj = 1.0;
            for (int j = 0; j <= order; j++) {
                p += xj * coef[j];
                xj *= x;
            }
            out[i] *= p;
        }
        free(coef);
    }
    /* correlation weights: the kernel reversed */
    for (ptrdiff_t i = 0, j = n - 1; i < j; i++, j--) {
        const double t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    return KT_OK;
}

static int kt__gaussian_filter(int dtype, int ndim, const ptrdiff_t *shape, const void *in,
                               const ptrdiff_t *in_strides, void *out,
                               const ptrdiff_t *out_strides, const double *sigma,
                               const int *order, const int *mode, double cval, double truncate,
                               int nthreads)
{
    if (ndim < 0 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (ndim > 0 && (!sigma || !order || !mode))
        return KT_ERR_NULL;
    if (!(truncate >= 0.0) || !isfinite(truncate))
        return KT_ERR_VALUE;
    kt_pass passes[KT_MAX_NDIM];
    size_t total = 0;
    int npasses = 0;
    for (int d = 0; d < ndim; d++) {
        if (!(sigma[d] >= 0.0) || !isfinite(sigma[d]))
            return KT_ERR_VALUE;
        if (order[d] < 0)
            return KT_ERR_ORDER;
        if (!kt_mode_valid(mode[d]))
            return KT_ERR_MODE;
        if (!(sigma[d] > 1e-15)) /* scipy skips the axis */
            continue;
        const double rd = truncate * sigma[d] + 0.5;
        if (!(rd < (double)((ptrdiff_t)1 << 40)))
            return KT_ERR_VALUE;
        passes[npasses] = (kt_pass){d, mode[d], (ptrdiff_t)rd, NULL, cval};
        total += (size_t)(2 * passes[npasses].radius + 1);
        npasses++;
    }
    double *w = (double *)malloc((total ? total : 1) * sizeof(double));
    if (!w)
        return KT_ERR_NOMEM;
    int s = KT_OK;
    double *wp = w;
    for (int i = 0; i < npasses && s == KT_OK; i++) {
        const int d = passes[i].axis;
        s = kt_gaussian_kernel1d_f64(sigma[d], order[d], passes[i].radius, wp);
        passes[i].weights = wp;
        wp += 2 * passes[i].radius + 1;
    }
    if (s == KT_OK)
        s = kt__correlate_simple(dtype, ndim, shape, in, in_strides, out, out_strides, npasses,
                                 passes, nthreads);
    free(w);
    return s;
}

int kt_gaussian_filter_f32(int ndim, const ptrdiff_t *shape, const float *in,
                           const ptrdiff_t *in_strides, float *out, const ptrdiff_t *out_strides,
                           const double *sigma, const int *order, const int *mode, double cval,
                           double truncate, int nthreads)
{
    return kt__gaussian_filter(KT_F32, ndim, shape, in, in_strides, out, out_strides, sigma,
                               order, mode, cval, truncate, nthreads);
}

int kt_gaussian_filter_f64(int ndim, const ptrdiff_t *shape, const double *in,
                           const ptrdiff_t *in_strides, double *out,
                           const ptrdiff_t *out_strides, const double *sigma, const int *order,
                           const int *mode, double cval, double truncate, int nthreads)
{
    return kt__gaussian_filter(KT_F64, ndim, shape, in, in_strides, out, out_strides, sigma,
                               order, mode, cval, truncate, nthreads);
}
