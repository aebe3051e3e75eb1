"""Area ``kernels``: kernterp.kernels' Gaussian kernels vs scipy and numpy recipes.

The issue's targets are absolute times (1-D radius 1000 in < 50 us, 2-D
101x101 in < 100 us): ``Target(max_ms=...)`` judges kernterp's own time,
measured (as every sub-2 ms call is) in a calibrated loop.  Peers:
``scipy.ndimage._filters._gaussian_kernel1d`` (the sampled kernel) and the
usual numpy recipes (an erf difference for cell masses, an outer product of
1-D kernels, astropy's formula on a meshgrid for the rotated kernel).
"""

from __future__ import annotations

import math

import numpy as np
from harness import PHASES, Case, Config, Peer, Target, area


def _erf_cells(sigma, r):
    from scipy.special import erf

    e = (np.arange(-r, r + 2) - 0.5) / (sigma * math.sqrt(2))
    k = 0.5 * np.diff(erf(e))
    return k / k.sum()


def _np_outer(n, sigma):
    x = np.arange(n) - (n - 1) / 2
    g = np.exp(-0.5 * (x / sigma) ** 2)
    g /= g.sum()
    return np.outer(g, g)


def _np_rotated(n, sx, sy, theta):
    y, x = np.mgrid[0:n, 0:n] - (n - 1) / 2
    a = np.cos(theta) ** 2 / (2 * sx**2) + np.sin(theta) ** 2 / (2 * sy**2)
    b = np.sin(2 * theta) / (2 * sx**2) - np.sin(2 * theta) / (2 * sy**2)
    c = np.sin(theta) ** 2 / (2 * sx**2) + np.cos(theta) ** 2 / (2 * sy**2)
    k = np.exp(-(a * x * x + b * x * y + c * y * y))
    return k / k.sum()


@area("kernels")
def cases(cfg: Config) -> list[Case]:
    """Kernels: 1-D radius 1000; 2-D 101x101 sampled, integrated, rotated."""
    from scipy.ndimage._filters import _gaussian_kernel1d

    from kernterp import kernels as kt

    one = PHASES[:1]  # kernels are single-threaded: the 1T column only
    sigma1, r = 250.0, 1000  # int(4 * 250 + 0.5) = 1000
    out = [
        Case(
            "gaussian_kernel1d r=1000 sample",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel1d(sigma1),
            [
                Peer(
                    "scipy _gaussian_kernel1d",
                    lambda _d, _n: _gaussian_kernel1d(sigma1, 0, r),
                    target=Target(max_ms=0.05),
                )
            ],
            phases=one,
        ),
        Case(
            "gaussian_kernel1d r=1000 sample center=0.3",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel1d(sigma1, center=0.3),
            [
                Peer(
                    "scipy _gaussian_kernel1d",
                    lambda _d, _n: _gaussian_kernel1d(sigma1, 0, r),
                    target=Target(max_ms=0.05),
                )
            ],
            phases=one,
        ),
        Case(
            "gaussian_kernel1d r=1000 integrate",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel1d(sigma1, method="integrate"),
            [
                Peer(
                    "numpy erf difference",
                    lambda _d, _n: _erf_cells(sigma1, r),
                    requires="scipy.special",
                    target=Target(max_ms=0.05),
                )
            ],
            phases=one,
        ),
    ]
    n, s2 = 101, 12.5
    out += [
        Case(
            "gaussian_kernel 101x101 sample",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel((n, n), s2),
            [
                Peer(
                    "numpy outer product",
                    lambda _d, _n: _np_outer(n, s2),
                    target=Target(max_ms=0.1),
                )
            ],
            phases=one,
        ),
        Case(
            "gaussian_kernel 101x101 integrate",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel((n, n), s2, method="integrate"),
            [
                Peer(
                    "numpy outer product (sampled)",
                    lambda _d, _n: _np_outer(n, s2),
                    target=Target(max_ms=0.1),
                )
            ],
            phases=one,
        ),
        Case(
            "gaussian_kernel 101x101 rotated theta=0.5",
            lambda: None,
            lambda _d, _w: kt.gaussian_kernel((n, n), (8.0, s2), theta=0.5),
            [
                Peer(
                    "numpy astropy formula",
                    lambda _d, _n: _np_rotated(n, s2, 8.0, 0.5),
                    target=Target(max_ms=0.1),
                )
            ],
            phases=one,
        ),
    ]
    return out
