"""The ADR index table: ADRs in number order, dated ADRs after them by date."""

from __future__ import annotations

from docutils import nodes

from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.tables import empty_notice, fragment_table, table_rows


def adr_order(index: Index, item: Item) -> tuple[int, int, str, str]:
    """Numbered ADRs by number; dated ones (log4brains) after them, by date."""
    number = index.computed.get(("adr", item.id), {}).get("number")
    date = item.get("date")
    return (
        0 if isinstance(number, int) else 1,
        number if isinstance(number, int) else 0,
        date if isinstance(date, str) else "",
        item.id,
    )


def adr_index_table(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    items = query.select(index)
    if query.sort.lstrip("-") == "number":
        items.sort(key=lambda i: adr_order(index, i), reverse=query.sort.startswith("-"))
    if not items:
        return [empty_notice(css_name, query.kind)]
    rows = table_rows(index, query, items)
    return [fragment_table(css_name, query, rows, docname)]
