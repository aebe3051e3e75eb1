from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

def gaussian_kernel1d(
    sigma: float, order: int, radius: int
) -> npt.NDArray[np.float64]: ...
def correlate(
    inp: npt.NDArray[Any],
    out: npt.NDArray[Any],
    passes: Sequence[tuple[int, npt.ArrayLike, int, float]],
    nthreads: int,
) -> npt.NDArray[Any]: ...
