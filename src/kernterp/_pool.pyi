from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

TRIM: int
INTEGRATE: int
SAMPLE: int

def gaussian_pool_weights(
    size: int, sigma: float, method: int
) -> npt.NDArray[np.float64]: ...
def pool(
    inp: np.ndarray,
    out: np.ndarray,
    sizes: Sequence[int],
    weights: Sequence[npt.ArrayLike | None],
    mode: int,
    cval: float,
    nthreads: int,
) -> np.ndarray: ...
