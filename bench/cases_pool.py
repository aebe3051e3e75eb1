"""Area ``pool``: kernterp.kernels.gaussian_pool vs the numpy recipes.

The peers compute the same pooling (kernterp's own 1-D weights, as float32)
on a float32 image with block size 4, trailing partial blocks trimmed:

* the reshape recipe:
  ``(x.reshape(H, 4, W, 4) * w2[None, :, None, :]).sum(axis=(1, 3))``
  with ``w2`` the outer product of the 1-D weights;
* the tensordot variant: two ``np.tensordot`` contractions with the 1-D
  weights (the second runs on BLAS, whose threads threadpoolctl limits in
  the single-thread phase when it is installed).

The floor of the pooling is one read of the input and a write of 1/16 of
it: about half of the "memcpy" column's copy (one read + one write).
"""

from __future__ import annotations

import numpy as np
from harness import Case, Config, Peer, Target, area

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # BLAS then runs on its default thread count
    threadpool_limits = None

_limit = None


def _blas_threads(n: int) -> None:
    global _limit
    if threadpool_limits is not None:
        if _limit is not None:
            _limit.unregister()
        _limit = threadpool_limits(limits=n, user_api="blas")


def _image(shape, dtype, seed=0):
    return np.random.default_rng(seed).random(shape, dtype=np.float64).astype(dtype)


@area("pool")
def cases(cfg: Config) -> list[Case]:
    """gaussian_pool f32 size 4 (4096x4096; 1024x1024 with --quick)."""
    from kernterp._pool import INTEGRATE, gaussian_pool_weights
    from kernterp.kernels import gaussian_pool

    n = 1024 if cfg.quick else 4096
    s = 4
    w = gaussian_pool_weights(s, s / (2 * np.sqrt(2 * np.log(2))), INTEGRATE)
    w = w.astype(np.float32)
    w2 = np.outer(w, w)
    H = W = n // s

    def recipe(x, _n):
        h, wd = H * s, W * s
        return (x[:h, :wd].reshape(H, s, W, s) * w2[None, :, None, :]).sum(axis=(1, 3))

    def tdot(x, _n):
        y = x[: H * s, : W * s].reshape(H, s, W, s)
        return np.tensordot(np.tensordot(y, w, axes=([1], [0])), w, axes=([2], [0]))

    return [
        Case(
            f"gaussian_pool f32 {n}x{n} size={s}",
            lambda: _image((n, n), np.float32),
            lambda x, wk: gaussian_pool(x, s, workers=wk),
            [
                Peer(
                    "numpy reshape*w2 .sum", recipe, target=Target(5.0), check_tol=1e-5
                ),
                Peer(
                    "numpy tensordot x2",
                    tdot,
                    set_threads=_blas_threads,
                    target=Target(2.0),
                    check_tol=1e-5,
                ),
            ],
        )
    ]
