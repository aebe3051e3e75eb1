from typing import Any

import numpy.typing as npt

KERNEL: int
SQDIST: int

def rbf(
    kind: int,
    x: npt.NDArray[Any],
    y: npt.NDArray[Any] | None,
    gamma: float,
    var: float,
    out: npt.NDArray[Any],
    nthreads: int,
) -> npt.NDArray[Any]: ...
def gauss_transform(
    x: npt.NDArray[Any],
    w: npt.NDArray[Any],
    y: npt.NDArray[Any] | None,
    gamma: float,
    var: float,
    nthreads: int,
) -> npt.NDArray[Any]: ...
