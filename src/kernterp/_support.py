"""What the facades of every area share: the argument normalisation of
scipy.ndimage (modes, per-axis sequences, axes, outputs), scipy's sampled
Gaussian kernel, and the ``workers`` argument as scipy.fft reads it."""

from __future__ import annotations

import importlib
import numbers
import operator
import os
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, SupportsIndex

import numpy as np

from kernterp._dask import is_dask

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "MODES",
    "available_cpus",
    "check_axes",
    "foreign_array",
    "gaussian_weights",
    "get_output",
    "kernel_radius",
    "mode_code",
    "normalize_sequence",
    "normalize_workers",
    "refuse_foreign",
    "scipy_reference",
    "to_reference",
]

# scipy.ndimage's boundary modes and their kt_mode codes (include/kernterp/common.h)
MODES = {
    "reflect": 0,
    "grid-mirror": 0,
    "constant": 1,
    "grid-constant": 1,
    "nearest": 2,
    "mirror": 3,
    "wrap": 4,
    "grid-wrap": 4,
}


def mode_code(mode: Any, also: tuple[str, ...] = ()) -> int:
    """kt_mode code of a scipy.ndimage mode name (RuntimeError, as scipy).

    `also` lists names the caller accepts besides, for the error message.
    """
    try:
        return MODES[mode]
    except (KeyError, TypeError):
        raise RuntimeError(
            f"boundary mode not supported: {mode!r}; expected one of "
            + ", ".join(repr(m) for m in (*also, *MODES))
        ) from None


def normalize_sequence(
    value: Any,
    n: int,
    name: str,
    exc: type[Exception] = RuntimeError,
    per: str | None = None,
) -> list[Any]:
    """`value` as a list of `n` entries: a sequence of exactly `n`, or a scalar.

    A sequence of another length raises `exc` (scipy.ndimage: RuntimeError)
    with scipy.ndimage's message, or one naming `per` for other callers.
    """
    if not isinstance(value, str) and np.iterable(value):
        seq = list(value)
        if len(seq) != n:
            what = (
                "sequence argument must have length equal to input rank"
                if per is None
                else f"sequence argument must have one entry per {per}"
            )
            raise exc(f"{what}: {name} has {len(seq)} entries, expected {n}")
        return seq
    return [value] * n


def check_axes(axes: Any, ndim: int) -> tuple[int, ...]:
    if axes is None:
        return tuple(range(ndim))
    if np.isscalar(axes):
        # (np.isscalar narrows to every scalar type; operator.index refuses
        # the non-integers with TypeError, as scipy does)
        axes = (operator.index(axes),)  # type: ignore[arg-type]
    elif isinstance(axes, Iterable):
        axes = tuple(operator.index(ax) for ax in axes)
        for ax in axes:
            if ax < -ndim or ax > ndim - 1:
                raise ValueError(
                    f"specified axis: {ax} is out of range for an array with "
                    f"{ndim} dimension(s)"
                )
        axes = tuple(ax % ndim if ax < 0 else ax for ax in axes)
    else:
        raise ValueError("axes must be an integer, iterable of integers, or None")
    if len(set(axes)) != len(axes):
        raise ValueError(f"axes must be unique, got {axes}")
    return tuple(axes)


def get_output(
    output: object, input: NDArray[Any], complex_output: bool = False
) -> NDArray[Any]:
    # scipy.ndimage's rules: None, a dtype (or type), a dtype string, or
    # anything array-like (used as given when it is an ndarray)
    shape = input.shape
    if output is None:
        if complex_output and input.dtype.kind != "c":
            return np.empty(shape, np.promote_types(input.dtype, np.complex64))
        return np.empty(shape, dtype=input.dtype.name)
    if isinstance(output, (type, np.dtype)):
        dt = np.dtype(output)
        if complex_output and dt.kind != "c":
            warnings.warn("promoting specified output dtype to complex", stacklevel=3)
            dt = np.promote_types(dt, np.complex64)
        return np.empty(shape, dtype=dt)
    if isinstance(output, str):
        dt = np.dtype(output)
        if complex_output and dt.kind != "c":
            raise RuntimeError("output must have complex dtype for complex input")
        if not issubclass(dt.type, np.number):
            raise RuntimeError(f"output must have numeric dtype, got {dt}")
        return np.empty(shape, dtype=dt)
    output = np.asarray(output)
    if output.shape != shape:
        raise RuntimeError(
            f"output shape not correct: got {output.shape}, expected {shape}"
        )
    if complex_output and output.dtype.kind != "c":
        raise RuntimeError("output must have complex dtype for complex input")
    return output


