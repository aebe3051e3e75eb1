"""Piecewise interpolation on one lookup engine: interp, CubicSpline, interp1d.

Every function here finds the interval of each query with the C lookup
engine (``kernterp/lookup.h``): a branch-free binary search for unsorted
queries, a walk for sorted ones (detected per block of 1024 queries), and
O(1) index arithmetic with a correction step for uniform knots.  All paths
give the same interval, so results never depend on the path or on
``workers``.

The thread count is the C plan's: ``workers`` is an upper bound, and the
plan keeps small calls on one thread (``kt__thread_count``); ``None`` (all
cores) reaches the binding as 0, which counts the cores only for a plan that
wants threads.

Private hook (for tests): the ``path`` argument of :func:`_interp_impl`
and of :func:`_ppoly_call` forces one path of the engine (``PATH_AUTO``,
``PATH_SEARCH``, ``PATH_SORTED``, ``PATH_UNIFORM``, ``PATH_GUESS``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    SupportsIndex,
    TypeVar,
    overload,
)

import numpy as np

# scipy's classes, captured when this module is imported: the fallbacks never
# look them up on scipy.interpolate later, where a name may be kernterp's
from scipy.interpolate import CubicSpline as _ScipyCubicSpline
from scipy.interpolate import PPoly as _ScipyPPoly
from scipy.interpolate import interp1d as _ScipyInterp1d

from kernterp import _lookup
from kernterp._dask import is_dask, map_points, task_workers
from kernterp._support import normalize_workers, refuse_foreign, to_reference

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from kernterp._typing import CVal, Real, Workers

    #: real values: float64 results (complex values: complex128)
    _RealData = (
        NDArray[np.floating[Any] | np.integer[Any] | np.bool]
        | Sequence[float]
        | Sequence[Sequence[float]]
    )
    #: a query point that is not float32: a float64 result
    _F64Point = float | np.float64 | np.integer[Any] | int
    _Extrapolate = bool | Literal["periodic"] | None

#: a CubicSpline's value type: float64, or complex128 for complex data
_SplineT = TypeVar("_SplineT", np.float64, np.complex128)

__all__ = ["CubicSpline", "interp", "interp1d"]

PATH_AUTO, PATH_SEARCH, PATH_SORTED, PATH_UNIFORM, PATH_GUESS = 0, 1, 2, 3, 4

_f32: np.dtype[Any] = np.dtype(np.float32)
_f64: np.dtype[Any] = np.dtype(np.float64)


def _nthreads(workers: Workers) -> int:
    """``workers`` for the binding: at most that many threads; None (all
    cores) is 0, which the binding resolves only when the C plan wants more
    than one thread (counting the cores costs about a microsecond)."""
    return 0 if workers is None else normalize_workers(workers)


def _real_scalar(v: Any, name: str) -> float:
    """numpy.interp's conversion of left / right (PyFloat_AsDouble)."""
    if isinstance(v, (str, bytes)):
        raise TypeError(f"{name} must be a real number, not {type(v).__name__}")
    return float(v)


try:  # numpy's own interp, captured now: a fallback never looks it up later
    from numpy.lib._function_base_impl import interp as _np_interp
except ImportError:  # pragma: no cover - numpy 1.x
    from numpy.lib.function_base import (  # type: ignore[import-not-found, no-redef]  # numpy 1.x's
        interp as _np_interp,
    )


def _numpy_decides(
    x: Any, xp: Any, fp: Any, left: Any, right: Any, period: Any = None
) -> bool:
    """Inputs whose outcome is numpy's own to give: complex or extended
    precision points or extended precision values (numpy raises TypeError),
    a NaN among the knots (numpy's
    search then decides where NaN spreads), a string for the complex
    `left` / `right` (TypeError), no knots (numpy < 2.5 raises, numpy >= 2.5
    returns an empty result for no queries)."""
    for a in (x, xp):
        dt = np.asarray(a).dtype
        if dt.kind == "c" or (dt.kind == "f" and dt.itemsize > 8) or dt.kind == "O":
            return True
    dt = np.asarray(fp).dtype  # extended precision values: a TypeError there
    if dt.kind in "fc" and dt.itemsize > (16 if dt.kind == "c" else 8):
        return True
    if isinstance(period, (np.generic, np.ndarray)) and np.abs(period).itemsize > 8:
        return True  # an extended precision period: the same TypeError
    if np.iscomplexobj(fp) and isinstance(left, (str, bytes)):
        return True
    if np.iscomplexobj(fp) and isinstance(right, (str, bytes)):
        return True
    xpa = np.asarray(xp)
    if xpa.size == 0:
        return True
    return xpa.dtype.kind == "f" and bool(np.isnan(xpa).any())


