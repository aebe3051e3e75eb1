/* Execution of the weighted block pooling: ONE template, included by
 * pool_exec_f32.c / pool_exec_f64.c with T, SFX and KT_IS_F32 defined; each of
 * those is compiled once per ISA level (KT_ISA).
 *
 * One item = one output line along the line axis x (the input's smallest
 * stride).  Per item:
 *   1. vertical: the K = prod(outer pool sizes) input lines of the item's
 *      blocks are combined with their weight products into a contiguous
 *      temp line (vectorised along x, every input element read once);
 *   2. the line is completed to xo * xs cells by the boundary mode;
 *   3. horizontal: each group of xs cells of the temp line is reduced with
 *      the x weights (vector deinterleave for xs = 2 and 4). */

#include "vec.h"

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define VL ((ptrdiff_t)(KT_VBYTES / sizeof(T)))
#if KT_IS_F32
#define KT_EVEN KT_EVEN_OF(KT_VLN_F32)
#define KT_ODD KT_ODD_OF(KT_VLN_F32)
#else
#define KT_EVEN KT_EVEN_OF(KT_VLN_F64)
#define KT_ODD KT_ODD_OF(KT_VLN_F64)
#endif
#define VT KT_CAT(kt_vec_, SFX)
#define VTU KT_CAT(kt_vecu_, SFX)
#define VFMA KT_CAT(kt_vfma_, SFX)
#define SFMA KT_CAT(kt_fma_, SFX)
#define SHUF(a, b, ...) KT_SHUFFLE(a, b, KT_CAT(kt_veci_, SFX), __VA_ARGS__)


#define LD(p) (*(const VTU *)(p))
#define ST(p, v) (*(VTU *)(p) = (v))

/* temp[0 .. n) = c0 + sum_k w[k] * lines[k][0 .. n), contiguous lines */
static inline __attribute__((always_inline)) void
FN(vert_k)(const T *const *lines, const T *w, ptrdiff_t K, ptrdiff_t n, int has_c, T c0,
           T *restrict temp)
{
    ptrdiff_t x = 0;
    const VT vc = (VT){0} + c0;
    for (; x + 4 * VL <= n; x += 4 * VL) {
        VT a0, a1, a2, a3;
        ptrdiff_t k = 0;
        if (has_c) {
            a0 = a1 = a2 = a3 = vc;
        } else {
            const T *p = lines[0] + x;
            a0 = w[0] * LD(p);
            a1 = w[0] * LD(p + VL);
            a2 = w[0] * LD(p + 2 * VL);
            a3 = w[0] * LD(p + 3 * VL);
            k = 1;
        }
        for (; k < K; k++) {
            const T *p = lines[k] + x;
            const VT wk = (VT){0} + w[k];
            a0 = VFMA(wk, LD(p), a0);
            a1 = VFMA(wk, LD(p + VL), a1);
            a2 = VFMA(wk, LD(p + 2 * VL), a2);
            a3 = VFMA(wk, LD(p + 3 * VL), a3);
        }
        ST(temp + x, a0);
        ST(temp + x + VL, a1);
        ST(temp + x + 2 * VL, a2);
        ST(temp + x + 3 * VL, a3);
    }
    for (; x < n; x++) {
        T a;
        ptrdiff_t k = 0;
        if (has_c) {
            a = c0;
        } else {
            a = w[0] * lines[0][x];
            k = 1;
        }
        for (; k < K; k++)
            a = SFMA(w[k], lines[k][x], a);
        temp[x] = a;
    }
}

static void FN(vert)(const T *const *lines, const T *w, ptrdiff_t K, ptrdiff_t n, int has_c,
                     T c0, T *restrict temp)
{
    switch (K) {
    case 1: FN(vert_k)(lines, w, 1, n, has_c, c0, temp); break;
    case 2: FN(vert_k)(lines, w, 2, n, has_c, c0, temp); break;
    case 3: FN(vert_k)(lines, w, 3, n, has_c, c0, temp); break;
    case 4: FN(vert_k)(lines, w, 4, n, has_c, c0, temp); break;
    case 5: FN(vert_k)(lines, w, 5, n, has_c, c0, temp); break;
    case 6: FN(vert_k)(lines, w, 6, n, has_c, c0, temp); break;
    case 8: FN(vert_k)(lines, w, 8, n, has_c, c0, temp); break;
    case 9: FN(vert_k)(lines, w, 9, n, has_c, c0, temp); break;
    case 16: FN(vert_k)(lines, w, 16, n, has_c, c0, temp); break;
    default: FN(vert_k)(lines, w, K, n, has_c, c0, temp);
    }
}

