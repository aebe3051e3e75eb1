/* The lookup engine: ONE template, included by lookup_exec_f32.c / _f64.c
 * with T (float/double), SFX (f32/f64) and KT_IS_F32 (1/0) defined; each of
 * those is compiled once per ISA level (KT_ISA).
 *
 * An execute first builds the tables that depend on the data (the guess
 * table, numpy.interp's slopes, the per-interval rows) in the scratch
 * regions the plan sized.  Then queries are processed in blocks of
 * KT_LK_BLK: a block is copied into a contiguous local array, its interval
 * indices are found by one of the paths (lookup.h in include/kernterp
 * explains them), then the consumer (indices, numpy.interp, piecewise
 * polynomial) runs over the block. */

#include <math.h>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#define FN(name) KT_CAT3(name, _, KT_CAT3(SFX, _, KT_ISA))
#define JOB kt__lk_job

/* queries per block (and per task of the parallel loop) */
#define KT_LK_BLK 1024
/* queries searched in lockstep by the branch-free binary search */
#define KT_LK_G 8

/* ---- the paths ------------------------------------------------------------ */

/* Branch-free binary search: j = (number of knots <= v) - 1 for queries
 * whose max(j, 0) is known to lie in [lo, lo + len) (lo = 0, len = n: any
 * query), KT_LK_G queries at a time so that their loads overlap.  The
 * halving sequence depends on len only, so all lanes take the same steps. */
static void FN(search)(const T *restrict xp, ptrdiff_t lo, ptrdiff_t len0,
                       const T *restrict xv, ptrdiff_t cnt, ptrdiff_t *restrict j)
{
    ptrdiff_t i = 0;
    for (; i + KT_LK_G <= cnt; i += KT_LK_G) {
        ptrdiff_t b[KT_LK_G];
        T v[KT_LK_G];
        for (int q = 0; q < KT_LK_G; q++) {
            b[q] = lo;
            v[q] = xv[i + q];
        }
        for (ptrdiff_t len = len0; len > 1;) {
            const ptrdiff_t half = len >> 1;
            for (int q = 0; q < KT_LK_G; q++)
                b[q] += (xp[b[q] + half] <= v[q]) ? half : 0;
            len -= half;
        }
        for (int q = 0; q < KT_LK_G; q++)
            j[i + q] = b[q] - (ptrdiff_t)!(xp[b[q]] <= v[q]);
    }
    for (; i < cnt; i++) {
        const T v = xv[i];
        ptrdiff_t b = lo;
        for (ptrdiff_t len = len0; len > 1;) {
            const ptrdiff_t half = len >> 1;
            b += (xp[b + half] <= v) ? half : 0;
            len -= half;
        }
        j[i] = b - (ptrdiff_t)!(xp[b] <= v);
    }
}

/* A sorted block: its queries' intervals lie between those of its first
 * and last query, usually a handful: a search over that range only. */
static void FN(sorted)(const T *restrict xp, ptrdiff_t n, const T *restrict xv, ptrdiff_t cnt,
                       ptrdiff_t *restrict j)
{
    ptrdiff_t a, b;
    FN(search)(xp, 0, n, xv, 1, &a);
    FN(search)(xp, 0, n, xv + cnt - 1, 1, &b);
    a = a < 0 ? 0 : a;
    b = b < 0 ? 0 : b;
    FN(search)(xp, a, b - a + 1, xv, cnt, j);
}

/* The search narrowed by the bucket table (KT_LOOKUP_GUESS): the query's
 * bucket k gives its interval within [start[k] - 1, start[k+1] - 1]
 * (bucket() is monotone, so a knot in a lower bucket is below the query
 * and one in a higher bucket above it); every range is searched with the
 * longest range's step sequence, all lanes in lockstep.  The start is
 * pulled down so that the range stays inside the knots whatever they are. */
static inline ptrdiff_t FN(guess_lo)(const JOB *jb, T v)
{
    double t = ((double)v - jb->gx0) * jb->ginv;
    t = t >= 0.0 ? t : 0.0; /* also NaN */
    t = t <= (double)(jb->nb - 1) ? t : (double)(jb->nb - 1);
    ptrdiff_t lo = (ptrdiff_t)jb->gstart[(ptrdiff_t)t] - 1;
    lo = lo < 0 ? 0 : lo;
    return lo > jb->n - jb->glen ? jb->n - jb->glen : lo;
}

