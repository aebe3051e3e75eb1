"""kernterp.kernels' Gaussian kernels against scipy, mpmath and HIPR2."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.ndimage._filters import _gaussian_kernel1d as sp_kernel1d

from kernterp import ndimage as kt_ndimage
from kernterp.kernels import gaussian2d, gaussian_kernel, gaussian_kernel1d

mpmath = pytest.importorskip("mpmath")

SIGMAS = (0.3, 0.5, 1.0, 1.7, 2.5, 7.3, 40.0)


# -- 'sample': scipy.ndimage's kernel, bit for bit -----------------------------


@pytest.mark.parametrize("sigma", SIGMAS)
@pytest.mark.parametrize("order", [0, 1, 2, 3])
@pytest.mark.parametrize("truncate", [4.0, 2.5])
def test_sample_is_scipy_kernel(sigma, order, truncate):
    r = int(truncate * sigma + 0.5)
    k = gaussian_kernel1d(sigma, truncate=truncate, order=order)
    assert k.dtype == np.float64 and k.shape == (2 * r + 1,)
    assert np.array_equal(k, sp_kernel1d(sigma, order, r))
    assert np.array_equal(
        gaussian_kernel1d(sigma, 5, order=order), sp_kernel1d(sigma, order, 5)
    )


def test_sample_is_the_filter_kernel():
    x = np.zeros(41)
    x[20] = 1.0
    for order in (0, 1, 2):
        k = gaussian_kernel1d(2.0, order=order)
        got = kt_ndimage.gaussian_filter1d(x, 2.0, order=order, mode="constant")
        assert np.array_equal(got[20 - 8 : 20 + 9], k)


def _density(x, sigma, order=0):
    t = x / sigma
    he = [np.ones_like(t), t]
    for k in range(1, order):
        he.append(t * he[k] - k * he[k - 1])
    return (
        (-1 / sigma) ** order
        * he[order]
        * np.exp(-0.5 * t * t)
        / (sigma * math.sqrt(2 * math.pi))
    )


@pytest.mark.parametrize("sigma", SIGMAS)
@pytest.mark.parametrize("center", [0.0, 0.3, -1.25])
@pytest.mark.parametrize("order", [0, 1, 2])
def test_sample_unnormalized_is_density(sigma, center, order):
    r = 6
    k = gaussian_kernel1d(sigma, r, center=center, order=order, normalize=False)
    x = np.arange(-r, r + 1) - center
    np.testing.assert_allclose(k, _density(x, sigma, order), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("center", [0.3, -0.5, 2.0])
@pytest.mark.parametrize("order", [0, 1, 2])
def test_sample_shifted_normalized(center, order):
    sigma, r = 1.5, 7
    k = gaussian_kernel1d(sigma, r, center=center, order=order)
    x = np.arange(-r, r + 1) - center
    e = np.exp(-0.5 * (x / sigma) ** 2)
    ref = _density(x, sigma, order) / _density(x, sigma, 0) * e / e.sum()
    np.testing.assert_allclose(k, ref, rtol=1e-13, atol=1e-17)
    # an integer shift moves the unshifted kernel (window edges aside)
    if order == 0 and center == 2.0:
        k0 = gaussian_kernel1d(sigma, r, normalize=False)
        ks = gaussian_kernel1d(sigma, r, center=2.0, normalize=False)
        np.testing.assert_allclose(ks[2:], k0[:-2], rtol=1e-15)


# -- 'integrate': accurate cell masses, tails included ------------------------


def _mp_mass(i, sigma, center, order=0):
    """Cell integral of the order-th derivative of the density, 50 digits."""
    with mpmath.workdps(50):
        s = mpmath.mpf(sigma)
        a = (mpmath.mpf(i) - mpmath.mpf(0.5) - mpmath.mpf(center)) / s
        b = (mpmath.mpf(i) + mpmath.mpf(0.5) - mpmath.mpf(center)) / s
        if order:
            d = lambda t: mpmath.diff(mpmath.npdf, t, order - 1)  # noqa: E731
            return (d(b) - d(a)) / s**order

        def q(t):
            return mpmath.erfc(t / mpmath.sqrt(2)) / 2

        if a >= 0:
            return q(a) - q(b)
        if b <= 0:
            return q(-b) - q(-a)
        return 1 - q(b) - q(-a)


@pytest.mark.parametrize(
    "sigma, center, radius",
    [
        (1.0, 0.0, 36),
        (0.5, 0.3, 19),
        (3.0, 0.0, 100),
        (20.0, 0.25, 650),
        (1000.0, 0.1, 40),
        (0.1, 0.0, 4),
        (2.0, -0.4, 70),
    ],
)
def test_integrate_tails_vs_mpmath(sigma, center, radius):
    k = gaussian_kernel1d(
        sigma, radius, center=center, method="integrate", normalize=False
    )
    idx = (
        list(range(-radius, -radius + 12))
        + list(range(-6, 7))
        + list(range(radius - 12, radius + 1))
    )
    naive_zero = False
    for i in idx:
        ref = _mp_mass(i, sigma, center)
        if ref < 1e-300:
            continue
        got = mpmath.mpf(float(k[i + radius]))
        assert abs(got - ref) / ref <= 1e-13, (i, float(ref), float(got))
        lo, hi = (i - 0.5 - center) / sigma, (i + 0.5 - center) / sigma
        naive = 0.5 * (math.erf(hi / math.sqrt(2)) - math.erf(lo / math.sqrt(2)))
        naive_zero |= naive == 0.0
    if radius / sigma >= 30:
        assert naive_zero  # the cells 30 sigma out that the naive formula loses


@pytest.mark.parametrize("order", [1, 2, 3])
@pytest.mark.parametrize("sigma", [1.0, 40.0])
def test_integrate_derivatives_vs_mpmath(order, sigma):
    r = int(8 * sigma)
    k = gaussian_kernel1d(
        sigma, r, order=order, center=0.2, method="integrate", normalize=False
    )
    ref = np.array(
        [
            float(_mp_mass(i, sigma, 0.2, order))
            for i in range(-r, r + 1, max(1, r // 20))
        ]
    )
    got = k[:: max(1, r // 20)]
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-14 * np.abs(ref).max())


def test_integrate_normalized_and_derivative_is_edge_difference():
    sigma, r = 1.3, 9
    k = gaussian_kernel1d(sigma, r, method="integrate")
    m = gaussian_kernel1d(sigma, r, method="integrate", normalize=False)
    assert abs(k.sum() - 1) < 1e-15
    np.testing.assert_allclose(k, m / m.sum(), rtol=1e-15)
    # order 1: density at the left edge minus density at the right edge
    d = gaussian_kernel1d(sigma, r, method="integrate", normalize=False, order=1)
    e = np.arange(-r, r + 2) - 0.5
    dens = _density(e, sigma)
    np.testing.assert_allclose(d, dens[1:] - dens[:-1], rtol=1e-12, atol=1e-17)


@pytest.mark.parametrize("method", ["sample", "integrate"])
@pytest.mark.parametrize("sigma", SIGMAS)
def test_sums_and_symmetry(method, sigma):
    k = gaussian_kernel1d(sigma, method=method, truncate=6.0)
    assert np.array_equal(k, k[::-1])
    assert abs(k.sum() - 1.0) < 1e-14
    m = gaussian_kernel1d(sigma, method=method, truncate=8.0, normalize=False)
    assert np.array_equal(m, m[::-1])
    # sampled densities sum to 1 up to aliasing, 2 exp(-2 pi^2 sigma^2)
    tol = (
        3 * math.exp(-2 * math.pi**2 * sigma**2) + 1e-13
        if method == "sample"
        else 1e-13
    )
    assert abs(m.sum() - 1.0) < tol
    d = gaussian_kernel1d(sigma, method=method, order=1, truncate=6.0)
    assert np.array_equal(d, -d[::-1])


def test_float32():
    for method in ("sample", "integrate"):
        for kw in ({}, {"center": 0.25}):
            k32 = gaussian_kernel1d(2.0, method=method, dtype=np.float32, **kw)
            k64 = gaussian_kernel1d(2.0, method=method, **kw)
            assert k32.dtype == np.float32
            assert np.array_equal(k32, k64.astype(np.float32))
    g = gaussian_kernel((4, 5), 1.5, theta=0.3, dtype="float32")
    assert g.dtype == np.float32
    assert np.array_equal(g, gaussian_kernel((4, 5), 1.5, theta=0.3).astype(np.float32))


# -- N-d kernels --------------------------------------------------------------


def test_hipr2_5x5_table():
    # HIPR2 "Gaussian smoothing": sigma 1, integrated over each pixel,
    # normalised over the 5x5 window, scaled to integers summing to 273.
    table = np.array(
        [
            [1, 4, 7, 4, 1],
            [4, 16, 26, 16, 4],
            [7, 26, 41, 26, 7],
            [4, 16, 26, 16, 4],
            [1, 4, 7, 4, 1],
        ]
    )
    k = 273 * gaussian_kernel((5, 5), 1.0, method="integrate")
    assert np.abs(k - table).max() < 0.51  # round() gives 6 where 273 k = 6.495
    t = np.floor(k)
    t.flat[np.argsort(t - k, axis=None)[: 273 - int(t.sum())]] += 1
    assert np.array_equal(t, table)


@pytest.mark.parametrize("shape", [(5,), (4,), (3, 4), (6, 7), (2, 3, 4), (1, 1)])
@pytest.mark.parametrize("method", ["sample", "integrate"])
def test_nd_outer_product_and_centring(shape, method):
    sigma = (1.2, 0.8, 2.0)[: len(shape)]
    center = (0.0, 0.3, -0.2)[: len(shape)]
    k = gaussian_kernel(shape, sigma, center=center, method=method, normalize=False)
    ref = np.ones(())
    for n, s, c in zip(shape, sigma, center, strict=True):
        x = np.arange(n) - (n - 1) / 2 - c
        if method == "sample":
            k1 = _density(x, s)
        else:
            k1 = np.array([float(_mp_mass(0, s, -xi)) for xi in x])
        ref = np.multiply.outer(ref, k1)
    np.testing.assert_allclose(k, ref, rtol=1e-14, atol=1e-300)
    kn = gaussian_kernel(shape, sigma, center=center, method=method)
    assert abs(kn.sum() - 1) < 1e-14
    if not any(center):
        pass


def test_even_sizes_are_symmetric_about_the_middle():
    k = gaussian_kernel((4, 6), (1.0, 2.0))
    assert np.array_equal(k, k[::-1, ::-1])
    assert k[1, 2] == k[2, 3] == k.max()
    # the same kernel; gaussian_kernel sums in C, gaussian_kernel1d in numpy
    np.testing.assert_allclose(
        gaussian_kernel(7, 1.0), gaussian_kernel1d(1.0, 3), rtol=1e-15
    )


def _astropy_formula(x, y, amplitude, x0, y0, sx, sy, theta):
    # astropy.modeling.models.Gaussian2D, as documented
    a = np.cos(theta) ** 2 / (2 * sx**2) + np.sin(theta) ** 2 / (2 * sy**2)
    b = np.sin(2 * theta) / (2 * sx**2) - np.sin(2 * theta) / (2 * sy**2)
    c = np.sin(theta) ** 2 / (2 * sx**2) + np.cos(theta) ** 2 / (2 * sy**2)
    dx, dy = x - x0, y - y0
    return amplitude * np.exp(-(a * dx**2 + b * dx * dy + c * dy**2))


@pytest.mark.parametrize("theta", [0.3, -1.0, np.pi / 2, 2.5])
def test_rotated_kernel_is_astropy(theta):
    shape, sy, sx = (7, 10), 1.1, 2.3
    k = gaussian_kernel(
        shape, (sy, sx), center=(0.2, -0.4), theta=theta, normalize=False
    )
    y, x = np.mgrid[0:7, 0:10].astype(float)
    y -= 3 + 0.2
    x -= 4.5 - 0.4
    ref = _astropy_formula(x, y, 1.0, 0, 0, sx, sy, theta) / (2 * np.pi * sx * sy)
    np.testing.assert_allclose(k, ref, rtol=1e-13)
    np.testing.assert_allclose(
        gaussian2d(x, y, 1.0, 0, 0, sx, sy, theta),
        ref * 2 * np.pi * sx * sy,
        rtol=1e-14,
    )


def test_rotated_integrate():
    # isotropic: rotation changes nothing; theta = pi/2 swaps the axes
    a = gaussian_kernel((9, 9), 1.3, theta=0.7, method="integrate", normalize=False)
    b = gaussian_kernel((9, 9), 1.3, method="integrate", normalize=False)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-16)
    a = gaussian_kernel((9, 11), (0.9, 2.0), theta=np.pi / 2, method="integrate")
    b = gaussian_kernel((9, 11), (2.0, 0.9), method="integrate")
    np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-15)


def test_astropy_oracle_if_installed():
    models = pytest.importorskip("astropy.modeling.models")
    x, y = np.meshgrid(np.linspace(-3, 3, 13), np.linspace(-2, 2, 9))
    ref = models.Gaussian2D(2.0, 0.1, -0.2, 1.5, 0.7, 0.4)(x, y)
    np.testing.assert_allclose(
        gaussian2d(x, y, 2.0, 0.1, -0.2, 1.5, 0.7, 0.4), ref, rtol=1e-14
    )


def test_gaussian2d_broadcast_and_dtype():
    x = np.linspace(-2, 2, 5, dtype=np.float32)
    y = np.linspace(-1, 1, 3, dtype=np.float32)[:, None]
    g = gaussian2d(x, y, 2.0, 0.5, 0.0, 1.2, 0.8, 0.3)
    assert g.shape == (3, 5) and g.dtype == np.float32
    ref = _astropy_formula(
        x.astype(float), y.astype(float), 2.0, 0.5, 0.0, 1.2, 0.8, 0.3
    )
    np.testing.assert_allclose(g, ref, rtol=2e-6)
    assert gaussian2d(1, 2).dtype == np.float64 and gaussian2d(1, 2).shape == ()
    assert gaussian2d([1.0, 2.0], 0.0).shape == (2,)
    x0 = x.copy()
    gaussian2d(x, y)
    assert np.array_equal(x, x0)


# -- bad input ----------------------------------------------------------------


@pytest.mark.parametrize("sigma", [0, -1.0, np.nan, np.inf, "a"])
def test_bad_sigma(sigma):
    with pytest.raises(ValueError, match="sigma must be a positive finite number"):
        gaussian_kernel1d(sigma)
    with pytest.raises(ValueError, match="sigma must be a positive finite number"):
        gaussian_kernel((3, 3), (1.0, sigma))
    with pytest.raises(ValueError, match="x_stddev must be a positive finite number"):
        gaussian2d(0, 0, x_stddev=sigma)


@pytest.mark.parametrize("shape", [0, (3, 0), (-1,), ()])
def test_bad_shape(shape):
    with pytest.raises(ValueError, match="shape entries must be >= 1"):
        gaussian_kernel(shape, 1.0)


def test_other_bad_input():
    with pytest.raises(ValueError, match="method"):
        gaussian_kernel1d(1.0, method="area")
    with pytest.raises(ValueError, match="dtype"):
        gaussian_kernel1d(1.0, dtype=np.int32)
    with pytest.raises(ValueError, match="order"):
        gaussian_kernel1d(1.0, order=-1)
    with pytest.raises(ValueError, match="center"):
        gaussian_kernel1d(1.0, center=np.nan)
    with pytest.raises(ValueError, match="theta"):
        gaussian_kernel((3, 3, 3), 1.0, theta=0.2)
    with pytest.raises(ValueError, match="one entry per axis"):
        gaussian_kernel((3, 3), (1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="Radius"):
        gaussian_kernel1d(1.0, -1)
