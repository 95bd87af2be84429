"""Generic summary tables: real docutils tables, so every builder renders them."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from sphinx_archdoc import adr
from sphinx_archdoc.filters import Query
from sphinx_archdoc.i18n import N_, _
from sphinx_archdoc.index import Index
from sphinx_archdoc.kinds import KINDS, FieldType, field_label
from sphinx_archdoc.model import Item
from sphinx_archdoc.render.cells import (
    Cell,
    DocRef,
    Fragment,
    ItemRef,
    Span,
    archdoc_rows,
    badge_span,
    fragment_text,
    joined,
    to_nodes,
)
from sphinx_archdoc.render.text import value_text

#: Columns whose values are IDs of another kind, rendered as links.
LINK_COLUMNS: dict[tuple[str, str], str] = {
    ("component", "dependents"): "component",
    ("component", "risks"): "risk",
    ("component", "perf-targets"): "perf-target",
    ("component", "adrs"): "adr",
    ("adr", "supersedes"): "adr",
    ("adr", "superseded-by"): "adr",
    ("adr", "components"): "component",
}
#: Date columns marked "overdue" when the item's computed ``overdue`` is true.
OVERDUE_DATES: dict[str, tuple[str, ...]] = {"question": ("due",), "status": ("next-review",)}
#: Columns shown as badges (a CSS class per value, text always visible).
BADGE_COLUMNS = {"status", "band", "layer", "impact", "probability"}


#: What a summary says when no item of the kind matches its filters.
EMPTY_NOTICES: dict[str, str] = {
    "component": N_("No components match."),
    "risk": N_("No risks match."),
    "perf-target": N_("No performance targets match."),
    "adr": N_("No decisions match."),
    "question": N_("No open questions match."),
    "status": N_("No document statuses match."),
}


def column_label(kind: str, name: str) -> str:
    """A column header, in the build's language."""
    if name == "id":
        return _("ID")
    if name == "adrs":
        return _("ADRs")
    if name == "docname" and kind == "status":
        return _("Document")
    return field_label(name)


def cell_fragments(index: Index, item: Item, name: str) -> list[Fragment]:
    """The content of one cell, as fragments (see :mod:`~sphinx_archdoc.render.cells`)."""
    if name == "id":
        shown = adr.display_id(item, index) if item.kind == "adr" else item.id
        return [ItemRef(item.id, shown, item.kind)]
    if name == "title":
        return [ItemRef(item.id, item.title, item.kind)]
    if name == "docname":
        if item.kind == "status":
            # A document's status row names the document: link it, by its title.
            return [DocRef(item.docname)]
        return [item.docname]
    value = index.value(item, name)
    if value is None or value in ("", (), []):
        return []
    if name in OVERDUE_DATES.get(item.kind, ()) and index.value(item, "overdue"):
        return [value_text(value) + " ", badge_span(_("overdue"), "overdue")]
    link_kind = LINK_COLUMNS.get((item.kind, name))
    spec = KINDS[item.kind].field(name)
    if link_kind is None and spec is not None and spec.type in (FieldType.REF, FieldType.REFS):
        link_kind = spec.ref_kind
    if link_kind is None and spec is not None and spec.type is FieldType.ADR_REFS:
        link_kind = "adr"
    if link_kind == "adr":
        references = (value,) if isinstance(value, str) else tuple(value)
        return joined(adr_ref(index, reference) for reference in references)
    if link_kind is not None:
        values = (value,) if isinstance(value, str) else tuple(value)
        return joined(ItemRef(v, v, link_kind) for v in values)
    if (item.kind, name) == ("adr", "referenced-from"):
        return joined(DocRef(d, ("archdoc-ref",)) for d in value)
    text = value_text(value)
    if name in BADGE_COLUMNS and isinstance(value, str):
        return [badge_span(text, f"{name}-{value.lower()}")]
    return [text]


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
        # Character widths: the text builder lays columns out with them;
        # HTML and LaTeX size columns by their content unless told otherwise.
        widths = [
            max(
                3,
                min(
                    40,
                    max([len(header)] + [len("".join(n.astext() for n in row[i])) for row in rows]),
                ),
            )
            for i, header in enumerate(headers)
        ]
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
    for cells in rows:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            if content:
                paragraph = nodes.paragraph()
                paragraph.extend(content)
                entry += paragraph
            row += entry
        tbody += row
    return table


def empty_notice(css_name: str, kind: str) -> nodes.paragraph:
    text = _(EMPTY_NOTICES[kind])
    return nodes.paragraph(text, text, classes=["archdoc-empty", f"archdoc-{css_name}"])


def item_table(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    """One row per selected item, the query's columns, the query's order."""
    items = query.select(index)
    if not items:
        return [empty_notice(css_name, query.kind)]
    rows = [[cell_fragments(index, item, c) for c in query.columns] for item in items]
    for item, row in zip(items, rows, strict=True):
        if row and index.is_external(item):
            row[0] = [*row[0], " ", external_marker(item)]
    return [fragment_table(css_name, query, rows, docname)]


def fragment_table(
    css_name: str, query: Query, rows: Sequence[Sequence[Cell]], docname: str
) -> nodes.table:
    """A table whose body rows are still fragments (:class:`archdoc_rows`).

    The summary transform turns the body into HTML or into docutils rows,
    whichever the builder takes.
    """
    headers = [column_label(query.kind, c) for c in query.columns]
    widths = [
        max(
            3,
            min(
                40,
                max([len(header)] + [sum(len(fragment_text(f)) for f in row[i]) for row in rows]),
            ),
        )
        for i, header in enumerate(headers)
    ]
    table = build_table(css_name, headers, [], query.caption, widths)
    next(table.findall(nodes.tbody)).append(archdoc_rows(rows, docname))
    return table


def external_marker(item: Item) -> Span:
    """The mark of an imported item: a word, not colour alone."""
    project = item.id.partition(":")[0]
    return Span(_("(external: {project})").format(project=project), ("archdoc-external",))
