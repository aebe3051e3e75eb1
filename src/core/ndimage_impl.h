/* Execution of the separable correlation: ONE template, included by
 * ndimage_exec_f32.c / ndimage_exec_f64.c with T (float/double), SFX
 * (f32/f64) and KT_IS_F32 defined; each of those is compiled once per ISA
 * level (KT_ISA), without FMA contraction.  Loops are written on GCC vector
 * extensions of one native register (vec.h: 16, 32 or 64 bytes).
 *
 * Every output is computed by one fixed sequence of operations, the same in
 * a vector lane and in a scalar tail, in every kernel variant: the result
 * does not depend on where a value falls (an array's length, offset or
 * chunking).  float64 multiplies and adds separately, in scipy's order
 * (bit-identical to scipy); float32 fuses each multiply-add (MADD). */

#include <float.h>

#include "vec.h"

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define VL ((ptrdiff_t)(KT_VBYTES / sizeof(T)))
#define VT KT_CAT(kt_vec_, SFX)
#define VTU KT_CAT(kt_vecu_, SFX)
/* acc + w * x: fused in float32, two roundings (scipy's) in float64 */
#if KT_IS_F32
#define VMADD(w, x, acc) kt_vfma_f32((VT){0} + (w), (x), (acc))
#define SMADD(w, x, acc) kt_fma_f32((w), (x), (acc))
#else
#define VMADD(w, x, acc) ((w) * (x) + (acc))
#define SMADD(w, x, acc) ((w) * (x) + (acc))
#endif

#define LD(p) (*(const VTU *)(p))
#define ST(p, v) (*(VTU *)(p) = (v))

/* ---- the two inner kernels ------------------------------------------------
 * vert: out[x] = sum_k w[k] * rows[k][x] over 2r+1 row pointers (rows[r] is
 *       the centre), vectorised along x.
 * horiz: out[x] = sum_k w[k] * b[x + k - r] with b[-r .. n + r) valid.
 * For symmetric (sym = 1) and antisymmetric (sym = -1) kernels, w[k] holds
 * the weight at offset -k, k = 0..r, and pairs are folded first:
 * (x[k] + x[-k]) w[-k], (x[-k] - x[k]) w[-k], as scipy does.
 * Summation order is scipy.ndimage's: the centre, then the pairs from the
 * outermost in (general kernels: the last tap, then the others in order).
 * Built without FMA contraction (the float64 build), the result is then
 * bit-identical to scipy's for the same weights. */

/* A vector of p[0 .. VL), or of its first nt lanes (nt > 0: a masked tail,
 * on the AVX-512 level only), and the store of as many. */
KT_ALWAYS_INLINE VT FN(ld)(const T *p, const ptrdiff_t nt)
{
#if KT_HAVE_MASKED
    if (nt)
        return KT_CAT(kt_vload_n_, SFX)(p, nt);
#endif
    (void)nt;
    return LD(p);
}

KT_ALWAYS_INLINE void FN(st)(T *p, VT v, const ptrdiff_t nt)
{
#if KT_HAVE_MASKED
    if (nt) {
        KT_CAT(kt_vstore_n_, SFX)(p, v, nt);
        return;
    }
#endif
    (void)nt;
    ST(p, v);
}

/* NU (1 or 4) vectors of vert at column x: rows c[-r .. r] around the centre
 * (nt > 0: one vector of nt lanes, the row's masked tail) */
