# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the separable N-d correlation (kernterp.ndimage's engine)."""

cimport numpy as cnp
from libc.stdlib cimport free, malloc

from kernterp._core cimport (
    check_status,
    kt_correlate_passes_f32,
    kt_correlate_passes_f64,
    kt_correlate_passes_scratch,
    kt_gaussian_kernel1d_f64,
    kt_gaussian_recursive_f32,
    kt_gaussian_recursive_f64,
    kt_gaussian_recursive_scratch,
    kt_pass,
)

import numpy as np

cnp.import_array()


cdef size_t _array_pair_itemsize(cnp.ndarray inp, cnp.ndarray out) except 0:
    """Item size of an (input, output) pair the core accepts, or raise."""
    if inp.dtype != out.dtype or inp.dtype.char not in "fd":
        raise TypeError("kernterp: inp and out must share a float32 or float64 dtype")
    if not inp.dtype.isnative or not out.flags.writeable:
        raise ValueError("kernterp: native byte order and a writeable output are required")
    if (<object>inp).shape != (<object>out).shape:
        raise ValueError("kernterp: inp and out must have the same shape")
    return 4 if inp.dtype.char == "f" else 8



def gaussian_kernel1d(double sigma, int order, Py_ssize_t radius):
    """The sampled Gaussian kernel of scipy.ndimage (convolution form)."""
    cdef cnp.ndarray[cnp.float64_t, ndim=1] k = np.empty(2 * radius + 1, np.float64)
    check_status(kt_gaussian_kernel1d_f64(sigma, order, radius, <double *>k.data))
    return k


def correlate(cnp.ndarray inp, cnp.ndarray out, list passes, int nthreads):
    """Separable correlation of ``inp`` into ``out``.

    ``passes`` holds ``(axis, weights, mode, cval)`` tuples with ``weights`` a
    C-contiguous float64 array of odd length (correlation weights).  ``inp``
    and ``out`` share dtype (float32 or float64) and shape, with any strides;
    ``out`` may be ``inp`` itself.  The GIL is released while it runs.
    """
    cdef int ndim = cnp.PyArray_NDIM(inp)
    cdef int npasses = len(passes)
    cdef int status = 0, i
    cdef size_t need, itemsize
    cdef kt_pass *ps
    cdef cnp.ndarray w, scratch
    # npy_intp is Py_ssize_t (ptrdiff_t) on every platform numpy supports
    cdef Py_ssize_t *shape = <Py_ssize_t *>cnp.PyArray_DIMS(inp)
    cdef Py_ssize_t *istr = <Py_ssize_t *>cnp.PyArray_STRIDES(inp)
    cdef Py_ssize_t *ostr = <Py_ssize_t *>cnp.PyArray_STRIDES(out)
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
    cdef int is_f32
    itemsize = _array_pair_itemsize(inp, out)
    is_f32 = itemsize == 4
    keep = []
    ps = <kt_pass *>malloc(max(npasses, 1) * sizeof(kt_pass))
    if ps == NULL:
        raise MemoryError()
    try:
        for i in range(npasses):
            axis, weights, mode, cval = passes[i]
            w = np.ascontiguousarray(weights, dtype=np.float64)
            if w.ndim != 1 or w.shape[0] % 2 != 1:
                raise ValueError("kernterp: weights must be 1-D with an odd length")
            keep.append(w)
            ps[i].axis = axis
            ps[i].mode = mode
            ps[i].radius = w.shape[0] // 2
            ps[i].weights = <const double *>w.data
            ps[i].cval = cval
        need = kt_correlate_passes_scratch(ndim, shape, istr, ostr, npasses, ps,
                                           itemsize, nthreads, &status)
        check_status(status)
        scratch = np.empty(need, np.uint8)
        with nogil:
            if is_f32:
                status = kt_correlate_passes_f32(
                    ndim, shape, <const float *>ip, istr, <float *>op, ostr,
                    npasses, ps, <void *>scratch.data, need, nthreads)
            else:
                status = kt_correlate_passes_f64(
                    ndim, shape, <const double *>ip, istr, <double *>op, ostr,
                    npasses, ps, <void *>scratch.data, need, nthreads)
        check_status(status)
    finally:
        free(ps)
    return out


def recursive_gaussian(cnp.ndarray inp, cnp.ndarray out, int axis, double sigma, int mode,
                       double cval, int nthreads):
    """Recursive (Young-van Vliet) Gaussian of ``inp`` along ``axis`` into ``out``.

    ``inp`` and ``out`` share dtype (float32 or float64) and shape, with any
    strides; ``out`` may be ``inp`` itself.  ``sigma >= 0.5``.  The GIL is
    released while it runs.
    """
    cdef int ndim = cnp.PyArray_NDIM(inp)
    cdef int status = 0
    cdef size_t need, itemsize
    cdef cnp.ndarray scratch
    cdef Py_ssize_t *shape = <Py_ssize_t *>cnp.PyArray_DIMS(inp)
    cdef Py_ssize_t *istr = <Py_ssize_t *>cnp.PyArray_STRIDES(inp)
    cdef Py_ssize_t *ostr = <Py_ssize_t *>cnp.PyArray_STRIDES(out)
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
    cdef void *sp
    cdef int is_f32
    itemsize = _array_pair_itemsize(inp, out)
    is_f32 = itemsize == 4
    need = kt_gaussian_recursive_scratch(ndim, shape, istr, ostr, axis, sigma, mode,
                                         itemsize, nthreads, &status)
    check_status(status)
    scratch = np.empty(need if need > 0 else 1, np.uint8)
    sp = <void *>scratch.data
    with nogil:
        if is_f32:
            status = kt_gaussian_recursive_f32(
                ndim, shape, <const float *>ip, istr, <float *>op, ostr,
                axis, sigma, mode, cval, sp, need, nthreads)
        else:
            status = kt_gaussian_recursive_f64(
                ndim, shape, <const double *>ip, istr, <double *>op, ostr,
                axis, sigma, mode, cval, sp, need, nthreads)
    check_status(status)
    return out
