"""``import kernterp`` stays light: scipy's big subpackages load on first use.

Each check runs in a fresh interpreter (the test session itself has long
imported scipy).  No timing asserts: the import times are in docs/design.rst.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def _run(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_import_does_not_import_scipy_subpackages():
    out = _run(
        """
        import sys
        import kernterp
        from kernterp import *  # noqa: F403
        import kernterp.kernels, kernterp.ndimage
        heavy = ("scipy.ndimage", "scipy.interpolate", "scipy.linalg", "scipy.stats")
        print(sorted(m for m in sys.modules if m.split(".")[:2] in
                     [h.split(".") for h in heavy]))
        """
    )
    assert out.strip() == "[]"


def test_first_use_imports_what_it_needs():
    # the lazily loaded pieces work in a process that has not imported them
    _run(
        """
        import sys
        import numpy as np
        import kernterp
        from kernterp import kernels, ndimage

        X = np.array([[0.0, 0.0], [1.0, 2.0]])
        K = kernels.rbf_kernel(X, gamma=0.5)
        assert "scipy.linalg" in sys.modules
        assert np.allclose(K, np.exp(-0.5 * ((X[:, None] - X[None]) ** 2).sum(-1)))
        p = kernels.multivariate_normal_pdf([0.0, 0.0], cov=[[2.0, 0.0], [0.0, 2.0]])
        assert np.isclose(p, 1 / (4 * np.pi))
        assert "scipy.ndimage" not in sys.modules
        # a dtype kernterp hands to scipy: scipy.ndimage is imported now
        be = np.dtype(">f8")  # a non-native output dtype: scipy's to fill
        h = ndimage.gaussian_filter(np.arange(5.0), 1.0, output=be)
        assert "scipy.ndimage" in sys.modules
        import scipy.ndimage
        assert ndimage.median_filter is scipy.ndimage.median_filter
        assert h.dtype == be
        assert np.array_equal(h, scipy.ndimage.gaussian_filter(np.arange(5.0), 1.0))
        assert kernterp.interpolate.interp(0.5, [0, 1], [0, 2]) == 1.0
        """
    )


@pytest.mark.parametrize("api", ["", "1"])
def test_reference_found_after_swap_before_first_use(api):
    # what tests/peers does: kernterp's functions swapped into scipy.ndimage
    # AND its defining module, before kernterp's first call; the fallbacks
    # must still reach scipy's own functions (a recursion would show)
    _run(
        f"""
        import os
        if {api!r}:
            os.environ["SCIPY_ARRAY_API"] = {api!r}
        import functools, sys
        import numpy as np
        import kernterp.ndimage as kn

        import scipy.ndimage, scipy.ndimage._filters

        names = ("gaussian_filter", "gaussian_filter1d", "gaussian_laplace",
                 "gaussian_gradient_magnitude")
        for mod in (scipy.ndimage, scipy.ndimage._filters):
            for name in names:
                fn = getattr(kn, name)
                setattr(mod, name, functools.wraps(fn)(
                    lambda *a, _fn=fn, **k: _fn(*a, **k)))
        sys.setrecursionlimit(300)
        for name in names:
            try:
                getattr(kn, name)(np.ones((4, 4), np.float16), 1.0)
            except RuntimeError as exc:
                assert "float16" in str(exc), exc
            else:
                raise AssertionError(name + " took float16")
        """
    )
