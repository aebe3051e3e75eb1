/* The vector types of the hot loops, and fused multiply-adds.
 *
 * The width comes from the level the file is compiled for: 64 bytes with
 * AVX-512 (x86-64-v4), 32 with AVX (x86-64-v3), 16 otherwise (SSE2, or a
 * generic 128-bit build elsewhere).  Per precision:
 *   kt_vec_<sfx>   a vector of T (aligned to its size),
 *   kt_vecu_<sfx>  the same at any address aligned for T (loads, stores),
 *   kt_veci_<sfx>  the integer vector of T's width (masks, exponent bits),
 * with KT_VL_<SFX> lanes.  A template for element type T and suffix SFX
 * names them with KT_CAT(kt_vec_, SFX), and so on.  Loops whose algorithm
 * is built on groups of 4 doubles (4 x 4 transposes, a 4-lane state) use
 * the fixed kt_v4_f64 types instead, whatever the level.
 *
 * Fused multiply-adds written out: kt_vfma_<sfx>(a, b, c) and the scalar
 * kt_fma_<sfx>(a, b, c) are a*b + c rounded once where the level has FMA
 * (AVX2, AVX-512), twice otherwise.  The exec files compiled with
 * -ffp-contract=off (src/core/meson.build) use them where they want FMA, so
 * that the compiler fuses nothing else: a value is then computed the same
 * way whether it falls in a vector lane or a scalar tail, in one kernel
 * variant or another, and results do not depend on an array's length,
 * offset or chunking (nor on the level, among the levels with FMA). */
#ifndef KT_VEC_H
#define KT_VEC_H

#include <stdint.h>

/* KT_SHUFFLE(a, b, M, i0, i1, ...): the vector of a's type whose lane k is
 * lane i_k of the concatenation of a and b (a and b of one type; indices
 * constant).  M is the integer vector type of a's lane width and count: GCC
 * takes the indices as a vector of that type (__builtin_shuffle), clang
 * (Apple's, clang-cl, zig's) as constants (__builtin_shufflevector), and
 * ignores M. */
#if defined(__clang__)
#define KT_SHUFFLE(a, b, M, ...) __builtin_shufflevector((a), (b), __VA_ARGS__)
#else
#define KT_SHUFFLE(a, b, M, ...) __builtin_shuffle((a), (b), (M){__VA_ARGS__})
#endif

#if defined(__AVX512F__)
#define KT_VBYTES 64
#elif defined(__AVX__)
#define KT_VBYTES 32
#else
#define KT_VBYTES 16
#endif
#define KT_VL_F32 (KT_VBYTES / 4)
#define KT_VL_F64 (KT_VBYTES / 8)

/* The lane counts as literal tokens, and the index lists of the even and odd
 * lanes of a pair of vectors (deinterleaving shuffles), by lane count:
 * KT_EVEN_OF(KT_VLN_F32) is 0, 2, ... 2 VL - 2. */
#if KT_VBYTES == 64
#define KT_VLN_F32 16
#define KT_VLN_F64 8
#elif KT_VBYTES == 32
#define KT_VLN_F32 8
#define KT_VLN_F64 4
#else
#define KT_VLN_F32 4
#define KT_VLN_F64 2
#endif
#define KT_EVEN_2 0, 2
#define KT_ODD_2 1, 3
#define KT_EVEN_4 0, 2, 4, 6
#define KT_ODD_4 1, 3, 5, 7
#define KT_EVEN_8 0, 2, 4, 6, 8, 10, 12, 14
#define KT_ODD_8 1, 3, 5, 7, 9, 11, 13, 15
#define KT_EVEN_16 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30
#define KT_ODD_16 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31
#define KT_EVEN_OF_(n) KT_EVEN_##n
#define KT_ODD_OF_(n) KT_ODD_##n
#define KT_EVEN_OF(n) KT_EVEN_OF_(n)
#define KT_ODD_OF(n) KT_ODD_OF_(n)

typedef float kt_vec_f32 __attribute__((vector_size(KT_VBYTES)));
typedef float kt_vecu_f32 __attribute__((vector_size(KT_VBYTES), aligned(4), may_alias));
typedef int32_t kt_veci_f32 __attribute__((vector_size(KT_VBYTES)));

