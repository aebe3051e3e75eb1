"""The timing harness behind ``bench/run.py``.

An *area* (``ndimage``, later ``kernels``, ``rbf``, ``interpolate``) is a
function that builds a list of :class:`Case` objects for a :class:`Config`
and is registered with :func:`area`.  A case holds one input, the kernterp
call and the peers it is compared with; :func:`run_case` times them
interleaved in this process (kernterp, then every peer, in each repeat) and
returns one :class:`Row` per peer.
"""

from __future__ import annotations

import gc
import importlib
import math
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PHASE_1T = "1T"  # kernterp workers=1, peers single-threaded
PHASE_ALL = "all"  # kernterp workers=None (or --threads N), peers on all threads
PHASES = (PHASE_1T, PHASE_ALL)


@dataclass(frozen=True)
class Config:
    """How the run was asked for.

    Attributes
    ----------
    quick : bool
        Small sizes and few repeats (seconds in total; used by .ci/run).
    threads : int
        Threads of the all-thread phase (``--threads`` or the usable cores).
    workers : int or None
        What kernterp gets as ``workers`` in the all-thread phase (None unless
        ``--threads`` was given).
    repeats : int
        Timed repeats per function (after one untimed warm-up call).
    slow_repeats : int
        Cap on the repeats of peers marked ``slow`` (scipy at 4096x4096).
    """

    quick: bool
    threads: int
    workers: int | None
    repeats: int
    slow_repeats: int


@dataclass(frozen=True)
class Target:
    """A speed target: ``ratio >= min_ratio`` (and/or an absolute bound).

    Attributes
    ----------
    min_ratio : float or None
        The ratio (peer ms / kernterp ms) the row has to reach.
    phase : str
        ``"1T"`` or ``"all"``: which column is judged.
    min_threads : int
        Below this many threads in the all-thread phase the target is "n/a".
    max_ms : float or None
        An absolute target: kernterp's time in `phase` at most this.
    """

    min_ratio: float | None = None
    phase: str = PHASE_1T
    min_threads: int = 1
    max_ms: float | None = None

    def label(self) -> str:
        """Short text for the table, e.g. ``>=12x (1T)`` or ``<=50us (1T)``."""
        parts = []
        if self.min_ratio is not None:
            parts.append(f">={self.min_ratio:g}x")
        if self.max_ms is not None:
            parts.append(f"<={1e3 * self.max_ms:g}us")
        return f"{' '.join(parts)} ({self.phase})"


@dataclass
class Peer:
    """One implementation kernterp is compared with.

    Attributes
    ----------
    name : str
        Shown in the table (``scipy.ndimage.gaussian_filter``).
    call : callable
        ``call(data, nthreads)`` runs the peer once on the case's data.
        ``nthreads`` is 1 or the all-thread count; most peers ignore it and
        rely on `set_threads`.
    requires : str or None
        Module that has to be importable; the peer is skipped otherwise.
    set_threads : callable or None
        ``set_threads(n)`` is called before each phase (``cv2.setNumThreads``).
    slow : bool
        Repeats are capped at ``Config.slow_repeats``.
    target : Target or None
        Speed target of the row.
    check_tol : float or None
        If set, a note line reports whether the peer's result agrees with
        kernterp's within this tolerance (checked once, not timed).
    """

    name: str
    call: Callable[[Any, int], Any]
    requires: str | None = None
    set_threads: Callable[[int], None] | None = None
    slow: bool = False
    target: Target | None = None
    check_tol: float | None = None


@dataclass
class Case:
    """One benchmark case: an input, a kernterp call and its peers.

    Attributes
    ----------
    name : str
        Shown in the table.
    setup : callable
        ``setup()`` returns the data handed to every call (built once, not
        timed).  If it is an ndarray, the row also reports how far kernterp
        is from copying that array once (one read + one write).
    kernterp : callable or None
        ``kernterp(data, workers)``; None for a reference-only row (memcpy).
    peers : list of Peer
    phases : tuple of str
        Which of ``"1T"``, ``"all"`` are timed.
    best_of : int or None
        If set, this many timed repeats (instead of the configured number),
        and the row reports the BEST time of each side and the ratio of the
        best times (for calls of seconds, where the minimum is the stable
        statistic, e.g. on a dask cluster).
    notes : callable or None
        ``notes()`` is called once the case is timed; the lines it returns
        are printed under the table (e.g. measured memory).
    """

    name: str
    setup: Callable[[], Any]
    kernterp: Callable[[Any, int | None], Any] | None
    peers: list[Peer]
    phases: tuple[str, ...] = PHASES
    best_of: int | None = None
    notes: Callable[[], list[str]] | None = None


