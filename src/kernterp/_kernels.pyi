import numpy as np

def kernel1d(
    n: int,
    sigma: float,
    center: float,
    order: int,
    method: int,
    normalize: bool,
    f32: bool,
) -> np.ndarray: ...
def kernel(
    shape: tuple[int, ...],
    sigma: tuple[float, ...],
    center: tuple[float, ...],
    order: tuple[int, ...],
    method: int,
    normalize: bool,
    theta: float,
    f32: bool,
) -> np.ndarray: ...
