"""Gaussian kernels, densities and pooling on kernterp's C core.

* :func:`multivariate_normal_pdf` is a drop-in for
  ``scipy.stats.multivariate_normal.pdf``; :func:`gaussian_mixture_pdf` and
  :func:`gaussian_mixture_grid` evaluate weighted sums of Gaussians at points
  and on grids (the grid version exploits the grid's structure).
* :func:`gaussian_pool`: Gaussian-weighted pooling over non-overlapping
  blocks (a weighted, anti-aliased alternative to block averaging).

Examples
--------
>>> from kernterp import kernels
>>> round(float(kernels.multivariate_normal_pdf(0.0)), 6)
0.398942
"""

from kernterp._kernels_mixture_api import (
    gaussian_mixture_grid,
    gaussian_mixture_pdf,
    multivariate_normal_pdf,
)
from kernterp._pool_api import gaussian_pool

__all__ = [
    "gaussian_mixture_grid",
    "gaussian_mixture_pdf",
    "gaussian_pool",
    "multivariate_normal_pdf",
]
