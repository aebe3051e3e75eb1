/* The recursive Gaussian for one data type: ONE template, included by
 * recursive_exec.c once per precision with T (float/double), SFX (f32/f64)
 * and KT_IS_F32 defined.
 *
 * Data are held in T; the recursion state is double (kt_rg_vd registers).
 * Each line is filtered in offset coordinates x' = x - c, with c its first
 * sample (of the extended line), so that a constant line stays exactly
 * constant and rounding scales with the deviation from c.  The causal output w' is stored in T: rounding it to
 * float32 adds at most about one float32 rounding to the result (the anti-
 * causal pass has gain ~1), while the state the recursion carries, and the
 * three values the right boundary condition amplifies, stay double.
 *
 * An item reads all of its input before it writes any output, and items
 * cover disjoint parts of the array: in == out is safe. */

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#if KT_IS_F32
#define TI int32_t
#else
#define TI int64_t
#endif
/* rows per tile of the transposing copies of the line steps */
#define KT_RG_TILE 64
/* vectors of 4 columns per group in the block kernels (at most 4; 2 measured
 * best: wider groups spill registers) */
#ifndef KT_RG_NV
#define KT_RG_NV 2
#endif

typedef T FN(kt_rg_v4) __attribute__((vector_size(4 * sizeof(T))));
typedef T FN(kt_rg_v4u) __attribute__((vector_size(4 * sizeof(T)), aligned(sizeof(T)), may_alias));
typedef TI FN(kt_rg_m4) __attribute__((vector_size(4 * sizeof(T))));

#define LDT(p) __builtin_convertvector(*(const FN(kt_rg_v4u) *)(p), kt_rg_vd)
#define STT(p, v) (*(FN(kt_rg_v4u) *)(p) = __builtin_convertvector((v), FN(kt_rg_v4)))

#include "vec.h" /* KT_SHUFFLE */
#define SHUF4(a, b, i0, i1, i2, i3) KT_SHUFFLE((a), (b), FN(kt_rg_m4), i0, i1, i2, i3)

/* ---- recursion kernels on the block: a group of nv (1 .. KT_RG_NV) vectors
 * of 4 columns, the state in registers, walking down (causal) or up (anti-causal)
 * the rows of the block (row stride W elements). */

/* Causal: rows [0, ne) hold x (T); they become w' = w - off (T).  The state
 * starts at ini (the left boundary value minus off); st rows 0..2 (stride W)
 * receive w'[ne-1], w'[ne-2], w'[ne-3]. */
KT_ALWAYS_INLINE void FN(kt__rg_causal_k)(T *b, ptrdiff_t ne, ptrdiff_t W, const double *off,
                                          const double *ini, double *st, const kt__rg_coef *c,
                                          const int nv)
{
    const double B = c->B, a1 = c->a1, a2 = c->a2, a3 = c->a3;
    kt_rg_vd w1[4], w2[4], w3[4], o[4];
    for (int v = 0; v < nv; v++) {
        w1[v] = w2[v] = w3[v] = VLD(ini + 4 * v);
        o[v] = VLD(off + 4 * v);
    }
    for (ptrdiff_t r = 0; r < ne; r++) {
        T *p = b + r * W;
        for (int v = 0; v < nv; v++) {
            const kt_rg_vd x = LDT(p + 4 * v) - o[v];
            const kt_rg_vd w = a1 * w1[v] + (a2 * w2[v] + (a3 * w3[v] + B * x));
            STT(p + 4 * v, w);
            w3[v] = w2[v];
            w2[v] = w1[v];
            w1[v] = w;
        }
    }
    for (int v = 0; v < nv; v++) {
        VST(st + 4 * v, w1[v]);
        VST(st + W + 4 * v, w2[v]);
        VST(st + 2 * W + 4 * v, w3[v]);
    }
}

/* Anti-causal: st rows 0..2 hold y'[ne-1], y'[ne], y'[ne+1]; rows
 * [r0, ne - 1) of the block hold w' (T).  Rows [r0, ne) become y = y' + off. */
