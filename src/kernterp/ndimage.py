"""Gaussian filters with scipy.ndimage's names, signatures and results.

``from kernterp import ndimage`` is a drop-in for ``from scipy import
ndimage``: the Gaussian family runs on kernterp's C core, and every other
name (``median_filter``, ``zoom``, ...) is scipy.ndimage's own, reached
through this module.

Numerics
--------
* float64 data are filtered in float64 with scipy's weights, summation
  order and rounding (no fused multiply-add): the results are bit-identical
  to scipy's.
* float32 data are filtered in float32 with SIMD.  On data in [0, 1] the
  result is within 1e-5 of scipy's float64 result (scipy itself computes in
  float64 and rounds to float32 after each axis).
* Integer (and bool) inputs follow scipy exactly: each axis is computed in
  float64 and the result is cast (truncated) to the output dtype before the
  next axis, in scipy's axis order; the results are scipy's, bit for bit.
* Dtypes scipy.ndimage rejects (float16, longdouble, object, ...) are handed
  to scipy, which raises the same error it always raised.
"""

from __future__ import annotations

from typing import Any

from kernterp._ndimage_api import (
    gaussian_filter,
    gaussian_filter1d,
    gaussian_gradient_magnitude,
    gaussian_laplace,
)

__all__ = [
    "gaussian_filter",
    "gaussian_filter1d",
    "gaussian_gradient_magnitude",
    "gaussian_laplace",
]


def __getattr__(name: str) -> Any:
    # every other scipy.ndimage function, so that this module is a drop-in
    import scipy.ndimage

    try:
        return getattr(scipy.ndimage, name)
    except AttributeError:
        raise AttributeError(
            f"module 'kernterp.ndimage' has no attribute {name!r}"
        ) from None


def __dir__() -> list[str]:
    import scipy.ndimage

    return sorted(set(globals()) | set(dir(scipy.ndimage)))