KT_ALWAYS_INLINE void FN(vert_vecs)(const T *const *c, ptrdiff_t x, const T *w, ptrdiff_t r,
                                    T *restrict out, const int sym, const int NU,
                                    const ptrdiff_t nt)
{
    VT a[4];
    if (sym == 0) {
        /* the last tap first, then the others in order (scipy's order) */
        const T wl = w[2 * r];
        for (int u = 0; u < NU; u++)
            a[u] = wl * FN(ld)(c[r] + x + u * VL, nt);
        for (ptrdiff_t k = -r; k < r; k++) {
            const T wk = w[k + r];
            const T *p = c[k] + x;
            for (int u = 0; u < NU; u++)
                a[u] = VMADD(wk, FN(ld)(p + u * VL, nt), a[u]);
        }
    } else {
        /* the centre term also for antisymmetric kernels (w[0] = 0):
         * 0 * NaN and 0 * inf are NaN, as in scipy */
        const T w0 = w[0];
        for (int u = 0; u < NU; u++)
            a[u] = w0 * FN(ld)(c[0] + x + u * VL, nt);
        for (ptrdiff_t k = r; k >= 1; k--) {
            const T wk = w[k];
            const T *p = c[k] + x, *q = c[-k] + x;
            for (int u = 0; u < NU; u++) {
                const VT pu = FN(ld)(p + u * VL, nt), qu = FN(ld)(q + u * VL, nt);
                const VT s = sym == 1 ? pu + qu : qu - pu;
                a[u] = VMADD(wk, s, a[u]);
            }
        }
    }
    for (int u = 0; u < NU; u++)
        FN(st)(out + x + u * VL, a[u], nt);
}

static inline __attribute__((always_inline)) void
FN(vert_k)(const T *const *rows, ptrdiff_t x0, const T *w, ptrdiff_t r, ptrdiff_t W,
           T *restrict out, const int sym)
{
    const T *const *c = rows + r;
    ptrdiff_t x = x0;
    W += x0;
    out -= x0;
    for (; x + 4 * VL <= W; x += 4 * VL)
        FN(vert_vecs)(c, x, w, r, out, sym, 4, 0);
    for (; x + VL <= W; x += VL)
        FN(vert_vecs)(c, x, w, r, out, sym, 1, 0);
#if KT_HAVE_MASKED
    if (x < W)
        FN(vert_vecs)(c, x, w, r, out, sym, 1, W - x);
    return;
#endif
    for (; x < W; x++) {
        T a;
        if (sym == 0) {
            a = w[2 * r] * c[r][x];
            for (ptrdiff_t k = -r; k < r; k++)
                a = SMADD(w[k + r], c[k][x], a);
        } else {
            a = w[0] * c[0][x];
            for (ptrdiff_t k = r; k >= 1; k--)
                a = SMADD(w[k], (sym == 1 ? c[k][x] + c[-k][x] : c[-k][x] - c[k][x]), a);
        }
        out[x] = a;
    }
}

/* columns [x0, x0 + W) of the rows into out[0 .. W).  Radii up to 8 get
 * their own instance (a constant r): the taps unroll, and weights and row
 * pointers stay in registers across x. */
static void FN(vert)(const T *const *rows, ptrdiff_t x0, const T *w, ptrdiff_t r, ptrdiff_t W,
                     T *restrict out, int sym)
{
    if (sym == 1) {
        switch (r) {
        case 1: FN(vert_k)(rows, x0, w, 1, W, out, 1); return;
        case 2: FN(vert_k)(rows, x0, w, 2, W, out, 1); return;
        case 3: FN(vert_k)(rows, x0, w, 3, W, out, 1); return;
        case 4: FN(vert_k)(rows, x0, w, 4, W, out, 1); return;
        case 5: FN(vert_k)(rows, x0, w, 5, W, out, 1); return;
        case 6: FN(vert_k)(rows, x0, w, 6, W, out, 1); return;
        case 7: FN(vert_k)(rows, x0, w, 7, W, out, 1); return;
        case 8: FN(vert_k)(rows, x0, w, 8, W, out, 1); return;
        default: FN(vert_k)(rows, x0, w, r, W, out, 1); return;
        }
    } else if (sym == -1) {
        switch (r) {
        case 1: FN(vert_k)(rows, x0, w, 1, W, out, -1); return;
        case 2: FN(vert_k)(rows, x0, w, 2, W, out, -1); return;
        case 3: FN(vert_k)(rows, x0, w, 3, W, out, -1); return;
        case 4: FN(vert_k)(rows, x0, w, 4, W, out, -1); return;
        case 5: FN(vert_k)(rows, x0, w, 5, W, out, -1); return;
        case 6: FN(vert_k)(rows, x0, w, 6, W, out, -1); return;
        case 7: FN(vert_k)(rows, x0, w, 7, W, out, -1); return;
        case 8: FN(vert_k)(rows, x0, w, 8, W, out, -1); return;
        default: FN(vert_k)(rows, x0, w, r, W, out, -1); return;
        }
    }
    FN(vert_k)(rows, x0, w, r, W, out, 0);
}

