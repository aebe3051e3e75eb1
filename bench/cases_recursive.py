"""Area ``recursive``: gaussian_filter(method='recursive') against the exact
filter (kernterp's and scipy's) on a float32 image.

The recursive filter's cost does not grow with sigma; the exact filter's
grows with the kernel's length.  The rows show where one overtakes the
other.  The results differ by the recursive filter's own error (a few
percent of the data range at most, docs/recursive.md), which the "max abs
diff" column shows; no target is set.
"""

from __future__ import annotations

import numpy as np
from harness import PHASES, Case, Config, Peer, area


def _image(shape, seed=0):
    return (
        np.random.default_rng(seed).random(shape, dtype=np.float64).astype(np.float32)
    )


@area("recursive")
def cases(cfg: Config) -> list[Case]:
    """method='recursive' at sigma 3 and 30 (2048^2 float32; 512^2 with --quick)."""
    import scipy.ndimage as sp

    from kernterp import ndimage as kt

    n = 512 if cfg.quick else 2048
    out: list[Case] = []
    for sigma in (3, 30):
        out.append(
            Case(
                f"gaussian_filter f32 {n}x{n} sigma={sigma} method='recursive'",
                lambda: _image((n, n)),
                lambda x, w, s=sigma: kt.gaussian_filter(
                    x, s, method="recursive", workers=w
                ),
                [
                    Peer(
                        "kernterp method='exact'",
                        lambda x, nt, s=sigma: kt.gaussian_filter(x, s, workers=nt),
                    ),
                    Peer(
                        "scipy.ndimage.gaussian_filter",
                        lambda x, _n, s=sigma: sp.gaussian_filter(x, s),
                        requires="scipy.ndimage",
                        slow=True,
                    ),
                ],
                phases=PHASES[:1],
            )
        )
    return out
