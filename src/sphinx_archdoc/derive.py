"""Derived values, computed once over the whole index (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sphinx_archdoc import adr, scoring
from sphinx_archdoc.index import Index


def derive_all(index: Index) -> None:
    adr.derive_adrs(index)
    _derive_components(index)
    _derive_risks(index)
    _derive_perf_targets(index)
    _derive_overdue(index, "question", "due", only_status="open")
    _derive_overdue(index, "status", "next-review")


def _derive_components(index: Index) -> None:
    dependents: dict[str, list[str]] = defaultdict(list)
    risks: dict[str, list[str]] = defaultdict(list)
    targets: dict[str, list[str]] = defaultdict(list)
    for component in index.kind_items("component"):
        for dep in component.get_list("depends-on"):
            dependents[dep].append(component.id)
    for risk in index.kind_items("risk"):
        for comp in risk.get_list("components"):
            risks[comp].append(risk.id)
    for target in index.kind_items("perf-target"):
        for comp in target.get_list("component"):
            targets[comp].append(target.id)
    adrs_by_component = adr.adrs_by_component(index)
    computed = index.computed
    for component in index.kind_items("component"):
        cid = component.id
        # Inline rather than a helper per value: this runs for every component.
        ds, rs, ts = dependents.get(cid), risks.get(cid), targets.get(cid)
        values = {
            "dependents": sorted(set(ds)) if ds else [],
            "risks": sorted(set(rs)) if rs else [],
            "perf-targets": sorted(set(ts)) if ts else [],
            "adrs": adrs_by_component.get(cid, []),
        }
        entry = computed.get(("component", cid))
        if entry is None:
            computed[("component", cid)] = values
        else:
            entry.update(values)


def _derive_risks(index: Index) -> None:
    for risk in index.kind_items("risk"):
        value = scoring.item_score(risk, index.config)
        computed = index.computed_for(risk)
        computed["score"] = value
        computed["band"] = scoring.band(value, index.config)


def _derive_perf_targets(index: Index) -> None:
    from sphinx_archdoc import quantities

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
    index.lookups["perf_evaluations"] = evaluations


def _derive_overdue(
    index: Index, kind: str, date_field: str, only_status: str | None = None
) -> None:
    for item in index.kind_items(kind):
        value = item.get(date_field)
        overdue = False
        if isinstance(value, str) and (only_status is None or item.get("status") == only_status):
            overdue = dt.date.fromisoformat(value) < index.today
        index.computed_for(item)["overdue"] = overdue