/* A full block of KT_VB_ROWS outputs for a small constant r: each column
 * vector walks down the block's 2r + KT_VB_ROWS rows once, the 2r + 1 rows in
 * use held in registers, so that a row is loaded once per block instead of
 * once per output (same summation order as vert_k).  outs[b] is output row b
 * at column 0; columns [x0, x0 + W) are computed. */
#define KT_VB_ROWS 8
#define KT_VB_MAXR 4
/* the block's column vector at x (nt > 0: of nt lanes, a masked tail) */
KT_ALWAYS_INLINE void FN(vert_block_col)(const T *const *rows, ptrdiff_t x, const T *w,
                                         const ptrdiff_t r, T *const *outs, const int sym,
                                         const ptrdiff_t nt)
{
    VT win[2 * KT_VB_MAXR + KT_VB_ROWS];
#pragma GCC unroll 8
    for (ptrdiff_t j = 0; j < 2 * r; j++)
        win[j] = FN(ld)(rows[j] + x, nt);
#pragma GCC unroll 8
    for (ptrdiff_t b = 0; b < KT_VB_ROWS; b++) {
        win[2 * r + b] = FN(ld)(rows[2 * r + b] + x, nt);
        const VT *c = win + b + r;
        VT a = w[0] * c[0];
#pragma GCC unroll 4
        for (ptrdiff_t k = r; k >= 1; k--)
            a = VMADD(w[k], (sym == 1 ? c[k] + c[-k] : c[-k] - c[k]), a);
        FN(st)(outs[b] + x, a, nt);
    }
}

static inline __attribute__((always_inline)) void
FN(vert_block_k)(const T *const *rows, ptrdiff_t x0, const T *w, const ptrdiff_t r, ptrdiff_t W,
                 T *const *outs, const int sym)
{
    const ptrdiff_t end = x0 + W;
    ptrdiff_t x = x0;
    for (; x + VL <= end; x += VL)
        FN(vert_block_col)(rows, x, w, r, outs, sym, 0);
#if KT_HAVE_MASKED
    if (x < end)
        FN(vert_block_col)(rows, x, w, r, outs, sym, end - x);
    return;
#endif
    for (; x < end; x++) {
        for (ptrdiff_t b = 0; b < KT_VB_ROWS; b++) {
            const T *const *c = rows + b + r;
            T a = w[0] * c[0][x];
            for (ptrdiff_t k = r; k >= 1; k--)
                a = SMADD(w[k], (sym == 1 ? c[k][x] + c[-k][x] : c[-k][x] - c[k][x]), a);
            outs[b][x] = a;
        }
    }
}

/* vert_block_k for r <= KT_VB_MAXR and a symmetric or antisymmetric kernel;
 * returns 0 (nothing done) otherwise. */
static int FN(vert_block)(const T *const *rows, ptrdiff_t x0, const T *w, ptrdiff_t r,
                          ptrdiff_t W, T *const *outs, int sym)
{
    if (sym == 1) {
        switch (r) {
        case 1: FN(vert_block_k)(rows, x0, w, 1, W, outs, 1); return 1;
        case 2: FN(vert_block_k)(rows, x0, w, 2, W, outs, 1); return 1;
        case 3: FN(vert_block_k)(rows, x0, w, 3, W, outs, 1); return 1;
        case 4: FN(vert_block_k)(rows, x0, w, 4, W, outs, 1); return 1;
        default: return 0;
        }
    }
    if (sym == -1) {
        switch (r) {
        case 1: FN(vert_block_k)(rows, x0, w, 1, W, outs, -1); return 1;
        case 2: FN(vert_block_k)(rows, x0, w, 2, W, outs, -1); return 1;
        case 3: FN(vert_block_k)(rows, x0, w, 3, W, outs, -1); return 1;
        case 4: FN(vert_block_k)(rows, x0, w, 4, W, outs, -1); return 1;
        default: return 0;
        }
    }
    return 0;
}

/* NU (1 or 4) vectors of horiz at x (b[x - r .. x + r] read; nt > 0: one
 * vector of nt lanes, the line's masked tail) */
