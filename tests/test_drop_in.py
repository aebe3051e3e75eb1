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


# --------------------------------------------------------------------------
# found by the differential tests (tests/test_differential.py)


@pytest.mark.parametrize(
    ("func", "args", "kwargs"),
    [
        # scipy checks a scalar axis only where it filters (sigma 0: nowhere),
        # also for the dtypes it handles itself (bool)
        ("gaussian_filter", (np.zeros(0, bool), 0, -1), {"mode": "foo", "axes": 1}),
        ("gaussian_filter", (np.zeros(4, bool), 0.0), {"axes": 3}),
        # scipy checks axis by axis: a longdouble input fails on the first
        # filtered axis, before the inf sigma of a later one
        ("gaussian_filter", (np.zeros((2, 3), np.longdouble), [0.3, np.inf]), {}),
        # a plain zero sigma fails before a float order is used as a count
        ("gaussian_filter1d", (np.zeros(3), 0, 0, 1.0), {"truncate": 0.0}),
        # a float zero order is the plain kernel in scipy
        ("gaussian_filter1d", (RNG.random(7), 1.5), {"order": 0.0}),
        ("gaussian_filter", (RNG.random((4, 5)), 1.5), {"order": 0.0}),
        # a string sigma fails when squared, before the read-only output
        ("gaussian_filter1d", (np.broadcast_to(np.int8(3), (4,)), "1"), {}),
        # a bad cval after a bad mode of the first axis
        ("gaussian_filter", (RNG.random((3, 4)), 1.0), {"mode": "x", "cval": "a"}),
    ],
)
def test_argument_errors_in_scipys_order(func, args, kwargs):
    if func == "gaussian_filter1d" and args[1] == "1":
        # output=input on a read-only input
        kwargs = {"output": args[0]}
    _same_outcome(getattr(sn, func), getattr(kn, func), *args, **kwargs)


@pytest.mark.parametrize("value", [-0.39, 0.39, -2.0])
@pytest.mark.parametrize("axis", [0, 1])
def test_folded_kernel_uses_scipys_side(value, axis):
    # sigma 1e-16, order 1: the weights are zeros of both signs; scipy folds
    # the symmetric kernel with the weights of the negative side
    a = np.full((3, 17), value)
    _same_outcome(
        sn.gaussian_filter1d,
        kn.gaussian_filter1d,
        a,
        1e-16,
        axis,
        1,
        radius=1,
        truncate=0.0,
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_nearly_symmetric_weights_fold_as_in_scipy(dtype):
    # scipy's NI_Correlate1D folds weights symmetric within DBL_EPSILON
    # (antisymmetric too), with the weights of the negative side
    from kernterp import _ndimage

    x = RNG.random((5, 40)).astype(dtype) * 3 - 1
    cases = [
        [0.25 + 1e-17, 0.5, 0.25],
        [0.25, 0.5, 0.25 + 2e-16],
        [-0.4, 0.0, 0.4 - 1e-16],
        [-0.4, 0.1, 0.4],  # antisymmetric sides around a centre weight
        [0.1 + 1e-16, -0.3, 0.7, 0.3, -0.1],
    ]
    for w in cases:
        w = np.array(w)
        for axis in (0, 1):
            want = sn.correlate1d(x.astype(np.float64), w, axis, mode="reflect")
            got = np.empty(x.shape, np.float64)
            _ndimage.correlate(x.astype(np.float64), got, [(axis, w, 0, 0.0)], 1)
            assert np.array_equal(got, want), (w, axis)


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0)])
def test_uint32_output_of_an_empty_array(shape):
    x = np.zeros(shape, np.float32)
    for func in ("gaussian_filter", "gaussian_filter1d"):
        _same_outcome(getattr(sn, func), getattr(kn, func), x, 1.0, output=np.uint32)


@pytest.mark.parametrize("func", ["gaussian_laplace", "gaussian_gradient_magnitude"])
@pytest.mark.parametrize("axes", [1, 2, -2, (1,), 0, (0, 0)])
def test_laplace_axes_checked_as_scipy_for_dask(func, axes):
    # the dask path checks the axes where scipy's generic_laplace does
    da = pytest.importorskip("dask.array")

    def lazy(x, *args, **kwargs):
        return getattr(kn, func)(da.from_array(x), *args, **kwargs).compute()

    for x in (np.zeros(3), np.ones((3, 4))):
        _same_outcome(getattr(sn, func), lazy, x, 1.0, axes=axes)


