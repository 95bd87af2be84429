"""Build the index of one project: ownership of every ID, derived values, checks.

The one place that runs the pure pipeline in order: imported projects are
added, items are ordered and owned, :mod:`.derive` computes every derived
value once, and every check runs over the result.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from sphinx_archdoc.core import derive
from sphinx_archdoc.core.adr_checks import ADR_CHECK_FUNCTIONS
from sphinx_archdoc.core.checks import CHECK_FUNCTIONS as GENERAL_CHECK_FUNCTIONS
from sphinx_archdoc.core.checks import run_checks
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.data_checks import DATA_CHECK_FUNCTIONS
from sphinx_archdoc.core.external import add_external
from sphinx_archdoc.core.index import KIND_ORDER, Index, collector_paused, today_from_environment
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import Finding, Item, Reference, natural_key, sorts_as_text

#: Every check that looks at the whole index, by name.
CHECK_FUNCTIONS = {**GENERAL_CHECK_FUNCTIONS, **ADR_CHECK_FUNCTIONS, **DATA_CHECK_FUNCTIONS}


# Items in kind order, then by ID (in natural order: QS-3 before QS-11),
# document and line: sorted per kind and concatenated.


def _by_id_place(item: Item) -> tuple[object, ...]:
    return (natural_key(item.id), item.docname, item.lineno)


def _by_place(item: Item) -> tuple[str, int]:
    return (item.docname, item.lineno)


def _by_id(item: Item) -> tuple[tuple[str | int, ...], str]:
    return natural_key(item.id)


_by_id_text = attrgetter("id")

#: References by place, then kind and target (the key tuple made in C).
_reference_order = attrgetter("docname", "lineno", "kind", "target")


def _order_key(items: list[Item], has_id: bool, duplicated: bool) -> Callable[[Item], Any]:
    """The same order, keyed by less: without IDs only the place differs; with
    unique IDs (natural_key keeps the text) the ID decides alone, and IDs
    numbered alike (``COMP_000123``) sort as plain text."""
    if duplicated:
        return _by_id_place
    if not has_id:
        return _by_place
    return _by_id_text if sorts_as_text([item.id for item in items]) else _by_id


def build_index(
    items_by_doc: Mapping[str, Iterable[Item]],
    findings_by_doc: Mapping[str, Iterable[Finding]],
    references_by_doc: Mapping[str, Iterable[Reference]],
    config: ArchConfig,
    today: dt.date | None = None,
    external: Mapping[str, Mapping[str, Any]] | None = None,
) -> Index:
    """Build the index and run every check.

    ``external`` maps an ``archdoc_external`` project name to its loaded data
    (``{"base": ..., "items": [...]}``, see :mod:`sphinx_archdoc.core.external`).
    """
    with collector_paused():
        return _build_index(
            items_by_doc, findings_by_doc, references_by_doc, config, today, external
        )


def _build_index(
    items_by_doc: Mapping[str, Iterable[Item]],
    findings_by_doc: Mapping[str, Iterable[Finding]],
    references_by_doc: Mapping[str, Iterable[Reference]],
    config: ArchConfig,
    today: dt.date | None,
    external: Mapping[str, Mapping[str, Any]] | None,
) -> Index:
    index = Index(config=config, today=today or today_from_environment())
    for project, data in sorted((external or {}).items()):
        add_external(index, project, data)
    has_id = {name: spec.has_id for name, spec in KINDS.items()}
    # One pass: ownership of each ID (by docname, then line: never by read
    # order) and the items of each kind.
    by_id = index.by_id
    grouped: dict[str, list[Item]] = defaultdict(list)
    with_id = 0
    for items in items_by_doc.values():
        for item in items:
            grouped[item.kind].append(item)
            if has_id[item.kind]:
                with_id += 1
                owner = by_id.get(item.id)
                if owner is None or item.sort_key < owner.sort_key:
                    by_id[item.id] = item
    duplicated = with_id != len(by_id)

    index.items = []
    duplicates: list[tuple[Item, Item]] = []
    for kind in sorted(grouped, key=KIND_ORDER.__getitem__):
        of_kind = sorted(grouped[kind], key=_order_key(grouped[kind], has_id[kind], duplicated))
        index.items.extend(of_kind)
        if has_id[kind] and duplicated:
            owned = [item for item in of_kind if by_id[item.id] is item]
            duplicates += [(item, by_id[item.id]) for item in of_kind if by_id[item.id] is not item]
            if owned:
                index.by_kind[kind] = owned
        else:
            index.by_kind[kind] = of_kind
    index.duplicates = sorted(duplicates, key=lambda pair: pair[0].sort_key)
    index.references = sorted(
        (ref for refs in references_by_doc.values() for ref in refs), key=_reference_order
    )
    derive.derive_all(index)
    read_findings = [f for findings in findings_by_doc.values() for f in findings]
    index.findings = run_checks(index, read_findings, CHECK_FUNCTIONS)
    return index
