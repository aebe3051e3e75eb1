"""kernterp on dask arrays: lazy results equal to the numpy call.

Every function with a dask path is run on a real multi-process cluster
(``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)``: real
processes, real serialisation) and on dask's threaded scheduler, for odd
chunkings (an uneven last chunk, chunks of 1, chunks smaller than the
filter's radius), every boundary mode and 1-4-D inputs, against the numpy
call on the computed input: bit for bit, or within the tolerance
docs/dask.rst states where exactness across blocks cannot be had.  Each test
builds all its lazy results first and computes them in one go (one round
trip to the cluster).
"""

from __future__ import annotations

import pickle
import threading

import numpy as np
import pytest

dask = pytest.importorskip("dask")
da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

from dask.callbacks import Callback  # noqa: E402

import kernterp.interpolate as ki  # noqa: E402
import kernterp.kernels as kk  # noqa: E402
import kernterp.ndimage as kn  # noqa: E402
from kernterp._periodic_api import _periodic_gauss_transform  # noqa: E402

MODES = ("reflect", "constant", "nearest", "mirror", "wrap", "grid-wrap")
RNG = np.random.default_rng(20240914)


# --------------------------------------------------------------------------
# the two schedulers


@pytest.fixture(scope="module")
def cluster_client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        worker_dashboard_address=None,
    )
    client = distributed.Client(cluster, set_as_default=False)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(params=["threads", "cluster"])
def compute(request):
    """compute(*lazy) -> the numpy results, on the scheduler of the param."""
    if request.param == "threads":
        return lambda *xs: dask.compute(*xs, scheduler="threads")
    client = request.getfixturevalue("cluster_client")
    return lambda *xs: tuple(client.compute(list(xs), sync=True))


def check_all(compute, cases):
    """cases: (label, lazy, expected[, atol]) -> every result checked."""
    got = compute(*[c[1] for c in cases])
    for case, g in zip(cases, got, strict=True):
        label, _, want = case[:3]
        atol = case[3] if len(case) > 3 else None
        want = np.asarray(want)
        assert isinstance(g, np.ndarray), label
        assert g.dtype == want.dtype, (label, g.dtype, want.dtype)
        assert g.shape == want.shape, (label, g.shape, want.shape)
        if atol is None:
            assert np.array_equal(g, want, equal_nan=True), (
                label,
                np.max(np.abs(g.astype(complex) - want)),
            )
        else:
            err = np.abs(g.astype(np.complex128) - want)
            assert np.all(err <= atol), (label, np.max(err / atol))


def chunked(a, chunks):
    return da.from_array(a, chunks=chunks)


# --------------------------------------------------------------------------
# the Gaussian filters (kernterp's halo exchange)

# shape -> chunkings: an uneven last chunk, chunks of 1, chunks smaller than
# the radius (sigma 1.5: radius 6), all in one
SHAPES = {
    1: ((23,), [(5,), (1,), (2,)]),
    2: ((11, 13), [(4, 5), (1, 13), (11, 2), (3, 1)]),
    3: ((7, 6, 9), [(3, 4, 4), (1, 6, 2), (7, 2, 9)]),
    4: ((4, 5, 3, 6), [(3, 2, 3, 4), (1, 5, 2, 6), (4, 5, 1, 2)]),
}


@pytest.mark.parametrize("ndim", [1, 2, 3, 4])
def test_gaussian_filter_every_mode_and_chunking(compute, ndim):
    shape, chunkings = SHAPES[ndim]
    a = RNG.random(shape).astype(np.float32)
    cases = []
    for chunks in chunkings:
        x = chunked(a, chunks)
        for mode in MODES:
            kw = dict(mode=mode, cval=0.5)
            cases.append(
                (
                    (chunks, mode),
                    kn.gaussian_filter(x, 1.5, **kw),
                    kn.gaussian_filter(a, 1.5, **kw),
                )
            )
        # per-axis sigma, order and mode; a derivative along the last axis
        sig = [1.0 + 0.5 * k for k in range(ndim)]
        order = [0] * (ndim - 1) + [1]
        modes = list(MODES[:ndim])
        cases.append(
            (
                (chunks, "per-axis"),
                kn.gaussian_filter(x, sig, order, mode=modes),
                kn.gaussian_filter(a, sig, order, mode=modes),
            )
        )
        cases.append(
            (
                (chunks, "1d"),
                kn.gaussian_filter1d(x, 2.5, axis=0, order=2, mode="mirror"),
                kn.gaussian_filter1d(a, 2.5, axis=0, order=2, mode="mirror"),
            )
        )
    a0 = a.copy()
    check_all(compute, cases)
    # (on threads the blocks are views of `a`: filtered in place, it would
    # show here)
    assert np.array_equal(a, a0)


