"""kernterp.kernels' rbf_kernel, sqeuclidean_distances and gauss_transform.

Oracles: scikit-learn's rbf_kernel / euclidean_distances(squared=True) (for
values, dtypes and exception types) and a float64 reference computed from
exact differences (x - y in float64 is exact for float32 data).
"""

from __future__ import annotations

import threading
import tracemalloc

import numpy as np
import pytest

from kernterp import kernels as kt

sk = pytest.importorskip("sklearn.metrics.pairwise")


def _ref_d2(X, Y=None):
    """Squared distances in float64 from exact differences (row blocks)."""
    X = np.asarray(X, dtype=np.float64)
    Y = X if Y is None else np.asarray(Y, dtype=np.float64)
    out = np.empty((X.shape[0], Y.shape[0]))
    for i0 in range(0, X.shape[0], 64):
        diff = X[i0 : i0 + 64, None, :] - Y[None, :, :]
        out[i0 : i0 + 64] = np.einsum("ijk,ijk->ij", diff, diff)
    return out


def _ref_k(X, Y=None, gamma=None, var=1.0):
    d = np.asarray(X).shape[1]
    g = 1.0 / d if gamma is None else gamma
    return var * np.exp(-g * _ref_d2(X, Y))


def _raised(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs), None
    except Exception as exc:  # noqa: BLE001 - the exception is the outcome
        return None, exc


RNG = np.random.default_rng(1234)


