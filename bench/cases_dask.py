"""Area ``dask``: kernterp on dask arrays, on a real multi-process cluster.

Issue 14's setting: ``LocalCluster(n_workers=2, threads_per_worker=1,
processes=True)``, a persisted 512x512x256 float32 volume in 128^3 chunks,
``.sum().compute()`` of each result, best of 3 (``Case.best_of``):

* kernterp's gaussian_filter against dask-image's (``map_overlap`` around
  scipy.ndimage) at sigma 2 and 8 (targets: >= 1.5x and >= 3x);
* kernterp's halo exchange alone (an identity function through the same
  per-axis slab scheme, depth = the radius of sigma 2 and 8) against dask's
  ``map_overlap`` of the identity with that depth (target: no slower), with
  ``map_blocks`` of the identity (no halo at all) as the floor;
* the peak memory of each worker during each call (VmHWM, reset before the
  call through /proc/self/clear_refs), in the notes;
* gauss_transform of 10^6 sources on 10^5 targets in 3-D (float32), chunked
  on the cluster, against the numpy call in this process on all its
  threads: the same answer (max |diff|), and in the notes how the
  cluster's time divides (task stream: the partial sums, the tree that adds
  them, transfers).

``--quick`` (CI) uses dask's threaded scheduler (no cluster to start) and a
128x128x64 volume in 32^3 chunks, 2*10^4 sources on 2*10^3 targets.  The
area says so and is empty when dask, distributed or dask-image is missing.
"""

from __future__ import annotations

import atexit
import sys
import time

import numpy as np
from harness import PHASE_ALL, Case, Config, Peer, Target, area

_state: dict = {}


def _identity(block, *_):
    return block


def _halo_identity(x, depth):
    """The identity through kernterp's halo exchange: one pass per axis."""
    from kernterp._dask import halo_map

    for axis in range(x.ndim):
        x = halo_map(_identity, x, axis, depth, False, x.dtype, name="halo-identity")
    return x


# -- peak memory of each worker (Linux: VmHWM, reset through clear_refs)


def _reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return None
    return _read_mem()["rss"]


def _read_mem():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmHWM:", "VmRSS:")):
                key = "peak" if line.startswith("VmHWM") else "rss"
                out[key] = int(line.split()[1]) * 1024
    return out


def _peak_memory(client, fn):
    """{worker: (rss before, peak during fn())} in bytes, or None."""
    before = client.run(_reset_peak)
    if any(v is None for v in before.values()):
        return None
    fn()
    after = client.run(_read_mem)
    return {w: (before[w], after[w]["peak"]) for w in before}


def _memory_note(client, label, fn, chunk_bytes):
    if client is None:
        return f"{label}: peak memory not measured (threaded scheduler)"
    mem = _peak_memory(client, fn)
    if mem is None:
        return f"{label}: peak memory not measured (no /proc/self/clear_refs)"
    parts = [
        f"{(peak - base) / 2**20:.0f} MB above the {base / 2**20:.0f} MB held "
        f"({(peak - base) / chunk_bytes:.1f} chunks)"
        for base, peak in mem.values()
    ]
    return f"{label}: peak memory per worker: " + "; ".join(parts)


# -- the cluster (made once, closed at exit)


def _client(cfg: Config):
    if cfg.quick:
        return None
    if "client" not in _state:
        import cloudpickle
        from distributed import Client, LocalCluster

        # the workers cannot import this module (bench/ is not a package):
        # its functions travel by value
        cloudpickle.register_pickle_by_value(sys.modules[__name__])
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_dashboard_address=None,
            silence_logs=50,
        )
        client = Client(cluster)  # the default scheduler from now on
        _state.update(cluster=cluster, client=client)

        def close():
            client.close()
            cluster.close()

        atexit.register(close)
    return _state["client"]


def _persisted(client, x):
    if client is None:
        return x.persist(scheduler="threads")
    from distributed import wait

    x = client.persist(x)
    wait(x)
    return x


