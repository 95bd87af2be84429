"""Plain, picklable data: what the environment stores.

No docutils nodes and no Sphinx objects live here, so the data survives
pickling between builds and between parallel readers unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sphinx_archdoc.core.checknames import CHECKS, CheckName
from sphinx_archdoc.core.kinds import KINDS

#: The pattern every item ID follows (DESIGN 2.1).
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\Z")

#: An ID that names an item of another project: ``payments:api-gateway``.
EXTERNAL_ID_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]*):([A-Za-z0-9][A-Za-z0-9_.-]*)\Z")

FieldValue = str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Styled:
    """Text in an inline style: ``literal``, ``emphasis``, ``strong``, or
    ``inline`` (a role's text with its classes, ``:abbr:`` say)."""

    text: str
    style: str
    classes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a URI (``https://...``, ``mailto:``)."""

    uri: str
    text: str


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A cross-reference written with a role (``:arch:comp:``, ``:doc:``...),
    resolved where it is shown, the way Sphinx resolves the role's node.

    ``attributes`` are the node's own (``refdoc``, ``refexplicit``...), as
    sorted pairs; ``inner`` and ``classes`` describe the node around its text."""

    domain: str
    role: str
    target: str
    text: str
    explicit: bool
    attributes: tuple[tuple[str, str | int | bool], ...] = ()
    inner: str = "inline"
    classes: tuple[str, ...] = ()


#: A field value written with inline markup, in pieces: plain text, styled
#: text, links and cross-references (DESIGN 2.10). ``Item.fields`` keeps its
#: plain text; the pieces are kept only for values that have markup.
InlinePiece = str | Styled | Link | CrossRef
Inline = tuple[InlinePiece, ...]


def plain_text(pieces: Inline) -> str:
    """What the pieces read as, markup stripped (``archdoc.json``, graphs, filters)."""
    return "".join(piece if isinstance(piece, str) else piece.text for piece in pieces)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[str | int, ...], str]:
    """Order text as people do: ``QS-3`` before ``QS-11``, case aside.

    Runs of digits compare as numbers, everything else case-insensitively;
    the text itself breaks ties, so the order is total and deterministic.
    """
    parts: list[str | int] = list(_DIGITS.split(text.lower()))
    if len(parts) == 3:  # one run of digits, as most IDs have: no slicing
        return (parts[0], int(parts[1]), parts[2]), text
    parts[1::2] = map(int, parts[1::2])  # split() puts the digit runs at odd places
    return tuple(parts), text


_ASCII_DIGITS = "0123456789"


def sorts_as_text(ids: Sequence[str]) -> bool:
    """Whether ``ids`` are one text followed by ASCII digits of one width
    (``COMP_000123``, as numbered or generated IDs are): then plain string
    order is :func:`natural_key` order, and sorting needs no key per ID.

    The common text compares equal everywhere and a fixed-width run of digits
    compares as text exactly as its number does (the property tests check the
    equivalence against :func:`natural_key`).
    """
    if not ids:
        return True
    prefix = ids[0].rstrip(_ASCII_DIGITS)
    width = len(ids[0]) - len(prefix)
    if not width:
        return False
    pattern = re.compile(f"{re.escape(prefix)}[{_ASCII_DIGITS}]{{{width}}}")
    return all(map(pattern.fullmatch, ids))


@dataclass(frozen=True)
class Item:
    """One architecture fact, declared by a directive or discovered (ADRs)."""

    kind: str
    id: str
    docname: str
    lineno: int
    anchor: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    description: str = ""
    #: The first paragraph of the content, as text (the computed ``description``).
    first_paragraph: str = ""
    #: The enclosing component (for ``adr-link`` inside a component's content).
    parent: str | None = None
    #: The file the directive is in, when it is not the document's own file
    #: (``.. include::``); ``lineno`` is then a line of that file.
    source: str | None = None
    #: Field values written with inline markup, as pieces (plain values have
    #: none): pairs of field name and pieces, in the order of the options.
    markup: tuple[tuple[str, Inline], ...] = ()

    @property
    def title(self) -> str:
        value = self.fields.get("title")
        if isinstance(value, str) and value:
            return value
        spec = KINDS.get(self.kind)
        fallback = spec.title_field if spec is not None else None
        named = self.fields.get(fallback) if fallback else None
        return named if isinstance(named, str) and named else self.id

    def get(self, name: str) -> FieldValue | None:
        return self.fields.get(name)

    def text(self, name: str) -> str | None:
        """A single-valued field's text, or None when absent (or a list)."""
        value = self.fields.get(name)
        return value if isinstance(value, str) else None

    def markup_of(self, name: str) -> Inline | None:
        """The pieces of a field written with inline markup, or None."""
        for field_name, pieces in self.markup:
            if field_name == name:
                return pieces
        return None

    def get_list(self, name: str) -> tuple[str, ...]:
        value = self.fields.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    @property
    def sort_key(self) -> tuple[str, int, str]:
        return (self.docname, self.lineno, self.id)


@dataclass(frozen=True)
class SummaryCall:
    """Where a summary directive is written, with its options: what a check
    that needs the whole project and the builder (a graph's size) reads."""

    directive: str
    options: tuple[tuple[str, str], ...]
    docname: str
    lineno: int
    #: The file, when it is not the document's own file (see :attr:`Item.source`).
    source: str | None = None


@dataclass(frozen=True)
class Finding:
    """The result of a check, or a problem found while reading a document."""

    check: CheckName
    message: str
    docname: str | None = None
    lineno: int | None = None
    #: Filled in when findings are reported, from ``archdoc_checks``
    #: (:meth:`at` starts from the check's default, which most keep).
    severity: str = "warning"
    #: The file, when it is not the document's own file (see :attr:`Item.source`).
    source: str | None = None

    @classmethod
    def at(cls, check: CheckName, message: str, where: Item | Reference) -> Finding:
        """A finding about an item or a reference, located where it is written,
        with the check's default severity (so reporting one that keeps it
        copies nothing)."""
        spec = CHECKS.get(check)
        finding = object.__new__(cls)
        # What the generated __init__ stores, stored at once: a frozen
        # dataclass's __init__ makes a call per field (object.__setattr__),
        # and a check can find thousands.  Unpickling sets the fields the same
        # way; nothing here needs a default or a check of its own.
        finding.__dict__.update(
            check=check,
            message=message,
            docname=where.docname,
            lineno=where.lineno,
            severity=spec.default if spec is not None else "warning",
            source=where.source,
        )
        return finding

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.docname or "", self.lineno or 0, self.check, self.message)


@dataclass(frozen=True)
class Reference:
    """A reference from a document to an item (a role, an ``adr-link``)."""

    kind: str  # the kind of the role (``ref`` = any kind)
    target: str
    docname: str
    lineno: int
    #: The enclosing component, when the reference sits inside one.
    parent: str | None = None
    #: ``adr-link`` data: the title the author expects, the relation.
    expected_title: str | None = None
    relation: str | None = None
    #: The file, when it is not the document's own file (see :attr:`Item.source`).
    source: str | None = None