def kernel_radius(sigma: Any, truncate: Any, radius: Any) -> int:
    """scipy.ndimage's kernel radius: int(truncate * sigma + 0.5), or `radius`.

    As in scipy, the default is computed (and raises for a non-finite sigma
    or truncate: OverflowError, ValueError) even when `radius` is given.
    """
    lw: Any = int(truncate * float(sigma) + 0.5)
    if radius is not None:
        lw = radius
    if not isinstance(lw, numbers.Integral) or lw < 0:
        raise ValueError(f"Radius must be a nonnegative integer, got {lw!r}.")
    return int(lw)


def gaussian_weights(sigma: Any, order: int, radius: int) -> Any:
    """Correlation weights of scipy.ndimage's sampled Gaussian (derivative).

    The same numpy operations as the reference, on the sigma object as given
    (a float32 sigma rounds as it does there), so that the weights, and with
    the core's float64 summation order the filtered values, are bit-identical.
    The derivative of order n is p_n(x) * phi(x), with the polynomial
    p_{k+1} = p_k' - x p_k / sigma**2 carried as monomial coefficients.
    """
    s2 = sigma * sigma
    x = np.arange(-radius, radius + 1)
    phi = np.exp(-0.5 / s2 * x**2)
    phi = phi / phi.sum()
    if order:
        powers = np.arange(order + 1)
        step = np.diag(powers[1:], 1) + np.diag(np.ones(order) / -s2, -1)
        coef = np.zeros(order + 1)
        coef[0] = 1
        for _ in range(order):
            coef = step.dot(coef)
        phi = (x[:, None] ** powers).dot(coef) * phi
    return phi[::-1]


