"""kernterp.kernels.gaussian_pool: Gaussian-weighted block pooling."""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, overload

import numpy as np

from kernterp import _pool
from kernterp._dask import (
    as_c_order,
    check_chunks,
    is_dask,
    merge_small_chunks,
    task_workers,
)
from kernterp._support import mode_code as _mode_code
from kernterp._support import normalize_sequence as _normalize_sequence
from kernterp._support import normalize_workers, refuse_foreign

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from kernterp._typing import (
        Axes,
        CVal,
        DaskArrayT,
        FloatT,
        Mode,
        Reals,
        Workers,
    )

    PoolMode = Mode | Literal["trim"]

__all__ = ["gaussian_pool"]

_METHODS = {"integrate": _pool.INTEGRATE, "sample": _pool.SAMPLE}

# sigma = size * _FWHM_TO_SIGMA: a Gaussian whose full width at half maximum
# is the block size
_FWHM_TO_SIGMA = 1.0 / (2.0 * math.sqrt(2.0 * math.log(2.0)))


@overload
def gaussian_pool(
    array: DaskArrayT,
    size: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals | None = None,
    *,
    axes: Axes = (-2, -1),
    mode: PoolMode | Sequence[PoolMode] = "trim",
    cval: CVal = 0.0,
    method: Literal["integrate", "sample"] = "integrate",
    workers: Workers = None,
) -> DaskArrayT: ...


