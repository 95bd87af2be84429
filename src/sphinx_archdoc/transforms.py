"""Post-transforms: summaries become ordinary nodes before links are resolved."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_archdoc.directives.summaries import archdoc_summary
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.filters import parse_query
from sphinx_archdoc.summaries import SUMMARIES


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
            query, _problems = parse_query(spec.kind, node["options"], config, spec.extra_options)
            if spec.default_sort and "sort" not in node["options"]:
                query = type(query)(**{**query.__dict__, "sort": spec.default_sort})
            rendered = spec.renderer(index, query, spec.css_name, node["docname"])
            for child in rendered:
                if isinstance(child, nodes.Element) and not child.source:
                    child.source, child.line = node.source, node.line
                if isinstance(child, nodes.table) and not child["ids"]:
                    # Captioned tables need an ID for numbering and permalinks.
                    self.document.set_id(child)
            node.replace_self(rendered)
