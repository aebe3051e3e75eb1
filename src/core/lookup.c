/* The lookup engine (kernterp/lookup.h): the uniform-knot check, the plans of
 * the interval index, numpy.interp and PPoly evaluation (validation, the
 * thread count, the scratch layout), their executes (checks, the path, then
 * run-time dispatch to an ISA build of lookup_impl.h) and the simple calls.
 * The cubic spline's plan is in lookup_spline.c. */
#include <math.h>
#include <stdlib.h>

#include "layout.h"
#include "lookup_priv.h"
#include "parallel.h"

/* ---- the uniform-knot check ------------------------------------------------ */

static inline double kt__lk_at(const void *xp, ptrdiff_t i, int f32)
{
    return f32 ? (double)((const float *)xp)[i] : ((const double *)xp)[i];
}

KT_ALWAYS_INLINE int kt__lk_is_uniform(ptrdiff_t n, const void *xp, int f32)
{
    if (n < 2 || n > INT32_MAX - 1 || !xp)
        return 0;
    const double x0 = kt__lk_at(xp, 0, f32);
    const double h = (kt__lk_at(xp, n - 1, f32) - x0) / (double)(n - 1);
    if (!(h > 0.0) || !isfinite(h) || !isfinite(x0))
        return 0;
    const double tol = 0.125 * h;
    for (ptrdiff_t i = 0; i < n; i++)
        if (!(fabs(kt__lk_at(xp, i, f32) - (x0 + (double)i * h)) <= tol))
            return 0;
    return 1;
}

int kt_lookup_is_uniform_f32(ptrdiff_t n, const float *xp) { return kt__lk_is_uniform(n, xp, 1); }

int kt_lookup_is_uniform_f64(ptrdiff_t n, const double *xp) { return kt__lk_is_uniform(n, xp, 0); }

/* ---- planning ----------------------------------------------------------------- */

/* Below this many queries the O(n) uniformity check is not paid for. */
static int kt__lk_worth_uniform(ptrdiff_t n, ptrdiff_t m) { return m >= 256 && 4 * m >= n; }

/* Whether the guess table (2n buckets, int32 knot indices) pays for its O(n)
 * cost: enough queries, not too many knots, a path that reads it. */
static int kt__lk_guess_wanted(ptrdiff_t n, ptrdiff_t m, int path)
{
    return n >= 2 && n < (ptrdiff_t)1 << 29 && 2 * m >= n &&
           (path == KT_LOOKUP_AUTO || path == KT_LOOKUP_GUESS);
}

/* The scratch layout of the regions (bytes per KT__LK_* region, 0: none):
 * their offsets and the scratch size, or KT_ERR_SHAPE. */
static int kt__lk_layout(const size_t *bytes, size_t *off, size_t *total)
{
    kt__region reg[KT__LK_NREG];
    size_t stride[KT__LK_NREG];
    for (int r = 0; r < KT__LK_NREG; r++) {
        reg[r].count = bytes[r] ? 1 : 0;
        reg[r].size = bytes[r];
        reg[r].align = 0;
    }
    return kt__layout(reg, KT__LK_NREG, off, stride, total);
}

/* Fills the part the three plans share, once every check has passed (the
 * plan is written field by field: nothing before that point), with the
 * thread count for about `ns_per_query` nanoseconds a query (the cheapest
 * paths: sorted or uniform queries). */
static void kt__lk_fill(kt__lookup_core *lk, kt_plan_info *info, int op, int dtype, ptrdiff_t n,
                        ptrdiff_t m, ptrdiff_t x_stride, int path, const size_t *bytes,
                        const size_t *off, size_t total, double ns_per_query, int nthreads)
{
    /* no more threads than blocks of 1024 queries (lookup_impl.h) */
    const ptrdiff_t nblk = (m + 1023) / 1024;
    int nt = kt__thread_count(nthreads, (double)m * ns_per_query);
    if ((ptrdiff_t)nt > nblk)
        nt = nblk > 0 ? (int)nblk : 1;
    info->tag = kt__tag(op, dtype);
    info->dtype = dtype;
    info->nthreads = nt;
    info->scratch_size = total;
    info->poll = NULL;
    info->poll_ctx = NULL;
    lk->n = n;
    lk->m = m;
    lk->x_stride = x_stride;
    lk->path = path;
    for (int r = 0; r < KT__LK_NREG; r++) {
        lk->off[r] = off[r];
        lk->size[r] = bytes[r];
    }
}

