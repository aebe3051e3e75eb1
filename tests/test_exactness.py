"""float64 and integer results are scipy's, bit for bit.

kernterp uses scipy's weights, its summation order (centre, then pairs from
the outermost in) and no fused multiply-add in float64, and runs the axes in
scipy's order when that order is already outermost-first (C-ordered data
filtered along all axes), so nothing differs in the last bit.  A coin-toss
truncation on a ramp (22.0 vs 21.999...) is what this guards against."""

import numpy as np
import pytest
import scipy.ndimage as sp

from kernterp import ndimage as kt

MODES = ["reflect", "constant", "nearest", "mirror", "wrap"]


def test_ramp_truncates_like_scipy():
    a = np.arange(50, step=2).reshape((5, 5))
    np.testing.assert_array_equal(kt.gaussian_filter(a, 1), sp.gaussian_filter(a, 1))


@pytest.mark.parametrize("dtype", [np.float64, np.uint8, np.int16, np.int32, np.uint16])
@pytest.mark.parametrize("workers", [1, 2])
def test_random_cases_bit_identical(dtype, workers):
    rng = np.random.default_rng(42)
    for trial in range(60):
        shape = tuple(int(n) for n in rng.integers(1, 30, size=rng.integers(1, 4)))
        x = (rng.random(shape) * 200).astype(dtype)
        sigma = float(rng.uniform(0.3, 6))
        order = int(rng.integers(0, 4))
        mode = MODES[trial % len(MODES)]
        got = kt.gaussian_filter(
            x, sigma, order=order, mode=mode, cval=1.5, workers=workers
        )
        want = sp.gaussian_filter(x, sigma, order=order, mode=mode, cval=1.5)
        np.testing.assert_array_equal(
            got, want, err_msg=f"{shape} {sigma} {order} {mode}"
        )


@pytest.mark.parametrize("sigma", [np.float32(1.7), 2, 0.6])
def test_sigma_types_bit_identical(sigma):
    x = np.random.default_rng(3).random((40, 50))
    for order in range(3):
        np.testing.assert_array_equal(
            kt.gaussian_filter1d(x, sigma, order=order),
            sp.gaussian_filter1d(x, sigma, order=order),
        )


def test_large_image_bit_identical_threads():
    x = np.random.default_rng(5).random((600, 700))
    np.testing.assert_array_equal(
        kt.gaussian_filter(x, [3.0, 8.0], order=[1, 2], workers=2),
        sp.gaussian_filter(x, [3.0, 8.0], order=[1, 2]),
    )
