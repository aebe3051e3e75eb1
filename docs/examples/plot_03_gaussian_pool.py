"""
Gaussian pooling against block averaging
========================================

Shrinking an image by an integer factor is often done by averaging
non-overlapping blocks (``x.reshape(h, s, w, s).mean(axis=(1, 3))``).  That is
a decimation: whatever the block weights let through above the new Nyquist
limit folds back into the small image as false patterns (aliasing).
:func:`kernterp.gaussian_pool` weights each block with a Gaussian whose full
width at half maximum is the block (by default), at the speed of one read of
the input.  Its tapered weights keep more of the detail below the new Nyquist
limit and halve the box's far side lobes, but they are still confined to the
block: Gaussian pooling aliases less, not never.  Removing aliasing takes a
filter wider than the block, e.g. :func:`kernterp.ndimage.gaussian_filter`
before pooling.  A zone plate, whose local frequency grows from the centre
outwards, shows all three.
"""

import matplotlib.pyplot as plt
import numpy as np

import kernterp as kt
from kernterp import ndimage

# %%
# A zone plate, pooled by 8
# -------------------------
# The local frequency of ``cos(pi r**2 / n)`` is ``r / n`` cycles per pixel:
# 0.5 (the input's Nyquist limit) at the edge.  After pooling by 8 the new
# Nyquist limit is 1/16 cycle per input pixel, reached on the dashed circle
# (radius n/16): every ring outside it is aliasing, and the ideal result
# there is flat grey.
n, s = 1024, 8
yy, xx = np.indices((n, n)) - n / 2
img = (0.5 + 0.5 * np.cos(np.pi * (xx**2 + yy**2) / n)).astype(np.float32)

box = img.reshape(n // s, s, n // s, s).mean(axis=(1, 3))
pooled = kt.gaussian_pool(img, s)  # sigma = s / (2 sqrt(2 ln 2)): FWHM = s
prefiltered = kt.gaussian_pool(ndimage.gaussian_filter(img, s / 2), s)

fig, axs = plt.subplots(2, 2, figsize=(8, 8.4), layout="constrained")
axs[0, 0].imshow(img[: n // 2, : n // 2], cmap="gray", vmin=0, vmax=1)
axs[0, 0].set_title(f"zone plate, top-left quarter of {n} x {n}", fontsize=10)
for ax, im, title in (
    (axs[0, 1], box, "block average"),
    (axs[1, 0], pooled, "gaussian_pool(img, 8)"),
    (axs[1, 1], prefiltered, "gaussian_filter(img, 4), then pooled"),
):
    ax.imshow(im, cmap="gray", vmin=0, vmax=1)
    circle = plt.Circle(
        (n / s / 2 - 0.5,) * 2, n / 16 / s, fill=False, ls="--", color="C1"
    )
    ax.add_patch(circle)
    ax.set_title(f"{title}: {n // s} x {n // s}", fontsize=10)
for ax in axs.flat:
    ax.set(xticks=[], yticks=[])
plt.show()

# %%
# How much false pattern is left
# ------------------------------
# The standard deviation outside twice the dashed circle, where the ideal
# image is flat: the aliasing left in each small image.
rr = np.hypot(*(np.indices(box.shape) + 0.5 - n / s / 2))
outside = rr > 2 * n / 16 / s
for name, im in (
    ("block average", box),
    ("gaussian_pool", pooled),
    ("gaussian_filter + gaussian_pool", prefiltered),
):
    print(f"aliasing left, {name:32s} {im[outside].std():.4f}")

# %%
# The frequency responses
# -----------------------
# Along one axis the block average weighs the 8 pixels of a block equally,
# the Gaussian pool by the Gaussian's mass in each pixel (the weights of
# ``kt.gaussian_kernel(8, sigma, method="integrate")``).  Both have side
# lobes above the new Nyquist limit, the Gaussian's about half as high far
# out.  The Gaussian filter of sigma 4 before pooling (its response,
# ``exp(-2 pi**2 sigma**2 f**2)``, times the pool's) leaves almost nothing
# there, for a little more blur below it.
sigma = s / (2 * np.sqrt(2 * np.log(2)))
w_gauss = kt.gaussian_kernel(s, sigma, method="integrate")
w_box = np.full(s, 1 / s)
f = np.linspace(0, 0.5, 500)
phase = np.exp(-2j * np.pi * np.outer(f, np.arange(s)))
h_pool = np.abs(phase @ w_gauss)

fig, ax = plt.subplots(figsize=(6.4, 3.4), layout="constrained")
ax.semilogy(f, np.abs(phase @ w_box), label="block average")
ax.semilogy(f, h_pool, label="gaussian_pool")
ax.semilogy(f, h_pool * np.exp(-2 * (np.pi * 4 * f) ** 2), label="filter + pool")
ax.axvspan(1 / (2 * s), 0.5, color="0.92", label="aliased after pooling")
ax.set(xlabel="frequency (cycles per input pixel)", ylabel="|response|")
ax.set(ylim=(1e-4, 1.5))
ax.legend(loc="lower left")
plt.show()
