# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the RBF kernels and Gauss transforms (kernterp.kernels' engine).

gemm / syrk are scipy's BLAS: their addresses are read once, at import, from
the capsules of ``scipy.linalg.cython_blas.__pyx_capi__`` (as scikit-learn
does), and handed to the C core, which is not linked against any BLAS.
"""

cimport numpy as cnp
from cpython.pycapsule cimport PyCapsule_GetName, PyCapsule_GetPointer

from kernterp.capi cimport import_kernterp
from kernterp._core cimport check_status

import numpy as np
from scipy.linalg import cython_blas as _cython_blas

cnp.import_array()
import_kernterp()


cdef extern from "kernterp/kernterp.h" nogil:
    ctypedef void (*kt_sgemm_fn)(const char *, const char *, const int *, const int *,
                                 const int *, const float *, const float *, const int *,
                                 const float *, const int *, const float *, float *,
                                 const int *)
    ctypedef void (*kt_dgemm_fn)(const char *, const char *, const int *, const int *,
                                 const int *, const double *, const double *, const int *,
                                 const double *, const int *, const double *, double *,
                                 const int *)
    ctypedef void (*kt_ssyrk_fn)(const char *, const char *, const int *, const int *,
                                 const float *, const float *, const int *, const float *,
                                 float *, const int *)
    ctypedef void (*kt_dsyrk_fn)(const char *, const char *, const int *, const int *,
                                 const double *, const double *, const int *, const double *,
                                 double *, const int *)
    int KT_RBF_KERNEL
    int KT_RBF_SQDIST
    size_t kt_rbf_scratch(Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, int symmetric,
                          size_t itemsize)
    int kt_rbf_f32(int kind, Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, const float *x,
                   Py_ssize_t xs0, Py_ssize_t xs1, const float *y, Py_ssize_t ys0,
                   Py_ssize_t ys1, double gamma, double var, float *out, kt_sgemm_fn gemm,
                   kt_ssyrk_fn syrk, void *scratch, size_t scratch_size, int nthreads)
    int kt_rbf_f64(int kind, Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, const double *x,
                   Py_ssize_t xs0, Py_ssize_t xs1, const double *y, Py_ssize_t ys0,
                   Py_ssize_t ys1, double gamma, double var, double *out, kt_dgemm_fn gemm,
                   kt_dsyrk_fn syrk, void *scratch, size_t scratch_size, int nthreads)
    int kt_gauss_transform_uses_gemm(Py_ssize_t d, size_t itemsize)
    size_t kt_gauss_transform_scratch(Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, Py_ssize_t k,
                                      size_t itemsize, int nthreads)
    int kt_gauss_transform_f32(Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, Py_ssize_t k,
                               const float *x, Py_ssize_t xs0, Py_ssize_t xs1, const float *w,
                               const float *y, Py_ssize_t ys0, Py_ssize_t ys1, double gamma,
                               double var, float *out, kt_sgemm_fn gemm, void *scratch,
                               size_t scratch_size, int nthreads)
    int kt_gauss_transform_f64(Py_ssize_t n, Py_ssize_t m, Py_ssize_t d, Py_ssize_t k,
                               const double *x, Py_ssize_t xs0, Py_ssize_t xs1,
                               const double *w, const double *y, Py_ssize_t ys0,
                               Py_ssize_t ys1, double gamma, double var, double *out,
                               kt_dgemm_fn gemm, void *scratch, size_t scratch_size,
                               int nthreads)


cdef void *_blas(str name) except NULL:
    cap = _cython_blas.__pyx_capi__[name]
    return PyCapsule_GetPointer(cap, PyCapsule_GetName(cap))


cdef kt_sgemm_fn _sgemm = <kt_sgemm_fn>_blas("sgemm")
cdef kt_dgemm_fn _dgemm = <kt_dgemm_fn>_blas("dgemm")
cdef kt_ssyrk_fn _ssyrk = <kt_ssyrk_fn>_blas("ssyrk")
cdef kt_dsyrk_fn _dsyrk = <kt_dsyrk_fn>_blas("dsyrk")

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
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], m, ys0, ys1
    cdef void *py = _pair(x, y, &m, &ys0, &ys1)
    if (out.ndim != 2 or out.shape[0] != n or out.shape[1] != m or out.dtype != x.dtype
            or not out.flags.c_contiguous or not out.flags.writeable):
        raise ValueError("kernterp: out must be a writeable C-contiguous (n, m) array of x's dtype")
    cdef size_t need = kt_rbf_scratch(n, m, d, py == NULL, x.dtype.itemsize)
    cdef cnp.ndarray scratch = np.empty(max(need, 1), np.uint8)
    cdef void *ps = cnp.PyArray_DATA(scratch)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef Py_ssize_t xs0 = x.strides[0], xs1 = x.strides[1]
    cdef int status
    cdef bint f32 = x.dtype.char == "f"
    with nogil:
        if f32:
            status = kt_rbf_f32(kind, n, m, d, <const float *>px, xs0, xs1,
                                <const float *>py, ys0, ys1, gamma, var, <float *>po,
                                _sgemm, _ssyrk, ps, need, nthreads)
        else:
            status = kt_rbf_f64(kind, n, m, d, <const double *>px, xs0, xs1,
                                <const double *>py, ys0, ys1, gamma, var, <double *>po,
                                _dgemm, _dsyrk, ps, need, nthreads)
    check_status(status)
    return out


def gauss_transform_uses_gemm(Py_ssize_t d, size_t itemsize):
    """True if the C core multiplies kernel tiles with gemm for ``d`` features."""
    return bool(kt_gauss_transform_uses_gemm(d, itemsize))


def gauss_transform(cnp.ndarray x, cnp.ndarray w, y, double gamma, double var, int nthreads):
    """``K(y, x) @ w`` as a new C-contiguous (m, k) array of x's dtype.

    ``x`` (n, d) and ``y`` (m, d) or None (y = x), any strides; ``w`` (n, k)
    C-contiguous, of x's dtype.  The GIL is released while it runs.
    """
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], m, ys0, ys1
    cdef void *py = _pair(x, y, &m, &ys0, &ys1)
    if (w.ndim != 2 or w.shape[0] != n or w.dtype != x.dtype or not w.flags.c_contiguous):
        raise ValueError("kernterp: w must be a C-contiguous (n, k) array of x's dtype")
    cdef Py_ssize_t k = w.shape[1]
    cdef cnp.ndarray out = np.empty((m, k), x.dtype)
    cdef size_t need = kt_gauss_transform_scratch(n, m, d, k, x.dtype.itemsize, nthreads)
    cdef cnp.ndarray scratch = np.empty(max(need, 1), np.uint8)
    cdef void *ps = cnp.PyArray_DATA(scratch)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *pw = cnp.PyArray_DATA(w)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef Py_ssize_t xs0 = x.strides[0], xs1 = x.strides[1]
    cdef int status
    cdef bint f32 = x.dtype.char == "f"
    with nogil:
        if f32:
            status = kt_gauss_transform_f32(n, m, d, k, <const float *>px, xs0, xs1,
                                            <const float *>pw, <const float *>py, ys0, ys1,
                                            gamma, var, <float *>po, _sgemm, ps, need,
                                            nthreads)
        else:
            status = kt_gauss_transform_f64(n, m, d, k, <const double *>px, xs0, xs1,
                                            <const double *>pw, <const double *>py, ys0,
                                            ys1, gamma, var, <double *>po, _dgemm, ps, need,
                                            nthreads)
    check_status(status)
    return out
