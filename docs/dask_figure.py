"""Make docs/_static/dask_task_stream.png, the worked example of docs/dask.rst.

``python docs/dask_figure.py`` (needs ``kernterp[dask]`` and matplotlib;
about a minute on two cores): a 1 GiB float32 volume, generated block by
block, is smoothed by ``kernterp.ndimage.gaussian_filter`` on a
``LocalCluster`` of two single-threaded worker processes whose memory limit
is 512 MiB each (half the volume), and reduced to its maximum-intensity
projection.  While it runs, the task stream (``distributed.get_task_stream``)
and each worker's resident memory (sampled every 50 ms) are recorded; the
figure shows both, and the numbers are printed.  The PNG is committed (the
documentation build never starts a cluster); run this again after a change
of the dask path.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import matplotlib

matplotlib.use("agg")
import dask.array as da  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from distributed import Client, LocalCluster, get_task_stream  # noqa: E402

from kernterp import ndimage  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "_static" / "dask_task_stream.png"

SHAPE = (1024, 512, 512)  # float32: 1 GiB
CHUNK = 128  # 8 MiB blocks
LIMIT = 512 * 2**20  # each worker's memory limit: half the volume
SIGMA = 4.0


def _rss() -> int:
    with open("/proc/self/statm") as f:
        import os

        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _sample(client, samples, stop):
    while not stop.is_set():
        t = time.time()
        for w, rss in client.run(_rss).items():
            samples.setdefault(w, []).append((t, rss))
        stop.wait(0.05)


def _kind(key) -> str:
    """The kind of a task: its layer's name without the token (the main
    tasks of kernterp's passes keep the token: one per pass)."""
    name = key[0] if isinstance(key, tuple) else key
    if "kernterp-gaussian" in name:
        if "-lo-" in name or "-hi-" in name:
            return "slabs"
        if "chunk_max" in name:  # dask fused the last pass with the max
            return "last"
        return "pass-" + name.rsplit("-", 1)[1]
    return name.split("-")[0]


def main() -> None:
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit=LIMIT,
        dashboard_address=None,
        silence_logs=50,
    )
    client = Client(cluster)
    vol = da.random.default_rng(0).random(SHAPE, dtype=np.float32, chunks=CHUNK)
    smooth = ndimage.gaussian_filter(vol, SIGMA)  # lazy: nothing runs yet
    mip = smooth.max(axis=0)  # the maximum-intensity projection, 512 x 512

    samples: dict = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(client, samples, stop))
    sampler.start()
    time.sleep(0.3)
    t0 = time.time()
    with get_task_stream(client) as ts:
        image = mip.compute()
    wall = time.time() - t0
    time.sleep(0.3)
    stop.set()
    sampler.join()
    workers = sorted(samples)
    client.close()
    cluster.close()
    print(f"projection {image.shape} {image.dtype} in {wall:.1f} s")

    # -- the figure: tasks per worker over time, memory per worker
    passes = []
    for t in ts.data:
        k = _kind(t["key"])
        if k.startswith("pass-") and k not in passes:
            passes.append(k)
    labels = {"random": "generate a block"}
    labels.update({k: f"filter pass {i + 1} (axis {i})" for i, k in enumerate(passes)})
    labels.update(
        last=f"filter pass {len(passes) + 1} (axis {len(passes)}) + max, fused",
        slabs="cut a halo slab",
        chunk_max="max of a block",
        max="max: tree",
    )
    colors = dict(zip(labels, plt.get_cmap("tab10").colors, strict=False))
    fig, (ax0, ax1) = plt.subplots(
        2, 1, figsize=(9.5, 5.4), sharex=True, height_ratios=(1, 1.4)
    )
    seen = set()
    for t in ts.data:
        k = _kind(t["key"])
        row = workers.index(t["worker"]) if t["worker"] in workers else 0
        for ss in t["startstops"]:
            if ss["action"] != "compute":
                continue
            label = labels.get(k, "other")
            ax0.barh(
                row,
                ss["stop"] - ss["start"],
                left=ss["start"] - t0,
                height=0.8,
                color=colors.get(k, "0.6"),
                label=None if label in seen else label,
            )
            seen.add(label)
    ax0.set_yticks(range(len(workers)), [f"worker {i}" for i in range(len(workers))])
    ax0.set_title(
        f"gaussian_filter(σ={SIGMA:g}) of a {SHAPE[0]}×{SHAPE[1]}×{SHAPE[2]} float32 "
        f"volume (1 GiB), then its max projection: task stream",
        fontsize=10,
    )
    ax0.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.05))
    for i, w in enumerate(workers):
        t, m = np.array(samples[w]).T
        ax1.plot(t - t0, m / 2**20, label=f"worker {i}")
    ax1.axhline(LIMIT / 2**20, color="k", ls="--", lw=1)
    ax1.text(0, LIMIT / 2**20, " memory limit of a worker", va="bottom", fontsize=8)
    ax1.set_ylim(0, 1.15 * LIMIT / 2**20)
    ax1.set_ylabel("resident memory (MiB)")
    ax1.set_xlabel("seconds")
    ax1.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(OUT, dpi=110)
    peaks = ", ".join(f"{max(m for _, m in samples[w]) / 2**20:.0f}" for w in workers)
    print(f"wrote {OUT}; peak memory per worker: {peaks} MiB")


if __name__ == "__main__":
    main()
