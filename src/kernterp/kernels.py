"""Gaussian kernels and densities, on kernterp's C core.

* :func:`gaussian_kernel1d`: sampled or cell-integrated 1-D kernels (and
  derivatives), the sampled one bit for bit the kernel of
  :func:`kernterp.ndimage.gaussian_filter`;
* :func:`gaussian_kernel`: N-d kernels, even or odd sizes, 2-D rotation;
* :func:`gaussian2d`: astropy's ``Gaussian2D`` formula, vectorised.

>>> from kernterp.kernels import gaussian_kernel
>>> gaussian_kernel((3, 3), 1.0).shape
(3, 3)
"""

from kernterp._kernels_gauss_api import (  # noqa: F401
    gaussian2d,
    gaussian_kernel,
    gaussian_kernel1d,
)
