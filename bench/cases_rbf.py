"""Area ``rbf``: kernterp.kernels.rbf_kernel and gauss_transform (issue 4).

rbf_kernel, float32 X (10000x512 and 5000x64; --quick: 1000x128 and
1000x64), Y None, gamma = 0.01, var = 5, against:

* the numexpr + scipy sgemm recipe, norms folded into gamma:
  ``G = sgemm(2 gamma, X, X.T)`` then
  ``numexpr.evaluate("var * exp(G - gamma n_i - gamma n_j)")``;
* scikit-learn's float32 ``rbf_kernel`` (times var);
* the floor: scipy's ``ssyrk`` on X alone (alpha = -2 gamma) plus numpy's
  in-place ``np.exp(a, out=a)`` of the n x n float32 result.  "At most 1.25x
  the floor" is written as ``Target(0.8)``: ratio = floor ms / kernterp ms
  >= 0.8.

gauss_transform, n = m = 20000 sources and targets in 3-D (float64 and
float32; --quick: 3000), one weight vector, against blocked numpy: per block
of 512 targets one gemm ``Yb @ X.T``, the exponent formed in place, one
``np.exp`` and one matrix-vector product.

Every target is judged single-threaded (one case with phase 1T) and on all
threads (a second case with phase all).  The BLAS's threads are limited with
threadpoolctl (when installed) before each phase, for kernterp's gemm as for
the peers'; numexpr gets ``set_num_threads``.
"""

from __future__ import annotations

import numpy as np
from cases_pool import _blas_threads  # threadpoolctl's BLAS limit, when installed
from harness import PHASE_1T, PHASE_ALL, Case, Config, Peer, Target, area


def _ne_threads(n: int) -> None:
    _blas_threads(n)
    import numexpr

    numexpr.set_num_threads(n)


GAMMA = 0.01
VAR = 5.0


def _rbf_peers(phase: str, quick: bool) -> list[Peer]:
    def ne_recipe(X, _n):
        import numexpr
        from scipy.linalg.blas import sgemm

        nrm = np.einsum("ij,ij->i", X, X)
        G = sgemm(2 * GAMMA, X, X, trans_b=True)
        return numexpr.evaluate(
            "var * exp(G - g * a - g * b)",
            local_dict={
                "G": G,
                "a": nrm[:, None],
                "b": nrm[None, :],
                "g": np.float32(GAMMA),
                "var": np.float32(VAR),
            },
        )

    def sk_rbf(X, _n):
        from sklearn.metrics.pairwise import rbf_kernel

        K = rbf_kernel(X, gamma=GAMMA)
        K *= VAR
        return K

    def floor(X, _n):
        from scipy.linalg.blas import ssyrk

        a = ssyrk(-2 * GAMMA, X)
        np.exp(a, out=a)
        return a

    min_threads = 2 if phase == PHASE_ALL else 1
    return [
        Peer(
            "numexpr + scipy sgemm",
            ne_recipe,
            requires="numexpr",
            set_threads=_ne_threads,
            target=Target(2.0, phase, min_threads),
            check_tol=1e-4 * VAR,
        ),
        Peer(
            "sklearn rbf_kernel float32",
            sk_rbf,
            requires="sklearn",
            set_threads=_blas_threads,
            slow=not quick,
            target=Target(2.5, phase, min_threads),
            check_tol=1e-5 * VAR,
        ),
        Peer(
            "floor: scipy ssyrk + np.exp in place (<=1.25x: ratio>=0.8)",
            floor,
            requires="scipy.linalg",
            set_threads=_blas_threads,
            target=Target(0.8, phase, min_threads),
        ),
    ]


def _rbf_case(n: int, d: int, phase: str, quick: bool) -> Case:
    def setup():
        return np.random.default_rng(0).random((n, d), dtype=np.float32)

    def kt_call(X, workers):
        from kernterp.kernels import rbf_kernel

        return rbf_kernel(X, gamma=GAMMA, var=VAR, workers=workers)

    return Case(
        f"rbf_kernel f32 {n}x{d} Y=None gamma={GAMMA} var={VAR:g} [{phase}]",
        setup,
        kt_call,
        _rbf_peers(phase, quick),
        phases=(phase,),
    )


GT_GAMMA = 0.5


def _np_gauss_transform(data, _n, block=512):
    X, Y, w = data
    nx = np.einsum("ij,ij->i", X, X)
    ny = np.einsum("ij,ij->i", Y, Y)
    out = np.empty(len(Y), X.dtype)
    g = X.dtype.type(GT_GAMMA)
    for i0 in range(0, len(Y), block):
        G = Y[i0 : i0 + block] @ X.T
        G *= 2 * g
        G -= g * ny[i0 : i0 + block, None]
        G -= g * nx[None, :]
        np.minimum(G, 0, out=G)
        np.exp(G, out=G)
        np.matmul(G, w, out=out[i0 : i0 + block])
    return out


def _gt_case(n: int, dtype, phase: str) -> Case:
    def setup():
        rng = np.random.default_rng(0)
        X = rng.normal(size=(n, 3)).astype(dtype)
        Y = rng.normal(size=(n, 3)).astype(dtype)
        w = rng.normal(size=n).astype(dtype)
        return X, Y, w

    def kt_call(data, workers):
        from kernterp.kernels import gauss_transform

        X, Y, w = data
        return gauss_transform(X, w, Y, gamma=GT_GAMMA, workers=workers)

    min_threads = 2 if phase == PHASE_ALL else 1
    return Case(
        f"gauss_transform {np.dtype(dtype).name} n=m={n} d=3 [{phase}]",
        setup,
        kt_call,
        [
            Peer(
                "blocked numpy (gemm + exp + matvec per 512 targets)",
                _np_gauss_transform,
                set_threads=_blas_threads,
                target=Target(3.0, phase, min_threads),
            )
        ],
        phases=(phase,),
    )


@area("rbf")
def cases(cfg: Config) -> list[Case]:
    """rbf_kernel 10000x512 and 5000x64; gauss_transform 20000 points in 3-D."""
    sizes = [(1000, 128), (1000, 64)] if cfg.quick else [(10000, 512), (5000, 64)]
    ngt = 3000 if cfg.quick else 20000
    out = []
    for n, d in sizes:
        for phase in (PHASE_1T, PHASE_ALL):
            out.append(_rbf_case(n, d, phase, cfg.quick))
    for dtype in (np.float64, np.float32):
        for phase in (PHASE_1T, PHASE_ALL):
            out.append(_gt_case(ngt, dtype, phase))
    return out
