/* The block pooling in float32, compiled once per ISA level (-DKT_ISA=...). */
#include "parallel.h"
#include "pool_priv.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define KT_EVEN 0, 2, 4, 6, 8, 10, 12, 14
#define KT_ODD 1, 3, 5, 7, 9, 11, 13, 15
#define KT_PAT2(a, b) ((kt_vec_f32){a, b, a, b, a, b, a, b})
#define KT_PAT4(a, b, c, d) ((kt_vec_f32){a, b, c, d, a, b, c, d})
#define T float
#define SFX f32
#define KT_IS_F32 1
#include "pool_impl.h"
