"""
Newton interpolation: extrapolation, and the order of the nodes
===============================================================

The Newton form of the interpolating polynomial,
``P(t) = a0 + a1 (t - x0) + a2 (t - x0)(t - x1) + ...``, is cheap to build
(divided differences, :func:`kernterp.interpolate.newton_coeffs`), cheap to
evaluate (nested multiplication, :func:`kernterp.interpolate.newton_eval`)
and cheap to extend by a node.  Two things decide whether its values can be
trusted: where it is evaluated, and in which order the nodes enter the form.
"""

# sphinx_gallery_thumbnail_number = 2

import warnings

import matplotlib.pyplot as plt
import numpy as np

from kernterp import interpolate

# %%
# Eleven nodes of exp(-x**2) on [-3, 3]
# -------------------------------------
# The textbook example: the degree-10 interpolant is within 0.02 of the
# function between the nodes, and useless outside them: at x = 4 it is -99
# (the function is 1e-7 there).
x = np.linspace(-3, 3, 11)
y = np.exp(-(x**2))
a = interpolate.newton_coeffs(x, y)  # divided differences
t = np.linspace(-4, 4, 801)
p = interpolate.newton_eval(a, x, t)  # nested evaluation
print("P(4) =", interpolate.newton_eval(a, x, 4.0))

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.5, 3.5), layout="constrained")
ax0.plot(t, np.exp(-(t**2)), color="0.5", label="exp(-x**2)")
ax0.plot(t, p, label="P, 11 nodes")
ax0.plot(x, y, "ko", ms=4)
ax0.set(ylim=(-0.6, 1.4), xlabel="x", title="interpolation and extrapolation")
ax0.legend()
ax1.semilogy(t, np.abs(p - np.exp(-(t**2))))
ax1.axvspan(-4, -3, color="0.92")
ax1.axvspan(3, 4, color="0.92")
ax1.set(xlabel="x", ylabel="|P - f|", title="error (grey: extrapolated)")
plt.show()

# %%
# Runge's function at 81 Chebyshev nodes
# --------------------------------------
# At Chebyshev nodes the interpolant of ``1 / (1 + 25 x**2)`` converges: 81
# nodes give about 1e-7.  But the Newton form built with the nodes in their
# natural order (here from 1 down to -1) loses everything to rounding: its
# coefficients grow like the inverse of products of small node distances, and
# the nested evaluation cancels them.  Leja order (each next node the one
# farthest, in product, from those already taken) keeps every product
# moderate.  :class:`~kernterp.interpolate.NewtonInterpolator` uses Leja
# order unless told otherwise, and warns when told otherwise above 30 nodes.
k = np.arange(81)
cheb = np.cos((2 * k + 1) * np.pi / 162)
runge = 1 / (1 + 25 * cheb**2)
t = np.linspace(-1, 1, 2001)
f = 1 / (1 + 25 * t**2)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    given = interpolate.NewtonInterpolator(cheb, runge, order="given")
print("warned:", caught[0].message)
leja = interpolate.NewtonInterpolator(cheb, runge)  # order="leja"
err_given = np.abs(given(t) - f)
err_leja = np.abs(leja(t) - f)
print(f"largest error, given order: {err_given.max():.1e}")
print(f"largest error, Leja order:  {err_leja.max():.1e}")

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.5, 3.5), layout="constrained")
ax0.semilogy(t, err_given, label="given order")
ax0.semilogy(t, err_leja, label="Leja order")
ax0.set(xlabel="x", ylabel="|P - f|", title="81 Chebyshev nodes")
ax0.legend()
ax1.plot(leja.nodes[:12], np.arange(12), "o-", label="Leja order")
ax1.plot(cheb[:12], np.arange(12), "s-", label="given order")
ax1.set(xlabel="node", ylabel="position in the Newton form", title="the first 12")
ax1.invert_yaxis()
ax1.legend()
plt.show()

# %%
# Leja order itself, Hermite data, and the course module's names
# --------------------------------------------------------------
# :func:`~kernterp.interpolate.leja_order` gives the permutation the
# interpolator uses.  :class:`~kernterp.interpolate.KroghInterpolator`
# and :func:`~kernterp.interpolate.krogh_interpolate` (scipy's, on
# kernterp's core) read a node repeated ``m`` times as the value and
# ``m - 1`` derivatives there.  ``coeffts`` and ``evalPoly`` are
# :func:`~kernterp.interpolate.newton_coeffs` and
# :func:`~kernterp.interpolate.newton_eval` under the names of the classic
# ``newtonPoly`` course module, so that course code runs unchanged.
order = interpolate.leja_order(cheb)
print("Leja order starts:", order[:6], "-> nodes", np.round(cheb[order[:6]], 3))

hermite = interpolate.KroghInterpolator([0, 0, 1, 1], [1, 0, 2, 0])  # f, f' at 0 and 1
print("P(0), P'(0), P(1), P'(1):", hermite.derivatives([0.0, 1.0], der=2).T.ravel())
# the same in one call, at x = 0.5 (scipy's krogh_interpolate)
print("P(0.5) =", interpolate.krogh_interpolate([0, 0, 1, 1], [1, 0, 2, 0], 0.5))

a = interpolate.coeffts(x, y)
print(
    "evalPoly(a, x, 0.5) =",
    interpolate.evalPoly(a, x, 0.5),
    " exp(-0.25) =",
    np.exp(-0.25),
)
