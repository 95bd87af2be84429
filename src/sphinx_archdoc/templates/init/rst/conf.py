"""Sphinx configuration of {{PROJECT}}, written by ``sphinx-archdoc init``."""

project = "{{PROJECT}}"
author = "{{PROJECT}} architecture team"
version = release = "{{DATE}}"

extensions = ["sphinx_archdoc"]
exclude_patterns = ["_build"]

# sphinx-archdoc: see https://sphinx-archdoc.readthedocs.io/
# archdoc_layers = ["presentation", "application", "data", "infrastructure", "external"]
# archdoc_checks = {"perf_missed": "warning"}
# archdoc_external = {"payments": "https://payments.example.org/docs/"}
