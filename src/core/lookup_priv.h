/* Private: the lookup engine's job, shared by the entry points (lookup.c)
 * and the per-precision, per-ISA executors (lookup_impl.h). */
#ifndef KT_LOOKUP_PRIV_H
#define KT_LOOKUP_PRIV_H

#include "internal.h"
#include "isa.h"

/* What one execute asks of the engine: the consumer of the indices. */
enum { KT__LK_INDEX = 0, KT__LK_INTERP = 1, KT__LK_PPOLY = 2 };

/* The scratch regions of a plan (kt__lookup_core.off / size): numpy.interp's
 * slopes, the guess table (int32 knot indices, 2n + 1), the per-interval
 * table (interp in double: knot, value, slope, 0; cubic PPoly: knot,
 * c0..c3, 0, 0, 0). */
enum { KT__LK_SLOPE = 0, KT__LK_GUESS = 1, KT__LK_TABLE = 2, KT__LK_NREG = 3 };

/* One execute: the plan's problem, the data and the scratch regions (NULL
 * when not sized), in the precision of the executor that runs it (the
 * pointers are to float or double).  `path` is KT_LOOKUP_SEARCH, SORTED,
 * UNIFORM (decided by the entry point: ux0 / uinvh are then set), GUESS, or
 * AUTO meaning "per block, SORTED if the block is sorted, else GUESS when
 * the table was built, else SEARCH".  The executor fills the table members
 * (gstart .. tab) from the data before it runs the blocks. */
typedef struct kt__lk_job {
    const kt_plan_info *info;
    int kind, path;
    ptrdiff_t n, m;
    double ux0, uinvh;       /* KT_LOOKUP_UNIFORM: first knot, 1 / spacing */
    void *mem[KT__LK_NREG];  /* the scratch regions */
    const int32_t *gstart;   /* the guess: first knot of each bucket, nb + 1 */
    ptrdiff_t nb, glen;      /* buckets, longest range of intervals */
    double gx0, ginv;        /* bucket of x: (x - gx0) * ginv */
    const void *xp;
    const char *x;
    ptrdiff_t xs;
    int64_t *idx;            /* KT__LK_INDEX */
    const char *fp;          /* KT__LK_INTERP */
    ptrdiff_t fps;
    const void *slope;       /* n-1 slopes, or NULL: computed per query */
    const void *itab;        /* or with them (double): per interval xp, fp, slope, 0 */
    int recip;
    double left, right;      /* rounded to the precision by the executor */
    char *out;               /* KT__LK_INTERP: strided by os; KT__LK_PPOLY: m x ncols */
    ptrdiff_t os;
    ptrdiff_t k, ncols;      /* KT__LK_PPOLY */
    const void *c;
    const void *tab;         /* k == 4, ncols == 1: per interval xb, c0..c3, pad */
    int extrapolate;
} kt__lk_job;

/* Builds the job's tables, then runs its blocks on up to nthreads threads:
 * KT_OK or KT_ERR_CANCELLED. */
KT_DECLARE_ISA(int, kt__lookup_run_f32, (kt__lk_job *, int))
KT_DECLARE_ISA(int, kt__lookup_run_f64, (kt__lk_job *, int))

#endif
