"""ADR checks: references, supersession chains, numbers, statuses (pure).

Their functions are in :data:`ADR_CHECK_FUNCTIONS`; the index build runs them
with the other checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sphinx_archdoc.core.adr import adr_status, display_id, resolve_adr_reference
from sphinx_archdoc.core.adr_discovery import clean_title
from sphinx_archdoc.core.checknames import CheckName
from sphinx_archdoc.core.checks import CheckFunction, check, is_known_external, suggest
from sphinx_archdoc.core.graph import cycle_path, strongly_connected
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import ADR_RELATIONS
from sphinx_archdoc.core.model import Finding, Item

if TYPE_CHECKING:
    from sphinx_archdoc.core.index import Index

#: The ADR checks' functions, by name.
ADR_CHECK_FUNCTIONS: dict[CheckName, CheckFunction] = {}


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


@check("unknown_adr", ADR_CHECK_FUNCTIONS)
def check_unknown_adr(index: Index) -> Iterator[Finding]:
    for use in index.adrs.uses:
        target, docname, lineno, what = use.target, use.docname, use.lineno, use.what
        if resolve_adr_reference(index, target) is not None or is_known_external(
            index, target, "adr"
        ):
            continue
        yield Finding(
            "unknown_adr",
            _("{what} names unknown ADR {reference!r}").format(what=what, reference=_shown(target))
            + suggest(target, _candidates(index)),
            docname,
            lineno,
            source=use.source,
        )


@check("superseded_adr", ADR_CHECK_FUNCTIONS)
def check_superseded_adr(index: Index) -> Iterator[Finding]:
    chains = _supersession_chains(index)
    for use in index.adrs.uses:
        target, docname, lineno, what = use.target, use.docname, use.lineno, use.what
        item = resolve_adr_reference(index, target)
        if item is None:
            continue
        successors = index.computed.get(("adr", item.id), {}).get("superseded-by") or []
        if not successors and _status(index, item) != "superseded":
            continue
        if docname in chains.get(item.id, {item.docname}):
            continue  # the ADRs of one chain may name each other ("ADR-3 supersedes ADR-2")
        if successors:
            names = ", ".join(_label(index.by_id[s], index) for s in successors)
            tail = _("superseded by {names}").format(names=names)
        else:
            tail = _("superseded")
        yield Finding(
            "superseded_adr",
            _("{what} relies on {adr}, which is {state}").format(
                what=what, adr=_label(item, index), state=tail
            ),
            docname,
            lineno,
            source=use.source,
        )


def _supersession_chains(index: Index) -> dict[str, set[str]]:
    """ADR ID -> the documents of every ADR in its supersession chain (the
    ADRs it supersedes or is superseded by, at any distance)."""
    neighbours: dict[str, set[str]] = {}
    for adr in index.kind_items("adr"):
        computed = index.computed.get(("adr", adr.id), {})
        for other in (*computed.get("supersedes", ()), *computed.get("superseded-by", ())):
            neighbours.setdefault(adr.id, set()).add(other)
            neighbours.setdefault(other, set()).add(adr.id)
    result: dict[str, set[str]] = {}
    for start in sorted(neighbours):
        if start in result:
            continue
        members, stack = {start}, [start]
        while stack:
            for other in neighbours.get(stack.pop(), ()):
                if other not in members:
                    members.add(other)
                    stack.append(other)
        documents = {index.by_id[m].docname for m in members if m in index.by_id}
        for member in members:
            result[member] = documents
    return result


def _missing_target(
    check_name: CheckName, index: Index, item: Item, relation: str, target: str
) -> Finding:
    """An ADR's relation names an ADR that does not exist."""
    return Finding(
        check_name,
        _("{adr}: {relation} {reference!r}, which does not exist").format(
            adr=_label(item, index), relation=relation.replace("-", " "), reference=_shown(target)
        )
        + suggest(target, _candidates(index)),
        item.docname,
        item.lineno,
        source=item.source,
    )


@check("adr_supersession", ADR_CHECK_FUNCTIONS)
def check_adr_supersession(index: Index) -> Iterator[Finding]:
    adrs = index.kind_items("adr")
    for item in adrs:
        for relation in ("supersedes", "superseded-by"):
            for target in item.get_list(relation):
                if resolve_adr_reference(index, target) is None:
                    yield _missing_target("adr_supersession", index, item, relation, target)
    for item in adrs:
        computed = index.computed.get(("adr", item.id), {})
        successors = [index.by_id[s] for s in computed.get("superseded-by") or []]
        status = _status(index, item)
        written = item.get("status")
        if successors and isinstance(written, str) and status not in ("superseded", "deprecated"):
            names = ", ".join(_label(s, index) for s in successors)
            yield Finding.at(
                "adr_supersession",
                _("{adr} has status {status!r}, but {names} supersedes it").format(
                    adr=_label(item, index), status=written, names=names
                ),
                item,
            )
        if status == "superseded" and not successors:
            yield Finding.at(
                "adr_supersession",
                _("{adr} is superseded, but no ADR is named as its successor").format(
                    adr=_label(item, index)
                ),
                item,
            )
        for successor in successors:
            successor_status = _status(index, successor)
            if successor_status in ("rejected", "proposed") and successor.id != item.id:
                yield Finding.at(
                    "adr_supersession",
                    _("{adr} is superseded by {successor}, which is {status}").format(
                        adr=_label(item, index),
                        successor=_label(successor, index),
                        status=successor_status,
                    ),
                    item,
                )
    yield from _supersession_cycles(index)


