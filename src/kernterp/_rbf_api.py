"""RBF kernel matrices, squared distances and Gauss transforms.

The public functions of kernterp.kernels built on the C core's ``kt_rbf_*``
and ``kt_gauss_transform_*`` (see ``include/kernterp/rbf.h``).  Input
handling follows scikit-learn's ``check_pairwise_arrays``: 2-D array-likes
(scipy sparse matrices are densified), at least one sample and one feature,
finite values, equal feature counts; float32 when every input is float32,
float64 otherwise.  The exceptions are scikit-learn's (ValueError; for a bad
``gamma`` an InvalidParameterError, both ValueError and TypeError).

Threads: ``workers`` is the number of kernterp's own threads (centring, the
epilogue that turns products into kernel values, the direct Gauss
transform).  The gemm / syrk runs in scipy's BLAS on the BLAS's own threads
(OpenBLAS: ``OPENBLAS_NUM_THREADS`` or threadpoolctl control them); the
results do not depend on ``workers``, and on the BLAS's thread count only as
far as the BLAS's own results do.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from kernterp import _rbf
from kernterp._dask import check_chunks, is_dask, task_workers
from kernterp._support import normalize_workers, refuse_foreign

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from kernterp._typing import (
        ArrayT,
        DaskArrayLike,
        DaskArrayT,
        FloatArray,
        FloatT,
        Real,
        Workers,
    )

    # what is computed in float64 whatever the other arguments are
    _F64In = NDArray[np.integer[Any] | np.bool] | Sequence[Sequence[float]]

__all__ = ["gauss_transform", "rbf_kernel", "sqeuclidean_distances"]


def _as_2d(a: Any, name: str, caller: str) -> Any:
    """`a` as a 2-D float32/float64 ndarray (no copy when already one)."""
    if hasattr(a, "toarray") and hasattr(a, "nnz"):  # scipy.sparse
        a = a.toarray()
    if isinstance(a, np.ndarray) and a.dtype.kind == "c":
        raise ValueError(f"Complex data not supported\n{a}\n")
    a = np.asarray(a)
    if a.dtype.kind == "c":
        raise ValueError(f"Complex data not supported\n{a}\n")
    if a.dtype not in (np.float32, np.float64):
        try:
            a = a.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name}: could not convert to float: {exc}") from None
    elif not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    if a.ndim == 0:
        raise ValueError(
            f"Expected 2D array, got scalar array instead:\n{name}={a}.\n"
            "Reshape your data to shape (n_samples, n_features)."
        )
    if a.ndim == 1:
        raise ValueError(
            f"Expected 2D array, got 1D array instead:\n{name}={a}.\n"
            "Reshape your data either using array.reshape(-1, 1) if your data has a "
            "single feature or array.reshape(1, -1) if it contains a single sample."
        )
    if a.ndim > 2:
        raise ValueError(
            f"Found array with dim {a.ndim}, while dim <= 2 is required by {caller}."
        )
    if a.shape[0] < 1:
        raise ValueError(
            f"Found array with 0 sample(s) (shape={a.shape}) while a minimum of 1 is "
            f"required by {caller}."
        )
    if a.shape[1] < 1:
        raise ValueError(
            f"Found array with 0 feature(s) (shape={a.shape}) while a minimum of 1 is "
            f"required by {caller}."
        )
    _check_finite(a)
    return a


def _check_finite(a: NDArray[Any]) -> None:
    """ValueError on NaN or inf (scikit-learn's messages); O(1) extra memory
    when the float64 sum is finite (the usual case)."""
    if np.isfinite(np.add.reduce(a, axis=None, dtype=np.float64)):
        return
    if np.isnan(a).any():
        raise ValueError("Input contains NaN.")
    if not np.isfinite(a).all():
        raise ValueError(
            f"Input contains infinity or a value too large for {a.dtype!r}."
        )


def _pair(
    X: Any, Y: Any, caller: str
) -> tuple[FloatArray, FloatArray | None, np.dtype[Any]]:
    """(X, Y or None, dtype): Y None when it is X (the symmetric case)."""
    X = _as_2d(X, "X", caller)
    if Y is None or Y is X:
        return X, None, X.dtype
    Y = _as_2d(Y, "Y", caller)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"Incompatible dimension for X and Y matrices: X.shape[1] == {X.shape[1]} "
            f"while Y.shape[1] == {Y.shape[1]}"
        )
    dtype = np.float32 if X.dtype == Y.dtype == np.float32 else np.float64
    return X.astype(dtype, copy=False), Y.astype(dtype, copy=False), np.dtype(dtype)


class InvalidParameterError(ValueError, TypeError):
    """A parameter of the wrong type or value (scikit-learn's exception of the
    same name is also both a ValueError and a TypeError).  Raised only where
    scikit-learn is not importable: otherwise scikit-learn's own class is
    raised, so that ``except`` clauses written for it catch kernterp's."""


def _invalid_parameter(message: str) -> Any:
    try:
        from sklearn.utils._param_validation import (
            InvalidParameterError as sklearn_error,
        )
    except ImportError:
        return InvalidParameterError(message)
    return sklearn_error(message)


def _gamma(gamma: Any, d: int, caller: str, *, arrays: bool = False) -> Any:
    """`gamma` as a float in [0, inf), as scikit-learn's validation takes it.

    scikit-learn accepts a real number (bool included) and, unchecked, any
    ndarray, which its rbf_kernel broadcasts against the matrix.  A size-1
    array in [0, inf) is read as its value; with ``arrays=True`` any other
    ndarray is returned as it is (the caller computes scikit-learn's
    expression with it), otherwise it is refused.
    """
    if gamma is None:
        return 1.0 / d
    if isinstance(gamma, np.ndarray):
        if gamma.size == 1 and gamma.dtype.kind in "biuf":
            value = float(gamma.reshape(-1)[0])
            if 0.0 <= value < np.inf and gamma.ndim <= 2:
                return value
        if arrays:
            return gamma
    elif isinstance(gamma, numbers.Real) and 0.0 <= float(gamma) < np.inf:
        return float(gamma)
    raise _invalid_parameter(
        f"The 'gamma' parameter of {caller} must be a float in the range "
        f"[0.0, inf) or None. Got {gamma!r} instead."
    )


def _var(var: object) -> float:
    if isinstance(var, bool) or not isinstance(var, numbers.Real):
        raise TypeError(f"var must be a real number; got {var!r}")
    v = float(var)
    if not np.isfinite(v):
        raise ValueError(f"var must be finite; got {var!r}")
    return v


def _out(out: Any, shape: tuple[int, int], dtype: Any, inputs: Sequence[Any]) -> Any:
    if out is None:
        return np.empty(shape, dtype)
    if not isinstance(out, np.ndarray):
        raise ValueError(f"out must be a numpy array; got {type(out).__name__}")
    if out.shape != shape:
        raise ValueError(f"out has shape {out.shape}; expected {shape}")
    if out.dtype != dtype:
        raise ValueError(f"out has dtype {out.dtype}; expected {np.dtype(dtype)}")
    if not out.flags.c_contiguous or not out.flags.writeable or not out.dtype.isnative:
        raise ValueError(
            "out must be a writeable, C-contiguous, native-byte-order array"
        )
    for a in inputs:
        if a is not None and np.may_share_memory(out, a):
            raise ValueError("out must not share memory with X or Y")
    return out


def _pairwise(
    kind: int,
    X: Any,
    Y: Any,
    gamma: Any,
    var: Any,
    out: Any,
    workers: Workers,
    caller: str,
) -> Any:
    nthreads = normalize_workers(workers)
    if kind == _rbf.KERNEL:
        _gamma(gamma, 1, caller, arrays=True)  # scikit-learn checks it first
    X, Y, dtype = _pair(X, Y, caller)
    g = _gamma(gamma, X.shape[1], caller, arrays=True) if kind == _rbf.KERNEL else 0.0
    v = _var(var) if kind == _rbf.KERNEL else 1.0
    m = X.shape[0] if Y is None else Y.shape[0]
    out = _out(out, (X.shape[0], m), dtype, (X, Y))
    if isinstance(g, np.ndarray):
        # scikit-learn's own expression for an array gamma (broadcast
        # against the matrix in place, its errors for shapes that do not).
        K = _rbf.rbf(_rbf.SQDIST, X, Y, 0.0, 1.0, out, nthreads)
        K *= -g
        np.exp(K, out=K)
        if v != 1.0:
            K *= v
        return K
    return _rbf.rbf(kind, X, Y, g, v, out, nthreads)


@overload
def rbf_kernel(
    X: DaskArrayT,
    Y: ArrayLike | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: None = None,
    workers: Workers = None,
) -> DaskArrayT: ...


@overload
def rbf_kernel(
    X: ArrayLike,
    Y: ArrayLike | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: ArrayT,
    workers: Workers = None,
) -> ArrayT: ...


@overload
def rbf_kernel(
    X: NDArray[FloatT],
    Y: NDArray[FloatT] | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: None = None,
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def rbf_kernel(
    X: _F64In,
    Y: ArrayLike | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: None = None,
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def rbf_kernel(
    X: ArrayLike,
    Y: ArrayLike | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: None = None,
    workers: Workers = None,
) -> NDArray[Any]: ...


def rbf_kernel(
    X: ArrayLike | DaskArrayLike,
    Y: ArrayLike | None = None,
    gamma: ArrayLike | None = None,
    *,
    var: Real = 1.0,
    out: NDArray[Any] | None = None,
    workers: Workers = None,
) -> Any:
    """The RBF (Gaussian) kernel matrix ``var * exp(-gamma ||x - y||^2)``.

    A drop-in for ``sklearn.metrics.pairwise.rbf_kernel`` (plus ``var``,
    ``out`` and ``workers``), computed with one single-precision gemm for
    float32 input and float64-grade accuracy: the rows are centred on their
    common mean before the expansion ``|x|^2 + |y|^2 - 2 x.y``, squared
    distances are clamped at 0, and entries whose expansion cancelled are
    recomputed directly, so near points far from the origin keep their
    digits and ``K[i, i] == var`` exactly when `Y` is None.

    Parameters
    ----------
    X : array_like, shape (n_samples_X, n_features)
        Float32 input stays float32; anything else is computed in float64.
    Y : array_like, shape (n_samples_Y, n_features), optional
        None (or `X` itself) computes the symmetric matrix of `X`: half of
        it with syrk, then mirrored.
    gamma : float or ndarray, optional
        ``>= 0``; None means ``1 / n_features``.  As in scikit-learn, an
        ndarray is also taken: one of size 1 as its value, any other
        broadcast against the matrix (``exp(-gamma * D)``, computed after
        the distances).
    var : float, optional
        The kernel's variance (scale), keyword-only.  Default 1.
    out : ndarray, optional
        C-contiguous array of shape (n_samples_X, n_samples_Y) and the result
        dtype to write into (the gemm writes into it directly).
    workers : int, optional
        kernterp's threads (None: all cores).  The gemm runs on scipy's
        BLAS's own threads.  The result does not depend on `workers`.

    Returns
    -------
    ndarray, shape (n_samples_X, n_samples_Y)
        `out` if given.

    Raises
    ------
    ValueError
        Input that is not 2-D, empty, contains NaN or inf, or has different
        feature counts in `X` and `Y`; ``gamma < 0`` or not finite; `out` of
        the wrong shape, dtype or layout.
    TypeError
        A `var` that is not a real number.
    InvalidParameterError
        A `gamma` that is neither a real number in ``[0, inf)`` nor an
        ndarray: scikit-learn's class where scikit-learn is importable,
        kernterp's own otherwise (both are ValueError and TypeError).

    Notes
    -----
    Memory: the output, a centred copy of `X` (and `Y`) and their row norms;
    no output-sized temporaries.  Entries with ``d2 <= max(1/64, 4 d eps) *
    (|x|^2 + |y|^2)`` (centred) are recomputed as ``sum (x - y)^2`` with a
    float64 accumulator, which costs O(d) each: data made of tight, distant
    clusters runs slower than random data but stays accurate.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import rbf_kernel
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0]], dtype=np.float32)
    >>> K = rbf_kernel(X, gamma=0.5, var=2.0)
    >>> K.dtype, K[0, 0], round(float(K[0, 1]), 6)
    (dtype('float32'), np.float32(2.0), 0.735759)
    """
    if is_dask(X) or is_dask(Y):
        return _dask_pairwise(_rbf.KERNEL, X, Y, gamma, var, out, workers, "rbf_kernel")
    refuse_foreign("kernterp.kernels.rbf_kernel", X, Y, out)
    return _pairwise(_rbf.KERNEL, X, Y, gamma, var, out, workers, "rbf_kernel")


@overload
def sqeuclidean_distances(
    X: DaskArrayT,
    Y: ArrayLike | None = None,
    *,
    out: None = None,
    workers: Workers = None,
) -> DaskArrayT: ...


@overload
def sqeuclidean_distances(
    X: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    out: ArrayT,
    workers: Workers = None,
) -> ArrayT: ...


@overload
def sqeuclidean_distances(
    X: NDArray[FloatT],
    Y: NDArray[FloatT] | None = None,
    *,
    out: None = None,
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def sqeuclidean_distances(
    X: _F64In,
    Y: ArrayLike | None = None,
    *,
    out: None = None,
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def sqeuclidean_distances(
    X: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    out: None = None,
    workers: Workers = None,
) -> NDArray[Any]: ...


def sqeuclidean_distances(
    X: ArrayLike | DaskArrayLike,
    Y: ArrayLike | None = None,
    *,
    out: NDArray[Any] | None = None,
    workers: Workers = None,
) -> Any:
    """Squared Euclidean distances between the rows of `X` and `Y`.

    What ``sklearn.metrics.pairwise.euclidean_distances(X, Y, squared=True)``
    computes, from the machinery of :func:`rbf_kernel`: never negative, and
    exactly 0 between identical rows (on the diagonal and elsewhere).  Pairs
    whose expansion would lose more than 6 bits (``d2 <= (|x_c|^2 +
    |y_c|^2) / 64``, centred norms) are recomputed directly and are accurate
    to rounding; the others are within ~64 eps relative (about 1e-5 in
    float32, where scikit-learn upcasts to float64 and gets ~1e-7).

    Parameters
    ----------
    X : array_like, shape (n_samples_X, n_features)
    Y : array_like, shape (n_samples_Y, n_features), optional
        None (or `X` itself): the symmetric matrix of `X`.
    out : ndarray, optional
        C-contiguous output of the right shape and dtype.
    workers : int, optional
        kernterp's threads (None: all cores); see :func:`rbf_kernel`.

    Returns
    -------
    ndarray, shape (n_samples_X, n_samples_Y)
        float32 for float32 input, float64 otherwise.

    Raises
    ------
    ValueError
        As :func:`rbf_kernel`.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import sqeuclidean_distances
    >>> X = np.array([[1e4, 0.0], [1e4, 1.0], [1e4, 0.0]], dtype=np.float32)
    >>> sqeuclidean_distances(X)
    array([[0., 1., 0.],
           [1., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    """
    if is_dask(X) or is_dask(Y):
        return _dask_pairwise(
            _rbf.SQDIST, X, Y, None, 1.0, out, workers, "euclidean_distances"
        )
    refuse_foreign("kernterp.kernels.sqeuclidean_distances", X, Y, out)
    return _pairwise(_rbf.SQDIST, X, Y, None, 1.0, out, workers, "euclidean_distances")


@overload
def gauss_transform(
    X: DaskArrayT,
    weights: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    gamma: ArrayLike | None = None,
    var: Real = 1.0,
    workers: Workers = None,
) -> DaskArrayT: ...


@overload
def gauss_transform(
    X: NDArray[FloatT],
    weights: NDArray[FloatT],
    Y: NDArray[FloatT] | None = None,
    *,
    gamma: ArrayLike | None = None,
    var: Real = 1.0,
    workers: Workers = None,
) -> NDArray[FloatT]: ...


@overload
def gauss_transform(
    X: _F64In,
    weights: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    gamma: ArrayLike | None = None,
    var: Real = 1.0,
    workers: Workers = None,
) -> NDArray[np.float64]: ...


@overload
def gauss_transform(
    X: ArrayLike,
    weights: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    gamma: ArrayLike | None = None,
    var: Real = 1.0,
    workers: Workers = None,
) -> NDArray[Any]: ...


def gauss_transform(
    X: ArrayLike | DaskArrayLike,
    weights: ArrayLike,
    Y: ArrayLike | None = None,
    *,
    gamma: ArrayLike | None = None,
    var: Real = 1.0,
    workers: Workers = None,
) -> Any:
    """The Gauss transform ``K(Y, X) @ weights`` without forming K.

    ``out[i] = sum_j var * exp(-gamma ||y_i - x_j||^2) * weights[j]``: the
    kernel of :func:`rbf_kernel` between targets `Y` and sources `X`, applied
    to one or several weight vectors, block by block.  Memory is
    O((n + m) d + n k) plus a tile per thread.  For few features (d <= 16) a
    direct SIMD loop computes the distances and exponentials; beyond that
    tiles of K are formed with gemm and multiplied into the result with
    gemm.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The sources.
    weights : array_like, shape (n,) or (n, k)
        One weight per source, or k columns of weights.
    Y : array_like, shape (m, d), optional
        The targets; None means ``Y = X``.
    gamma : float, optional
        ``>= 0`` (or an array holding one such value); None means ``1 / d``.
    var : float, optional
        The kernel's scale.
    workers : int, optional
        kernterp's threads (None: all cores).  The result does not depend
        on it.

    Returns
    -------
    ndarray, shape (m,) or (m, k)
        float32 when `X`, `Y` and `weights` are all float32, float64
        otherwise.

    Raises
    ------
    ValueError
        As :func:`rbf_kernel`, and `weights` whose length is not n.

    Examples
    --------
    >>> import numpy as np
    >>> from kernterp.kernels import gauss_transform, rbf_kernel
    >>> rng = np.random.default_rng(0)
    >>> X, w = rng.normal(size=(50, 3)), rng.normal(size=50)
    >>> np.allclose(gauss_transform(X, w, gamma=0.5), rbf_kernel(X, gamma=0.5) @ w)
    True
    """
    if is_dask(X) or is_dask(weights) or is_dask(Y):
        return _dask_gauss_transform(X, weights, Y, gamma, var, workers)
    refuse_foreign("kernterp.kernels.gauss_transform", X, weights, Y)
    nthreads = normalize_workers(workers)
    Xa, Ya, dtype = _pair(X, Y, "gauss_transform")
    w = np.asarray(weights)
    if w.dtype.kind == "c":
        raise ValueError("Complex data not supported")
    if w.ndim not in (1, 2) or w.shape[0] != Xa.shape[0]:
        raise ValueError(
            f"weights must have shape (n,) or (n, k) with n = {Xa.shape[0]} (the "
            f"number of sources); got shape {w.shape}"
        )
    if w.dtype != np.float32:
        dtype = np.dtype(np.float64)
    Xa = Xa.astype(dtype, copy=False)
    if Ya is not None:
        Ya = Ya.astype(dtype, copy=False)
    g = _gamma(gamma, Xa.shape[1], "gauss_transform")
    v = _var(var)
    w2 = np.ascontiguousarray(w.reshape(w.shape[0], -1), dtype=dtype)
    if w2.shape[1] == 0:
        return np.zeros((Xa.shape[0] if Ya is None else Ya.shape[0], 0), dtype)
    out = _rbf.gauss_transform(Xa, w2, Ya, g, v, nthreads)
    return out[:, 0] if w.ndim == 1 else out


# --------------------------------------------------------------------------
# dask arrays: a lazy matrix of blocks (rows of X x rows of Y), and Gauss
# transforms summed over blocks of sources in a tree.  Each block is the
# numpy call on its rows, so it is centred on the mean of ITS rows: values
# agree with the call on the whole arrays to the functions' accuracy, not
# bit for bit (docs/dask.rst).


def _dask_2d(a: Any, name: str, caller: str, rows: int | None = None) -> Any:
    """`a` (dask or array-like) as a dask array of float32/64 rows, features
    in one chunk; numpy input is checked as the numpy call checks it and
    cut into blocks of `rows` rows."""
    import dask.array as da

    if not is_dask(a):
        refuse_foreign(f"kernterp.kernels.{caller}", a)
        a = _as_2d(a, name, caller)
        return da.from_array(a, chunks=(rows or a.shape[0], a.shape[1]))
    check_chunks(caller, a)
    if a.dtype.kind == "c":
        raise ValueError(f"Complex data not supported\n{a}\n")
    if a.ndim != 2:
        raise ValueError(
            f"Expected 2D array, got {a.ndim}D array instead:\n{name}={a}.\n"
            "Reshape your data to shape (n_samples, n_features)."
        )
    for axis, what in ((0, "sample"), (1, "feature")):
        if a.shape[axis] < 1:
            raise ValueError(
                f"Found array with 0 {what}(s) (shape={a.shape}) while a minimum "
                f"of 1 is required by {caller}."
            )
    if a.dtype not in (np.float32, np.float64):
        if a.dtype.kind not in "biuf":
            raise ValueError(f"{name}: could not convert dtype {a.dtype} to float")
        a = a.astype(np.float64)
    elif not a.dtype.isnative:
        a = a.astype(a.dtype.newbyteorder("="))
    if len(a.chunks[1]) > 1:
        a = a.rechunk({1: -1})
    return a


def _dask_pair(X: Any, Y: Any, caller: str, rows: int | None) -> tuple[Any, Any]:
    """(X, Y or None) as dask arrays; Y None for the symmetric case."""
    if Y is None or Y is X:
        return _dask_2d(X, "X", caller, rows), None
    X = _dask_2d(X, "X", caller, rows)
    Y = _dask_2d(Y, "Y", caller, rows)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"Incompatible dimension for X and Y matrices: X.shape[1] == {X.shape[1]} "
            f"while Y.shape[1] == {Y.shape[1]}"
        )
    return X, Y


def _rows_of(*arrays: object) -> int | None:
    """The row chunk size of the first dask array among `arrays`."""
    for a in arrays:
        if is_dask(a):
            return int(max(a.chunks[0]))
    return None


def _pair_block(
    kind: int,
    x: np.ndarray,
    y: np.ndarray | None,
    g: float,
    v: float,
    workers: Workers,
    caller: str,
) -> Any:
    return _pairwise(kind, x, y, g, v, None, workers, caller)


def _dask_pairwise(
    kind: int,
    X: Any,
    Y: Any,
    gamma: Any,
    var: Any,
    out: object,
    workers: Workers,
    caller: str,
) -> Any:
    """rbf_kernel / sqeuclidean_distances of dask arrays: a lazy matrix whose
    block (i, j) is the numpy call on row blocks i of X and j of Y (without
    Y: the diagonal blocks are symmetric calls, the blocks below are the
    transposes of those above, so the matrix is exactly symmetric)."""
    import dask.array as da
    from dask.base import tokenize
    from dask.highlevelgraph import HighLevelGraph

    if out is not None:
        raise TypeError(
            f"kernterp: {caller}'s out= must be None for dask input (the result "
            "is a new dask array)"
        )
    check_chunks(caller, X, Y)
    X, Y = _dask_pair(X, Y, caller, _rows_of(X, Y))
    if kind == _rbf.KERNEL:
        if isinstance(gamma, np.ndarray) and gamma.size != 1:
            raise TypeError(
                "kernterp: rbf_kernel of dask arrays takes a scalar gamma; got an "
                f"array of shape {gamma.shape}"
            )
        g, v = _gamma(gamma, X.shape[1], caller), _var(var)
    else:
        g, v = 0.0, 1.0
    dtype = np.dtype(
        np.float32
        if X.dtype == np.float32 and (Y is None or Y.dtype == np.float32)
        else np.float64
    )
    if X.dtype != dtype:
        X = X.astype(dtype)
    if Y is not None and Y.dtype != dtype:
        Y = Y.astype(dtype)
    nw = task_workers(workers)
    name = f"kernterp-{caller}-{tokenize(kind, X, Y, g, v, nw)}"
    layer: dict[Any, Any] = {}
    ni = len(X.chunks[0])
    for i in range(ni):
        xi = (X.name, i, 0)
        for j in range(ni if Y is None else len(Y.chunks[0])):
            task: tuple[Any, ...]
            if Y is not None:
                task = (_pair_block, kind, xi, (Y.name, j, 0), g, v, nw, caller)
            elif i == j:
                task = (_pair_block, kind, xi, None, g, v, nw, caller)
            elif i < j:
                task = (_pair_block, kind, xi, (X.name, j, 0), g, v, nw, caller)
            else:
                task = (np.transpose, (name, j, i))
            layer[(name, i, j)] = task
    deps = [X] if Y is None else [X, Y]
    graph = HighLevelGraph.from_collections(name, layer, dependencies=deps)
    chunks = (X.chunks[0], X.chunks[0] if Y is None else Y.chunks[0])
    return da.Array(graph, name, chunks, dtype=dtype, meta=np.empty((0, 0), dtype))


def _gt_block(
    x: np.ndarray, w: np.ndarray, y: np.ndarray, g: float, v: float, workers: Workers
) -> np.ndarray:
    out: np.ndarray = gauss_transform(x, w, y, gamma=g, var=v, workers=workers)
    return out[:, None, :]


def _dask_gauss_transform(
    X: Any, weights: Any, Y: Any, gamma: Any, var: Any, workers: Workers
) -> Any:
    """gauss_transform with dask sources, weights or targets: per block of
    targets and block of sources a partial sum (the numpy call), the
    partial sums of each block of targets added in a tree."""
    import dask.array as da

    caller = "gauss_transform"
    check_chunks(caller, X, weights, Y)
    rows = _rows_of(X, weights)
    if is_dask(X) and is_dask(weights) and X.chunks[0] != weights.chunks[0]:
        raise ValueError(
            "gauss_transform: X and weights must have the same chunks along their "
            f"first axis (one weight per source), got {X.chunks[0]} and "
            f"{weights.chunks[0]}; rechunk one of them, e.g. "
            "weights.rechunk({0: X.chunks[0]})"
        )
    w: Any
    if is_dask(weights):
        w = weights
        if w.dtype.kind == "c":
            raise ValueError("Complex data not supported")
        if w.dtype.kind not in "biuf":
            raise ValueError(f"weights: could not convert dtype {w.dtype} to float")
    else:
        w = np.asarray(weights)
        if w.dtype.kind == "c":
            raise ValueError("Complex data not supported")
    Xd = _dask_2d(X, "X", caller, rows)
    if not is_dask(X) and is_dask(weights):
        Xd = Xd.rechunk({0: weights.chunks[0]})
    n = Xd.shape[0]
    if w.ndim not in (1, 2) or w.shape[0] != n:
        raise ValueError(
            f"weights must have shape (n,) or (n, k) with n = {n} (the number of "
            f"sources); got shape {w.shape}"
        )
    if not is_dask(w):
        w = da.from_array(w, chunks=(Xd.chunks[0],) + tuple((c,) for c in w.shape[1:]))
    one_d = w.ndim == 1
    w2 = w[:, None] if one_d else w
    if len(w2.chunks[1]) > 1:
        w2 = w2.rechunk({1: -1})
    Yd = Xd if Y is None or Y is X else _dask_2d(Y, "Y", caller, rows)
    if Yd.shape[1] != Xd.shape[1]:
        raise ValueError(
            f"Incompatible dimension for X and Y matrices: X.shape[1] == "
            f"{Xd.shape[1]} while Y.shape[1] == {Yd.shape[1]}"
        )
    f32 = Xd.dtype == Yd.dtype == w2.dtype == np.float32
    dtype = np.dtype(np.float32 if f32 else np.float64)
    g = _gamma(gamma, Xd.shape[1], caller)
    v = _var(var)
    k = w2.shape[1]
    if k == 0:
        return da.zeros((Yd.shape[0], 0), dtype, chunks=(Yd.chunks[0], (0,)))
    # block (j, i): the targets of block j against the sources of block i
    # (dask warns that this makes more blocks than either input has: it is
    # the point)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", da.PerformanceWarning)
        parts = da.blockwise(
            _gt_block, "jik", Xd.astype(dtype), "id", w2.astype(dtype), "ik",
            Yd.astype(dtype), "jd", g, None, v, None, task_workers(workers), None,
            dtype=dtype, adjust_chunks={"i": 1}, concatenate=True,
            meta=np.empty((0, 0, 0), dtype),
        )  # fmt: skip
    out = parts.sum(axis=1, dtype=dtype, split_every=4)
    return out[:, 0] if one_d else out
