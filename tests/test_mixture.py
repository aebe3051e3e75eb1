"""kernterp.kernels' Gaussian densities and mixtures, scipy.stats as oracle."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import scipy.stats as st

from kernterp import kernels as kt


def _raised(fn, *args, **kwargs):
    try:
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs), None
    except Exception as exc:  # noqa: BLE001 - the exception is the outcome
        return None, exc


def _close(a, b, rtol=1e-12):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape
    tiny = np.abs(b) < 1e-290  # subnormal-small: absolute comparison
    np.testing.assert_allclose(a[~tiny], b[~tiny], rtol=rtol, atol=0)
    np.testing.assert_allclose(a[tiny], b[tiny], rtol=0, atol=1e-290)


def _spd(rng, d, cond=10.0):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    s = np.geomspace(1.0, cond, d) * rng.uniform(0.2, 3.0)
    c = (q * s) @ q.T
    return (c + c.T) / 2


# --------------------------------------------------------------------------
# multivariate_normal_pdf vs scipy


MVN_CASES = [
    # (x, mean, cov, allow_singular)
    (0.3, None, 1, False),
    ([0.1, 0.2, 0.3], None, 2.0, False),
    ([0.1, 0.2, 0.3], 0.5, 2.0, False),
    ([0.1, 0.2], [0.0, 1.0], [[2.0, 0.3], [0.3, 1.0]], False),
    ([0.1, 0.2], [0.0, 1.0], [2.0, 0.5], False),
    ([0.1, 0.2], [0.0, 1.0], 0.7, False),
    (np.zeros((3, 4, 2)), [0.0, 1.0], [[2.0, 0.3], [0.3, 1.0]], False),
    (np.ones((1, 5, 1)), [0.0, 1.0], [[2.0, 0.3], [0.3, 1.0]], False),
    (np.zeros((0, 2)), [0.0, 1.0], np.eye(2), False),
    (np.zeros((5, 3)), [0.0, 1.0], np.eye(2), False),  # dims mismatch
    ([0.1, 0.2, 0.3], [0.0, 1.0], np.eye(2), False),
    ([1.0, 2.0], [0.0, 1.0], [[1.0, 2.0], [2.0, 1.0]], False),  # not PSD
    ([1.0, 2.0], [0.0, 1.0], [[1.0, 1.0], [1.0, 1.0]], False),  # singular
    ([1.0, 2.0], [0.0, 1.0], [[1.0, 1.0], [1.0, 1.0]], True),
    ([[1.0, 2.0], [0.5, 0.5], [2.0, 3.0]], [0.0, 1.0], [[1.0, 1.0], [1.0, 1.0]], True),
    ([1.0, 2.0], [0.0, 1.0], [[1.0, 0.5], [0.9, 1.0]], False),  # lower triangle
    ([1.0, 2.0], [0.0, 1.0], [[1.0, np.nan], [0.0, 1.0]], False),
    ([1.0, 2.0], [0.0, 1.0], [[np.inf, 0.0], [0.0, 1.0]], False),
    ([1.0, 2.0], [0.0, 1.0], np.eye(3), False),
    ([1.0, 2.0], [0.0, 1.0], np.ones((2, 3)), False),
    ([1.0, 2.0], [0.0, 1.0], np.ones((2, 2, 2)), False),
    ([1.0, 2.0], [[0.0, 1.0]], np.eye(2), False),
    ([1.0, 2.0], [0.0, 1.0], [1.0, 2.0, 3.0], False),
    (1.0, 0.0, [1.0, 2.0], False),
    (1.0, 0.0, -1.0, False),
    (1.0, 0.0, 0.0, False),
    ([1.0, 0.0], 0.0, 0.0, True),
    ([np.nan, 1.0], [0.0, 1.0], np.eye(2), False),
    ([np.inf, 1.0], [0.0, 1.0], [[1.0, 0.2], [0.2, 1.0]], False),
    ([40.0, 1.0], [0.0, 1.0], np.eye(2) * 0.5, False),
    ([1e3, 1.0], [0.0, 1.0], np.eye(2) * 0.5, False),
    (np.arange(6, dtype=np.float32).reshape(3, 2), [0.0, 1.0], np.eye(2), False),
    (np.arange(6, dtype=">f8").reshape(3, 2), [0.0, 1.0], np.eye(2), False),
    (np.arange(6, dtype=np.int64).reshape(3, 2), [0.0, 1.0], np.eye(2), False),
    (np.arange(12.0).reshape(3, 4)[:, ::2], [0.0, 1.0], np.eye(2), False),
    (np.arange(12.0).reshape(2, 6).T[::-1], [0.0, 1.0], np.eye(2), False),
    (np.asfortranarray(np.arange(12.0).reshape(6, 2)), [0.0, 1.0], np.eye(2), False),
]


@pytest.mark.parametrize("case", range(len(MVN_CASES)))
def test_mvn_like_scipy(case):
    x, mean, cov, sing = MVN_CASES[case]
    a, ea = _raised(kt.multivariate_normal_pdf, x, mean, cov, allow_singular=sing)
    b, eb = _raised(st.multivariate_normal.pdf, x, mean, cov, allow_singular=sing)
    if ea is not None or eb is not None:
        assert ea is not None and eb is not None, (ea, eb)
        assert type(ea) is type(eb), (ea, eb)
        return
    assert type(a) is type(b) or (np.ndim(a) == 0 and np.ndim(b) == 0)
    assert np.asarray(a).dtype == np.asarray(b).dtype
    with np.errstate(all="ignore"):
        _close(a, b)


def test_mvn_zero_cov_scalar_point():
    # scipy 1.17 raises TypeError here (item assignment on its squeezed
    # scalar); kernterp returns the value scipy gives for a 1-element array
    assert kt.multivariate_normal_pdf(1.0, 0.0, 0.0, allow_singular=True) == 0.0


@pytest.mark.parametrize("d", [1, 2, 3, 5])
def test_mvn_random_corpus(d):
    rng = np.random.default_rng(d)
    for cond in (1.0, 10.0, 1e4):
        cov = _spd(rng, d, cond)
        mean = rng.normal(size=d)
        x = rng.normal(size=(7, 11, d)) * 3
        _close(
            kt.multivariate_normal_pdf(x, mean, cov),
            st.multivariate_normal.pdf(x, mean, cov),
        )


def test_mvn_rank_deficient_subspace():
    rng = np.random.default_rng(1)
    a = rng.normal(size=(3, 2))
    cov = a @ a.T  # rank 2 in 3-D
    mean = np.array([0.5, -1.0, 2.0])
    on = mean + rng.normal(size=(20, 2)) @ a.T
    off = on + 0.5
    for x in (on, off, np.concatenate([on, off])):
        k = kt.multivariate_normal_pdf(x, mean, cov, allow_singular=True)
        s = st.multivariate_normal.pdf(x, mean, cov, allow_singular=True)
        _close(k, s, rtol=1e-10)
    assert np.all(kt.multivariate_normal_pdf(off, mean, cov, allow_singular=True) == 0)
    with pytest.raises(np.linalg.LinAlgError):
        kt.multivariate_normal_pdf(on, mean, cov)


def test_mvn_input_not_modified_and_threads():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5000, 3))
    x0 = x.copy()
    cov = _spd(rng, 3)
    ref = kt.multivariate_normal_pdf(x, None, cov, workers=1)
    assert np.array_equal(x, x0)
    res = [None] * 4

    def run(i):
        res[i] = kt.multivariate_normal_pdf(x, np.zeros(3), cov, workers=2)

    ts = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for r in res:
        assert np.array_equal(r, ref)


# --------------------------------------------------------------------------
# gaussian_mixture_pdf


def _scipy_mixture(x, means, covs, weights):
    return sum(
        w * st.multivariate_normal.pdf(x, m, c)
        for m, c, w in zip(means, covs, weights, strict=True)
    )


@pytest.mark.parametrize("d", [1, 2, 3])
def test_mixture_pdf_like_scipy(d):
    rng = np.random.default_rng(10 + d)
    K = 3
    means = rng.normal(size=(K, d))
    covs = np.stack([_spd(rng, d, 5.0) for _ in range(K)])
    w = rng.uniform(0.1, 2.0, K)
    x = rng.normal(size=(4, 6, d)) * 2
    _close(
        kt.gaussian_mixture_pdf(x, means, covs, w), _scipy_mixture(x, means, covs, w)
    )
    # default weights: 1/K each
    _close(
        kt.gaussian_mixture_pdf(x, means, covs),
        _scipy_mixture(x, means, covs, np.full(K, 1 / K)),
    )


def test_mixture_cov_forms():
    rng = np.random.default_rng(3)
    means = rng.normal(size=(2, 3))
    x = rng.normal(size=(50, 3))
    diag = np.array([[1.0, 2.0, 0.5], [0.3, 0.3, 4.0]])
    full = np.stack([np.diag(v) for v in diag])
    ref = _scipy_mixture(x, means, full, [0.5, 0.5])
    _close(kt.gaussian_mixture_pdf(x, means, diag), ref)
    _close(kt.gaussian_mixture_pdf(x, means, full), ref)
    iso = np.array([0.7, 2.0])
    _close(
        kt.gaussian_mixture_pdf(x, means, iso),
        _scipy_mixture(x, means, [v * np.eye(3) for v in iso], [0.5, 0.5]),
    )
    _close(
        kt.gaussian_mixture_pdf(x, means, 1.5),
        _scipy_mixture(x, means, [1.5 * np.eye(3)] * 2, [0.5, 0.5]),
    )


def test_mixture_single_component_is_mvn():
    rng = np.random.default_rng(4)
    cov = _spd(rng, 2)
    x = rng.normal(size=(30, 2))
    a = kt.gaussian_mixture_pdf(x, [[0.1, 0.2]], [cov], [1.0])
    b = kt.multivariate_normal_pdf(x, [0.1, 0.2], cov)
    np.testing.assert_array_equal(a, b)


def test_mixture_float32():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(100, 2)).astype(np.float32)
    means = [[0.0, 0.0], [1.0, -1.0]]
    covs = [[[1.0, 0.2], [0.2, 0.5]], [[0.4, 0.0], [0.0, 0.4]]]
    a = kt.gaussian_mixture_pdf(x, means, covs)
    assert a.dtype == np.float32
    _close(a, _scipy_mixture(x.astype(np.float64), means, covs, [0.5, 0.5]), rtol=2e-5)


def test_mixture_singular():
    cov = [[1.0, 1.0], [1.0, 1.0]]
    x = np.array([[0.5, 0.5], [0.5, 0.0]])
    with pytest.raises(np.linalg.LinAlgError):
        kt.gaussian_mixture_pdf(x, [[0.0, 0.0]], [cov])
    a = kt.gaussian_mixture_pdf(
        x, [[0.0, 0.0], [1.0, 1.0]], [cov, np.eye(2)], allow_singular=True
    )
    b = 0.5 * st.multivariate_normal.pdf(x, [0, 0], cov, allow_singular=True)
    b = b + 0.5 * st.multivariate_normal.pdf(x, [1, 1], np.eye(2))
    _close(a, b)


BAD_MIXTURE = [
    # (means, covs, weights, word in the message)
    ([0.0, 1.0], 1.0, None, "means"),
    (np.zeros((0, 2)), 1.0, None, "means"),
    ([[0.0, np.nan]], 1.0, None, "means"),
    ([[0.0, 0.0]], [[1.0, 0.0]], None, "variance"),  # sigma**2 = 0
    ([[0.0, 0.0]], [[1.0, -1.0]], None, "variance"),
    ([[0.0, 0.0]], [[1.0, np.inf]], None, "variance"),
    ([[0.0, 0.0]], -1.0, None, "variance"),
    ([[0.0, 0.0]], [1.0, 2.0], None, "covs"),
    ([[0.0, 0.0]], [[1.0, 2.0, 3.0]], None, "covs"),
    ([[0.0, 0.0]], np.ones((2, 2, 2)), None, "covs"),
    ([[0.0, 0.0]], [[[1.0, 0.5], [0.0, 1.0]]], None, "symmetric"),
    ([[0.0, 0.0]], [[[1.0, 2.0], [2.0, 1.0]]], None, "semidefinite"),
    ([[0.0, 0.0]], [[[1.0, 0.0], [0.0, np.nan]]], None, "finite"),
    ([[0.0, 0.0]], 1.0, [1.0, 1.0], "weights"),
    ([[0.0, 0.0]], 1.0, [-1.0], "weights"),
    ([[0.0, 0.0]], 1.0, [np.nan], "weights"),
]


@pytest.mark.parametrize("case", range(len(BAD_MIXTURE)))
def test_mixture_bad_input(case):
    means, covs, weights, word = BAD_MIXTURE[case]
    for fn, first in (
        (kt.gaussian_mixture_pdf, np.zeros((3, 2))),
        (kt.gaussian_mixture_grid, [np.zeros(3), np.zeros(4)]),
    ):
        with pytest.raises(ValueError, match=word):
            fn(first, means, covs, weights)


def test_mixture_bad_points():
    with pytest.raises(ValueError, match="x"):
        kt.gaussian_mixture_pdf(np.zeros((3, 3)), [[0.0, 0.0]], 1.0)
    with pytest.raises(ValueError, match="coords"):
        kt.gaussian_mixture_grid([np.zeros(3)], [[0.0, 0.0]], 1.0)
    with pytest.raises(ValueError, match="coords"):
        kt.gaussian_mixture_grid([np.zeros(3), np.zeros((2, 2))], [[0.0, 0.0]], 1.0)
    with pytest.raises(np.linalg.LinAlgError):
        kt.gaussian_mixture_grid(
            [np.zeros(3), np.zeros(2)], [[0.0, 0.0]], [np.ones((2, 2))]
        )


# --------------------------------------------------------------------------
# gaussian_mixture_grid


def _grid_points(coords):
    mesh = np.meshgrid(*coords, indexing="ij")
    return np.stack(mesh, axis=-1)


@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("kind", ["full", "diag", "mixed"])
def test_grid_like_scipy(d, kind):
    rng = np.random.default_rng(100 * d + len(kind))
    K = 3
    means = rng.normal(size=(K, d))
    covs = np.stack([_spd(rng, d, 4.0) for _ in range(K)])
    if kind == "diag":
        covs = np.stack([np.diag(np.diag(c)) for c in covs])
    elif kind == "mixed":
        covs[0] = np.diag(np.diag(covs[0]))
    w = rng.uniform(0.0, 2.0, K)
    sizes = [37, 300, 5][:d] if d > 1 else [1000]
    coords = [np.sort(rng.uniform(-6, 6, n)) for n in sizes]
    z = kt.gaussian_mixture_grid(coords, means, covs, w)
    assert z.shape == tuple(sizes) and z.dtype == np.float64
    _close(z, _scipy_mixture(_grid_points(coords), means, covs, w))


def test_grid_float32_and_empty():
    x = np.linspace(-3, 3, 50, dtype=np.float32)
    y = np.linspace(-2, 2, 40, dtype=np.float32)
    means = [[0.0, 0.0], [1.0, 0.5]]
    covs = [[[1.0, 0.3], [0.3, 0.5]], [[0.5, 0.0], [0.0, 0.2]]]
    z = kt.gaussian_mixture_grid([x, y], means, covs)
    assert z.dtype == np.float32
    ref = _scipy_mixture(
        _grid_points([x.astype(float), y.astype(float)]), means, covs, [0.5] * 2
    )
    _close(z, ref, rtol=2e-5)
    e = kt.gaussian_mixture_grid([np.zeros(0), y], means, covs)
    assert e.shape == (0, 40)


def test_grid_sums_and_symmetry():
    # the mixture integrates to sum(weights); a centred Gaussian on a
    # symmetric grid is symmetric under x -> -x (and x <-> y for a symmetric cov)
    t = np.linspace(-10, 10, 401)
    h = t[1] - t[0]
    cov = [[1.0, 0.6], [0.6, 1.0]]
    z = kt.gaussian_mixture_grid(
        [t, t], [[0.0, 0.0], [1.0, -1.0]], [cov, [[0.5, 0], [0, 2.0]]], [0.25, 2.0]
    )
    assert abs(z.sum() * h * h - 2.25) < 1e-6
    z1 = kt.gaussian_mixture_grid([t, t], [[0.0, 0.0]], [cov], [1.0])
    np.testing.assert_allclose(z1, z1[::-1, ::-1], rtol=1e-11)
    np.testing.assert_allclose(z1, z1.T, rtol=1e-11)
    # the grid equals the pointwise mixture
    p = kt.gaussian_mixture_pdf(
        _grid_points([t[::7], t[::5]]), [[0.0, 0.0]], [cov], [1.0]
    )
    _close(z1[::7, ::5], p)


def test_grid_threads_identical():
    t = np.linspace(-4, 4, 333)
    args = (
        [t, t[:200]],
        [[0.0, 0.0], [1.0, 1.0]],
        [[[1.0, 0.5], [0.5, 1.0]], np.eye(2)],
    )
    a = kt.gaussian_mixture_grid(*args, workers=1)
    b = kt.gaussian_mixture_grid(*args, workers=-1)
    c = kt.gaussian_mixture_grid(*args, workers=3)
    assert np.array_equal(a, b) and np.array_equal(a, c)


# equally spaced last axes take the incremental (exp-free) path; it must
# agree with scipy as tightly as the exact one, wherever values are
UNIFORM_CASES = {
    "narrow": ([[0.01, 0.005], [0.005, 0.02]], (-5, 5, 70), (-4, 6, 900)),
    "wide": ([[100.0, 30.0], [30.0, 50.0]], (-5, 5, 30), (-4, 6, 900)),
    "rho099": ([[1.0, 0.99], [0.99, 1.0]], (-5, 5, 40), (-4, 6, 900)),
    "tails": ([[1.0, 0.5], [0.5, 2.0]], (-40, 40, 60), (-50, 50, 1200)),
    "underflow": ([[0.1, 0.05], [0.05, 0.1]], (-10, 10, 40), (-10, 10, 1200)),
    "steep_last": ([[2.0, 0.01], [0.01, 1e-4]], (-3, 3, 30), (-1, 3, 2000)),
}


@pytest.mark.parametrize("name", sorted(UNIFORM_CASES))
def test_grid_uniform_last_axis(name):
    cov, ax, ay = UNIFORM_CASES[name]
    x, y = np.linspace(*ax), np.linspace(*ay)
    means = [[0.0, 1.0], [0.5, 0.2]]
    covs = [cov, [[0.3, -0.1], [-0.1, 0.4]]]
    w = [0.7, 0.3]
    z = kt.gaussian_mixture_grid([x, y], means, covs, w)
    ref = _scipy_mixture(_grid_points([x, y]), means, covs, w)
    _close(z, ref)
    # decreasing coordinates (negative spacing)
    zr = kt.gaussian_mixture_grid([x, y[::-1]], means, covs, w)
    _close(zr, ref[:, ::-1])
    # the same grid made slightly non-uniform takes the exact path
    rng = np.random.default_rng(7)
    y2 = y + rng.uniform(-1e-9, 1e-9, y.size)
    z2 = kt.gaussian_mixture_grid([x, y2], means, covs, w)
    _close(z2, _scipy_mixture(_grid_points([x, y2]), means, covs, w))


def test_grid_uniform_3d_and_float32():
    rng = np.random.default_rng(3)
    coords = [np.linspace(-3, 3, 7), np.linspace(-2, 4, 9), np.linspace(-6, 6, 700)]
    means = rng.normal(size=(2, 3))
    covs = np.stack([_spd(rng, 3, 20.0), _spd(rng, 3, 5.0) * 0.05])
    w = [1.0, 0.5]
    z = kt.gaussian_mixture_grid(coords, means, covs, w)
    _close(z, _scipy_mixture(_grid_points(coords), means, covs, w))
    c32 = [c.astype(np.float32) for c in coords]
    z32 = kt.gaussian_mixture_grid(c32, means, covs, w)
    assert z32.dtype == np.float32
    ref = _scipy_mixture(_grid_points([c.astype(float) for c in c32]), means, covs, w)
    big = ref > 1e-30  # float32: compare where the values are normal
    np.testing.assert_allclose(z32[big], ref[big], rtol=2e-5)
    assert np.all(np.abs(z32[~big] - ref[~big]) <= 1e-30)


def test_grid_uniform_float32_2d():
    x = np.linspace(-3, 3, 50, dtype=np.float32)
    y = np.linspace(-8, 8, 3000, dtype=np.float32)
    means = [[0.0, 0.0], [1.0, 0.5]]
    covs = [[[1.0, 0.9], [0.9, 1.0]], [[0.5, 0.05], [0.05, 0.02]]]
    z = kt.gaussian_mixture_grid([x, y], means, covs)
    ref = _scipy_mixture(
        _grid_points([x.astype(float), y.astype(float)]), means, covs, [0.5] * 2
    )
    big = ref > 1e-30
    np.testing.assert_allclose(z[big], ref[big], rtol=2e-5)
    assert np.all(np.abs(z[~big] - ref[~big]) <= 1e-30)
