"""Plain-text renderings shared by links, tables and exports (pure)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS

if TYPE_CHECKING:
    from sphinx_archdoc.core.index import Index
    from sphinx_archdoc.core.model import Item


def reference_text(index: Index, item: Item, *, with_status: bool = False) -> str:
    """How a link to an item reads when the author gave no explicit text."""
    if KINDS[item.kind].numbered:
        number = index.computed_of(item).get("number")
        if isinstance(number, int):
            text = f"{index.config.adr_id_format.format(number=number)}: {item.title}"
        else:
            text = item.title  # a dated ADR has no number to show
        status = index.value(item, "status")
        if with_status and status:
            text += f" ({status})"
        return text
    return item.title


def value_text(value: Any) -> str:
    """A field or computed value as text: lists comma-separated, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str | int | float):
        return str(value)
    return ", ".join(str(v) for v in value)
