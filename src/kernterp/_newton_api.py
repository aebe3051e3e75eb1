"""Newton interpolation: the Newton-form functions of kernterp.interpolate.

Numerics and conventions (see each docstring for details):

* Divided differences are computed in float64 (complex y: its real and
  imaginary parts separately, which is exact for real nodes) by the
  textbook recurrence, in the nodes' given order; evaluation is nested
  multiplication, in float32 for float32 query points and in float64
  otherwise.
* ``NewtonInterpolator`` orders its nodes (Leja order by default), which
  keeps high degrees stable; ``add_points`` extends the polynomial in
  O(n k) from the last diagonal of the divided-difference table.
* ``KroghInterpolator`` / ``krogh_interpolate`` are
  ``scipy.interpolate``'s, on the same core: the same coefficients (the
  same recurrence, bit for bit), nested evaluation (results equal to
  rounding), the same shapes, dtypes, warnings and exceptions.  Inputs
  outside the fast path (complex or extended-precision nodes or points,
  object arrays) are handed to scipy itself.
"""

from __future__ import annotations

import operator
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, overload

import numpy as np

# scipy's own class, captured when this module is imported: a fallback never
# looks it up on scipy.interpolate later, where that name may be this class
from scipy.interpolate import KroghInterpolator as _ScipyKrogh

from kernterp import _newton
from kernterp._dask import is_dask, map_points, task_workers
from kernterp._support import normalize_workers, refuse_foreign, to_reference

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from kernterp._typing import Workers

    #: real data: float64 coefficients (complex data: complex128)
    _RealData = (
        NDArray[np.floating[Any] | np.integer[Any] | np.bool]
        | Sequence[float]
        | Sequence[Sequence[float]]
    )

__all__ = [
    "KroghInterpolator",
    "NewtonInterpolator",
    "coeffts",
    "evalPoly",
    "krogh_interpolate",
    "leja_order",
    "newton_coeffs",
    "newton_eval",
]


def _nthreads(workers: Workers) -> int:
    """``workers`` for the binding: at most that many threads; None (all
    cores) is 0, which the binding resolves only when the C plan wants more
    than one thread (counting the cores costs about a microsecond)."""
    return 0 if workers is None else normalize_workers(workers)


# scipy warns for KroghInterpolator above this many nodes
_HIGH_DEGREE = 30


# --------------------------------------------------------------------------
# argument processing


def _normalize_axis(axis: SupportsIndex, ndim: int) -> int:
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise np.exceptions.AxisError(axis, ndim)
    return axis % ndim


def _nodes(x: ArrayLike, name: str = "x") -> NDArray[np.float64]:
    """Finite real nodes as a 1-D float64 array (never the caller's buffer)."""
    refuse_foreign("kernterp's Newton interpolation", x)
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of nodes, got shape {x.shape}")
    if x.dtype.kind == "c":
        raise TypeError(f"{name} must be real; got dtype {x.dtype}")
    if x.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers; got dtype {x.dtype}")
    x = np.array(x, dtype=np.float64)
    if not np.isfinite(x).all():
        raise ValueError(f"{name} must be finite; the nodes hold NaN or inf")
    return x


def _columns(
    y: ArrayLike, axis: SupportsIndex, n: int, name: str = "y"
) -> tuple[NDArray[np.float64], tuple[int, ...], int, bool]:
    """(table, extra_shape, axis, is_complex) of `y` with `n` values along `axis`.

    The table is a new (ncol, n) C-contiguous float64 array (complex y: the
    real parts' columns, then the imaginary parts').
    """
    refuse_foreign("kernterp's Newton interpolation", y)
    y = np.asarray(y)
    if y.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension")
    axis = _normalize_axis(axis, y.ndim)
    if y.shape[axis] != n:
        raise ValueError(
            "x and y arrays must be equal in length along interpolation axis "
            f"({n} nodes, {name}.shape[{axis}] = {y.shape[axis]})."
        )
    if y.dtype.kind not in "biufc":
        raise ValueError(f"{name} must hold numbers; got dtype {y.dtype}")
    extra = y.shape[:axis] + y.shape[axis + 1 :]
    moved = np.moveaxis(y, axis, -1).reshape(-1, n)
    cplx = y.dtype.kind == "c"
    if cplx:
        table = np.concatenate([moved.real, moved.imag]).astype(np.float64, order="C")
    else:
        table = np.array(moved, dtype=np.float64, order="C")
    return table, extra, axis, cplx


def _points(
    xq: ArrayLike, allow_f32: bool = True
) -> tuple[NDArray[Any], tuple[int, ...]]:
    """(1-D points of the compute dtype, original shape); errors as scipy's."""
    refuse_foreign("kernterp's Newton interpolation", xq)
    xq = np.asarray(xq)
    kind = xq.dtype.kind
    if kind == "O":
        raise ValueError("object arrays are not supported as query points")
    if kind == "c":
        raise TypeError(f"query points must be real; got dtype {xq.dtype}")
    if kind not in "biuf":
        raise ValueError(f"query points must be real numbers; got dtype {xq.dtype}")
    dt = (
        np.float32
        if allow_f32 and kind == "f" and xq.dtype.itemsize <= 4
        else np.float64
    )
    flat = xq.reshape(-1)
    if flat.dtype != dt or not flat.dtype.isnative:
        flat = flat.astype(dt)
    return flat, xq.shape