def _data(kind, n, d, dtype=np.float64, offset=0.0):
    if kind == "normal":
        a = RNG.normal(size=(n, d))
    elif kind == "dups":
        base = RNG.normal(size=(max(n // 3, 1), d))
        a = base[RNG.integers(0, base.shape[0], n)]
    elif kind == "clusters":  # tight clusters far apart
        centres = RNG.normal(scale=100.0, size=(3, d))
        a = centres[RNG.integers(0, 3, n)] + 1e-3 * RNG.normal(size=(n, d))
    else:
        raise ValueError(kind)
    return (a + offset).astype(dtype)


# --------------------------------------------------------------------------
# values against scikit-learn and the float64 reference

CASES = [
    ("normal", 40, 5, 0.0),
    ("normal", 1, 3, 0.0),
    ("normal", 17, 1, 0.0),
    ("normal", 70, 33, 100.0),
    ("dups", 50, 4, 0.0),
    ("dups", 45, 7, 1e4),
    ("clusters", 60, 6, 0.0),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("kind", "n", "d", "offset"), CASES)
@pytest.mark.parametrize("sym", [True, False])
def test_rbf_kernel_matches(dtype, kind, n, d, offset, sym):
    X = _data(kind, n, d, dtype, offset)
    Y = None if sym else _data(kind, n + 3, d, dtype, offset)
    gamma = 0.7 / d
    K = kt.rbf_kernel(X, Y, gamma, var=2.5)
    assert K.dtype == dtype
    assert K.shape == (n, n if sym else n + 3)
    ref = _ref_k(X, Y, gamma, 2.5)
    tol = 2.5 * (1e-6 if dtype == np.float32 else 1e-13)
    assert np.abs(K - ref).max() <= tol
    S = sk.rbf_kernel(X, Y, gamma=gamma) * 2.5
    assert S.dtype == K.dtype
    # scikit-learn does not centre: its float64 expansion loses ~eps * |x|^2
    big = float(np.max(np.sum(np.asarray(X, np.float64) ** 2, axis=1)))
    sk_err = 2.5 * 100 * np.finfo(np.float64).eps * (big + 1) * gamma
    assert np.abs(K - S).max() <= 2 * tol + sk_err
    if sym:
        assert np.array_equal(K, K.T)
        assert np.all(np.diag(K) == np.asarray(2.5, dtype))
    # identical rows give exactly var, anywhere
    Yr = X if sym else Y
    same = np.all(X[:, None, :] == Yr[None, :, :], axis=2)
    assert np.all(K[same] == np.asarray(2.5, dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("kind", "n", "d", "offset"), CASES)
@pytest.mark.parametrize("sym", [True, False])
def test_sqeuclidean_matches(dtype, kind, n, d, offset, sym):
    X = _data(kind, n, d, dtype, offset)
    Y = None if sym else _data(kind, n + 2, d, dtype, offset)
    D = kt.sqeuclidean_distances(X, Y)
    assert D.dtype == dtype
    ref = _ref_d2(X, Y)
    eps = np.finfo(dtype).eps
    # relative to each entry (near pairs included), plus the expansion's
    # rounding relative to the centred norms for far pairs
    scale = ref.max()
    assert np.all(np.abs(D - ref) <= 64 * eps * ref + 8 * eps * scale * 1e-3 + 1e-300)
    assert D.min() >= 0
    Yr = X if sym else Y
    same = np.all(X[:, None, :] == Yr[None, :, :], axis=2)
    assert np.all(D[same] == 0)
    S = sk.euclidean_distances(X, Y, squared=True)
    assert S.dtype == D.dtype
    np.testing.assert_allclose(
        D, S, rtol=1e-4 if dtype == np.float32 else 1e-9, atol=1e-5 * scale
    )


def test_accuracy_offset_float32():
    """Issue 4: 2000x32 float32, offset 1000, spread 1: |K - K64| <= 1e-6 var."""
    rng = np.random.default_rng(0)
    X = (1000.0 + rng.normal(size=(2000, 32))).astype(np.float32)
    var = 3.0
    K = kt.rbf_kernel(X, var=var)
    ref = _ref_k(X, None, None, var)
    assert np.abs(K - ref).max() <= 1e-6 * var
    assert np.all(np.diag(K) == np.float32(var))
    # the plain float32 expansion is far off here (what the centring fixes)
    n2 = np.einsum("ij,ij->i", X, X)
    naive = np.exp(-(n2[:, None] + n2[None, :] - 2 * (X @ X.T)) / 32)
    assert np.abs(naive - ref / var).max() > 0.1


def test_layouts_and_dtypes():
    X = RNG.normal(size=(30, 6))
    Y = RNG.normal(size=(20, 6))
    ref = sk.rbf_kernel(X, Y, gamma=0.3)
    for xa in (np.asfortranarray(X), X[::-1][::-1], np.repeat(X, 2, axis=1)[:, ::2]):
        np.testing.assert_allclose(kt.rbf_kernel(xa, Y, 0.3), ref, rtol=1e-13)
    # negative strides
    np.testing.assert_allclose(
        kt.rbf_kernel(X[::-1], Y[:, ::-1], 0.3),
        sk.rbf_kernel(X[::-1], Y[:, ::-1], gamma=0.3),
        rtol=1e-13,
    )
    # byte-swapped
    np.testing.assert_allclose(kt.rbf_kernel(X.astype(">f8"), Y, 0.3), ref, rtol=1e-13)
    # int, bool, float16, lists, mixed float32/float64: as scikit-learn
    Xi = RNG.integers(-3, 4, size=(6, 3))
    for a, b in [
        (Xi, None),
        (Xi > 0, None),
        (Xi.astype(np.float16), None),
        (Xi.tolist(), None),
        (Xi.astype(np.float32), Xi.astype(np.float64)),
        (Xi.astype(np.float32), Xi.astype(np.float32)),
    ]:
        got = kt.rbf_kernel(a, b, 0.2)
        want = sk.rbf_kernel(a, b, gamma=0.2)
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=1e-6)
        got = kt.sqeuclidean_distances(a, b)
        want = sk.euclidean_distances(a, b, squared=True)
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_gamma_var_edges():
    X = RNG.normal(size=(9, 4)).astype(np.float32)
    assert np.all(kt.rbf_kernel(X, gamma=0) == 1)
    assert np.all(kt.rbf_kernel(X, gamma=0.5, var=0) == 0)
    big = kt.rbf_kernel(X, gamma=1e6)
    assert np.all(np.diag(big) == 1)
    assert np.all(big[~np.eye(9, dtype=bool)] == 0)  # underflows to 0
    np.testing.assert_allclose(kt.rbf_kernel(X), sk.rbf_kernel(X), rtol=1e-6)
    np.testing.assert_allclose(
        kt.rbf_kernel(X, gamma=2), sk.rbf_kernel(X, gamma=2), rtol=1e-5, atol=1e-30
    )


def test_inputs_not_modified_and_out():
    X = RNG.normal(size=(12, 5)).astype(np.float32)
    Y = RNG.normal(size=(7, 5)).astype(np.float32)
    Xc, Yc = X.copy(), Y.copy()
    out = np.full((12, 7), np.nan, np.float32)
    res = kt.rbf_kernel(X, Y, 0.2, var=2.0, out=out)
    assert res is out
    assert np.array_equal(X, Xc) and np.array_equal(Y, Yc)
    assert np.array_equal(out, kt.rbf_kernel(X, Y, 0.2, var=2.0))
    out2 = np.empty((12, 12), np.float32)
    assert kt.sqeuclidean_distances(X, out=out2) is out2


def test_workers_and_threads():
    X = RNG.normal(size=(333, 20)).astype(np.float32)
    Y = RNG.normal(size=(150, 20)).astype(np.float32)
    w = RNG.normal(size=(333, 2)).astype(np.float32)
    w3 = RNG.normal(size=(333, 2)).astype(np.float32)
    X3 = X[:, :3].copy()
    fns = [
        lambda wk: kt.rbf_kernel(X, workers=wk),
        lambda wk: kt.rbf_kernel(X, Y, workers=wk),
        lambda wk: kt.sqeuclidean_distances(X, Y, workers=wk),
        lambda wk: kt.gauss_transform(X, w, Y, workers=wk),
        lambda wk: kt.gauss_transform(X3, w3, workers=wk),
    ]
    refs = [f(1) for f in fns]
    for f, r in zip(fns, refs, strict=True):
        for wk in (2, 3, -1, None):
            assert np.array_equal(f(wk), r)
    results = [None] * 8

    def run(t):
        results[t] = [f(2) for f in fns]

    threads = [threading.Thread(target=run, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for res in results:
        for a, r in zip(res, refs, strict=True):
            assert np.array_equal(a, r)


# --------------------------------------------------------------------------
# bad input: scikit-learn's exception types


def _bad_cases():
    X = RNG.normal(size=(4, 3))
    Xn = X.copy()
    Xn[1, 2] = np.nan
    Xi = X.copy()
    Xi[0, 0] = np.inf
    return [
        ((X, X[:, :2]), {}),
        ((X[0],), {}),
        ((X[None],), {}),
        ((Xn,), {}),
        ((Xi,), {}),
        ((X, Xn), {}),
        ((np.empty((0, 3)),), {}),
        ((np.empty((3, 0)),), {}),
        ((X, np.empty((0, 3))), {}),
        ((X.astype(complex),), {}),
        (([["a", "b"]],), {}),
        ((X,), {"gamma": -1.0}),
        ((X,), {"gamma": np.nan}),
        ((X,), {"gamma": np.inf}),
        ((X,), {"gamma": "a"}),
    ]


@pytest.mark.parametrize(("args", "kw"), _bad_cases())
def test_bad_input_rbf(args, kw):
    _, want = _raised(sk.rbf_kernel, *args, **kw)
    _, got = _raised(kt.rbf_kernel, *args, **kw)
    assert want is not None
    assert got is not None, f"kernterp accepted what scikit-learn rejects: {want!r}"
    # the same base types (scikit-learn's InvalidParameterError is both)
    for base in (ValueError, TypeError):
        assert isinstance(got, base) == isinstance(want, base), (got, want)
    # the finite / shape messages are scikit-learn's
    for key in (
        "NaN",
        "infinity",
        "Incompatible dimension",
        "Expected 2D",
        "0 sample",
        "0 feature",
        "dim 3",
    ):
        if key in str(want):
            assert key in str(got)


@pytest.mark.parametrize(
    ("args", "kw"), [c for c in _bad_cases() if "gamma" not in c[1]]
)
def test_bad_input_sqeuclidean(args, kw):
    _, want = _raised(sk.euclidean_distances, *args, squared=True)
    _, got = _raised(kt.sqeuclidean_distances, *args)
    assert want is not None and got is not None
    assert isinstance(got, type(want)) or isinstance(got, ValueError)


def test_bad_out_and_var():
    X = RNG.normal(size=(5, 2))
    for out in (
        np.empty((5, 4)),
        np.empty((5, 5), np.float32),
        np.empty((5, 5), order="F")[:, :],
        np.empty((5, 10))[:, ::2],
        [[0.0] * 5] * 5,
    ):
        if (
            isinstance(out, np.ndarray)
            and out.flags.c_contiguous
            and out.shape == (5, 5)
        ):
            if out.dtype == np.float64:
                continue
        with pytest.raises(ValueError):
            kt.rbf_kernel(X, out=out)
    ro = np.empty((5, 5))
    ro.flags.writeable = False
    with pytest.raises(ValueError):
        kt.rbf_kernel(X, out=ro)
    with pytest.raises(ValueError):
        kt.rbf_kernel(X, var=np.inf)
    with pytest.raises(TypeError):
        kt.rbf_kernel(X, var="x")
    with pytest.raises(ValueError):
        kt.rbf_kernel(X, workers=0)


def test_fortran_out_rejected():
    X = RNG.normal(size=(5, 2))
    with pytest.raises(ValueError, match="C-contiguous"):
        kt.rbf_kernel(X, out=np.empty((5, 5), order="F").T.T[:, ::-1])


# --------------------------------------------------------------------------
# gauss_transform


@pytest.mark.parametrize("d", [1, 3, 16, 17, 40])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gauss_transform_matches(d, dtype):
    n, m = 301, 157
    X = RNG.normal(size=(n, d)).astype(dtype) + 50
    Y = RNG.normal(size=(m, d)).astype(dtype) + 50
    w = RNG.normal(size=n).astype(dtype)
    W = RNG.normal(size=(n, 3)).astype(dtype)
    gamma = 0.5 / d
    for yy in (Y, None):
        Kref = _ref_k(X if yy is None else yy, X, gamma, 1.7)
        got = kt.gauss_transform(X, w, yy, gamma=gamma, var=1.7)
        assert got.dtype == dtype and got.shape == (m if yy is not None else n,)
        ref = Kref @ w.astype(np.float64)
        tol = (3e-6 if dtype == np.float32 else 1e-12) * (np.abs(Kref) @ np.abs(w))
        assert np.all(np.abs(got - ref) <= tol + 1e-30)
        got = kt.gauss_transform(X, W, yy, gamma=gamma, var=1.7)
        assert got.shape == (ref.shape[0], 3)
        ref = Kref @ W.astype(np.float64)
        tol = (3e-6 if dtype == np.float32 else 1e-12) * (np.abs(Kref) @ np.abs(W))
        assert np.all(np.abs(got - ref) <= tol + 1e-30)


def test_gauss_transform_dtypes_and_errors():
    X = RNG.normal(size=(20, 3)).astype(np.float32)
    w32 = RNG.normal(size=20).astype(np.float32)
    assert kt.gauss_transform(X, w32).dtype == np.float32
    assert kt.gauss_transform(X, w32.astype(np.float64)).dtype == np.float64
    assert kt.gauss_transform(X.astype(int), w32).dtype == np.float64
    assert kt.gauss_transform(X, np.empty((20, 0), np.float32)).shape == (20, 0)
    np.testing.assert_allclose(
        kt.gauss_transform(X, w32.tolist(), gamma=0.1),
        sk.rbf_kernel(X.astype(float), gamma=0.1) @ w32.astype(float),
        rtol=1e-5,
    )
    with pytest.raises(ValueError):
        kt.gauss_transform(X, w32[:5])
    with pytest.raises(ValueError):
        kt.gauss_transform(X, w32[:, None, None])
    with pytest.raises(ValueError):
        kt.gauss_transform(X, w32, X[:, :2])
    Xn = X.copy()
    Xn[0, 0] = np.nan
    with pytest.raises(ValueError):
        kt.gauss_transform(Xn, w32)
    with pytest.raises(ValueError):
        kt.gauss_transform(X, w32, gamma=-1)
    with pytest.raises(ValueError):
        kt.gauss_transform(np.empty((0, 3)), [])


@pytest.mark.parametrize("d", [3, 24])
def test_gauss_transform_memory(d):
    """O(n) memory: n = m = 30000 would need 3.6 GB for K; the peak traced
    allocation stays at a few copies of the inputs."""
    n = 30000 if d == 3 else 6000
    X = RNG.random((n, d)).astype(np.float32)
    w = RNG.random(n).astype(np.float32)
    tracemalloc.start()
    try:
        kt.gauss_transform(X, w, gamma=100.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    inputs = X.nbytes + w.nbytes
    assert peak < 4 * inputs + 32 * 128 * 256 * 4 + (1 << 16)


def test_rbf_kernel_memory():
    """The output plus O((n + m) d) scratch: no output-sized temporaries."""
    X = RNG.random((1500, 8)).astype(np.float32)
    out = np.empty((1500, 1500), np.float32)
    tracemalloc.start()
    try:
        kt.rbf_kernel(X, out=out)
        kt.sqeuclidean_distances(X, X[:700], out=out[:, :700].copy())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the .copy() above is 1500x700 floats (4.2 MB); K would be 9 MB
    assert peak < 1500 * 700 * 4 + 4 * X.nbytes + (1 << 16)


def test_sparse_input_densified():
    sparse = pytest.importorskip("scipy.sparse")
    S = sparse.random(40, 12, density=0.3, random_state=0, format="csr")
    np.testing.assert_allclose(kt.rbf_kernel(S), sk.rbf_kernel(S), rtol=1e-13)
    np.testing.assert_allclose(
        kt.sqeuclidean_distances(S, S[:7]),
        sk.euclidean_distances(S, S[:7], squared=True),
        rtol=1e-12,
        atol=1e-13,
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_identical_rows_in_separate_arrays(dtype):
    """Y a copy of X (not X itself): the general path still gives exactly var
    and 0 for identical rows, at an offset where the expansion cancels."""
    X = (1e3 + RNG.normal(size=(90, 17))).astype(dtype)
    Y = X[::-1].copy()
    K = kt.rbf_kernel(X, Y, var=4.0)
    D = kt.sqeuclidean_distances(X, Y)
    anti = np.fliplr(np.eye(90, dtype=bool))
    assert np.all(K[anti] == dtype(4.0)) and np.all(D[anti] == 0)
    Ks = kt.rbf_kernel(X, var=4.0)
    assert np.abs(K - Ks[:, ::-1]).max() <= 4.0 * (
        1e-6 if dtype == np.float32 else 1e-13
    )


@pytest.mark.parametrize(
    "gamma",
    [
        np.array(0.5),
        np.array([0.5]),
        np.array([[0.25]]),
        True,
        np.float32(0.5),
        np.array(-0.1),  # scikit-learn does not check arrays
        np.full(6, 0.5),  # broadcast along the columns
        np.linspace(0.1, 1.0, 6)[:, None],
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gamma_forms_as_sklearn(gamma, dtype):
    # scikit-learn's PairwiseKernel passes gamma=array([1.]) to rbf_kernel
    X = RNG.normal(size=(6, 3)).astype(dtype)
    want = sk.rbf_kernel(X, gamma=gamma)
    got = kt.rbf_kernel(X, gamma=gamma)
    assert got.dtype == want.dtype and got.shape == want.shape
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol)


@pytest.mark.parametrize(
    "gamma", [np.array([0.5, 0.2]), np.ones((1, 1, 1)), np.ones((6, 6, 2))]
)
def test_gamma_arrays_that_do_not_broadcast(gamma):
    X = RNG.normal(size=(6, 3))
    with pytest.raises(ValueError) as want:
        sk.rbf_kernel(X, gamma=gamma)
    with pytest.raises(ValueError) as got:
        kt.rbf_kernel(X, gamma=gamma)
    assert str(got.value) == str(want.value)


def test_bad_gamma_raises_sklearns_class():
    from sklearn.utils._param_validation import InvalidParameterError

    X = RNG.normal(size=(4, 2))
    for gamma in (-1.0, "a", np.inf, [0.5]):
        with pytest.raises(InvalidParameterError, match="'gamma' parameter of rbf"):
            kt.rbf_kernel(X, gamma=gamma)
    with pytest.raises(InvalidParameterError, match="gauss_transform"):
        kt.gauss_transform(X, np.ones(4), gamma=np.ones(3))
    # a size-1 array is its value in the Gauss transform too
    np.testing.assert_allclose(
        kt.gauss_transform(X, np.ones(4), gamma=np.array([0.5])),
        kt.gauss_transform(X, np.ones(4), gamma=0.5),
        rtol=0,
        atol=0,
    )
