/* Planning of the separable correlation: validation, pass order, fusion,
 * blocking, threads, scratch.  Everything is decided here, once per plan;
 * the executors (ndimage_impl.h) only expand a step's axes. */
#include <float.h>
#include <math.h>

#include "axes.h"
#include "layout.h"
#include "ndimage_priv.h"
#include "parallel.h"

/* Row steps work on blocks of KT_BLOCK_ROWS output rows.  The ring then
 * holds 2r + KT_BLOCK_ROWS rows: whole rows of the item, up to KT_RING_BUDGET
 * (L2-resident), while the vertical kernel sweeps sub-strips whose share of
 * the ring fits KT_L1_BUDGET.  A fused step needs whole rows in its ring; if
 * they exceed KT_FUSE_BUDGET it runs as two steps instead.  Measured on a
 * 4096^2 float32 image (Zen 3): fusing still wins with a 1.4 MB ring (L3),
 * since the kernels read the ring from L1 sub-strips either way. */
#define KT_BLOCK_ROWS 8
#define KT_L1_BUDGET (12 * 1024)
#define KT_RING_BUDGET (384 * 1024)
#define KT_FUSE_BUDGET (2048 * 1024)
/* Work items per thread a step aims for when it must split the filtered
 * axis into chunks: more balance the load when a core is shared, fewer
 * repeat less halo work (2r rows per chunk). */
#define KT_ITEMS_PER_THREAD 4
/* Inner rows narrower than this are filtered as lines instead. */
#define KT_MIN_ROW 16

/* scipy.ndimage's test (NI_Correlate1D): a kernel whose weights at +k and
 * -k agree within DBL_EPSILON is symmetric (1), else one whose weights there
 * sum to within DBL_EPSILON of 0 is antisymmetric (-1), whatever its centre;
 * NaN weights count as symmetric.  Folded kernels then use the weights of
 * the negative side, as scipy does, so that the results (signs of zero
 * included) are scipy's also where the two sides differ. */
static int kt__symmetry(const double *w, ptrdiff_t r)
{
    int sym = 1, anti = 1;
    for (ptrdiff_t k = 1; k <= r; k++) {
        if (fabs(w[r + k] - w[r - k]) > DBL_EPSILON)
            sym = 0;
        if (fabs(w[r + k] + w[r - k]) > DBL_EPSILON)
            anti = 0;
    }
    return sym ? 1 : (anti ? -1 : 0);
}

/* Width of rows holding `rows` rows within `budget` bytes: a multiple of 64
 * elements (four of the widest vectors of float32), at least 64; all of L
 * when that is not much more. */
static ptrdiff_t kt__fit_width(ptrdiff_t rows, ptrdiff_t isz, ptrdiff_t L, ptrdiff_t budget)
{
    ptrdiff_t W = budget / (rows * isz);
    W = (W / 64) * 64;
    if (W < 64)
        W = 64;
    return L <= W + W / 2 ? L : W;
}

int kt__correlate_thread_layout(const kt__correlate_step *s, const kt_pass *p, const kt_pass *q,
                                ptrdiff_t n, size_t itemsize, size_t *off, size_t *bytes)
{
    const size_t isz = itemsize;
    const size_t r = (size_t)p->radius;
    kt__region reg[KT_TB_N];
    size_t stride[KT_TB_N];
    if (s->kind == KT_STEP_LINE) {
        reg[KT_TB_LINE] = (kt__region){1, ((size_t)n + 2 * r) * isz, 0};
        reg[KT_TB_LTMP] = (kt__region){1, (size_t)n * isz, 0};
        return kt__layout(reg, 2, off, stride, bytes);
    }
    const size_t rows = 2 * r + (size_t)s->B;
    const size_t width = s->kind == KT_STEP_FUSED ? (size_t)s->L : (size_t)s->W;
    reg[KT_TB_RING] = (kt__region){1, rows * (size_t)kt_ring_pitch(s->W, (ptrdiff_t)isz) * isz, 0};
    reg[KT_TB_TABLE] = (kt__region){1, 2 * rows * sizeof(void *), 0};
    reg[KT_TB_TILE] = (kt__region){1, s->kind == KT_STEP_FUSED
                                         ? (size_t)s->B * ((size_t)s->L + 2 * (size_t)q->radius) * isz
                                         : 0, 0};
    reg[KT_TB_TMP] = (kt__region){1, width * isz, 0};
    reg[KT_TB_SNAP] = (kt__region){1, s->rchunks > 1 ? 0 : 2 * r * (size_t)s->W * isz, 0};
    return kt__layout(reg, KT_TB_N, off, stride, bytes);
}