@area("dask")
def cases(cfg: Config) -> list[Case]:
    """The dask cases (a 2-process LocalCluster; threads with --quick)."""
    try:
        import dask
        import dask.array as da
        import dask_image.ndfilters as dif
        import distributed  # noqa: F401
    except ImportError as exc:
        print(
            f"skipped: area dask (needs dask[array], distributed and dask-image: {exc})"
        )
        return []
    from kernterp import ndimage as kn
    from kernterp.kernels import gauss_transform

    client = _client(cfg)
    where = "threads" if client is None else "2 workers x 1 thread"
    shape, c = ((128, 128, 64), 32) if cfg.quick else ((512, 512, 256), 128)
    chunk_bytes = c**3 * 4
    vol = {}

    def volume():
        if "x" not in vol:
            x = da.random.default_rng(0).random(
                shape, dtype=np.float32, chunks=(c, c, c)
            )
            vol["x"] = _persisted(client, x)
        return vol["x"]

    size = "x".join(map(str, shape)) + f" f32 in {c}^3 chunks"
    out: list[Case] = []
    for sigma, target in ((2, 1.5), (8, 3.0)):
        depth = int(4.0 * sigma + 0.5)

        def kt(x, w, s=sigma):
            return kn.gaussian_filter(x, s, workers=w).sum().compute()

        def dimg(x, _n, s=sigma):
            return dif.gaussian_filter(x, s).sum().compute()

        def halo(x, _w, d=depth):
            return _halo_identity(x, d).sum().compute()

        def overlap(x, _n, d=depth):
            return (
                x.map_overlap(_identity, depth=d, boundary="reflect", dtype=x.dtype)
                .sum()
                .compute()
            )

        def blocks(x, _n):
            return x.map_blocks(_identity, dtype=x.dtype).sum().compute()

        def notes(s=sigma, kt=kt, dimg=dimg):
            x = volume()
            return [
                _memory_note(
                    client,
                    f"kernterp gaussian_filter sigma={s} ({where})",
                    lambda: kt(x, None),
                    chunk_bytes,
                ),
                _memory_note(
                    client,
                    f"dask-image gaussian_filter sigma={s} ({where})",
                    lambda: dimg(x, None),
                    chunk_bytes,
                ),
            ]

        out.append(
            Case(
                f"gaussian_filter {size} sigma={sigma}, .sum().compute() ({where})",
                volume,
                kt,
                [
                    Peer(
                        "dask_image.ndfilters.gaussian_filter",
                        dimg,
                        requires="dask_image",
                        target=Target(target, phase=PHASE_ALL),
                    )
                ],
                phases=(PHASE_ALL,),
                best_of=3,
                notes=notes,
            )
        )
        out.append(
            Case(
                f"halo exchange alone (identity, depth={depth}), {size} ({where})",
                volume,
                halo,
                [
                    Peer(
                        f"dask map_overlap identity (depth={depth})",
                        overlap,
                        target=Target(1.0, phase=PHASE_ALL),
                    ),
                    Peer("dask map_blocks identity (no halo: the floor)", blocks),
                ],
                phases=(PHASE_ALL,),
                best_of=3,
            )
        )

    # -- the Gauss transform: chunked on the cluster vs one process
    n, m = (20_000, 2_000) if cfg.quick else (1_000_000, 100_000)
    ns, nt = (4, 2) if cfg.quick else (8, 4)
    pts = {}

    def points():
        # made on the cluster (not sent from here), then fetched for the
        # numpy call
        if "X" not in pts:
            rng = da.random.default_rng(1)
            Xd = rng.random((n, 3), dtype=np.float32, chunks=(n // ns, 3))
            wd = rng.standard_normal(n, dtype=np.float32, chunks=n // ns)
            Yd = rng.random((m, 3), dtype=np.float32, chunks=(m // nt, 3))
            Xd, wd, Yd = (_persisted(client, a) for a in (Xd, wd, Yd))
            X, w, Y = dask.compute(Xd, wd, Yd)
            pts["X"] = (X, w, Y, Xd, wd, Yd)
        return pts["X"]

    stream: dict = {}

    def gt_dask(data, workers):
        _, _, _, Xd, wd, Yd = data
        lazy = gauss_transform(Xd, wd, Yd, workers=workers)
        if client is None or "data" in stream:
            return lazy.compute()
        from distributed import get_task_stream

        t0 = time.perf_counter()
        with get_task_stream(client) as ts:
            res = lazy.compute()
        stream.update(data=ts.data, wall=time.perf_counter() - t0)
        return res

    def gt_numpy(data, _n):
        X, w, Y = data[:3]
        return gauss_transform(X, w, Y)

    def gt_notes():
        lines = []
        if "data" in stream:
            comp: dict = {}
            transfer = 0.0
            for t in stream["data"]:
                key = t["key"][0] if isinstance(t["key"], tuple) else t["key"]
                kind = "partial sums" if "gt_block" in key else "tree sum"
                for ss in t["startstops"]:
                    dt = ss["stop"] - ss["start"]
                    if ss["action"] == "compute":
                        comp[kind] = comp.get(kind, 0.0) + dt
                    elif ss["action"] == "transfer":
                        transfer += dt
            busy = sum(comp.values())
            lines.append(
                f"gauss_transform on the cluster, {stream['wall']:.1f} s wall: "
                + ", ".join(f"{k} {v:.2f} s of task time" for k, v in comp.items())
                + f", transfers {transfer:.2f} s; the 2 workers were busy "
                f"{100 * busy / (2 * stream['wall']):.0f}% of the wall time"
            )
        lines.append(
            f"gauss_transform: {n} sources x {m} targets in 3-D float32, "
            f"{ns} x {nt} blocks; numpy call: this process, all threads"
        )
        return lines

    out.append(
        Case(
            f"gauss_transform 3-D f32 {n} sources x {m} targets, chunked ({where})",
            points,
            gt_dask,
            [Peer("kernterp gauss_transform on numpy arrays (one process)", gt_numpy)],
            phases=(PHASE_ALL,),
            best_of=2 if cfg.quick else 1,
            notes=gt_notes,
        )
    )
    return out
