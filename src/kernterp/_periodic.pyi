from typing import Any

import numpy.typing as npt

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
    x: npt.NDArray[Any],
    q: npt.NDArray[Any],
    y: npt.NDArray[Any] | None,
    sigma: float,
    period: float,
    tol: float,
    method: str,
    nthreads: int,
) -> tuple[npt.NDArray[Any], dict[str, Any]]: ...
