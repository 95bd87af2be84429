"""Derived values, computed once over the whole index (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import chain, count, islice, repeat
from operator import attrgetter

from sphinx_archdoc.core import adr, quality, quantities, scoring
from sphinx_archdoc.core.c4views import C4Model, Relation, merged_relations
from sphinx_archdoc.core.data_model import derive_data_model, entities_by_component
from sphinx_archdoc.core.deployment import Deployment, build_deployment
from sphinx_archdoc.core.flows import elements, parse_steps
from sphinx_archdoc.core.hierarchy import assemble_hierarchy
from sphinx_archdoc.core.index import Index, entry_key
from sphinx_archdoc.core.kinds import C4_ELEMENT_KINDS, KINDS, OverdueRule
from sphinx_archdoc.core.model import FieldValue, Item


def derive_all(index: Index) -> None:
    adr.derive_adrs(index)
    _derive_components(index, entities_by_component(index))
    _derive_risks(index)
    _derive_perf_targets(index)
    quality.derive_quality(index)
    for kind in KINDS.values():
        if kind.overdue is not None:
            _derive_overdue(index, kind.name, kind.overdue)
    _derive_descriptions(index)
    derive_data_model(index)


#: The fields that name components, by kind (what ``references_to`` indexes).
COMPONENT_REFERENCES = (
    ("component", "depends-on"),
    ("component", "parent"),
    ("actor", "uses"),
    ("risk", "components"),
    ("perf-target", "component"),
    ("debt", "components"),
    ("entity", "stored-in"),
    ("entity", "master"),
    ("constraint", "components"),
    ("spike", "components"),
    ("quality-scenario", "artifact"),
    ("deployment-node", "hosts"),
)


def _derive_components(index: Index, entities: dict[str, list[str]]) -> None:
    """Every component's entry (its description and entities included: the
    description pass and the data model leave components to this one pass)."""
    index.c4, of_components = _c4_model(index)
    references_to = {
        (kind, field): of_components[field]
        if kind == "component"
        else _reverse(index.kind_items(kind), field)
        for kind, field in COMPONENT_REFERENCES
    }
    # The checks read these too (unknown components, the cycle check's edges).
    index.references_to = references_to
    dependents = references_to[("component", "depends-on")]
    risks = references_to[("risk", "components")]
    targets = references_to[("perf-target", "component")]
    debt = references_to[("debt", "components")]
    adrs_by_component = index.adrs.by_component
    children, ancestors = index.c4.hierarchy.children, index.c4.hierarchy.ancestors
    index.deployment = deployment = _deployment(index)
    deployed_on = deployment.deployed_on
    flows = _flows(index)
    # Nothing derived earlier writes a component's entry (ADRs write their own;
    # imported items are keyed "project:ID", which no local ID can be).
    computed = index.computed
    components = index.kind_items("component")
    # The hierarchy's ancestors come in component order: read alongside.
    # The sequences are the views' own, shared, not copied: the index is only
    # read once derived, and a list per value was a quarter of this pass (a
    # component with none gets the one empty tuple).
    for component, above in zip(components, ancestors.values(), strict=True):
        cid = component.id
        computed[("component", cid)] = {
            "dependents": dependents.get(cid, ()),
            "risks": risks.get(cid, ()),
            "perf-targets": targets.get(cid, ()),
            "adrs": adrs_by_component.get(cid, ()),
            "debt": debt.get(cid, ()),
            "children": children.get(cid, ()),
            "ancestors": above,
            "deployed-on": deployed_on.get(cid, ()),
            "flows": flows.get(cid, ()),
            "description": component.first_paragraph,
            "entities": entities.get(cid, ()),
        }


def _flows(index: Index) -> dict[str, list[str]]:
    """Each flow's elements (computed), and element -> the flows touching it."""
    touching: dict[str, list[str]] = {}
    for flow in index.kind_items("flow"):
        touched = flow_elements(flow)
        index.computed[("flow", flow.id)] = {"elements": touched}
        for element in touched:
            touching.setdefault(element, []).append(flow.id)
    return touching


def flow_elements(flow: Item) -> list[str]:
    """The elements a flow's stored steps touch, in order of first appearance."""
    steps, _errors = parse_steps(flow.get_list("steps"))
    return elements(steps)


def _deployment(index: Index) -> Deployment:
    """The deployment nodes, with each node's environment, children and ancestors."""
    deployment = build_deployment(index.kind_items("deployment-node"), index.config.environments)
    nodes = deployment.hierarchy
    for node in index.kind_items("deployment-node"):
        index.computed[("deployment-node", node.id)] = {
            "environment": deployment.environment.get(node.id, ""),
            "children": list(nodes.children.get(node.id, ())),
            "ancestors": list(nodes.ancestors.get(node.id, ())),
        }
    return deployment


