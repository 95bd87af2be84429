"""The dependency graph: which components and edges to show, and its Mermaid text.

Pure: no Sphinx import (messages use :mod:`sphinx_archdoc.core.i18n`).
:func:`build_graph` selects nodes and edges from the index;
:func:`mermaid_code` writes the flowchart.  Every piece of user text
(titles, IDs, layer names) goes through :func:`mermaid_label`, and Mermaid
node IDs are generated (``n1``, ``n2``...), so no user text can end a label,
start a statement or carry markup.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import EXTERNAL_ID_RE, ID_RE, Item

#: ``:include:`` values: which direction ``:root:`` is followed in.
INCLUDE_VALUES = ("dependencies", "dependents", "both")
DIRECTIONS = ("TB", "LR")
#: Statuses drawn as inactive (dashed, greyed).
INACTIVE_STATUSES = ("deprecated", "retired")
#: Options of ``arch-dependency-graph`` besides the filters and the common ones.
GRAPH_OPTIONS = ("root", "depth", "include", "direction")

# Characters kept as they are in a label; everything else becomes an entity.
# Not ":": Mermaid drops the last ";" of a line matching "style.*:\S*#.*;" (or
# "classDef..."), which would cut the last entity of a title such as
# "style x:#f00 |y|" (found by tests/browser).
_SAFE_PUNCTUATION = frozenset(" .,;-_()/'!?+*=@")
_ENTITY_NAMES = {'"': "quot", "<": "lt", ">": "gt", "&": "amp", "#": "35"}
_SPACE_RE = re.compile(r"\s+")


def mermaid_label(text: str) -> str:
    """A label for use inside ``"..."``: nothing in it is Mermaid syntax.

    Letters and digits (any script) and a few harmless punctuation marks are
    kept; every other character, including quotes, ``#``, ``%``, brackets,
    backticks, ``:`` and ``<``/``>``, becomes a Mermaid entity code (``#quot;``,
    ``#37;``); whitespace runs, newlines included, become one space.
    """
    result: list[str] = []
    for char in _SPACE_RE.sub(" ", text).strip():
        if char.isalnum() or char in _SAFE_PUNCTUATION:
            result.append(char)
        elif char in _ENTITY_NAMES:
            result.append(f"#{_ENTITY_NAMES[char]};")
        else:
            result.append(f"#{ord(char)};")
    return "".join(result)


def mermaid_url(url: str) -> str:
    """A URL for ``click ... href "..."``: only URL-safe characters survive."""
    # A "%" stays only as the start of an escape ("%2F"), so "%%" never appears.
    return re.sub(
        r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9/._~#?=&%:+-]",
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")),
        url,
    )


@dataclass(frozen=True)
class GraphNode:
    key: str  # generated Mermaid ID: n1, n2...
    item_id: str
    label: str  # plain text, escaped when written
    layer: str | None
    styles: tuple[str, ...] = ()  # "inactive", "external"
    #: Where the node links to: (docname, anchor); None for unknown external IDs.
    target: tuple[str, str] | None = None


@dataclass(frozen=True)
class Graph:
    nodes: tuple[GraphNode, ...] = ()
    edges: tuple[tuple[str, str], ...] = ()  # (from key, to key): "from depends on to"
    layers: tuple[str, ...] = ()  # display order of subgraphs
    direction: str = "TB"
    #: The components shown, in the order of the query (for the fallback table).
    item_ids: tuple[str, ...] = field(default=())


def neighbourhood(
    roots: Iterable[str],
    edges: Mapping[str, Iterable[str]],
    include: str,
    depth: int | None,
) -> set[str]:
    """Every ID reachable from ``roots`` within ``depth`` steps (None = any)."""
    forward = {k: tuple(v) for k, v in edges.items()}
    backward: dict[str, list[str]] = {}
    for source, targets in forward.items():
        for target in targets:
            backward.setdefault(target, []).append(source)
    found = set(roots)
    queue = deque((root, 0) for root in sorted(found))
    while queue:
        current, distance = queue.popleft()
        if depth is not None and distance >= depth:
            continue
        following: list[str] = []
        if include in ("dependencies", "both"):
            following.extend(forward.get(current, ()))
        if include in ("dependents", "both"):
            following.extend(backward.get(current, ()))
        for neighbour in following:
            if neighbour not in found:
                found.add(neighbour)
                queue.append((neighbour, distance + 1))
    return found


def build_graph(
    components: list[Item],
    all_components: Mapping[str, Item],
    *,
    layers: tuple[str, ...],
    roots: tuple[str, ...] = (),
    depth: int | None = None,
    include: str = "dependencies",
    direction: str = "TB",
    external_projects: tuple[str, ...] = (),
) -> Graph:
    """The graph of ``components`` (already filtered and sorted).

    With ``roots``, only the components within ``depth`` steps of a root (along
    ``depends-on``, its reverse, or both) are kept; roots are always shown.
    Dependencies on another project's components (``project:id``, the project
    named in ``external_projects``) appear as external nodes; dependencies on
    unknown IDs are left out (the ``unknown_component`` check reports them).
    """
    chosen = list(components)
    if roots:
        edges = {cid: item.get_list("depends-on") for cid, item in all_components.items()}
        near = neighbourhood(roots, edges, include, depth)
        chosen_ids = {c.id for c in chosen}
        chosen = [c for c in chosen if c.id in near]
        for root in roots:
            if root in all_components and root not in chosen_ids:
                chosen.append(all_components[root])
    ids = [c.id for c in chosen]
    keys: dict[str, str] = {}
    nodes: list[GraphNode] = []

    def add(item_id: str, item: Item | None) -> str:
        if item_id not in keys:
            keys[item_id] = f"n{len(keys) + 1}"
            styles: list[str] = []
            layer = None
            if item is not None:
                layer = item.text("layer")
                if item.get("status") in INACTIVE_STATUSES:
                    styles.append("inactive")
                if layer == "external":
                    styles.append("external")
            else:
                styles.append("external")
            nodes.append(
                GraphNode(
                    key=keys[item_id],
                    item_id=item_id,
                    label=_node_label(item_id, item),
                    layer=str(layer) if layer else None,
                    styles=tuple(styles),
                    target=(item.docname, item.anchor) if item is not None else None,
                )
            )
        return keys[item_id]

    for component in chosen:
        add(component.id, component)
    edge_list: list[tuple[str, str]] = []
    for component in chosen:
        for dep in component.get_list("depends-on"):
            if dep in keys:
                target_key = keys[dep]
            elif _is_external(dep, external_projects) and dep not in all_components:
                target_key = add(dep, None)
            else:
                continue  # filtered out, or unknown (reported by the checks)
            edge = (keys[component.id], target_key)
            if edge not in edge_list:
                edge_list.append(edge)
    return Graph(
        nodes=tuple(nodes),
        edges=tuple(edge_list),
        layers=layers,
        direction=direction,
        item_ids=tuple(ids),
    )


def _is_external(target: str, projects: tuple[str, ...]) -> bool:
    match = EXTERNAL_ID_RE.match(target)
    return match is not None and match.group(1) in projects


def _node_label(item_id: str, item: Item | None) -> str:
    if item is None:
        return _("{id} (external)").format(id=item_id)
    label = item.title
    status = item.get("status")
    if status in INACTIVE_STATUSES:
        # The word is in the label: the style is never the only signal.
        label += f" ({status})"
    return label


_CLASS_DEFS = {
    "inactive": "classDef archdocInactive stroke-dasharray:5 4,font-style:italic",
    "external": "classDef archdocExternal fill:#e6e8eb,stroke:#57606a,color:#1f2328",
}
_CLASS_NAMES = {"inactive": "archdocInactive", "external": "archdocExternal"}


def mermaid_code(graph: Graph, url_for: Callable[[str, str], str] | None = None) -> str:
    """The flowchart text; ``url_for(docname, anchor)`` gives each node's link."""
    lines = [f"flowchart {graph.direction if graph.direction in DIRECTIONS else 'TB'}"]
    by_layer: dict[str | None, list[GraphNode]] = {}
    for node in graph.nodes:
        layer = node.layer if node.layer in graph.layers else None
        by_layer.setdefault(layer, []).append(node)
    for i, layer in enumerate(graph.layers, start=1):
        members = by_layer.get(layer)
        if not members:
            continue
        lines.append(f'  subgraph g{i}["{mermaid_label(layer.capitalize())}"]')
        lines.extend(f'    {node.key}["{mermaid_label(node.label)}"]' for node in members)
        lines.append("  end")
    lines.extend(f'  {node.key}["{mermaid_label(node.label)}"]' for node in by_layer.get(None, []))
    lines.extend(f"  {source} --> {target}" for source, target in graph.edges)
    for style in ("inactive", "external"):
        styled = [node.key for node in graph.nodes if style in node.styles]
        if styled:
            lines.append(f"  {_CLASS_DEFS[style]}")
            lines.append(f"  class {','.join(styled)} {_CLASS_NAMES[style]}")
    if url_for is not None:
        for node in graph.nodes:
            if node.target is None:
                continue
            url = mermaid_url(url_for(*node.target))
            tooltip = node.item_id if ID_RE.match(node.item_id) else ""
            lines.append(f'  click {node.key} href "{url}" "{tooltip}"')
    return "\n".join(lines) + "\n"