typedef double kt_vec_f64 __attribute__((vector_size(KT_VBYTES)));
typedef double kt_vecu_f64 __attribute__((vector_size(KT_VBYTES), aligned(8), may_alias));
typedef int64_t kt_veci_f64 __attribute__((vector_size(KT_VBYTES)));

typedef double kt_v4_f64 __attribute__((vector_size(32)));
typedef double kt_v4u_f64 __attribute__((vector_size(32), aligned(8), may_alias));
typedef int64_t kt_v4i_f64 __attribute__((vector_size(32)));

#if defined(__FMA__) || defined(__AVX512F__)
#define KT_HAVE_FMA 1
#include <immintrin.h>
#else
#define KT_HAVE_FMA 0
#endif

/* The first n lanes (0 < n < the lane count) of the vector at p, the others
 * zero, and the store of the first n lanes: one masked instruction on the
 * AVX-512 level, where lanes masked off never touch memory (KT_HAVE_MASKED).
 * Elsewhere they are not defined: loops finish their tails with scalars. */
#if defined(__AVX512F__)
#define KT_HAVE_MASKED 1
static inline __attribute__((always_inline)) kt_vec_f32 kt_vload_n_f32(const float *p,
                                                                       ptrdiff_t n)
{
    return (kt_vec_f32)_mm512_maskz_loadu_ps((__mmask16)((1u << n) - 1u), p);
}
static inline __attribute__((always_inline)) void kt_vstore_n_f32(float *p, kt_vec_f32 v,
                                                                  ptrdiff_t n)
{
    _mm512_mask_storeu_ps(p, (__mmask16)((1u << n) - 1u), (__m512)v);
}
static inline __attribute__((always_inline)) kt_vec_f64 kt_vload_n_f64(const double *p,
                                                                       ptrdiff_t n)
{
    return (kt_vec_f64)_mm512_maskz_loadu_pd((__mmask8)((1u << n) - 1u), p);
}
static inline __attribute__((always_inline)) void kt_vstore_n_f64(double *p, kt_vec_f64 v,
                                                                  ptrdiff_t n)
{
    _mm512_mask_storeu_pd(p, (__mmask8)((1u << n) - 1u), (__m512d)v);
}
#else
#define KT_HAVE_MASKED 0
#endif

static inline __attribute__((always_inline)) float kt_fma_f32(float a, float b, float c)
{
#if KT_HAVE_FMA
    return __builtin_fmaf(a, b, c);
#else
    return a * b + c;
#endif
}

static inline __attribute__((always_inline)) double kt_fma_f64(double a, double b, double c)
{
#if KT_HAVE_FMA
    return __builtin_fma(a, b, c);
#else
    return a * b + c;
#endif
}

static inline __attribute__((always_inline)) kt_vec_f32 kt_vfma_f32(kt_vec_f32 a, kt_vec_f32 b,
                                                                   kt_vec_f32 c)
{
#if KT_HAVE_FMA && KT_VBYTES == 64
    return (kt_vec_f32)_mm512_fmadd_ps((__m512)a, (__m512)b, (__m512)c);
#elif KT_HAVE_FMA && KT_VBYTES == 32
    return (kt_vec_f32)_mm256_fmadd_ps((__m256)a, (__m256)b, (__m256)c);
#else
    return a * b + c;
#endif
}

static inline __attribute__((always_inline)) kt_vec_f64 kt_vfma_f64(kt_vec_f64 a, kt_vec_f64 b,
                                                                   kt_vec_f64 c)
{
#if KT_HAVE_FMA && KT_VBYTES == 64
    return (kt_vec_f64)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif KT_HAVE_FMA && KT_VBYTES == 32
    return (kt_vec_f64)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
    return a * b + c;
#endif
}

static inline __attribute__((always_inline)) kt_v4_f64 kt_v4fma_f64(kt_v4_f64 a, kt_v4_f64 b,
                                                                   kt_v4_f64 c)
{
#if KT_HAVE_FMA
    return (kt_v4_f64)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
    return a * b + c;
#endif
}

#endif
