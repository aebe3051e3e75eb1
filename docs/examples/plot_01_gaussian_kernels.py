"""
Gaussian kernels done right
===========================

A Gaussian kernel on a pixel grid can mean two things: the Gaussian *sampled*
at the pixel centres, or its *mass* in each pixel (the cell integral).  For
wide kernels they agree; below a sigma of about one pixel they do not, and
only the integrated kernel keeps the variance it was asked for.  This example
shows both with :func:`kernterp.gaussian_kernel1d` and
:func:`kernterp.gaussian_kernel`, reproduces the classic 5 x 5 smoothing
table, shifts a kernel by a fraction of a pixel, and shows why the middle row
of a 2-D kernel is not the 1-D kernel.
"""

# sphinx_gallery_thumbnail_number = 2

import matplotlib.pyplot as plt
import numpy as np

import kernterp as kt

# %%
# Sampled and integrated, at sigma = 0.5 pixel
# ----------------------------------------------
# ``method="sample"`` is the kernel :func:`kernterp.ndimage.gaussian_filter`
# (and scipy) applies; ``method="integrate"`` is the mass of the Gaussian in
# each unit cell ``[x - 1/2, x + 1/2]``.  The continuous density is drawn for
# reference.
sigma = 0.5
radius = 3
x = np.arange(-radius, radius + 1)
sampled = kt.gaussian_kernel1d(sigma, radius)
integrated = kt.gaussian_kernel1d(sigma, radius, method="integrate")
xf = np.linspace(-radius - 0.5, radius + 0.5, 400)
density = np.exp(-(xf**2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
ax0.plot(xf, density, color="0.6", lw=1, label="density")
ax0.bar(x - 0.2, sampled, width=0.4, label="sampled")
ax0.bar(x + 0.2, integrated, width=0.4, label="integrated")
ax0.set(xlabel="offset (pixels)", title=f"sigma = {sigma}")
ax0.legend()

# The width (standard deviation) of each discrete kernel against the sigma
# it was made for: below sigma ~ 0.5 the sampled kernel puts nearly all its
# weight on the centre pixel and loses its width; the integrated one keeps
# the width of a Gaussian seen through a box pixel, sqrt(sigma**2 + 1/12).
sigmas = np.linspace(0.1, 1.5, 57)
width_s, width_i = [], []
for s in sigmas:
    r = int(8 * s + 2)
    xs = np.arange(-r, r + 1)
    width_s.append(np.sqrt(np.sum(xs**2 * kt.gaussian_kernel1d(s, r))))
    k = kt.gaussian_kernel1d(s, r, method="integrate")
    width_i.append(np.sqrt(np.sum(xs**2 * k)))
ax1.plot(sigmas, sigmas, color="0.6", lw=1, label="sigma")
box = np.sqrt(sigmas**2 + 1 / 12)
ax1.plot(sigmas, box, "k:", lw=1.5, label="sqrt(sigma**2 + 1/12)")
ax1.plot(sigmas, width_s, label="sampled")
ax1.plot(sigmas, width_i, "--", label="integrated")
ax1.set(xlabel="sigma (pixels)", ylabel="standard deviation of the kernel")
ax1.legend()
plt.show()

# %%
# The classic 5 x 5 table
# -----------------------
# Image-processing courses (HIPR2's *Gaussian smoothing* page, among many)
# print a 5 x 5 integer kernel for sigma = 1, to be divided by 273.  It is the
# cell-integrated Gaussian over +-2.5 sigma, normalised in its window and
# scaled by 273: every entry of kernterp's kernel rounds to the printed one
# but the four 6.495s, which the table rounds up to 7 so that the integers
# sum to 273.  The sampled kernel misses by 3 in the centre.
hipr2 = np.array(
    [
        [1, 4, 7, 4, 1],
        [4, 16, 26, 16, 4],
        [7, 26, 41, 26, 7],
        [4, 16, 26, 16, 4],
        [1, 4, 7, 4, 1],
    ]
)
k_int = 273 * kt.gaussian_kernel((5, 5), 1.0, method="integrate")
k_smp = 273 * kt.gaussian_kernel((5, 5), 1.0)
np.set_printoptions(precision=2, suppress=True)
print("273 x integrated kernel:\n", k_int)
print("largest difference from the table, integrated:", np.abs(k_int - hipr2).max())
print("largest difference from the table, sampled:   ", np.abs(k_smp - hipr2).max())

fig, axs = plt.subplots(1, 3, figsize=(9, 3.2), layout="constrained")
for ax, k, title in zip(
    axs,
    (hipr2, k_int, k_smp),
    ("the printed table", "273 x integrated", "273 x sampled"),
    strict=True,
):
    ax.imshow(k, cmap="Blues", vmin=0, vmax=45)
    for (i, j), v in np.ndenumerate(k):
        ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=8)
    ax.set(title=title, xticks=[], yticks=[])
plt.show()

# %%
# A Gaussian shifted by a fraction of a pixel
# -------------------------------------------
# ``center`` moves the peak off the grid (positive: towards larger indices),
# e.g. to render a star at a sub-pixel position.  The kernel's centroid is
# where it was asked to be, up to the truncation of the window.
psf = kt.gaussian_kernel((15, 15), 1.5, center=(0.25, -0.4), method="integrate")
rows, cols = np.indices(psf.shape)
print(
    "centroid offset from the middle pixel:",
    round(float((psf * rows).sum() - 7), 4),
    round(float((psf * cols).sum() - 7), 4),
)
rotated = kt.gaussian_kernel((15, 15), (1.5, 4.0), theta=0.5)
# the rotated kernel is astropy's Gaussian2D (x_stddev=4, y_stddev=1.5) on the
# grid, normalised; kt.gaussian2d is that formula for any coordinates
yy, xx = np.indices((15, 15)) - 7.0
g2 = kt.gaussian2d(xx, yy, x_stddev=4.0, y_stddev=1.5, theta=0.5)
print("rotated kernel == normalised gaussian2d:", np.allclose(rotated, g2 / g2.sum()))

fig, axs = plt.subplots(1, 2, figsize=(7, 3.4), layout="constrained")
axs[0].imshow(psf, cmap="magma")
axs[0].plot(7 - 0.4, 7 + 0.25, "c+", ms=12, label="requested centre")
axs[0].axhline(7, color="w", lw=0.5)
axs[0].axvline(7, color="w", lw=0.5)
axs[0].set(title="center=(0.25, -0.4)")
axs[0].legend(loc="lower right", fontsize=8)
axs[1].imshow(rotated, cmap="magma")
axs[1].set(title="sigma=(1.5, 4), theta=0.5")
plt.show()

# %%
# The row of a 2-D kernel is not the 1-D kernel
# ---------------------------------------------
# An unrotated 2-D kernel normalised to sum 1 is the outer product ``k k^T`` of
# the normalised 1-D kernel ``k``.  Its middle row is therefore ``k`` times the
# centre weight ``k[r]`` (0.40 here): a 2-D kernel's row is a *scaled* 1-D
# kernel, and filtering rows with it darkens the image.  What equals ``k`` is
# the 2-D kernel's marginal, the sum over its rows.
k1 = kt.gaussian_kernel1d(1.0, 2)
k2 = kt.gaussian_kernel((5, 5), 1.0)
print("middle row / 1-D kernel:", k2[2] / k1)
print("marginal == 1-D kernel: ", np.allclose(k2.sum(axis=0), k1))

fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
ax.plot(np.arange(-2, 3), k1, "o-", label="1-D kernel (sums to 1)")
ax.plot(np.arange(-2, 3), k2[2], "s-", label="middle row of the 2-D kernel")
ax.plot(np.arange(-2, 3), k2.sum(axis=0), "k+", ms=12, label="sum over rows")
ax.set(xlabel="offset (pixels)")
ax.legend()
plt.show()
