/* Gaussian mixture densities in float, compiled once per ISA level (-DKT_ISA=...). */
#include "kernels_mixture.h"
#include "parallel.h"

#include <math.h>

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T float
#define SFX f32
#define KT_MIX_F32 1
#include "kernels_mixture_impl.h"
