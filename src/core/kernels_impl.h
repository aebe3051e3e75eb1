/* Gaussian kernels, ONE template included by kernels.c once per precision
 * (T = float / double, SFX = f32 / f64, KT_IS_F32).  Values are computed in
 * double by kernels_exec.c and rounded once to T. */

#define KFN(name) KT_CAT3(name, _, SFX)

/* The outer product of the 1-D kernels k (concatenated, axis by axis), one
 * task per run of plan->grain lines along the last axis. */
typedef struct KFN(kt__outer_ctx) {
    const kt_gaussian_kernel_plan *pl;
    const double *k;
    T *out;
} KFN(kt__outer_ctx);

/* out[j] = p * kl[j], rounded to T */
static inline void KFN(kt__outer_row)(T *restrict out, const double *restrict kl, double p,
                                      ptrdiff_t nl)
{
    for (ptrdiff_t j = 0; j < nl; j++)
        out[j] = (T)(p * kl[j]);
}

static void KFN(kt__outer_task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const KFN(kt__outer_ctx) *cx = (const KFN(kt__outer_ctx) *)vctx;
    const kt_gaussian_kernel_plan *pl = cx->pl;
    const int ndim = pl->ndim;
    const ptrdiff_t *shape = pl->shape;
    const ptrdiff_t nl = shape[ndim - 1];
    const double *ks[KT_MAX_NDIM] = {NULL}; /* (ndim >= 1: set below) */
    const double *kl = cx->k;
    for (int d = 0; d < ndim; d++) {
        ks[d] = kl;
        kl += shape[d];
    }
    kl = ks[ndim - 1];
    const ptrdiff_t l0 = item * pl->grain;
    const ptrdiff_t l1 = l0 + pl->grain < pl->nlines ? l0 + pl->grain : pl->nlines;
    T *out = cx->out + l0 * nl;
    if (ndim == 1) {
        for (ptrdiff_t j = 0; j < nl; j++)
            out[j] = (T)kl[j];
        return;
    }
    /* the index of line l0 over axes 0 .. ndim-2, then an odometer */
    ptrdiff_t idx[KT_MAX_NDIM];
    for (ptrdiff_t d = ndim - 2, rem = l0; d >= 0; d--) {
        idx[d] = rem % shape[d];
        rem /= shape[d];
    }
    for (ptrdiff_t l = l0; l < l1; l++) {
        double p = ks[0][idx[0]];
        for (int d = 1; d < ndim - 1; d++)
            p = p * ks[d][idx[d]];
        KFN(kt__outer_row)(out, kl, p, nl);
        out += nl;
        int d = ndim - 2;
        while (d >= 0 && ++idx[d] == shape[d])
            idx[d--] = 0;
    }
}

int KFN(kt_gaussian_kernel_execute)(const kt_gaussian_kernel_plan *plan, T *out, void *scratch,
                                    int nthreads)
{
    const kt_gaussian_kernel_plan *pl = plan;
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_KERNEL, KT_IS_F32 ? KT_F32 : KT_F64,
                           scratch);
    if (s != KT_OK)
        return s;
    if (!out)
        return KT_ERR_NULL;
    nthreads = kt__exec_threads(&pl->info, nthreads);
    if (pl->theta == 0.0) {
        double *k = (double *)kt__piece(scratch, pl->k_off, 0, 0);
        double *kd = k;
        for (int d = 0; d < pl->ndim; d++) {
            KT_DISPATCH(kt__gauss_axis, (kd, pl->shape[d], pl->sigma[d], pl->center[d],
                                         pl->order[d], pl->method, pl->normalize));
            kd += pl->shape[d];
        }
        KFN(kt__outer_ctx) cx = {pl, k, out};
        return kt__parallel_for(&pl->info, nthreads, (pl->nlines + pl->grain - 1) / pl->grain,
                                1, KFN(kt__outer_task), &cx);
    }
    /* rotated 2-D: float64 works in the output, float32 in the scratch */
#if KT_IS_F32
    double *dst = (double *)kt__piece(scratch, pl->k_off, 0, 0);
#else
    double *dst = out;
#endif
    double sum, norm;
    s = KT_DISPATCH(kt__gauss_rot, (pl, dst, nthreads, &sum, &norm));
    if (s != KT_OK)
        return s;
    const double f = pl->normalize ? 1.0 / sum : norm;
    const ptrdiff_t n = pl->size;
#if KT_IS_F32
    for (ptrdiff_t i = 0; i < n; i++)
        out[i] = (T)(dst[i] * f);
#else
    for (ptrdiff_t i = 0; i < n; i++)
        out[i] = (T)((double)out[i] * f);
#endif
    return KT_OK;
}

#undef KFN