static void FN(guess)(const JOB *jb, const T *restrict xv, ptrdiff_t cnt, ptrdiff_t *restrict j)
{
    const T *restrict xp = (const T *)jb->xp;
    const ptrdiff_t len0 = jb->glen;
    ptrdiff_t i = 0;
    for (; i + KT_LK_G <= cnt; i += KT_LK_G) {
        ptrdiff_t b[KT_LK_G];
        T v[KT_LK_G];
        for (int q = 0; q < KT_LK_G; q++) {
            v[q] = xv[i + q];
            b[q] = FN(guess_lo)(jb, v[q]);
        }
        for (ptrdiff_t len = len0; len > 1;) {
            const ptrdiff_t half = len >> 1;
            for (int q = 0; q < KT_LK_G; q++)
                b[q] += (xp[b[q] + half] <= v[q]) ? half : 0;
            len -= half;
        }
        for (int q = 0; q < KT_LK_G; q++) {
            const ptrdiff_t r = b[q] - (ptrdiff_t)!(xp[b[q]] <= v[q]);
            j[i + q] = v[q] == v[q] ? r : -1;
        }
    }
    for (; i < cnt; i++) {
        const T v = xv[i];
        ptrdiff_t b = FN(guess_lo)(jb, v);
        for (ptrdiff_t len = len0; len > 1;) {
            const ptrdiff_t half = len >> 1;
            b += (xp[b + half] <= v) ? half : 0;
            len -= half;
        }
        const ptrdiff_t r = b - (ptrdiff_t)!(xp[b] <= v);
        j[i] = v == v ? r : -1;
    }
}

/* Walk from the interval of the previous query (the first one's is found
 * by the search): correct in any order, one step per knot passed. */
static void FN(walk)(const T *restrict xp, ptrdiff_t n, const T *restrict xv, ptrdiff_t cnt,
                     ptrdiff_t *restrict j)
{
    ptrdiff_t g;
    FN(search)(xp, 0, n, xv, 1, &g);
    for (ptrdiff_t i = 0; i < cnt; i++) {
        const T v = xv[i];
        if (KT_UNLIKELY(v != v)) {
            j[i] = -1;
            continue;
        }
        while (g < n - 1 && v >= xp[g + 1])
            g++;
        while (g >= 0 && v < xp[g])
            g--;
        j[i] = g;
    }
}

/* Uniform knots: the guess floor((v - x0) / h), clamped to [0, n-2], is
 * within one of the answer (the knots are within h/8 of their uniform
 * places), and one comparison with each of its two knots corrects it. */
#if defined(__AVX2__)
/* 4 queries: their T values, as doubles, and the knot pairs around them */
static inline __m256i FN(uniform4)(const T *restrict xp, const T *restrict xv, __m256d x0,
                                   __m256d inv_h, __m256d top)
{
#if KT_IS_F32
    const __m128 v = _mm_loadu_ps(xv);
    const __m256d vd = _mm256_cvtps_pd(v);
#else
    const __m256d v = _mm256_loadu_pd(xv), vd = v;
#endif
    __m256d t = _mm256_mul_pd(_mm256_sub_pd(vd, x0), inv_h);
    t = _mm256_max_pd(t, _mm256_setzero_pd()); /* NaN -> 0 */
    t = _mm256_min_pd(t, top);
    const __m128i g = _mm256_cvttpd_epi32(t);
    const __m256i g64 = _mm256_cvtepi32_epi64(g);
#if KT_IS_F32
    const __m128 a = _mm_i32gather_ps(xp, g, 4), b = _mm_i32gather_ps(xp + 1, g, 4);
    const __m256i lt = _mm256_cvtepi32_epi64(_mm_castps_si128(_mm_cmp_ps(v, a, _CMP_LT_OQ)));
    const __m256i ge = _mm256_cvtepi32_epi64(_mm_castps_si128(_mm_cmp_ps(v, b, _CMP_GE_OQ)));
    const __m256i nan = _mm256_cvtepi32_epi64(_mm_castps_si128(_mm_cmp_ps(v, v, _CMP_UNORD_Q)));
#else
    const __m256d a = _mm256_i32gather_pd(xp, g, 8), b = _mm256_i32gather_pd(xp + 1, g, 8);
    const __m256i lt = _mm256_castpd_si256(_mm256_cmp_pd(v, a, _CMP_LT_OQ));
    const __m256i ge = _mm256_castpd_si256(_mm256_cmp_pd(v, b, _CMP_GE_OQ));
    const __m256i nan = _mm256_castpd_si256(_mm256_cmp_pd(v, v, _CMP_UNORD_Q));
#endif
    /* masks are -1: g - 1 below, g + 1 above, -1 for NaN */
    return _mm256_or_si256(_mm256_sub_epi64(_mm256_add_epi64(g64, lt), ge), nan);
}
#endif

