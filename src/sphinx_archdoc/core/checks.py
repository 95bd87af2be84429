"""Cross-reference checks: pure functions from the index to findings.

Every check has a name (the warning subtype, ``archdoc.<name>``), a default
severity and a description; ``archdoc_checks`` overrides the severity.  Checks
that are found while reading (``invalid_value``...) have no function here: the
directives record them, and :func:`run_checks` gives them their severity.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from sphinx_archdoc.core import quantities, scoring
from sphinx_archdoc.core.checknames import CHECKS, CheckName
from sphinx_archdoc.core.deployment import undeployed
from sphinx_archdoc.core.flows import Step, is_declared, parse_steps
from sphinx_archdoc.core.graph import cycle_path, cyclic_part, strongly_connected
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import C4_ELEMENT_KINDS, KINDS, ROLE_TO_KIND, FieldType
from sphinx_archdoc.core.model import EXTERNAL_ID_RE, Finding, Item

if TYPE_CHECKING:
    from sphinx_archdoc.core.index import Index

CheckFunction = Callable[["Index"], Iterable[Finding]]

#: The functions of the checks that look at the whole index, by name.
CHECK_FUNCTIONS: dict[CheckName, CheckFunction] = {}


def check(
    name: CheckName, registry: dict[CheckName, CheckFunction] = CHECK_FUNCTIONS
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under ``name`` (declared in :mod:`.checknames`)."""

    def register(function: CheckFunction) -> CheckFunction:
        registry[name] = function
        return function

    return register


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


def is_known_external(index: Index, target: str, kind: str | None = None) -> bool:
    """See :meth:`Index.is_known_external`."""
    return index.is_known_external(target, kind)


def _unknown_component(index: Index, item: Item, field: str, target: str) -> Finding | None:
    found = index.by_id.get(target)
    if found is not None and found.kind == "component":
        return None
    if is_known_external(index, target, "component"):
        return None
    if found is None and EXTERNAL_ID_RE.match(target):
        found = index.get_external(target)
    if found is not None:
        return Finding.at(
            "unknown_component",
            _(
                "{kind} {id!r}: :{option}: names {target!r}, which is a {found}, not a component"
            ).format(kind=item.kind, id=item.id, option=field, target=target, found=found.kind),
            item,
        )
    ids = [c.id for c in (*index.kind_items("component"), *index.external_items("component"))]
    return Finding.at(
        "unknown_component",
        _("{kind} {id!r}: :{option}: names unknown component {target!r}").format(
            kind=item.kind, id=item.id, option=field, target=target
        )
        + suggest(target, ids),
        item,
    )


@check("duplicate_id")
def check_duplicate_id(index: Index) -> Iterator[Finding]:
    for item, owner in index.duplicates:
        yield Finding.at(
            "duplicate_id",
            _("duplicate ID {id!r}: already declared as a {kind} in {docname}, line {line}").format(
                id=item.id, kind=owner.kind, docname=owner.docname, line=owner.lineno
            ),
            item,
        )


@check("unknown_component")
def check_unknown_component(index: Index) -> Iterator[Finding]:
    by_id = index.by_id
    # The local components own their IDs (kind lists hold owners only).
    components = _ids(index, "component")
    # Derived once: target -> the IDs naming it, for each field naming components.
    for (_kind, field), named in index.references_to.items():
        if components.issuperset(named):
            continue  # the common case: every target is a component
        for target, item_ids in named.items():
            if target in components:
                continue
            for item_id in item_ids:
                finding = _unknown_component(index, by_id[item_id], field, target)
                if finding is not None:
                    yield finding
    for item in index.kind_items("question"):
        for target in item.get_list("components"):
            finding = _unknown_component(index, item, "components", target)
            if finding is not None:
                yield finding
    others = (_ids(index, kind) for kind in C4_ELEMENT_KINDS if kind != "component")
    elements = components.union(*others)
    yield from _relation_ends(index, elements)
    yield from _node_parents(index)
    yield from _flow_ends(index)
    # A reference to a local component (the common case) is not looked up.
    naming = [r for r in index.references if r.kind == "comp" and r.target not in components]
    for ref in naming:
        if index.get(ref.target, "component") is not None:
            continue
        if is_known_external(index, ref.target, "component"):
            continue
        ids = [c.id for c in (*index.kind_items("component"), *index.external_items("component"))]
        source = (
            ref.relation if ref.relation and ref.relation.startswith("arch-") else ":arch:comp:"
        )
        yield Finding.at(
            "unknown_component",
            _("{source} names unknown component {id!r}").format(source=source, id=ref.target)
            + suggest(ref.target, ids),
            ref,
        )


