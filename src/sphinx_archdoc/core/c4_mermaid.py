"""A C4 view (:mod:`sphinx_archdoc.views`) as a Mermaid flowchart, with its legend.

Pure: no Sphinx import.  Boxes show the title and, on a second line,
``[type: technology]`` (and the purpose with ``descriptions``); people are
drawn as stadiums (Mermaid's flowchart has no person shape) marked
``[Person]``; external elements grey, deprecated and retired ones dashed with
the status word in the label; edges carry ``label [technology]``.  Every
piece of user text goes through :func:`~sphinx_archdoc.graph.mermaid_label`
and node IDs are generated, as in the dependency graph.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sphinx_archdoc.core.c4views import DeploymentView, View
from sphinx_archdoc.core.graph import INACTIVE_STATUSES, mermaid_label, mermaid_url
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import ID_RE

#: Mermaid's defaults (``maxEdges``, ``maxTextSize``): past them it draws nothing.
MAX_EDGES = 500
MAX_TEXT = 50_000


@dataclass(frozen=True)
class Box:
    """What a view shows of one element."""

    element_id: str
    title: str
    #: "person" for actors, else the component's type ("system", "container"...).
    type: str = "component"
    technology: str = ""
    description: str = ""
    layer: str = ""
    status: str = ""
    external: bool = False
    #: Where the box links to: (docname, anchor); None for another project's element.
    target: tuple[str, str] | None = None

    @property
    def is_person(self) -> bool:
        return self.type == "person"

    @property
    def inactive(self) -> bool:
        return self.status in INACTIVE_STATUSES


def box_lines(box: Box, *, descriptions: bool) -> list[str]:
    """The lines of a box's label, as plain text."""
    title = box.title + (f" ({box.status})" if box.inactive else "")
    kind = _("Person") if box.is_person else box.type.capitalize()
    second = f"[{kind}: {box.technology}]" if box.technology else f"[{kind}]"
    lines = [title, second]
    if descriptions and box.description:
        lines.append(box.description)
    return lines


def edge_text(label: str, technology: str) -> str:
    if label and technology:
        return f"{label} [{technology}]"
    return label or (f"[{technology}]" if technology else "")


def _label(lines: list[str]) -> str:
    return "<br>".join(mermaid_label(line) for line in lines)


_CLASS_DEFS = {
    "inactive": "classDef archdocInactive stroke-dasharray:5 4,font-style:italic",
    "external": "classDef archdocExternal fill:#e6e8eb,stroke:#57606a,color:#1f2328",
    "person": "classDef archdocPerson fill:#dbe9f7,stroke:#0b4884,color:#0b2540",
}
_CLASS_NAMES = {
    "inactive": "archdocInactive",
    "external": "archdocExternal",
    "person": "archdocPerson",
}


def _styles(box: Box) -> list[str]:
    styles = []
    if box.is_person:
        styles.append("person")
    if box.external:
        styles.append("external")
    if box.inactive:
        styles.append("inactive")
    return styles


def layer_title(layer: str, titles: Mapping[str, str]) -> str:
    return titles.get(layer) or layer.capitalize()


