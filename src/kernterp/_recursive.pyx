# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the recursive (Young-van Vliet) Gaussian (method='recursive')."""

cimport numpy as cnp

from kernterp._core cimport array_pair_itemsize, begin, check_status, dtype_code, end
from kernterp.capi cimport (
    import_kernterp,
    kt_recursive_execute_f32,
    kt_recursive_execute_f64,
    kt_recursive_plan,
    kt_recursive_plan_init,
)

cnp.import_array()
import_kernterp()


def recursive_gaussian(cnp.ndarray inp, cnp.ndarray out, int axis, double sigma, int mode,
                       double cval, int nthreads):
    """Recursive Gaussian of ``inp`` along ``axis`` into ``out``.

    ``inp`` and ``out`` share dtype (float32 or float64) and shape, with any
    strides; ``out`` may be ``inp`` itself.  ``sigma >= 0.5``.  The GIL is
    released while it runs.
    """
    cdef kt_recursive_plan plan
    cdef int status
    cdef size_t itemsize = array_pair_itemsize(inp, out)
    if (<object>inp).shape != (<object>out).shape:
        raise ValueError("kernterp: inp and out must have the same shape")
    cdef void *ip = cnp.PyArray_DATA(inp)
    cdef void *op = cnp.PyArray_DATA(out)
    check_status(kt_recursive_plan_init(
        &plan, dtype_code(itemsize), cnp.PyArray_NDIM(inp),
        <Py_ssize_t *>cnp.PyArray_DIMS(inp), <Py_ssize_t *>cnp.PyArray_STRIDES(inp),
        <Py_ssize_t *>cnp.PyArray_STRIDES(out), axis, sigma, mode, cval, nthreads))
    cdef void *sp = begin(&plan.info)
    with nogil:
        if itemsize == 4:
            status = kt_recursive_execute_f32(&plan, <const float *>ip, <float *>op, sp,
                                              nthreads)
        else:
            status = kt_recursive_execute_f64(&plan, <const double *>ip, <double *>op, sp,
                                              nthreads)
    end(status, sp)
    return out
