# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the lookup engine (kernterp.interpolate's interp, CubicSpline, interp1d).

Arrays come in validated by _lookup_api (dtype, contiguity where required);
these functions only re-check what would make the C call unsafe.  Each
makes its plan on the stack, takes its scratch from _core.begin and runs
the execute without the GIL.

Threads: ``nthreads`` is an upper bound, or 0 for all available cores.  The
plan decides (kt__thread_count) whether the problem is worth more than one;
with 0 the cores are counted only when it is (a plan for the most threads
first, then, if it wants more than one, a plan capped by the cores): that
count (``available_cpus``) costs about a microsecond, as much as a small
call itself.
"""

cimport numpy as cnp
from libc.stdint cimport int64_t

from kernterp._core cimport begin, check_status, dtype_code, end
from kernterp.capi cimport (
    KT_F64,
    import_kernterp,
    kt_cubic_spline_execute_f64,
    kt_cubic_spline_plan,
    kt_cubic_spline_plan_init,
    kt_interp_execute_f32,
    kt_interp_execute_f64,
    kt_interp_f64,
    kt_interp_plan,
    kt_interp_plan_init,
    kt_lookup_execute_f32,
    kt_lookup_execute_f64,
    kt_lookup_is_uniform_f32,
    kt_lookup_is_uniform_f64,
    kt_lookup_plan,
    kt_lookup_plan_init,
    kt_plan_info,
    kt_ppoly_execute_f32,
    kt_ppoly_execute_f64,
    kt_ppoly_plan,
    kt_ppoly_plan_init,
)

import numpy as np

from kernterp._support import available_cpus

cnp.import_array()
import_kernterp()

# more threads than any plan takes (the policy caps them): "as many as it wants"
cdef int _ANY = 1 << 20


cdef inline int _ask(int nthreads) noexcept:
    """The thread count of a first plan: ``nthreads``, or for 0 the most."""
    return _ANY if nthreads <= 0 else nthreads


cdef inline bint _recount(int nthreads, kt_plan_info *info) noexcept:
    """True when a plan made for all cores (nthreads 0) wants more than one
    thread: then it is made again, capped by the cores available."""
    return nthreads <= 0 and info.nthreads > 1


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
    """int64 interval indices (searchsorted(xp, x, 'right') - 1) of 1-D ``x``.

    ``nthreads``: at most that many threads (0: all cores)."""
    cdef int kind = _kind(x)
    _knots(xp, kind)
    if x.ndim != 1:
        raise ValueError("kernterp: 1-D queries required")
    cdef Py_ssize_t n = xp.shape[0], m = x.shape[0]
    cdef cnp.ndarray idx = np.empty(m, np.int64)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pp = cnp.PyArray_DATA(xp)
    cdef int64_t *pi = <int64_t *>cnp.PyArray_DATA(idx)
    cdef kt_lookup_plan plan
    cdef int status
    check_status(kt_lookup_plan_init(&plan, dtype_code(x.itemsize), n, m, x.strides[0], path,
                                     _ask(nthreads)))
    if _recount(nthreads, &plan.info):
        nthreads = available_cpus()
        check_status(kt_lookup_plan_init(&plan, dtype_code(x.itemsize), n, m, x.strides[0],
                                         path, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if kind == 0:
            status = kt_lookup_execute_f32(&plan, <const float *>pp, <const float *>px, pi, sp,
                                           nthreads)
        else:
            status = kt_lookup_execute_f64(&plan, <const double *>pp, <const double *>px, pi,
                                           sp, nthreads)
    end(status, sp)
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
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pp = cnp.PyArray_DATA(xp)
    cdef void *pf = cnp.PyArray_DATA(fp)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef kt_interp_plan plan
    cdef int status
    check_status(kt_interp_plan_init(&plan, dtype_code(x.itemsize), n, fp.strides[0], m,
                                     x.strides[0], out.strides[0], left, right, recip, path,
                                     _ask(nthreads)))
    if _recount(nthreads, &plan.info):
        nthreads = available_cpus()
        check_status(kt_interp_plan_init(&plan, dtype_code(x.itemsize), n, fp.strides[0], m,
                                         x.strides[0], out.strides[0], left, right, recip,
                                         path, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if kind == 0:
            status = kt_interp_execute_f32(&plan, <const float *>pp, <const float *>pf,
                                           <const float *>px, <float *>po, sp, nthreads)
        else:
            status = kt_interp_execute_f64(&plan, <const double *>pp, <const double *>pf,
                                           <const double *>px, <double *>po, sp, nthreads)
    end(status, sp)
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
    cdef Py_ssize_t m = x.shape[0]
    if out is None:
        out = np.empty((m, nc), x.dtype)
    elif (out.ndim != 2 or out.shape[0] != m or out.shape[1] != nc or _kind(out) != kind
            or not out.flags.c_contiguous or not out.flags.writeable):
        raise ValueError("kernterp: bad output array")
    cdef void *pc = cnp.PyArray_DATA(c)
    cdef void *pb = cnp.PyArray_DATA(xb)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef kt_ppoly_plan plan
    cdef int status
    check_status(kt_ppoly_plan_init(&plan, dtype_code(x.itemsize), k, n, nc, m, x.strides[0],
                                    extrapolate, path, _ask(nthreads)))
    if _recount(nthreads, &plan.info):
        nthreads = available_cpus()
        check_status(kt_ppoly_plan_init(&plan, dtype_code(x.itemsize), k, n, nc, m,
                                        x.strides[0], extrapolate, path, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if kind == 0:
            status = kt_ppoly_execute_f32(&plan, <const float *>pb, <const float *>pc,
                                          <const float *>px, <float *>po, sp, nthreads)
        else:
            status = kt_ppoly_execute_f64(&plan, <const double *>pb, <const double *>pc,
                                          <const double *>px, <double *>po, sp, nthreads)
    end(status, sp)
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
    cdef kt_cubic_spline_plan plan
    cdef int status
    check_status(kt_cubic_spline_plan_init(&plan, KT_F64, n, nc, bc0, bc1, 1))
    cdef cnp.ndarray c = np.empty((4, n - 1, nc), np.float64)
    cdef const double *px = <const double *>cnp.PyArray_DATA(x)
    cdef const double *py = <const double *>cnp.PyArray_DATA(y)
    cdef double *pc = <double *>cnp.PyArray_DATA(c)
    cdef void *sp = begin(&plan.info)
    with nogil:
        status = kt_cubic_spline_execute_f64(&plan, px, py, p0, p1, pc, sp, 1)
    end(status, sp)
    return c


def interp1(double x, cnp.ndarray xp, cnp.ndarray fp, left, right):
    """numpy.interp at one float64 query; ``xp``, ``fp``: 1-D C-contiguous
    float64 of one nonzero length (else None is returned: take the general
    path).  ``left`` / ``right``: float or None.

    The simple C call, with the GIL held: one query needs no scratch and no
    thread, and keeping the GIL is the cheaper for it."""
    if (xp.ndim != 1 or fp.ndim != 1 or xp.descr.type_num != cnp.NPY_DOUBLE
            or fp.descr.type_num != cnp.NPY_DOUBLE or not xp.flags.c_contiguous
            or not fp.flags.c_contiguous or xp.shape[0] != fp.shape[0] or xp.shape[0] == 0
            or not cnp.PyArray_ISNOTSWAPPED(xp) or not cnp.PyArray_ISNOTSWAPPED(fp)):
        return None
    cdef Py_ssize_t n = xp.shape[0]
    cdef const double *pp = <const double *>cnp.PyArray_DATA(xp)
    cdef const double *pf = <const double *>cnp.PyArray_DATA(fp)
    cdef double lo = pf[0] if left is None else left
    cdef double hi = pf[n - 1] if right is None else right
    cdef double r
    cdef Py_ssize_t i
    # a NaN knot: numpy's own search decides (the general path).  0 * knot
    # is NaN for a NaN or infinite knot (infinite ones take the general path
    # too, which is right, if slower); four independent sums keep the scan
    # at about a cycle per knot
    cdef double z0 = 0.0, z1 = 0.0, z2 = 0.0, z3 = 0.0
    for i in range(0, n - 3, 4):
        z0 += 0.0 * pp[i]
        z1 += 0.0 * pp[i + 1]
        z2 += 0.0 * pp[i + 2]
        z3 += 0.0 * pp[i + 3]
    for i in range(n - n % 4, n):
        z0 += 0.0 * pp[i]
    if (z0 + z1 + z2 + z3) != 0.0:
        return None
    check_status(kt_interp_f64(1, &x, n, pp, pf, lo, hi, &r))
    return r
