"""Every public name of kernterp, called as a user would, for mypy --strict.

Never run (it is not a test module: pytest does not collect it); mypy checks
it with the package (``[tool.mypy] files`` in pyproject.toml), and
tests/test_typing.py checks the types its ``reveal_type`` lines reveal
(``# -> <type>`` at the end of a line: what mypy must reveal there).  A line
ending in ``# type: ignore[<code>]`` is a call mypy must refuse: with
``warn_unused_ignores`` (--strict) an ignore that is not needed is an error.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from typing_extensions import reveal_type

import kernterp
from kernterp import interpolate, kernels, ndimage

f32 = np.zeros(8, np.float32)
f64 = np.zeros(8, np.float64)
i64 = np.zeros(8, np.int64)
img32 = np.zeros((8, 8), np.float32)
img64 = np.zeros((8, 8))
X32 = np.zeros((5, 3), np.float32)
X64 = np.zeros((5, 3), np.float64)
c128 = np.zeros(8, np.complex128)
anyarr: npt.NDArray[Any] = np.zeros(8)

# ---- kernterp --------------------------------------------------------------

reveal_type(kernterp.__version__)  # -> str
reveal_type(kernterp.get_include())  # -> str
reveal_type(kernterp.show_config(mode="dicts"))  # -> dict[str, Any]
reveal_type(kernterp.show_config())  # -> None
reveal_type(kernterp.rbf_kernel(X64))  # -> ndarray[float64]
reveal_type(kernterp.interpolate.interp(f32, f32, f32))  # -> ndarray[float32]

# ---- kernterp.ndimage ------------------------------------------------------

reveal_type(
    ndimage.gaussian_filter(np.zeros(3, np.float32), 1.0)
)  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_filter(img64, (1.0, 2.0), mode="nearest")
)  # -> ndarray[float64]
reveal_type(ndimage.gaussian_filter(i64, 1.0, workers=2))  # -> ndarray[int64]
reveal_type(ndimage.gaussian_filter([1.0, 2.0], 1.0))  # -> ndarray[Any]
reveal_type(ndimage.gaussian_filter(img64, 1.0, output=img32))  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_filter(img64, 1.0, 0, img32, "wrap")
)  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_filter(img64, 1.0, output=np.float32)
)  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_filter(img64, 1.0, nan_policy="omit")
)  # -> ndarray[float64]
reveal_type(ndimage.gaussian_filter1d(f32, 2.0, axis=0, order=1))  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_filter1d(f64, 2.0, method="recursive")
)  # -> ndarray[float64]
reveal_type(ndimage.gaussian_laplace(img32, 1.5))  # -> ndarray[float32]
reveal_type(ndimage.gaussian_laplace(img64, 1.5, truncate=3.0))  # -> ndarray[float64]
reveal_type(ndimage.gaussian_gradient_magnitude(img32, 1.0))  # -> ndarray[float32]
reveal_type(
    ndimage.gaussian_gradient_magnitude(img64, 1.0, output=img32)
)  # -> ndarray[float32]
reveal_type(ndimage.median_filter)  # -> Any
ndimage.gaussian_filter(img64, sigma="oops", workers="x")  # type: ignore[call-overload]
ndimage.gaussian_filter(img64, 1.0, mode="reflekt")  # type: ignore[arg-type]

# ---- kernterp.kernels ------------------------------------------------------

reveal_type(kernels.gaussian_kernel1d(2.0))  # -> ndarray[float64]
reveal_type(kernels.gaussian_kernel1d(2.0, 8, dtype=np.float32))  # -> ndarray[float32]
reveal_type(
    kernels.gaussian_kernel1d(2.0, method="integrate", dtype="f4")
)  # -> ndarray[float32]
reveal_type(kernels.gaussian_kernel((5, 5), 1.0))  # -> ndarray[float64]
reveal_type(
    kernels.gaussian_kernel(5, (1.0,), dtype=np.dtype(np.float32))
)  # -> ndarray[float32]
reveal_type(kernels.gaussian2d(img32, img32))  # -> ndarray[float32]
reveal_type(kernels.gaussian2d(img64, img64, x_stddev=2.0))  # -> ndarray[Any]
reveal_type(
    kernels.multivariate_normal_pdf(X64, np.zeros(3))
)  # -> float64 | ndarray[float64]
reveal_type(
    kernels.gaussian_mixture_pdf(X32, X64[:2], 1.0)
)  # -> float32 | ndarray[float32]
reveal_type(
    kernels.gaussian_mixture_pdf([[0.0, 0.0]], [[0.0, 0.0]], 1.0)
)  # -> float64 | ndarray[float64]
reveal_type(
    kernels.gaussian_mixture_grid([f32, f32], [[0.0, 0.0]], 1.0)
)  # -> ndarray[float32]
reveal_type(
    kernels.gaussian_mixture_grid([f64, f64], [[0.0, 0.0]], 1.0)
)  # -> ndarray[float64]
reveal_type(kernels.gaussian_pool(img32, 2))  # -> ndarray[float32]
reveal_type(kernels.gaussian_pool(img64, (2, 2), mode="reflect"))  # -> ndarray[float64]
reveal_type(kernels.rbf_kernel(X64))  # -> ndarray[float64]
reveal_type(kernels.rbf_kernel(X32, X32, gamma=0.5, var=2.0))  # -> ndarray[float32]
reveal_type(kernels.rbf_kernel([[0.0, 1.0]]))  # -> ndarray[float64]
reveal_type(kernels.rbf_kernel(X64, out=np.empty((5, 5))))  # -> ndarray[float64]
reveal_type(kernels.sqeuclidean_distances(X32))  # -> ndarray[float32]
reveal_type(kernels.sqeuclidean_distances(X64, X64, workers=1))  # -> ndarray[float64]
reveal_type(kernels.gauss_transform(X32, f32[:5]))  # -> ndarray[float32]
reveal_type(
    kernels.gauss_transform(X64, f64[:5], X64, gamma=0.1)
)  # -> ndarray[float64]
reveal_type(kernels.periodic_gauss_transform(X32, f32[:5], 0.3))  # -> ndarray[float32]
reveal_type(
    kernels.periodic_gauss_transform(X64, f64[:5], 0.3, period=1.0)
)  # -> ndarray[float64]
kernels.rbf_kernel(X64, workers="all")  # type: ignore[call-overload]

# ---- kernterp.interpolate --------------------------------------------------

reveal_type(interpolate.interp(f32, f32, f32))  # -> ndarray[float32]
reveal_type(interpolate.interp(f64, f64, f64))  # -> ndarray[float64]
reveal_type(interpolate.interp(0.5, [0.0, 1.0], [0.0, 2.0]))  # -> float64
reveal_type(interpolate.interp(f64, f64, c128))  # -> ndarray[complex128]
reveal_type(interpolate.interp(anyarr, f64, f64, workers=2))  # -> Any

cs = interpolate.CubicSpline(f64, f64)
reveal_type(cs)  # -> CubicSpline[float64]
reveal_type(cs(f64))  # -> ndarray[float64]
reveal_type(cs(0.5, nu=1, workers=1))  # -> ndarray[float64]
reveal_type(
    interpolate.CubicSpline(f64, c128, bc_type="natural")(f64)
)  # -> ndarray[complex128]
reveal_type(cs.derivative())  # -> Any

f1 = interpolate.interp1d(f64, f64, kind="cubic", fill_value="extrapolate")
reveal_type(f1(f64, workers=1))  # -> ndarray[Any]

reveal_type(interpolate.newton_coeffs(f64, f64))  # -> ndarray[float64]
reveal_type(interpolate.newton_eval(f64, f64, f32, der=1))  # -> ndarray[Any]
reveal_type(interpolate.leja_order(f64))  # -> ndarray[intp]
reveal_type(interpolate.coeffts(f64, f64))  # -> ndarray[float64]
reveal_type(interpolate.evalPoly(f64, f64, 0.5))  # -> Any

p = interpolate.NewtonInterpolator(f64, f64, order="sorted", workers=1)
reveal_type(p(f32))  # -> ndarray[Any]
reveal_type(p.derivative(f64, 2))  # -> ndarray[Any]
reveal_type(p.derivatives(f64))  # -> ndarray[Any]
reveal_type(p.nodes)  # -> ndarray[float64]
reveal_type(p.coefficients)  # -> ndarray[Any]
reveal_type(p.add_points([9.0], [1.0]))  # -> None
interpolate.NewtonInterpolator(f64, f64, order="random")  # type: ignore[arg-type]

k = interpolate.KroghInterpolator([0.0, 0.0, 1.0], [1.0, 0.0, 2.0])
reveal_type(k(f64))  # -> ndarray[Any]
reveal_type(k.derivative(f64))  # -> ndarray[Any]
reveal_type(k.derivatives(0.5, der=2))  # -> ndarray[Any]
reveal_type(
    interpolate.krogh_interpolate([0, 1], [0, 1], 0.5, der=[0, 1])
)  # -> ndarray[Any]