def _c4_model(index: Index) -> tuple[C4Model, dict[str, dict[str, list[str]]]]:
    """The hierarchy and every relation whose two ends are known (the others
    are reported by the ``unknown_component`` check); and, from the same pass,
    the reverse references of ``:depends-on:`` and ``:parent:`` (as
    :func:`_reverse` makes them), by field."""
    components = index.kind_items("component")
    actors = index.kind_items("actor")
    # Display order: people first, then components, then imported ends as
    # relations name them.  Local people and components own their IDs (kind
    # lists hold owners only), so they are known ends, each once.
    order: dict[str, int] = {}
    for actor in actors:
        order.setdefault(actor.id, len(order))
    ids = list(map(_item_id, components))
    order.update(zip(ids, count(len(order))))
    # Every component's type, in component order (the hierarchy's elements).
    types = dict(
        zip(ids, map(dict.get, map(_item_fields, components), repeat("type")), strict=True)
    )
    parent_of, enclosed, regular, depends, dependents = _component_links(ids, components)
    hierarchy = assemble_hierarchy(
        types,
        parent_of,
        enclosed if regular else None,
        types=types,
        type_order=index.config.component_types,
    )
    by_id = index.by_id

    def looked_up(end: str) -> bool:
        item = by_id.get(end)
        return item.kind in C4_ELEMENT_KINDS if item is not None else index.is_known_external(end)

    known_ends = _Lookup(looked_up, dict.fromkeys(order, True))

    # Relations have no ID: the kind's list is already in document, line order.
    declared = [
        Relation(
            str(r.fields.get("source", "")),
            str(r.fields.get("target", "")),
            str(r.fields.get("label", "")),
            str(r.fields.get("technology", "")),
        )
        for r in (*index.kind_items("relation"), *index.external_items("relation"))
    ]
    # Imported projects' relations, people and dependencies are drawn too,
    # wherever a view shows both ends (their ends are ``project:ID``).
    implicit = chain(
        ((item.id, item.get_list("uses")) for item in (*actors, *index.external_items("actor"))),
        depends,
        ((item.id, item.get_list("depends-on")) for item in index.external_items("component")),
    )
    relations = merged_relations(declared, implicit, known_ends.__getitem__)
    # Ends looked up after the local ones: only a known one (imported) is drawn.
    if any(islice(known_ends.values(), len(order), None)):
        for relation in relations:
            order.setdefault(relation.source, len(order))
            order.setdefault(relation.target, len(order))
    model = C4Model(hierarchy=hierarchy, relations=relations, order=order)
    return model, {"depends-on": dependents, "parent": enclosed}


def _component_links(
    ids: list[str], components: list[Item]
) -> tuple[
    dict[str, str],
    dict[str, list[str]],
    bool,
    list[tuple[str, tuple[str, ...]]],
    dict[str, list[str]],
]:
    """One pass over the components: each declared parent (and whether every
    parent is one name, as an option gives it), the reverse of ``:parent:``,
    each component's dependencies and their reverse (:func:`_add_reverse`,
    inlined: many items)."""
    parent_of: dict[str, str] = {}
    depends: list[tuple[str, tuple[str, ...]]] = []
    dependents: dict[str, list[str]] = {}
    enclosed: dict[str, list[str]] = {}
    regular = True  # every parent is one name (an option always gives one)
    for cid, component in zip(ids, components, strict=True):
        fields = component.fields
        parent, targets = fields.get("parent"), fields.get("depends-on")
        if parent:
            if isinstance(parent, str):
                parent_of[cid] = parent
                inside = enclosed.get(parent)
                if inside is None:
                    enclosed[parent] = [cid]
                else:
                    inside.append(cid)
            else:
                regular = False
                _add_reverse(enclosed, cid, parent)
        if targets:
            targets = (targets,) if isinstance(targets, str) else targets
            depends.append((cid, targets))
            for target in targets:
                named = dependents.get(target)
                if named is None:
                    dependents[target] = [cid]
                elif named[-1] != cid:
                    named.append(cid)
    return parent_of, enclosed, regular, depends, dependents


_item_id = attrgetter("id")
_item_fields = attrgetter("fields")


