"""Sphinx configuration, written by ``sphinx-archdoc init``."""

project = {{PROJECT_LITERAL}}
author = {{AUTHOR_LITERAL}}
version = release = {{DATE_LITERAL}}

extensions = ["sphinx_archdoc"]
exclude_patterns = ["_build"]

# sphinx-archdoc: see https://sphinx-archdoc.readthedocs.io/
# archdoc_layers = ["presentation", "application", "data", "infrastructure", "external"]
# archdoc_checks = {"perf_missed": "warning"}
# archdoc_external = {"payments": "https://payments.example.org/docs/"}
