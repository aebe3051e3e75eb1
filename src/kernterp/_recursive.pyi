from typing import Any

import numpy.typing as npt

def recursive_gaussian(
    inp: npt.NDArray[Any],
    out: npt.NDArray[Any],
    axis: int,
    sigma: float,
    mode: int,
    cval: float,
    nthreads: int,
) -> npt.NDArray[Any]: ...
