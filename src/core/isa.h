/* Run-time selection between the ISA builds of the hot loops.
 *
 * Each hot-loop file (<area>_exec*.c) is compiled once per x86-64 level
 * into functions suffixed _base, _avx2 (x86-64-v3: AVX2, FMA) and _avx512
 * (x86-64-v4: AVX-512 F/BW/DQ/VL); KT_DISPATCH calls the one of the level
 * this process uses.  That level is found once per process (kt_isa_current:
 * the CPU's features and the KERNTERP_ISA environment variable) and cached:
 * an immutable value, set once, thread-safely. */
#ifndef KT_ISA_H
#define KT_ISA_H

#include "internal.h"

#if defined(KT_HAVE_AVX512)
#define KT_DECLARE_ISA(ret, name, args)                                                       \
    KT_HIDDEN ret name##_base args;                                                           \
    KT_HIDDEN ret name##_avx2 args;                                                           \
    KT_HIDDEN ret name##_avx512 args;
#define KT_DISPATCH(name, call)                                                               \
    (kt_isa_current() == KT_ISA_AVX512 ? name##_avx512 call                                   \
     : kt_isa_current() == KT_ISA_AVX2 ? name##_avx2 call                                     \
                                        : name##_base call)
#elif defined(KT_HAVE_AVX2)
#define KT_DECLARE_ISA(ret, name, args)                                                       \
    KT_HIDDEN ret name##_base args;                                                           \
    KT_HIDDEN ret name##_avx2 args;
#define KT_DISPATCH(name, call)                                                               \
    (kt_isa_current() == KT_ISA_AVX2 ? name##_avx2 call : name##_base call)
#else
#define KT_DECLARE_ISA(ret, name, args) KT_HIDDEN ret name##_base args;
#define KT_DISPATCH(name, call) (name##_base call)
#endif

#endif
