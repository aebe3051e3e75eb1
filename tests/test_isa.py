"""Every instruction-set level this machine runs gives the same answers.

The dispatcher picks the highest level built and supported; KERNTERP_ISA
selects each of the others, so that every build of the hot loops (baseline,
AVX2, AVX-512) is checked against the references here.  The checks run in a
child interpreter per level, because the level is chosen once per process.
The whole test suite runs under every level in .ci/run as well."""

import os
import subprocess
import sys
import textwrap

import pytest

import kernterp._capi as capi

_ISA = capi.isa()
LEVELS = [lv for lv in _ISA["compiled"] if lv in _ISA["supported"]]

CHECKS = textwrap.dedent(
    """
    import numpy as np
    import scipy.ndimage as sp
    from scipy.stats import multivariate_normal

    import kernterp as kt
    from kernterp import ndimage

    rng = np.random.default_rng(0)
    a = rng.random((67, 301))
    for s, o, m in [(1.0, 0, "reflect"), (3.0, 1, "wrap"), (0.7, 2, "constant")]:
        for w in (1, 2):
            got = ndimage.gaussian_filter(a, s, order=o, mode=m, workers=w)
            assert np.array_equal(got, sp.gaussian_filter(a, s, order=o, mode=m))
            ref = sp.gaussian_filter(a, s, order=o, mode=m)
            got32 = ndimage.gaussian_filter(a.astype(np.float32), s, order=o, mode=m)
            assert np.abs(got32 - ref).max() < 1e-5
    rec = ndimage.gaussian_filter(a, 4.0, method="recursive", mode="nearest")
    exact = sp.gaussian_filter(a, 4.0, mode="nearest", truncate=8)
    assert np.abs(rec - exact).max() < 0.05

    x = np.linspace(-3, 3, 101)
    covs = [[[0.5, -0.2], [-0.2, 0.4]], np.diag([0.3, 0.7])]
    means = [[-1.0, 0.0], [1.0, 0.5]]
    grid = kt.gaussian_mixture_grid([x, x], means, covs, [0.4, 0.6])
    pts = np.stack(np.meshgrid(x, x, indexing="ij"), axis=-1)
    ref = 0.4 * multivariate_normal.pdf(pts, means[0], covs[0])
    ref += 0.6 * multivariate_normal.pdf(pts, means[1], covs[1])
    assert np.allclose(grid, ref, rtol=1e-12, atol=0)

    k = kt.gaussian_kernel((31, 31), (2.0, 3.0), theta=0.4)
    assert abs(k.sum() - 1) < 1e-12
    shifted = kt.gaussian_kernel1d(3.0, 12, center=0.25, normalize=False)
    xs = np.arange(-12, 13) - 0.25
    exact = np.exp(-xs**2 / 18) / (3 * np.sqrt(2 * np.pi))
    assert np.allclose(shifted, exact, rtol=1e-13, atol=0)

    img = rng.random((64, 48)).astype(np.float32)
    pooled = kt.gaussian_pool(img, 4)
    assert pooled.shape == (16, 12) and pooled.dtype == np.float32
    assert np.allclose(kt.gaussian_pool(np.full((8, 8), 3.0), 4), 3.0, rtol=1e-15)

    from kernterp._periodic_api import _periodic_gauss_transform as pgt
    xp = rng.uniform(-1, 7, size=(300, 2))
    qp = rng.normal(size=300)
    for sig in (0.1, 0.8):
        dk = xp[:, None, :] - xp[None, :, :]
        kk = np.ones((300, 300))
        for ax in range(2):
            ka = sum(np.exp(-((dk[..., ax] + 2 * np.pi * n) ** 2) / (2 * sig**2))
                     for n in range(-3, 4))
            kk *= ka
        refp = kk @ qp
        for meth in ("direct", "fourier"):
            gotp = pgt(xp, qp, sig, method=meth, workers=2)[0]
            assert np.abs(gotp - refp).max() <= 1e-10 * np.abs(qp).sum() * 1.01

    from kernterp import _lookup
    from kernterp import _lookup_api as pw

    for xp in (np.sort(rng.uniform(0, 1, 500)), np.linspace(0, 1, 500)):
        fp = rng.standard_normal(500)
        xq = rng.uniform(-0.1, 1.1, 9000)
        for q in (xq, np.sort(xq), xq.astype(np.float32)):
            for p in (0, 1, 2, 3, 4):
                if p == 3 and not _lookup.is_uniform(xp):
                    continue
                k, f = xp.astype(q.dtype), fp.astype(q.dtype)
                got = pw._interp_impl(q, k, f, None, None, None, 1, p)
                if q.dtype == np.float64:
                    assert np.array_equal(got, np.interp(q, k, f))
                idx = np.searchsorted(k, q, "right") - 1
                assert np.array_equal(_lookup.lookup(q, k, p, 1), idx)
    import scipy.interpolate as si

    from kernterp.interpolate import CubicSpline, interp1d

    for xk in (np.linspace(0, 10, 300), np.sort(rng.uniform(0, 10, 300))):
        xq = rng.uniform(-1, 11, 5000)
        got, ref = CubicSpline(xk, np.sin(xk))(xq), si.CubicSpline(xk, np.sin(xk))(xq)
        assert np.allclose(got, ref, rtol=0, atol=1e-10)
        c = np.ascontiguousarray(si.CubicSpline(xk, np.sin(xk)).c[:, :, None])
        g32 = _lookup.ppoly_eval(c.astype(np.float32), xk.astype(np.float32),
                                 xq.astype(np.float32), True, 0, 1)
        assert np.allclose(g32[:, 0], ref, rtol=0, atol=1e-3)
        q = np.clip(xq, xk[0], xk[-1])
        got = interp1d(xk, np.cos(xk), kind="cubic")(q)
        ref = si.interp1d(xk, np.cos(xk), kind="cubic")(q)
        assert np.allclose(got, ref, rtol=0, atol=1e-12)

    from scipy.interpolate import KroghInterpolator

    from kernterp import interpolate as ki

    xn = np.cos((2 * np.arange(30) + 1) * np.pi / 60)
    xn = xn[ki.leja_order(xn)]
    yn = 1 / (1 + 25 * xn**2)
    an = ki.newton_coeffs(xn, yn)
    ref = yn.copy()
    for j in range(1, 30):
        ref[j:] = (ref[j:] - ref[j - 1 : -1]) / (xn[j:] - xn[:-j])
    assert np.array_equal(an, ref)
    tq = rng.uniform(-1, 1, 1001)
    kro = KroghInterpolator(xn, yn)
    val = ki.newton_eval(an, xn, tq, workers=2)
    assert np.allclose(val, kro(tq), rtol=0, atol=1e-13)
    d2 = ki.newton_eval(an, xn, tq, der=2)
    assert np.allclose(d2, kro.derivative(tq, 2), rtol=1e-9)
    got32 = ki.newton_eval(an, xn, tq.astype(np.float32))
    assert got32.dtype == np.float32 and np.abs(got32 - kro(tq)).max() < 1e-4
    print("level ok")
    """
)


