"""Cross-reference checks: pure functions from the index to findings.

Every check has a name (the warning subtype, ``archdoc.<name>``), a default
severity and a description; ``archdoc_checks`` overrides the severity.  Checks
that are found while reading (``invalid_value``...) have no function here: the
directives record them, and :func:`run_checks` gives them their severity.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sphinx_archdoc import quantities, scoring
from sphinx_archdoc.i18n import _
from sphinx_archdoc.model import EXTERNAL_ID_RE, Finding, Item

if TYPE_CHECKING:
    from sphinx_archdoc.index import Index

CheckFunction = Callable[["Index"], Iterable[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    name: str
    default: str
    description: str
    function: CheckFunction | None = None


CHECKS: dict[str, CheckSpec] = {}


def check(name: str, default: str, description: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``name``."""

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = CheckSpec(name, default, description, function)
        return function

    return register


def declare(name: str, default: str, description: str) -> None:
    """Declare a check whose findings are recorded while reading."""
    CHECKS[name] = CheckSpec(name, default, description)


declare("invalid_value", "warning", "An option value that is not allowed (enum, date, ID...).")
declare("missing_value", "warning", "A required option or argument is missing.")
declare("unknown_option", "warning", "A summary filter or column names an unknown field.")
declare(
    "external_source",
    "warning",
    "An archdoc_external project's archdoc.json is missing, unreachable or invalid.",
)


def suggest(target: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'a', 'b'?)`` for the closest IDs, or an empty string."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(target, pool, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [lowered[target.lower()]] if target.lower() in lowered else []
    if not close:
        return ""
    return _(" (did you mean {candidates}?)").format(candidates=", ".join(repr(c) for c in close))


def _is_known_external(index: Index, target: str, kind: str | None = None) -> bool:
    """``project:ID`` of a configured external project: known when the project's
    data was loaded and has the item, or when it could not be loaded (that
    problem is reported once, as ``external_source``)."""
    match = EXTERNAL_ID_RE.match(target)
    if not match or match.group(1) not in dict(index.config.external):
        return False
    if match.group(1) not in index.external_projects:
        return True
    return index.get_external(target, kind) is not None


def _unknown_component(index: Index, item: Item, field: str, target: str) -> Finding | None:
    found = index.by_id.get(target)
    if found is not None and found.kind == "component":
        return None
    if _is_known_external(index, target, "component"):
        return None
    if found is None and EXTERNAL_ID_RE.match(target):
        found = index.get_external(target)
    if found is not None:
        return Finding(
            "unknown_component",
            _(
                "{kind} {id!r}: :{option}: names {target!r}, which is a {found}, not a component"
            ).format(kind=item.kind, id=item.id, option=field, target=target, found=found.kind),
            item.docname,
            item.lineno,
        )
    ids = [c.id for c in (*index.kind_items("component"), *index.external_items("component"))]
    return Finding(
        "unknown_component",
        _("{kind} {id!r}: :{option}: names unknown component {target!r}").format(
            kind=item.kind, id=item.id, option=field, target=target
        )
        + suggest(target, ids),
        item.docname,
        item.lineno,
    )


@check("duplicate_id", "warning", "Two items share an ID; the first (by document, then line) wins.")
def check_duplicate_id(index: Index) -> Iterator[Finding]:
    for item, owner in index.duplicates:
        yield Finding(
            "duplicate_id",
            _("duplicate ID {id!r}: already declared as a {kind} in {docname}, line {line}").format(
                id=item.id, kind=owner.kind, docname=owner.docname, line=owner.lineno
            ),
            item.docname,
            item.lineno,
        )


@check("unknown_component", "warning", "A reference names a component that does not exist.")
def check_unknown_component(index: Index) -> Iterator[Finding]:
    by_id = index.by_id
    # Derived once: target -> the IDs naming it, for each field naming components.
    references_to: dict[tuple[str, str], dict[str, list[str]]] = index.lookups["references_to"]
    for (_kind, field), named in references_to.items():
        for target, item_ids in named.items():
            found = by_id.get(target)
            if found is not None and found.kind == "component":
                continue  # the common case: one lookup per distinct target
            for item_id in item_ids:
                finding = _unknown_component(index, by_id[item_id], field, target)
                if finding is not None:
                    yield finding
    for item in index.kind_items("question"):
        for target in item.get_list("components"):
            finding = _unknown_component(index, item, "components", target)
            if finding is not None:
                yield finding
    for ref in index.references:
        if ref.kind != "comp" or index.get(ref.target, "component") is not None:
            continue
        if _is_known_external(index, ref.target, "component"):
            continue
        ids = [c.id for c in (*index.kind_items("component"), *index.external_items("component"))]
        source = (
            ref.relation if ref.relation and ref.relation.startswith("arch-") else ":arch:comp:"
        )
        yield Finding(
            "unknown_component",
            _("{source} names unknown component {id!r}").format(source=source, id=ref.target)
            + suggest(ref.target, ids),
            ref.docname,
            ref.lineno,
        )


