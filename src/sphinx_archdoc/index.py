"""The global index: every item of the project, derived values, findings.

Built once per build after all documents are read (never per page), from the
per-document data the domain holds.  Pure: no Sphinx import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sphinx_archdoc.config import ArchConfig
from sphinx_archdoc.kinds import KINDS
from sphinx_archdoc.model import Finding, Item, Reference

KIND_ORDER = {name: i for i, name in enumerate(KINDS)}


def today_from_environment() -> dt.date:
    """Today's date, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(tz=dt.UTC).date()


@dataclass
class Index:
    config: ArchConfig
    today: dt.date
    #: Every item, in deterministic order (kind, ID, docname, line).
    items: list[Item] = field(default_factory=list)
    #: ID -> the item that owns it (the first by docname, then line).
    by_id: dict[str, Item] = field(default_factory=dict)
    by_kind: dict[str, list[Item]] = field(default_factory=dict)
    #: Items whose ID was already taken, with the item that kept it.
    duplicates: list[tuple[Item, Item]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    #: (kind, id) -> derived values (score, band, dependents, ...).
    computed: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: Findings with severities applied, ``off`` ones removed, sorted.
    findings: list[Finding] = field(default_factory=list)
    #: Derived lookups other modules register (ADR numbers, slugs, ...).
    lookups: dict[str, dict[Any, Any]] = field(default_factory=dict)

    def kind_items(self, kind: str) -> list[Item]:
        return self.by_kind.get(kind, [])

    def get(self, item_id: str, kind: str | None = None) -> Item | None:
        item = self.by_id.get(item_id)
        if item is None and kind in ("adr", "ref", None):
            from sphinx_archdoc.adr import resolve_adr_reference

            item = resolve_adr_reference(self, item_id)
        if item is not None and kind not in (None, "ref") and item.kind != kind:
            return None
        return item

    def computed_for(self, item: Item) -> dict[str, Any]:
        return self.computed.setdefault((item.kind, item.id), {})

    def value(self, item: Item, name: str) -> Any:
        """The value of a column: a base attribute, a computed value or a field."""
        if name == "id":
            return item.id
        if name == "title":
            return item.title
        if name == "docname":
            return item.docname
        if name == "kind":
            return item.kind
        if name in KINDS[item.kind].computed:
            return self.computed.get((item.kind, item.id), {}).get(name)
        return item.fields.get(name)

    def digest(self) -> str:
        """A fingerprint of everything summaries show: changes => rewrite them."""
        payload = [
            [
                i.kind,
                i.id,
                i.docname,
                i.lineno,
                i.anchor,
                sorted((k, v) for k, v in i.fields.items()),
                i.description,
                i.parent,
                i.source,
            ]
            for i in self.items
        ]
        refs = [
            [
                r.kind,
                r.target,
                r.docname,
                r.lineno,
                r.parent,
                r.expected_title,
                r.relation,
                r.source,
            ]
            for r in self.references
        ]
        findings = [
            [f.check, f.severity, f.message, f.docname, f.lineno, f.source] for f in self.findings
        ]
        blob = json.dumps([payload, refs, findings], sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    def target_digest(self) -> str:
        """A fingerprint of what links and ``adr-link`` texts show."""
        payload = [
            [i.kind, i.id, i.docname, i.anchor, i.title, str(self.value(i, "status"))]
            for i in self.items
        ]
        return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def build_index(
    items_by_doc: Mapping[str, Iterable[Item]],
    findings_by_doc: Mapping[str, Iterable[Finding]],
    references_by_doc: Mapping[str, Iterable[Reference]],
    config: ArchConfig,
    today: dt.date | None = None,
) -> Index:
    """Build the index and run every check."""
    from sphinx_archdoc import derive
    from sphinx_archdoc.checks import run_checks

    index = Index(config=config, today=today or today_from_environment())
    all_items = sorted(
        (item for items in items_by_doc.values() for item in items),
        key=lambda i: i.sort_key,
    )
    # Ownership of an ID is decided by docname, then line: never by read order.
    for item in all_items:
        if not KINDS[item.kind].has_id:
            continue
        owner = index.by_id.get(item.id)
        if owner is None:
            index.by_id[item.id] = item
        else:
            index.duplicates.append((item, owner))
    index.items = sorted(all_items, key=lambda i: (KIND_ORDER[i.kind], i.id, i.docname, i.lineno))
    by_kind: dict[str, list[Item]] = defaultdict(list)
    for item in index.items:
        if not KINDS[item.kind].has_id or index.by_id.get(item.id) is item:
            by_kind[item.kind].append(item)
    index.by_kind = dict(by_kind)
    index.references = sorted(
        (ref for refs in references_by_doc.values() for ref in refs),
        key=lambda r: (r.docname, r.lineno, r.kind, r.target),
    )
    derive.derive_all(index)
    read_findings = [f for findings in findings_by_doc.values() for f in findings]
    index.findings = run_checks(index, read_findings)
    return index
