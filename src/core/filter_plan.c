/* Planning of the separable correlation: pass order, fusion, blocking. */
#include "filter_plan.h"

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
/* Below this many elements a step runs on one thread. */
#define KT_MIN_PARALLEL 32768
/* Inner rows narrower than this are filtered as lines instead. */
#define KT_MIN_ROW 16

static ptrdiff_t kt__absd(ptrdiff_t v) { return v < 0 ? -v : v; }

static int kt__symmetry(const double *w, ptrdiff_t r)
{
    int sym = 1, anti = (w[r] == 0.0);
    for (ptrdiff_t k = 1; k <= r && (sym || anti); k++) {
        if (w[r + k] != w[r - k])
            sym = 0;
        if (w[r + k] != -w[r - k])
            anti = 0;
    }
    return sym ? 1 : (anti ? -1 : 0);
}

int kt__plan_init(kt_plan *pl, int ndim, const ptrdiff_t *shape,
                  const ptrdiff_t *in_strides, const ptrdiff_t *out_strides,
                  int npasses, const kt_pass *passes, size_t itemsize, int nthreads)
{
    if (ndim < 0 || ndim > KT_MAX_NDIM || npasses < 0 || npasses > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if ((ndim > 0 && (!shape || !in_strides || !out_strides)) || (npasses > 0 && !passes))
        return KT_ERR_NULL;
    pl->empty = 0;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0)
            return KT_ERR_SHAPE;
        if (shape[d] == 0)
            pl->empty = 1;
    }
    size_t woff = 0;
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
        pl->sym[i] = kt__symmetry(p->weights, p->radius);
        pl->woff[i] = (int)woff;
        woff += kt_round_up((size_t)(2 * p->radius + 1) * itemsize) / itemsize;
        if (woff > (size_t)1 << 30)
            return KT_ERR_RADIUS;
    }
    pl->ndim = ndim;
    pl->npasses = npasses;
    pl->shape = shape;
    pl->in_strides = in_strides;
    pl->out_strides = out_strides;
    pl->passes = passes;
    pl->itemsize = itemsize;
    pl->nthreads = nthreads < 1 ? 1 : nthreads;
    pl->weights_bytes = woff * itemsize;
    /* Execution order: axes of length 1 first, then by decreasing output
     * stride, so that the innermost axis runs last (and can be fused).
     * Linear passes on different axes commute; a constant border with
     * cval != 0 makes a pass affine, and then the given order is kept.  So
     * is an order that already runs from the outermost axis in (length-1
     * axes anywhere): reordering changes the rounding, and scipy's order
     * gives scipy's bits. */
    int affine = 0, sorted = 1;
    ptrdiff_t prev = PTRDIFF_MAX;
    for (int i = 0; i < npasses; i++) {
        pl->order[i] = i;
        if (passes[i].mode == KT_MODE_CONSTANT && passes[i].cval != 0.0)
            affine = 1;
        ptrdiff_t ax = passes[i].axis;
        if (shape[ax] > 1) {
            ptrdiff_t k = kt__absd(out_strides[ax]);
            if (k > prev)
                sorted = 0;
            prev = k;
        }
    }
    const int keep = affine || sorted;
    for (int i = 1; i < npasses && !keep; i++) {
        int cur = pl->order[i], j = i;
        ptrdiff_t ac = passes[cur].axis;
        ptrdiff_t kc = shape[ac] <= 1 ? PTRDIFF_MAX : kt__absd(out_strides[ac]);
        while (j > 0) {
            ptrdiff_t ap = passes[pl->order[j - 1]].axis;
            ptrdiff_t kp = shape[ap] <= 1 ? PTRDIFF_MAX : kt__absd(out_strides[ap]);
            if (kp >= kc)
                break;
            pl->order[j] = pl->order[j - 1];
            j--;
        }
        pl->order[j] = cur;
    }
    return KT_OK;
}

typedef struct {
    ptrdiff_t len, s, o;
} kt_dim;

