# cython: language_level=3
# Declarations of the kernterp C core, and the ONE place where a C status
# becomes a Python exception.

cdef extern from "kernterp/kernterp.h" nogil:
    ctypedef enum kt_status:
        KT_OK
        KT_ERR_NULL
        KT_ERR_NDIM
        KT_ERR_SHAPE
        KT_ERR_AXIS
        KT_ERR_RADIUS
        KT_ERR_MODE
        KT_ERR_SCRATCH
        KT_ERR_VALUE
        KT_ERR_ORDER
        KT_ERR_UNSUPPORTED

    const char *kt_status_message(int status)

    int KT_MAX_NDIM

    ctypedef struct kt_pass:
        int axis
        int mode
        Py_ssize_t radius
        const double *weights
        double cval

    size_t kt_correlate_passes_scratch(int ndim, const Py_ssize_t *shape,
                                       const Py_ssize_t *in_strides,
                                       const Py_ssize_t *out_strides,
                                       int npasses, const kt_pass *passes,
                                       size_t itemsize, int nthreads, int *status)
    int kt_correlate_passes_f32(int ndim, const Py_ssize_t *shape,
                                const float *inp, const Py_ssize_t *in_strides,
                                float *out, const Py_ssize_t *out_strides,
                                int npasses, const kt_pass *passes,
                                void *scratch, size_t scratch_size, int nthreads)
    int kt_correlate_passes_f64(int ndim, const Py_ssize_t *shape,
                                const double *inp, const Py_ssize_t *in_strides,
                                double *out, const Py_ssize_t *out_strides,
                                int npasses, const kt_pass *passes,
                                void *scratch, size_t scratch_size, int nthreads)
    int kt_gaussian_kernel1d_f64(double sigma, int order, Py_ssize_t radius, double *out)

    size_t kt_gaussian_recursive_scratch(int ndim, const Py_ssize_t *shape,
                                         const Py_ssize_t *in_strides,
                                         const Py_ssize_t *out_strides, int axis,
                                         double sigma, int mode, size_t itemsize,
                                         int nthreads, int *status)
    int kt_gaussian_recursive_f32(int ndim, const Py_ssize_t *shape,
                                  const float *inp, const Py_ssize_t *in_strides,
                                  float *out, const Py_ssize_t *out_strides,
                                  int axis, double sigma, int mode, double cval,
                                  void *scratch, size_t scratch_size, int nthreads)
    int kt_gaussian_recursive_f64(int ndim, const Py_ssize_t *shape,
                                  const double *inp, const Py_ssize_t *in_strides,
                                  double *out, const Py_ssize_t *out_strides,
                                  int axis, double sigma, int mode, double cval,
                                  void *scratch, size_t scratch_size, int nthreads)


cdef inline int check_status(int status) except -1:
    """Raise the Python exception that a C status stands for."""
    if status == KT_OK:
        return 0
    msg = "kernterp core: " + kt_status_message(status).decode("ascii")
    if status == KT_ERR_NULL or status == KT_ERR_SCRATCH:
        raise SystemError(msg)
    if status == KT_ERR_UNSUPPORTED:
        raise NotImplementedError(msg)
    if status == KT_ERR_MODE:
        raise RuntimeError(msg)
    raise ValueError(msg)


# ---- Newton interpolation (include/kernterp/newton.h) ----
cdef extern from "kernterp/kernterp.h" nogil:
    int kt_newton_coeffs_f64(Py_ssize_t n, Py_ssize_t ncol, const double *x, double *a,
                             double *diag)
    int kt_newton_add_points_f64(Py_ssize_t n, Py_ssize_t k, Py_ssize_t ncol, const double *x,
                                 double *diag, const double *ynew, double *anew)
    int kt_leja_order(Py_ssize_t n, const double *x, Py_ssize_t *idx, double *scratch)
    int kt_krogh_coeffs_f64(Py_ssize_t n, Py_ssize_t ncol, const double *x, double *a,
                            double *scratch)
    size_t kt_newton_eval_scratch(Py_ssize_t der, int nthreads, size_t itemsize)
    int kt_newton_eval_f32(Py_ssize_t n, const double *z, Py_ssize_t ncol, const double *a,
                           Py_ssize_t a_sk, Py_ssize_t a_sc, Py_ssize_t m, const float *x,
                           Py_ssize_t x_s, Py_ssize_t der_first, Py_ssize_t der, float *out,
                           Py_ssize_t o_sd, Py_ssize_t o_si, Py_ssize_t o_sc, void *scratch,
                           size_t scratch_size, int nthreads)
    int kt_newton_eval_f64(Py_ssize_t n, const double *z, Py_ssize_t ncol, const double *a,
                           Py_ssize_t a_sk, Py_ssize_t a_sc, Py_ssize_t m, const double *x,
                           Py_ssize_t x_s, Py_ssize_t der_first, Py_ssize_t der, double *out,
                           Py_ssize_t o_sd, Py_ssize_t o_si, Py_ssize_t o_sc, void *scratch,
                           size_t scratch_size, int nthreads)
