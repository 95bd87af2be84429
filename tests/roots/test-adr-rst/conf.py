extensions = ["sphinx_archdoc"]
project = "ADR rst"
archdoc_adr_paths = ["records/*"]
