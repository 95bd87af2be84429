"""ADR checks: references, supersession chains, numbers, statuses (pure).

Imported by :mod:`sphinx_archdoc.checks`, so the checks are registered
whenever the registry is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sphinx_archdoc.adr import display_id, resolve_adr_reference
from sphinx_archdoc.checks import _is_known_external, check, declare, suggest
from sphinx_archdoc.model import Finding, Item
from sphinx_archdoc.options import normalise_adr_status

if TYPE_CHECKING:
    from sphinx_archdoc.index import Index

declare(
    "adr_number_mismatch",
    "warning",
    "A discovered ADR's heading names another number than its file name.",
)


def _shown(text: str) -> str:
    """A user's reference as quoted in a message: long ones are cut."""
    return text if len(text) <= 60 else text[:57] + "..."


def _label(item: Item, index: Index) -> str:
    return f"{display_id(item, index)} {item.title!r}"


def _status(index: Index, item: Item) -> str | None:
    value = index.computed.get(("adr", item.id), {}).get("status")
    return value.lower() if isinstance(value, str) else None


def _candidates(index: Index) -> list[str]:
    names: list[str] = []
    for item in index.kind_items("adr"):
        names.append(display_id(item, index))
        names.append(item.id)
    return names


def _uses(index: Index) -> Iterator[tuple[str, str, int, str, str | None]]:
    """Every place that relies on an ADR: (target, docname, line, what, expected title)."""
    for ref in index.references:
        if ref.kind == "adr":
            what = "adr-link" if ref.relation is not None or ref.expected_title else ":arch:adr:"
            yield ref.target, ref.docname, ref.lineno, what, ref.expected_title
    for component in index.kind_items("component"):
        for target in component.get_list("adrs"):
            yield (
                target,
                component.docname,
                component.lineno,
                f"component {component.id!r} :adrs:",
                None,
            )


@check("unknown_adr", "warning", "A reference names an ADR that does not exist.")
def check_unknown_adr(index: Index) -> Iterator[Finding]:
    for target, docname, lineno, what, _title in _uses(index):
        if resolve_adr_reference(index, target) is not None or _is_known_external(
            index, target, "adr"
        ):
            continue
        yield Finding(
            "unknown_adr",
            f"{what} names unknown ADR {_shown(target)!r}" + suggest(target, _candidates(index)),
            docname,
            lineno,
        )


@check("superseded_adr", "warning", "A document relies on an ADR that has been superseded.")
def check_superseded_adr(index: Index) -> Iterator[Finding]:
    for target, docname, lineno, what, _title in _uses(index):
        item = resolve_adr_reference(index, target)
        if item is None:
            continue
        successors = index.computed.get(("adr", item.id), {}).get("superseded-by") or []
        if not successors and _status(index, item) != "superseded":
            continue
        related = {item.docname, *(index.by_id[s].docname for s in successors)}
        if docname in related:
            continue  # the ADRs themselves may name each other
        if successors:
            names = ", ".join(_label(index.by_id[s], index) for s in successors)
            tail = f"superseded by {names}"
        else:
            tail = "superseded"
        yield Finding(
            "superseded_adr",
            f"{what} relies on {_label(item, index)}, which is {tail}",
            docname,
            lineno,
        )


@check(
    "adr_supersession",
    "warning",
    "Supersession links are missing, contradictory or cyclic.",
)
def check_adr_supersession(index: Index) -> Iterator[Finding]:
    adrs = index.kind_items("adr")
    for item in adrs:
        for relation in ("supersedes", "superseded-by"):
            for target in item.get_list(relation):
                if resolve_adr_reference(index, target) is None:
                    yield Finding(
                        "adr_supersession",
                        f"{_label(item, index)}: {relation.replace('-', ' ')} "
                        f"{_shown(target)!r}, "
                        "which does not exist" + suggest(target, _candidates(index)),
                        item.docname,
                        item.lineno,
                    )
    for item in adrs:
        computed = index.computed.get(("adr", item.id), {})
        successors = [index.by_id[s] for s in computed.get("superseded-by") or []]
        status = _status(index, item)
        written = item.get("status")
        if successors and isinstance(written, str) and status not in ("superseded", "deprecated"):
            names = ", ".join(_label(s, index) for s in successors)
            yield Finding(
                "adr_supersession",
                f"{_label(item, index)} has status {written!r}, but {names} supersedes it",
                item.docname,
                item.lineno,
            )
        if status == "superseded" and not successors:
            yield Finding(
                "adr_supersession",
                f"{_label(item, index)} is superseded, but no ADR is named as its successor",
                item.docname,
                item.lineno,
            )
        for successor in successors:
            successor_status = _status(index, successor)
            if successor_status in ("rejected", "proposed") and successor.id != item.id:
                yield Finding(
                    "adr_supersession",
                    f"{_label(item, index)} is superseded by {_label(successor, index)}, "
                    f"which is {successor_status}",
                    item.docname,
                    item.lineno,
                )
    yield from _supersession_cycles(index)