@check("unknown_reference", "warning", "A role names an item that does not exist.")
def check_unknown_reference(index: Index) -> Iterator[Finding]:
    from sphinx_archdoc.kinds import ROLE_TO_KIND

    for ref in index.references:
        if ref.kind in ("comp", "adr"):
            continue  # reported as unknown_component / unknown_adr
        kind = ROLE_TO_KIND.get(ref.kind)
        if index.get(ref.target, kind) is not None or _is_known_external(index, ref.target, kind):
            continue
        candidates = [
            i.id for i in (*index.items, *index.external.values()) if kind is None or i.kind == kind
        ]
        what = kind or "item"
        yield Finding(
            "unknown_reference",
            _(":arch:{role}: names unknown {kind} {id!r}").format(
                role=ref.kind, kind=what, id=ref.target
            )
            + suggest(ref.target, candidates),
            ref.docname,
            ref.lineno,
        )


@check("dependency_cycle", "warning", "Components depend on each other in a cycle.")
def check_dependency_cycle(index: Index) -> Iterator[Finding]:
    # The derived reverse edges: who depends on each component.
    dependents: dict[str, list[str]] = index.lookups["references_to"][("component", "depends-on")]
    cyclic = _cyclic_part((c.id for c in index.kind_items("component")), dependents)
    if not cyclic:
        return  # the usual case
    components = {c.id: c for c in index.kind_items("component") if c.id in cyclic}
    # Only what can lie on a cycle is walked, in sorted order (deterministic).
    graph = {
        cid: sorted({d for d in components[cid].get_list("depends-on") if d in cyclic})
        for cid in sorted(cyclic)
    }
    for component_ids in _strongly_connected(graph):
        members = set(component_ids)
        is_self_loop = len(members) == 1 and component_ids[0] in graph[component_ids[0]]
        if len(members) < 2 and not is_self_loop:
            continue
        path = _cycle_path(min(members), graph, members)
        first = min((components[c] for c in members), key=lambda i: i.sort_key)
        yield Finding(
            "dependency_cycle",
            _("dependency cycle: {cycle}").format(cycle=" -> ".join(path)),
            first.docname,
            first.lineno,
        )


def _cyclic_part(nodes: Iterable[str], dependents: dict[str, list[str]]) -> set[str]:
    """The components that lie on a cycle or lead to one.

    ``dependents`` holds the reverse edges (target -> the components naming
    it, each once). Components that depend on nothing are peeled off,
    repeatedly, in linear time (Kahn's algorithm); in an architecture the
    whole graph usually goes, and Tarjan's algorithm only walks what is left.
    """
    waiting = dict.fromkeys(nodes, 0)  # how many known components each depends on
    for target, parents in dependents.items():
        if target in waiting:
            for parent in parents:
                waiting[parent] += 1
    ready = [node for node, count in waiting.items() if count == 0]
    while ready:
        for parent in dependents.get(ready.pop(), ()):
            count = waiting[parent] - 1
            waiting[parent] = count
            if not count:
                ready.append(parent)
    return {node for node, count in waiting.items() if count > 0}


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (deep graphs must not hit the recursion limit)."""
    counter = 0
    indices: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    for start in sorted(graph):
        if start in indices:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, child_i = work.pop()
            if child_i == 0:
                indices[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = graph[node]
            recurse = False
            for i in range(child_i, len(children)):
                child = children[i]
                if child not in indices:
                    work.append((node, i + 1))
                    work.append((child, 0))
                    recurse = True
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], indices[child])
            if recurse:
                continue
            if lowlink[node] == indices[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(sorted(component))
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return sorted(result)


def _cycle_path(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """The shortest cycle from ``start`` back to itself inside one strong component."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        next_frontier: list[str] = []
        for node in frontier:
            for child in graph[node]:
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if child in members and child not in seen:
                    seen.add(child)
                    previous[child] = node
                    next_frontier.append(child)
        frontier = next_frontier
    return [start, start]  # pragma: no cover - members form a cycle


@check(
    "unmitigated_risk",
    "warning",
    "A risk in the highest band has no mitigation (or only a placeholder such as TBD).",
)
def check_unmitigated_risk(index: Index) -> Iterator[Finding]:
    top = scoring.highest_band(index.config)
    for risk in index.kind_items("risk"):
        computed = index.computed.get(("risk", risk.id), {})
        if computed.get("band") != top or risk.get("status") == "closed":
            continue
        text = risk.text("mitigation")
        if not scoring.is_placeholder(text):
            continue
        what = (
            _("no :mitigation:")
            if not text
            else _("only a placeholder :mitigation: {value!r}").format(value=text)
        )
        yield Finding(
            "unmitigated_risk",
            _("risk {id!r} is in band {band!r} (score {score}) but has {problem}").format(
                id=risk.id, band=top, score=computed.get("score"), problem=what
            ),
            risk.docname,
            risk.lineno,
        )


