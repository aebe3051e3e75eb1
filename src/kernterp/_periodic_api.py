"""The periodic Gauss transform: the public function of kernterp.kernels.

Numerics and conventions (see the docstring and docs/periodic.rst):
the Gaussian convolution of a weighted point cloud on the torus
``[0, period)^d`` with every periodic image, to a guaranteed tolerance,
computed in float64 by a cut-off direct sum (cell lists) or a truncated
Fourier series, whichever the cost model finds cheaper.

Testing hook: :func:`_periodic_gauss_transform` takes ``method="auto"``,
``"direct"`` or ``"fourier"`` and returns the plan the C core used next to
the result; the public function is that with ``method="auto"``.
"""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from kernterp import _periodic
from kernterp._dask import check_chunks, constant, is_dask, task_workers
from kernterp._support import normalize_workers, refuse_foreign

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from kernterp._typing import (
        DaskArrayLike,
        DaskArrayT,
        FloatArray,
        FloatT,
        Real,
        Workers,
    )

__all__ = ["periodic_gauss_transform"]


def _scalar(value: Any, name: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (numbers.Real, np.floating, np.integer)
    ):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            return _scalar(value[()], name)
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    return float(value)


def _coords(a: ArrayLike, name: str) -> tuple[NDArray[np.float64], bool, bool]:
    """(array as float64 (k, d), was float32, was 1-D)."""
    arr = np.asarray(a)
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got dtype {arr.dtype}")
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be a real numeric array, got dtype {arr.dtype}")
    f32 = arr.dtype == np.float32
    one_d = arr.ndim == 1
    if arr.ndim == 1:
        arr = arr[:, np.newaxis]
    elif arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D (n, d) with d = 1, 2 or 3 (or 1-D for d = 1), "
            f"got shape {arr.shape}"
        )
    if arr.dtype != np.float64 or not arr.dtype.isnative:
        arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must not contain infs or NaNs")
    return arr, f32, one_d


def _periodic_gauss_transform(
    points: ArrayLike,
    weights: ArrayLike,
    sigma: Real,
    targets: ArrayLike | None = None,
    *,
    period: Real = 2 * math.pi,
    tol: Real = 1e-10,
    workers: Workers = None,
    method: str = "auto",
) -> tuple[FloatArray, dict[str, Any]]:
    """periodic_gauss_transform with a forced method; returns (result, plan dict)."""
    x, f32, _ = _coords(points, "points")
    n, d = x.shape
    if d < 1 or d > 3:
        raise ValueError(
            f"points must have 1, 2 or 3 coordinates per point, got d = {d}"
        )
    q = np.asarray(weights)
    if np.iscomplexobj(q):
        raise TypeError(f"weights must be real, got dtype {q.dtype}")
    if q.dtype.kind not in "fiub":
        raise TypeError(f"weights must be a real numeric array, got dtype {q.dtype}")
    f32 = f32 and q.dtype == np.float32
    if q.ndim not in (1, 2) or q.shape[0] != n:
        raise ValueError(
            f"weights must have shape ({n},) or ({n}, k) to match points of shape "
            f"{x.shape}, got {q.shape}"
        )
    q2 = np.ascontiguousarray(q[:, np.newaxis] if q.ndim == 1 else q, dtype=np.float64)
    if q2.shape[1] == 0:
        raise ValueError("weights must have at least one column")
    if not np.all(np.isfinite(q2)):
        raise ValueError("weights must not contain infs or NaNs")
    y = None
    if targets is not None:
        y, yf32, _ = _coords(targets, "targets")
        f32 = f32 and yf32
        if y.shape[1] != d:
            raise ValueError(
                f"targets must have the dimension of points ({d}), got shape {y.shape}"
            )
    sigma = _scalar(sigma, "sigma")
    period = _scalar(period, "period")
    tol = _scalar(tol, "tol")
    if not (sigma > 0 and math.isfinite(sigma)):
        raise ValueError(f"sigma must be positive and finite, got {sigma}")
    if not (period > 0 and math.isfinite(period)):
        raise ValueError(f"period must be positive and finite, got {period}")
    if not (0 < tol < 1):
        raise ValueError(f"tol must be in (0, 1), got {tol}")
    if not (1e-100 <= sigma / period <= 1e100):
        raise ValueError(
            f"sigma / period must be within [1e-100, 1e100] (float64 range of "
            f"sigma^2 and of the kernel's maximum), got {sigma / period:.3g}"
        )
    if method not in ("auto", "direct", "fourier"):
        raise ValueError(
            f"method must be 'auto', 'direct' or 'fourier', got {method!r}"
        )
    nthreads = normalize_workers(workers)
    out, plan = _periodic.periodic_gauss(x, q2, y, sigma, period, tol, method, nthreads)
    if q.ndim == 1:
        out = out[:, 0]
    if f32:
        out = out.astype(np.float32)
    return out, plan


