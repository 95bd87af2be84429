"""``arch-dependency-graph``: a Mermaid flowchart, or a table where Mermaid cannot render.

The summary transform (run for every builder) leaves an :class:`archdoc_graph`
node holding the graph as plain data, with the fallback table as its children
(their links are ordinary ``pending_xref`` nodes, resolved by Sphinx).  Where
the builder draws Mermaid, the same transform writes the graph's code at once
and drops the table before its links are resolved (:func:`drop_unused_fallbacks`),
unless the graph is too large for Mermaid.  Once the page's references are
resolved, :func:`resolve_graphs` (``doctree-resolved``) turns each one into a
``mermaid`` node with links to the components, or keeps the table.
"""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_archdoc.core.c4_mermaid import (
    Box,
    deployment_legend,
    deployment_mermaid,
    edge_text,
    legend,
    too_large,
    view_mermaid,
)
from sphinx_archdoc.core.c4views import (
    DeploymentView,
    Keep,
    View,
    context_view,
    flat_view,
    scope_view,
)
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import Query, QueryError
from sphinx_archdoc.core.graph import DIRECTIONS, INCLUDE_VALUES, Graph, build_graph
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import SummaryCall
from sphinx_archdoc.core.options import split_list
from sphinx_archdoc.render.cells import Cell, ItemRef, to_nodes
from sphinx_archdoc.render.tables import build_table, cell_nodes, column_label, empty_notice

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)

#: ``:view:`` values: ``context`` draws the ``:scope:`` as one box.
VIEW_VALUES = ("context",)