@pytest.mark.parametrize("func", ["gaussian_laplace", "gaussian_gradient_magnitude"])
@pytest.mark.parametrize("axes", [1, 2, -2, (1,), 0])
@pytest.mark.parametrize("output", [None, np.zeros(5)])
def test_laplace_axes_checked_as_scipy(func, axes, output):
    # gaussian_laplace range-checks a scalar axis in generic_laplace, after
    # the output; gaussian_gradient_magnitude does not (IndexError)
    for x in (np.zeros(3), np.zeros((3, 3)), np.zeros(0, bool)):
        out = None if output is None else output.copy()
        _same_outcome(getattr(sn, func), getattr(kn, func), x, 1.0, out, axes=axes)


def test_interp_all_float32_with_nan_knots_stays_float32():
    # docs/lookup.rst: all float32 -> float32, whatever the values (NaN
    # knots are numpy's to decide, its result rounded to float32)
    xp = np.array([np.nan, 1.0, 2.0], np.float32)
    fp = np.array([0.5, 1.0, 3.0], np.float32)
    for x in (np.float32(1.5), np.array([0.5, 1.5], np.float32)):
        got = ki.interp(x, xp, fp)
        want = np.interp(x, xp, fp)
        assert type(got) is (np.float32 if np.ndim(x) == 0 else np.ndarray)
        assert np.asarray(got).dtype == np.float32
        assert np.array_equal(got, np.asarray(want).astype(np.float32), equal_nan=True)


def test_interp_float32_period_reduced_in_float64():
    # numpy reduces x and xp modulo the exact period in float64; in float32
    # (with the period rounded to float32) large x lose their phase
    xp = np.array([-132104.86, 125730.22, 7.0], np.float32)
    fp = np.array([0.6369617, 0.26978672, 0.5], np.float32)
    x = np.array([0.6369617, 123456.7, -98765.4, 3.3e6], np.float32)
    for period in (0.1, 2 * np.pi, 360.0):
        got = ki.interp(x, xp, fp, period=period)
        want = np.interp(x, xp, fp, period=period)
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)


@pytest.mark.parametrize(
    ("x", "xp", "fp", "kwargs"),
    [
        # a non-finite period gives NaN knots: numpy's search decides
        (0.0, [-5e137, -1e63, 1e-290, 9e187, 4e247], [0.6, 0.3, 0.04, 0.01, 0.8],
         {"period": np.inf}),
        ([0.0, 1.0, np.nan], [0.0, 1.0, 2.0], [1.0, 2.0, 0.5], {"period": np.nan}),
        # one knot: a NaN query gives fp[0], the imaginary part too
        (np.nan, [0.637], [0.637 + 0.27j], {}),
        ([np.nan, 0.5], [0.637], [0.637 + 0.27j], {}),
        # extended precision values: numpy's TypeError
        ([0.5], [0.0, 1.0], np.array([1.0, 2.0], np.clongdouble), {}),
        ([0.5], [0.0, 1.0], np.array([1.0, 2.0], np.longdouble), {}),
        ([0.5], [], np.array([], np.clongdouble), {}),
    ],
)  # fmt: skip
def test_interp_found_by_differential_tests(x, xp, fp, kwargs):
    _same_outcome(np.interp, ki.interp, x, xp, fp, **kwargs)


def test_interp_float32_period_in_float64_knots_do_not_merge():
    # the normalised knots are not float32 numbers: rounded, two distinct
    # ones merged and x took the other knot's value (numpy: fp[1])
    xp = np.array([-3.2652296e07, -2.3318968e-31, 3.8631366e23], np.float32)
    fp = np.array([np.nan, 0.26978672, 0.04097353], np.float32)
    x = np.float32(-2.3318968e-31)
    got = ki.interp(x, xp, fp, period=0.1)
    want = np.interp(x, xp, fp, period=0.1)
    assert type(got) is np.float32
    assert got == np.float32(want)


@pytest.mark.parametrize(
    ("xp", "fp", "period"),
    [
        ([], [], "a"),  # numpy checks the period before the arrays
        ([0.0, 1.0], [1.0], 0),
        ([0.0, 1.0], [1.0, 2.0], np.longdouble(2.0)),  # numpy's TypeError
        ([0.0, 1.0], [1.0, 2.0], np.clongdouble(2.0)),
    ],
)
def test_interp_period_checked_as_numpy(xp, fp, period):
    _same_outcome(np.interp, ki.interp, [0.5], xp, fp, period=period)


