/* kernterp: the public C API (umbrella header).
 *
 * Plain C17, no Python.  Conventions (docs/c_api.rst):
 *   - every entry point returns an int status (kt_status, KT_OK = 0); on an
 *     error nothing is written;
 *   - sizes and strides are ptrdiff_t, strides in BYTES like numpy;
 *   - two interfaces per area: guru (a plan made once, then executes with
 *     caller-owned scratch) and simple (one call, allocates its scratch);
 *   - no global mutable state: every function is reentrant and thread-safe;
 *   - one function per precision, suffixed _f32 / _f64.
 *
 * Linking: kernterp's Python package exports every function below through a
 * capsule; another Python extension includes <kernterp/kernterp_api.h> and
 * calls import_kernterp() (see that header).  The static library
 * libkernterp.a, installed beside the headers, serves code that links the
 * core directly.
 */
#ifndef KERNTERP_H
#define KERNTERP_H

#define KT_VERSION_MAJOR 0
#define KT_VERSION_MINOR 2
#define KT_VERSION_PATCH 0

/* The ABI: plan layouts and the meaning of every function.  Changes only in
 * a way that breaks code built against an older one (then the capsule
 * refuses such code: see kernterp_api.h). */
#define KT_ABI_VERSION 1
/* The API: the functions in the capsule's table, which only grows.  Code
 * built against API version N runs with any kernterp of the same ABI and an
 * API version >= N. */
#define KT_API_VERSION 1

#include "common.h"
#include "ndimage.h"
#include "recursive.h"
#include "kernels.h"
#include "mixture.h"
#include "pool.h"
#include "rbf.h"
#include "periodic.h"
#include "lookup.h"
#include "newton.h"

#endif
