"""Every check's name, default severity and description (a leaf: imports nothing).

A check's name is its warning subtype (``archdoc.<name>``) and the key of
``archdoc_checks``.  :data:`CheckName` makes a misspelt name a type error;
:data:`CHECKS` is what configuration, filters and the generated reference
read; each spec names the kinds of item its check examines.  The functions
that run the checks live in :mod:`.checks`, :mod:`.adr_checks` and
:mod:`.data_checks`; checks found while reading (``invalid_value``...) have
none: the directives record them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CheckName = Literal[
    "invalid_value",
    "missing_value",
    "unknown_option",
    "external_source",
    "duplicate_id",
    "unknown_component",
    "unknown_reference",
    "dependency_cycle",
    "hierarchy",
    "not_deployed",
    "flow_undeclared",
    "graph_too_large",
    "unmitigated_risk",
    "review_overdue",
    "question_overdue",
    "perf_missed",
    "perf_unit_mismatch",
    "unknown_adr",
    "superseded_adr",
    "adr_supersession",
    "adr_relation",
    "adr_duplicate_number",
    "adr_status",
    "adr_title_mismatch",
    "adr_number_mismatch",
    "unknown_entity",
    "not_stored",
    "spike_overdue",
    "measurement_source",
    "conditional_item",
]

#: The severities a check can have (``off`` drops its findings).
Severity = Literal["warning", "info", "off"]


@dataclass(frozen=True)
class CheckSpec:
    name: CheckName
    default: Severity
    description: str
    #: The kinds of item the check examines (its findings are about them);
    #: empty: it is not tied to a kind (every item, links in the text, the
    #: configuration).  :attr:`KindSpec.checks <.kinds.KindSpec.checks>`
    #: reads it, and :func:`.checks.run_checks` skips a check whose kinds
    #: have no item.
    kinds: tuple[str, ...] = ()


_SPECS: tuple[CheckSpec, ...] = (
    CheckSpec(
        "invalid_value",
        "warning",
        "An option value that is not allowed (enum, date, ID...).",
    ),
    CheckSpec("missing_value", "warning", "A required option or argument is missing."),
    CheckSpec("unknown_option", "warning", "A summary filter or column names an unknown field."),
    CheckSpec(
        "external_source",
        "warning",
        "An archdoc_external project's archdoc.json is missing, unreachable or invalid.",
    ),
    CheckSpec(
        "duplicate_id",
        "warning",
        "Two items share an ID; the first (by document, then line) wins.",
    ),
    CheckSpec("unknown_component", "warning", "A reference names a component that does not exist."),
    CheckSpec(
        "unknown_reference",
        "warning",
        "A role, or an option naming a quality goal or scenario, names an item that "
        "does not exist.",
    ),
    CheckSpec(
        "dependency_cycle",
        "warning",
        "Components depend on each other in a cycle.",
        kinds=("component",),
    ),
    CheckSpec(
        "hierarchy",
        "warning",
        "Components or deployment nodes are their own ancestors (a parent cycle), or a "
        "parent's type is not above its child's in archdoc_component_types.",
        kinds=("component", "deployment-node"),
    ),
    CheckSpec(
        "not_deployed",
        "info",
        "A container of the system that no deployment node hosts in an environment that has nodes.",
        kinds=("component",),
    ),
    CheckSpec(
        "flow_undeclared",
        "info",
        "A runtime flow step between two elements that no relation or dependency connects, "
        "in either direction.",
        kinds=("flow",),
    ),
    CheckSpec(
        "graph_too_large",
        "warning",
        "A graph has more edges or Mermaid source than Mermaid draws; its table is shown instead.",
    ),
    CheckSpec(
        "unmitigated_risk",
        "warning",
        "A risk in the highest band has no mitigation (or only a placeholder such as TBD).",
        kinds=("risk",),
    ),
    CheckSpec(
        "review_overdue",
        "warning",
        "A review date (risk :review:, arch-status :next-review:) has passed.",
        kinds=("risk", "status"),
    ),
    CheckSpec(
        "question_overdue", "warning", "An open question is past its due date.", kinds=("question",)
    ),
    CheckSpec(
        "perf_missed",
        "info",
        "A performance target's current value misses the target.",
        kinds=("perf-target",),
    ),
    CheckSpec(
        "perf_unit_mismatch",
        "warning",
        "A target and its current value have different dimensions (ms vs req/s) or units.",
        kinds=("perf-target",),
    ),
    CheckSpec("unknown_adr", "warning", "A reference names an ADR that does not exist."),
    CheckSpec("superseded_adr", "warning", "A document relies on an ADR that has been superseded."),
    CheckSpec(
        "adr_supersession",
        "warning",
        "Supersession links are missing, contradictory or cyclic.",
        kinds=("adr",),
    ),
    CheckSpec(
        "adr_relation",
        "warning",
        "An ADR's amends / depends-on / relates-to names a missing ADR or itself, "
        "or depends-on forms a cycle.",
        kinds=("adr",),
    ),
    CheckSpec("adr_duplicate_number", "warning", "Two ADRs have the same number.", kinds=("adr",)),
    CheckSpec(
        "adr_status", "info", "An ADR status is not one of archdoc_adr_statuses.", kinds=("adr",)
    ),
    CheckSpec(
        "adr_title_mismatch", "warning", "An adr-link's :title: differs from the ADR's title."
    ),
    CheckSpec(
        "adr_number_mismatch",
        "warning",
        "A discovered ADR's heading names another number than its file name.",
        kinds=("adr",),
    ),
    CheckSpec(
        "unknown_entity",
        "warning",
        "An entity's foreign key (FK -> ENTITY.attribute) names an unknown entity or attribute.",
        kinds=("entity",),
    ),
    CheckSpec(
        "not_stored",
        "info",
        "An entity is stored in no component (no :stored-in:).",
        kinds=("entity",),
    ),
    CheckSpec(
        "spike_overdue",
        "warning",
        "A spike that is not done or abandoned is past its due date.",
        kinds=("spike",),
    ),
    CheckSpec(
        "measurement_source",
        "warning",
        "A :current-from: result file is missing or not JSON, or its pointer matches "
        "no number; the status is unknown.",
        kinds=("perf-target",),
    ),
    CheckSpec(
        "conditional_item",
        "warning",
        "An item is declared inside an only directive: listed everywhere, shown only where "
        "the expression holds.",
    ),
)

CHECKS: dict[str, CheckSpec] = {spec.name: spec for spec in _SPECS}
