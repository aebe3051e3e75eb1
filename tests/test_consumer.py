"""Other extensions built against the INSTALLED kernterp (tests/consumer).

Each is compiled in a temporary directory with kernterp.get_include() as its
only kernterp path, as another project would build it, then imported; its
results must equal kernterp's Python functions bit for bit.  The C one is two
files (the multi-file pattern: KERNTERP_UNIQUE_SYMBOL / KERNTERP_NO_IMPORT);
the Cython one cimports kernterp.capi."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest

import kernterp
from kernterp import _ndimage, _pool, ndimage
from kernterp._support import gaussian_weights, kernel_radius

HERE = Path(__file__).resolve().parent / "consumer"
CC = os.environ.get("CC", "cc")
pytestmark = pytest.mark.skipif(
    shutil.which(CC.split()[0]) is None or sys.platform == "win32",
    reason="no C compiler",
)


def _build(tmp: Path, name: str, sources: list[Path]) -> object:
    paths = sysconfig.get_paths()
    out = tmp / (name + sysconfig.get_config_var("EXT_SUFFIX"))
    cmd = [
        *CC.split(),
        "-O1",
        "-shared",
        "-fPIC",
        "-Wall",
        f"-I{paths['include']}",
        f"-I{paths['platinclude']}",
        f"-I{kernterp.get_include()}",
        "-o",
        str(out),
        *map(str, sources),
    ]
    if sys.platform == "darwin":
        cmd += ["-undefined", "dynamic_lookup"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    spec = importlib.util.spec_from_file_location(name, out)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def c_ext(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("c_consumer")
    for f in ("kt_consumer.c", "kt_consumer_guru.c", "kt_consumer.h"):
        shutil.copy(HERE / f, tmp)
    return _build(
        tmp, "kt_consumer", [tmp / "kt_consumer.c", tmp / "kt_consumer_guru.c"]
    )


@pytest.fixture(scope="module")
def cy_ext(tmp_path_factory):
    pytest.importorskip("Cython")
    tmp = tmp_path_factory.mktemp("cy_consumer")
    shutil.copy(HERE / "kt_consumer_cy.pyx", tmp)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cython",
            "-3",
            "-I",
            kernterp.get_include(),
            "kt_consumer_cy.pyx",
            "-o",
            "kt_consumer_cy.c",
        ],
        capture_output=True,
        text=True,
        cwd=tmp,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return _build(tmp, "kt_consumer_cy", [tmp / "kt_consumer_cy.c"])


def _image(shape, dtype=np.float64):
    return np.random.default_rng(5).random(shape).astype(dtype)


def _c_weights_equal(sigmas, orders):
    """Whether kernterp's Python weights (numpy's exp) equal the C core's."""
    for s, o in zip(sigmas, orders, strict=True):
        r = kernel_radius(s, 4.0, None)
        if s and not np.array_equal(
            gaussian_weights(s, o, r), _ndimage.gaussian_kernel1d(s, o, r)
        ):
            return False
    return True


@pytest.mark.parametrize(
    ("sigma", "order", "mode"),
    [
        ((1.5, 3.0), (0, 1), (0, 3)),
        ((2.0, 0.0), (1, 0), (2, 2)),
        ((0.8, 4.0), (0, 0), (4, 1)),
    ],
)
def test_c_gaussian_filter(c_ext, sigma, order, mode):
    x = _image((37, 53))
    out = np.full_like(x, np.nan)
    c_ext.gaussian_filter(x, out, sigma, order, mode, 0.25, 4.0, 2)
    names = ["reflect", "constant", "nearest", "mirror", "wrap"]
    ref = ndimage.gaussian_filter(
        x, sigma, order, mode=[names[m] for m in mode], cval=0.25, workers=1
    )
    # the C weights through kernterp's engine: always the same bits
    passes = [
        (ax, _ndimage.gaussian_kernel1d(s, o, kernel_radius(s, 4.0, None)), m, 0.25)
        for ax, (s, o, m) in enumerate(zip(sigma, order, mode, strict=True))
        if s > 0
    ]
    same_engine = _ndimage.correlate(x, np.empty_like(x), passes, 1)
    np.testing.assert_array_equal(out, same_engine)
    if _c_weights_equal(sigma, order):
        np.testing.assert_array_equal(out, ref)
    else:  # numpy's own (AVX-512) exp rounded a weight differently
        np.testing.assert_allclose(out, ref, rtol=1e-14, atol=1e-15)
    # float32, and in place
    x32 = x.astype(np.float32)
    c_ext.gaussian_filter(x32, x32, sigma, order, mode, 0.25, 4.0, 1)
    np.testing.assert_allclose(x32, ref, rtol=0, atol=2e-6)


def test_c_interp(c_ext):
    xp = np.sort(np.random.default_rng(1).random(200)) * 10
    fp = np.cos(xp)
    x = np.random.default_rng(2).uniform(-1, 11, 10001)
    x[np.arange(0, len(x), 97)[: len(xp[::4])]] = xp[::4]  # queries on knots
    x[5] = np.nan
    out = np.empty_like(x)
    c_ext.interp(x, xp, fp, fp[0], fp[-1], out)
    np.testing.assert_array_equal(out, np.interp(x, xp, fp))
    c_ext.interp(x, xp, fp, -7.0, 9.0, out)
    np.testing.assert_array_equal(out, np.interp(x, xp, fp, left=-7.0, right=9.0))


def test_c_guru_correlate(c_ext):
    x = _image((41, 29))
    w = np.array([0.1, -0.2, 0.5, 0.3, 0.3])
    for axis, mode in ((0, 4), (1, 3)):
        out = np.empty_like(x)
        c_ext.correlate(x, out, axis, w, mode, 0.0)
        ref = _ndimage.correlate(x, np.empty_like(x), [(axis, w, mode, 0.0)], 1)
        np.testing.assert_array_equal(out, ref)
    # the core's status reaches the caller: an unknown mode
    with pytest.raises(ValueError, match="unknown boundary mode"):
        c_ext.correlate(x, np.empty_like(x), 0, w, 9, 0.0)
    # an overlapping output is refused, and left as it was
    y = x.copy()
    with pytest.raises(ValueError, match="overlap"):
        c_ext.correlate(y[:-1], y[1:], 0, w, 0, 0.0)
    np.testing.assert_array_equal(y, x)


def test_c_versions(c_ext):
    import kernterp._capi as capi

    assert c_ext.versions() == (capi.ABI_VERSION, capi.API_VERSION)


def test_cython_consumer(cy_ext):
    x = _image((30, 44))
    out = np.empty_like(x)
    cy_ext.gaussian_filter(x, out, 1.0, 2.5, 0)
    np.testing.assert_array_equal(
        out,
        _ndimage.correlate(
            x,
            np.empty_like(x),
            [
                (0, _ndimage.gaussian_kernel1d(1.0, 0, 4), 0, 0.0),
                (1, _ndimage.gaussian_kernel1d(2.5, 0, 10), 0, 0.0),
            ],
            1,
        ),
    )
    w = np.array([0.2, 0.3, 0.5])
    pooled = np.empty((10, 14))
    cy_ext.pool(x, pooled, 3, w)
    ref = _pool.pool(x, np.empty((10, 14)), (3, 3), (w, w), _pool.TRIM, 0.0, 1)
    np.testing.assert_array_equal(pooled, ref)
