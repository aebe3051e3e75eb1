"""Regression tests for the divergences from scipy and numpy found by running
their own test suites against kernterp and by differential testing.

Each test names the reference's behaviour it pins; the numbers in the
comments are the items of the issue that listed them.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
import scipy.interpolate as si
import scipy.ndimage as sn

from kernterp import interpolate as ki
from kernterp import ndimage as kn

RNG = np.random.default_rng(11)


def _outcome(func, *args, **kwargs):
    """('ok', result) or ('err', exception) of one call, warnings silenced."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return "ok", func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - compared below
        return "err", exc


def _same_outcome(ref, ours, *args, message=True, **kwargs):
    """`ours` returns what `ref` returns (bit for bit, signs of zero
    included) or raises an exception that `ref`'s class catches, with the
    same message when `message`."""
    want = _outcome(ref, *args, **kwargs)
    got = _outcome(ours, *args, **kwargs)
    assert got[0] == want[0], (want, got)
    if want[0] == "err":
        assert isinstance(got[1], type(want[1])), (want[1], got[1])
        if message:
            assert str(got[1]).startswith(str(want[1])), (want[1], got[1])
        return
    w, g = np.asarray(want[1]), np.asarray(got[1])
    assert g.dtype == w.dtype and g.shape == w.shape
    assert np.array_equal(g, w, equal_nan=True), (w, g)
    if w.dtype.kind == "f":
        assert np.array_equal(np.signbit(g), np.signbit(w))


# 1. messages


@pytest.mark.parametrize("name", ["sigma", "order", "mode", "radius"])
def test_wrong_length_sequence_message(name):
    a = RNG.random((5, 6))
    value = {"sigma": [1, 2, 3], "order": [0, 0, 0], "mode": ["reflect"] * 3}
    kwargs = {name: value.get(name, [2, 2, 2])}
    kwargs.setdefault("sigma", 1.0)
    with pytest.raises(RuntimeError) as want:
        sn.gaussian_filter(a, **kwargs)
    with pytest.raises(RuntimeError) as got:
        kn.gaussian_filter(a, **kwargs)
    assert str(got.value).startswith(str(want.value))


def test_krogh_high_degree_warning_has_scipys_form():
    x = np.linspace(0, 1, 41)
    with pytest.warns(UserWarning, match="41 degrees provided,"):
        ki.KroghInterpolator(x, x)


# 2, 3, 7, 11: numpy.interp's corners


@pytest.mark.parametrize(
    ("x", "xp", "fp", "kwargs"),
    [
        (0.5, [np.nan, 1.0], [0.0, 10.0], {}),
        ([0.5, 2.0], [0.0, np.nan], [0.0, 10.0], {}),
        (0.5, [np.nan, 1.0], [0.0j, 10.0], {}),
        ([0.5 + 9j], [0.0, 1.0], [3.0, 4.0], {}),
        ([0.5], [0.0 + 0j, 1.0], [3.0, 4.0], {}),
        ([0.5], np.array([0.0, 1.0], np.longdouble), [3.0, 4.0], {}),
        (np.array([0.5], np.longdouble), [0.0, 1.0], [3.0, 4.0], {}),
        ([np.nan, 0.5], [0.0, 1.0], [1 + 1j, 2 + 2j], {}),
        ([0.5], [0.0, 1.0], [1j, 2.0], {"left": "a"}),
        ([0.5], [0.0, 1.0], [1.0, 2.0], {"left": "a"}),
    ],
)
def test_interp_corners_as_numpy(x, xp, fp, kwargs):
    _same_outcome(np.interp, ki.interp, x, xp, fp, message=False, **kwargs)


# 4, 11: axes


@pytest.mark.parametrize("axes", [-1, 0, 1, -2, (1, 0), (-1,), 5, -3])
def test_scalar_and_out_of_range_axes(axes):
    a = RNG.random((5, 6))
    _same_outcome(sn.gaussian_filter, kn.gaussian_filter, a, 1.0, axes=axes)


@pytest.mark.parametrize("axis", [1.0, "0", 2, -3, np.int64(-1)])
def test_filter1d_axis_exceptions(axis):
    a = RNG.random((5, 6))
    _same_outcome(
        sn.gaussian_filter1d, kn.gaussian_filter1d, a, 1.0, axis=axis, message=False
    )


def test_complex_input_with_string_cval():
    a = RNG.random((5, 6)) + 1j
    _same_outcome(sn.gaussian_filter, kn.gaussian_filter, a, 1.0, cval="abc")


# 5: interp1d with an empty trailing axis


