"""kernterp.kernels.gaussian_pool against a numpy oracle (np.pad + reshape + einsum)."""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest
from scipy.special import ndtr

from kernterp.kernels import gaussian_pool

# scipy.ndimage mode -> np.pad mode with the same extension
PAD = {
    "reflect": "symmetric",
    "grid-mirror": "symmetric",
    "mirror": "reflect",
    "nearest": "edge",
    "wrap": "wrap",
    "grid-wrap": "wrap",
    "constant": "constant",
    "grid-constant": "constant",
}
DEFAULT_SIGMA = 1.0 / (2.0 * math.sqrt(2.0 * math.log(2.0)))


def ref_weights(s, sigma, method="integrate"):
    """The block weights, computed independently of kernterp (in float64)."""
    edges = np.arange(s + 1) - s / 2.0
    if method == "integrate":
        w = np.diff(ndtr(edges / sigma))
    else:
        centres = edges[:-1] + 0.5
        w = np.exp(-(centres**2) / (2 * sigma**2))
    return w / w.sum()


def ref_pool(
    x, size, sigma=None, axes=(-2, -1), mode="trim", cval=0.0, method="integrate"
):
    """np.pad (scipy mode semantics) + reshape + einsum, in float64."""
    x = np.asarray(x)
    axes = (axes,) if np.isscalar(axes) else tuple(axes)
    axes = [a % x.ndim for a in axes]
    sizes = list(size) if np.iterable(size) else [size] * len(axes)
    if sigma is None:
        sigmas = [s * DEFAULT_SIGMA for s in sizes]
    else:
        sigmas = list(sigma) if np.iterable(sigma) else [sigma] * len(axes)
    y = x.astype(np.complex128 if x.dtype.kind == "c" else np.float64)
    for ax, s, sg in zip(axes, sizes, sigmas, strict=True):
        n = y.shape[ax]
        if mode == "trim":
            y = np.take(y, np.arange(n // s * s), axis=ax)
        else:
            pad = [(0, 0)] * y.ndim
            pad[ax] = (0, -n % s)
            kw = {"constant_values": cval} if PAD[mode] == "constant" else {}
            y = np.pad(y, pad, mode=PAD[mode], **kw)
        m = y.shape[ax] // s
        y = y.reshape(y.shape[:ax] + (m, s) + y.shape[ax + 1 :])
        w = ref_weights(s, sg, method)
        y = np.moveaxis(np.tensordot(y, w, axes=([ax + 1], [0])), -1, -1)
    return y


def expected_dtype(dt):
    dt = np.dtype(dt)
    if dt.kind == "c":
        return dt
    if dt.kind == "f" and dt.itemsize <= 4:
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def check(x, *args, **kwargs):
    before = np.array(x, copy=True)
    got = gaussian_pool(x, *args, **kwargs)
    kwargs.pop("workers", None)
    want = ref_pool(x, *args, **kwargs)
    assert got.dtype == expected_dtype(np.asarray(x).dtype)
    assert got.shape == want.shape
    single = got.dtype in (np.float32, np.complex64)
    scale = max(1.0, float(np.max(np.abs(want))) if want.size else 1.0)
    atol = (2e-6 if single else 1e-12) * scale
    np.testing.assert_allclose(got, want, rtol=0, atol=atol)
    np.testing.assert_array_equal(np.asarray(x), before)  # input unmodified
    return got


def data(shape, dtype=np.float64, seed=0):
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    if dt.kind in "iu":
        return rng.integers(0, 200, size=shape).astype(dt)
    if dt.kind == "b":
        return rng.random(shape) < 0.5
    return rng.random(shape).astype(dt)


# --------------------------------------------------------------------------
# values


@pytest.mark.parametrize(
    "dtype", [np.float32, np.float64, np.int16, np.uint8, np.int64, bool]
)
@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 8])
def test_dtypes_sizes(dtype, size):
    check(data((37, 45), dtype), size)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    "layout", ["C", "F", "strided", "negative", "transposed", "broadcast"]
)
@pytest.mark.parametrize("size", [2, 3, 4, (4, 3)])
def test_layouts(dtype, layout, size):
    base = data((70, 83), dtype, seed=1)
    x = {
        "C": base,
        "F": np.asfortranarray(base),
        "strided": base[::2, 1::3],
        "negative": base[::-1, ::-2],
        "transposed": base.T,
        "broadcast": np.broadcast_to(base[0], (40, 83)),
    }[layout]
    check(x, size)
    check(x, size, mode="reflect")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("size", [2, 3, 4, 5, (3, 4)])
def test_modes(dtype, mode, size):
    x = data((23, 30), dtype, seed=2)
    check(x, size, mode=mode, cval=0.75)
    check(np.asfortranarray(x)[::-1], size, mode=mode, cval=-2.0)


@pytest.mark.parametrize("mode", list(PAD))
def test_modes_short_axis(mode):
    # the pooling size equals the axis; padding longer than half the axis
    x = data((3, 5), seed=3)
    check(x, (2, 4), mode=mode, cval=1.5)
    check(x[:1], (1, 4), mode=mode)
    check(data((1, 7)), (1, 4), mode=mode)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("axes", [(1, 2), (2, 1), (0, 3), (-1, 0), (0,), 2, (-3,)])
def test_batch_axes(dtype, axes):
    x = data((5, 12, 18, 3), dtype, seed=4)
    n = 1 if np.isscalar(axes) else len(axes)
    size = (3, 2)[:n] if n == 2 else 2
    check(x, size, axes=axes)
    check(x, size, axes=axes, mode="wrap")
    check(np.asfortranarray(x), size, axes=axes, mode="mirror")