/* Splits the filtered axis into chunks when there are too few items for
 * the threads, and sets the step's threads and per-item bytes. */
static void kt__split(kt__correlate_step *s, ptrdiff_t n, ptrdiff_t r, int nthreads,
                      size_t itemsize)
{
    const ptrdiff_t base = s->nouter_total * s->nstrips;
    const int nt = kt__thread_count(nthreads, (double)n * (double)s->L * (double)s->nouter_total);
    s->rchunks = 1;
    if (nt > 1 && base < KT_ITEMS_PER_THREAD * nt) {
        ptrdiff_t want = (KT_ITEMS_PER_THREAD * nt + base - 1) / base;
        ptrdiff_t minlen = 4 * r > 64 ? 4 * r : 64;
        ptrdiff_t cap = n / minlen;
        s->rchunks = want < cap ? want : (cap > 1 ? cap : 1);
    }
    s->chunk = (n + s->rchunks - 1) / s->rchunks;
    s->rchunks = (n + s->chunk - 1) / s->chunk;
    s->nitems = base * s->rchunks;
    s->nthreads = nt < s->nitems ? nt : (int)s->nitems;
    if (s->nthreads < 1)
        s->nthreads = 1;
    s->item_bytes = s->rchunks > 1 ? (size_t)(2 * r) * (size_t)s->W * itemsize : 0;
}

/* The step that starts at execution position *pos of `order` (and advances
 * *pos past the passes it takes). */
static int kt__plan_step(kt_correlate_plan *pl, const int *order, int *pos,
                         kt__correlate_step *s, size_t itemsize, int nthreads)
{
    const ptrdiff_t isz = (ptrdiff_t)itemsize;
    const int pi = order[*pos];
    const kt_pass *p = &pl->passes[pi];
    const ptrdiff_t r = p->radius, n = pl->shape[p->axis];
    memset(s, 0, sizeof *s);
    s->from_in = (*pos == 0);
    s->p = (unsigned char)pi;
    s->wp = pl->woff[pi];
    s->symp = pl->sym[pi];
    const ptrdiff_t *sstr = s->from_in ? pl->in_strides : pl->out_strides;
    kt__axes ax;
    kt__axes_plan(&ax, pl->ndim, pl->shape, sstr, pl->out_strides, p->axis);
    /* A radius far beyond the axis would make the ring (2r + 8 rows) much
     * larger than the data: such a pass runs as lines, (n + 2r) per thread.
     * So do inner runs too narrow for the row kernels. */
    if (!ax.line && (r > 2 * n + 64 || (ax.L < KT_MIN_ROW && n > 1)))
        kt__axes_lines(&ax);
    memcpy(s->ax, ax.ax, sizeof s->ax);
    s->ninner = (unsigned char)ax.ninner;
    s->nouter = (unsigned char)(ax.nother - ax.ninner);
    s->L = ax.L;
    s->lin = ax.lin;
    s->lout = ax.lout;
    s->nouter_total = ax.nouter_total;
    *pos += 1;
    if (ax.line) {
        s->kind = KT_STEP_LINE;
        s->W = s->nstrips = s->rchunks = 1;
        s->chunk = n;
        s->nitems = s->nouter_total;
        const int nt = kt__thread_count(nthreads, (double)n * (double)s->nouter_total);
        s->nthreads = nt < s->nitems ? nt : (int)(s->nitems > 0 ? s->nitems : 1);
    } else {
        /* Fuse with the next pass when it is a line pass along our inner
         * dimension (a single, unmerged one). */
        const kt_pass *q = NULL;
        if (ax.ninner == 1 && *pos < pl->npasses) {
            const kt_pass *c = &pl->passes[order[*pos]];
            size_t ring = (size_t)(2 * r + KT_BLOCK_ROWS) * (size_t)kt_ring_pitch(ax.L, isz) *
                          (size_t)isz;
            if (c->axis == ax.ax[0] && ring <= KT_FUSE_BUDGET && pl->shape[c->axis] > 1)
                q = c;
        }
        s->B = KT_BLOCK_ROWS;
        if (q) {
            s->kind = KT_STEP_FUSED;
            s->q = (unsigned char)order[*pos];
            s->wq = pl->woff[s->q];
            s->symq = pl->sym[s->q];
            s->W = ax.L;
            s->nstrips = 1;
            s->SW = kt__fit_width(2 * r + s->B, isz, ax.L, KT_L1_BUDGET);
            *pos += 1;
        } else {
            s->kind = KT_STEP_ROW;
            s->W = kt__fit_width(2 * r + s->B, isz, ax.L, KT_RING_BUDGET);
            s->SW = kt__fit_width(2 * r + s->B, isz, s->W, KT_L1_BUDGET);
            s->nstrips = (ax.L + s->W - 1) / s->W;
        }
        kt__split(s, n, r, nthreads, itemsize);
    }
    size_t off[KT_TB_N];
    return kt__correlate_thread_layout(s, p, s->kind == KT_STEP_FUSED ? &pl->passes[s->q] : NULL,
                                       n, itemsize, off, &s->thread_bytes);
}

