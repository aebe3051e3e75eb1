/* Recursive (Young-van Vliet) Gaussian: coefficients and plan, shared by the
 * public entry points (recursive.c) and the per-ISA kernels
 * (recursive_exec.c + recursive_impl.h).  Not installed.
 *
 * The filter along one line x[0 .. ne) (ne = n + 2P, the line extended by P
 * samples each side for the padded modes, P = 0 otherwise):
 *
 *   causal      w[i] = B x[i] + a1 w[i-1] + a2 w[i-2] + a3 w[i-3]
 *   anti-causal y[i] = B w[i] + a1 y[i+1] + a2 y[i+2] + a3 y[i+3]
 *
 * with B = 1 - (a1 + a2 + a3) (correctly rounded, so that the gain at zero
 * frequency of the rounded coefficients is 1 to within one rounding).  Each
 * line is filtered in offset coordinates x - c, c its first sample: a constant
 * line is returned exactly, and rounding errors scale with the deviation from
 * c.  The state is double for both precisions (the causal output is stored in
 * the data type: see recursive_impl.h).
 *
 * Boundaries: w[-1] = w[-2] = w[-3] = u_left (the steady state of a constant
 * left extension), and (Triggs & Sdika 2006) for a constant right extension
 * u_right:
 *   (y[ne-1], y[ne], y[ne+1]) - u = M (w[ne-1], w[ne-2], w[ne-3]) - u
 * with M = B * M_TS (M_TS the matrix of their paper).
 */
#ifndef KT_RECURSIVE_H
#define KT_RECURSIVE_H

#include "internal.h"

/* The smallest sigma Young & van Vliet's q(sigma) is defined for. */
#define KT_RG_SIGMA_MIN 0.5

typedef struct kt_rg_coef {
    double B, a1, a2, a3;
    double M[9]; /* row-major, B * M_TS */
} kt_rg_coef;

typedef struct kt_rg_plan {
    kt_rg_coef c;
    int mode;
    double cval;
    int lines;            /* 1: the axis is innermost, W lines are transposed into a block */
    ptrdiff_t n, P, ne;   /* axis length, padding each side, n + 2P */
    ptrdiff_t sin, sout;  /* axis strides (bytes) */
    ptrdiff_t L, lin, lout; /* rows: the inner (vectorised) dimension; lines: 1, 0, 0 */
    int nouter;           /* the remaining dimensions (lines: all other dimensions) */
    ptrdiff_t olen[KT_MAX_NDIM], osin[KT_MAX_NDIM], osout[KT_MAX_NDIM];
    ptrdiff_t nouter_total;
    ptrdiff_t W;          /* block width: columns (rows) or lines (lines), a multiple of 4 */
    ptrdiff_t nblk;       /* rows: strips of the inner dimension per outer index;
                             lines: groups of W lines */
    ptrdiff_t nitems;
    int nthreads;
    size_t blk_bytes;     /* per thread: the ne x W block of T, */
    size_t dbl_bytes;     /* 7 rows of W doubles (state, boundary values), */
    size_t thread_bytes;  /* and 2 W offsets */
} kt_rg_plan;

/* Validates the arguments and fills the plan (coefficients included).
 * *empty is set when some extent is 0 (nothing to do, no scratch needed). */
KT_HIDDEN int kt__rg_plan(kt_rg_plan *pl, int ndim, const ptrdiff_t *shape,
                          const ptrdiff_t *in_strides, const ptrdiff_t *out_strides, int axis,
                          double sigma, int mode, double cval, size_t itemsize, int nthreads,
                          int *empty);

KT_HIDDEN size_t kt__rg_scratch(const kt_rg_plan *pl);

#endif
