/* The 32-byte GCC vector types of the hot loops (one AVX2 register; the
 * baseline build lowers each to two SSE2 registers), per precision:
 *   kt_vec_<sfx>   a vector of T (32-byte aligned),
 *   kt_vecu_<sfx>  the same at any address aligned for T (loads, stores),
 *   kt_veci_<sfx>  the integer vector of T's width (masks, exponent bits).
 * A template for element type T and suffix SFX names them with
 * KT_CAT(kt_vec_, SFX), and so on. */
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

typedef float kt_vec_f32 __attribute__((vector_size(32)));
typedef float kt_vecu_f32 __attribute__((vector_size(32), aligned(4), may_alias));
typedef int32_t kt_veci_f32 __attribute__((vector_size(32)));

typedef double kt_vec_f64 __attribute__((vector_size(32)));
typedef double kt_vecu_f64 __attribute__((vector_size(32), aligned(8), may_alias));
typedef int64_t kt_veci_f64 __attribute__((vector_size(32)));

#endif