@pytest.mark.parametrize("kind", ["linear", "slinear", "quadratic", "cubic", 5])
def test_interp1d_empty_value_axis(kind):
    x = np.linspace(0, 1, 7)
    for y in (np.zeros((7, 0)), np.zeros((7, 0, 3))):
        want = si.interp1d(x, y, axis=0, kind=kind)([0.5, 0.25])
        got = ki.interp1d(x, y, axis=0, kind=kind)([0.5, 0.25])
        assert got.shape == want.shape and got.dtype == want.dtype


# 6: float64 bit-identity corners, uint32 conversion


@pytest.mark.parametrize("axes", [(1, 0), (2, 0, 1), (0, 2)])
@pytest.mark.parametrize("order", [0, 1, 2])
def test_axes_out_of_order_bit_identical(axes, order):
    a = RNG.random((7, 8, 9))
    _same_outcome(sn.gaussian_filter, kn.gaussian_filter, a, 1.3, order, axes=axes)


@pytest.mark.parametrize("func", ["gaussian_filter", "gaussian_laplace"])
def test_fortran_output_for_c_input(func):
    a = RNG.random((9, 11, 5))
    want = np.zeros(a.shape, order="F")
    got = np.zeros(a.shape, order="F")
    getattr(sn, func)(a, 1.7, output=want)
    getattr(kn, func)(a, 1.7, output=got)
    assert np.array_equal(want, got)


@pytest.mark.parametrize("mode", ["reflect", "constant", "nearest", "mirror", "wrap"])
@pytest.mark.parametrize("order", [1, 3])
@pytest.mark.parametrize("value", [1.0, 3.3, 0.0, -2.5])
def test_sign_of_zero(mode, order, value):
    line = np.full(11, value)
    _same_outcome(
        sn.gaussian_filter1d, kn.gaussian_filter1d, line, 1.3, order=order, mode=mode
    )
    plane = np.full((6, 7), value)
    _same_outcome(
        sn.gaussian_filter, kn.gaussian_filter, plane, 0.9, order=[order, 0], mode=mode
    )


@pytest.mark.parametrize("out", [np.uint32, np.int32, np.uint8, np.int64, np.uint64])
def test_integer_output_from_nan_and_out_of_range(out):
    x = np.array([np.nan, 1e12, -5.0, 3.7, 5e9, -1e20, np.inf, -np.inf, 4e9])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = sn.gaussian_filter(x, 0.5, output=out)
        got = kn.gaussian_filter(x, 0.5, output=out)
    assert np.array_equal(want, got)


# 7: non-finite values


def test_float32_inf_with_a_long_radius():
    z = np.zeros(400, np.float32)
    z[200] = np.inf
    z[50] = -np.inf
    for sigma, truncate in ((20, 8), (40, 12), (5, 30)):
        _same_outcome(
            sn.gaussian_filter1d, kn.gaussian_filter1d, z, sigma, truncate=truncate
        )


@pytest.mark.parametrize("cval", [1e300, -1e300, 3.5e38, np.inf])
def test_float32_cval_beyond_float32_range(cval):
    a = RNG.random((6, 7)).astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _same_outcome(
            sn.gaussian_filter, kn.gaussian_filter, a, 1.0, mode="constant", cval=cval
        )


def test_complex_spline_outside_without_extrapolation():
    x, y = [0.0, 1.0, 2.0], [1j, 2.0, 3j]
    want = si.CubicSpline(x, y, extrapolate=False)([5.0, np.nan, -1.0, 0.5])
    got = ki.CubicSpline(x, y, extrapolate=False)([5.0, np.nan, -1.0, 0.5])
    assert np.array_equal(np.isnan(want.real), np.isnan(got.real))
    assert np.array_equal(np.isnan(want.imag), np.isnan(got.imag))
    np.testing.assert_allclose(got, want, rtol=1e-15, atol=1e-15)


