/* Private: the periodic Gauss transform's pieces, the contexts the planning
 * and entry points (periodic.c) hand to the hot loops (periodic_exec.c, one
 * build per ISA level). */
#ifndef KT_PERIODIC_PRIV_H
#define KT_PERIODIC_PRIV_H

#include <math.h>

#include "internal.h"
#include "isa.h"

/* The scratch regions of a plan (kt_periodic_plan.off).  Direct: the
 * sorted wrapped source coordinates (d rows of n + KT_PER_PAD) and weights
 * (nrhs rows), the cell starts, each point's slot, the source permutation,
 * the sorted targets (d rows of m), their permutation and cell starts (the
 * last three empty without y).  Fourier: the partial mode sums per chunk,
 * the scaled mode sums, the per-axis weights, one workspace per thread. */
enum { KT_PER_XS, KT_PER_QS, KT_PER_CSTART, KT_PER_CID, KT_PER_SPERM, KT_PER_YS, KT_PER_TPERM,
       KT_PER_TSTART, KT_PER_NDIRECT };
enum { KT_PER_PARTIAL, KT_PER_S, KT_PER_W, KT_PER_WS, KT_PER_NFOURIER };

/* points per block of the Fourier method (a multiple of 8) */
#define KT_PER_B 64
/* sorted targets per task of the direct method */
#define KT_PER_TB 64
/* padding (elements) after each sorted source row: vector loads may run
 * up to 3 elements past a range's end */
#define KT_PER_PAD 8
/* largest Rp of a Fourier plan with d >= 2 (the plan caps (2K + 4)^d at 2^23) */
#define KT_PER_MAXRP 4096

/* floor(sqrt(x)) for x >= 0 */
static inline ptrdiff_t kt__per_isqrt(ptrdiff_t x)
{
    ptrdiff_t k = (ptrdiff_t)sqrt((double)x);
    while (k > 0 && k * k > x)
        k--;
    while ((k + 1) * (k + 1) <= x)
        k++;
    return k;
}

/* x wrapped into [0, L) */
static inline double kt__per_wrap(double x, double L)
{
    if (x >= 0 && x < L)
        return x;
    double u = fmod(x, L);
    if (u < 0)
        u += L;
    if (u >= L) /* u + L rounded up to L */
        u = 0;
    return u;
}

/* the cell (0..nc-1) of a wrapped coordinate; scale = nc / L */
static inline ptrdiff_t kt__per_cell(double u, double scale, ptrdiff_t nc)
{
    ptrdiff_t c = (ptrdiff_t)(u * scale);
    if (c < 0)
        c = 0;
    if (c >= nc)
        c = nc - 1;
    return c;
}

typedef struct {
    ptrdiff_t d, n, m, nrhs;
    ptrdiff_t nc;     /* cells per axis */
    ptrdiff_t lo, hi; /* neighbour offsets per axis: -reach..reach or -nimage..nimage */
    double L, scale, neg_inv2s2;
    double r2;   /* squared cut-off radius (with margin) */
    double marg; /* rounding margin of the cell bounds */
    const double *xs; /* d rows of stride xstride: sorted wrapped source coordinates */
    const double *qs; /* nrhs rows of stride xstride: sorted weights */
    ptrdiff_t xstride;
    const ptrdiff_t *cstart; /* nc^d + 1 starts of the cells in the sorted order */
    const double *ys;        /* d rows of stride ystride: sorted wrapped targets */
    ptrdiff_t ystride;
    const ptrdiff_t *tperm; /* sorted target -> original index */
    double *out;            /* m x nrhs */
} kt__per_direct_ctx;

typedef struct {
    ptrdiff_t d, n, m, nrhs, K, R, Rp;
    ptrdiff_t K2; /* modes with |k|^2 <= K2 are kept (at least) */
    double L, omega;
    const char *x;
    ptrdiff_t xsp, xsc;
    const double *q; /* n x nrhs */
    const char *y;
    ptrdiff_t ysp, ysc;
    double *out;       /* m x nrhs */
    double *partial;   /* nch x nrhs x Rp^d partial mode sums */
    ptrdiff_t nch, chunk, slen; /* chunks, sources per chunk, Rp^d */
    double *S;         /* nrhs x Rp^d scaled mode sums */
    const double *w;   /* Rp per-axis feature weights */
    double *ws;        /* per-thread workspace */
    ptrdiff_t wslen;   /* doubles per thread */
} kt__per_fourier_ctx;

/* doubles of per-thread workspace of the Fourier method */
static inline ptrdiff_t kt__per_fourier_ws(ptrdiff_t d, ptrdiff_t Rp)
{
    return (d + 1) * Rp * KT_PER_B + 4 * KT_PER_B;
}

KT_DECLARE_ISA(int, kt__periodic_direct, (const kt_plan_info *, const kt__per_direct_ctx *, int))
KT_DECLARE_ISA(int, kt__periodic_fourier, (const kt_plan_info *, const kt__per_fourier_ctx *, int))

#endif