def available_cpus() -> int:
    """Cores this process may run on, capped by OMP_NUM_THREADS when it is set."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    env = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    if env.isdigit() and int(env) > 0:
        n = min(n, int(env))
    return max(n, 1)


def normalize_workers(workers: SupportsIndex | None) -> int:
    """Thread count for ``workers``.

    ``None`` means every available core (respecting OMP_NUM_THREADS), a
    positive count is taken as given, and a negative one counts back from the
    number of cores as in scipy.fft (``-1`` all, ``-2`` all but one).
    """
    if workers is None:
        return available_cpus()
    workers = operator.index(workers)
    if workers == 0:
        raise ValueError("workers must not be zero")
    if workers < 0:
        n = available_cpus() + 1 + workers
        if n <= 0:
            raise ValueError(
                f"workers value out of range; got {workers}, must not be less "
                f"than {-available_cpus()}"
            )
        return n
    return workers


# --------------------------------------------------------------------------
# arrays of other libraries


def foreign_array(*arrays: object) -> object | None:
    """The first of `arrays` that belongs to another array library, or None.

    A dask array, or any object with ``__array_namespace__`` (the array API
    standard: array-api-strict, CuPy, JAX, ...) that is not numpy's.  Such
    arrays are never converted with ``numpy.asarray`` behind the caller's
    back: a dask array would be computed into memory, a GPU array copied to
    the host.  Array-likes without ``__array_namespace__`` (lists, pandas,
    objects with ``__array__``) are converted, as numpy and scipy do.
    """
    for a in arrays:
        if is_dask(a):
            return a
        if hasattr(type(a), "__array_namespace__") and not isinstance(
            a, (np.ndarray, np.generic)
        ):
            return a
    return None


def refuse_foreign(caller: str, *arrays: object) -> None:
    """TypeError if any of `arrays` belongs to another array library.

    For the functions with no reference implementation to hand such arrays
    to (the functions of scipy and numpy give them to their own).
    """
    a = foreign_array(*arrays)
    if a is not None:
        kind = type(a)
        raise TypeError(
            f"{caller} takes numpy arrays (and array-likes); got a "
            f"{kind.__module__}.{kind.__qualname__}.  kernterp does not convert "
            "arrays of other libraries behind your back: pass numpy.asarray(x) "
            "(for a dask array, x.compute()) if that is what you want"
        )


def to_reference(*arrays: object) -> bool:
    """Whether a call goes to its reference (numpy's or scipy's own function,
    which decides what to make of other array libraries' arrays): True when
    one of `arrays` belongs to another array library.  A dask array is
    refused with TypeError instead, not computed into memory.
    """
    a = foreign_array(*arrays)
    if a is None:
        return False
    if is_dask(a):
        refuse_foreign("this function", a)
    return True


# --------------------------------------------------------------------------
# references captured on first use


class scipy_reference:  # noqa: N801  (used like the function it stands for)
    """scipy's own function `name`, imported on its first call, then kept.

    The facades hand what kernterp's core does not cover to the reference
    function.  That must be scipy's original, never looked up on
    ``scipy.ndimage`` at call time: a test suite or a user may have swapped
    kernterp's function in there, and the fallback would recurse.  Captured
    when kernterp is imported, it would cost every ``import kernterp`` the
    import of its module (scipy.ndimage: ~70 ms); captured on first use it
    may be looked up after such a swap (tests/peers swaps both
    ``scipy.ndimage`` and the defining ``scipy.ndimage._filters`` before any
    kernterp function runs).  So the original is found by identity, not by
    name: the first of ``modules`` whose attribute `name` is scipy's own
    code -- a function whose ``__module__`` is in scipy and whose code lives
    in scipy's package directory.  Anything swapped in (kernterp's function,
    a wrapper of it, a lambda) fails that test and is passed over; the
    public module comes first, so an unswapped scipy gives exactly what an
    import-time capture gave (scipy >= 1.15's array-API wrapper included,
    which lives in ``scipy.ndimage._support_alternative_backends``).

    A program that replaces scipy's function in EVERY module holding it
    (tests/peers does, for scipy's own test suite) leaves nothing to find
    afterwards: it calls `capture` first.
    """

    __slots__ = ("_fn", "_modules", "_name")

    def __init__(self, name: str, modules: tuple[str, ...]) -> None:
        self._name = name
        self._modules = modules
        self._fn: Callable[..., Any] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        fn = self._fn
        if fn is None:
            fn = self._fn = self._resolve()
        return fn(*args, **kwargs)

    def capture(self) -> None:
        """Find scipy's function now, before anything replaces it."""
        if self._fn is None:
            self._fn = self._resolve()

    def _resolve(self) -> Callable[..., Any]:
        import scipy

        home = os.path.dirname(os.path.abspath(scipy.__file__)) + os.sep
        for modname in self._modules:
            try:
                module = importlib.import_module(modname)
            except ImportError:  # a module of another scipy version
                continue
            fn: object = getattr(module, self._name, None)
            if callable(fn) and _is_scipys(fn, home):
                return fn
        raise RuntimeError(
            f"kernterp: scipy's own {self._name} is not in any of "
            f"{', '.join(self._modules)} (each holds a replacement): "
            "kernterp has no reference to hand this call to"
        )


def _is_scipys(fn: object, home: str) -> bool:
    module = str(getattr(fn, "__module__", None) or "")
    if not (module == "scipy" or module.startswith("scipy.")):
        return False
    code = getattr(fn, "__code__", None)
    if code is None:  # not a Python function: its __module__ is all there is
        return True
    return os.path.abspath(str(code.co_filename)).startswith(home)