/* the checks every plan of the engine makes */
static int kt__lk_check(const void *plan, int dtype, ptrdiff_t n, ptrdiff_t m, int path)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    /* sizes whose tables' bytes (or blocks) could not be counted are out too */
    if (n < 1 || m < 0 || n > PTRDIFF_MAX / 64 || m > PTRDIFF_MAX / 64)
        return KT_ERR_SHAPE;
    if (path < KT_LOOKUP_AUTO || path > KT_LOOKUP_GUESS)
        return KT_ERR_MODE;
    return KT_OK;
}

int kt_lookup_plan_init(kt_lookup_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t m,
                        ptrdiff_t x_stride, int path, int nthreads)
{
    int s = kt__lk_check(plan, dtype, n, m, path);
    if (s != KT_OK)
        return s;
    size_t bytes[KT__LK_NREG] = {0, 0, 0};
    if (kt__lk_guess_wanted(n, m, path))
        bytes[KT__LK_GUESS] = (size_t)(2 * n + 1) * sizeof(int32_t);
    size_t off[KT__LK_NREG], total;
    s = kt__lk_layout(bytes, off, &total);
    if (s != KT_OK)
        return s;
    kt__lk_fill(&plan->lk, &plan->info, KT__OP_LOOKUP, dtype, n, m, x_stride, path, bytes, off,
                total, 2.0, nthreads);
    return KT_OK;
}

int kt_interp_plan_init(kt_interp_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t fp_stride,
                        ptrdiff_t m, ptrdiff_t x_stride, ptrdiff_t out_stride, double left,
                        double right, int recip, int path, int nthreads)
{
    int s = kt__lk_check(plan, dtype, n, m, path);
    if (s != KT_OK)
        return s;
    const size_t isz = kt__itemsize(dtype);
    size_t bytes[KT__LK_NREG] = {0, 0, 0};
    if (n > 1 && m >= n) { /* as numpy: the slopes once when there are queries enough */
        bytes[KT__LK_SLOPE] = (size_t)(n - 1) * isz;
        if (kt__lk_guess_wanted(n, m, path))
            bytes[KT__LK_GUESS] = (size_t)(2 * n + 1) * sizeof(int32_t);
        /* double, contiguous values: one 32-byte row per interval (AVX2 loop) */
        if (dtype == KT_F64 && fp_stride == (ptrdiff_t)sizeof(double))
            bytes[KT__LK_TABLE] = (size_t)(n - 1) * 4 * sizeof(double);
    }
    size_t off[KT__LK_NREG], total;
    s = kt__lk_layout(bytes, off, &total);
    if (s != KT_OK)
        return s;
    kt__lk_fill(&plan->lk, &plan->info, KT__OP_INTERP, dtype, n, m, x_stride, path, bytes, off,
                total, 2.0, nthreads);
    plan->fp_stride = fp_stride;
    plan->out_stride = out_stride;
    plan->left = left;
    plan->right = right;
    plan->recip = recip != 0;
    return KT_OK;
}

int kt_ppoly_plan_init(kt_ppoly_plan *plan, int dtype, ptrdiff_t k, ptrdiff_t n,
                       ptrdiff_t ncols, ptrdiff_t m, ptrdiff_t x_stride, int extrapolate,
                       int path, int nthreads)
{
    int s = kt__lk_check(plan, dtype, n, m, path);
    if (s != KT_OK)
        return s;
    if (k < 1 || ncols < 1 || n < 2)
        return KT_ERR_SHAPE;
    /* the coefficient and output counts must fit in ptrdiff_t (in bytes) */
    if (k > PTRDIFF_MAX / ncols || k * ncols > PTRDIFF_MAX / 8 / n ||
        m > PTRDIFF_MAX / 8 / ncols)
        return KT_ERR_SHAPE;
    size_t bytes[KT__LK_NREG] = {0, 0, 0};
    if (kt__lk_guess_wanted(n, m, path))
        bytes[KT__LK_GUESS] = (size_t)(2 * n + 1) * sizeof(int32_t);
    /* cubic, one column: one 8-wide row (knot, c0..c3) per interval */
    if (k == 4 && ncols == 1 && 2 * m >= n)
        bytes[KT__LK_TABLE] = (size_t)(n - 1) * 8 * kt__itemsize(dtype);
    size_t off[KT__LK_NREG], total;
    s = kt__lk_layout(bytes, off, &total);
    if (s != KT_OK)
        return s;
    kt__lk_fill(&plan->lk, &plan->info, KT__OP_PPOLY, dtype, n, m, x_stride, path, bytes, off,
                total, 2.0 + 0.5 * (double)k * (double)ncols, nthreads);
    plan->k = k;
    plan->ncols = ncols;
    plan->extrapolate = extrapolate != 0;
    return KT_OK;
}