@pytest.mark.parametrize(
    ("kind", "fill_value"),
    [
        ("slinear", np.nan),
        ("linear", "extrapolate"),
        ("linear", np.nan),
        ("nearest", 0.0),
    ],
)
def test_interp1d_inf_in_y(kind, fill_value):
    x = np.arange(6.0)
    y = np.array([0.0, 1.0, np.inf, 3.0, -np.inf, 5.0])
    q = [0.0, 1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0]
    if fill_value == "extrapolate":
        q += [-1.0, 7.0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = si.interp1d(x, y, kind=kind, fill_value=fill_value)(q)
        got = ki.interp1d(x, y, kind=kind, fill_value=fill_value)(q)
    assert np.array_equal(want, got, equal_nan=True)


# 8: non-finite sigma or truncate with an explicit radius


@pytest.mark.parametrize(
    ("sigma", "truncate"), [(np.inf, 4.0), (np.nan, 4.0), (1.0, np.nan), (1.0, np.inf)]
)
def test_non_finite_sigma_or_truncate_with_radius(sigma, truncate):
    a = RNG.random((5, 6))
    _same_outcome(
        sn.gaussian_filter, kn.gaussian_filter, a, sigma, truncate=truncate, radius=2
    )
    _same_outcome(
        sn.gaussian_filter1d,
        kn.gaussian_filter1d,
        a,
        sigma,
        truncate=truncate,
        radius=2,
    )


# 10: Krogh with NaN among the query points


def test_krogh_nan_query():
    _same_outcome(
        lambda *a: si.KroghInterpolator(*a)([0.5, np.nan, 3.0]),
        lambda *a: ki.KroghInterpolator(*a)([0.5, np.nan, 3.0]),
        [0.0, 1.0, 2.0],
        [1.0, 2.0, 4.0],
    )


# 12: fallbacks call the reference captured at import, never the module
# attribute (which may be kernterp's own function once swapped in)


def test_fallbacks_do_not_recurse(monkeypatch):
    xk, yk = [0.0, 1.0, 2.0], [1j, 2.0, 3.0 + 1j]
    want = si.KroghInterpolator(xk, yk)(0.5)
    for name in ("gaussian_filter", "gaussian_filter1d", "correlate1d"):
        monkeypatch.setattr(sn, name, getattr(kn, name, getattr(sn, name)))
    monkeypatch.setattr(si, "KroghInterpolator", ki.KroghInterpolator)
    monkeypatch.setattr(si, "CubicSpline", ki.CubicSpline)
    monkeypatch.setattr(si, "interp1d", ki.interp1d)
    monkeypatch.setattr(np, "interp", ki.interp)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursion shows quickly
    try:
        with pytest.raises(RuntimeError, match="float16"):
            kn.gaussian_filter(np.ones((4, 4), np.float16), 1.0)
        assert ki.KroghInterpolator(xk, yk)(0.5) == want
        assert ki.interp(0.5, [0, 1], [1, 2 + 0j]) == 1.5
    finally:
        sys.setrecursionlimit(limit)


# 13: arrays of other libraries are never converted behind the caller's back

xp = pytest.importorskip("array_api_strict")


def _boom(block):
    raise AssertionError("a dask array was computed")


def _lazy_dask(shape):
    da = pytest.importorskip("dask.array")
    return da.ones(shape, chunks=4).map_blocks(_boom, dtype=float)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("gaussian_filter", (1.0,)),
        ("gaussian_filter1d", (1.0,)),
        ("gaussian_laplace", (1.0,)),
        ("gaussian_gradient_magnitude", (1.0,)),
    ],
)
def test_array_api_input_goes_to_scipy(name, args):
    a = RNG.random((6, 7))
    want = getattr(sn, name)(xp.asarray(a), *args)
    got = getattr(kn, name)(xp.asarray(a), *args)
    assert type(got) is type(want)
    assert np.array_equal(np.asarray(got), np.asarray(want))
    with pytest.raises(TypeError, match="not available for array_api_strict"):
        getattr(kn, name)(xp.asarray(a), *args, method="recursive")


def test_array_api_input_to_interpolation_goes_to_reference():
    x, y = np.linspace(0, 1, 9), np.cos(np.linspace(0, 1, 9))
    q = np.linspace(0, 1, 17)
    X, Y, Q = xp.asarray(x), xp.asarray(y), xp.asarray(q)
    cases = [
        (lambda m, *a: m.interp(*a), (Q, X, Y)),
        (lambda m, *a: m.CubicSpline(*a[:2])(a[2]), (X, Y, Q)),
        (lambda m, *a: m.CubicSpline(*a[:2])(a[2]), (x, y, Q)),
        (lambda m, *a: m.interp1d(*a[:2], kind="cubic")(a[2]), (X, Y, Q)),
        (lambda m, *a: m.interp1d(*a[:2])(a[2]), (x, y, Q)),
        (lambda m, *a: m.KroghInterpolator(*a[:2])(a[2]), (X[:5], Y[:5], Q)),
        (lambda m, *a: m.KroghInterpolator(*a[:2])(a[2]), (x[:5], y[:5], Q)),
    ]
    for call, args in cases:
        want = _outcome(call, np if call is cases[0][0] else si, *args)
        got = _outcome(call, ki, *args)
        assert got[0] == want[0], (want, got)
        if want[0] == "ok":
            assert type(got[1]) is type(want[1])
            # (a spline built by kernterp from numpy data agrees to rounding)
            np.testing.assert_allclose(
                np.asarray(got[1]), np.asarray(want[1]), rtol=1e-14, atol=1e-15
            )
        else:
            assert isinstance(got[1], type(want[1]))