/* Which kind of step a pass on `axis` is, and its inner dimension. */
static int kt__classify(const kt_plan *pl, int axis, const ptrdiff_t *sstr, int force_line,
                        kt_step *st)
{
    const ptrdiff_t *shape = pl->shape, *ostr = pl->out_strides;
    kt_dim dims[KT_MAX_NDIM];
    int nd = 0;
    for (int d = 0; d < pl->ndim; d++) {
        if (d == axis || shape[d] <= 1)
            continue;
        dims[nd].len = shape[d];
        dims[nd].s = sstr[d];
        dims[nd].o = ostr[d];
        nd++;
    }
    /* sort the other dimensions by increasing |output stride| */
    for (int i = 1; i < nd; i++) {
        kt_dim cur = dims[i];
        int j = i;
        while (j > 0 && kt__absd(dims[j - 1].o) > kt__absd(cur.o)) {
            dims[j] = dims[j - 1];
            j--;
        }
        dims[j] = cur;
    }
    st->n = shape[axis];
    st->sin = sstr[axis];
    st->sout = ostr[axis];
    int line = force_line || nd == 0 || (st->n > 1 && kt__absd(st->sout) <= kt__absd(dims[0].o));
    int first = 0;
    if (!line) {
        /* merge the innermost dimensions that are one strided run in both */
        st->L = dims[0].len;
        st->lin = dims[0].s;
        st->lout = dims[0].o;
        first = 1;
        while (first < nd && dims[first].s == st->lin * st->L && dims[first].o == st->lout * st->L) {
            st->L *= dims[first].len;
            first++;
        }
        if (st->L < KT_MIN_ROW && st->n > 1)
            line = 1;
    }
    if (line)
        first = 0;
    st->nouter = 0;
    st->nouter_total = 1;
    for (int i = first; i < nd; i++) {
        st->olen[st->nouter] = dims[i].len;
        st->osin[st->nouter] = dims[i].s;
        st->osout[st->nouter] = dims[i].o;
        st->nouter_total *= dims[i].len;
        st->nouter++;
    }
    if (line) {
        st->L = 1;
        st->lin = st->lout = 0;
    }
    return line ? KT_STEP_LINE : (first == 1 ? 2 : 1); /* 2: inner is one unmerged dim */
}

static ptrdiff_t kt__inner_axis(const kt_plan *pl, int axis)
{
    /* the unmerged inner dimension of a row pass on `axis` */
    ptrdiff_t best = -1;
    for (int d = 0; d < pl->ndim; d++) {
        if (d == axis || pl->shape[d] <= 1)
            continue;
        if (best < 0 || kt__absd(pl->out_strides[d]) < kt__absd(pl->out_strides[best]))
            best = d;
    }
    return best;
}

/* Width of rows holding `rows` rows within `budget` bytes (at least 64
 * elements; all of L when that is not much more). */
static ptrdiff_t kt__fit_width(ptrdiff_t rows, ptrdiff_t isz, ptrdiff_t L, ptrdiff_t budget)
{
    ptrdiff_t W = budget / (rows * isz);
    W = (W / 32) * 32;
    if (W < 64)
        W = 64;
    return L <= W + W / 2 ? L : W;
}

static void kt__split(const kt_plan *pl, kt_step *st, ptrdiff_t r)
{
    const ptrdiff_t isz = (ptrdiff_t)pl->itemsize;
    ptrdiff_t base = st->nouter_total * st->nstrips;
    st->rchunks = 1;
    ptrdiff_t total = st->n * st->L * st->nouter_total;
    int nt = pl->nthreads;
    if (total < KT_MIN_PARALLEL)
        nt = 1;
    if (nt > 1 && base < KT_ITEMS_PER_THREAD * nt) {
        ptrdiff_t want = (KT_ITEMS_PER_THREAD * nt + base - 1) / base;
        ptrdiff_t minlen = 4 * r > 64 ? 4 * r : 64;
        ptrdiff_t cap = st->n / minlen;
        st->rchunks = want < cap ? want : (cap > 1 ? cap : 1);
    }
    st->chunk = (st->n + st->rchunks - 1) / st->rchunks;
    st->rchunks = (st->n + st->chunk - 1) / st->chunk;
    st->nitems = base * st->rchunks;
    st->nthreads = nt < st->nitems ? nt : (int)st->nitems;
    if (st->nthreads < 1)
        st->nthreads = 1;
    size_t snap = (size_t)(2 * r) * (size_t)st->W * (size_t)isz;
    st->item_bytes = st->rchunks > 1 ? kt_round_up(snap) : 0;
    st->thread_bytes += st->rchunks > 1 ? 0 : kt_round_up(snap);
}

