"""``arch-dependency-graph``: a Mermaid flowchart, or a table where Mermaid cannot render.

The summary transform (run for every builder) leaves an :class:`archdoc_graph`
node holding the graph as plain data, with the fallback table as its children
(their links are ordinary ``pending_xref`` nodes, resolved by Sphinx).  Once
the page's references are resolved, :func:`resolve_graphs` (``doctree-resolved``,
where the builder is known) turns each one into a ``mermaid`` node with links
to the components, or keeps the table.
"""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import Query, QueryError
from sphinx_archdoc.core.graph import DIRECTIONS, INCLUDE_VALUES, Graph, build_graph, mermaid_code
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.options import split_list
from sphinx_archdoc.render.tables import build_table, cell_nodes, column_label, empty_notice

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


class archdoc_graph(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """A dependency graph; its children are the fallback table."""


def _direction(text: str) -> str:
    word = text.strip().upper()
    return "TB" if word == "TD" else word


def _depth(text: str) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def check_graph_options(options: Mapping[str, str], config: ArchConfig) -> list[QueryError]:
    """Problems with ``:depth:``, ``:include:`` and ``:direction:``."""
    problems: list[QueryError] = []
    if "depth" in options and _depth(options["depth"] or "") is None:
        problems.append(
            QueryError(
                "invalid_value",
                _(":depth: {value!r} is not a whole number >= 0").format(value=options["depth"]),
            )
        )
    if "depth" in options and not split_list(options.get("root") or ""):
        problems.append(QueryError("missing_value", _(":depth: needs a :root:")))
    include = (options.get("include") or "dependencies").strip().lower()
    if include not in INCLUDE_VALUES:
        problems.append(
            QueryError(
                "invalid_value",
                _(":include: {value!r} is not a valid value; expected one of: {allowed}").format(
                    value=include, allowed=", ".join(INCLUDE_VALUES)
                ),
            )
        )
    direction = _direction(options.get("direction") or "TB")
    if direction not in DIRECTIONS:
        problems.append(
            QueryError(
                "invalid_value",
                _(":direction: {value!r} is not a valid value; expected one of: {allowed}").format(
                    value=options.get("direction"), allowed=", ".join(DIRECTIONS)
                ),
            )
        )
    return problems


def graph_for(index: Index, query: Query) -> Graph:
    components = {c.id: c for c in index.kind_items("component")}
    include = query.extra.get("include", "dependencies").strip().lower()
    direction = _direction(query.extra.get("direction", "TB") or "TB")
    return build_graph(
        query.select(index),
        components,
        layers=index.config.layers,
        roots=split_list(query.extra.get("root", "")),
        depth=_depth(query.extra.get("depth", "")),
        include=include if include in INCLUDE_VALUES else "dependencies",
        direction=direction if direction in DIRECTIONS else "TB",
        external_projects=tuple(name for name, _ in index.config.external),
    )


def dependency_graph(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    graph = graph_for(index, query)
    if not graph.nodes:
        return [empty_notice(css_name, "component")]
    node = archdoc_graph(
        "",
        graph=graph,
        docname=docname,
        caption=query.caption or "",
        classes=[f"archdoc-{css_name}"],
    )
    # The fallback: a table of the components shown, with their dependencies.
    headers = [column_label("component", c) for c in query.columns]
    rows = [
        [cell_nodes(index, index.by_id[item_id], c, docname) for c in query.columns]
        for item_id in graph.item_ids
    ]
    node += build_table(css_name, headers, rows, query.caption)
    return [node]


def can_render_mermaid(builder: Builder) -> bool:
    """HTML builders render Mermaid in the browser (not EPUB: readers run no
    scripts); LaTeX only when mermaid-cli is installed."""
    if builder.format == "html":
        return not builder.name.startswith("epub")
    if builder.format == "latex":
        command = builder.config.mermaid_cmd
        words = shlex.split(command) if isinstance(command, str) else list(command)
        return bool(words) and shutil.which(words[0]) is not None
    return False


def resolve_graphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: Mermaid where the builder can draw it, else the table."""
    graphs = list(doctree.findall(archdoc_graph))
    if not graphs:
        return
    builder = app.builder
    if not can_render_mermaid(builder):
        for node in graphs:
            node.replace_self(node.children)
        return
    from sphinxcontrib.mermaid import mermaid

    for node in graphs:
        fromdoc = node["docname"]

        def url_for(target_doc: str, anchor: str, fromdoc: str = fromdoc) -> str:
            if builder.format != "html":
                return ""
            ref = make_refnode(builder, fromdoc, target_doc, anchor, nodes.Text(""))
            uri = str(ref.get("refuri", "#" + anchor))
            # singlehtml gives "index.html#document-x#anchor": keep the last anchor.
            return uri[: uri.index("#")] + "#" + anchor if uri.count("#") > 1 else uri

        links = url_for if builder.format == "html" else None
        diagram = mermaid()
        diagram["code"] = mermaid_code(node["graph"], links)
        diagram["options"] = {}
        diagram["alt"] = _("Dependency graph")
        replacement: nodes.Element
        if node["caption"]:
            replacement = nodes.figure("", diagram, classes=node["classes"])
            replacement += nodes.caption(node["caption"], node["caption"])
        else:
            replacement = nodes.container("", diagram, classes=node["classes"])
        replacement.source, replacement.line = node.source, node.line
        doctree.set_id(replacement)
        node.replace_self(replacement)


def _visit_children(self: Any, node: nodes.Node) -> None:
    """Builders that never resolve the node show its fallback table."""


def _depart(self: Any, node: nodes.Node) -> None:
    pass


GRAPH_VISITORS = (_visit_children, _depart)
