# ADRs with status notes and relations besides supersession, in every
# discovery form (tests/test_adr_relations.py).
extensions = ["sphinx_archdoc", "myst_parser"]
project = "ADR relations"
archdoc_adr_paths = ["adr/*"]
