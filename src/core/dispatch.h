/* Run-time selection between the ISA builds of the hot loops. */
#ifndef KT_DISPATCH_H
#define KT_DISPATCH_H

#include "internal.h"

#include <stdlib.h>

/* 1 when the x86-64-v3 build (AVX2 + FMA) is compiled in and this CPU runs
 * it.  KERNTERP_BASELINE=1 in the environment selects the baseline build
 * instead, so that it can be tested on machines that have AVX2 (as numpy's
 * NPY_DISABLE_CPU_FEATURES does). */
static inline int kt__use_avx2(void)
{
#if defined(KT_HAVE_AVX2) && (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
    const char *force = getenv("KERNTERP_BASELINE");
    if (force && force[0] && force[0] != '0')
        return 0;
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

/* Declares NAME_base and (when built) NAME_avx2 with the given prototype tail. */
#ifdef KT_HAVE_AVX2
#define KT_DECLARE_ISA(ret, name, args) KT_HIDDEN ret name##_base args; KT_HIDDEN ret name##_avx2 args;
#define KT_DISPATCH(name, call) (kt__use_avx2() ? name##_avx2 call : name##_base call)
#else
#define KT_DECLARE_ISA(ret, name, args) KT_HIDDEN ret name##_base args;
#define KT_DISPATCH(name, call) (name##_base call)
#endif

#endif
