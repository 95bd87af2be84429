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

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from itertools import filterfalse, repeat


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
    #: element -> ancestors, nearest first (every element given has an entry,
    #: in the order the elements were given: the component entries rely on it).
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
    types: Mapping[str, object] | None = None,
    type_order: Sequence[str] = (),
) -> Hierarchy:
    """The hierarchy of the elements in ``declared`` (element -> declared parent).

    ``types`` gives each element's type and ``type_order`` the configured
    types, outermost first: a parent whose type does not come before its
    child's is reported as :class:`UpsideDown` (the link is still followed:
    the document means it, it is only drawn as written).
    """
    parent_of = {element: parent for element, parent in declared.items() if parent}
    return assemble_hierarchy(declared, parent_of, types=types, type_order=type_order)


def assemble_hierarchy(
    elements: Mapping[str, object],
    parent_of: dict[str, str],
    named_by: Mapping[str, list[str]] | None = None,
    *,
    types: Mapping[str, object] | None = None,
    type_order: Sequence[str] = (),
) -> Hierarchy:
    """:func:`build_hierarchy` from what a caller's own pass already has:
    ``elements`` in order (its keys), ``parent_of`` (element -> declared
    parent, for the elements with one, in element order; taken over, not
    copied) and, if the caller made it, ``named_by`` (declared parent -> the
    elements naming it, in element order).

    Ancestors are filled from the top down, parent by parent (one tuple per
    parent, shared by its children), so no order of the elements costs more
    than another; an element that this leaves unreached is in or below a
    parent cycle.
    """
    links = parent_of
    inside = _lists_by_parent(links) if named_by is None else named_by
    unknown: list[tuple[str, str]] = []
    if not inside.keys() <= elements.keys():
        unknown = [(element, parent) for element, parent in links.items() if parent not in elements]
        for element, _parent in unknown:
            del links[element]
        inside = {parent: found for parent, found in inside.items() if parent in elements}

    ancestors: dict[str, tuple[str, ...]] = dict.fromkeys(elements, ())
    reached = len(ancestors) - len(links)
    reached += _fill_down(ancestors, inside, list(filterfalse(links.__contains__, inside)))
    cycles: list[tuple[str, ...]] = []
    if reached < len(ancestors):
        # Unreached: in a cycle, or below one.  Cycle links are not followed;
        # the members become top level and what is below them is filled.
        pending = [element for element in links if not ancestors[element]]
        settled = {element for element, above in ancestors.items() if above}
        cycles = _cycles(pending, links, settled)
        for cycle in cycles:
            for member in cycle:
                links.pop(member, None)
        inside = _lists_by_parent(links)
        members = [member for cycle in cycles for member in cycle]
        _fill_down(ancestors, inside, [member for member in members if member in inside])

    children = dict(zip(inside, map(tuple, inside.values()), strict=True))

    upside_down: list[UpsideDown] = []
    rank = {name: i for i, name in enumerate(type_order)}
    if types is not None and rank and _any_upside_down(children, types, rank):
        for element, parent in links.items():
            child_type, parent_type = types.get(element, ""), types.get(parent, "")
            if (
                isinstance(child_type, str)
                and isinstance(parent_type, str)
                and child_type in rank
                and parent_type in rank
                and rank[parent_type] >= rank[child_type]
            ):
                upside_down.append(UpsideDown(element, parent, child_type, parent_type))

    return Hierarchy(
        parent=links,
        children=children,
        ancestors=ancestors,
        unknown_parents=tuple(unknown),
        cycles=tuple(cycles),
        upside_down=tuple(upside_down),
    )


def _fill_down(
    ancestors: dict[str, tuple[str, ...]],
    inside: Mapping[str, list[str]],
    level: list[str],
) -> int:
    """Fill the ancestors of everything below the elements of ``level``
    (whose own are filled), level by level; return how many were filled."""
    filled = 0
    while level:
        below: list[str] = []
        for parent in level:
            found = inside[parent]
            ancestors.update(zip(found, repeat((parent, *ancestors[parent]))))
            below += filter(inside.__contains__, found)
            filled += len(found)
        level = below
    return filled


def _any_upside_down(
    children: Mapping[str, tuple[str, ...]],
    types: Mapping[str, object],
    rank: Mapping[str, int],
) -> bool:
    """Whether some parent's type does not come before a child's (one test per
    parent: the child types each parent type may not hold, as a set)."""
    not_below = {
        name: frozenset(other for other, place in rank.items() if place <= rank[name])
        for name in rank
    }
    for parent, found in children.items():
        wrong = not_below.get(types.get(parent, ""))  # type: ignore[call-overload]
        if wrong is not None and not wrong.isdisjoint(map(types.get, found, repeat(""))):
            return True
    return False


def _lists_by_parent(links: Mapping[str, str]) -> dict[str, list[str]]:
    """Parent -> its children, in the order of ``links`` (that of the elements)."""
    children: dict[str, list[str]] = {}
    for element, parent in links.items():
        found = children.get(parent)
        if found is None:
            children[parent] = [element]
        else:
            found.append(element)
    return children


def _cycles(
    order: list[str], links: Mapping[str, str], settled: Container[str]
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
