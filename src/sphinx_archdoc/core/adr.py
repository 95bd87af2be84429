"""ADRs: references (``ADR-001``, ``ADR-1``, ``0001``, ``1``, a slug), numbers,
statuses and supersession, derived over the whole index (pure)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import ADR_RELATION_NAMES, ADR_RELATIONS, KINDS, FieldType
from sphinx_archdoc.core.options import normalise_adr_status
from sphinx_archdoc.core.views import AdrTable, AdrUse

if TYPE_CHECKING:
    from typing import TypeAlias

    from sphinx_archdoc.core.index import Index
    from sphinx_archdoc.core.model import Item

    #: (kind, item, the references of its ``:adrs:``) of each item relying on ADRs.
    Relying: TypeAlias = list[tuple[str, Item, tuple[str, ...]]]

#: ADR numbers have at most 15 digits: longer digit runs are not numbers (and
#: ``int()`` of thousands of digits raises), so they are read as slugs.
_NUMBERED_REF_RE = re.compile(r"^(?:adr[-_ ]?)?0*(\d{1,15})$", re.IGNORECASE)


#: A status word: words up to a date, a "by", a link or punctuation.
STATUS_WORD_RE = re.compile(
    r"^\s*(?P<word>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)*?)"
    r"(?=\s*(?:$|[,;:(.\[\x00*_\u2013\u2014]|\d|\s(?:by|on|since)\b|\s-\s))"
)
_NOTE_EDGES = " \t,;:.-\u2013\u2014*_`"


def clean_note(text: str) -> str | None:
    """A status qualifier as shown: brackets dropped, spaces collapsed,
    separators trimmed; None when nothing is left."""
    note = " ".join(re.sub(r"[()\[\]]", " ", text).split()).strip(_NOTE_EDGES)
    return note or None


def split_status(text: str) -> tuple[str | None, str | None]:
    """``Accepted (port pending)`` -> ``("Accepted", "port pending")``: the
    status word as written and the qualifier after it."""
    cleaned = " ".join(text.split()).strip("*_` ")
    match = STATUS_WORD_RE.match(cleaned)
    if not match:
        return (cleaned or None), None
    return match.group("word").strip(), clean_note(cleaned[match.end() :])


def adr_status(item: Item, config: ArchConfig) -> tuple[str | None, str | None, bool]:
    """An ADR's ``(status, status-note, known)``: the status normalised
    through ``archdoc_adr_status_aliases`` (an unknown word as written); the
    note from ``:status-note:``, else from the qualifier after the word."""
    raw = item.fields.get("status")
    written_note = item.fields.get("status-note")
    note = written_note if isinstance(written_note, str) and written_note else None
    if not isinstance(raw, str) or not raw.strip():
        return None, note, True
    word, qualifier = split_status(raw)
    if word is None:
        return None, note, True
    status, known = normalise_adr_status(word, config)
    if not known:
        # A status of several words that is known as a whole ("in review").
        whole, whole_known = normalise_adr_status(raw, config)
        if whole_known:
            return whole, note, True
    return status, note or qualifier, known


def reference_number(reference: str) -> int | None:
    """The ADR number a reference names, or None for a slug reference."""
    match = _NUMBERED_REF_RE.match(reference.strip())
    return int(match.group(1)) if match else None


def item_number(item: Item) -> int | None:
    """The number of an ADR: from its file name when discovered, else its ID."""
    number = item.fields.get("number")
    if isinstance(number, str) and number.isdigit():
        return int(number)
    match = re.match(r"^(?:adr[-_ ]?)?0*(\d{1,15})(?:$|[-_ .])", item.id, re.IGNORECASE)
    return int(match.group(1)) if match else None


def format_number(number: int, index: Index) -> str:
    return index.config.adr_id_format.format(number=number)


def display_id(item: Item, index: Index) -> str:
    """``ADR-001`` (``archdoc_adr_id_format``), or the ID of an unnumbered ADR."""
    number = index.computed.get(("adr", item.id), {}).get("number")
    if isinstance(number, int):
        return format_number(number, index)
    return item.id


def resolve_adr_reference(index: Index, reference: str) -> Item | None:
    """The ADR a flexible reference names: an ID, a number in any spelling
    (``ADR-001``, ``ADR-1``, ``0001``, ``1``, as ``archdoc_adr_id_format``
    writes it), a file name (``0001-use-x``) or a slug."""
    reference = reference.strip()
    item = index.by_id.get(reference)
    if item is not None and item.kind == "adr":
        return item
    if ":" in reference:
        # ``project:ADR-4``: an ADR of an imported project, by ID or number.
        return index.get_external(reference, "adr")
    table = index.adrs
    formatted = table.by_formatted.get(reference.lower())
    if formatted is not None:
        return formatted
    number = reference_number(reference)
    if number is not None:
        return table.by_number.get(number)
    slug_item = table.by_slug.get(reference.lower())
    if slug_item is None:
        # A file name (``0003-use-x``, ``adr-010-y``): zero-padded numbers only,
        # so that a slug such as ``3-tier`` never names ADR 3.
        file_number = re.match(r"^(?:adr[-_ ]?)?(\d{3,15})[-_ .]", reference, re.IGNORECASE)
        if file_number:
            return table.by_number.get(int(file_number.group(1)))
    return slug_item


def derive_adrs(index: Index) -> None:
    """The ADR table, then each ADR's number, status, supersession and users."""
    # References resolve from here on; what needs resolving is added below.
    index.adrs = _reference_table(index)
    relying = _relying(index)
    by_component = _adrs_by_component(index, relying)
    uses = tuple(_find_uses(index, relying))
    index.adrs = replace(index.adrs, by_component=by_component, uses=uses)
    supersedes, superseded_by = _supersession(index)
    related = _relations(index)
    referenced = _referenced_from(index, relying)
    components: dict[str, set[str]] = defaultdict(set)
    for component_id, adr_ids in by_component.items():
        for adr_id in adr_ids:
            components[adr_id].add(component_id)

    for item in index.kind_items("adr"):
        computed = index.computed_for(item)
        computed["number"] = item_number(item)
        status, note, _known = adr_status(item, index.config)
        if status is None and superseded_by.get(item.id):
            status = "superseded"
        computed["status"] = status
        computed["status-note"] = note
        computed["supersedes"] = sorted(supersedes.get(item.id, set()))
        computed["superseded-by"] = sorted(superseded_by.get(item.id, set()))
        for relation in ADR_RELATION_NAMES:
            computed[relation] = sorted(related[relation].get(item.id, set()))
        computed["relations"] = [name for name in ADR_RELATION_NAMES if computed[name]]
        computed["referenced-from"] = sorted(referenced.get(item.id, set()))
        computed["components"] = sorted(components.get(item.id, set()))


