"""kernterp.interpolate.CubicSpline against scipy.interpolate.CubicSpline."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.interpolate as si
from lookup_util import PATHS, QUERY_KINDS, query_id, raises_like, run_concurrently

from kernterp import _lookup
from kernterp import _lookup_api as api
from kernterp.interpolate import CubicSpline

rng = np.random.default_rng(99)


def _close(a, b, rtol=1e-12):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    fin = np.abs(b[np.isfinite(b)])
    scale = max(1.0, float(fin.max())) if fin.size else 1.0
    np.testing.assert_allclose(a, b, rtol=0, atol=rtol * scale, equal_nan=True)


BCS = [
    "not-a-knot",
    "natural",
    "clamped",
    "periodic",
    ((1, 0.5), (2, -1.0)),
    ((2, 1.0), "not-a-knot"),
    ("not-a-knot", (1, 2.0)),
    ("natural", "clamped"),
]


@pytest.mark.parametrize("n", [2, 3, 4, 5, 9, 200])
@pytest.mark.parametrize("bc", BCS, ids=str)
@pytest.mark.parametrize("cplx", [False, True])
def test_matches_scipy(n, bc, cplx):
    x = np.sort(rng.uniform(-2, 3, n))
    y = rng.standard_normal(n)
    if cplx:
        y = y + 1j * rng.standard_normal(n)
    if bc == "periodic":
        y[-1] = y[0]
    a, b = CubicSpline(x, y, bc_type=bc), si.CubicSpline(x, y, bc_type=bc)
    _close(a.c, b.c)
    _close(a.x, b.x, 0)
    assert a.extrapolate == b.extrapolate and a.axis == b.axis
    xq = np.concatenate([rng.uniform(-4, 5, 300), x, [np.nan]])
    for nu in (0, 1, 2, 3, 4):
        _close(a(xq, nu), b(xq, nu))
    for ext in (False, True, "periodic"):
        _close(a(xq, 0, ext), b(xq, 0, ext))
    d, bd = a.derivative(), b.derivative()
    assert type(d) is CubicSpline
    _close(d(xq), bd(xq))
    ad, bad = a.antiderivative(), b.antiderivative()
    assert type(ad) is CubicSpline
    _close(ad(xq), bad(xq))
    _close(a.integrate(-1, 2.5), b.integrate(-1, 2.5))
    for f in (a, b):
        with pytest.raises(ValueError):
            f(xq, -1)
    if not cplx:
        # scipy's root finder on our coefficients: roots of the same curve
        # (a double root may split or merge at rounding level, so compare
        # by residual rather than by count)
        for r, y0 in (
            (a.roots(extrapolate=False), 0.0),
            (a.solve(0.1, extrapolate=False), 0.1),
        ):
            r = r[np.isfinite(r)]
            _close(b(r), np.full(r.shape, y0), 1e-9)


def test_extra_dims_and_axis():
    x = np.arange(7.0) ** 1.3
    y = rng.standard_normal((2, 7, 3))
    for bc in ("not-a-knot", "clamped", ((1, np.ones((2, 3))), (2, np.zeros((2, 3))))):
        a, b = (
            CubicSpline(x, y, axis=1, bc_type=bc),
            si.CubicSpline(x, y, axis=1, bc_type=bc),
        )
        _close(a.c, b.c)
        xq = rng.uniform(-1, 12, (4, 5))
        _close(a(xq), b(xq))
        _close(a(xq, 1), b(xq, 1))
    a, b = CubicSpline(x, y, axis=-2), si.CubicSpline(x, y, axis=-2)
    assert a.axis == b.axis == 1
    _close(a(2.0), b(2.0))
    y0 = np.zeros((7, 0))
    _close(CubicSpline(x, y0)(1.0), si.CubicSpline(x, y0)(1.0))


def test_course_example():
    """11 points of exp(-x^2) on [-3, 3]: the cubic spline, as scipy's."""
    x = np.linspace(-3, 3, 11)
    y = np.exp(-(x**2))
    xq = np.linspace(-3.5, 3.5, 701)
    a, b = CubicSpline(x, y), si.CubicSpline(x, y)
    _close(a(xq), b(xq), 1e-14)
    _close(a(xq, 1), b(xq, 1), 1e-14)


@pytest.mark.parametrize("uniform", [False, True])
def test_paths_bitwise(uniform):
    x = np.linspace(0, 10, 500) if uniform else np.sort(rng.uniform(0, 10, 500))
    cs = CubicSpline(x, np.cos(x))
    xq = rng.uniform(-1, 11, 20000)
    xq[:500] = x
    xq[7] = np.nan
    for q in (xq, np.sort(xq)):
        ref = api._ppoly_call(cs, q, 0, True, 1, api.PATH_SEARCH)
        for p in PATHS:
            if p == api.PATH_UNIFORM and not _lookup.is_uniform(x):
                continue
            if p == api.PATH_SORTED and q is xq:
                q2 = q[:3000]  # the walk is O(n) per unsorted query
                r2 = api._ppoly_call(cs, q2, 0, True, 1, api.PATH_SEARCH)
                np.testing.assert_array_equal(
                    api._ppoly_call(cs, q2, 0, True, 1, p), r2
                )
                continue
            np.testing.assert_array_equal(api._ppoly_call(cs, q, 0, True, 1, p), ref)
            np.testing.assert_array_equal(api._ppoly_call(cs, q, 0, True, 2, p), ref)


