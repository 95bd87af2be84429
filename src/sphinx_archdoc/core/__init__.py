"""The pure core: the vocabulary, configuration, parsing, the index and its
derived views, checks, filters and the ``archdoc.json`` interchange.

Nothing here imports the Sphinx shell (the domain, directives, transforms,
renderers, the builder, ``setup``); import-linter contracts in
``pyproject.toml`` keep it so, and keep the imports inside the core one-way.
"""
