# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the Gaussian kernels of the C core (kernterp.kernels' engine)."""

cimport numpy as cnp

from kernterp._core cimport begin, check_status, end
from kernterp.capi cimport (
    KT_F32,
    KT_F64,
    import_kernterp,
    kt_gaussian_kernel_execute_f32,
    kt_gaussian_kernel_execute_f64,
    kt_gaussian_kernel_plan,
    kt_gaussian_kernel_plan_init,
)

import numpy as np

cnp.import_array()
import_kernterp()


cdef object _run(int ndim, Py_ssize_t *shp, double *sig, double *cen, int *order,
                 int method, int normalize, double theta, bint f32, tuple pyshape):
    cdef kt_gaussian_kernel_plan plan
    cdef int status
    cdef void *sp
    # the Python functions have no `workers`: one thread, as always
    check_status(kt_gaussian_kernel_plan_init(&plan, KT_F32 if f32 else KT_F64, ndim, shp,
                                              sig, cen, order, method, normalize, theta, 1))
    cdef cnp.ndarray out = np.empty(pyshape, np.float32 if f32 else np.float64)
    cdef void *op = cnp.PyArray_DATA(out)
    sp = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_gaussian_kernel_execute_f32(&plan, <float *>op, sp, 1)
        else:
            status = kt_gaussian_kernel_execute_f64(&plan, <double *>op, sp, 1)
    end(status, sp)
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
