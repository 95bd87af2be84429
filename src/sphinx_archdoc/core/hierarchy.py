"""The building-block hierarchy: which component encloses which.

Pure: no Sphinx import.  :func:`build_hierarchy` takes every component's
declared ``:parent:`` and gives the computed ``children`` and ``ancestors``,
plus what is wrong with the declarations: parents that name no component,
parent cycles, and parents whose type is not above the child's.

A declared parent link that is part of a cycle is not followed (each member
of the cycle is then top level), so the computed values are always a forest
and every consumer (views, export) can walk ancestors without a guard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class UpsideDown:
    """A parent whose type is not above its child's in the configured order."""

    child: str
    parent: str
    child_type: str
    parent_type: str


@dataclass(frozen=True)
class Hierarchy:
    #: child -> parent, only for links that are followed (known, not in a cycle).
    parent: Mapping[str, str]
    #: parent -> direct children, in the order the elements were given.
    children: Mapping[str, tuple[str, ...]]
    #: element -> ancestors, nearest first (every element given has an entry).
    ancestors: Mapping[str, tuple[str, ...]]
    #: (child, declared parent) where the parent names no element.
    unknown_parents: tuple[tuple[str, str], ...] = ()
    #: every parent cycle once, starting at its first member in the given order.
    cycles: tuple[tuple[str, ...], ...] = ()
    upside_down: tuple[UpsideDown, ...] = ()

    def descendants(self, element: str) -> list[str]:
        """Every element below ``element``, depth first, in declaration order."""
        found: list[str] = []
        stack = list(reversed(self.children.get(element, ())))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children.get(current, ())))
        return found

    def is_ancestor(self, ancestor: str, element: str) -> bool:
        return ancestor in self.ancestors.get(element, ())


def build_hierarchy(
    declared: Mapping[str, str | None],
    *,
    types: Mapping[str, str] | None = None,
    type_order: Sequence[str] = (),
) -> Hierarchy:
    """The hierarchy of the elements in ``declared`` (element -> declared parent).

    ``types`` gives each element's type and ``type_order`` the configured
    types, outermost first: a parent whose type does not come before its
    child's is reported as :class:`UpsideDown` (the link is still followed:
    the document means it, it is only drawn as written).
    """
    unknown: list[tuple[str, str]] = []
    links: dict[str, str] = {}
    for element, parent in declared.items():
        if not parent:
            continue
        if parent not in declared:
            unknown.append((element, parent))
        else:
            links[element] = parent

    ancestors, pending = _settled(declared, links)
    cycles = _cycles(pending, links, ancestors) if pending else []
    for cycle in cycles:
        for member in cycle:
            links.pop(member, None)
    for element in pending:
        if element not in ancestors:
            _ancestors_of(element, links, ancestors)

    children = _children(links)

    upside_down: list[UpsideDown] = []
    if types is not None and type_order:
        rank = {name: i for i, name in enumerate(type_order)}
        for element, parent in links.items():
            child_type, parent_type = types.get(element, ""), types.get(parent, "")
            if child_type in rank and parent_type in rank and rank[parent_type] >= rank[child_type]:
                upside_down.append(UpsideDown(element, parent, child_type, parent_type))

    return Hierarchy(
        parent=links,
        children=children,
        ancestors=ancestors,
        unknown_parents=tuple(unknown),
        cycles=tuple(cycles),
        upside_down=tuple(upside_down),
    )


def _settled(
    elements: Iterable[str], links: Mapping[str, str]
) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The ancestors of every element whose parent comes first in ``elements``
    (the usual order of a document), in one pass: such a chain ends at a
    root, so it is in no cycle.  And the rest, in order (walked for cycles)."""
    ancestors: dict[str, tuple[str, ...]] = {}
    pending: list[str] = []
    for element in elements:
        parent = links.get(element)
        if parent is None:
            ancestors[element] = ()
        else:
            above = ancestors.get(parent)
            if above is None:
                pending.append(element)
            else:
                ancestors[element] = (parent, *above)
    return ancestors, pending


def _children(links: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Parent -> its children, in the order of ``links`` (that of the elements)."""
    children: dict[str, list[str]] = {}
    for element, parent in links.items():
        found = children.get(parent)
        if found is None:
            children[parent] = [element]
        else:
            found.append(element)
    return {parent: tuple(inside) for parent, inside in children.items()}


def _cycles(
    order: list[str], links: Mapping[str, str], settled: Mapping[str, object]
) -> list[tuple[str, ...]]:
    """Every cycle of the parent links through the elements of ``order``
    (each element has at most one parent, so a walk from any element ends at
    a root, at a ``settled`` element (one known to be in no cycle) or enters
    exactly one cycle)."""
    walked: dict[str, int] = {}  # element -> the walk that reached it first
    found: list[tuple[str, ...]] = []
    for number, start in enumerate(order):
        if start in walked or start not in links:
            continue  # a root is in no cycle; a walk reaching it stops there
        walk: list[str] = []
        current: str | None = start
        while current is not None and current not in walked and current not in settled:
            walked[current] = number
            walk.append(current)
            current = links.get(current)
        if current is not None and walked.get(current) == number:
            found.append(tuple(walk[walk.index(current) :]))
    if not found:
        return found
    position = {element: i for i, element in enumerate(order)}
    rotated = []
    for cycle in found:
        first = min(range(len(cycle)), key=lambda i: position[cycle[i]])
        rotated.append(cycle[first:] + cycle[:first])
    rotated.sort(key=lambda cycle: position[cycle[0]])
    return rotated


def _ancestors_of(
    element: str, links: Mapping[str, str], known: dict[str, tuple[str, ...]]
) -> tuple[str, ...]:
    chain: list[str] = []
    current = element
    while current not in known and current in links:
        chain.append(current)
        current = links[current]
    above = known.get(current, ())
    if current not in known:
        known[current] = above  # a root
    # Fill from the top down, so each entry reuses its parent's.
    for member in reversed(chain):
        above = (links[member], *above)
        known[member] = above
    return known[element]
