"""kernterp against its peers, side by side: ``python bench/run.py``.

Usage::

    python bench/run.py [--quick] [--only AREA[,AREA]] [--threads N] [--json PATH]

Every case is timed in this process, kernterp and each installed peer on the
same input, interleaved, first single-threaded (kernterp ``workers=1``,
``cv2.setNumThreads(1)``) then on all threads (kernterp ``workers=None``,
OpenCV on as many threads; scipy is single-threaded either way).  The result
is a markdown table on stdout; progress goes to stderr.  See bench/README.md.

A new area registers itself with ``@harness.area("name")`` in a
``cases_<name>.py`` module next to this file and is listed in `AREA_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time

import harness

AREA_MODULES = (
    "cases_ndimage",
    "cases_recursive",
    "cases_kernels",
    "cases_mixture",
    "cases_pool",
    "cases_rbf",
    "cases_periodic",
    "cases_lookup",
    "cases_newton",
    "cases_dask",
)


def _version(mod: str) -> str:
    try:
        return importlib.import_module(mod).__version__
    except ImportError:
        return "not installed"
    except AttributeError:
        return "?"


def _machine() -> dict:
    """The CPU model and the kernterp ISA levels: what produced the numbers."""
    import kernterp

    cfg = kernterp.show_config(mode="dicts")
    simd = cfg["SIMD Extensions"]
    return {
        "cpu": cfg["Machine"]["cpu"],
        "isa": simd["in use"],
        "isa_compiled": simd["compiled"],
        "isa_supported": simd["supported by this CPU"],
    }


def _system_busy_s() -> float | None:
    """CPU seconds all processes have been busy since boot (Linux), else None."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            v = [int(t) for t in f.readline().split()[1:]]
        return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # minus idle, iowait
    except (OSError, ValueError, IndexError):
        return None


def _own_cpu_s() -> float:
    t = os.times()
    return t.user + t.system


class OthersMeter:
    """Share of all CPUs that *other* processes kept busy between two points."""

    def __init__(self):
        self.start()

    def start(self) -> None:
        """Start (again) measuring from now."""
        self.t, self.sys, self.own = time.perf_counter(), _system_busy_s(), _own_cpu_s()

    def share(self) -> float | None:
        """Fraction (0..1) of all CPUs used by other processes since `start`."""
        sys_now = _system_busy_s()
        if sys_now is None or self.sys is None:
            return None
        wall = (time.perf_counter() - self.t) * (os.cpu_count() or 1)
        others = (sys_now - self.sys) - (_own_cpu_s() - self.own)
        return max(others, 0.0) / max(wall, 1e-9)


def _parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--quick",
        action="store_true",
        help="small inputs, 2 repeats: every case and peer in seconds (CI)",
    )
    p.add_argument(
        "--only",
        metavar="AREA",
        help="comma-separated areas to run: " + ", ".join(sorted(harness.AREAS)),
    )
    p.add_argument(
        "--threads",
        type=int,
        metavar="N",
        help="threads of the all-thread columns (default: every usable core)",
    )
    p.add_argument("--json", metavar="PATH", help="also write the rows as JSON")
    p.add_argument(
        "--repeats", type=int, help="timed repeats per call (default 5, quick 2)"
    )
    return p.parse_args(argv)


def main(argv=None) -> int:
    """Run the selected areas and print the table; returns the exit status."""
    for mod in AREA_MODULES:
        importlib.import_module(mod)
    args = _parse(argv)
    areas = list(harness.AREAS)
    if args.only:
        areas = [a.strip() for a in args.only.split(",") if a.strip()]
        unknown = [a for a in areas if a not in harness.AREAS]
        if unknown:
            print(
                f"unknown area(s) {unknown}; known: {sorted(harness.AREAS)}",
                file=sys.stderr,
            )
            return 2
    if args.threads is not None and args.threads < 1:
        print("--threads must be at least 1", file=sys.stderr)
        return 2

    from kernterp._support import available_cpus

    threads = args.threads or available_cpus()
    repeats = args.repeats or (2 if args.quick else 5)
    cfg = harness.Config(
        quick=args.quick,
        threads=threads,
        workers=args.threads,
        repeats=repeats,
        slow_repeats=min(repeats, 2 if args.quick else 3),
    )

    print(
        f"# kernterp {_version('kernterp')} benchmarks"
        + (
            " (--quick: reduced sizes, target marks are indicative only)"
            if cfg.quick
            else ""
        )
    )
    print()
    machine = _machine()
    print(
        f"python {platform.python_version()}, numpy {_version('numpy')}, "
        f"scipy {_version('scipy')}, opencv {_version('cv2')}; "
        f"{platform.machine()}, {os.cpu_count()} CPUs, usable {available_cpus()}; "
        f"all-thread columns use {threads} thread(s); "
        f"median of {cfg.repeats} repeats (scipy: {cfg.slow_repeats})"
    )
    print(
        f"CPU: {machine['cpu']}; kernterp ISA level in use: {machine['isa']} "
        f"(compiled: {', '.join(machine['isa_compiled'])}; "
        f"this CPU: {', '.join(machine['isa_supported'])})"
    )
    meter = OthersMeter()
    time.sleep(0.5)
    busy = meter.share()
    if busy is not None and busy > 0.1:
        print(
            f"warning: other processes kept {100 * busy:.0f}% of the CPUs busy "
            "just before the run: timings (the all-thread columns most) are "
            "unreliable"
        )
    print()

    t_start = time.perf_counter()
    meter.start()
    rows, notes = [], []
    for name in areas:
        cases = [case for build in harness.AREAS[name] for case in build(cfg)]
        for case in cases:
            t0 = time.perf_counter()
            rows += harness.run_case(case, cfg, notes)
            harness.progress(f"[{name}] {case.name}: {time.perf_counter() - t0:.1f} s")

    print(harness.format_table(rows))
    print()
    print(
        "ratio = peer ms / kernterp ms (median over interleaved repeats; "
        ">1 means kernterp is faster); 1T = single thread, all = "
        f"{threads} threads; kt 1T / memcpy = kernterp single-thread time over "
        "one np.copyto of the same input."
    )
    for note in notes:
        print(f"note: {note}")
    missed = [r for r in rows if r.status == "MISSED"]
    judged = [r for r in rows if r.status in ("met", "MISSED")]
    print(
        f"targets: {len(judged) - len(missed)}/{len(judged)} met"
        + (
            ": missed " + "; ".join(f"{r.case} vs {r.peer}" for r in missed)
            if missed
            else ""
        )
    )
    busy = meter.share()
    print(
        f"total time {time.perf_counter() - t_start:.1f} s"
        + (
            ""
            if busy is None
            else f"; other processes used {100 * busy:.0f}% of the CPUs"
        )
    )
    if busy is not None and busy > 0.05:
        print(
            "warning: the machine was not idle during the run: ratios are "
            "noisy, all-thread columns the most"
        )

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "machine": machine,
                    "quick": cfg.quick,
                    "threads": cfg.threads,
                    "repeats": cfg.repeats,
                    "rows": [r.as_json() for r in rows],
                    "notes": notes,
                    "others_cpu_share": busy,
                },
                f,
                indent=1,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
