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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes

from sphinx_archdoc.core.kinds import ROLE_TO_KIND
from sphinx_archdoc.core.model import CrossRef, Inline, InlinePiece, Link, Styled
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


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasised text, from a field's inline markup."""

    text: str


Fragment = str | ItemRef | DocRef | Span | Strong | Code | Emphasis | Link | CrossRef
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
        elif isinstance(fragment, Emphasis):
            result.append(nodes.emphasis(fragment.text, fragment.text))
        elif isinstance(fragment, Link):
            result.append(nodes.reference(fragment.text, fragment.text, refuri=fragment.uri))
        elif isinstance(fragment, CrossRef):
            result.append(cross_ref_node(fragment))
        else:
            result.append(nodes.inline(fragment.text, fragment.text, classes=[*fragment.classes]))
    return result


def cross_ref_node(ref: CrossRef) -> addnodes.pending_xref:
    """The ``pending_xref`` a role made, made again (resolved on the page shown)."""
    inner_class = nodes.literal if ref.inner == "literal" else nodes.inline
    node = addnodes.pending_xref(
        "",
        inner_class(ref.text, ref.text, classes=[*ref.classes]),
        refdomain=ref.domain,
        reftype=ref.role,
        reftarget=ref.target,
        refexplicit=ref.explicit,
    )
    for name, value in ref.attributes:
        node[name] = value
    return node


# -- inline markup in field values (DESIGN 2.10) -----------------------------------

#: Characters without which a value has no inline markup in reST or MyST:
#: literals and roles, emphasis, substitutions, escapes, footnotes, links,
#: MyST roles, math, entities, references (``name_``), URIs, e-mail addresses.
_MARKUP_RE = re.compile(r"[`*|\\\[<{$~&]|(?<!\w)_|_(?!\w)|://|\w@\w")
#: The characters any of those starts with: one quick scan rules most text out.
_MARKUP_CHARS = re.compile(r"[`*|\\\[<{$~&_:@]")


def may_have_markup(text: str) -> bool:
    """Whether ``text`` may hold inline markup (plain text is never parsed)."""
    return _MARKUP_CHARS.search(text) is not None and _MARKUP_RE.search(text) is not None


#: Attributes of a role's node kept in fields of their own, or not worth keeping.
_XREF_OWN = frozenset(
    {
        "ids",
        "classes",
        "names",
        "dupnames",
        "backrefs",
        "refdomain",
        "reftype",
        "reftarget",
        "refexplicit",
    }
)


def inline_pieces(parsed: Iterable[nodes.Node]) -> Inline:
    """Parsed inline nodes as pieces, plain text runs joined.

    Styles do not nest in the pieces: a literal inside emphasis is shown
    emphasised; substitutions, footnote and internal references show their text.
    """
    pieces: list[InlinePiece] = []
    for node in parsed:
        piece = _piece(node)
        if piece is None:
            continue
        if isinstance(piece, str) and pieces and isinstance(pieces[-1], str):
            pieces[-1] += piece
        elif piece != "":
            pieces.append(piece)
    return tuple(pieces)


def _piece(node: nodes.Node) -> InlinePiece | None:
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.system_message | nodes.target):
        return None  # reported by the parser; a named link's target
    text = node.astext()
    if not isinstance(node, nodes.Element):
        return text
    if isinstance(node, addnodes.pending_xref):
        inner = node.children[0] if node.children else None
        attributes = tuple(
            sorted(
                (name, value)
                for name, value in node.attributes.items()
                if name not in _XREF_OWN and isinstance(value, str | int | bool)
            )
        )
        return CrossRef(
            domain=str(node.get("refdomain", "")),
            role=str(node.get("reftype", "")),
            target=str(node.get("reftarget", "")),
            text=text,
            explicit=bool(node.get("refexplicit")),
            attributes=attributes,
            inner="literal" if isinstance(inner, nodes.literal) else "inline",
            classes=tuple(inner["classes"]) if isinstance(inner, nodes.Element) else (),
        )
    if isinstance(node, nodes.literal):
        return Styled(text, "literal", tuple(node["classes"]))
    if isinstance(node, nodes.strong):
        return Styled(text, "strong")
    if isinstance(node, nodes.emphasis | nodes.title_reference):
        return Styled(text, "emphasis")
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return Link(str(node["refuri"]), text)
    if isinstance(node, nodes.inline) and node["classes"]:
        return Styled(text, "inline", tuple(node["classes"]))
    return text


def markup_cell(pieces: Inline) -> list[Fragment]:
    """A field's pieces as cell fragments: a link to an item is an
    :class:`ItemRef` (read as an implicit link reads when the role gave no
    text), so it is written like every other link to an item."""
    result: list[Fragment] = []
    for piece in pieces:
        if isinstance(piece, str | Link):
            result.append(piece)
        elif isinstance(piece, CrossRef):
            if piece.domain == "arch" and (piece.role == "ref" or piece.role in ROLE_TO_KIND):
                text = piece.text if piece.explicit else None
                result.append(ItemRef(piece.target, text, ROLE_TO_KIND.get(piece.role)))
            else:
                result.append(piece)
        elif piece.style == "literal":
            result.append(Code(piece.text, piece.classes))
        elif piece.style == "strong":
            result.append(Strong(piece.text))
        elif piece.style == "emphasis":
            result.append(Emphasis(piece.text))
        else:
            result.append(Span(piece.text, piece.classes))
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
