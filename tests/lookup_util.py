"""Helpers shared by the lookup tests (interp, interp1d, CubicSpline): no tests here."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from kernterp import _lookup_api as api

#: Every path of the lookup engine (forced through the private hook).
PATHS = (
    api.PATH_AUTO,
    api.PATH_SEARCH,
    api.PATH_SORTED,
    api.PATH_UNIFORM,
    api.PATH_GUESS,
)

#: Query arrays of every kind a caller may pass (DESIGN.md's hard inputs):
#: scalars, 0-d, empty, nested lists, non-contiguous, Fortran order,
#: byte-swapped, integer, float16 and float32.
QUERY_KINDS = [
    2.5,
    np.float64(2.5),
    np.array(2.5),
    [],
    np.zeros((0, 3)),
    [[1.5, 2.5], [0.0, 9.0]],
    np.arange(24.0).reshape(2, 3, 4)[:, ::2, ::-1] / 8,
    np.asfortranarray(np.arange(12.0).reshape(3, 4) / 4),
    (np.arange(10.0) / 3).astype(">f8"),
    np.arange(10, dtype=np.int32),
    np.arange(10.0, dtype=np.float16),
    np.arange(10.0, dtype=np.float32),
    [np.nan, np.inf, -np.inf, 1.0],
    True,
    3,
]


def query_id(v):
    """A readable test id for a QUERY_KINDS entry."""
    return f"{type(v).__name__}{np.shape(v)}{getattr(v, 'dtype', '')}"


def raises_like(fn_kt, fn_ref):
    """kernterp raises the reference's exception type (or neither raises).

    Returns the two messages when both raised, else None.
    """
    try:
        fn_ref()
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)) as info:
            fn_kt()
        return str(e), str(info.value)
    fn_kt()
    return None


def run_concurrently(fn, nthreads=4):
    """fn() on `nthreads` threads at once; the list of their results."""
    out = [None] * nthreads

    def run(k):
        out[k] = fn()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out
