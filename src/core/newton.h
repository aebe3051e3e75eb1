/* Private declarations of the Newton evaluation kernels (one build per
 * precision and ISA level, see newton_impl.h). */
#ifndef KT_NEWTON_PRIV_H
#define KT_NEWTON_PRIV_H

#include "isa.h"

/* points per task of the evaluation, and per block of the derivative path */
#define KT_NEWTON_CH 256
#define KT_NEWTON_DB 64

#define KT_NEWTON_DECL(SFX, T)                                                               \
    KT_DECLARE_ISA(int, kt__newton_eval_##SFX,                                               \
                   (ptrdiff_t, const double *, ptrdiff_t, const double *, ptrdiff_t,         \
                    ptrdiff_t, ptrdiff_t, const T *, ptrdiff_t, ptrdiff_t, ptrdiff_t, T *,   \
                    ptrdiff_t, ptrdiff_t, ptrdiff_t, T *, int))

KT_DECLARE_ISA(int, kt__newton_dd_f64, (ptrdiff_t, const double *, double *, double *))

KT_NEWTON_DECL(f32, float)
KT_NEWTON_DECL(f64, double)

#endif
