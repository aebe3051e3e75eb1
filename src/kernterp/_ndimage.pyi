import numpy as np
import numpy.typing as npt

def gaussian_kernel1d(
    sigma: float, order: int, radius: int
) -> npt.NDArray[np.float64]: ...
def correlate(
    inp: np.ndarray,
    out: np.ndarray,
    passes: list[tuple[int, npt.ArrayLike, int, float]],
    nthreads: int,
) -> np.ndarray: ...
