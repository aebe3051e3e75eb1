"""Newton interpolation (kernterp.interpolate): oracles are mpmath / exact
rationals, numpy.polynomial, and scipy.interpolate.KroghInterpolator."""

import threading
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.interpolate as si

from kernterp import interpolate as ki

RNG = np.random.default_rng(1234)


def cheb(n):
    return np.cos((2 * np.arange(n) + 1) * np.pi / (2 * n))


def runge(x):
    return 1.0 / (1.0 + 25.0 * x * x)


def exact_coeffs(x, y):
    """Divided differences of the float data in exact rational arithmetic."""
    xs = [Fraction(float(v)) for v in x]
    a = [Fraction(float(v)) for v in y]
    n = len(a)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            a[i] = (a[i] - a[i - 1]) / (xs[i] - xs[i - j])
    return a


def exact_eval(a, x, t):
    t = Fraction(float(t))
    p = a[-1]
    for k in range(len(a) - 2, -1, -1):
        p = a[k] + (t - Fraction(float(x[k]))) * p
    return p


# --------------------------------------------------------------------------
# the course example: 11 equispaced nodes of exp(-x^2) on [-3, 3]

XC = np.linspace(-3.0, 3.0, 11)
YC = np.exp(-(XC**2))


def kiusalaas_coeffts(xData, yData):  # noqa: N803  the course module, verbatim logic
    m = len(xData)
    a = yData.copy()
    for k in range(1, m):
        a[k:m] = (a[k:m] - a[k - 1]) / (xData[k:m] - xData[k - 1])
    return a


def kiusalaas_evalPoly(a, xData, x):  # noqa: N802, N803
    n = len(xData) - 1
    p = a[n]
    for k in range(1, n + 1):
        p = a[n - k] + (x - xData[n - k]) * p
    return p


