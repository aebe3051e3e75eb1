/* The guru interface from a second file of the extension: the table pointer
 * is the one kt_consumer.c filled (KERNTERP_UNIQUE_SYMBOL), this file does
 * not import it (KERNTERP_NO_IMPORT). */
#define PY_SSIZE_T_CLEAN
#define KERNTERP_UNIQUE_SYMBOL kt_consumer_api
#define KERNTERP_NO_IMPORT
#include <kernterp/kernterp_api.h>

#include <stdlib.h>

#include "kt_consumer.h"

/* correlate(in, out, axis, weights, mode, cval): one pass of a float64
 * correlation, planned once and executed with caller-owned scratch */
PyObject *kt_consumer_correlate(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *oin, *oout, *ow;
    int axis, mode;
    double cval;
    if (!PyArg_ParseTuple(args, "OOiOid", &oin, &oout, &axis, &ow, &mode, &cval))
        return NULL;
    Py_buffer in, out, w;
    if (kt_consumer_buffer(oin, &in, 0, -1, 'd') < 0)
        return NULL;
    if (kt_consumer_buffer(oout, &out, 1, in.ndim, 'd') < 0) {
        PyBuffer_Release(&in);
        return NULL;
    }
    if (kt_consumer_buffer(ow, &w, 0, 1, 'd') < 0 || !PyBuffer_IsContiguous(&w, 'C')) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "weights must be contiguous");
        PyBuffer_Release(&in);
        PyBuffer_Release(&out);
        return NULL;
    }
    const kt_pass pass = {axis, mode, (w.shape[0] - 1) / 2, (const double *)w.buf, cval};
    kt_correlate_plan *plan = malloc(sizeof *plan);
    int status = plan ? kt_correlate_plan_init(plan, KT_F64, in.ndim, in.shape, in.strides,
                                               out.strides, 1, &pass, 2)
                      : KT_ERR_NOMEM;
    void *scratch = NULL;
    if (status == KT_OK && plan->info.scratch_size &&
        !(scratch = malloc(plan->info.scratch_size)))
        status = KT_ERR_NOMEM;
    if (status == KT_OK) {
        Py_BEGIN_ALLOW_THREADS
        status = kt_correlate_execute_f64(plan, in.buf, out.buf, scratch, 0);
        Py_END_ALLOW_THREADS
    }
    free(scratch);
    free(plan);
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    PyBuffer_Release(&w);
    if (kt_consumer_status(status) < 0)
        return NULL;
    Py_RETURN_NONE;
}
