"""Make docs/_static/readme.png, the README's picture: ``python docs/readme_figure.py``.

Left, a photograph (matplotlib's sample image) smoothed by
``kernterp.ndimage.gaussian_filter``; right, kernterp's single-thread speed
against its main peer in each area, from the benchmark run kept in
``docs/_static/bench.json`` (see the gallery's speed example).  The PNG is
committed so that the repository page shows it; run this again after a new
benchmark run.
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.cbook import get_sample_data  # noqa: E402

from kernterp import ndimage  # noqa: E402

HERE = Path(__file__).resolve().parent

# (case, peer, label): one row per area, against the function it replaces
ROWS = [
    (
        "gaussian_filter f32 4096x4096 sigma=3",
        "scipy.ndimage.gaussian_filter",
        "gaussian_filter 4096², σ=3 vs scipy",
    ),
    (
        "gaussian_filter f32 4096x4096 sigma=3",
        "cv2.GaussianBlur",
        "gaussian_filter 4096², σ=3 vs OpenCV",
    ),
    (
        "gaussian_filter f32 2048x2048 sigma=30 method='recursive'",
        "scipy.ndimage.gaussian_filter",
        "recursive, σ=30 vs scipy",
    ),
    (
        "gaussian_mixture_grid 2 Gaussians (full + full) 1000x1000",
        "scipy.stats.multivariate_normal.pdf",
        "gaussian_mixture_grid vs scipy.stats",
    ),
    (
        "gaussian_pool f32 4096x4096 size=4",
        "numpy reshape*w2 .sum",
        "gaussian_pool vs numpy",
    ),
    (
        "rbf_kernel f32 10000x512 Y=None gamma=0.01 var=5 [1T]",
        "sklearn rbf_kernel float32",
        "rbf_kernel 10000×512 vs scikit-learn",
    ),
    (
        "gauss_transform float64 n=m=20000 d=3 [1T]",
        "blocked numpy (gemm + exp + matvec per 512 targets)",
        "gauss_transform vs blocked numpy",
    ),
    (
        "interp random m=1000000 n=1000",
        "numpy.interp",
        "interp 10⁶ queries vs numpy.interp",
    ),
    (
        "CubicSpline eval random m=1000000 n=1000",
        "scipy CubicSpline",
        "CubicSpline 10⁶ queries vs scipy",
    ),
    (
        "newton_eval n=30 float64 1e+06 pts",
        "scipy KroghInterpolator.__call__",
        "newton_eval 30 nodes vs scipy Krogh",
    ),
]


def main() -> None:
    bench = json.loads((HERE / "_static" / "bench.json").read_text(encoding="utf-8"))
    by_key = {(r["case"], r["peer"]): r for r in bench["rows"]}
    labels, ratios = [], []
    for case, peer, label in ROWS:
        row = by_key.get((case, peer))
        if row is not None and row["ratio_1T"] is not None:
            labels.append(label)
            ratios.append(row["ratio_1T"])

    with get_sample_data("grace_hopper.jpg") as fh:
        rgb = plt.imread(fh, format="jpg")
    gray = (rgb[::2, ::2] @ np.array([0.299, 0.587, 0.114])).astype(np.float32) / 255
    smooth = ndimage.gaussian_filter(gray, 2.5)

    fig = plt.figure(figsize=(10, 3.4), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1.25])
    axs = left.subplots(1, 2)
    axs[0].imshow(gray, cmap="gray", vmin=0, vmax=1)
    axs[0].set_title("image", fontsize=9)
    axs[1].imshow(smooth, cmap="gray", vmin=0, vmax=1)
    axs[1].set_title("ndimage.gaussian_filter(image, 2.5)", fontsize=9)
    for ax in axs:
        ax.set(xticks=[], yticks=[])

    ax = right.subplots()
    y = np.arange(len(labels))
    ax.barh(y, ratios, color="C1", height=0.7)
    for yi, r in zip(y, ratios, strict=True):
        ax.text(r, yi, f" {r:.1f}×", va="center", fontsize=7.5)
    ax.set_yticks(y, labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlim(1, 2.5 * max(ratios))
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100) if t <= 2.5 * max(ratios)]
    ax.set_xticks(ticks, [f"{t}×" for t in ticks])
    ax.minorticks_off()
    ax.tick_params(axis="x", labelsize=7.5)
    ax.set_xlabel("speed-up, one thread (peer time / kernterp time)", fontsize=8)
    ax.set_title(f"bench/run.py, 2-core {bench['machine']['cpu']} VM", fontsize=9)
    fig.savefig(HERE / "_static" / "readme.png", dpi=100)


if __name__ == "__main__":
    main()
