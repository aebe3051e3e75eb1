"""kernterp.ndimage against scipy.ndimage (the oracle).

Covers the Gaussian family (gaussian_filter1d, gaussian_filter,
gaussian_laplace, gaussian_gradient_magnitude) with method='exact':
every boundary mode x derivative order x dtype x axis, layouts, per-axis
arguments, in-place use, threads, error parity and nan_policy.
method='recursive' is tested in test_recursive.py.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import scipy.ndimage as sp_ndimage
from conftest import (
    COMPLEX_DTYPES,
    EMPTY_SHAPES,
    INT_DTYPES,
    LAYOUTS,
    MODES,
    PUBLIC,
    SIGNED_DTYPES,
    UNSIGNED_DTYPES,
    Raised,
    assert_bitwise_equal,
    assert_ints_match,
    assert_like_scipy,
    call,
    check_both,
    dtype_id,
    float_atol,
    make_data,
    make_layout,
    run_both,
    run_isolated,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import kernterp.ndimage as kt_ndimage

CVAL = -1.25
CCVAL = -1.25 + 0.5j
RADII = (None, 0, 1, 3, 20)  # 20: longer than every axis below


def cval_for(dtype):
    return CCVAL if np.dtype(dtype).kind == "c" else CVAL


def compare_f32(kt, x, name, *args, **kwargs):
    """kernterp on float32 data vs scipy on the float64 version of the data."""
    sp = getattr(sp_ndimage, name)(x.astype(np.float64), *args, **kwargs)
    assert kt.dtype == np.float32
    assert kt.shape == sp.shape
    np.testing.assert_allclose(kt, sp, rtol=0, atol=float_atol(np.float32, _mag(sp)))


def compare_c64(kt, x, name, *args, **kwargs):
    """kernterp on complex64 data vs scipy on the complex128 version."""
    sp = getattr(sp_ndimage, name)(x.astype(np.complex128), *args, **kwargs)
    assert kt.dtype == np.complex64
    np.testing.assert_allclose(kt, sp, rtol=0, atol=float_atol(np.complex64, _mag(sp)))


def _mag(a):
    a = np.abs(np.asarray(a))
    a = a[np.isfinite(a)]
    return max(1.0, float(a.max())) if a.size else 1.0


def check_against_scipy(name, x, *args, **kwargs):
    """One comparison, with the oracle chosen by the dtype of `x`.

    float32/complex64: kernterp is compared with scipy run on the float64 /
    complex128 version of the data (scipy's own float32 result is rounded
    after every axis, so it is not closer to the truth).  Everything else:
    same arguments to both.
    """
    if x.dtype in (np.float32, np.complex64) and "output" not in kwargs:
        kt = getattr(kt_ndimage, name)(x, *args, **kwargs)
        sp_kwargs = {
            k: v
            for k, v in kwargs.items()
            if k not in ("workers", "method", "nan_policy")
        }
        if x.dtype == np.float32:
            compare_f32(kt, x, name, *args, **sp_kwargs)
        else:
            compare_c64(kt, x, name, *args, **sp_kwargs)
        return kt
    res = check_both(name, x, *args, **kwargs)
    assert res is not None, f"{name} raised on {x.dtype} {x.shape}"
    return res[0]


# ==========================================================================
# 1. modes x orders x dtypes x axes


MATRIX_DTYPES = (
    np.float64,
    np.float32,
    np.complex128,
    np.int16,
    np.int32,
    np.uint8,
)
SHAPES_1D_FILTER = ((1,), (2,), (3,), (9,), (2, 5), (4, 1), (3, 4, 2))
SHAPES_ND_FILTER = (
    (1,),
    (2,),
    (7,),
    (3, 1),
    (1, 4),
    (2, 2),
    (5, 6),
    (3, 1, 4),
    (3, 4, 2),
)


@pytest.mark.parametrize("dtype", MATRIX_DTYPES, ids=dtype_id)
@pytest.mark.parametrize("order", range(4))
@pytest.mark.parametrize("mode", MODES)
def test_filter1d_mode_order_dtype_axis(mode, order, dtype):
    for shape in SHAPES_1D_FILTER:
        x = make_data(shape, dtype, seed=len(shape), small=True)
        for axis in (*range(x.ndim), -1):
            for radius in RADII:
                for sigma in (0.4, 1.3):
                    check_against_scipy(
                        "gaussian_filter1d",
                        x,
                        sigma,
                        axis=axis,
                        order=order,
                        mode=mode,
                        cval=cval_for(dtype),
                        radius=radius,
                    )


@pytest.mark.parametrize("dtype", MATRIX_DTYPES, ids=dtype_id)
@pytest.mark.parametrize("order", range(4))
@pytest.mark.parametrize("mode", MODES)
def test_filter_mode_order_dtype(mode, order, dtype):
    for shape in SHAPES_ND_FILTER:
        x = make_data(shape, dtype, seed=len(shape), small=True)
        for radius in RADII:
            for sigma in (0.4, 1.3):
                check_against_scipy(
                    "gaussian_filter",
                    x,
                    sigma,
                    order=order,
                    mode=mode,
                    cval=cval_for(dtype),
                    radius=radius,
                )


@pytest.mark.parametrize("mode", MODES)
def test_length_two_axes(mode):
    # mirror on a length-2 axis reflects about the edge samples (period 2)
    for shape in ((2,), (2, 2), (2, 7), (7, 2), (2, 2, 2)):
        x = make_data(shape, np.float64, seed=3)
        for radius in (1, 2, 5, 20):
            for order in range(4):
                check_both(
                    "gaussian_filter",
                    x,
                    0.9,
                    order=order,
                    mode=mode,
                    cval=CVAL,
                    radius=radius,
                )
                for axis in range(x.ndim):
                    check_both(
                        "gaussian_filter1d",
                        x,
                        0.9,
                        axis=axis,
                        order=order,
                        mode=mode,
                        cval=CVAL,
                        radius=radius,
                    )


@pytest.mark.parametrize("mode", ["constant", "grid-constant"])
@pytest.mark.parametrize(
    "shape", [(5, 6), (3, 1), (2, 1), (3, 1, 4), (4, 3, 1)], ids=str
)
@pytest.mark.parametrize("out_layout", ["C", "F"])
def test_constant_mode_per_axis_orders_axis_sequence(shape, mode, out_layout):
    # With cval != 0 the 1-D passes do not commute once an order is > 0:
    # scipy applies them in axis order; the result must not depend on the
    # memory layout of the output or on which axes have length 1.
    x = make_data(shape, np.float64, seed=7)
    for orders in (
        [1] * len(shape),
        [0] * (len(shape) - 1) + [1],
        [2, *[0] * (len(shape) - 1)],
    ):
        check_both(
            "gaussian_filter",
            x,
            1.0,
            order=orders,
            mode=mode,
            cval=CVAL,
            output=lambda: np.empty(shape, order=out_layout),
        )


# ==========================================================================
# 2. dtypes


def test_float64_relative_to_data_scale():
    x = (make_data((40, 30), np.float64, seed=1) - 0.5) * 1e6
    for mode in MODES:
        for order in range(4):
            kt, sp = run_both("gaussian_filter", x, [1.1, 2.3], order=order, mode=mode)
            np.testing.assert_allclose(kt, sp, rtol=0, atol=1e-12 * np.abs(x).max())


@pytest.mark.parametrize("order", range(4))
@pytest.mark.parametrize("mode", MODES)
def test_float32_against_float64_oracle(mode, order):
    x = make_data((37, 29), np.float32, seed=11)
    for sigma in (0.6, 1.5, [3.0, 0.8]):
        kt = kt_ndimage.gaussian_filter(x, sigma, order=order, mode=mode, cval=0.3)
        compare_f32(kt, x, "gaussian_filter", sigma, order=order, mode=mode, cval=0.3)
    for axis in (0, 1):
        kt = kt_ndimage.gaussian_filter1d(x, 2.2, axis, order, mode=mode, cval=0.3)
        compare_f32(kt, x, "gaussian_filter1d", 2.2, axis, order, mode=mode, cval=0.3)


@pytest.mark.parametrize("dtype", [*INT_DTYPES, np.bool_], ids=dtype_id)
@pytest.mark.parametrize("mode", MODES)
def test_integer_and_bool_order0(mode, dtype):
    x = make_data((23, 17), dtype, seed=5)
    for sigma in (0.7, [2.0, 1.1], 4.0):
        res = check_both("gaussian_filter", x, sigma, mode=mode, cval=3.5)
        assert res is not None
    for axis in (0, 1):
        check_both("gaussian_filter1d", x, 1.6, axis=axis, mode=mode, cval=3.5)
    # bool / integer input into float outputs
    for out in (np.float64, np.float32, np.int32):
        check_both("gaussian_filter", x, 1.3, mode=mode, output=out, cval=3.5)


def test_integer_full_range_order0():
    # large magnitudes: the float64 work values are still exact integers
    for dtype in (np.int32, np.uint32, np.int16, np.uint16):
        info = np.iinfo(dtype)
        rng = np.random.default_rng(0)
        x = rng.integers(info.min, info.max, size=(31, 19), endpoint=True).astype(dtype)
        for mode in MODES:
            check_both("gaussian_filter", x, 1.7, mode=mode)


@pytest.mark.parametrize("dtype", SIGNED_DTYPES, ids=dtype_id)
@pytest.mark.parametrize("order", [1, 2, 3])
def test_signed_integer_derivatives(order, dtype):
    x = make_data((19, 21), dtype, seed=2, small=True)
    for mode in MODES:
        check_both("gaussian_filter", x, 1.2, order=order, mode=mode, cval=-2.0)
        check_both("gaussian_filter", x, [1.2, 0.9], order=[order, 0], mode=mode)
        for axis in (0, 1):
            check_both(
                "gaussian_filter1d", x, 1.2, axis=axis, order=order, mode=mode, cval=2
            )


@pytest.mark.parametrize("dtype", UNSIGNED_DTYPES, ids=dtype_id)
@pytest.mark.parametrize("order", [1, 2, 3])
def test_unsigned_integer_derivatives_1d(order, dtype):
    # negative results wrap around in the cast, in scipy and in kernterp alike
    # (N-d derivatives of uint32/uint64 are not compared: their wrapped
    # intermediates are ~2**32 / 2**64, beyond exact float64 or the cast range)
    x = make_data((15, 12), dtype, seed=4)
    for mode in MODES:
        for axis in (0, 1):
            check_both("gaussian_filter1d", x, 1.1, axis=axis, order=order, mode=mode)


@pytest.mark.parametrize("dtype", COMPLEX_DTYPES, ids=dtype_id)
@pytest.mark.parametrize("mode", MODES)
def test_complex(mode, dtype):
    x = make_data((11, 8), dtype, seed=6)
    for order in range(4):
        for cval in (CCVAL, 2.0, 0.5j):
            kt = kt_ndimage.gaussian_filter(
                x, [1.3, 0.6], order=order, mode=mode, cval=cval
            )
            sp = sp_ndimage.gaussian_filter(
                x, [1.3, 0.6], order=order, mode=mode, cval=cval
            )
            assert_like_scipy(kt, sp)
            for axis in (0, 1):
                kt = kt_ndimage.gaussian_filter1d(
                    x, 1.7, axis, order, mode=mode, cval=cval
                )
                sp = sp_ndimage.gaussian_filter1d(
                    x, 1.7, axis, order, mode=mode, cval=cval
                )
                assert_like_scipy(kt, sp)
                if dtype == np.complex64:
                    compare_c64(
                        kt,
                        x,
                        "gaussian_filter1d",
                        1.7,
                        axis,
                        order,
                        mode=mode,
                        cval=cval,
                    )


@pytest.mark.parametrize("dtype", COMPLEX_DTYPES, ids=dtype_id)
def test_complex_outputs(dtype):
    x = make_data((9, 10), dtype, seed=8)
    for out in (np.complex128, np.complex64, "complex128"):
        check_both("gaussian_filter", x, 1.4, output=out, mode="constant", cval=CCVAL)
        check_both("gaussian_filter1d", x, 1.4, output=out, mode="constant", cval=CCVAL)
    for odt in (np.complex128, np.complex64):
        check_both(
            "gaussian_filter", x, 1.4, output=lambda odt=odt: np.empty(x.shape, odt)
        )
    # real input, complex output
    check_both("gaussian_filter", x.real.copy(), 1.4, output=np.complex128)


@pytest.mark.parametrize("dtype", [">f8", ">i4", ">f4", ">c16", "<f8", ">u2"])
def test_byteswapped(dtype):
    x = make_data((13, 9), np.dtype(dtype).newbyteorder("="), seed=9).astype(dtype)
    assert x.dtype == np.dtype(dtype)
    for mode in ("reflect", "constant", "wrap"):
        for order in (0, 1):
            if x.dtype.kind == "u" and order:
                continue
            check_both("gaussian_filter", x, 1.2, order=order, mode=mode, cval=2.0)
            check_both("gaussian_filter1d", x, 1.2, axis=0, order=order, mode=mode)
    # byte-swapped output arrays
    for odt in (">f8", ">i4", "<f8"):
        check_both(
            "gaussian_filter", x, 1.2, output=lambda odt=odt: np.empty(x.shape, odt)
        )
        check_both(
            "gaussian_filter1d", x, 1.2, output=lambda odt=odt: np.empty(x.shape, odt)
        )


REJECTED = {
    "float16": lambda: np.arange(6, dtype=np.float16).reshape(2, 3),
    "longdouble": lambda: np.arange(6, dtype=np.longdouble).reshape(2, 3),
    "clongdouble": lambda: np.arange(6, dtype=np.clongdouble).reshape(2, 3),
    "object": lambda: np.arange(6).astype(object).reshape(2, 3),
    "datetime": lambda: np.arange(6).astype("M8[s]").reshape(2, 3),
    "str": lambda: np.array([["a", "b", "c"], ["d", "e", "f"]]),
}


@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize("kind", list(REJECTED))
def test_rejected_dtypes_raise_like_scipy(kind, name):
    x = REJECTED[kind]()
    sp = call(sp_ndimage, name, x, 1.0)
    assert isinstance(sp, Raised), "scipy accepted it: the test is wrong"
    kt = call(kt_ndimage, name, x, 1.0)
    assert isinstance(kt, Raised), f"kernterp accepted {kind}"
    assert type(kt.exc) is type(sp.exc), (kt, sp)


@pytest.mark.parametrize("odt", ["float16", "longdouble", "object"])
def test_rejected_output_dtypes_raise_like_scipy(odt):
    x = make_data((4, 5), np.float64)
    for name in ("gaussian_filter", "gaussian_filter1d"):
        res = run_both(name, x, 1.0, output=lambda odt=odt: np.empty(x.shape, odt))
        assert res is None


# ==========================================================================
# 3. layouts


@pytest.mark.parametrize(
    "dtype", [np.float64, np.float32, np.int16, np.complex128], ids=dtype_id
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts(layout, dtype):
    x = make_layout(layout, dtype, seed=1)
    for mode in ("reflect", "constant", "wrap", "mirror"):
        kw = dict(mode=mode, cval=cval_for(dtype))
        check_against_scipy("gaussian_filter", x, 1.2, **kw)
        check_against_scipy("gaussian_filter", x, 0.8, order=1, **kw)
        if x.ndim == 0:
            assert run_both("gaussian_filter1d", x, 1.2, **kw) is None  # AxisError
        for axis in range(x.ndim):
            check_against_scipy("gaussian_filter1d", x, 1.2, axis=axis, **kw)
            check_against_scipy("gaussian_filter1d", x, 0.7, axis=axis, order=2, **kw)
        check_against_scipy("gaussian_laplace", x, 1.1, **kw)
        check_against_scipy("gaussian_gradient_magnitude", x, 1.1, **kw)


@pytest.mark.parametrize("shape", EMPTY_SHAPES, ids=str)
def test_empty_arrays(shape):
    # in a child interpreter: a crash must fail this test, not the session
    proc = run_isolated(
        f"""
        import numpy as np
        import kernterp.ndimage as kt_ndimage
        from conftest import check_both, make_data
        shape = {shape!r}
        for dt in (np.float64, np.float32, np.int16, np.uint8, np.complex128):
            x = make_data(shape, dt)
            for mode in ("reflect", "constant", "wrap"):
                check_both("gaussian_filter", x, 1.0, mode=mode)
                check_both("gaussian_filter", x, 1.0, order=1, mode=mode)
                for axis in range(x.ndim):
                    check_both("gaussian_filter1d", x, 1.0, axis=axis, mode=mode)
                check_both("gaussian_laplace", x, 1.0, mode=mode)
                check_both("gaussian_gradient_magnitude", x, 1.0, mode=mode)
            y = x.copy()
            assert kt_ndimage.gaussian_filter(y, 1.0, output=y) is y
        """
    )
    assert proc.returncode == 0, (
        f"child exited with {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    )


def test_zero_dim():
    x = np.asarray(2.5)
    for name in ("gaussian_filter", "gaussian_laplace", "gaussian_gradient_magnitude"):
        kt, sp = check_both(name, x, 1.0)
        assert kt.shape == ()
    assert run_both("gaussian_filter1d", x, 1.0) is None  # AxisError in both
    assert run_both("gaussian_filter", x, [1.0]) is None  # wrong length


OUT_LAYOUTS = ("strided", "fortran", "negative", "transposed")


def _out_view(kind, shape, dtype, base_fill):
    """A writeable non-contiguous output view of `shape` and its base array."""
    if kind == "strided":
        base = np.full((shape[0] * 2, shape[1] * 3 + 1), base_fill, dtype)
        return base[::2, 1::3], base
    if kind == "fortran":
        base = np.full(shape, base_fill, dtype, order="F")
        return base, base
    if kind == "negative":
        base = np.full((shape[0], shape[1] * 2), base_fill, dtype)
        return base[::-1, ::-2], base
    base = np.full(shape[::-1], base_fill, dtype)
    return base.T, base


@pytest.mark.parametrize("odt", [np.float64, np.float32, np.int16], ids=dtype_id)
@pytest.mark.parametrize("kind", OUT_LAYOUTS)
def test_noncontiguous_output(kind, odt):
    x = make_data((9, 8), np.float64, seed=12) * 100
    for name, args in (
        ("gaussian_filter", (1.3,)),
        ("gaussian_filter1d", (1.3, 0)),
        ("gaussian_filter1d", (1.3, 1)),
        ("gaussian_laplace", (1.0,)),
        ("gaussian_gradient_magnitude", (1.0,)),
    ):
        for mode in ("reflect", "constant"):
            out, base = _out_view(kind, x.shape, odt, 77)
            mview, mbase = _out_view(kind, x.shape, bool, False)
            mview[...] = True
            outside = ~mbase
            before = base.copy()
            kt = getattr(kt_ndimage, name)(x, *args, output=out, mode=mode, cval=CVAL)
            sp = getattr(sp_ndimage, name)(x, *args, output=odt, mode=mode, cval=CVAL)
            assert kt is out or np.shares_memory(kt, out)
            assert_like_scipy(out.copy(), sp)
            # nothing outside the view was touched
            np.testing.assert_array_equal(base[outside], before[outside])


# ==========================================================================
# 4. per-axis arguments, axes, sigma 0, output dtype


PER_AXIS = [
    dict(sigma=[0.7, 1.5, 2.2]),
    dict(sigma=(0.7, 1.5, 2.2), order=[0, 1, 2]),
    dict(sigma=np.array([1.0, 0.5, 3.0]), order=(3, 0, 1)),
    dict(sigma=1.2, mode=["reflect", "wrap", "constant"], cval=CVAL),
    dict(sigma=1.2, mode=("mirror", "nearest", "grid-wrap"), order=[1, 1, 0]),
    dict(sigma=[1.2, 0.9, 2.0], radius=[3, None, 1]),
    dict(sigma=[1.2, 0.9, 2.0], radius=(0, 20, 2), order=[0, 2, 1], mode="constant"),
    dict(
        sigma=[0.6, 1.1, 1.9],
        order=[2, 1, 0],
        mode=["grid-constant", "mirror", "constant"],
        radius=[20, 2, 4],
        cval=0.75,
    ),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int16], ids=dtype_id)
@pytest.mark.parametrize("kwargs", PER_AXIS, ids=range(len(PER_AXIS)))
def test_per_axis_sequences(kwargs, dtype):
    x = make_data((6, 7, 5), dtype, seed=13, small=True)
    kw = dict(kwargs)
    sigma = kw.pop("sigma")
    check_against_scipy("gaussian_filter", x, sigma, **kw)
    check_against_scipy("gaussian_filter", np.asfortranarray(x), sigma, **kw)


AXES_CASES = [
    ((0,), 1.3),
    ((1, 2), [1.3, 0.7]),
    ((-1,), 2.0),
    ((2, 0), [0.8, 1.7]),
    ((-3, -1), [1.0, 2.0]),
    ((2, 1, 0), 1.1),
    ((), 1.0),
    (1, 1.5),
    ([0, 2], 1.2),
]


@pytest.mark.parametrize("mode", ["reflect", "constant", "wrap"])
@pytest.mark.parametrize("axes,sigma", AXES_CASES, ids=[str(c[0]) for c in AXES_CASES])
def test_axes(axes, sigma, mode):
    x = make_data((5, 6, 7), np.float64, seed=14)
    n = 1 if np.isscalar(axes) else len(axes)
    for order in (0, 1, [0, 1, 2][:n] if n else 0):
        check_both(
            "gaussian_filter", x, sigma, order=order, mode=mode, cval=CVAL, axes=axes
        )
    for name in ("gaussian_laplace", "gaussian_gradient_magnitude"):
        check_both(name, x, sigma, mode=mode, cval=CVAL, axes=axes)
    check_against_scipy(
        "gaussian_filter", x.astype(np.float32), sigma, mode=mode, axes=axes
    )


@pytest.mark.parametrize("axes", [(0, 0), (1, -2), (3,), (-4,), (0, 1, 2, 0)], ids=str)
@pytest.mark.parametrize(
    "name", ["gaussian_filter", "gaussian_laplace", "gaussian_gradient_magnitude"]
)
def test_axes_errors(name, axes):
    x = make_data((4, 5, 6), np.float64)
    sp = call(sp_ndimage, name, x, 1.0, axes=axes)
    assert isinstance(sp, Raised) and isinstance(sp.exc, ValueError)
    assert run_both(name, x, 1.0, axes=axes) is None


SIGMA_SKIP = [
    [0, 1.2, 0],
    [0.0, 0.0, 0.0],
    [1e-16, 1.0, 2.0],
    [1e-15, 1.0, 2.0],
    [2e-15, 1.0, 2.0],
    [1e-3, 1.0, 1e-3],
    [-1.0, 1.0, 1.0],
    0,
    1e-9,
]


@pytest.mark.parametrize("dtype", [np.float64, np.int16, np.complex128], ids=dtype_id)
@pytest.mark.parametrize("sigma", SIGMA_SKIP, ids=str)
def test_sigma_zero_and_tiny(sigma, dtype):
    x = make_data((5, 4, 6), dtype, seed=15, small=True)
    # derivatives of a tiny sigma are huge (~1/sigma**2): beyond the range of
    # an integer output, where the cast is undefined, so floats only
    floating = np.dtype(dtype).kind in "fc"
    for order in (0, [1, 0, 2]) if floating else (0,):
        check_both("gaussian_filter", x, sigma, order=order, mode="constant", cval=1.5)
    if floating:
        check_both("gaussian_laplace", x, sigma)
    # skipping an axis still writes the output (copy), into a fresh array
    kt = kt_ndimage.gaussian_filter(x, 0)
    assert kt is not x and not np.shares_memory(kt, x)
    np.testing.assert_array_equal(kt, x)


OUTPUT_DTYPES = [
    np.float32,
    "float64",
    np.int16,
    np.dtype("f4"),
    "int32",
    np.float64,
    np.uint8,
]


@pytest.mark.parametrize(
    "in_dtype", [np.float64, np.float32, np.int16, np.int64], ids=dtype_id
)
@pytest.mark.parametrize("out", OUTPUT_DTYPES, ids=str)
def test_output_as_dtype_and_array(out, in_dtype):
    x = make_data((12, 10), np.float64, seed=16) * 200 - 50
    x = x.astype(in_dtype)
    for mode in ("reflect", "constant", "nearest"):
        for order in (0, 1):
            for name, args in (
                ("gaussian_filter", (1.3,)),
                ("gaussian_filter1d", (1.3, 0)),
            ):
                kt, sp = check_both(
                    name, x, *args, order=order, output=out, mode=mode, cval=CVAL
                )
                assert kt.dtype == np.dtype(out)
                # the same through an output array
                odt = np.dtype(out)
                arr = np.zeros(x.shape, odt)
                r = getattr(kt_ndimage, name)(
                    x, *args, order=order, output=arr, mode=mode, cval=CVAL
                )
                assert r is arr
                assert_like_scipy(arr, sp)


# ==========================================================================
# 5. in place


INPLACE_DTYPES = (
    np.float32,
    np.float64,
    np.int16,
    np.int32,
    np.uint8,
    np.complex64,
    np.complex128,
)
INPLACE_SHAPES = {1: (17,), 2: (9, 12), 3: (5, 6, 7)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ndim", [1, 2, 3])
@pytest.mark.parametrize("dtype", INPLACE_DTYPES, ids=dtype_id)
def test_in_place(dtype, ndim, mode):
    x0 = make_data(INPLACE_SHAPES[ndim], dtype, seed=17, small=True)
    cval = cval_for(dtype)
    for radius in (None, 1, 5, 20):
        for sigma, order in ((1.4, 0), (0.9, 1)):
            if order and np.dtype(dtype).kind == "u":
                continue
            a = x0.copy()
            r = kt_ndimage.gaussian_filter(
                a, sigma, order=order, output=a, mode=mode, cval=cval, radius=radius
            )
            assert r is a
            ref = sp_ndimage.gaussian_filter(
                x0.copy(), sigma, order=order, mode=mode, cval=cval, radius=radius
            )
            _compare_inplace(
                a,
                ref,
                x0,
                "gaussian_filter",
                sigma,
                order=order,
                mode=mode,
                cval=cval,
                radius=radius,
            )
            for axis in range(ndim):
                a = x0.copy()
                r = kt_ndimage.gaussian_filter1d(
                    a, sigma, axis, order, a, mode, cval, radius=radius
                )
                assert r is a
                ref = sp_ndimage.gaussian_filter1d(
                    x0.copy(), sigma, axis, order, None, mode, cval, radius=radius
                )
                _compare_inplace(
                    a,
                    ref,
                    x0,
                    "gaussian_filter1d",
                    sigma,
                    axis,
                    order,
                    mode=mode,
                    cval=cval,
                    radius=radius,
                )


def _compare_inplace(a, ref, x0, name, *args, **kwargs):
    if a.dtype == np.float32:
        compare_f32(a, x0, name, *args, **kwargs)
    elif a.dtype == np.complex64:
        compare_c64(a, x0, name, *args, **kwargs)
    else:
        assert_like_scipy(a, ref)


def test_in_place_on_views():
    for make in (
        lambda b: b[::2, 1::3],
        lambda b: b[::-1, ::-2],
        lambda b: b.T,
        lambda b: b[1:-1, 2:-2],
    ):
        base = make_data((20, 24), np.float64, seed=18)
        before = base.copy()
        view = make(base)
        x0 = view.copy()
        kt_ndimage.gaussian_filter(view, [1.1, 2.0], output=view, mode="wrap")
        sp = sp_ndimage.gaussian_filter(x0, [1.1, 2.0], mode="wrap")
        assert_like_scipy(view.copy(), sp)
        mask = np.ones(base.shape, bool)
        make(mask)[...] = False
        np.testing.assert_array_equal(base[mask], before[mask])


LARGE_SHAPES = ((2000, 40), (40, 2000), (64, 64, 64))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int16], ids=dtype_id)
@pytest.mark.parametrize("shape", LARGE_SHAPES, ids=str)
def test_in_place_large_threaded(shape, dtype):
    x0 = make_data(shape, dtype, seed=19, small=True)
    short = min(shape)
    for mode in MODES:
        radii = (None, short + 10) if len(shape) == 2 else (None,)
        for radius in radii:
            sigma = 1.5
            a = x0.copy()
            kt_ndimage.gaussian_filter(
                a, sigma, output=a, mode=mode, cval=CVAL, radius=radius, workers=2
            )
            b = x0.copy()
            kt_ndimage.gaussian_filter(
                b, sigma, output=b, mode=mode, cval=CVAL, radius=radius, workers=1
            )
            assert_bitwise_equal(a, b)
            _compare_inplace(
                a,
                sp_ndimage.gaussian_filter(
                    x0, sigma, mode=mode, cval=CVAL, radius=radius
                ),
                x0,
                "gaussian_filter",
                sigma,
                mode=mode,
                cval=CVAL,
                radius=radius,
            )
    # one derivative along each axis, in place, threaded
    for axis in range(len(shape)):
        a = x0.copy()
        kt_ndimage.gaussian_filter1d(a, 2.0, axis, 1, a, "mirror", workers=2)
        _compare_inplace(
            a,
            sp_ndimage.gaussian_filter1d(x0, 2.0, axis, 1, None, "mirror"),
            x0,
            "gaussian_filter1d",
            2.0,
            axis,
            1,
            mode="mirror",
        )


# ==========================================================================
# 6. inputs are never modified


INPUT_CASES = [
    ("2d_C", np.float64),
    ("2d_F", np.float32),
    ("strided", np.float64),
    ("negative_strides", np.int16),
    ("3d_C", np.complex128),
    ("broadcast_rows", np.float64),
    ("1d", np.uint8),
]


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt")
@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize(
    "layout,dtype", INPUT_CASES, ids=[f"{a}-{dtype_id(b)}" for a, b in INPUT_CASES]
)
def test_input_not_modified(name, layout, dtype):
    x = make_layout(layout, dtype, seed=20)
    if x.dtype.kind == "f" and x.flags.writeable:
        x[(0,) * x.ndim] = np.nan
    base = x.base if x.base is not None else x
    base_before = np.array(base, copy=True)
    before = x.copy()
    kwargs_list = [
        {},
        dict(mode="constant", cval=2.0),
        dict(output=np.complex128 if x.dtype.kind == "c" else np.float64),
        dict(workers=2),
        dict(truncate=2.0, mode="wrap"),
    ]
    if x.dtype.kind == "f" and name in ("gaussian_filter", "gaussian_filter1d"):
        kwargs_list.append(dict(nan_policy="omit"))
    for kw in kwargs_list:
        args = (1.3, 0) if name == "gaussian_filter1d" else (1.3,)
        getattr(kt_ndimage, name)(x, *args, **kw)
        assert_bitwise_equal(x, before)
        assert_bitwise_equal(np.asarray(base), base_before)


# ==========================================================================
# 7. bad input: same exception type as scipy; NaN/inf; huge radius; sigma 0


def _x2():
    return make_data((5, 7), np.float64)


def _c2():
    return make_data((5, 7), np.complex128)


BAD = {
    "1d-radius-negative": ("gaussian_filter1d", _x2, (1.0,), dict(radius=-1)),
    "nd-radius-negative": ("gaussian_filter", _x2, (1.0,), dict(radius=-2)),
    "nd-radius-seq-negative": ("gaussian_filter", _x2, (1.0,), dict(radius=[1, -1])),
    "1d-radius-float": ("gaussian_filter1d", _x2, (1.0,), dict(radius=1.5)),
    "1d-radius-float-integral": ("gaussian_filter1d", _x2, (1.0,), dict(radius=2.0)),
    "nd-radius-str": ("gaussian_filter", _x2, (1.0,), dict(radius="2")),
    "nd-radius-npfloat": ("gaussian_filter", _x2, (1.0,), dict(radius=np.float64(2))),
    "1d-negative-sigma-no-radius": ("gaussian_filter1d", _x2, (-1.0,), {}),
    "1d-sigma-nan": ("gaussian_filter1d", _x2, (np.nan,), {}),
    "1d-sigma-inf": ("gaussian_filter1d", _x2, (np.inf,), {}),
    "1d-order-negative": ("gaussian_filter1d", _x2, (1.0,), dict(order=-1)),
    "nd-order-negative": ("gaussian_filter", _x2, (1.0,), dict(order=-1)),
    "nd-order-seq-negative": ("gaussian_filter", _x2, (1.0,), dict(order=[0, -2])),
    "nd-order-float": ("gaussian_filter", _x2, (1.0,), dict(order=1.5)),
    "1d-mode-unknown": ("gaussian_filter1d", _x2, (1.0,), dict(mode="foo")),
    "nd-mode-unknown": ("gaussian_filter", _x2, (1.0,), dict(mode="Reflect")),
    "nd-mode-none": ("gaussian_filter", _x2, (1.0,), dict(mode=None)),
    "nd-mode-seq-unknown": (
        "gaussian_filter",
        _x2,
        (1.0,),
        dict(mode=["wrap", "bogus"]),
    ),
    "laplace-mode-unknown": ("gaussian_laplace", _x2, (1.0,), dict(mode="foo")),
    "ggm-mode-unknown": ("gaussian_gradient_magnitude", _x2, (1.0,), dict(mode="foo")),
    "nd-sigma-len": ("gaussian_filter", _x2, ([1.0, 2.0, 3.0],), {}),
    "nd-order-len": ("gaussian_filter", _x2, (1.0,), dict(order=[0])),
    "nd-mode-len": ("gaussian_filter", _x2, (1.0,), dict(mode=["wrap"] * 3)),
    "nd-radius-len": ("gaussian_filter", _x2, (1.0,), dict(radius=[1])),
    "nd-sigma-len-axes": ("gaussian_filter", _x2, ([1.0, 2.0],), dict(axes=(1,))),
    "laplace-sigma-len": ("gaussian_laplace", _x2, ([1.0, 2.0, 3.0],), {}),
    "ggm-sigma-len": ("gaussian_gradient_magnitude", _x2, ([1.0],), {}),
    "laplace-mode-len": ("gaussian_laplace", _x2, (1.0,), dict(mode=["wrap"] * 3)),
    "nd-axes-repeated": ("gaussian_filter", _x2, (1.0,), dict(axes=(0, 0))),
    "nd-axes-repeated-neg": ("gaussian_filter", _x2, (1.0,), dict(axes=(1, -1))),
    "nd-axes-range": ("gaussian_filter", _x2, (1.0,), dict(axes=(2,))),
    "nd-axes-range-neg": ("gaussian_filter", _x2, (1.0,), dict(axes=(-3,))),
    "1d-axis-range": ("gaussian_filter1d", _x2, (1.0,), dict(axis=2)),
    "1d-axis-range-neg": ("gaussian_filter1d", _x2, (1.0,), dict(axis=-3)),
    "1d-out-shape": (
        "gaussian_filter1d",
        _x2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 6))),
    ),
    "nd-out-shape": (
        "gaussian_filter",
        _x2,
        (1.0,),
        dict(output=lambda: np.zeros((7, 5))),
    ),
    "laplace-out-shape": (
        "gaussian_laplace",
        _x2,
        (1.0,),
        dict(output=lambda: np.zeros(35)),
    ),
    "ggm-out-shape": (
        "gaussian_gradient_magnitude",
        _x2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 7, 1))),
    ),
    "nd-out-readonly": (
        "gaussian_filter",
        _x2,
        (1.0,),
        dict(output=lambda: np.broadcast_to(np.zeros(7), (5, 7))),
    ),
    "1d-out-readonly": (
        "gaussian_filter1d",
        _x2,
        (1.0,),
        dict(output=lambda: np.broadcast_to(np.zeros(7), (5, 7))),
    ),
    "nd-out-str-bool": ("gaussian_filter", _x2, (1.0,), dict(output="bool")),
    "nd-complex-real-out": (
        "gaussian_filter",
        _c2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 7))),
    ),
    "1d-complex-real-out": (
        "gaussian_filter1d",
        _c2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 7))),
    ),
    "nd-complex-real-out-f32": (
        "gaussian_filter",
        _c2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 7), np.float32)),
    ),
    "nd-complex-real-out-int": (
        "gaussian_filter",
        _c2,
        (1.0,),
        dict(output=lambda: np.zeros((5, 7), np.int32)),
    ),
    "nd-complex-real-out-str": ("gaussian_filter", _c2, (1.0,), dict(output="float64")),
    "1d-complex-real-out-str": (
        "gaussian_filter1d",
        _c2,
        (1.0,),
        dict(output="float64"),
    ),
    "nd-complex-real-out-type": (
        "gaussian_filter",
        _c2,
        (1.0,),
        dict(output=np.float64),
    ),
    "nd-real-complex-cval": ("gaussian_filter", _x2, (1.0,), dict(cval=1 + 1j)),
    "1d-real-complex-cval": ("gaussian_filter1d", _x2, (1.0,), dict(cval=1 + 1j)),
    "nd-object": ("gaussian_filter", lambda: _x2().astype(object), (1.0,), {}),
    "1d-object": ("gaussian_filter1d", lambda: _x2().astype(object), (1.0,), {}),
    "laplace-object": ("gaussian_laplace", lambda: _x2().astype(object), (1.0,), {}),
    "nd-sigma-str": ("gaussian_filter", _x2, ("a",), {}),
    "nd-sigma-none": ("gaussian_filter", _x2, (None,), {}),
    "1d-sigma-zero-float": ("gaussian_filter1d", _x2, (0.0,), {}),
    "1d-sigma-zero-int": ("gaussian_filter1d", _x2, (0,), {}),
    "1d-sigma-zero-with-radius": ("gaussian_filter1d", _x2, (0.0,), dict(radius=2)),
    "1d-sigma-zero-order": ("gaussian_filter1d", _x2, (0.0,), dict(order=2, radius=1)),
    # found while writing the suite: outcomes where kernterp and scipy part
    "1d-complex-real-out-type": (
        "gaussian_filter1d",
        _c2,
        (1.0,),
        dict(output=np.float64),
    ),
    "1d-sigma-underflow": ("gaussian_filter1d", _x2, (1e-300,), dict(radius=1)),
    "1d-axis-float": ("gaussian_filter1d", _x2, (1.0,), dict(axis=1.0)),
    "nd-cval-str": ("gaussian_filter", _x2, (1.0,), dict(cval="a")),
    "nd-out-list": (
        "gaussian_filter",
        _x2,
        (1.0,),
        dict(output=lambda: [[0.0] * 7] * 5),
    ),
}
# cases where scipy does not raise (kernterp must then match its result)
SCIPY_SUCCEEDS = {"1d-complex-real-out-type", "nd-out-list"}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_same_exception_as_scipy(case):
    name, make_x, args, kwargs = BAD[case]
    x = make_x()
    sp = call(sp_ndimage, name, x, *args, **kwargs)
    if case in SCIPY_SUCCEEDS:
        assert not isinstance(sp, Raised), sp
        check_both(name, x, *args, **kwargs)
        return
    assert isinstance(sp, Raised), "scipy accepted it: the test case is wrong"
    assert run_both(name, x, *args, **kwargs) is None


def test_sigma_zero_like_scipy():
    x = _x2()
    # Python zeros: ZeroDivisionError in scipy's kernel
    for s in (0.0, 0, -0.0):
        with pytest.raises(ZeroDivisionError):
            sp_ndimage.gaussian_filter1d(x, s)
        with pytest.raises(ZeroDivisionError):
            kt_ndimage.gaussian_filter1d(x, s)
    # numpy zeros: a NaN kernel, i.e. an all-NaN result
    for s in (np.float64(0.0), np.float32(0.0)):
        kt, sp = check_both("gaussian_filter1d", x, s)
        assert np.isnan(kt).all() and np.isnan(sp).all()
    # gaussian_filter skips the axes instead
    for s in (0.0, 0, np.float64(0), [0, 0]):
        kt, sp = check_both("gaussian_filter", x, s)
        np.testing.assert_array_equal(kt, x)
    # a negative sigma with an explicit radius is a valid kernel
    check_both("gaussian_filter1d", x, -1.3, radius=3)


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.complex128], ids=dtype_id)
@pytest.mark.parametrize("mode", MODES)
def test_nan_inf_propagate(mode, dtype):
    x = make_data((12, 11), dtype, seed=21)
    x[3, 4] = np.nan
    x[0, 0] = np.inf
    x[11, 5] = -np.inf
    x[7, 10] = np.nan
    for order in range(3):
        for name, args in (
            ("gaussian_filter", (1.2,)),
            ("gaussian_filter1d", (1.2, 0)),
            ("gaussian_filter1d", (0.8, 1)),
        ):
            res = check_both(name, x, *args, order=order, mode=mode, cval=CVAL)
            kt, sp = res
            np.testing.assert_array_equal(np.isnan(kt), np.isnan(sp))
            np.testing.assert_array_equal(np.isposinf(kt.real), np.isposinf(sp.real))
        if dtype != np.complex128:
            for name in ("gaussian_laplace", "gaussian_gradient_magnitude"):
                kt, sp = check_both(name, x, 1.0, mode=mode, cval=CVAL)
                np.testing.assert_array_equal(np.isnan(kt), np.isnan(sp))
    # NaN / inf as cval
    for cval in (np.nan, np.inf):
        kt, sp = check_both("gaussian_filter", x, 1.0, mode=mode, cval=cval)
        np.testing.assert_array_equal(np.isnan(kt), np.isnan(sp))


@pytest.mark.parametrize("mode", MODES)
def test_huge_radius(mode):
    for shape, axis in (((10,), 0), ((3, 10), -1), ((10, 3), 0)):
        for dtype in (np.float64, np.float32, np.int16):
            x = make_data(shape, dtype, seed=22, small=True)
            for order in (0, 1):
                check_against_scipy(
                    "gaussian_filter1d",
                    x,
                    2.0,
                    axis=axis,
                    order=order,
                    mode=mode,
                    cval=CVAL,
                    radius=10**5,
                )
        x = make_data(shape, np.float64, seed=22)
        check_both("gaussian_filter", x, 2.0, mode=mode, cval=CVAL, radius=10**5)


# ==========================================================================
# 8. concurrent Python threads


def _thread_jobs():
    jobs = []
    for i in range(8):
        dt = np.float64 if i % 2 == 0 else np.float32
        shape = ((257, 190), (64, 33, 40), (1000, 37), (37, 1000))[i % 4]
        x = make_data(shape, dt, seed=100 + i)
        jobs.append((x, [1.0 + 0.3 * i] * x.ndim, MODES[i % len(MODES)], i % 3))
    return jobs


@pytest.mark.parametrize("workers", [1, 2])
def test_concurrent_threads_bitwise(workers):
    jobs = _thread_jobs()
    shared = make_data((300, 200), np.float64, seed=99)

    def run(job):
        x, sigma, mode, order = job
        return kt_ndimage.gaussian_filter(
            x, sigma, order=order, mode=mode, cval=CVAL, workers=workers
        )

    def run_shared(k):
        return kt_ndimage.gaussian_filter1d(
            shared, 1.0 + k, axis=k % 2, workers=workers
        )

    serial = [run(j) for j in jobs]
    serial_shared = [run_shared(k) for k in range(8)]
    results = [None] * 8
    results_shared = [None] * 8
    errors = []
    barrier = threading.Barrier(8)

    def worker(k):
        try:
            barrier.wait()
            for _ in range(3):
                results[k] = run(jobs[k])
                results_shared[k] = run_shared(k)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for a, b in zip(results, serial, strict=True):
        assert_bitwise_equal(a, b)
    for a, b in zip(results_shared, serial_shared, strict=True):
        assert_bitwise_equal(a, b)
    # the serial results are also right
    x, sigma, mode, order = jobs[0]
    check_both("gaussian_filter", x, sigma, order=order, mode=mode, cval=CVAL)


def test_concurrent_threads_same_input_same_call():
    x = make_data((500, 300), np.float32, seed=98)
    ref = kt_ndimage.gaussian_filter(x, 2.5, workers=1)
    out = [None] * 8

    def worker(k):
        out[k] = kt_ndimage.gaussian_filter(x, 2.5, workers=1 + k % 2)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in out:
        assert_bitwise_equal(r, ref)


# ==========================================================================
# 9. workers


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=dtype_id)
@pytest.mark.parametrize(
    "shape", [(300, 257), (2000, 40), (40, 2000), (64, 64, 64)], ids=str
)
def test_workers_bitwise_identical(shape, dtype):
    x = make_data(shape, dtype, seed=23)
    for kw in (
        dict(sigma=2.0),
        dict(sigma=1.0, order=1, mode="constant", cval=CVAL),
        dict(sigma=3.0, mode="wrap", radius=50),
    ):
        sigma = kw.pop("sigma")
        outs = [
            kt_ndimage.gaussian_filter(x, sigma, workers=w, **kw)
            for w in (None, 1, 2, -1, 3)
        ]
        for o in outs[1:]:
            assert_bitwise_equal(o, outs[0])
        for axis in range(x.ndim):
            outs = [
                kt_ndimage.gaussian_filter1d(x, sigma, axis, workers=w, **kw)
                for w in (None, 1, 2, -1)
            ]
            for o in outs[1:]:
                assert_bitwise_equal(o, outs[0])
    for name in ("gaussian_laplace", "gaussian_gradient_magnitude"):
        outs = [getattr(kt_ndimage, name)(x, 1.5, workers=w) for w in (None, 1, 2, -1)]
        for o in outs[1:]:
            assert_bitwise_equal(o, outs[0])


@pytest.mark.parametrize("name", PUBLIC)
def test_workers_zero_raises(name):
    x = _x2()
    args = (1.0, 0) if name == "gaussian_filter1d" else (1.0,)
    with pytest.raises(ValueError):
        getattr(kt_ndimage, name)(x, *args, workers=0)


# ==========================================================================
# 10. gaussian_laplace and gaussian_gradient_magnitude


LAP_CASES = [
    dict(sigma=1.0),
    dict(sigma=[0.7, 1.9]),
    dict(sigma=1.3, mode=["wrap", "constant"], cval=CVAL),
    dict(sigma=1.3, mode=["nearest", "grid-mirror"]),
    dict(sigma=2.0, axes=(1,)),
    dict(sigma=2.0, axes=(0,), mode="constant", cval=CVAL),
    dict(sigma=0.8, axes=(-1, 0)),
    dict(sigma=1.1, truncate=2.0),
    dict(sigma=1.1, radius=[2, 20]),
    dict(sigma=1.1, radius=1, mode="mirror"),
]


@pytest.mark.parametrize(
    "dtype", [np.float64, np.float32, np.int16, np.uint8], ids=dtype_id
)
@pytest.mark.parametrize("name", ["gaussian_laplace", "gaussian_gradient_magnitude"])
@pytest.mark.parametrize("kwargs", LAP_CASES, ids=range(len(LAP_CASES)))
def test_laplace_and_gradient_magnitude(kwargs, name, dtype):
    x = make_data((17, 14), dtype, seed=24, small=True)
    kw = dict(kwargs)
    sigma = kw.pop("sigma")
    check_against_scipy(name, x, sigma, **kw)
    if dtype != np.float32:
        for out in (np.int16, np.float32, "float64"):
            check_both(name, x, sigma, output=out, **kw)
        check_both(name, x, sigma, output=lambda: np.zeros(x.shape, np.int16), **kw)


@pytest.mark.parametrize("name", ["gaussian_laplace", "gaussian_gradient_magnitude"])
def test_laplace_gradient_sigma_sequence_with_axes(name):
    # scipy expands sigma to all axes for gaussian_laplace only; its
    # gaussian_gradient_magnitude passes the short sequence on (RuntimeError)
    x = make_data((7, 8, 6), np.float64, seed=26)
    for sigma, axes in (([2.0], (0,)), ([1.0, 2.0], (2, 0)), ([1.0, 2.0, 0.5], None)):
        run_both(name, x, sigma, axes=axes, mode="constant", cval=CVAL)
        res = check_both(name, x, sigma, axes=axes, mode="nearest")
        if name == "gaussian_laplace" or axes is None:
            assert res is not None


@pytest.mark.parametrize("name", ["gaussian_laplace", "gaussian_gradient_magnitude"])
def test_laplace_gradient_3d(name):
    x = make_data((9, 8, 7), np.float64, seed=25)
    for mode in MODES:
        check_both(name, x, [1.0, 0.6, 1.7], mode=mode, cval=CVAL)
    check_both(
        name, x, [1.0, 0.6], axes=(2, 0), mode=["constant", "reflect"], cval=CVAL
    )
    check_both(name, x, 1.0, axes=())


# ==========================================================================
# 11. nan_policy


def _omit_reference(x, sigma, mode="reflect", cval=0.0, **kw):
    """scipy-built normalised filter: filter(where(m, x, 0)) / filter(m)."""
    m = np.isfinite(x)
    x0 = np.where(m, x, 0.0)
    if mode in ("constant", "grid-constant"):
        finite = np.isfinite(cval)
        num = sp_ndimage.gaussian_filter(
            x0, sigma, mode=mode, cval=cval if finite else 0.0, **kw
        )
        den = sp_ndimage.gaussian_filter(
            m.astype(np.float64), sigma, mode=mode, cval=1.0 if finite else 0.0, **kw
        )
    else:
        num = sp_ndimage.gaussian_filter(x0, sigma, mode=mode, **kw)
        den = sp_ndimage.gaussian_filter(m.astype(np.float64), sigma, mode=mode, **kw)
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / den


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=dtype_id)
@pytest.mark.parametrize("mode", MODES)
def test_nan_omit_without_nan_equals_plain(mode, dtype):
    x = make_data((15, 13), dtype, seed=26)
    for sigma in (1.0, [2.0, 0.7]):
        a = kt_ndimage.gaussian_filter(
            x, sigma, mode=mode, cval=CVAL, nan_policy="omit"
        )
        b = kt_ndimage.gaussian_filter(x, sigma, mode=mode, cval=CVAL)
        assert a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=0, atol=float_atol(dtype))
        a = kt_ndimage.gaussian_filter1d(
            x, 1.5, 0, mode=mode, cval=CVAL, nan_policy="omit"
        )
        b = kt_ndimage.gaussian_filter1d(x, 1.5, 0, mode=mode, cval=CVAL)
        np.testing.assert_allclose(a, b, rtol=0, atol=float_atol(dtype))


def _holes(shape, dtype, seed):
    x = make_data(shape, dtype, seed=seed)
    rng = np.random.default_rng(seed)
    x[rng.random(shape) < 0.15] = np.nan
    x[(slice(2, 6),) * len(shape)] = np.nan  # a big hole
    x[(0,) * len(shape)] = np.inf
    return x


OMIT_CASES = [
    ("reflect", 0.0),
    ("nearest", 0.0),
    ("mirror", 0.0),
    ("wrap", 0.0),
    ("constant", 0.0),
    ("constant", 0.8),
    ("grid-constant", -2.0),
    ("constant", np.nan),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=dtype_id)
@pytest.mark.parametrize(
    "mode,cval", OMIT_CASES, ids=[f"{m}-{c}" for m, c in OMIT_CASES]
)
def test_nan_omit_matches_normalised_reference(mode, cval, dtype):
    for shape, sigma in (((40,), 1.5), ((24, 21), [1.0, 2.0]), ((9, 10, 8), 0.9)):
        x = _holes(shape, dtype, seed=27 + len(shape))
        kt = kt_ndimage.gaussian_filter(
            x, sigma, mode=mode, cval=cval, nan_policy="omit"
        )
        ref = _omit_reference(x.astype(np.float64), sigma, mode=mode, cval=cval)
        assert kt.dtype == dtype
        atol = 1e-10 if dtype == np.float64 else 1e-5
        np.testing.assert_allclose(kt, ref, rtol=0, atol=atol, equal_nan=True)
        # no NaN wherever a finite sample lies within the kernel's support
        radius = [int(4.0 * s + 0.5) for s in np.broadcast_to(sigma, (len(shape),))]
        size = [2 * r + 1 for r in radius]
        m = np.isfinite(x)
        fp_mode = "constant" if mode in ("constant", "grid-constant") else mode
        reach = sp_ndimage.maximum_filter(
            m.astype(np.uint8),
            size=size,
            mode=fp_mode,
            cval=1 if np.isfinite(cval) else 0,
        ).astype(bool)
        assert np.isfinite(kt[reach]).all()
        assert np.isnan(kt[~reach]).all()
        # a finite x is untouched by the policy when there are no holes
        assert not np.isnan(kt).all()
        # the 1-D function follows the same definition
        kt1 = kt_ndimage.gaussian_filter1d(
            x, 1.2, -1, mode=mode, cval=cval, nan_policy="omit"
        )
        ref1 = _omit_reference(
            x.astype(np.float64), [0] * (x.ndim - 1) + [1.2], mode=mode, cval=cval
        )
        np.testing.assert_allclose(kt1, ref1, rtol=0, atol=atol, equal_nan=True)


def test_nan_omit_docstring_example():
    x = np.array([1.0, np.nan, 3.0, 4.0])
    np.testing.assert_allclose(
        kt_ndimage.gaussian_filter(x, 1, nan_policy="omit"),
        _omit_reference(x, 1),
        rtol=0,
        atol=1e-12,
    )


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_policy_raise(bad):
    x = make_data((6, 7), np.float64)
    x[2, 3] = bad
    for name in PUBLIC:
        args = (1.0, 0) if name == "gaussian_filter1d" else (1.0,)
        with pytest.raises(ValueError):
            getattr(kt_ndimage, name)(x, *args, nan_policy="raise")
    # finite data: same as propagate
    y = make_data((6, 7), np.float64)
    assert_bitwise_equal(
        kt_ndimage.gaussian_filter(y, 1.0, nan_policy="raise"),
        kt_ndimage.gaussian_filter(y, 1.0),
    )


@pytest.mark.parametrize("with_nan", [True, False])
def test_nan_omit_with_derivative_order_raises(with_nan):
    x = make_data((6, 7), np.float64)
    if with_nan:
        x[1, 1] = np.nan
    with pytest.raises(ValueError):
        kt_ndimage.gaussian_filter(x, 1.0, order=1, nan_policy="omit")
    with pytest.raises(ValueError):
        kt_ndimage.gaussian_filter(x, 1.0, order=[0, 2], nan_policy="omit")
    with pytest.raises(ValueError):
        kt_ndimage.gaussian_filter1d(x, 1.0, order=1, nan_policy="omit")


@pytest.mark.parametrize("name", PUBLIC)
def test_invalid_policy_and_method_strings(name):
    x = make_data((6, 7), np.float64)
    args = (1.0, 0) if name == "gaussian_filter1d" else (1.0,)
    for kw in (
        dict(nan_policy="ignore"),
        dict(nan_policy="OMIT"),
        dict(nan_policy=None),
        dict(method="fast"),
        dict(method="Exact"),
        dict(method=None),
    ):
        with pytest.raises(ValueError):
            getattr(kt_ndimage, name)(x, *args, **kw)


# ==========================================================================
# 12. property test


@st.composite
def filter_cases(draw):
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 9), min_size=ndim, max_size=ndim)))
    # per-axis sigmas are 0 (axis skipped) or a usable width; a sigma whose
    # square underflows is an error-parity case (test_bad_input_...)
    axis_sigma = st.one_of(st.just(0.0), st.floats(0.05, 4.0))
    sigma = draw(
        st.one_of(
            st.floats(0.05, 4.0),
            st.lists(axis_sigma, min_size=ndim, max_size=ndim),
        )
    )
    order = draw(
        st.one_of(
            st.integers(0, 3), st.lists(st.integers(0, 3), min_size=ndim, max_size=ndim)
        )
    )
    mode = draw(
        st.one_of(
            st.sampled_from(MODES),
            st.lists(st.sampled_from(MODES), min_size=ndim, max_size=ndim),
        )
    )
    radius = draw(st.one_of(st.none(), st.integers(0, 12)))
    cval = draw(st.floats(-3.0, 3.0))
    fortran = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    return shape, sigma, order, mode, radius, cval, fortran, seed


@settings(max_examples=60, deadline=None)
@given(filter_cases())
def test_property_float64_equals_scipy(case):
    shape, sigma, order, mode, radius, cval, fortran, seed = case
    x = make_data(shape, np.float64, seed=seed) * 4 - 2
    if fortran:
        x = np.asfortranarray(x)
    kw = dict(order=order, mode=mode, cval=cval, radius=radius)
    kt, sp = run_both("gaussian_filter", x, sigma, **kw)
    assert_like_scipy(kt, sp)
    axis = seed % len(shape)
    s1 = sigma[axis] if isinstance(sigma, list) else sigma
    if s1 > 0:
        o1 = order[axis] if isinstance(order, list) else order
        m1 = mode[axis] if isinstance(mode, list) else mode
        kt, sp = run_both(
            "gaussian_filter1d", x, s1, axis, o1, mode=m1, cval=cval, radius=radius
        )
        assert_like_scipy(kt, sp)


# ==========================================================================
# module: fallback to scipy.ndimage


def test_module_falls_back_to_scipy():
    for name in (
        "median_filter",
        "zoom",
        "label",
        "correlate1d",
        "uniform_filter",
        "shift",
    ):
        assert getattr(kt_ndimage, name) is getattr(sp_ndimage, name)
    from kernterp.ndimage import median_filter

    assert median_filter is sp_ndimage.median_filter
    with pytest.raises(AttributeError):
        kt_ndimage.no_such_function  # noqa: B018
    assert {"gaussian_filter", "median_filter", "zoom"} <= set(dir(kt_ndimage))
    for name in PUBLIC:
        assert getattr(kt_ndimage, name) is not getattr(sp_ndimage, name)
    x = make_data((8, 9), np.float64)
    np.testing.assert_array_equal(
        kt_ndimage.median_filter(x, 3), sp_ndimage.median_filter(x, 3)
    )


def test_int_helper_is_strict():
    # the comparison helper itself: a difference of 2 is never tolerated
    a = np.array([0, 1, 2], np.uint8)
    with pytest.raises(AssertionError):
        assert_ints_match(a, a + np.uint8(2))
    assert_ints_match(a, np.array([0, 1, 3], np.uint8), max_fraction=0.5)
    assert_ints_match(np.array([0], np.uint16), np.array([65535], np.uint16))


@pytest.mark.parametrize("sigma", [0.7, 1.5, 3.0, 6.0])
@pytest.mark.parametrize("order", [0, 1, 2])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_value_independent_of_its_position(sigma, order, dtype):
    # every output is one fixed sequence of operations, whether it falls in
    # a vector lane, a masked or scalar tail, or a block: moving the data
    # (columns shifted, lines rotated with mode='wrap') moves the results
    # bit for bit (what the dask path's exactness rests on)
    rng = np.random.default_rng(7)
    x = (rng.random((80, 53)) * 100).astype(dtype)
    rows = kt_ndimage.gaussian_filter1d(x, sigma, axis=0, order=order, mode="wrap")
    for j in range(0, 21):
        got = kt_ndimage.gaussian_filter1d(
            x[:, j:], sigma, axis=0, order=order, mode="wrap"
        )
        assert np.array_equal(got, rows[:, j:]), j
    line = (rng.random((3, 83)) * 100).astype(dtype)
    cols = kt_ndimage.gaussian_filter1d(line, sigma, axis=1, order=order, mode="wrap")
    for i in range(0, 83, 3):
        got = kt_ndimage.gaussian_filter1d(
            np.roll(line, -i, axis=1), sigma, axis=1, order=order, mode="wrap"
        )
        assert np.array_equal(got, np.roll(cols, -i, axis=1)), i
