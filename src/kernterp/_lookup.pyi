import numpy as np

def is_uniform(xp: np.ndarray) -> bool: ...
def lookup(x: np.ndarray, xp: np.ndarray, path: int, nthreads: int) -> np.ndarray: ...
def interp(
    x: np.ndarray,
    xp: np.ndarray,
    fp: np.ndarray,
    left: float,
    right: float,
    out: np.ndarray,
    recip: bool,
    path: int,
    nthreads: int,
) -> np.ndarray: ...
def ppoly_eval(
    c: np.ndarray,
    xb: np.ndarray,
    x: np.ndarray,
    extrapolate: bool,
    path: int,
    nthreads: int,
    out: np.ndarray | None = None,
) -> np.ndarray: ...
def cubic_spline(
    x: np.ndarray,
    y: np.ndarray,
    bc0: int,
    v0: np.ndarray | None,
    bc1: int,
    v1: np.ndarray | None,
) -> np.ndarray: ...
def interp1(
    x: float, xp: np.ndarray, fp: np.ndarray, left: float | None, right: float | None
) -> float | None: ...
