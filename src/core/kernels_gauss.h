/* Private declarations of the Gaussian kernel evaluation loops
 * (kernels_gauss_exec.c, compiled once per ISA level; the precision-generic
 * driver is kernels_gauss.c).  Values are computed in double. */
#ifndef KT_KERNELS_GAUSS_H
#define KT_KERNELS_GAUSS_H

#include "isa.h"

/* One axis: k[i] for i < n, offsets (i - (n-1)/2) - center. */
KT_DECLARE_ISA(void, kt__gauss_axis,
               (double *k, ptrdiff_t n, double sigma, double center, int order, int method,
                int normalize))
/* The rotated 2-D kernel, unnormalised, into dst (ny * nx doubles); returns
 * its sum, and the density's normalisation factor in *norm. */
KT_DECLARE_ISA(double, kt__gauss_rot,
               (double *dst, ptrdiff_t ny, ptrdiff_t nx, double sy, double sx, double theta,
                double cy, double cx, int method, double *norm))

#endif
