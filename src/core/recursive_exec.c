/* The recursive Gaussian, compiled once per ISA level (-DKT_ISA=...).
 *
 * The precision-independent helpers are here; recursive_impl.h, included
 * once per data type, holds the kernels and the data movement. */
#include "parallel.h"
#include "recursive_priv.h"

#ifndef KT_ISA
#error "KT_ISA must name the instruction-set level this file is compiled for"
#endif

#define RFN(name) KT_CAT3(name, _, KT_ISA)

/* the recursion state: 4 doubles (one AVX register, two SSE2 registers) */
typedef double kt_rg_vd __attribute__((vector_size(32)));
typedef double kt_rg_vdu __attribute__((vector_size(32), aligned(sizeof(double)), may_alias));

#define VLD(p) (*(const kt_rg_vdu *)(p))
#define VST(p, v) (*(kt_rg_vdu *)(p) = (v))

#define KT_ALWAYS_INLINE static inline __attribute__((always_inline))

/* Rows of a strip lie a whole axis stride apart, too far for the hardware
 * prefetchers: the row steps prefetch the rows they will load and store
 * KT_RG_AHEAD rows in advance, the line steps the next tile of each line. */
#define KT_RG_AHEAD 12
#if defined(__GNUC__)
#define KT_PREFETCH(p, rw) __builtin_prefetch((p), (rw), 3)
#else
#define KT_PREFETCH(p, rw) ((void)(p))
#endif

/* Prefetches the bytes [p, p + bytes) (rw: 0 read, 1 write). */
KT_ALWAYS_INLINE void RFN(kt__rg_prefetch)(const char *p, ptrdiff_t bytes, const int rw)
{
    if (bytes <= 0)
        return;
    for (ptrdiff_t o = 0; o < bytes; o += 64) {
        if (rw)
            KT_PREFETCH(p + o, 1);
        else
            KT_PREFETCH(p + o, 0);
    }
    if (rw)
        KT_PREFETCH(p + bytes - 1, 1);
    else
        KT_PREFETCH(p + bytes - 1, 0);
}

/* Triggs-Sdika on nv4 columns (offset coordinates, u = the right boundary
 * value): st rows 0, 1, 2 hold w[ne-1], w[ne-2], w[ne-3] (row stride W) and
 * become y[ne-1], y[ne], y[ne+1]. */
static void RFN(kt__rg_right)(double *st, ptrdiff_t W, ptrdiff_t nv4, const double *u,
                              const kt__rg_coef *c)
{
    const double *M = c->M;
    double *r0 = st, *r1 = st + W, *r2 = st + 2 * W;
    if (W == 1) {
        const double uu = u[0], v0 = r0[0] - uu, v1 = r1[0] - uu, v2 = r2[0] - uu;
        r0[0] = uu + (M[0] * v0 + M[1] * v1 + M[2] * v2);
        r1[0] = uu + (M[3] * v0 + M[4] * v1 + M[5] * v2);
        r2[0] = uu + (M[6] * v0 + M[7] * v1 + M[8] * v2);
        return;
    }
    for (ptrdiff_t k = 0; k < nv4; k += 4) {
        const kt_rg_vd uu = VLD(u + k);
        const kt_rg_vd v0 = VLD(r0 + k) - uu, v1 = VLD(r1 + k) - uu, v2 = VLD(r2 + k) - uu;
        VST(r0 + k, uu + (M[0] * v0 + M[1] * v1 + M[2] * v2));
        VST(r1 + k, uu + (M[3] * v0 + M[4] * v1 + M[5] * v2));
        VST(r2 + k, uu + (M[6] * v0 + M[7] * v1 + M[8] * v2));
    }
}

/* Offsets (bytes) of outer index o in source and destination. */
static inline void RFN(kt__rg_outer)(const kt_recursive_plan *pl, ptrdiff_t o, ptrdiff_t *os,
                                     ptrdiff_t *oo)
{
    kt_outer_offsets(pl->nouter, pl->olen, pl->osin, pl->osout, o, os, oo);
}

#define T float
#define SFX f32
#define KT_IS_F32 1
#include "recursive_impl.h"
#undef T
#undef SFX
#undef KT_IS_F32

#define T double
#define SFX f64
#define KT_IS_F32 0
#include "recursive_impl.h"
#undef T
#undef SFX
#undef KT_IS_F32
