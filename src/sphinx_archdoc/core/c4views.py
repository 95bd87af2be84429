"""C4 views: which elements a view shows, and its implied relationships.

Pure: no Sphinx import.  A relation is declared once, between the elements
it really connects (often the lowest level).  A view shows some elements;
every relation whose two ends both have a visible ancestor-or-self is drawn
between those (their *nearest visible ancestors*), several relations between
one visible pair become one edge, and a relation whose two ends land on the
same box, or on a boundary and something inside it, is not drawn.  In a
whitebox view, a relation of the boundary element itself is not drawn when
a relation of something inside it already draws an edge to (or from) the
same outside box: the inside's edge says more (as in Structurizr, where the
element whose inside a view shows has no relationships of its own there).

* :func:`scope_view` — the whitebox view of one element (C4 container or
  component view): the element as a titled boundary holding its direct
  children, plus every outside element that has a relation with it or with
  anything inside it, each drawn at the level of its own ancestor that is a
  sibling of the element or of one of its ancestors.
* :func:`context_view` — the same outside elements around the element drawn
  as one box (C4 system context).
* :func:`flat_view` — a chosen set of elements (a filtered graph), with
  everything inside a chosen element summarised into it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, filterfalse, islice, repeat
from operator import add
from typing import NamedTuple

from sphinx_archdoc.core.hierarchy import Hierarchy, build_hierarchy
from sphinx_archdoc.core.i18n import _

#: Past this many relations on one edge, the label counts them instead.
MAX_JOINED_LABELS = 3

#: Whether a view may draw an element (a graph's filters); None draws all.
Keep = Callable[[str], bool]


class Relation(NamedTuple):
    """A declared relation: ``source`` uses / talks to / depends on ``target``.

    A named tuple: a large project makes one for every ``:depends-on:`` entry."""

    source: str
    target: str
    label: str = ""
    technology: str = ""


@dataclass(frozen=True)
class Edge:
    """One drawn edge: every relation between the visible pair, in order."""

    source: str
    target: str
    relations: tuple[Relation, ...]

    @property
    def label(self) -> str:
        """The labels joined (each once), or "N relations" past three relations."""
        if len(self.relations) > MAX_JOINED_LABELS:
            return _("{count} relations").format(count=len(self.relations))
        return "; ".join(unique_texts(r.label for r in self.relations))

    @property
    def technology(self) -> str:
        if len(self.relations) > MAX_JOINED_LABELS:
            return ""
        return ", ".join(unique_texts(r.technology for r in self.relations))


@dataclass(frozen=True)
class View:
    #: The element drawn as a titled boundary around ``boxes`` (whitebox), if any.
    boundary: str | None
    #: Inside the boundary (or, without one, the view's own elements), in model order.
    boxes: tuple[str, ...]
    #: Outside elements drawn because they talk to the boundary's contents.
    around: tuple[str, ...]
    edges: tuple[Edge, ...]

    @property
    def visible(self) -> tuple[str, ...]:
        return self.boxes + self.around


def unique_texts(values: Iterable[str]) -> list[str]:
    """The non-empty values, each once, in order."""
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def nearest_visible(element: str, visible: set[str], hierarchy: Hierarchy) -> str | None:
    """``element`` itself when visible, else its nearest visible ancestor."""
    if element in visible:
        return element
    for ancestor in hierarchy.ancestors.get(element, ()):
        if ancestor in visible:
            return ancestor
    return None


def implied_edges(
    relations: Sequence[Relation],
    visible: set[str],
    hierarchy: Hierarchy,
    order: Mapping[str, int],
) -> tuple[Edge, ...]:
    """Every relation drawn between its ends' nearest visible ancestors, one
    edge per (source, target) pair; self-edges and edges between an element
    and something it encloses are dropped."""
    grouped: dict[tuple[str, str], list[Relation]] = {}
    for relation in relations:
        source = nearest_visible(relation.source, visible, hierarchy)
        target = nearest_visible(relation.target, visible, hierarchy)
        if source is None or target is None or source == target:
            continue
        if hierarchy.is_ancestor(source, target) or hierarchy.is_ancestor(target, source):
            continue
        grouped.setdefault((source, target), []).append(relation)
    pairs = sorted(grouped, key=lambda pair: (order.get(pair[0], 0), order.get(pair[1], 0)))
    return tuple(Edge(source, target, tuple(grouped[(source, target)])) for source, target in pairs)


def _inside(element: str, scope: str, hierarchy: Hierarchy) -> bool:
    return element == scope or hierarchy.is_ancestor(scope, element)


def _outside_neighbours(
    scope: str, relations: Sequence[Relation], hierarchy: Hierarchy
) -> set[str]:
    """The outside elements drawn around ``scope``: for every relation between
    the inside and the outside, the outside end's ancestor-or-self whose parent
    is one of ``scope``'s ancestors (or that is top level)."""
    levels = set(hierarchy.ancestors.get(scope, ()))
    found: set[str] = set()
    for relation in relations:
        ends = (relation.source, relation.target)
        inside = [_inside(end, scope, hierarchy) for end in ends]
        if inside[0] == inside[1]:
            continue
        other = ends[1] if inside[0] else ends[0]
        if other in levels:
            continue  # a relation with an enclosing element: inside at this zoom
        for candidate in (other, *hierarchy.ancestors.get(other, ())):
            parent = hierarchy.parent.get(candidate)
            if parent is None or parent in levels:
                found.add(candidate)
                break
    return found


