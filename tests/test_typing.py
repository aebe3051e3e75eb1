"""The typed public API, checked with mypy (skipped where mypy is missing).

tests/typing/usage.py calls every public name; mypy --strict must accept
it, reveal at each ``reveal_type`` line the type its ``# -> `` comment
names, and refuse the calls marked ``# type: ignore[...]`` there (an
ignore that is not needed is an error under --strict).  mypy checks the
kernterp that the tests import (the installed one, or the source tree of an
editable install), with the project's settings for scipy and dask.
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import sysconfig
import textwrap
from pathlib import Path

import pytest

import kernterp

mypy_api = pytest.importorskip("mypy.api")

USAGE = Path(__file__).parent / "typing" / "usage.py"
PKG = Path(kernterp.__file__).parent


def _config(tmp: Path) -> Path:
    """pyproject's [tool.mypy] settings, pointed at the imported kernterp."""
    lines = [
        "[mypy]",
        "strict = True",
        "warn_unreachable = True",
        "untyped_calls_exclude = dask",
        f"cache_dir = {tmp / 'cache'}",
    ]
    home = PKG.parent
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    if home.resolve() not in site:  # an editable install: its source tree
        lines.append(f"mypy_path = {home}")
    lines += [
        "[mypy-scipy.*,sklearn.*]",
        "ignore_missing_imports = True",
        "[mypy-kernterp._lookup_api,kernterp._newton_api]",
        "warn_return_any = False",
    ]
    cfg = tmp / "mypy.ini"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def _mypy(tmp: Path, *files: Path) -> tuple[str, int]:
    out, err, status = mypy_api.run(
        ["--config-file", str(_config(tmp)), "--no-error-summary", *map(str, files)]
    )
    return out + err, status


def _normalise(t: str) -> str:
    """mypy's spelling of a type, shortened as the usage file writes it."""
    t = t.replace("numpy._typing._nbit_base.", "")
    t = t.replace("numpy.floating[_32Bit]", "float32")
    t = t.replace("numpy.floating[_64Bit]", "float64")
    t = t.replace("numpy.signedinteger[_64Bit]", "int64")
    t = t.replace("numpy.signedinteger[_32Bit | _64Bit]", "intp")
    for prefix in ("numpy.", "builtins.", "kernterp._lookup_api."):
        t = t.replace(prefix, "")
    # ndarray[<shape>, dtype[X]] -> ndarray[X]
    return re.sub(r"ndarray\[tuple\[[^\]]*\], dtype\[([^\[\]]*)\]\]", r"ndarray[\1]", t)


@pytest.fixture(scope="module")
def usage_run(tmp_path_factory):
    return _mypy(tmp_path_factory.mktemp("mypy"), USAGE)


def test_usage_passes_strict(usage_run):
    out, status = usage_run
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 0 and not errors, out


def _reveals() -> list[tuple[int, str, str]]:
    """(line mypy reports, source of the argument, expected type) per
    reveal_type call of the usage file (the comment closes the call)."""
    source = USAGE.read_text()
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "reveal_type"
        ):
            arg = node.args[0]
            comment = lines[node.end_lineno - 1].split("  # -> ", 1)
            assert len(comment) == 2, f"usage.py:{node.lineno}: no '# -> type'"
            out.append((arg.lineno, ast.get_source_segment(source, arg), comment[1]))
    return out


def test_revealed_types(usage_run):
    out, _ = usage_run
    got = {}
    for line in out.splitlines():
        m = re.match(r'.*usage\.py:(\d+): note: Revealed type is "(.*)"$', line)
        if m:
            got[int(m.group(1))] = _normalise(m.group(2))
    want = {line: typ.strip() for line, _, typ in _reveals()}
    assert len(want) > 60
    assert got == want


def test_issue_examples(usage_run):
    # the four examples of the issue, spelled out
    out, _ = usage_run
    where = {src: line for line, src, _ in _reveals()}

    def revealed(call: str) -> str:
        (m,) = re.findall(
            rf'usage\.py:{where[call]}: note: Revealed type is "(.*)"', out
        )
        return m

    f32 = "numpy.dtype[numpy.floating[numpy._typing._nbit_base._32Bit]]"
    f64 = "numpy.dtype[numpy.float64]"
    gf = revealed("ndimage.gaussian_filter(np.zeros(3, np.float32), 1.0)")
    assert gf.startswith("numpy.ndarray[") and gf.endswith(f", {f32}]")
    assert revealed("kernels.rbf_kernel(X64)").endswith(f", {f64}]")
    assert revealed("interpolate.interp(f32, f32, f32)").endswith(f", {f32}]")
    assert revealed("cs(f64)").endswith(f", {f64}]")


def test_wrong_arguments_are_errors(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        textwrap.dedent(
            """
            import numpy as np
            from kernterp.ndimage import gaussian_filter
            from kernterp.kernels import rbf_kernel

            gaussian_filter(np.zeros(3), sigma="oops", workers="x")
            rbf_kernel(np.zeros((2, 2)), workers=1.5)
            """
        )
    )
    out, status = _mypy(tmp_path, bad)
    assert status == 1
    assert 'bad.py:6: error: No overload variant of "gaussian_filter"' in out, out
    assert 'bad.py:7: error: No overload variant of "rbf_kernel"' in out, out


# the .pyi stubs of the compiled modules: every public name of each module


@pytest.mark.parametrize(
    "name",
    [
        "_capi",
        "_kernels",
        "_lookup",
        "_mixture",
        "_ndimage",
        "_newton",
        "_periodic",
        "_pool",
        "_rbf",
        "_recursive",
    ],
)
def test_stubs_complete(name):
    module = importlib.import_module(f"kernterp.{name}")
    stub = PKG / f"{name}.pyi"
    assert stub.is_file(), f"{stub} is not installed"
    declared = set()
    for node in ast.parse(stub.read_text()).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            declared.add(node.target.id)
    public = {
        n
        for n in vars(module)
        if not n.startswith("__")
        and (not n.startswith("_") or n == "_C_API")
        and not isinstance(getattr(module, n), type(os))  # imported modules
    }
    public -= {"np", "threading", "available_cpus"}  # imports, not API
    assert public <= declared, sorted(public - declared)


def test_dask_arrays_keep_their_type(tmp_path):
    # a dask array given to a kernterp function is typed as the lazy dask
    # array the function returns (a protocol: chunks, compute, ndim, dtype)
    pytest.importorskip("dask.array")
    snippet = tmp_path / "lazy.py"
    snippet.write_text(
        textwrap.dedent(
            """
            import dask.array as da
            import numpy as np
            from kernterp.kernels import (
                gauss_transform,
                gaussian_pool,
                periodic_gauss_transform,
                rbf_kernel,
                sqeuclidean_distances,
            )
            from kernterp.ndimage import gaussian_filter, gaussian_laplace

            x: da.Array = da.ones((8, 8), chunks=4)
            reveal_type(gaussian_filter(x, 1.0, output=np.float32))
            reveal_type(gaussian_laplace(x, 1.0))
            reveal_type(gaussian_pool(x, 2))
            reveal_type(rbf_kernel(x, gamma=0.5))
            reveal_type(sqeuclidean_distances(x))
            reveal_type(gauss_transform(x, np.ones(8)))
            p = np.zeros((3, 2))
            reveal_type(periodic_gauss_transform(p, np.ones(3), 0.5, x))
            """
        )
    )
    out, status = _mypy(tmp_path, snippet)
    assert status == 0, out
    assert out.count('Revealed type is "dask.array.core.Array"') == 7, out
