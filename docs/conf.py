"""Sphinx configuration for kernterp's documentation.

Build (what .ci/run does)::

    python -m pip install ".[docs]"
    python -m sphinx -n -W --keep-going -b html docs docs/_build/html

The build never touches the network: the intersphinx inventories of
Python, numpy, scipy, scikit-learn and matplotlib are small files made by
``docs/_inventories/make_inventories.py`` and shipped in the repository (see
``docs/about_docs.rst``), the gallery (``docs/examples``) runs on data it
makes or that matplotlib ships, and the pages need no network either: MathJax
is copied into ``_static`` (sphinx-mathjax-offline) and the theme loads
nothing from elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import kernterp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # sphinx-gallery's helpers below

project = "kernterp"
author = "the kernterp developers"
copyright = "2026, the kernterp developers"
version = release = kernterp.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax 3 served from _static, not from a CDN
    "numpydoc",
    "myst_parser",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "examples", "_inventories", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
nitpicky = True

# ---- API pages ---------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # numpydoc's Parameters carry the types, as in scipy
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = True  # a table of the methods, linked
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

# ---- cross-references, offline ---------------------------------------------------
# Inventories are shipped (docs/_inventories), never downloaded: a build with
# no network gives the same pages.  Each holds only the names these docs refer
# to; make_inventories.py regenerates them.
_INV = HERE / "_inventories"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3/", str(_INV / "python.inv")),
    "numpy": ("https://numpy.org/doc/stable/", str(_INV / "numpy.inv")),
    "scipy": ("https://docs.scipy.org/doc/scipy/", str(_INV / "scipy.inv")),
    "sklearn": ("https://scikit-learn.org/stable/", str(_INV / "sklearn.inv")),
    "matplotlib": ("https://matplotlib.org/stable/", str(_INV / "matplotlib.inv")),
}
intersphinx_timeout = 1

# References that have no page anywhere: the private modules the module
# docstrings name, and the references of scipy's docstrings of the methods
# CubicSpline and interp1d inherit, relative to scipy's own pages.
nitpick_ignore = [
    ("py:mod", "kernterp._lookup_api"),
    ("py:mod", "kernterp._newton_api"),
]
nitpick_ignore_regex = [
    ("py:obj", r"PPoly\..*"),
]

# ---- the gallery -------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py|_helpers\.py",
    "within_subsection_order": "FileNameSortKey",
    "backreferences_dir": "generated/backrefs",
    "doc_module": ("kernterp",),
    "reference_url": {"kernterp": None},
    "remove_config_comments": True,
    "download_all_examples": False,
    "plot_gallery": "True",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "show_memory": False,
    "matplotlib_animations": False,
    "image_scrapers": ("matplotlib",),
    "min_reported_time": 1,
    "run_stale_examples": False,
}
os.environ.setdefault("MPLBACKEND", "agg")


def _top_level_aliases(app, env):
    """Make ``kernterp.<name>`` a reference to ``kernterp.kernels.<name>``.

    The names of kernterp.kernels are also top-level names (the same
    objects), documented once, under kernterp.kernels.  Registering the
    top-level spelling as an alias of that entry lets ``:func:`` references
    and the gallery's code links (``kt.gaussian_kernel(...)``) use either.
    """
    objects = env.domains["py"].objects
    for name in kernterp.kernels.__all__:
        entry = objects.get(f"kernterp.kernels.{name}")
        if entry is not None and f"kernterp.{name}" not in objects:
            objects[f"kernterp.{name}"] = entry._replace(aliased=True)


def setup(app):
    app.connect("env-updated", _top_level_aliases)


# ---- HTML ---------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"kernterp {release}"
html_static_path = ["_static"]
html_css_files = ["kernterp.css"]
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "header_links_before_dropdown": 6,
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
    # no icon links, no version switcher, no analytics: nothing fetched
}
html_sidebars = {"index": [], "getting_started": []}
html_show_sourcelink = True
html_copy_source = True
