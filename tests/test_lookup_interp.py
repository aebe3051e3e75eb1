"""kernterp.interpolate.interp against numpy.interp, and the lookup engine's paths."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from lookup_util import PATHS, QUERY_KINDS, query_id, raises_like, run_concurrently

from kernterp import _lookup
from kernterp import _lookup_api as api
from kernterp.interpolate import interp

rng = np.random.default_rng(1234)


def _same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    np.testing.assert_array_equal(a, b)  # NaN == NaN here, bit for bit otherwise


def _knots(kind, n, dtype=np.float64):
    if kind == "uniform":
        return np.linspace(-2.0, 3.0, n).astype(dtype)
    if kind == "nonuniform":
        return np.sort(rng.uniform(-2.0, 3.0, n)).astype(dtype)
    if kind == "dup":
        k = np.sort(rng.uniform(-2.0, 3.0, n)).astype(dtype)
        k[n // 3] = k[n // 3 + 1]
        k[-2] = k[-1]
        return k
    if kind == "clustered":  # most knots in a tiny part of the range
        k = np.sort(np.concatenate([rng.uniform(0, 1e-6, n - 3), [-2.0, 1.0, 3.0]]))
        return k.astype(dtype)
    if kind == "offset":
        return 1e15 + np.arange(n, dtype=dtype) * 0.25
    raise AssertionError(kind)


def _queries(xp, m, sort):
    lo, hi = float(xp[0]), float(xp[-1])
    span = hi - lo
    x = rng.uniform(lo - 0.2 * span, hi + 0.2 * span, m)
    x[: min(m, len(xp))] = xp[: min(m, len(xp))]  # every knot exactly
    x[::17] = lo
    x[::19] = hi
    if m > 40:
        x[5] = np.nan
        x[7] = np.inf
        x[9] = -np.inf
    if sort:
        x = np.sort(x)
    return x.astype(xp.dtype)


# duplicate and clustered knots need at least 5 of them
KNOT_CASES = [
    (kind, n)
    for kind in ["uniform", "nonuniform", "dup", "offset", "clustered"]
    for n in [1, 2, 3, 5, 1000]
    if n >= 5 or kind not in ("dup", "clustered")
]


@pytest.mark.parametrize(("kind", "n"), KNOT_CASES)
@pytest.mark.parametrize("sort", [False, True])
def test_matches_numpy_bitwise(kind, n, sort):
    xp = _knots(kind, n)
    fp = rng.standard_normal(n)
    x = _queries(xp, 5000, sort)
    ref = np.interp(x, xp, fp)
    _same(interp(x, xp, fp), ref)
    _same(
        interp(x, xp, fp, left=-7.0, right=np.nan), np.interp(x, xp, fp, -7.0, np.nan)
    )
    for path in PATHS:
        if path == api.PATH_UNIFORM and not (n == 1 or _lookup.is_uniform(xp)):
            continue
        _same(api._interp_impl(x, xp, fp, None, None, None, 1, path), ref)


@pytest.mark.parametrize("kind", ["uniform", "nonuniform", "dup", "clustered"])
def test_paths_agree_on_indices(kind):
    xp = _knots(kind, 777)
    x = _queries(xp, 20000, False)
    ref = np.searchsorted(xp, x, side="right") - 1
    ref[np.isnan(x)] = -1
    for sort in (False, True):
        xx = np.sort(x) if sort else x
        r = np.searchsorted(xp, xx, side="right") - 1
        r[np.isnan(xx)] = -1
        for path in PATHS:
            if path == api.PATH_UNIFORM and not _lookup.is_uniform(xp):
                with pytest.raises(ValueError):
                    _lookup.lookup(xx, xp, path, 1)
                continue
            _same(_lookup.lookup(xx, xp, path, 1), r)
            _same(_lookup.lookup(xx, xp, path, 2), r)


def test_nan_and_inf_data():
    xp = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    fp = np.array([0.0, np.inf, np.inf, -np.inf, np.nan])
    x = np.linspace(-1, 5, 61)
    _same(interp(x, xp, fp), np.interp(x, xp, fp))
    xp2 = np.array([0.0, 1.0, np.inf])
    _same(interp(x, xp2, [1.0, 2.0, 3.0]), np.interp(x, xp2, [1.0, 2.0, 3.0]))


def test_complex():
    xp = np.sort(rng.uniform(0, 10, 50))
    fp = rng.standard_normal(50) + 1j * rng.standard_normal(50)
    x = _queries(xp, 3000, False)
    _same(interp(x, xp, fp), np.interp(x, xp, fp))
    _same(interp(x, xp, fp, left=1 + 2j, right=3j), np.interp(x, xp, fp, 1 + 2j, 3j))
    _same(interp(2.0, [1, 2, 3], [1j, 2, 3]), np.interp(2.0, [1, 2, 3], [1j, 2, 3]))


def test_period():
    xp = np.array([190.0, -190.0, 350.0, -350.0])
    fp = np.array([5.0, 10.0, 3.0, 4.0])
    x = np.array([-180.0, -170.0, -185.0, 185.0, -10.0, -5.0, 0.0, 365.0, 10.0])
    _same(interp(x, xp, fp, period=360), np.interp(x, xp, fp, period=360))
    _same(interp(x, xp, fp, period=-360), np.interp(x, xp, fp, period=-360))
    fc = fp + 1j
    _same(interp(x, xp, fc, period=360), np.interp(x, xp, fc, period=360))


@pytest.mark.parametrize(
    "x",
    QUERY_KINDS,
    ids=query_id,
)
def test_input_kinds(x):
    xp = [0.0, 1.0, 2.5, 4.0]
    fp = [1.0, -1.0, 2.0, 0.5]
    r, ref = interp(x, xp, fp), np.interp(x, xp, fp)
    assert type(r) is type(ref)
    _same(r, ref)
    r = interp(x, np.array(xp), np.array(fp), left=np.float64(-1), right=2)
    _same(r, np.interp(x, np.array(xp), np.array(fp), left=np.float64(-1), right=2))


def test_inputs_not_modified():
    x = rng.uniform(0, 4, 100)
    xp = np.array([0.0, 1.0, 2.5, 4.0])
    fp = np.array([1.0, -1.0, 2.0, 0.5])
    copies = [a.copy() for a in (x, xp, fp)]
    interp(x, xp, fp)
    for a, c in zip((x, xp, fp), copies, strict=True):
        _same(a, c)


def test_float32_stays_float32():
    xp = np.sort(rng.uniform(0, 1, 300)).astype(np.float32)
    fp = rng.standard_normal(300).astype(np.float32)
    x = _queries(xp, 4000, False)
    r = interp(x, xp, fp)
    assert r.dtype == np.float32
    ref = np.interp(x, xp, fp)
    np.testing.assert_allclose(r, ref, rtol=2e-6, atol=2e-6 * np.abs(fp).max())
    xu = np.linspace(0, 1, 300, dtype=np.float32)
    for sort in (False, True):
        xq = _queries(xu, 4000, sort)
        outs = [api._interp_impl(xq, xu, fp, None, None, None, 1, p) for p in PATHS]
        for o in outs[1:]:
            _same(o, outs[0])
    assert interp(np.float32(0.5), xp, fp).dtype == np.float32
    assert interp(0.5, xp, fp).dtype == np.float64  # a Python float is float64


@pytest.mark.parametrize("sort", [False, True])
def test_threads_bitwise_and_concurrent(sort):
    xp = np.sort(rng.uniform(0, 1, 1000))
    fp = rng.standard_normal(1000)
    x = rng.uniform(-0.1, 1.1, 300_000)
    if sort:
        x.sort()
    ref = np.interp(x, xp, fp)
    _same(interp(x, xp, fp, workers=2), ref)
    _same(interp(x, xp, fp, workers=-1), ref)
    for r in run_concurrently(lambda: interp(x, xp, fp, workers=2)):
        _same(r, ref)


@pytest.mark.parametrize(
    "args,kw",
    [
        ((1.0, [[1, 2]], [1, 2]), {}),
        ((1.0, 1.0, [1]), {}),
        ((1.0, [1, 2], [1, 2, 3]), {}),
        ((1.0, [], []), {}),
        ((1.0, [1, 2], [[1, 2]]), {}),
        ((1.0, [1, 2], [1, 2]), {"left": "a"}),
        ((0.0, [1, 2], [1, 2]), {"right": 1j}),
        ((1j, [1, 2], [1, 2]), {}),
        ((1.0, [1j, 2], [1, 2]), {}),
        ((1.0, [1, 2], [1, 2]), {"period": 0}),
        (("a", [1, 2], [1, 2]), {}),
        (([1.0], [[1, 2]], [1, 2]), {"period": 3}),
    ],
)
def test_bad_input(args, kw):
    assert raises_like(lambda: interp(*args, **kw), lambda: np.interp(*args, **kw))


@pytest.mark.parametrize(
    "args,kw",
    [
        (([], [], []), {}),
        ((np.float32([]), np.float32([]), np.float32([])), {}),
        ((0.5, [], []), {}),
        ((np.array([0.5]), np.array([]), np.array([])), {}),
        (([], [1, 2], [3, 4]), {}),
        (([], [], []), {"period": 360}),
        (([], [1, 2], [3 + 4j, 5 + 6j]), {}),
        (([], [], np.array([], complex)), {}),
        ((0.0, [1, 2], [1, 2]), {"left": np.array([5.0])}),
        ((0.0, [1, 2], [1, 2]), {"left": np.array([[5.0]])}),
    ],
)
def test_outcome_as_the_installed_numpy(args, kw):
    """Inputs whose outcome depends on numpy's version, kernterp's the same as
    the installed numpy's: empty knots (numpy < 2.5 raises, numpy >= 2.5,
    gh-30316, returns an empty result for no queries); a size-1 array for
    `left` (numpy < 2.3 takes it with a DeprecationWarning, later numpy
    raises TypeError)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if raises_like(lambda: interp(*args, **kw), lambda: np.interp(*args, **kw)):
            return
        got, ref = interp(*args, **kw), np.interp(*args, **kw)
    if all(np.asarray(a).dtype == np.float32 for a in args):
        # kernterp's rule (docs/lookup.rst): all float32 -> float32, also
        # where numpy decides (here: numpy >= 2.5's empty result)
        ref = ref.astype(np.float32)
    assert got.dtype == ref.dtype and got.shape == ref.shape
    _same(got, ref)