def _interp_impl(
    x: Any,
    xp: Any,
    fp: Any,
    left: Any,
    right: Any,
    period: Any,
    workers: Workers,
    path: int,
) -> Any:
    if period is not None:
        # numpy checks the period before the arrays
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
    if _numpy_decides(x, xp, fp, left, right, period):
        out = _np_interp(x, xp, fp, left, right, period)
        if all(np.asarray(a).dtype == _f32 for a in (x, xp, fp)):
            # all float32: a float32 result, whatever the knots hold
            out = out.astype(_f32) if isinstance(out, np.ndarray) else _f32.type(out)
        return out
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
        left = right = None
        # numpy's normalisation, in numpy's float64 arithmetic: everything
        # into [0, period), knots sorted, one knot repeated beyond each end
        x = x.astype(_f64, copy=False) % period
        xp = xp.astype(_f64, copy=False) % period
        order = np.argsort(xp)
        xp = xp[order]
        fp = fp[order]
        xp = np.concatenate((xp[-1:] - period, xp, xp[:1] + period))
        fp = np.concatenate((fp[-1:], fp, fp[:1]))
        if np.isnan(xp).any():
            # (a non-finite period) NaN knots: numpy's search decides
            out = _np_interp(x, xp, fp)
            return out.astype(dt) if dt == _f32 else out
        if dt == _f32:
            # float32 data: interpolated in float64 (the normalised x and
            # knots are not float32 numbers; rounded, the phase of large x
            # shifts and distinct knots merge), the result rounded
            fp = fp.astype(_f64)
            out = _interp_impl(x, xp, fp, None, None, None, workers, path)
            return out.astype(_f32)
    if not xp.flags.c_contiguous:
        xp = np.ascontiguousarray(xp)
    shape = x.shape
    if x.ndim != 1:
        x = x.reshape(-1)  # a view when x is contiguous
    m = x.shape[0]
    nthreads = _nthreads(workers)
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
        # a NaN query gives nan + 0j, as numpy's complex interp does (but
        # fp[0] for a single knot)
        nan_x = np.isnan(x)
        if xp.shape[0] > 1 and nan_x.any():
            out.imag[nan_x] = 0.0
    else:
        lo = fp[0] if left is None else _real_scalar(left, "left")
        hi = fp[-1] if right is None else _real_scalar(right, "right")
        out = _lookup.interp(x, xp, fp, lo, hi, np.empty(m, dt), False, path, nthreads)
    if len(shape) == 0:
        return out[0]
    return out.reshape(shape)