@pytest.mark.parametrize(
    "kind", ["linear", "nearest", "previous", "slinear", "quadratic", "cubic"]
)
@pytest.mark.parametrize("dtype", [np.clongdouble, np.longdouble])
def test_interp1d_extended_precision_values_keep_their_dtype(kind, dtype):
    # scipy's linear/nearest/previous keep the dtype (its splines: float64)
    x = np.array([0.04, 0.27, 0.64, 0.8])
    y = np.array([0.6 + 0.01j, 0.2 + 0.8j, 0.04 + 0.9j, 1.0])
    y = (y if dtype == np.clongdouble else y.real).astype(dtype)
    want = si.interp1d(x, y, kind=kind)([0.1, 0.5])
    got = ki.interp1d(x, y, kind=kind)([0.1, 0.5])
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-15)


@pytest.mark.parametrize(
    ("x", "y", "kind"),
    [
        # one quartic piece from -3.4e38 to 0.8: its power sum at the left
        # end cancels catastrophically (kernterp gave -3.5e100, scipy 0.594)
        ([-3.4028235e38, 0.016527636, 0.040973525, 0.26978672, 0.8132702],
         [1.0, 1.0, 1.0, 1.0, 0.0], 4),
        # knots from -3.8e229 to 6e41: the cubic pieces overflow (NaN)
        ([-3.79048729e229, -8.1262599e175, -2.89239289e171, -1.83855819e108,
          -7.64837119e75, 1.49187531e-223, 6.14280393e41],
         [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], "cubic"),
    ],
)  # fmt: skip
def test_interp1d_ill_conditioned_pieces_left_to_scipy(x, y, kind):
    q = [0.0, 0.02, 0.3, 0.637, 0.8]
    want = si.interp1d(x, y, kind=kind)(q)
    got = ki.interp1d(x, y, kind=kind)(q)
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_cubic_spline_strided_knots():
    x = np.linspace(0.0, 1.0, 13)[::3]
    y = np.cos(3 * x)
    want = si.CubicSpline(x, y)([0.1, 0.55, 0.9])
    got = ki.CubicSpline(x, y)([0.1, 0.55, 0.9])
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15)


@pytest.mark.parametrize("nu", [1.0, np.float64(2.0), 1.5, True])
def test_cubic_spline_float_derivative_order(nu):
    # scipy's evaluator takes nu as a C int (truncated)
    x = np.linspace(0.0, 1.0, 6)
    for y in (np.sin(x), np.zeros((6, 0))):
        want = si.CubicSpline(x, y)([0.25, 0.7], nu)
        got = ki.CubicSpline(x, y)([0.25, 0.7], nu)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    ("x", "y", "bc_type"),
    [
        # kernterp's slopes overflow where scipy's do not: scipy's spline
        ([-6.17624088e-33, -1.88361131e-191, 4.60949908e-282, 7.86178888e-226,
          8.76029152e-221, 3.17400361e-193, 4.63105178e-160],
         [0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], "clamped"),
        # values at the float64 maximum: scipy's ValueError for its slopes
        ([0.0, 0.26978671], [1.79769313e308, 0.26978671], "not-a-knot"),
        ([0.0, 0.3, 0.6], [1.79769313e308, -1.79769313e308, 1.0], "natural"),
    ],
)  # fmt: skip
def test_cubic_spline_overflowing_slopes_as_scipy(x, y, bc_type):
    want = _outcome(si.CubicSpline, x, y, bc_type=bc_type)
    got = _outcome(ki.CubicSpline, x, y, bc_type=bc_type)
    assert got[0] == want[0], (want, got)
    if want[0] == "err":
        assert isinstance(got[1], type(want[1]))
        assert str(got[1]) == str(want[1])
    else:
        assert np.array_equal(got[1].c, want[1].c, equal_nan=True)
        assert got[1].c.dtype == want[1].c.dtype


def _same_krogh(xi, yi, x=(0.3, 0.77), der=None):
    """KroghInterpolator's coefficients bit for bit, and its values (or
    derivatives) as scipy's (NaN places included)."""
    want = _outcome(si.KroghInterpolator, xi, yi)
    got = _outcome(ki.KroghInterpolator, xi, yi)
    assert got[0] == want[0], (want, got)
    if want[0] == "err":
        assert isinstance(got[1], type(want[1]))
        assert str(got[1]) == str(want[1])
        return
    assert got[1].c.dtype == want[1].c.dtype
    assert np.array_equal(got[1].c, want[1].c, equal_nan=True), (got[1].c, want[1].c)
    call = (lambda p: p(x)) if der is None else (lambda p: p.derivative(x, der))
    w, g = call(want[1]), call(got[1])
    assert g.dtype == w.dtype and g.shape == w.shape
    assert np.array_equal(g, w, equal_nan=True), (w, g)


