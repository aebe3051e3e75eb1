"""A process that forks after a threaded filter must be able to filter again.

GNU OpenMP's thread pool deadlocked such children; the core's threads live
only within each call, which this test pins down."""

import multiprocessing as mp
import sys

import numpy as np
import pytest

from kernterp import ndimage

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the fork start method is the Linux default"
)

_IMAGE = np.random.default_rng(0).random((512, 512), dtype=np.float32)


def _child_filter(_):
    return ndimage.gaussian_filter(_IMAGE, 3, workers=2)


def test_threaded_filter_after_fork():
    expected = ndimage.gaussian_filter(_IMAGE, 3, workers=2)  # threads in the parent
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        result = pool.map_async(_child_filter, range(4))
        out = result.get(timeout=60)  # a deadlocked child would time out here
    for r in out:
        np.testing.assert_array_equal(r, expected)
