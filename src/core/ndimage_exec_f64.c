/* The separable correlation in double, compiled once per ISA level
 * (-DKT_ISA=...), WITHOUT FMA contraction (-ffp-contract=off): with scipy's
 * weights and summation order, every product and sum is rounded as scipy
 * rounds it, so float64 results (and the integer results cast from them)
 * are bit-identical to scipy.ndimage's. */
#include "ndimage_priv.h"
#include "parallel.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "ndimage_impl.h"