def _check_der(der: SupportsIndex) -> int:
    der = operator.index(der)
    if der < 0:
        raise ValueError(f"der must be a non-negative derivative order, got {der}")
    return der


def _evaluate(
    z: NDArray[np.float64],
    table: NDArray[np.float64],
    xq_flat: NDArray[Any],
    der_first: int,
    der: int,
    nthreads: int,
) -> NDArray[Any]:
    """Orders der_first..der: (nout, m, ncol) of the points' dtype.

    ``table`` (ncol, n) float64.  Orders at or above n are zeros (no C call).
    """
    ncol, n = table.shape
    m = xq_flat.shape[0]
    nout = der - der_first + 1
    out = np.empty((nout, m, ncol), xq_flat.dtype)
    top = min(der, n - 1)
    if der_first <= top:
        head = out[: top - der_first + 1]
        _newton.newton_eval(z, table.T, xq_flat, der_first, top, head, nthreads)
    if top < der:
        out[max(top + 1, der_first) - der_first :] = 0
    return out


def _finish(
    vals: NDArray[Any],
    x_shape: tuple[int, ...],
    extra: tuple[int, ...],
    axis: int,
    cplx: bool,
    lead: int = 0,
) -> NDArray[Any]:
    """(*lead dims, m, ncol) -> lead dims + x_shape + extra, x's dims at `axis`.

    The layout of scipy's interpolators (``lead=1``: derivatives()).
    """
    if cplx:
        h = vals.shape[-1] // 2
        vals = vals[..., :h] + 1j * vals[..., h:]
    out = vals.reshape(vals.shape[:lead] + x_shape + extra)
    if axis != 0 and x_shape != ():
        nx, ny = len(x_shape), len(extra)
        perm = (
            list(range(lead))
            + list(range(lead + nx, lead + nx + axis))
            + list(range(lead, lead + nx))
            + list(range(lead + nx + axis, lead + nx + ny))
        )
        out = out.transpose(perm)
    return out


def _coef_array(
    table: NDArray[np.float64], extra: tuple[int, ...], axis: int, cplx: bool
) -> NDArray[Any]:
    """(ncol, n) table -> coefficients along `axis` of an array shaped like y."""
    if cplx:
        h = table.shape[0] // 2
        table = table[:h] + 1j * table[h:]
    n = table.shape[1]
    return np.moveaxis(table.reshape(extra + (n,)), -1, axis)


# --------------------------------------------------------------------------
# functions


@overload
def newton_coeffs(
    x: ArrayLike, y: _RealData, *, axis: SupportsIndex = 0
) -> NDArray[np.float64]: ...


@overload
def newton_coeffs(
    x: ArrayLike, y: ArrayLike, *, axis: SupportsIndex = 0
) -> NDArray[np.float64] | NDArray[np.complex128]: ...


def newton_coeffs(
    x: ArrayLike, y: ArrayLike, *, axis: SupportsIndex = 0
) -> NDArray[np.float64] | NDArray[np.complex128]:
    """Divided-difference coefficients of the Newton form, in the nodes' order.

    The polynomial through ``(x[k], y[k])`` is
    ``P(t) = a[0] + a[1] (t - x[0]) + a[2] (t - x[0]) (t - x[1]) + ...``
    with ``a[k] = f[x[0], ..., x[k]]``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Distinct, finite nodes (n >= 1), used in the given order.
    y : array_like, shape (..., n, ...)
        Values at the nodes along `axis`; other dimensions are independent
        polynomials.  NaN or inf values propagate into the coefficients.
    axis : int, optional
        Axis of `y` that runs over the nodes.

    Returns
    -------
    a : ndarray
        The coefficients, shaped like `y` (float64; complex128 for complex
        `y`, whose real and imaginary parts are done separately).

    Raises
    ------
    ValueError
        Mismatched lengths, no node, non-finite nodes, or equal nodes (for
        derivative data at repeated nodes use :class:`KroghInterpolator`).

    Notes
    -----
    The table is the textbook recurrence
    ``f[x_i..x_{i+j}] = (f[x_{i+1}..x_{i+j}] - f[x_i..x_{i+j-1}]) / (x_{i+j} - x_i)``
    in float64, column by column of the table, in O(n^2) per polynomial.
    Its accuracy depends on the order of the nodes: see :func:`leja_order`.

    Examples
    --------
    >>> from kernterp.interpolate import newton_coeffs
    >>> newton_coeffs([0.0, 1.0, 2.0], [1.0, 3.0, 7.0])  # 1 + 2t + t(t-1)
    array([1., 2., 1.])
    """
    x, table, extra, axis, cplx = _distinct_data(x, y, axis)
    _newton.newton_coeffs(x, table)
    return _coef_array(table, extra, axis, cplx)


def _distinct_data(
    x: ArrayLike, y: ArrayLike, axis: SupportsIndex
) -> tuple[NDArray[np.float64], NDArray[np.float64], tuple[int, ...], int, bool]:
    """(nodes, table, extra, axis, cplx) for distinct nodes, as _columns."""
    x = _nodes(x)
    if x.shape[0] < 1:
        raise ValueError("at least one node is required")
    table, extra, axis, cplx = _columns(y, axis, x.shape[0])
    _check_distinct(x)
    return x, table, extra, axis, cplx


