# cython: language_level=3
# What every binding shares: the ONE place where a C status becomes a Python
# exception, the ONE scratch allocator, Ctrl-C, and the checks of an
# (input, output) array pair.  The bindings call the C core through the
# exported API (kernterp.capi, the capsule of kernterp._capi), as any other
# extension would; each calls import_kernterp() once, at import.

cimport numpy as cnp
from cpython.exc cimport PyErr_Occurred
from libc.stdlib cimport free, malloc

from kernterp.capi cimport *


cdef extern from "Python.h":
    # declared here without an exception clause: the poll must leave the
    # exception set for check_status (cpython.exc's declaration would make
    # Cython report it as unraisable inside the noexcept poll)
    int PyErr_CheckSignals()


cdef extern from *:
    """
    /* the main thread's identifier, found on first use (one per module) */
    static unsigned long kt__main_ident = 0;
    """
    unsigned long kt__main_ident
    unsigned long PyThread_get_thread_ident() nogil


cdef inline int check_status(int status) except -1:
    """Raise the Python exception that a C status stands for."""
    if status == KT_OK:
        return 0
    if status == KT_ERR_CANCELLED:
        if PyErr_Occurred():  # the poll left KeyboardInterrupt (or the handler's error)
            return -1
        raise KeyboardInterrupt()
    msg = "kernterp core: " + kt_status_message(status).decode("ascii")
    if status == KT_ERR_NOMEM:
        raise MemoryError(msg)
    if status == KT_ERR_NULL or status == KT_ERR_SCRATCH or status == KT_ERR_PLAN:
        raise SystemError(msg)
    if status == KT_ERR_UNSUPPORTED:
        raise NotImplementedError(msg)
    if status == KT_ERR_MODE:
        raise RuntimeError(msg)
    raise ValueError(msg)


cdef inline int poll_signals(void *ctx) noexcept nogil:
    """kt_poll_fn: run Python's signal handlers; nonzero (stop) when one raised.

    The exception they raised (KeyboardInterrupt for Ctrl-C) stays set and
    check_status re-raises it once the call has returned."""
    cdef int stop
    with gil:
        stop = PyErr_CheckSignals() != 0
    return stop


cdef inline void *begin(kt_plan_info *info) except? NULL:
    """Scratch for a plan (NULL when it needs none), and Ctrl-C on the main thread.

    Signals reach Python only on the main thread: elsewhere no poll is set,
    so that a call never waits for the GIL of other threads."""
    global kt__main_ident
    if kt__main_ident == 0:
        import threading
        kt__main_ident = threading.main_thread().ident
    if PyThread_get_thread_ident() == kt__main_ident:
        info.poll = poll_signals
    if info.scratch_size == 0:
        return NULL
    cdef void *p = malloc(info.scratch_size)
    if p == NULL:
        raise MemoryError(f"kernterp: cannot allocate {info.scratch_size} bytes of scratch")
    return p


cdef inline int end(int status, void *scratch) except -1:
    """Frees the scratch of `begin` and raises for a failed status."""
    free(scratch)
    return check_status(status)


cdef inline size_t array_pair_itemsize(cnp.ndarray inp, cnp.ndarray out) except 0:
    """Item size of an (input, output) pair the core accepts, or raise."""
    if inp.dtype != out.dtype or inp.dtype.char not in "fd":
        raise TypeError("kernterp: inp and out must share a float32 or float64 dtype")
    if not inp.dtype.isnative or not out.flags.writeable:
        raise ValueError("kernterp: native byte order and a writeable output are required")
    return 4 if inp.dtype.char == "f" else 8


cdef inline int dtype_code(size_t itemsize) noexcept:
    return KT_F32 if itemsize == 4 else KT_F64
