"""scipy's and numpy's own test suites, run with kernterp swapped in.

Each suite runs in a subprocess through the pytest plugin
tests/peers/kernterp_peers.py, which replaces the reference's functions by
kernterp's before the test modules are imported and fails a run in which a
swapped name is never called.  Here every run must pass, and every swapped
name must have been called (read from the plugin's summary line).  The
plugin's own checks are tested on small test files written here.

The suites skip themselves (with the reason) where the installed scipy or
numpy does not ship its tests.  A test that fails also without kernterp (the
reference's own suite failing in this environment, e.g. with an array
library newer than the installed scipy supports) is reported as a warning;
any other failure fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings

import pytest

PEERS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers")
sys.path.insert(0, PEERS_DIR)
import kernterp_peers  # noqa: E402

SUITES = {
    "ndimage": (["scipy.ndimage.tests.test_filters"], []),
    "interpolate": (
        [
            "scipy.interpolate.tests.test_interpolate",
            "scipy.interpolate.tests.test_polyint",
            "scipy.interpolate.tests.test_bsplines",
        ],
        [],
    ),
    "interp": (["numpy.lib.tests.test_function_base"], ["-k", "TestInterp"]),
}


def run_plugin(swap, args, cwd, env=None, timeout=1800):
    """``python -m pytest -p kernterp_peers --kernterp-swap=SWAP ARGS`` in `cwd`."""
    environ = dict(os.environ if env is None else env)
    environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (PEERS_DIR, environ.get("PYTHONPATH")) if p
    )
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "kernterp_peers",
        f"--kernterp-swap={swap}",
        "-p",
        "no:cacheprovider",
        "-q",
        "-rfE",
        *args,
    ]
    return subprocess.run(
        cmd, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout
    )


def run_with_baseline(swap, args, cwd, env=None):
    """Run `args` with the swap: (process, failed tests, those of them that
    also fail without the swap).

    A test that fails with the reference's own functions as well (an array
    library newer than the installed scipy knows, say) is not kernterp's
    failure: the failed tests run again, alone, without the swap."""
    report = cwd / "kernterp.json"
    proc = run_plugin(swap, [*args, f"--kernterp-report={report}"], cwd, env)
    out = proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), out[-6000:]  # 1: failed tests, or never called
    failed = set(json.loads(report.read_text())["failed"])
    if not failed:
        assert proc.returncode == 0, out[-6000:]
        return proc, failed, set()
    ref = cwd / "reference.json"
    base = run_plugin(
        "none",
        [*args, f"--kernterp-only={report}", f"--kernterp-report={ref}"],
        cwd,
        env,
    )
    assert base.returncode in (0, 1), base.stdout[-3000:] + base.stderr
    return proc, failed, failed & set(json.loads(ref.read_text())["failed"])


def swap_calls(stdout):
    """The plugin's ``kernterp swap calls: name: n, ...`` line, as a dict."""
    m = re.search(r"^kernterp swap calls: (.*)$", stdout, re.M)
    assert m, stdout[-3000:]
    return {k: int(v) for k, v in re.findall(r"(\w+): (\d+)", m.group(1))}


def outcome_counts(stdout):
    """pytest's closing line (``12 passed, 1 xfailed in 3.2s``) as a dict."""
    last = stdout.strip().splitlines()[-1]
    return {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", last)}


@pytest.mark.parametrize(
    "swap, array_api",
    [
        ("ndimage", False),
        ("ndimage", True),
        ("interpolate", False),
        ("interpolate", True),
        ("interp", False),  # numpy.interp has no array-API mode
    ],
    ids=lambda v: {False: "numpy", True: "SCIPY_ARRAY_API=1"}.get(v, v),
)
def test_peer_suite(swap, array_api, tmp_path):
    """The reference's own tests pass with kernterp's functions swapped in,
    and each swapped name is called (with ``SCIPY_ARRAY_API=1`` scipy's
    tests also run on array-api-strict and dask arrays, which kernterp hands
    to scipy's array-API path)."""
    modules, extra = SUITES[swap]
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"the installed package does not ship its tests: {missing}")
    env = dict(os.environ)
    env.pop("SCIPY_ARRAY_API", None)
    if array_api:
        env["SCIPY_ARRAY_API"] = "1"
    proc, failed, excused = run_with_baseline(
        swap, ["--pyargs", *modules, *extra], tmp_path, env
    )
    out = proc.stdout + proc.stderr
    assert failed == excused, (sorted(failed - excused), out[-6000:])
    if failed:
        warnings.warn(
            f"{len(excused)} tests of {', '.join(modules)} fail without kernterp "
            f"too, with this scipy/numpy: {sorted(excused)[:3]} ...",
            stacklevel=1,
        )
    else:
        assert proc.returncode == 0, out[-6000:]
    counts = outcome_counts(proc.stdout)
    assert counts.get("passed", 0) > 0, out[-3000:]
    calls = swap_calls(proc.stdout)
    assert sorted(calls) == sorted(kernterp_peers.SWAPS[swap][1]), calls
    assert all(n > 0 for n in calls.values()), calls


# ---- the plugin's own checks ------------------------------------------------------

SWAPPED_EVERYWHERE = """
    import numpy as np
    import scipy.ndimage
    import scipy.ndimage._filters
    from scipy.ndimage import gaussian_filter, gaussian_filter1d
    from scipy.ndimage import gaussian_laplace, gaussian_gradient_magnitude

    import kernterp.ndimage


    def test_swapped_before_import():
        # this module's own names, bound at import, are kernterp's
        assert gaussian_filter.__wrapped__ is kernterp.ndimage.gaussian_filter
        for mod in (scipy.ndimage, scipy.ndimage._filters):
            assert mod.gaussian_filter1d is gaussian_filter1d
            assert gaussian_filter1d.__wrapped__ is kernterp.ndimage.gaussian_filter1d


    def test_calls():
        a = np.arange(20.0).reshape(4, 5)
        gaussian_filter(a, 1.0)
        gaussian_laplace(a, 1.0)
        gaussian_gradient_magnitude(a, 1.0)
        scipy.ndimage._filters.gaussian_filter1d(a, 1.0)
"""


