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
#else
#define KT_HIDDEN
#define KT_LIKELY(x) (x)
#define KT_UNLIKELY(x) (x)
#endif

/* Alignment every scratch sub-buffer is rounded up to. */
#define KT_ALIGN 64

static inline size_t kt_round_up(size_t n) { return (n + (KT_ALIGN - 1)) & ~(size_t)(KT_ALIGN - 1); }

static inline void *kt_align_ptr(void *p)
{
    uintptr_t u = (uintptr_t)p;
    return (void *)((u + (KT_ALIGN - 1)) & ~(uintptr_t)(KT_ALIGN - 1));
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

#endif
