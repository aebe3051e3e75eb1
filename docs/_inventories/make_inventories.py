"""Write the small intersphinx inventories the docs build reads (no network).

Usage: ``python docs/_inventories/make_inventories.py`` (rewrites the
``*.inv`` files beside this script).

The documentation must build offline, so the inventories of Python, numpy,
scipy, scikit-learn and matplotlib are not downloaded: each file written here
holds only the names kernterp's pages and gallery refer to, at each project's
standard address for the name (``reference/generated/<name>.html#<name>`` for
numpy and scipy, ...).  A nitpicky build (``-n``) fails on a reference that is
in none of them: add the name below and run this script again.
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generated(names, role="py:function", page="reference/generated/"):
    """Entries of names documented one per page, ``<page><name>.html``."""
    return [(n, role, f"{page}{n}.html#{n}") for n in names]


def on_page(names, role, page):
    """Entries of names documented on one page, ``<page>#<name>``."""
    return [(n, role, f"{page}#{n}") for n in names]


def module(name, page):
    return [(name, "py:module", f"{page}#module-{name}")]


PYTHON = (
    on_page(
        [
            "Exception",
            "ValueError",
            "TypeError",
            "RuntimeError",
            "IndexError",
            "UserWarning",
            "ImportError",
            "AttributeError",
        ],
        "py:exception",
        "library/exceptions.html",
    )
    + on_page(
        ["int", "float", "bool", "str", "tuple", "list", "dict", "object"],
        "py:class",
        "library/functions.html",
    )
    + on_page(["None", "True", "False"], "py:data", "library/constants.html")
)

NUMPY = (
    generated(
        [
            "numpy.interp",
            "numpy.searchsorted",
            "numpy.exp",
            "numpy.linspace",
            "numpy.meshgrid",
            "numpy.indices",
            "numpy.pad",
            "numpy.copyto",
            "numpy.isnan",
            "numpy.isfinite",
            "numpy.asarray",
            "numpy.show_config",
            "numpy.get_include",
            "numpy.random.default_rng",
            "numpy.arange",
            "numpy.zeros",
            "numpy.full",
            "numpy.ones",
            "numpy.stack",
            "numpy.concatenate",
            "numpy.where",
            "numpy.hypot",
            "numpy.outer",
            "numpy.geomspace",
            "numpy.logspace",
            "numpy.median",
            "numpy.allclose",
            "numpy.nanpercentile",
            "numpy.sqrt",
            "numpy.fft.rfft2",
            "numpy.fft.irfft2",
        ]
    )
    + generated(["numpy.ndarray", "numpy.dtype"], "py:class")
    + on_page(
        ["numpy.float32", "numpy.float64", "numpy.intp"],
        "py:attribute",
        "reference/arrays.scalars.html",
    )
    + on_page(
        ["numpy.typing.ArrayLike", "numpy.typing.DTypeLike", "numpy.typing.NDArray"],
        "py:data",
        "reference/typing.html",
    )
    + module("numpy.typing", "reference/typing.html")
    + generated(["numpy.random.Generator.normal", "numpy.random.Generator.random"])
)

SCIPY = (
    generated(
        [
            "scipy.ndimage.gaussian_filter",
            "scipy.ndimage.gaussian_filter1d",
            "scipy.ndimage.gaussian_laplace",
            "scipy.ndimage.gaussian_gradient_magnitude",
            "scipy.ndimage.correlate1d",
            "scipy.ndimage.median_filter",
            "scipy.ndimage.zoom",
            "scipy.interpolate.krogh_interpolate",
            "scipy.stats.multivariate_normal",
            "scipy.fft.fft",
            "scipy.fft.fftn",
            "scipy.fft.ifftn",
        ]
    )
    + generated(
        [
            "scipy.interpolate.CubicSpline",
            "scipy.interpolate.interp1d",
            "scipy.interpolate.KroghInterpolator",
            "scipy.interpolate.PPoly",
            "scipy.interpolate.BPoly",
            "scipy.interpolate.BSpline",
        ],
        "py:class",
    )
    + module("scipy.ndimage", "reference/ndimage.html")
    + module("scipy.interpolate", "reference/interpolate.html")
    + module("scipy.fft", "reference/fft.html")
    + module("scipy.stats", "reference/stats.html")
)

SKLEARN = generated(
    [
        "sklearn.metrics.pairwise.rbf_kernel",
        "sklearn.metrics.pairwise.euclidean_distances",
        "sklearn.metrics.pairwise.check_pairwise_arrays",
    ],
    page="modules/generated/",
)

MATPLOTLIB = generated(
    [
        "matplotlib.pyplot.subplots",
        "matplotlib.pyplot.show",
        "matplotlib.pyplot.imread",
        "matplotlib.axes.Axes.plot",
        "matplotlib.axes.Axes.semilogy",
        "matplotlib.axes.Axes.loglog",
        "matplotlib.axes.Axes.bar",
        "matplotlib.axes.Axes.barh",
        "matplotlib.axes.Axes.imshow",
        "matplotlib.axes.Axes.contour",
        "matplotlib.axes.Axes.scatter",
        "matplotlib.axes.Axes.hist",
        "matplotlib.axes.Axes.legend",
        "matplotlib.axes.Axes.set",
        "matplotlib.axes.Axes.text",
        "matplotlib.axes.Axes.axhline",
        "matplotlib.axes.Axes.axvline",
        "matplotlib.axes.Axes.axvspan",
        "matplotlib.axes.Axes.set_title",
        "matplotlib.axes.Axes.set_xscale",
        "matplotlib.axes.Axes.set_xlim",
        "matplotlib.axes.Axes.set_yticks",
        "matplotlib.axes.Axes.invert_yaxis",
        "matplotlib.axes.Axes.add_patch",
        "matplotlib.axes.Axes.get_yaxis_transform",
        "matplotlib.figure.Figure.colorbar",
        "matplotlib.cbook.get_sample_data",
    ],
    page="api/_as_gen/",
) + generated(
    [
        "matplotlib.colors.LogNorm",
        "matplotlib.ticker.FormatStrFormatter",
        "matplotlib.patches.Circle",
    ],
    "py:class",
    "api/_as_gen/",
)

INVENTORIES = {
    "python": ("Python", "3", PYTHON),
    "numpy": ("NumPy", "2", NUMPY),
    "scipy": ("SciPy", "1", SCIPY),
    "sklearn": ("scikit-learn", "1", SKLEARN),
    "matplotlib": ("Matplotlib", "3", MATPLOTLIB),
}


def write(path: Path, project: str, version: str, entries) -> None:
    """Write one inventory in Sphinx's format, version 2."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = sorted({f"{name} {role} 1 {uri} -\n" for name, role, uri in entries})
    body = zlib.compress("".join(lines).encode("utf-8"), 9)
    path.write_bytes(header.encode("utf-8") + body)


def main() -> None:
    for stem, (project, version, entries) in INVENTORIES.items():
        write(HERE / f"{stem}.inv", project, version, entries)


if __name__ == "__main__":
    main()
