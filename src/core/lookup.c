/* Public entry points of the lookup engine: validation, the uniform-knot
 * check, the slopes of numpy.interp, and run-time dispatch to an ISA build. */
#include "lookup_priv.h"

#include <math.h>

/* Below this many queries the O(n) uniformity check is not paid for. */
static int kt__lk_worth_uniform(ptrdiff_t n, ptrdiff_t m) { return m >= 256 && 4 * m >= n; }

/* The guess table (2n buckets, int32 knot indices): its bytes, 0 when not
 * built (few queries for its O(n) cost, or too many knots). */
static size_t kt__lk_guess_bytes(ptrdiff_t n, ptrdiff_t m)
{
    if (n < 2 || n >= (ptrdiff_t)1 << 29 || 2 * m < n)
        return 0;
    return kt_round_up((size_t)(2 * n + 1) * sizeof(int32_t));
}

size_t kt_lookup_scratch(ptrdiff_t n, ptrdiff_t m)
{
    const size_t g = kt__lk_guess_bytes(n, m);
    return g ? g + KT_ALIGN : 0;
}

/* bytes of the cubic interval table of kt_ppoly_eval (0: not used) */
static size_t kt__pp_table_bytes(ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols, ptrdiff_t m,
                                 size_t itemsize)
{
    if (k != 4 || ncols != 1 || n < 2 || 2 * m < n)
        return 0;
    return kt_round_up((size_t)(n - 1) * 8 * itemsize);
}

size_t kt_ppoly_eval_scratch(ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols, ptrdiff_t m,
                             size_t itemsize)
{
    const size_t b = kt__pp_table_bytes(k, n, ncols, m, itemsize) + kt__lk_guess_bytes(n, m);
    return b ? b + KT_ALIGN : 0;
}