KT_ALWAYS_INLINE void FN(kt__rg_anti_k)(T *b, ptrdiff_t ne, ptrdiff_t r0, ptrdiff_t W,
                                        const double *off, const double *st,
                                        const kt__rg_coef *c, const int nv)
{
    const double B = c->B, a1 = c->a1, a2 = c->a2, a3 = c->a3;
    kt_rg_vd y1[4], y2[4], y3[4], o[4];
    for (int v = 0; v < nv; v++) {
        y1[v] = VLD(st + 4 * v);
        y2[v] = VLD(st + W + 4 * v);
        y3[v] = VLD(st + 2 * W + 4 * v);
        o[v] = VLD(off + 4 * v);
        if (ne - 1 >= r0)
            STT(b + (ne - 1) * W + 4 * v, y1[v] + o[v]);
    }
    for (ptrdiff_t r = ne - 2; r >= r0; r--) {
        T *p = b + r * W;
        for (int v = 0; v < nv; v++) {
            const kt_rg_vd x = LDT(p + 4 * v);
            const kt_rg_vd y = a1 * y1[v] + (a2 * y2[v] + (a3 * y3[v] + B * x));
            STT(p + 4 * v, y + o[v]);
            y3[v] = y2[v];
            y2[v] = y1[v];
            y1[v] = y;
        }
    }
}

/* The whole filter on a block of nv4 columns (W >= 4), rows [0, ne) holding
 * the extended lines; rows [r0, ne) receive the result.  off: the offset
 * (the first sample); ini, u: the left and right boundary values, ini minus
 * off already (double, nv4 each); st: 3 x W doubles. */
static void FN(kt__rg_block)(T *blk, ptrdiff_t ne, ptrdiff_t r0, ptrdiff_t W, ptrdiff_t nv4,
                             const double *off, const double *ini, double *u, double *st,
                             const kt__rg_coef *c)
{
    ptrdiff_t k = 0;
    for (; k + 4 * KT_RG_NV <= nv4; k += 4 * KT_RG_NV)
        FN(kt__rg_causal_k)(blk + k, ne, W, off + k, ini + k, st + k, c, KT_RG_NV);
    for (; k < nv4; k += 4)
        FN(kt__rg_causal_k)(blk + k, ne, W, off + k, ini + k, st + k, c, 1);
    for (k = 0; k < nv4; k++)
        u[k] -= off[k];
    RFN(kt__rg_right)(st, W, nv4, u, c);
    for (k = 0; k + 4 * KT_RG_NV <= nv4; k += 4 * KT_RG_NV)
        FN(kt__rg_anti_k)(blk + k, ne, r0, W, off + k, st + k, c, KT_RG_NV);
    for (; k < nv4; k += 4)
        FN(kt__rg_anti_k)(blk + k, ne, r0, W, off + k, st + k, c, 1);
}

/* The same for one line (W = 1), scalar. */
static void FN(kt__rg_line)(T *b, ptrdiff_t ne, ptrdiff_t r0, double off, double ini, double u,
                            const kt__rg_coef *c)
{
    const double B = c->B, a1 = c->a1, a2 = c->a2, a3 = c->a3;
    double w1 = ini, w2 = ini, w3 = ini;
    for (ptrdiff_t r = 0; r < ne; r++) {
        const double w = a1 * w1 + (a2 * w2 + (a3 * w3 + B * ((double)b[r] - off)));
        b[r] = (T)w;
        w3 = w2;
        w2 = w1;
        w1 = w;
    }
    double st[3] = {w1, w2, w3}, uu = u - off;
    RFN(kt__rg_right)(st, 1, 1, &uu, c);
    double y1 = st[0], y2 = st[1], y3 = st[2];
    if (ne - 1 >= r0)
        b[ne - 1] = (T)(y1 + off);
    for (ptrdiff_t r = ne - 2; r >= r0; r--) {
        const double y = a1 * y1 + (a2 * y2 + (a3 * y3 + B * (double)b[r]));
        b[r] = (T)(y + off);
        y3 = y2;
        y2 = y1;
        y1 = y;
    }
}

/* ---- row steps: the axis is not innermost; an item is a strip of W adjacent
 * columns at one outer index.  Rows are loaded and filtered causally one at a
 * time (state in a ring of three double rows); w' of rows [P, ne) is kept in
 * the block; the anti-causal pass stores each output row as soon as it is
 * final. */

