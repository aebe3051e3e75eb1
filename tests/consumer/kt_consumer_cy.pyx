# cython: language_level=3, boundscheck=False, wraparound=False
"""A tiny Cython extension built against an installed kernterp: its only
include path is kernterp.get_include(), where kernterp/capi.pxd lives."""

from libc.stdlib cimport free, malloc

from kernterp.capi cimport (
    KT_F64,
    KT_OK,
    import_kernterp,
    kt_gaussian_filter_f64,
    kt_pool_execute_f64,
    kt_pool_plan,
    kt_pool_plan_init,
    kt_status_message,
)

import_kernterp()


cdef int _check(int status) except -1:
    if status != KT_OK:
        raise ValueError(kt_status_message(status).decode())
    return 0


def gaussian_filter(const double[:, ::1] inp, double[:, ::1] out, double s0, double s1,
                    int mode):
    """kt_gaussian_filter_f64 on a C-contiguous 2-D array."""
    cdef Py_ssize_t shape[2]
    cdef Py_ssize_t strides[2]
    cdef double sigma[2]
    cdef int order[2]
    cdef int modes[2]
    cdef int status
    shape[0], shape[1] = inp.shape[0], inp.shape[1]
    strides[0], strides[1] = inp.shape[1] * 8, 8
    sigma[0], sigma[1] = s0, s1
    order[0] = order[1] = 0
    modes[0] = modes[1] = mode
    with nogil:
        status = kt_gaussian_filter_f64(2, shape, &inp[0, 0], strides, &out[0, 0], strides,
                                        sigma, order, modes, 0.0, 4.0, 1)
    _check(status)


def pool(const double[:, ::1] inp, double[:, ::1] out, Py_ssize_t size,
         const double[::1] weights):
    """The guru interface: a size x size weighted pooling, trimmed."""
    cdef kt_pool_plan plan
    cdef Py_ssize_t shape[2]
    cdef Py_ssize_t istr[2]
    cdef Py_ssize_t ostr[2]
    cdef Py_ssize_t sizes[2]
    cdef const double *w[2]
    cdef void *scratch = NULL
    cdef int status
    shape[0], shape[1] = inp.shape[0], inp.shape[1]
    istr[0], istr[1] = inp.shape[1] * 8, 8
    ostr[0], ostr[1] = out.shape[1] * 8, 8
    sizes[0] = sizes[1] = size
    w[0] = w[1] = &weights[0]
    _check(kt_pool_plan_init(&plan, KT_F64, 2, shape, istr, ostr, sizes, w, -1, 0.0, 1))
    if plan.info.scratch_size:
        scratch = malloc(plan.info.scratch_size)
        if scratch == NULL:
            raise MemoryError()
    with nogil:
        status = kt_pool_execute_f64(&plan, &inp[0, 0], &out[0, 0], scratch, 1)
    free(scratch)
    _check(status)