def test_one_axis_1d():
    check(data(50), 4, axes=-1)
    check(data(50), 4, axes=(0,), mode="nearest")


@pytest.mark.parametrize("method", ["integrate", "sample"])
@pytest.mark.parametrize("sigma", [0.05, 0.7, 2.0, 40.0, (0.5, 3.0)])
def test_sigma_method(sigma, method):
    check(data((24, 24), np.float64), 4, sigma, method=method)
    check(data((24, 24), np.float32), (3, 4), sigma, method=method, mode="reflect")


def test_default_weights():
    # default sigma: FWHM of the Gaussian = the block size
    got = gaussian_pool(np.eye(4)[:, None, :], 4, axes=-1).ravel()
    np.testing.assert_allclose(got, ref_weights(4, 4 * DEFAULT_SIGMA), atol=1e-15)
    assert got[0] == got[3] and got[1] == got[2]


def test_tiny_sigma():
    # integrated weights stay defined: the middle cell(s) take everything
    x = data((8, 9))
    got = gaussian_pool(x, 3, 1e-300, axes=-1)
    np.testing.assert_array_equal(got, x[:, 1::3][:, :3])
    got = gaussian_pool(x, 2, 1e-300, axes=-1, method="sample")
    np.testing.assert_allclose(got, (x[:, 0:8:2] + x[:, 1:8:2]) / 2)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32])
@pytest.mark.parametrize("mode", ["trim", "reflect", "nearest", "wrap", "mirror"])
def test_constant_image(dtype, mode):
    x = np.full((29, 34), 7, dtype)
    got = gaussian_pool(x, (4, 3), mode=mode)
    np.testing.assert_allclose(got, 7, rtol=1e-6 if dtype == np.float32 else 1e-14)


def test_complex():
    x = data((12, 16)) + 1j * data((12, 16), seed=9)
    check(x.astype(np.complex64), 4)
    check(x, 3, mode="constant", cval=0.5)


def test_float16():
    check(data((12, 16), np.float16), 4)


def test_nan_propagates_locally():
    x = data((16, 16))
    x[5, 6] = np.nan
    got = gaussian_pool(x, 4)
    assert np.isnan(got[1, 1]) and np.isfinite(got).sum() == 15


def test_empty_batch():
    got = gaussian_pool(np.zeros((0, 8, 8)), 4)
    assert got.shape == (0, 2, 2) and got.dtype == np.float64


# --------------------------------------------------------------------------
# threads


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_threads_bitwise(dtype):
    x = data((257, 389), dtype, seed=5)
    one = gaussian_pool(x, 4, workers=1)
    for w in (2, 3, 7, None, -1):
        np.testing.assert_array_equal(gaussian_pool(x, 4, workers=w), one)
    b = data((6, 64, 64, 3), dtype)
    one = gaussian_pool(b, 3, axes=(1, 2), mode="reflect", workers=1)
    np.testing.assert_array_equal(
        gaussian_pool(b, 3, axes=(1, 2), mode="reflect", workers=5), one
    )


def test_concurrent_calls():
    x = data((300, 300), np.float32)
    want = gaussian_pool(x, 4, workers=1)
    results = [None] * 8

    def run(i):
        results[i] = gaussian_pool(x, 4, workers=2)

    ts = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for r in results:
        np.testing.assert_array_equal(r, want)


def test_large_float32_matches_reshape_recipe():
    x = data((512, 520), np.float32)
    w = ref_weights(4, 4 * DEFAULT_SIGMA)
    w2 = (w[:, None] * w[None, :]).astype(np.float32)
    h, wd = 512, 520
    y = x[:h, :wd].reshape(128, 4, 130, 4)
    recipe = (y * w2[None, :, None, :]).sum(axis=(1, 3))
    np.testing.assert_allclose(gaussian_pool(x, 4), recipe, atol=2e-6)


# --------------------------------------------------------------------------
# errors


@pytest.mark.parametrize("sigma", [0, -1.0, np.nan, np.inf, -np.inf, (1.0, 0.0)])
def test_bad_sigma(sigma):
    with pytest.raises(ValueError, match="sigma"):
        gaussian_pool(data((8, 8)), 2, sigma)


@pytest.mark.parametrize("size", [0, -2, 9, (2, 9), (9, 2), (2, 2, 2)])
def test_bad_size(size):
    with pytest.raises(ValueError, match="size"):
        gaussian_pool(data((8, 8)), size)


def test_bad_size_type():
    with pytest.raises(ValueError, match="size"):
        gaussian_pool(data((8, 8)), 2.5)


@pytest.mark.parametrize("axes", [(0, 0), (1, -1), (0, 2), (-3,), (), (0, 1, 2)])
def test_bad_axes(axes):
    with pytest.raises(ValueError, match="axes"):
        gaussian_pool(data((8, 8)), 2, axes=axes)


def test_bad_ndim():
    with pytest.raises(ValueError, match="dimension"):
        gaussian_pool(data(8), 2)
    with pytest.raises(ValueError, match="dimension"):
        gaussian_pool(np.float64(3.0), 1, axes=0)


@pytest.mark.parametrize("mode", ["bogus", "symmetric", None, 3])
def test_bad_mode(mode):
    with pytest.raises(RuntimeError, match="mode"):
        gaussian_pool(data((8, 8)), 2, mode=mode)


def test_bad_method_dtype():
    with pytest.raises(ValueError, match="method"):
        gaussian_pool(data((8, 8)), 2, method="box")
    with pytest.raises(TypeError, match="dtype"):
        gaussian_pool(np.zeros((8, 8), object), 2)
    with pytest.raises(ValueError, match="workers"):
        gaussian_pool(data((8, 8)), 2, workers=0)