@pytest.mark.parametrize(
    "xi",
    [
        np.array([0, 1, 2], bool),  # numpy's TypeError for bool differences
        np.array([3, 5, 9], np.uint8),  # differences wrap
        np.array([100, -100, 0], np.int8),  # differences overflow
        np.array([0.1, 0.3, 0.7], np.float32),  # differences round
        np.array([0.1, 0.3, 0.7], np.float16),
    ],
)
def test_krogh_nodes_whose_differences_scipy_rounds(xi):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _same_krogh(xi, [1.0, 2.0, 4.0])


@pytest.mark.parametrize(
    ("xi", "yi"),
    [
        # a NaN or inf in one part: numpy's complex division makes the
        # other part NaN
        ([0.64, 0.27], [np.nan + 0j, 0.27 + 0.0165j]),
        ([0.64, 0.27], [np.inf + 1j, 0.27 + 0.0165j]),
        # finite values whose coefficients overflow
        ([0.64, 0.64, 0.27], [1.79769313e308 + 0j, 0.27 + 0.81j, 0.04 + 0.91j]),
        # half / single precision derivative data: scipy divides by s! in it
        ([0.64, 0.64, 0.64], np.array([0.6367, 0.2698, 5.96e-08], np.float16)),
        ([0.1, 0.1, 0.1, 0.1, 0.5], np.array([1.0, 0.3, 0.7, 0.1, 2.0], np.float32)),
    ],
)
def test_krogh_values_scipy_computes_otherwise(xi, yi):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _same_krogh(xi, yi)


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_krogh_half_and_single_points_with_integer_nodes(dtype):
    # scipy computes x - xi in the points' precision
    x = np.array([0.3772, 4.1, -2.5], dtype)
    for xi in (np.array([3, 5], np.int8), np.array([1, 2, 4], np.int16)):
        _same_krogh(xi, np.arange(len(xi)) % 2 == 0, x=x)


