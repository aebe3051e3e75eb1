"""pytest plugin: a reference project's own tests, with kernterp swapped in.

    python -m pytest -p kernterp_peers --kernterp-swap=ndimage \\
        --pyargs scipy.ndimage.tests.test_filters

(with tests/peers on PYTHONPATH).  Before any test module is imported, the
reference's functions are replaced by kernterp's in every module that
holds them (the public module and the one that defines them), so that the
tests, and the reference's own functions that call them, run kernterp.
Every swapped name counts its calls; a run in which one was never called
fails (the swap would not have been tested).  The few tests that must fail
by design are listed in EXPECTED_FAILURES with their reasons (xfail,
strict: one that starts passing fails the run, so the list stays true);
docs/drop_in.rst lists them too.
"""

from __future__ import annotations

import functools
import importlib

import pytest

# --kernterp-swap=<set>: (kernterp module, [(reference module, name), ...])
SWAPS = {
    "ndimage": (
        "kernterp.ndimage",
        [
            (mod, name)
            for name in (
                "gaussian_filter",
                "gaussian_filter1d",
                "gaussian_laplace",
                "gaussian_gradient_magnitude",
            )
            for mod in ("scipy.ndimage", "scipy.ndimage._filters")
        ],
    ),
    "interpolate": (
        "kernterp.interpolate",
        [
            ("scipy.interpolate", "interp1d"),
            ("scipy.interpolate._interpolate", "interp1d"),
            ("scipy.interpolate", "CubicSpline"),
            ("scipy.interpolate._cubic", "CubicSpline"),
            ("scipy.interpolate", "KroghInterpolator"),
            ("scipy.interpolate._polyint", "KroghInterpolator"),
            ("scipy.interpolate", "krogh_interpolate"),
            ("scipy.interpolate._polyint", "krogh_interpolate"),
        ],
    ),
    "interp": (
        "kernterp.interpolate",
        [("numpy", "interp"), ("numpy.lib._function_base_impl", "interp")],
    ),
}

# test node id (without parameters) -> why kernterp deliberately differs
EXPECTED_FAILURES: dict[str, str] = {}

_calls: dict[str, int] = {}


def _counted_function(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        _calls[name] += 1
        return fn(*args, **kwargs)

    return wrapper


def _count_class(name, cls):
    # a class keeps its identity (tests subclass it, check isinstance):
    # count its constructions instead
    init = cls.__init__

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        _calls[name] += 1
        init(self, *args, **kwargs)

    cls.__init__ = __init__
    return cls


def pytest_addoption(parser):
    parser.addoption(
        "--kernterp-swap",
        choices=sorted(SWAPS),
        required=True,
        help="which reference functions to replace by kernterp's",
    )


def _inherit_capabilities(original, new):
    # scipy marks its tests by the array-API capabilities it registers for
    # each function object: the replacement gets the original's entry
    try:
        from scipy._lib._array_api import xp_capabilities_table as table
    except ImportError:  # not scipy, or a scipy without the registry
        return
    if original in table:
        table[new] = table[original]


def pytest_configure(config):
    source, targets = SWAPS[config.getoption("--kernterp-swap")]
    kt = importlib.import_module(source)
    done = {}
    for modname, name in targets:
        module = importlib.import_module(modname)
        if name not in done:
            obj = getattr(kt, name)
            _calls[name] = 0
            done[name] = (
                _count_class(name, obj)
                if isinstance(obj, type)
                else _counted_function(name, obj)
            )
        _inherit_capabilities(getattr(module, name), done[name])
        setattr(module, name, done[name])


def pytest_collection_modifyitems(items):
    for item in items:
        reason = EXPECTED_FAILURES.get(item.nodeid.split("[")[0])
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_sessionfinish(session, exitstatus):
    never = sorted(name for name, n in _calls.items() if n == 0)
    summary = ", ".join(f"{name}: {n}" for name, n in sorted(_calls.items()))
    print(f"\nkernterp swap calls: {summary}")
    if never:
        print(f"kernterp swap never exercised: {', '.join(never)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