/* row[0 .. w) <- src[0 .. w) (elements `stride` bytes apart), row[w .. nv4) <- 0 */
static inline void FN(kt__rg_load)(const char *src, ptrdiff_t stride, ptrdiff_t w, ptrdiff_t nv4,
                                   double *restrict row)
{
    if (stride == (ptrdiff_t)sizeof(T)) {
        const T *s = (const T *)src;
        for (ptrdiff_t x = 0; x < w; x++)
            row[x] = (double)s[x];
    } else {
        for (ptrdiff_t x = 0; x < w; x++)
            row[x] = (double)*(const T *)(src + x * stride);
    }
    for (ptrdiff_t x = w; x < nv4; x++)
        row[x] = 0.0;
}

static inline void FN(kt__rg_store)(const double *restrict row, ptrdiff_t w, char *dst,
                                    ptrdiff_t stride)
{
    if (stride == (ptrdiff_t)sizeof(T)) {
        T *d = (T *)dst;
        for (ptrdiff_t x = 0; x < w; x++)
            d[x] = (T)row[x];
    } else {
        for (ptrdiff_t x = 0; x < w; x++)
            *(T *)(dst + x * stride) = (T)row[x];
    }
}

static void FN(kt__rg_rows_item)(const kt_recursive_plan *pl, const char *in, char *out, ptrdiff_t it,
                                 char *tb)
{
    const ptrdiff_t W = pl->W, n = pl->n, P = pl->P, ne = pl->ne;
    const ptrdiff_t s = it % pl->nblk, o = it / pl->nblk;
    ptrdiff_t os, oo;
    RFN(kt__rg_outer)(pl, o, &os, &oo);
    const ptrdiff_t j0 = s * W;
    const ptrdiff_t w = pl->L - j0 < W ? pl->L - j0 : W;
    const ptrdiff_t nv4 = (w + 3) / 4 * 4;
    const char *src = in + os + j0 * pl->lin;
    char *dst = out + oo + j0 * pl->lout;
    T *blk = (T *)(tb + pl->tb_off[KT_RG_TB_BLOCK]);
    double *ring = (double *)(tb + pl->tb_off[KT_RG_TB_DOUBLE]); /* 3 rows */
    double *xr = ring + 3 * W, *off = xr + W, *u = off + W, *ini = u + W;
    const kt__rg_coef *c = &pl->c;
    const double B = c->B, a1 = c->a1, a2 = c->a2, a3 = c->a3;
    const int constant = pl->mode == KT_MODE_CONSTANT;
    /* the offset: the first row of the extended line; the boundary values:
     * cval, or the first and last rows of the extended line */
    FN(kt__rg_load)(src + kt_map_index(-P, n, pl->mode) * pl->sin, pl->lin, w, nv4, off);
    if (constant)
        for (ptrdiff_t k = 0; k < nv4; k++)
            u[k] = pl->cval;
    else
        FN(kt__rg_load)(src + kt_map_index(n - 1 + P, n, pl->mode) * pl->sin, pl->lin, w, nv4, u);
    for (ptrdiff_t k = 0; k < nv4; k++)
        ini[k] = constant ? pl->cval - off[k] : 0.0;
    for (int j = 0; j < 3; j++)
        memcpy(ring + j * W, ini, (size_t)nv4 * sizeof(double));
    double *s1 = ring, *s2 = ring + W, *s3 = ring + 2 * W; /* w'[r-1], w'[r-2], w'[r-3] */
    const int pf_in = pl->lin == (ptrdiff_t)sizeof(T), pf_out = pl->lout == (ptrdiff_t)sizeof(T);
    const ptrdiff_t wb = w * (ptrdiff_t)sizeof(T);
    for (ptrdiff_t r = 0; r < ne; r++) {
        ptrdiff_t m = r - P;
        if (pf_in && m + KT_RG_AHEAD >= 0 && m + KT_RG_AHEAD < n)
            RFN(kt__rg_prefetch)(src + (m + KT_RG_AHEAD) * pl->sin, wb, 0);
        if (m < 0 || m >= n)
            m = kt_map_index(m, n, pl->mode); /* padded modes only: never -1 */
        FN(kt__rg_load)(src + m * pl->sin, pl->lin, w, nv4, xr);
        T *keep = r >= P ? blk + (r - P) * W : NULL;
        for (ptrdiff_t k = 0; k < nv4; k += 4) {
            const kt_rg_vd x = VLD(xr + k) - VLD(off + k);
            const kt_rg_vd wv = a1 * VLD(s1 + k) + (a2 * VLD(s2 + k) + (a3 * VLD(s3 + k) + B * x));
            VST(s3 + k, wv);
            if (keep)
                STT(keep + k, wv);
        }
        double *t = s3;
        s3 = s2;
        s2 = s1;
        s1 = t;
    }
    for (ptrdiff_t k = 0; k < nv4; k++)
        u[k] -= off[k];
    /* (s1, s2, s3) = w'[ne-1], w'[ne-2], w'[ne-3] -> y'[ne-1], y'[ne], y'[ne+1] */
    double *st = ring;
    if (s1 != ring) {
        /* bring them into ring order for kt__rg_right */
        for (ptrdiff_t k = 0; k < nv4; k++) {
            double a = s1[k], b2 = s2[k], b3 = s3[k];
            ring[k] = a;
            ring[W + k] = b2;
            ring[2 * W + k] = b3;
        }
    }
    RFN(kt__rg_right)(st, W, nv4, u, c);
    s1 = ring;
    s2 = ring + W;
    s3 = ring + 2 * W;
    for (ptrdiff_t r = ne - 1; r >= P; r--) {
        const ptrdiff_t m = r - P - KT_RG_AHEAD;
        if (pf_out && m >= 0 && m < n)
            RFN(kt__rg_prefetch)(dst + m * pl->sout, wb, 1);
        if (r < ne - 1) {
            const T *wrow = blk + (r - P) * W;
            for (ptrdiff_t k = 0; k < nv4; k += 4) {
                const kt_rg_vd y =
                    a1 * VLD(s1 + k) + (a2 * VLD(s2 + k) + (a3 * VLD(s3 + k) + B * LDT(wrow + k)));
                VST(s3 + k, y);
            }
            double *t = s3;
            s3 = s2;
            s2 = s1;
            s1 = t;
        }
        if (r < P + n) {
            for (ptrdiff_t k = 0; k < nv4; k += 4)
                VST(xr + k, VLD(s1 + k) + VLD(off + k));
            FN(kt__rg_store)(xr, w, dst + (r - P) * pl->sout, pl->lout);
        }
    }
}

