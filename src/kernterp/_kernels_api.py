"""Gaussian kernels: sampled, cell-integrated, N-d and rotated (kernterp.kernels).

The public functions here are re-exported by :mod:`kernterp.kernels`.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, SupportsIndex, overload

import numpy as np

from kernterp import _kernels
from kernterp._support import gaussian_weights as _gaussian_weights
from kernterp._support import kernel_radius as _radius
from kernterp._support import refuse_foreign

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, DTypeLike, NDArray

    from kernterp._typing import F32DType, F64DType, FloatArray, FloatT, Real, Reals

__all__ = ["gaussian2d", "gaussian_kernel", "gaussian_kernel1d"]

_METHODS = {"sample": 0, "integrate": 1}
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)


def _positive(value: Any, name: str) -> float:
    """float(value) if it is a positive finite real number, else ValueError."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = math.nan
    if isinstance(value, (str, bytes, complex)) or not (0.0 < v < math.inf):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return v


def _finite(value: Any, name: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        v = math.nan
    if isinstance(value, (str, bytes, complex)) or not math.isfinite(v):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return v


def _method(method: Any) -> int:
    try:
        return _METHODS[method]
    except (KeyError, TypeError):
        raise ValueError(
            f"method must be 'sample' or 'integrate', got {method!r}"
        ) from None


def _f32(dtype: DTypeLike) -> bool:
    if dtype is np.float64:  # the default: skip np.dtype()
        return False
    dt = np.dtype(dtype)
    if dt == _F64:
        return False
    if dt == _F32:
        return True
    raise ValueError(f"dtype must be float32 or float64, got {dt}")


def _per_axis(value: Any, ndim: int, name: str) -> tuple[Any, ...]:
    """A tuple of ndim entries from a scalar or a sequence of length ndim."""
    # fast paths (plain Python numbers), same result as the general one below
    tv = type(value)
    if tv is float or tv is int:
        return (value,) * ndim
    if (tv is tuple or tv is list) and len(value) == ndim:
        if all(type(v) is float or type(v) is int for v in value):
            return tuple(value)
    if np.ndim(value) == 0:
        return (value,) * ndim
    seq = tuple(np.asarray(value, dtype=object).ravel().tolist())
    if np.ndim(value) != 1 or len(seq) != ndim:
        raise ValueError(
            f"{name} must be a scalar or have one entry per axis ({ndim}), "
            f"got {value!r}"
        )
    return seq


@overload
def gaussian_kernel1d(
    sigma: Real,
    radius: SupportsIndex | None = None,
    *,
    truncate: Real = 4.0,
    order: SupportsIndex = 0,
    center: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: type[FloatT] | np.dtype[FloatT],
) -> NDArray[FloatT]: ...


@overload
def gaussian_kernel1d(
    sigma: Real,
    radius: SupportsIndex | None = None,
    *,
    truncate: Real = 4.0,
    order: SupportsIndex = 0,
    center: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: F64DType = np.float64,
) -> NDArray[np.float64]: ...


@overload
def gaussian_kernel1d(
    sigma: Real,
    radius: SupportsIndex | None = None,
    *,
    truncate: Real = 4.0,
    order: SupportsIndex = 0,
    center: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: F32DType,
) -> NDArray[np.float32]: ...


@overload
def gaussian_kernel1d(
    sigma: Any,
    radius: SupportsIndex | None = None,
    *,
    truncate: Real = 4.0,
    order: SupportsIndex = 0,
    center: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: DTypeLike = np.float64,
) -> FloatArray: ...


def gaussian_kernel1d(
    sigma: Any,
    radius: SupportsIndex | None = None,
    *,
    truncate: Real = 4.0,
    order: SupportsIndex = 0,
    center: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: DTypeLike = np.float64,
) -> Any:
    """A 1-D Gaussian kernel (or derivative) at integer offsets -radius..radius.

    Parameters
    ----------
    sigma : float
        Standard deviation, in samples; positive and finite.
    radius : int, optional
        Half-width: the kernel has ``2*radius + 1`` entries.  Default
        ``int(truncate*sigma + 0.5)``, the radius `gaussian_filter` uses.
    truncate : float, optional
        Radius in standard deviations when `radius` is None.  Default 4.0.
    order : int, optional
        Derivative order (0: the Gaussian itself).
    center : float, optional
        Sub-pixel position of the peak: the entry at offset ``x`` is the
        Gaussian at ``x - center``.  Default 0.
    method : {'sample', 'integrate'}, optional
        'sample': the Gaussian at the integer offsets.  'integrate': its mass
        in each unit cell ``[x - 1/2, x + 1/2]``, computed to full relative
        precision even far in the tails (complementary error functions on the
        far side, erf across the centre, a Hermite series for cells narrow
        against sigma; never a difference of two numbers near 1).  With
        ``order = n > 0``, 'integrate' gives the cell integrals of the n-th
        derivative, i.e. the differences of the (n-1)-th derivative of the
        density across the cell edges.
    normalize : bool, optional
        True (default): the order-0 values are divided by their sum over the
        window, so the kernel sums to 1 (for 'integrate': divided by the total
        mass inside the window); derivative kernels carry the same factor, as
        in scipy.ndimage.  False: the values of the continuous normal density
        ``exp(-x**2 / (2 sigma**2)) / (sigma sqrt(2 pi))`` (its derivatives),
        resp. the exact probability mass of each cell, so the sum is the mass
        inside the window (below 1) and kernels of different sigma compare.
    dtype : {float64, float32}, optional
        Output dtype; values are computed in float64 and rounded once.

    Returns
    -------
    ndarray, shape (2*radius + 1,)
        The kernel in convolution order (entry ``i`` at offset
        ``i - radius``); `scipy.ndimage.correlate1d` wants it reversed, which
        matters for odd orders only.

    Raises
    ------
    ValueError
        If `sigma` is not a positive finite number, `radius` or `order` is
        negative, `center` is not finite, or `method` / `dtype` is unknown.

    Notes
    -----
    With ``method='sample'``, ``center=0`` and ``normalize=True`` the kernel is
    bit for bit the one :func:`kernterp.ndimage.gaussian_filter` applies (and
    scipy's ``scipy.ndimage._filters._gaussian_kernel1d``): both come from
    the same function.  A shifted centre with ``order > 0`` is supported: the
    derivative of the shifted Gaussian, by the same Hermite recurrence.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian_kernel1d
    >>> k = gaussian_kernel1d(1.0, 2)
    >>> k.round(4)
    array([0.0545, 0.2442, 0.4026, 0.2442, 0.0545])
    >>> float(k.sum().round(15))
    1.0

    The cell masses, even 30 sigma out (where ``erf(b) - erf(a)`` is 0):

    >>> m = gaussian_kernel1d(1.0, 31, method="integrate", normalize=False)
    >>> print(f"{m[0]:.6e}")
    1.302938e-204
    """
    s = _positive(sigma, "sigma")
    if radius is None:
        _finite(truncate, "truncate")
        radius = _radius(s, truncate, None)
    elif type(radius) is not int or radius < 0:  # else already what _radius gives
        radius = _radius(s, truncate, radius)
    order = operator.index(order)
    if order < 0:
        raise ValueError(f"order must be non-negative, got {order}")
    c = _finite(center, "center")
    m = _method(method)
    f32 = _f32(dtype)
    if m == 0 and c == 0.0 and normalize:
        # exactly gaussian_filter's weights (reversed correlation weights)
        if type(sigma) is not float and not isinstance(
            sigma, (numbers.Real, np.floating)
        ):
            sigma = s
        k = _gaussian_weights(sigma, order, radius)[::-1]
        return k.astype(np.float32) if f32 else np.ascontiguousarray(k)
    return _kernels.kernel1d(2 * radius + 1, s, c, order, m, bool(normalize), f32)


@overload
def gaussian_kernel(
    shape: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals,
    *,
    center: Reals | None = None,
    theta: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: type[FloatT] | np.dtype[FloatT],
) -> NDArray[FloatT]: ...


@overload
def gaussian_kernel(
    shape: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals,
    *,
    center: Reals | None = None,
    theta: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: F64DType = np.float64,
) -> NDArray[np.float64]: ...


@overload
def gaussian_kernel(
    shape: SupportsIndex | Sequence[SupportsIndex],
    sigma: Reals,
    *,
    center: Reals | None = None,
    theta: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: F32DType,
) -> NDArray[np.float32]: ...


@overload
def gaussian_kernel(
    shape: Any,
    sigma: Reals,
    *,
    center: Reals | None = None,
    theta: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: DTypeLike = np.float64,
) -> Any: ...


def gaussian_kernel(
    shape: Any,
    sigma: Reals,
    *,
    center: Reals | None = None,
    theta: Real = 0.0,
    method: Literal["sample", "integrate"] = "sample",
    normalize: bool = True,
    dtype: DTypeLike = np.float64,
) -> Any:
    """An N-d Gaussian kernel of a given shape, optionally rotated (2-D).

    Parameters
    ----------
    shape : int or sequence of int
        Kernel size per axis (an int: 1-D); every entry >= 1, even or odd.
    sigma : float or sequence of float
        Standard deviation per axis (a scalar: the same on every axis), in
        samples; positive and finite.
    center : float or sequence of float, optional
        Extra (sub-pixel) shift of the peak per axis, towards larger indices.
    theta : float, optional
        2-D only: rotation angle in radians, counterclockwise from the x axis
        (axis 1) towards y (axis 0), as in astropy's ``Gaussian2D``, with
        ``x_stddev = sigma[1]`` and ``y_stddev = sigma[0]``.
    method : {'sample', 'integrate'}, optional
        'sample': the Gaussian at the grid points.  'integrate': its mass in
        each unit cell (see `gaussian_kernel1d`).  Unrotated kernels are
        outer products of 1-D kernels (the cell mass of a separable Gaussian
        is the product of 1-D cell masses).  Rotated ones are integrated
        numerically: an 8x8 Gauss-Legendre rule on ``m x m`` sub-cells with
        ``m = ceil(2 / min(sigma))`` (at most 64): about 1e-13 relative near
        the peak, slower than the other cases.
    normalize : bool, optional
        True (default): the kernel sums to 1 over the window.  False: the
        continuous density ``exp(...) / ((2 pi)^(d/2) prod(sigma))`` (resp.
        the exact cell masses), as in `gaussian_kernel1d`.
    dtype : {float64, float32}, optional
        Output dtype; values are computed in float64 and rounded once.

    Returns
    -------
    ndarray of the given shape

    Notes
    -----
    Centring, per axis of size ``n``: element ``i`` sits at offset
    ``x = i - (n - 1)/2 - center`` from the peak.  Odd sizes put the peak on
    the middle element; even sizes put it between the two middle elements
    (offsets ..., -1.5, -0.5, 0.5, 1.5, ...), as MATLAB's ``fspecial`` and
    the usual ``np.meshgrid`` recipes do.

    The classic 5x5 table of HIPR2's "Gaussian smoothing" page (sigma 1,
    integers summing to 273) is ``gaussian_kernel((5, 5), 1.0,
    method='integrate')`` (cell-integrated, normalised over the window)
    times 273, apportioned to integers by largest remainders so that they
    sum to 273: plain rounding gives 6 instead of 7 at the four entries
    where ``273 k = 6.495``.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian_kernel
    >>> k = 273 * gaussian_kernel((5, 5), 1.0, method="integrate")
    >>> t = np.floor(k)
    >>> t.flat[np.argsort(t - k, axis=None)[: 273 - int(t.sum())]] += 1
    >>> print(t.astype(int))
    [[ 1  4  7  4  1]
     [ 4 16 26 16  4]
     [ 7 26 41 26  7]
     [ 4 16 26 16  4]
     [ 1  4  7  4  1]]
    >>> k = gaussian_kernel((4, 6), (1.0, 2.0), theta=np.pi / 6)
    >>> k.shape, float(k.sum().round(12))
    ((4, 6), 1.0)
    """
    # a tuple or list is never 0-d: skip np.ndim() on the common case
    if type(shape) is not tuple and type(shape) is not list and np.ndim(shape) == 0:
        shape = (shape,)
    try:
        shp = tuple(operator.index(n) for n in shape)
    except TypeError:
        raise ValueError(f"shape must be integers, got {shape!r}") from None
    ndim = len(shp)
    if ndim == 0 or any(n < 1 for n in shp):
        raise ValueError(f"shape entries must be >= 1, got {shape!r}")
    sig = tuple(_positive(s, "sigma") for s in _per_axis(sigma, ndim, "sigma"))
    if center is None:
        cen = (0.0,) * ndim
    else:
        cen = tuple(_finite(c, "center") for c in _per_axis(center, ndim, "center"))
    th = _finite(theta, "theta")
    if th != 0.0 and ndim != 2:
        raise ValueError(f"theta applies to 2-D kernels only, got shape {shp}")
    m = _method(method)
    f32 = _f32(dtype)
    return _kernels.kernel(shp, sig, cen, (0,) * ndim, m, bool(normalize), th, f32)


def _stddev(v: ArrayLike, name: str) -> NDArray[np.float64]:
    try:
        a = np.asarray(v, dtype=np.float64)
    except (TypeError, ValueError):
        a = np.asarray(math.nan)
    if not np.all((a > 0) & np.isfinite(a)):
        raise ValueError(f"{name} must be a positive finite number, got {v!r}")
    return a


@overload
def gaussian2d(
    x: NDArray[np.float32] | np.float32,
    y: NDArray[np.float32] | np.float32,
    amplitude: ArrayLike = 1,
    x_mean: ArrayLike = 0,
    y_mean: ArrayLike = 0,
    x_stddev: ArrayLike = 1,
    y_stddev: ArrayLike = 1,
    theta: ArrayLike = 0,
) -> NDArray[np.float32]: ...


@overload
def gaussian2d(
    x: ArrayLike,
    y: ArrayLike,
    amplitude: ArrayLike = 1,
    x_mean: ArrayLike = 0,
    y_mean: ArrayLike = 0,
    x_stddev: ArrayLike = 1,
    y_stddev: ArrayLike = 1,
    theta: ArrayLike = 0,
) -> NDArray[Any]: ...


def gaussian2d(
    x: ArrayLike,
    y: ArrayLike,
    amplitude: ArrayLike = 1,
    x_mean: ArrayLike = 0,
    y_mean: ArrayLike = 0,
    x_stddev: ArrayLike = 1,
    y_stddev: ArrayLike = 1,
    theta: ArrayLike = 0,
) -> Any:
    """astropy.modeling.models.Gaussian2D's formula, vectorised.

    ``amplitude * exp(-(a dx**2 + b dx dy + c dy**2))`` with ``dx = x -
    x_mean``, ``dy = y - y_mean`` and

    * ``a = cos(theta)**2 / (2 x_stddev**2) + sin(theta)**2 / (2 y_stddev**2)``
    * ``b = sin(2 theta) / (2 x_stddev**2) - sin(2 theta) / (2 y_stddev**2)``
    * ``c = sin(theta)**2 / (2 x_stddev**2) + cos(theta)**2 / (2 y_stddev**2)``

    (theta rotates the x_stddev axis counterclockwise from +x).

    Parameters
    ----------
    x, y : array_like
        Coordinates; broadcast against each other (and the parameters) like
        numpy.
    amplitude, x_mean, y_mean : float or array_like, optional
    x_stddev, y_stddev : float or array_like, optional
        Positive and finite.
    theta : float or array_like, optional
        Rotation in radians.

    Returns
    -------
    ndarray
        The broadcast shape; dtype ``result_type(x, y, float32)``: float32
        coordinates give float32 (computed in float32, with the coefficients
        a, b, c computed in float64 and rounded), integers and float64 give
        float64.

    Raises
    ------
    ValueError
        If a stddev is not positive and finite.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian2d
    >>> y, x = np.mgrid[-1:2, -1:2]
    >>> gaussian2d(x, y, x_stddev=2.0, theta=np.pi / 2).round(3)
    array([[0.535, 0.882, 0.535],
           [0.607, 1.   , 0.607],
           [0.535, 0.882, 0.535]])
    >>> gaussian2d(np.float32(1), np.float32(0)).dtype
    dtype('float32')
    """
    refuse_foreign("kernterp.kernels.gaussian2d", x, y)
    x = np.asarray(x)
    y = np.asarray(y)
    dt = np.result_type(x, y, np.float32)
    if dt.kind not in "fc":
        dt = _F64
    xs2 = _stddev(x_stddev, "x_stddev") ** 2
    ys2 = _stddev(y_stddev, "y_stddev") ** 2
    th = np.asarray(theta, dtype=np.float64)
    ct2 = np.cos(th) ** 2
    st2 = np.sin(th) ** 2
    s2t = np.sin(2.0 * th)
    a = np.asarray(0.5 * (ct2 / xs2 + st2 / ys2), dtype=dt)
    b = np.asarray(0.5 * (s2t / xs2 - s2t / ys2), dtype=dt)
    c = np.asarray(0.5 * (st2 / xs2 + ct2 / ys2), dtype=dt)
    dx = np.subtract(x, np.asarray(x_mean, dtype=dt), dtype=dt)
    dy = np.subtract(y, np.asarray(y_mean, dtype=dt), dtype=dt)
    q = np.asarray(a * (dx * dx) + b * dx * dy + c * (dy * dy))
    if q.ndim == 0:
        return np.asarray(np.asarray(amplitude, dtype=dt) * np.exp(-q))
    np.negative(q, out=q)
    np.exp(q, out=q)
    return np.multiply(q, np.asarray(amplitude, dtype=dt), out=q)
