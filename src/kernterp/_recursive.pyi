import numpy as np

def recursive_gaussian(
    inp: np.ndarray,
    out: np.ndarray,
    axis: int,
    sigma: float,
    mode: int,
    cval: float,
    nthreads: int,
) -> np.ndarray: ...
