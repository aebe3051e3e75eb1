# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the lookup engine (kernterp.interpolate's piecewise engine).

The C declarations live here (not in _core.pxd) so that this area's
bindings stay in files of their own; the status -> exception mapping is
_core.check_status, as everywhere.  Arrays come in validated by
_piecewise_api (dtype, contiguity where required); these functions only
re-check what would make the C call unsafe.
"""

cimport numpy as cnp
from libc.stdint cimport int64_t

from kernterp.capi cimport import_kernterp
from kernterp._core cimport check_status

import numpy as np

cnp.import_array()
import_kernterp()


cdef extern from "kernterp/kernterp.h" nogil:
    int kt_lookup_is_uniform_f32(Py_ssize_t n, const float *xp)
    int kt_lookup_is_uniform_f64(Py_ssize_t n, const double *xp)
    size_t kt_lookup_scratch(Py_ssize_t n, Py_ssize_t m)
    int kt_lookup_f32(Py_ssize_t n, const float *xp, Py_ssize_t m, const float *x,
                      Py_ssize_t xs, int64_t *idx, int path, void *scratch,
                      size_t scratch_size, int nthreads)
    int kt_lookup_f64(Py_ssize_t n, const double *xp, Py_ssize_t m, const double *x,
                      Py_ssize_t xs, int64_t *idx, int path, void *scratch,
                      size_t scratch_size, int nthreads)
    size_t kt_interp_scratch(Py_ssize_t n, size_t itemsize)
    int kt_interp_f32(Py_ssize_t n, const float *xp, const float *fp, Py_ssize_t fps,
                      Py_ssize_t m, const float *x, Py_ssize_t xs, float left, float right,
                      float *out, Py_ssize_t os, int recip, int path, void *scratch,
                      size_t scratch_size, int nthreads)
    int kt_interp_f64(Py_ssize_t n, const double *xp, const double *fp, Py_ssize_t fps,
                      Py_ssize_t m, const double *x, Py_ssize_t xs, double left, double right,
                      double *out, Py_ssize_t os, int recip, int path, void *scratch,
                      size_t scratch_size, int nthreads)
    size_t kt_ppoly_eval_scratch(Py_ssize_t k, Py_ssize_t n, Py_ssize_t ncols, Py_ssize_t m,
                                 size_t itemsize)
    int kt_ppoly_eval_f32(Py_ssize_t k, Py_ssize_t n, const float *xb, const float *c,
                          Py_ssize_t ncols, Py_ssize_t m, const float *x, Py_ssize_t xs,
                          int extrapolate, float *out, int path, void *scratch,
                          size_t scratch_size, int nthreads)
    int kt_ppoly_eval_f64(Py_ssize_t k, Py_ssize_t n, const double *xb, const double *c,
                          Py_ssize_t ncols, Py_ssize_t m, const double *x, Py_ssize_t xs,
                          int extrapolate, double *out, int path, void *scratch,
                          size_t scratch_size, int nthreads)
    size_t kt_cubic_spline_scratch(Py_ssize_t n, Py_ssize_t ncols)
    int kt_cubic_spline_f64(Py_ssize_t n, const double *x, const double *y, Py_ssize_t ncols,
                            int bc0, const double *v0, int bc1, const double *v1, double *c,
                            void *scratch, size_t scratch_size)


cdef int _kind(cnp.ndarray a) except -1:
    """0 for native float32, 1 for native float64 (else ValueError)."""
    cdef char ch = a.descr.type
    if not a.dtype.isnative:
        raise ValueError("kernterp: native byte order required")
    if ch == b"f":
        return 0
    if ch == b"d":
        return 1
    raise ValueError("kernterp: float32 or float64 required")


cdef int _knots(cnp.ndarray xp, int kind) except -1:
    if xp.ndim != 1 or not xp.flags.c_contiguous or _kind(xp) != kind:
        raise ValueError("kernterp: knots must be 1-D, contiguous, of the queries' dtype")
    return 0


cdef object _scratch(size_t need):
    """A uint8 scratch array of `need` bytes (None for 0); keep it alive."""
    return np.empty(need, np.uint8) if need else None


cdef void *_ptr(object a):
    return cnp.PyArray_DATA(<cnp.ndarray>a) if a is not None else NULL


def is_uniform(cnp.ndarray xp):
    """True when the 1-D contiguous knots allow the uniform (O(1)) path."""
    cdef int kind = _kind(xp)
    _knots(xp, kind)
    cdef Py_ssize_t n = xp.shape[0]
    cdef void *p = cnp.PyArray_DATA(xp)
    if kind == 0:
        return bool(kt_lookup_is_uniform_f32(n, <const float *>p))
    return bool(kt_lookup_is_uniform_f64(n, <const double *>p))


def lookup(cnp.ndarray x, cnp.ndarray xp, int path, int nthreads):
    """int64 interval indices (searchsorted(xp, x, 'right') - 1) of 1-D ``x``."""
    cdef int kind = _kind(x)
    _knots(xp, kind)
    if x.ndim != 1:
        raise ValueError("kernterp: 1-D queries required")
    cdef Py_ssize_t n = xp.shape[0], m = x.shape[0], xs = x.strides[0]
    cdef cnp.ndarray idx = np.empty(m, np.int64)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pp = cnp.PyArray_DATA(xp)
    cdef int64_t *pi = <int64_t *>cnp.PyArray_DATA(idx)
    cdef size_t need = kt_lookup_scratch(n, m)
    scratch = _scratch(need)
    cdef void *ps = _ptr(scratch)
    cdef int status
    with nogil:
        if kind == 0:
            status = kt_lookup_f32(n, <const float *>pp, m, <const float *>px, xs, pi, path,
                                   ps, need, nthreads)
        else:
            status = kt_lookup_f64(n, <const double *>pp, m, <const double *>px, xs, pi, path,
                                   ps, need, nthreads)
    check_status(status)
    return idx


def interp(cnp.ndarray x, cnp.ndarray xp, cnp.ndarray fp, double left, double right,
           cnp.ndarray out, bint recip, int path, int nthreads):
    """numpy.interp of 1-D ``x`` (any stride) into 1-D ``out`` (any stride).

    ``xp`` contiguous, ``fp`` 1-D of the same length with any stride (a
    ``.real`` / ``.imag`` view of complex data, with ``recip=True``), all of
    one dtype.  Returns ``out``.
    """
    cdef int kind = _kind(x)
    _knots(xp, kind)
    if (x.ndim != 1 or fp.ndim != 1 or out.ndim != 1 or _kind(fp) != kind
            or _kind(out) != kind or fp.shape[0] != xp.shape[0]
            or out.shape[0] != x.shape[0] or not out.flags.writeable):
        raise ValueError("kernterp: inconsistent interp arrays")
    cdef Py_ssize_t n = xp.shape[0], m = x.shape[0]
    cdef Py_ssize_t xs = x.strides[0], fs = fp.strides[0], os = out.strides[0]
    cdef size_t need = kt_interp_scratch(n, x.itemsize) if m >= n else 0
    scratch = _scratch(need)
    cdef void *ps = _ptr(scratch)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pp = cnp.PyArray_DATA(xp)
    cdef void *pf = cnp.PyArray_DATA(fp)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef int status
    if m < 32768:  # serial anyway: keep the GIL (cheaper for scalar calls)
        if kind == 0:
            status = kt_interp_f32(n, <const float *>pp, <const float *>pf, fs, m,
                                   <const float *>px, xs, <float>left, <float>right,
                                   <float *>po, os, recip, path, ps, need, 1)
        else:
            status = kt_interp_f64(n, <const double *>pp, <const double *>pf, fs, m,
                                   <const double *>px, xs, left, right, <double *>po, os,
                                   recip, path, ps, need, 1)
    else:
        with nogil:
            if kind == 0:
                status = kt_interp_f32(n, <const float *>pp, <const float *>pf, fs, m,
                                       <const float *>px, xs, <float>left, <float>right,
                                       <float *>po, os, recip, path, ps, need, nthreads)
            else:
                status = kt_interp_f64(n, <const double *>pp, <const double *>pf, fs, m,
                                       <const double *>px, xs, left, right, <double *>po, os,
                                       recip, path, ps, need, nthreads)
    check_status(status)
    return out


def ppoly_eval(cnp.ndarray c, cnp.ndarray xb, cnp.ndarray x, bint extrapolate, int path,
               int nthreads, cnp.ndarray out=None):
    """Piecewise polynomial (k, n-1, ncols) C-contiguous ``c`` at 1-D ``x``.

    Returns ``out`` (m, ncols), C-contiguous of x's dtype; a new array if
    None.
    """
    cdef int kind = _kind(x)
    _knots(xb, kind)
    if (c.ndim != 3 or not c.flags.c_contiguous or _kind(c) != kind or x.ndim != 1
            or c.shape[1] != xb.shape[0] - 1):
        raise ValueError("kernterp: inconsistent piecewise polynomial arrays")
    cdef Py_ssize_t k = c.shape[0], n = xb.shape[0], nc = c.shape[2]
    cdef Py_ssize_t m = x.shape[0], xs = x.strides[0]
    if out is None:
        out = np.empty((m, nc), x.dtype)
    elif (out.ndim != 2 or out.shape[0] != m or out.shape[1] != nc or _kind(out) != kind
            or not out.flags.c_contiguous or not out.flags.writeable):
        raise ValueError("kernterp: bad output array")
    cdef void *pc = cnp.PyArray_DATA(c)
    cdef void *pb = cnp.PyArray_DATA(xb)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef size_t need = kt_ppoly_eval_scratch(k, n, nc, m, x.itemsize)
    scratch = _scratch(need)
    cdef void *ps = _ptr(scratch)
    cdef int status
    with nogil:
        if kind == 0:
            status = kt_ppoly_eval_f32(k, n, <const float *>pb, <const float *>pc, nc, m,
                                       <const float *>px, xs, extrapolate, <float *>po, path,
                                       ps, need, nthreads)
        else:
            status = kt_ppoly_eval_f64(k, n, <const double *>pb, <const double *>pc, nc, m,
                                       <const double *>px, xs, extrapolate, <double *>po,
                                       path, ps, need, nthreads)
    check_status(status)
    return out


def cubic_spline(cnp.ndarray x, cnp.ndarray y, int bc0, v0, int bc1, v1):
    """Coefficients (4, n-1, ncols) of the cubic spline through ``x`` (n,), ``y`` (n, ncols).

    Both C-contiguous float64; ``v0`` / ``v1``: C-contiguous float64 (ncols,)
    arrays for derivative conditions, else None.
    """
    if (x.ndim != 1 or y.ndim != 2 or _kind(x) != 1 or _kind(y) != 1
            or not x.flags.c_contiguous or not y.flags.c_contiguous
            or y.shape[0] != x.shape[0]):
        raise ValueError("kernterp: inconsistent spline arrays")
    cdef Py_ssize_t n = x.shape[0], nc = y.shape[1]
    cdef const double *p0 = NULL
    cdef const double *p1 = NULL
    cdef cnp.ndarray a0, a1
    if v0 is not None:
        a0 = v0
        if a0.dtype != np.float64 or not a0.flags.c_contiguous or a0.size != nc:
            raise ValueError("kernterp: bad boundary values")
        p0 = <const double *>cnp.PyArray_DATA(a0)
    if v1 is not None:
        a1 = v1
        if a1.dtype != np.float64 or not a1.flags.c_contiguous or a1.size != nc:
            raise ValueError("kernterp: bad boundary values")
        p1 = <const double *>cnp.PyArray_DATA(a1)
    cdef cnp.ndarray c = np.empty((4, max(n - 1, 0), nc), np.float64)
    cdef size_t need = kt_cubic_spline_scratch(n, nc)
    cdef cnp.ndarray scratch = np.empty(need, np.uint8)
    cdef void *ps = cnp.PyArray_DATA(scratch)
    cdef const double *px = <const double *>cnp.PyArray_DATA(x)
    cdef const double *py = <const double *>cnp.PyArray_DATA(y)
    cdef double *pc = <double *>cnp.PyArray_DATA(c)
    cdef int status
    with nogil:
        status = kt_cubic_spline_f64(n, px, py, nc, bc0, p0, bc1, p1, pc, ps, need)
    check_status(status)
    return c


def interp1(double x, cnp.ndarray xp, cnp.ndarray fp, left, right):
    """numpy.interp at one float64 query; ``xp``, ``fp``: 1-D C-contiguous
    float64 of one nonzero length (else None is returned: take the general
    path).  ``left`` / ``right``: float or None."""
    if (xp.ndim != 1 or fp.ndim != 1 or xp.descr.type_num != cnp.NPY_DOUBLE
            or fp.descr.type_num != cnp.NPY_DOUBLE or not xp.flags.c_contiguous
            or not fp.flags.c_contiguous or xp.shape[0] != fp.shape[0] or xp.shape[0] == 0
            or not xp.dtype.isnative or not fp.dtype.isnative):
        return None
    cdef Py_ssize_t n = xp.shape[0]
    cdef const double *pp = <const double *>cnp.PyArray_DATA(xp)
    cdef const double *pf = <const double *>cnp.PyArray_DATA(fp)
    cdef double lo = pf[0] if left is None else left
    cdef double hi = pf[n - 1] if right is None else right
    cdef double r
    check_status(kt_interp_f64(n, pp, pf, 8, 1, &x, 8, lo, hi, &r, 8, 0, 0, NULL, 0, 1))
    return r
