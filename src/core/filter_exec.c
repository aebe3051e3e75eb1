/* The separable correlation, compiled once per ISA level (-DKT_ISA=...). */
#include "filter_plan.h"
#include "parallel.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T float
#define SFX f32
#include "filter_impl.h"
#undef T
#undef SFX

#define T double
#define SFX f64
#include "filter_impl.h"
#undef T
#undef SFX