def test_course_example_coefficients_exact():
    a = ki.newton_coeffs(XC, YC)
    ex = exact_coeffs(XC, YC)
    for got, want in zip(a, ex, strict=True):
        assert abs(Fraction(float(got)) - want) <= 1e-14 * max(abs(want), Fraction(1))
    # the course module's table (a different order of operations)
    np.testing.assert_allclose(a, kiusalaas_coeffts(XC, YC), rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(ki.coeffts(XC, YC), a)


def test_course_example_values():
    a = ki.newton_coeffs(XC, YC)
    ex = exact_coeffs(XC, YC)
    t = np.linspace(-3, 3, 41)
    got = ki.newton_eval(a, XC, t)
    want = np.array([float(exact_eval(ex, XC, v)) for v in t])
    # the course's (sorted) order: rounding grows towards the last nodes
    np.testing.assert_allclose(got, want, rtol=0, atol=5e-14)
    np.testing.assert_array_equal(ki.evalPoly(a, XC, t), got)
    # the course module's own functions give the same to rounding
    np.testing.assert_allclose(
        kiusalaas_evalPoly(kiusalaas_coeffts(XC, YC), XC, t), want, atol=1e-14
    )
    # the nodes are reproduced, and a regression of a few values
    np.testing.assert_allclose(ki.newton_eval(a, XC, XC), YC, rtol=0, atol=1e-14)
    reg = ki.evalPoly(a, XC, np.array([-2.7, -0.5, 0.0, 1.3, 2.95]))
    np.testing.assert_allclose(
        reg,
        [float(exact_eval(ex, XC, v)) for v in (-2.7, -0.5, 0.0, 1.3, 2.95)],
        rtol=1e-13,
    )
    np.testing.assert_allclose(
        reg,
        [
            0.16778506801066695,
            0.7794200477358775,
            1.0,
            0.18719027628628443,
            0.1194521505294951,
        ],
        rtol=1e-7,
    )


def test_course_aliases_scalar_and_lists():
    a = ki.coeffts(XC, YC)
    v = ki.evalPoly(a, XC, 0.3)
    assert isinstance(v, np.float64)
    assert v == pytest.approx(kiusalaas_evalPoly(a, XC, 0.3), rel=1e-14)
    assert ki.evalPoly(list(a), list(XC), [0.3])[0] == v


# --------------------------------------------------------------------------
# numpy.polynomial as oracle


@pytest.mark.parametrize("deg", [0, 1, 4, 9])
def test_polynomials_reproduced(deg):
    c = RNG.normal(size=deg + 1)
    P = np.polynomial.Polynomial(c)
    x = RNG.uniform(-1, 1, deg + 1)
    a = ki.newton_coeffs(x, P(x))
    t = np.linspace(-1, 1, 17)
    np.testing.assert_allclose(ki.newton_eval(a, x, t), P(t), atol=1e-9)
    for der in range(0, deg + 3):
        want = P.deriv(der)(t) if der <= deg else np.zeros_like(t)
        got = ki.newton_eval(a, x, t, der=der)
        np.testing.assert_allclose(got, want, atol=1e-7 * (1 + np.abs(want).max()))
    p = ki.NewtonInterpolator(x, P(x))
    np.testing.assert_allclose(p.derivative(t, 1), P.deriv(1)(t), atol=1e-7)
    d = p.derivatives(t, deg + 2)
    assert d.shape == (deg + 2, t.size)
    np.testing.assert_allclose(d[0], P(t), atol=1e-9)


# --------------------------------------------------------------------------
# stability: Leja order vs sorted order (Runge at 81 Chebyshev nodes)


def test_runge_leja_accurate_sorted_not():
    n = 81
    x = cheb(n)
    y = runge(x)
    t = np.linspace(-1, 1, 61)
    mpmath.mp.dps = 40
    X = [mpmath.mpf(float(v)) for v in x]
    Y = [mpmath.mpf(float(v)) for v in y]
    w = []
    for j in range(n):
        p = mpmath.mpf(1)
        for k in range(n):
            if k != j:
                p *= X[j] - X[k]
        w.append(1 / p)

    def bary(s):
        s = mpmath.mpf(float(s))
        num = den = mpmath.mpf(0)
        for j in range(n):
            if s == X[j]:
                return Y[j]
            c = w[j] / (s - X[j])
            num += c * Y[j]
            den += c
        return num / den

    ref = np.array([float(bary(s)) for s in t])
    leja = ki.NewtonInterpolator(x, y)
    err_leja = np.abs(leja(t) - ref).max()
    with pytest.warns(UserWarning, match="order='leja'"):
        srt = ki.NewtonInterpolator(x, y, order="sorted")
    err_sorted = np.abs(srt(t) - ref).max()
    assert err_leja < 1e-12
    assert err_sorted > 1e4 * err_leja and err_sorted > 1e-3
    # float32 points: float32 accuracy
    got32 = leja(t.astype(np.float32))
    assert got32.dtype == np.float32
    assert np.abs(got32 - ref).max() < 1e-4


def test_leja_order_properties():
    x = RNG.uniform(-2, 3, 40)
    idx = ki.leja_order(x)
    assert sorted(idx) == list(range(40))
    assert idx[0] == np.argmax(np.abs(x))
    # greedy maximum of the product of distances (brute force in log space)
    chosen = [idx[0]]
    for s in range(1, 40):
        rest = [i for i in range(40) if i not in chosen]
        score = [np.sum(np.log(np.abs(x[i] - x[chosen]))) for i in rest]
        assert idx[s] == rest[int(np.argmax(score))]
        chosen.append(idx[s])
    assert ki.leja_order([-1.0, -0.5, 0.0, 0.5, 1.0]).tolist() == [0, 4, 2, 1, 3]
    assert ki.leja_order([2.0, 1.0, 2.0]).tolist() == [0, 1, 2]
    assert ki.leja_order([]).tolist() == []
    # many nodes: no overflow/underflow of the products
    big = ki.leja_order(np.linspace(-1e3, 1e3, 3001))
    assert len(set(big.tolist())) == 3001
    with pytest.raises(ValueError):
        ki.leja_order([0.0, np.nan])


# --------------------------------------------------------------------------
# shapes, dtypes, axes


@pytest.mark.parametrize("xq_shape", [(), (0,), (7,), (3, 4), (2, 0, 3)])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_shapes_axis_match_scipy(xq_shape, axis):
    x = np.array([-1.0, -0.2, 0.4, 1.0])
    shape = [3, 2]
    shape.insert(axis if axis >= 0 else 2, 4)
    y = RNG.normal(size=shape)
    xq = RNG.uniform(-1, 1, xq_shape)
    ref = si.KroghInterpolator(x, y, axis=axis)
    p = ki.NewtonInterpolator(x, y, axis=axis, order="given")
    k = ki.KroghInterpolator(x, y, axis=axis)
    for got in (p(xq), k(xq)):
        want = ref(xq)
        assert got.shape == want.shape and got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    a = ki.newton_coeffs(x, y, axis=axis)
    assert a.shape == y.shape
    ev = ki.newton_eval(a, x, xq, axis=axis)
    np.testing.assert_allclose(ev, ref(xq), rtol=1e-12, atol=1e-12)
    d = ref.derivatives(xq, 3)
    np.testing.assert_allclose(k.derivatives(xq, 3), d, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(p.derivatives(xq, 3), d, rtol=1e-11, atol=1e-11)
    np.testing.assert_allclose(
        ki.newton_eval(a, x, xq, der=2, axis=axis), d[2], rtol=1e-11, atol=1e-11
    )


def test_float32_and_other_point_types():
    x = cheb(12)
    x = x[ki.leja_order(x)]
    a = ki.newton_coeffs(x, runge(x))
    t = np.linspace(-1, 1, 101)
    ref = ki.newton_eval(a, x, t)
    for dt in (np.float32, np.float16):
        got = ki.newton_eval(a, x, t.astype(dt))
        assert got.dtype == np.float32
        np.testing.assert_allclose(
            got, ki.newton_eval(a, x, t.astype(dt).astype(float)), atol=2e-5
        )
    ti = np.arange(-1, 2)
    assert ki.newton_eval(a, x, ti).dtype == np.float64
    # strided, negative-stride, byte-swapped, Fortran views give the same
    np.testing.assert_array_equal(ki.newton_eval(a, x, t[::-3]), ref[::-3])
    np.testing.assert_array_equal(ki.newton_eval(a, x, t.astype(">f8")), ref)
    t2 = np.asfortranarray(t[:100].reshape(10, 10))
    np.testing.assert_array_equal(ki.newton_eval(a, x, t2), ref[:100].reshape(10, 10))
    # derivatives in float32
    d32 = ki.newton_eval(a, x, t.astype(np.float32), der=1)
    d64 = ki.newton_eval(a, x, t, der=1)
    assert d32.dtype == np.float32
    np.testing.assert_allclose(d32, d64, atol=1e-3 * np.abs(d64).max())


def test_inputs_not_modified_and_nan_propagates():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([1.0, np.nan, 2.0, 3.0])
    xc, yc = x.copy(), y.copy()
    a = ki.newton_coeffs(x, y)
    assert np.isnan(a[1:]).all() and a[0] == 1.0
    np.testing.assert_array_equal(x, xc)
    np.testing.assert_array_equal(y, yc)
    y2 = np.array([1.0, np.inf, 2.0, 3.0])
    assert not np.isfinite(ki.NewtonInterpolator(x, y2, order="given")(0.5))
    t = np.linspace(0, 3, 5)
    tc = t.copy()
    ki.KroghInterpolator(x, yc)(t)
    np.testing.assert_array_equal(t, tc)


def test_complex_values():
    x = np.array([-1.0, 0.0, 0.5, 2.0])
    y = RNG.normal(size=4) + 1j * RNG.normal(size=4)
    t = np.linspace(-1, 2, 9)
    ref = si.KroghInterpolator(x, y)
    k = ki.KroghInterpolator(x, y)
    # numpy's complex division may differ from real division in the last bit
    np.testing.assert_allclose(k.c, ref.c, rtol=1e-15, atol=0)
    assert k(t).dtype == np.complex128
    np.testing.assert_allclose(k(t), ref(t), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(
        k.derivatives(t), ref.derivatives(t), rtol=1e-12, atol=1e-12
    )
    p = ki.NewtonInterpolator(x, y)
    np.testing.assert_allclose(p(t), ref(t), rtol=1e-13, atol=1e-13)
    a = ki.newton_coeffs(x, y)
    assert a.dtype == np.complex128
    np.testing.assert_allclose(ki.newton_eval(a, x, t), ref(t), rtol=1e-13, atol=1e-13)


# --------------------------------------------------------------------------
# KroghInterpolator against scipy's


@pytest.mark.parametrize(
    "xi",
    [
        [0.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 1.0, 2.0],
        [-1.0, 0.0, 0.0, 0.0, 0.5, 2.0, 2.0],
        [3, 1, 2, 5],
        [1.5],
    ],
)
def test_krogh_matches_scipy(xi):
    yi = RNG.normal(size=(len(xi), 2))
    t = np.linspace(-1.5, 2.5, 23)
    ref = si.KroghInterpolator(xi, yi)
    k = ki.KroghInterpolator(xi, yi)
    np.testing.assert_array_equal(k.c, ref.c)  # the same recurrence, bit for bit
    assert k.n == ref.n and k.r == ref.r and k.dtype == ref.dtype
    np.testing.assert_array_equal(k.xi, ref.xi)
    np.testing.assert_array_equal(k.yi, ref.yi)
    scale = 1 + np.abs(ref(t)).max()
    np.testing.assert_allclose(k(t), ref(t), rtol=1e-12, atol=1e-12 * scale)
    for der in (0, 1, 2, len(xi), len(xi) + 2):
        want = ref.derivative(t, der)
        np.testing.assert_allclose(
            k.derivative(t, der), want, rtol=1e-10, atol=1e-10 * scale
        )
    for der in (None, 1, 2, len(xi) + 3, -1):
        want = ref.derivatives(t, der)
        got = k.derivatives(t, der)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-9 * scale)
    got = ki.krogh_interpolate(xi, yi, t, der=[0, 2])
    np.testing.assert_allclose(
        got, si.krogh_interpolate(xi, yi, t, der=[0, 2]), rtol=1e-10, atol=1e-9 * scale
    )
    np.testing.assert_allclose(
        ki.krogh_interpolate(xi, yi[:, 0], 0.3, der=1),
        si.krogh_interpolate(xi, yi[:, 0], 0.3, der=1),
        rtol=1e-10,
    )


def test_krogh_scalar_and_high_degree_warning():
    ref = si.KroghInterpolator([0, 1, 2], [1, 2, 4])
    k = ki.KroghInterpolator([0, 1, 2], [1, 2, 4])
    assert k(0.5).shape == ref(0.5).shape == ()
    assert k(np.float32(0.5)).dtype == np.float64
    k1 = ki.KroghInterpolator([0.0], [3.0])
    assert k1(2.0) == si.KroghInterpolator([0.0], [3.0])(2.0) == 3.0
    x = cheb(31)
    with pytest.warns(UserWarning):
        ki.KroghInterpolator(x, runge(x))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ki.KroghInterpolator(x[:30], runge(x[:30]))
        ki.NewtonInterpolator(x, runge(x))  # Leja: no warning
    with pytest.warns(UserWarning):
        ki.NewtonInterpolator(x, runge(x), order="given")


def test_krogh_delegates_unusual_types():
    xi = np.array([0, 1, 2], dtype=np.longdouble)
    ref = si.KroghInterpolator(xi, [1.0, 2.0, 4.0])
    k = ki.KroghInterpolator(xi, [1.0, 2.0, 4.0])
    assert k(np.longdouble(0.5)).dtype == ref(np.longdouble(0.5)).dtype
    k2 = ki.KroghInterpolator([0, 1, 2], [1.0, 2.0, 4.0j])
    np.testing.assert_allclose(
        k2(np.array([0.5 + 0.5j])),
        si.KroghInterpolator([0, 1, 2], [1.0, 2.0, 4.0j])(np.array([0.5 + 0.5j])),
    )


# --------------------------------------------------------------------------
# NewtonInterpolator and add_points


def test_add_points_equals_rebuild():
    x = RNG.permutation(cheb(60))
    y = np.stack([runge(x), np.sin(3 * x)], axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = ki.NewtonInterpolator(x, y, order="given")
        p = ki.NewtonInterpolator(x[:20], y[:20], order="given")
    p.add_points(x[20:25], y[20:25])
    p.add_points(x[25], y[25])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p.add_points(x[26:], y[26:])
    # the same operations as the full table: bit for bit
    np.testing.assert_array_equal(p.coefficients, full.coefficients)
    np.testing.assert_array_equal(p.nodes, full.nodes)
    np.testing.assert_array_equal(p._diag, full._diag)
    t = np.linspace(-1, 1, 11)
    np.testing.assert_array_equal(p(t), full(t))


def test_add_points_leja_appends_and_axis():
    x = cheb(9)
    y = np.stack([runge(x), x**2], axis=0)  # axis=1 holds the nodes
    p = ki.NewtonInterpolator(x[:6], y[:, :6], axis=1)
    assert p.order == "leja"
    np.testing.assert_array_equal(p.nodes, x[:6][ki.leja_order(x[:6])])
    p.add_points(x[6:], y[:, 6:])
    np.testing.assert_array_equal(p.nodes[6:], x[6:])
    np.testing.assert_array_equal(
        np.sort(np.concatenate([x[:6], x[6:]])[p.permutation]), np.sort(x)
    )
    t = np.linspace(-1, 1, 7)
    np.testing.assert_allclose(p(t), si.KroghInterpolator(x, y, axis=1)(t), atol=1e-12)
    assert p.coefficients.shape == (2, 9)
    with pytest.raises(ValueError, match="distinct"):
        p.add_points([x[0]], y[:, :1])
    with pytest.raises(ValueError):
        p.add_points([np.nan], y[:, :1])
    with pytest.raises(ValueError):
        p.add_points([0.123], y[:1, :1])


# --------------------------------------------------------------------------
# threads


def test_threads_and_workers_bitwise():
    x = cheb(30)
    x = x[ki.leja_order(x)]
    a = ki.newton_coeffs(x, runge(x))
    t = RNG.uniform(-1, 1, 200_001)
    one = ki.newton_eval(a, x, t, workers=1)
    np.testing.assert_array_equal(ki.newton_eval(a, x, t, workers=2), one)
    np.testing.assert_array_equal(ki.newton_eval(a, x, t, workers=7), one)
    d1 = ki.newton_eval(a, x, t[:50_001], der=2, workers=1)
    np.testing.assert_array_equal(
        ki.newton_eval(a, x, t[:50_001], der=2, workers=3), d1
    )
    results = [None] * 6
    k = ki.KroghInterpolator(x, runge(x)) if len(x) <= 30 else None

    def run(i):
        if i % 2:
            results[i] = ki.newton_eval(a, x, t, workers=2)
        else:
            results[i] = k(t)

    ths = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    kref = k(t)
    for i, r in enumerate(results):
        np.testing.assert_array_equal(r, one if i % 2 else kref)


# --------------------------------------------------------------------------
# bad inputs: the exception types of scipy's KroghInterpolator


def _both_raise(exc, *args, call=None):
    for K in (si.KroghInterpolator, ki.KroghInterpolator):
        with pytest.raises(exc):
            obj = K(*args)
            if call is not None:
                call(obj)


def test_bad_inputs_krogh_like_scipy():
    _both_raise(ValueError, [0, 1, 2], [1, 2])  # mismatched lengths
    _both_raise(ValueError, [], [])  # no node
    _both_raise(ValueError, [0, np.nan, 2], [1, 2, 3])  # NaN node
    _both_raise(ValueError, [0, 1, 0], [1, 2, 3])  # non-consecutive repeat
    _both_raise(TypeError, 0, 3)  # scalar xi
    k = [0, 1, 2], [1, 2, 3]
    _both_raise(ValueError, *k, call=lambda o: o(np.array(["a"])))
    _both_raise(ValueError, *k, call=lambda o: o(np.array([1], dtype=object)))
    _both_raise(TypeError, *k, call=lambda o: o(np.array([1 + 1j])))
    _both_raise(IndexError, *k, call=lambda o: o.derivative(0.5, -1))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("xi", [[0, np.inf, 2], [np.nan, 1.0], [0.0, 1.0, np.inf]])
def test_krogh_nodes_not_finite_as_scipy(xi):
    """scipy computes with NaN and inf nodes (it does not raise): so does
    kernterp, by handing them to scipy's own class."""
    yi = np.arange(1.0, len(xi) + 1)
    q = np.array([-0.5, 0.5, 1.5])
    ref = si.KroghInterpolator(xi, yi)
    got = ki.KroghInterpolator(xi, yi)
    np.testing.assert_array_equal(got(q), ref(q))
    np.testing.assert_array_equal(got.derivatives(0.5), ref.derivatives(0.5))


def test_bad_inputs_newton():
    x = [0.0, 1.0, 2.0]
    with pytest.raises(ValueError, match="equal in length"):
        ki.newton_coeffs(x, [1.0, 2.0])
    with pytest.raises(ValueError):
        ki.newton_coeffs([], [])
    with pytest.raises(ValueError, match="finite"):
        ki.newton_coeffs([0.0, np.inf], [1.0, 2.0])
    with pytest.raises(ValueError, match="KroghInterpolator"):
        ki.newton_coeffs([0.0, 1.0, 0.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="KroghInterpolator"):
        ki.NewtonInterpolator([0.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    a = ki.newton_coeffs(x, [1.0, 2.0, 4.0])
    with pytest.raises(ValueError, match="der"):
        ki.newton_eval(a, x, 0.5, der=-1)
    with pytest.raises(ValueError, match="der"):
        ki.NewtonInterpolator(x, [1.0, 2.0, 4.0]).derivative(0.5, -2)
    with pytest.raises(ValueError):
        ki.newton_eval(a, x[:2], 0.5)
    with pytest.raises(TypeError):
        ki.newton_eval(a, x, np.array([0.5j]))
    with pytest.raises(ValueError):
        ki.newton_eval(a, x, np.array(["a"]))
    with pytest.raises(ValueError):
        ki.newton_eval(a, x, np.array([0.5], dtype=object))
    with pytest.raises(ValueError, match="order"):
        ki.NewtonInterpolator(x, [1.0, 2.0, 4.0], order="chebyshev")
    with pytest.raises(np.exceptions.AxisError):
        ki.newton_coeffs(x, [1.0, 2.0, 4.0], axis=1)
