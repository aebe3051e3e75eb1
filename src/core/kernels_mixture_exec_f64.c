/* Gaussian mixture densities in double, compiled once per ISA level (-DKT_ISA=...). */
#include "kernels_mixture.h"
#include "parallel.h"

#include <math.h>

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_MIX_F32 0
#include "kernels_mixture_impl.h"