class archdoc_graph(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """A Mermaid diagram (``graph``, or ready ``code`` and ``alt``); its
    children are the fallback table."""


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
    view = (options.get("view") or "").strip().lower()
    if "view" in options and view not in VIEW_VALUES:
        problems.append(
            QueryError(
                "invalid_value",
                _(":view: {value!r} is not a valid value; expected one of: {allowed}").format(
                    value=options.get("view"), allowed=", ".join(VIEW_VALUES)
                ),
            )
        )
    if "view" in options and not (options.get("scope") or "").strip():
        problems.append(QueryError("missing_value", _(":view: needs a :scope:")))
    if (options.get("scope") or "").strip() and "root" in options:
        problems.append(
            QueryError("invalid_value", _(":scope: and :root: cannot be used together"))
        )
    if (options.get("descriptions") or "").strip():
        problems.append(
            QueryError("invalid_value", _(":descriptions: is a flag and takes no value"))
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


def c4_view_for(index: Index, query: Query) -> View | None:
    """The view a graph draws: the whitebox (or context) view of ``:scope:``,
    else the selected components with the people and other projects'
    elements that talk to them.  None when ``:scope:`` names no component."""
    c4 = index.c4
    scope = (query.extra.get("scope") or "").strip()
    if scope:
        found = index.by_id.get(scope)
        if found is None or found.kind != "component":
            return None  # reported as unknown_component where it is written
        keep = scoped_filter(index, query, scope)
        if (query.extra.get("view") or "").strip().lower() == "context":
            return context_view(scope, c4.relations, c4.hierarchy, c4.order, keep)
        return scope_view(scope, c4.relations, c4.hierarchy, c4.order, keep)
    graph = graph_for(index, query)
    chosen = [node.item_id for node in graph.nodes]
    partners = [a.id for a in (*index.kind_items("actor"), *index.external_items("actor"))]
    return flat_view(chosen, c4.relations, c4.hierarchy, c4.order, partners=partners)


def scoped_filter(index: Index, query: Query, scope: str) -> Keep | None:
    """The graph's filters (``:layer:``, ``:tags:``, ...) as the components a
    scoped view may draw; the scope itself, people and other projects'
    elements are not components and always may (they are drawn while they
    have an edge to a drawn box).  None without filters."""
    if not query.filters:
        return None
    chosen = {item.id for item in query.select(index)}

    def keep(element: str) -> bool:
        item = index.by_id.get(element)
        return element == scope or item is None or item.kind != "component" or element in chosen

    return keep


def boxes_for(index: Index, elements: tuple[str, ...]) -> dict[str, Box]:
    """What the view shows of each element."""
    boxes: dict[str, Box] = {}
    for element in elements:
        item = index.by_id.get(element)
        if item is not None and KINDS[item.kind].c4_shape == "person":
            boxes[element] = Box(
                element,
                item.title,
                type="person",
                description=item.text("purpose") or "",
                external=item.text("external") != "no",
                target=(item.docname, item.anchor),
            )
        elif item is not None:
            boxes[element] = Box(
                element,
                item.title,
                type=item.text("type") or "component",
                technology=item.text("technology") or "",
                description=item.text("purpose") or "",
                layer=item.text("layer") or "",
                status=item.text("status") or "",
                external=item.text("layer") == "external",
                target=(item.docname, item.anchor),
            )
        else:
            imported = index.external.get(element)
            title = imported.title if imported is not None else element
            # Another project's kinds may be unknown here: drawn as a system.
            spec = KINDS.get(imported.kind) if imported is not None else None
            kind = "person" if spec is not None and spec.c4_shape == "person" else None
            boxes[element] = Box(
                element,
                _("{id} (external)").format(id=title),
                type=kind or (imported.text("type") if imported is not None else None) or "system",
                external=True,
            )
    return boxes


def drawing_of(index: Index, query: Query) -> dict[str, Any] | None:
    """What a graph's Mermaid code is written from (an :class:`archdoc_graph`
    node's attributes), or None when it draws nothing."""
    view = c4_view_for(index, query)
    if view is None or not view.visible:
        return None
    shown = (*view.visible, *((view.boundary,) if view.boundary else ()))
    return {
        "view": view,
        "boxes": boxes_for(index, shown),
        "direction": _direction(query.extra.get("direction", "TB") or "TB"),
        "descriptions": "descriptions" in query.extra,
        "layers": index.config.layers,
        "layer_titles": index.config.layer_titles,
    }


def dependency_graph(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    drawing = drawing_of(index, query)
    if drawing is None:
        return [empty_notice(css_name, "component")]
    view: View = drawing["view"]
    node = archdoc_graph(
        "",
        **drawing,
        docname=docname,
        caption=query.caption or "",
        classes=[f"archdoc-{css_name}"],
    )
    # The fallback: a table of the components shown, and one of the edges.
    headers = [column_label("component", c) for c in query.columns]
    rows = [
        [cell_nodes(index, index.by_id[element], c, docname) for c in query.columns]
        for element in view.visible
        if element in index.by_id and index.by_id[element].kind == "component"
    ]
    node += build_table(css_name, headers, rows, query.caption)
    if view.edges:
        node += edge_table(view, docname)
    return [node]


def edge_table(view: View, docname: str) -> nodes.table:
    """Every edge of the view: from, to, what [technology]."""
    headers = [_("From"), _("To"), _("Relation")]
    cells: list[list[Cell]] = [
        [
            [ItemRef(edge.source, edge.source, None)],
            [ItemRef(edge.target, edge.target, None)],
            [edge_text(edge.label, edge.technology)],
        ]
        for edge in view.edges
    ]
    rows = [[to_nodes(cell, docname) for cell in row] for row in cells]
    return build_table("graph-edges", headers, rows)


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


def drop_unused_fallbacks(rendered: nodes.Node, builder: Builder) -> None:
    """Where the builder draws Mermaid, write each graph's code now and drop
    its fallback table, before Sphinx resolves that table's links: a table
    kept only to be thrown away cost a link resolution per cell.

    A graph too large for Mermaid keeps its table (:func:`resolve_graphs`
    reports it and shows the table instead).
    """
    for node in list(rendered.findall(archdoc_graph)):
        if node.get("code") is None:
            code, edge_count = drawn(node.attributes, link_function(builder, node["docname"]))
            if too_large(code, edge_count) is not None:
                continue
            node["code"] = code
        del node[:]


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
    for node in graphs:
        # A diagram without links (an ER diagram) comes with its code, and so
        # does a graph whose code :func:`drop_unused_fallbacks` wrote.
        code = node.get("code")
        if code is None:
            code, edge_count = drawn(node.attributes, link_function(builder, node["docname"]))
            if too_large(code, edge_count) is not None:
                # Reported once per build by report_oversized_graphs.
                node.replace_self(node.children)
                continue
        alt = node.get("alt") or _("Dependency graph")
        replacement = mermaid_block(code, alt, node["caption"], node["classes"])
        entries = drawn_legend(node.attributes) if "view" in node else []
        if entries:
            key = nodes.bullet_list(classes=["archdoc-graph-legend"])
            for entry in entries:
                key += nodes.list_item("", nodes.paragraph(entry, entry))
            replacement.append(key)
        replacement.source, replacement.line = node.source, node.line
        doctree.set_id(replacement)
        node.replace_self(replacement)


def drawn(drawing: Mapping[str, Any], links: Callable[[str, str], str] | None) -> tuple[str, int]:
    """The Mermaid code of a drawing (:func:`drawing_of`, or a deployment
    graph's), with links by ``links``, and its number of edges."""
    view = drawing["view"]
    if isinstance(view, DeploymentView):
        code = deployment_mermaid(
            view, drawing["nodes"], drawing["boxes"], direction=drawing["direction"], url_for=links
        )
        return code, len(view.placed_edges)
    code = view_mermaid(
        view,
        drawing["boxes"],
        direction=drawing["direction"],
        descriptions=drawing["descriptions"],
        layers=drawing["layers"],
        layer_titles=dict(drawing["layer_titles"]),
        url_for=links,
    )
    return code, len(view.edges)


def drawn_legend(drawing: Mapping[str, Any]) -> list[str]:
    """The key under a drawing: what its shapes and lines mean."""
    view = drawing["view"]
    if isinstance(view, DeploymentView):
        return deployment_legend(view, drawing["boxes"])
    return legend(view, drawing["boxes"])


def link_function(builder: Builder, fromdoc: str) -> Callable[[str, str], str] | None:
    """The URL of (docname, anchor) from ``fromdoc``, on HTML builders; else None."""
    if builder.format != "html":
        return None

    def url_for(target_doc: str, anchor: str) -> str:
        ref = make_refnode(builder, fromdoc, target_doc, anchor, nodes.Text(""))
        uri = str(ref.get("refuri", "#" + anchor))
        # singlehtml gives "index.html#document-x#anchor": keep the last anchor.
        return uri[: uri.index("#")] + "#" + anchor if uri.count("#") > 1 else uri

    return url_for


def mermaid_block(code: str, alt: str, caption: str, classes: list[str]) -> nodes.Element:
    """A ``mermaid`` node in a figure with ``caption`` (or a plain container)."""
    from sphinxcontrib.mermaid import mermaid

    diagram = mermaid()
    diagram["code"] = code
    diagram["options"] = {}
    diagram["alt"] = alt
    replacement: nodes.Element
    if caption:
        replacement = nodes.figure("", diagram, classes=classes)
        replacement += nodes.caption(caption, caption)
    else:
        replacement = nodes.container("", diagram, classes=classes)
    return replacement


def oversized_graphs(
    graphs: Iterable[tuple[SummaryCall, Mapping[str, Any] | None]], builder: Builder
) -> list[tuple[SummaryCall, str]]:
    """Every graph (with its drawing: :func:`drawing_of`, or a deployment
    graph's) that ``builder`` would draw as a blank box (past Mermaid's
    limits), with what is too large.

    Its code is made exactly as :func:`resolve_graphs` makes it, links
    included, so the two agree; asked once per build, after reading, so the
    problem is reported whichever pages are written and by however many
    processes."""
    if not can_render_mermaid(builder):
        return []
    found: list[tuple[SummaryCall, str]] = []
    for call, drawing in graphs:
        if drawing is None:
            continue
        code, edge_count = drawn(drawing, link_function(builder, call.docname))
        problem = too_large(code, edge_count)
        if problem is not None:
            found.append((call, problem))
    return found


def report_too_large(
    severity: str,
    location: str | tuple[str, int],
    problem: str,
    show_types: bool,
    directive: str = "arch-dependency-graph",
) -> None:
    """Mermaid would draw an empty box: say so where the graph is written.

    As for every finding, the check's name is added to the message where
    Sphinx does not show warning types itself (Sphinx 7.4, or
    ``show_warning_types = False``)."""
    if severity == "off":
        return
    if directive == "arch-deployment-graph":
        message = _(
            "arch-deployment-graph: {problem}; the table is shown instead. Draw less: "
            "filter the nodes, e.g. by :tags: or :id:"
        ).format(problem=problem)
    else:
        message = _(
            "arch-dependency-graph: {problem}; the table is shown instead. Draw less: "
            ":scope: one element, or :root: with :depth:, or filter by :layer: or :type:"
        ).format(problem=problem)
    if severity == "warning":
        logger.warning(
            "%s%s",
            message,
            "" if show_types else " [archdoc.graph_too_large]",
            location=location,
            type="archdoc",
            subtype="graph_too_large",
        )
    else:
        logger.info("%s [archdoc.graph_too_large]", message, location=location)


def _visit_children(self: Any, node: nodes.Node) -> None:
    """Builders that never resolve the node show its fallback table."""


def _depart(self: Any, node: nodes.Node) -> None:
    pass


GRAPH_VISITORS = (_visit_children, _depart)
