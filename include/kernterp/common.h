/* kernterp: what every area of the C API shares.
 *
 * Status codes.  Every entry point returns an int: KT_OK (0) or one of the
 * kt_status errors below.  On an error nothing has been written to any
 * output (a plan, an array), except KT_ERR_CANCELLED, after which the output
 * array's contents are unspecified.  The enum is append-only: a value, once
 * released, keeps its number.
 *
 * The two interfaces of every area (see docs/c_api.rst):
 *
 *   guru    kt_<op>_plan_init(&plan, dtype, <problem: sizes, strides,
 *                             parameters>, nthreads)
 *             validates the problem and fills the plan (status returned,
 *             *plan untouched on failure); plan.info.scratch_size is then
 *             the number of bytes of scratch the execute needs;
 *           kt_<op>_execute_<f32|f64>(&plan, <data pointers>, scratch, nthreads)
 *             runs it, any number of times, from any number of threads at
 *             once (each with its own scratch: the plan is read only).
 *   simple  kt_<op>_<f32|f64>(<problem and data>, nthreads)
 *             one call: plans, allocates its scratch (KT_ERR_NOMEM when
 *             that fails), executes, frees.
 *
 * Plans are plain structs owned by the caller (on the stack, say); they hold
 * no pointer to memory of their own, so there is nothing to destroy.  Their
 * `info` member is public; every other member is internal and may change
 * with KT_ABI_VERSION.  Arrays a plan only describes (strides, shapes,
 * parameters) are copied into it, except where an area's header says a
 * pointer is kept.
 */
#ifndef KERNTERP_COMMON_H
#define KERNTERP_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kt_status {
    KT_OK = 0,
    KT_ERR_NULL = 1,          /* a required pointer is NULL */
    KT_ERR_NDIM = 2,          /* ndim out of range (0 .. KT_MAX_NDIM) */
    KT_ERR_SHAPE = 3,         /* a negative extent, or sizes that do not fit together */
    KT_ERR_AXIS = 4,          /* an axis out of range */
    KT_ERR_RADIUS = 5,        /* a negative or too large radius */
    KT_ERR_MODE = 6,          /* an unknown boundary mode (or method, path, kind) */
    KT_ERR_SCRATCH = 7,       /* scratch buffer smaller than the size asked for */
    KT_ERR_VALUE = 8,         /* a scalar argument out of its domain (sigma < 0, NaN, ...) */
    KT_ERR_ORDER = 9,         /* a negative derivative order */
    KT_ERR_UNSUPPORTED = 10,  /* a valid request this entry point does not implement */
    KT_ERR_NOMEM = 11,        /* a simple-interface call could not allocate its scratch */
    KT_ERR_OVERLAP = 12,      /* input and output overlap (other than in == out where allowed) */
    KT_ERR_CANCELLED = 13,    /* the plan's poll function asked to stop (output unspecified) */
    KT_ERR_PLAN = 14          /* not a plan of this operation and precision (or not initialised) */
} kt_status;

/* A static, human-readable description of a status code. */
const char *kt_status_message(int status);

/* Element types, the `dtype` argument of every kt_<op>_plan_init.  A plan
 * runs only with the execute of its precision (KT_ERR_PLAN otherwise). */
typedef enum kt_dtype {
    KT_F32 = 1, /* float */
    KT_F64 = 2  /* double */
} kt_dtype;

/* The most dimensions an array may have (numpy's NPY_MAXDIMS). */
#define KT_MAX_NDIM 64

/* The most threads one call runs on (more asked for are not used). */
#define KT_MAX_THREADS 64

/* Boundary modes, with scipy.ndimage's names.  For filters the grid-* names
 * are aliases: grid-mirror = REFLECT, grid-constant = CONSTANT,
 * grid-wrap = WRAP.  Extensions longer than the axis repeat the pattern. */
typedef enum kt_mode {
    KT_MODE_REFLECT = 0,   /* d c b a | a b c d | d c b a */
    KT_MODE_CONSTANT = 1,  /* k k k k | a b c d | k k k k  (k = cval) */
    KT_MODE_NEAREST = 2,   /* a a a a | a b c d | d d d d */
    KT_MODE_MIRROR = 3,    /*   d c b | a b c d | c b a   */
    KT_MODE_WRAP = 4       /* a b c d | a b c d | a b c d */
} kt_mode;

/* Cancellation: a function the execute calls, on the calling thread,
 * between pieces of work (at most every few milliseconds, only while work
 * remains).  A nonzero return stops the call: the pieces not yet started
 * are skipped, every thread is joined, and the execute returns
 * KT_ERR_CANCELLED.  kernterp's Python layer sets it to check for Ctrl-C. */
typedef int (*kt_poll_fn)(void *ctx);

/* The public part of every plan. */
typedef struct kt_plan_info {
    unsigned int tag;     /* internal: the operation and precision the plan is for */
    int dtype;            /* KT_F32 or KT_F64 */
    int nthreads;         /* threads the scratch is sized for: execute runs on at most
                             this many (the thread policy may have lowered the count asked
                             for, when the problem is too small to share) */
    size_t scratch_size;  /* bytes of scratch execute needs (0: none; scratch may be NULL).
                             Any alignment will do: the core aligns within it. */
    kt_poll_fn poll;      /* NULL after plan_init; the caller may set it */
    void *poll_ctx;       /* passed to poll */
} kt_plan_info;

/* Instruction-set levels of the hot loops.  Every hot loop is built for
 * each level the compiler can target (x86-64: all three; other machines:
 * the baseline, with generic vectors) and the level used is chosen once per
 * process: the highest one that is built and that the CPU supports, or a
 * lower one named by the environment variable KERNTERP_ISA (baseline, avx2,
 * avx512; a level the CPU lacks falls back to the highest it has). */
typedef enum kt_isa {
    KT_ISA_BASELINE = 0, /* x86-64 (SSE2), or the generic build elsewhere */
    KT_ISA_AVX2 = 1,     /* x86-64-v3: AVX2 and FMA */
    KT_ISA_AVX512 = 2    /* x86-64-v4: AVX-512 F, BW, DQ and VL */
} kt_isa;

int kt_isa_current(void);           /* the level in use */
unsigned int kt_isa_compiled(void); /* bit (1 << level) for each level built in */
unsigned int kt_isa_supported(void);/* bit (1 << level) for each level this CPU runs */
int kt_isa_requested(void);         /* KERNTERP_ISA's level; -1 unset, -2 not a level name */
const char *kt_isa_name(int level); /* "baseline", "avx2", "avx512"; NULL for others */

#ifdef __cplusplus
}
#endif
#endif
