"""The ``workers`` argument, as scipy.fft reads it."""

from __future__ import annotations

import operator
import os

__all__ = ["available_cpus", "normalize_workers"]


def available_cpus() -> int:
    """Cores this process may run on, capped by OMP_NUM_THREADS when it is set."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    env = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()
    if env.isdigit() and int(env) > 0:
        n = min(n, int(env))
    return max(n, 1)


def normalize_workers(workers: int | None) -> int:
    """Thread count for ``workers``.

    ``None`` means every available core (respecting OMP_NUM_THREADS), a
    positive count is taken as given, and a negative one counts back from the
    number of cores as in scipy.fft (``-1`` all, ``-2`` all but one).
    """
    if workers is None:
        return available_cpus()
    workers = operator.index(workers)
    if workers == 0:
        raise ValueError("workers must not be zero")
    if workers < 0:
        n = available_cpus() + 1 + workers
        if n <= 0:
            raise ValueError(
                f"workers value out of range; got {workers}, must not be less "
                f"than {-available_cpus()}"
            )
        return n
    return workers
