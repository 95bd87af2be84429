"""``arch-deployment-graph``: one environment's deployment nodes as nested
boxes with the components they host, or a table where Mermaid cannot render.

The view is computed by :func:`~sphinx_archdoc.core.c4views.deployment_view`
(the implied-relationship rule every C4 view uses) and left in an
:class:`~sphinx_archdoc.render.graph.archdoc_graph` node, which
:func:`~sphinx_archdoc.render.graph.resolve_graphs` draws like every graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from docutils import nodes

from sphinx_archdoc.core.c4_mermaid import NodeBox
from sphinx_archdoc.core.c4views import deployment_view
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.deployment import parse_instances
from sphinx_archdoc.core.filters import FieldFilter, Query, QueryError
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.graph import (
    _direction,
    archdoc_graph,
    boxes_for,
    check_graph_options,
    edge_table,
)
from sphinx_archdoc.render.tables import build_table, cell_nodes, column_label, empty_notice


def check_direction(options: Mapping[str, str], config: ArchConfig) -> list[QueryError]:
    """A wrong ``:direction:``, said as the dependency graph says it."""
    return check_graph_options({"direction": options.get("direction") or "TB"}, config)


def drawn_nodes(index: Index, query: Query) -> list[Item]:
    """The selected nodes; without an ``:environment:`` filter, those of the
    first configured environment."""
    if not any(f.name == "environment" for f in query.filters):
        default = index.config.environments[0] if index.config.environments else ""
        query = replace(
            query, filters=(*query.filters, FieldFilter("environment", include=(default,)))
        )
    return query.select(index)


def instances_text(text: str) -> str:
    """``"3"`` or ``"2-10"`` as declared, normalised; empty when not a valid count."""
    try:
        low, high = parse_instances(text)
    except ValueError:
        return ""  # reported where the node is declared
    return str(low) if low == high else f"{low}-{high}"


def node_box(item: Item) -> NodeBox:
    return NodeBox(
        item.id,
        item.title,
        technology=item.text("technology") or "",
        instances=instances_text(item.text("instances") or ""),
    )


def deployment_drawing(index: Index, query: Query) -> dict[str, Any] | None:
    """What a deployment graph's Mermaid code is written from (an
    :class:`~sphinx_archdoc.render.graph.archdoc_graph` node's attributes,
    read by :func:`~sphinx_archdoc.render.graph.drawn`), or None when no node
    is selected."""
    return _drawing(index, query, drawn_nodes(index, query))


def _drawing(index: Index, query: Query, chosen: list[Item]) -> dict[str, Any] | None:
    if not chosen:
        return None
    components = {c.id for c in index.kind_items("component")}
    selected = {item.id for item in chosen}
    order = [n for n in index.deployment.order if n in selected]
    c4 = index.c4
    view = deployment_view(
        order,
        index.deployment.hierarchy,
        {item.id: [c for c in item.get_list("hosts") if c in components] for item in chosen},
        c4.relations,
        c4.hierarchy,
        c4.order,
    )
    return {
        "view": view,
        "nodes": {item.id: node_box(item) for item in chosen},
        "boxes": boxes_for(index, view.components.boxes),
        "direction": _direction(query.extra.get("direction", "TB") or "TB"),
    }


def deployment_graph(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    """The nested deployment diagram of the selected nodes, with its tables."""
    chosen = drawn_nodes(index, query)
    drawing = _drawing(index, query, chosen)
    if drawing is None:
        return [empty_notice(css_name, "deployment-node")]
    view = drawing["view"]
    node = archdoc_graph(
        "",
        **drawing,
        docname=docname,
        caption=query.caption or "",
        alt=_("Deployment diagram"),
        classes=[f"archdoc-{css_name}"],
    )
    # The fallback: the nodes as in arch-deployment-table, and the edges.
    headers = [column_label("deployment-node", c) for c in query.columns]
    rows = [[cell_nodes(index, item, c, docname) for c in query.columns] for item in chosen]
    node += build_table(css_name, headers, rows, query.caption)
    if view.components.edges:
        node += edge_table(view.components, docname)
    return [node]