KT_ALWAYS_INLINE void FN(horiz_vecs)(const T *b, ptrdiff_t x, const T *w, ptrdiff_t r,
                                     T *restrict out, const int sym, const int NU,
                                     const ptrdiff_t nt)
{
    const T *p = b + x;
    VT a[4];
    if (sym == 0) {
        const T wl = w[2 * r];
        for (int u = 0; u < NU; u++)
            a[u] = wl * FN(ld)(p + r + u * VL, nt);
        for (ptrdiff_t k = -r; k < r; k++) {
            const T wk = w[k + r];
            for (int u = 0; u < NU; u++)
                a[u] = VMADD(wk, FN(ld)(p + k + u * VL, nt), a[u]);
        }
    } else {
        const T w0 = w[0];
        for (int u = 0; u < NU; u++)
            a[u] = w0 * FN(ld)(p + u * VL, nt);
        for (ptrdiff_t k = r; k >= 1; k--) {
            const T wk = w[k];
            for (int u = 0; u < NU; u++) {
                const VT pk = FN(ld)(p + k + u * VL, nt), mk = FN(ld)(p - k + u * VL, nt);
                const VT s = sym == 1 ? pk + mk : mk - pk;
                a[u] = VMADD(wk, s, a[u]);
            }
        }
    }
    for (int u = 0; u < NU; u++)
        FN(st)(out + x + u * VL, a[u], nt);
}

static inline __attribute__((always_inline)) void
FN(horiz_k)(const T *b, ptrdiff_t n, const T *w, ptrdiff_t r, T *restrict out, const int sym)
{
    ptrdiff_t x = 0;
    for (; x + 4 * VL <= n; x += 4 * VL)
        FN(horiz_vecs)(b, x, w, r, out, sym, 4, 0);
    for (; x + VL <= n; x += VL)
        FN(horiz_vecs)(b, x, w, r, out, sym, 1, 0);
#if KT_HAVE_MASKED
    if (x < n)
        FN(horiz_vecs)(b, x, w, r, out, sym, 1, n - x);
    return;
#endif
    for (; x < n; x++) {
        const T *p = b + x;
        T a;
        if (sym == 0) {
            a = w[2 * r] * p[r];
            for (ptrdiff_t k = -r; k < r; k++)
                a = SMADD(w[k + r], p[k], a);
        } else {
            a = w[0] * p[0];
            for (ptrdiff_t k = r; k >= 1; k--)
                a = SMADD(w[k], (sym == 1 ? p[k] + p[-k] : p[-k] - p[k]), a);
        }
        out[x] = a;
    }
}

static void FN(horiz)(const T *b, ptrdiff_t n, const T *w, ptrdiff_t r, T *restrict out, int sym)
{
    if (sym == 1) {
        switch (r) {
        case 1: FN(horiz_k)(b, n, w, 1, out, 1); return;
        case 2: FN(horiz_k)(b, n, w, 2, out, 1); return;
        case 3: FN(horiz_k)(b, n, w, 3, out, 1); return;
        case 4: FN(horiz_k)(b, n, w, 4, out, 1); return;
        case 5: FN(horiz_k)(b, n, w, 5, out, 1); return;
        case 6: FN(horiz_k)(b, n, w, 6, out, 1); return;
        case 7: FN(horiz_k)(b, n, w, 7, out, 1); return;
        case 8: FN(horiz_k)(b, n, w, 8, out, 1); return;
        default: FN(horiz_k)(b, n, w, r, out, 1); return;
        }
    } else if (sym == -1) {
        switch (r) {
        case 1: FN(horiz_k)(b, n, w, 1, out, -1); return;
        case 2: FN(horiz_k)(b, n, w, 2, out, -1); return;
        case 3: FN(horiz_k)(b, n, w, 3, out, -1); return;
        case 4: FN(horiz_k)(b, n, w, 4, out, -1); return;
        case 5: FN(horiz_k)(b, n, w, 5, out, -1); return;
        case 6: FN(horiz_k)(b, n, w, 6, out, -1); return;
        case 7: FN(horiz_k)(b, n, w, 7, out, -1); return;
        case 8: FN(horiz_k)(b, n, w, 8, out, -1); return;
        default: FN(horiz_k)(b, n, w, r, out, -1); return;
        }
    }
    FN(horiz_k)(b, n, w, r, out, 0);
}

