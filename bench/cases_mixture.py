"""Area ``mixture``: Gaussian densities and mixtures vs scipy.stats.

The grid rows judge the issue's target: gaussian_mixture_grid of two
Gaussians on a 1000x1000 grid against scipy.stats.multivariate_normal.pdf
over all grid points (the (10^6, 2) point array is built once, untimed, and
the two weighted component densities are summed).
"""

from __future__ import annotations

import numpy as np
from harness import Case, Config, Peer, Target, area


def _grid_case(name, n, means, covs, weights):
    def setup():
        t = np.linspace(-5.0, 5.0, n)
        s = np.linspace(-4.0, 6.0, n)
        pts = np.stack(np.meshgrid(t, s, indexing="ij"), axis=-1).reshape(-1, 2)
        return t, s, pts

    def kt_call(data, workers):
        from kernterp.kernels import gaussian_mixture_grid

        t, s, _ = data
        return gaussian_mixture_grid([t, s], means, covs, weights, workers=workers)

    def scipy_call(data, _n):
        from scipy.stats import multivariate_normal

        t, s, pts = data
        out = weights[0] * multivariate_normal.pdf(pts, means[0], covs[0])
        for m, c, w in zip(means[1:], covs[1:], weights[1:], strict=True):
            out = out + w * multivariate_normal.pdf(pts, m, c)
        return out.reshape(len(t), len(s))

    return Case(
        name,
        setup,
        kt_call,
        [
            Peer(
                "scipy.stats.multivariate_normal.pdf",
                scipy_call,
                requires="scipy.stats",
                target=Target(20),
                check_tol=1e-12,
            )
        ],
    )


@area("mixture")
def cases(cfg: Config) -> list[Case]:
    """Mixture grids (1000x1000; 200x200 with --quick) and 3-D point densities."""
    n = 200 if cfg.quick else 1000
    npts = 10**5 if cfg.quick else 10**6
    full_a = [[1.0, 0.6], [0.6, 2.0]]
    full_b = [[0.5, -0.2], [-0.2, 0.8]]
    diag_b = [[0.7, 0.0], [0.0, 1.5]]
    out = [
        _grid_case(
            f"gaussian_mixture_grid 2 Gaussians (diag + full) {n}x{n}",
            n,
            [[0.0, 1.0], [1.5, -0.5]],
            [diag_b, full_a],
            [0.4, 0.6],
        ),
        _grid_case(
            f"gaussian_mixture_grid 2 Gaussians (full + full) {n}x{n}",
            n,
            [[0.0, 1.0], [1.5, -0.5]],
            [full_a, full_b],
            [0.4, 0.6],
        ),
    ]

    cov3 = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.5]])
    mean3 = np.array([0.1, -0.2, 0.3])

    def pts3():
        return np.random.default_rng(0).normal(size=(npts, 3))

    def kt_mvn(x, workers):
        from kernterp.kernels import multivariate_normal_pdf

        return multivariate_normal_pdf(x, mean3, cov3, workers=workers)

    def sp_mvn(x, _n):
        from scipy.stats import multivariate_normal

        return multivariate_normal.pdf(x, mean3, cov3)

    out.append(
        Case(
            f"multivariate_normal_pdf {npts} points 3-D",
            pts3,
            kt_mvn,
            [
                Peer(
                    "scipy.stats.multivariate_normal.pdf",
                    sp_mvn,
                    requires="scipy.stats",
                    check_tol=1e-12,
                )
            ],
        )
    )
    return out
