"""The global index: every item of the project, derived values, findings.

Built once per build after all documents are read (never per page), from the
per-document data the domain holds, by :func:`sphinx_archdoc.core.build.build_index`.
Pure: no Sphinx import.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sphinx_archdoc.core.adr import reference_number, resolve_adr_reference
from sphinx_archdoc.core.attributes import Attribute
from sphinx_archdoc.core.c4views import C4Model
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.deployment import Deployment
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import EXTERNAL_ID_RE, Finding, Item, Reference
from sphinx_archdoc.core.quantities import Evaluation
from sphinx_archdoc.core.scoring import RiskAssessment
from sphinx_archdoc.core.views import AdrTable, ReverseReferences

KIND_ORDER = {name: i for i, name in enumerate(KINDS)}

#: What an item without computed values reads as.
_NONE: Mapping[str, Any] = {}


def entry_key(item: Item) -> tuple[str, str]:
    """Where :attr:`Index.computed` keeps an item's values: by kind and ID;
    an item without an ID (a relation) by its place, ``docname#anchor``
    (anchors are unique in a document)."""
    return (item.kind, item.id or f"{item.docname}#{item.anchor}")


def today_from_environment() -> dt.date:
    """Today's date, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(tz=dt.UTC).date()


def _any_kind(kind: str | None) -> bool:
    """Whether a lookup's ``kind`` admits every kind (None, or the ``ref`` role)."""
    return kind is None or kind == "ref"


def _numbered(kind: str | None) -> bool:
    """Whether items of ``kind`` are numbered (ADRs)."""
    spec = KINDS.get(kind) if kind else None
    return spec is not None and spec.numbered


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
    #: The building blocks, people and relations every C4 view reads.
    c4: C4Model = field(default_factory=C4Model)
    #: The deployment nodes: their nesting, environments and hosted components.
    deployment: Deployment = field(default_factory=Deployment)
    # Typed views, each derived once by :mod:`.derive` and only read afterwards.
    adrs: AdrTable = field(default_factory=AdrTable)
    references_to: ReverseReferences = field(default_factory=dict)
    #: Risk ID -> its score and band.
    risk_assessments: Mapping[str, RiskAssessment] = field(default_factory=dict)
    #: Performance target ID -> its target evaluated against its current value.
    perf_evaluations: Mapping[str, Evaluation] = field(default_factory=dict)
    #: Items imported from ``archdoc_external`` projects, by ``project:ID``;
    #: kept apart from ``items`` (never checked, derived or exported here).
    external: dict[str, Item] = field(default_factory=dict)
    #: ``project:ID`` -> link to the item on the other site (absolute URL, or a
    #: path relative to the root of this project's output).
    external_urls: dict[str, str] = field(default_factory=dict)
    #: Names of the external projects whose data was loaded.
    external_projects: set[str] = field(default_factory=set)
    #: Entity ID -> its attributes, parsed once (:mod:`.data_model`).
    entity_attributes: dict[str, tuple[Attribute, ...]] = field(default_factory=dict)

    def kind_items(self, kind: str) -> list[Item]:
        return self.by_kind.get(kind, [])

    def get(self, item_id: str, kind: str | None = None) -> Item | None:
        """The item ``item_id`` names, of ``kind`` (None or ``ref``: any kind).

        A numbered item (an ADR) may be named by its number in any spelling,
        its file name or its slug."""
        item = self.by_id.get(item_id)
        if item is None and (_any_kind(kind) or _numbered(kind)):
            item = resolve_adr_reference(self, item_id)
        if item is None and self.external:
            item = self.get_external(item_id, kind)
        if item is not None and not _any_kind(kind) and item.kind != kind:
            return None
        return item

    def get_external(self, target: str, kind: str | None = None) -> Item | None:
        """An imported item, by ``project:ID`` (ADRs also by number: ``project:ADR-1``)."""
        item = self.external.get(target)
        if item is None and kind is not None and _numbered(kind):
            item = self._external_by_number(target, kind)
        if item is not None and not _any_kind(kind) and item.kind != kind:
            return None
        return item

    def _external_by_number(self, target: str, kind: str) -> Item | None:
        """An imported numbered item by ``project:NUMBER`` in any spelling."""
        project, colon, reference = target.partition(":")
        number = reference_number(reference) if colon else None
        if number is None:
            return None
        return next(
            (
                candidate
                for candidate in self.external.values()
                if candidate.kind == kind
                and candidate.id.startswith(project + ":")
                and self.computed.get((kind, candidate.id), {}).get("number") == number
            ),
            None,
        )

    def is_known_external(self, target: str, kind: str | None = None) -> bool:
        """``project:ID`` of a configured external project: known when the project's
        data was loaded and has the item, or when it could not be loaded (that
        problem is reported once, as ``external_source``)."""
        match = EXTERNAL_ID_RE.match(target)
        if not match or match.group(1) not in dict(self.config.external):
            return False
        if match.group(1) not in self.external_projects:
            return True
        return self.get_external(target, kind) is not None

    def is_external(self, item: Item) -> bool:
        return self.external.get(item.id) is item

    def external_items(self, kind: str) -> list[Item]:
        return [item for item in self.external.values() if item.kind == kind]

    def computed_for(self, item: Item) -> dict[str, Any]:
        """The item's computed values, to fill (while deriving)."""
        return self.computed.setdefault(entry_key(item), {})

    def computed_of(self, item: Item) -> Mapping[str, Any]:
        """The item's computed values, to read (empty when it has none)."""
        return self.computed.get(entry_key(item), _NONE)

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
            return self.computed_of(item).get(name)
        return item.fields.get(name)

    def digest(self, per_document: MutableMapping[str, str] | None = None) -> str:
        """A fingerprint of everything summaries show: changes => rewrite them.

        The items and references a document declared are fingerprinted per
        document; ``per_document`` keeps those fingerprints between calls
        (the caller drops a document's entry whenever it is read again), so
        an edit fingerprints only what it changed.  Findings, imported items
        and today's date are fingerprinted whole on every call.
        """
        with collector_paused():
            declared: dict[str, tuple[list[Item], list[Reference]]] = {}
            for item in self.items:
                declared.setdefault(item.docname, ([], []))[0].append(item)
            for reference in self.references:
                declared.setdefault(reference.docname, ([], []))[1].append(reference)
            cache = {} if per_document is None else per_document
            documents = []
            for docname in sorted(declared):
                fingerprint = cache.get(docname)
                if fingerprint is None:
                    fingerprint = cache[docname] = _fingerprint(_declared(*declared[docname]))
                documents.append((docname, fingerprint))
            findings = [
                (f.check, f.severity, f.message, f.docname, f.lineno, f.source)
                for f in self.findings
            ]
            external = [
                (i.kind, i.id, sorted(i.fields.items()), self.computed.get((i.kind, i.id)))
                for i in self.external.values()
            ]
            # Today's date too: overdue marks change with it, even when no finding does.
            return _fingerprint(
                [
                    documents,
                    findings,
                    external,
                    sorted(self.external_urls.items()),
                    self.today.isoformat(),
                ]
            )

    def link_targets(self) -> dict[str, tuple[str, ...]]:
        """What a link to each item shows and where it points, by ID: a page
        linking to an item whose entry changed must be rewritten."""
        targets: dict[str, tuple[str, ...]] = {
            i.id: (i.kind, i.docname, i.anchor, i.title, str(self.value(i, "status")))
            for i in self.by_id.values()
        }
        for i in self.external.values():
            targets[i.id] = (i.kind, i.title, self.external_urls.get(i.id) or "")
        return targets


