"""kernterp.interpolate.interp1d against scipy.interpolate.interp1d."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.interpolate as si
from lookup_util import raises_like, run_concurrently

from kernterp.interpolate import interp1d

rng = np.random.default_rng(7)
KINDS = [
    "linear",
    "nearest",
    "nearest-up",
    "zero",
    "slinear",
    "quadratic",
    "cubic",
    "previous",
    "next",
    5,
]


def _close(a, b, tol=1e-12):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    scale = (
        max(1.0, float(np.nanmax(np.abs(b))))
        if b.size and np.isfinite(b).any()
        else 1.0
    )
    np.testing.assert_allclose(a, b, rtol=0, atol=tol * scale, equal_nan=True)


def test_course_example():
    """11 points of exp(-x^2) on [-3, 3]: linear, quadratic and cubic as scipy's."""
    x = np.linspace(-3, 3, 11)
    y = np.exp(-(x**2))
    xq = np.linspace(-3, 3, 601)
    for kind in ("linear", "quadratic", "cubic"):
        _close(interp1d(x, y, kind=kind)(xq), si.interp1d(x, y, kind=kind)(xq), 1e-14)


@pytest.mark.parametrize("kind", KINDS, ids=str)
@pytest.mark.parametrize(
    "fill",
    [np.nan, 1.5, (-1.0, 2.0), "extrapolate"],
    ids=["nan", "scalar", "pair", "ext"],
)
def test_matches_scipy(kind, fill):
    x = rng.uniform(-2, 3, 40)  # unsorted: both sort
    y = rng.standard_normal((3, 40))
    kw = {"kind": kind, "fill_value": fill}
    if fill != "extrapolate":
        kw["bounds_error"] = False
    a, b = interp1d(x, y, **kw), si.interp1d(x, y, **kw)
    xq = np.concatenate([rng.uniform(-3, 4, (200,)), np.sort(x), [np.nan]])
    _close(a(xq), b(xq))
    _close(a(xq[:240].reshape(4, -1)), b(xq[:240].reshape(4, -1)))
    _close(a(1.25), b(1.25))
    _close(a.x, b.x, 0)


@pytest.mark.parametrize("kind", ["linear", "cubic", "quadratic", "nearest"])
def test_axis_and_complex(kind):
    x = np.sort(rng.uniform(0, 5, 12))
    y = rng.standard_normal((2, 12, 3)) + 1j * rng.standard_normal((2, 12, 3))
    for axis in (1, -2):
        a = interp1d(x, y, kind=kind, axis=axis, fill_value="extrapolate")
        b = si.interp1d(x, y, kind=kind, axis=axis, fill_value="extrapolate")
        xq = rng.uniform(-1, 6, (5, 2))
        _close(a(xq), b(xq))
    a, b = (
        interp1d(x, y[0, :, 0].real, kind=kind),
        si.interp1d(x, y[0, :, 0].real, kind=kind),
    )
    xq = rng.uniform(x[0], x[-1], 1000)
    _close(a(xq), b(xq))


def test_default_bounds_error():
    x = np.arange(10.0)
    for kind in ("linear", "cubic"):
        a, b = interp1d(x, x**2, kind=kind), si.interp1d(x, x**2, kind=kind)
        for q in ([-1.0, 2.0], [3.0, 12.0]):
            with pytest.raises(ValueError) as ek:
                a(q)
            with pytest.raises(ValueError) as es:
                b(q)
            assert str(ek.value) == str(es.value)
        _close(a([np.nan, 3.5]), b([np.nan, 3.5]))


def test_large_and_threads():
    x = np.sort(rng.uniform(0, 10, 1000))
    a = interp1d(x, np.sin(x), kind="cubic")
    b = si.interp1d(x, np.sin(x), kind="cubic")
    xq = rng.uniform(x[0], x[-1], 100_000)
    r1 = a(xq, workers=1)
    _close(r1, b(xq))
    np.testing.assert_array_equal(a(xq, workers=2), r1)
    for r in run_concurrently(lambda: a(xq, workers=2)):
        np.testing.assert_array_equal(r, r1)


@pytest.mark.parametrize(
    "args,kw",
    [
        (([0, 1, 2], [0, 1, 2]), {"kind": "cubic"}),  # too few points
        (([0, 1], [0, 1]), {"kind": "quadratic"}),
        (([0, 1, 2], [0, 1]), {}),  # mismatched
        (([0, 1, 1, 2], [0, 1, 2, 3]), {"kind": "cubic"}),  # duplicate
        (([0, 1, 1, 2], [0, 1, 2, 3]), {}),
        (([0, np.nan, 2, 3, 4], [0, 1, 2, 3, 4]), {"kind": "cubic"}),
        (([0, 1, 2], [0, 1, 2]), {"kind": "bogus"}),
        (([[0, 1]], [0, 1]), {}),
        (([0, 1], 1.0), {}),
        (([0, 1, 2], [0, 1, 2]), {"fill_value": "extrapolate", "bounds_error": True}),
        (([0, 1, 2], [0, 1, 2]), {"fill_value": (1.0, 2.0, 3.0)}),
    ],
)
def test_bad_input(args, kw):
    raises_like(lambda: interp1d(*args, **kw), lambda: si.interp1d(*args, **kw))
