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
from sphinx_archdoc.render.nodes import (
    adr_link_list,
    badge,
    doc_link_list,
    document_link,
    item_link,
    link_list,
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


def cell_nodes(index: Index, item: Item, name: str, docname: str) -> list[nodes.Node]:
    """The content of one cell."""
    if name == "id":
        shown = adr.display_id(item, index) if item.kind == "adr" else item.id
        return [item_link(item.id, docname, text=shown, kind=item.kind)]
    if name == "title":
        return [item_link(item.id, docname, text=item.title, kind=item.kind)]
    if name == "docname":
        if item.kind == "status":
            # A document's status row names the document: link it, by its title.
            return [document_link(item.docname, docname)]
        return [nodes.Text(item.docname)]
    value = index.value(item, name)
    if value is None or value in ("", (), []):
        return []
    if name in OVERDUE_DATES.get(item.kind, ()) and index.value(item, "overdue"):
        return [nodes.Text(value_text(value) + " "), badge(_("overdue"), "overdue")]
    link_kind = LINK_COLUMNS.get((item.kind, name))
    spec = KINDS[item.kind].field(name)
    if link_kind is None and spec is not None and spec.type in (FieldType.REF, FieldType.REFS):
        link_kind = spec.ref_kind
    if link_kind is None and spec is not None and spec.type is FieldType.ADR_REFS:
        link_kind = "adr"
    if link_kind == "adr":
        values = (value,) if isinstance(value, str) else tuple(value)
        return adr_link_list(index, values, docname)
    if link_kind is not None:
        values = (value,) if isinstance(value, str) else tuple(value)
        return link_list(values, docname, link_kind)
    if (item.kind, name) == ("adr", "referenced-from"):
        return doc_link_list(tuple(value), docname)
    text = value_text(value)
    if name in BADGE_COLUMNS and isinstance(value, str):
        return [badge(text, f"{name}-{value.lower()}")]
    return [nodes.Text(text)]


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
    headers = [column_label(query.kind, c) for c in query.columns]
    rows = [[cell_nodes(index, item, c, docname) for c in query.columns] for item in items]
    for item, row in zip(items, rows, strict=True):
        if row and index.is_external(item):
            row[0] = [*row[0], nodes.Text(" "), external_marker(item)]
    return [build_table(css_name, headers, rows, query.caption)]


def external_marker(item: Item) -> nodes.inline:
    """The mark of an imported item: a word, not colour alone."""
    project = item.id.partition(":")[0]
    text = _("(external: {project})").format(project=project)
    return nodes.inline(text, text, classes=["archdoc-external"])