/* the same on lines of stride `st` bytes */
static void FN(vert_strided)(const T *const *lines, const T *w, ptrdiff_t K, ptrdiff_t n,
                             ptrdiff_t st, int has_c, T c0, T *restrict temp)
{
    for (ptrdiff_t x = 0; x < n; x++) {
        T a;
        ptrdiff_t k = 0;
        if (has_c) {
            a = c0;
        } else {
            a = w[0] * *(const T *)((const char *)lines[0] + x * st);
            k = 1;
        }
        for (; k < K; k++)
            a = SFMA(w[k], *(const T *)((const char *)lines[k] + x * st), a);
        temp[x] = a;
    }
}

/* out[j] = sum_b w[b] * t[j * s + b], j in [0, no) */
static void FN(horiz)(const T *restrict t, const T *w, ptrdiff_t s, ptrdiff_t no,
                      T *restrict out)
{
    ptrdiff_t j = 0;
    if (s == 1) {
        for (; j < no; j++)
            out[j] = t[j];
        return;
    }
    if (s == 2) {
        VT p;
        for (ptrdiff_t v = 0; v < VL; v++)
            p[v] = w[v % 2];
        for (; j + VL <= no; j += VL) {
            const T *q = t + j * 2;
            VT v0 = p * LD(q), v1 = p * LD(q + VL);
            VT e = SHUF(v0, v1, KT_EVEN);
            VT o = SHUF(v0, v1, KT_ODD);
            ST(out + j, e + o);
        }
    } else if (s == 4 && VL % 4 == 0) { /* 4 weights repeat within a vector */
        VT p;
        for (ptrdiff_t v = 0; v < VL; v++)
            p[v] = w[v % 4];
        for (; j + VL <= no; j += VL) {
            const T *q = t + j * 4;
            VT v0 = p * LD(q), v1 = p * LD(q + VL), v2 = p * LD(q + 2 * VL),
               v3 = p * LD(q + 3 * VL);
            VT p01 = SHUF(v0, v1, KT_EVEN) +
                     SHUF(v0, v1, KT_ODD);
            VT p23 = SHUF(v2, v3, KT_EVEN) +
                     SHUF(v2, v3, KT_ODD);
            ST(out + j, SHUF(p01, p23, KT_EVEN) +
                            SHUF(p01, p23, KT_ODD));
        }
    }
    /* the tail (and other sizes): the same pairing as the vector paths for
     * s = 2 and 4, so a value does not depend on where a vector starts */
    for (; j < no; j++) {
        const T *q = t + j * s;
        T a;
        if (s == 4) {
            a = (w[0] * q[0] + w[1] * q[1]) + (w[2] * q[2] + w[3] * q[3]);
        } else if (s == 2) {
            a = w[0] * q[0] + w[1] * q[1];
        } else {
            a = w[0] * q[0];
            for (ptrdiff_t b = 1; b < s; b++)
                a += w[b] * q[b];
        }
        out[j] = a;
    }
}

typedef struct {
    const kt_pool_plan *pl;
    const T *in;
    T *out;
    char *base; /* the aligned scratch: one area per thread */
} FN(ctx);

