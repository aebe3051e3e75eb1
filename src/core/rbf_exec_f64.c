/* RBF kernels and Gauss transforms in double, compiled once per ISA level (-DKT_ISA=...). */
#include "parallel.h"
#include "rbf_core.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define T double
#define SFX f64
#define KT_RBF_F32 0
#define GEMM_FN kt_dgemm_fn
#define SYRK_FN kt_dsyrk_fn
#include "rbf_impl.h"
