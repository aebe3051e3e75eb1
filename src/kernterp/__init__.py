"""kernterp: fast Gaussian filtering, Gaussian kernels and interpolation.

Drop-in replacements for scipy's names, on a C core:

>>> from kernterp import ndimage
>>> import numpy as np
>>> ndimage.gaussian_filter(np.eye(3), 1.0).shape
(3, 3)
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING

from kernterp import kernels, ndimage
from kernterp._config import check_requested_isa as _check_requested_isa
from kernterp._config import show_config
from kernterp.kernels import *  # noqa: F403  (kernels.__all__ is the list)

if TYPE_CHECKING:
    # imported on first use at run time (see __getattr__); type checkers see
    # the module, so that kernterp.interpolate.<name> is typed
    from kernterp import interpolate as interpolate

__version__ = "0.2.0"
__all__ = [
    "__version__",
    "get_include",
    "kernels",
    "ndimage",
    "show_config",
    *kernels.__all__,
]

_check_requested_isa()


def __getattr__(name: str) -> ModuleType:
    # kernterp.interpolate builds on scipy.interpolate, whose import takes
    # most of a second: it is imported on first use (kernterp.interpolate or
    # `from kernterp import interpolate`), not with kernterp, and is left
    # out of __all__ so that `from kernterp import *` stays light
    if name == "interpolate":
        return importlib.import_module("kernterp.interpolate")
    raise AttributeError(f"module 'kernterp' has no attribute {name!r}")


def get_include() -> str:
    """Directory holding kernterp's public C headers (``kernterp/kernterp.h``).

    Examples
    --------
    >>> import os, kernterp
    >>> os.path.isfile(os.path.join(kernterp.get_include(), "kernterp", "kernterp.h"))
    True
    """
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "include")
    if os.path.isdir(installed):
        return installed
    # an editable (development) install imports src/kernterp: the headers
    # are then in the source tree's include/
    source = os.path.join(os.path.dirname(os.path.dirname(here)), "include")
    return source if os.path.isdir(source) else installed
