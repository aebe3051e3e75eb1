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

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define KT_X86 1
#include <cpuid.h>
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

#if defined(KT_X86)
/* The CPU's features from cpuid, and the OS's support of their register
 * state from XCR0, read directly rather than through
 * __builtin_cpu_supports: its runtime support is a stub returning no
 * features in some toolchains (the zig toolchain's compiler-rt), and absent
 * under clang-cl. */
static unsigned long long kt__xcr0(void)
{
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}
#endif

unsigned int kt_isa_supported(void)
{
    unsigned int m = 1u << KT_ISA_BASELINE;
#if defined(KT_X86)
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return m;
    /* the avx2 level is x86-64-v3: AVX2, FMA, BMI1/2, LZCNT, F16C, MOVBE
     * (its sources are compiled with all of them) */
    const int fma = (c >> 12) & 1, movbe = (c >> 22) & 1, osxsave = (c >> 27) & 1,
              avx = (c >> 28) & 1, f16c = (c >> 29) & 1;
    if (!(fma && movbe && osxsave && avx && f16c))
        return m;
    unsigned int a8, b8, c8, d8;
    if (!__get_cpuid(0x80000001u, &a8, &b8, &c8, &d8) || !((c8 >> 5) & 1)) /* LZCNT */
        return m;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return m;
    const unsigned long long xcr0 = kt__xcr0();
    const int bmi1 = (b >> 3) & 1, avx2 = (b >> 5) & 1, bmi2 = (b >> 8) & 1;
    /* XMM and YMM state (bits 1, 2); opmask, ZMM0-15 high, ZMM16-31 (5-7) */
    if (avx2 && bmi1 && bmi2 && (xcr0 & 0x6) == 0x6) {
        m |= 1u << KT_ISA_AVX2;
        const int f = (b >> 16) & 1, dq = (b >> 17) & 1, bw = (b >> 30) & 1, vl = (b >> 31) & 1;
        if (f && dq && bw && vl && (xcr0 & 0xe6) == 0xe6)
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
