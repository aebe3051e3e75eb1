# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the RBF kernels and Gauss transforms (kernterp.kernels' engine).

gemm / syrk are scipy's BLAS: their addresses are read once, on the first
call (importing scipy.linalg takes ~100 ms, which ``import kernterp`` does not
pay), from the capsules of ``scipy.linalg.cython_blas.__pyx_capi__`` (as
scikit-learn does), and handed to the C core, which is not linked against any
BLAS.
"""

cimport numpy as cnp
from cpython.pycapsule cimport PyCapsule_GetName, PyCapsule_GetPointer

from kernterp._core cimport begin, check_status, dtype_code, end
from kernterp.capi cimport (
    KT_RBF_KERNEL,
    KT_RBF_SQDIST,
    import_kernterp,
    kt_blas,
    kt_dgemm_fn,
    kt_dsyrk_fn,
    kt_gauss_transform_execute_f32,
    kt_gauss_transform_execute_f64,
    kt_gauss_transform_plan,
    kt_gauss_transform_plan_init,
    kt_rbf_execute_f32,
    kt_rbf_execute_f64,
    kt_rbf_plan,
    kt_rbf_plan_init,
    kt_sgemm_fn,
    kt_ssyrk_fn,
)

import threading

import numpy as np

cnp.import_array()
import_kernterp()


cdef void *_blas_fn(object capi, str name) except NULL:
    cap = capi[name]
    return PyCapsule_GetPointer(cap, PyCapsule_GetName(cap))


cdef kt_blas _blas
cdef bint _blas_ready = False
# taken by every call: the flag and the pointers are then published to every
# thread, with or without a GIL (free-threaded CPython); the cost is one
# uncontended lock per call
_blas_lock = threading.Lock()


cdef int _load_blas() except -1:
    """Fill _blas from scipy's cython_blas, once (scipy.linalg is imported here)."""
    global _blas_ready
    with _blas_lock:
        if _blas_ready:
            return 0
        from scipy.linalg import cython_blas

        capi = cython_blas.__pyx_capi__
        _blas.sgemm = <kt_sgemm_fn>_blas_fn(capi, "sgemm")
        _blas.dgemm = <kt_dgemm_fn>_blas_fn(capi, "dgemm")
        _blas.ssyrk = <kt_ssyrk_fn>_blas_fn(capi, "ssyrk")
        _blas.dsyrk = <kt_dsyrk_fn>_blas_fn(capi, "dsyrk")
        _blas_ready = True
    return 0

KERNEL = KT_RBF_KERNEL
SQDIST = KT_RBF_SQDIST


cdef _check_2d(cnp.ndarray a, str name):
    if a.ndim != 2 or a.dtype.char not in "fd" or not a.dtype.isnative:
        raise ValueError(f"kernterp: {name} must be a 2-D native float32 or float64 array")


cdef void *_pair(cnp.ndarray x, y, Py_ssize_t *m, Py_ssize_t *ys0,
                 Py_ssize_t *ys1) except? NULL:
    """Checks x (and y); y's row count, byte strides and data (NULL: y = x)."""
    _check_2d(x, "x")
    m[0] = x.shape[0]
    ys0[0] = 0
    ys1[0] = 0
    if y is None:
        return NULL
    cdef cnp.ndarray ya = y
    _check_2d(ya, "y")
    if ya.dtype != x.dtype or ya.shape[1] != x.shape[1]:
        raise ValueError("kernterp: x and y must share dtype and feature count")
    m[0] = ya.shape[0]
    ys0[0] = ya.strides[0]
    ys1[0] = ya.strides[1]
    return cnp.PyArray_DATA(ya)


def rbf(int kind, cnp.ndarray x, y, double gamma, double var, cnp.ndarray out, int nthreads):
    """Kernel values (kind KERNEL) or squared distances (SQDIST) into ``out``.

    ``x`` (n, d), ``y`` (m, d) or None (y = x), any strides, one float dtype;
    ``out`` C-contiguous (n, m) of that dtype.  The GIL is released while it
    runs.
    """
    _load_blas()
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], m, ys0, ys1
    cdef void *py = _pair(x, y, &m, &ys0, &ys1)
    if (out.ndim != 2 or out.shape[0] != n or out.shape[1] != m or out.dtype != x.dtype
            or not out.flags.c_contiguous or not out.flags.writeable):
        raise ValueError("kernterp: out must be a writeable C-contiguous (n, m) array of x's dtype")
    cdef kt_rbf_plan plan
    cdef int status
    cdef bint f32 = x.dtype.char == "f"
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    check_status(kt_rbf_plan_init(&plan, dtype_code(x.dtype.itemsize), kind, n, m, d,
                                  x.strides[0], x.strides[1], py != NULL, ys0, ys1, gamma,
                                  var, &_blas, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_rbf_execute_f32(&plan, <const float *>px, <const float *>py,
                                        <float *>po, sp, nthreads)
        else:
            status = kt_rbf_execute_f64(&plan, <const double *>px, <const double *>py,
                                        <double *>po, sp, nthreads)
    end(status, sp)
    return out


def gauss_transform(cnp.ndarray x, cnp.ndarray w, y, double gamma, double var, int nthreads):
    """``K(y, x) @ w`` as a new C-contiguous (m, k) array of x's dtype.

    ``x`` (n, d) and ``y`` (m, d) or None (y = x), any strides; ``w`` (n, k)
    C-contiguous, of x's dtype.  The GIL is released while it runs.
    """
    _load_blas()
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], m, ys0, ys1
    cdef void *py = _pair(x, y, &m, &ys0, &ys1)
    if (w.ndim != 2 or w.shape[0] != n or w.dtype != x.dtype or not w.flags.c_contiguous):
        raise ValueError("kernterp: w must be a C-contiguous (n, k) array of x's dtype")
    cdef Py_ssize_t k = w.shape[1]
    cdef cnp.ndarray out = np.empty((m, k), x.dtype)
    cdef kt_gauss_transform_plan plan
    cdef int status
    cdef bint f32 = x.dtype.char == "f"
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pw = cnp.PyArray_DATA(w)
    cdef void *po = cnp.PyArray_DATA(out)
    check_status(kt_gauss_transform_plan_init(&plan, dtype_code(x.dtype.itemsize), n, m, d, k,
                                              x.strides[0], x.strides[1], py != NULL, ys0,
                                              ys1, gamma, var, &_blas, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_gauss_transform_execute_f32(&plan, <const float *>px,
                                                    <const float *>pw, <const float *>py,
                                                    <float *>po, sp, nthreads)
        else:
            status = kt_gauss_transform_execute_f64(&plan, <const double *>px,
                                                    <const double *>pw, <const double *>py,
                                                    <double *>po, sp, nthreads)
    end(status, sp)
    return out
