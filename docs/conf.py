"""Documentation of sphinx-archdoc, built with sphinx-archdoc itself."""

from sphinx_archdoc import __version__

project = "sphinx-archdoc"
author = "sphinx-archdoc developers"
copyright = "2026, sphinx-archdoc developers"  # noqa: A001
version = release = __version__

extensions = ["sphinx_archdoc", "myst_parser", "sphinx_archdoc.docs_support"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# docs/examples/ holds the gallery's fragments: included, never pages of their own.
exclude_patterns = ["_build", "examples"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"sphinx-archdoc {version}"

latex_documents = [("index", "sphinx-archdoc.tex", "sphinx-archdoc", author, "manual")]

# The examples in these pages declare items; some deliberately show findings.
archdoc_checks = {}