def test_plugin_swaps_before_import(tmp_path):
    (tmp_path / "test_swap.py").write_text(textwrap.dedent(SWAPPED_EVERYWHERE))
    proc = run_plugin("ndimage", ["test_swap.py"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    calls = swap_calls(proc.stdout)
    assert calls["gaussian_filter1d"] >= 1 and calls["gaussian_filter"] >= 1, calls


def test_plugin_swaps_numpy_interp_and_its_module(tmp_path):
    (tmp_path / "test_interp.py").write_text(
        textwrap.dedent(
            """
            import numpy as np
            from numpy import interp

            import kernterp.interpolate

            try:
                import numpy.lib._function_base_impl as impl
            except ImportError:
                import numpy.lib.function_base as impl


            def test_both():
                assert interp.__wrapped__ is kernterp.interpolate.interp
                assert np.interp is interp and impl.interp is interp
                x = np.float32([0.5])
                xp, fp = np.float32([0, 1]), np.float32([0, 2])
                assert interp(x, xp, fp).dtype == np.float32  # kernterp's result
                assert impl.interp(0.5, [0, 1], [0, 2]) == 1.0
            """
        )
    )
    proc = run_plugin("interp", ["test_interp.py"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert swap_calls(proc.stdout) == {"interp": 2}


def test_plugin_fails_when_a_swapped_name_is_never_called(tmp_path):
    (tmp_path / "test_one.py").write_text(
        textwrap.dedent(
            """
            import numpy as np
            from scipy import ndimage

            def test_one():
                ndimage.gaussian_filter(np.ones((3, 3)), 1.0)
            """
        )
    )
    proc = run_plugin("ndimage", ["test_one.py"], tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert outcome_counts(proc.stdout) == {"passed": 1}, proc.stdout
    assert re.search(
        r"never exercised: gaussian_filter1d, gaussian_gradient_magnitude, "
        r"gaussian_laplace",
        proc.stdout,
    ), proc.stdout


def test_plugin_fails_on_a_module_imported_before_the_swap(tmp_path):
    (tmp_path / "test_early.py").write_text(
        "from scipy.ndimage import gaussian_laplace as laplace\n\n"
        "def test_x():\n    pass\n"
    )
    # a conftest (loaded before the plugin swaps) imports the test module,
    # whose alias of scipy's function no swap can reach
    (tmp_path / "conftest.py").write_text("import test_early  # noqa: F401\n")
    proc = run_plugin("ndimage", ["test_early.py"], tmp_path)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "imported before the swap" in proc.stderr, proc.stdout + proc.stderr
    assert "test_early.laplace" in proc.stderr, proc.stderr


def test_failures_without_kernterp_are_told_apart(tmp_path):
    """The baseline rerun excuses a test that fails with scipy's own function
    too, and only that one."""
    (tmp_path / "test_mixed.py").write_text(
        textwrap.dedent(
            """
            import numpy as np
            import pytest
            from scipy import ndimage

            @pytest.mark.parametrize("f", ["gaussian_filter", "gaussian_laplace",
                                           "gaussian_filter1d",
                                           "gaussian_gradient_magnitude"])
            def test_call(f):
                getattr(ndimage, f)(np.ones(5), 1.0)

            def test_fails_anyway():
                ndimage.gaussian_filter(np.ones(3), 1.0)
                assert False, "the reference's own failure"

            def test_fails_with_kernterp():
                assert ndimage.gaussian_filter.__module__.startswith("scipy")
            """
        )
    )
    proc, failed, excused = run_with_baseline("ndimage", ["test_mixed.py"], tmp_path)
    assert failed == {
        "test_mixed::test_fails_anyway",
        "test_mixed::test_fails_with_kernterp",
    }, proc.stdout
    assert excused == {"test_mixed::test_fails_anyway"}


def test_plugin_expected_failures_are_strict(tmp_path):
    (tmp_path / "test_expect.py").write_text(
        textwrap.dedent(
            """
            import numpy as np
            import pytest
            from scipy.interpolate import interp1d, CubicSpline
            from scipy.interpolate import KroghInterpolator, krogh_interpolate

            def test_uses_all():
                x = np.arange(5.0)
                interp1d(x, x)(2.5)
                CubicSpline(x, x)(2.5)
                KroghInterpolator(x, x)(2.5)
                krogh_interpolate(x, x, 2.5)

            class TestDeliberate:
                @pytest.mark.parametrize("v", [1, 2])
                def test_differs(self, v):
                    assert v == 0

                def test_now_agrees(self):
                    pass
            """
        )
    )
    (tmp_path / "conftest.py").write_text(
        textwrap.dedent(
            """
            import kernterp_peers

            kernterp_peers.EXPECTED_FAILURES.update({
                "test_expect::TestDeliberate::test_differs": "a documented reason",
                "test_expect::TestDeliberate::test_now_agrees": "no longer true",
            })
            """
        )
    )
    proc = run_plugin("interpolate", ["test_expect.py"], tmp_path)
    # both parameters of test_differs xfail; test_now_agrees passes, which a
    # strict xfail turns into a failure of the run
    assert proc.returncode == 1, proc.stdout + proc.stderr
    counts = outcome_counts(proc.stdout)
    assert counts == {"failed": 1, "passed": 1, "xfailed": 2}, proc.stdout
    assert "[XPASS(strict)] no longer true" in proc.stdout, proc.stdout
