"""Example System Architecture Document for "Parcelly", a parcel-delivery platform."""

project = "Parcelly System Architecture"
author = "Parcelly architecture team"
copyright = "2026, Parcelly architecture team"  # noqa: A001
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
    # Dates pass while the example stays the same: an overdue question or
    # review is listed on the findings page instead of failing the build.
    "question_overdue": "info",
    "review_overdue": "info",
}

# "customer-facing" selects the components and targets the summary page lists
# together; it is for building that view, not for readers of each block.
archdoc_hidden_tags = ["customer-facing"]

# The template's Storage Strategy table (data type, storage, backup,
# retention): extra fields of components, shown by an arch-component-table.
archdoc_extra_fields = {
    "component": ["data-type", "storage", "backup", "retention"],
}

# Items of other projects, addressed as ``payments:ID``. The payments team's
# docs build publishes archdoc.json; here a copy is read from the repository
# (so the example builds offline) and links go to the published site.
archdoc_external = {
    "payments": (
        "https://payments.parcelly.example/architecture/",
        "external/payments/archdoc.json",
    ),
}
