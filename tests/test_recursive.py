"""method='recursive': the Young-van Vliet recursive Gaussian.

Checked against its own references:

(a) an independent numpy implementation of the same recursion (direct-form
    loops along the lines, float64, the Triggs-Sdika right boundary derived
    here in exact rational arithmetic rather than from the closed form the C
    core evaluates), for every mode, on every axis of 1-D..3-D arrays of any
    layout, in place, and bitwise identical for any number of workers;
(b) the exact Gaussian filter: the accuracy bounds the docstring documents;
(c) bad input.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import ndimage as sp_ndimage

from kernterp import _recursive, ndimage

MODES = ["reflect", "constant", "nearest", "mirror", "wrap"]
CODES = {"reflect": 0, "constant": 1, "nearest": 2, "mirror": 3, "wrap": 4}
NP_PAD = {"reflect": "symmetric", "mirror": "reflect", "wrap": "wrap"}
CVAL = 0.3
# the same filter through different code paths (other strides): rounding only
RTOL = {np.float32: 1e-6, np.float64: 1e-14}


# --------------------------------------------------------------------------
# the reference implementation


def _pad(sigma):
    """Samples the padded modes add on each side (documented behaviour)."""
    return math.ceil(12 * sigma) + 3


def _boundary_matrix(a1, a2, a3):
    """Triggs & Sdika's matrix for w[n] = x[n] + a1 w[n-1] + a2 w[n-2] + a3 w[n-3].

    Derived, not copied: past the right end the input is a constant u, so the
    causal output is u + v[n] with v the free response from the state
    s0 = (w[N-1], w[N-2], w[N-3]) - u: v[N-1+j] = e1' A^j s0, A the companion
    matrix.  The anti-causal pass sums sum_k h[k] v[n+k] with h the impulse
    response of 1 / (1 - a1 z - a2 z^2 - a3 z^3), i.e. it applies
    G = sum_k h[k] A^k = (I - a1 A - a2 A^2 - a3 A^3)^-1.  So the rows of the
    matrix are e1' G A^j, j = 0, 1, 2.  Exact rationals throughout.
    """
    a = [Fraction(a1), Fraction(a2), Fraction(a3)]
    one, zero = Fraction(1), Fraction(0)
    A = [a, [one, zero, zero], [zero, one, zero]]

    def mul(X, Y):
        return [
            [sum(X[i][k] * Y[k][j] for k in range(3)) for j in range(3)]
            for i in range(3)
        ]

    A2 = mul(A, A)
    A3 = mul(A2, A)
    K = [
        [
            (one if i == j else zero)
            - a[0] * A[i][j]
            - a[1] * A2[i][j]
            - a[2] * A3[i][j]
            for j in range(3)
        ]
        for i in range(3)
    ]
    # r0 = e1' K^-1: solve K' r0 = e1 by Gauss-Jordan elimination
    aug = [[K[j][i] for j in range(3)] + [one if i == 0 else zero] for i in range(3)]
    for c in range(3):
        p = next(r for r in range(c, 3) if aug[r][c] != 0)
        aug[c], aug[p] = aug[p], aug[c]
        for r in range(3):
            if r != c:
                f = aug[r][c] / aug[c][c]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[c], strict=True)]
    rows = [[aug[i][3] / aug[i][i] for i in range(3)]]
    for _ in range(2):
        rows.append([sum(rows[-1][k] * A[k][j] for k in range(3)) for j in range(3)])
    return rows


@functools.cache
def _coefficients(sigma):
    """(B, a1, a2, a3, M) with M = B x Triggs-Sdika, as float64."""
    # Young & van Vliet (1995), q(sigma) and the b's as the exact expansion of
    # sum_k c_k (q (1 - 1/z))^k, in the core's order of operations
    if sigma >= 2.5:
        q = 0.98711 * sigma - 0.96330
    else:
        q = 3.97156 - 4.14554 * math.sqrt(1.0 - 0.26891 * sigma)
    c0, c1, c2, c3 = 1.57825, 2.44413, 1.4281, 0.422205
    q2 = q * q
    q3 = q2 * q
    b0 = c0 + c1 * q + c2 * q2 + c3 * q3
    b1 = c1 * q + 2.0 * c2 * q2 + 3.0 * c3 * q3
    b2 = -(c2 * q2 + 3.0 * c3 * q3)
    b3 = c3 * q3
    a1, a2, a3 = b1 / b0, b2 / b0, b3 / b0
    B = 1 - (Fraction(a1) + Fraction(a2) + Fraction(a3))
    M = [[float(B * m) for m in row] for row in _boundary_matrix(a1, a2, a3)]
    return float(B), a1, a2, a3, M


def _reference_lines(x, sigma, mode, cval):
    """Filter the columns of the float64 array x (n, m) along axis 0."""
    n = x.shape[0]
    if mode in NP_PAD:
        P = _pad(sigma)
        if mode == "mirror" and n == 1:
            xe = np.repeat(x, n + 2 * P, axis=0)
        else:
            xe = np.pad(x, ((P, P), (0, 0)), mode=NP_PAD[mode])
        return _reference_lines(xe, sigma, "nearest", cval)[P : P + n]
    B, a1, a2, a3, M = _coefficients(sigma)
    if mode == "constant":
        left = right = np.full(x.shape[1], cval)
    else:
        left, right = x[0], x[-1]
    if x.shape[1] <= 2:  # Python floats are faster than tiny arrays
        cols = [
            _recursion(
                x[:, j].tolist(), float(left[j]), float(right[j]), B, a1, a2, a3, M
            )
            for j in range(x.shape[1])
        ]
        return np.array(cols, dtype=np.float64).T.reshape(x.shape)
    return np.array(_recursion(x, left, right, B, a1, a2, a3, M))


def _recursion(x, left, right, B, a1, a2, a3, M):
    """The two passes over the rows x[0 .. n) (floats, or arrays of columns)."""
    n = len(x)
    # causal: w[i] = B x[i] + a1 w[i-1] + a2 w[i-2] + a3 w[i-3], the left
    # state the steady state of the constant extension (w is shifted by 3)
    w = [left] * 3 + [None] * n
    for i in range(n):
        w[i + 3] = B * x[i] + a1 * w[i + 2] + a2 * w[i + 1] + a3 * w[i]
    # anti-causal from the Triggs-Sdika state y[n-1], y[n], y[n+1]
    v0, v1, v2 = w[n + 2] - right, w[n + 1] - right, w[n] - right
    y = [None] * (n + 2)
    for j in range(3):
        y[n - 1 + j] = M[j][0] * v0 + M[j][1] * v1 + M[j][2] * v2 + right
    for i in range(n - 2, -1, -1):
        y[i] = B * w[i + 3] + a1 * y[i + 1] + a2 * y[i + 2] + a3 * y[i + 3]
    return y[:n]


def reference(x, sigma, axis, mode, cval=CVAL):
    """The recursive filter of x along `axis`, in float64."""
    x = np.moveaxis(np.asarray(x, np.float64), axis, 0)
    shape = x.shape
    y = _reference_lines(x.reshape(shape[0], -1), sigma, mode, cval)
    return np.moveaxis(y.reshape(shape), 0, axis)


def tol(sigma):
    # The rounding noise of a 3rd-order recursion with poles near 1 grows
    # like sigma^3.5: both implementations are within ~3e-14 of an 80-bit
    # one at sigma = 10 and ~2e-11 at sigma = 50 (data in [0, 1]).
    return 1e-12 if sigma <= 10 else 2e-10


def recursive1d(x, sigma, axis=-1, mode="reflect", cval=CVAL, **kw):
    return ndimage.gaussian_filter1d(
        x, sigma, axis=axis, mode=mode, cval=cval, method="recursive", **kw
    )


# --------------------------------------------------------------------------
# (a) the same recursion


@pytest.mark.parametrize("n", [1, 2, 5, 100, 1000])
@pytest.mark.parametrize("sigma", [0.5, 1.0, 2.5, 10.0, 50.0])
@pytest.mark.parametrize("mode", MODES)
def test_line_matches_reference(mode, sigma, n):
    x = np.random.default_rng(n).random(n)
    got = recursive1d(x, sigma, mode=mode)
    np.testing.assert_allclose(
        got, reference(x, sigma, 0, mode), rtol=0, atol=tol(sigma)
    )


def _layouts(shape, rng):
    """The same values as C, Fortran, strided and negative-stride arrays."""
    base = rng.random(shape)
    yield "C", base
    yield "F", np.asfortranarray(base)
    big = rng.random(tuple(2 * s + 1 for s in shape))
    yield "strided", big[tuple(slice(1, None, 2) for _ in shape)]
    yield "negative", big[tuple(slice(None, None, -2) for _ in shape)]
    mixed = np.asfortranarray(big)[tuple(slice(None, s) for s in shape)]
    yield "mixed", mixed[::-1] if shape else mixed


@pytest.mark.parametrize(
    "shape", [(37,), (23, 41), (41, 6), (3, 50), (7, 9, 11), (5, 2, 37), (13, 1, 6)]
)
@pytest.mark.parametrize("sigma", [1.0, 4.0])
def test_every_axis_every_layout(shape, sigma):
    rng = np.random.default_rng(len(shape) * 100 + shape[0])
    for _name, x in _layouts(shape, rng):
        x0 = x.copy()
        for axis in range(len(shape)):
            for mode in MODES:
                ref = reference(x, sigma, axis, mode)
                got = recursive1d(x, sigma, axis, mode)
                np.testing.assert_allclose(got, ref, rtol=0, atol=tol(sigma))
                got32 = recursive1d(x.astype(np.float32), sigma, axis, mode)
                assert got32.dtype == np.float32
                np.testing.assert_allclose(got32, ref, rtol=0, atol=5e-7)
        np.testing.assert_array_equal(x, x0)  # the input is not modified


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_strided_output(dtype):
    rng = np.random.default_rng(3)
    x = rng.random((19, 26)).astype(dtype)
    for axis in (0, 1):
        for mode in MODES:
            out = np.full((38, 52), np.nan, dtype)[::2, ::-2]
            res = recursive1d(x, 2.0, axis, mode, output=out)
            assert res is out
            np.testing.assert_allclose(
                out, recursive1d(x, 2.0, axis, mode), rtol=RTOL[dtype], atol=0
            )


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("mode", MODES)
def test_in_place(dtype, mode):
    rng = np.random.default_rng(4)
    for shape in [(300,), (40, 70), (6, 8, 30)]:
        x = rng.random(shape).astype(dtype)
        for axis in range(len(shape)):
            expected = recursive1d(x, 3.0, axis, mode)
            y = x.copy()
            assert recursive1d(y, 3.0, axis, mode, output=y) is y
            np.testing.assert_array_equal(y, expected)
            # a strided view filtered in place
            z = x.copy()
            view = z[..., ::-1]
            recursive1d(view, 3.0, axis, mode, output=view)
            np.testing.assert_allclose(
                view,
                recursive1d(x[..., ::-1], 3.0, axis, mode),
                rtol=RTOL[dtype],
                atol=0,
            )
        expected = ndimage.gaussian_filter(
            x, 2.0, mode=mode, cval=CVAL, method="recursive"
        )
        y = x.copy()
        ndimage.gaussian_filter(
            y, 2.0, output=y, mode=mode, cval=CVAL, method="recursive"
        )
        np.testing.assert_array_equal(y, expected)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_workers_bitwise_identical(dtype):
    rng = np.random.default_rng(5)
    for shape in [(257, 301), (9, 70, 61), (70000,)]:
        x = rng.random(shape).astype(dtype)
        for axis in range(len(shape)):
            for mode in MODES:
                one = recursive1d(x, 6.0, axis, mode, workers=1)
                two = recursive1d(x, 6.0, axis, mode, workers=2)
                assert np.array_equal(one, two)
        one = ndimage.gaussian_filter(x, 2.5, method="recursive", workers=1)
        two = ndimage.gaussian_filter(x, 2.5, method="recursive", workers=2)
        assert np.array_equal(one, two)


def test_multi_axis_is_the_composition():
    x = np.random.default_rng(6).random((12, 17, 9))
    ref = reference(
        reference(reference(x, 1.5, 0, "wrap"), 2.0, 1, "wrap"), 1.0, 2, "wrap"
    )
    got = ndimage.gaussian_filter(x, [1.5, 2.0, 1.0], mode="wrap", method="recursive")
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12)
    got = ndimage.gaussian_filter(x, [1.5, 0, 1.0], mode="wrap", method="recursive")
    np.testing.assert_allclose(
        got, reference(reference(x, 1.5, 0, "wrap"), 1.0, 2, "wrap"), rtol=0, atol=1e-12
    )


@functools.cache
def _long_line_case(n, dtype, mode):
    x = np.random.default_rng(7).random((n, 2)).astype(dtype)
    return x, reference(x, 3.0, 0, mode)


@pytest.mark.parametrize(
    "n, dtype, mode",
    [
        (140000, np.float64, "nearest"),
        (140000, np.float64, "reflect"),
        (270000, np.float32, "nearest"),
    ],
)
def test_long_lines(n, dtype, mode):
    # lines too long for blocks of 8 lines, or few columns: one at a time
    x, ref = _long_line_case(n, dtype, mode)
    atol = 1e-12 if dtype == np.float64 else 5e-7
    np.testing.assert_allclose(recursive1d(x, 3.0, 0, mode), ref, rtol=0, atol=atol)
    np.testing.assert_allclose(recursive1d(x.T, 3.0, 1, mode), ref.T, rtol=0, atol=atol)


def test_long_columns():
    # more than 8 columns: blocks of 8 columns larger than the usual budget
    x = np.random.default_rng(11).random((140000, 9))
    ref = reference(x, 3.0, 0, "wrap")
    np.testing.assert_allclose(recursive1d(x, 3.0, 0, "wrap"), ref, rtol=0, atol=1e-12)


def test_integer_input_follows_the_float64_path():
    x = np.arange(60, dtype=np.int16).reshape(6, 10) * 7
    got = ndimage.gaussian_filter(x, 1.5, method="recursive")
    assert got.dtype == np.int16
    step = reference(x, 1.5, 0, "reflect").astype(np.int16)
    np.testing.assert_array_equal(
        got, reference(step, 1.5, 1, "reflect").astype(np.int16)
    )


def test_lines_are_independent():
    # a NaN spreads to its whole line (infinite support) and to no other line
    x = np.random.default_rng(8).random((40, 45))
    x[17, 23] = np.nan
    for axis in (0, 1):
        got = recursive1d(x, 2.0, axis, "nearest")
        nan_line = got[:, 23] if axis == 0 else got[17]
        assert np.isnan(nan_line).all()
        clean = np.delete(x, 23, axis=1) if axis == 0 else np.delete(x, 17, axis=0)
        rest = np.delete(got, 23, axis=1) if axis == 0 else np.delete(got, 17, axis=0)
        np.testing.assert_array_equal(rest, recursive1d(clean, 2.0, axis, "nearest"))


def test_empty():
    for shape in [(0,), (0, 5), (5, 0), (3, 0, 4)]:
        x = np.empty(shape, np.float32)
        for axis in range(len(shape)):
            assert recursive1d(x, 2.0, axis).shape == shape
        assert ndimage.gaussian_filter(x, 2.0, method="recursive").shape == shape


# --------------------------------------------------------------------------
# (b) accuracy against the exact Gaussian


def documented_bound(sigma):
    """Worst case over all inputs, per axis, as a fraction of the data range."""
    for upper, bound in [
        (1.5, 0.078),
        (2, 0.055),
        (3, 0.041),
        (5, 0.028),
        (10, 0.024),
        (20, 0.017),
    ]:
        if sigma < upper:
            return bound
    return 0.011


def exact(x, sigma, axis=None):
    if axis is None:
        return sp_ndimage.gaussian_filter(x, sigma, mode="nearest", truncate=8)
    return sp_ndimage.gaussian_filter1d(x, sigma, axis=axis, mode="nearest", truncate=8)


SIGMAS = [1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0, 20.0, 30.0, 50.0]


@pytest.mark.parametrize("sigma", SIGMAS)
def test_impulse_response_within_documented_bound(sigma):
    # For a linear filter with error kernel e = h - g, the largest error over
    # all inputs in [0, 1] is sum(e[e > 0]) (put 1 where e > 0, 0 elsewhere).
    N = int(16 * sigma) + 20
    x = np.zeros(2 * N + 1)
    x[N] = 1
    h = ndimage.gaussian_filter(x, sigma, mode="nearest", method="recursive")
    e = h - exact(x, sigma)
    assert abs(e.sum()) < 1e-8  # both sum to 1 (but for a tail of the recursive one)
    assert e[e > 0].sum() <= documented_bound(sigma)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("sigma", SIGMAS)
def test_random_data_within_documented_bound(sigma, dtype):
    rng = np.random.default_rng(int(sigma * 10))
    x = rng.random(max(20000, int(200 * sigma))).astype(dtype)
    got = ndimage.gaussian_filter(x, sigma, mode="nearest", method="recursive")
    err = np.abs(got - exact(x.astype(np.float64), sigma)).max()
    assert err <= documented_bound(sigma)
    x2 = rng.random((160, 170)).astype(dtype)
    got = ndimage.gaussian_filter(x2, sigma, mode="nearest", method="recursive")
    err = np.abs(got - exact(x2.astype(np.float64), sigma)).max()
    assert err <= 2 * documented_bound(sigma)  # errors add up over the axes


@pytest.mark.parametrize("dtype, rtol", [(np.float32, 1e-6), (np.float64, 1e-12)])
@pytest.mark.parametrize("mode", MODES)
def test_constant_image_stays_constant(mode, dtype, rtol):
    for value in [1.0, 0.1, -3.7e4, 1e30]:
        x = np.full((33, 47), value, dtype)
        for sigma in [0.5, 3.0, 50.0, 400.0]:
            got = ndimage.gaussian_filter(
                x, sigma, mode=mode, cval=value, method="recursive"
            )
            np.testing.assert_allclose(got, x, rtol=rtol, atol=0)


def test_padding_error_is_negligible():
    # reflect/mirror/wrap pad by ceil(12 sigma) + 3: against the same filter
    # on a line padded four times further, the difference is < 2e-7
    rng = np.random.default_rng(9)
    for sigma in [1.0, 5.0, 30.0]:
        x = rng.random(200)
        for mode in ("reflect", "mirror", "wrap"):
            P = 4 * _pad(sigma)
            far = np.pad(x, P, mode=NP_PAD[mode])
            ref = reference(far, sigma, 0, "nearest")[P:-P]
            assert np.abs(recursive1d(x, sigma, mode=mode) - ref).max() < 2e-7


# --------------------------------------------------------------------------
# (c) bad input


def test_order_is_rejected():
    x = np.ones((5, 6))
    with pytest.raises(ValueError, match="order=0"):
        ndimage.gaussian_filter(x, 2.0, order=1, method="recursive")
    with pytest.raises(ValueError, match="order=0"):
        ndimage.gaussian_filter(x, 2.0, order=[0, 2], method="recursive")
    with pytest.raises(ValueError, match="order=0"):
        ndimage.gaussian_filter1d(x, 2.0, order=1, method="recursive")
    with pytest.raises(ValueError, match="order=0"):
        ndimage.gaussian_laplace(x, 2.0, method="recursive")
    with pytest.raises(ValueError, match="order=0"):
        ndimage.gaussian_gradient_magnitude(x, 2.0, method="recursive")


@pytest.mark.parametrize("sigma", [0.3, 0.4999, 1e-10, float("nan"), float("inf")])
def test_bad_sigma_is_rejected(sigma):
    x = np.ones((5, 6))
    with pytest.raises(ValueError, match="sigma >= 0.5"):
        ndimage.gaussian_filter(x, sigma, method="recursive")
    with pytest.raises(ValueError, match="sigma >= 0.5"):
        ndimage.gaussian_filter(x, [2.0, sigma], method="recursive")
    with pytest.raises(ValueError, match="sigma >= 0.5"):
        ndimage.gaussian_filter1d(x, sigma, method="recursive")


def test_zero_sigma():
    x = np.random.default_rng(10).random((5, 6))
    # gaussian_filter skips an axis whose sigma is not above 1e-15, as scipy does
    np.testing.assert_array_equal(ndimage.gaussian_filter(x, 0, method="recursive"), x)
    np.testing.assert_array_equal(
        ndimage.gaussian_filter(x, [0, 2.0], method="recursive"), recursive1d(x, 2.0, 1)
    )
    for sigma in (0, 0.0, -1.0):
        with pytest.raises(ValueError, match="sigma >= 0.5"):
            ndimage.gaussian_filter1d(x, sigma, method="recursive")


def test_core_validation():
    x = np.ones((4, 5))
    out = np.empty_like(x)
    with pytest.raises(ValueError, match="axis"):
        _recursive.recursive_gaussian(x, out, 2, 2.0, 0, 0.0, 1)
    with pytest.raises(RuntimeError, match="mode"):
        _recursive.recursive_gaussian(x, out, 0, 2.0, 7, 0.0, 1)
    with pytest.raises(ValueError, match="domain"):
        _recursive.recursive_gaussian(x, out, 0, 0.49, 0, 0.0, 1)
    with pytest.raises(TypeError):
        _recursive.recursive_gaussian(x, out.astype(np.float32), 0, 2.0, 0, 0.0, 1)
