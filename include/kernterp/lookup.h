/* kernterp: the interval lookup engine and the piecewise interpolators on it
 * (numpy.interp, scipy's PPoly evaluation, the cubic spline's coefficients).
 *
 * Knots xp[0] <= xp[1] <= ... <= xp[n-1] (sorted, not checked).  The interval
 * index of a query x is
 *     j(x) = (number of knots <= x) - 1,   in [-1, n-1]
 * (numpy.searchsorted(xp, x, side="right") - 1); a NaN query has j = -1.
 * It is found by one of the paths below; every path gives exactly the same
 * j, so the choice only affects speed:
 *   KT_LOOKUP_SEARCH   branch-free binary search, 8 queries interleaved;
 *   KT_LOOKUP_SORTED   a walk from the previous query's interval (one step
 *                      per knot passed; correct for any order, fast for
 *                      sorted queries);
 *   KT_LOOKUP_UNIFORM  O(1) index arithmetic for (nearly) uniform knots,
 *                      then one correction step down and one up against
 *                      the knots themselves.  Only valid when
 *                      kt_lookup_is_uniform_*() says so (the execute
 *                      returns KT_ERR_VALUE otherwise);
 *   KT_LOOKUP_GUESS    the search narrowed by a guess: a table of 2n
 *                      buckets over [xp[0], xp[n-1]] gives, for the
 *                      query's bucket, the range of intervals it can be
 *                      in, and the branch-free search runs over the
 *                      longest such range only (a few steps instead of
 *                      log2 n).  The table is built by the execute in the
 *                      scratch when there are enough queries (m >= n / 2;
 *                      else SEARCH);
 *   KT_LOOKUP_AUTO     UNIFORM when the knots are uniform and there are
 *                      enough queries to pay for the O(n) check; otherwise
 *                      per block of 1024 queries: SORTED when the block is
 *                      sorted (checked on the fly), GUESS (or SEARCH,
 *                      without a table) when not.
 * Queries are read with a byte stride (any sign).  Blocks of queries are
 * shared among the plan's threads (kt_plan_info.nthreads: the thread policy
 * keeps small calls on one); results never depend on the thread count.
 *
 * The plans of this header hold sizes, strides and parameters only: the
 * knots and values are given to each execute, which builds the tables that
 * depend on them (the guess table, numpy.interp's slopes, the per-interval
 * rows) in the scratch the plan sized.  Outputs must not overlap any input
 * (KT_ERR_OVERLAP); the query and output pointers may be NULL when m == 0.
 */
#ifndef KERNTERP_LOOKUP_H
#define KERNTERP_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum kt_lookup_path {
    KT_LOOKUP_AUTO = 0,
    KT_LOOKUP_SEARCH = 1,
    KT_LOOKUP_SORTED = 2,
    KT_LOOKUP_UNIFORM = 3,
    KT_LOOKUP_GUESS = 4
};

/* 1 when the n >= 2 knots are close enough to uniform for KT_LOOKUP_UNIFORM
 * (every knot within an eighth of the mean spacing of its uniform place,
 * spacing positive and finite, n < 2^31 - 1), else 0. */
int kt_lookup_is_uniform_f32(ptrdiff_t n, const float *xp);
int kt_lookup_is_uniform_f64(ptrdiff_t n, const double *xp);

/* internal: what the plans of the lookup engine share */
typedef struct kt__lookup_core {
    ptrdiff_t n, m;      /* knots, queries */
    ptrdiff_t x_stride;  /* bytes from one query to the next */
    int path;            /* a kt_lookup_path */
    size_t off[3];       /* scratch: slopes, guess table, interval table */
    size_t size[3];      /* their bytes (0: not built) */
} kt__lookup_core;

/* ---- the interval index ----
 * idx[i] = j(x[i]) for m queries (idx contiguous int64).
 * plan_init: KT_ERR_NULL, KT_ERR_VALUE (unknown dtype), KT_ERR_SHAPE (n < 1,
 * m < 0), KT_ERR_MODE (unknown path).  Execute: KT_ERR_PLAN, KT_ERR_NULL,
 * KT_ERR_OVERLAP, KT_ERR_VALUE (UNIFORM forced on knots that are not),
 * KT_ERR_CANCELLED. */
typedef struct kt_lookup_plan {
    kt_plan_info info;
    /* internal */
    kt__lookup_core lk;
} kt_lookup_plan;

int kt_lookup_plan_init(kt_lookup_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t m,
                        ptrdiff_t x_stride, int path, int nthreads);
