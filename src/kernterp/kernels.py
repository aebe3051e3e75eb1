"""Gaussian kernels, densities and pooling on kernterp's C core.

* :func:`gaussian_pool`: Gaussian-weighted pooling over non-overlapping
  blocks (a weighted, anti-aliased alternative to block averaging).
"""

from kernterp._pool_api import gaussian_pool  # noqa: F401