def _supersession_cycles(index: Index) -> Iterator[Finding]:
    from sphinx_archdoc.checks import _cycle_path, _strongly_connected

    graph = {
        item.id: sorted(index.computed.get(("adr", item.id), {}).get("supersedes") or [])
        for item in index.kind_items("adr")
    }
    for members_list in _strongly_connected(graph):
        members = set(members_list)
        start = members_list[0]
        if len(members) < 2 and start not in graph[start]:
            continue
        path = _cycle_path(min(members), graph, members)
        first = min((index.by_id[m] for m in members), key=lambda i: i.sort_key)
        shown = " -> ".join(display_id(index.by_id[p], index) for p in path)
        message = f"supersession cycle: {shown} (each supersedes the next)"
        if len(members) == 1:
            message = f"{_label(first, index)} supersedes itself"
        yield Finding(
            "adr_supersession",
            message,
            first.docname,
            first.lineno,
        )


@check("adr_duplicate_number", "warning", "Two ADRs have the same number.")
def check_adr_duplicate_number(index: Index) -> Iterator[Finding]:
    numbered: dict[int, list[Item]] = index.lookups.get("adr_numbered", {})
    for number, items in sorted(numbered.items()):
        if len(items) < 2:
            continue
        owner = items[0]
        shown = index.config.adr_id_format.format(number=number)
        for other in items[1:]:
            yield Finding(
                "adr_duplicate_number",
                f"{shown} is used twice: by {owner.docname} (line {owner.lineno}, "
                f"{owner.title!r}) and by {other.docname} (line {other.lineno}, "
                f"{other.title!r}); references to {shown} go to {owner.docname}",
                other.docname,
                other.lineno,
            )


@check("adr_status", "info", "An ADR status is not one of archdoc_adr_statuses.")
def check_adr_status(index: Index) -> Iterator[Finding]:
    for item in index.kind_items("adr"):
        written = item.get("status")
        if not isinstance(written, str):
            continue
        _, known = normalise_adr_status(written, index.config)
        if not known:
            yield Finding(
                "adr_status",
                f"{_label(item, index)}: status {written!r} is not one of "
                f"{', '.join(index.config.adr_statuses)} (kept as written)",
                item.docname,
                item.lineno,
            )


def _comparable(title: str) -> str:
    return " ".join(title.lower().replace("\u2019", "'").split()).rstrip(".")


@check("adr_title_mismatch", "warning", "An adr-link's :title: differs from the ADR's title.")
def check_adr_title_mismatch(index: Index) -> Iterator[Finding]:
    from sphinx_archdoc.adr_discovery import clean_title

    for target, docname, lineno, what, expected in _uses(index):
        if not expected:
            continue
        item = resolve_adr_reference(index, target)
        if item is None:
            continue
        stated = expected.split(":", 1)[1] if ":" in expected else expected
        if _comparable(expected) in (_comparable(item.title), _comparable(_label(item, index))):
            continue
        if _comparable(clean_title(expected)[0]) == _comparable(item.title):
            continue
        if _comparable(stated) == _comparable(item.title):
            continue
        yield Finding(
            "adr_title_mismatch",
            f"{what} {target!r} expects the title {expected!r}, but "
            f"{display_id(item, index)} is titled {item.title!r}",
            docname,
            lineno,
        )
