"""kernterp: fast Gaussian filtering, Gaussian kernels and interpolation.

Drop-in replacements for scipy's names, on a C core:

>>> from kernterp import ndimage
>>> import numpy as np
>>> ndimage.gaussian_filter(np.eye(3), 1.0).shape
(3, 3)
"""

from __future__ import annotations

import os

from kernterp import interpolate, kernels, ndimage
from kernterp.kernels import *  # noqa: F403  (kernels.__all__ is the list)

__version__ = "0.1.0"
__all__ = ["__version__", "get_include", "kernels", "ndimage", *kernels.__all__]
__all__ += ["interpolate"]


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