/* ---- line steps: the axis is innermost (or the lines are too long to block
 * columns); an item is a group of up to W lines, transposed into the block
 * in tiles of KT_RG_TILE rows, 4 lines x 4 samples at a time when the lines
 * are contiguous (W = 1: one line, copied as it is). */

/* 4x4 transpose: a, b, c, d become the columns (a0 b0 c0 d0), ... */
KT_ALWAYS_INLINE void FN(kt__rg_t4)(FN(kt_rg_v4) *a, FN(kt_rg_v4) *b, FN(kt_rg_v4) *c,
                                    FN(kt_rg_v4) *d)
{
    const FN(kt_rg_v4) t0 = SHUF4(*a, *b, 0, 4, 2, 6), t1 = SHUF4(*a, *b, 1, 5, 3, 7);
    const FN(kt_rg_v4) t2 = SHUF4(*c, *d, 0, 4, 2, 6), t3 = SHUF4(*c, *d, 1, 5, 3, 7);
    *a = SHUF4(t0, t2, 0, 1, 4, 5);
    *b = SHUF4(t1, t3, 0, 1, 4, 5);
    *c = SHUF4(t0, t2, 2, 3, 6, 7);
    *d = SHUF4(t1, t3, 2, 3, 6, 7);
}

/* blk rows [r0, r1) <- samples [r0, r1) of lines [0, g) (line j at in + ois[j],
 * stride sin) in columns [0, g); columns [g, nv4) <- 0. */