@dataclass
class Row:
    """One line of the table (one case x one peer)."""

    case: str
    peer: str
    kernterp_ms: dict[str, float] = field(default_factory=dict)
    peer_ms: dict[str, float] = field(default_factory=dict)
    ratio: dict[str, float] = field(default_factory=dict)
    floor_x: float | None = None
    max_abs_diff: float | None = None
    target: str = ""
    status: str = ""

    def as_json(self) -> dict[str, Any]:
        """The row as plain JSON values (NaN -> None)."""

        def clean(v):
            return None if v is None or (isinstance(v, float) and math.isnan(v)) else v

        out: dict[str, Any] = {"case": self.case, "peer": self.peer}
        for ph in PHASES:
            out[f"kernterp_ms_{ph}"] = clean(self.kernterp_ms.get(ph))
            out[f"peer_ms_{ph}"] = clean(self.peer_ms.get(ph))
            out[f"ratio_{ph}"] = clean(self.ratio.get(ph))
        out["kernterp_over_memcpy"] = clean(self.floor_x)
        out["max_abs_diff"] = clean(self.max_abs_diff)
        out["target"] = self.target
        out["status"] = self.status
        return out


# --------------------------------------------------------------------------
# the registry of areas

AREAS: dict[str, list[Callable[[Config], list[Case]]]] = {}


def area(name: str):
    """Register ``build(cfg) -> list[Case]`` as (more) cases of area `name`.

    Several modules may register builders under one area; their cases run
    in the order the modules are listed in run.py's AREA_MODULES.
    """

    def deco(build):
        AREAS.setdefault(name, []).append(build)
        return build

    return deco


# --------------------------------------------------------------------------
# timing

_missing: dict[str, str] = {}


def peer_available(peer: Peer) -> bool:
    """True if the peer's module imports; prints a skip line once otherwise."""
    if peer.requires is None:
        return True
    if peer.requires in _missing:
        return False
    try:
        importlib.import_module(peer.requires)
    except ImportError as exc:
        _missing[peer.requires] = str(exc)
        print(f"skipped: peers needing `{peer.requires}` (not installed: {exc})")
        return False
    return True


# Calls shorter than this are repeated in a loop and averaged (as timeit
# does): one perf_counter pair around a microsecond call measures mostly the
# timer and a cold cache.
_MIN_TIMED = 2e-3


