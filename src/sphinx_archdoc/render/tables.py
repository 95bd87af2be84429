"""Generic summary tables: real docutils tables, so every builder renders them.

Their body rows are described as fragments (:mod:`~sphinx_archdoc.render.cells`)
until the summary transform knows the builder: HTML builders get them
written straight to HTML (:mod:`~sphinx_archdoc.render.html`), every other
builder as docutils rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docutils import nodes

from sphinx_archdoc.core import adr
from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import BADGE_NAMES, KINDS, FieldType, field_label
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.cells import (
    Cell,
    DocRef,
    Fragment,
    ItemRef,
    Span,
    archdoc_rows,
    badge_span,
    body_row,
    fragment_text,
    joined,
    markup_cell,
    to_nodes,
)
from sphinx_archdoc.render.text import value_text

#: A link column whose values may name an item of any kind (a relation's ends).
ANY_KIND = ""


def column_label(kind: str, name: str) -> str:
    """A column header, in the build's language."""
    own = KINDS[kind].column_label(name)
    return _(own) if own else field_label(name)


CellFunction = Callable[[Item], list[Fragment]]


def cell_fragments(index: Index, item: Item, name: str) -> list[Fragment]:
    """The content of one cell, as fragments (see :mod:`~sphinx_archdoc.render.cells`)."""
    return column_cells(index, item.kind, name)(item)


def column_cells(index: Index, kind: str, name: str) -> CellFunction:
    """How the cells of one column are made.

    Everything that depends only on the column (is it a link, to what kind,
    a badge, a date that can be overdue) is decided here, once per table;
    the function returned only looks at the item's value.
    """
    kind_spec = KINDS[kind]
    if name == "id":
        if kind_spec.numbered:
            return lambda item: [ItemRef(item.id, adr.display_id(item, index), kind)]
        return lambda item: [ItemRef(item.id, item.id, kind)]
    if name == "title":
        return lambda item: [ItemRef(item.id, item.title, kind)]
    if name == "docname":
        if kind_spec.names_document:
            # A document's status row names the document: link it, by its title.
            return lambda item: [DocRef(item.docname)]
        return lambda item: [item.docname]
    computed = kind_spec.computed_value(name)
    if computed is not None and computed.parts:
        return _composed_cells(index, kind, computed.parts)
    link_kind = computed.link_kind if computed is not None else None
    note_name = computed.note if computed is not None else None
    documents = computed is not None and computed.documents
    spec = kind_spec.field(name)
    if link_kind is None and spec is not None and spec.type in (FieldType.REF, FieldType.REFS):
        link_kind = spec.ref_kind or ANY_KIND
    if link_kind is None and spec is not None and spec.type is FieldType.ADR_REFS:
        link_kind = "adr"
    # Links to numbered items (ADRs) may name them by number: shown by number.
    numbered_links = bool(link_kind and KINDS[link_kind].numbered)
    can_be_overdue = kind_spec.overdue is not None and kind_spec.overdue.date_field == name
    # Text with inline markup: a declared text field, or an extra field.
    inline = spec.inline if spec is not None else computed is None
    badges: dict[str, Span] = {}

    def shown(value: Any) -> list[Fragment]:
        if numbered_links:
            references = (value,) if isinstance(value, str) else tuple(value)
            return joined(adr_ref(index, reference) for reference in references)
        if link_kind is not None:
            values = (value,) if isinstance(value, str) else tuple(value)
            return joined(ItemRef(v, v, link_kind or None) for v in values)
        if documents:
            return joined(DocRef(d, ("archdoc-ref",)) for d in value)
        text = value_text(value)
        if name in BADGE_NAMES and isinstance(value, str):
            badge = badges.get(value)
            if badge is None:
                badge = badges[value] = badge_span(text, name, value)
            return [badge]
        return [text]

    def cells(item: Item) -> list[Fragment]:
        if inline and item.markup:
            pieces = item.markup_of(name)
            if pieces is not None:
                return markup_cell(pieces)
        value = index.value(item, name)
        if name == "tags" and value:
            value = index.config.shown_tags((value,) if isinstance(value, str) else value)
        if value is None or value in ("", (), []):
            return []
        if can_be_overdue and index.value(item, "overdue"):
            return [value_text(value) + " ", badge_span(_("overdue"), "overdue")]
        if note_name is not None:
            note = index.value(item, note_name)
            if note:
                return [*shown(value), " ", Span(f"({note})", ("archdoc-note",))]
        return shown(value)

    return cells


