"""Interpolation on kernterp's C core: drop-ins for numpy.interp and scipy.interpolate.

Piecewise interpolation on one lookup engine (:mod:`kernterp._lookup_api`,
C header ``kernterp/lookup.h``):

* :func:`interp`: ``numpy.interp``'s semantics and results (float32 stays
  float32);
* :class:`interp1d`, :class:`CubicSpline`: scipy's classes, every kind and
  boundary condition, evaluated on the engine (the spline built in O(n)).

Newton interpolation (:mod:`kernterp._newton_api`, ``kernterp/newton.h``):

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

``import kernterp`` does not import this module (scipy.interpolate, which
it builds on, takes most of a second to import); ``kernterp.interpolate``
or ``from kernterp import interpolate`` does, on first use.

Examples
--------
>>> import numpy as np
>>> from kernterp import interpolate
>>> x = np.linspace(-1.0, 1.0, 5)
>>> p = interpolate.NewtonInterpolator(x, x**4)
>>> float(p(0.5))
0.0625
>>> float(interpolate.interp(0.25, [0.0, 1.0], [0.0, 2.0]))
0.5
"""

from kernterp._lookup_api import CubicSpline, interp, interp1d
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
    "CubicSpline",
    "KroghInterpolator",
    "NewtonInterpolator",
    "coeffts",
    "evalPoly",
    "interp",
    "interp1d",
    "krogh_interpolate",
    "leja_order",
    "newton_coeffs",
    "newton_eval",
]
