"""kernterp.kernels.periodic_gauss_transform against an explicit image sum.

The oracle sums exp(-|y - x + L n|^2 / 2 sigma^2) over every image vector n
in a box of images wide enough that the rest is below 1e-30 (numpy,
itertools.product over Z^d); the tolerance checked is the documented one,
tol * kmax * sum|q| per weight vector.
"""

from __future__ import annotations

import itertools
import math
import threading

import numpy as np
import pytest

from kernterp import _periodic
from kernterp._periodic_api import _periodic_gauss_transform as pgt
from kernterp.kernels import periodic_gauss_transform

TWO_PI = 2 * math.pi


def oracle(x, q, sigma, y=None, period=TWO_PI):
    """Direct sum over explicit images (float64)."""
    x = np.asarray(x, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    y = x if y is None else np.asarray(y, dtype=np.float64)
    y = y[:, None] if y.ndim == 1 else y
    d = x.shape[1]
    x = np.mod(x, period)
    y = np.mod(y, period)
    nimg = int(math.ceil(9 * sigma / period)) + 1  # exp(-40) beyond
    diff = y[:, None, :] - x[None, :, :]
    k = np.zeros(diff.shape[:2])
    for n in itertools.product(range(-nimg, nimg + 1), repeat=d):
        v = diff + period * np.asarray(n, dtype=np.float64)
        k += np.exp(-np.sum(v * v, axis=-1) / (2 * sigma * sigma))
    return k @ np.asarray(q, dtype=np.float64)


def kmax(sigma, period, d):
    n = np.arange(-200, 201)
    return float(np.sum(np.exp(-((n * period) ** 2) / (2 * sigma**2)))) ** d


def check(got, ref, q, sigma, period, d, tol=1e-10):
    q = np.asarray(q, dtype=np.float64)
    bound = tol * kmax(sigma, period, d) * np.sum(np.abs(q), axis=0)
    err = np.max(np.abs(np.asarray(got, dtype=np.float64) - ref), axis=0)
    # the bound, plus rounding (far below it at the default tol)
    assert np.all(err <= bound * (1 + 1e-3) + 1e-14 * bound / tol), (err, bound)


def cloud(rng, n, d, lo=0.0, hi=TWO_PI):
    return rng.uniform(lo, hi, size=(n, d))


SIGMAS = [0.02, 0.1, 0.3, 0.7, 2.0, 6.0]


@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("sigma", SIGMAS)
def test_against_image_sum(d, sigma):
    rng = np.random.default_rng(int(100 * sigma) + d)
    n = {1: 300, 2: 200, 3: 70 if sigma < 3 else 25}[d]
    x = cloud(rng, n, d)
    q = rng.normal(size=n)
    got = periodic_gauss_transform(x, q, sigma)
    check(got, oracle(x, q, sigma), q, sigma, TWO_PI, d)
    y = cloud(rng, 57, d, -1.0, 8.0)
    got = periodic_gauss_transform(x, q, sigma, y)
    check(got, oracle(x, q, sigma, y), q, sigma, TWO_PI, d)


def _crossover(d, n, m):
    """A sigma where the cost model switches (bisection on the plans)."""
    lo, hi = 1e-3, 50.0
    for _ in range(60):
        mid = math.sqrt(lo * hi)
        p = _periodic.plan(d, n, m, 1, mid, TWO_PI, 1e-10, "auto")
        if p["method"] == "direct":
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


@pytest.mark.parametrize("d", [1, 2, 3])
def test_both_methods_at_crossover(d):
    n = {1: 400, 2: 250, 3: 60}[d]
    s = _crossover(d, n, n)
    assert (
        _periodic.plan(d, n, n, 1, s * 0.9, TWO_PI, 1e-10, "auto")["method"] == "direct"
    )
    assert (
        _periodic.plan(d, n, n, 1, s * 1.1, TWO_PI, 1e-10, "auto")["method"]
        == "fourier"
    )
    rng = np.random.default_rng(d)
    x = cloud(rng, n, d, -3.0, 10.0)
    q = rng.normal(size=n)
    ref = oracle(x, q, s)
    for method in ("direct", "fourier"):
        got, plan = pgt(x, q, s, method=method)
        assert plan["method"] == method
        check(got, ref, q, s, TWO_PI, d)


@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("sigma", [0.15, 1.0])
@pytest.mark.parametrize("period", [1.0, 7.5])
def test_forced_methods_and_periods(d, sigma, period):
    rng = np.random.default_rng(7)
    n = 40
    x = rng.uniform(0, period, size=(n, d))
    q = rng.normal(size=n)
    y = rng.uniform(0, period, size=(23, d))
    s = sigma * period
    ref = oracle(x, q, s, y, period)
    for method in ("direct", "fourier"):
        got, _ = pgt(x, q, s, y, period=period, method=method)
        check(got, ref, q, s, period, d)


def test_wrapping_and_negative_weights():
    rng = np.random.default_rng(3)
    x = cloud(rng, 150, 2)
    q = rng.normal(size=150)
    q[::3] *= -5
    shift = rng.integers(-4, 5, size=x.shape) * TWO_PI
    for s in (0.1, 1.5):
        a = periodic_gauss_transform(x, q, s)
        b = periodic_gauss_transform(x + shift, q, s)
        check(b, oracle(x, q, s), q, s, TWO_PI, 2)
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12 * np.abs(q).sum())
    # exactly on the period and just below it
    x1 = np.array([[0.0, TWO_PI], [np.nextafter(TWO_PI, 0), 3.0]])
    got = periodic_gauss_transform(x1, [1.0, 2.0], 0.3)
    check(got, oracle(x1, [1.0, 2.0], 0.3), [1.0, 2.0], 0.3, TWO_PI, 2)