def relation_name(item: Item) -> str:
    """``'A -> B'``: how a relation is named in a message."""
    return f"{item.text('source') or '?'} -> {item.text('target') or '?'}"


def _ids(index: Index, kind: str) -> set[str]:
    """The IDs of the local items of ``kind`` (their owners: kind lists hold owners only)."""
    return {item.id for item in index.kind_items(kind)}


def _relation_ends(index: Index, elements: set[str]) -> Iterator[Finding]:
    """Each end of an ``arch-relation`` is a component, an actor or a known
    external element (``elements``: the IDs of the local components and actors)."""
    for relation in index.kind_items("relation"):
        fields = relation.fields
        if fields.get("source") in elements and fields.get("target") in elements:
            continue  # the common case: no message is built
        ends = (relation.text("source") or "", relation.text("target") or "")
        yield from _element_ends(index, partial(_relation_where, relation), ends, relation)


def _relation_where(relation: Item) -> str:
    return _("relation {relation!r}").format(relation=relation_name(relation))


def _flow_steps(index: Index) -> Iterator[tuple[Item, int, Step]]:
    """Every step of every flow, numbered from 1."""
    for flow in index.kind_items("flow"):
        steps, _errors = parse_steps(flow.get_list("steps"))
        for number, step in enumerate(steps, start=1):
            yield flow, number, step


def _flow_ends(index: Index) -> Iterator[Finding]:
    """Each end of a flow step is a component, an actor or a known external element."""
    for flow, number, step in _flow_steps(index):
        where = partial(_("flow {id!r}, step {number}").format, id=flow.id, number=number)
        yield from _element_ends(
            index, where, tuple(dict.fromkeys((step.source, step.target))), flow
        )


def _element_ends(
    index: Index, where: Callable[[], str], ends: tuple[str, ...], item: Item
) -> Iterator[Finding]:
    """``unknown_component`` for each of ``ends`` that is not a component, an
    actor or a known external element, at ``item``'s line (``where`` names the
    place in the message; it is only made for a finding)."""
    for end in ends:
        found = index.by_id.get(end)
        if found is not None and found.kind in C4_ELEMENT_KINDS:
            continue
        if found is None and index.is_known_external(end):
            continue
        if found is not None:
            message = _("{where}: {end!r} is a {found}, not a component or actor").format(
                where=where(), end=end, found=found.kind
            )
        else:
            candidates = [i.id for kind in C4_ELEMENT_KINDS for i in index.kind_items(kind)]
            message = _("{where}: names unknown component or actor {end!r}").format(
                where=where(), end=end
            ) + suggest(end, candidates)
        yield Finding("unknown_component", message, item.docname, item.lineno)


@check("flow_undeclared")
def check_flow_undeclared(index: Index) -> Iterator[Finding]:
    """A step between two known elements that no relation connects."""
    if not index.kind_items("flow"):
        return
    c4 = index.c4
    known = {i.id for i in (*index.kind_items("component"), *index.kind_items("actor"))}
    for flow, number, step in _flow_steps(index):
        ends_known = all(
            end in known or index.is_known_external(end) for end in (step.source, step.target)
        )
        if ends_known and not is_declared(step, c4.relations, c4.hierarchy):
            yield Finding(
                "flow_undeclared",
                _(
                    "flow {id!r}, step {number}: no relation or dependency connects {source!r} "
                    "and {target!r}; declare one (arch-relation, :depends-on:, :uses:)"
                ).format(id=flow.id, number=number, source=step.source, target=step.target),
                flow.docname,
                flow.lineno,
            )


def _node_parents(index: Index) -> Iterator[Finding]:
    """A deployment node's ``:parent:`` names another deployment node."""
    nodes = [n.id for n in index.kind_items("deployment-node")]
    for child, parent in index.deployment.hierarchy.unknown_parents:
        node = index.by_id[child]
        yield Finding(
            "unknown_component",
            _("deployment node {id!r}: :parent: names unknown deployment node {parent!r}").format(
                id=child, parent=parent
            )
            + suggest(parent, nodes),
            node.docname,
            node.lineno,
        )


@check("hierarchy")
def check_hierarchy(index: Index) -> Iterator[Finding]:
    hierarchy = index.c4.hierarchy
    for cycle in (*hierarchy.cycles, *index.deployment.hierarchy.cycles):
        first = min((index.by_id[c] for c in cycle), key=lambda item: item.sort_key)
        path = " -> ".join((*cycle, cycle[0]))
        yield Finding(
            "hierarchy",
            _("parent cycle: {cycle} (each is drawn as top level)").format(cycle=path),
            first.docname,
            first.lineno,
            source=first.source,
        )
    for wrong in hierarchy.upside_down:
        child = index.by_id[wrong.child]
        yield Finding.at(
            "hierarchy",
            _(
                "component {id!r} ({type}) has parent {parent!r} ({parent_type}): a parent's "
                "type must come before its child's in archdoc_component_types ({types})"
            ).format(
                id=wrong.child,
                type=wrong.child_type,
                parent=wrong.parent,
                parent_type=wrong.parent_type,
                types=", ".join(index.config.component_types),
            ),
            child,
        )


