extensions = ["sphinx_archdoc", "myst_parser"]
project = "ADR Nygard"
archdoc_adr_paths = ["adr/*"]
