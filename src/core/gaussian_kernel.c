/* The sampled Gaussian kernel (and its derivatives) of scipy.ndimage. */
#include <math.h>

#include "internal.h"

int kt_gaussian_kernel1d_f64(double sigma, int order, ptrdiff_t radius, double *out)
{
    if (!out)
        return KT_ERR_NULL;
    if (order < 0)
        return KT_ERR_ORDER;
    if (radius < 0)
        return KT_ERR_RADIUS;
    /* Same arithmetic as the reference: exp((-0.5 / sigma^2) * x^2), then
     * divided by the sum.  sigma = 0 yields NaN, as it does there. */
    const double s2 = sigma * sigma, c = -0.5 / s2;
    const ptrdiff_t n = 2 * radius + 1;
    double sum = 0.0;
    for (ptrdiff_t i = 0; i < n; i++) {
        double x = (double)(i - radius);
        out[i] = exp(c * (x * x));
        sum += out[i];
    }
    for (ptrdiff_t i = 0; i < n; i++)
        out[i] /= sum;
    if (order == 0)
        return KT_OK;
    /* d^n/dx^n exp(-x^2/2s^2) = (-1/s)^n He_n(x/s) exp(...), with the
     * probabilists' Hermite recurrence He_{k+1}(t) = t He_k(t) - k He_{k-1}(t):
     * exact parity under x -> -x, stable for the orders filters use. */
    const double s = fabs(sigma);
    double scale = 1.0;
    for (int k = 0; k < order; k++)
        scale *= -1.0 / s;
    for (ptrdiff_t i = 0; i < n; i++) {
        double t = (double)(i - radius) / s, hm1 = 1.0, h = t;
        for (int k = 1; k < order; k++) {
            double hn = t * h - (double)k * hm1;
            hm1 = h;
            h = hn;
        }
        out[i] *= scale * h;
    }
    return KT_OK;
}
