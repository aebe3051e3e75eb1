"""
The speed of every area against its peers
=========================================

``python bench/run.py`` times every area of kernterp against the functions
it replaces (scipy, numpy, scikit-learn, OpenCV) and a few hand-written
recipes, interleaved in one process, on the same inputs.  This example plots
the numbers of one full run, kept in the repository as
``docs/_static/bench.json`` (``python bench/run.py --json
docs/_static/bench.json``); the documentation build only reads them.

That run: 2026-12-02, 18:29-18:34 UTC, on the project's development machine,
a KVM virtual machine with 2 cores of an ``Intel(R) Xeon(R) Processor``
(AVX-512 capable; kernterp's AVX2 level in use, as recorded in the file),
Python 3.11, numpy 2.4, scipy 1.17, OpenCV 5.1, scikit-learn 1.9 (FINUFFT
was not installed: the periodic transform's peer is a numpy Fourier sum to
the same tolerance).  The machine was shared: other processes kept 47% of
its CPUs busy during the run, so single ratios are noisy (10-20% from run to
run, more for the two-thread columns).  The README's table comes from another
run, on another machine.
"""

# sphinx_gallery_thumbnail_number = -1

import json
from collections import defaultdict
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FormatStrFormatter

try:  # run by sphinx-gallery, or as a script
    HERE = Path(__file__).resolve().parent
except NameError:  # pragma: no cover  (pasted into an interpreter)
    HERE = Path.cwd()
with open(HERE.parent / "_static" / "bench.json", encoding="utf-8") as fh:
    bench = json.load(fh)
print("machine:", bench["machine"])
print(f"others' share of the CPUs during the run: {bench['others_cpu_share']:.0%}")


# %%
# The rows, by area
# -----------------
# Each row of the benchmark is one case against one peer; the single-thread
# ratio is the peer's time over kernterp's (the median over interleaved
# repeats: above 1, kernterp is faster).  The area of a row follows from the
# function it times.  Rows without a single-thread ratio (the thread-scaling
# rows and the memory-copy floors) are left out.
def area_of(case):
    if "method='recursive'" in case:
        return "recursive"
    for prefix, area in (
        ("gaussian_filter", "ndimage"),
        ("gaussian_kernel", "kernels"),
        ("gaussian_mixture", "mixture"),
        ("multivariate_normal", "mixture"),
        ("gaussian_pool", "pool"),
        ("rbf_kernel", "rbf"),
        ("gauss_transform", "rbf"),
        ("periodic_gauss_transform", "periodic"),
        ("interp", "lookup"),
        ("CubicSpline", "lookup"),
        ("newton", "newton"),
        ("Newton", "newton"),
        ("Krogh", "newton"),
    ):
        if case.startswith(prefix):
            return area
    return "other"


rows = defaultdict(list)
for row in bench["rows"]:
    if row["ratio_1T"] is not None:
        rows[area_of(row["case"])].append(row)
for area, rs in rows.items():
    r = [row["ratio_1T"] for row in rs]
    print(f"{area:10s} {len(rs):2d} rows, ratios {min(r):6.2f}x .. {max(r):6.1f}x")


# %%
# Every row, area by area
# -----------------------
# One chart per area: each bar is one case against one peer, its length the
# single-thread speed-up (log scale; the black line is 1, equal speed).
def short(text, width=64):
    return text if len(text) <= width else text[: width - 3] + "..."


for i, (area, rs) in enumerate(rows.items()):
    labels = [f"{short(r['case'])}\nvs {short(r['peer'])}" for r in rs]
    ratios = [r["ratio_1T"] for r in rs]
    y = np.arange(len(rs))
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(rs) + 0.9), layout="constrained")
    ax.barh(y, ratios, color=f"C{i % 10}", height=0.7)
    for yi, ratio in zip(y, ratios, strict=True):
        ax.text(ratio, yi, f" {ratio:.2f}x", va="center", fontsize=7.5)
    ax.axvline(1, color="k", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlim(min(0.3, 0.8 * min(ratios)), 4 * max(ratios))
    ax.set_yticks(y, labels, fontsize=7)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FormatStrFormatter("%gx"))
    ax.set_title(f"{area}: peer time / kernterp time, one thread", fontsize=10)
    plt.show()

# %%
# One line per area
# -----------------
# The median and the range of the single-thread ratios of each area.  Below
# 1 (left of the line) the peer was faster: the recursive filter against
# kernterp's own exact one at small sigma, a few tiny kernels where one call
# costs microseconds either way, and the "floor" rows of the RBF kernel,
# which time a BLAS call alone, not a complete peer.
fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
for i, rs in enumerate(rows.values()):
    r = np.array([row["ratio_1T"] for row in rs])
    ax.plot([r.min(), r.max()], [i, i], color=f"C{i % 10}", lw=2)
    ax.plot(np.median(r), i, "o", color=f"C{i % 10}")
ax.axvline(1, color="k", lw=0.8)
ax.set_xscale("log")
ax.xaxis.set_major_formatter(FormatStrFormatter("%gx"))
ax.set_yticks(range(len(rows)), list(rows))
ax.invert_yaxis()
ax.set(xlabel="peer time / kernterp time (median and range)")
plt.show()