class _Lookup(dict[str, bool]):
    """Answers remembered by key: a known key costs one dict lookup, no call."""

    def __init__(self, answer: Callable[[str], bool], known: dict[str, bool]) -> None:
        super().__init__(known)
        self._answer = answer

    def __missing__(self, key: str) -> bool:
        value = self[key] = self._answer(key)
        return value


def _reverse(items: list[Item], field: str) -> dict[str, list[str]]:
    """Target ID -> the IDs of the items whose ``field`` names it, sorted, each once.

    ``items`` come in ID order (an index's kind lists do), so each list is
    built sorted and a repeated name is the list's last entry: no sort needed.
    """
    result: dict[str, list[str]] = {}
    for item in items:
        value = item.fields.get(field)  # Item.get_list, inlined: a hot loop
        if not value:
            continue
        item_id = item.id
        for target in (value,) if isinstance(value, str) else value:  # _add_reverse, inlined
            ids = result.get(target)
            if ids is None:
                result[target] = [item_id]
            elif ids[-1] != item_id:
                ids.append(item_id)
    return result


def _add_reverse(result: dict[str, list[str]], item_id: str, value: FieldValue) -> None:
    """Add ``item_id`` to the list of each target ``value`` names (see :func:`_reverse`)."""
    for target in (value,) if isinstance(value, str) else value:
        ids = result.get(target)
        if ids is None:
            result[target] = [item_id]
        elif ids[-1] != item_id:
            ids.append(item_id)


def _derive_risks(index: Index) -> None:
    # Few distinct (impact, probability) pairs: each is scored and banded once.
    scored: dict[tuple[str | None, str | None], scoring.RiskAssessment] = {}
    assessments: dict[str, scoring.RiskAssessment] = {}
    config = index.config
    computed = index.computed
    for risk in index.kind_items("risk"):
        fields = risk.fields  # Item.text, inlined: every risk passes here
        impact, probability = fields.get("impact"), fields.get("probability")
        pair = (
            impact if isinstance(impact, str) else None,
            probability if isinstance(probability, str) else None,
        )
        result = scored.get(pair)
        if result is None:
            result = scored[pair] = scoring.assess(*pair, config)
        assessments[risk.id] = result
        # Nothing derived earlier writes a risk's entry: written whole, with
        # its description (the description pass leaves risks to this one).
        computed[("risk", risk.id)] = {
            "score": result.score,
            "band": result.band,
            "description": risk.first_paragraph,
        }
    index.risk_assessments = assessments


def _derive_perf_targets(index: Index) -> None:
    # Kept for the checks (perf_missed, perf_unit_mismatch): parsing
    # quantities is the costly part, so each target is evaluated once per build.
    # Targets and values repeat ("< 200 ms"): the same pair is evaluated once.
    evaluations: dict[str, quantities.Evaluation] = {}
    seen: dict[tuple[str | None, str | None, str | None], quantities.Evaluation] = {}
    computed = index.computed
    for target in index.kind_items("perf-target"):
        fields = target.fields  # Item.text, inlined: every target passes here
        goal, current, result = fields.get("target"), fields.get("current"), fields.get("result")
        pair = (
            goal if isinstance(goal, str) else None,
            current if isinstance(current, str) else None,
            result if isinstance(result, str) else None,
        )
        status = seen.get(pair)
        if status is None:
            status = seen[pair] = quantities.evaluate(*pair)
        evaluations[target.id] = status
        # Written whole, with its description (as a risk's entry above).
        computed[("perf-target", target.id)] = {
            "status": status.status,
            "description": target.first_paragraph,
        }
    index.perf_evaluations = evaluations


#: The kinds whose entries are written whole, description included, by their
#: own pass above (the description pass leaves them out).
_DESCRIBED = frozenset({"component", "risk", "perf-target"})


def _derive_overdue(index: Index, kind: str, rule: OverdueRule) -> None:
    for item in index.kind_items(kind):
        value = item.get(rule.date_field)
        overdue = False
        status = item.get("status")
        if (
            isinstance(value, str)
            and (rule.only_status is None or status == rule.only_status)
            and status not in rule.unless_statuses
        ):
            overdue = dt.date.fromisoformat(value) < index.today
        index.computed_for(item)["overdue"] = overdue


def _derive_descriptions(index: Index) -> None:
    # Last: some derivations above write an item's entry afresh.
    computed = index.computed
    for kind, items in index.by_kind.items():
        if kind in _DESCRIBED:
            continue  # written with the item's entry
        for item in items:  # Index.computed_for, inlined: every item passes here
            key = entry_key(item)
            entry = computed.get(key)
            if entry is None:
                computed[key] = {"description": item.first_paragraph}
            else:
                entry["description"] = item.first_paragraph
