"""``arch-entity-diagram``: a Mermaid ``erDiagram``, or a table of attributes elsewhere.

The diagram travels in an :class:`~sphinx_archdoc.render.graph.archdoc_graph`
node like the dependency graph, so it is resolved the same way: Mermaid
where the builder draws it, else the fallback table (one row per attribute:
entity, attribute, type, keys, what a foreign key refers to).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_archdoc.core.attributes import Attribute
from sphinx_archdoc.core.erd import build_entity_diagram, mermaid_er_code
from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.i18n import N_, _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.render.cells import Fragment, ItemRef, to_nodes
from sphinx_archdoc.render.graph import archdoc_graph
from sphinx_archdoc.render.tables import build_table, empty_notice

#: The columns of an attribute row.
ATTRIBUTE_HEADERS = (N_("Attribute"), N_("Type"), N_("Keys"), N_("References"))


def entity_diagram(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    entities = query.select(index)
    if not entities:
        return [empty_notice(css_name, "entity")]
    diagram = build_entity_diagram(entities, index.entity_attributes)
    node = archdoc_graph(
        "",
        code=mermaid_er_code(diagram),
        alt=_("Entity-relationship diagram"),
        docname=docname,
        caption=query.caption or "",
        classes=[f"archdoc-{css_name}"],
    )
    headers = [_("Entity"), *(_(header) for header in ATTRIBUTE_HEADERS)]
    rows: list[list[list[nodes.Node]]] = []
    for entity, attributes in diagram.entities:
        name = to_nodes([ItemRef(entity.id, entity.title, "entity")], docname)
        if not attributes:
            rows.append([name, [], [], [], []])
        for position, attribute in enumerate(attributes):
            rows.append([name if position == 0 else [], *attribute_cells(attribute, docname)])
    node += build_table(css_name, headers, rows, query.caption)
    return [node]


def attribute_cells(attribute: Attribute, docname: str) -> list[list[nodes.Node]]:
    """Name, type, keys and what a foreign key refers to (a link to the entity)."""
    target = attribute.references
    cells: list[list[Fragment]] = [
        [attribute.name],
        [attribute.type],
        [", ".join(attribute.keys)] if attribute.keys else [],
        [ItemRef(target[0], f"{target[0]}.{target[1]}", "entity")] if target else [],
    ]
    return [to_nodes(cell, docname) for cell in cells]


def attribute_table(attributes: Sequence[Attribute], docname: str) -> nodes.table:
    """An entity block's attributes, as a table."""
    rows = [attribute_cells(attribute, docname) for attribute in attributes]
    headers = [_(header) for header in ATTRIBUTE_HEADERS]
    return build_table("entity-attributes", headers, rows)