def view_mermaid(
    view: View,
    boxes: Mapping[str, Box],
    *,
    direction: str = "TB",
    descriptions: bool = False,
    layers: tuple[str, ...] = (),
    layer_titles: Mapping[str, str] | None = None,
    url_for: Callable[[str, str], str] | None = None,
) -> str:
    """The flowchart of ``view``: the boundary (if any) as a titled subgraph
    holding its boxes; without one, boxes grouped by layer as in the
    dependency graph; outside elements after it."""
    titles = layer_titles or {}
    keys = {element: f"n{i}" for i, element in enumerate(view.visible, start=1)}
    if view.boundary is not None:
        keys[view.boundary] = "b1"
    lines = [f"flowchart {direction if direction in ('TB', 'LR') else 'TB'}"]

    def node(element: str, indent: str) -> str:
        box = boxes[element]
        label = _label(box_lines(box, descriptions=descriptions))
        shape = ('(["', '"])') if box.is_person else ('["', '"]')
        return f"{indent}{keys[element]}{shape[0]}{label}{shape[1]}"

    if view.boundary is not None:
        boundary = boxes[view.boundary]
        lines.append(f'  subgraph b1["{_label(box_lines(boundary, descriptions=False))}"]')
        lines.extend(node(element, "    ") for element in view.boxes)
        lines.append("  end")
        outside = list(view.around)
    else:
        outside = list(view.visible)
    lines.extend(
        _layer_groups(outside, boxes, node, layers if view.boundary is None else (), titles)
    )
    for edge in view.edges:
        text = edge_text(edge.label, edge.technology)
        arrow = f'-->|"{mermaid_label(text)}"|' if text else "-->"
        lines.append(f"  {keys[edge.source]} {arrow} {keys[edge.target]}")
    for style in ("person", "external", "inactive"):
        styled = [keys[e] for e in view.visible if style in _styles(boxes[e])]
        if styled:
            lines.append(f"  {_CLASS_DEFS[style]}")
            lines.append(f"  class {','.join(styled)} {_CLASS_NAMES[style]}")
    if url_for is not None:
        lines.extend(_click_lines(keys, boxes, url_for))
    return "\n".join(lines) + "\n"


def _layer_groups(
    elements: list[str],
    boxes: Mapping[str, Box],
    node: Callable[[str, str], str],
    layers: tuple[str, ...],
    titles: Mapping[str, str],
) -> list[str]:
    """One subgraph per layer (in ``layers`` order), then the boxes with none."""
    by_layer: dict[str, list[str]] = {}
    loose: list[str] = []
    for element in elements:
        layer = boxes[element].layer
        if layer in layers:
            by_layer.setdefault(layer, []).append(element)
        else:
            loose.append(element)
    lines: list[str] = []
    for i, layer in enumerate(layers, start=1):
        members = by_layer.get(layer)
        if members:
            lines.append(f'  subgraph g{i}["{mermaid_label(layer_title(layer, titles))}"]')
            lines.extend(node(element, "    ") for element in members)
            lines.append("  end")
    lines.extend(node(element, "  ") for element in loose)
    return lines


def _click_lines(
    keys: Mapping[str, str], boxes: Mapping[str, Box], url_for: Callable[[str, str], str]
) -> list[str]:
    """A link on every box that has a page (not on the boundary)."""
    lines: list[str] = []
    for element, key in keys.items():
        target = boxes[element].target
        if target is None or key == "b1":
            continue
        tooltip = boxes[element].element_id
        tooltip = tooltip if ID_RE.match(tooltip) else ""
        lines.append(f'  click {key} href "{mermaid_url(url_for(*target))}" "{tooltip}"')
    return lines


def legend(view: View, boxes: Mapping[str, Box]) -> list[str]:
    """One line per shape or style the view uses."""
    shown = [boxes[e] for e in view.visible]
    entries = []
    if view.boundary is not None:
        entries.append(_("Boundary: the element whose inside is shown"))
    if any(not b.is_person for b in shown):
        entries.append(_("Box: a building block, [type: technology]"))
    if any(b.is_person for b in shown):
        entries.append(_("Rounded box: a person or role"))
    if any(b.external for b in shown):
        entries.append(_("Grey: outside the system (external)"))
    if any(b.inactive for b in shown):
        entries.append(_("Dashed: deprecated or retired"))
    if view.edges:
        entries.append(
            _("Arrow: uses or depends on, labelled what [technology]; one arrow per pair")
        )
    return entries


def too_large(code: str, edges: int) -> str | None:
    """Why Mermaid would draw nothing for ``code``, or None."""
    if edges > MAX_EDGES:
        return _("{count} edges, more than Mermaid draws ({maximum})").format(
            count=edges, maximum=MAX_EDGES
        )
    if len(code) > MAX_TEXT:
        return _(
            "{count} characters of Mermaid source, more than Mermaid draws ({maximum})"
        ).format(count=len(code), maximum=MAX_TEXT)
    return None


