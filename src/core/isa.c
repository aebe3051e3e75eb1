/* The instruction-set level of this process: detected once, then cached. */
#include <stdlib.h>
#include <string.h>

#include "isa.h"

#if !defined(__STDC_NO_ATOMICS__)
#include <stdatomic.h>
#define KT_ATOMIC_INT atomic_int
#define KT_LOAD(v) atomic_load_explicit(&(v), memory_order_relaxed)
#define KT_STORE(v, x) atomic_store_explicit(&(v), (x), memory_order_relaxed)
#else
#define KT_ATOMIC_INT volatile int
#define KT_LOAD(v) (v)
#define KT_STORE(v, x) ((v) = (x))
#endif

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define KT_X86 1
#endif

unsigned int kt_isa_compiled(void)
{
    unsigned int m = 1u << KT_ISA_BASELINE;
#if defined(KT_HAVE_AVX2)
    m |= 1u << KT_ISA_AVX2;
#endif
#if defined(KT_HAVE_AVX512)
    m |= 1u << KT_ISA_AVX512;
#endif
    return m;
}

unsigned int kt_isa_supported(void)
{
    unsigned int m = 1u << KT_ISA_BASELINE;
#if defined(KT_X86)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        m |= 1u << KT_ISA_AVX2;
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
            m |= 1u << KT_ISA_AVX512;
    }
#endif
    return m;
}

const char *kt_isa_name(int level)
{
    switch (level) {
    case KT_ISA_BASELINE: return "baseline";
    case KT_ISA_AVX2: return "avx2";
    case KT_ISA_AVX512: return "avx512";
    default: return NULL;
    }
}

int kt_isa_requested(void)
{
    const char *s = getenv("KERNTERP_ISA");
    if (!s || !s[0])
        return -1;
    for (int level = KT_ISA_BASELINE; level <= KT_ISA_AVX512; level++)
        if (strcmp(s, kt_isa_name(level)) == 0)
            return level;
    return -2;
}

static KT_ATOMIC_INT kt__level = -1;

int kt_isa_current(void)
{
    int level = KT_LOAD(kt__level);
    if (KT_LIKELY(level >= 0))
        return level;
    /* the highest level both built and supported, at most the one asked for */
    const unsigned int usable = kt_isa_compiled() & kt_isa_supported();
    const int req = kt_isa_requested();
    level = KT_ISA_BASELINE;
    for (int l = KT_ISA_AVX512; l > KT_ISA_BASELINE; l--) {
        if ((usable >> l & 1u) && (req < 0 || l <= req)) {
            level = l;
            break;
        }
    }
    KT_STORE(kt__level, level);
    return level;
}