def _supersession_cycles(index: Index) -> Iterator[Finding]:
    graph = {
        item.id: sorted(index.computed.get(("adr", item.id), {}).get("supersedes") or [])
        for item in index.kind_items("adr")
    }
    for members_list in strongly_connected(graph):
        members = set(members_list)
        start = members_list[0]
        if len(members) < 2 and start not in graph[start]:
            continue
        path = cycle_path(min(members), graph, members)
        first = min((index.by_id[m] for m in members), key=lambda i: i.sort_key)
        shown = " -> ".join(display_id(index.by_id[p], index) for p in path)
        message = _("supersession cycle: {cycle} (each supersedes the next)").format(cycle=shown)
        if len(members) == 1:
            message = _("{adr} supersedes itself").format(adr=_label(first, index))
        yield Finding.at(
            "adr_supersession",
            message,
            first,
        )


@check("adr_duplicate_number", ADR_CHECK_FUNCTIONS)
def check_adr_duplicate_number(index: Index) -> Iterator[Finding]:
    for number, items in sorted(index.adrs.numbered.items()):
        if len(items) < 2:
            continue
        owner = items[0]
        shown = index.config.adr_id_format.format(number=number)
        for other in items[1:]:
            yield Finding.at(
                "adr_duplicate_number",
                _(
                    "{adr} is used twice: by {docname} (line {line}, {title!r}) and by "
                    "{other_docname} (line {other_line}, {other_title!r}); "
                    "references to {adr} go to {docname}"
                ).format(
                    adr=shown,
                    docname=owner.docname,
                    line=owner.lineno,
                    title=owner.title,
                    other_docname=other.docname,
                    other_line=other.lineno,
                    other_title=other.title,
                ),
                other,
            )


@check("adr_status", ADR_CHECK_FUNCTIONS)
def check_adr_status(index: Index) -> Iterator[Finding]:
    for item in index.kind_items("adr"):
        written = item.get("status")
        if not isinstance(written, str):
            continue
        _status, _note, known = adr_status(item, index.config)
        if not known:
            yield Finding.at(
                "adr_status",
                _("{adr}: status {status!r} is not one of {allowed} (kept as written)").format(
                    adr=_label(item, index),
                    status=written,
                    allowed=", ".join(index.config.adr_statuses),
                ),
                item,
            )


#: What smart quotes make of straight quotes, in every language Sphinx knows
#: (curly, low-9, guillemets, primes), back to the straight ones.
_QUOTES = str.maketrans(dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\u2032", "'"))
_QUOTES.update(str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"')))
_AROUND_QUOTES_RE = re.compile(r"\s*(['\"])\s*")


def _comparable(title: str) -> str:
    """A title as compared: case, spacing and typography aside.  A heading has
    been through Sphinx's smart quotes (quotes, ``--``/``---`` dashes,
    ``...``), an option value has not; French quotes add spaces inside."""
    text = title.translate(_QUOTES)
    text = text.replace("\u2014", "---").replace("\u2013", "--").replace("\u2026", "...")
    text = _AROUND_QUOTES_RE.sub(r"\1", " ".join(text.lower().split()))
    return text.rstrip(".")


@check("adr_title_mismatch", ADR_CHECK_FUNCTIONS)
def check_adr_title_mismatch(index: Index) -> Iterator[Finding]:
    for use in index.adrs.uses:
        target, docname, lineno, what = use.target, use.docname, use.lineno, use.what
        expected = use.expected_title
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
            _(
                "{what} {reference!r} expects the title {expected!r}, but {adr} is titled {title!r}"
            ).format(
                what=what,
                reference=target,
                expected=expected,
                adr=display_id(item, index),
                title=item.title,
            ),
            docname,
            lineno,
            source=use.source,
        )


@check("adr_relation", ADR_CHECK_FUNCTIONS)
def check_adr_relation(index: Index) -> Iterator[Finding]:
    """``:amends:``, ``:depends-on:``, ``:relates-to:``: every target exists,
    no ADR names itself, and no ADR depends on itself through others."""
    adrs = index.kind_items("adr")
    for item in adrs:
        for relation in ADR_RELATIONS:
            for target in item.get_list(relation):
                found = resolve_adr_reference(index, target)
                if found is None and not is_known_external(index, target, "adr"):
                    yield _missing_target("adr_relation", index, item, relation, target)
                elif found is item:
                    yield Finding(
                        "adr_relation",
                        _("{adr}: {relation} itself").format(
                            adr=_label(item, index), relation=relation.replace("-", " ")
                        ),
                        item.docname,
                        item.lineno,
                        source=item.source,
                    )
    graph = {
        item.id: sorted(index.computed.get(("adr", item.id), {}).get("depends-on") or [])
        for item in adrs
    }
    for members_list in strongly_connected(graph):
        if len(members_list) < 2:
            continue  # depending on itself is reported above
        members = set(members_list)
        path = cycle_path(min(members), graph, members)
        first = min((index.by_id[m] for m in members), key=lambda i: i.sort_key)
        yield Finding.at(
            "adr_relation",
            _("depends-on cycle: {cycle} (each depends on the next)").format(
                cycle=" -> ".join(display_id(index.by_id[p], index) for p in path)
            ),
            first,
        )
