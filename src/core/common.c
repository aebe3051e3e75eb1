/* What every area shares: status messages, the scratch layout, the array
 * checks. */
#include "internal.h"
#include "layout.h"

const char *kt_status_message(int status)
{
    switch (status) {
    case KT_OK: return "success";
    case KT_ERR_NULL: return "a required pointer argument is NULL";
    case KT_ERR_NDIM: return "the number of dimensions is out of range";
    case KT_ERR_SHAPE: return "an array extent is negative or the sizes do not fit together";
    case KT_ERR_AXIS: return "an axis is out of range";
    case KT_ERR_RADIUS: return "a filter radius is negative or too large";
    case KT_ERR_MODE: return "unknown boundary mode";
    case KT_ERR_SCRATCH: return "the scratch buffer is smaller than required";
    case KT_ERR_VALUE: return "a scalar argument is outside its domain";
    case KT_ERR_ORDER: return "a derivative order is negative";
    case KT_ERR_UNSUPPORTED: return "the request is valid but not supported by this entry point";
    case KT_ERR_NOMEM: return "out of memory";
    case KT_ERR_OVERLAP: return "the input and output arrays overlap";
    case KT_ERR_CANCELLED: return "cancelled";
    case KT_ERR_PLAN: return "not a plan of this operation and precision";
    default: return "unknown kernterp status code";
    }
}

int kt__layout(const kt__region *r, int n, size_t *off, size_t *stride, size_t *total)
{
    size_t end = 0;
    for (int i = 0; i < n; i++) {
        const size_t a = r[i].align ? r[i].align : KT_ALIGN;
        const size_t st = (r[i].size + (a - 1)) & ~(a - 1);
        if (st < r[i].size || end > SIZE_MAX - a)
            return KT_ERR_SHAPE;
        const size_t o = (end + (a - 1)) & ~(a - 1);
        if (r[i].count && st > (SIZE_MAX - o) / r[i].count)
            return KT_ERR_SHAPE;
        off[i] = o;
        stride[i] = st;
        end = o + r[i].count * st;
    }
    if (end > SIZE_MAX - KT_ALIGN)
        return KT_ERR_SHAPE;
    *total = end ? end + KT_ALIGN : 0;
    return KT_OK;
}

int kt__check_shape(int ndim, const ptrdiff_t *shape, const ptrdiff_t *s1, const ptrdiff_t *s2,
                    int *empty)
{
    *empty = 0;
    if (ndim < 0 || ndim > KT_MAX_NDIM)
        return KT_ERR_NDIM;
    if (ndim > 0 && (!shape || !s1 || !s2))
        return KT_ERR_NULL;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0)
            return KT_ERR_SHAPE;
        if (shape[d] == 0)
            *empty = 1;
    }
    return KT_OK;
}

/* [lo, hi): the bytes an N-d strided array spans */
static void kt__extent(int ndim, const ptrdiff_t *shape, const void *p, const ptrdiff_t *s,
                       size_t itemsize, uintptr_t *lo, uintptr_t *hi)
{
    ptrdiff_t neg = 0, pos = 0;
    for (int d = 0; d < ndim; d++) {
        const ptrdiff_t span = (shape[d] - 1) * s[d];
        if (span < 0)
            neg += span;
        else
            pos += span;
    }
    *lo = (uintptr_t)p + (uintptr_t)neg;
    *hi = (uintptr_t)p + (uintptr_t)pos + itemsize;
}

int kt__overlap(int ndim, const ptrdiff_t *shape_a, const void *a, const ptrdiff_t *sa,
                const ptrdiff_t *shape_b, const void *b, const ptrdiff_t *sb, size_t itemsize)
{
    for (int d = 0; d < ndim; d++)
        if (shape_a[d] == 0 || shape_b[d] == 0)
            return 0;
    if (a == b) {
        int same = 1;
        for (int d = 0; d < ndim; d++)
            same &= sa[d] == sb[d] && shape_a[d] == shape_b[d];
        if (same)
            return 2;
    }
    uintptr_t alo, ahi, blo, bhi;
    kt__extent(ndim, shape_a, a, sa, itemsize, &alo, &ahi);
    kt__extent(ndim, shape_b, b, sb, itemsize, &blo, &bhi);
    return alo < bhi && blo < ahi;
}

void kt__copy_nd(int ndim, const ptrdiff_t *shape, const char *in, const ptrdiff_t *is, char *out,
                 const ptrdiff_t *os, size_t itemsize)
{
    if (ndim == 0) {
        memmove(out, in, itemsize);
        return;
    }
    for (ptrdiff_t i = 0; i < shape[0]; i++)
        kt__copy_nd(ndim - 1, shape + 1, in + i * is[0], is + 1, out + i * os[0], os + 1,
                    itemsize);
}