static void FN(uniform)(const T *restrict xp, ptrdiff_t n, double x0, double inv_h,
                        const T *restrict xv, ptrdiff_t cnt, ptrdiff_t *restrict j)
{
    /* int32 guesses: the uniform path is only taken for n < 2^31 - 1 */
    const double top = (double)(n - 2);
    ptrdiff_t i = 0;
#if defined(__AVX2__)
    const __m256d vx0 = _mm256_set1_pd(x0), vih = _mm256_set1_pd(inv_h);
    const __m256d vtop = _mm256_set1_pd(top);
    for (; i + 4 <= cnt; i += 4)
        _mm256_storeu_si256((__m256i *)(j + i), FN(uniform4)(xp, xv + i, vx0, vih, vtop));
#endif
    for (; i < cnt; i++) {
        const T v = xv[i];
        double t = ((double)v - x0) * inv_h;
        t = t >= 0.0 ? t : 0.0; /* also NaN */
        t = t <= top ? t : top;
        const int32_t g = (int32_t)t;
        const int32_t r = g - (int32_t)(v < xp[g]) + (int32_t)(v >= xp[g + 1]);
        j[i] = v == v ? (ptrdiff_t)r : -1;
    }
}

static int FN(is_sorted)(const T *restrict xv, ptrdiff_t cnt)
{
    int s = 1;
    for (ptrdiff_t i = 0; i + 1 < cnt; i++)
        s &= xv[i] <= xv[i + 1];
    return s;
}

static void FN(find)(const JOB *jb, const T *restrict xv, ptrdiff_t cnt, ptrdiff_t *restrict j)
{
    const ptrdiff_t n = jb->n;
    const T *restrict xp = (const T *)jb->xp;
    if (n == 1) { /* no interval to search: 0 or -1 */
        for (ptrdiff_t i = 0; i < cnt; i++)
            j[i] = (ptrdiff_t)(xp[0] <= xv[i]) - 1;
        return;
    }
    switch (jb->path) {
    case KT_LOOKUP_UNIFORM:
        FN(uniform)(xp, n, jb->ux0, jb->uinvh, xv, cnt, j);
        break;
    case KT_LOOKUP_SORTED:
        if (FN(is_sorted)(xv, cnt))
            FN(sorted)(xp, n, xv, cnt, j);
        else
            FN(walk)(xp, n, xv, cnt, j);
        break;
    case KT_LOOKUP_SEARCH:
        FN(search)(xp, 0, n, xv, cnt, j);
        break;
    case KT_LOOKUP_GUESS:
        if (jb->gstart)
            FN(guess)(jb, xv, cnt, j);
        else
            FN(search)(xp, 0, n, xv, cnt, j);
        break;
    default:
        if (FN(is_sorted)(xv, cnt))
            FN(sorted)(xp, n, xv, cnt, j);
        else if (jb->gstart)
            FN(guess)(jb, xv, cnt, j);
        else
            FN(search)(xp, 0, n, xv, cnt, j);
    }
}

/* ---- the consumers -------------------------------------------------------- */

#define FP(i) (*(const T *)(fp + (i) * fps))

/* The exact numpy.interp formula, element by element. */
static void FN(interp_scalar)(const JOB *jb, const T *restrict xv, const ptrdiff_t *restrict j,
                              ptrdiff_t cnt, T *restrict o)
{
    const T *restrict xp = (const T *)jb->xp;
    const char *fp = jb->fp;
    const ptrdiff_t fps = jb->fps, n = jb->n;
    const T left = (T)jb->left, right = (T)jb->right, xlast = xp[n - 1], flast = FP(n - 1);
    const T *restrict slope = (const T *)jb->slope;
    if (n == 1) {
        for (ptrdiff_t i = 0; i < cnt; i++) {
            const T v = xv[i];
            o[i] = v < xlast ? left : (v > xlast ? right : flast);
        }
        return;
    }
    for (ptrdiff_t i = 0; i < cnt; i++) {
        const T v = xv[i];
        const ptrdiff_t jj = j[i];
        T r;
        if (KT_UNLIKELY(v != v))
            r = v;
        else if (jj < 0)
            r = left;
        else if (v > xlast)
            r = right;
        else if (jj == n - 1)
            r = flast;
        else {
            const T xj = xp[jj], fj = FP(jj);
            if (xj == v)
                r = fj;
            else {
                T s;
                if (slope)
                    s = slope[jj];
                else if (jb->recip)
                    s = (FP(jj + 1) - fj) * ((T)1 / (xp[jj + 1] - xj));
                else
                    s = (FP(jj + 1) - fj) / (xp[jj + 1] - xj);
                r = s * (v - xj) + fj;
                if (KT_UNLIKELY(r != r)) {
                    const T f1 = FP(jj + 1);
                    r = s * (v - xp[jj + 1]) + f1;
                    if (r != r && fj == f1)
                        r = fj;
                }
            }
        }
        o[i] = r;
    }
}