def test_workers_validated():
    with pytest.raises(ValueError):
        interp(0.5, np.array([0.0, 1.0]), np.array([0.0, 1.0]), workers=0)
    with pytest.raises(ValueError):
        interp([0.5], [0.0, 1.0], [0.0, 1.0], workers=0)


def test_strided_and_unaligned_queries():
    xp = np.sort(rng.uniform(0, 1, 300))
    fp = rng.standard_normal(300)
    base = rng.uniform(-0.1, 1.1, 70_000)
    for x in (base[::-1], base[::3], base[::-2]):
        _same(interp(x, xp, fp), np.interp(x, xp, fp))
    buf = np.zeros(8 * 5001 + 1, np.uint8)
    ux = np.ndarray(5000, np.float64, buffer=buf.data, offset=1)  # unaligned
    ux[:] = base[:5000]
    assert not ux.flags.aligned
    _same(interp(ux, xp, fp), np.interp(ux, xp, fp))


def test_unsorted_knots_do_not_crash():
    """Unsorted xp gives meaningless values (as numpy) but stays memory-safe."""
    xp = rng.uniform(0, 1, 500)
    x = rng.uniform(-1, 2, 20000)
    for path in PATHS[:3] + PATHS[4:]:
        r = api._interp_impl(x, xp, xp, None, None, None, 2, path)
        assert r.shape == x.shape
        idx = _lookup.lookup(x, xp, path, 1)
        assert idx.min() >= -1 and idx.max() <= 499


def test_period_float32():
    xp = np.array([190.0, -190.0, 350.0, -350.0], np.float32)
    fp = np.array([5.0, 10.0, 3.0, 4.0], np.float32)
    x = np.array([-180.0, -170.0, -185.0, 185.0, -10.0, 0.0, 365.0], np.float32)
    r = interp(x, xp, fp, period=360)
    assert r.dtype == np.float32
    np.testing.assert_allclose(r, np.interp(x, xp, fp, period=360), rtol=1e-6)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("n", [2, 5, 9])
def test_one_query_with_a_nonfinite_knot_is_numpys(bad, n):
    # the one-query path scans the knots for NaN (numpy's search decides
    # then); an infinite knot takes the general path too
    # (an infinite knot only where the knots stay increasing)
    ks = range(n) if np.isnan(bad) else [0 if bad < 0 else n - 1]
    for k in ks:
        xp = np.linspace(0.0, 1.0, n)
        xp[k] = bad
        fp = np.arange(n, dtype=float)
        for q in (0.5, np.float64(0.05), 1.0, -1.0, 2.0):
            _same(interp(q, xp, fp), np.interp(q, xp, fp))