@overload
def interp(
    x: NDArray[np.float32],
    xp: NDArray[np.float32],
    fp: NDArray[np.float32],
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> NDArray[np.float32]: ...


@overload
def interp(
    x: _F64Point,
    xp: ArrayLike,
    fp: _RealData,
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> np.float64: ...


@overload
def interp(
    x: NDArray[np.float64 | np.integer[Any]] | Sequence[float],
    xp: ArrayLike,
    fp: _RealData,
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def interp(
    x: _F64Point,
    xp: ArrayLike,
    fp: NDArray[np.complexfloating[Any, Any]],
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> np.complex128: ...


@overload
def interp(
    x: ArrayLike,
    xp: ArrayLike,
    fp: NDArray[np.complexfloating[Any, Any]],
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> NDArray[np.complex128]: ...


@overload
def interp(
    x: ArrayLike,
    xp: ArrayLike,
    fp: ArrayLike,
    left: CVal | None = None,
    right: CVal | None = None,
    period: Real | None = None,
    *,
    workers: Workers = None,
) -> Any: ...


def interp(
    x: Any,
    xp: Any,
    fp: Any,
    left: Any = None,
    right: Any = None,
    period: Any = None,
    *,
    workers: Workers = None,
) -> Any:
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
    if is_dask(x) or is_dask(xp) or is_dask(fp):
        return _dask_interp(x, xp, fp, left, right, period, workers)
    if to_reference(x, xp, fp):
        return _np_interp(x, xp, fp, left, right, period)
    return _interp_impl(x, xp, fp, left, right, period, workers, PATH_AUTO)


# ---- piecewise polynomials: CubicSpline ----------------------------------------

_BC_CODES = {"not-a-knot": 0, "periodic": 3}
_PP_DTYPES = (_f64, np.dtype(np.complex128))

# A PPoly's breakpoints and coefficients live in a different place in each
# scipy (private state, read only here):
#   scipy 1.15, 1.16: the object's own slots ``x`` and ``c``;
#   scipy 1.17: slots ``_x`` and ``_c`` (``x`` / ``c`` are properties that
#     convert to the caller's array namespace);
#   scipy 1.18: the object is a front for ``_delegate_to``, a NumPy PPoly
#     holding ``x`` and ``c`` and the evaluator (no slots).
# Every version has ``_ensure_c_contiguous`` and ``_evaluate`` on the object
# that holds the arrays.


def _pp_state(pp: Any) -> Any:
    """The object holding `pp`'s NumPy arrays: `pp` itself or its delegate."""
    return pp.__dict__.get("_delegate_to", pp) if hasattr(pp, "__dict__") else pp


def _pp_x(state: Any) -> Any:
    x = getattr(state, "_x", None)
    return state.x if x is None else x


def _pp_c(state: Any) -> Any:
    c = getattr(state, "_c", None)
    return state.c if c is None else c


def _pp_adopt(self: Any, c: np.ndarray, x: np.ndarray, extrapolate: Any) -> None:
    """Make `self` (a PPoly subclass) the piecewise polynomial (c, x) without
    PPoly.__init__'s O(n) re-checks: the state construct_fast makes, copied."""
    fast = _ScipyPPoly.construct_fast(c, x, extrapolate, axis=0)
    for k in type(fast).__mro__:
        for name in getattr(k, "__slots__", ()):
            if name not in ("__dict__", "__weakref__") and hasattr(fast, name):
                setattr(self, name, getattr(fast, name))
    if hasattr(fast, "__dict__"):  # scipy >= 1.18: the front's state
        self.__dict__.update(vars(fast))


def _ppoly_call(
    pp: Any, x: Any, nu: Any, extrapolate: Any, workers: Workers, path: int
) -> NDArray[Any]:
    """``pp(x, nu, extrapolate)`` for a PPoly-like object on the lookup engine.

    The same steps as scipy's PPoly.__call__ (flatten, periodic wrap,
    evaluate, reshape, move the interpolation axis back); the evaluation is
    kernterp's, except for antiderivative orders (``nu < 0``) and data the
    engine does not take (decreasing breakpoints, other dtypes), which go to
    scipy's own evaluator.
    """
    if extrapolate is None:
        extrapolate = pp.extrapolate
    x = np.asarray(x)
    x_shape, x_ndim = x.shape, x.ndim
    x = np.ascontiguousarray(x.ravel(), dtype=np.float64)
    state = _pp_state(pp)
    xb = _pp_x(state)
    if extrapolate == "periodic":
        x = xb[0] + (x - xb[0]) % (xb[-1] - xb[0])
        extrapolate = False
    state._ensure_c_contiguous()
    c = _pp_c(state)
    xb = _pp_x(state)
    tail = c.shape[2:]
    out = np.empty((len(x), math.prod(tail)), dtype=c.dtype)
    # scipy's evaluator takes nu as a C int: a float is truncated
    nu = int(nu) if isinstance(nu, (float, np.floating)) else operator.index(nu)
    fast = (
        nu >= 0
        and c.dtype in _PP_DTYPES
        and xb.dtype == _f64
        and xb.ndim == 1
        and len(xb) >= 2
        and float(xb[0]) <= float(xb[-1])
        and out.size > 0
    )
    if not fast:
        state._evaluate(x, nu, extrapolate, out)
    else:
        k = c.shape[0]
        c3 = c.reshape(k, c.shape[1], -1)
        if nu >= k:
            c3 = np.zeros((1,) + c3.shape[1:], c3.dtype)
        elif nu > 0:
            # d^nu/dx^nu of sum_p c[p] (x - xb)^(k-1-p): the first k - nu rows,
            # each times the falling factorial (k-1-p)! / (k-1-p-nu)!
            powers = np.arange(k - 1, nu - 1, -1, dtype=np.float64)
            fac = np.ones(k - nu)
            for q in range(nu):
                fac *= powers - q
            c3 = c3[: k - nu] * fac[:, None, None]
        if c3.dtype != _f64:
            c3 = np.ascontiguousarray(c3).view(_f64)
            o = out.view(_f64)
        else:
            o = out
        if not c3.flags.c_contiguous:
            c3 = np.ascontiguousarray(c3)
        _lookup.ppoly_eval(
            c3,
            xb,
            x,
            bool(extrapolate),
            path,
            _nthreads(workers),
            o,
        )
    if out.dtype.kind == "c":
        # NaN, and points outside without extrapolation, are nan + 0j (scipy)
        bad = np.isnan(x)
        if not extrapolate:
            bad |= (x < xb[0]) | (x > xb[-1])
        if bad.any():
            out[bad] = complex(np.nan, 0.0)
    out = out.reshape(x_shape + tail)
    if pp.axis != 0:
        order = list(range(out.ndim))
        order = (
            order[x_ndim : x_ndim + pp.axis]
            + order[:x_ndim]
            + order[x_ndim + pp.axis :]
        )
        out = out.transpose(order)
    return out


def _spline_bc(bc_type: Any, y: Any, axis: int) -> Any:
    """CubicSpline's boundary conditions -> ((code, values), (code, values)), y."""
    deriv_shape = y.shape[1:]
    if isinstance(bc_type, str):
        if bc_type == "periodic" and not np.allclose(
            y[0], y[-1], rtol=1e-15, atol=1e-15
        ):
            raise ValueError(
                f"The first and last `y` point along axis {axis} must be identical "
                "(within machine precision) when bc_type='periodic'."
            )
        bc_type = (bc_type, bc_type)
    else:
        if len(bc_type) != 2:
            raise ValueError(
                "`bc_type` must contain 2 elements to specify start and end conditions."
            )
        if "periodic" in bc_type:
            raise ValueError(
                "'periodic' `bc_type` is defined for both curve ends and cannot be "
                "used with other boundary conditions."
            )
    out: list[tuple[int, Any]] = []
    for bc in bc_type:
        if isinstance(bc, str):
            if bc == "clamped":
                out.append((1, np.zeros(deriv_shape)))
            elif bc == "natural":
                out.append((2, np.zeros(deriv_shape)))
            elif bc in _BC_CODES:
                out.append((_BC_CODES[bc], None))
            else:
                raise ValueError(f"bc_type={bc} is not allowed.")
            continue
        try:
            order, value = bc
        except Exception as e:
            raise ValueError(
                "A specified derivative value must be given in the form (order, value)."
            ) from e
        if order not in (1, 2):
            raise ValueError("The specified derivative order must be 1 or 2.")
        value = np.asarray(value)
        if value.shape != deriv_shape:
            raise ValueError(
                f"`deriv_value` shape {value.shape} is not the expected one "
                f"{deriv_shape}."
            )
        if np.iscomplexobj(value):
            y = y.astype(np.complex128, copy=False)
        out.append((int(order), value))
    return out, y


def _spline_input(x: Any, y: Any, axis: Any) -> Any:
    """scipy's input checks for CubicSpline; returns x, y (axis first), axis."""
    x = np.asarray(x)
    y = np.asarray(y)
    if np.iscomplexobj(x):
        raise ValueError("`x` must contain real values.")
    x = x.astype(np.float64, copy=False)
    dt = np.complex128 if np.iscomplexobj(y) else np.float64
    y = y.astype(dt, copy=False)
    axis = axis % y.ndim
    if x.ndim != 1:
        raise ValueError("`x` must be 1-dimensional.")
    if x.shape[0] < 2:
        raise ValueError("`x` must contain at least 2 elements.")
    if x.shape[0] != y.shape[axis]:
        raise ValueError(
            f"The length of `y` along `axis`={axis} doesn't match the length of `x`"
        )
    if not np.isfinite(x).all():
        raise ValueError("`x` must contain only finite values.")
    if not np.isfinite(y).all():
        raise ValueError("`y` must contain only finite values.")
    if (x[1:] <= x[:-1]).any():
        raise ValueError("`x` must be strictly increasing sequence.")
    # (the solver takes contiguous knots; scipy's PPoly keeps such a copy)
    return np.ascontiguousarray(x), np.moveaxis(y, axis, 0), axis


def _as_real_columns(a: NDArray[Any], n: int) -> NDArray[np.float64]:
    """(n, ...) float64/complex128 -> C-contiguous (n, ncols) float64.

    Complex data become two real columns each."""
    a = np.ascontiguousarray(a.reshape(n, -1))
    return a.view(_f64) if a.dtype != _f64 else a


class CubicSpline(_ScipyCubicSpline, Generic[_SplineT]):  # type: ignore[misc]  # scipy is untyped: its class is Any
    """Cubic spline data interpolator (``scipy.interpolate.CubicSpline``).

    A subclass of scipy's class: the same constructor, attributes (``x``,
    ``c`` in the ``(4, n-1, ...)`` layout, ``axis``, ``extrapolate``) and
    methods (``derivative``, ``antiderivative``, ``integrate``, ``roots``,
    ``solve``, which are scipy's).  The coefficients come from kernterp's
    O(n) tridiagonal solver (no matrix is stored), and evaluation, also of
    the objects ``derivative()`` / ``antiderivative()`` return, runs on the
    lookup engine.

    Parameters
    ----------
    x : array_like, shape (n,)
        Strictly increasing, finite knots.
    y : array_like
        Values, with ``n`` along `axis`; complex allowed.
    axis : int, optional
        Axis of `y` along which it varies with `x`.
    bc_type : str or 2-tuple, optional
        ``'not-a-knot'`` (default), ``'periodic'``, ``'clamped'``,
        ``'natural'``, or a pair of end conditions, each a string or
        ``(order, value)`` with order 1 or 2.
    extrapolate : {bool, 'periodic', None}, optional
        Out-of-range behaviour; ``None``: ``'periodic'`` for a periodic
        spline, else True.

    Raises
    ------
    ValueError
        For the inputs scipy rejects (non-increasing or non-finite `x`,
        fewer than 2 points, mismatched lengths, a bad `bc_type`, periodic
        data whose ends differ), with scipy's messages.

    Notes
    -----
    Values and dtypes are scipy's (float64 or complex128); they agree with
    scipy's to rounding (the system is solved by a different, equally
    stable elimination).  Evaluation takes a keyword-only ``workers``.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import CubicSpline
    >>> x = np.linspace(-3, 3, 11)
    >>> cs = CubicSpline(x, np.exp(-x**2))
    >>> cs.c.shape
    (4, 10)
    >>> round(float(cs(0.3)), 6)
    0.909408
    >>> round(float(cs.derivative()(0.3)), 6), round(float(cs(0.3, nu=1)), 6)
    (-0.553911, -0.553911)
    >>> round(float(cs.integrate(-3, 3)), 6)  # the exact value is sqrt(pi) = 1.772454
    1.774482
    >>> import scipy.interpolate
    >>> ref = scipy.interpolate.CubicSpline(x, np.exp(-x**2))
    >>> bool(np.allclose(cs(x + 0.1), ref(x + 0.1), rtol=0, atol=1e-14))
    True
    """

    _reference = False  # built by scipy's own constructor (see __init__)

    @overload
    def __init__(
        self: CubicSpline[np.float64],
        x: ArrayLike,
        y: _RealData,
        axis: int = 0,
        bc_type: str | tuple[Any, Any] = "not-a-knot",
        extrapolate: _Extrapolate = None,
    ) -> None: ...

    @overload
    def __init__(
        self: CubicSpline[np.complex128],
        x: ArrayLike,
        y: NDArray[np.complexfloating[Any, Any]],
        axis: int = 0,
        bc_type: str | tuple[Any, Any] = "not-a-knot",
        extrapolate: _Extrapolate = None,
    ) -> None: ...

    @overload
    def __init__(
        self: CubicSpline[Any],
        x: ArrayLike,
        y: ArrayLike,
        axis: int = 0,
        bc_type: str | tuple[Any, Any] = "not-a-knot",
        extrapolate: _Extrapolate = None,
    ) -> None: ...

    def __init__(
        self,
        x: Any,
        y: Any,
        axis: int = 0,
        bc_type: str | tuple[Any, Any] = "not-a-knot",
        extrapolate: _Extrapolate = None,
    ) -> None:
        if to_reference(x, y):
            self._reference = True
            _ScipyCubicSpline.__init__(self, x, y, axis, bc_type, extrapolate)
            return
        args = (x, y, axis, bc_type, extrapolate)
        x, y, axis = _spline_input(x, y, axis)
        n = len(x)
        bc, y = _spline_bc(bc_type, y, axis)
        if extrapolate is None:
            extrapolate = "periodic" if bc[0][0] == 3 else True
        tail = y.shape[1:]
        if y.size == 0:
            c = np.zeros((4, n - 1) + tail, y.dtype)
        else:
            yc = _as_real_columns(y, n)
            vals: list[NDArray[np.float64] | None] = []
            for _code, v in bc:
                if v is None:
                    vals.append(None)
                else:
                    vals.append(
                        _as_real_columns(np.asarray(v, y.dtype).reshape(1, -1), 1)
                    )
            c = _lookup.cubic_spline(x, yc, bc[0][0], vals[0], bc[1][0], vals[1])
            with np.errstate(all="ignore"):
                # the slopes at the knots (scipy's dydx): at the left ends,
                # and at the last knot.  Not finite (knots or values spread
                # over hundreds of orders of magnitude): scipy's own
                # construction decides (its spline, or its ValueError or
                # LinAlgError)
                h = x[-1] - x[-2]
                last = (3 * c[0, -1] * h + 2 * c[1, -1]) * h + c[2, -1]
                if not (np.isfinite(c[2]).all() and np.isfinite(last).all()):
                    self._reference = True
                    _ScipyCubicSpline.__init__(self, *args)
                    return
            if y.dtype != _f64:
                c = c.view(y.dtype)
            c = c.reshape((4, n - 1) + tail)
        # c and x are already what PPoly.__init__ would make of them (and its
        # O(n) re-checks would only cost time): take construct_fast's state
        _pp_adopt(self, c, x, extrapolate)
        self.axis = axis

    def __call__(
        self,
        x: ArrayLike,
        nu: SupportsIndex = 0,
        extrapolate: _Extrapolate = None,
        *,
        workers: Workers = None,
    ) -> NDArray[_SplineT]:
        """Evaluate the spline (or its `nu`-th derivative) at `x`.

        As ``scipy.interpolate.PPoly.__call__``; ``workers`` (keyword-only)
        sets the threads for large `x` (None: all cores).
        """
        if is_dask(x) and not self._reference:
            return _dask_ppoly(self, x, nu, extrapolate, workers)
        if self._reference or to_reference(x):
            return _ScipyCubicSpline.__call__(self, x, nu, extrapolate)
        return _ppoly_call(self, x, nu, extrapolate, workers, PATH_AUTO)


# ---- interp1d -------------------------------------------------------------------

# scipy 1.18 computes interp1d's 'linear' (on N-D y, or extrapolating) as the
# weighted sum of the two neighbours, exact at the knots (gh-24281), where
# earlier scipy took slope * (x - x_lo) + y_lo, which kernterp evaluates on the
# engine as a piecewise polynomial.  With scipy >= 1.18 kernterp keeps scipy's
# formula, with the lookup engine's intervals: the same results bit for bit.
_LINEAR_TWO_WEIGHTS = tuple(
    int(v) for v in __import__("scipy").__version__.split(".")[:2]
) >= (1, 18)


class interp1d(_ScipyInterp1d):  # type: ignore[misc]  # noqa: N801  (scipy's name; scipy is untyped: its class is Any)
    """Interpolate a 1-D function (``scipy.interpolate.interp1d``).

    A subclass of scipy's class: the same constructor, attributes, kinds
    (``'linear'``, ``'nearest'``, ``'nearest-up'``, ``'zero'``,
    ``'slinear'``, ``'quadratic'``, ``'cubic'``, ``'previous'``,
    ``'next'``, an integer spline order), sorting (unless `assume_sorted`),
    ``fill_value`` (scalar, ``(below, above)`` or ``"extrapolate"``) and
    ``bounds_error`` rules, with scipy's errors.  The spline kinds (and
    ``'linear'``) are evaluated on kernterp's lookup engine in
    piecewise-polynomial form (``'cubic'``: from kernterp's not-a-knot
    solver, the same spline as scipy's not-a-knot B-spline; other orders:
    scipy's B-spline converted once), so each query is an interval lookup
    and a polynomial evaluation instead of de Boor's recursion.  The other
    kinds are scipy's own.

    Parameters
    ----------
    x, y, kind, axis, copy, bounds_error, fill_value, assume_sorted
        As ``scipy.interpolate.interp1d``.

    Notes
    -----
    Results agree with scipy's to rounding (the same polynomial pieces,
    evaluated as scipy's PPoly does); ``'linear'`` on 1-D float64 data without
    extrapolation is ``numpy.interp``'s, bit for bit, as in scipy.  Calls
    take a keyword-only ``workers``.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import interp1d
    >>> x = np.linspace(-3, 3, 11)
    >>> f = interp1d(x, np.exp(-x**2), kind="cubic")
    >>> round(float(f(0.3)), 6)
    0.909408
    >>> g = interp1d(x, np.exp(-x**2), kind="linear", fill_value="extrapolate")
    >>> round(float(g(3.3)), 6)
    -0.00139
    """

    # the engine's (xb, c, complex) when it evaluates this interpolant, else
    # None (then scipy's own evaluation; _kt_eval is called only when set)
    _kt_pp: Any

    def __init__(
        self,
        x: ArrayLike,
        y: ArrayLike,
        kind: str | int = "linear",
        axis: int = -1,
        copy: bool = True,
        bounds_error: bool | None = None,
        fill_value: ArrayLike
        | tuple[ArrayLike, ArrayLike]
        | Literal["extrapolate"] = np.nan,
        assume_sorted: bool = False,
    ) -> None:
        self._kt_pp = None
        self._kt_lin_ok: bool | None = None
        # another array library's arrays: scipy's class throughout
        self._reference = to_reference(x, y)
        super().__init__(
            x,
            y,
            kind=kind,
            axis=axis,
            copy=copy,
            bounds_error=bounds_error,
            fill_value=fill_value,
            assume_sorted=assume_sorted,
        )
        if self._reference:
            return
        try:
            self._kt_pp = self._kt_ppoly()
        except (ValueError, TypeError, AttributeError):  # pragma: no cover
            self._kt_pp = None

    def _kt_ppoly(self) -> tuple[NDArray[np.float64], NDArray[np.float64], bool] | None:
        """(xb, c (k, nint, ncols) float64, complex) for the engine, or None.

        None (scipy's own evaluation) also for empty columns, and for values
        that are not finite: scipy's B-spline and slope forms carry an inf to
        its neighbours where a polynomial form would give inf - inf = NaN."""
        base = _ScipyInterp1d
        call = self._call
        yv = np.asarray(self._y)
        if yv.size == 0 or (yv.dtype.kind in "fc" and not np.isfinite(yv).all()):
            return None
        if yv.dtype.itemsize > (16 if yv.dtype.kind == "c" else 8):
            return None  # extended precision: scipy's results keep it
        scale = float(np.abs(yv).max())
        if call is base._call_spline:
            spl = self._spline
            t, k = np.asarray(spl.t), int(spl.k)
            if spl.c.dtype.kind not in "fc" or t.dtype != _f64:
                return None
            xd = np.asarray(self.x)
            if k in (1, 3) and xd.dtype == _f64 and len(xd) >= 4:
                # the interpolating spline of these knots is the linear one
                # (k=1), or the not-a-knot cubic spline (k=3), which the O(n)
                # solver gives directly: pieces between all data points
                yy = self._y.astype(spl.c.dtype, copy=False)
                if k == 1:
                    c = np.empty((2, len(xd) - 1) + yy.shape[1:], yy.dtype)
                    np.subtract(yy[1:], yy[:-1], out=c[0])
                    c[0] /= (xd[1:] - xd[:-1])[:, None]
                    c[1] = yy[:-1]
                else:
                    yc = _as_real_columns(yy, len(xd))
                    c = _lookup.cubic_spline(
                        np.ascontiguousarray(xd), yc, 0, None, 0, None
                    )
                    c = c.view(yy.dtype) if yy.dtype != _f64 else c
                return self._kt_pack(np.ascontiguousarray(xd), c, scale)
            # the pieces between the distinct breakpoints t[k] .. t[len(t)-k-1]:
            # Taylor coefficients at each left end (scipy's BSpline picks the
            # piece to the right of a knot, which is the one wanted)
            xb = np.ascontiguousarray(t[k : len(t) - k])
            if len(xb) < 2 or not (xb[1:] > xb[:-1]).all():
                return None
            left = xb[:-1]
            c = np.empty((k + 1, len(left)) + spl.c.shape[1:], spl.c.dtype)
            fact = 1.0
            for nu in range(k + 1):
                if nu > 0:
                    fact *= nu
                c[k - nu] = spl(left, nu=nu) / fact
        elif call is base._call_linear:
            if _LINEAR_TWO_WEIGHTS:
                return None  # see _kt_linear
            xb = np.asarray(self.x)
            yy = self._y
            if (
                xb.dtype != _f64
                or yy.dtype.kind not in "fc"
                or len(xb) < 2
                or not np.isfinite(xb).all()
                or not (xb[1:] > xb[:-1]).all()
            ):
                return None
            yy = yy.astype(np.complex128 if yy.dtype.kind == "c" else _f64, copy=False)
            c = np.empty((2, len(xb) - 1) + yy.shape[1:], yy.dtype)
            dx = (xb[1:] - xb[:-1]).reshape((-1,) + (1,) * (yy.ndim - 1))
            c[0] = (yy[1:] - yy[:-1]) / dx
            c[1] = yy[:-1]
            xb = np.ascontiguousarray(xb)
        else:
            return None
        return self._kt_pack(xb, c, scale)

    @staticmethod
    def _kt_pack(
        xb: NDArray[np.float64], c: NDArray[Any], scale: float
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], bool] | None:
        """(xb, c as (k, nint, real columns) float64 C-contiguous, complex?),
        or None (scipy's evaluation) when the pieces are not finite or
        ill-conditioned: a piece whose power-sum terms ``|c_j| h^j`` exceed
        the data's `scale` (max |y|) 4096-fold cancels (knots spread over
        many orders of magnitude), where de Boor's recursion does not."""
        with np.errstate(all="ignore"):
            if not np.isfinite(c).all():
                return None
            k = c.shape[0] - 1
            h = (xb[1:] - xb[:-1]).reshape((-1,) + (1,) * (c.ndim - 2))
            terms = sum(np.abs(c[r]) * h ** (k - r) for r in range(k + 1))
            if terms.size and not terms.max() <= 4096.0 * scale:
                return None
        cplx = c.dtype.kind == "c"
        c = np.ascontiguousarray(c.reshape(c.shape[0], c.shape[1], -1))
        if cplx:
            c = np.ascontiguousarray(c.astype(np.complex128, copy=False)).view(_f64)
        else:
            c = c.astype(_f64, copy=False)
        return xb, c, cplx

    def _kt_eval(self, x_new: Any, workers: Workers) -> NDArray[Any]:
        xb, c, cplx = self._kt_pp
        x_new = np.ascontiguousarray(x_new, dtype=_f64)
        out = _lookup.ppoly_eval(c, xb, x_new, True, PATH_AUTO, _nthreads(workers))
        if cplx:
            out = out.view(np.complex128)
        return out

    def __call__(self, x: ArrayLike, *, workers: Workers = None) -> NDArray[Any]:
        """Evaluate the interpolant at `x` (as scipy's ``interp1d.__call__``).

        ``workers`` (keyword-only) sets the threads for large `x`.
        """
        if is_dask(x) and not self._reference:
            return _dask_interp1d(self, x, workers)
        if self._reference or to_reference(x):
            return _ScipyInterp1d.__call__(self, x)
        x, x_shape = self._prepare_x(x)
        xdt = np.asarray(x).dtype  # (an array already)
        if xdt.kind == "f" and xdt.itemsize > 8:
            # extended precision points: scipy's evaluation (its 'linear'
            # computes in their precision, the result keeps it)
            return self._finish_y(self._evaluate(x), x_shape)
        if self._kt_pp is None:
            if self._call is _ScipyInterp1d._call_linear_np:
                # 1-D float64 'linear' without extrapolation: numpy.interp
                y = _interp_impl(
                    x, self.x, self.y, None, None, None, workers, PATH_AUTO
                )
                y = np.asarray(y)
                self._kt_fill(x, y)
                return self._finish_y(y, x_shape)
            if self._call is _ScipyInterp1d._call_linear and _LINEAR_TWO_WEIGHTS:
                y = self._kt_linear(x, workers)
                if y is not None:
                    self._kt_fill(x, y)
                    return self._finish_y(y, x_shape)
            return self._finish_y(self._evaluate(x), x_shape)
        y = self._kt_eval(x, workers)
        if self._call is _ScipyInterp1d._call_spline:
            # scipy's B-spline (de Boor's recursion) is NaN at x = +-inf
            inf = np.isinf(x)
            if inf.any():
                y[inf] = complex(np.nan, np.nan) if y.dtype.kind == "c" else np.nan
        self._kt_fill(x, y)
        return self._finish_y(y, x_shape)

    def _kt_linear(self, x_new: Any, workers: Workers) -> NDArray[Any] | None:
        """scipy >= 1.18's ``_call_linear`` with kernterp's interval lookup:
        the same indices and arithmetic, so the same bits; None where the
        lookup does not apply (knots not float64, finite and increasing,
        complex or object queries)."""
        xb = self.x
        if (
            type(xb) is not np.ndarray
            or xb.dtype != _f64
            or len(xb) < 2
            or np.asarray(x_new).dtype.kind not in "biuf"
        ):
            return None
        if self._kt_lin_ok is None:  # checked once per object
            self._kt_lin_ok = bool(np.isfinite(xb).all() and (xb[1:] > xb[:-1]).all())
        if not self._kt_lin_ok:
            return None
        xb = np.ascontiguousarray(xb)
        x_new = np.ascontiguousarray(x_new, dtype=_f64)
        # scipy's index: searchsorted(xb, x_new) (side 'left': at a knot the
        # interval to its left; NaN after every knot), clipped to [1, n - 1];
        # the engine's j is searchsorted(xb, x_new, 'right') - 1, NaN -1
        j = _lookup.lookup(x_new, xb, PATH_AUTO, _nthreads(workers))
        hi = j + 1
        hi[xb[np.maximum(j, 0)] == x_new] -= 1
        hi[np.isnan(x_new)] = len(xb)
        np.clip(hi, 1, len(xb) - 1, out=hi)
        lo = hi - 1
        x_lo, x_hi = xb[lo], xb[hi]
        y_lo, y_hi = self._y[lo], self._y[hi]
        return ((x_new - x_lo) / (x_hi - x_lo))[:, None] * y_hi + (
            (x_hi - x_new) / (x_hi - x_lo)
        )[:, None] * y_lo

    def _kt_fill(self, x: Any, y: NDArray[Any]) -> None:
        """scipy's bounds rules: raise, or fill the out-of-range rows."""
        if self._extrapolate:
            return
        if self.bounds_error or len(y) > 0:
            below, above = self._check_bounds(x)  # raises as scipy does
            if len(y) > 0:
                if below.any():
                    y[below] = self._fill_value_below
                if above.any():
                    y[above] = self._fill_value_above


# ---- dask query arrays ------------------------------------------------------------
# The knots (or the interpolator object) enter the graph once; every block
# of queries is evaluated by the numpy call, on one thread unless `workers`
# says otherwise (kernterp._dask).


def _interp_block(
    block: np.ndarray,
    knots: tuple[np.ndarray, np.ndarray],
    left: Any,
    right: Any,
    period: Any,
    workers: Workers,
) -> np.ndarray:
    xp, fp = knots
    out = _interp_impl(block, xp, fp, left, right, period, workers, PATH_AUTO)
    return np.asarray(out)


def _dask_interp(
    x: Any,
    xp: Any,
    fp: Any,
    left: Any,
    right: Any,
    period: Any,
    workers: Workers,
) -> Any:
    """interp for dask query points `x`: one lazy evaluation per block."""
    refuse_foreign("kernterp.interpolate.interp (knots and values)", xp, fp)
    xp, fp = np.asarray(xp), np.asarray(fp)
    # the numpy call on no point: the argument checks and the result dtype
    _nthreads(workers)  # (its errors)
    probe = np.asarray(
        interp(np.empty(0, x.dtype), xp, fp, left, right, period, workers=1)
    )
    return map_points(
        _interp_block, x, (xp, fp), probe.dtype, left, right, period,
        task_workers(workers), name="kernterp-interp",
    )  # fmt: skip


def _ppoly_block(
    block: np.ndarray, pp: Any, nu: int, extrapolate: Any, workers: Workers
) -> np.ndarray:
    return _ppoly_call(pp, block, nu, extrapolate, workers, PATH_AUTO)


def _dask_ppoly(
    pp: Any, x: Any, nu: SupportsIndex, extrapolate: Any, workers: Workers
) -> Any:
    """CubicSpline.__call__ for dask query points (the spline goes once)."""
    nu = operator.index(nu)
    _nthreads(workers)  # (its errors)
    probe = pp(np.empty(0, x.dtype), nu, extrapolate, workers=1)
    tail = pp.c.shape[2:]
    return map_points(
        _ppoly_block, x, pp, probe.dtype, nu, extrapolate, task_workers(workers),
        before=tuple(tail[: pp.axis]), after=tuple(tail[pp.axis :]),
        name="kernterp-ppoly",
    )  # fmt: skip


def _interp1d_block(block: np.ndarray, f: Any, workers: Workers) -> Any:
    return f(block, workers=workers)


def _dask_interp1d(f: Any, x: Any, workers: Workers) -> Any:
    """interp1d.__call__ for dask query points (the interpolant goes once)."""
    # a knot as the probe: inside the range, so bounds_error does not raise
    _nthreads(workers)  # (its errors)
    probe = f(np.asarray(f.x[:1]).astype(x.dtype), workers=1)
    ys, ax = tuple(f._y_extra_shape), f._y_axis
    return map_points(
        _interp1d_block, x, f, probe.dtype, task_workers(workers),
        before=ys[:ax], after=ys[ax:],
        name="kernterp-interp1d",
    )  # fmt: skip
