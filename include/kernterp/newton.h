/* kernterp: Newton interpolation (divided differences, nested evaluation,
 * Leja ordering, Krogh's confluent table).
 *
 * The Newton form of the polynomial through (z_0, y_0), ..., (z_{n-1}, y_{n-1}) is
 *   P(t) = a_0 + a_1 (t - z_0) + a_2 (t - z_0)(t - z_1) + ... + a_{n-1} (t - z_0)...(t - z_{n-2})
 * with a_k = f[z_0, ..., z_k], the divided differences.  It is evaluated by
 * nested multiplication from the back: Q = a_{n-1}, Q = a_k + (t - z_k) Q.
 *
 * Coefficient tables hold `ncol` independent polynomials (columns) that
 * share the nodes; "column-contiguous" tables are ncol x n in C order (the n
 * coefficients of a column are adjacent).  Node and coefficient data are
 * float64; evaluation runs in float32 or float64 (the query points' type,
 * coefficients and nodes rounded to it).
 */
#ifndef KERNTERP_NEWTON_H
#define KERNTERP_NEWTON_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Divided differences of ncol columns over n distinct finite nodes x, in the
 * nodes' given order.  a (ncol x n, column-contiguous) holds the values on
 * entry and the coefficients a_k = f[x_0..x_k] on return.  If diag is not
 * NULL (ncol x n) it receives the last diagonal of the table,
 * diag[j] = f[x_{n-1-j}, ..., x_{n-1}], which kt_newton_add_points_f64 needs.
 * Rows of the table are computed column by column of the table (vectorised
 * over the nodes); each entry is (f[..]-f[..]) / (x_i - x_{i-j}), the
 * textbook recurrence, so that the result is that of any implementation of
 * it in IEEE double.  NaN or inf values propagate.
 * Status KT_ERR_SHAPE (n < 1 or ncol < 0), KT_ERR_NULL, KT_ERR_VALUE (a
 * non-finite node, or two equal nodes when ncol > 0: then a is unspecified). */
int kt_newton_coeffs_f64(ptrdiff_t n, ptrdiff_t ncol, const double *x, double *a, double *diag);

/* Extends a Newton polynomial by k new nodes in O(n k) per column.
 *   x: the n + k nodes (the n old ones first, then the new ones);
 *   diag: ncol x (n + k) column-contiguous; columns hold the old last
 *         diagonal in their first n entries on entry and the new last
 *         diagonal (length n + k) on return;
 *   ynew: ncol x k column-contiguous values at the new nodes;
 *   anew: ncol x k column-contiguous output, the new coefficients a_n..a_{n+k-1}.
 * Status KT_ERR_SHAPE (n < 1, k < 0, ncol < 0), KT_ERR_NULL, KT_ERR_VALUE (a
 * non-finite new node, or a new node equal to another node). */
int kt_newton_add_points_f64(ptrdiff_t n, ptrdiff_t k, ptrdiff_t ncol, const double *x,
                             double *diag, const double *ynew, double *anew);

/* Leja ordering of n finite nodes: idx[0] is the node of largest |x| (the
 * first such), then each next node maximises the product of its distances to
 * the nodes already chosen (ties: the lowest index).  Products are kept
 * rescaled by powers of two, so that they neither overflow nor lose their
 * order; O(n^2).  Equal nodes come out after all distinct ones.
 * Status KT_ERR_SHAPE (n < 0), KT_ERR_NULL, KT_ERR_VALUE (a non-finite
 * node), KT_ERR_NOMEM (its n doubles of temporary memory). */
int kt_leja_order(ptrdiff_t n, const double *x, ptrdiff_t *idx);

/* Krogh's divided-difference table for nodes that may repeat: a run of m
 * equal consecutive nodes takes the function value and its first m - 1
 * derivatives as its y values (Hermite data), as in
 * scipy.interpolate.KroghInterpolator.  a (ncol x n, column-contiguous): the
 * y values on entry, the Newton coefficients on return (nested evaluation
 * with the nodes x as given gives the Hermite interpolant).
 * Status KT_ERR_SHAPE, KT_ERR_NULL, KT_ERR_VALUE (a non-finite node, or
 * equal nodes that are not consecutive), KT_ERR_NOMEM (its n doubles of
 * temporary memory). */
int kt_krogh_coeffs_f64(ptrdiff_t n, ptrdiff_t ncol, const double *x, double *a);

/* ---- evaluation: guru interface ----
 * Nested evaluation at m points of ncol polynomials of n coefficients on the
 * nodes z (z[0..n-2] are read), and of their derivatives of orders
 * der_first..der (0 <= der_first <= der).
 *   a: coefficient k of column c at (char *)a + k * a_sk + c * a_sc (float64);
 *   x: point i at (char *)x + i * x_s;
 *   out: order der_first + d, point i, column c at
 *        (char *)out + d * o_sd + i * o_si + c * o_sc
 * (strides in bytes, any sign).
 * der = 0 runs the nested loop on vector registers (the hot path);
 * derivatives carry der + 1 accumulators per point (in the scratch, per
 * thread),
 *   D_j <- D_j (t - z_k) + D_{j-1},  D_0 <- D_0 (t - z_k) + a_k,
 * and P^(j)(t) = j! D_j.  Each point's result is independent of the thread
 * count.  out must not overlap z, a or x (KT_ERR_OVERLAP); the data pointers
 * may be NULL when m == 0 or ncol == 0.
 * plan_init: KT_ERR_NULL, KT_ERR_VALUE (unknown dtype), KT_ERR_SHAPE (n < 1,
 * m < 0, ncol < 0), KT_ERR_ORDER (der < 0 or der_first outside [0, der]).
 * Execute: KT_ERR_PLAN, KT_ERR_NULL, KT_ERR_OVERLAP, KT_ERR_CANCELLED. */
typedef struct kt_newton_plan {
    kt_plan_info info;
    /* internal */
    ptrdiff_t n, ncol, a_sk, a_sc;
    ptrdiff_t m, x_s;
    ptrdiff_t der_first, der;
    ptrdiff_t o_sd, o_si, o_sc;
    ptrdiff_t grain;                /* tasks (blocks of points) handed out at once */
    size_t thread_off, thread_stride; /* derivatives: a thread's accumulators */
} kt_newton_plan;

int kt_newton_plan_init(kt_newton_plan *plan, int dtype, ptrdiff_t n, ptrdiff_t ncol,
                        ptrdiff_t a_sk, ptrdiff_t a_sc, ptrdiff_t m, ptrdiff_t x_s,
                        ptrdiff_t der_first, ptrdiff_t der, ptrdiff_t o_sd, ptrdiff_t o_si,
                        ptrdiff_t o_sc, int nthreads);
int kt_newton_execute_f32(const kt_newton_plan *plan, const double *z, const double *a,
                          const float *x, float *out, void *scratch, int nthreads);
int kt_newton_execute_f64(const kt_newton_plan *plan, const double *z, const double *a,
                          const double *x, double *out, void *scratch, int nthreads);

/* ---- evaluation: simple interface ----
 * One polynomial (n coefficients a on the nodes z, float64, contiguous), its
 * derivative of order der (0: the value) at m contiguous points x into
 * out (m values). */
int kt_newton_eval_f32(ptrdiff_t n, const double *z, const double *a, ptrdiff_t m,
                       const float *x, ptrdiff_t der, float *out, int nthreads);
int kt_newton_eval_f64(ptrdiff_t n, const double *z, const double *a, ptrdiff_t m,
                       const double *x, ptrdiff_t der, double *out, int nthreads);

#ifdef __cplusplus
}
#endif
#endif