def test_gaussian_filter_dtypes_axes_and_policies(compute):
    a = RNG.random((9, 14)) * 100
    ai = a.astype(np.int16)
    ac = (a + 1j * a[::-1]).astype(np.complex64)
    an = a.copy()
    an[3, 4] = an[7, 0] = np.nan
    cases = []
    for chunks in ((4, 5), (1, 3), (9, 1)):
        for arr, kw in (
            (ai, {}),
            (ai, {"output": np.float32}),
            (a, {"output": np.uint8}),
            (ac, {"mode": "wrap"}),
            (a, {"axes": (1,), "radius": 3}),
            (a, {"truncate": 2.0, "mode": "nearest"}),
            (an, {"nan_policy": "omit", "mode": "constant", "cval": 2.0}),
            (an, {"nan_policy": "omit", "mode": "constant", "cval": np.nan}),
        ):
            cases.append(
                (
                    (chunks, arr.dtype, kw),
                    kn.gaussian_filter(chunked(arr, chunks), 1.7, **kw),
                    kn.gaussian_filter(arr, 1.7, **kw),
                )
            )
        x = chunked(a.astype(np.float32), chunks)
        for fn in (kn.gaussian_laplace, kn.gaussian_gradient_magnitude):
            for mode in ("reflect", "wrap", "constant"):
                cases.append(
                    (
                        (fn.__name__, chunks, mode),
                        fn(x, 1.2, mode=mode),
                        fn(a.astype(np.float32), 1.2, mode=mode),
                    )
                )
    check_all(compute, cases)


def test_recursive_gaussian_within_its_halo_tolerance(compute):
    # halos cut where the recursive filter's impulse response is below
    # ~2e-7 of its mass (docs/dask.rst): the same values to that tolerance
    a = RNG.random((40, 33))
    cases = []
    for chunks in ((7, 9), (1, 33), (40, 5)):
        for mode in ("reflect", "nearest", "wrap", "constant"):
            kw = dict(method="recursive", mode=mode)
            cases.append(
                (
                    (chunks, mode),
                    kn.gaussian_filter(chunked(a, chunks), 2.0, **kw),
                    kn.gaussian_filter(a, 2.0, **kw),
                    1e-6,
                )
            )
    check_all(compute, cases)


# --------------------------------------------------------------------------
# gaussian_pool


@pytest.mark.parametrize("ndim", [1, 2, 3, 4])
def test_gaussian_pool_every_mode_and_chunking(compute, ndim):
    shape, chunkings = SHAPES[ndim]
    a = RNG.random(shape).astype(np.float32)
    axes = (-1,) if ndim == 1 else (-2, -1)
    cases = []
    for chunks in chunkings:
        x = chunked(a, chunks)
        for mode in ("trim", *MODES):
            for size in (1, 2, 3):
                kw = dict(axes=axes, mode=mode, cval=1.5)
                cases.append(
                    (
                        (chunks, mode, size),
                        kk.gaussian_pool(x, size, **kw),
                        kk.gaussian_pool(a, size, **kw),
                    )
                )
    a0 = a.copy()
    check_all(compute, cases)
    assert np.array_equal(a, a0)


def test_gaussian_pool_dtypes_and_batch_axes(compute):
    a = RNG.random((4, 9, 10, 3))
    cases = []
    for arr in (a, (a * 50).astype(np.int32), (a + 2j * a).astype(np.complex64)):
        for chunks in ((1, 4, 3, 1), (4, 2, 10, 2), (3, 9, 1, 3)):
            for kw in (
                dict(axes=(1, 2)),
                dict(axes=(1, 2), mode="reflect", method="sample"),
                dict(axes=1, mode="wrap"),
                dict(axes=(0, 2), mode="mirror", sigma=(0.7, 2.0)),
            ):
                cases.append(
                    (
                        (arr.dtype, chunks, kw),
                        kk.gaussian_pool(chunked(arr, chunks), 3, **kw),
                        kk.gaussian_pool(arr, 3, **kw),
                    )
                )
    check_all(compute, cases)


