/* Private declarations of the Gaussian mixture kernels (one build per
 * precision and ISA level, see kernels_mixture_impl.h). */
#ifndef KT_KERNELS_MIXTURE_H
#define KT_KERNELS_MIXTURE_H

#include "isa.h"

#define KT_MIX_DECL(SFX, T)                                                                  \
    KT_DECLARE_ISA(int, kt__mixture_pdf_##SFX,                                               \
                   (ptrdiff_t, ptrdiff_t, const T *, ptrdiff_t, ptrdiff_t, ptrdiff_t,        \
                    const double *, const double *, const double *, const double *, T *,     \
                    ptrdiff_t, int))                                                         \
    KT_DECLARE_ISA(int, kt__mixture_grid_##SFX,                                              \
                   (ptrdiff_t, const ptrdiff_t *, const T *const *, ptrdiff_t,               \
                    const double *, const double *, const double *, const double *,          \
                    const int *, T *, T *, ptrdiff_t, T *, int))

KT_MIX_DECL(f32, float)
KT_MIX_DECL(f64, double)

#endif