/* The work area of a step: its threads' areas, then its items' snapshots. */
static int kt__step_layout(const kt__correlate_step *s, size_t *off, size_t *stride,
                           size_t *total)
{
    const kt__region reg[2] = {{(size_t)s->nthreads, s->thread_bytes, 0},
                               {s->item_bytes ? (size_t)s->nitems : 0, s->item_bytes, 0}};
    return kt__layout(reg, 2, off, stride, total);
}

int kt_correlate_plan_init(kt_correlate_plan *plan, int dtype, int ndim, const ptrdiff_t *shape,
                           const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                           int npasses, const kt_pass *passes, int nthreads)
{
    if (!plan)
        return KT_ERR_NULL;
    if (!kt__dtype_valid(dtype))
        return KT_ERR_VALUE;
    if (npasses < 0 || npasses > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    int empty;
    int s = kt__check_shape(ndim, shape, in_strides, out_strides, &empty);
    if (s != KT_OK)
        return s;
    if (npasses > 0 && !passes)
        return KT_ERR_NULL;
    const size_t itemsize = kt__itemsize(dtype);
    for (int i = 0; i < npasses; i++) {
        const kt_pass *p = &passes[i];
        if (p->axis < 0 || p->axis >= ndim)
            return KT_ERR_AXIS;
        if (p->radius < 0 || p->radius > (PTRDIFF_MAX / 8 - 1) / 2)
            return KT_ERR_RADIUS;
        if (!kt_mode_valid(p->mode))
            return KT_ERR_MODE;
        if (!p->weights)
            return KT_ERR_NULL;
    }
    /* the plan is ~20 kB: built in place would write it on failure */
    kt_correlate_plan pl;
    memset(&pl.info, 0, sizeof pl.info);
    pl.ndim = ndim;
    pl.npasses = npasses;
    pl.empty = empty;
    pl.nsteps = 0;
    for (int d = 0; d < ndim; d++) {
        pl.shape[d] = shape[d];
        pl.in_strides[d] = in_strides[d];
        pl.out_strides[d] = out_strides[d];
    }
    size_t woff = 0;
    for (int i = 0; i < npasses; i++) {
        pl.passes[i] = passes[i];
        pl.sym[i] = (signed char)kt__symmetry(passes[i].weights, passes[i].radius);
        pl.woff[i] = (int)woff;
        woff += kt_round_up((size_t)(2 * passes[i].radius + 1) * itemsize) / itemsize;
        if (woff > (size_t)1 << 30)
            return KT_ERR_RADIUS;
    }
    pl.weights_bytes = woff * itemsize;
    /* Execution order.  float64 keeps the given order: scipy's order gives
     * scipy's bits.  float32 runs axes of length 1 first, then by decreasing
     * output stride, so that the innermost axis runs last (and can be
     * fused): linear passes on different axes commute; a constant border
     * with cval != 0 makes a pass affine, and then the given order is kept
     * too. */
    int order[KT_MAX_NDIM];
    int affine = 0, sorted = 1;
    ptrdiff_t prev = PTRDIFF_MAX;
    for (int i = 0; i < npasses; i++) {
        order[i] = i;
        if (passes[i].mode == KT_MODE_CONSTANT && passes[i].cval != 0.0)
            affine = 1;
        const int ax = passes[i].axis;
        if (shape[ax] > 1) {
            const ptrdiff_t k = kt_absd(out_strides[ax]);
            if (k > prev)
                sorted = 0;
            prev = k;
        }
    }
    for (int i = 1; i < npasses && !(affine || sorted || dtype == KT_F64); i++) {
        const int cur = order[i];
        const int ac = passes[cur].axis;
        const ptrdiff_t kc = shape[ac] <= 1 ? PTRDIFF_MAX : kt_absd(out_strides[ac]);
        int j = i;
        while (j > 0) {
            const int ap = passes[order[j - 1]].axis;
            const ptrdiff_t kp = shape[ap] <= 1 ? PTRDIFF_MAX : kt_absd(out_strides[ap]);
            if (kp >= kc)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = cur;
    }
    /* the steps, and the largest work area among them */
    size_t work = 0;
    int nt_max = 1;
    for (int pos = 0; !empty && pos < npasses;) {
        kt__correlate_step *st = &pl.steps[pl.nsteps++];
        s = kt__plan_step(&pl, order, &pos, st, itemsize, nthreads);
        size_t off[2], stride[2], total;
        if (s == KT_OK)
            s = kt__step_layout(st, off, stride, &total);
        if (s != KT_OK)
            return s;
        work = total > work ? total : work;
        nt_max = st->nthreads > nt_max ? st->nthreads : nt_max;
    }
    const kt__region reg[2] = {{1, pl.weights_bytes, 0}, {1, work, 0}};
    size_t off[2], stride[2];
    s = kt__layout(reg, 2, off, stride, &pl.info.scratch_size);
    if (s != KT_OK)
        return s;
    pl.work_off = off[1];
    pl.info.tag = kt__tag(KT__OP_CORRELATE, dtype);
    pl.info.dtype = dtype;
    pl.info.nthreads = nt_max;
    /* copy only what is used: the plan is large */
    memcpy(plan, &pl, offsetof(kt_correlate_plan, steps) +
                          (size_t)pl.nsteps * sizeof(kt__correlate_step));
    return KT_OK;
}

void kt__correlate_expand(const kt_correlate_plan *pl, int i, kt__cstep *st)
{
    const kt__correlate_step *s = &pl->steps[i];
    const kt_pass *p = &pl->passes[s->p];
    const ptrdiff_t *sstr = s->from_in ? pl->in_strides : pl->out_strides;
    st->kind = s->kind;
    st->p = p;
    st->q = s->kind == KT_STEP_FUSED ? &pl->passes[s->q] : NULL;
    st->wp = s->wp;
    st->wq = s->wq;
    st->symp = s->symp;
    st->symq = s->symq;
    st->from_in = s->from_in;
    st->n = pl->shape[p->axis];
    st->sin = sstr[p->axis];
    st->sout = pl->out_strides[p->axis];
    st->L = s->L;
    st->lin = s->lin;
    st->lout = s->lout;
    kt__axes ax;
    memcpy(ax.ax, s->ax, sizeof ax.ax);
    ax.ninner = s->ninner;
    ax.nother = s->ninner + s->nouter;
    st->nouter = s->nouter;
    kt__axes_outer(&ax, pl->shape, sstr, pl->out_strides, st->olen, st->osin, st->osout);
    st->W = s->W;
    st->nstrips = s->nstrips;
    st->SW = s->SW;
    st->B = s->B;
    st->rchunks = s->rchunks;
    st->chunk = s->chunk;
    st->nitems = s->nitems;
    size_t bytes, off[2], stride[2], total;
    kt__correlate_thread_layout(s, p, st->q, st->n, kt__itemsize(pl->info.dtype), st->tb_off,
                                &bytes);
    kt__step_layout(s, off, stride, &total);
    st->thread_stride = stride[0];
    st->items_off = off[1];
    st->item_stride = stride[1];
}
