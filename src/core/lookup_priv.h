/* Private declarations of the lookup engine (one build per precision and
 * ISA level, see lookup_impl.h). */
#ifndef KT_LOOKUP_PRIV_H
#define KT_LOOKUP_PRIV_H

#include "isa.h"

/* What one call asks of the engine (the precision-independent part). */
enum { KT__LK_INDEX = 0, KT__LK_INTERP = 1, KT__LK_PPOLY = 2 };

/* path: KT_LOOKUP_SEARCH, KT_LOOKUP_SORTED, KT_LOOKUP_UNIFORM, or
 * KT_LOOKUP_AUTO meaning "per block, SORTED if the block is sorted, else
 * SEARCH" (uniformity has already been decided by the caller). */
#define KT_LK_DECL(SFX, T)                                                                  \
    typedef struct {                                                                        \
        int kind, path;                                                                     \
        ptrdiff_t n;                                                                        \
        double ux0, uinvh;            /* KT_LOOKUP_UNIFORM: first knot, 1 / spacing */      \
        const int32_t *gstart;        /* the guess: first knot of each bucket, nb + 1 */    \
        ptrdiff_t nb, glen;           /* buckets, longest range of intervals */             \
        double gx0, ginv;             /* bucket of x: (x - gx0) * ginv */                   \
        const T *xp;                                                                        \
        ptrdiff_t m;                                                                        \
        const char *x;                                                                      \
        ptrdiff_t xs;                                                                       \
        int64_t *idx;                 /* KT__LK_INDEX */                                    \
        const char *fp;               /* KT__LK_INTERP */                                   \
        ptrdiff_t fps;                                                                      \
        const T *slope;               /* n-1 slopes, or NULL: computed per query */         \
        const T *itab;                /* or with them: per interval xp, fp, slope, 0 */     \
        int recip;                                                                          \
        T left, right;                                                                      \
        char *out;                                                                          \
        ptrdiff_t os;                                                                       \
        ptrdiff_t k, ncols;           /* KT__LK_PPOLY */                                    \
        const T *c;                                                                         \
        const T *tab;                 /* k == 4, ncols == 1: per interval xb, c0..c3, pad */\
        int extrapolate;                                                                    \
        T *pout;                                                                            \
    } kt__lk_job_##SFX;                                                                     \
    KT_DECLARE_ISA(void, kt__lookup_run_##SFX, (const kt__lk_job_##SFX *, int))

KT_LK_DECL(f32, float)
KT_LK_DECL(f64, double)

#endif