def _check_distinct(x: NDArray[np.float64], what: str = "nodes") -> None:
    s = np.sort(x)
    eq = np.flatnonzero(s[1:] == s[:-1])
    if eq.size:
        raise ValueError(
            f"the {what} must be distinct, but {s[eq[0]]!r} occurs more than once; "
            "for derivative (Hermite) data at repeated nodes use KroghInterpolator"
        )


def newton_eval(
    a: ArrayLike,
    x_nodes: ArrayLike,
    xq: ArrayLike,
    *,
    der: SupportsIndex = 0,
    workers: Workers = None,
    axis: SupportsIndex = 0,
) -> NDArray[Any]:
    """Evaluate a Newton-form polynomial (or its derivative) by nested multiplication.

    ``Q = a[n-1]``, then ``Q = a[k] + (xq - x_nodes[k]) Q`` for k = n-2 .. 0.

    Parameters
    ----------
    a : array_like, shape (..., n, ...)
        Coefficients along `axis` (as :func:`newton_coeffs` returns them);
        other dimensions are independent polynomials.
    x_nodes : array_like, shape (n,)
        The nodes, in the order the coefficients were computed in (the
        last one is not used).
    xq : array_like
        Query points, any shape (0-d and empty included).  float32 points
        are evaluated in float32 and give float32; other real types in
        float64.
    der : int, optional
        Order of the derivative (0: the value), computed with ``der + 1``
        nested accumulators.
    workers : int or None, optional
        Threads (None: all cores; negative counts back from them).
    axis : int, optional
        Axis of `a` that runs over the coefficients.

    Returns
    -------
    ndarray
        Shape ``a.shape[:axis] + xq.shape + a.shape[axis+1:]``.

    Raises
    ------
    ValueError
        Mismatched lengths, no coefficient, ``der < 0``, non-finite nodes,
        object or string query points.
    TypeError
        Complex query points.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import newton_coeffs, newton_eval
    >>> x = np.array([0.0, 1.0, 2.0])
    >>> a = newton_coeffs(x, x**2 + 1)
    >>> newton_eval(a, x, [0.5, 3.0])
    array([ 1.25, 10.  ])
    >>> newton_eval(a, x, 3.0, der=1)
    array(6.)
    """
    if is_dask(xq):
        return _dask_newton_eval(a, x_nodes, xq, der, workers, axis)
    der = _check_der(der)
    x_nodes = _nodes(x_nodes, "x_nodes")
    n = x_nodes.shape[0]
    if n < 1:
        raise ValueError("at least one coefficient is required")
    table, extra, axis, cplx = _columns(a, axis, n, "a")
    flat, x_shape = _points(xq)
    vals = _evaluate(x_nodes, table, flat, der, der, _nthreads(workers))[0]
    return _finish(vals, x_shape, extra, axis, cplx)


def leja_order(x: ArrayLike) -> NDArray[np.intp]:
    """The Leja ordering of the nodes, as indices.

    The first node is the one of largest ``|x|`` (the first of equals);
    each next one maximises the product of its distances to the nodes
    already chosen (ties: the lowest index).  Newton coefficients and
    nested evaluation in this order stay accurate at high degrees, where
    sorted or equispaced orders lose many digits.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite real nodes.

    Returns
    -------
    ndarray of intp, shape (n,)
        A permutation: ``x[leja_order(x)]`` is the Leja sequence.  Equal
        nodes come after all distinct ones.

    Notes
    -----
    O(n^2); the products are rescaled by powers of two at every step, so
    they neither overflow nor underflow (and their order is exact).

    Examples
    --------
    >>> from kernterp.interpolate import leja_order
    >>> leja_order([-1.0, -0.5, 0.0, 0.5, 1.0])
    array([0, 4, 2, 1, 3])
    """
    return _newton.leja_order(_nodes(x))


@overload
def coeffts(xData: ArrayLike, yData: _RealData) -> NDArray[np.float64]: ...


@overload
def coeffts(
    xData: ArrayLike, yData: ArrayLike
) -> NDArray[np.float64] | NDArray[np.complex128]: ...


def coeffts(
    xData: ArrayLike, yData: ArrayLike
) -> NDArray[np.float64] | NDArray[np.complex128]:
    """Newton coefficients, with the name of the classic course module.

    The same as :func:`newton_coeffs` ``(xData, yData)``: code written for
    the ``newtonPoly`` module of Kiusalaas, *Numerical Methods in
    Engineering with Python*, runs unchanged.  (That module builds the same
    coefficients with a differently ordered table: the values agree to
    rounding.)

    Parameters
    ----------
    xData, yData : array_like, shape (n,)
        Distinct nodes and the values there.

    Returns
    -------
    ndarray, shape (n,)
        The coefficients ``a``, for :func:`evalPoly`.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import coeffts, evalPoly
    >>> xData = np.array([0.15, 2.3, 3.15, 4.85, 6.25, 7.95])
    >>> yData = np.array([4.79867, 4.49013, 4.2243, 3.47313, 2.66674, 1.51909])
    >>> a = coeffts(xData, yData)
    >>> round(float(evalPoly(a, xData, 0.0)), 4)
    4.8
    """
    return newton_coeffs(xData, yData)


