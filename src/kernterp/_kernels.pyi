from typing import Any

import numpy.typing as npt

def kernel1d(
    n: int,
    sigma: float,
    center: float,
    order: int,
    method: int,
    normalize: bool,
    f32: bool,
) -> npt.NDArray[Any]: ...
def kernel(
    shape: tuple[int, ...],
    sigma: tuple[float, ...],
    center: tuple[float, ...],
    order: tuple[int, ...],
    method: int,
    normalize: bool,
    theta: float,
    f32: bool,
) -> npt.NDArray[Any]: ...
