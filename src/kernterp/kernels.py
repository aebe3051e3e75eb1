"""Gaussian kernels, densities and pooling on kernterp's C core.

* :func:`gaussian_kernel1d`: sampled or cell-integrated 1-D kernels (and
  derivatives), the sampled one bit for bit the kernel of
  :func:`kernterp.ndimage.gaussian_filter`;
* :func:`gaussian_kernel`: N-d kernels, even or odd sizes, 2-D rotation;
* :func:`gaussian2d`: astropy's ``Gaussian2D`` formula, vectorised;
* :func:`multivariate_normal_pdf` is a drop-in for
  ``scipy.stats.multivariate_normal.pdf``; :func:`gaussian_mixture_pdf` and
  :func:`gaussian_mixture_grid` evaluate weighted sums of Gaussians at points
  and on grids (the grid version exploits the grid's structure);
* :func:`gaussian_pool`: Gaussian-weighted pooling over non-overlapping
  blocks (a weighted, anti-aliased alternative to block averaging).

Examples
--------
>>> from kernterp import kernels
>>> kernels.gaussian_kernel((3, 3), 1.0).shape
(3, 3)
>>> round(float(kernels.multivariate_normal_pdf(0.0)), 6)
0.398942
"""

from kernterp._kernels_api import gaussian2d, gaussian_kernel, gaussian_kernel1d
from kernterp._mixture_api import (
    gaussian_mixture_grid,
    gaussian_mixture_pdf,
    multivariate_normal_pdf,
)
from kernterp._periodic_api import periodic_gauss_transform
from kernterp._pool_api import gaussian_pool
from kernterp._rbf_api import gauss_transform, rbf_kernel, sqeuclidean_distances

__all__ = [
    "gaussian2d",
    "gaussian_kernel",
    "gaussian_kernel1d",
    "gaussian_mixture_grid",
    "gaussian_mixture_pdf",
    "gaussian_pool",
    "multivariate_normal_pdf",
    "gauss_transform",
    "rbf_kernel",
    "sqeuclidean_distances",
    "periodic_gauss_transform",
]
