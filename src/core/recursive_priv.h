/* Private: the recursive (Young-van Vliet) Gaussian, shared by the plan and
 * entry points (recursive.c) and the per-ISA kernels (recursive_exec.c +
 * recursive_impl.h).
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
#ifndef KT_RECURSIVE_PRIV_H
#define KT_RECURSIVE_PRIV_H

#include "internal.h"
#include "isa.h"

/* The smallest sigma Young & van Vliet's q(sigma) is defined for. */
#define KT_RG_SIGMA_MIN 0.5

/* The pieces of a thread's area (kt_recursive_plan.tb_off): the block of
 * ne x W samples, 7 rows of W doubles (state, boundary values), and 2 W
 * offsets (line steps). */
enum { KT_RG_TB_BLOCK, KT_RG_TB_DOUBLE, KT_RG_TB_OFFSETS };

KT_DECLARE_ISA(int, kt__rg_run_f32, (const kt_recursive_plan *, const float *, float *, void *, int))
KT_DECLARE_ISA(int, kt__rg_run_f64, (const kt_recursive_plan *, const double *, double *, void *, int))

#endif