@check("not_deployed")
def check_not_deployed(index: Index) -> Iterator[Finding]:
    """A container of the system (not an external one) that no node of an
    environment with nodes hosts, itself or through a component inside it."""
    if not index.deployment.order:
        return  # no node: no environment with nodes
    containers = [
        c.id
        for c in index.kind_items("component")
        if c.fields.get("type") == "container" and c.fields.get("layer") != "external"
    ]
    for container, environment in undeployed(index.deployment, containers, index.c4.hierarchy):
        item = index.by_id[container]
        yield Finding(
            "not_deployed",
            _("container {id!r} is deployed on no node of the {environment!r} environment").format(
                id=container, environment=environment
            ),
            item.docname,
            item.lineno,
        )


@check("unknown_reference")
def check_unknown_reference(index: Index) -> Iterator[Finding]:
    # comp and adr references are reported as unknown_component / unknown_adr.
    for ref in [r for r in index.references if r.kind not in {"comp", "adr"}]:
        kind = ROLE_TO_KIND.get(ref.kind)
        if index.get(ref.target, kind) is not None or is_known_external(index, ref.target, kind):
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
            source=ref.source,
        )
    yield from _unknown_item_references(index)


def _with_article(label: str) -> str:
    """ "a quality goal", "an open question" (kind labels are English words)."""
    return ("an " if label[:1] in "aeiou" else "a ") + label


#: Options that name items of a kind other than components (those are
#: ``unknown_component``'s): ``(kind, option, kind named)``, from the vocabulary.
ITEM_REFERENCE_FIELDS: tuple[tuple[str, str, str], ...] = tuple(
    (spec.name, field.name, field.ref_kind)
    for spec in KINDS.values()
    for field in spec.fields
    if field.type in (FieldType.REF, FieldType.REFS)
    and field.ref_kind
    and field.ref_kind != "component"
    # A parent is the hierarchy check's: unknown_component, as for components.
    and field.name != "parent"
)


def _unknown_item_references(index: Index) -> Iterator[Finding]:
    for kind, option, ref_kind in ITEM_REFERENCE_FIELDS:
        # Most items leave most options out: no call for those.
        for item in [i for i in index.kind_items(kind) if option in i.fields]:
            for target in item.get_list(option):
                found = index.get(target)
                if found is not None and found.kind == ref_kind:
                    continue
                if is_known_external(index, target, ref_kind):
                    continue
                wanted = KINDS[ref_kind].label
                if found is not None:
                    message = _(
                        "{kind} {id!r}: :{option}: names {target!r}, which is {found}, not {wanted}"
                    ).format(
                        kind=item.kind,
                        id=item.id,
                        option=option,
                        target=target,
                        found=_with_article(KINDS[found.kind].label),
                        wanted=_with_article(wanted),
                    )
                else:
                    candidates = [i.id for i in index.kind_items(ref_kind)]
                    message = _(
                        "{kind} {id!r}: :{option}: names unknown {wanted} {target!r}"
                    ).format(
                        kind=item.kind, id=item.id, option=option, wanted=wanted, target=target
                    ) + suggest(target, candidates)
                yield Finding("unknown_reference", message, item.docname, item.lineno)


@check("dependency_cycle")
def check_dependency_cycle(index: Index) -> Iterator[Finding]:
    # The derived reverse edges: who depends on each component.
    dependents = index.references_to[("component", "depends-on")]
    cyclic = cyclic_part([c.id for c in index.kind_items("component")], dependents)
    if not cyclic:
        return  # the usual case
    components = {c.id: c for c in index.kind_items("component") if c.id in cyclic}
    # Only what can lie on a cycle is walked, in sorted order (deterministic).
    graph = {
        cid: sorted({d for d in components[cid].get_list("depends-on") if d in cyclic})
        for cid in sorted(cyclic)
    }
    for component_ids in strongly_connected(graph):
        members = set(component_ids)
        is_self_loop = len(members) == 1 and component_ids[0] in graph[component_ids[0]]
        if len(members) < 2 and not is_self_loop:
            continue
        path = cycle_path(min(members), graph, members)
        first = min((components[c] for c in members), key=lambda i: i.sort_key)
        yield Finding.at(
            "dependency_cycle",
            _("dependency cycle: {cycle}").format(cycle=" -> ".join(path)),
            first,
        )