/* ---- execution ---------------------------------------------------------------- */

/* Whether two strided 1-D arrays may share memory: na elements of ia bytes
 * `sa` bytes apart, and nb of ib bytes sb apart (elements of different
 * sizes: as byte arrays of two dimensions). */
static int kt__lk_overlap(const void *a, ptrdiff_t na, ptrdiff_t sa, size_t ia, const void *b,
                          ptrdiff_t nb, ptrdiff_t sb, size_t ib)
{
    if (ia == ib)
        return kt__overlap(1, &na, a, &sa, &nb, b, &sb, ia) != 0;
    const ptrdiff_t sha[2] = {na, (ptrdiff_t)ia}, sta[2] = {sa, 1};
    const ptrdiff_t shb[2] = {nb, (ptrdiff_t)ib}, stb[2] = {sb, 1};
    return kt__overlap(2, sha, a, sta, shb, b, stb, 1) != 0;
}

/* The path of one execute (the uniform check reads the knots), the scratch
 * regions, then the ISA build: KT_OK, KT_ERR_VALUE (UNIFORM forced on knots
 * that are not) or KT_ERR_CANCELLED. */
static int kt__lk_run(kt__lk_job *jb, const kt__lookup_core *lk, int dtype, void *scratch,
                      int nthreads)
{
    const ptrdiff_t n = lk->n, m = lk->m;
    const int f32 = dtype == KT_F32;
    int uni = 0;
    if (lk->path == KT_LOOKUP_UNIFORM) {
        uni = n == 1 || (f32 ? kt_lookup_is_uniform_f32(n, (const float *)jb->xp)
                             : kt_lookup_is_uniform_f64(n, (const double *)jb->xp));
        if (!uni)
            return KT_ERR_VALUE;
    } else if (lk->path == KT_LOOKUP_AUTO && kt__lk_worth_uniform(n, m)) {
        uni = f32 ? kt_lookup_is_uniform_f32(n, (const float *)jb->xp)
                  : kt_lookup_is_uniform_f64(n, (const double *)jb->xp);
    }
    if (m == 0)
        return KT_OK;
    jb->path = uni ? KT_LOOKUP_UNIFORM : lk->path;
    if (uni && n > 1) {
        const double x0 = kt__lk_at(jb->xp, 0, f32);
        jb->ux0 = x0;
        jb->uinvh = (double)(n - 1) / (kt__lk_at(jb->xp, n - 1, f32) - x0);
    }
    jb->n = n;
    jb->m = m;
    jb->xs = lk->x_stride;
    for (int r = 0; r < KT__LK_NREG; r++)
        jb->mem[r] = lk->size[r] ? kt__piece(scratch, lk->off[r], 0, 0) : NULL;
    if (f32)
        return KT_DISPATCH(kt__lookup_run_f32, (jb, nthreads));
    return KT_DISPATCH(kt__lookup_run_f64, (jb, nthreads));
}

static int kt__lookup_execute(const kt_lookup_plan *pl, int dtype, const void *xp, const void *x,
                              int64_t *idx, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_LOOKUP, dtype, scratch);
    if (s != KT_OK)
        return s;
    const kt__lookup_core *lk = &pl->lk;
    const size_t isz = kt__itemsize(dtype);
    if (!xp || (lk->m > 0 && (!x || !idx)))
        return KT_ERR_NULL;
    if (kt__lk_overlap(idx, lk->m, 8, 8, x, lk->m, lk->x_stride, isz) ||
        kt__lk_overlap(idx, lk->m, 8, 8, xp, lk->n, (ptrdiff_t)isz, isz))
        return KT_ERR_OVERLAP;
    kt__lk_job jb = {.info = &pl->info, .kind = KT__LK_INDEX, .xp = xp, .x = (const char *)x,
                     .idx = idx};
    return kt__lk_run(&jb, lk, dtype, scratch, kt__exec_threads(&pl->info, nthreads));
}

