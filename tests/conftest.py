"""Shared corpus and oracle helpers for the kernterp test suite.

scipy.ndimage is the oracle.  The helpers here build hard inputs (every dtype
scipy accepts, odd layouts, tiny and empty axes), run kernterp and scipy on
the same arguments, and compare outcomes: either both raise the same
exception type, or both succeed with results of the same dtype and shape and
values equal within a tolerance that depends on the dtype.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest
import scipy.ndimage as sp_ndimage

import kernterp.ndimage as kt_ndimage

MODES = (
    "reflect",
    "constant",
    "nearest",
    "mirror",
    "wrap",
    "grid-mirror",
    "grid-constant",
    "grid-wrap",
)
SIGNED_DTYPES = (np.int8, np.int16, np.int32, np.int64)
UNSIGNED_DTYPES = (np.uint8, np.uint16, np.uint32, np.uint64)
INT_DTYPES = SIGNED_DTYPES + UNSIGNED_DTYPES
FLOAT_DTYPES = (np.float32, np.float64)
COMPLEX_DTYPES = (np.complex64, np.complex128)
PUBLIC = (
    "gaussian_filter",
    "gaussian_filter1d",
    "gaussian_laplace",
    "gaussian_gradient_magnitude",
)

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))


def dtype_id(dt):
    """Readable pytest id for a dtype-like."""
    return np.dtype(dt).str if not np.dtype(dt).isnative else np.dtype(dt).name


# --------------------------------------------------------------------------
# data


def make_data(shape, dtype, seed=0, *, small=False):
    """Random data of `dtype`.

    Floats lie in [0, 1) (complex: both parts), integers span the dtype's
    range clipped to [-1000, 1000] (``small``: to a sixteenth of the signed
    range, so that derivative filters stay in range), bools are fair coins.
    """
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.random(shape) < 0.5
    if dt.kind in "iu":
        info = np.iinfo(dt)
        lo, hi = max(int(info.min), -1000), min(int(info.max), 1000)
        if small and dt.kind == "i":
            lo, hi = max(lo, int(info.min) // 16), min(hi, int(info.max) // 16)
        return rng.integers(lo, hi, size=shape, endpoint=True).astype(dt)
    if dt.kind == "c":
        return (rng.random(shape) + 1j * rng.random(shape)).astype(dt)
    return rng.random(shape).astype(dt)


LAYOUTS = (
    "0d",
    "1d",
    "1d_len1",
    "1d_len2",
    "2d_C",
    "2d_F",
    "2d_len1_axis",
    "3d_C",
    "3d_F",
    "4d",
    "strided",
    "negative_strides",
    "transposed_3d",
    "broadcast_rows",
    "broadcast_cols",
    "broadcast_3d",
)
EMPTY_SHAPES = ((0,), (0, 3), (3, 0, 2))


def make_layout(name, dtype, seed=0):
    """An input array of `dtype` with the memory layout called `name`."""
    dt = np.dtype(dtype)
    if name == "0d":
        return np.asarray(make_data((), dt, seed))
    if name == "1d":
        return make_data((13,), dt, seed)
    if name == "1d_len1":
        return make_data((1,), dt, seed)
    if name == "1d_len2":
        return make_data((2,), dt, seed)
    if name == "2d_C":
        return make_data((9, 11), dt, seed)
    if name == "2d_F":
        return np.asfortranarray(make_data((9, 11), dt, seed))
    if name == "2d_len1_axis":
        return make_data((6, 1), dt, seed)
    if name == "3d_C":
        return make_data((5, 6, 7), dt, seed)
    if name == "3d_F":
        return np.asfortranarray(make_data((5, 6, 7), dt, seed))
    if name == "4d":
        return make_data((3, 4, 5, 6), dt, seed)
    if name == "strided":
        a = make_data((17, 22), dt, seed)[::2, 1::3]
        assert not a.flags.c_contiguous and not a.flags.f_contiguous
        return a
    if name == "negative_strides":
        a = make_data((9, 14), dt, seed)[::-1, ::-2]
        assert a.strides[0] < 0 and a.strides[1] < 0
        return a
    if name == "transposed_3d":
        return make_data((5, 6, 7), dt, seed).transpose(2, 0, 1)
    if name == "broadcast_rows":
        return np.broadcast_to(make_data((11,), dt, seed), (7, 11))
    if name == "broadcast_cols":
        return np.broadcast_to(make_data((7, 1), dt, seed), (7, 11))
    if name == "broadcast_3d":
        return np.broadcast_to(make_data((1, 5, 1), dt, seed), (4, 5, 6))
    raise ValueError(name)


def with_byteorder(a, order):
    """`a` with the same values stored in byte order `order` ('<' or '>')."""
    return a.astype(a.dtype.newbyteorder(order))


# --------------------------------------------------------------------------
# running both implementations


class Raised:
    """Outcome of a call that raised."""

    def __init__(self, exc):
        self.exc = exc

    def __repr__(self):
        return f"Raised({type(self.exc).__name__}: {self.exc})"


def call(module, name, *args, **kwargs):
    """Call module.name, returning its result or a Raised; warnings muted.

    An ``output`` keyword that is a zero-argument function (not a type) is
    called first, so that each implementation writes into a fresh array.
    """
    out = kwargs.get("output")
    if callable(out) and not isinstance(out, type):
        kwargs = dict(kwargs, output=out())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return getattr(module, name)(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - any exception is an outcome
        return Raised(exc)


def split_kt_kwargs(kwargs):
    """kernterp-only keywords (workers, method, nan_policy) are not for scipy."""
    sp_kwargs = {
        k: v for k, v in kwargs.items() if k not in ("workers", "method", "nan_policy")
    }
    return kwargs, sp_kwargs


def run_both(name, *args, **kwargs):
    """Run kernterp and scipy; same exception type, or both succeed.

    Returns (kernterp result, scipy result), or None when both raised.
    """
    kt_kwargs, sp_kwargs = split_kt_kwargs(kwargs)
    kt = call(kt_ndimage, name, *args, **kt_kwargs)
    sp = call(sp_ndimage, name, *args, **sp_kwargs)
    if isinstance(kt, Raised) or isinstance(sp, Raised):
        assert isinstance(kt, Raised) and isinstance(sp, Raised), (
            f"{name}: kernterp -> {kt!r}, scipy -> {sp!r}"
        )
        assert type(kt.exc) is type(sp.exc), (
            f"{name}: kernterp raised {kt!r}, scipy raised {sp!r}"
        )
        return None
    return kt, sp


def check_both(name, *args, **kwargs):
    """run_both, then assert_like_scipy on the results (if any)."""
    res = run_both(name, *args, **kwargs)
    if res is not None:
        kt, sp = res
        if sp.dtype.kind in "iu" and kt.dtype == sp.dtype and kt.shape == sp.shape:
            check_integer_output(name, kt, sp, *args, **kwargs)
        else:
            assert_like_scipy(kt, sp)
    return res


# --------------------------------------------------------------------------
# comparisons


def _scale(*arrays):
    scale = 1.0
    for a in arrays:
        a = np.asarray(a)
        if a.size and a.dtype.kind in "biufc":
            finite = np.abs(a[np.isfinite(a)]) if a.dtype.kind in "fc" else np.abs(a)
            if finite.size:
                scale = max(scale, float(finite.max()))
    return scale


def float_atol(dtype, scale=1.0):
    """Absolute tolerance for a float/complex result of `dtype`."""
    dt = np.dtype(dtype)
    single = dt in (np.dtype(np.float32), np.dtype(np.complex64))
    return (1e-5 if single else 1e-12) * scale


def assert_ints_match(kt, sp, max_fraction=0.01, ties=None):
    """Integers: equal, or exactly 1 apart where scipy's truncation is a toss.

    scipy casts (truncates) a float64 sum; when that sum is within rounding of
    an integer (`ties`, see scipy_ties), a different summation order may
    truncate the other way.  Elsewhere at most `max_fraction` of the values
    may be 1 apart (knock-on effects of ties in earlier axes), and no value
    more.  The distance is taken modulo 2**bits so that a toss at 0 for an
    unsigned dtype (0 vs 2**bits - 1) counts as 1 apart.
    """
    assert kt.dtype == sp.dtype and kt.shape == sp.shape
    if kt.size == 0:
        return
    udt = np.dtype(f"u{kt.dtype.itemsize}")
    a = np.ascontiguousarray(kt).view(udt)
    b = np.ascontiguousarray(sp).view(udt)
    d = a - b
    dist = np.minimum(d, -d)
    worst = int(dist.max())
    assert worst <= 1, f"integer results differ by up to {worst}"
    off = dist != 0
    if ties is not None:
        off &= ~np.asarray(ties)
    n1 = int(np.count_nonzero(off))
    assert n1 <= max(1, int(max_fraction * kt.size)), (
        f"{n1} of {kt.size} integer results are 1 apart away from ties"
    )


def _near_integer(pre):
    with np.errstate(invalid="ignore"):
        return np.abs(pre - np.round(pre)) <= 1e-9 * np.maximum(1.0, np.abs(pre))


def scipy_passes(x, *args, **kwargs):
    """scipy.ndimage.gaussian_filter's chain of 1-D passes, as keyword dicts.

    Each dict holds the arguments of one gaussian_filter1d call (without
    input and output), in scipy's order, skipped axes left out.
    """
    ba = inspect.signature(sp_ndimage.gaussian_filter).bind(x, *args, **kwargs)
    ba.apply_defaults()
    p = ba.arguments
    axes = p["axes"]
    if axes is None:
        axes = tuple(range(x.ndim))
    elif np.isscalar(axes):
        axes = (axes,)
    axes = [ax % x.ndim for ax in axes]

    def seq(v):
        if not isinstance(v, str) and np.iterable(v):
            return list(v)
        return [v] * len(axes)

    per_axis = zip(
        axes,
        seq(p["sigma"]),
        seq(p["order"]),
        seq(p["mode"]),
        seq(p["radius"]),
        strict=True,
    )
    return [
        dict(
            sigma=s,
            axis=ax,
            order=o,
            mode=m,
            cval=p["cval"],
            truncate=p["truncate"],
            radius=r,
        )
        for ax, s, o, m, r in per_axis
        if s > 1e-15
    ]


def check_integer_output(name, kt, sp, x, *args, **kwargs):
    """Integer results of kernterp vs scipy, tolerant only of truncation tosses.

    gaussian_filter is scipy's chain of 1-D passes, each computed in float64
    and cast to the output dtype.  The last cast is a toss where its float64
    value is within rounding of an integer (then 1 apart is allowed).  When an
    earlier pass has such tosses, their knock-on effect is not bounded by 1
    (a derivative pass amplifies it), so the chain is then checked pass by
    pass instead: kernterp's result must be the chain of kernterp's own 1-D
    passes, and each 1-D pass must match scipy's on the same input.
    """
    kwargs = {
        k: v
        for k, v in kwargs.items()
        if k not in ("workers", "method", "nan_policy", "output")
    }
    x = np.asarray(x)
    odt = sp.dtype
    if name == "gaussian_filter1d":
        pre = sp_ndimage.gaussian_filter1d(x, *args, output=np.float64, **kwargs)
        assert_ints_match(kt, sp, ties=_near_integer(pre))
        return
    if name in ("gaussian_laplace", "gaussian_gradient_magnitude"):
        _check_integer_sum(name, kt, sp, x, *args, **kwargs)
        return
    if name != "gaussian_filter":
        assert_ints_match(kt, sp)
        return
    passes = scipy_passes(x, *args, **kwargs)
    if not passes:
        assert_ints_match(kt, sp)
        return
    cur, early_ties = x, False
    for i, p in enumerate(passes):
        pre = sp_ndimage.gaussian_filter1d(cur, output=np.float64, **p)
        if i < len(passes) - 1:
            early_ties |= bool(_near_integer(pre).any())
            cur = sp_ndimage.gaussian_filter1d(cur, output=odt, **p)
    if not early_ties:
        assert_ints_match(kt, sp, ties=_near_integer(pre))
        return
    cur = x
    for p in passes:
        k = kt_ndimage.gaussian_filter1d(cur, output=odt, **p)
        s = sp_ndimage.gaussian_filter1d(cur, output=odt, **p)
        pre = sp_ndimage.gaussian_filter1d(cur, output=np.float64, **p)
        assert_ints_match(k, s, ties=_near_integer(pre))
        cur = k
    assert_bitwise_equal(kt, cur)


def _check_integer_sum(name, kt, sp, x, sigma, mode="reflect", cval=0.0, **kwargs):
    """gaussian_laplace / gaussian_gradient_magnitude into an integer dtype.

    scipy sums per-axis gaussian_filter terms, each cast to the output dtype
    (squared first for the gradient magnitude).  Each term is checked with
    check_integer_output; kernterp's result must then be the same combination
    of kernterp's own terms, bit for bit.
    """
    odt = sp.dtype
    axes = kwargs.pop("axes", None)
    axes = tuple(range(x.ndim)) if axes is None else tuple(a % x.ndim for a in axes)
    if not axes:
        assert_ints_match(kt, sp)
        return
    if name == "gaussian_laplace":
        sig = sigma
        if not isinstance(sig, str) and np.iterable(sig):
            sig = list(sig)
        else:
            sig = [sig] * len(axes)
        if len(axes) < x.ndim:
            full = [0] * x.ndim
            for s, ax in zip(sig, axes, strict=True):
                full[ax] = s
            sig = full
        order_of_term = 2
    else:
        sig, order_of_term = sigma, 1
    modes = list(mode) if not isinstance(mode, str) else [mode] * len(axes)
    total = None
    for ax, m in zip(axes, modes, strict=True):
        order = [0] * x.ndim
        order[ax] = order_of_term
        kw = dict(order=order, mode=m, cval=cval, **kwargs)
        k = kt_ndimage.gaussian_filter(x, sig, output=odt, **kw)
        s = sp_ndimage.gaussian_filter(x, sig, output=odt, **kw)
        check_integer_output("gaussian_filter", k, s, x, sig, **kw)
        if name == "gaussian_gradient_magnitude":
            np.multiply(k, k, k)
        if total is None:
            total = k
        else:
            total += k
    if name == "gaussian_gradient_magnitude":
        with np.errstate(invalid="ignore"):
            np.sqrt(total, total, casting="unsafe")
    assert_bitwise_equal(kt, total)


def assert_like_scipy(kt, sp, *, atol=None, ref=None):
    """kernterp result `kt` equals scipy result `sp`: type, dtype, shape, values.

    Floats: absolute tolerance 1e-12 (float64/complex128) or 1e-5
    (float32/complex64) times the data scale; NaN and inf positions must
    match.  Integers: see assert_ints_match.  Bools: exact.
    """
    assert isinstance(kt, np.ndarray), type(kt)
    assert kt.dtype == sp.dtype, (kt.dtype, sp.dtype)
    assert kt.shape == sp.shape, (kt.shape, sp.shape)
    kind = kt.dtype.kind
    if kind in "fc":
        if atol is None:
            atol = float_atol(kt.dtype, _scale(sp, ref if ref is not None else sp))
        # parts separately: numpy's assert_allclose mishandles complex infs
        for part in ("real", "imag") if kind == "c" else ("real",):
            np.testing.assert_allclose(
                getattr(kt, part), getattr(sp, part), rtol=0, atol=atol, equal_nan=True
            )
    elif kind in "iu":
        assert_ints_match(kt, sp)
    else:
        np.testing.assert_array_equal(kt, sp)


def assert_bitwise_equal(a, b):
    """Identical dtype, shape and bytes (NaN payloads included)."""
    assert a.dtype == b.dtype and a.shape == b.shape
    assert np.ascontiguousarray(a).tobytes() == np.ascontiguousarray(b).tobytes()


# --------------------------------------------------------------------------
# running code that may crash the interpreter


def run_isolated(code, timeout=120):
    """Run `code` in a fresh interpreter with this directory on sys.path.

    For inputs that might crash the process (signal) rather than raise: the
    crash then fails one test instead of killing the whole session.  Returns
    the CompletedProcess; the caller asserts on returncode/output.
    """
    prelude = f"import sys; sys.path.insert(0, {TESTS_DIR!r})\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=TESTS_DIR,
    )


@pytest.fixture
def rng():
    return np.random.default_rng(12345)
