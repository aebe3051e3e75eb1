"""Interpolation on kernterp's C core.

Newton interpolation (:mod:`kernterp._newton_api`):

* :func:`newton_coeffs`, :func:`newton_eval`: divided differences and fast
  nested evaluation (any shape of points, float32 or float64, derivatives,
  threads);
* :func:`leja_order`: the node order that keeps high degrees stable;
* :class:`NewtonInterpolator`: an interpolant with derivatives and
  ``add_points`` (O(n k) updates);
* :class:`KroghInterpolator`, :func:`krogh_interpolate`: drop-ins for
  scipy.interpolate's (repeated nodes carry derivative data);
* :func:`coeffts`, :func:`evalPoly`: the names of the classic course module
  ``newtonPoly`` (Kiusalaas), so that code written for it runs unchanged.

Examples
--------
>>> import numpy as np
>>> from kernterp import interpolate
>>> x = np.linspace(-1.0, 1.0, 5)
>>> p = interpolate.NewtonInterpolator(x, x**4)
>>> float(p(0.5))
0.0625
"""

from kernterp._newton_api import (
    KroghInterpolator,
    NewtonInterpolator,
    coeffts,
    evalPoly,
    krogh_interpolate,
    leja_order,
    newton_coeffs,
    newton_eval,
)

__all__ = [
    "KroghInterpolator",
    "NewtonInterpolator",
    "coeffts",
    "evalPoly",
    "krogh_interpolate",
    "leja_order",
    "newton_coeffs",
    "newton_eval",
]
