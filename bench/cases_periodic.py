"""Area ``periodic``: kernterp.kernels.periodic_gauss_transform vs NUFFT and numpy.

The issue's targets: N = M = 10^4 points in 2-D on the torus [0, 2 pi)^2,
sigma from 0.05 to 4, kernterp at its default tol = 1e-10, faster than the
FINUFFT pipeline at FINUFFT's default tolerance (eps = 1e-6).  Peers:

* FINUFFT (optional, skipped when ``import finufft`` fails): nufft2d1 of
  the weights (isign -1) onto 2K + 1 modes per axis, K chosen from sigma so
  that FINUFFT's own mode truncation, exp(-sigma^2 K^2 / 2), is below its
  eps (1e-6); multiplied by the Gaussian's Fourier coefficients
  (sigma sqrt(2 pi) / L)^2 exp(-sigma^2 |k|^2 / 2); nufft2d2 at the targets
  (isign +1); the real part.  The period 2 pi is FINUFFT's own, the points
  are passed as contiguous float64 arrays and the weights as complex128,
  both built once, untimed.  FINUFFT runs on ``nthreads`` threads.
* numpy Fourier sum: the same truncated series as kernterp's Fourier method
  (K from tol = 1e-10), the per-axis exponentials as dense complex arrays
  and the mode sums as two BLAS matrix products; it is also the accuracy
  reference (max abs diff column, agreement note: within
  2e-10 * sum|q| * kmax).

The "tol=1e-6" rows run kernterp at FINUFFT's tolerance (information, no
target).
"""

from __future__ import annotations

import math

import numpy as np
from harness import Case, Config, Peer, Target, area

L = 2 * math.pi


def _setup(n, m, seed=0):
    def setup():
        rng = np.random.default_rng(seed)
        x = rng.uniform(0.0, L, size=(n, 2))
        y = rng.uniform(0.0, L, size=(m, 2))
        q = rng.normal(size=n)
        return {
            "x": x,
            "y": y,
            "q": q,
            "x0": np.ascontiguousarray(x[:, 0]),
            "x1": np.ascontiguousarray(x[:, 1]),
            "y0": np.ascontiguousarray(y[:, 0]),
            "y1": np.ascontiguousarray(y[:, 1]),
            "qc": q.astype(np.complex128),
        }

    return setup


def _coef(sigma, K):
    k = np.arange(-K, K + 1)
    return sigma * math.sqrt(2 * math.pi) / L * np.exp(-0.5 * (sigma * k) ** 2)


def finufft_pipeline(data, sigma, nthreads, eps=1e-6):
    """FINUFFT type 1, multiply by the Gaussian's coefficients, type 2."""
    import finufft

    K = math.ceil(math.sqrt(2 * math.log(1 / eps)) / sigma)
    a = _coef(sigma, K)
    F = finufft.nufft2d1(
        data["x0"], data["x1"], data["qc"], (2 * K + 1, 2 * K + 1),
        isign=-1, eps=eps, nthreads=nthreads,
    )  # fmt: skip
    F *= a[:, None] * a[None, :]
    f = finufft.nufft2d2(data["y0"], data["y1"], F, isign=1, eps=eps, nthreads=nthreads)
    return f.real


def numpy_fourier(data, sigma, tol=1e-10):
    """The truncated Fourier series with numpy: dense exponentials, BLAS."""
    K = math.ceil(math.sqrt(2 * math.log(4 / tol)) / sigma) + 1
    k = np.arange(-K, K + 1)
    a = _coef(sigma, K)
    x, y, q = data["x"], data["y"], data["q"]
    e0 = np.exp(-1j * np.outer(x[:, 0], k))
    e1 = np.exp(-1j * np.outer(x[:, 1], k))
    S = (e0 * q[:, None]).T @ e1
    S *= a[:, None] * a[None, :]
    f0 = np.exp(1j * np.outer(y[:, 0], k))
    f1 = np.exp(1j * np.outer(y[:, 1], k))
    return np.einsum("ik,ik->i", f0 @ S, f1).real


def _case(n, m, sigma, tol, with_targets):
    from kernterp.kernels import periodic_gauss_transform

    def kt_call(data, workers):
        return periodic_gauss_transform(
            data["x"], data["q"], sigma, data["y"], tol=tol, workers=workers
        )

    peers = [
        Peer(
            "FINUFFT type1*coef*type2 (eps 1e-6)",
            lambda data, nt: finufft_pipeline(data, sigma, nt),
            requires="finufft",
            target=Target(1.0) if with_targets else None,
        )
    ]
    if with_targets:
        kmax = (
            1 + 2 * sum(math.exp(-((j * L) ** 2) / (2 * sigma**2)) for j in (1, 2))
        ) ** 2
        if sigma > 1:
            kmax = (sigma * math.sqrt(2 * math.pi) / L) ** 2
        peers.append(
            Peer(
                "numpy Fourier sum (tol 1e-10, BLAS)",
                lambda data, _nt: numpy_fourier(data, sigma),
                slow=True,
                check_tol=2e-10 * kmax * 0.8 * n,  # sum|q| ~ 0.8 n
            )
        )
    return Case(
        f"periodic_gauss_transform 2-D N=M={n} sigma={sigma:g} tol={tol:g}",
        _setup(n, m),
        kt_call,
        peers,
    )


@area("periodic")
def cases(cfg: Config) -> list[Case]:
    """N = M = 10^4 (2000 with --quick) in 2-D, sigma 0.05 .. 4."""
    n = 2000 if cfg.quick else 10_000
    out = [_case(n, n, s, 1e-10, True) for s in (0.05, 0.1, 0.2, 0.5, 1.0, 4.0)]
    if not cfg.quick:
        out += [_case(n, n, s, 1e-6, False) for s in (0.1, 0.2)]
    return out