def _composed_cells(index: Index, kind: str, parts: tuple[str, ...]) -> CellFunction:
    """Cells of a column made of other columns: "Label value; Label value"."""
    part_cells = [(part, column_cells(index, kind, part)) for part in parts]

    def cells(item: Item) -> list[Fragment]:
        result: list[Fragment] = []
        for part, part_cell in part_cells:
            shown = part_cell(item)
            if not shown:
                continue
            if result:
                result.append("; ")
            result += [Span(field_label(part) + " ", ("archdoc-label",)), *shown]
        return result

    return cells


def adr_ref(index: Index, reference: str) -> ItemRef:
    """A link to an ADR shown by its display ID (``ADR-001``)."""
    target = adr.resolve_adr_reference(index, reference)
    shown = adr.display_id(target, index) if target is not None else reference
    return ItemRef(reference, shown, "adr")


def cell_nodes(index: Index, item: Item, name: str, docname: str) -> list[nodes.Node]:
    """The content of one cell, as inline docutils nodes."""
    return to_nodes(cell_fragments(index, item, name), docname)


def build_table(
    css_name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[list[nodes.Node]]],
    caption: str | None = None,
    widths: Sequence[int] | None = None,
) -> nodes.table:
    """A docutils table; each cell is a list of inline nodes."""
    table = nodes.table(classes=["archdoc-table", f"archdoc-{css_name}"])
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    if widths is None:
        widths = column_widths(
            headers, [[len("".join(n.astext() for n in cell)) for cell in row] for row in rows]
        )
    for width in widths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    header_row = nodes.row()
    for header in headers:
        header_row += nodes.entry("", nodes.paragraph(header, header))
    thead += header_row
    tbody = nodes.tbody()
    group += tbody
    tbody.extend(body_row(cells) for cells in rows)
    return table


def column_widths(headers: Sequence[str], lengths: Sequence[Sequence[int]]) -> list[int]:
    """Character widths, from 3 to 40: the text builder lays columns out with
    them; HTML and LaTeX size columns by their content unless told otherwise."""
    return [
        max(3, min(40, max([len(header)] + [row[i] for row in lengths])))
        for i, header in enumerate(headers)
    ]


def empty_notice(css_name: str, kind: str) -> nodes.paragraph:
    text = _(KINDS[kind].empty_notice)
    return nodes.paragraph(text, text, classes=["archdoc-empty", f"archdoc-{css_name}"])


def item_table(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    """One row per selected item, the query's columns, the query's order."""
    items = query.select(index)
    if not items:
        return [empty_notice(css_name, query.kind)]
    rows = table_rows(index, query, items)
    for item, row in zip(items, rows, strict=True):
        if row and index.is_external(item):
            row[0] = [*row[0], " ", external_marker(item)]
    return [fragment_table(css_name, query, rows, docname)]


def table_rows(index: Index, query: Query, items: Sequence[Item]) -> list[list[list[Fragment]]]:
    """The cells of ``items`` in the query's columns."""
    columns = [column_cells(index, query.kind, c) for c in query.columns]
    return [[cells(item) for cells in columns] for item in items]


def fragment_table(
    css_name: str, query: Query, rows: Sequence[Sequence[Cell]], docname: str
) -> nodes.table:
    """A table whose body rows are still fragments (:class:`archdoc_rows`).

    The summary transform turns the body into HTML or into docutils rows,
    whichever the builder takes.
    """
    headers = [column_label(query.kind, c) for c in query.columns]
    lengths = [[sum(len(fragment_text(f)) for f in cell) for cell in row] for row in rows]
    table = build_table(css_name, headers, [], query.caption, column_widths(headers, lengths))
    next(table.findall(nodes.tbody)).append(archdoc_rows(rows, docname))
    return table


def external_marker(item: Item) -> Span:
    """The mark of an imported item: a word, not colour alone."""
    project = item.id.partition(":")[0]
    return Span(_("(external: {project})").format(project=project), ("archdoc-external",))
