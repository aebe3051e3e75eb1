import numpy as np

def newton_coeffs(
    x: np.ndarray, a: np.ndarray, diag: np.ndarray | None = None
) -> None: ...
def newton_add_points(
    n: int, x: np.ndarray, diag: np.ndarray, ynew: np.ndarray
) -> np.ndarray: ...
def leja_order(x: np.ndarray) -> np.ndarray: ...
def krogh_coeffs(x: np.ndarray, a: np.ndarray) -> None: ...
def newton_eval(
    z: np.ndarray,
    a: np.ndarray,
    x: np.ndarray,
    der_first: int,
    der: int,
    out: np.ndarray,
    nthreads: int,
) -> np.ndarray: ...
