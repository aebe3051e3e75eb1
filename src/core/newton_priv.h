/* Private: the Newton evaluation's executors (one build per precision and
 * ISA level, see newton_impl.h) and the divided differences' kernel. */
#ifndef KT_NEWTON_PRIV_H
#define KT_NEWTON_PRIV_H

#include "internal.h"
#include "isa.h"

/* points per task of the evaluation, and per block of the derivative path */
#define KT_NEWTON_CH 256
#define KT_NEWTON_DB 64

/* Runs a validated plan on up to nthreads threads: KT_OK or KT_ERR_CANCELLED. */
KT_DECLARE_ISA(int, kt__newton_eval_f32,
               (const kt_newton_plan *, const double *, const double *, const float *, float *,
                void *, int))
KT_DECLARE_ISA(int, kt__newton_eval_f64,
               (const kt_newton_plan *, const double *, const double *, const double *,
                double *, void *, int))

/* One polynomial's divided-difference table in place (newton_impl.h):
 * nonzero when a denominator was zero (equal nodes). */
KT_DECLARE_ISA(int, kt__newton_dd_f64, (ptrdiff_t, const double *, double *, double *))

#endif
