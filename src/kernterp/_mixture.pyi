import numpy as np

def mixture_pdf(
    x: np.ndarray,
    means: np.ndarray,
    U: np.ndarray,
    c: np.ndarray,
    w: np.ndarray,
    nthreads: int,
) -> np.ndarray: ...
def mixture_grid(
    coords: list[np.ndarray],
    means: np.ndarray,
    U: np.ndarray,
    c: np.ndarray,
    w: np.ndarray,
    diag: np.ndarray,
    nthreads: int,
) -> np.ndarray: ...