def _reference_table(index: Index) -> AdrTable:
    """How references resolve: by number, slug and formatted number."""
    by_number: dict[int, Item] = {}
    by_slug: dict[str, Item] = {}
    for item in sorted(index.kind_items("adr"), key=lambda i: i.sort_key):
        number = item_number(item)
        if number is not None and number not in by_number:
            by_number[number] = item
        slug = item.fields.get("slug")
        if isinstance(slug, str):
            by_slug.setdefault(slug.lower(), item)
        by_slug.setdefault(item.id.lower(), item)
    # Every ADR holding a number, duplicates included (for adr_duplicate_number).
    numbered: dict[int, list[Item]] = defaultdict(list)
    adr_items = (
        [i for i in index.items if i.kind == "adr"] if index.duplicates else index.kind_items("adr")
    )
    for item in sorted(adr_items, key=lambda i: i.sort_key):
        number = item_number(item)
        if number is not None:
            numbered[number].append(item)
    return AdrTable(
        by_number=by_number,
        by_slug=by_slug,
        by_formatted={
            index.config.adr_id_format.format(number=n).lower(): i for n, i in by_number.items()
        },
        numbered={number: tuple(items) for number, items in numbered.items()},
    )


def _supersession(index: Index) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """ADR ID -> the IDs it supersedes, and -> the IDs superseding it (both directions)."""
    supersedes: dict[str, set[str]] = defaultdict(set)
    superseded_by: dict[str, set[str]] = defaultdict(set)
    for item in index.kind_items("adr"):
        for ref in item.get_list("supersedes"):
            target = resolve_adr_reference(index, ref)
            if target is not None:
                supersedes[item.id].add(target.id)
                superseded_by[target.id].add(item.id)
        for ref in item.get_list("superseded-by"):
            target = resolve_adr_reference(index, ref)
            if target is not None:
                superseded_by[item.id].add(target.id)
                supersedes[target.id].add(item.id)
    return supersedes, superseded_by


