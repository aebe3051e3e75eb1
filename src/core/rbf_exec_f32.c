/* RBF kernels and Gauss transforms in float, compiled once per ISA level (-DKT_ISA=...). */
#include "parallel.h"
#include "rbf_core.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T float
#define SFX f32
#define KT_RBF_F32 1
#define GEMM_FN kt_sgemm_fn
#define SYRK_FN kt_ssyrk_fn
#include "rbf_impl.h"