# --------------------------------------------------------------------------
# interpolation on dask query points

QUERY_SHAPES = {1: (19,), 2: (5, 7), 3: (3, 4, 5), 4: (2, 3, 2, 5)}
QUERY_CHUNKS = {1: [(1,), (4,)], 2: [(1, 7), (2, 3)], 3: [(3, 1, 2)], 4: [(1, 2, 2, 3)]}


def _queries(ndim, lo, hi, dtype=np.float64):
    q = lo + (hi - lo) * RNG.random(QUERY_SHAPES[ndim])
    return q.astype(dtype)


@pytest.mark.parametrize("ndim", [1, 2, 3, 4])
def test_piecewise_interpolation(compute, ndim):
    xp = np.sort(RNG.random(30)) * 10
    fp = np.sin(xp)
    yv = np.stack([fp, np.cos(xp) + 1j * fp])  # (2, 30): axis 1
    cases = []
    for dtype in (np.float32, np.float64):
        q = _queries(ndim, -1.0, 11.0, dtype)
        for chunks in QUERY_CHUNKS[ndim]:
            x = chunked(q, chunks)
            cases += [
                ("interp", ki.interp(x, xp, fp), ki.interp(q, xp, fp)),
                (
                    "interp f32",
                    ki.interp(x, xp.astype(dtype), fp.astype(np.float32)),
                    ki.interp(q, xp.astype(dtype), fp.astype(np.float32)),
                ),
                (
                    "interp period",
                    ki.interp(x, xp, fp + 1j, period=4.0),
                    ki.interp(q, xp, fp + 1j, period=4.0),
                ),
            ]
            for bc in ("not-a-knot", "natural", "clamped"):
                cs = ki.CubicSpline(xp, yv, axis=1, bc_type=bc)
                for nu in (0, 2):
                    cases.append(((bc, nu), cs(x, nu), cs(q, nu)))
            cs = ki.CubicSpline(xp, fp)
            cases.append(("derivative", cs.derivative()(x), cs.derivative()(q)))
            for kind in ("linear", "cubic", "quadratic", "nearest", "next"):
                f = ki.interp1d(xp, yv, kind=kind, fill_value="extrapolate")
                cases.append((kind, f(x), f(q)))
            f = ki.interp1d(xp, fp, bounds_error=False, fill_value=(-1.0, 2.0))
            cases.append(("fill", f(x), f(q)))
    check_all(compute, cases)


@pytest.mark.parametrize("ndim", [1, 2, 3, 4])
def test_newton_and_krogh(compute, ndim):
    nodes = np.cos(np.linspace(0, np.pi, 9))
    y = np.stack([np.exp(nodes), np.sin(3 * nodes) - 1j])  # (2, 9): axis 1
    a = ki.newton_coeffs(nodes, y, axis=1)
    p = ki.NewtonInterpolator(nodes, y, axis=1)
    k = ki.KroghInterpolator(nodes, y.real, axis=1)
    kr = ki.KroghInterpolator([0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 2.0, -1.0])
    cases = []
    for dtype in (np.float32, np.float64, np.int64):
        q = _queries(ndim, -1.2, 1.2, dtype)
        for chunks in QUERY_CHUNKS[ndim]:
            x = chunked(q, chunks)
            cases += [
                (
                    "eval",
                    ki.newton_eval(a, nodes, x, axis=1),
                    ki.newton_eval(a, nodes, q, axis=1),
                ),
                (
                    "eval der",
                    ki.newton_eval(a, nodes, x, der=2, axis=1),
                    ki.newton_eval(a, nodes, q, der=2, axis=1),
                ),
                ("newton", p(x), p(q)),
                ("newton d", p.derivative(x, 3), p.derivative(q, 3)),
                ("newton ds", p.derivatives(x, 4), p.derivatives(q, 4)),
                ("krogh", k(x), k(q)),
                ("krogh d", k.derivative(x, 2), k.derivative(q, 2)),
                ("krogh ds", k.derivatives(x), k.derivatives(q)),
                ("hermite", kr(x), kr(q)),
                (
                    "krogh_interpolate",
                    ki.krogh_interpolate(nodes, y.real, x, der=[0, 2], axis=1),
                    ki.krogh_interpolate(nodes, y.real, q, der=[0, 2], axis=1),
                ),
            ]
    check_all(compute, cases)