static void FN(kt__rg_tile_in)(const char *in, const ptrdiff_t *ois, ptrdiff_t sin, ptrdiff_t g,
                               ptrdiff_t nv4, ptrdiff_t r0, ptrdiff_t r1, ptrdiff_t W,
                               T *restrict x0)
{
    ptrdiff_t j = 0;
    if (sin == (ptrdiff_t)sizeof(T)) {
        for (; j + 4 <= g; j += 4) {
            const T *s0 = (const T *)(in + ois[j]), *s1 = (const T *)(in + ois[j + 1]);
            const T *s2 = (const T *)(in + ois[j + 2]), *s3 = (const T *)(in + ois[j + 3]);
            ptrdiff_t r = r0;
            for (; r + 4 <= r1; r += 4) {
                FN(kt_rg_v4) a = *(const FN(kt_rg_v4u) *)(s0 + r);
                FN(kt_rg_v4) b = *(const FN(kt_rg_v4u) *)(s1 + r);
                FN(kt_rg_v4) c = *(const FN(kt_rg_v4u) *)(s2 + r);
                FN(kt_rg_v4) d = *(const FN(kt_rg_v4u) *)(s3 + r);
                FN(kt__rg_t4)(&a, &b, &c, &d);
                T *o = x0 + r * W + j;
                *(FN(kt_rg_v4u) *)o = a;
                *(FN(kt_rg_v4u) *)(o + W) = b;
                *(FN(kt_rg_v4u) *)(o + 2 * W) = c;
                *(FN(kt_rg_v4u) *)(o + 3 * W) = d;
            }
            for (; r < r1; r++) {
                T *o = x0 + r * W + j;
                o[0] = s0[r];
                o[1] = s1[r];
                o[2] = s2[r];
                o[3] = s3[r];
            }
        }
    }
    for (; j < g; j++) {
        const char *s = in + ois[j];
        for (ptrdiff_t r = r0; r < r1; r++)
            x0[r * W + j] = *(const T *)(s + r * sin);
    }
    if (g < nv4)
        for (ptrdiff_t r = r0; r < r1; r++)
            for (ptrdiff_t jj = g; jj < nv4; jj++)
                x0[r * W + jj] = 0;
}

/* The reverse: sample r of line j <- blk[r * W + j]. */
static void FN(kt__rg_tile_out)(const T *restrict x0, ptrdiff_t W, ptrdiff_t r0, ptrdiff_t r1,
                                ptrdiff_t g, char *out, const ptrdiff_t *oos, ptrdiff_t sout)
{
    ptrdiff_t j = 0;
    if (sout == (ptrdiff_t)sizeof(T)) {
        for (; j + 4 <= g; j += 4) {
            T *d0 = (T *)(out + oos[j]), *d1 = (T *)(out + oos[j + 1]);
            T *d2 = (T *)(out + oos[j + 2]), *d3 = (T *)(out + oos[j + 3]);
            ptrdiff_t r = r0;
            for (; r + 4 <= r1; r += 4) {
                const T *o = x0 + r * W + j;
                FN(kt_rg_v4) a = *(const FN(kt_rg_v4u) *)o;
                FN(kt_rg_v4) b = *(const FN(kt_rg_v4u) *)(o + W);
                FN(kt_rg_v4) c = *(const FN(kt_rg_v4u) *)(o + 2 * W);
                FN(kt_rg_v4) d = *(const FN(kt_rg_v4u) *)(o + 3 * W);
                FN(kt__rg_t4)(&a, &b, &c, &d);
                *(FN(kt_rg_v4u) *)(d0 + r) = a;
                *(FN(kt_rg_v4u) *)(d1 + r) = b;
                *(FN(kt_rg_v4u) *)(d2 + r) = c;
                *(FN(kt_rg_v4u) *)(d3 + r) = d;
            }
            for (; r < r1; r++) {
                const T *o = x0 + r * W + j;
                d0[r] = o[0];
                d1[r] = o[1];
                d2[r] = o[2];
                d3[r] = o[3];
            }
        }
    }
    for (; j < g; j++) {
        char *d = out + oos[j];
        for (ptrdiff_t r = r0; r < r1; r++)
            *(T *)(d + r * sout) = x0[r * W + j];
    }
}

