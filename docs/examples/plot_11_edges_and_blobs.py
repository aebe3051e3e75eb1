"""
Edges and blobs: Gaussian derivatives
=====================================

:func:`kernterp.ndimage.gaussian_gradient_magnitude` and
:func:`kernterp.ndimage.gaussian_laplace` are scipy's, on kernterp's core:
the first finds edges, the second, scale-normalised and taken over a range
of sigmas, finds blobs and their sizes (the Laplacian-of-Gaussian detector).
Every other ``scipy.ndimage`` function (here ``maximum_filter``) is reached
through the same module.
"""

import matplotlib.pyplot as plt
import numpy as np
import scipy.ndimage

from kernterp import ndimage

# %%
# An image of discs of many sizes
# -------------------------------
rng = np.random.default_rng(7)
n = 320
rows, cols = np.indices((n, n))
img = np.zeros((n, n))
discs = []
while len(discs) < 24:
    r = rng.uniform(3, 14)
    c = rng.uniform(r + 2, n - r - 2, 2)
    if all(np.hypot(*(c - c2)) > r + r2 + 4 for c2, r2 in discs):
        discs.append((c, r))
        img[(rows - c[0]) ** 2 + (cols - c[1]) ** 2 < r**2] = 1.0
img = ndimage.gaussian_filter(img, 0.7) + 0.15 * rng.normal(size=img.shape)

# %%
# Edges: the gradient magnitude
# -----------------------------
# The same values as scipy's (float64: bit for bit).
edges = ndimage.gaussian_gradient_magnitude(img, 2.0)
print(
    "same as scipy:",
    np.array_equal(edges, scipy.ndimage.gaussian_gradient_magnitude(img, 2.0)),
)

# %%
# Blobs: the scale-normalised Laplacian of Gaussian
# -------------------------------------------------
# ``-sigma**2 * gaussian_laplace(img, sigma)`` responds most strongly to a
# bright disc of radius ``sigma * sqrt(2)``.  Its maxima over position and
# scale are the blobs: centre and radius.
sigmas = np.geomspace(2, 11, 14)
stack = np.stack([-(s**2) * ndimage.gaussian_laplace(img, s) for s in sigmas])
peaks = stack == ndimage.maximum_filter(stack, size=(3, 7, 7))  # scipy's, via kernterp
peaks &= stack > 0.5  # a disc of height 1 gives about 0.7, the noise below 0.4
found = [(rc, sigmas[k] * np.sqrt(2)) for k, *rc in np.argwhere(peaks)]
print(f"{len(discs)} discs drawn, {len(found)} blobs found")

fig, axs = plt.subplots(1, 3, figsize=(11, 3.9), layout="constrained")
axs[0].imshow(img, cmap="gray")
axs[0].set_title("24 noisy discs")
axs[1].imshow(edges, cmap="magma")
axs[1].set_title("gaussian_gradient_magnitude(img, 2)")
axs[2].imshow(img, cmap="gray")
for (r, c), radius in found:
    axs[2].add_patch(plt.Circle((c, r), radius, color="C1", fill=False, lw=1.2))
axs[2].set_title("blobs: maxima of -sigma**2 * LoG")
for ax in axs:
    ax.set(xticks=[], yticks=[])
plt.show()

# %%
# The radii found against the radii drawn, each blob matched to the nearest
# disc.
drawn = np.array([c for c, _ in discs])
pairs = []
for (r, c), radius in found:
    k = np.argmin(np.hypot(*(drawn - (r, c)).T))
    pairs.append((discs[k][1], radius))
pairs = np.array(pairs)
fig, ax = plt.subplots(figsize=(4.2, 3.6), layout="constrained")
ax.plot(pairs[:, 0], pairs[:, 1], "o")
ax.plot([2, 16], [2, 16], color="0.6", lw=1)
ax.set(xlabel="radius drawn", ylabel="radius found (sigma * sqrt(2))")
plt.show()