def _in_order(elements: Iterable[str], order: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(elements, key=lambda element: (order.get(element, len(order)), element)))


def scope_view(
    scope: str,
    relations: Sequence[Relation],
    hierarchy: Hierarchy,
    order: Mapping[str, int],
    keep: Keep | None = None,
) -> View:
    """The whitebox view of ``scope`` (an element with no children is drawn
    as one box, as in :func:`context_view`).  With ``keep`` (a graph's
    filters), only the boxes it keeps are drawn: see :func:`_filtered`."""
    inner = hierarchy.children.get(scope, ())
    if not inner:
        return context_view(scope, relations, hierarchy, order, keep)
    around = _outside_neighbours(scope, relations, hierarchy)
    visible = {scope, *inner, *around}
    edges = implied_edges(relations, visible, hierarchy, order)
    kept_inner, kept_around, edges = _filtered(scope, inner, around, edges, keep)
    return View(
        boundary=scope,
        boxes=_in_order(kept_inner, order),
        around=_in_order(kept_around, order),
        edges=without_implied_boundary_edges(scope, set(kept_inner), edges),
    )


def _filtered(
    scope: str,
    inner: Iterable[str],
    around: Iterable[str],
    edges: tuple[Edge, ...],
    keep: Keep | None,
) -> tuple[list[str], list[str], tuple[Edge, ...]]:
    """What a filtered view draws: the inside boxes ``keep`` keeps; the
    outside ones it keeps that still have an edge to a drawn box; the edges
    between drawn boxes.  A box left out takes its relations with it (they
    are not moved to its parent); ``scope`` itself is always drawn."""
    inner, around = list(inner), list(around)
    if keep is None:
        return inner, around, edges
    inner = [element for element in inner if keep(element)]
    drawn = {scope, *inner, *(element for element in around if keep(element))}
    edges = tuple(e for e in edges if e.source in drawn and e.target in drawn)
    ends = {end for e in edges for end in (e.source, e.target)}
    return inner, [element for element in around if element in ends], edges


def without_implied_boundary_edges(
    boundary: str, inside: set[str], edges: tuple[Edge, ...]
) -> tuple[Edge, ...]:
    """``edges`` less the boundary's own edges that an edge from ``inside``
    implies: ``boundary -> X`` goes when a box inside has an edge to ``X``,
    and ``X -> boundary`` when ``X`` has an edge to a box inside.  A boundary
    edge that nothing inside implies stays (it is the only place the relation
    shows)."""
    from_inside = {e.target for e in edges if e.source in inside}
    into_inside = {e.source for e in edges if e.target in inside}
    return tuple(
        edge
        for edge in edges
        if not (edge.source == boundary and edge.target in from_inside)
        and not (edge.target == boundary and edge.source in into_inside)
    )


def context_view(
    scope: str,
    relations: Sequence[Relation],
    hierarchy: Hierarchy,
    order: Mapping[str, int],
    keep: Keep | None = None,
) -> View:
    """``scope`` as one box, with every outside element it talks to (those
    ``keep`` keeps, when given)."""
    around = _outside_neighbours(scope, relations, hierarchy)
    visible = {scope, *around}
    edges = implied_edges(relations, visible, hierarchy, order)
    _inner, kept_around, edges = _filtered(scope, (), around, edges, keep)
    return View(
        boundary=None,
        boxes=(scope,),
        around=_in_order(kept_around, order),
        edges=edges,
    )


def flat_view(
    chosen: Iterable[str],
    relations: Sequence[Relation],
    hierarchy: Hierarchy,
    order: Mapping[str, int],
    partners: Iterable[str] = (),
) -> View:
    """The chosen elements that no other chosen element encloses, with every
    relation of anything inside them; each of ``partners`` (people, other
    projects' elements) is drawn around them when it has a relation with one."""
    selected = set(chosen)
    outermost = [
        element
        for element in selected
        if not any(ancestor in selected for ancestor in hierarchy.ancestors.get(element, ()))
    ]
    visible = set(outermost)
    candidates = set(partners) - visible
    around: set[str] = set()
    for relation in relations:
        for end, other in ((relation.source, relation.target), (relation.target, relation.source)):
            if end in candidates and nearest_visible(other, visible, hierarchy) is not None:
                around.add(end)
    return View(
        boundary=None,
        boxes=_in_order(outermost, order),
        around=_in_order(around, order),
        edges=implied_edges(relations, visible | around, hierarchy, order),
    )


