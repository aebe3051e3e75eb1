"""kernterp.show_config(): how this kernterp was built and what it runs on."""

from __future__ import annotations

import json
import os
import platform
import sys
import warnings
from typing import Any, Literal, overload

from kernterp import _capi
from kernterp._support import available_cpus

__all__ = ["check_requested_isa", "show_config"]


def check_requested_isa() -> None:
    """Warn when KERNTERP_ISA names no level, or one this CPU lacks.

    The C core then uses the highest level that is built and supported (at
    most the one asked for).
    """
    isa = _capi.isa()
    requested = os.environ.get("KERNTERP_ISA", "")
    if requested and not isa["requested_valid"]:
        warnings.warn(
            f"KERNTERP_ISA={requested!r} is not a level (baseline, avx2, avx512): "
            f"using {isa['current']}",
            RuntimeWarning,
            stacklevel=3,
        )
    elif isa["requested"] is not None and isa["requested"] != isa["current"]:
        reason = (
            "this CPU does not support it"
            if isa["requested"] not in isa["supported"]
            else "it is not built in"
        )
        warnings.warn(
            f"KERNTERP_ISA={isa['requested']!r} is not available ({reason}): "
            f"using {isa['current']}",
            RuntimeWarning,
            stacklevel=3,
        )


def _config() -> dict[str, Any]:
    import numpy

    from kernterp import __version__

    isa = _capi.isa()
    omp = os.environ.get("OMP_NUM_THREADS")
    return {
        "kernterp": {
            "version": __version__,
            "C ABI version": _capi.ABI_VERSION,
            "C API version": _capi.API_VERSION,
            "include": _include(),
        },
        "Build": {"C compiler": _capi.COMPILER},
        "SIMD Extensions": {
            "compiled": isa["compiled"],
            "supported by this CPU": isa["supported"],
            "in use": isa["current"],
            "requested (KERNTERP_ISA)": os.environ.get("KERNTERP_ISA") or None,
        },
        "Threads": {
            "default workers": available_cpus(),
            "OMP_NUM_THREADS": omp,
            "most threads per call": _capi.MAX_THREADS,
        },
        "Machine": {
            "system": platform.system(),
            "machine": platform.machine(),
            "cpu": _cpu_model(),
        },
        "Python": {"version": sys.version.split()[0], "numpy": numpy.__version__},
    }


def _include() -> str:
    from kernterp import get_include

    return get_include()


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


@overload
def show_config(mode: Literal["stdout"] = "stdout") -> None: ...


@overload
def show_config(mode: Literal["dicts"]) -> dict[str, Any]: ...


def show_config(mode: Literal["stdout", "dicts"] = "stdout") -> dict[str, Any] | None:
    """Show how kernterp was built and what it runs with, as numpy.show_config.

    Parameters
    ----------
    mode : {'stdout', 'dicts'}, optional
        'stdout' (default) prints the configuration; 'dicts' returns it as
        a dictionary instead.

    Returns
    -------
    dict or None
        The configuration in 'dicts' mode: the C ABI and API versions, the
        instruction-set levels compiled in, supported by this CPU and in use
        (``KERNTERP_ISA`` selects a lower one), the default thread count.

    Examples
    --------
    >>> import kernterp
    >>> cfg = kernterp.show_config(mode="dicts")
    >>> cfg["SIMD Extensions"]["in use"] in cfg["SIMD Extensions"]["compiled"]
    True
    """
    cfg = _config()
    if mode == "dicts":
        return cfg
    if mode != "stdout":
        raise ValueError(f"mode must be 'stdout' or 'dicts', got {mode!r}")
    print(json.dumps(cfg, indent=2))
    return None