int kt_lookup_execute_f32(const kt_lookup_plan *plan, const float *xp, const float *x,
                          int64_t *idx, void *scratch, int nthreads)
{
    return kt__lookup_execute(plan, KT_F32, xp, x, idx, scratch, nthreads);
}

int kt_lookup_execute_f64(const kt_lookup_plan *plan, const double *xp, const double *x,
                          int64_t *idx, void *scratch, int nthreads)
{
    return kt__lookup_execute(plan, KT_F64, xp, x, idx, scratch, nthreads);
}

static int kt__interp_execute(const kt_interp_plan *pl, int dtype, const void *xp,
                              const void *fp, const void *x, void *out, void *scratch,
                              int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_INTERP, dtype, scratch);
    if (s != KT_OK)
        return s;
    const kt__lookup_core *lk = &pl->lk;
    const size_t isz = kt__itemsize(dtype);
    const ptrdiff_t m = lk->m, os = pl->out_stride;
    if (!xp || !fp || (m > 0 && (!x || !out)))
        return KT_ERR_NULL;
    if (kt__lk_overlap(out, m, os, isz, x, m, lk->x_stride, isz) ||
        kt__lk_overlap(out, m, os, isz, xp, lk->n, (ptrdiff_t)isz, isz) ||
        kt__lk_overlap(out, m, os, isz, fp, lk->n, pl->fp_stride, isz))
        return KT_ERR_OVERLAP;
    kt__lk_job jb = {.info = &pl->info,
                     .kind = KT__LK_INTERP,
                     .xp = xp,
                     .x = (const char *)x,
                     .fp = (const char *)fp,
                     .fps = pl->fp_stride,
                     .recip = pl->recip,
                     .left = pl->left,
                     .right = pl->right,
                     .out = (char *)out,
                     .os = os};
    return kt__lk_run(&jb, lk, dtype, scratch, kt__exec_threads(&pl->info, nthreads));
}

int kt_interp_execute_f32(const kt_interp_plan *plan, const float *xp, const float *fp,
                          const float *x, float *out, void *scratch, int nthreads)
{
    return kt__interp_execute(plan, KT_F32, xp, fp, x, out, scratch, nthreads);
}

int kt_interp_execute_f64(const kt_interp_plan *plan, const double *xp, const double *fp,
                          const double *x, double *out, void *scratch, int nthreads)
{
    return kt__interp_execute(plan, KT_F64, xp, fp, x, out, scratch, nthreads);
}

static int kt__ppoly_execute(const kt_ppoly_plan *pl, int dtype, const void *xb, const void *c,
                             const void *x, void *out, void *scratch, int nthreads)
{
    int s = kt__check_plan(pl ? &pl->info : NULL, KT__OP_PPOLY, dtype, scratch);
    if (s != KT_OK)
        return s;
    const kt__lookup_core *lk = &pl->lk;
    const ptrdiff_t isz = (ptrdiff_t)kt__itemsize(dtype), m = lk->m, n = lk->n;
    if (!xb || !c || (m > 0 && (!x || !out)))
        return KT_ERR_NULL;
    const ptrdiff_t nout = m * pl->ncols, ncoef = pl->k * (n - 1) * pl->ncols;
    if (kt__lk_overlap(out, nout, isz, (size_t)isz, x, m, lk->x_stride, (size_t)isz) ||
        kt__lk_overlap(out, nout, isz, (size_t)isz, xb, n, isz, (size_t)isz) ||
        kt__lk_overlap(out, nout, isz, (size_t)isz, c, ncoef, isz, (size_t)isz))
        return KT_ERR_OVERLAP;
    kt__lk_job jb = {.info = &pl->info,
                     .kind = KT__LK_PPOLY,
                     .xp = xb,
                     .x = (const char *)x,
                     .k = pl->k,
                     .ncols = pl->ncols,
                     .c = c,
                     .extrapolate = pl->extrapolate,
                     .out = (char *)out};
    return kt__lk_run(&jb, lk, dtype, scratch, kt__exec_threads(&pl->info, nthreads));
}

int kt_ppoly_execute_f32(const kt_ppoly_plan *plan, const float *xb, const float *c,
                         const float *x, float *out, void *scratch, int nthreads)
{
    return kt__ppoly_execute(plan, KT_F32, xb, c, x, out, scratch, nthreads);
}