def _relations(index: Index) -> dict[str, dict[str, set[str]]]:
    """Relation name -> ADR ID -> the ADR IDs it names; inverses included,
    ``relates-to`` both ways.  An ADR never relates to itself."""
    result: dict[str, dict[str, set[str]]] = {name: defaultdict(set) for name in ADR_RELATION_NAMES}
    for item in index.kind_items("adr"):
        for relation, inverse in ADR_RELATIONS.items():
            for ref in item.get_list(relation):
                target = resolve_adr_reference(index, ref)
                if target is None or target.kind != "adr" or target.id == item.id:
                    continue
                result[relation][item.id].add(target.id)
                result[inverse or relation][target.id].add(item.id)
    return result


def _relying(index: Index) -> Relying:
    """(kind, item, the references of its ``:adrs:``) for every item that
    relies on ADRs, in kind, then index order (one pass over those kinds)."""
    return [
        (kind, item, (value,) if isinstance(value, str) else value)
        for kind in ADRS_KINDS
        for item in index.kind_items(kind)
        if (value := item.fields.get("adrs")) is not None  # Item.get_list, inlined
    ]


def _referenced_from(index: Index, relying: Relying) -> dict[str, set[str]]:
    """ADR ID -> the documents that name it (roles, ``adr-link``, the ``:adrs:``
    of components and technical debt); an ADR's own page is not one of them."""
    adrs_per_page: dict[str, int] = defaultdict(int)
    for item in index.kind_items("adr"):
        adrs_per_page[item.docname] += 1
    referenced: dict[str, set[str]] = defaultdict(set)
    for reference in index.references:
        if reference.kind not in ("adr", "ref"):
            continue
        owner = index.by_id.get(reference.target)
        if reference.kind == "ref" and owner is not None and owner.kind != "adr":
            continue  # ``:arch:ref:`3-tier``` names that item, not ADR 3
        target = resolve_adr_reference(index, reference.target)
        if target is not None and not _is_own_page(target, reference.docname, adrs_per_page):
            referenced[target.id].add(reference.docname)
    for _kind, item, refs in relying:
        for ref in refs:
            target = resolve_adr_reference(index, ref)
            if target is not None:
                referenced[target.id].add(item.docname)
    return referenced


def _is_own_page(adr: Item, docname: str, adrs_per_page: dict[str, int]) -> bool:
    """Whether ``docname`` is the ADR's own page: an ADR that mentions itself
    does not reference itself.  (A page that declares several ADRs is a list
    of decisions: mentions there are references.)"""
    return adr.docname == docname and adrs_per_page.get(docname, 0) == 1


def _adrs_by_component(index: Index, relying: Relying) -> dict[str, list[str]]:
    """Component ID -> ADR IDs, from ``:adrs:`` and ``adr-link`` inside it."""
    result: dict[str, set[str]] = defaultdict(set)
    for kind, component, refs in relying:
        if kind != "component":
            continue
        for ref in refs:
            target = resolve_adr_reference(index, ref)
            if target is not None:
                result[component.id].add(target.id)
    for reference in index.references:
        if reference.kind == "adr" and reference.parent:
            target = resolve_adr_reference(index, reference.target)
            if target is not None:
                result[reference.parent].add(target.id)
    return {key: sorted(value) for key, value in result.items()}


def _find_uses(index: Index, relying: Relying) -> Iterator[AdrUse]:
    for ref in index.references:
        if ref.kind == "adr":
            what = "adr-link" if ref.relation is not None or ref.expected_title else ":arch:adr:"
            yield AdrUse(ref.target, ref.docname, ref.lineno, what, ref.expected_title, ref.source)
    for kind, item, targets in relying:
        for target in targets:
            yield AdrUse(
                target,
                item.docname,
                item.lineno,
                _("{kind} {id!r} :adrs:").format(kind=kind, id=item.id),
                None,
                item.source,
            )


#: The kinds whose ``:adrs:`` option names the ADRs they rely on.
ADRS_KINDS = tuple(
    name
    for name, spec in KINDS.items()
    if (field := spec.field("adrs")) is not None and field.type is FieldType.ADR_REFS
)
