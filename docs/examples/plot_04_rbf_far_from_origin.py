"""
RBF kernels of data far from the origin
=======================================

The fast way to an RBF (Gaussian) kernel matrix expands
``||x - y||**2 = |x|**2 + |y|**2 - 2 x.y`` and takes ``x.y`` from one matrix
product.  In float32 that expansion cancels catastrophically when the points
are close to each other but far from the origin: the three terms are about
``|x|**2`` while their sum is about the spread of the data.  Here, 32
features of spread 1 around 1000: ``|x|**2`` is 3.2e7, the squared distances
are about 64, and float32 keeps 7 digits.

:func:`kernterp.rbf_kernel` stays in float32 (one single-precision ``syrk``)
and still gives float64-grade answers: it centres the data first and
recomputes directly the entries whose expansion cancelled.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

import kernterp as kt

rng = np.random.default_rng(0)
n, d, gamma = 1000, 32, 0.05
X = (1000 + rng.normal(size=(n, d))).astype(np.float32)

# %%
# The reference, and the two float32 kernels
# ------------------------------------------
# The reference is computed in float64 from the differences themselves
# (no expansion, so nothing cancels).
X64 = X.astype(np.float64)
sq_dist64 = ((X64[:, None, :] - X64[None, :, :]) ** 2).sum(axis=-1)
K64 = np.exp(-gamma * sq_dist64)

# the plain float32 expansion, as a numpy one-liner would do it
sq = (X * X).sum(axis=1)
sq_dist32 = np.maximum(sq[:, None] + sq[None, :] - 2 * (X @ X.T), 0)
K_plain = np.exp(-gamma * sq_dist32)

K_kt = kt.rbf_kernel(X, gamma=gamma)  # float32 in, float32 out
print(K_kt.dtype, K_plain.dtype)

err_plain = np.abs(K_plain - K64)
err_kt = np.abs(K_kt - K64)
print(f"largest error, plain float32 expansion: {err_plain.max():.2g}")
print(f"largest error, kernterp float32:        {err_kt.max():.2g}")
print("diagonal exactly 1 (distance 0):", bool((np.diag(K_kt) == 1).all()))

# %%
# The error maps
# --------------
# The first 200 x 200 entries of each error matrix, on one logarithmic
# colour scale (errors below 1e-9 are drawn as 1e-9).  The plain expansion
# is off by up to the size of the kernel itself; kernterp's float32 is within
# a few float32 roundings everywhere.
norm = LogNorm(vmin=1e-9, vmax=1)
fig, axs = plt.subplots(1, 2, figsize=(9, 4.2), layout="constrained")
for ax, err, title in (
    (axs[0], err_plain, "plain float32 expansion"),
    (axs[1], err_kt, "kernterp.rbf_kernel, float32"),
):
    im = ax.imshow(np.maximum(err[:200, :200], 1e-9), norm=norm, cmap="viridis")
    ax.set(title=title, xlabel="j", ylabel="i")
fig.colorbar(im, ax=axs, label="|K - K_float64|")
plt.show()

# %%
# The errors against the kernel's value
# -------------------------------------
# The plain expansion's error does not shrink with the kernel's value: small
# entries come out as noise.
off = ~np.eye(n, dtype=bool)
idx = rng.choice(np.flatnonzero(off), 20000, replace=False)
fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
ax.loglog(K64.flat[idx], np.maximum(err_plain.flat[idx], 1e-12), ".", ms=2)
ax.loglog(K64.flat[idx], np.maximum(err_kt.flat[idx], 1e-12), ".", ms=2)
ax.set(xlabel="K (float64 reference)", ylabel="|error| (floored at 1e-12)")
ax.legend(["plain float32 expansion", "kernterp float32"], markerscale=6)
plt.show()

# %%
# Distances, and the kernel times a vector
# ----------------------------------------
# :func:`kernterp.sqeuclidean_distances` is the same computation without the
# exponential: never negative, exactly 0 between equal rows.
# :func:`kernterp.gauss_transform` is ``K @ w`` without ever holding ``K``
# (here 1000 x 1000; memory stays O(n d) for any n).
D = kt.sqeuclidean_distances(X)
print("smallest distance:", D.min(), "  diagonal all 0:", bool((np.diag(D) == 0).all()))
w = rng.normal(size=n).astype(np.float32)
f = kt.gauss_transform(X, w, gamma=gamma)
print(f"gauss_transform against K64 @ w: {np.abs(f - K64 @ w).max():.1e}")
