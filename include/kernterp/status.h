/* kernterp: status codes shared by every entry point of the C API.
 *
 * The enum is append-only: a value, once released, keeps its number. */
#ifndef KERNTERP_STATUS_H
#define KERNTERP_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kt_status {
    KT_OK = 0,
    KT_ERR_NULL = 1,          /* a required pointer is NULL */
    KT_ERR_NDIM = 2,          /* ndim out of range (0 .. KT_MAX_NDIM) */
    KT_ERR_SHAPE = 3,         /* a negative extent */
    KT_ERR_AXIS = 4,          /* an axis out of range */
    KT_ERR_RADIUS = 5,        /* a negative or too large radius */
    KT_ERR_MODE = 6,          /* an unknown boundary mode */
    KT_ERR_SCRATCH = 7,       /* scratch buffer smaller than the size asked for */
    KT_ERR_VALUE = 8,         /* a scalar argument out of its domain (sigma <= 0, ...) */
    KT_ERR_ORDER = 9,         /* a negative derivative order */
    KT_ERR_UNSUPPORTED = 10   /* a valid request this entry point does not implement */
} kt_status;

/* A static, human-readable description of a status code. */
const char *kt_status_message(int status);

#ifdef __cplusplus
}
#endif
#endif