void kt__plan_step(const kt_plan *pl, int *pos, kt_step *st)
{
    const ptrdiff_t isz = (ptrdiff_t)pl->itemsize;
    int pi = pl->order[*pos];
    const kt_pass *p = &pl->passes[pi];
    st->from_in = (*pos == 0);
    const ptrdiff_t *sstr = st->from_in ? pl->in_strides : pl->out_strides;
    st->p = p;
    st->q = NULL;
    st->wp = pl->woff[pi];
    st->symp = pl->sym[pi];
    st->wq = 0;
    st->symq = 0;
    const ptrdiff_t r = p->radius;
    /* A radius far beyond the axis would make the ring (2r + 8 rows) much
     * larger than the data: such a pass runs as lines, (n + 2r) per thread. */
    int cls = kt__classify(pl, p->axis, sstr, r > 2 * pl->shape[p->axis] + 64, st);
    *pos += 1;
    if (cls == KT_STEP_LINE) {
        st->kind = KT_STEP_LINE;
        st->W = st->nstrips = st->rchunks = 1;
        st->chunk = st->n;
        st->nitems = st->nouter_total;
        ptrdiff_t total = st->n * st->nouter_total;
        int nt = total < KT_MIN_PARALLEL ? 1 : pl->nthreads;
        st->nthreads = nt < st->nitems ? nt : (int)st->nitems;
        if (st->nthreads < 1)
            st->nthreads = 1;
        st->thread_bytes = kt_round_up((size_t)(st->n + 2 * r) * (size_t)isz) +
                           kt_round_up((size_t)st->n * (size_t)isz);
        st->item_bytes = 0;
        return;
    }
    const size_t ptrs = kt_round_up((size_t)(2 * (2 * r + KT_BLOCK_ROWS)) * sizeof(void *));
    /* Fuse with the next pass when it is a line pass along our inner axis. */
    if (cls == 2 && *pos < pl->npasses) {
        int qi = pl->order[*pos];
        const kt_pass *q = &pl->passes[qi];
        size_t ring = (size_t)(2 * r + KT_BLOCK_ROWS) * (size_t)kt_ring_pitch(st->L, isz) *
                      (size_t)isz;
        if (q->axis == kt__inner_axis(pl, p->axis) && ring <= KT_FUSE_BUDGET &&
            pl->shape[q->axis] > 1) {
            st->kind = KT_STEP_FUSED;
            st->q = q;
            st->wq = pl->woff[qi];
            st->symq = pl->sym[qi];
            st->W = st->L;
            st->nstrips = 1;
            st->B = KT_BLOCK_ROWS;
            st->SW = kt__fit_width(2 * r + st->B, isz, st->L, KT_L1_BUDGET);
            st->thread_bytes = kt_round_up(ring) + ptrs +
                               kt_round_up((size_t)(st->B * (st->L + 2 * q->radius)) * (size_t)isz) +
                               kt_round_up((size_t)st->L * (size_t)isz);
            kt__split(pl, st, r);
            *pos += 1;
            return;
        }
    }
    st->kind = KT_STEP_ROW;
    st->B = KT_BLOCK_ROWS;
    ptrdiff_t W = kt__fit_width(2 * r + st->B, isz, st->L, KT_RING_BUDGET);
    st->W = W;
    st->SW = kt__fit_width(2 * r + st->B, isz, W, KT_L1_BUDGET);
    st->nstrips = (st->L + W - 1) / W;
    st->thread_bytes = kt_round_up((size_t)(2 * r + st->B) * (size_t)kt_ring_pitch(W, isz) *
                                   (size_t)isz) + ptrs +
                       kt_round_up((size_t)W * (size_t)isz);
    kt__split(pl, st, r);
}

size_t kt__plan_scratch(const kt_plan *pl)
{
    size_t best = 0;
    kt_step st;
    int pos = 0;
    while (!pl->empty && pos < pl->npasses) {
        kt__plan_step(pl, &pos, &st);
        size_t need = (size_t)st.nthreads * st.thread_bytes + (size_t)st.nitems * st.item_bytes;
        if (need > best)
            best = need;
    }
    return KT_ALIGN + pl->weights_bytes + best;
}

size_t kt_correlate_passes_scratch(int ndim, const ptrdiff_t *shape, const ptrdiff_t *in_strides,
                                   const ptrdiff_t *out_strides, int npasses, const kt_pass *passes,
                                   size_t itemsize, int nthreads, int *status)
{
    kt_plan pl;
    int s = kt__plan_init(&pl, ndim, shape, in_strides, out_strides, npasses, passes, itemsize,
                          nthreads);
    if (status)
        *status = s;
    return s == KT_OK ? kt__plan_scratch(&pl) : 0;
}
