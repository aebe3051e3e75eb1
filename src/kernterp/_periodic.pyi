from typing import Any

import numpy as np

def plan(
    d: int,
    n: int,
    m: int,
    nrhs: int,
    sigma: float,
    period: float,
    tol: float,
    method: str,
) -> dict[str, Any]: ...
def periodic_gauss(
    x: np.ndarray,
    q: np.ndarray,
    y: np.ndarray | None,
    sigma: float,
    period: float,
    tol: float,
    method: str,
    nthreads: int,
) -> tuple[np.ndarray, dict[str, Any]]: ...