def test_knots_travel_once_not_inside_every_task():
    # the knots are 160 kB: each block's task must be small (it refers to
    # the one key holding them), and that key is a dependency of every task
    xp = np.linspace(0.0, 1.0, 20_000)
    fp = xp**2
    x = da.linspace(0.0, 1.0, 1000, chunks=100)
    for lazy in (
        ki.interp(x, xp, fp),
        ki.CubicSpline(xp, fp)(x),
        ki.interp1d(xp, fp, kind="cubic")(x),
        ki.newton_eval(fp[:2000], xp[:2000], x),
    ):
        graph = dict(lazy.__dask_graph__())
        blocks = [graph[k] for k in lazy.__dask_keys__()]
        big = [k for k, v in graph.items() if len(pickle.dumps(v)) > 10_000]
        assert len(big) == 1, big
        assert all(big[0] in t.dependencies for t in blocks)
        assert all(len(pickle.dumps(t)) < 10_000 for t in blocks)


# --------------------------------------------------------------------------
# kernel matrices and Gauss transforms


def _norms(X, Y):
    """|x - m|^2 + |y - m|^2 for the common mean m (the scale of the errors)."""
    m = np.vstack([X, Y]).astype(np.float64).mean(0)
    nx = ((X - m) ** 2).sum(1)
    ny = ((Y - m) ** 2).sum(1)
    return nx[:, None] + ny[None, :]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_rbf_kernel_and_distances(compute, dtype):
    eps = np.finfo(dtype).eps
    cases = []
    for offset, d in ((0.0, 3), (1e3, 1), (5.0, 20)):
        X = (RNG.normal(size=(13, d)) + offset).astype(dtype)
        Y = (RNG.normal(size=(9, d)) + offset).astype(dtype)
        X[9] = X[2]
        for cx, cy in (((4, 2), (3, d)), ((1, d), (9, 1)), ((13, d), (2, d))):
            x, y = chunked(X, cx), chunked(Y, cy)
            for lazy, want, tol in (
                (kk.sqeuclidean_distances(x, y), kk.sqeuclidean_distances(X, Y), None),
                (kk.sqeuclidean_distances(x), kk.sqeuclidean_distances(X), None),
                (kk.sqeuclidean_distances(X, y), kk.sqeuclidean_distances(X, Y), None),
                (kk.rbf_kernel(x, y, 0.2), kk.rbf_kernel(X, Y, 0.2), 48 * eps),
                (kk.rbf_kernel(x, var=3.0), kk.rbf_kernel(X, var=3.0), 3 * 48 * eps),
            ):
                if tol is None:  # squared distances: 128 eps relative
                    tol = 128 * eps * np.abs(want)
                cases.append(((offset, d, cx, cy), lazy, want, tol))
    got = compute(*[c[1] for c in cases])
    check_all(lambda *xs: got, cases)
    # the symmetric matrices stay exactly symmetric, with an exact diagonal
    # and exact zeros (var) between identical rows
    for (_, _lazy, want, _), g in zip(cases, got, strict=True):
        if g.shape[0] == g.shape[1] == 13:
            assert np.array_equal(g, g.T)
            assert np.array_equal(np.diag(g), np.diag(want))
            assert g[9, 2] == want[9, 2] and g[2, 9] == want[2, 9]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gauss_transform(compute, dtype):
    eps = np.finfo(dtype).eps
    cases = []
    for d in (1, 3, 20):
        X = (RNG.normal(size=(60, d)) + 10).astype(dtype)
        Y = (RNG.normal(size=(17, d)) + 10).astype(dtype)
        W = RNG.normal(size=(60, 2)).astype(dtype)
        for cx, cy in ((7, 17), (60, 1), (25, 8)):
            x, y, w = chunked(X, (cx, 2)), chunked(Y, (cy, d)), chunked(W, (cx, 1))
            for args, want_args in (
                ((x, w, y), (X, W, Y)),
                ((x, W[:, 0], Y), (X, W[:, 0], Y)),
                ((X, w[:, 1], y), (X, W[:, 1], Y)),
                ((x, w, None), (X, W, None)),
            ):
                want = kk.gauss_transform(*want_args, gamma=0.25, var=2.0)
                Yr = X if want_args[2] is None else Y
                K = kk.rbf_kernel(
                    Yr.astype(np.float64), X.astype(np.float64), gamma=0.25, var=2.0
                )
                # the rounding of the sums: a multiple of sum_j |w_j| K_ij
                scale = K @ np.abs(want_args[1].astype(np.float64))
                cases.append(
                    (
                        (d, cx, cy),
                        kk.gauss_transform(*args, gamma=0.25, var=2.0),
                        want,
                        64 * eps * scale,
                    )
                )
    check_all(compute, cases)


