# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the periodic Gauss transform (kernterp.kernels' engine).

The C declarations live here (not in _core.pxd) so that this area's
bindings stay in files of their own; the status -> exception mapping is
_core.check_status, as everywhere.
"""

cimport numpy as cnp

from kernterp.capi cimport import_kernterp
from kernterp._core cimport check_status

import numpy as np

cnp.import_array()
import_kernterp()


cdef extern from "kernterp/kernterp.h" nogil:
    ctypedef struct kt_periodic_plan:
        int method
        int d
        Py_ssize_t n, m, nrhs
        double sigma, period, tol, kmax, radius
        Py_ssize_t ncell, reach, nimage, K, K2
        double cost_direct, cost_fourier

    int kt_periodic_gauss_plan(Py_ssize_t d, Py_ssize_t n, Py_ssize_t m, Py_ssize_t nrhs,
                               double sigma, double period, double tol, int method,
                               kt_periodic_plan *plan)
    size_t kt_periodic_gauss_scratch(const kt_periodic_plan *plan, int nthreads)
    int kt_periodic_gauss_f64(const kt_periodic_plan *plan, const double *x,
                              Py_ssize_t x_sp, Py_ssize_t x_sc, const double *q,
                              const double *y, Py_ssize_t y_sp, Py_ssize_t y_sc,
                              double *out, void *scratch, size_t scratch_size, int nthreads)


_METHODS = {"auto": 0, "direct": 1, "fourier": 2}
_NAMES = {1: "direct", 2: "fourier"}


cdef dict _plan_dict(kt_periodic_plan *p):
    return {
        "method": _NAMES[p.method], "d": p.d, "n": p.n, "m": p.m, "nrhs": p.nrhs,
        "sigma": p.sigma, "period": p.period, "tol": p.tol, "kmax": p.kmax,
        "radius": p.radius, "ncell": p.ncell, "reach": p.reach, "nimage": p.nimage,
        "K": p.K, "K2": p.K2,
        "cost_direct": p.cost_direct, "cost_fourier": p.cost_fourier,
    }


cdef int _make_plan(Py_ssize_t d, Py_ssize_t n, Py_ssize_t m, Py_ssize_t nrhs, double sigma,
                    double period, double tol, str method, kt_periodic_plan *p) except -1:
    check_status(kt_periodic_gauss_plan(d, n, m, nrhs, sigma, period, tol,
                                        _METHODS[method], p))
    return 0


def plan(Py_ssize_t d, Py_ssize_t n, Py_ssize_t m, Py_ssize_t nrhs, double sigma,
         double period, double tol, str method):
    """The C plan (method, radius, cells, K, cost estimates) as a dict."""
    cdef kt_periodic_plan p
    _make_plan(d, n, m, nrhs, sigma, period, tol, method, &p)
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
        if ya.ndim != 2 or ya.dtype != np.float64 or ya.shape[1] != d:
            raise ValueError("kernterp: y must be a 2-D float64 array like x")
        m = ya.shape[0]
        py = <const double *>cnp.PyArray_DATA(ya)
        ysp = ya.strides[0]
        ysc = ya.strides[1]
    cdef kt_periodic_plan p
    _make_plan(d, n, m, nrhs, sigma, period, tol, method, &p)
    cdef cnp.ndarray out = np.empty((m, nrhs), np.float64)
    cdef size_t need = kt_periodic_gauss_scratch(&p, nthreads)
    cdef cnp.ndarray scratch = np.empty(max(need, 1), np.uint8)
    cdef void *ps = cnp.PyArray_DATA(scratch)
    cdef const double *px = <const double *>cnp.PyArray_DATA(x)
    cdef const double *pq = <const double *>cnp.PyArray_DATA(q)
    cdef double *po = <double *>cnp.PyArray_DATA(out)
    cdef Py_ssize_t xsp = x.strides[0], xsc = x.strides[1]
    cdef int status
    with nogil:
        status = kt_periodic_gauss_f64(&p, px, xsp, xsc, pq, py, ysp, ysc, po, ps, need,
                                       nthreads)
    check_status(status)
    return out, _plan_dict(&p)