int kt_lookup_execute_f32(const kt_lookup_plan *plan, const float *xp, const float *x,
                          int64_t *idx, void *scratch, int nthreads);
int kt_lookup_execute_f64(const kt_lookup_plan *plan, const double *xp, const double *x,
                          int64_t *idx, void *scratch, int nthreads);

/* ---- numpy.interp ----
 * out[i] = the piecewise linear interpolant of (xp, fp) at x[i], with numpy's
 * formula and special cases (bit for bit in double): NaN x gives NaN;
 * x < xp[0] gives `left`, x > xp[n-1] gives `right`; x equal to a knot xp[j]
 * gives fp[j] (the last of equal knots); otherwise  s * (x - xp[j]) + fp[j]
 * with s = (fp[j+1] - fp[j]) / (xp[j+1] - xp[j]), and if that is NaN,
 * s * (x - xp[j+1]) + fp[j+1], and if that is NaN too and fp[j] == fp[j+1],
 * fp[j].  With n == 1: left / fp[0] / right by comparison (a NaN x gives
 * fp[0], as numpy).
 * xp is contiguous; fp, x and out have byte strides (complex data: pass the
 * real or imaginary part with stride 16 and set `recip` to 1: the slope is
 * then (fp[j+1] - fp[j]) * (1 / (xp[j+1] - xp[j])), numpy's complex
 * formula).  left / right are kept in the plan (rounded to float by the
 * float32 execute).  With many queries (m >= n) the execute computes the
 * slopes once into the scratch, and in double with contiguous fp one
 * 32-byte row per interval (knot, value, slope) for the AVX2 loop.
 * plan_init: KT_ERR_NULL, KT_ERR_VALUE (unknown dtype), KT_ERR_SHAPE (n < 1,
 * m < 0), KT_ERR_MODE (unknown path).  Execute: as kt_lookup_execute_*. */
typedef struct kt_interp_plan {
    kt_plan_info info;
    /* internal */
    kt__lookup_core lk;
    ptrdiff_t fp_stride, out_stride;
    double left, right;
    int recip;
} kt_interp_plan;

int kt_interp_plan_init(kt_interp_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t fp_stride,
                        ptrdiff_t m, ptrdiff_t x_stride, ptrdiff_t out_stride, double left,
                        double right, int recip, int path, int nthreads);
int kt_interp_execute_f32(const kt_interp_plan *plan, const float *xp, const float *fp,
                          const float *x, float *out, void *scratch, int nthreads);
int kt_interp_execute_f64(const kt_interp_plan *plan, const double *xp, const double *fp,
                          const double *x, double *out, void *scratch, int nthreads);

/* ---- piecewise polynomials (scipy.interpolate.PPoly) ----
 *   c: k x (n-1) x ncols, C-contiguous: c[p, i, col] is the coefficient of
 *      (x - xb[i])^(k-1-p) on [xb[i], xb[i+1]];
 *   xb: the n >= 2 increasing breakpoints (contiguous).
 * out[i, col] (out: m x ncols, C-contiguous) is the polynomial of interval
 * min(max(j(x[i]), 0), n-2) at x[i], as scipy's PPoly evaluates it (the power
 * sum c[k-1] + c[k-2] d + c[k-3] d^2 + ..., d = x - xb[j], the powers by
 * repeated multiplication, in that order: bit for bit).  A query outside
 * [xb[0], xb[n-1]] gives NaN unless `extrapolate` is nonzero; NaN gives NaN.
 * With many queries the execute builds the guess table, and for cubic
 * pieces with one column a table of one 8-wide row (knot, 4 coefficients)
 * per interval, read with one load per query.
 * plan_init: KT_ERR_NULL, KT_ERR_VALUE (unknown dtype), KT_ERR_SHAPE (k < 1,
 * n < 2, ncols < 1, m < 0), KT_ERR_MODE (unknown path).  Execute: as
 * kt_lookup_execute_*. */
typedef struct kt_ppoly_plan {
    kt_plan_info info;
    /* internal */
    kt__lookup_core lk;
    ptrdiff_t k, ncols;
    int extrapolate;
} kt_ppoly_plan;

int kt_ppoly_plan_init(kt_ppoly_plan *plan, int dtype, ptrdiff_t k, ptrdiff_t n,
                       ptrdiff_t ncols, ptrdiff_t m, ptrdiff_t x_stride, int extrapolate,
                       int path, int nthreads);
int kt_ppoly_execute_f32(const kt_ppoly_plan *plan, const float *xb, const float *c,
                         const float *x, float *out, void *scratch, int nthreads);
