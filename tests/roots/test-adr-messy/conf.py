extensions = ["sphinx_archdoc", "myst_parser"]
project = "ADR messy"
archdoc_adr_paths = ["adr/*"]
