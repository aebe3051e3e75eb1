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


def _scipy_linear_two_weights():
    """Whether scipy's interp1d 'linear' (N-D y) is the weighted sum of the two
    neighbours (scipy >= 1.18, gh-24281) rather than slope * (x - x_lo) + y_lo:
    told apart by the last knot, exact only in the former."""
    x = np.array([0.0007499999999999, 0.002])
    y = np.array([[0.0, 0.0], [0.0004164930555555557, 0.0]])
    return bool((si.interp1d(x, y, axis=0)(x) == y).all())


@pytest.mark.parametrize("fill", [np.nan, "extrapolate"], ids=["nan", "ext"])
@pytest.mark.parametrize("qdtype", [np.float64, np.float32, np.int64])
def test_linear_follows_scipys_formula(fill, qdtype):
    """'linear' on N-D y (and extrapolating): scipy's own formula, which
    changed in scipy 1.18; with it, kernterp's results are scipy's bit for bit
    (queries at the knots, between them, outside, NaN; inf in y)."""
    x = np.sort(rng.uniform(-5, 5, 30))
    y = rng.standard_normal((30, 3))
    y[7, 1] = np.inf
    kw = {"axis": 0, "fill_value": fill, "bounds_error": False}
    a, b = interp1d(x, y, **kw), si.interp1d(x, y, **kw)
    xq = np.concatenate(
        [x, (x[1:] + x[:-1]) / 2, rng.uniform(-7, 7, 500), [np.nan, x[0], x[-1]]]
    )
    if qdtype == np.int64:
        xq = np.arange(-7, 8)
    xq = xq.astype(qdtype)
    with np.errstate(invalid="ignore"):  # inf - inf, 0 * inf: in both
        got, got2, want = a(xq), a(xq, workers=2), b(xq)
    if _scipy_linear_two_weights():
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(got2, want)
    else:  # inf and NaN where scipy has them, the rest to rounding
        atol = 1e-12 * np.abs(want[np.isfinite(want)]).max()
        np.testing.assert_allclose(got, want, rtol=0, atol=atol, equal_nan=True)
        np.testing.assert_allclose(got2, want, rtol=0, atol=atol, equal_nan=True)


def test_linear_exact_at_knots_where_scipy_is():
    """scipy's gh-24281: at the knots, 'linear' returns the data, and a
    non-negative y gives non-negative values (scipy >= 1.18)."""
    if not _scipy_linear_two_weights():
        pytest.skip("this scipy's linear formula is not exact at the knots")
    x = np.array([0.0007499999999999, 0.002])
    y = np.array([[0.0, 0.0], [0.0004164930555555557, 0.0]])
    yp = interp1d(x, y, axis=0)(x)
    np.testing.assert_array_equal(yp, y)
    assert (yp >= 0).all()