def evalPoly(a: ArrayLike, xData: ArrayLike, x: ArrayLike) -> Any:  # noqa: N802  (the course module's name)
    """Nested evaluation, with the name of the classic course module.

    The same as :func:`newton_eval` ``(a, xData, x)`` (single thread), but a
    scalar `x` gives a numpy scalar, as the course module does.

    Parameters
    ----------
    a : array_like, shape (n,)
        Coefficients from :func:`coeffts`.
    xData : array_like, shape (n,)
        The nodes.
    x : float or array_like
        Where to evaluate.

    Returns
    -------
    numpy scalar or ndarray

    Examples
    --------
    >>> from kernterp.interpolate import coeffts, evalPoly
    >>> a = coeffts([0.0, 1.0, 2.0], [1.0, 2.0, 5.0])
    >>> float(evalPoly(a, [0.0, 1.0, 2.0], 3.0))
    10.0
    """
    return newton_eval(a, xData, x, workers=1)[()]


# --------------------------------------------------------------------------
# NewtonInterpolator

_ORDERS = ("leja", "given", "sorted")


def _warn_degree(n: int, cls: str) -> None:
    warnings.warn(
        f"{n} nodes given: a {cls} of more than about {_HIGH_DEGREE} nodes in "
        "this order may lose many digits to rounding (use order='leja')",
        UserWarning,
        stacklevel=3,
    )


