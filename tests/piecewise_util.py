"""Helpers shared by the piecewise-interpolation tests (not a test module)."""

from __future__ import annotations

import threading

import pytest


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
