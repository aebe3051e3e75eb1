"""DESIGN.md's hard-input corpus as hypothesis strategies, and the comparison
of one call's outcome with its reference's (no tests here).

An input array is drawn as an :class:`ArraySpec`: its values (any dtype,
either byte order, NaN/inf/signed zeros/extremes sprinkled in) and a memory
layout (C, F, strided, negative strides, unaligned through a uint8 buffer
offset by one byte, broadcast with zero strides).  ``spec.make()`` builds a
fresh array each time, so that the implementation and its reference never
share a buffer they might write to.

How many examples run: the ``KERNTERP_DIFF_EXAMPLES`` environment variable
multiplies each test's (CI-sized) example count; set it, e.g. to 50, for a
local campaign.  CI runs derandomized (the same examples every run); a
campaign explores new ones each run, keeps failures in hypothesis's
database (``.hypothesis/``, replayed first next time) and prints a
``@reproduce_failure`` blob for each (pytest's ``--hypothesis-seed=N``
repeats a whole run).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --------------------------------------------------------------------------
# how many examples

_FACTOR = float(os.environ.get("KERNTERP_DIFF_EXAMPLES", "1") or 1)
CAMPAIGN = _FACTOR > 1


def examples(n):
    """hypothesis settings for a test of about `n` examples in CI."""
    return settings(
        max_examples=max(1, int(n * _FACTOR)),
        deadline=None,
        derandomize=not CAMPAIGN,
        database=None if not CAMPAIGN else settings.default.database,
        suppress_health_check=list(HealthCheck),
        print_blob=CAMPAIGN,
    )


# --------------------------------------------------------------------------
# dtypes

BOOL = (np.dtype(np.bool_),)
SIGNED = tuple(np.dtype(t) for t in (np.int8, np.int16, np.int32, np.int64))
UNSIGNED = tuple(np.dtype(t) for t in (np.uint8, np.uint16, np.uint32, np.uint64))
INTS = SIGNED + UNSIGNED
FLOATS = tuple(np.dtype(t) for t in (np.float16, np.float32, np.float64, np.longdouble))
COMPLEX = tuple(np.dtype(t) for t in (np.complex64, np.complex128, np.clongdouble))
ALL_DTYPES = BOOL + INTS + FLOATS + COMPLEX
REAL_DTYPES = BOOL + INTS + FLOATS


def swapped(dt):
    """`dt` in the other byte order (itself for one-byte dtypes)."""
    dt = np.dtype(dt)
    return dt if dt.itemsize == 1 else dt.newbyteorder("S")


@st.composite
def dtypes(draw, choices=ALL_DTYPES, swap=True):
    """One of `choices`, byte-swapped one time in five when `swap`."""
    dt = draw(st.sampled_from(choices))
    if swap and draw(st.integers(0, 4)) == 0:
        dt = swapped(dt)
    return dt


# --------------------------------------------------------------------------
# shapes

# the largest side drawn per rank, so that 5-D arrays stay small
_MAX_SIDE = {0: 1, 1: 24, 2: 9, 3: 6, 4: 4, 5: 3}


@st.composite
def shapes(draw, min_dims=0, max_dims=5, min_side=0, empty=True):
    """A shape of rank min_dims..max_dims; one side 0 now and then."""
    ndim = draw(st.integers(min_dims, max_dims))
    side = st.integers(max(min_side, 1), max(_MAX_SIDE[ndim], min_side, 1))
    shape = [draw(side) for _ in range(ndim)]
    if empty and ndim and min_side == 0 and draw(st.integers(0, 9)) == 0:
        shape[draw(st.integers(0, ndim - 1))] = 0
    return tuple(shape)


# --------------------------------------------------------------------------
# values


def _finite_limits(dt):
    if dt.kind == "c":
        dt = np.empty(0, dt).real.dtype
    return np.finfo(dt)


SPECIALS = ("nan", "inf", "-inf", "-0", "max", "-max", "tiny", "subnormal", "1")


def _special(dt, name):
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return {"max": info.max, "-max": info.min, "1": 1}.get(name, 0)
    if dt.kind == "b":
        return name not in ("-0",)
    fi = _finite_limits(dt)
    return {
        "nan": np.nan,
        "inf": np.inf,
        "-inf": -np.inf,
        "-0": -0.0,
        "max": fi.max,
        "-max": -fi.max,
        "tiny": fi.tiny,
        "subnormal": fi.smallest_subnormal,
        "1": 1.0,
    }[name]


MAGNITUDES = ("unit", "signed", "large", "wide")


@st.composite
def values(draw, shape, dtype, *, specials=True, magnitude=None, finite=False):
    """A C-contiguous array of `shape` and `dtype` (native order).

    magnitude: 'unit' (floats in [0, 1), ints 0..9), 'signed' (normal,
    sd 3; ints -100..100), 'large' (sd 1e6; ints over their full range),
    'wide' (log-uniform magnitudes over most of the dtype's range).
    `specials`: a few entries replaced by NaN, +-inf, -0, +-max, tiny,
    subnormal (only finite ones when `finite`).
    """
    dt = np.dtype(dtype).newbyteorder("=")
    if magnitude is None:
        magnitude = draw(st.sampled_from(MAGNITUDES))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = int(np.prod(shape, dtype=np.int64))
    if dt.kind == "b":
        a = rng.random(n) < 0.5
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        lo, hi = {"unit": (0, 9), "signed": (-100, 100)}.get(
            magnitude, (int(info.min), int(info.max))
        )
        lo, hi = max(lo, int(info.min)), min(hi, int(info.max))
        a = rng.integers(lo, hi, n, endpoint=True, dtype=dt)
    else:
        parts = []
        for _ in range(2 if dt.kind == "c" else 1):
            if magnitude == "unit":
                p = rng.random(n)
            elif magnitude == "signed":
                p = 3.0 * rng.standard_normal(n)
            elif magnitude == "large":
                p = 1e6 * rng.standard_normal(n)
            else:
                # (float64 draws: at most 1e300 for longdouble too)
                top = min(np.log10(float(_finite_limits(dt).max)) - 1, 300.0)
                p = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-top, top, n)
            parts.append(p)
        with np.errstate(all="ignore"):
            a = parts[0] if dt.kind != "c" else parts[0] + 1j * parts[1]
            a = a.astype(dt)
    a = a.reshape(shape)
    if specials and n and draw(st.integers(0, 2)) == 0:
        names = SPECIALS[3:] if finite else SPECIALS
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, n - 1))
            v = _special(dt, draw(st.sampled_from(names)))
            flat = a.reshape(-1)
            if dt.kind == "c" and draw(st.booleans()):
                flat[i] = complex(flat[i].real, v)
            else:
                flat[i] = v
    return a


# --------------------------------------------------------------------------
# layouts

LAYOUTS = ("C", "F", "strided", "negative", "unaligned", "broadcast")


def arrange(v, layout, dtype=None):
    """A fresh array of dtype `dtype` (default v's) holding `v`, laid out so."""
    dt = np.dtype(dtype if dtype is not None else v.dtype)
    shape = v.shape
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        if layout == "C" or v.ndim == 0 and layout != "unaligned":
            out = np.empty(shape, dt)
        elif layout == "F":
            out = np.empty(shape, dt, order="F")
        elif layout == "strided":
            big = np.empty(tuple(2 * s + 1 for s in shape), dt)
            out = big[tuple(slice(1, None, 2) for _ in shape)]
            out = out[tuple(slice(0, s) for s in shape)]
        elif layout == "negative":
            out = np.empty(shape, dt)[(slice(None, None, -1),) * v.ndim]
        elif layout == "unaligned":
            raw = np.empty(v.size * dt.itemsize + 1, np.uint8)
            out = raw[1:].view(dt).reshape(shape)
        elif layout == "broadcast":
            # the first row repeated along axis 0 (a zero stride), read-only
            row = np.empty((1,) + shape[1:], dt)
            row[...] = v[:1]
            return np.broadcast_to(row, shape)
        else:
            raise ValueError(layout)
        out[...] = v
    return out


@dataclass
class ArraySpec:
    """Values and a layout; ``make()`` builds a fresh array of them."""

    values: np.ndarray
    dtype: np.dtype
    layout: str

    def make(self):
        return arrange(self.values, self.layout, self.dtype)

    @property
    def shape(self):
        return self.values.shape

    @property
    def ndim(self):
        return self.values.ndim

    def __repr__(self):
        return (
            f"ArraySpec(layout={self.layout!r}, dtype={self.dtype.str!r}, "
            f"values={np.array2string(self.values, threshold=40, precision=17)})"
        )


@st.composite
def layouts(draw, shape, writeable=False):
    choices = LAYOUTS[:-1] if writeable or not shape or 0 in shape else LAYOUTS
    return draw(st.sampled_from(choices))


@st.composite
def arrays(
    draw,
    dtype=None,
    shape=None,
    *,
    specials=True,
    magnitude=None,
    finite=False,
    writeable=False,
):
    """An ArraySpec of the hard-input corpus.

    `dtype` and `shape` are strategies or fixed values (default: any).
    """
    dtype = dtypes() if dtype is None else dtype
    shape = shapes() if shape is None else shape
    dt = draw(dtype) if isinstance(dtype, st.SearchStrategy) else np.dtype(dtype)
    shp = draw(shape) if isinstance(shape, st.SearchStrategy) else tuple(shape)
    v = draw(values(shp, dt, specials=specials, magnitude=magnitude, finite=finite))
    layout = draw(layouts(shp, writeable=writeable))
    return ArraySpec(v, dt, layout)


# --------------------------------------------------------------------------
# outcomes


@dataclass
class Raised:
    exc: BaseException

    def __repr__(self):
        return f"Raised({type(self.exc).__name__}: {self.exc})"


def outcome(fn, *args, **kwargs):
    """fn's result, or Raised(exception); warnings and FP flags silenced."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - an exception is an outcome
        return Raised(exc)


def same_raising(got, want, what=""):
    """True when the reference succeeded (values still to compare).

    Asserts that kernterp raises exactly when the reference raises, with
    an exception that the reference's exception class catches.
    """
    if isinstance(want, Raised):
        assert isinstance(got, Raised), f"{what}: reference {want!r}, kernterp {got!r}"
        assert isinstance(got.exc, type(want.exc)), (
            f"{what}: reference {want!r}, kernterp {got!r}"
        )
        return False
    assert not isinstance(got, Raised), f"{what}: reference succeeded, kernterp {got!r}"
    return True


def _parts(a):
    a = np.asarray(a)
    return (a.real, a.imag) if a.dtype.kind == "c" else (a,)


def assert_same_kind(got, want, what=""):
    """Same Python type, dtype and shape."""
    assert type(got) is type(want), f"{what}: type {type(got)} != {type(want)}"
    g, w = np.asarray(got), np.asarray(want)
    assert g.dtype == w.dtype, f"{what}: dtype {g.dtype} != {w.dtype}"
    assert g.shape == w.shape, f"{what}: shape {g.shape} != {w.shape}"


def assert_bits(got, want, what=""):
    """Same type, dtype, shape and values, signs of zero and NaN places included."""
    assert_same_kind(got, want, what)
    g, w = np.asarray(got), np.asarray(want)
    if g.dtype.kind not in "fc":
        assert np.array_equal(g, w), f"{what}: values differ\n{g}\n{w}"
        return
    for gp, wp in zip(_parts(g), _parts(w), strict=True):
        nan = np.isnan(wp)
        assert np.array_equal(np.isnan(gp), nan), f"{what}: NaN places\n{gp}\n{wp}"
        same = (gp == wp) | nan
        sign = (np.signbit(gp) == np.signbit(wp)) | nan
        if not (same.all() and sign.all()):
            bad = np.argwhere(~(same & sign))[:5]
            raise AssertionError(
                f"{what}: not bit-identical at {bad.tolist()}: "
                f"{gp[tuple(bad.T)]!r} vs {wp[tuple(bad.T)]!r}"
            )


def assert_close(got, want, atol, what="", nonfinite_ok=False):
    """Same type, dtype, shape; NaN and inf places equal; finite values
    within `atol` (a scalar or an array broadcast against the values).

    `nonfinite_ok`: only the values finite in both are compared (for
    computations that may overflow where the reference does not).
    """
    assert_same_kind(got, want, what)
    g, w = np.asarray(got), np.asarray(want)
    for gp, wp in zip(_parts(g), _parts(w), strict=True):
        gp = gp.astype(np.float64) if gp.dtype.kind != "f" else gp
        wp = wp.astype(np.float64) if wp.dtype.kind != "f" else wp
        fin = np.isfinite(wp)
        if nonfinite_ok:
            fin &= np.isfinite(gp)
        else:
            assert np.array_equal(np.isnan(gp), np.isnan(wp)), (
                f"{what}: NaN places\n{gp}\n{wp}"
            )
            inf = np.isinf(wp)
            assert np.array_equal(np.isinf(gp), inf), f"{what}: inf places\n{gp}\n{wp}"
            assert np.array_equal(gp[inf], wp[inf]), f"{what}: signs of inf"
        with np.errstate(all="ignore"):
            err = np.abs(gp.astype(np.longdouble) - wp.astype(np.longdouble))
        tol = np.broadcast_to(np.asarray(atol, np.longdouble), err.shape)
        bad = fin & ~(err <= tol)
        if bad.any():
            idx = np.argwhere(bad)[:5]
            raise AssertionError(
                f"{what}: {int(bad.sum())} of {bad.size} beyond tolerance, e.g. at "
                f"{idx.tolist()}: {gp[tuple(idx.T)]!r} vs {wp[tuple(idx.T)]!r} "
                f"(err {err[tuple(idx.T)]!r}, atol {tol[tuple(idx.T)]!r})"
            )


def finite_max(*arrays):
    """The largest finite |value| over `arrays` (0.0 when none)."""
    m = 0.0
    for a in arrays:
        a = np.asarray(a)
        if a.dtype.kind not in "biufc" or a.size == 0:
            continue
        for p in _parts(a):
            p = np.abs(p.astype(np.longdouble))
            p = p[np.isfinite(p)]
            if p.size:
                m = max(m, float(p.max()))
    return m