/* The same without branches (vectorises with gathers), for contiguous fp
 * and precomputed slopes; 0 when a NaN came out somewhere (then the block
 * is redone by interp_scalar, which owns the NaN rules). */
static int FN(interp_vec)(const JOB *jb, const T *restrict xv, const ptrdiff_t *restrict j,
                          ptrdiff_t cnt, T *restrict o)
{
    const T *restrict xp = (const T *)jb->xp;
    const T *restrict fp = (const T *)jb->fp;
    const T *restrict slope = (const T *)jb->slope;
    const ptrdiff_t n = jb->n;
    const T left = (T)jb->left, right = (T)jb->right, xlast = xp[n - 1], flast = fp[n - 1];
    int bad = 0;
    for (ptrdiff_t i = 0; i < cnt; i++) {
        const T v = xv[i];
        const ptrdiff_t jj = j[i];
        ptrdiff_t jc = jj < 0 ? 0 : jj;
        jc = jc > n - 2 ? n - 2 : jc;
        const T xj = xp[jc], fj = fp[jc];
        T r = slope[jc] * (v - xj) + fj;
        bad |= r != r;
        r = xj == v ? fj : r;
        r = jj == n - 1 ? flast : r;
        r = v > xlast ? right : r;
        r = jj < 0 ? left : r;
        o[i] = r;
    }
    return !bad;
}

/* A sorted block, fused: walk the knots alongside the queries; each run of
 * queries inside one interval is then a loop with the interval's constants
 * (it vectorises without gathers).  Same formula and selects as
 * interp_vec, so the same results; 0 when a NaN came out. */
static int FN(interp_sorted)(const JOB *jb, const T *restrict xv, ptrdiff_t cnt, T *restrict o)
{
    const T *restrict xp = (const T *)jb->xp;
    const T *restrict fp = (const T *)jb->fp;
    const T *restrict slope = (const T *)jb->slope;
    const ptrdiff_t n = jb->n;
    const T left = (T)jb->left, right = (T)jb->right, xlast = xp[n - 1], flast = fp[n - 1];
    ptrdiff_t jj;
    FN(search)(xp, 0, n, xv, 1, &jj);
    int bad = 0;
    ptrdiff_t i = 0;
    while (i < cnt) {
        const T v0 = xv[i];
        if (v0 != v0)
            return 0;
        while (jj < n - 1 && v0 >= xp[jj + 1])
            jj++;
        ptrdiff_t e = i + 1;
        if (jj < 0) {
            const T hi = xp[0];
            while (e < cnt && xv[e] < hi)
                e++;
            for (ptrdiff_t q = i; q < e; q++)
                o[q] = left;
        } else if (jj == n - 1) {
            e = cnt;
            for (ptrdiff_t q = i; q < e; q++)
                o[q] = xv[q] > xlast ? right : flast;
        } else {
            const T hi = xp[jj + 1], xj = xp[jj], fj = fp[jj], sj = slope[jj];
            while (e < cnt && xv[e] < hi)
                e++;
            for (ptrdiff_t q = i; q < e; q++) {
                const T v = xv[q];
                T r = sj * (v - xj) + fj;
                bad |= r != r;
                o[q] = xj == v ? fj : r;
            }
        }
        i = e;
    }
    return !bad;
}

#if defined(__AVX2__)
/* four interval indices clamped to [0, n-2] (zero, last: 0 and n-2) */
static inline void FN(clamp4)(const ptrdiff_t *j, __m256i zero, __m256i last, int64_t *jv)
{
    __m256i jj = _mm256_loadu_si256((const __m256i *)j);
    jj = _mm256_blendv_epi8(jj, zero, _mm256_cmpgt_epi64(zero, jj));
    jj = _mm256_blendv_epi8(jj, last, _mm256_cmpgt_epi64(jj, last));
    _mm256_storeu_si256((__m256i *)jv, jj);
}
#endif

