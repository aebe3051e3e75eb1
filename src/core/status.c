#include "kernterp/status.h"

const char *kt_status_message(int status)
{
    switch (status) {
    case KT_OK: return "success";
    case KT_ERR_NULL: return "a required pointer argument is NULL";
    case KT_ERR_NDIM: return "the number of dimensions is out of range";
    case KT_ERR_SHAPE: return "an array extent is negative";
    case KT_ERR_AXIS: return "an axis is out of range";
    case KT_ERR_RADIUS: return "a filter radius is negative or too large";
    case KT_ERR_MODE: return "unknown boundary mode";
    case KT_ERR_SCRATCH: return "the scratch buffer is smaller than required";
    case KT_ERR_VALUE: return "a scalar argument is outside its domain";
    case KT_ERR_ORDER: return "a derivative order is negative";
    case KT_ERR_UNSUPPORTED: return "the request is valid but not supported by this entry point";
    default: return "unknown kernterp status code";
    }
}
