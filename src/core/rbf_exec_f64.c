/* RBF kernels and Gauss transforms in double, compiled once per ISA level (-DKT_ISA=...). */
#include "layout.h"
#include "parallel.h"
#include "rbf_priv.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "rbf_impl.h"
