# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the Gaussian kernels of the C core (kernterp.kernels' engine)."""

cimport numpy as cnp
from libc.stdlib cimport free, malloc

from kernterp.capi cimport import_kernterp
from kernterp._core cimport check_status

import numpy as np

cnp.import_array()
import_kernterp()


cdef extern from "kernterp/kernels.h" nogil:
    size_t kt_gaussian_kernel_scratch(int ndim, const Py_ssize_t *shape, double theta,
                                      size_t itemsize, int *status)
    int kt_gaussian_kernel_f32(int ndim, const Py_ssize_t *shape, const double *sigma,
                               const double *center, const int *order, int method,
                               int normalize, double theta, void *scratch,
                               size_t scratch_size, float *out)
    int kt_gaussian_kernel_f64(int ndim, const Py_ssize_t *shape, const double *sigma,
                               const double *center, const int *order, int method,
                               int normalize, double theta, void *scratch,
                               size_t scratch_size, double *out)


cdef object _run(int ndim, Py_ssize_t *shp, double *sig, double *cen, int *order,
                 int method, int normalize, double theta, bint f32, tuple pyshape):
    cdef int status = 0
    cdef size_t need = kt_gaussian_kernel_scratch(ndim, shp, theta, 4 if f32 else 8,
                                                  &status)
    check_status(status)
    cdef double stackbuf[1024]
    cdef void *scratch = <void *>stackbuf
    cdef cnp.ndarray big
    if need > sizeof(stackbuf):
        big = np.empty(need, np.uint8)
        scratch = cnp.PyArray_DATA(big)
    cdef cnp.ndarray out = np.empty(pyshape, np.float32 if f32 else np.float64)
    cdef void *op = cnp.PyArray_DATA(out)
    with nogil:
        if f32:
            status = kt_gaussian_kernel_f32(ndim, shp, sig, cen, order, method, normalize,
                                            theta, scratch, need, <float *>op)
        else:
            status = kt_gaussian_kernel_f64(ndim, shp, sig, cen, order, method, normalize,
                                            theta, scratch, need, <double *>op)
    check_status(status)
    return out


def kernel1d(Py_ssize_t n, double sigma, double center, int order, int method,
             bint normalize, bint f32):
    """1-D kernel of ``n`` (odd) points centred on the middle one, shifted by ``center``."""
    cdef Py_ssize_t shp = n
    cdef double sig = sigma, cen = center
    cdef int o = order
    return _run(1, &shp, &sig, &cen, &o, method, normalize, 0.0, f32, (n,))


def kernel(tuple shape, tuple sigma, tuple center, tuple order, int method,
           bint normalize, double theta, bint f32):
    """N-d kernel; ``shape``, ``sigma``, ``center``, ``order`` one entry per axis."""
    cdef int ndim = len(shape), d
    if ndim < 1 or ndim > 64:
        raise ValueError(f"kernterp: 1 to 64 dimensions are supported, got {ndim}")
    cdef Py_ssize_t shp[64]
    cdef double sig[64]
    cdef double cen[64]
    cdef int ords[64]
    for d in range(ndim):
        shp[d] = shape[d]
        sig[d] = sigma[d]
        cen[d] = center[d]
        ords[d] = order[d]
    return _run(ndim, shp, sig, cen, ords, method, normalize, theta, f32, shape)