static void FN(item)(void *vctx, ptrdiff_t item, int tid)
{
    const FN(ctx) *cx = (const FN(ctx) *)vctx;
    const kt_pool_plan *pl = cx->pl;
    char *tb = cx->base + (size_t)tid * pl->thread_stride;
    T *temp = (T *)(tb + pl->tb_off[KT_POOL_TB_LINE]);
    T *obuf = (T *)(tb + pl->tb_off[KT_POOL_TB_ROW]);
    const T **lines = (const T **)(tb + pl->tb_off[KT_POOL_TB_PTRS]);
    T *lw = (T *)(tb + pl->tb_off[KT_POOL_TB_WTS]);

    /* outer indices of this item (last outer axis fastest) */
    ptrdiff_t idx[KT_MAX_NDIM];
    ptrdiff_t rem = item, obase = 0;
    for (int k = pl->nout - 1; k >= 0; k--) {
        idx[k] = rem % pl->oo[k];
        rem /= pl->oo[k];
        obase += idx[k] * pl->oos[k];
    }
    /* the input lines of the item's blocks, and their weights */
    ptrdiff_t a[KT_MAX_NDIM];
    for (int k = 0; k < pl->nout; k++)
        a[k] = 0;
    ptrdiff_t nl = 0;
    double cw = 0.0, vw = 0.0;
    for (ptrdiff_t l = 0; l < pl->nlines; l++) {
        ptrdiff_t off = 0;
        double wt = 1.0;
        int is_c = 0;
        for (int k = 0; k < pl->nout; k++) {
            ptrdiff_t v = idx[k] * pl->os[k] + a[k];
            ptrdiff_t m = v < pl->on[k] ? v : kt_map_index(v, pl->on[k], pl->mode);
            if (m < 0)
                is_c = 1;
            else
                off += m * pl->ois[k];
            if (pl->ow[k])
                wt *= pl->ow[k][a[k]];
        }
        if (is_c) {
            cw += wt;
        } else {
            lines[nl] = (const T *)((const char *)cx->in + off);
            lw[nl] = (T)wt;
            vw += (double)lw[nl];
            nl++;
        }
        for (int k = pl->nout - 1; k >= 0; k--) { /* next block offset */
            if (++a[k] < pl->os[k])
                break;
            a[k] = 0;
        }
    }
    const int has_c = cw != 0.0;
    const T c0 = (T)(cw * pl->cval);
    ptrdiff_t n = pl->xpad < pl->nx ? pl->xpad : pl->nx;
    if (pl->xis == (ptrdiff_t)sizeof(T))
        FN(vert)(lines, lw, nl, n, has_c, c0, temp);
    else
        FN(vert_strided)(lines, lw, nl, n, pl->xis, has_c, c0, temp);
    /* complete the trailing partial block of the line by the mode */
    for (ptrdiff_t x = pl->nx; x < pl->xpad; x++) {
        ptrdiff_t m = kt_map_index(x, pl->nx, pl->mode);
        temp[x] = m >= 0 ? temp[m] : (T)((vw + cw) * pl->cval);
    }
    T *o = (T *)((char *)cx->out + obase);
    /* the line weights in T: no weights (a single pooled axis) is weight 1;
     * up to 8 are converted here, more are converted on the fly below */
    T wx[8];
    const T one = 1;
    const T *xw = wx;
    if (pl->xw == NULL)
        xw = &one;
    else if (pl->xs <= 8)
        for (ptrdiff_t b = 0; b < pl->xs; b++)
            wx[b] = (T)pl->xw[b];
    if (pl->xs > 8) { /* rare: weights converted on the fly */
        T *dst = pl->xos == (ptrdiff_t)sizeof(T) ? o : obuf;
        for (ptrdiff_t j = 0; j < pl->xo; j++) {
            const T *q = temp + j * pl->xs;
            T acc = (T)pl->xw[0] * q[0];
            for (ptrdiff_t b = 1; b < pl->xs; b++)
                acc += (T)pl->xw[b] * q[b];
            dst[j] = acc;
        }
        if (dst == obuf)
            for (ptrdiff_t j = 0; j < pl->xo; j++)
                *(T *)((char *)o + j * pl->xos) = obuf[j];
        return;
    }
    if (pl->xos == (ptrdiff_t)sizeof(T)) {
        FN(horiz)(temp, xw, pl->xs, pl->xo, o);
    } else {
        FN(horiz)(temp, xw, pl->xs, pl->xo, obuf);
        for (ptrdiff_t j = 0; j < pl->xo; j++)
            *(T *)((char *)o + j * pl->xos) = obuf[j];
    }
}

KT_HIDDEN int FN(kt__pool)(const kt_pool_plan *pl, const T *in, T *out, void *scratch,
                           int nthreads)
{
    FN(ctx) cx = {pl, in, out, (char *)kt_align_ptr(scratch)};
    return kt__parallel_for(&pl->info, nthreads, pl->nitems, pl->grain, FN(item), &cx);
}

#undef FN
#undef VL
#undef KT_EVEN
#undef KT_ODD
#undef VT
#undef VTU
#undef VFMA
#undef SFMA
#undef SHUF
#undef LD
#undef ST
