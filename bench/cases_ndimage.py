"""Area ``ndimage``: kernterp.ndimage's Gaussian filters vs scipy and OpenCV.

The speed targets of the issue are attached to the rows they judge.  OpenCV
is given the same filter as kernterp: kernel size ``2*radius+1`` with
``radius = int(4*sigma + 0.5)``, ``sigmaX = sigmaY = sigma`` and
``BORDER_REFLECT`` (OpenCV's name for scipy's 'reflect', ``dcba|abcd``);
``sepFilter2D`` gets kernterp's own 1-D kernel.
"""

from __future__ import annotations

import numpy as np
from harness import PHASE_ALL, PHASES, Case, Config, Peer, Target, area

try:
    import cv2
except ImportError:  # the peer is skipped with a line by the harness
    cv2 = None


def _radius(sigma: float) -> int:
    return int(4.0 * sigma + 0.5)


def _cv2_threads(n: int) -> None:
    # cv2.setNumThreads(0) would switch OpenCV's threading *off*: give the count
    cv2.setNumThreads(n)


def _image(shape, dtype, seed=0):
    return np.random.default_rng(seed).random(shape, dtype=np.float64).astype(dtype)


def _scipy_peer(fn, target=None, **kw):
    def call(x, _n):
        return fn(x, **kw)

    return Peer(
        f"scipy.ndimage.{fn.__name__}",
        call,
        requires="scipy.ndimage",
        slow=True,
        target=target,
    )


@area("ndimage")
def cases(cfg: Config) -> list[Case]:
    """The ndimage cases (4096x4096 and 256^3; 1024x1024 and 64^3 with --quick)."""
    import scipy.ndimage as sp

    from kernterp import ndimage as kt
    from kernterp._ndimage import gaussian_kernel1d

    n2 = 1024 if cfg.quick else 4096
    n3 = 64 if cfg.quick else 256
    shape2, shape3 = (n2, n2), (n3, n3, n3)
    size2 = f"{n2}x{n2}"
    out: list[Case] = []

    # -- 2-D float32, sigma 1, 3, 10: scipy, cv2.GaussianBlur, cv2.sepFilter2D
    for sigma, sp_target in ((1, 12.0), (3, 12.0), (10, 8.0)):
        r = _radius(sigma)
        k1d = gaussian_kernel1d(float(sigma), 0, r).astype(np.float32)

        def blur(x, _n, s=sigma, r=r):
            return cv2.GaussianBlur(
                x, (2 * r + 1, 2 * r + 1), s, sigmaY=s, borderType=cv2.BORDER_REFLECT
            )

        def sep(x, _n, k=k1d):
            return cv2.sepFilter2D(x, -1, k, k, borderType=cv2.BORDER_REFLECT)

        out.append(
            Case(
                f"gaussian_filter f32 {size2} sigma={sigma}",
                lambda: _image(shape2, np.float32),
                lambda x, w, s=sigma: kt.gaussian_filter(x, s, workers=w),
                [
                    _scipy_peer(sp.gaussian_filter, Target(sp_target), sigma=sigma),
                    Peer(
                        "cv2.GaussianBlur",
                        blur,
                        requires="cv2",
                        set_threads=_cv2_threads,
                        target=Target(1.5),
                        check_tol=1e-5,
                    ),
                    Peer(
                        "cv2.sepFilter2D",
                        sep,
                        requires="cv2",
                        set_threads=_cv2_threads,
                        check_tol=1e-5,
                    ),
                ],
            )
        )

    # -- the same with the output preallocated (no page zeroing in the
    #    timing): kernterp's output= against OpenCV's dst=
    for sigma in (1, 3, 10):
        r = _radius(sigma)

        def blur_into(d, _n, s=sigma, r=r):
            return cv2.GaussianBlur(
                d[0],
                (2 * r + 1, 2 * r + 1),
                s,
                dst=d[2],
                sigmaY=s,
                borderType=cv2.BORDER_REFLECT,
            )

        out.append(
            Case(
                f"gaussian_filter f32 {size2} sigma={sigma}, output preallocated",
                # (an output each, so that the results are compared)
                lambda: (
                    _image(shape2, np.float32),
                    np.empty(shape2, np.float32),
                    np.empty(shape2, np.float32),
                ),
                lambda d, w, s=sigma: kt.gaussian_filter(
                    d[0], s, output=d[1], workers=w
                ),
                [
                    Peer(
                        "cv2.GaussianBlur dst=",
                        blur_into,
                        requires="cv2",
                        set_threads=_cv2_threads,
                        target=Target(1.5),
                        check_tol=1e-5,
                    )
                ],
            )
        )

    # -- 2-D float64, sigma 3
    out.append(
        Case(
            f"gaussian_filter f64 {size2} sigma=3",
            lambda: _image(shape2, np.float64),
            lambda x, w: kt.gaussian_filter(x, 3, workers=w),
            [_scipy_peer(sp.gaussian_filter, Target(5.0), sigma=3)],
        )
    )

    # -- 3-D float32 volume, sigma 2: all axes, then each axis alone
    size3 = f"{n3}^3"
    out.append(
        Case(
            f"gaussian_filter f32 {size3} sigma=2",
            lambda: _image(shape3, np.float32),
            lambda x, w: kt.gaussian_filter(x, 2, workers=w),
            [_scipy_peer(sp.gaussian_filter, Target(8.0), sigma=2)],
        )
    )
    for axis in range(3):
        out.append(
            Case(
                f"gaussian_filter1d f32 {size3} sigma=2 axis={axis}",
                lambda: _image(shape3, np.float32),
                lambda x, w, a=axis: kt.gaussian_filter1d(x, 2, axis=a, workers=w),
                [_scipy_peer(sp.gaussian_filter1d, sigma=2, axis=axis)],
            )
        )

    # -- threading: workers=None (or --threads) against workers=1
    out.append(
        Case(
            f"gaussian_filter f32 {size2} sigma=3 threads",
            lambda: _image(shape2, np.float32),
            lambda x, w: kt.gaussian_filter(x, 3, workers=w),
            [
                Peer(
                    "kernterp workers=1",
                    lambda x, _n: kt.gaussian_filter(x, 3, workers=1),
                    target=Target(1.7, PHASE_ALL, min_threads=2),
                )
            ],
            phases=(PHASE_ALL,),
        )
    )

    # the same with the output preallocated: a fresh 64 MB output costs ~6 ms
    # of page zeroing in the kernel on this VM, which more threads do not
    # shorten; this row shows the scaling of the filter itself
    def prealloc_setup():
        return _image(shape2, np.float32), np.empty(shape2, np.float32)

    out.append(
        Case(
            f"gaussian_filter f32 {size2} sigma=3 threads, output preallocated",
            prealloc_setup,
            lambda d, w: kt.gaussian_filter(d[0], 3, output=d[1], workers=w),
            [
                Peer(
                    "kernterp workers=1",
                    lambda d, _n: kt.gaussian_filter(d[0], 3, output=d[1], workers=1),
                )
            ],
            phases=(PHASE_ALL,),
        )
    )

    # -- the floor: one read + one write of a float32 image
    def copy_setup():
        return _image(shape2, np.float32), np.empty(shape2, np.float32)

    out.append(
        Case(
            f"memcpy floor f32 {size2}",
            copy_setup,
            None,
            [Peer("np.copyto (1 read + 1 write)", lambda d, _n: np.copyto(d[1], d[0]))],
            phases=PHASES[:1],
        )
    )
    return out
