"""The exported C API: the capsule, its versions, the generated files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kernterp
import kernterp._capi as capi

TOOLS = Path(__file__).resolve().parent.parent / "tools" / "gen_capi.py"


def test_capsule():
    import ctypes

    name = b"kernterp._capi._C_API"
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.restype = ctypes.c_void_p
    get.argtypes = [ctypes.py_object, ctypes.c_char_p]
    ptr = get(capi._C_API, name)
    versions = (ctypes.c_uint * 2).from_address(ptr)
    assert (versions[0], versions[1]) == (capi.ABI_VERSION, capi.API_VERSION)
    assert capi.ABI_VERSION >= 1 and capi.API_VERSION >= 1


def test_headers_installed():
    inc = Path(kernterp.get_include()) / "kernterp"
    for name in ("kernterp.h", "kernterp_api.h", "capi.pxd", "ndimage.h", "common.h"):
        assert (inc / name).is_file(), name


@pytest.mark.skipif(not TOOLS.exists(), reason="not run from a source checkout")
def test_generated_files_are_current():
    proc = subprocess.run(
        [sys.executable, str(TOOLS), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_show_config():
    cfg = kernterp.show_config(mode="dicts")
    simd = cfg["SIMD Extensions"]
    assert simd["in use"] in simd["compiled"]
    assert simd["in use"] in simd["supported by this CPU"]
    assert cfg["kernterp"]["C ABI version"] == capi.ABI_VERSION
    with pytest.raises(ValueError, match="mode"):
        kernterp.show_config(mode="yaml")


def test_show_config_prints(capsys):
    assert kernterp.show_config() is None
    assert '"in use"' in capsys.readouterr().out
