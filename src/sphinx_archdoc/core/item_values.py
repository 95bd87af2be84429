"""Values computed from one item alone: what its block's head shows.

An item's head needs nothing from other documents (so it never makes a page
outdated): a risk's band and score come from its own impact and probability,
a target's status from its own target and current value, an ADR's status
from its own words.  Each kind says which of these its head shows
(:attr:`~.kinds.KindSpec.head_values`, :attr:`~.kinds.KindSpec.head_facts`);
the rules are registered here, by (kind, value), once for every renderer.
The derivation over the whole index uses the same functions (``scoring``,
``quality``, ``adr``), so a head and a table never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx_archdoc.core import quality, scoring
from sphinx_archdoc.core.adr import adr_status
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.model import Item

#: A value of an item computed from the item and the configuration alone.
LocalValue = Callable[[Item, ArchConfig], str | int | None]


def _risk_band(item: Item, config: ArchConfig) -> str | None:
    return scoring.assess_item(item, config).band


def _risk_score(item: Item, config: ArchConfig) -> int | None:
    return scoring.assess_item(item, config).score


def _target_status(item: Item, config: ArchConfig) -> str | None:
    return quality.evaluate_target(item).status


def _adr_status(item: Item, config: ArchConfig) -> str | None:
    return adr_status(item, config)[0]


def _adr_status_note(item: Item, config: ArchConfig) -> str | None:
    return adr_status(item, config)[1]


#: The values that are not simply the item's own field, by (kind, value).
LOCAL_VALUES: dict[tuple[str, str], LocalValue] = {
    ("risk", "band"): _risk_band,
    ("risk", "score"): _risk_score,
    ("perf-target", "status"): _target_status,
    ("adr", "status"): _adr_status,
    ("adr", "status-note"): _adr_status_note,
}


def local_value(item: Item, name: str, config: ArchConfig) -> str | int | None:
    """The value ``name`` of ``item`` as its own block shows it: a registered
    rule, else the item's own (single-valued) field."""
    rule = LOCAL_VALUES.get((item.kind, name))
    if rule is not None:
        return rule(item, config)
    return item.text(name)
