/* A tiny C extension built against an installed kernterp, as another
 * project would build one: its include path is kernterp.get_include() and
 * nothing else of kernterp's; it links no kernterp symbol.
 *
 * Two files, to show the multi-file pattern: this one calls
 * import_kernterp() in the module's init; kt_consumer_guru.c uses the API
 * with KERNTERP_NO_IMPORT.  Both define KERNTERP_UNIQUE_SYMBOL.
 *
 * Arrays come in through the buffer protocol (no numpy headers needed). */
#define PY_SSIZE_T_CLEAN
#define KERNTERP_UNIQUE_SYMBOL kt_consumer_api
#include <kernterp/kernterp_api.h>

#include "kt_consumer.h"

int kt_consumer_buffer(PyObject *obj, Py_buffer *view, int writable, int ndim, char fmt)
{
    int flags = PyBUF_STRIDES | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0)
        return -1;
    if ((ndim >= 0 && view->ndim != ndim) || !view->format || view->format[0] != fmt ||
        view->format[1] != '\0') {
        PyErr_Format(PyExc_TypeError, "expected a %d-d buffer of format '%c'", ndim, fmt);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

int kt_consumer_status(int status)
{
    if (status == KT_OK)
        return 0;
    PyErr_Format(PyExc_ValueError, "kernterp status %d: %s", status, kt_status_message(status));
    return -1;
}

/* gaussian_filter(in, out, sigma, order, mode, cval, truncate, nthreads):
 * kt_gaussian_filter_f32 or _f64 by the buffers' format ('f' or 'd') */
static PyObject *gaussian_filter(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *oin, *oout, *osigma, *oorder, *omode;
    double cval, truncate;
    int nthreads;
    if (!PyArg_ParseTuple(args, "OOOOOddi", &oin, &oout, &osigma, &oorder, &omode, &cval,
                          &truncate, &nthreads))
        return NULL;
    PyObject *fmt = PyObject_GetAttrString(oin, "dtype");
    if (!fmt)
        return NULL;
    PyObject *ch = PyObject_GetAttrString(fmt, "char");
    Py_DECREF(fmt);
    if (!ch)
        return NULL;
    const char f = PyUnicode_AsUTF8(ch)[0];
    Py_DECREF(ch);
    Py_buffer in, out;
    if (kt_consumer_buffer(oin, &in, 0, -1, f) < 0)
        return NULL;
    if (kt_consumer_buffer(oout, &out, 1, in.ndim, f) < 0) {
        PyBuffer_Release(&in);
        return NULL;
    }
    double sigma[KT_MAX_NDIM];
    int order[KT_MAX_NDIM], mode[KT_MAX_NDIM];
    int status = KT_ERR_VALUE;
    if (PySequence_Size(osigma) == in.ndim && PySequence_Size(oorder) == in.ndim &&
        PySequence_Size(omode) == in.ndim) {
        for (int d = 0; d < in.ndim; d++) {
            PyObject *s = PySequence_GetItem(osigma, d), *o = PySequence_GetItem(oorder, d),
                     *m = PySequence_GetItem(omode, d);
            sigma[d] = PyFloat_AsDouble(s);
            order[d] = (int)PyLong_AsLong(o);
            mode[d] = (int)PyLong_AsLong(m);
            Py_XDECREF(s);
            Py_XDECREF(o);
            Py_XDECREF(m);
        }
        if (!PyErr_Occurred()) {
            Py_BEGIN_ALLOW_THREADS
            if (f == 'f')
                status = kt_gaussian_filter_f32(in.ndim, in.shape, in.buf, in.strides, out.buf,
                                                out.strides, sigma, order, mode, cval, truncate,
                                                nthreads);
            else
                status = kt_gaussian_filter_f64(in.ndim, in.shape, in.buf, in.strides, out.buf,
                                                out.strides, sigma, order, mode, cval, truncate,
                                                nthreads);
            Py_END_ALLOW_THREADS
        }
    }
    PyBuffer_Release(&in);
    PyBuffer_Release(&out);
    if (PyErr_Occurred() || kt_consumer_status(status) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* interp(x, xp, fp, left, right, out): kt_interp_f64 (1-d contiguous float64) */
static PyObject *interp(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *ox, *oxp, *ofp, *oout;
    double left, right;
    if (!PyArg_ParseTuple(args, "OOOddO", &ox, &oxp, &ofp, &left, &right, &oout))
        return NULL;
    Py_buffer x, xp, fp, out;
    if (kt_consumer_buffer(ox, &x, 0, 1, 'd') < 0)
        return NULL;
    if (kt_consumer_buffer(oxp, &xp, 0, 1, 'd') < 0)
        goto x;
    if (kt_consumer_buffer(ofp, &fp, 0, 1, 'd') < 0)
        goto xp;
    if (kt_consumer_buffer(oout, &out, 1, 1, 'd') < 0)
        goto fp;
    int status = KT_ERR_SHAPE;
    if (out.shape[0] == x.shape[0] && fp.shape[0] == xp.shape[0] &&
        PyBuffer_IsContiguous(&x, 'C') && PyBuffer_IsContiguous(&xp, 'C') &&
        PyBuffer_IsContiguous(&fp, 'C') && PyBuffer_IsContiguous(&out, 'C'))
        status = kt_interp_f64(x.shape[0], x.buf, xp.shape[0], xp.buf, fp.buf, left, right,
                               out.buf);
    PyBuffer_Release(&out);
fp:
    PyBuffer_Release(&fp);
xp:
    PyBuffer_Release(&xp);
x:
    PyBuffer_Release(&x);
    if (PyErr_Occurred() || kt_consumer_status(status) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *versions(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    return Py_BuildValue("(ii)", KT_ABI_VERSION, KT_API_VERSION);
}

static PyMethodDef methods[] = {
    {"gaussian_filter", gaussian_filter, METH_VARARGS, "kt_gaussian_filter_f32/f64"},
    {"interp", interp, METH_VARARGS, "kt_interp_f64"},
    {"correlate", kt_consumer_correlate, METH_VARARGS, "the guru interface (kt_consumer_guru.c)"},
    {"versions", versions, METH_NOARGS, "(KT_ABI_VERSION, KT_API_VERSION) built against"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kt_consumer", NULL, -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_kt_consumer(void)
{
    if (import_kernterp() < 0)
        return NULL;
    return PyModule_Create(&module);
}
