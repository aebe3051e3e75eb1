"""Sphinx configuration for kernterp's documentation."""

project = "kernterp"
author = "the kernterp developers"
copyright = "2026, the kernterp developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "numpydoc",
    "myst_parser",
]
autosummary_generate = True
numpydoc_show_class_members = False
intersphinx_mapping = {
    "numpy": ("https://numpy.org/doc/stable/", None),
    "scipy": ("https://docs.scipy.org/doc/scipy/", None),
}
exclude_patterns = ["_build"]
html_theme = "alabaster"
