/* kernterp._capi: the C core, and the capsule that exports it.
 *
 * The whole core (src/core) is linked into this one module; every other
 * extension, kernterp's own bindings included, calls it through the table of
 * function pointers in the capsule kernterp._capi._C_API
 * (include/kernterp/kernterp_api.h, import_kernterp()).  So the core, and its
 * once-per-process choice of instruction-set level, exists once. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define KT__BUILDING_CAPI
#include "kernterp/kernterp_api.h"

#include "_capi_table.h"

#ifndef KT_COMPILER
#define KT_COMPILER "unknown"
#endif

static PyObject *kt__level_list(unsigned int mask)
{
    PyObject *out = PyList_New(0);
    for (int level = KT_ISA_BASELINE; out && level <= KT_ISA_AVX512; level++) {
        if (!(mask >> level & 1u))
            continue;
        PyObject *name = PyUnicode_FromString(kt_isa_name(level));
        if (!name || PyList_Append(out, name) < 0) {
            Py_XDECREF(name);
            Py_CLEAR(out);
            break;
        }
        Py_DECREF(name);
    }
    return out;
}

static PyObject *kt__isa(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    const int req = kt_isa_requested();
    PyObject *requested = req >= 0 ? PyUnicode_FromString(kt_isa_name(req)) : Py_NewRef(Py_None);
    PyObject *compiled = kt__level_list(kt_isa_compiled());
    PyObject *supported = kt__level_list(kt_isa_supported());
    PyObject *out = NULL;
    if (requested && compiled && supported)
        out = Py_BuildValue("{s:s,s:O,s:O,s:O,s:O}", "current", kt_isa_name(kt_isa_current()),
                            "compiled", compiled, "supported", supported, "requested",
                            requested, "requested_valid", req == -2 ? Py_False : Py_True);
    Py_XDECREF(requested);
    Py_XDECREF(compiled);
    Py_XDECREF(supported);
    return out;
}

static PyMethodDef kt__methods[] = {
    {"isa", kt__isa, METH_NOARGS,
     "isa() -> dict: the instruction-set levels built in ('compiled'), those this CPU runs "
     "('supported'), the one in use ('current'), and KERNTERP_ISA's ('requested', "
     "'requested_valid')."},
    {NULL, NULL, 0, NULL},
};

static int kt__exec(PyObject *m)
{
    PyObject *cap = PyCapsule_New((void *)&kt__table, KT_CAPSULE_NAME, NULL);
    if (!cap || PyModule_AddObject(m, "_C_API", cap) < 0) {
        Py_XDECREF(cap);
        return -1;
    }
    if (PyModule_AddIntConstant(m, "ABI_VERSION", KT_ABI_VERSION) < 0 ||
        PyModule_AddIntConstant(m, "API_VERSION", KT_API_VERSION) < 0 ||
        PyModule_AddIntConstant(m, "MAX_THREADS", KT_MAX_THREADS) < 0 ||
        PyModule_AddStringConstant(m, "COMPILER", KT_COMPILER) < 0)
        return -1;
    return 0;
}

static PyModuleDef_Slot kt__slots[] = {
    {Py_mod_exec, (void *)kt__exec},
#ifdef Py_GIL_DISABLED
    /* free-threaded CPython: the core has no mutable global state (its CPU
     * feature cache is initialised once, thread-safely) */
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef kt__module = {
    PyModuleDef_HEAD_INIT, "_capi",
    "kernterp's C core and the capsule _C_API that exports it "
    "(include/kernterp/kernterp_api.h).",
    0, kt__methods, kt__slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__capi(void) { return PyModuleDef_Init(&kt__module); }
