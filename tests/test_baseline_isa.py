"""The baseline (pre-AVX2) build of the hot loops gives the same answers.

CI machines have AVX2, so the dispatcher would never pick the baseline
build; KERNTERP_BASELINE=1 makes it do so.  The checks run in a child
interpreter because the choice is read from the environment."""

import os
import subprocess
import sys
import textwrap

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
    print("baseline ok")
    """
)


def test_baseline_build_agrees():
    env = dict(os.environ, KERNTERP_BASELINE="1")
    res = subprocess.run(
        [sys.executable, "-c", CHECKS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert "baseline ok" in res.stdout
