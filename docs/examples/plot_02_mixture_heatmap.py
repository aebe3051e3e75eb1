"""
The heat map of two Gaussians
=============================

The density of a mixture of Gaussians on a grid, the "heat map of several
Gaussians" of many a tutorial, is usually computed by stacking every grid
point into an ``(N, 2)`` array and calling
``scipy.stats.multivariate_normal(mean, cov).pdf`` once per component.
:func:`kernterp.gaussian_mixture_grid` takes the grid's 1-D coordinates
instead and uses its structure: along each line of the grid the exponent is a
quadratic in the index, so most exponentials come from a cheap recurrence.
"""

import time

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import multivariate_normal

import kernterp as kt

# %%
# Two Gaussians, one of them correlated
# -------------------------------------
x = np.linspace(-4, 4, 600)
y = np.linspace(-3, 3, 450)
means = np.array([[-1.2, -0.4], [1.0, 0.8]])
covs = np.array([[[0.6, 0.0], [0.0, 0.3]], [[1.0, 0.6], [0.6, 0.8]]])
weights = np.array([0.4, 0.6])

heat = kt.gaussian_mixture_grid([x, y], means, covs, weights)  # shape (600, 450)

fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
im = ax.imshow(
    heat.T, origin="lower", extent=(x[0], x[-1], y[0], y[-1]), cmap="inferno"
)
ax.contour(x, y, heat.T, levels=8, colors="w", linewidths=0.5)
ax.plot(*means.T, "c+", ms=12)
ax.set(xlabel="x", ylabel="y", title="0.4 N(m0, C0) + 0.6 N(m1, C1)")
fig.colorbar(im, ax=ax, label="density")
plt.show()

# %%
# The same values as scipy.stats
# ------------------------------
# The scipy recipe: every grid point as a row, one ``pdf`` call per
# component.  The results agree to rounding.
X, Y = np.meshgrid(x, y, indexing="ij")
points = np.stack([X.ravel(), Y.ravel()], axis=-1)


def scipy_heat():
    out = np.zeros(len(points))
    for w, m, c in zip(weights, means, covs, strict=True):
        out += w * multivariate_normal(m, c).pdf(points)
    return out.reshape(X.shape)


ref = scipy_heat()
print("largest difference from scipy:", np.abs(heat - ref).max())

# %%
# At scattered points rather than on a grid,
# :func:`kernterp.gaussian_mixture_pdf` evaluates the same mixture, and
# :func:`kernterp.multivariate_normal_pdf` is ``multivariate_normal.pdf``
# itself (same arguments, same values).
samples = np.random.default_rng(0).normal(size=(5, 2))
print(kt.gaussian_mixture_pdf(samples, means, covs, weights))
print(kt.multivariate_normal_pdf(samples, means[1], covs[1]))
print(multivariate_normal(means[1], covs[1]).pdf(samples))


# %%
# and their speed
# ---------------
# The best of five calls each, one thread for kernterp, on the machine that
# built this page (``bench/run.py`` times a 1000 x 1000 grid, see
# :ref:`sphx_glr_auto_examples_plot_10_speed.py`).
def best_ms(f, repeats=5):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return 1e3 * min(times)


t_kt = best_ms(
    lambda: kt.gaussian_mixture_grid([x, y], means, covs, weights, workers=1)
)
t_sp = best_ms(scipy_heat)
print(f"kernterp {t_kt:.2f} ms, scipy.stats {t_sp:.1f} ms: {t_sp / t_kt:.0f}x")

fig, ax = plt.subplots(figsize=(6.4, 1.8), layout="constrained")
ax.barh(["scipy.stats", "kernterp"], [t_sp, t_kt], color=["0.6", "C1"])
for i, t in enumerate([t_sp, t_kt]):
    ax.text(t, i, f" {t:.1f} ms", va="center")
ax.set(xlabel=f"ms for a {len(x)} x {len(y)} grid, 2 Gaussians", xlim=(0, 1.25 * t_sp))
plt.show()