class NewtonInterpolator:
    """Interpolating polynomial in Newton form, with fast evaluation and updates.

    Parameters
    ----------
    x : array_like, shape (n,)
        Distinct, finite nodes (n >= 1).
    y : array_like, shape (..., n, ...)
        Values at the nodes along `axis` (complex allowed); other
        dimensions are independent polynomials.
    axis : int, optional
        Axis of `y` that runs over the nodes.
    order : {'leja', 'given', 'sorted'}, optional
        The order of the nodes in the Newton form.  ``'leja'`` (default) is
        :func:`leja_order`, which keeps high degrees accurate; ``'given'``
        and ``'sorted'`` warn (``UserWarning``, as scipy's
        KroghInterpolator does) above 30 nodes.
    workers : int or None, optional
        Threads for evaluation (None: all cores).

    Attributes
    ----------
    nodes : ndarray, shape (n,)
        The nodes in the order of the Newton form.
    coefficients : ndarray
        The divided differences, shaped like `y` along `axis`.
    permutation : ndarray of intp
        ``nodes == concatenate(all x given)[permutation]``.
    order : str

    Notes
    -----
    ``add_points`` appends the new nodes after the existing ones, in the
    order given, whatever `order` is (reordering would need a rebuild):
    for many added nodes, pass them in a good order (e.g. their own Leja
    order) or rebuild.  Evaluation runs in float32 for float32 points.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.interpolate import NewtonInterpolator
    >>> p = NewtonInterpolator([0.0, 1.0, 2.0], [1.0, 2.0, 5.0])
    >>> p([0.5, 3.0])
    array([ 1.25, 10.  ])
    >>> p.add_points([3.0], [28.0])   # now t**2 + 1 + 3 t (t - 1) (t - 2)
    >>> p(4.0), p.derivative(4.0)
    (array(89.), array(86.))
    """

    def __init__(
        self,
        x: ArrayLike,
        y: ArrayLike,
        axis: SupportsIndex = 0,
        *,
        order: Literal["leja", "given", "sorted"] = "leja",
        workers: Workers = None,
    ) -> None:
        if order not in _ORDERS:
            raise ValueError(f"order must be one of {_ORDERS}, got {order!r}")
        x, table, extra, axis, cplx = _distinct_data(x, y, axis)
        n = x.shape[0]
        if order == "leja":
            perm = _newton.leja_order(x)
        elif order == "sorted":
            perm = np.argsort(x, kind="stable")
        else:
            perm = np.arange(n)
        if order != "leja" and n > _HIGH_DEGREE:
            _warn_degree(n, "NewtonInterpolator")
        self.order = order
        self.workers = workers
        self.permutation = perm
        self._z = np.ascontiguousarray(x[perm])
        self._a = np.ascontiguousarray(table[:, perm])
        self._diag = np.empty_like(self._a)
        self._extra, self._axis, self._cplx = extra, axis, cplx
        _newton.newton_coeffs(self._z, self._a, self._diag)

    @property
    def nodes(self) -> NDArray[np.float64]:
        return self._z

    @property
    def coefficients(self) -> NDArray[Any]:
        return _coef_array(self._a, self._extra, self._axis, self._cplx)

    def _eval(
        self, xq: ArrayLike, der_first: int, der: int
    ) -> tuple[NDArray[Any], tuple[int, ...]]:
        flat, x_shape = _points(xq)
        vals = _evaluate(
            self._z, self._a, flat, der_first, der, _nthreads(self.workers)
        )
        return vals, x_shape

    def __call__(self, xq: ArrayLike) -> NDArray[Any]:
        """The interpolant at `xq` (any shape); shape as scipy's interpolators.

        Examples
        --------
        >>> from kernterp.interpolate import NewtonInterpolator
        >>> NewtonInterpolator([0.0, 1.0], [[0.0, 1.0], [2.0, 3.0]])(0.5)
        array([1., 2.])
        """
        if is_dask(xq):
            return _dask_newton(self, xq, 0, 0, 0)
        vals, x_shape = self._eval(xq, 0, 0)
        return _finish(vals[0], x_shape, self._extra, self._axis, self._cplx)

    def derivative(self, xq: ArrayLike, der: SupportsIndex = 1) -> NDArray[Any]:
        """The `der`-th derivative at `xq` (``der >= 0``; ValueError otherwise).

        Examples
        --------
        >>> from kernterp.interpolate import NewtonInterpolator
        >>> NewtonInterpolator([0.0, 1.0, 2.0], [0.0, 1.0, 4.0]).derivative(3.0)
        array(6.)
        """
        if is_dask(xq):
            der = _check_der(der)
            return _dask_newton(self, xq, der, der, 0)
        der = _check_der(der)
        vals, x_shape = self._eval(xq, der, der)
        return _finish(vals[0], x_shape, self._extra, self._axis, self._cplx)

    def derivatives(
        self, xq: ArrayLike, der: SupportsIndex | None = None
    ) -> NDArray[Any]:
        """Orders 0 .. der-1 (default: all n) stacked on a new first axis.

        Examples
        --------
        >>> from kernterp.interpolate import NewtonInterpolator
        >>> NewtonInterpolator([0.0, 1.0, 2.0], [0.0, 1.0, 4.0]).derivatives(1.0)
        array([1., 2., 2.])
        """
        if is_dask(xq):
            nd = self._z.shape[0] if der is None else operator.index(der)
            if nd < 1:
                raise ValueError(
                    f"der must be at least 1 (the number of orders), got {nd}"
                )
            return _dask_newton(self, xq, 0, nd - 1, 1)
        nd = self._z.shape[0] if der is None else operator.index(der)
        if nd < 1:
            raise ValueError(f"der must be at least 1 (the number of orders), got {nd}")
        vals, x_shape = self._eval(xq, 0, nd - 1)
        return _finish(vals, x_shape, self._extra, self._axis, self._cplx, 1)

    def add_points(self, x_new: ArrayLike, y_new: ArrayLike) -> None:
        """Extend the polynomial by new nodes in O(n k), without recomputing.

        Parameters
        ----------
        x_new : array_like, shape (k,)
            New distinct finite nodes, not among the present ones; appended
            after them in the given order.
        y_new : array_like
            Values at the new nodes, shaped like the original `y` with k
            along `axis`.

        Examples
        --------
        >>> from kernterp.interpolate import NewtonInterpolator
        >>> p = NewtonInterpolator([0.0, 1.0], [0.0, 1.0])
        >>> p.add_points([2.0], [4.0])
        >>> p.nodes, p.coefficients   # 1 + (t - 1) + (t - 1) t = t**2
        (array([1., 0., 2.]), array([1., 1., 1.]))
        """
        x_new = np.atleast_1d(np.asarray(x_new))
        x_new = _nodes(x_new, "x_new")
        k = x_new.shape[0]
        y_new = np.asarray(y_new)
        if y_new.ndim == len(self._extra) and k == 1:  # one node, its values
            y_new = np.expand_dims(y_new, self._axis)
        if y_new.ndim != len(self._extra) + 1:
            raise ValueError(
                f"y_new must have {len(self._extra) + 1} dimensions (as y), "
                f"got {y_new.ndim}"
            )
        table, extra, _, cplx = _columns(y_new, self._axis, k, "y_new")
        if extra != self._extra:
            raise ValueError(
                f"y_new has the shape {y_new.shape}, which does not match the data "
                f"(other dimensions {self._extra})"
            )
        if cplx and not self._cplx:
            raise TypeError("complex y_new for a real interpolant")
        if self._cplx and not cplx:
            table = np.concatenate([table, np.zeros_like(table)])
        if k == 0:
            return
        z = np.concatenate([self._z, x_new])
        n = self._z.shape[0]
        ncol = self._a.shape[0]
        diag = np.empty((ncol, n + k))
        diag[:, :n] = self._diag
        try:  # the core checks the new nodes against all others in O(n k)
            anew = _newton.newton_add_points(n, z, diag, table)
        except ValueError:
            _check_distinct(z, "nodes (old and new)")
            raise
        self._a = np.concatenate([self._a, anew], axis=1)
        self._diag = diag
        self._z = z
        self.permutation = np.concatenate([self.permutation, np.arange(n, n + k)])
        if self.order != "leja" and n <= _HIGH_DEGREE < n + k:
            _warn_degree(n + k, "NewtonInterpolator")


# --------------------------------------------------------------------------
# KroghInterpolator (scipy.interpolate's)


def _exact_node_differences(xa: NDArray[Any]) -> bool:
    """Whether scipy's node differences, computed in the nodes' own dtype,
    are the exact float64 ones kernterp's recurrence uses: float64 nodes, or
    signed integers whose differences neither overflow nor round.  (float32
    and float16 differences round to their dtype, unsigned ones wrap, bool
    ones raise TypeError: scipy's own class gives those results.)"""
    kind = xa.dtype.kind
    if kind == "f":
        return xa.dtype.itemsize == 8
    if kind != "i" or xa.size == 0:
        return kind == "i"
    lo, hi = int(xa.min()), int(xa.max())
    return hi - lo <= np.iinfo(xa.dtype).max and max(-lo, hi) <= 2**53


