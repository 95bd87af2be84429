"""Typed, frozen views of what the index derives once per build.

:func:`sphinx_archdoc.core.build.build_index` fills them (through
:mod:`.derive` and :mod:`.adr`); checks, item heads, tables, the risk matrix
and the JSON export only read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sphinx_archdoc.core.model import Item


@dataclass(frozen=True)
class AdrUse:
    """A place that relies on an ADR: a role, an ``adr-link``, a component's ``:adrs:``."""

    target: str
    docname: str
    lineno: int
    #: How the place is named in messages (``adr-link``, ``component 'X' :adrs:``).
    what: str
    expected_title: str | None
    #: The file, when it is not the document's own file (an included one).
    source: str | None = None


@dataclass(frozen=True)
class AdrTable:
    """How ADR references resolve, and who relies on each ADR (derived once)."""

    #: Number -> the first ADR (by document, then line) holding it.
    by_number: Mapping[int, Item] = field(default_factory=dict)
    #: Slug or ID, lower-cased -> ADR.
    by_slug: Mapping[str, Item] = field(default_factory=dict)
    #: The number as ``archdoc_adr_id_format`` writes it, lower-cased -> ADR.
    by_formatted: Mapping[str, Item] = field(default_factory=dict)
    #: Number -> every ADR holding it, duplicates included.
    numbered: Mapping[int, tuple[Item, ...]] = field(default_factory=dict)
    #: Component ID -> the IDs of the ADRs it names (``:adrs:``, ``adr-link`` inside it).
    by_component: Mapping[str, list[str]] = field(default_factory=dict)
    #: Every place that relies on an ADR, in document order.
    uses: tuple[AdrUse, ...] = ()


#: (kind, field) -> target ID -> the IDs of the items of ``kind`` whose ``field`` names it.
ReverseReferences = Mapping[tuple[str, str], Mapping[str, list[str]]]