/* ---- moving data ---------------------------------------------------------- */

static inline void FN(gather)(const char *src, ptrdiff_t stride, ptrdiff_t n, T *restrict dst)
{
    if (stride == (ptrdiff_t)sizeof(T)) {
        memcpy(dst, src, (size_t)n * sizeof(T));
        return;
    }
    for (ptrdiff_t i = 0; i < n; i++)
        dst[i] = *(const T *)(src + i * stride);
}

static inline void FN(scatter)(const T *src, ptrdiff_t n, char *dst, ptrdiff_t stride)
{
    for (ptrdiff_t i = 0; i < n; i++)
        *(T *)(dst + i * stride) = src[i];
}

static inline void FN(fill)(T *dst, ptrdiff_t n, T v)
{
    for (ptrdiff_t i = 0; i < n; i++)
        dst[i] = v;
}

/* Extends b[0 .. n) to b[-r .. n + r) in place by the boundary mode. */
static void FN(extend)(T *b, ptrdiff_t n, ptrdiff_t r, int mode, T cval)
{
    for (ptrdiff_t t = 1; t <= r; t++) {
        ptrdiff_t m = kt_map_index(-t, n, mode);
        b[-t] = m < 0 ? cval : b[m];
        m = kt_map_index(n - 1 + t, n, mode);
        b[n - 1 + t] = m < 0 ? cval : b[m];
    }
}

/* Offsets (bytes) of outer index o in source and destination. */
static inline void FN(outer_offsets)(const kt__cstep *st, ptrdiff_t o, ptrdiff_t *os, ptrdiff_t *oo)
{
    kt_outer_offsets(st->nouter, st->olen, st->osin, st->osout, o, os, oo);
}

/* ---- row and fused steps ----------------------------------------------------
 * An item is (outer index, strip of the inner dimension, chunk [i0, i1) of the
 * filtered axis).  A ring of 2r+B rows holds the virtual rows a block of B
 * outputs reads.  Rows inside [i0, i1) are copied from the source just before
 * they are needed (not yet overwritten, even in place); the 2r rows outside it
 * (neighbouring chunks or the boundary extension) come from a snapshot taken
 * before any write. */

typedef struct {
    const char *src;  /* source at (outer, strip start) */
    char *dst;
    ptrdiff_t w;      /* strip width */
    ptrdiff_t i0, i1;
} FN(item);

static void FN(item_locate)(const kt__cstep *st, const char *src, char *dst, ptrdiff_t it,
                            FN(item) *im)
{
    ptrdiff_t c = it % st->rchunks, rest = it / st->rchunks;
    ptrdiff_t s = rest % st->nstrips, o = rest / st->nstrips;
    ptrdiff_t os, oo;
    FN(outer_offsets)(st, o, &os, &oo);
    ptrdiff_t j0 = s * st->W;
    im->w = st->L - j0 < st->W ? st->L - j0 : st->W;
    im->src = src + os + j0 * st->lin;
    im->dst = dst + oo + j0 * st->lout;
    im->i0 = c * st->chunk;
    im->i1 = im->i0 + st->chunk < st->n ? im->i0 + st->chunk : st->n;
}

static void FN(snapshot)(const kt__cstep *st, const FN(item) *im, T *snap)
{
    const kt_pass *p = st->p;
    const ptrdiff_t r = p->radius, w = im->w;
    for (ptrdiff_t t = 0; t < 2 * r; t++) {
        ptrdiff_t v = t < r ? im->i0 - r + t : im->i1 + (t - r);
        ptrdiff_t m = kt_map_index(v, st->n, p->mode);
        if (m < 0)
            FN(fill)(snap + t * w, w, (T)p->cval);
        else
            FN(gather)(im->src + m * st->sin, st->lin, w, snap + t * w);
    }
}

/* The 2r + nb rows block [ib, ib + nb) reads: rp[j] = virtual row ib - r + j.
 * Read in place (zero_copy: the source is read only in this step, its rows
 * contiguous): the source rows themselves, the mode's row for rows beyond the
 * axis, a row of cval for the constant mode.  Otherwise the rows come from
 * the ring, into which the new ones are copied (from the source inside the
 * item's chunk [i0, i1), from the snapshot outside it). */
