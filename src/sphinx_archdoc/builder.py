"""``sphinx-build -b archdoc``: read the project, write only ``archdoc.json``.

For CI and for projects that publish their architecture data without building
HTML: every document is read and checked, nothing is rendered.  URLs in the
file follow the HTML layout (``docname.html#anchor``), so they are right for
the project's published HTML site.
"""

from __future__ import annotations

from collections.abc import Set

from docutils import nodes
from sphinx.builders import Builder


class ArchdocBuilder(Builder):
    name = "archdoc"
    format = "archdoc"
    epilog = "The architecture data is in %(outdir)s/archdoc.json."
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> set[str]:
        return set()

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        suffix = self.config.html_link_suffix
        if suffix is None:
            suffix = self.config.html_file_suffix or ".html"
        return f"{docname}{suffix}"

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        # Nothing is rendered: archdoc.json is written at build-finished.
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # pragma: no cover - write_documents writes nothing

    def finish(self) -> None:
        pass