def test_several_weight_vectors():
    rng = np.random.default_rng(4)
    x = cloud(rng, 120, 2)
    q = rng.normal(size=(120, 6))
    for method in ("direct", "fourier"):
        got, _ = pgt(x, q, 0.4, method=method)
        assert got.shape == (120, 6)
        for r in range(6):
            one, _ = pgt(x, q[:, r], 0.4, method=method)
            np.testing.assert_allclose(got[:, r], one, rtol=0, atol=1e-14 * 120)
        check(got, oracle(x, q, 0.4), q, 0.4, TWO_PI, 2)


def test_single_point_and_empty():
    for d in (1, 2, 3):
        for s in (0.05, 0.5, 5.0):
            x = np.full((1, d), 1.0)
            got = periodic_gauss_transform(x, [2.0], s)
            check(got, oracle(x, [2.0], s), [2.0], s, TWO_PI, d)
    e = periodic_gauss_transform(np.zeros((0, 2)), np.zeros(0), 0.3, np.ones((4, 2)))
    assert e.shape == (4,) and np.all(e == 0)
    e = periodic_gauss_transform(np.ones((3, 2)), np.ones(3), 0.3, np.zeros((0, 2)))
    assert e.shape == (0,)


def test_tiny_and_huge_sigma():
    rng = np.random.default_rng(5)
    # tiny: only each point itself counts (points far apart on the scale)
    x = np.arange(10.0)[:, None] * 0.6 * np.ones((1, 2))
    q = rng.normal(size=10)
    got = periodic_gauss_transform(x, q, 1e-4)
    np.testing.assert_allclose(got, q, rtol=0, atol=1e-12)
    # huge: the constant limit kmax * sum(q)
    for d in (1, 2, 3):
        x = cloud(rng, 30, d)
        q = rng.normal(size=30)
        for s in (50.0, 1e4):
            km = (s * math.sqrt(2 * math.pi) / TWO_PI) ** d
            got = periodic_gauss_transform(x, q, s)
            np.testing.assert_allclose(
                got, km * q.sum(), rtol=0, atol=1e-10 * km * np.abs(q).sum()
            )


@pytest.mark.parametrize("tol", [1e-3, 1e-6, 1e-12])
def test_other_tolerances(tol):
    rng = np.random.default_rng(6)
    x = cloud(rng, 150, 2)
    q = rng.normal(size=150)
    for s in (0.08, 0.5):
        ref = oracle(x, q, s)
        for method in ("direct", "fourier"):
            got, _ = pgt(x, q, s, tol=tol, method=method)
            check(got, ref, q, s, TWO_PI, 2, tol=max(tol, 1e-10 * 0 + tol))


def test_direct_exponential_accuracy():
    # the direct sum's short exp (arguments <= 0, clamped at -700): at a tol
    # near rounding, with coincident points (exp(0)), near neighbours and,
    # through huge cells (few points, tiny sigma), arguments far below -700
    rng = np.random.default_rng(11)
    x = cloud(rng, 400, 2)
    x[:50] = x[50:100]
    # (7 targets in one cell: the 4-, 2- and 1-target passes over a range)
    y = np.vstack(
        [
            x[:100] + rng.normal(scale=1e-3, size=(100, 2)),
            x[7] + rng.normal(scale=1e-4, size=(7, 2)),
            cloud(rng, 100, 2),
        ]
    )
    q = rng.normal(size=400)
    for sigma in (0.05, 0.2):
        got, plan = pgt(x, q, sigma, y, tol=1e-13, method="direct")
        assert plan["method"] == "direct"
        check(got, oracle(x, q, sigma, y), q, sigma, TWO_PI, 2, tol=1e-13)
    x3 = cloud(rng, 3, 2)
    got, plan = pgt(x3, np.ones(3), 0.01, x3, method="direct")
    assert plan["method"] == "direct"
    ref = oracle(x3, np.ones(3), 0.01, x3)
    np.testing.assert_allclose(got, ref, rtol=1e-14, atol=1e-300)