static void FN(block_rows)(const kt__cstep *st, const FN(item) *im, const T *snap, T *ring,
                           ptrdiff_t pitch, const T *cval_row, int zero_copy, ptrdiff_t ib,
                           ptrdiff_t nb, int first, const T **rp)
{
    const kt_pass *p = st->p;
    const ptrdiff_t r = p->radius, w = im->w, R = 2 * r + st->B;
    const ptrdiff_t i0 = im->i0, i1 = im->i1, base = i0 - r;
    for (ptrdiff_t j = 0; j < 2 * r + nb; j++) {
        const ptrdiff_t v = ib - r + j;
        if (zero_copy) {
            const ptrdiff_t m = kt_map_index(v, st->n, p->mode);
            rp[j] = m < 0 ? cval_row : (const T *)(im->src + m * st->sin);
            continue;
        }
        T *slot = ring + ((v - base) % R) * pitch;
        rp[j] = slot;
        if (!first && j < 2 * r)
            continue; /* already in the ring from the previous block */
        if (v >= i0 && v < i1)
            FN(gather)(im->src + v * st->sin, st->lin, w, slot);
        else
            memcpy(slot, snap + (v < i0 ? v - base : r + v - i1) * w, (size_t)w * sizeof(T));
    }
}

static void FN(run_rows)(const kt__cstep *st, const T *wts, const FN(item) *im, const T *snap,
                         char *tbuf, int zero_copy)
{
    const ptrdiff_t r = st->p->radius, w = im->w, B = st->B;
    const ptrdiff_t isz = (ptrdiff_t)sizeof(T);
    const int fused = st->kind == KT_STEP_FUSED;
    /* Blocks of B output rows, each reading 2r + B rows (in place, or from a
     * ring of 2r + B rows into which the block's B new rows are copied: whole
     * item-width rows, long sequential reads); the vertical kernel sweeps
     * SW-wide sub-strips over the block, so that the 2r + B rows of a
     * sub-strip stay in L1.  FUSED: the block's vertical results go to a
     * tile whose rows then get the line pass. */
    const ptrdiff_t SW = st->SW;
    const ptrdiff_t rq = fused ? st->q->radius : 0, tw = w + 2 * rq;
    /* ring rows `pitch` apart: a multiple of 64 bytes that is not one of
     * 4 kB, so that a column of the ring does not fall into one L1 set */
    const ptrdiff_t pitch = kt_ring_pitch(st->W, isz);
    T *ring = (T *)(tbuf + st->tb_off[KT_TB_RING]);
    const T **rp = (const T **)(tbuf + st->tb_off[KT_TB_TABLE]);
    T *tile = (T *)(tbuf + st->tb_off[KT_TB_TILE]);
    T *tmp = (T *)(tbuf + st->tb_off[KT_TB_TMP]);
    const int direct = st->lout == isz;
    if (zero_copy && st->p->mode == KT_MODE_CONSTANT) /* the ring is free: a row of cval */
        FN(fill)(ring, w, (T)st->p->cval);
    for (ptrdiff_t ib = im->i0; ib < im->i1; ib += B) {
        const ptrdiff_t nb = im->i1 - ib < B ? im->i1 - ib : B;
        FN(block_rows)(st, im, snap, ring, pitch, ring, zero_copy, ib, nb, ib == im->i0, rp);
        int done = 0;
        if (nb == KT_VB_ROWS && B == KT_VB_ROWS && r <= KT_VB_MAXR && (fused || direct)) {
            T *outs[KT_VB_ROWS];
            for (ptrdiff_t b = 0; b < KT_VB_ROWS; b++)
                outs[b] = fused ? tile + b * tw + rq : (T *)(im->dst + (ib + b) * st->sout);
            for (ptrdiff_t js = 0; js < w && (js == 0 || done); js += SW) {
                const ptrdiff_t sw = w - js < SW ? w - js : SW;
                done = FN(vert_block)(rp, js, wts + st->wp, r, sw, outs, st->symp);
            }
        }
        for (ptrdiff_t js = 0; js < w && !done; js += SW) {
            const ptrdiff_t sw = w - js < SW ? w - js : SW;
            for (ptrdiff_t i = ib; i < ib + nb; i++) {
                T *o;
                if (fused)
                    o = tile + (i - ib) * tw + rq + js;
                else
                    o = direct ? (T *)(im->dst + i * st->sout) + js : tmp;
                FN(vert)(rp + (i - ib), js, wts + st->wp, r, sw, o, st->symp);
                if (!fused && !direct)
                    FN(scatter)(tmp, sw, im->dst + i * st->sout + js * st->lout, st->lout);
            }
        }
        if (!fused)
            continue;
        for (ptrdiff_t i = ib; i < ib + nb; i++) {
            T *line = tile + (i - ib) * tw + rq;
            char *drow = im->dst + i * st->sout;
            FN(extend)(line, w, rq, st->q->mode, (T)st->q->cval);
            T *o = direct ? (T *)drow : tmp;
            FN(horiz)(line, w, wts + st->wq, rq, o, st->symq);
            if (!direct)
                FN(scatter)(tmp, w, drow, st->lout);
        }
    }
}

