extensions = ["sphinx_archdoc", "myst_parser"]
project = "ADR MADR"
archdoc_adr_paths = ["decisions/*"]
