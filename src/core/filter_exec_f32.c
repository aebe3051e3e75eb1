/* The separable correlation in float32, compiled once per ISA level
 * (-DKT_ISA=...), with FMA contraction allowed. */
#include "filter_plan.h"
#include "parallel.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T float
#define SFX f32
#include "filter_impl.h"
