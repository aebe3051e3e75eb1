# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the separable N-d correlation (kernterp.ndimage's engine)."""

cimport numpy as cnp
from libc.stdlib cimport free, malloc

from kernterp._core cimport array_pair_itemsize, begin, check_status, dtype_code, end
from kernterp.capi cimport (
    import_kernterp,
    kt_correlate_execute_f32,
    kt_correlate_execute_f64,
    kt_correlate_plan,
    kt_correlate_plan_init,
    kt_gaussian_kernel1d_f64,
    kt_pass,
)

import numpy as np

cnp.import_array()
import_kernterp()


def gaussian_kernel1d(double sigma, int order, Py_ssize_t radius):
    """scipy.ndimage's sampled Gaussian correlation weights (``kt_gaussian_kernel1d_f64``)."""
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
    cdef int npasses = len(passes), status, i
    cdef kt_pass *ps
    cdef kt_correlate_plan plan
    cdef cnp.ndarray w
    cdef void *sp
    cdef size_t itemsize = array_pair_itemsize(inp, out)
    if (<object>inp).shape != (<object>out).shape:
        raise ValueError("kernterp: inp and out must have the same shape")
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
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
        # npy_intp is Py_ssize_t (ptrdiff_t) on every platform numpy supports
        check_status(kt_correlate_plan_init(
            &plan, dtype_code(itemsize), cnp.PyArray_NDIM(inp),
            <Py_ssize_t *>cnp.PyArray_DIMS(inp), <Py_ssize_t *>cnp.PyArray_STRIDES(inp),
            <Py_ssize_t *>cnp.PyArray_STRIDES(out), npasses, ps, nthreads))
        sp = begin(&plan.info)
        with nogil:
            if itemsize == 4:
                status = kt_correlate_execute_f32(&plan, <const float *>ip, <float *>op, sp,
                                                  nthreads)
            else:
                status = kt_correlate_execute_f64(&plan, <const double *>ip, <double *>op, sp,
                                                  nthreads)
        end(status, sp)
    finally:
        free(ps)
    return out