static void FN(run_line)(const kt__cstep *st, const T *wts, const char *src, char *dst,
                         ptrdiff_t it, char *tbuf)
{
    const kt_pass *p = st->p;
    const ptrdiff_t r = p->radius, n = st->n;
    ptrdiff_t os, oo;
    FN(outer_offsets)(st, it, &os, &oo);
    T *buf = (T *)(tbuf + st->tb_off[KT_TB_LINE]) + r;
    T *tmp = (T *)(tbuf + st->tb_off[KT_TB_LTMP]);
    FN(gather)(src + os, st->sin, n, buf);
    FN(extend)(buf, n, r, p->mode, (T)p->cval);
    const int direct = st->sout == (ptrdiff_t)sizeof(T);
    T *o = direct ? (T *)(dst + oo) : tmp;
    FN(horiz)(buf, n, wts + st->wp, r, o, st->symp);
    if (!direct)
        FN(scatter)(tmp, n, dst + oo, st->sout);
}

/* What the parallel tasks of one step share. */
typedef struct {
    const kt__cstep *st;
    const T *wts;
    const char *src;
    char *dst;
    char *work;    /* the step's work area: threads' areas, then items' snapshots */
    int zero_copy; /* the rows are read in place (see block_rows) */
} FN(task);

static char *FN(thread_area)(const FN(task) *tk, int tid)
{
    return tk->work + (size_t)tid * tk->st->thread_stride;
}

static T *FN(item_snap)(const FN(task) *tk, ptrdiff_t it)
{
    return (T *)(tk->work + tk->st->items_off + (size_t)it * tk->st->item_stride);
}

static void FN(task_line)(void *ctx, ptrdiff_t it, int tid)
{
    const FN(task) *tk = (const FN(task) *)ctx;
    FN(run_line)(tk->st, tk->wts, tk->src, tk->dst, it, FN(thread_area)(tk, tid));
}

/* One item with its snapshot in the thread's area (rchunks == 1: no other
 * item writes the rows this one reads). */
static void FN(task_rows)(void *ctx, ptrdiff_t it, int tid)
{
    const FN(task) *tk = (const FN(task) *)ctx;
    const kt__cstep *st = tk->st;
    char *tb = FN(thread_area)(tk, tid);
    T *snap = (T *)(tb + st->tb_off[KT_TB_SNAP]);
    FN(item) im;
    FN(item_locate)(st, tk->src, tk->dst, it, &im);
    if (!tk->zero_copy)
        FN(snapshot)(st, &im, snap);
    FN(run_rows)(st, tk->wts, &im, snap, tb, tk->zero_copy);
}

static void FN(task_snap)(void *ctx, ptrdiff_t it, int tid)
{
    const FN(task) *tk = (const FN(task) *)ctx;
    FN(item) im;
    (void)tid;
    FN(item_locate)(tk->st, tk->src, tk->dst, it, &im);
    FN(snapshot)(tk->st, &im, FN(item_snap)(tk, it));
}

