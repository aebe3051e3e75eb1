/* Newton evaluation in double, compiled once per ISA level (-DKT_ISA=...). */
#include "newton_priv.h"
#include "layout.h"
#include "parallel.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "newton_impl.h"
