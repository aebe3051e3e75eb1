/* The block pooling in float64, compiled once per ISA level (-DKT_ISA=...). */
#include "parallel.h"
#include "pool_priv.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define KT_EVEN 0, 2, 4, 6
#define KT_ODD 1, 3, 5, 7
#define KT_PAT2(a, b) ((kt_vec_f64){a, b, a, b})
#define KT_PAT4(a, b, c, d) ((kt_vec_f64){a, b, c, d})
#define T double
#define SFX f64
#define KT_IS_F32 0
#include "pool_impl.h"