static void FN(task_chunk)(void *ctx, ptrdiff_t it, int tid)
{
    const FN(task) *tk = (const FN(task) *)ctx;
    FN(item) im;
    FN(item_locate)(tk->st, tk->src, tk->dst, it, &im);
    FN(run_rows)(tk->st, tk->wts, &im, FN(item_snap)(tk, it), FN(thread_area)(tk, tid),
                 tk->zero_copy);
}

static int FN(run_step)(const kt_plan_info *info, const kt__cstep *st, int nt, const T *wts,
                        const char *src, char *dst, char *work, int zero_copy)
{
    FN(task) tk = {st, wts, src, dst, work, zero_copy};
    if (st->kind == KT_STEP_LINE) {
        ptrdiff_t grain = (st->nitems + 8 * nt - 1) / (8 * nt);
        return kt__parallel_for(info, nt, st->nitems, grain, FN(task_line), &tk);
    }
    if (st->rchunks == 1 || zero_copy)
        return kt__parallel_for(info, nt, st->nitems, 1, FN(task_rows), &tk);
    /* chunks of one column read their neighbours' rows: every snapshot is
     * taken (and the threads joined) before any chunk writes */
    int s = kt__parallel_for(info, nt, st->nitems, 1, FN(task_snap), &tk);
    return s != KT_OK ? s : kt__parallel_for(info, nt, st->nitems, 1, FN(task_chunk), &tk);
}

/* The ISA-specific body of kt_correlate_execute_<SFX> (the plan checked). */
KT_HIDDEN int FN(kt__correlate)(const kt_correlate_plan *pl, const T *in, T *out, void *scratch,
                                int nthreads, int distinct)
{
    char *base = (char *)kt_align_ptr(scratch);
    T *wts = (T *)base;
    char *work = base + pl->work_off;
    for (int i = 0; i < pl->npasses; i++) {
        const kt_pass *p = &pl->passes[i];
        const int sym = pl->sym[i];
        T *w = wts + pl->woff[i];
        const ptrdiff_t r = p->radius;
        /* folded kernels hold the weights of the negative side, whose terms
         * are (x[k] + x[-k]) w[-k] and (x[-k] - x[k]) w[-k] as in scipy (the
         * same zeros' signs; the sides may differ within DBL_EPSILON) */
        const ptrdiff_t nw = sym == 0 ? 2 * r + 1 : r + 1;
        for (ptrdiff_t k = 0; k < nw; k++) {
            const double wd = p->weights[sym == 0 ? k : r - k];
            w[k] = (T)wd;
#if KT_IS_F32
            /* a weight too small for float32 keeps the smallest subnormal
             * of its sign: an inf it meets still gives inf, as it does in
             * float64 (scipy's), rather than 0 * inf = NaN */
            if (w[k] == 0.0f && wd != 0.0)
                w[k] = wd > 0.0 ? FLT_TRUE_MIN : -FLT_TRUE_MIN;
#endif
        }
    }
    for (int i = 0; i < pl->nsteps; i++) {
        kt__cstep st;
        kt__correlate_expand(pl, i, &st);
        const char *src = st.from_in ? (const char *)in : (const char *)out;
        const int nt = nthreads < pl->steps[i].nthreads ? nthreads : pl->steps[i].nthreads;
        /* the first step reads `in`, which it never writes when the arrays
         * are distinct: its rows are then read in place, where the block
         * kernel (small radii) reads each row once per block.  Larger radii
         * read the 2r + B rows of a sub-strip once per output row: they
         * stay in L1 only in the ring (its pitch avoids 4 kB aliasing, its
         * rows are filled by long sequential copies), which measured 1.4-1.7x
         * faster than reading in place at sigma 3 and 10 (4096^2 float32) */
        const int zero_copy = st.from_in && distinct && st.lin == (ptrdiff_t)sizeof(T) &&
                              st.p->radius <= KT_VB_MAXR && st.B == KT_VB_ROWS;
        const int s = FN(run_step)(&pl->info, &st, nt, wts, src, (char *)out, work, zero_copy);
        if (s != KT_OK)
            return s;
    }
    return KT_OK;
}

#undef FN
#undef VMADD
#undef SMADD
#undef KT_VB_ROWS
#undef KT_VB_MAXR
#undef VL
#undef VT
#undef VTU
#undef LD
#undef ST
