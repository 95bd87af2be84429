"""Generated inline content as plain data: table cells, item blocks.

A summary table is described once, as rows of cells made of a few kinds of
fragment (text, a link to an item, a link to a document, a labelled span,
strong or code text); so is the title line and the key facts of an item
block.  The description becomes docutils nodes for every builder, or, on the
HTML builders, goes straight to HTML (:mod:`sphinx_archdoc.render.html`): a
5,000-row register, or 5,000 item blocks, are then written without building,
resolving and translating some 100,000 nodes on every build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docutils import nodes

from sphinx_archdoc.render.nodes import badge_classes, document_link, item_link


@dataclass(frozen=True, slots=True)
class ItemRef:
    """A link to an item, shown with ``text`` (resolved by the ``arch`` domain).

    Without ``text`` the link reads as the domain makes an implicit link read
    (an ADR's number and title, say).
    """

    target: str
    text: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class DocRef:
    """A link to a document, shown with the document's title (``std:doc``),
    or with ``text`` (a finding's location)."""

    docname: str
    classes: tuple[str, ...] = ()
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Text with CSS classes: badges, the mark of an imported item."""

    text: str
    classes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong text: an item's title in its block."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code with CSS classes: an item's ID in its block."""

    text: str
    classes: tuple[str, ...]


Fragment = str | ItemRef | DocRef | Span | Strong | Code
Cell = Sequence[Fragment]


def badge_span(text: str, *parts: str) -> Span:
    """A small labelled value; the word itself is always shown, never colour alone."""
    return Span(text, tuple(badge_classes(*parts)))


def joined(fragments: Iterable[Fragment], separator: str = ", ") -> list[Fragment]:
    """Fragments separated by ``separator`` (a list of links, say)."""
    result: list[Fragment] = []
    for fragment in fragments:
        if result:
            result.append(separator)
        result.append(fragment)
    return result


def fragment_text(fragment: Fragment) -> str:
    """The text a fragment shows before links are resolved (for column widths)."""
    if isinstance(fragment, str):
        return fragment
    if isinstance(fragment, DocRef):
        return fragment.docname if fragment.text is None else fragment.text
    if isinstance(fragment, ItemRef):
        return fragment.target if fragment.text is None else fragment.text
    return fragment.text


def to_nodes(cell: Cell, docname: str) -> list[nodes.Node]:
    """A cell as inline docutils nodes; links are ``pending_xref`` nodes."""
    result: list[nodes.Node] = []
    for fragment in cell:
        if isinstance(fragment, str):
            result.append(nodes.Text(fragment))
        elif isinstance(fragment, ItemRef):
            result.append(
                item_link(fragment.target, docname, text=fragment.text, kind=fragment.kind)
            )
        elif isinstance(fragment, DocRef):
            result.append(document_link(fragment.docname, docname, fragment.text, fragment.classes))
        elif isinstance(fragment, Strong):
            result.append(nodes.strong(fragment.text, fragment.text))
        elif isinstance(fragment, Code):
            result.append(nodes.literal(fragment.text, fragment.text, classes=[*fragment.classes]))
        else:
            result.append(nodes.inline(fragment.text, fragment.text, classes=[*fragment.classes]))
    return result


def merged(fragments: Iterable[Fragment]) -> list[Fragment]:
    """Fragments with each run of plain text joined into one string (one
    text node fewer for every pass that follows)."""
    result: list[Fragment] = []
    for fragment in fragments:
        if isinstance(fragment, str) and result and isinstance(result[-1], str):
            result[-1] += fragment
        elif fragment != "":
            result.append(fragment)
    return result


class archdoc_rows(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The body rows of a generated table, still as cells of fragments.

    Lives only between a summary's renderer and the end of
    :class:`~sphinx_archdoc.transforms.SummaryTransform`, which replaces it
    with HTML or with docutils rows; it is never pickled or written.
    """

    def __init__(self, rows: Sequence[Sequence[Cell]], docname: str, **attributes: Any) -> None:
        super().__init__("", **attributes)
        self.rows = rows
        self.docname = docname

    def copy(self) -> archdoc_rows:
        return archdoc_rows(self.rows, self.docname)

    def deepcopy(self) -> archdoc_rows:
        return self.copy()  # the rows are immutable fragments, shared safely

    def astext(self) -> str:
        return "\n".join(
            "\t".join("".join(fragment_text(f) for f in cell) for cell in row) for row in self.rows
        )

    def as_rows(self) -> list[nodes.row]:
        """Ordinary docutils rows, for every builder."""
        return [body_row([to_nodes(cell, self.docname) for cell in cells]) for cells in self.rows]


def body_row(cells: Sequence[list[nodes.Node]]) -> nodes.row:
    """A table row; each non-empty cell's inline nodes in one paragraph."""
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        if content:
            paragraph = nodes.paragraph()
            paragraph.extend(content)
            entry += paragraph
        row += entry
    return row