#define KT_LK_PUBLIC(SFX, T)                                                                 \
    int kt_lookup_is_uniform_##SFX(ptrdiff_t n, const T *xp)                                 \
    {                                                                                        \
        if (n < 2 || n > INT32_MAX - 1 || !xp)                                               \
            return 0;                                                                        \
        const double x0 = (double)xp[0];                                                     \
        const double h = ((double)xp[n - 1] - x0) / (double)(n - 1);                         \
        if (!(h > 0.0) || !isfinite(h) || !isfinite(x0))                                     \
            return 0;                                                                        \
        const double tol = 0.125 * h;                                                        \
        for (ptrdiff_t i = 0; i < n; i++)                                                    \
            if (!(fabs((double)xp[i] - (x0 + (double)i * h)) <= tol))                        \
                return 0;                                                                    \
        return 1;                                                                            \
    }                                                                                        \
                                                                                             \
    /* fills the path fields of a job; KT_OK or an error status */                           \
    /* KT_OK, an error status, or -1: valid and nothing to do (m == 0); a and b are        \
     * the entry point's other arrays, required when m > 0 */                              \
    static int kt__lk_setup_##SFX(kt__lk_job_##SFX *jb, ptrdiff_t n, const T *xp,            \
                                  ptrdiff_t m, const T *x, ptrdiff_t xs, int path,           \
                                  const void *a, const void *b)                              \
    {                                                                                        \
        if (n < 1 || m < 0)                                                                  \
            return KT_ERR_SHAPE;                                                             \
        if (!xp || (m > 0 && (!x || !a || !b)))                                              \
            return KT_ERR_NULL;                                                              \
        if (path < KT_LOOKUP_AUTO || path > KT_LOOKUP_GUESS)                               \
            return KT_ERR_MODE;                                                              \
        memset(jb, 0, sizeof *jb);                                                           \
        jb->n = n;                                                                           \
        jb->xp = xp;                                                                         \
        jb->m = m;                                                                           \
        jb->x = (const char *)x;                                                             \
        jb->xs = xs;                                                                         \
        int uni = 0;                                                                         \
        if (path == KT_LOOKUP_UNIFORM) {                                                     \
            uni = n == 1 || kt_lookup_is_uniform_##SFX(n, xp);                               \
            if (!uni)                                                                        \
                return KT_ERR_VALUE;                                                         \
        } else if (path == KT_LOOKUP_AUTO && kt__lk_worth_uniform(n, m))                     \
            uni = kt_lookup_is_uniform_##SFX(n, xp);                                         \
        jb->path = uni ? KT_LOOKUP_UNIFORM : path;                                           \
        if (uni && n > 1) {                                                                  \
            jb->ux0 = (double)xp[0];                                                         \
            jb->uinvh = (double)(n - 1) / ((double)xp[n - 1] - (double)xp[0]);               \
        }                                                                                    \
        return m == 0 ? -1 : KT_OK;                                                                        \
    }                                                                                        \
                                                                                             \
    /* the guess table in `mem` (kt__lk_guess_bytes), for paths AUTO and GUESS; the       \
     * bucket of a knot is computed exactly as that of a query (lookup_impl.h) */          \
    static void kt__lk_guess_##SFX(kt__lk_job_##SFX *jb, int path, void *mem)                \
    {                                                                                        \
        const ptrdiff_t n = jb->n, nb = 2 * n;                                               \
        if (!mem || jb->path == KT_LOOKUP_UNIFORM ||                                         \
            (path != KT_LOOKUP_AUTO && path != KT_LOOKUP_GUESS))                             \
            return;                                                                          \
        const T *xp = jb->xp;                                                                \
        const double x0 = (double)xp[0], span = (double)xp[n - 1] - x0;                      \
        if (!(span > 0.0) || !isfinite(span))                                                \
            return;                                                                          \
        const double inv = (double)nb / span, top = (double)(nb - 1);                        \
        int32_t *start = (int32_t *)mem;                                                     \
        ptrdiff_t p = 0, glen = 1;                                                           \
        for (ptrdiff_t b = 0; b <= nb; b++) {                                                \
            for (; p < n; p++) {                                                             \
                double t = ((double)xp[p] - x0) * inv;                                       \
                t = t >= 0.0 ? t : 0.0;                                                      \
                t = t <= top ? t : top;                                                      \
                if ((ptrdiff_t)t >= b)                                                       \
                    break;                                                                   \
            }                                                                                \
            start[b] = (int32_t)p;                                                           \
        }                                                                                    \
        for (ptrdiff_t b = 0; b < nb; b++) {                                                 \
            const ptrdiff_t lo = start[b] > 0 ? start[b] - 1 : 0;                             \
            const ptrdiff_t len = (ptrdiff_t)start[b + 1] - lo;                              \
            glen = len > glen ? len : glen;                                                  \
        }                                                                                    \
        jb->gstart = start;                                                                  \
        jb->nb = nb;                                                                         \
        jb->glen = glen < n ? glen : n;                                                      \
        jb->gx0 = x0;                                                                        \
        jb->ginv = inv;                                                                      \
    }                                                                                        \
                                                                                             \
    int kt_lookup_##SFX(ptrdiff_t n, const T *xp, ptrdiff_t m, const T *x, ptrdiff_t xs,     \
                        int64_t *idx, int path, void *scratch, size_t scratch_size,          \
                        int nthreads)                                                        \
    {                                                                                        \
        kt__lk_job_##SFX jb;                                                                 \
        int s = kt__lk_setup_##SFX(&jb, n, xp, m, x, xs, path, idx, idx);                    \
        if (s != KT_OK)                                                                      \
            return s < 0 ? KT_OK : s;                                                        \
        const size_t need = kt_lookup_scratch(n, m);                                         \
        if (need && (!scratch || scratch_size < need))                                       \
            return scratch ? KT_ERR_SCRATCH : KT_ERR_NULL;                                   \
        if (need)                                                                            \
            kt__lk_guess_##SFX(&jb, path, kt_align_ptr(scratch));                            \
        jb.kind = KT__LK_INDEX;                                                              \
        jb.idx = idx;                                                                        \
        KT_DISPATCH(kt__lookup_run_##SFX, (&jb, nthreads));                                  \
        return KT_OK;                                                                        \
    }                                                                                        \
                                                                                             \
    int kt_interp_##SFX(ptrdiff_t n, const T *xp, const T *fp, ptrdiff_t fps, ptrdiff_t m,   \
                        const T *x, ptrdiff_t xs, T left, T right, T *out, ptrdiff_t os,     \
                        int recip, int path, void *scratch, size_t scratch_size,             \
                        int nthreads)                                                        \
    {                                                                                        \
        kt__lk_job_##SFX jb;                                                                 \
        int s = kt__lk_setup_##SFX(&jb, n, xp, m, x, xs, path, fp, out);                     \
        if (s != KT_OK)                                                                      \
            return s < 0 ? KT_OK : s;                                                        \
        if (n > 1 && m >= n) { /* as numpy: slopes once when there are queries enough */     \
            if (!scratch)                                                                    \
                return KT_ERR_NULL;                                                          \
            if (scratch_size < kt_interp_scratch(n, sizeof(T)))                              \
                return KT_ERR_SCRATCH;                                                       \
            T *sl = (T *)kt_align_ptr(scratch);                                              \
            const char *f = (const char *)fp;                                                \
            for (ptrdiff_t i = 0; i + 1 < n; i++) {                                          \
                const T d = *(const T *)(f + (i + 1) * fps) - *(const T *)(f + i * fps);     \
                sl[i] = recip ? d * ((T)1 / (xp[i + 1] - xp[i])) : d / (xp[i + 1] - xp[i]);  \
            }                                                                                \
            jb.slope = sl;                                                                   \
            char *gmem = (char *)sl + kt_round_up((size_t)n * sizeof(T));                    \
            if (kt__lk_guess_bytes(n, m))                                                    \
                kt__lk_guess_##SFX(&jb, path, gmem);                                         \
            if (sizeof(T) == 8 && fps == (ptrdiff_t)sizeof(T)) {                             \
                /* one row per interval for the AVX2 loop: knot, value, slope */             \
                T *tab = (T *)(gmem + kt__lk_guess_bytes(n, n));                             \
                for (ptrdiff_t i = 0; i + 1 < n; i++) {                                      \
                    tab[4 * i] = xp[i];                                                      \
                    tab[4 * i + 1] = fp[i];                                                  \
                    tab[4 * i + 2] = sl[i];                                                  \
                    tab[4 * i + 3] = 0;                                                      \
                }                                                                            \
                jb.itab = tab;                                                               \
            }                                                                                \
        }                                                                                    \
        jb.kind = KT__LK_INTERP;                                                             \
        jb.fp = (const char *)fp;                                                            \
        jb.fps = fps;                                                                        \
        jb.recip = recip;                                                                    \
        jb.left = left;                                                                      \
        jb.right = right;                                                                    \
        jb.out = (char *)out;                                                                \
        jb.os = os;                                                                          \
        KT_DISPATCH(kt__lookup_run_##SFX, (&jb, nthreads));                                  \
        return KT_OK;                                                                        \
    }                                                                                        \
                                                                                             \
    int kt_ppoly_eval_##SFX(ptrdiff_t k, ptrdiff_t n, const T *xb, const T *c,               \
                            ptrdiff_t ncols, ptrdiff_t m, const T *x, ptrdiff_t xs,          \
                            int extrapolate, T *out, int path, void *scratch,                \
                            size_t scratch_size, int nthreads)                               \
    {                                                                                        \
        if (k < 1 || ncols < 1 || n < 2)                                                     \
            return KT_ERR_SHAPE;                                                             \
        kt__lk_job_##SFX jb;                                                                 \
        int s = kt__lk_setup_##SFX(&jb, n, xb, m, x, xs, path, c, out);                      \
        if (s != KT_OK)                                                                      \
            return s < 0 ? KT_OK : s;                                                        \
        jb.kind = KT__LK_PPOLY;                                                              \
        jb.k = k;                                                                            \
        jb.ncols = ncols;                                                                    \
        jb.c = c;                                                                            \
        jb.extrapolate = extrapolate != 0;                                                   \
        jb.pout = out;                                                                       \
        const size_t need = kt_ppoly_eval_scratch(k, n, ncols, m, sizeof(T));                \
        if (need) {                                                                          \
            if (!scratch)                                                                    \
                return KT_ERR_NULL;                                                          \
            if (scratch_size < need)                                                         \
                return KT_ERR_SCRATCH;                                                       \
            char *mem = (char *)kt_align_ptr(scratch);                                       \
            const size_t tb = kt__pp_table_bytes(k, n, ncols, m, sizeof(T));                 \
            if (tb) {                                                                        \
                T *tab = (T *)mem;                                                           \
                const ptrdiff_t ps = n - 1;                                                  \
                for (ptrdiff_t i = 0; i < n - 1; i++) {                                      \
                    T *row = tab + 8 * i;                                                    \
                    row[0] = xb[i];                                                          \
                    for (int p = 0; p < 4; p++)                                              \
                        row[1 + p] = c[p * ps + i];                                          \
                    row[5] = row[6] = row[7] = 0;                                            \
                }                                                                            \
                jb.tab = tab;                                                                \
            }                                                                                \
            if (kt__lk_guess_bytes(n, m))                                                    \
                kt__lk_guess_##SFX(&jb, path, mem + tb);                                     \
        }                                                                                    \
        KT_DISPATCH(kt__lookup_run_##SFX, (&jb, nthreads));                                  \
        return KT_OK;                                                                        \
    }

size_t kt_interp_scratch(ptrdiff_t n, size_t itemsize)
{
    /* the slopes, the guess table, the per-interval table (when m >= n) */
    return n < 1 ? KT_ALIGN
                 : kt_round_up((size_t)n * itemsize) + kt__lk_guess_bytes(n, n) +
                       kt_round_up((size_t)n * 4 * itemsize) + KT_ALIGN;
}

KT_LK_PUBLIC(f32, float)
KT_LK_PUBLIC(f64, double)