#if defined(__AVX2__) && !KT_IS_F32
/* interp_vec on AVX2 (double): the interval's knot, value and slope come
 * from one 32-byte table row per query (a 4x4 transpose instead of three
 * gathers); the same operations and selects, so the same results. */
static int FN(interp_tab)(const JOB *jb, const T *restrict xv, const ptrdiff_t *restrict j,
                          ptrdiff_t cnt, T *restrict o)
{
    const double *restrict tab = (const double *)jb->itab;
    const ptrdiff_t n = jb->n;
    const __m256i zero = _mm256_setzero_si256(), last = _mm256_set1_epi64x(n - 2);
    const __m256i top = _mm256_set1_epi64x(n - 1);
    const __m256d left = _mm256_set1_pd(jb->left), right = _mm256_set1_pd(jb->right);
    const __m256d xlast = _mm256_set1_pd(((const T *)jb->xp)[n - 1]);
    const __m256d flast = _mm256_set1_pd(*(const T *)(jb->fp + (n - 1) * jb->fps));
    __m256d bad = _mm256_setzero_pd();
    int64_t jv[4];
    ptrdiff_t i = 0;
    for (; i + 4 <= cnt; i += 4) {
        const __m256d v = _mm256_loadu_pd(xv + i);
        const __m256i jr = _mm256_loadu_si256((const __m256i *)(j + i));
        FN(clamp4)(j + i, zero, last, jv);
        const __m256d r0 = _mm256_load_pd(tab + 4 * jv[0]), r1 = _mm256_load_pd(tab + 4 * jv[1]);
        const __m256d r2 = _mm256_load_pd(tab + 4 * jv[2]), r3 = _mm256_load_pd(tab + 4 * jv[3]);
        const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
        const __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
        const __m256d xj = _mm256_permute2f128_pd(t0, t2, 0x20);
        const __m256d sl = _mm256_permute2f128_pd(t0, t2, 0x31);
        const __m256d fj = _mm256_permute2f128_pd(t1, t3, 0x20);
        __m256d r = _mm256_add_pd(_mm256_mul_pd(sl, _mm256_sub_pd(v, xj)), fj);
        bad = _mm256_or_pd(bad, _mm256_cmp_pd(r, r, _CMP_UNORD_Q));
        r = _mm256_blendv_pd(r, fj, _mm256_cmp_pd(xj, v, _CMP_EQ_OQ));
        r = _mm256_blendv_pd(r, flast, _mm256_castsi256_pd(_mm256_cmpeq_epi64(jr, top)));
        r = _mm256_blendv_pd(r, right, _mm256_cmp_pd(v, xlast, _CMP_GT_OQ));
        r = _mm256_blendv_pd(r, left, _mm256_castsi256_pd(_mm256_cmpgt_epi64(zero, jr)));
        _mm256_storeu_pd(o + i, r);
    }
    if (_mm256_movemask_pd(bad))
        return 0;
    return i == cnt || FN(interp_vec)(jb, xv + i, j + i, cnt - i, o + i);
}
#endif

static void FN(interp_block)(const JOB *jb, const T *restrict xv, const ptrdiff_t *restrict j,
                             ptrdiff_t i0, ptrdiff_t cnt)
{
    _Alignas(64) T ob[KT_LK_BLK];
    const ptrdiff_t os = jb->os;
    char *out = jb->out + i0 * os;
    const int direct = os == (ptrdiff_t)sizeof(T) && ((uintptr_t)out % sizeof(T)) == 0;
    T *o = direct ? (T *)out : ob;
    int done = 0;
#if defined(__AVX2__) && !KT_IS_F32
    if (jb->itab)
        done = FN(interp_tab)(jb, xv, j, cnt, o);
    else
#endif
        if (jb->n > 1 && jb->slope && jb->fps == (ptrdiff_t)sizeof(T))
        done = FN(interp_vec)(jb, xv, j, cnt, o);
    if (!done)
        FN(interp_scalar)(jb, xv, j, cnt, o);
    if (!direct)
        for (ptrdiff_t i = 0; i < cnt; i++)
            *(T *)(out + i * os) = o[i];
}


