from typing import Any

import numpy.typing as npt

def newton_coeffs(
    x: npt.NDArray[Any], a: npt.NDArray[Any], diag: npt.NDArray[Any] | None = None
) -> None: ...
def newton_add_points(
    n: int, x: npt.NDArray[Any], diag: npt.NDArray[Any], ynew: npt.NDArray[Any]
) -> npt.NDArray[Any]: ...
def leja_order(x: npt.NDArray[Any]) -> npt.NDArray[Any]: ...
def krogh_coeffs(x: npt.NDArray[Any], a: npt.NDArray[Any]) -> None: ...
def newton_eval(
    z: npt.NDArray[Any],
    a: npt.NDArray[Any],
    x: npt.NDArray[Any],
    der_first: int,
    der: int,
    out: npt.NDArray[Any],
    nthreads: int,
) -> npt.NDArray[Any]: ...
