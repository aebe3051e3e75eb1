/* Private: the separable correlation's steps, shared by the planner
 * (ndimage_plan.c), the entry points (ndimage.c) and the per-ISA executors
 * (ndimage_impl.h). */
#ifndef KT_NDIMAGE_PRIV_H
#define KT_NDIMAGE_PRIV_H

#include "internal.h"
#include "isa.h"

enum { KT_STEP_LINE = 0, KT_STEP_ROW = 1, KT_STEP_FUSED = 2 };

/* The pieces of one thread's work area in a ROW/FUSED step: the ring of
 * 2r + B rows, its row-pointer table, the tile (FUSED), a row for the
 * strided output, the snapshot of the 2r rows outside the item (when the
 * axis is not split in chunks); in a LINE step: the extended line, and a
 * line for the strided output. */
enum { KT_TB_RING, KT_TB_TABLE, KT_TB_TILE, KT_TB_TMP, KT_TB_SNAP, KT_TB_N };
enum { KT_TB_LINE = 0, KT_TB_LTMP = 1 };

/* A step as the executor walks it: the plan's compact step expanded. */
typedef struct kt__cstep {
    int kind;
    const kt_pass *p, *q;    /* the pass along the axis; FUSED: the line pass */
    int wp, wq, symp, symq;  /* weight offsets (elements), 1 symmetric / -1 anti / 0 */
    int from_in;             /* 1: reads `in`, else works in place on `out` */
    ptrdiff_t n, sin, sout;  /* the filtered axis */
    ptrdiff_t L, lin, lout;  /* ROW/FUSED: the inner (vectorised) run */
    int nouter;
    ptrdiff_t olen[KT_MAX_NDIM], osin[KT_MAX_NDIM], osout[KT_MAX_NDIM];
    ptrdiff_t W, nstrips, SW, B, rchunks, chunk, nitems;
    size_t tb_off[KT_TB_N];  /* pieces of a thread's area */
    size_t thread_stride, items_off, item_stride;
} kt__cstep;

/* Step `i` of the plan, expanded. */
KT_HIDDEN void kt__correlate_expand(const kt_correlate_plan *pl, int i, kt__cstep *st);

/* The thread-area pieces of a step (KT_TB_*): one description for the
 * planner (their sizes) and the executor (their offsets). */
KT_HIDDEN int kt__correlate_thread_layout(const kt__correlate_step *s, const kt_pass *p,
                                          const kt_pass *q, ptrdiff_t n, size_t itemsize,
                                          size_t *off, size_t *bytes);

/* Elements between ring rows of width W: rounded up to 64 bytes, plus 64
 * bytes when that is a multiple of 4 kB (L1 set aliasing). */
static inline ptrdiff_t kt_ring_pitch(ptrdiff_t W, ptrdiff_t isz)
{
    ptrdiff_t bytes = (W * isz + 63) & ~(ptrdiff_t)63;
    if (bytes % 4096 == 0)
        bytes += 64;
    return bytes / isz;
}

/* the last argument: in and out do not overlap (the first step may then read
 * `in` in place) */
KT_DECLARE_ISA(int, kt__correlate_f32, (const kt_correlate_plan *, const float *, float *, void *, int, int))
KT_DECLARE_ISA(int, kt__correlate_f64, (const kt_correlate_plan *, const double *, double *, void *, int, int))

#endif
