/* Private: the pooling plan's pieces, shared by pool.c and the per-ISA
 * executors (pool_impl.h). */
#ifndef KT_POOL_PRIV_H
#define KT_POOL_PRIV_H

#include "internal.h"
#include "isa.h"

/* The pieces of a thread's area (kt_pool_plan.tb_off): the input line after
 * the vertical reduction (and its padding), the output row (strided
 * output), the item's input line pointers, and their weights. */
enum { KT_POOL_TB_LINE, KT_POOL_TB_ROW, KT_POOL_TB_PTRS, KT_POOL_TB_WTS };

KT_DECLARE_ISA(int, kt__pool_f32, (const kt_pool_plan *, const float *, float *, void *, int))
KT_DECLARE_ISA(int, kt__pool_f64, (const kt_pool_plan *, const double *, double *, void *, int))

#endif