@check(
    "review_overdue",
    "warning",
    "A review date (risk :review:, arch-status :next-review:) has passed.",
)
def check_review_overdue(index: Index) -> Iterator[Finding]:
    today = index.today.isoformat()
    for risk in index.kind_items("risk"):
        review = risk.get("review")
        if isinstance(review, str) and review < today and risk.get("status") != "closed":
            yield Finding(
                "review_overdue",
                _("risk {id!r}: review date {date} has passed (today is {today})").format(
                    id=risk.id, date=review, today=today
                ),
                risk.docname,
                risk.lineno,
            )
    for status in index.kind_items("status"):
        review = status.get("next-review")
        if isinstance(review, str) and review < today:
            yield Finding(
                "review_overdue",
                _("document {docname!r}: next review {date} has passed (today is {today})").format(
                    docname=status.docname, date=review, today=today
                ),
                status.docname,
                status.lineno,
            )


@check("question_overdue", "warning", "An open question is past its due date.")
def check_question_overdue(index: Index) -> Iterator[Finding]:
    for question in index.kind_items("question"):
        if index.computed.get(("question", question.id), {}).get("overdue"):
            yield Finding(
                "question_overdue",
                _("question {id!r} is still open and was due {date} (today is {today})").format(
                    id=question.id, date=question.get("due"), today=index.today.isoformat()
                ),
                question.docname,
                question.lineno,
            )


def _perf_evaluations(index: Index) -> Iterator[tuple[Item, quantities.Evaluation]]:
    known = index.lookups.get("perf_evaluations", {})  # from derive, once per build
    for target in index.kind_items("perf-target"):
        evaluation = known.get(target.id)
        if evaluation is None:
            evaluation = quantities.evaluate(target.text("target"), target.text("current"))
        yield target, evaluation


@check("perf_missed", "info", "A performance target's current value misses the target.")
def check_perf_missed(index: Index) -> Iterator[Finding]:
    for target, evaluation in _perf_evaluations(index):
        if evaluation.status == "missed":
            yield Finding(
                "perf_missed",
                _(
                    "performance target {id!r} ({metric}) is missed: "
                    "current {current}, target {target}"
                ).format(
                    id=target.id,
                    metric=target.get("metric"),
                    current=target.get("current"),
                    target=target.get("target"),
                ),
                target.docname,
                target.lineno,
            )


@check(
    "perf_unit_mismatch",
    "warning",
    "A target and its current value have different dimensions (ms vs req/s) or units.",
)
def check_perf_unit_mismatch(index: Index) -> Iterator[Finding]:
    for target, evaluation in _perf_evaluations(index):
        if evaluation.problem == "unit_mismatch":
            yield Finding(
                "perf_unit_mismatch",
                _(
                    "performance target {id!r}: cannot compare current {current!r} "
                    "with target {target!r}: {reason}; status is unknown"
                ).format(
                    id=target.id,
                    current=target.get("current"),
                    target=target.get("target"),
                    reason=evaluation.reason,
                ),
                target.docname,
                target.lineno,
            )


def run_checks(index: Index, read_findings: Iterable[Finding]) -> list[Finding]:
    """Run every enabled check; apply severities; drop ``off``; sort."""
    findings: list[Finding] = list(read_findings)
    for spec in CHECKS.values():
        if spec.function is None or index.config.severity(spec.name, spec.default) == "off":
            continue
        findings.extend(spec.function(index))
    # Checks locate findings by an item's document and line; an item that came
    # from an included file is reported in that file.
    sources: dict[tuple[str | None, int | None], str] = {
        (i.docname, i.lineno): i.source for i in index.items if i.source
    }
    for ref in index.references:
        if ref.source:
            sources[(ref.docname, ref.lineno)] = ref.source
    severities: dict[str, str] = {}
    result = []
    for found in findings:
        severity = severities.get(found.check)
        if severity is None:
            known = CHECKS.get(found.check)
            default = known.default if known else "warning"
            severity = severities[found.check] = index.config.severity(found.check, default)
        if severity == "off":
            continue
        source = found.source
        if source is None and sources:
            source = sources.get((found.docname, found.lineno))
        if severity == found.severity and source == found.source:
            result.append(found)
        else:
            result.append(replace(found, severity=severity, source=source))
    return sorted(set(result), key=lambda f: f.sort_key)


# Declared here so that ``archdoc_checks`` accepts them; their functions are
# registered by the modules that own the data (ADR, performance targets).
for _name, _default, _description in (
    ("unknown_adr", "warning", "A reference names an ADR that does not exist."),
    ("superseded_adr", "warning", "A document relies on an ADR that has been superseded."),
    ("adr_supersession", "warning", "Supersession links are missing, contradictory or cyclic."),
    ("adr_duplicate_number", "warning", "Two ADRs have the same number."),
    ("adr_status", "info", "An ADR status is not one of archdoc_adr_statuses."),
    ("adr_title_mismatch", "warning", "An adr-link's :title: differs from the ADR's title."),
    ("perf_unit_mismatch", "warning", "A target and its current value have different dimensions."),
):
    if _name not in CHECKS:
        declare(_name, _default, _description)

# ADR checks live with the ADR code; importing them registers them.
from sphinx_archdoc import adr_checks as _adr_checks  # noqa: E402

del _adr_checks