static void FN(ppoly_block)(const JOB *jb, const T *restrict xv, const ptrdiff_t *restrict j,
                            ptrdiff_t i0, ptrdiff_t cnt)
{
    const T *restrict xb = (const T *)jb->xp;
    const T *restrict c = (const T *)jb->c;
    const ptrdiff_t n = jb->n, k = jb->k, nc = jb->ncols, ps = (n - 1) * nc;
    const T a = xb[0], b = xb[n - 1];
    const int ex = jb->extrapolate;
    T *restrict out = (T *)jb->out + i0 * nc;
    if (jb->tab) { /* cubic, one column: one 8-wide table row per interval */
        const T *restrict tab = (const T *)jb->tab;
        ptrdiff_t i = 0;
#if defined(__AVX2__)
        /* the same operations, 4 queries at a time (no FMA: the results
         * are those of the baseline build); a 4x4 transpose of the table
         * rows instead of gathers.  The polynomial is scipy's power sum
         * c3 + c2 d + c1 d^2 + c0 d^3 (z = d, d*d, d*d*d), in its order. */
        const __m256i zero = _mm256_setzero_si256(), last = _mm256_set1_epi64x(n - 2);
        int64_t jv[4];
#if KT_IS_F32
        const __m128 va = _mm_set1_ps(a), vb = _mm_set1_ps(b);
        const __m128 ok0 = ex ? _mm_castsi128_ps(_mm_set1_epi32(-1)) : _mm_setzero_ps();
        for (; i + 4 <= cnt; i += 4) {
            const __m128 v = _mm_loadu_ps(xv + i);
            FN(clamp4)(j + i, zero, last, jv);
            __m128 r0 = _mm_loadu_ps(tab + 8 * jv[0]), r1 = _mm_loadu_ps(tab + 8 * jv[1]);
            __m128 r2 = _mm_loadu_ps(tab + 8 * jv[2]), r3 = _mm_loadu_ps(tab + 8 * jv[3]);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3); /* r0: knots, r1..r3: c0..c2 */
            const __m128 c3 = _mm_set_ps(tab[8 * jv[3] + 4], tab[8 * jv[2] + 4],
                                         tab[8 * jv[1] + 4], tab[8 * jv[0] + 4]);
            const __m128 d = _mm_sub_ps(v, r0), d2 = _mm_mul_ps(d, d);
            const __m128 d3 = _mm_mul_ps(d2, d);
            __m128 r = _mm_add_ps(_mm_setzero_ps(), c3);
            r = _mm_add_ps(r, _mm_mul_ps(r3, d));
            r = _mm_add_ps(r, _mm_mul_ps(r2, d2));
            r = _mm_add_ps(r, _mm_mul_ps(r1, d3));
            const __m128 in =
                _mm_and_ps(_mm_cmp_ps(v, va, _CMP_GE_OQ), _mm_cmp_ps(v, vb, _CMP_LE_OQ));
            const __m128 ok = _mm_or_ps(in, _mm_and_ps(ok0, _mm_cmp_ps(v, v, _CMP_ORD_Q)));
            _mm_storeu_ps(out + i, _mm_blendv_ps(_mm_set1_ps(NAN), r, ok));
        }
#else
        const __m256d va = _mm256_set1_pd(a), vb = _mm256_set1_pd(b);
        const __m256d ok0 =
            ex ? _mm256_castsi256_pd(_mm256_set1_epi64x(-1)) : _mm256_setzero_pd();
        for (; i + 4 <= cnt; i += 4) {
            const __m256d v = _mm256_loadu_pd(xv + i);
            FN(clamp4)(j + i, zero, last, jv);
            const double *p0 = tab + 8 * jv[0], *p1 = tab + 8 * jv[1];
            const double *p2 = tab + 8 * jv[2], *p3 = tab + 8 * jv[3];
            const __m256d r0 = _mm256_load_pd(p0), r1 = _mm256_load_pd(p1);
            const __m256d r2 = _mm256_load_pd(p2), r3 = _mm256_load_pd(p3);
            const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
            const __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
            const __m256d knot = _mm256_permute2f128_pd(t0, t2, 0x20);
            const __m256d c1 = _mm256_permute2f128_pd(t0, t2, 0x31);
            const __m256d c0 = _mm256_permute2f128_pd(t1, t3, 0x20);
            const __m256d c2 = _mm256_permute2f128_pd(t1, t3, 0x31);
            const __m256d c3 = _mm256_set_pd(p3[4], p2[4], p1[4], p0[4]);
            const __m256d d = _mm256_sub_pd(v, knot), d2 = _mm256_mul_pd(d, d);
            const __m256d d3 = _mm256_mul_pd(d2, d);
            __m256d r = _mm256_add_pd(_mm256_setzero_pd(), c3);
            r = _mm256_add_pd(r, _mm256_mul_pd(c2, d));
            r = _mm256_add_pd(r, _mm256_mul_pd(c1, d2));
            r = _mm256_add_pd(r, _mm256_mul_pd(c0, d3));
            const __m256d in = _mm256_and_pd(_mm256_cmp_pd(v, va, _CMP_GE_OQ),
                                             _mm256_cmp_pd(v, vb, _CMP_LE_OQ));
            const __m256d ok =
                _mm256_or_pd(in, _mm256_and_pd(ok0, _mm256_cmp_pd(v, v, _CMP_ORD_Q)));
            _mm256_storeu_pd(out + i, _mm256_blendv_pd(_mm256_set1_pd(NAN), r, ok));
        }
#endif
#endif
        for (; i < cnt; i++) {
            const T v = xv[i];
            ptrdiff_t jj = j[i];
            jj = jj < 0 ? 0 : jj;
            jj = jj > n - 2 ? n - 2 : jj;
            const T *row = tab + 8 * jj;
            const T d = v - row[0], d2 = d * d, d3 = d2 * d;
            const T r = (((T)0 + row[4]) + row[3] * d) + row[2] * d2 + row[1] * d3;
            const int ok = (v >= a && v <= b) || (ex && v == v);
            out[i] = ok ? r : (T)NAN;
        }
        return;
    }
    for (ptrdiff_t i = 0; i < cnt; i++) {
        const T v = xv[i];
        ptrdiff_t jj = j[i];
        jj = jj < 0 ? 0 : jj;
        jj = jj > n - 2 ? n - 2 : jj;
        T *restrict o = out + i * nc;
        if (!((v >= a && v <= b) || (ex && v == v))) {
            for (ptrdiff_t q = 0; q < nc; q++)
                o[q] = (T)NAN;
            continue;
        }
        const T d = v - xb[jj];
        const T *restrict cj = c + jj * nc;
        T z = d;
        for (ptrdiff_t q = 0; q < nc; q++)
            o[q] = (T)0 + cj[(k - 1) * ps + q];
        for (ptrdiff_t p = k - 2; p >= 0; p--) {
            const T *restrict cp = cj + p * ps;
            for (ptrdiff_t q = 0; q < nc; q++)
                o[q] = o[q] + cp[q] * z;
            z = z * d;
        }
    }
}