def test_periodic_gauss_transform(compute):
    L = 2 * np.pi
    cases = []
    for d in (1, 2, 3):
        for n, m, sigma in ((60, 25, 0.05), (20, 90, 0.3), (50, 40, 3.0)):
            P = RNG.random((n, d)) * L
            T = RNG.random((m, d)) * L
            q = RNG.normal(size=(n, 2))
            want, plan = _periodic_gauss_transform(P, q, sigma, T)
            # the Fourier series is exact across blocks, the direct sum to
            # rounding (docs/dask.rst)
            tol = (
                0.0
                if plan["method"] == "fourier"
                else 2e-15 * plan["kmax"] * np.abs(q).sum(0)
            )
            for ch in (1, 7, m) if m < 30 else (7, m):
                t = chunked(T, (ch, 1))
                cases.append(
                    (
                        (d, n, m, sigma, ch),
                        kk.periodic_gauss_transform(P, q, sigma, t),
                        want,
                        tol,
                    )
                )
    P, T = RNG.random(30) * L, RNG.random(17) * L
    q = RNG.normal(size=30)
    for args in (
        (P, q, T),
        (P.astype(np.float32), q.astype(np.float32), T.astype(np.float32)),
    ):
        want = kk.periodic_gauss_transform(args[0], args[1], 1.0, args[2])
        lazy = kk.periodic_gauss_transform(args[0], args[1], 1.0, chunked(args[2], 4))
        cases.append(("1-D", lazy, want))
    check_all(compute, cases)


# --------------------------------------------------------------------------
# laziness, threads, bad input


class CountTasks(Callback):
    """Counts the tasks dask's local schedulers start."""

    def __init__(self):
        super().__init__()
        self.tasks = 0

    def _pretask(self, key, dsk, state):
        self.tasks += 1


def _lazy_calls():
    v2 = da.random.default_rng(1).random((12, 10), chunks=(5, 3))
    q = da.random.default_rng(2).random(20, chunks=6)
    pts = da.random.default_rng(3).random((15, 3), chunks=(4, 3))
    xp = np.linspace(0.0, 1.0, 8)
    return [
        lambda: kn.gaussian_filter(v2, 2.0),
        lambda: kn.gaussian_filter1d(v2, 2.0, axis=0),
        lambda: kn.gaussian_laplace(v2, 1.0),
        lambda: kn.gaussian_gradient_magnitude(v2, 1.0),
        lambda: kk.gaussian_pool(v2, 3, mode="wrap"),
        lambda: ki.interp(q, xp, xp**2),
        lambda: ki.CubicSpline(xp, xp**2)(q),
        lambda: ki.interp1d(xp, xp**2)(q),
        lambda: ki.newton_eval(xp, xp, q),
        lambda: ki.NewtonInterpolator(xp, xp**2).derivatives(q),
        lambda: ki.KroghInterpolator(xp, xp**2).derivative(q),
        lambda: kk.rbf_kernel(pts),
        lambda: kk.sqeuclidean_distances(pts, pts[:7]),
        lambda: kk.gauss_transform(pts, pts[:, 0], pts[:5]),
        lambda: kk.periodic_gauss_transform(np.ones((4, 3)), np.ones(4), 0.4, pts),
    ]


def test_nothing_is_computed_before_compute():
    with CountTasks() as counter:
        results = [call() for call in _lazy_calls()]
        assert counter.tasks == 0
        for r in results:
            assert isinstance(r, da.Array)
        dask.compute(*results, scheduler="threads")
        assert counter.tasks > 0