def _single_precision_hermite(xa: NDArray[Any], ya: NDArray[Any]) -> bool:
    """float16/float32 (complex64) values with repeated nodes: scipy divides
    the derivative data by s! in their own dtype."""
    single = ya.dtype.kind in "fc" and ya.dtype.itemsize < (
        16 if ya.dtype.kind == "c" else 8
    )
    return single and xa.ndim == 1 and bool((xa[1:] == xa[:-1]).any())


class KroghInterpolator:
    """Krogh interpolator (C∞ smooth): scipy.interpolate.KroghInterpolator on a C core.

    The polynomial through the points ``(xi, yi)``; a node repeated m times
    in a row takes the value and its first m - 1 derivatives as its
    successive ``yi`` (Hermite data), exactly as in scipy.

    Parameters
    ----------
    xi : array_like, shape (npoints,)
        Known x-coordinates (finite; equal values only consecutively).
    yi : array_like, shape (..., npoints, ...)
        Known y-coordinates (real or complex) along `axis`.
    axis : int, optional
        Axis of `yi` corresponding to `xi`.

    Attributes
    ----------
    xi : ndarray
        The nodes as given.
    yi : ndarray, shape (n, r)
        The values, the interpolation axis first, the others flattened.
    c : ndarray, shape (n + 1, r)
        The Newton coefficients (the same recurrence as scipy's; the last
        row is zero).
    n, r : int
    dtype : type
        ``numpy.float64`` or ``numpy.complex128``.

    Notes
    -----
    Above 30 nodes a ``UserWarning`` says that high degrees are unstable,
    as scipy's does: the order is the caller's (see
    :class:`NewtonInterpolator` for a stable order).  Evaluation is nested
    multiplication in float64 (the values equal scipy's to rounding);
    results are float64 (complex128 for complex `yi`) whatever the type of
    the points, as in scipy.  Complex or extended-precision nodes or points
    and object arrays are passed to scipy itself.

    Examples
    --------
    >>> from kernterp.interpolate import KroghInterpolator
    >>> KroghInterpolator([0, 0, 0], [1, 2, 3]).derivatives(0)
    array([1., 2., 3.])
    >>> KroghInterpolator([0, 1], [[0, 1], [1, 3]])(0.5)
    array([0.5, 2. ])
    """

    # the state scipy's class has (and scipy's own methods read, through
    # _scipy_view); Any where it is scipy's object or mirrors it
    xi: NDArray[Any]
    yi: NDArray[Any]
    c: NDArray[Any]
    n: int
    r: int
    dtype: type[np.float64] | type[np.complex128]
    _y_axis: Any
    _y_extra_shape: tuple[int, ...]

    def __init__(self, xi: ArrayLike, yi: ArrayLike, axis: int = 0) -> None:
        self._ref: Any = None
        xa: Any
        ya: Any
        foreign = to_reference(xi, yi)
        xa = None if foreign else np.asarray(xi)
        ya = None if foreign else np.asarray(yi)
        if (
            foreign
            or not _exact_node_differences(xa)
            or ya.dtype.kind not in "biufc"
            or ya.dtype.itemsize > (16 if ya.dtype.kind == "c" else 8)
            or (xa.dtype.kind == "f" and not np.isfinite(xa).all())
            or (ya.dtype.kind == "c" and not np.isfinite(ya).all())
            or _single_precision_hermite(xa, ya)
        ):
            # outside the fast path (other dtypes, nodes that are not
            # finite, complex values that are not: numpy's complex division
            # makes a NaN or inf in one part NaN in the other; single or half
            # precision derivative data, which scipy divides by s! in their
            # own dtype): scipy itself, the same results and errors
            self._use_scipy(xi, yi, axis)
            return
        shape = ya.shape if ya.shape != () else (1,)
        axis = operator.index(axis)
        if not -len(shape) <= axis < len(shape):
            raise np.exceptions.AxisError(axis, len(shape))
        if shape[axis] != len(xa):  # len() of a 0-d xi: TypeError, as scipy
            raise ValueError(
                "x and y arrays must be equal in length along interpolation axis "
                f"({len(xa)} nodes, yi.shape[{axis}] = {shape[axis]})."
            )
        if xa.ndim != 1:
            raise ValueError(f"xi must be 1-D, got shape {xa.shape}")
        n = xa.shape[0]
        if n < 1:
            raise ValueError("at least one node is required (xi is empty)")
        if ya.ndim == 0:
            ya = ya.reshape(1)
        axis = axis % ya.ndim
        self.xi = xa
        self._y_axis = axis
        self._y_extra_shape = ya.shape[:axis] + ya.shape[axis + 1 :]
        self._cplx = ya.dtype.kind == "c"
        self.dtype = np.complex128 if self._cplx else np.float64
        self.yi = np.moveaxis(ya, axis, 0).reshape(n, -1)
        self.n, self.r = self.yi.shape
        if n > _HIGH_DEGREE:
            warnings.warn(
                f"{n} degrees provided, degrees higher than about {_HIGH_DEGREE} "
                "are numerically unstable with 'KroghInterpolator' (scipy's "
                "warning)",
                UserWarning,
                stacklevel=2,
            )
        z = np.array(xa, dtype=np.float64)
        table, _, _, _ = _columns(ya, axis, n, "yi")
        try:
            _newton.krogh_coeffs(z, table)
        except ValueError:
            raise ValueError(
                "Elements of `xi` can't be equal, except as consecutive repeats "
                "(a node repeated in a row carries derivative values)."
            ) from None
        if self._cplx and not np.isfinite(table).all():
            # complex coefficients that overflow: scipy's complex division
            # makes the other part NaN too; its class gives its results
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # (warned above)
                self._use_scipy(xi, yi, axis)
            return
        self._z = z
        self._a = table
        c = np.zeros((n + 1, self.r), self.dtype)
        if self._cplx:
            c[:n] = (table[: self.r] + 1j * table[self.r :]).T
        else:
            c[:n] = table.T
        self.c = c

    def _use_scipy(self, xi: ArrayLike, yi: ArrayLike, axis: int) -> None:
        """scipy's own class does the work (its attributes are this one's)."""
        self._ref = _ScipyKrogh(xi, yi, axis)
        for name in (
            "xi",
            "yi",
            "n",
            "r",
            "c",
            "dtype",
            "_y_axis",
            "_y_extra_shape",
        ):
            setattr(self, name, getattr(self._ref, name))

    def __call__(self, x: ArrayLike) -> NDArray[Any]:
        """The interpolant at `x` (shape: `yi`'s with `axis` replaced by x's)."""
        if is_dask(x):
            return _dask_krogh(self, x, "__call__", 0)
        if self._ref is not None:
            return self._ref(x)
        flat, x_shape = self._points(x)
        if flat is None:
            return self._scipy_view()(x)
        vals = _evaluate(self._z, self._a, flat, 0, 0, 1)[0]
        return _finish(vals, x_shape, self._y_extra_shape, self._y_axis, self._cplx)

    def _points(self, x: ArrayLike) -> tuple[Any, Any]:
        if to_reference(x):
            return None, None
        xa = np.asarray(x)
        if xa.dtype.kind == "f" and np.result_type(xa, self.xi).itemsize < 8:
            # half/single precision points and integer nodes: scipy computes
            # x - xi in that precision
            return None, None
        if xa.dtype.kind == "f" and xa.dtype.itemsize <= 8 and np.isinf(xa).any():
            # infinite points: scipy's sum of products gives NaN (inf - inf)
            # where the nested evaluation gives +-inf
            return None, None
        if xa.dtype.kind in "biuf" and xa.dtype.itemsize <= 8:
            return _points(xa, allow_f32=False)
        if xa.dtype.kind == "O":
            raise ValueError("object arrays are not supported")
        return None, None

    def _scipy_view(self) -> Any:
        ref = object.__new__(_ScipyKrogh)
        for name in ("xi", "yi", "n", "r", "c", "dtype", "_y_axis", "_y_extra_shape"):
            setattr(ref, name, getattr(self, name))
        return ref

    def derivative(self, x: ArrayLike, der: SupportsIndex = 1) -> NDArray[Any]:
        """The `der`-th derivative at `x` (der >= 0; zero from der = n on).

        Examples
        --------
        >>> from kernterp.interpolate import KroghInterpolator
        >>> KroghInterpolator([0, 1, 2], [0, 1, 4]).derivative([1.0, 2.0])
        array([2., 4.])
        """
        der = operator.index(der)
        if der < 0:  # (also where scipy's class does the work: docs/newton.rst)
            raise IndexError(f"der must be a non-negative derivative order, got {der}")
        if is_dask(x):
            return _dask_krogh(self, x, "derivative", 0, der)
        if self._ref is not None:
            return self._ref.derivative(x, der)
        flat, x_shape = self._points(x)
        if flat is None:
            return self._scipy_view().derivative(x, der)
        vals = _evaluate(self._z, self._a, flat, der, der, 1)[0]
        return _finish(vals, x_shape, self._y_extra_shape, self._y_axis, self._cplx)

    def derivatives(
        self, x: ArrayLike, der: SupportsIndex | None = None
    ) -> NDArray[Any]:
        """Orders 0 .. der-1 (default: n of them) at `x`, stacked on a new first axis.

        As scipy: ``d[j]`` is the j-th derivative; orders from n on are zero.

        Examples
        --------
        >>> from kernterp.interpolate import KroghInterpolator
        >>> KroghInterpolator([0, 0, 0], [1, 2, 3]).derivatives([0, 0])
        array([[1., 1.],
               [2., 2.],
               [3., 3.]])
        """
        if is_dask(x):
            return _dask_krogh(self, x, "derivatives", 1, der)
        if self._ref is not None:
            return self._ref.derivatives(x, der)
        flat, x_shape = self._points(x)
        if flat is None:
            return self._scipy_view().derivatives(x, der)
        n = self.n
        if der is None:
            der = n
        der = operator.index(der)
        # scipy's rows: the first `der` of max(der, n + 1) orders (slice semantics)
        rows = len(range(max(der, n + 1))[:der])
        if rows == 0:
            vals = np.empty((0, flat.shape[0], self._a.shape[0]))
        else:
            vals = _evaluate(self._z, self._a, flat, 0, rows - 1, 1)
        return _finish(vals, x_shape, self._y_extra_shape, self._y_axis, self._cplx, 1)