def _time_once(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    t = time.perf_counter() - t0
    if t >= _MIN_TIMED:
        return t
    n = min(10_000, max(2, int(_MIN_TIMED / max(t, 1e-7))))
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n


_copy_cache: dict[tuple, float] = {}


def memcpy_ms(x: np.ndarray, repeats: int = 5) -> float:
    """Median ms of ``np.copyto`` of `x` into a preallocated array."""
    key = (x.shape, x.dtype.str)
    if key not in _copy_cache:
        dst = np.empty_like(x)
        np.copyto(dst, x)
        _copy_cache[key] = 1e3 * statistics.median(
            _time_once(lambda: np.copyto(dst, x)) for _ in range(repeats)
        )
    return _copy_cache[key]


def _max_abs_diff(a, b) -> float:
    a = np.atleast_1d(np.asarray(a, dtype=np.float64))
    b = np.atleast_1d(np.asarray(b, dtype=np.float64))
    if a.shape != b.shape:
        return math.inf
    d = np.abs(a - b)
    both_nan = np.isnan(a) & np.isnan(b)
    d[both_nan] = 0.0
    return float(np.max(d)) if d.size else 0.0


def run_case(case: Case, cfg: Config, notes: list[str]) -> list[Row]:
    """Time `case` in each of its phases; one Row per available peer.

    In every repeat kernterp runs first, then each peer, so drifts in clock
    speed hit both sides alike; the ratio is the median over repeats of
    ``peer time / kernterp time`` of the same repeat.  One untimed warm-up
    call per function and phase comes first; in the first phase its results
    give the max |difference| column.
    """
    peers = [p for p in case.peers if peer_available(p)]
    data = case.setup()
    rows = [Row(case.name, p.name) for p in peers]
    for ph_index, phase in enumerate(case.phases):
        _time_phase(
            case, data, peers, rows, phase, cfg, notes if ph_index == 0 else None
        )
    if isinstance(data, np.ndarray) and case.kernterp is not None:
        floor = memcpy_ms(data)
        for row in rows:
            t = row.kernterp_ms.get(PHASE_1T)
            row.floor_x = t / floor if t is not None else None
    for p, row in zip(peers, rows, strict=True):
        _judge(row, p.target, cfg)
    if case.notes is not None:
        notes.extend(case.notes())
    gc.collect()
    return rows


def _time_phase(case, data, peers, rows, phase, cfg, notes):
    """Warm up, check agreement (if `notes` is a list), then time one phase."""
    n = 1 if phase == PHASE_1T else cfg.threads
    workers = 1 if phase == PHASE_1T else cfg.workers
    for p in peers:
        if p.set_threads is not None:
            p.set_threads(n)
    gc.collect()

    def kt_call():
        return case.kernterp(data, workers)

    calls = [(lambda p=p: p.call(data, n)) for p in peers]
    ref = kt_call() if case.kernterp is not None else None
    for p, row, call in zip(peers, rows, calls, strict=True):
        res = call()
        if notes is not None and ref is not None:
            row.max_abs_diff = _max_abs_diff(ref, res)
            if p.check_tol is not None:
                notes.append(_agreement_note(p, case, row.max_abs_diff))
        del res
    del ref
    kt_t: list[float] = []
    peer_t: list[list[float]] = [[] for _ in peers]
    ratios: list[list[float]] = [[] for _ in peers]
    for i in range(case.best_of or cfg.repeats):
        tk = _time_once(kt_call) if case.kernterp is not None else math.nan
        kt_t.append(tk)
        for j, (p, call) in enumerate(zip(peers, calls, strict=True)):
            if p.slow and i >= cfg.slow_repeats:
                continue
            tp = _time_once(call)
            peer_t[j].append(tp)
            ratios[j].append(tp / tk)
    for j, row in enumerate(rows):
        if case.best_of:
            row.kernterp_ms[phase] = 1e3 * min(kt_t)
            row.peer_ms[phase] = 1e3 * min(peer_t[j])
            row.ratio[phase] = min(peer_t[j]) / min(kt_t)
            continue
        row.kernterp_ms[phase] = 1e3 * statistics.median(kt_t)
        row.peer_ms[phase] = 1e3 * statistics.median(peer_t[j])
        row.ratio[phase] = statistics.median(ratios[j])


def _agreement_note(peer: Peer, case: Case, diff: float) -> str:
    verdict = (
        f"agree within {peer.check_tol:g}: the same filter"
        if diff <= peer.check_tol
        else f"MORE than {peer.check_tol:g}: not the same filter!"
    )
    return (
        f"{peer.name} vs kernterp on {case.name}: max |diff| = {diff:.2e} ({verdict})"
    )


def _judge(row: Row, target: Target | None, cfg: Config) -> None:
    if target is None:
        return
    row.target = target.label()
    ratio = row.ratio.get(target.phase, math.nan)
    kt_ms = row.kernterp_ms.get(target.phase, math.nan)
    if target.phase == PHASE_ALL and cfg.threads < target.min_threads:
        row.status = f"n/a ({cfg.threads} thread)"
    elif (target.min_ratio is not None and math.isnan(ratio)) or (
        target.max_ms is not None and math.isnan(kt_ms)
    ):
        row.status = "n/a"
    else:
        ok = target.min_ratio is None or ratio >= target.min_ratio
        ok = ok and (target.max_ms is None or kt_ms <= target.max_ms)
        row.status = "met" if ok else "MISSED"


# --------------------------------------------------------------------------
# the table

_HEADER = (
    "case",
    "peer",
    "kernterp ms 1T",
    "peer ms 1T",
    "ratio 1T",
    "kernterp ms all",
    "peer ms all",
    "ratio all",
    "kt 1T / memcpy",
    "max abs diff",
    "target",
    "met?",
)


def _ms(v: float | None) -> str:
    if v is None or math.isnan(v):
        return "-"
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}" if v >= 1 else f"{v:.3f}"


def _x(v: float | None) -> str:
    return "-" if v is None or math.isnan(v) else f"{v:.2f}x"


def _diff(v: float | None) -> str:
    return "-" if v is None else f"{v:.1e}"


def format_table(rows: list[Row]) -> str:
    """The rows as a markdown table."""
    lines = [
        "| " + " | ".join(_HEADER) + " |",
        "|" + "|".join("---" if i < 2 else "--:" for i in range(len(_HEADER))) + "|",
    ]
    for r in rows:
        cells = [r.case, r.peer]
        for ph in PHASES:
            cells += [_ms(r.kernterp_ms.get(ph)), _ms(r.peer_ms.get(ph))]
            cells.append(_x(r.ratio.get(ph)))
        cells += [
            _x(r.floor_x),
            _diff(r.max_abs_diff),
            r.target or "-",
            r.status or "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def progress(msg: str) -> None:
    """A progress line on stderr (stdout holds only the report)."""
    print(msg, file=sys.stderr, flush=True)
