"""Example System Architecture Document for "Parcelly", a parcel-delivery platform."""

project = "Parcelly System Architecture"
author = "Parcelly architecture team"
version = release = "2026.11"

extensions = ["sphinx_archdoc", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]

html_theme = "alabaster"
html_title = "Parcelly architecture"

# sphinx-archdoc
# The team's existing ADR folder: every numbered file in it is an ADR.
archdoc_adr_paths = ["decisions/*"]
archdoc_checks = {
    # The document shows its findings on the findings page; in this example we
    # keep deliberate findings visible there rather than failing the build.
}
