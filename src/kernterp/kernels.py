"""Gaussian kernels and densities, with scipy's names where scipy has them.

``multivariate_normal_pdf`` is a drop-in for
``scipy.stats.multivariate_normal.pdf``; ``gaussian_mixture_pdf`` and
``gaussian_mixture_grid`` evaluate weighted sums of Gaussians at points and
on grids.

Examples
--------
>>> from kernterp import kernels
>>> round(float(kernels.multivariate_normal_pdf(0.0)), 6)
0.398942
"""

from kernterp._kernels_mixture_api import (  # noqa: F401
    gaussian_mixture_grid,
    gaussian_mixture_pdf,
    multivariate_normal_pdf,
)