def _kernterp_only_calls(a):
    from kernterp import kernels as kk

    return [
        lambda: kk.gaussian2d(a, a),
        lambda: kk.multivariate_normal_pdf(a),
        lambda: kk.gaussian_mixture_pdf(a, [0.0], [1.0]),
        lambda: kk.gaussian_mixture_grid([a], [0.0], [1.0]),
        lambda: kk.gaussian_pool(a, 2),
        lambda: ki.newton_coeffs(a, a),
        lambda: ki.newton_eval(np.ones(3), np.arange(3.0), a),
        lambda: ki.NewtonInterpolator([0.0, 1.0], [1.0, 2.0])(a),
    ]


def test_kernterp_only_functions_refuse_other_libraries():
    a = xp.asarray(np.linspace(0, 1, 8))
    for call in _kernterp_only_calls(a):
        with pytest.raises(TypeError, match="array_api_strict"):
            call()
    m = xp.asarray(RNG.random((6, 3)))
    from kernterp import kernels as kk

    for call in (
        lambda: kk.rbf_kernel(m),
        lambda: kk.sqeuclidean_distances(np.ones((6, 3)), m),
        lambda: kk.gauss_transform(m, np.ones(6)),
        lambda: kk.periodic_gauss_transform(m[:, :2], np.ones(6), 0.5),
    ):
        with pytest.raises(TypeError, match="array_api_strict"):
            call()


def test_dask_arrays_are_never_computed():
    from kernterp import kernels as kk

    a = _lazy_dask((8,))
    # functions without a dask path, and dask knots or nodes (the small side
    # of an interpolation): refused, not computed
    for call in (
        lambda: kk.gaussian2d(a, a),
        lambda: kk.multivariate_normal_pdf(a),
        lambda: kk.gaussian_mixture_pdf(a, [0.0], [1.0]),
        lambda: kk.gaussian_mixture_grid([a], [0.0], [1.0]),
        lambda: ki.newton_coeffs(a, a),
        lambda: ki.newton_eval(np.ones(8), a, np.ones(3)),
        lambda: ki.interp(np.ones(3), a, a),
        lambda: ki.CubicSpline(a, a),
        lambda: ki.KroghInterpolator(a, a),
        lambda: kk.periodic_gauss_transform(a, np.ones(8), 0.5, np.ones(3)),
    ):
        with pytest.raises(TypeError, match="dask"):
            call()
    # the others return a lazy dask array: nothing runs until compute
    m = _lazy_dask((8, 3))
    for call in (
        lambda: kn.gaussian_filter(_lazy_dask((8, 8)), 1.0),
        lambda: kn.gaussian_laplace(_lazy_dask((8, 8)), 1.0),
        lambda: kk.gaussian_pool(_lazy_dask((8, 8)), 2),
        lambda: ki.newton_eval(np.ones(3), np.arange(3.0), a),
        lambda: ki.NewtonInterpolator([0.0, 1.0], [1.0, 2.0])(a),
        lambda: ki.interp(a, [0.0, 1.0], [1.0, 2.0]),
        lambda: ki.CubicSpline([0.0, 1.0, 2.0], [1.0, 2.0, 0.0])(a),
        lambda: ki.interp1d([0.0, 1.0, 2.0], [1.0, 2.0, 0.0])(a),
        lambda: ki.KroghInterpolator([0.0, 1.0], [1.0, 2.0])(a),
        lambda: kk.rbf_kernel(m),
        lambda: kk.sqeuclidean_distances(np.ones((4, 3)), m),
        lambda: kk.gauss_transform(m, np.ones(8)),
        lambda: kk.periodic_gauss_transform(np.ones((5, 3)), np.ones(5), 0.5, m),
    ):
        lazy = call()
        assert type(lazy).__module__.startswith("dask")
        with pytest.raises(AssertionError, match="computed"):
            lazy.compute(scheduler="sync")


def test_scipy_array_api_mode_keeps_the_array_type():
    import subprocess

    code = (
        "import numpy as np, array_api_strict as xp\n"
        "from kernterp import ndimage\n"
        "from kernterp import interpolate\n"
        "a = xp.asarray(np.ones((5, 5)))\n"
        "r = ndimage.gaussian_filter(a, 1.0)\n"
        "assert type(r) is type(a), type(r)\n"
        "x = xp.asarray(np.linspace(0.0, 1.0, 5))\n"
        "s = interpolate.CubicSpline(x, x)(x)\n"
        # the type scipy's own class returns (numpy before scipy 1.17)
        "import scipy.interpolate\n"
        "ref = scipy.interpolate.CubicSpline(x, x)(x)\n"
        "assert type(s) is type(ref), (type(s), type(ref))\n"
    )
    env = {**__import__("os").environ, "SCIPY_ARRAY_API": "1"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