@overload
def krogh_interpolate(
    xi: ArrayLike,
    yi: ArrayLike,
    x: ArrayLike,
    der: SupportsIndex = 0,
    axis: int = 0,
) -> NDArray[Any]: ...


@overload
def krogh_interpolate(
    xi: ArrayLike,
    yi: ArrayLike,
    x: ArrayLike,
    der: Sequence[SupportsIndex] | NDArray[np.integer[Any]],
    axis: int = 0,
) -> NDArray[Any]: ...


def krogh_interpolate(
    xi: ArrayLike,
    yi: ArrayLike,
    x: ArrayLike,
    der: Any = 0,
    axis: int = 0,
) -> NDArray[Any]:
    """Krogh interpolation in one call: scipy.interpolate.krogh_interpolate.

    Parameters
    ----------
    xi : array_like
        Interpolation points (known x-coordinates).
    yi : array_like
        Known y-coordinates along `axis`.
    x : array_like
        Point or points at which to evaluate.
    der : int or list of int, optional
        A derivative order, or a list of them (stacked on a new first axis).
    axis : int, optional
        Axis of `yi` corresponding to `xi`.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> from kernterp.interpolate import krogh_interpolate
    >>> krogh_interpolate([0, 1, 2], [0, 1, 4], 3.0)
    array(9.)
    >>> krogh_interpolate([0, 1, 2], [0, 1, 4], 3.0, der=[0, 1])
    array([9., 6.])
    """
    P = KroghInterpolator(xi, yi, axis=axis)
    if np.isscalar(der) or (hasattr(der, "shape") and der.shape == ()):
        if der == 0:
            return P(x)
        return P.derivative(x, der=der)
    return P.derivatives(x, der=np.amax(der) + 1)[der]