def _declared(items: list[Item], references: list[Reference]) -> list[Any]:
    """What one document declared, as plain values."""
    return [
        [
            (
                i.kind,
                i.id,
                i.docname,
                i.lineno,
                i.anchor,
                sorted(i.fields.items()),
                i.description,
                i.first_paragraph,
                i.parent,
                i.source,
                i.markup,
            )
            for i in items
        ],
        [
            (
                r.kind,
                r.target,
                r.docname,
                r.lineno,
                r.parent,
                r.expected_title,
                r.relation,
                r.source,
            )
            for r in references
        ],
    ]


def _fingerprint(values: Any) -> str:
    # repr() of strings, numbers, None, tuples and sorted pairs is as
    # deterministic as JSON and several times faster on large projects.
    return hashlib.sha256(repr(values).encode()).hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small, acyclic objects
    are made: it would walk the whole growing heap again and again (a third of
    the time on large projects) and could free nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            _age_young_objects()
            gc.enable()


def _age_young_objects() -> None:
    """Move every tracked object into the oldest generation, without a pass.

    Resuming with the objects just made in the youngest generation costs a
    young collection that walks all of them at once (and later a middle one),
    only to find them alive.  ``freeze`` then ``unfreeze`` splices the lists:
    the objects are examined at the next full collection, as old objects
    always are.  While the heap is settled for the build
    (:func:`settle_heap`) the splice would release it: the objects join the
    settled heap if the settling said so (``young``), else they are left
    young.  Skipped when something else froze objects (their freeze is
    theirs to keep).
    """
    if _heap.settled:
        if _heap.young:
            gc.freeze()
    elif gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


class _Heap:
    """Whether this process's long-lived objects were set aside by us, and
    whether the objects a paused collector leaves behind join them."""

    settled = False
    young = False


_heap = _Heap()


def settle_heap(*, young: bool = False) -> bool:
    """Set every object alive now aside from the cyclic garbage collector
    (``gc.freeze``) until :func:`release_heap`; True if done.

    A build keeps a large, long-lived heap (Sphinx's modules, the loaded
    environment, the index), and every full collection walks all of it
    again while pages are written: at 5,000 items about a sixth of a
    one-document edit, to free nothing.  Settled objects are still freed
    when no reference is left; only cycles among them wait for the release.
    Nothing is done when something else froze objects: their freeze is
    theirs to keep.

    ``young``: from now on, what :func:`collector_paused` leaves behind
    (the index, the rows of a summary, ``archdoc.json``) is set aside too,
    for the rest of the build.  A freeze keeps whatever garbage is waiting
    for a collection, so this is for builds that make little of it (an
    edit), not for one that reads every document.
    """
    if not _heap.settled and gc.get_freeze_count():
        return False
    gc.freeze()
    _heap.settled = True
    _heap.young = _heap.young or young
    return True


def release_heap() -> None:
    """Give the settled objects back to the collector (the build is over)."""
    if _heap.settled:
        _heap.settled = _heap.young = False
        gc.unfreeze()