@check("unmitigated_risk")
def check_unmitigated_risk(index: Index) -> Iterator[Finding]:
    top = scoring.highest_band(index.config)
    assessments = index.risk_assessments  # derived once per build
    # The risks in the top band first, in one comprehension (most are not).
    banded = [risk for risk in index.kind_items("risk") if assessments[risk.id].band == top]
    for risk in banded:
        if risk.get("status") == "closed":
            continue
        text = risk.text("mitigation")
        if not scoring.is_placeholder(text):
            continue
        what = (
            _("no :mitigation:")
            if not text
            else _("only a placeholder :mitigation: {value!r}").format(value=text)
        )
        yield Finding.at(
            "unmitigated_risk",
            _("risk {id!r} is in band {band!r} (score {score}) but has {problem}").format(
                id=risk.id, band=top, score=assessments[risk.id].score, problem=what
            ),
            risk,
        )


@check("review_overdue")
def check_review_overdue(index: Index) -> Iterator[Finding]:
    today = index.today.isoformat()
    for risk in [r for r in index.kind_items("risk") if "review" in r.fields]:
        review = risk.get("review")
        if isinstance(review, str) and review < today and risk.get("status") != "closed":
            yield Finding.at(
                "review_overdue",
                _("risk {id!r}: review date {date} has passed (today is {today})").format(
                    id=risk.id, date=review, today=today
                ),
                risk,
            )
    for status in index.kind_items("status"):
        review = status.get("next-review")
        if isinstance(review, str) and review < today:
            yield Finding.at(
                "review_overdue",
                _("document {docname!r}: next review {date} has passed (today is {today})").format(
                    docname=status.docname, date=review, today=today
                ),
                status,
            )


@check("question_overdue")
def check_question_overdue(index: Index) -> Iterator[Finding]:
    for question in index.kind_items("question"):
        if index.computed.get(("question", question.id), {}).get("overdue"):
            yield Finding.at(
                "question_overdue",
                _("question {id!r} is still open and was due {date} (today is {today})").format(
                    id=question.id, date=question.get("due"), today=index.today.isoformat()
                ),
                question,
            )


@check("perf_missed")
def check_perf_missed(index: Index) -> Iterator[Finding]:
    evaluations = index.perf_evaluations  # derived once per build
    missed = [t for t in index.kind_items("perf-target") if evaluations[t.id].status == "missed"]
    if not missed:
        return
    # Translated once, not per target; and targets repeat their goals.
    message = _("performance target {id!r} ({metric}) is missed: {measured}, target {target}")
    current, result = _("current {current}"), _(":result: {result}")
    quantitative: dict[str | None, bool] = {}
    for target in missed:
        fields = target.fields
        goal = target.text("target")
        if goal not in quantitative:
            quantitative[goal] = quantities.is_quantitative(goal)
        if quantitative[goal]:
            measured = current.format(current=fields.get("current"))
        else:  # a qualitative target: missed by its :result:
            measured = result.format(result=fields.get("result"))
        yield Finding.at(
            "perf_missed",
            message.format(
                id=target.id, metric=fields.get("metric"), measured=measured, target=goal
            ),
            target,
        )


@check("perf_unit_mismatch")
def check_perf_unit_mismatch(index: Index) -> Iterator[Finding]:
    evaluations = index.perf_evaluations  # derived once per build
    for target in index.kind_items("perf-target"):
        evaluation = evaluations[target.id]
        if evaluation.problem == "unit_mismatch":
            yield Finding.at(
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
                target,
            )


def run_checks(
    index: Index,
    read_findings: Iterable[Finding],
    functions: Mapping[CheckName, CheckFunction],
) -> list[Finding]:
    """Run every enabled check of ``functions`` that has items of its kinds to
    examine; apply severities; drop ``off``; sort."""
    findings: list[Finding] = list(read_findings)
    # The kinds with an item (an item whose ID another took included): a check
    # of other kinds has nothing to examine.
    present = {kind for kind, items in index.by_kind.items() if items}
    present.update(item.kind for item, _owner in index.duplicates)
    for name, function in functions.items():
        spec = CHECKS[name]
        if spec.kinds and present.isdisjoint(spec.kinds):
            continue
        if index.config.severity(name, spec.default) == "off":
            continue
        findings.extend(function(index))
    # Every finding carries its own file (``source``, for an included one):
    # a location is never guessed from a document and a line number, which an
    # included file and its includer can share.
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
        if severity == found.severity:
            result.append(found)
        else:  # the constructor, not dataclasses.replace: a report can hold many
            result.append(
                Finding(
                    found.check, found.message, found.docname, found.lineno, severity, found.source
                )
            )
    return sorted(set(result), key=attrgetter("sort_key"))
