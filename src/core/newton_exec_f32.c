/* Newton evaluation in float, compiled once per ISA level (-DKT_ISA=...). */
#include "newton.h"
#include "parallel.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T float
#define SFX f32
#define KT_NEWTON_F64 0
#include "newton_impl.h"
