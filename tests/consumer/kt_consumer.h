/* What the two files of kt_consumer share. */
#ifndef KT_CONSUMER_H
#define KT_CONSUMER_H

#include <Python.h>

int kt_consumer_buffer(PyObject *obj, Py_buffer *view, int writable, int ndim, char fmt);
int kt_consumer_status(int status);
PyObject *kt_consumer_correlate(PyObject *self, PyObject *args);

#endif
