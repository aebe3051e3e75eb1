"""Interpolation: drop-in replacements for numpy.interp and scipy.interpolate.

The piecewise interpolators share one C lookup engine (kernterp/lookup.h).
"""

from kernterp._piecewise_api import CubicSpline, interp, interp1d

__all__ = ["CubicSpline", "interp", "interp1d"]