int kt_ppoly_execute_f64(const kt_ppoly_plan *plan, const double *xb, const double *c,
                         const double *x, double *out, void *scratch, int nthreads);

/* ---- the cubic spline's coefficients (float64 only) ----
 * Boundary conditions (scipy.interpolate.CubicSpline's). */
enum kt_spline_bc {
    KT_BC_NOT_A_KNOT = 0,
    KT_BC_FIRST = 1,  /* prescribed first derivative (one value per column) */
    KT_BC_SECOND = 2, /* prescribed second derivative */
    KT_BC_PERIODIC = 3
};

/* The cubic spline through (x[i], y[i, col]) (x strictly increasing, n >= 2,
 * y: n x ncols C-contiguous; complex data as 2 real columns each) with the
 * given end conditions, as piecewise-polynomial coefficients c: 4 x (n-1) x
 * ncols, C-contiguous (scipy's CubicSpline.c, the layout of kt_ppoly_*).
 * The first derivatives at the knots solve a tridiagonal system (Thomas'
 * algorithm; periodic: a cyclic one, by bordering), O(n) time, no matrix
 * stored, on one thread.  bc0 / bc1: a kt_spline_bc for the start and the
 * end; v0 / v1: ncols values each for FIRST / SECOND (else unused, may be
 * NULL).  PERIODIC must be given at both ends.  The scratch holds the
 * n x ncols knot derivatives; the elimination's factors are kept in c until
 * it is written.  c must not overlap x, y, v0 or v1.
 * plan_init: KT_ERR_NULL, KT_ERR_UNSUPPORTED (KT_F32), KT_ERR_VALUE (unknown
 * dtype), KT_ERR_SHAPE (n < 2, ncols < 1), KT_ERR_MODE (bad bc).  Execute:
 * KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP. */
typedef struct kt_cubic_spline_plan {
    kt_plan_info info;
    /* internal */
    ptrdiff_t n, ncols;
    int bc0, bc1;
    size_t s_off;
} kt_cubic_spline_plan;

int kt_cubic_spline_plan_init(kt_cubic_spline_plan *plan, int dtype, ptrdiff_t n,
                              ptrdiff_t ncols, int bc0, int bc1, int nthreads);
int kt_cubic_spline_execute_f64(const kt_cubic_spline_plan *plan, const double *x,
                                const double *y, const double *v0, const double *v1, double *c,
                                void *scratch, int nthreads);

/* ---- simple interface: contiguous arrays, the path chosen automatically ----
 * kt_lookup_*:     idx[i] = j(x[i]), i < m.
 * kt_interp_*:     numpy.interp(x, xp, fp, left, right) into out (m values;
 *                  pass fp[0] and fp[n-1] as left / right for numpy's
 *                  default), bit for bit in double.  One thread (as numpy):
 *                  the guru interface takes a thread count.
 * kt_ppoly_eval_*: the piecewise polynomial (k, n, ncols, xb, c, extrapolate)
 *                  as above at the m queries x, into out (m x ncols): e.g.
 *                  the spline kt_cubic_spline_f64 made, with k = 4.
 * kt_cubic_spline_f64: its coefficients c (4 x (n-1) x ncols).
 * They return the statuses of the plan_init and execute they stand for, or
 * KT_ERR_NOMEM when the scratch cannot be allocated. */
int kt_lookup_f32(ptrdiff_t m, const float *x, ptrdiff_t n, const float *xp, int64_t *idx,
                  int nthreads);
int kt_lookup_f64(ptrdiff_t m, const double *x, ptrdiff_t n, const double *xp, int64_t *idx,
                  int nthreads);
int kt_interp_f32(ptrdiff_t m, const float *x, ptrdiff_t n, const float *xp, const float *fp,
                  float left, float right, float *out);
int kt_interp_f64(ptrdiff_t m, const double *x, ptrdiff_t n, const double *xp,
                  const double *fp, double left, double right, double *out);
int kt_ppoly_eval_f32(ptrdiff_t m, const float *x, ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols,
                      const float *xb, const float *c, int extrapolate, float *out,
                      int nthreads);
int kt_ppoly_eval_f64(ptrdiff_t m, const double *x, ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols,
                      const double *xb, const double *c, int extrapolate, double *out,
                      int nthreads);
int kt_cubic_spline_f64(ptrdiff_t n, ptrdiff_t ncols, const double *x, const double *y, int bc0,
                        const double *v0, int bc1, const double *v1, double *c);

#ifdef __cplusplus
}
#endif
#endif