/* ---- one block of queries: one task of the parallel loop -------------------- */

static void FN(task)(void *vctx, ptrdiff_t item, int tid)
{
    (void)tid;
    const JOB *jb = (const JOB *)vctx;
    const ptrdiff_t i0 = item * KT_LK_BLK;
    const ptrdiff_t cnt = jb->m - i0 < KT_LK_BLK ? jb->m - i0 : KT_LK_BLK;
    _Alignas(64) T xb[KT_LK_BLK];
    _Alignas(64) ptrdiff_t j[KT_LK_BLK];
    const char *x = jb->x + i0 * jb->xs;
    const ptrdiff_t xs = jb->xs;
    const T *xv = (const T *)x; /* contiguous queries are read in place */
    if (xs != (ptrdiff_t)sizeof(T) || ((uintptr_t)x % sizeof(T)) != 0) {
        for (ptrdiff_t i = 0; i < cnt; i++)
            memcpy(xb + i, x + i * xs, sizeof(T));
        xv = xb;
    }
    if (jb->kind == KT__LK_INTERP && jb->n > 1 && jb->slope &&
        jb->fps == (ptrdiff_t)sizeof(T) &&
        (jb->path == KT_LOOKUP_AUTO || jb->path == KT_LOOKUP_SORTED) && FN(is_sorted)(xv, cnt)) {
        _Alignas(64) T ob[KT_LK_BLK];
        const ptrdiff_t os = jb->os;
        char *out = jb->out + i0 * os;
        const int direct = os == (ptrdiff_t)sizeof(T) && ((uintptr_t)out % sizeof(T)) == 0;
        T *o = direct ? (T *)out : ob;
        if (FN(interp_sorted)(jb, xv, cnt, o)) {
            if (!direct)
                for (ptrdiff_t i = 0; i < cnt; i++)
                    *(T *)(out + i * os) = o[i];
            return;
        }
    }
    FN(find)(jb, xv, cnt, j);
    switch (jb->kind) {
    case KT__LK_INTERP:
        FN(interp_block)(jb, xv, j, i0, cnt);
        break;
    case KT__LK_PPOLY:
        FN(ppoly_block)(jb, xv, j, i0, cnt);
        break;
    default:
        for (ptrdiff_t i = 0; i < cnt; i++)
            jb->idx[i0 + i] = (int64_t)j[i];
    }
}

