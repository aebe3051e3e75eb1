# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bindings of the Gaussian mixture densities (kernterp.kernels' engine)."""

cimport numpy as cnp

from kernterp._core cimport begin, check_status, dtype_code, end
from kernterp.capi cimport (
    import_kernterp,
    kt_mixture_grid_execute_f32,
    kt_mixture_grid_execute_f64,
    kt_mixture_grid_plan,
    kt_mixture_grid_plan_init,
    kt_mixture_pdf_execute_f32,
    kt_mixture_pdf_execute_f64,
    kt_mixture_pdf_plan,
    kt_mixture_pdf_plan_init,
)

import numpy as np

cnp.import_array()
import_kernterp()


cdef void *_f64_data(cnp.ndarray a, Py_ssize_t size) except NULL:
    if a.dtype != np.float64 or not a.flags.c_contiguous or a.size != size:
        raise ValueError("kernterp: a C-contiguous float64 parameter of the right size is required")
    return cnp.PyArray_DATA(a) if size > 0 else <void *>1


def mixture_pdf(cnp.ndarray x, cnp.ndarray means, cnp.ndarray U, cnp.ndarray c,
                cnp.ndarray w, int nthreads):
    """Mixture density at the rows of the 2-D array ``x`` (n, d), float32 or float64.

    ``means`` (K, d), ``U`` (K, d, d), ``c`` (K,), ``w`` (K,): C-contiguous
    float64.  Returns a new 1-D array of x's dtype.  The GIL is released
    while it runs.
    """
    if x.ndim != 2 or x.dtype.char not in "fd" or not x.dtype.isnative:
        raise ValueError("kernterp: x must be a 2-D native float32 or float64 array")
    cdef Py_ssize_t n = x.shape[0], d = x.shape[1], K = c.shape[0]
    cdef Py_ssize_t sp = x.strides[0], sc = x.strides[1]
    cdef const double *pm = <const double *>_f64_data(means, K * d)
    cdef const double *pu = <const double *>_f64_data(U, K * d * d)
    cdef const double *pc = <const double *>_f64_data(c, K)
    cdef const double *pw = <const double *>_f64_data(w, K)
    cdef cnp.ndarray out = np.empty(n, x.dtype)
    cdef void *px = cnp.PyArray_DATA(x)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef Py_ssize_t so = out.strides[0]
    cdef int status
    cdef bint f32 = x.dtype.char == "f"
    cdef kt_mixture_pdf_plan plan
    check_status(kt_mixture_pdf_plan_init(&plan, dtype_code(x.dtype.itemsize), n, d, sp, sc, K,
                                          so, nthreads))
    cdef void *scr = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_mixture_pdf_execute_f32(&plan, <const float *>px, pm, pu, pc, pw,
                                                <float *>po, scr, nthreads)
        else:
            status = kt_mixture_pdf_execute_f64(&plan, <const double *>px, pm, pu, pc, pw,
                                                <double *>po, scr, nthreads)
    end(status, scr)
    return out


def mixture_grid(list coords, cnp.ndarray means, cnp.ndarray U, cnp.ndarray c,
                 cnp.ndarray w, cnp.ndarray diag, int nthreads):
    """Mixture density on the grid of the 1-D C-contiguous arrays ``coords``.

    All coordinate arrays share one dtype (float32 or float64), which is the
    output's.  ``diag`` (K,) int32 marks the components whose ``U`` is
    diagonal.  Returns a new C-contiguous array of shape
    ``tuple(len(c) for c in coords)``.  The GIL is released while it runs.
    """
    cdef Py_ssize_t d = len(coords), K = c.shape[0], a
    if d < 1 or d > 64:
        raise ValueError("kernterp: 1 to 64 coordinate arrays are required")
    dt = coords[0].dtype
    if dt.char not in "fd" or not dt.isnative:
        raise ValueError("kernterp: coordinates must be native float32 or float64")
    cdef Py_ssize_t shape[64]
    cdef void *ptrs[64]
    cdef cnp.ndarray ca
    for a in range(d):
        ca = coords[a]
        if ca.ndim != 1 or ca.dtype != dt or not ca.flags.c_contiguous:
            raise ValueError("kernterp: coordinates must be 1-D, contiguous, of one dtype")
        shape[a] = ca.shape[0]
        ptrs[a] = cnp.PyArray_DATA(ca)
    cdef const double *pm = <const double *>_f64_data(means, K * d)
    cdef const double *pu = <const double *>_f64_data(U, K * d * d)
    cdef const double *pc = <const double *>_f64_data(c, K)
    cdef const double *pw = <const double *>_f64_data(w, K)
    if diag.dtype != np.int32 or not diag.flags.c_contiguous or diag.size != K:
        raise ValueError("kernterp: diag must be a contiguous int32 array of K flags")
    cdef const int *pd = <const int *>cnp.PyArray_DATA(diag)
    cdef cnp.ndarray out = np.empty(tuple(shape[a] for a in range(d)), dt)
    cdef void *po = cnp.PyArray_DATA(out)
    cdef int status
    cdef bint f32 = dt.char == "f"
    cdef kt_mixture_grid_plan plan
    check_status(kt_mixture_grid_plan_init(&plan, dtype_code(dt.itemsize), d, shape, K,
                                           nthreads))
    cdef void *scr = begin(&plan.info)
    with nogil:
        if f32:
            status = kt_mixture_grid_execute_f32(&plan, <const float *const *>ptrs, pm, pu, pc,
                                                 pw, pd, <float *>po, scr, nthreads)
        else:
            status = kt_mixture_grid_execute_f64(&plan, <const double *const *>ptrs, pm, pu,
                                                 pc, pw, pd, <double *>po, scr, nthreads)
    end(status, scr)
    return out