@overload
def periodic_gauss_transform(
    points: ArrayLike,
    weights: ArrayLike,
    sigma: Real,
    targets: DaskArrayT,
    *,
    period: Real = 2 * math.pi,
    tol: Real = 1e-10,
    workers: Workers = None,
) -> DaskArrayT: ...


@overload
def periodic_gauss_transform(
    points: NDArray[FloatT],
    weights: NDArray[FloatT],
    sigma: Real,
    targets: NDArray[FloatT] | None = None,
    *,
    period: Real = 2 * math.pi,
    tol: Real = 1e-10,
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def periodic_gauss_transform(
    points: ArrayLike,
    weights: ArrayLike,
    sigma: Real,
    targets: ArrayLike | None = None,
    *,
    period: Real = 2 * math.pi,
    tol: Real = 1e-10,
    workers: Workers = None,
) -> FloatArray: ...


def periodic_gauss_transform(
    points: ArrayLike,
    weights: ArrayLike,
    sigma: Real,
    targets: ArrayLike | DaskArrayLike | None = None,
    *,
    period: Real = 2 * math.pi,
    tol: Real = 1e-10,
    workers: Workers = None,
) -> Any:
    r"""Gaussian convolution of weighted points on a torus, with all periodic images.

    .. math::

        f(y_i) = \sum_j q_j \sum_{n \in \mathbb{Z}^d}
                 \exp\left(-\frac{\lVert y_i - x_j + L n\rVert^2}{2\sigma^2}\right)

    on the torus :math:`[0, L)^d`, :math:`L` = `period`, d = 1, 2 or 3, to a
    guaranteed tolerance.  This is what the NUFFT recipe (type 1, multiply by
    the Gaussian's Fourier coefficients, type 2) approximates; here the
    error bound covers every truncation, the image sum's included.

    Parameters
    ----------
    points : array_like, shape (N, d) or (N,)
        Source coordinates; a 1-D array is N points in one dimension.
        Coordinates outside ``[0, period)`` are wrapped (only their value
        modulo `period` matters).
    weights : array_like, shape (N,) or (N, k)
        Weights :math:`q_j`, any sign; a 2-D array holds k weight vectors
        transformed together (the geometry work is shared).
    sigma : float
        Width of the Gaussian, > 0 (``sigma / period`` within
        [1e-100, 1e100]).
    targets : array_like, shape (M, d) or (M,), optional
        Where to evaluate; None (default) means the points themselves, the
        :math:`j = i` term included.
    period : float, optional
        Side :math:`L` of the periodic box (default :math:`2\pi`).
    tol : float, optional
        Tolerance in (0, 1), default 1e-10: the absolute error of each value
        is at most ``tol * kmax * sum(abs(q))``, per weight vector, where
        ``kmax`` :math:`= g(0)^d \ge 1` is the periodic kernel's maximum
        (:math:`g(0) = \sum_n e^{-(nL)^2/2\sigma^2}`, about 1 for
        :math:`\sigma \ll L` and about :math:`\sigma\sqrt{2\pi}/L` for
        :math:`\sigma \gg L`), plus floating-point rounding (about 1e-15
        of the same scale).
    workers : int, optional
        Threads (None: all cores; negative counts as in scipy.fft).  The
        result does not depend on it, bit for bit.

    Returns
    -------
    ndarray, shape (M,) or (M, k)
        float64; float32 if points, weights (and targets) are all float32
        (computed in float64 and rounded once).

    Raises
    ------
    ValueError
        sigma or period not positive and finite, tol not in (0, 1), d not
        1, 2 or 3, shapes that do not match, infs or NaNs in the input.
    TypeError
        Complex or non-numeric input, a non-scalar sigma, period or tol.

    Notes
    -----
    Two methods, chosen by a cost model (docs: "Periodic Gauss transform"):

    * a cut-off direct sum for small sigma: every image within distance r
      of a target, r chosen from tol by a bound of the image tail, found
      through cell lists on the torus (cells of side >= r / S, S = 1..3,
      the neighbour rows with periodic wrap clipped to the ball; when r
      exceeds about period / 3, all points with every image that can come
      within r), exponentials vectorised;
    * a truncated Fourier series for large sigma (modes in a ball): per axis
      :math:`\sum_n e^{-(t+Ln)^2/2\sigma^2} = \frac{\sigma\sqrt{2\pi}}{L}
      \sum_k e^{-\sigma^2 (2\pi k/L)^2/2} e^{2\pi i k t/L}` with
      the modes :math:`\lVert k\rVert^2 \le K_2` (a ball), :math:`K_2` from
      tol; the per-axis exponentials factor, so the mode sums are small
      dense products.

    The cost model compares the expected neighbour pairs with the mode
    count times (N + M).

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import periodic_gauss_transform
    >>> x = np.array([[0.1, 0.2], [6.2, 0.2]])   # close through the wrap
    >>> f = periodic_gauss_transform(x, [1.0, 1.0], sigma=0.3)
    >>> d2 = (0.1 + 2 * np.pi - 6.2) ** 2
    >>> bool(np.allclose(f, 1 + np.exp(-d2 / (2 * 0.3**2)), rtol=0, atol=1e-10))
    True
    >>> # sigma >> period: the constant (sigma sqrt(2 pi) / period)^d * sum(q)
    >>> periodic_gauss_transform(x, [1.0, 1.0], sigma=100.0).round(3)
    array([3183.099, 3183.099])
    """
    if is_dask(targets):
        return _dask_periodic(points, weights, sigma, targets, period, tol, workers)
    refuse_foreign(
        "kernterp.kernels.periodic_gauss_transform", points, weights, targets
    )
    return _periodic_gauss_transform(
        points,
        weights,
        sigma,
        cast("ArrayLike | None", targets),
        period=period,
        tol=tol,
        workers=workers,
    )[0]


# --------------------------------------------------------------------------
# dask targets: the sources and weights enter the graph once; each block of
# targets is the numpy call with the method the call on all the targets
# would choose (the cost model weighs the number of targets).


def _periodic_block(
    block: np.ndarray,
    sources: tuple[np.ndarray, np.ndarray],
    sigma: Real,
    period: Real,
    tol: Real,
    workers: Workers,
    method: str,
) -> np.ndarray:
    points, weights = sources
    return _periodic_gauss_transform(
        points, weights, sigma, block, period=period, tol=tol, workers=workers,
        method=method,
    )[0]  # fmt: skip


def _dask_periodic(
    points: ArrayLike,
    weights: ArrayLike,
    sigma: Real,
    targets: Any,
    period: Real,
    tol: Real,
    workers: Workers,
) -> Any:
    """periodic_gauss_transform for dask targets (numpy sources)."""
    refuse_foreign(
        "kernterp.kernels.periodic_gauss_transform (points and weights)",
        points, weights,
    )  # fmt: skip
    import dask.array as da
    from dask.base import tokenize

    check_chunks("periodic_gauss_transform", targets)
    points, weights = np.asarray(points), np.asarray(weights)
    if targets.ndim not in (1, 2):
        raise ValueError(
            "targets must be 2-D (n, d) with d = 1, 2 or 3 (or 1-D for d = 1), "
            f"got shape {targets.shape}"
        )
    if targets.ndim == 2 and len(targets.chunks[1]) > 1:
        targets = targets.rechunk({1: -1})
    # the numpy call on no target checks every argument and gives the dtype
    # (with no target the core returns before any work)
    empty = np.empty((0,) + targets.shape[1:], targets.dtype)
    normalize_workers(workers)  # (its errors)
    probe, plan = _periodic_gauss_transform(
        points, weights, sigma, empty, period=period, tol=tol, workers=1
    )
    m = targets.shape[0]
    method = _periodic.plan(
        plan["d"], plan["n"], m, plan["nrhs"], plan["sigma"], plan["period"],
        plan["tol"], "auto",
    )["method"]  # fmt: skip
    # blocks of targets (m_b,) or (m_b, d) give (m_b,) or (m_b, k)
    k = probe.shape[1:]
    chunks = (targets.chunks[0], *((c,) for c in k))
    drop: list[int] | None = None
    new: list[int] | None = None
    if targets.ndim == 2:
        drop = None if k else [1]
    else:
        new = [1] if k else None
    args = (sigma, period, tol, task_workers(workers), method)
    token = tokenize(targets, points, weights, *args)
    return da.map_blocks(
        _periodic_block, targets, constant((points, weights)), *args,
        dtype=probe.dtype, chunks=chunks, drop_axis=drop, new_axis=new,
        meta=probe, name=f"kernterp-periodic-{token}",
    )  # fmt: skip
