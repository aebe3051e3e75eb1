/* kernterp: the interval lookup engine and the piecewise interpolators on it.
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
 *                      kt_lookup_is_uniform_*() says so (KT_ERR_VALUE
 *                      otherwise);
 *   KT_LOOKUP_GUESS    the search narrowed by a guess: a table of 2n
 *                      buckets over [xp[0], xp[n-1]] gives, for the
 *                      query's bucket, the range of intervals it can be
 *                      in, and the branch-free search runs over the
 *                      longest such range only (a few steps instead of
 *                      log2 n).  Needs the table, built in the scratch
 *                      when there are enough queries (else SEARCH);
 *   KT_LOOKUP_AUTO     UNIFORM when the knots are uniform and there are
 *                      enough queries to pay for the O(n) check; otherwise
 *                      per block of 1024 queries: SORTED when the block is
 *                      sorted (checked on the fly), GUESS (or SEARCH,
 *                      without a table) when not.
 * Queries are read with a byte stride (any sign).  Blocks of queries are
 * shared among up to `nthreads` threads; results never depend on it. */
#ifndef KERNTERP_LOOKUP_H
#define KERNTERP_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

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

/* idx[i] = j(x[i]) for m queries (idx contiguous).
 * scratch: kt_lookup_scratch(n, m) bytes (the guess table; 0: none, and
 * scratch may be NULL).
 * Status KT_ERR_NULL, KT_ERR_SHAPE (n < 1, m < 0), KT_ERR_MODE (unknown
 * path), KT_ERR_VALUE (UNIFORM forced on non-uniform knots),
 * KT_ERR_SCRATCH. */
size_t kt_lookup_scratch(ptrdiff_t n, ptrdiff_t m);
int kt_lookup_f32(ptrdiff_t n, const float *xp, ptrdiff_t m, const float *x, ptrdiff_t x_stride,
                  int64_t *idx, int path, void *scratch, size_t scratch_size, int nthreads);
int kt_lookup_f64(ptrdiff_t n, const double *xp, ptrdiff_t m, const double *x,
                  ptrdiff_t x_stride, int64_t *idx, int path, void *scratch,
                  size_t scratch_size, int nthreads);

/* numpy.interp: out[i] = the piecewise linear interpolant of (xp, fp) at
 * x[i], with numpy's formula and special cases (bit for bit in double):
 * NaN x gives NaN; x < xp[0] gives `left`, x > xp[n-1] gives `right`;
 * x equal to a knot xp[j] gives fp[j] (the last of equal knots);
 * otherwise  s * (x - xp[j]) + fp[j]  with s = (fp[j+1] - fp[j]) /
 * (xp[j+1] - xp[j]), and if that is NaN,  s * (x - xp[j+1]) + fp[j+1],
 * and if that is NaN too and fp[j] == fp[j+1], fp[j].  With n == 1:
 * left / fp[0] / right by comparison (a NaN x gives fp[0], as numpy).
 * fp has a byte stride (complex data: pass the real or imaginary part with
 * stride 16 and set `recip` to 1: the slope is then (fp[j+1] - fp[j]) *
 * (1 / (xp[j+1] - xp[j])), numpy's complex formula).
 * scratch: kt_interp_scratch(n, sizeof(T)) bytes (the slopes, the guess
 * table and, in double, a table of one 32-byte row per interval: knot,
 * value, slope), needed only when m >= n (else scratch may be NULL).
 * Status as kt_lookup_*, and KT_ERR_SCRATCH. */
size_t kt_interp_scratch(ptrdiff_t n, size_t itemsize);
int kt_interp_f32(ptrdiff_t n, const float *xp, const float *fp, ptrdiff_t fp_stride,
                  ptrdiff_t m, const float *x, ptrdiff_t x_stride, float left, float right,
                  float *out, ptrdiff_t out_stride, int recip, int path, void *scratch,
                  size_t scratch_size, int nthreads);
int kt_interp_f64(ptrdiff_t n, const double *xp, const double *fp, ptrdiff_t fp_stride,
                  ptrdiff_t m, const double *x, ptrdiff_t x_stride, double left, double right,
                  double *out, ptrdiff_t out_stride, int recip, int path, void *scratch,
                  size_t scratch_size, int nthreads);