# --------------------------------------------------------------------------
# dask query points: the nodes and coefficients enter the graph once, each
# block of points is evaluated as the numpy call evaluates it, on one thread
# unless `workers` says otherwise (kernterp._dask)


def _newton_block(
    block: np.ndarray,
    form: tuple[Any, ...],
    der_first: int,
    der: int,
    lead: int,
    nthreads: int,
) -> np.ndarray:
    z, table, extra, axis, cplx = form
    flat, x_shape = _points(block)
    vals = _evaluate(z, table, flat, der_first, der, nthreads)
    return _finish(vals if lead else vals[0], x_shape, extra, axis, cplx, lead)


def _dask_form(
    form: tuple[Any, ...],
    xq: Any,
    der_first: int,
    der: int,
    lead: int,
    workers: Workers,
    name: str,
) -> Any:
    nthreads = _nthreads(task_workers(workers))
    # the numpy call on no point: the checks of the points' dtype, and the
    # result's dtype
    probe = _newton_block(np.empty(0, xq.dtype), form, der_first, der, lead, 1)
    _, _, extra, axis, _ = form
    before = probe.shape[:lead] + extra[:axis]
    return map_points(
        _newton_block, xq, form, probe.dtype, der_first, der, lead, nthreads,
        before=before, after=extra[axis:], name=name,
    )  # fmt: skip


def _dask_newton_eval(
    a: ArrayLike,
    x_nodes: ArrayLike,
    xq: Any,
    der: SupportsIndex,
    workers: Workers,
    axis: SupportsIndex,
) -> Any:
    """newton_eval for dask query points."""
    der = _check_der(der)
    x_nodes = _nodes(x_nodes, "x_nodes")
    n = x_nodes.shape[0]
    if n < 1:
        raise ValueError("at least one coefficient is required")
    table, extra, axis, cplx = _columns(a, axis, n, "a")
    form = (x_nodes, table, extra, axis, cplx)
    return _dask_form(form, xq, der, der, 0, workers, "kernterp-newton-eval")


def _dask_newton(
    p: NewtonInterpolator, xq: Any, der_first: int, der: int, lead: int
) -> Any:
    """NewtonInterpolator's evaluations for dask query points (the form as
    it is now: later add_points do not change the lazy result)."""
    form = (p._z, p._a, p._extra, p._axis, p._cplx)
    return _dask_form(form, xq, der_first, der, lead, p.workers, "kernterp-newton")


def _krogh_block(
    block: np.ndarray, p: KroghInterpolator, method: str, *args: Any
) -> Any:
    return getattr(KroghInterpolator, method)(p, block, *args)


def _dask_krogh(
    p: KroghInterpolator, x: Any, method: str, lead: int, *args: Any
) -> Any:
    """KroghInterpolator's evaluations for dask points: each block is the
    numpy call (scipy's own for the data scipy handles)."""
    probe = np.asarray(_krogh_block(np.empty(0, x.dtype), p, method, *args))
    pos = lead + p._y_axis
    return map_points(
        _krogh_block, x, p, probe.dtype, method, *args,
        before=probe.shape[:pos], after=probe.shape[pos + 1 :],
        name="kernterp-krogh",
    )  # fmt: skip
