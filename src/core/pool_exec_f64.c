/* The block pooling in double, compiled once per ISA level (-DKT_ISA=...). */
#include "parallel.h"
#include "pool_priv.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "pool_impl.h"
