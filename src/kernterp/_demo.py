"""The demo behind ``python -m kernterp``."""

from __future__ import annotations

import time

import numpy as np


def _median_ms(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def main() -> int:
    import scipy.ndimage as sp

    from kernterp import ndimage as kt

    rng = np.random.default_rng(0)
    img = rng.random((1024, 1024), dtype=np.float32)
    print("kernterp.ndimage vs scipy.ndimage on a 1024x1024 float32 image")
    print(f"{'case':40s} {'max |diff|':>11s} {'kernterp ms':>12s} {'scipy ms':>9s} {'ratio':>6s}")
    for name, fk, fs in [
        ("gaussian_filter sigma=3", lambda a: kt.gaussian_filter(a, 3),
         lambda a: sp.gaussian_filter(a, 3)),
    ]:
        err = float(np.max(np.abs(fk(img).astype(np.float64) - fs(img.astype(np.float64)))))
        tk, ts = _median_ms(lambda: fk(img)), _median_ms(lambda: fs(img))
        print(f"{name:40s} {err:11.2e} {tk:12.2f} {ts:9.2f} {ts / tk:6.1f}")
    return 0
