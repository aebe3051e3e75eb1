# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the weighted block pooling (kernterp.kernels.gaussian_pool's engine)."""

cimport numpy as cnp
from libc.stdlib cimport free, malloc

from kernterp._core cimport check_status

import numpy as np

cnp.import_array()


cdef extern from "kernterp/kernterp.h" nogil:
    int KT_POOL_TRIM
    int KT_POOL_INTEGRATE
    int KT_POOL_SAMPLE
    int kt_gaussian_pool_weights_f64(Py_ssize_t size, double sigma, int method, double *out)
    size_t kt_pool_scratch(int ndim, const Py_ssize_t *shape, const Py_ssize_t *in_strides,
                           const Py_ssize_t *size, int mode, size_t itemsize, int nthreads,
                           int *status)
    int kt_pool_f32(int ndim, const Py_ssize_t *shape, const float *inp,
                    const Py_ssize_t *in_strides, float *out, const Py_ssize_t *out_strides,
                    const Py_ssize_t *size, const double *const *weights, int mode,
                    double cval, void *scratch, size_t scratch_size, int nthreads)
    int kt_pool_f64(int ndim, const Py_ssize_t *shape, const double *inp,
                    const Py_ssize_t *in_strides, double *out, const Py_ssize_t *out_strides,
                    const Py_ssize_t *size, const double *const *weights, int mode,
                    double cval, void *scratch, size_t scratch_size, int nthreads)

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
    cdef int status = 0, d
    cdef size_t need, itemsize
    cdef cnp.ndarray scratch, w
    cdef Py_ssize_t *shape = <Py_ssize_t *>cnp.PyArray_DIMS(inp)
    cdef Py_ssize_t *istr = <Py_ssize_t *>cnp.PyArray_STRIDES(inp)
    cdef Py_ssize_t *ostr = <Py_ssize_t *>cnp.PyArray_STRIDES(out)
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
    cdef Py_ssize_t *sz
    cdef const double **ws
    cdef int is_f32
    if inp.dtype != out.dtype or inp.dtype.char not in "fd":
        raise TypeError("kernterp: inp and out must share a float32 or float64 dtype")
    if not inp.dtype.isnative or not out.flags.writeable:
        raise ValueError("kernterp: native byte order and a writeable output are required")
    if cnp.PyArray_NDIM(out) != ndim or len(sizes) != ndim or len(weights) != ndim:
        raise ValueError("kernterp: one size and one weight array per axis are required")
    itemsize = 4 if inp.dtype.char == "f" else 8
    is_f32 = itemsize == 4
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
        need = kt_pool_scratch(ndim, shape, istr, sz, mode, itemsize, nthreads, &status)
        check_status(status)
        scratch = np.empty(need if need > 0 else 1, np.uint8)
        with nogil:
            if is_f32:
                status = kt_pool_f32(ndim, shape, <const float *>ip, istr, <float *>op, ostr,
                                     sz, ws, mode, cval, <void *>scratch.data, need, nthreads)
            else:
                status = kt_pool_f64(ndim, shape, <const double *>ip, istr, <double *>op,
                                     ostr, sz, ws, mode, cval, <void *>scratch.data, need,
                                     nthreads)
        check_status(status)
    finally:
        free(sz)
        free(ws)
    return out
