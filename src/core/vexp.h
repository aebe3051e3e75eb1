/* exp(x) on GCC vector extensions (any width), shared by the hot loops that
 * must vectorise (libm's exp does not).  A template, included with
 *   T            float or double (the element type),
 *   KT_VEXP_VT   the vector of T (vec.h's kt_vec_<sfx>),
 *   KT_VEXP_VI   the vector of the integer of the same width as T,
 *   KT_VEXP_FMA  its fused multiply-add (vec.h's kt_vfma_<sfx>),
 *   KT_VEXP_F32  1 for float, 0 for double,
 *   KT_VEXP_NAME the name of the static inline function to define;
 * those macros (not T) are undefined at the end.
 *
 * Cody-Waite reduction x = k ln2 + r, |r| <= ln2/2, a Taylor polynomial of
 * degree 12 (float: 7) whose truncation error is below half an ulp, and 2^k
 * applied in two factors so that results in the subnormal range are not
 * flushed early.  Measured against libm: within 2 ulp over the normal range;
 * exp(x) is 0 below the subnormal range, NaN stays NaN, large x saturates. */

#if KT_VEXP_F32
#define KT_VEXP_LO (-104.0f)
#define KT_VEXP_HI (89.0f)
#define KT_VEXP_LOG2E 1.44269504088896341f
#define KT_VEXP_MAGIC 12582912.0f /* 1.5 * 2^23 */
#define KT_VEXP_LN2HI 0.693359375f
#define KT_VEXP_LN2LO (-2.12194440e-4f)
#define KT_VEXP_MANT 23
#define KT_VEXP_BIAS 127
#else
#define KT_VEXP_LO (-746.0)
#define KT_VEXP_HI (710.0)
#define KT_VEXP_LOG2E 1.4426950408889634
#define KT_VEXP_MAGIC 6755399441055744.0 /* 1.5 * 2^52 */
#define KT_VEXP_LN2HI 6.93147180369123816490e-01
#define KT_VEXP_LN2LO 1.90821492927058770002e-10
#define KT_VEXP_MANT 52
#define KT_VEXP_BIAS 1023
#endif

static inline __attribute__((always_inline)) KT_VEXP_VT KT_VEXP_NAME(KT_VEXP_VT x)
{
    const KT_VEXP_VT lo = (KT_VEXP_VT){0} + KT_VEXP_LO, hi = (KT_VEXP_VT){0} + KT_VEXP_HI;
    const KT_VEXP_VT magic = (KT_VEXP_VT){0} + KT_VEXP_MAGIC;
    /* clamp (NaN compares false and stays NaN) */
    KT_VEXP_VI m = x < lo;
    x = (KT_VEXP_VT)(((KT_VEXP_VI)x & ~m) | ((KT_VEXP_VI)lo & m));
    m = x > hi;
    x = (KT_VEXP_VT)(((KT_VEXP_VI)x & ~m) | ((KT_VEXP_VI)hi & m));
#define KT_VEXP_C(v) ((KT_VEXP_VT){0} + (T)(v))
    KT_VEXP_VT kd = KT_VEXP_FMA(x, KT_VEXP_C(KT_VEXP_LOG2E), magic) - magic; /* round(x / ln2) */
    KT_VEXP_VT r = KT_VEXP_FMA(-kd, KT_VEXP_C(KT_VEXP_LN2HI), x);
    r = KT_VEXP_FMA(-kd, KT_VEXP_C(KT_VEXP_LN2LO), r);
#if KT_VEXP_F32
    KT_VEXP_VT p = KT_VEXP_FMA(r, KT_VEXP_C(1.0 / 5040), KT_VEXP_C(1.0 / 720));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 120));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 24));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 6));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(0.5));
#else
    KT_VEXP_VT p = KT_VEXP_FMA(r, KT_VEXP_C(1.0 / 479001600), KT_VEXP_C(1.0 / 39916800));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 3628800));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 362880));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 40320));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 5040));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 720));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 120));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 24));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1.0 / 6));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(0.5));
#endif
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1));
    p = KT_VEXP_FMA(p, r, KT_VEXP_C(1));
    /* 2^k = 2^k1 * 2^k2, each factor a normal number */
    KT_VEXP_VT k1 = KT_VEXP_FMA(kd, KT_VEXP_C(0.5), magic) - magic;
    KT_VEXP_VT k2 = kd - k1;
    KT_VEXP_VI i1 = (KT_VEXP_VI)(k1 + magic) - (KT_VEXP_VI)magic;
    KT_VEXP_VI i2 = (KT_VEXP_VI)(k2 + magic) - (KT_VEXP_VI)magic;
    KT_VEXP_VT s1 = (KT_VEXP_VT)((i1 + KT_VEXP_BIAS) << KT_VEXP_MANT);
    KT_VEXP_VT s2 = (KT_VEXP_VT)((i2 + KT_VEXP_BIAS) << KT_VEXP_MANT);
    return p * s1 * s2;
}

#undef KT_VEXP_LO
#undef KT_VEXP_HI
#undef KT_VEXP_LOG2E
#undef KT_VEXP_MAGIC
#undef KT_VEXP_LN2HI
#undef KT_VEXP_LN2LO
#undef KT_VEXP_MANT
#undef KT_VEXP_BIAS
#undef KT_VEXP_VT
#undef KT_VEXP_VI
#undef KT_VEXP_F32
#undef KT_VEXP_NAME
#undef KT_VEXP_FMA
#undef KT_VEXP_C
