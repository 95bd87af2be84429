"""ADRs: references (``ADR-001``, ``ADR-1``, ``0001``, ``1``, a slug), numbers,
statuses and supersession, derived over the whole index (pure)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.options import normalise_adr_status
from sphinx_archdoc.core.views import AdrTable, AdrUse

if TYPE_CHECKING:
    from sphinx_archdoc.core.index import Index
    from sphinx_archdoc.core.model import Item

#: ADR numbers have at most 15 digits: longer digit runs are not numbers (and
#: ``int()`` of thousands of digits raises), so they are read as slugs.
_NUMBERED_REF_RE = re.compile(r"^(?:adr[-_ ]?)?0*(\d{1,15})$", re.IGNORECASE)


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
    by_component = _adrs_by_component(index)
    index.adrs = replace(index.adrs, by_component=by_component, uses=tuple(_find_uses(index)))
    supersedes, superseded_by = _supersession(index)
    referenced = _referenced_from(index)
    components: dict[str, set[str]] = defaultdict(set)
    for component_id, adr_ids in by_component.items():
        for adr_id in adr_ids:
            components[adr_id].add(component_id)

    for item in index.kind_items("adr"):
        computed = index.computed_for(item)
        computed["number"] = item_number(item)
        raw_status = item.fields.get("status")
        if isinstance(raw_status, str):
            computed["status"], _known = normalise_adr_status(raw_status, index.config)
        else:
            computed["status"] = "superseded" if superseded_by.get(item.id) else None
        computed["supersedes"] = sorted(supersedes.get(item.id, set()))
        computed["superseded-by"] = sorted(superseded_by.get(item.id, set()))
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
    adr_items = [i for i in index.items if i.kind == "adr"]
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


def _referenced_from(index: Index) -> dict[str, set[str]]:
    """ADR ID -> the documents that name it (roles, ``adr-link``, a component's ``:adrs:``)."""
    referenced: dict[str, set[str]] = defaultdict(set)
    for reference in index.references:
        if reference.kind not in ("adr", "ref"):
            continue
        owner = index.by_id.get(reference.target)
        if reference.kind == "ref" and owner is not None and owner.kind != "adr":
            continue  # ``:arch:ref:`3-tier``` names that item, not ADR 3
        target = resolve_adr_reference(index, reference.target)
        if target is not None:
            referenced[target.id].add(reference.docname)
    for component in index.kind_items("component"):
        for ref in component.get_list("adrs"):
            target = resolve_adr_reference(index, ref)
            if target is not None:
                referenced[target.id].add(component.docname)
    return referenced


def _adrs_by_component(index: Index) -> dict[str, list[str]]:
    """Component ID -> ADR IDs, from ``:adrs:`` and ``adr-link`` inside it."""
    result: dict[str, set[str]] = defaultdict(set)
    for component in index.kind_items("component"):
        for ref in component.get_list("adrs"):
            target = resolve_adr_reference(index, ref)
            if target is not None:
                result[component.id].add(target.id)
    for reference in index.references:
        if reference.kind == "adr" and reference.parent:
            target = resolve_adr_reference(index, reference.target)
            if target is not None:
                result[reference.parent].add(target.id)
    return {key: sorted(value) for key, value in result.items()}


def _find_uses(index: Index) -> Iterator[AdrUse]:
    for ref in index.references:
        if ref.kind == "adr":
            what = "adr-link" if ref.relation is not None or ref.expected_title else ":arch:adr:"
            yield AdrUse(ref.target, ref.docname, ref.lineno, what, ref.expected_title, ref.source)
    for component in index.kind_items("component"):
        for target in component.get_list("adrs"):
            yield AdrUse(
                target,
                component.docname,
                component.lineno,
                _("component {id!r} :adrs:").format(id=component.id),
                None,
                component.source,
            )