@dataclass(frozen=True)
class NodeBox:
    """What a deployment view shows of one deployment node."""

    node_id: str
    title: str
    technology: str = ""
    #: As declared: "3", "2-10"; empty when not given.
    instances: str = ""


def node_lines(node: NodeBox) -> list[str]:
    """The title, then ``[technology]`` and the instance count (each when given)."""
    details = []
    if node.technology:
        details.append(f"[{node.technology}]")
    if node.instances:
        details.append(f"\u00d7{node.instances}")
    return [node.title, " ".join(details)] if details else [node.title]


def deployment_mermaid(
    view: DeploymentView,
    nodes: Mapping[str, NodeBox],
    boxes: Mapping[str, Box],
    *,
    direction: str = "TB",
    url_for: Callable[[str, str], str] | None = None,
) -> str:
    """The flowchart of ``view``: a node that holds something is a titled
    subgraph (its components, then its inner nodes), an empty one a plain box;
    edges join the component boxes, with the same labels as in every view."""
    node_keys = {node: f"d{i}" for i, node in enumerate(view.nodes, start=1)}
    placements = [(node, element) for node in view.nodes for element in view.hosted[node]]
    keys = {placement: f"n{i}" for i, placement in enumerate(placements, start=1)}
    lines = [*_TITLE_ROOM, f"flowchart {direction if direction in ('TB', 'LR') else 'TB'}"]

    def write(node: str, indent: str) -> None:
        label = _label(node_lines(nodes[node]))
        inner = view.children(node)
        if not view.hosted[node] and not inner:
            lines.append(f'{indent}{node_keys[node]}["{label}"]')
            return
        lines.append(f'{indent}subgraph {node_keys[node]}["{label}"]')
        for element in view.hosted[node]:
            box = boxes[element]
            text = _label(box_lines(box, descriptions=False))
            shape = ('(["', '"])') if box.is_person else ('["', '"]')
            lines.append(f"{indent}  {keys[(node, element)]}{shape[0]}{text}{shape[1]}")
        for child in inner:
            write(child, indent + "  ")
        lines.append(f"{indent}end")

    for top in view.children(None):
        write(top, "  ")
    for source, target, edge in view.placed_edges:
        text = edge_text(edge.label, edge.technology)
        arrow = f'-->|"{mermaid_label(text)}"|' if text else "-->"
        lines.append(f"  {keys[source]} {arrow} {keys[target]}")
    lines.append(f"  {_NODE_CLASS_DEF}")
    lines.append(f"  class {','.join(node_keys.values())} archdocNode")
    for style in ("person", "external", "inactive"):
        styled = [keys[p] for p in placements if style in _styles(boxes[p[1]])]
        if styled:
            lines.append(f"  {_CLASS_DEFS[style]}")
            lines.append(f"  class {','.join(styled)} {_CLASS_NAMES[style]}")
    if url_for is not None:
        # One entry per box: a component hosted twice links from both.
        placed_boxes = {keys[p]: boxes[p[1]] for p in placements}
        lines.extend(_click_lines({k: k for k in placed_boxes}, placed_boxes, url_for))
    return "\n".join(lines) + "\n"


#: A node's title has two lines (title, [technology] and the instance count): without room
#: below it, Mermaid draws the first box inside over its second line.
_TITLE_ROOM = (
    "---",
    "config:",
    "  flowchart:",
    "    subGraphTitleMargin:",
    "      top: 4",
    "      bottom: 24",
    "---",
)
_NODE_CLASS_DEF = "classDef archdocNode fill:#f6f8fa,stroke:#57606a,stroke-width:2px"


def deployment_legend(view: DeploymentView, boxes: Mapping[str, Box]) -> list[str]:
    """The deployment node's entry, then those of the components' view."""
    entries = [
        _(
            "Thick border: a deployment node, [technology] \u00d7instances, "
            "with what runs on it inside"
        )
    ]
    return entries + legend(view.components, boxes)