static void FN(kt__rg_lines_item)(const kt_recursive_plan *pl, const char *in, char *out, ptrdiff_t it,
                                  char *tb)
{
    const ptrdiff_t W = pl->W, n = pl->n, P = pl->P, ne = pl->ne;
    const ptrdiff_t sin = pl->sin, sout = pl->sout;
    const ptrdiff_t l0 = it * W;
    const ptrdiff_t g = pl->nouter_total - l0 < W ? pl->nouter_total - l0 : W;
    const ptrdiff_t nv4 = W == 1 ? 1 : (g + 3) / 4 * 4;
    T *blk = (T *)(tb + pl->tb_off[KT_RG_TB_BLOCK]);
    double *st = (double *)(tb + pl->tb_off[KT_RG_TB_DOUBLE]); /* 3 rows */
    double *off = st + 3 * W, *u = off + W, *ini = u + W;
    ptrdiff_t *ois = (ptrdiff_t *)(tb + pl->tb_off[KT_RG_TB_OFFSETS]), *oos = ois + W;
    for (ptrdiff_t j = 0; j < g; j++)
        RFN(kt__rg_outer)(pl, l0 + j, &ois[j], &oos[j]);
    T *x0 = blk + P * W; /* sample 0 of the lines */
    if (W == 1) {
        if (sin == (ptrdiff_t)sizeof(T))
            memcpy(x0, in + ois[0], (size_t)n * sizeof(T));
        else
            for (ptrdiff_t r = 0; r < n; r++)
                x0[r] = *(const T *)(in + ois[0] + r * sin);
    } else {
        for (ptrdiff_t r0 = 0; r0 < n; r0 += KT_RG_TILE) {
            const ptrdiff_t r1 = n - r0 < KT_RG_TILE ? n : r0 + KT_RG_TILE;
            if (sin == (ptrdiff_t)sizeof(T) && r1 < n)
                for (ptrdiff_t j = 0; j < g; j++)
                    RFN(kt__rg_prefetch)(in + ois[j] + r1 * sin,
                                         (n - r1 < KT_RG_TILE ? n - r1 : KT_RG_TILE) * sin, 0);
            FN(kt__rg_tile_in)(in, ois, sin, g, nv4, r0, r1, W, x0);
        }
    }
    /* the padding, from the rows just loaded */
    for (ptrdiff_t r = 0; r < ne; r++) {
        if (r == P) {
            r = P + n - 1;
            continue;
        }
        const ptrdiff_t m = kt_map_index(r - P, n, pl->mode);
        memcpy(blk + r * W, x0 + m * W, (size_t)nv4 * sizeof(T));
    }
    const int constant = pl->mode == KT_MODE_CONSTANT;
    for (ptrdiff_t k = 0; k < nv4; k++) {
        off[k] = (double)blk[k];
        ini[k] = constant ? pl->cval - off[k] : 0.0;
        u[k] = constant ? pl->cval : (double)blk[(ne - 1) * W + k];
    }
    if (W == 1)
        FN(kt__rg_line)(blk, ne, P, off[0], ini[0], u[0], &pl->c);
    else
        FN(kt__rg_block)(blk, ne, P, W, nv4, off, ini, u, st, &pl->c);
    if (W == 1) {
        if (sout == (ptrdiff_t)sizeof(T))
            memcpy(out + oos[0], x0, (size_t)n * sizeof(T));
        else
            for (ptrdiff_t r = 0; r < n; r++)
                *(T *)(out + oos[0] + r * sout) = x0[r];
        return;
    }
    for (ptrdiff_t r0 = 0; r0 < n; r0 += KT_RG_TILE) {
        const ptrdiff_t r1 = n - r0 < KT_RG_TILE ? n : r0 + KT_RG_TILE;
        if (sout == (ptrdiff_t)sizeof(T) && r1 < n)
            for (ptrdiff_t j = 0; j < g; j++)
                RFN(kt__rg_prefetch)(out + oos[j] + r1 * sout,
                                     (n - r1 < KT_RG_TILE ? n - r1 : KT_RG_TILE) * sout, 1);
        FN(kt__rg_tile_out)(x0, W, r0, r1, g, out, oos, sout);
    }
}

typedef struct {
    const kt_recursive_plan *pl;
    const char *in;
    char *out, *base;
} FN(kt__rg_task);

static void FN(kt__rg_item)(void *ctx, ptrdiff_t it, int tid)
{
    const FN(kt__rg_task) *tk = (const FN(kt__rg_task) *)ctx;
    char *tb = tk->base + (size_t)tid * tk->pl->thread_stride;
    if (tk->pl->lines)
        FN(kt__rg_lines_item)(tk->pl, tk->in, tk->out, it, tb);
    else
        FN(kt__rg_rows_item)(tk->pl, tk->in, tk->out, it, tb);
}

/* The ISA-specific body of kt_recursive_execute_<SFX> (the plan checked,
 * the array not empty). */
KT_HIDDEN int FN(kt__rg_run)(const kt_recursive_plan *pl, const T *in, T *out, void *scratch,
                             int nthreads)
{
    FN(kt__rg_task) tk = {pl, (const char *)in, (char *)out, (char *)kt_align_ptr(scratch)};
    return kt__parallel_for(&pl->info, nthreads, pl->nitems, 1, FN(kt__rg_item), &tk);
}

#undef FN
#undef KT_RG_TILE
#undef KT_RG_NV
#undef LDT
#undef STT
#undef SHUF4
#undef TI