def test_dtypes_layouts_and_inputs_untouched():
    rng = np.random.default_rng(8)
    x = cloud(rng, 100, 2)
    q = rng.normal(size=100)
    ref = periodic_gauss_transform(x, q, 0.3)
    x0, q0 = x.copy(), q.copy()
    assert np.array_equal(periodic_gauss_transform(np.asfortranarray(x), q, 0.3), ref)
    big = np.zeros((100, 5))
    big[:, ::2][:, :2] = x
    assert np.array_equal(periodic_gauss_transform(big[:, ::2][:, :2], q, 0.3), ref)
    assert np.array_equal(x, x0) and np.array_equal(q, q0)
    r32 = periodic_gauss_transform(x.astype(np.float32), q.astype(np.float32), 0.3)
    assert r32.dtype == np.float32
    r = periodic_gauss_transform(x.astype(np.float32), q, 0.3)
    assert r.dtype == np.float64
    # 1-D points are N points in one dimension
    x1 = x[:, 0]
    np.testing.assert_array_equal(
        periodic_gauss_transform(x1, q, 0.3),
        periodic_gauss_transform(x1[:, None], q, 0.3),
    )
    ints = periodic_gauss_transform(np.arange(6), np.ones(6, dtype=int), 0.5)
    assert ints.dtype == np.float64


@pytest.mark.parametrize("sigma", [0.05, 0.3, 1.0])
@pytest.mark.parametrize("d", [2, 3])
def test_workers_bitwise(sigma, d):
    rng = np.random.default_rng(9)
    x = cloud(rng, 1500 if d == 2 else 500, d)
    q = rng.normal(size=(x.shape[0], 2))
    y = cloud(rng, 500, d)
    for method in ("direct", "fourier"):
        if method == "fourier" and sigma < 0.1 and d == 3:
            continue
        a, _ = pgt(x, q, sigma, method=method, workers=1)
        for w in (2, 3, -1):
            b, _ = pgt(x, q, sigma, method=method, workers=w)
            assert np.array_equal(a, b)
        a, _ = pgt(x, q, sigma, y, method=method, workers=1)
        b, _ = pgt(x, q, sigma, y, method=method, workers=4)
        assert np.array_equal(a, b)


def test_threads_calling_concurrently():
    rng = np.random.default_rng(10)
    x = cloud(rng, 2000, 2)
    q = rng.normal(size=2000)
    refs = {s: periodic_gauss_transform(x, q, s, workers=1) for s in (0.05, 0.5)}
    res = {}

    def run(i):
        s = (0.05, 0.5)[i % 2]
        res[i] = (s, periodic_gauss_transform(x, q, s, workers=2))

    ts = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert len(res) == 6
    for s, r in res.values():
        assert np.array_equal(r, refs[s])


BAD = [
    # (points, weights, sigma, targets, kwargs, exception)
    (np.ones((3, 2)), np.ones(3), 0.0, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), -1.0, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), np.nan, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), np.inf, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"period": 0.0}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"period": -2.0}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"period": np.inf}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"tol": 0.0}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"tol": 1.0}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"tol": -1e-3}, ValueError),
    (np.ones((3, 4)), np.ones(3), 0.3, None, {}, ValueError),
    (np.ones((3, 0)), np.ones(3), 0.3, None, {}, ValueError),
    (np.ones((3, 2, 1)), np.ones(3), 0.3, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(4), 0.3, None, {}, ValueError),
    (np.ones((3, 2)), np.ones((3, 2, 2)), 0.3, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, np.ones((5, 3)), {}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, np.ones(5), {}, ValueError),
    (np.array([[1.0, np.nan], [0, 0], [1, 1]]), np.ones(3), 0.3, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), 0.3, np.array([[np.inf, 0.0]]), {}, ValueError),
    (np.ones((3, 2)), np.array([1.0, np.nan, 0]), 0.3, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), "a", None, {}, TypeError),
    (np.ones((3, 2)), np.ones(3), [0.3, 0.4], None, {}, TypeError),
    (np.ones((3, 2)) * 1j, np.ones(3), 0.3, None, {}, TypeError),
    (np.ones((3, 2)), np.ones(3) * 1j, 0.3, None, {}, TypeError),
    (np.array([["a", "b"]] * 3), np.ones(3), 0.3, None, {}, TypeError),
    (np.ones((3, 2)), np.ones(3), 0.3, None, {"workers": 0}, ValueError),
    (np.ones((3, 2)), np.ones(3), 1e-300, None, {}, ValueError),
    (np.ones((3, 2)), np.ones(3), 1e200, None, {}, ValueError),
]


@pytest.mark.parametrize("case", range(len(BAD)))
def test_bad_input(case):
    x, q, s, y, kw, exc = BAD[case]
    with pytest.raises(exc):
        periodic_gauss_transform(x, q, s, y, **kw)


def test_keyword_only_and_plan_fields():
    with pytest.raises(TypeError):
        periodic_gauss_transform(np.ones((2, 2)), np.ones(2), 0.3, None, 1.0)
    p = _periodic.plan(2, 10**4, 10**4, 1, 0.05, TWO_PI, 1e-10, "auto")
    assert p["method"] == "direct" and p["ncell"] >= 3
    p = _periodic.plan(2, 10**4, 10**4, 1, 4.0, TWO_PI, 1e-10, "auto")
    assert p["method"] == "fourier" and p["K"] >= 1
