extensions = ["sphinx_archdoc", "myst_parser"]
project = "ADR log4brains"
archdoc_adr_paths = ["docs/adr/*"]
