"""Documentation of sphinx-archdoc, built with sphinx-archdoc itself."""

import sys
from pathlib import Path

from sphinx_archdoc import __version__

# The reference tables' generator lives beside the docs, not in the wheel.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-archdoc"
author = "sphinx-archdoc developers"
copyright = "2026, sphinx-archdoc developers"
version = release = __version__

extensions = ["sphinx_archdoc", "myst_parser", "archdoc_docs"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# docs/examples/ holds the gallery's fragments: included, never pages of their own.
exclude_patterns = ["_build", "examples", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"sphinx-archdoc {version}"

latex_documents = [("index", "sphinx-archdoc.tex", "sphinx-archdoc", author, "manual")]

# The examples in these pages declare items; some deliberately show findings.
archdoc_checks = {}

# pdflatex knows Latin-1 and the common typographic characters; the reference
# pages also use a few mathematical ones (≈ ≤ ≥ → μ).
latex_elements = {
    "preamble": r"""
\DeclareUnicodeCharacter{2248}{\ensuremath{\approx}}
\DeclareUnicodeCharacter{2264}{\ensuremath{\le}}
\DeclareUnicodeCharacter{2265}{\ensuremath{\ge}}
\DeclareUnicodeCharacter{2192}{\ensuremath{\rightarrow}}
\DeclareUnicodeCharacter{03BC}{\ensuremath{\mu}}
""",
}
