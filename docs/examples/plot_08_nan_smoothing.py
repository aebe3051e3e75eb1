"""
Smoothing an image with holes
=============================

Real images have missing pixels: a terrain model with voids, a sensor with
dead pixels, a masked region.  With NaN in the holes, a plain Gaussian
filter spreads every hole over the kernel's width (any sum that touches a NaN
is NaN).  ``nan_policy="omit"`` filters only the finite values and
renormalises by the weight they carry (a normalised convolution,
``filter(x * m) / filter(m)`` with ``m`` the mask of finite values), so the
holes are filled from their neighbours and nothing else changes.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.cbook import get_sample_data

from kernterp import ndimage

# %%
# A terrain model with holes
# --------------------------
# matplotlib's sample elevation model of the Jacksboro fault (344 x 403
# cells), with 40 round holes and a stripe of missing rows punched in it.
with get_sample_data("jacksboro_fault_dem.npz") as dem:
    z = dem["elevation"].astype(np.float64)

rng = np.random.default_rng(1)
rows, cols = np.indices(z.shape)
holes = np.zeros(z.shape, bool)
for r, c, rad in zip(
    rng.integers(0, z.shape[0], 40),
    rng.integers(0, z.shape[1], 40),
    rng.uniform(2, 7, 40),
    strict=True,
):
    holes |= (rows - r) ** 2 + (cols - c) ** 2 < rad**2
holes[200:203, 50:300] = True
damaged = np.where(holes, np.nan, z)

sigma = 3
plain = ndimage.gaussian_filter(damaged, sigma)
omit = ndimage.gaussian_filter(damaged, sigma, nan_policy="omit")
print(f"NaN cells: {np.isnan(damaged).mean():.1%} of the input, ", end="")
print(f"{np.isnan(plain).mean():.1%} after the plain filter, ", end="")
print(f"{np.isnan(omit).mean():.1%} with nan_policy='omit'")

vmin, vmax = np.nanpercentile(z, [1, 99])
fig, axs = plt.subplots(1, 3, figsize=(11, 3.6), layout="constrained")
for ax, im, title in (
    (axs[0], damaged, "with holes (NaN)"),
    (axs[1], plain, f"gaussian_filter(z, {sigma})"),
    (axs[2], omit, f"gaussian_filter(z, {sigma}, nan_policy='omit')"),
):
    ax.imshow(im, cmap="terrain", vmin=vmin, vmax=vmax)
    ax.set(title=title, xticks=[], yticks=[])
plt.show()

# %%
# How well the holes are filled
# -----------------------------
# Against the same filter of the intact model.  Outside the kernel's reach
# of every hole (the kernel is a 25 x 25 square: 12 cells = ``4 sigma`` each
# way) the two are the same filter of the same data and agree to rounding.
# Nearer, the omitted cells' weight is shared among the others; inside the
# holes the values are a smooth guess from the surroundings, off where the
# terrain changed inside the hole.
reference = ndimage.gaussian_filter(z, sigma)
err = np.abs(omit - reference)
reach = ndimage.distance_transform_cdt(~holes, metric="chessboard")  # scipy's
far = reach > 4 * sigma
print(f"largest difference far from the holes: {err[far].max():.1e} m")
print(f"median difference inside the holes:    {np.median(err[holes]):.1f} m")

fig, ax = plt.subplots(figsize=(5.4, 4), layout="constrained")
im = ax.imshow(err, cmap="viridis", vmax=np.percentile(err[holes], 99))
ax.contour(holes, levels=[0.5], colors="w", linewidths=0.5)
ax.set(title="|omit - filter of the intact model| (m)", xticks=[], yticks=[])
fig.colorbar(im, ax=ax)
plt.show()
