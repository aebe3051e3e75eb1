/* Gaussian kernels, ONE template included by kernels_gauss.c once per
 * precision (T = float / double, SFX = f32 / f64).  Values are computed in
 * double by the helpers of kernels_gauss.c and rounded once to T. */

#define KFN(name) KT_CAT3(name, _, SFX)

/* out = outer product of the 1-D kernels k (concatenated, axis by axis). */
static void KFN(kt__outer)(int ndim, const ptrdiff_t *shape, const double *k, T *restrict out)
{
    if (ndim < 1)
        return;
    const ptrdiff_t nl = shape[ndim - 1];
    const double *kl = k;
    const double *ks[KT_MAX_NDIM];
    for (int d = 0; d < ndim; d++) {
        ks[d] = kl;
        kl += shape[d];
    }
    kl = ks[ndim - 1];
    if (ndim == 1) {
        for (ptrdiff_t j = 0; j < nl; j++)
            out[j] = (T)kl[j];
        return;
    }
    ptrdiff_t idx[KT_MAX_NDIM] = {0};
    double pre[KT_MAX_NDIM]; /* pre[d]: product of axes 0..d at idx */
    for (;;) {
        double p = ks[0][idx[0]];
        pre[0] = p;
        for (int d = 1; d < ndim - 1; d++)
            pre[d] = p = pre[d - 1] * ks[d][idx[d]];
        for (ptrdiff_t j = 0; j < nl; j++)
            out[j] = (T)(p * kl[j]);
        out += nl;
        int d = ndim - 2;
        while (d >= 0 && ++idx[d] == shape[d])
            idx[d--] = 0;
        if (d < 0)
            return;
    }
}

int KFN(kt_gaussian_kernel)(int ndim, const ptrdiff_t *shape, const double *sigma,
                            const double *center, const int *order, int method,
                            int normalize, double theta, void *scratch,
                            size_t scratch_size, T *out)
{
    int st = kt__check(ndim, shape, sigma, center, order, method, theta);
    if (st != KT_OK)
        return st;
    if (!out)
        return KT_ERR_NULL;
    size_t need = kt_gaussian_kernel_scratch(ndim, shape, theta, sizeof(T), &st);
    if (st != KT_OK)
        return st;
    if (need && (!scratch || scratch_size < need))
        return KT_ERR_SCRATCH;
    double *k = (double *)scratch;
    if (theta == 0.0) {
        double *kd = k;
        for (int d = 0; d < ndim; d++) {
            KT_DISPATCH(kt__gauss_axis, (kd, shape[d], sigma[d], center ? center[d] : 0.0,
                                         order ? order[d] : 0, method, normalize));
            kd += shape[d];
        }
        KFN(kt__outer)(ndim, shape, k, out);
        return KT_OK;
    }
    /* rotated 2-D: axis 0 is y, axis 1 is x */
    const ptrdiff_t n = shape[0] * shape[1];
    double *dst = sizeof(T) == sizeof(double) ? (double *)(void *)out : k;
    double norm;
    const double sum = KT_DISPATCH(kt__gauss_rot,
                                   (dst, shape[0], shape[1], sigma[0], sigma[1], theta,
                                    center ? center[0] : 0.0, center ? center[1] : 0.0,
                                    method, &norm));
    const double f = normalize ? 1.0 / sum : norm;
    if (sizeof(T) == sizeof(double))
        for (ptrdiff_t i = 0; i < n; i++)
            out[i] = (T)((double)out[i] * f);
    else
        for (ptrdiff_t i = 0; i < n; i++)
            out[i] = (T)(k[i] * f);
    return KT_OK;
}

#undef KFN
