import numpy as np

KERNEL: int
SQDIST: int

def rbf(
    kind: int,
    x: np.ndarray,
    y: np.ndarray | None,
    gamma: float,
    var: float,
    out: np.ndarray,
    nthreads: int,
) -> np.ndarray: ...
def gauss_transform(
    x: np.ndarray,
    w: np.ndarray,
    y: np.ndarray | None,
    gamma: float,
    var: float,
    nthreads: int,
) -> np.ndarray: ...
