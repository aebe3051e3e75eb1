#include "axes.h"

void kt__axes_plan(kt__axes *a, int ndim, const ptrdiff_t *shape, const ptrdiff_t *sin,
                   const ptrdiff_t *sout, int axis)
{
    int nd = 0;
    for (int d = 0; d < ndim; d++) {
        if (d == axis || shape[d] <= 1)
            continue;
        /* insertion by increasing |output stride|, stable */
        int j = nd++;
        while (j > 0 && kt_absd(sout[a->ax[j - 1]]) > kt_absd(sout[d])) {
            a->ax[j] = a->ax[j - 1];
            j--;
        }
        a->ax[j] = (unsigned char)d;
    }
    a->nother = nd;
    a->n = shape[axis];
    a->sin = sin[axis];
    a->sout = sout[axis];
    a->line = nd == 0 || (a->n > 1 && kt_absd(a->sout) <= kt_absd(sout[a->ax[0]]));
    a->ninner = 0;
    a->L = 1;
    a->lin = a->lout = 0;
    if (!a->line) {
        const int d0 = a->ax[0];
        a->L = shape[d0];
        a->lin = sin[d0];
        a->lout = sout[d0];
        a->ninner = 1;
        while (a->ninner < nd) {
            const int d = a->ax[a->ninner];
            if (sin[d] != a->lin * a->L || sout[d] != a->lout * a->L)
                break;
            a->L *= shape[d];
            a->ninner++;
        }
    }
    a->nouter_total = 1;
    for (int i = a->ninner; i < nd; i++)
        a->nouter_total *= shape[a->ax[i]];
}

void kt__axes_lines(kt__axes *a)
{
    a->nouter_total *= a->L; /* the run's dimensions become outer ones */
    a->line = 1;
    a->L = 1;
    a->lin = a->lout = 0;
    a->ninner = 0;
}

void kt__axes_outer(const kt__axes *a, const ptrdiff_t *shape, const ptrdiff_t *sin,
                    const ptrdiff_t *sout, ptrdiff_t *olen, ptrdiff_t *osin, ptrdiff_t *osout)
{
    for (int i = a->ninner; i < a->nother; i++) {
        const int d = a->ax[i];
        olen[i - a->ninner] = shape[d];
        osin[i - a->ninner] = sin[d];
        osout[i - a->ninner] = sout[d];
    }
}

int kt__axes_innermost(int ndim, const ptrdiff_t *shape, const ptrdiff_t *strides)
{
    int x = ndim - 1;
    ptrdiff_t best = -1;
    for (int d = ndim - 1; d >= 0; d--) {
        const ptrdiff_t s = kt_absd(strides[d]);
        if (shape[d] > 1 && s != 0 && (best < 0 || s < best)) {
            best = s;
            x = d;
        }
    }
    return x;
}