@dataclass(frozen=True)
class C4Model:
    """The project's elements and relations, as every view reads them.

    Built once per build (:func:`sphinx_archdoc.core.derive.derive_all`):
    ``relations`` holds every ``arch-relation`` and every ``:depends-on:`` and
    ``:uses:`` entry whose two ends are known, an unlabelled entry left out
    where a declared relation names the same pair; ``order`` is the display
    order of the elements (people first, then components, in index order).
    """

    hierarchy: Hierarchy = field(default_factory=lambda: build_hierarchy({}))
    relations: tuple[Relation, ...] = ()
    order: Mapping[str, int] = field(default_factory=dict)


def merged_relations(
    declared: Iterable[Relation],
    implicit: Iterable[tuple[str, Iterable[str]]],
    known: Callable[[str], bool],
) -> tuple[Relation, ...]:
    """``declared`` relations, then a relation for each ``implicit`` pair (a
    source and each target its ``:depends-on:`` or ``:uses:`` names, without a
    label) that no declared relation or earlier pair names; of those, only the
    ones whose two ends are ``known``."""
    declared = list(declared)
    # Every pair once, in order: the declared ones first, so that an implicit
    # pair they name is left out (one dict for all pairs, filled in bulk: a
    # large project has one pair per :depends-on: entry).
    pairs = dict.fromkeys((relation.source, relation.target) for relation in declared)
    named = len(pairs)
    pairs.update(zip(((source, t) for source, targets in implicit for t in targets), repeat(None)))
    result = [r for r in declared if known(r.source) and known(r.target)]
    new = list(islice(pairs, named, None))
    # Each end asked once; pairs are dropped only when some end is unknown.
    unknown = set(filterfalse(known, set(chain.from_iterable(new))))
    if unknown:
        new = [pair for pair in new if unknown.isdisjoint(pair)]
    # Relation(source, target, "", "") for each, made in C: tuple.__new__
    # over (source, target) + ("", "").
    result += map(_unlabelled, repeat(Relation), map(add, new, repeat(("", ""))))
    return tuple(result)


#: Makes a Relation from its four fields at C speed (``Relation(...)`` runs
#: the named tuple's Python ``__new__``).
_unlabelled = tuple.__new__


@dataclass(frozen=True)
class DeploymentView:
    """Deployment nodes nested as declared, the components each one hosts,
    and the implied relationships between the hosted components.

    A component hosted on several nodes is drawn once in each; an edge of
    ``components`` is drawn between every box of its source and every box of
    its target (:attr:`placed_edges`).
    """

    #: The nodes drawn, in display order.
    nodes: tuple[str, ...]
    #: Node -> the drawn node it is drawn in (its nearest drawn ancestor), or None.
    parent: Mapping[str, str | None]
    #: Node -> the components drawn inside it, in ``:hosts:`` order.
    hosted: Mapping[str, tuple[str, ...]]
    #: Every hosted component as a flat view, with the edges between them.
    components: View

    def children(self, node: str | None) -> tuple[str, ...]:
        """The drawn nodes directly inside ``node`` (None: the outermost ones)."""
        return tuple(n for n in self.nodes if self.parent.get(n) == node)

    @property
    def placed_edges(self) -> tuple[tuple[tuple[str, str], tuple[str, str], Edge], ...]:
        """((node, source), (node, target), edge) for every box pair an edge joins."""
        placed = []
        for edge in self.components.edges:
            for source_node in self.nodes:
                if edge.source not in self.hosted[source_node]:
                    continue
                for target_node in self.nodes:
                    if edge.target in self.hosted[target_node]:
                        placed.append(
                            ((source_node, edge.source), (target_node, edge.target), edge)
                        )
        return tuple(placed)


def deployment_view(
    nodes: Sequence[str],
    node_hierarchy: Hierarchy,
    hosts: Mapping[str, Sequence[str]],
    relations: Sequence[Relation],
    hierarchy: Hierarchy,
    order: Mapping[str, int],
) -> DeploymentView:
    """The deployment view of ``nodes`` (in display order): each drawn inside
    its nearest ancestor among them, holding the elements of ``hosts`` that
    ``order`` knows (in ``hosts`` order); the relations between hosted
    elements follow the rule of every other view (:func:`implied_edges`)."""
    drawn = set(nodes)
    parent = {
        node: next((a for a in node_hierarchy.ancestors.get(node, ()) if a in drawn), None)
        for node in nodes
    }
    hosted = {
        node: tuple(dict.fromkeys(e for e in hosts.get(node, ()) if e in order)) for node in nodes
    }
    visible = {element for inside in hosted.values() for element in inside}
    components = View(
        boundary=None,
        boxes=_in_order(visible, order),
        around=(),
        edges=implied_edges(relations, visible, hierarchy, order),
    )
    return DeploymentView(tuple(nodes), parent, hosted, components)