# Graph algorithms (the dependency-cycle and ADR supersession checks use them).


def cyclic_part(nodes: Iterable[str], dependents: Mapping[str, list[str]]) -> set[str]:
    """The components that lie on a cycle or lead to one.

    ``dependents`` holds the reverse edges (target -> the components naming
    it, each once). Components that depend on nothing are peeled off,
    repeatedly, in linear time (Kahn's algorithm); in an architecture the
    whole graph usually goes, and Tarjan's algorithm only walks what is left.
    """
    waiting = dict.fromkeys(nodes, 0)  # how many known components each depends on
    for target, parents in dependents.items():
        if target in waiting:
            for parent in parents:
                waiting[parent] += 1
    # The peeled components, in the order they go: the loop walks the list as
    # it grows (no pop), and a component's last count is not written back (it
    # goes instead).  Walked in the order of ``nodes``, not of a set: over
    # many components the memory is then read in order, which the time shows.
    peeled = [node for node, count in waiting.items() if not count]
    follow, peel = dependents.get, peeled.append
    for node in peeled:
        for parent in follow(node, ()):
            count = waiting[parent]
            if count == 1:
                peel(parent)
            else:
                waiting[parent] = count - 1
    if len(peeled) == len(waiting):
        return set()  # the usual case: everything peeled
    return set(waiting).difference(peeled)


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (deep graphs must not hit the recursion limit)."""
    counter = 0
    indices: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    for start in sorted(graph):
        if start in indices:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, child_i = work.pop()
            if child_i == 0:
                indices[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph[node]
            recurse = False
            for i in range(child_i, len(children)):
                child = children[i]
                if child not in indices:
                    work.append((node, i + 1))
                    work.append((child, 0))
                    recurse = True
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], indices[child])
            if recurse:
                continue
            if lowlink[node] == indices[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(sorted(component))
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return sorted(result)


def cycle_path(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """The shortest cycle from ``start`` back to itself inside one strong component."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        next_frontier: list[str] = []
        for node in frontier:
            for child in graph[node]:
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if child in members and child not in seen:
                    seen.add(child)
                    previous[child] = node
                    next_frontier.append(child)
        frontier = next_frontier
    return [start, start]  # pragma: no cover - members form a cycle
