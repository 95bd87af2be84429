"""Post-transforms: summaries become ordinary nodes before links are resolved."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_archdoc.directives.summaries import archdoc_summary
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.summaries import SUMMARIES, parse_summary_options


class SummaryTransform(SphinxPostTransform):
    """Replace each summary placeholder with its table (or matrix, list...).

    Runs before Sphinx's ``ReferencesResolver`` (priority 10), so the links in
    generated tables are ordinary ``pending_xref`` nodes and resolve the same
    way in HTML, LaTeX, text and every other builder.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(archdoc_summary))
        if not placeholders:
            return
        index = get_domain(self.env).index()
        config = arch_config(self.config)
        for node in placeholders:
            spec = SUMMARIES[node["directive"]]
            query, _problems = parse_summary_options(spec, node["options"], config)
            rendered = spec.renderer(index, query, spec.css_name, node["docname"])
            for child in rendered:
                if isinstance(child, nodes.Element) and not child.source:
                    child.source, child.line = node.source, node.line
                if not isinstance(child, nodes.Element):
                    continue
                for table in child.findall(nodes.table):
                    if not table["ids"]:
                        # Captioned tables need an ID for numbering and permalinks.
                        self.document.set_id(table)
            node.replace_self(rendered)
