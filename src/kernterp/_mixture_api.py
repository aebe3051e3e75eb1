"""Gaussian densities and mixtures: the public functions of kernterp.kernels.

Numerics and conventions (see each docstring for details):

* ``multivariate_normal_pdf`` is scipy.stats.multivariate_normal.pdf: the
  same parameter processing (scalar / 1-D diagonal / 2-D covariance, the
  last axis of ``x`` as the dimension), the same factorisation (LAPACK
  ``eigh`` of the lower triangle, eigenvalues below ``1e6 * eps * max|s|``
  treated as zero), the same exceptions, the same float64 result squeezed as
  scipy squeezes it.  The quadratic forms and exponentials run in C.
* The mixture functions take ``means`` (K, d), ``covs`` as (K, d, d) full
  matrices, (K, d) diagonals, (K,) one variance per component or a scalar
  shared by all; ``weights`` (K,) non-negative, used as given (default
  ``1/K`` each).  float32 points / coordinates give float32 results
  computed in float32; everything else float64.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from kernterp import _mixture
from kernterp._support import normalize_workers, refuse_foreign

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from kernterp._typing import F64Result, FloatArray, FloatT, ScalarT, Workers

__all__ = ["gaussian_mixture_grid", "gaussian_mixture_pdf", "multivariate_normal_pdf"]

_LOG_2PI = np.log(2 * np.pi)


# --------------------------------------------------------------------------
# parameters


def _process_mvn_parameters(
    mean: Any, cov: Any
) -> tuple[int, NDArray[np.float64], NDArray[np.float64]]:
    """(dim, mean, cov) as scipy.stats.multivariate_normal reads them."""
    if mean is None:
        cov = np.asarray(cov, dtype=float)
        dim = 1 if cov.ndim < 2 else cov.shape[0]
        mean = np.zeros(dim)
    else:
        mean = np.asarray(mean, dtype=float)
        dim = mean.size
    cov = np.asarray(cov, dtype=float)
    if dim == 1:
        mean = mean.reshape(1)
        try:
            cov = cov.reshape(1, 1)
        except ValueError:
            raise ValueError(
                f"Array 'cov' must hold one value for a 1-dimensional 'mean', "
                f"but cov.shape = {cov.shape}."
            ) from None
    if mean.ndim != 1 or mean.shape[0] != dim:
        raise ValueError(f"Array 'mean' must be a vector of length {dim}.")
    if cov.ndim == 0:
        cov = cov * np.eye(dim)
    elif cov.ndim == 1:
        if cov.shape[0] != dim:
            raise ValueError(
                f"Dimension mismatch: 1-D array 'cov' (the diagonal) has length "
                f"{cov.shape[0]}, but 'mean' is a vector of length {dim}."
            )
        cov = np.diag(cov)
    elif cov.ndim == 2 and cov.shape != (dim, dim):
        rows, cols = cov.shape
        if rows != cols:
            msg = (
                "Array 'cov' must be square if it is two dimensional, "
                f"but cov.shape = {cov.shape}."
            )
        else:
            msg = (
                f"Dimension mismatch: array 'cov' is of shape {cov.shape}, "
                f"but 'mean' is a vector of length {dim}."
            )
        raise ValueError(msg)
    elif cov.ndim > 2:
        raise ValueError(
            f"Array 'cov' must be at most two-dimensional, but cov.ndim = {cov.ndim}"
        )
    return dim, mean, cov


class _Factor:
    """Eigen-factorisation of a covariance, with scipy's cutoff for zero.

    Attributes: U (whitening, d x d), rank, log_pdet, c (= rank*log(2 pi) +
    log_pdet), V (basis of the null space), support_eps.
    """

    def __init__(
        self, cov: NDArray[np.float64], allow_singular: bool, name: str = "cov"
    ) -> None:
        # imported here, not with kernterp: scipy.linalg takes ~100 ms to import
        import scipy.linalg

        if not np.all(np.isfinite(cov)):
            raise ValueError(f"{name} must contain only finite numbers (no inf or NaN)")
        s, u = scipy.linalg.eigh(cov, lower=True, check_finite=False)
        eps = 1e6 * np.finfo(np.float64).eps * (np.max(np.abs(s)) if s.size else 0.0)
        if s.size and np.min(s) < -eps:
            raise ValueError(
                f"{name} must be symmetric positive semidefinite; its smallest "
                f"eigenvalue is {np.min(s):.6g}."
            )
        pos = s > eps
        if not np.all(pos) and not allow_singular:
            raise np.linalg.LinAlgError(
                f"When `allow_singular is False`, {name} must be symmetric positive "
                "definite (it is singular: an eigenvalue is zero to working precision)."
            )
        s_pinv = np.zeros_like(s)
        np.divide(1.0, s, out=s_pinv, where=np.abs(s) > eps)
        self.U = np.ascontiguousarray(np.multiply(u, np.sqrt(s_pinv)))
        self.rank = int(np.count_nonzero(pos))
        self.log_pdet = float(np.sum(np.log(s[pos])))
        self.c = self.rank * _LOG_2PI + self.log_pdet
        self.V = u[:, s <= eps]
        self.support_eps = 1e3 * eps


def _points(x: Any, dim: int, keep_f32: bool = False) -> Any:
    """x as scipy reads it: (..., dim) (the last axis broadcast from 1)."""
    if keep_f32 and isinstance(x, np.ndarray) and x.dtype == np.float32:
        x = x.astype(np.float32, copy=False)
        if not x.dtype.isnative:
            x = x.astype("=f4")
    else:
        x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        x = x[np.newaxis]
    elif x.ndim == 1:
        x = x[:, np.newaxis] if dim == 1 else x[np.newaxis, :]
    m = x.shape[-1]
    if m != dim:
        if m == 1:
            x = np.broadcast_to(x, x.shape[:-1] + (dim,))
        else:
            raise ValueError(
                f"x: the last axis holds the coordinates of each point and must have "
                f"length {dim} (the dimension of the mean), got shape {x.shape}"
            )
    return x


def _squeeze(out: NDArray[ScalarT]) -> ScalarT | NDArray[ScalarT]:
    out = out.squeeze()
    if out.ndim == 0:
        out = out[()]
    return out


def _run_pdf(
    x: Any,
    means: ArrayLike,
    U: ArrayLike,
    c: ArrayLike,
    w: ArrayLike,
    nthreads: int,
) -> Any:
    """Mixture density at x (..., d) -> array of shape x.shape[:-1]."""
    lead = x.shape[:-1]
    pts = x.reshape(-1, x.shape[-1])
    out = _mixture.mixture_pdf(
        pts,
        np.ascontiguousarray(means, dtype=np.float64),
        np.ascontiguousarray(U, dtype=np.float64),
        np.ascontiguousarray(c, dtype=np.float64),
        np.ascontiguousarray(w, dtype=np.float64),
        nthreads,
    )
    return out.reshape(lead)


def _mask_support(out: NDArray[Any], x: Any, mean: Any, f: Any) -> NDArray[Any]:
    """Zero the density off the support of a singular component (as scipy)."""
    residual = np.linalg.norm((np.asarray(x, dtype=float) - mean) @ f.V, axis=-1)
    out[~(residual < f.support_eps)] = 0.0
    return out


class _Mixture:
    """Validated mixture parameters."""

    def __init__(
        self,
        means: ArrayLike,
        covs: ArrayLike,
        weights: ArrayLike | None,
        allow_singular: bool,
    ) -> None:
        means = np.asarray(means, dtype=float)
        if means.ndim != 2 or means.shape[0] < 1 or means.shape[1] < 1:
            raise ValueError(
                "means must be a 2-D array of shape (K, d): K >= 1 components in "
                f"d >= 1 dimensions; got shape {means.shape}"
            )
        if not np.all(np.isfinite(means)):
            raise ValueError("means must contain only finite numbers")
        K, d = means.shape
        covs = np.asarray(covs, dtype=float)
        if covs.ndim == 0:
            covs = np.full((K, d), covs)
        elif covs.ndim == 1:
            if covs.shape != (K,):
                raise ValueError(
                    f"covs given as 1-D holds one variance per component and must "
                    f"have shape ({K},) for means of shape {means.shape}; "
                    f"got shape {covs.shape}"
                )
            covs = np.repeat(covs[:, None], d, axis=1)
        elif covs.ndim == 2 and covs.shape != (K, d):
            raise ValueError(
                f"covs given as 2-D holds the diagonal of each covariance and must "
                f"have shape ({K}, {d}) for means of shape {means.shape}; "
                f"got shape {covs.shape}"
            )
        elif covs.ndim == 3 and covs.shape != (K, d, d):
            raise ValueError(
                f"covs given as 3-D holds one covariance matrix per component and "
                f"must have shape ({K}, {d}, {d}) for means of shape {means.shape}; "
                f"got shape {covs.shape}"
            )
        elif covs.ndim > 3:
            raise ValueError(
                f"covs must be a scalar, (K,), (K, d) or (K, d, d); got {covs.ndim} "
                "dimensions"
            )
        if weights is None:
            w = np.full(K, 1.0 / K)
        else:
            w = np.asarray(weights, dtype=float)
            if w.shape != (K,):
                raise ValueError(
                    f"weights must have shape ({K},), one per component of means "
                    f"{means.shape}; got shape {w.shape}"
                )
            if not np.all(np.isfinite(w)) or np.any(w < 0):
                raise ValueError("weights must be finite and non-negative")
        U = np.zeros((K, d, d))
        c = np.zeros(K)
        diag = np.zeros(K, np.int32)
        self.factors: list[_Factor | None] = [None] * K
        if covs.ndim == 2:
            if not np.all(np.isfinite(covs)) or np.any(covs <= 0):
                raise ValueError(
                    "covs: every variance (sigma**2) must be finite and > 0; got "
                    f"{covs[~(np.isfinite(covs) & (covs > 0))][0]!r}"
                )
            covs = np.stack([np.diag(v) for v in covs])
        for k in range(K):
            ck = covs[k]
            name = f"covs[{k}]"
            if not np.all(np.isfinite(ck)):
                raise ValueError(f"{name} must contain only finite numbers")
            scale = np.max(np.abs(ck))
            if np.any(np.abs(ck - ck.T) > 1e-10 * scale):
                raise ValueError(f"{name} must be symmetric; got {ck.tolist()!r}")
            off = ck - np.diag(np.diag(ck))
            dg = np.diag(ck)
            if not np.any(off) and np.all(dg > 0):
                # a diagonal covariance: separable, factors of 1/sigma per axis
                diag[k] = 1
                U[k] = np.diag(1.0 / np.sqrt(dg))
                c[k] = d * _LOG_2PI + float(np.sum(np.log(dg)))
                continue
            f = _Factor(ck, allow_singular, name)
            U[k] = f.U
            c[k] = f.c
            if f.rank < d:
                self.factors[k] = f
        self.K, self.d = K, d
        self.means, self.U, self.c, self.w, self.diag = means, U, c, w, diag
        self.singular = [k for k in range(K) if self.factors[k] is not None]


# --------------------------------------------------------------------------
# public functions


def multivariate_normal_pdf(
    x: ArrayLike,
    mean: ArrayLike | None = None,
    cov: ArrayLike = 1,
    allow_singular: bool = False,
    *,
    workers: Workers = None,
) -> F64Result:
    """Multivariate normal probability density function.

    A drop-in for ``scipy.stats.multivariate_normal.pdf``: same parameters,
    defaults, results (to about 1e-15 relative) and exceptions; the
    quadratic forms and exponentials run in C, on several threads.

    Parameters
    ----------
    x : array_like
        Quantiles, with the last axis of `x` denoting the components.  A 1-D
        `x` is one point when the dimension is > 1, else a list of points.
    mean : array_like, default: ``[0]``
        Mean of the distribution (its size is the dimension ``d``).
    cov : array_like or float, default: ``1``
        Symmetric positive (semi)definite covariance matrix; a scalar means
        ``cov * I``, a 1-D array a diagonal matrix.  Only the lower triangle
        is read (as scipy does).
    allow_singular : bool, default: False
        Whether a singular `cov` is allowed; the density then lives on the
        subspace the covariance spans (zero off it), as in scipy.
    workers : int, optional
        Threads: ``None`` every core (respecting OMP_NUM_THREADS), negative
        counts as in scipy.fft.

    Returns
    -------
    pdf : ndarray or float
        Density at `x`, float64, squeezed as scipy squeezes it (a scalar for
        a single point).

    Raises
    ------
    ValueError
        Mismatched shapes, a `cov` that is not positive semidefinite or not
        finite.
    numpy.linalg.LinAlgError
        A singular `cov` while `allow_singular` is False (a ValueError
        subclass).

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import multivariate_normal_pdf
    >>> p = multivariate_normal_pdf([0.0, 0.0], mean=[0, 0], cov=[[1, 0], [0, 1]])
    >>> round(float(p), 12)  # 1 / (2 pi)
    0.159154943092
    >>> multivariate_normal_pdf(np.zeros((4, 3, 2)), mean=[0, 1], cov=2.0).shape
    (4, 3)
    """
    refuse_foreign("kernterp.kernels.multivariate_normal_pdf", x, mean, cov)
    nthreads = normalize_workers(workers)
    dim, mean, cov = _process_mvn_parameters(mean, cov)
    f = _Factor(cov, allow_singular)
    x = _points(x, dim)
    out = _run_pdf(x, mean[None], f.U[None], [f.c], [1.0], nthreads)
    if f.rank < dim:
        _mask_support(out, x, mean, f)
    return _squeeze(out)


@overload
def gaussian_mixture_pdf(
    x: NDArray[FloatT],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    allow_singular: bool = False,
    workers: Workers = None,
) -> FloatT | NDArray[FloatT]: ...


@overload
def gaussian_mixture_pdf(
    x: float | Sequence[float] | Sequence[Sequence[float]] | NDArray[np.integer[Any]],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    allow_singular: bool = False,
    workers: Workers = None,
) -> F64Result: ...


@overload
def gaussian_mixture_pdf(
    x: ArrayLike,
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    allow_singular: bool = False,
    workers: Workers = None,
) -> np.floating[Any] | NDArray[np.floating[Any]]: ...


def gaussian_mixture_pdf(
    x: ArrayLike,
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    allow_singular: bool = False,
    workers: Workers = None,
) -> Any:
    """Density of a mixture of Gaussians, ``sum_k weights[k] * pdf_k(x)``.

    Each ``pdf_k`` is ``scipy.stats.multivariate_normal.pdf(x, means[k],
    covs[k])``; the result matches that sum to about 1e-15 relative.

    Parameters
    ----------
    x : array_like
        Points, the last axis holding the ``d`` coordinates (read as scipy
        reads `x` for a mean of size ``d``).
    means : array_like, shape (K, d)
        The component means.
    covs : array_like
        Covariances: (K, d, d) matrices, (K, d) diagonals, (K,) one variance
        per component (``covs[k] * I``) or a scalar shared by all.
    weights : array_like, shape (K,), optional
        Non-negative weights, used as given (not normalised).  Default:
        ``1/K`` each, so that the mixture integrates to 1.
    allow_singular : bool, default: False
        Allow singular covariance matrices (the density of such a component
        lives on its subspace, as in scipy).
    workers : int, optional
        Threads, as in :func:`multivariate_normal_pdf`.

    Returns
    -------
    pdf : ndarray or scalar
        float32 for float32 `x` (computed in float32), else float64;
        squeezed as scipy squeezes.

    Raises
    ------
    ValueError
        Shapes of `means`, `covs`, `weights` and `x` that disagree, variances
        that are not finite and > 0, a matrix that is not symmetric positive
        semidefinite, negative or non-finite weights.
    numpy.linalg.LinAlgError
        A singular covariance while `allow_singular` is False.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian_mixture_pdf
    >>> means = [[0.0, 0.0], [3.0, 1.0]]
    >>> covs = [[[1.0, 0.3], [0.3, 2.0]], [[0.5, 0.0], [0.0, 0.5]]]
    >>> p = gaussian_mixture_pdf([[0.0, 0.0], [3.0, 1.0]], means, covs)
    >>> p.shape
    (2,)
    >>> bool(np.all(p > 0))
    True
    """
    refuse_foreign("kernterp.kernels.gaussian_mixture_pdf", x, means, covs, weights)
    nthreads = normalize_workers(workers)
    mix = _Mixture(means, covs, weights, allow_singular)
    x = _points(x, mix.d, keep_f32=True)
    if not mix.singular:
        out = _run_pdf(x, mix.means, mix.U, mix.c, mix.w, nthreads)
        return _squeeze(out)
    out = None
    for k in range(mix.K):
        sl = slice(k, k + 1)
        part = _run_pdf(x, mix.means[sl], mix.U[sl], mix.c[sl], [1.0], nthreads)
        if mix.factors[k] is not None:
            _mask_support(part, x, mix.means[k], mix.factors[k])
        part *= part.dtype.type(mix.w[k])
        out = part if out is None else out + part
    return _squeeze(out)


@overload
def gaussian_mixture_grid(
    coords: Sequence[NDArray[FloatT]],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def gaussian_mixture_grid(
    coords: Sequence[Sequence[float]],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def gaussian_mixture_grid(
    coords: Iterable[ArrayLike],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    workers: Workers = None,
) -> FloatArray: ...


def gaussian_mixture_grid(
    coords: Iterable[ArrayLike],
    means: ArrayLike,
    covs: ArrayLike,
    weights: ArrayLike | None = None,
    *,
    workers: Workers = None,
) -> Any:
    """Density of a mixture of Gaussians on the grid of 1-D coordinate arrays.

    ``out[i0, i1, ...] = sum_k weights[k] * pdf_k((coords[0][i0],
    coords[1][i1], ...))``, the "heat map of several Gaussians": the same
    values as :func:`gaussian_mixture_pdf` at every grid point, computed
    exploiting the grid.  Diagonal covariances factor into 1-D Gaussians per
    axis (one exponential per grid point of the last axis, shared by every
    line); other covariances are evaluated line by line along the last axis,
    where the whitened deviation is an affine function of the coordinate.
    When the last axis is equally spaced (within 2 ulps, e.g.
    :func:`numpy.linspace`), the exponent along a line is a quadratic in the
    index, and the exponentials follow from a two-multiply recurrence,
    restarted from exact exponentials every 64 points; segments whose values
    or ratios could leave the normal floating-point range (very far tails)
    use the exact exponential.  Accuracy is that of the direct evaluation
    (relative error a few times ``eps * |exponent|``).

    Parameters
    ----------
    coords : sequence of d 1-D array_like
        The grid coordinates along each axis (any values, any order).
    means : array_like, shape (K, d)
        The component means.
    covs : array_like
        (K, d, d) matrices, (K, d) diagonals, (K,) one variance per
        component, or a scalar; must be positive definite.
    weights : array_like, shape (K,), optional
        Non-negative weights, used as given.  Default ``1/K`` each.
    workers : int, optional
        Threads, as in :func:`multivariate_normal_pdf`.

    Returns
    -------
    out : ndarray, shape ``(len(coords[0]), ..., len(coords[d-1]))``
        float32 if every coordinate array is float32 (computed in float32),
        else float64.

    Raises
    ------
    ValueError
        `coords` that are not d 1-D arrays, or bad `means`, `covs`,
        `weights` (as in :func:`gaussian_mixture_pdf`).
    numpy.linalg.LinAlgError
        A singular covariance matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gaussian_mixture_grid
    >>> x = np.linspace(-3, 3, 61)
    >>> y = np.linspace(-2, 2, 41)
    >>> means = [[-1.0, 0.0], [1.0, 0.5]]
    >>> covs = [[0.5, 0.5], [[1.0, 0.4], [0.4, 0.6]]]
    >>> covs = [np.diag(covs[0]), covs[1]]
    >>> z = gaussian_mixture_grid([x, y], means, covs, weights=[0.3, 0.7])
    >>> z.shape
    (61, 41)
    >>> round(float(z.sum() * 0.1 * 0.1), 2)  # most of the mass lies in the window
    0.97
    """
    refuse_foreign(
        "kernterp.kernels.gaussian_mixture_grid", *coords, means, covs, weights
    )
    nthreads = normalize_workers(workers)
    mix = _Mixture(means, covs, weights, allow_singular=False)
    if isinstance(coords, np.ndarray) and coords.ndim == 2:
        coords = list(coords)
    if not isinstance(coords, (list, tuple)) and not isinstance(coords, np.ndarray):
        coords = list(coords)
    if len(coords) != mix.d:
        raise ValueError(
            f"coords must hold one 1-D array per dimension: {mix.d} for means of "
            f"shape {mix.means.shape}; got {len(coords)}"
        )
    arrs = [np.asarray(c) for c in coords]
    for a, c in enumerate(arrs):
        if c.ndim != 1:
            raise ValueError(f"coords[{a}] must be 1-D; got shape {c.shape}")
    f32 = all(c.dtype == np.float32 for c in arrs)
    dt = np.dtype(np.float32 if f32 else np.float64)
    arrs = [np.ascontiguousarray(c, dtype=dt) for c in arrs]
    return _mixture.mixture_grid(
        arrs, mix.means, mix.U, mix.c, mix.w, mix.diag, nthreads
    )
