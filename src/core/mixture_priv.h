/* Private: the Gaussian mixture densities' loops (mixture_impl.h, compiled
 * once per precision and ISA level by mixture_exec_f32.c / _f64.c), called
 * by the entry points (mixture.c). */
#ifndef KT_MIXTURE_PRIV_H
#define KT_MIXTURE_PRIV_H

#include "internal.h"
#include "isa.h"

/* points (or grid positions along the last axis) per task; a multiple of
 * every vector length */
#define KT_MIX_CH 256

KT_DECLARE_ISA(int, kt__mixture_pdf_f32,
               (const kt_mixture_pdf_plan *, const float *, const double *, const double *,
                const double *, const double *, float *, int))
KT_DECLARE_ISA(int, kt__mixture_pdf_f64,
               (const kt_mixture_pdf_plan *, const double *, const double *, const double *,
                const double *, const double *, double *, int))
KT_DECLARE_ISA(int, kt__mixture_grid_f32,
               (const kt_mixture_grid_plan *, const float *const *, const double *,
                const double *, const double *, const double *, const int *, float *, void *,
                int))
KT_DECLARE_ISA(int, kt__mixture_grid_f64,
               (const kt_mixture_grid_plan *, const double *const *, const double *,
                const double *, const double *, const double *, const int *, double *, void *,
                int))

#endif
