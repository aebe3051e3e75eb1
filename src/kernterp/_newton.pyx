# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the Newton interpolation core (kernterp.interpolate's engine).

Every function takes arrays already validated and laid out by
_newton_api.py (float64 nodes and coefficient tables, column-contiguous
where the C API asks for it) and returns or fills numpy arrays; C status
codes go through _core.check_status, the evaluation's scratch through
_core.begin / end.

Threads: ``nthreads`` is an upper bound, or 0 for all available cores,
counted only when the plan (kt__thread_count) wants more than one thread (a
plan for the most threads first, then one capped by the cores): the count
costs about a microsecond.
"""

cimport numpy as cnp

from kernterp._core cimport begin, check_status, dtype_code, end
from kernterp.capi cimport (
    import_kernterp,
    kt_krogh_coeffs_f64,
    kt_leja_order,
    kt_newton_add_points_f64,
    kt_newton_coeffs_f64,
    kt_newton_execute_f32,
    kt_newton_execute_f64,
    kt_newton_plan,
    kt_newton_plan_init,
)

import numpy as np

from kernterp._support import available_cpus

cnp.import_array()
import_kernterp()

# more threads than any plan takes (the policy caps them): "as many as it wants"
cdef int _ANY = 1 << 20


cdef double *_f64(cnp.ndarray a, Py_ssize_t size, str name) except NULL:
    if a.dtype != np.float64 or not a.flags.c_contiguous or a.size != size:
        raise ValueError(f"kernterp: {name} must be a C-contiguous float64 array of {size} values")
    return <double *>cnp.PyArray_DATA(a) if size > 0 else <double *>1


def newton_coeffs(cnp.ndarray x, cnp.ndarray a, diag=None):
    """Divided differences in place: ``a`` (ncol, n) values -> coefficients.

    ``x`` (n,) float64; ``diag`` None or (ncol, n) float64, which receives
    the last diagonal of the table.
    """
    cdef Py_ssize_t n = x.shape[0], ncol = a.shape[0] if a.ndim == 2 else -1
    cdef double *px = _f64(x, n, "x")
    cdef double *pa = _f64(a, ncol * n, "a")
    cdef double *pd = NULL
    if diag is not None:
        pd = _f64(diag, ncol * n, "diag")
    cdef int status
    with nogil:
        status = kt_newton_coeffs_f64(n, ncol, px, pa, pd)
    check_status(status)


def newton_add_points(Py_ssize_t n, cnp.ndarray x, cnp.ndarray diag, cnp.ndarray ynew):
    """Extend by ``k = len(x) - n`` nodes; ``diag`` (ncol, n + k) in/out.

    Returns the new coefficients, (ncol, k) float64.
    """
    cdef Py_ssize_t nt = x.shape[0], k = nt - n, ncol = diag.shape[0]
    cdef double *px = _f64(x, nt, "x")
    cdef double *pd = _f64(diag, ncol * nt, "diag")
    cdef double *py = _f64(ynew, ncol * k, "ynew")
    cdef cnp.ndarray anew = np.empty((ncol, k), np.float64)
    cdef double *pa = <double *>cnp.PyArray_DATA(anew)
    cdef int status
    with nogil:
        status = kt_newton_add_points_f64(n, k, ncol, px, pd, py, pa)
    check_status(status)
    return anew


def leja_order(cnp.ndarray x):
    """Leja order of the (n,) float64 nodes, as an intp array."""
    cdef Py_ssize_t n = x.shape[0]
    cdef double *px = _f64(x, n, "x")
    cdef cnp.ndarray idx = np.empty(n, np.intp)
    cdef Py_ssize_t *pi = <Py_ssize_t *>cnp.PyArray_DATA(idx)
    cdef int status
    with nogil:
        status = kt_leja_order(n, px, pi)
    check_status(status)
    return idx


def krogh_coeffs(cnp.ndarray x, cnp.ndarray a):
    """Krogh's confluent table in place: ``a`` (ncol, n) values -> coefficients."""
    cdef Py_ssize_t n = x.shape[0], ncol = a.shape[0] if a.ndim == 2 else -1
    cdef double *px = _f64(x, n, "x")
    cdef double *pa = _f64(a, ncol * n, "a")
    cdef int status
    with nogil:
        status = kt_krogh_coeffs_f64(n, ncol, px, pa)
    check_status(status)


def newton_eval(cnp.ndarray z, cnp.ndarray a, cnp.ndarray x, Py_ssize_t der_first,
                Py_ssize_t der, cnp.ndarray out, int nthreads):
    """Orders der_first..der at the 1-D points ``x`` (float32 or float64).

    ``z`` (n,) float64 nodes, ``a`` (n, ncol) float64 (any strides),
    ``out`` (der - der_first + 1, m, ncol) of x's dtype (any strides);
    ``nthreads``: at most that many threads (0: all cores).
    """
    if a.ndim != 2 or a.dtype != np.float64 or not a.dtype.isnative:
        raise ValueError("kernterp: a must be a 2-D native float64 array")
    if x.ndim != 1 or x.dtype.char not in "fd" or not x.dtype.isnative:
        raise ValueError("kernterp: x must be a 1-D native float32 or float64 array")
    cdef Py_ssize_t n = a.shape[0], ncol = a.shape[1], m = x.shape[0]
    if out.ndim != 3 or out.dtype != x.dtype or out.shape[1] != m or out.shape[2] != ncol \
            or out.shape[0] != der - der_first + 1:
        raise ValueError("kernterp: out has the wrong shape or dtype")
    cdef double *pz = _f64(z, n, "z")
    cdef void *pa = cnp.PyArray_DATA(a)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef bint f32 = x.dtype.char == "f"
    cdef kt_newton_plan plan
    cdef int status
    check_status(kt_newton_plan_init(&plan, dtype_code(x.itemsize), n, ncol, a.strides[0],
                                     a.strides[1], m, x.strides[0], der_first, der,
                                     out.strides[0], out.strides[1], out.strides[2],
                                     _ANY if nthreads <= 0 else nthreads))
    if nthreads <= 0 and plan.info.nthreads > 1:
        nthreads = available_cpus()
        check_status(kt_newton_plan_init(&plan, dtype_code(x.itemsize), n, ncol, a.strides[0],
                                         a.strides[1], m, x.strides[0], der_first, der,
                                         out.strides[0], out.strides[1], out.strides[2],
                                         nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_newton_execute_f32(&plan, pz, <const double *>pa, <const float *>px,
                                           <float *>po, sp, nthreads)
        else:
            status = kt_newton_execute_f64(&plan, pz, <const double *>pa, <const double *>px,
                                           <double *>po, sp, nthreads)
    end(status, sp)
    return out