int kt_ppoly_execute_f64(const kt_ppoly_plan *plan, const double *xb, const double *c,
                         const double *x, double *out, void *scratch, int nthreads)
{
    return kt__ppoly_execute(plan, KT_F64, xb, c, x, out, scratch, nthreads);
}

/* ---- simple interface ---------------------------------------------------------- */

/* scratch of `bytes` (NULL for none): KT_OK or KT_ERR_NOMEM */
static int kt__lk_alloc(size_t bytes, void **scratch)
{
    *scratch = NULL;
    if (bytes && !(*scratch = malloc(bytes)))
        return KT_ERR_NOMEM;
    return KT_OK;
}

static int kt__lookup_simple(int dtype, ptrdiff_t m, const void *x, ptrdiff_t n, const void *xp,
                             int64_t *idx, int nthreads)
{
    kt_lookup_plan pl;
    void *scratch = NULL;
    int s = kt_lookup_plan_init(&pl, dtype, n, m, (ptrdiff_t)kt__itemsize(dtype), KT_LOOKUP_AUTO,
                                nthreads);
    if (s == KT_OK)
        s = kt__lk_alloc(pl.info.scratch_size, &scratch);
    if (s == KT_OK)
        s = kt__lookup_execute(&pl, dtype, xp, x, idx, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_lookup_f32(ptrdiff_t m, const float *x, ptrdiff_t n, const float *xp, int64_t *idx,
                  int nthreads)
{
    return kt__lookup_simple(KT_F32, m, x, n, xp, idx, nthreads);
}

int kt_lookup_f64(ptrdiff_t m, const double *x, ptrdiff_t n, const double *xp, int64_t *idx,
                  int nthreads)
{
    return kt__lookup_simple(KT_F64, m, x, n, xp, idx, nthreads);
}

static int kt__interp_simple(int dtype, ptrdiff_t m, const void *x, ptrdiff_t n, const void *xp,
                             const void *fp, double left, double right, void *out)
{
    const ptrdiff_t isz = (ptrdiff_t)kt__itemsize(dtype);
    kt_interp_plan pl;
    void *scratch = NULL;
    int s = kt_interp_plan_init(&pl, dtype, n, isz, m, isz, isz, left, right, 0, KT_LOOKUP_AUTO,
                                1);
    if (s == KT_OK)
        s = kt__lk_alloc(pl.info.scratch_size, &scratch);
    if (s == KT_OK)
        s = kt__interp_execute(&pl, dtype, xp, fp, x, out, scratch, 1);
    free(scratch);
    return s;
}

int kt_interp_f32(ptrdiff_t m, const float *x, ptrdiff_t n, const float *xp, const float *fp,
                  float left, float right, float *out)
{
    return kt__interp_simple(KT_F32, m, x, n, xp, fp, left, right, out);
}

int kt_interp_f64(ptrdiff_t m, const double *x, ptrdiff_t n, const double *xp,
                  const double *fp, double left, double right, double *out)
{
    return kt__interp_simple(KT_F64, m, x, n, xp, fp, left, right, out);
}

static int kt__ppoly_simple(int dtype, ptrdiff_t m, const void *x, ptrdiff_t k, ptrdiff_t n,
                            ptrdiff_t ncols, const void *xb, const void *c, int extrapolate,
                            void *out, int nthreads)
{
    kt_ppoly_plan pl;
    void *scratch = NULL;
    int s = kt_ppoly_plan_init(&pl, dtype, k, n, ncols, m, (ptrdiff_t)kt__itemsize(dtype),
                               extrapolate, KT_LOOKUP_AUTO, nthreads);
    if (s == KT_OK)
        s = kt__lk_alloc(pl.info.scratch_size, &scratch);
    if (s == KT_OK)
        s = kt__ppoly_execute(&pl, dtype, xb, c, x, out, scratch, nthreads);
    free(scratch);
    return s;
}

int kt_ppoly_eval_f32(ptrdiff_t m, const float *x, ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols,
                      const float *xb, const float *c, int extrapolate, float *out,
                      int nthreads)
{
    return kt__ppoly_simple(KT_F32, m, x, k, n, ncols, xb, c, extrapolate, out, nthreads);
}

int kt_ppoly_eval_f64(ptrdiff_t m, const double *x, ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols,
                      const double *xb, const double *c, int extrapolate, double *out,
                      int nthreads)
{
    return kt__ppoly_simple(KT_F64, m, x, k, n, ncols, xb, c, extrapolate, out, nthreads);
}
