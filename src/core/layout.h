/* Scratch layout: ONE description of a plan's scratch, turned into offsets.
 *
 * A plan lists its regions, each {count, size, align}: `count` pieces of
 * `size` bytes (per thread, per item, or 1), each piece aligned to `align`
 * (a power of two, at most KT_ALIGN; 0 means KT_ALIGN).  kt__layout turns
 * the list into offsets from an aligned base and the scratch size (with the
 * slack that aligning the caller's pointer needs); execute finds piece t of
 * region i at kt__piece(scratch, off[i], stride[i], t).  Sizing and carving
 * therefore cannot drift apart. */
#ifndef KT_LAYOUT_H
#define KT_LAYOUT_H

#include "internal.h"

typedef struct kt__region {
    size_t count, size, align;
} kt__region;

/* Offsets and piece strides of the n regions; *total = the scratch bytes
 * (0 when every region is empty).  KT_ERR_SHAPE when a size overflows. */
KT_HIDDEN int kt__layout(const kt__region *r, int n, size_t *off, size_t *stride, size_t *total);

/* Piece t of a region: aligned base + off + t * stride. */
static inline void *kt__piece(void *scratch, size_t off, size_t stride, ptrdiff_t t)
{
    return (char *)kt_align_ptr(scratch) + off + (size_t)t * stride;
}

#endif
