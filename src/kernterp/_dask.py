"""kernterp on dask arrays: the lazy, blockwise path every area uses.

A public function given a dask array returns a dask array: nothing is
computed until the caller asks (``.compute()``, ``.persist()``), and then
blockwise, on whatever scheduler dask uses (threads, processes, a
dask.distributed cluster).  Results are those of the same call on the
computed numpy array (bit for bit, except where a function's docstring
says otherwise).

Separable filters exchange halos along ONE axis per pass: each block of a
pass along `axis` gets the last `depth` elements of its neighbour before
it and the first `depth` of its neighbour after it (two small slabs, not
the 26 pieces of a 3-D ``map_overlap``), the boundary mode is applied once
at the array's true edges, and 'wrap' takes its halos cyclically.  Axes
held in one chunk need no halo.

Threads: every task runs kernterp on ONE thread unless the caller passed
``workers`` (a dask worker already runs one task per thread).

Small constant inputs (knots, nodes, coefficients, an interpolator object,
the sources of a periodic transform) enter the graph once, as one key that
every task depends on (`constant`): a distributed worker fetches it once and
keeps it for all of its tasks, instead of receiving it inside every task.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, SupportsIndex

import numpy as np

if TYPE_CHECKING:
    from dask.array import Array as DaskArray
    from typing_extensions import TypeIs

__all__ = [
    "as_c_order",
    "check_chunks",
    "constant",
    "halo_map",
    "is_dask",
    "map_points",
    "merge_small_chunks",
    "task_workers",
]


def is_dask(x: object) -> TypeIs[DaskArray]:
    """Whether `x` is a dask array (without importing dask when it is not)."""
    if "dask" not in type(x).__module__:
        return False
    da = sys.modules.get("dask.array")
    return da is not None and isinstance(x, da.Array)


def task_workers(workers: SupportsIndex | None) -> SupportsIndex | None:
    """The `workers` a task runs with: 1 unless the caller asked for more."""
    return 1 if workers is None else workers


def check_chunks(caller: str, *arrays: object) -> None:
    """ValueError for a dask array among `arrays` whose chunk sizes are unknown.

    Arrays made by boolean indexing or by ``dask.dataframe`` have NaN in
    ``.chunks``: their blocks cannot be aligned, rechunked or given halos
    without computing them first, which kernterp does not do behind the
    caller's back.
    """
    for a in arrays:
        if is_dask(a) and any(math.isnan(c) for cs in a.chunks for c in cs):
            raise ValueError(
                f"{caller}: the dask array has unknown chunk sizes (NaN in "
                f".chunks = {a.chunks}); call x.compute_chunk_sizes() (which "
                "computes x) or build it with known chunks"
            )


def constant(obj: Any) -> Any:
    """`obj` as ONE key of a dask graph (a ``Delayed``), for tasks to depend on.

    Given to `map_points` or ``dask.array.map_blocks`` as an argument, it
    is stored once in the graph and a distributed worker fetches it once
    for all the tasks it runs, instead of receiving a copy inside each task.
    """
    from dask.delayed import delayed

    return delayed(obj, pure=True, traverse=False)


def as_c_order(block: np.ndarray) -> np.ndarray:
    """`block` itself when its axes are laid out in C order, else a C copy.

    Some functions choose their inner loop by the smallest stride (as
    numpy's order='K' does), which fixes the order of their floating-point
    sums: a block must have the axis order of the (C-ordered) array dask
    computes, so that its values are the whole array's bit for bit.
    """
    st = [abs(s) for n, s in zip(block.shape, block.strides, strict=True) if n > 1]
    if all(a >= b for a, b in zip(st, st[1:], strict=False)):
        return block
    return np.ascontiguousarray(block)


def map_points(
    func: Callable[..., np.ndarray],
    xq: Any,
    payload: Any,
    dtype: np.dtype,
    *args: Any,
    before: tuple[int, ...] = (),
    after: tuple[int, ...] = (),
    name: str = "kernterp-points",
) -> Any:
    """``func(block, payload, *args)`` on every block of the dask array `xq`.

    Each call returns an array of shape ``before + block.shape + after``
    (the query axes between the interpolant's own axes, as scipy's
    interpolators place them) and dtype `dtype`; the result is the dask
    array of shape ``before + xq.shape + after``, the new axes in one chunk.
    `payload` (knots, coefficients, an interpolator) enters the graph once
    (`constant`), and every task depends on that one key.
    """
    import dask.array as da
    from dask.base import tokenize

    check_chunks("kernterp", xq)
    nb, na = len(before), len(after)
    const = constant(payload)
    chunks = tuple((n,) for n in before) + tuple(xq.chunks) + tuple((n,) for n in after)
    new_axis = list(range(nb)) + list(range(nb + xq.ndim, nb + xq.ndim + na))
    token = tokenize(func, xq, const, np.dtype(dtype), before, after, *args)
    return da.map_blocks(
        func,
        xq,
        const,
        *args,
        dtype=np.dtype(dtype),
        chunks=chunks,
        new_axis=new_axis or None,
        meta=np.empty((0,) * (nb + xq.ndim + na), np.dtype(dtype)),
        name=f"{name}-{token}",
    )


def merge_small_chunks(chunks: Sequence[int], depth: int) -> tuple[int, ...]:
    """Chunks of at least `depth` (the last one merged backwards if needed)."""
    out: list[int] = []
    acc = 0
    for c in chunks:
        acc += c
        if acc >= depth:
            out.append(acc)
            acc = 0
    if acc:
        if out:
            out[-1] += acc
        else:
            out.append(acc)
    return tuple(out)


def _slab(
    block: np.ndarray, axis: int, start: int | None, stop: int | None
) -> np.ndarray:
    index = [slice(None)] * block.ndim
    index[axis] = slice(start, stop)
    return block[tuple(index)]


def _halo_slab(
    block: np.ndarray, axis: int, start: int | None, stop: int | None
) -> np.ndarray:
    """A copy of a slab: a view would keep the whole neighbour block alive."""
    return np.array(_slab(block, axis, start, stop))


def _with_halos(
    func: Callable[..., np.ndarray],
    block: np.ndarray,
    lo: np.ndarray | None,
    hi: np.ndarray | None,
    axis: int,
    *args: Any,
) -> np.ndarray:
    """func on the block extended by its halos, cut back to the block."""
    parts = [p for p in (lo, block, hi) if p is not None]
    if len(parts) == 1:
        return func(block, False, *args)
    ext = np.concatenate(parts, axis=axis)
    n0 = 0 if lo is None else lo.shape[axis]
    res = func(ext, True, *args)
    # a copy (C order), so that the extended block is freed
    return np.array(_slab(res, axis, n0, n0 + block.shape[axis]), order="C")


def halo_map(
    func: Callable[..., np.ndarray],
    x: Any,
    axis: int,
    depth: int,
    wrap: bool,
    dtype: np.dtype,
    *args: Any,
    name: str = "kernterp-halo",
) -> Any:
    """Apply a 1-D operation along `axis` blockwise, with halos of `depth`.

    ``func(ext, owned, *args)`` gets a block extended along `axis` by up to
    `depth` elements of each neighbour (the true array edges get none unless
    `wrap`), ``owned`` telling whether `ext` is a fresh array it may
    overwrite; it returns the result for `ext`, of the same shape and
    `dtype`, of which the part of the block is kept.  Chunks along `axis`
    shorter than `depth` are merged first.
    """
    import dask.array as da
    from dask.base import tokenize
    from dask.highlevelgraph import HighLevelGraph

    check_chunks("kernterp", x)
    nb = len(x.chunks[axis])
    if depth > 0 and nb > 1 and min(x.chunks[axis]) < depth:
        chunks = list(x.chunks)
        chunks[axis] = merge_small_chunks(x.chunks[axis], depth)
        x = x.rechunk(tuple(chunks))
        nb = len(x.chunks[axis])
    token = tokenize(func, x, axis, depth, wrap, np.dtype(dtype), *args)
    out_name = f"{name}-{token}"
    lo_name, hi_name = f"{name}-lo-{token}", f"{name}-hi-{token}"
    layer: dict[Any, Any] = {}
    for idx in np.ndindex(*x.numblocks):
        i = idx[axis]
        lo = hi = None
        if depth > 0 and nb > 1:
            prev = i - 1 if i > 0 else (nb - 1 if wrap else None)
            nxt = i + 1 if i < nb - 1 else (0 if wrap else None)
            if prev is not None:
                src = (x.name, *idx[:axis], prev, *idx[axis + 1 :])
                lo = (lo_name, *idx)
                layer[lo] = (_halo_slab, src, axis, -depth, None)
            if nxt is not None:
                src = (x.name, *idx[:axis], nxt, *idx[axis + 1 :])
                hi = (hi_name, *idx)
                layer[hi] = (_halo_slab, src, axis, 0, depth)
        layer[(out_name, *idx)] = (
            _with_halos,
            func,
            (x.name, *idx),
            lo,
            hi,
            axis,
            *args,
        )
    graph = HighLevelGraph.from_collections(out_name, layer, dependencies=[x])
    return da.Array(graph, out_name, x.chunks, dtype=np.dtype(dtype))
