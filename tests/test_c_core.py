"""The C tests of the core (tests/c), built against the installed kernterp's
headers and static library, as a C program that links the core would be."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _compiler() -> str | None:
    cc = os.environ.get("CC", "cc")
    return cc if shutil.which(cc.split()[0]) else None


@pytest.mark.skipif(_compiler() is None, reason="no C compiler")
def test_c_core(tmp_path):
    env = dict(os.environ, PYTHON=sys.executable)
    proc = subprocess.run(
        ["sh", str(HERE / "c" / "run"), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    assert last.endswith(" 0 failed") and not last.startswith("0 passed"), proc.stdout
