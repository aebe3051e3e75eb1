from typing import Any

import numpy as np
import numpy.typing as npt

def mixture_pdf(
    x: npt.NDArray[Any],
    means: npt.NDArray[np.float64],
    U: npt.NDArray[np.float64],
    c: npt.NDArray[np.float64],
    w: npt.NDArray[np.float64],
    nthreads: int,
) -> npt.NDArray[Any]: ...
def mixture_grid(
    coords: list[npt.NDArray[Any]],
    means: npt.NDArray[np.float64],
    U: npt.NDArray[np.float64],
    c: npt.NDArray[np.float64],
    w: npt.NDArray[np.float64],
    diag: npt.NDArray[np.int32],
    nthreads: int,
) -> npt.NDArray[Any]: ...