@overload
def gaussian_pool(
    array: NDArray[FloatT],
    size: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals | None = None,
    *,
    axes: Axes = (-2, -1),
    mode: PoolMode | Sequence[PoolMode] = "trim",
    cval: CVal = 0.0,
    method: Literal["integrate", "sample"] = "integrate",
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def gaussian_pool(
    array: NDArray[np.integer[Any] | np.bool] | Sequence[Sequence[float]],
    size: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals | None = None,
    *,
    axes: Axes = (-2, -1),
    mode: PoolMode | Sequence[PoolMode] = "trim",
    cval: CVal = 0.0,
    method: Literal["integrate", "sample"] = "integrate",
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def gaussian_pool(
    array: Any,
    size: Any,
    sigma: Any = None,
    *,
    axes: Any = (-2, -1),
    mode: Any = "trim",
    cval: Any = 0.0,
    method: Any = "integrate",
    workers: Workers = None,
) -> NDArray[Any]: ...


def gaussian_pool(
    array: Any,
    size: Any,
    sigma: Any = None,
    *,
    axes: Any = (-2, -1),
    mode: Any = "trim",
    cval: Any = 0.0,
    method: Any = "integrate",
    workers: Workers = None,
) -> Any:
    """Gaussian-weighted pooling over non-overlapping blocks.

    The pooled axes are cut into blocks of `size` cells (stride = `size`)
    and each block is reduced to one value, a weighted sum with a separable
    Gaussian centred on the block centre::

        out[I, J] = sum_{a, b} w0[a] * w1[b] * array[I * s0 + a, J * s1 + b]

    Each 1-D weight vector holds `size` values that sum to 1, so a constant
    array pools to the same constant.

    Parameters
    ----------
    array : array_like
        Input data, with at least as many dimensions as `axes` has entries;
        the axes not pooled are batch axes (e.g. ``(B, H, W, C)`` images with
        ``axes=(1, 2)``).  It is never modified.
    size : int or sequence of int
        Block size, one for all pooled axes or one per axis; each at least 1
        and at most the extent of its axis.
    sigma : float or sequence of float, optional
        Standard deviation of the Gaussian in cells, one for all pooled axes
        or one per axis; finite and > 0.  Default: ``size / (2 sqrt(2 ln 2))
        ~= 0.4247 * size``, the Gaussian whose full width at half maximum is
        the block size: the block edges lie at half the central weight's
        height, so the kernel is clearly tapered (unlike a box average, it
        suppresses the aliasing of the block grid) while still covering the
        whole block (the edge cells keep a useful share of the weight
        instead of being ignored).
    axes : int or sequence of int, optional
        The one or two axes pooled (negative counts from the end; no
        repeats).  Default: the last two.
    mode : str, optional
        ``'trim'`` (default): trailing partial blocks are dropped, as
        ``x[:H//s*s].reshape(H//s, s, ...)`` does; output extent ``n // s``.
        Any boundary mode of scipy.ndimage (``'reflect'``, ``'constant'``,
        ``'nearest'``, ``'mirror'``, ``'wrap'``, ``'grid-mirror'``,
        ``'grid-constant'``, ``'grid-wrap'``): the trailing partial block is
        completed to a full block with that mode (as scipy.ndimage extends an
        axis: ``'reflect'`` is ``d c b a | a b c d | d c b a``); output
        extent ``ceil(n / s)``.  An unknown name raises RuntimeError, as
        scipy.ndimage does.
    cval : float, optional
        The value beyond the edge for ``mode='constant'``. Default 0.
    method : {'integrate', 'sample'}, optional
        ``'integrate'`` (default): each cell is weighted by the Gaussian's
        mass over that cell (differences of the normal CDF, computed with
        erf/erfc from the nearer tail).  This is the right weight for area
        samples (pixels integrate light over their area), and it stays
        well-defined as `sigma` shrinks below a cell: the weight tends to the
        middle cell (odd sizes) or the two middle cells (even sizes), where
        point samples would all underflow.  ``'sample'``: the Gaussian's
        value at each cell centre.  Either way the weights are normalised to
        sum 1.
    workers : int, optional
        Threads: None (default) uses every core (respecting
        OMP_NUM_THREADS), 1 runs single-threaded, negative values count back
        from the number of cores as in scipy.fft.  Results do not depend on
        it.

    Returns
    -------
    ndarray
        The pooled array: float32 for float32 (and float16) input, computed
        in float32; float64 for float64 input and for integer and bool input
        (converted exactly), computed in float64; complex input is pooled as
        its real and imaginary parts and keeps its complex dtype.  A new
        array whose axes are laid out in memory in the input's order (as
        numpy's ``order='K'``: C-contiguous for C-contiguous input).

    Raises
    ------
    ValueError
        `sigma` not finite or <= 0; `size` < 1 or larger than its axis;
        `axes` repeated, out of range, empty or with more than two entries;
        `array` with fewer dimensions than `axes`; an unknown `method`.
    RuntimeError
        An unknown `mode`.
    TypeError
        A dtype that is not a number (object, str, ...) or long double.

    Notes
    -----
    The block is centred between the middle two cells for even sizes: cell
    ``a`` of a block spans ``[a, a + 1)`` and the kernel's centre is at
    ``size / 2``.  The weights are exactly symmetric.

    The work is one pass over the input, reading each element once: per
    output row, the input rows of a block are combined with their weights
    (vectorised along the contiguous axis), then each group of `size`
    columns is reduced with the column weights.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian_pool
    >>> x = np.arange(16.0).reshape(4, 4)
    >>> gaussian_pool(x, 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])

    A constant image pools to the same constant, whatever the weights:

    >>> gaussian_pool(np.full((6, 6), 3.0, np.float32), 3)
    array([[3., 3.],
           [3., 3.]], dtype=float32)

    The 1-D weights of a block of 4 (default sigma):

    >>> np.round(gaussian_pool(np.eye(4)[:, None, :], 4, axes=-1).ravel(), 4)
    array([0.2083, 0.2917, 0.2917, 0.2083])

    Trailing partial blocks are trimmed by default, or completed by a mode:

    >>> y = np.ones((5, 7))
    >>> gaussian_pool(y, 2).shape, gaussian_pool(y, 2, mode="nearest").shape
    ((2, 3), (3, 4))

    Batch axes: a stack of RGB images pooled over height and width:

    >>> gaussian_pool(np.zeros((8, 32, 32, 3), np.float32), 4, axes=(1, 2)).shape
    (8, 8, 8, 3)
    """
    if is_dask(array):
        return _dask_pool(array, size, sigma, axes, mode, cval, method, workers)
    refuse_foreign("kernterp.kernels.gaussian_pool", array)
    arr = np.asarray(array)
    # -- dtype
    dt = arr.dtype
    if dt.kind == "c":
        if dt.itemsize > 16:
            raise TypeError(f"gaussian_pool: dtype {dt} (long double) is not supported")
        kw = dict(axes=axes, mode=mode, method=method, workers=workers)
        re = gaussian_pool(arr.real, size, sigma, cval=np.real(cval), **kw)
        im = gaussian_pool(arr.imag, size, sigma, cval=np.imag(cval), **kw)
        out = np.empty(re.shape, np.result_type(dt, re.dtype))
        out.real = re
        out.imag = im
        return out
    work: type[np.floating[Any]]
    if dt.kind in "biu":
        work = np.float64
    elif dt.kind == "f" and dt.itemsize <= 4:
        work = np.float32
    elif dt.kind == "f" and dt.itemsize == 8:
        work = np.float64
    else:
        raise TypeError(
            f"gaussian_pool: dtype {dt} is not supported; expected a bool, "
            "integer, float16/32/64 or complex64/128 array"
        )
    if dt != np.dtype(work):  # exact: ints, bools and float16 fit
        arr = arr.astype(work)
    # -- axes
    if isinstance(axes, numbers.Integral):
        axes = (axes,)
    try:
        axes = tuple(operator.index(a) for a in axes)
    except TypeError:
        raise ValueError(
            f"axes must be an int or a sequence of one or two ints, got {axes!r}"
        ) from None
    if not 1 <= len(axes) <= 2:
        raise ValueError(f"axes must name one or two axes, got {len(axes)}: {axes!r}")
    ndim = arr.ndim
    if ndim < len(axes):
        raise ValueError(
            f"array must have at least {len(axes)} dimension(s) to pool over "
            f"axes={axes!r}, got an array of shape {arr.shape}"
        )
    for a in axes:
        if not -ndim <= a < ndim:
            raise ValueError(
                f"axes entry {a} is out of range for an array of {ndim} dimensions "
                f"(expected {-ndim} <= axis < {ndim})"
            )
    norm = tuple(a % ndim for a in axes)
    if len(set(norm)) != len(norm):
        raise ValueError(f"axes must not repeat an axis, got {axes!r}")
    # -- size and sigma, one per pooled axis
    sizes = _normalize_sequence(size, len(axes), "size", ValueError, "pooled axis")
    try:
        sizes = [operator.index(s) for s in sizes]
    except TypeError:
        raise ValueError(
            f"size must be an int or a sequence of ints, got {size!r}"
        ) from None
    for s, ax in zip(sizes, norm, strict=True):
        if s < 1:
            raise ValueError(f"size must be at least 1, got {s}")
        if s > arr.shape[ax]:
            raise ValueError(
                f"size {s} is larger than the array along axis {ax} (extent "
                f"{arr.shape[ax]}); expected 1 <= size <= {arr.shape[ax]}"
            )
    if sigma is None:
        sigmas = [s * _FWHM_TO_SIGMA for s in sizes]
    else:
        sigmas = _normalize_sequence(
            sigma, len(axes), "sigma", ValueError, "pooled axis"
        )
        try:
            sigmas = [float(s) for s in sigmas]
        except (TypeError, ValueError):
            raise ValueError(
                f"sigma must be a number or a sequence of numbers, got {sigma!r}"
            ) from None
        for s in sigmas:
            if not (math.isfinite(s) and s > 0):
                raise ValueError(f"sigma must be finite and > 0, got {s!r}")
    # -- mode, method, cval, workers
    # the grid-* names are aliases for pooling, as for scipy's filters
    if isinstance(mode, str) and mode == "trim":
        code = _pool.TRIM
    else:
        code = _mode_code(mode, also=("trim",))
    try:
        mcode = _METHODS[method]
    except (KeyError, TypeError):
        raise ValueError(
            f"method must be 'integrate' or 'sample', got {method!r}"
        ) from None
    cval = float(cval)
    nthreads = normalize_workers(workers)
    # -- one call into C
    full_sizes = [1] * ndim
    weights = [None] * ndim
    for s, sg, ax in zip(sizes, sigmas, norm, strict=True):
        full_sizes[ax] = s
        if s > 1:
            weights[ax] = _pool.gaussian_pool_weights(s, sg, mcode)
    if code == _pool.TRIM:
        oshape = tuple(n // s for n, s in zip(arr.shape, full_sizes, strict=True))
    else:
        oshape = tuple(-(-n // s) for n, s in zip(arr.shape, full_sizes, strict=True))
    out = _empty_like_layout(arr, oshape)
    if out.size == 0:
        return out
    return _pool.pool(arr, out, full_sizes, weights, code, cval, nthreads)


def _empty_like_layout(arr: NDArray[Any], oshape: Sequence[int]) -> NDArray[Any]:
    """An output with the input's axis order in memory (numpy's order='K').

    The line axis of the core (the input's smallest stride) is then the
    output's contiguous axis too, and output lines are stored whole.
    """
    big = np.iinfo(np.intp).max
    keys = [
        abs(st) if n > 1 and st != 0 else big
        for n, st in zip(arr.shape, arr.strides, strict=True)
    ]
    perm = sorted(range(arr.ndim), key=lambda d: -keys[d])  # stable: C order on ties
    out = np.empty([oshape[d] for d in perm], arr.dtype)
    return out.transpose(np.argsort(perm))


# --------------------------------------------------------------------------
# dask arrays: blocks aligned to the pool size, one call per block


def _aligned_chunks(chunks: Sequence[int], s: int, n: int) -> tuple[int, ...]:
    """Chunks of an axis of extent `n` whose boundaries are multiples of `s`.

    Each boundary moves to the nearest multiple of `s` below ``(n // s) *
    s``, so that the last chunk holds the trailing partial block together
    with at least one full block (the context 'reflect' and 'mirror' read
    to complete it).
    """
    q = n // s
    cuts: set[int] = set()
    acc = 0
    for c in chunks[:-1]:
        acc += c
        b = int(round(acc / s)) * s
        if 0 < b < q * s:
            cuts.add(b)
    edges = [0, *sorted(cuts), n]
    return tuple(int(b - a) for a, b in zip(edges, edges[1:], strict=False))


def _pool_block(
    block: np.ndarray,
    size: Any,
    sigma: Any,
    axes: Any,
    mode: Any,
    cval: Any,
    method: Any,
    workers: Workers,
) -> np.ndarray:
    return gaussian_pool(
        as_c_order(block), size, sigma, axes=axes, mode=mode, cval=cval,
        method=method, workers=workers,
    )  # fmt: skip


def _dask_pool(
    x: Any,
    size: Any,
    sigma: Any,
    axes: Any,
    mode: Any,
    cval: Any,
    method: Any,
    workers: Workers,
) -> Any:
    """gaussian_pool of a dask array: lazily, block by block.

    The chunks of the pooled axes are aligned to the pool size (each chunk
    a whole number of blocks, the trailing partial block with the last
    full one), so every output value is computed from one input block
    exactly as in the call on the whole array.  'wrap' completes the
    trailing partial block from the start of the axis: that piece is
    appended to the axis first.  The blocks are given in C order (the
    order of the array dask computes), and the last axis longer than 1,
    along which the core sums first, gets chunks of at least 2.
    """
    import dask.array as da

    check_chunks("gaussian_pool", x)
    ndim = x.ndim
    # the pooled axes and sizes, for the probe's shape (its errors are the
    # numpy call's own)
    try:
        ax = (axes,) if isinstance(axes, numbers.Integral) else tuple(axes)
        ax = tuple(operator.index(a) % ndim for a in ax if -ndim <= a < ndim)
        sizes = _normalize_sequence(size, len(ax), "size", ValueError, "pooled axis")
        sizes = [operator.index(s) for s in sizes]
        cap = max([1, *sizes])
    except (TypeError, ValueError, ZeroDivisionError):
        ax, sizes, cap = (), [], 1
    pshape = [min(n, cap) if a in ax else min(n, 1) for a, n in enumerate(x.shape)]
    normalize_workers(workers)  # (its errors)
    probe = gaussian_pool(
        np.zeros(pshape, x.dtype), size, sigma, axes=axes, mode=mode, cval=cval,
        method=method, workers=1,
    )  # fmt: skip
    wrap = isinstance(mode, str) and mode in ("wrap", "grid-wrap")
    chunks = list(x.chunks)
    for a, s in zip(ax, sizes, strict=True):
        n = x.shape[a]
        if wrap and n % s:
            head = [slice(None)] * ndim
            head[a] = slice(0, s - n % s)
            x = da.concatenate([x, x[tuple(head)]], axis=a)
            n = x.shape[a]
            chunks[a] = x.chunks[a]
        chunks[a] = _aligned_chunks(chunks[a], s, n)
    line = max((a for a in range(ndim) if x.shape[a] > 1), default=None)
    if line is not None and min(chunks[line]) < 2:
        chunks[line] = merge_small_chunks(chunks[line], 2)
    if tuple(chunks) != x.chunks:
        x = x.rechunk(tuple(chunks))
    trim = isinstance(mode, str) and mode == "trim"
    full = {a: s for a, s in zip(ax, sizes, strict=True)}
    out_chunks = tuple(
        tuple((c // full[a] if trim else -(-c // full[a])) for c in cs)
        if a in full
        else cs
        for a, cs in enumerate(x.chunks)
    )
    return da.map_blocks(
        _pool_block, x, size, sigma, axes, mode, cval, method, task_workers(workers),
        dtype=probe.dtype, chunks=out_chunks, meta=probe[(slice(0, 0),) * ndim],
    )  # fmt: skip
