/* kernterp: the public C API (umbrella header).
 *
 * Plain C17, no Python. Conventions (see DESIGN.md):
 *   - every entry point returns an int status (kt_status, KT_OK = 0);
 *   - sizes and strides are ptrdiff_t, strides in BYTES like numpy;
 *   - the caller owns every buffer, scratch included (ask its size first);
 *   - no global mutable state: every function is reentrant and thread-safe;
 *   - one function per precision, suffixed _f32 / _f64.
 */
#ifndef KERNTERP_H
#define KERNTERP_H

#define KT_VERSION_MAJOR 0
#define KT_VERSION_MINOR 1
#define KT_VERSION_PATCH 0

#include "status.h"
#include "filter.h"
#include "kernels.h"
#include "mixture.h"
#include "pool.h"
#include "rbf.h"
#include "periodic.h"
#include "lookup.h"
#include "newton.h"

#endif