def test_threads_concurrent():
    x = np.sort(rng.uniform(0, 10, 1000))
    cs = CubicSpline(x, np.sin(x))
    xq = rng.uniform(0, 10, 200_000)
    ref = cs(xq, workers=1)
    for o in run_concurrently(lambda: cs(xq, workers=2)):
        np.testing.assert_array_equal(o, ref)


def test_inputs_not_modified():
    x = np.linspace(0, 1, 20)
    y = rng.standard_normal((20, 2))
    xc, yc = x.copy(), y.copy()
    CubicSpline(x, y, bc_type="natural")(x)
    np.testing.assert_array_equal(x, xc)
    np.testing.assert_array_equal(y, yc)


@pytest.mark.parametrize(
    "args,kw",
    [
        (([0, 2, 1, 3], [0, 1, 2, 3]), {}),  # unsorted
        (([0, 1, 1, 3], [0, 1, 2, 3]), {}),  # duplicate
        (([0, np.nan, 2, 3], [0, 1, 2, 3]), {}),
        (([0, 1, 2, 3], [0, np.inf, 2, 3]), {}),
        (([0], [1]), {}),
        (([0, 1, 2], [0, 1]), {}),
        (([[0, 1], [2, 3]], [0, 1]), {}),
        (([0, 1j], [0, 1]), {}),
        (([0, 1, 2], [0, 1, 2]), {"bc_type": "periodic"}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": ("periodic", "natural")}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": "bogus"}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": ("natural",)}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": ((3, 0.0), "natural")}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": ((1, [0.0, 1.0]), "natural")}),
        (([0, 1, 2], [0, 1, 0]), {"bc_type": (5, "natural")}),
    ],
)
def test_bad_input(args, kw):
    ms, mk = raises_like(
        lambda: CubicSpline(*args, **kw), lambda: si.CubicSpline(*args, **kw)
    )
    assert ms == mk


def test_engine_float32_matches_float64():
    """The float32 engine (C API) agrees with float64 to float32 rounding."""
    for x in (np.linspace(0, 10, 400), np.sort(rng.uniform(0, 10, 400))):
        cs = si.CubicSpline(x, np.sin(x))
        c = np.ascontiguousarray(cs.c[:, :, None])
        xq = rng.uniform(-1, 11, 30000)
        r64 = _lookup.ppoly_eval(c, x, xq, True, 0, 1)[:, 0]
        args32 = (c.astype(np.float32), x.astype(np.float32), xq.astype(np.float32))
        for p in PATHS:
            if p == api.PATH_SORTED or (
                p == api.PATH_UNIFORM and not _lookup.is_uniform(x)
            ):
                continue
            r32 = _lookup.ppoly_eval(*args32, True, p, 1)[:, 0]
            assert r32.dtype == np.float32
            np.testing.assert_allclose(r32, r64, rtol=0, atol=2e-4)
        r = _lookup.ppoly_eval(*args32, False, 0, 1)[:, 0]
        assert np.isnan(r[(xq < x[0]) | (xq > x[-1])]).all()


@pytest.mark.parametrize(
    "xq",
    QUERY_KINDS,
    ids=query_id,
)
def test_query_kinds(xq):
    x = np.arange(8.0) ** 1.1
    y = np.cos(x)
    for ext in (True, False):
        a, b = CubicSpline(x, y, extrapolate=ext), si.CubicSpline(x, y, extrapolate=ext)
        _close(a(xq), b(xq))
        _close(a(xq, 2), b(xq, 2))
    if np.size(xq):
        _close(np.asarray(a(xq)), np.asarray(b(xq)))


def test_big_offset_and_float32_data():
    x = 1e12 + np.arange(50.0) * 0.5
    y = np.sin(np.arange(50.0))
    a, b = CubicSpline(x, y), si.CubicSpline(x, y)
    xq = x[0] + rng.uniform(-1, 26, 1000)
    _close(a(xq), b(xq), 1e-9)
    x32, y32 = np.arange(20, dtype=np.float32), np.cos(np.arange(20, dtype=np.float32))
    a, b = CubicSpline(x32, y32), si.CubicSpline(x32, y32)
    _close(a.c, b.c)
    _close(a(np.float32(3.3)), b(np.float32(3.3)))


@pytest.mark.parametrize("ncols", [1, 3])
def test_evaluation_bitwise_with_scipys_coefficients(ncols):
    """Given scipy's coefficients, values (nu=0) are scipy's bit for bit, every path."""
    for x in (np.linspace(0, 10, 300), np.sort(rng.uniform(0, 10, 300))):
        y = rng.standard_normal((300, ncols)) if ncols > 1 else np.sin(x)
        a, b = CubicSpline(x, y), si.CubicSpline(x, y)
        a.c[...] = b.c
        xq = np.concatenate([rng.uniform(-1, 11, 5000), x, [np.inf, -np.inf, np.nan]])
        ref = b(xq)
        for p in PATHS:
            if p == api.PATH_SORTED or (
                p == api.PATH_UNIFORM and not _lookup.is_uniform(x)
            ):
                continue
            np.testing.assert_array_equal(api._ppoly_call(a, xq, 0, True, 1, p), ref)
        np.testing.assert_array_equal(
            a(xq, extrapolate=False), b(xq, extrapolate=False)
        )
