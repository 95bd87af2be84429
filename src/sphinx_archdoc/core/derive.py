"""Derived values, computed once over the whole index (pure)."""

from __future__ import annotations

import datetime as dt

from sphinx_archdoc.core import adr, quantities, scoring
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS, OverdueRule
from sphinx_archdoc.core.model import Item


def derive_all(index: Index) -> None:
    adr.derive_adrs(index)
    _derive_components(index)
    _derive_risks(index)
    _derive_perf_targets(index)
    for kind in KINDS.values():
        if kind.overdue is not None:
            _derive_overdue(index, kind.name, kind.overdue)


#: The fields that name components, by kind (what ``references_to`` indexes).
COMPONENT_REFERENCES = (
    ("component", "depends-on"),
    ("risk", "components"),
    ("perf-target", "component"),
)


def _derive_components(index: Index) -> None:
    references_to = {
        (kind, field): _reverse(index.kind_items(kind), field)
        for kind, field in COMPONENT_REFERENCES
    }
    # The checks read these too (unknown components, the cycle check's edges).
    index.references_to = references_to
    dependents = references_to[("component", "depends-on")]
    risks = references_to[("risk", "components")]
    targets = references_to[("perf-target", "component")]
    adrs_by_component = index.adrs.by_component
    # Nothing derived earlier writes a component's entry (ADRs write their own;
    # imported items are keyed "project:ID", which no local ID can be).
    computed = index.computed
    for component in index.kind_items("component"):
        cid = component.id
        computed[("component", cid)] = {
            "dependents": dependents.get(cid) or [],
            "risks": risks.get(cid) or [],
            "perf-targets": targets.get(cid) or [],
            "adrs": adrs_by_component.get(cid) or [],
        }


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
        for target in (value,) if isinstance(value, str) else value:
            ids = result.get(target)
            if ids is None:
                result[target] = [item_id]
            elif ids[-1] != item_id:
                ids.append(item_id)
    return result


def _derive_risks(index: Index) -> None:
    # Few distinct (impact, probability) pairs: each is scored and banded once.
    scored: dict[tuple[str | None, str | None], scoring.RiskAssessment] = {}
    assessments: dict[str, scoring.RiskAssessment] = {}
    config = index.config
    for risk in index.kind_items("risk"):
        pair = (risk.text("impact"), risk.text("probability"))
        result = scored.get(pair)
        if result is None:
            result = scored[pair] = scoring.assess(*pair, config)
        assessments[risk.id] = result
        computed = index.computed_for(risk)
        computed["score"], computed["band"] = result.score, result.band
    index.risk_assessments = assessments


def _derive_perf_targets(index: Index) -> None:
    # Kept for the checks (perf_missed, perf_unit_mismatch): parsing
    # quantities is the costly part, so each target is evaluated once per build.
    # Targets and values repeat ("< 200 ms"): the same pair is evaluated once.
    evaluations: dict[str, quantities.Evaluation] = {}
    seen: dict[tuple[str | None, str | None], quantities.Evaluation] = {}
    for target in index.kind_items("perf-target"):
        pair = (
            target.text("target"),
            target.text("current"),
        )
        status = seen.get(pair)
        if status is None:
            status = seen[pair] = quantities.evaluate(*pair)
        evaluations[target.id] = status
        index.computed_for(target)["status"] = status.status
    index.perf_evaluations = evaluations


def _derive_overdue(index: Index, kind: str, rule: OverdueRule) -> None:
    for item in index.kind_items(kind):
        value = item.get(rule.date_field)
        overdue = False
        if isinstance(value, str) and (
            rule.only_status is None or item.get("status") == rule.only_status
        ):
            overdue = dt.date.fromisoformat(value) < index.today
        index.computed_for(item)["overdue"] = overdue
