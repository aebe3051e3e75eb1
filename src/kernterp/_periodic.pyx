# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the periodic Gauss transform (kernterp.kernels' engine)."""

cimport numpy as cnp

from kernterp._core cimport begin, check_status, end
from kernterp.capi cimport (
    KT_F64,
    KT_PERIODIC_AUTO,
    KT_PERIODIC_DIRECT,
    KT_PERIODIC_FOURIER,
    import_kernterp,
    kt_periodic_execute_f64,
    kt_periodic_plan,
    kt_periodic_plan_init,
)

import numpy as np

cnp.import_array()
import_kernterp()


_METHODS = {"auto": KT_PERIODIC_AUTO, "direct": KT_PERIODIC_DIRECT,
            "fourier": KT_PERIODIC_FOURIER}
_NAMES = {KT_PERIODIC_DIRECT: "direct", KT_PERIODIC_FOURIER: "fourier"}


cdef dict _plan_dict(kt_periodic_plan *p):
    return {
        "method": _NAMES[p.method], "d": p.d, "n": p.n, "m": p.m, "nrhs": p.nrhs,
        "sigma": p.sigma, "period": p.period, "tol": p.tol, "kmax": p.kmax,
        "radius": p.radius, "ncell": p.ncell, "reach": p.reach, "nimage": p.nimage,
        "K": p.K, "K2": p.K2,
        "cost_direct": p.cost_direct, "cost_fourier": p.cost_fourier,
    }


def plan(int d, Py_ssize_t n, Py_ssize_t m, Py_ssize_t nrhs, double sigma,
         double period, double tol, str method):
    """The C plan (method, radius, cells, K, cost estimates) as a dict."""
    cdef kt_periodic_plan p
    # the strides of (n, d) and (m, d) C-contiguous arrays: they do not
    # change the plan's choices
    check_status(kt_periodic_plan_init(&p, KT_F64, d, n, m, nrhs, d * 8, 8, 1, d * 8, 8,
                                       sigma, period, tol, _METHODS[method], 1))
    return _plan_dict(&p)


def periodic_gauss(cnp.ndarray x, cnp.ndarray q, y, double sigma, double period,
                   double tol, str method, int nthreads):
    """The transform of the (n, d) float64 array ``x`` (any strides).

    ``q``: (n, k) C-contiguous float64 weights; ``y``: (m, d) float64 targets
    or None (the points).  Returns ``(out, plan)``, out a new (m, k) float64
    array.  The GIL is released while it runs.
    """
    if x.ndim != 2 or x.dtype != np.float64 or not x.dtype.isnative:
        raise ValueError("kernterp: x must be a 2-D native float64 array")
    if (q.ndim != 2 or q.dtype != np.float64 or not q.flags.c_contiguous
            or q.shape[0] != x.shape[0]):
        raise ValueError("kernterp: q must be a C-contiguous (n, k) float64 array")
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], nrhs = q.shape[1], m = n
    cdef cnp.ndarray ya
    cdef const double *py = NULL
    cdef Py_ssize_t ysp = 0, ysc = 0
    if y is not None:
        ya = y
        if (ya.ndim != 2 or ya.dtype != np.float64 or not ya.dtype.isnative
                or ya.shape[1] != d):
            raise ValueError("kernterp: y must be a 2-D float64 array like x")
        m = ya.shape[0]
        py = <const double *>cnp.PyArray_DATA(ya)
        ysp = ya.strides[0]
        ysc = ya.strides[1]
    cdef kt_periodic_plan p
    # (d > 3: KT_ERR_NDIM, without the int overflowing)
    check_status(kt_periodic_plan_init(&p, KT_F64, <int>(d if d < 4 else 4), n, m, nrhs,
                                       x.strides[0], x.strides[1], py != NULL, ysp, ysc,
                                       sigma, period, tol, _METHODS[method], nthreads))
    cdef cnp.ndarray out = np.empty((m, nrhs), np.float64)
    cdef const double *px = <const double *>cnp.PyArray_DATA(x)
    cdef const double *pq = <const double *>cnp.PyArray_DATA(q)
    cdef double *po = <double *>cnp.PyArray_DATA(out)
    cdef int status
    cdef void *sp = begin(&p.info)
    with nogil:
        status = kt_periodic_execute_f64(&p, px, pq, py, po, sp, nthreads)
    end(status, sp)
    return out, _plan_dict(&p)
