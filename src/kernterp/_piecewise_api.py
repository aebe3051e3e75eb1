"""Piecewise interpolation on one lookup engine: interp, CubicSpline, interp1d.

Every function here finds the interval of each query with the C lookup
engine (``kernterp/lookup.h``): a branch-free binary search for unsorted
queries, a walk for sorted ones (detected per block of 1024 queries), and
O(1) index arithmetic with a correction step for uniform knots.  All paths
give the same interval, so results never depend on the path or on
``workers``.

Private hook (for tests): the ``_path`` keyword of :func:`_interp_impl`
and of ``CubicSpline._eval_path`` forces one path of the engine
(``PATH_AUTO``, ``PATH_SEARCH``, ``PATH_SORTED``, ``PATH_UNIFORM``).
"""

from __future__ import annotations

import numpy as np

from kernterp import _lookup
from kernterp._workers import normalize_workers

__all__ = ["interp"]

PATH_AUTO, PATH_SEARCH, PATH_SORTED, PATH_UNIFORM = 0, 1, 2, 3

# below this many queries the engine runs on one thread
_SERIAL = 32768

_f32 = np.dtype(np.float32)
_f64 = np.dtype(np.float64)


def _nthreads(workers, m):
    if workers is None:
        return 1 if m < _SERIAL else normalize_workers(None)
    return normalize_workers(workers)


def _real_scalar(v, name):
    """numpy.interp's conversion of left / right (PyFloat_AsDouble)."""
    if isinstance(v, (str, bytes)):
        raise TypeError(f"{name} must be a real number, not {type(v).__name__}")
    return float(v)


def _interp_impl(x, xp, fp, left, right, period, workers, path):
    fp = np.asarray(fp)
    is_complex = np.iscomplexobj(fp)
    if is_complex:
        dt = _f64
    else:
        xa = np.asarray(x)
        xpa = np.asarray(xp)
        f32 = xa.dtype == _f32 and xpa.dtype == _f32 and fp.dtype == _f32
        dt = _f32 if f32 else _f64
    fdt = np.dtype(np.complex128) if is_complex else dt
    x = np.asarray(x, dtype=dt)
    xp = np.asarray(xp, dtype=dt)
    fp = np.asarray(fp, dtype=fdt)
    if xp.ndim != 1 or fp.ndim != 1:
        raise ValueError(
            f"xp and fp must be 1-D sequences (got {xp.ndim}-D xp and {fp.ndim}-D fp)"
        )
    if xp.shape[0] != fp.shape[0]:
        raise ValueError(
            f"fp and xp are not of the same length ({fp.shape[0]} and {xp.shape[0]})"
        )
    if xp.shape[0] == 0:
        raise ValueError("array of sample points is empty")
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
        left = right = None
        # numpy's normalisation: everything into [0, period), knots sorted,
        # one knot repeated beyond each end
        x = x % dt.type(period)
        xp = xp % dt.type(period)
        order = np.argsort(xp)
        xp = xp[order]
        fp = fp[order]
        xp = np.concatenate((xp[-1:] - dt.type(period), xp, xp[:1] + dt.type(period)))
        fp = np.concatenate((fp[-1:], fp, fp[:1]))
    if not xp.flags.c_contiguous:
        xp = np.ascontiguousarray(xp)
    shape = x.shape
    if x.ndim != 1:
        x = x.reshape(-1)  # a view when x is contiguous
    m = x.shape[0]
    nthreads = _nthreads(workers, m)
    if is_complex:
        lo = fp[0] if left is None else complex(left)
        hi = fp[-1] if right is None else complex(right)
        out = np.empty(m, np.complex128)
        for part in ("real", "imag"):
            _lookup.interp(
                x,
                xp,
                getattr(fp, part),
                getattr(lo, part),
                getattr(hi, part),
                getattr(out, part),
                True,
                path,
                nthreads,
            )
    else:
        lo = fp[0] if left is None else _real_scalar(left, "left")
        hi = fp[-1] if right is None else _real_scalar(right, "right")
        out = _lookup.interp(x, xp, fp, lo, hi, np.empty(m, dt), False, path, nthreads)
    if len(shape) == 0:
        return out[0]
    return out.reshape(shape)


def interp(x, xp, fp, left=None, right=None, period=None, *, workers=None):
    """One-dimensional piecewise linear interpolation (``numpy.interp``).

    The same semantics and, in float64, bit for bit the same results as
    ``numpy.interp``: the interpolant of the points ``(xp, fp)`` at ``x``,
    ``left`` / ``right`` outside ``[xp[0], xp[-1]]``, a knot's own value at
    a knot (the last of equal knots), NaN for a NaN query, complex ``fp``,
    and a ``period`` for angular data.

    Parameters
    ----------
    x : array_like
        The query coordinates.
    xp : 1-D sequence of float
        The knots, increasing (not checked, as in numpy; with `period`, any
        order).
    fp : 1-D sequence of float or complex
        The values at the knots, as long as `xp`.
    left : float or complex, optional
        Value for ``x < xp[0]``; ``fp[0]`` by default.
    right : float or complex, optional
        Value for ``x > xp[-1]``; ``fp[-1]`` by default.
    period : float, optional
        Period of the x-coordinates (`left` and `right` are then ignored).
    workers : int, optional
        Threads for large `x` (``None``: all cores; results do not depend
        on it).  Keyword-only; not in numpy.

    Returns
    -------
    y : float, complex or ndarray
        Shape of `x`.  float32 when `x`, `xp` and `fp` are all float32
        (computed in float32; numpy would return float64), complex128 for
        complex `fp`, float64 otherwise.

    Raises
    ------
    ValueError
        If `xp` or `fp` is not 1-D, their lengths differ, they are empty,
        or `period` is 0.

    Notes
    -----
    The interval of each query is found by the lookup engine: a
    branch-free binary search, a walk for sorted runs of queries, or index
    arithmetic for uniformly spaced knots (checked once per call, with a
    correction step so that every path finds the same interval).

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import interp
    >>> xp = [1.0, 2.0, 3.0]
    >>> fp = [3.0, 2.0, 0.0]
    >>> float(interp(2.5, xp, fp))
    1.0
    >>> interp([0, 1, 1.5, 2.72, 3.14], xp, fp)
    array([3.  , 3.  , 2.5 , 0.56, 0.  ])
    >>> bool(np.array_equal(interp([0.5, 2.2], xp, fp), np.interp([0.5, 2.2], xp, fp)))
    True
    >>> interp(np.float32([1.5]), np.float32(xp), np.float32(fp)).dtype
    dtype('float32')
    """
    if (
        (type(x) is float or type(x) is np.float64)
        and period is None
        and type(xp) is np.ndarray
        and type(fp) is np.ndarray
        and (left is None or type(left) is float)
        and (right is None or type(right) is float)
    ):
        # lean path for one query (a Python float, the loop-over-points use)
        if workers is not None:
            normalize_workers(workers)
        r = _lookup.interp1(x, xp, fp, left, right)
        if r is not None:
            return _f64.type(r)
    return _interp_impl(x, xp, fp, left, right, period, workers, PATH_AUTO)
