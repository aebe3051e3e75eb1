"""
Piecewise interpolation of the same 11 points
=============================================

:func:`kernterp.interpolate.interp` (``numpy.interp``),
:class:`kernterp.interpolate.interp1d` and
:class:`kernterp.interpolate.CubicSpline` (scipy's) on the 11 points of
``exp(-x**2)`` of the Newton example: piecewise polynomials of degree 1, 2
and 3 instead of one polynomial of degree 10.  Each is scipy's (or numpy's)
interpolant, evaluated on kernterp's interval-lookup engine.
"""

import matplotlib.pyplot as plt
import numpy as np

from kernterp import interpolate

x = np.linspace(-3, 3, 11)
y = np.exp(-(x**2))
t = np.linspace(-3, 3, 1201)
f = np.exp(-(t**2))

curves = {
    "linear (interp)": interpolate.interp(t, x, y),
    "quadratic (interp1d)": interpolate.interp1d(x, y, kind="quadratic")(t),
    "cubic (interp1d)": interpolate.interp1d(x, y, kind="cubic")(t),
    "natural spline (CubicSpline)": interpolate.CubicSpline(x, y, bc_type="natural")(t),
}

# %%
# The interpolants, and their errors
# ----------------------------------
# The linear interpolant's error is about h**2 f''/8 (h = 0.6); quadratic and
# cubic pieces do better where the function is smooth on the scale of h.
# ``kind="cubic"`` is the not-a-knot cubic spline (``CubicSpline``'s
# default); the natural spline sets the second derivative to zero at both
# ends, where this function's is not quite zero (``f''(3) = 4e-3``).
fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
ax0.plot(t, f, color="0.5", lw=3, alpha=0.5, label="exp(-x**2)")
for label, v in curves.items():
    ax0.plot(t, v, lw=1, label=label)
    ax1.semilogy(t, np.abs(v - f), lw=1, label=label)
ax0.plot(x, y, "ko", ms=4)
ax0.set(xlabel="x", title="11 points")
ax0.legend(fontsize=8)
ax1.set(xlabel="x", ylabel="|interpolant - f|", ylim=(1e-6, 1))
plt.show()

for label, v in curves.items():
    print(f"{label:30s} largest error {np.abs(v - f).max():.1e}")

# %%
# Derivatives and integrals come with the spline
# ----------------------------------------------
# ``CubicSpline`` is scipy's class (a subclass of it), so its methods work as
# in scipy: here the derivative of the not-a-knot spline against the exact
# ``-2 x exp(-x**2)``, and its integral against ``sqrt(pi)``.
cs = interpolate.CubicSpline(x, y)
print("integral over [-3, 3]:", cs.integrate(-3, 3), "exact:", np.sqrt(np.pi))

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
ax.plot(t, -2 * t * f, color="0.5", lw=3, alpha=0.5, label="f'(x)")
ax.plot(t, cs(t, nu=1), lw=1, label="cs(t, nu=1)")
ax.set(xlabel="x")
ax.legend()
plt.show()