def test_krogh_negative_derivative_order_also_where_scipy_builds():
    # docs/newton.rst: IndexError for every negative order, also for nodes
    # handed to scipy's class
    for xi in (
        [0.0, 1.0, 2.0],
        np.array([0.0, 1.0, 2.0], np.float32),
        np.array([0.0, 1.0, 2.0], np.uint8),  # (scipy's differences wrap)
        [0j, 1.0, 2.0],
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            p = ki.KroghInterpolator(xi, [1.0, 2.0, 4.0])
        for der in (-1, -2):
            with pytest.raises(IndexError, match="non-negative derivative order"):
                p.derivative(0.5, der)


def test_rbf_entries_whose_expansion_overflows_are_recomputed():
    # centred squared norms that overflow made the expansion inf - inf = NaN
    # for two points next to each other (scikit-learn: 1)
    sk = pytest.importorskip("sklearn.metrics.pairwise")
    from kernterp import kernels as kk

    warnings.simplefilter("ignore", RuntimeWarning)  # scikit-learn's overflow
    X = np.array([[3.83808299e-276], [8.25241989e-291], [9.16523321e187]])
    K = kk.rbf_kernel(X)
    assert K.dtype == np.float64
    np.testing.assert_array_equal(K, sk.rbf_kernel(X))
    np.testing.assert_array_equal(K, [[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    D = kk.sqeuclidean_distances(X)
    np.testing.assert_array_equal(D, sk.euclidean_distances(X, squared=True))
    assert D[0, 1] == 0 and np.isinf(D[0, 2]) and np.isinf(D[2, 1])
    # and where scikit-learn's own expansion is NaN: the direct values
    X = np.array([[1.79769313e308, 0.27, 0.04], [0.81, 0.91, 0.6]])
    D = kk.sqeuclidean_distances(X)
    assert np.isinf(D[0, 1]) and D[0, 0] == 0 and D[1, 1] == 0


def test_rbf_gamma_checked_before_the_arrays():
    sk = pytest.importorskip("sklearn.metrics.pairwise")
    from kernterp import kernels as kk

    for X in (np.zeros((0, 0)), [[np.nan]], np.ones(3)):
        want = _outcome(sk.rbf_kernel, X, gamma=-1.0)
        got = _outcome(kk.rbf_kernel, X, gamma=-1.0)
        assert want[0] == got[0] == "err"
        assert isinstance(got[1], type(want[1])), (want, got)
        assert str(got[1]) == str(want[1])


@pytest.mark.parametrize("kind", ["slinear", "quadratic", "cubic", 5])
@pytest.mark.parametrize("fill_value", ["extrapolate", np.nan, (-1.0, 2.0)])
@pytest.mark.parametrize("cplx", [False, True])
def test_interp1d_spline_kinds_at_infinite_points(kind, fill_value, cplx):
    # scipy's B-spline (de Boor's recursion) is NaN at +-inf, also when
    # extrapolating, where a power sum gives +-inf
    x = np.linspace(0.0, 1.0, 7)
    y = np.sin(3 * x) + (1j * np.cos(x) if cplx else 0)
    q = np.array([np.inf, -np.inf, np.nan, 0.5, 2.0])
    want = si.interp1d(x, y, kind, fill_value=fill_value, bounds_error=False)(q)
    got = ki.interp1d(x, y, kind, fill_value=fill_value, bounds_error=False)(q)
    assert got.dtype == want.dtype and got.shape == want.shape
    for part in (np.real, np.imag):
        assert np.array_equal(np.isnan(part(got)), np.isnan(part(want)))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("xi", "yi"),
    [
        ([0.0, 1.0], [0.0, 1.0]),
        ([0.0, 1.0, 2.0], [0.0, 1.0, 4.0]),
        ([0.0, 1.0, 2.0, 3.0], [1.0, -1.0, 2.0, 0.0]),
        ([0.0, 0.0, 1.0], [1.0, 2.0, 3.0]),
        ([0.0, 1.0, 2.0], [1j, 2.0, -3j]),
    ],
)
def test_krogh_infinite_points(xi, yi):
    # scipy's sum of products is NaN at +-inf (inf - inf) where the nested
    # evaluation gave an infinity: such points are scipy's
    x = [np.inf, 0.5, -np.inf, np.nan]
    warnings.simplefilter("ignore", RuntimeWarning)  # (restored by pytest)
    for der in (None, 0, 1, 2):
        _same_krogh(xi, yi, x=x, der=der)
    for call in (lambda p: p.derivatives(x), lambda p: p.derivatives(x, 2)):
        want = call(si.KroghInterpolator(xi, yi))
        got = call(ki.KroghInterpolator(xi, yi))
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(np.isnan(got), np.isnan(want))
        np.testing.assert_allclose(got, want, rtol=1e-14)
    _same_outcome(si.krogh_interpolate, ki.krogh_interpolate, xi, yi, x, [0, 1])


@pytest.mark.parametrize(
    ("func", "kwargs"),
    [
        ("gaussian_filter", {"mode": "x", "cval": "a"}),
        ("gaussian_filter", {"order": 0.0}),
        ("gaussian_filter1d", {"mode": "x"}),
        ("gaussian_filter1d", {"cval": 1j}),
    ],
)
def test_arguments_scipy_decides_raise_scipys_exception_alone(func, kwargs):
    # scipy's function is called outside kernterp's exception handler: what
    # it raises does not carry kernterp's own check as its context
    _same_outcome(
        getattr(sn, func), getattr(kn, func), RNG.random((3, 4)), 1.0, **kwargs
    )
    try:
        getattr(kn, func)(RNG.random((3, 4)), 1.0, **kwargs)
    except Exception as exc:  # noqa: BLE001
        assert exc.__context__ is None, repr(exc.__context__)


@pytest.mark.parametrize("kind", ["linear", "nearest", "previous", "slinear", "cubic"])
@pytest.mark.parametrize("fill_value", [np.nan, "extrapolate"])
@pytest.mark.parametrize(
    "y",
    [
        np.array([False, True, True]),
        np.array([0.0, 1.0, 2.0], np.float32),
        np.array([[0.0], [1.0], [2.0]]),
        np.array([0.0, 1.0, 2.0]) + 1j,
    ],
)
def test_interp1d_extended_precision_points(kind, fill_value, y):
    # scipy's 'linear' computes in the points' precision: a longdouble result
    x = np.array([0.63696169, 0.26978671, 0.9])
    kw = {"kind": kind, "fill_value": fill_value, "bounds_error": False, "axis": 0}
    for q in (np.array(0.5, np.longdouble), np.array([0.5, 0.7, 2.0], ">f16")):
        _same_outcome(
            lambda q: si.interp1d(x, y, **kw)(q),
            lambda q: ki.interp1d(x, y, **kw)(q),
            q,
        )
