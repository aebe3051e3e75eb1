# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the weighted block pooling (kernterp.kernels.gaussian_pool's engine)."""

cimport numpy as cnp
from libc.stdlib cimport free, malloc

from kernterp._core cimport array_pair_itemsize, begin, check_status, dtype_code, end
from kernterp.capi cimport (
    KT_POOL_INTEGRATE,
    KT_POOL_SAMPLE,
    KT_POOL_TRIM,
    import_kernterp,
    kt_gaussian_pool_weights_f64,
    kt_pool_execute_f32,
    kt_pool_execute_f64,
    kt_pool_plan,
    kt_pool_plan_init,
)

import numpy as np

cnp.import_array()
import_kernterp()

TRIM = KT_POOL_TRIM
INTEGRATE = KT_POOL_INTEGRATE
SAMPLE = KT_POOL_SAMPLE


def gaussian_pool_weights(Py_ssize_t size, double sigma, int method):
    """The ``size`` normalised Gaussian weights of one block (float64)."""
    cdef cnp.ndarray k = np.empty(max(size, 0), np.float64)
    check_status(kt_gaussian_pool_weights_f64(size, sigma, method, <double *>k.data))
    return k


def pool(cnp.ndarray inp, cnp.ndarray out, sizes, weights, int mode, double cval,
         int nthreads):
    """Weighted block pooling of ``inp`` into ``out``.

    ``sizes`` holds one block size per axis (1 for batch axes) and
    ``weights`` one float64 array of that length per axis (None where the
    size is 1).  ``inp`` and ``out`` share dtype (float32 or float64), with
    any strides; ``out`` has the pooled shape.  The GIL is released while it
    runs.
    """
    cdef int ndim = cnp.PyArray_NDIM(inp)
    cdef int status, d
    cdef kt_pool_plan plan
    cdef cnp.ndarray w
    cdef void *sp
    cdef Py_ssize_t *sz
    cdef const double **ws
    cdef size_t itemsize = array_pair_itemsize(inp, out)
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
    if cnp.PyArray_NDIM(out) != ndim or len(sizes) != ndim or len(weights) != ndim:
        raise ValueError("kernterp: one size and one weight array per axis are required")
    keep = []
    sz = <Py_ssize_t *>malloc(max(ndim, 1) * sizeof(Py_ssize_t))
    ws = <const double **>malloc(max(ndim, 1) * sizeof(double *))
    if sz == NULL or ws == NULL:
        free(sz)
        free(ws)
        raise MemoryError()
    try:
        for d in range(ndim):
            sz[d] = sizes[d]
            ws[d] = NULL
            if weights[d] is not None:
                w = np.ascontiguousarray(weights[d], dtype=np.float64)
                if w.ndim != 1 or w.shape[0] != sz[d]:
                    raise ValueError("kernterp: weights[d] must hold sizes[d] values")
                keep.append(w)
                ws[d] = <const double *>w.data
        check_status(kt_pool_plan_init(
            &plan, dtype_code(itemsize), ndim, <Py_ssize_t *>cnp.PyArray_DIMS(inp),
            <Py_ssize_t *>cnp.PyArray_STRIDES(inp), <Py_ssize_t *>cnp.PyArray_STRIDES(out),
            sz, ws, mode, cval, nthreads))
        sp = begin(&plan.info)
        with nogil:
            if itemsize == 4:
                status = kt_pool_execute_f32(&plan, <const float *>ip, <float *>op, sp,
                                             nthreads)
            else:
                status = kt_pool_execute_f64(&plan, <const double *>ip, <double *>op, sp,
                                             nthreads)
        end(status, sp)
    finally:
        free(sz)
        free(ws)
    return out
