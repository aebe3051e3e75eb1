from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

TRIM: int
INTEGRATE: int
SAMPLE: int

def gaussian_pool_weights(
    size: int, sigma: float, method: int
) -> npt.NDArray[np.float64]: ...
def pool(
    inp: npt.NDArray[Any],
    out: npt.NDArray[Any],
    sizes: Sequence[int],
    weights: Sequence[npt.ArrayLike | None],
    mode: int,
    cval: float,
    nthreads: int,
) -> npt.NDArray[Any]: ...