/* A piecewise polynomial (scipy.interpolate.PPoly layout) at m queries:
 *   c: k x (n-1) x ncols, C-contiguous: c[p, i, col] is the coefficient of
 *      (x - xb[i])^(k-1-p) on [xb[i], xb[i+1]];
 *   xb: the n >= 2 increasing breakpoints.
 * out[i, col] (out: m x ncols, C-contiguous) is the polynomial of interval
 * min(max(j(x[i]), 0), n-2) at x[i], as scipy's PPoly evaluates it (the power
 * sum c[k-1] + c[k-2] d + c[k-3] d^2 + ..., d = x - xb[j], the powers by
 * repeated multiplication, in that order: bit for bit).  A query outside
 * [xb[0], xb[n-1]] gives NaN unless `extrapolate` is nonzero; NaN gives NaN.
 * scratch: kt_ppoly_eval_scratch(k, n, ncols, m, sizeof(T)) bytes (0 means
 * none is needed: scratch may then be NULL): with many queries, the guess
 * table, and for cubic pieces with one column a table of one 8-wide row
 * (knot, 4 coefficients) per interval, read with one load per query.
 * Status as kt_lookup_*, KT_ERR_SHAPE also for k < 1, ncols < 1, n < 2,
 * and KT_ERR_SCRATCH. */
size_t kt_ppoly_eval_scratch(ptrdiff_t k, ptrdiff_t n, ptrdiff_t ncols, ptrdiff_t m,
                             size_t itemsize);
int kt_ppoly_eval_f32(ptrdiff_t k, ptrdiff_t n, const float *xb, const float *c,
                      ptrdiff_t ncols, ptrdiff_t m, const float *x, ptrdiff_t x_stride,
                      int extrapolate, float *out, int path, void *scratch,
                      size_t scratch_size, int nthreads);
int kt_ppoly_eval_f64(ptrdiff_t k, ptrdiff_t n, const double *xb, const double *c,
                      ptrdiff_t ncols, ptrdiff_t m, const double *x, ptrdiff_t x_stride,
                      int extrapolate, double *out, int path, void *scratch,
                      size_t scratch_size, int nthreads);

/* Boundary conditions of kt_cubic_spline_f64 (scipy.interpolate.CubicSpline). */
enum kt_spline_bc {
    KT_BC_NOT_A_KNOT = 0,
    KT_BC_FIRST = 1,  /* prescribed first derivative (one value per column) */
    KT_BC_SECOND = 2, /* prescribed second derivative */
    KT_BC_PERIODIC = 3
};

/* The cubic spline through (x[i], y[i, col]) (x strictly increasing, n >= 2,
 * y: n x ncols C-contiguous; complex data as 2 real columns each) with the
 * given end conditions, as piecewise-polynomial coefficients c: 4 x (n-1) x
 * ncols, C-contiguous (scipy's CubicSpline.c).  The first derivatives at the
 * knots solve a tridiagonal system (Thomas' algorithm; periodic: a cyclic
 * one, by bordering), O(n) time, no matrix stored.  bc0/bc1: a kt_spline_bc
 * for the start and the end; v0/v1: ncols values for FIRST/SECOND (else
 * unused, may be NULL).  PERIODIC must be given at both ends.
 * scratch: kt_cubic_spline_scratch(n, ncols) bytes (the n x ncols knot
 * derivatives; the elimination's factors are kept in c until it is written).
 * Status KT_ERR_NULL, KT_ERR_SHAPE, KT_ERR_MODE (bad bc), KT_ERR_SCRATCH. */
size_t kt_cubic_spline_scratch(ptrdiff_t n, ptrdiff_t ncols);
int kt_cubic_spline_f64(ptrdiff_t n, const double *x, const double *y, ptrdiff_t ncols, int bc0,
                        const double *v0, int bc1, const double *v1, double *c, void *scratch,
                        size_t scratch_size);

#ifdef __cplusplus
}
#endif
#endif