def test_nothing_reaches_the_cluster_before_compute(cluster_client):
    def ntasks(dask_scheduler):
        return len(dask_scheduler.tasks)

    with dask.config.set(scheduler=cluster_client.get):
        results = [call() for call in _lazy_calls()]
        assert cluster_client.run_on_scheduler(ntasks) == 0
        futures = cluster_client.compute(results)
        cluster_client.gather(futures)
        assert cluster_client.run_on_scheduler(ntasks) > 0
        del futures


def test_one_thread_per_task_unless_workers_is_given(monkeypatch):
    # kernterp's workers default inside a task is 1 thread (a dask worker
    # already runs one task per thread); an explicit `workers` is obeyed
    from kernterp import _lookup, _ndimage, _pool, _rbf

    seen = []

    def spy(module, name, pos):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            # the tasks (on the scheduler's threads), not the argument
            # checks made when the graph is built
            if threading.current_thread() is not threading.main_thread():
                seen.append((name, args[pos]))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    spy(_ndimage, "correlate", 3)
    spy(_pool, "pool", 6)
    spy(_lookup, "interp", 8)
    spy(_rbf, "rbf", 6)
    v = da.ones((12, 10), chunks=5)
    q = da.linspace(0, 1, 20, chunks=6)
    xp = np.linspace(0.0, 1.0, 8)
    for workers, want in ((None, 1), (2, 2)):
        seen.clear()
        dask.compute(
            kn.gaussian_filter(v, 1.0, workers=workers),
            kk.gaussian_pool(v, 2, workers=workers),
            ki.interp(q, xp, xp, workers=workers),
            kk.rbf_kernel(v, workers=workers),
            scheduler="threads",
        )
        assert {name for name, _ in seen} == {"correlate", "pool", "interp", "rbf"}
        assert all(n == want for _, n in seen), seen


def _boom(block):
    raise AssertionError("a dask array was computed")


def test_bad_input_raises_before_computing():
    v = da.ones((8, 6), chunks=3).map_blocks(_boom, dtype=float)
    unknown = v[v[:, 0] > 0]  # NaN chunk sizes
    uq = unknown[:, 0]
    xp = np.linspace(0.0, 1.0, 5)
    for call in (
        lambda: kn.gaussian_filter(unknown, 1.0),
        lambda: kn.gaussian_filter1d(unknown, 1.0, axis=0),
        lambda: kk.gaussian_pool(unknown, 2),
        lambda: ki.interp(uq, xp, xp),
        lambda: ki.CubicSpline(xp, xp)(uq),
        lambda: ki.newton_eval(xp, xp, uq),
        lambda: kk.rbf_kernel(unknown),
        lambda: kk.gauss_transform(unknown, np.ones(8)),
        lambda: kk.periodic_gauss_transform(
            np.ones((3, 2)), np.ones(3), 0.5, unknown[:, :2]
        ),
    ):
        with pytest.raises(ValueError, match="unknown chunk sizes"):
            call()
    with pytest.raises(ValueError, match="same chunks"):
        kk.gauss_transform(v, da.ones(8, chunks=4))
    with pytest.raises(ValueError, match="weights must have shape"):
        kk.gauss_transform(v, np.ones(7))
    with pytest.raises(ValueError, match="Incompatible dimension"):
        kk.rbf_kernel(v, da.ones((3, 5), chunks=2))
    with pytest.raises(ValueError, match="Expected 2D array"):
        kk.sqeuclidean_distances(v[0])
    with pytest.raises(TypeError, match="out= must be None"):
        kk.rbf_kernel(v, out=np.empty((8, 8)))
    with pytest.raises(TypeError, match="output= must be None or a dtype"):
        kn.gaussian_filter(v, 1.0, output=np.empty((8, 6)))
    with pytest.raises(ValueError, match="size 7 is larger"):
        kk.gaussian_pool(v, 7)
    with pytest.raises(RuntimeError, match="boundary mode"):
        kk.gaussian_pool(v, 2, mode="bogus")
    with pytest.raises(TypeError, match="complex"):
        ki.newton_eval(xp, xp, v[:, 0].astype(complex))
    with pytest.raises(ValueError, match="below the interpolation range"):
        # (found where the values are: at compute)
        ki.interp1d(xp, xp)(da.zeros(4, chunks=2) - 5).compute(scheduler="sync")
    with pytest.raises(ValueError, match="sigma must be positive"):
        kk.periodic_gauss_transform(np.ones(3), np.ones(3), -1.0, v[:, 0])