def _run_level(level, checks, marker):
    """Run `checks` in a child interpreter on the build of `level`."""
    env = dict(os.environ, KERNTERP_ISA=level)
    check_level = (
        f"import kernterp; assert kernterp._capi.isa()['current'] == {level!r}\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", check_level + checks],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert marker in res.stdout


@pytest.mark.parametrize("level", LEVELS)
def test_level_agrees(level):
    _run_level(level, CHECKS, "level ok")


CHECKS_RBF = textwrap.dedent(
    """
    import numpy as np

    import kernterp as kt

    rng = np.random.default_rng(0)
    X = (1000.0 + rng.normal(size=(300, 32))).astype(np.float32)
    Y = (1000.0 + rng.normal(size=(200, 32))).astype(np.float32)
    for a, b in ((X, None), (X, Y)):
        b64 = a if b is None else b
        diff = a.astype(np.float64)[:, None, :] - b64.astype(np.float64)[None, :, :]
        d2 = np.einsum("ijk,ijk->ij", diff, diff)
        K = kt.rbf_kernel(a, b, var=2.0)
        assert np.abs(K - 2.0 * np.exp(-d2 / 32)).max() <= 2e-6
        D = kt.sqeuclidean_distances(a, b)
        assert np.all(np.abs(D - d2) <= 1e-5 * d2 + 1e-3) and D.min() >= 0
    assert np.all(np.diag(kt.rbf_kernel(X, var=2.0)) == 2.0)
    for d in (3, 24):
        P = rng.normal(size=(500, d))
        w = rng.normal(size=500)
        diff = P[:, None, :] - P[None, :, :]
        ref = np.exp(-0.3 * np.einsum("ijk,ijk->ij", diff, diff)) @ w
        got = kt.gauss_transform(P, w, gamma=0.3)
        assert np.allclose(got, ref, rtol=1e-12, atol=1e-12)
        P32, w32 = P.astype(np.float32), w.astype(np.float32)
        got32 = kt.gauss_transform(P32, w32, gamma=0.3)
        assert np.abs(got32 - ref).max() <= 1e-4 * np.abs(ref).max()
    print("level rbf ok")
    """
)


@pytest.mark.parametrize("level", LEVELS)
def test_level_agrees_rbf(level):
    _run_level(level, CHECKS_RBF, "level rbf ok")


def test_levels_on_x86_64():
    """Every level is built on x86-64, and the one in use is the best."""
    import platform

    if platform.machine().lower() not in ("x86_64", "amd64"):
        pytest.skip("the levels are x86-64's")
    assert _ISA["compiled"] == ["baseline", "avx2", "avx512"]
    if os.environ.get("KERNTERP_ISA") is None:
        assert _ISA["current"] == LEVELS[-1]


def test_unavailable_level_falls_back_with_a_warning():
    code = (
        "import warnings\n"
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        "    import kernterp\n"
        "print(kernterp._capi.isa()['current'], [str(x.message) for x in w])\n"
    )
    env = dict(os.environ, KERNTERP_ISA="no-such-level")
    res = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.split()[0] == LEVELS[-1]
    assert "is not a level" in res.stdout