/* ---- the tables ------------------------------------------------------------ */

/* numpy.interp's slopes, once (as numpy does when there are enough queries) */
static void FN(build_slopes)(kt__lk_job *jb)
{
    const T *restrict xp = (const T *)jb->xp;
    const char *fp = jb->fp;
    const ptrdiff_t fps = jb->fps, n = jb->n;
    T *restrict sl = (T *)jb->mem[KT__LK_SLOPE];
    for (ptrdiff_t i = 0; i + 1 < n; i++) {
        const T d = FP(i + 1) - FP(i);
        sl[i] = jb->recip ? d * ((T)1 / (xp[i + 1] - xp[i])) : d / (xp[i + 1] - xp[i]);
    }
    jb->slope = sl;
}

/* The guess table (lookup.h, KT_LOOKUP_GUESS): the bucket of a knot is
 * computed exactly as that of a query (guess_lo). */
static void FN(build_guess)(kt__lk_job *jb)
{
    const T *restrict xp = (const T *)jb->xp;
    const ptrdiff_t n = jb->n, nb = 2 * n;
    const double x0 = (double)xp[0], span = (double)xp[n - 1] - x0;
    if (!(span > 0.0) || !isfinite(span))
        return;
    const double inv = (double)nb / span, top = (double)(nb - 1);
    int32_t *start = (int32_t *)jb->mem[KT__LK_GUESS];
    ptrdiff_t p = 0, glen = 1;
    for (ptrdiff_t b = 0; b <= nb; b++) {
        for (; p < n; p++) {
            double t = ((double)xp[p] - x0) * inv;
            t = t >= 0.0 ? t : 0.0;
            t = t <= top ? t : top;
            if ((ptrdiff_t)t >= b)
                break;
        }
        start[b] = (int32_t)p;
    }
    for (ptrdiff_t b = 0; b < nb; b++) {
        const ptrdiff_t lo = start[b] > 0 ? start[b] - 1 : 0;
        const ptrdiff_t len = (ptrdiff_t)start[b + 1] - lo;
        glen = len > glen ? len : glen;
    }
    jb->gstart = start;
    jb->nb = nb;
    jb->glen = glen < n ? glen : n;
    jb->gx0 = x0;
    jb->ginv = inv;
}

/* The per-interval rows: numpy.interp in double (knot, value, slope, 0: read
 * by interp_tab only, so built only where that is compiled), a cubic PPoly
 * of one column (knot, c0..c3, 0, 0, 0). */
static void FN(build_table)(kt__lk_job *jb)
{
    const T *restrict xp = (const T *)jb->xp;
    const ptrdiff_t n = jb->n;
    T *restrict tab = (T *)jb->mem[KT__LK_TABLE];
    if (jb->kind == KT__LK_INTERP) {
#if defined(__AVX2__) && !KT_IS_F32
        const T *restrict fp = (const T *)jb->fp;
        const T *restrict sl = (const T *)jb->slope;
        for (ptrdiff_t i = 0; i + 1 < n; i++) {
            tab[4 * i] = xp[i];
            tab[4 * i + 1] = fp[i];
            tab[4 * i + 2] = sl[i];
            tab[4 * i + 3] = 0;
        }
        jb->itab = tab;
#endif
        return;
    }
    const T *restrict c = (const T *)jb->c;
    const ptrdiff_t ps = n - 1;
    for (ptrdiff_t i = 0; i < n - 1; i++) {
        T *row = tab + 8 * i;
        row[0] = xp[i];
        for (int p = 0; p < 4; p++)
            row[1 + p] = c[p * ps + i];
        row[5] = row[6] = row[7] = 0;
    }
    jb->tab = tab;
}

/* ---- the driver ------------------------------------------------------------- */

int FN(kt__lookup_run)(kt__lk_job *jb, int nthreads)
{
    if (jb->mem[KT__LK_SLOPE])
        FN(build_slopes)(jb);
    if (jb->mem[KT__LK_GUESS] && jb->path != KT_LOOKUP_UNIFORM)
        FN(build_guess)(jb);
    if (jb->mem[KT__LK_TABLE])
        FN(build_table)(jb);
    const ptrdiff_t nblk = (jb->m + KT_LK_BLK - 1) / KT_LK_BLK;
    return kt__parallel_for(jb->info, nthreads, nblk, 1, FN(task), jb);
}

#undef FN
#undef JOB
#undef FP
#undef KT_LK_BLK
#undef KT_LK_G
