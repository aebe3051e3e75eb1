"""
kernterp in one page: the import swap
=====================================

kernterp's functions carry the names, arguments and results of the functions
they replace.  This example swaps ``scipy.ndimage`` for ``kernterp.ndimage``
on a photograph, checks that the float64 result is scipy's bit for bit, and
times both.  It also shows the two functions that describe the installed
package: :func:`kernterp.show_config` and :func:`kernterp.get_include`.
"""

import os
import time

import matplotlib.pyplot as plt
import numpy as np
import scipy.ndimage
from matplotlib.cbook import get_sample_data

import kernterp
from kernterp import ndimage  # instead of: from scipy import ndimage

# %%
# What runs here
# --------------
# :func:`kernterp.show_config` reports the C ABI, the instruction-set levels
# compiled in and the one in use on this CPU, and the default thread count;
# :func:`kernterp.get_include` is the directory of the C headers, for other
# extensions that call kernterp's C core.
cfg = kernterp.show_config(mode="dicts")
print("kernterp", kernterp.__version__)
print("SIMD level in use:", cfg["SIMD Extensions"]["in use"])
headers = kernterp.get_include()
print("C headers:", sorted(os.listdir(os.path.join(headers, "kernterp")))[:4], "...")

# %%
# The same call, the same result
# ------------------------------
# A photograph from matplotlib's sample data, in float64 and float32.
with get_sample_data("grace_hopper.jpg") as fh:
    rgb = plt.imread(fh, format="jpg")
img64 = rgb @ np.array([0.299, 0.587, 0.114]) / 255  # float64, 600 x 512
img32 = img64.astype(np.float32)

smooth = ndimage.gaussian_filter(img64, sigma=3)
reference = scipy.ndimage.gaussian_filter(img64, sigma=3)
print("float64, identical to scipy:", np.array_equal(smooth, reference))

smooth32 = ndimage.gaussian_filter(img32, sigma=3)  # computed in float32
print("float32 stays float32:", smooth32.dtype)
print(
    f"float32, largest difference from scipy: {np.abs(smooth32 - reference).max():.1e}"
)

# derivatives, as in scipy: order=1 along the columns is the x derivative
dx = ndimage.gaussian_filter(img32, sigma=2, order=[0, 1])

fig, axs = plt.subplots(1, 3, figsize=(10, 4.2), layout="constrained")
axs[0].imshow(img32, cmap="gray")
axs[0].set_title("image")
axs[1].imshow(smooth32, cmap="gray")
axs[1].set_title("gaussian_filter(img, 3)")
axs[2].imshow(dx, cmap="RdBu", vmin=-0.05, vmax=0.05)
axs[2].set_title("gaussian_filter(img, 2, order=[0, 1])")
for ax in axs:
    ax.set(xticks=[], yticks=[])
plt.show()


# %%
# The speed
# ---------
# The best of five calls, one thread for kernterp (scipy has one), on the
# machine that built this page.
def best_ms(f, repeats=5):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return 1e3 * min(times)


for name, img in (("float32", img32), ("float64", img64)):
    t_kt = best_ms(lambda img=img: ndimage.gaussian_filter(img, 3, workers=1))
    t_sp = best_ms(lambda img=img: scipy.ndimage.gaussian_filter(img, 3))
    print(f"{name}: kernterp {t_kt:.2f} ms, scipy {t_sp:.2f} ms ({t_sp / t_kt:.1f}x)")
