/* kernterp private helpers shared by the C core (not installed). */
#ifndef KT_INTERNAL_H
#define KT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernterp/kernterp.h"

#define KT_CAT_(a, b) a##b
#define KT_CAT(a, b) KT_CAT_(a, b)
#define KT_CAT3(a, b, c) KT_CAT(KT_CAT(a, b), c)

#if defined(__GNUC__)
#define KT_HIDDEN __attribute__((visibility("hidden")))
#define KT_LIKELY(x) __builtin_expect(!!(x), 1)
#define KT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KT_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define KT_HIDDEN
#define KT_LIKELY(x) (x)
#define KT_UNLIKELY(x) (x)
#define KT_ALWAYS_INLINE static inline
/* out = in for an N-d strided array of `itemsize`-byte elements. */
KT_HIDDEN void kt__copy_nd(int ndim, const ptrdiff_t *shape, const char *in, const ptrdiff_t *is,
                           char *out, const ptrdiff_t *os, size_t itemsize);

#endif

/* Alignment of every scratch region (one cache line, one AVX-512 vector). */
#define KT_ALIGN 64

static inline size_t kt_round_up(size_t n) { return (n + (KT_ALIGN - 1)) & ~(size_t)(KT_ALIGN - 1); }

static inline void *kt_align_ptr(void *p)
{
    uintptr_t u = (uintptr_t)p;
    return (void *)((u + (KT_ALIGN - 1)) & ~(uintptr_t)(KT_ALIGN - 1));
}

static inline ptrdiff_t kt_absd(ptrdiff_t v) { return v < 0 ? -v : v; }

/* Plan tags: which operation (high bits) and precision (low bits) a plan is
 * for, and the ABI it was made by, so that execute can reject a plan of
 * another operation, precision or an uninitialised one (KT_ERR_PLAN). */
enum {
    KT__OP_CORRELATE = 1,
    KT__OP_RECURSIVE,
    KT__OP_KERNEL,
    KT__OP_MIXTURE_PDF,
    KT__OP_MIXTURE_GRID,
    KT__OP_POOL,
    KT__OP_RBF,
    KT__OP_GAUSS_TRANSFORM,
    KT__OP_PERIODIC,
    KT__OP_LOOKUP,
    KT__OP_INTERP,
    KT__OP_PPOLY,
    KT__OP_SPLINE,
    KT__OP_NEWTON
};

static inline unsigned int kt__tag(int op, int dtype)
{
    return 0x6b740000u | ((unsigned int)KT_ABI_VERSION << 12) | ((unsigned int)op << 4) |
           (unsigned int)dtype;
}

static inline int kt__dtype_valid(int dtype) { return dtype == KT_F32 || dtype == KT_F64; }

static inline size_t kt__itemsize(int dtype) { return dtype == KT_F32 ? sizeof(float) : sizeof(double); }

/* The common checks at the top of every execute: the plan is one of `op` in
 * `dtype`, and the scratch is there when the plan needs some. */
static inline int kt__check_plan(const kt_plan_info *info, int op, int dtype, const void *scratch)
{
    if (!info)
        return KT_ERR_NULL;
    if (info->tag != kt__tag(op, dtype))
        return KT_ERR_PLAN;
    if (info->scratch_size && !scratch)
        return KT_ERR_NULL;
    return KT_OK;
}

/* The threads an execute runs on: its argument, capped by the plan's
 * (the scratch is sized for those); < 1 means the plan's. */
static inline int kt__exec_threads(const kt_plan_info *info, int nthreads)
{
    return nthreads < 1 || nthreads > info->nthreads ? info->nthreads : nthreads;
}

/* Where virtual index v (any integer) of an axis of length n >= 1 reads from
 * under a boundary mode; -1 means "the constant cval".  Extensions longer
 * than the axis repeat the mode's pattern, as scipy.ndimage does. */
static inline ptrdiff_t kt_map_index(ptrdiff_t v, ptrdiff_t n, int mode)
{
    if (v >= 0 && v < n)
        return v;
    switch (mode) {
    case KT_MODE_NEAREST:
        return v < 0 ? 0 : n - 1;
    case KT_MODE_WRAP: {
        ptrdiff_t m = v % n;
        return m < 0 ? m + n : m;
    }
    case KT_MODE_REFLECT: {
        ptrdiff_t p = 2 * n, m = v % p;
        if (m < 0)
            m += p;
        return m >= n ? p - 1 - m : m;
    }
    case KT_MODE_MIRROR: {
        if (n == 1)
            return 0;
        ptrdiff_t p = 2 * n - 2, m = v % p;
        if (m < 0)
            m += p;
        return m >= n ? p - m : m;
    }
    default:
        return -1;
    }
}

static inline int kt_mode_valid(int mode) { return mode >= KT_MODE_REFLECT && mode <= KT_MODE_WRAP; }

/* Byte offsets, in source and destination, of flat index o over `n` outer
 * dimensions (len[j] elements, source stride sin[j], destination sout[j];
 * the first dimension varies fastest). */
static inline void kt_outer_offsets(int n, const ptrdiff_t *len, const ptrdiff_t *sin,
                                    const ptrdiff_t *sout, ptrdiff_t o, ptrdiff_t *os,
                                    ptrdiff_t *oo)
{
    ptrdiff_t s = 0, d = 0;
    for (int j = 0; j < n; j++) {
        ptrdiff_t i = o % len[j];
        o /= len[j];
        s += i * sin[j];
        d += i * sout[j];
    }
    *os = s;
    *oo = d;
}

/* Validates an N-d array description: ndim in [0, KT_MAX_NDIM], the
 * pointers present, no negative extent.  *empty: some extent is 0. */
KT_HIDDEN int kt__check_shape(int ndim, const ptrdiff_t *shape, const ptrdiff_t *s1,
                              const ptrdiff_t *s2, int *empty);

/* Whether two strided N-d arrays of `itemsize`-byte elements may share
 * memory: 0 no, 1 yes; 2 when they are the same array (same data, shape
 * and strides).  Compares the byte ranges each spans, as numpy's
 * may_share_memory does without max_work. */
KT_HIDDEN int kt__overlap(int ndim, const ptrdiff_t *shape_a, const void *a,
                          const ptrdiff_t *sa, const ptrdiff_t *shape_b, const void *b,
                          const ptrdiff_t *sb, size_t itemsize);

/* out = in for an N-d strided array of `itemsize`-byte elements. */
KT_HIDDEN void kt__copy_nd(int ndim, const ptrdiff_t *shape, const char *in, const ptrdiff_t *is,
                           char *out, const ptrdiff_t *os, size_t itemsize);

#endif
