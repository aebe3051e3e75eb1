"""pytest plugin: a reference project's own tests, with kernterp swapped in.

    PYTHONPATH=tests/peers python -m pytest -p kernterp_peers \\
        --kernterp-swap=ndimage --pyargs scipy.ndimage.tests.test_filters

Before any test module is imported (``pytest_configure`` runs before
collection), the reference's functions are replaced by kernterp's in every
module that holds them: the public module, the module that defines them (for
numpy.interp: ``numpy.lib._function_base_impl``, whose name numpy's own code
uses) and any other module already imported that holds the same object.  So
the tests, and the reference's own functions that call them, run kernterp.

Three checks keep the run honest:

* every swapped name counts its calls (a class: its constructions); a run in
  which one was never called fails, since the swap would not have been
  tested;
* a collected test module still holding one of the original objects (it
  was imported before the swap) fails the run;
* the few tests that must fail by design are listed in EXPECTED_FAILURES
  with their reasons, as xfail(strict=True): one that starts passing fails
  the run, so the list stays true.  docs/drop_in.rst lists them too.

Two options serve the runner (tests/test_peers.py, which runs the suites of
issue 11 through this plugin): ``--kernterp-report=FILE`` writes the calls
and the failed tests (``<module>::<Class>::<test>[<parameters>]``) as JSON,
and ``--kernterp-only=FILE`` runs only the tests such a report lists as
failed; with ``--kernterp-swap=none`` nothing is swapped, which tells
whether a test fails with the reference's own functions too (an array
library newer than the installed scipy supports, say).
"""

from __future__ import annotations

import functools
import importlib
import json
import sys

import pytest

# --kernterp-swap=<set>: (kernterp module, {name: [reference modules]}); for
# each name the first module is the public one, the others are alternatives
# for the defining module (the first that imports is used)
SWAPS = {
    "ndimage": (
        "kernterp.ndimage",
        {
            name: ["scipy.ndimage", "scipy.ndimage._filters"]
            for name in (
                "gaussian_filter",
                "gaussian_filter1d",
                "gaussian_laplace",
                "gaussian_gradient_magnitude",
            )
        },
    ),
    "interpolate": (
        "kernterp.interpolate",
        {
            "interp1d": ["scipy.interpolate", "scipy.interpolate._interpolate"],
            "CubicSpline": ["scipy.interpolate", "scipy.interpolate._cubic"],
            "KroghInterpolator": ["scipy.interpolate", "scipy.interpolate._polyint"],
            "krogh_interpolate": ["scipy.interpolate", "scipy.interpolate._polyint"],
        },
    ),
    "interp": (
        "kernterp.interpolate",
        {
            "interp": [
                "numpy",
                "numpy.lib._function_base_impl",  # numpy >= 2
                "numpy.lib.function_base",  # numpy 1.x
            ]
        },
    ),
}

# "<module>::<Class>::<test>" (the test's module by its import name, no
# parameters) -> why kernterp deliberately differs.  Empty: every test of
# the suites tests/test_peers.py runs passes with kernterp swapped in.
EXPECTED_FAILURES: dict[str, str] = {}

_calls: dict[str, int] = {}
_failed: set[str] = set()
_keys: dict[str, str] = {}  # node id -> _test_key(item, params=True)
# id of a replaced object -> the object (kept alive, so that its id is not
# reused by another)
_originals: dict[int, object] = {}


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
        choices=[*sorted(SWAPS), "none"],
        required=True,
        help="which reference functions to replace by kernterp's "
        "(none: a run of the reference itself)",
    )
    parser.addoption(
        "--kernterp-report",
        metavar="FILE",
        help="write the swapped names' calls and the failed tests as JSON",
    )
    parser.addoption(
        "--kernterp-only",
        metavar="FILE",
        help="run only the tests a --kernterp-report FILE lists as failed",
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


def _holders(name, originals):
    """Every imported module (not kernterp's) whose `name` is one of `originals`."""
    found = []
    for modname, module in list(sys.modules.items()):
        if modname.split(".")[0] == "kernterp":
            continue
        ns = getattr(module, "__dict__", None)
        if isinstance(ns, dict) and any(ns.get(name) is o for o in originals):
            found.append(module)
    return found


def _import_first(names):
    for modname in names:
        try:
            return importlib.import_module(modname)
        except ImportError:
            continue
    raise pytest.UsageError(f"kernterp_peers: none of {names} imports")


def pytest_configure(config):
    swap = config.getoption("--kernterp-swap")
    if swap == "none":
        return
    source, targets = SWAPS[swap]
    kt = importlib.import_module(source)
    # kernterp finds scipy's own functions on first use; after this swap
    # there would be none left to find
    from kernterp._support import scipy_reference

    for modname, module in list(sys.modules.items()):
        if modname.split(".")[0] == "kernterp":
            for value in list(vars(module).values()):
                if isinstance(value, scipy_reference):
                    value.capture()
    for name, modnames in targets.items():
        public = importlib.import_module(modnames[0])
        defining = _import_first(modnames[1:])
        originals = [getattr(public, name), getattr(defining, name)]
        obj = getattr(kt, name)
        _calls[name] = 0
        new = (
            _count_class(name, obj)
            if isinstance(obj, type)
            else _counted_function(name, obj)
        )
        for module in [public, defining, *_holders(name, originals)]:
            original = getattr(module, name)
            if original is new:
                continue
            _originals[id(original)] = original
            _inherit_capabilities(original, new)
            setattr(module, name, new)


def _test_key(item, params=False):
    """``<module import name>::<Class>::<test>`` (+ ``[<parameters>]``): the
    same whatever directory pytest runs in (node ids are relative to it)."""
    nodeid, bracket, tail = item.nodeid.partition("[")
    parts = nodeid.split("::")
    module = getattr(item, "module", None)
    key = "::".join([module.__name__, *parts[1:]] if module else parts)
    return key + bracket + tail if params else key


def pytest_collection_modifyitems(session, config, items):
    only = config.getoption("--kernterp-only")
    if only:
        with open(only) as f:
            wanted = set(json.load(f)["failed"])
        keep = [item for item in items if _test_key(item, True) in wanted]
        config.hook.pytest_deselected(
            items=[item for item in items if _test_key(item, True) not in wanted]
        )
        items[:] = keep
    stale = set()
    for item in items:
        _keys[item.nodeid] = _test_key(item, params=True)
        module = getattr(item, "module", None)
        if module is not None:
            for attr, value in vars(module).items():
                if _originals.get(id(value), _originals) is value:
                    stale.add(f"{module.__name__}.{attr}")
        reason = EXPECTED_FAILURES.get(_test_key(item))
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
    if stale:
        raise pytest.UsageError(
            "kernterp_peers: test modules imported before the swap still hold "
            f"the reference's objects: {', '.join(sorted(stale))}"
        )


def pytest_runtest_logreport(report):
    if report.failed:
        _failed.add(_keys.get(report.nodeid, report.nodeid))


def pytest_sessionfinish(session, exitstatus):
    path = session.config.getoption("--kernterp-report")
    if path:
        with open(path, "w") as f:
            json.dump({"calls": _calls, "failed": sorted(_failed)}, f, indent=1)
    if session.config.getoption("--kernterp-swap") == "none":
        return
    never = sorted(name for name, n in _calls.items() if n == 0)
    summary = ", ".join(f"{name}: {n}" for name, n in sorted(_calls.items()))
    print(f"\nkernterp swap calls: {summary}")
    if never:
        print(f"kernterp swap never exercised: {', '.join(never)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
