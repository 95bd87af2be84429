# A project full of mistakes: every one must give a located archdoc warning,
# never a traceback, and every valid item must survive (tests/test_bad_input.py).
extensions = ["sphinx_archdoc", "myst_parser"]
project = "Bad input"
exclude_patterns = ["_build", "_includes"]
archdoc_adr_paths = ["decisions/*"]
archdoc_extra_fields = {"component": ["cost"]}
# Findings that are info by default are warnings here, so the test sees them all.
archdoc_checks = {"adr_status": "warning", "perf_missed": "warning"}
