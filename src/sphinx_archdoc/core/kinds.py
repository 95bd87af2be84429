"""The one vocabulary: every kind of item and every field it has.

The same field names are directive options, table columns, filter options,
``archdoc.json`` keys and documentation entries.  Directives, summaries, the
export and the generated reference all read this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from sphinx_archdoc.core.i18n import N_, _


class FieldType(Enum):
    TEXT = "text"  # free text, one line
    ENUM = "enum"  # one value of a configured list, stored lower case
    DATE = "date"  # ISO date, YYYY-MM-DD
    LIST = "list"  # comma-separated free words (tags)
    REF = "ref"  # one item ID of ``ref_kind``
    REFS = "refs"  # comma-separated item IDs of ``ref_kind``
    ADR_REFS = "adr-refs"  # comma-separated ADR references (ADR-001, 1, slug)
    ADR_STATUS = "adr-status"  # an ADR status word, normalised through aliases

    @property
    def is_list(self) -> bool:
        return self in (FieldType.LIST, FieldType.REFS, FieldType.ADR_REFS)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    description: str
    enum: str | None = None  # attribute of ArchConfig listing the allowed values
    default: str | None = None
    required: bool = False
    ref_kind: str | None = None  # for REF / REFS
    #: The column header and fact label, an ``N_()`` message translated where
    #: shown; empty for a user's extra field, whose label is its own name.
    label: str = ""
    #: Shown as a badge (a CSS class per value, the word always visible).
    badge: bool = False


@dataclass(frozen=True)
class ComputedSpec:
    """A value derived over the whole index: a column and a filter like a field."""

    name: str
    label: str  # an ``N_()`` message, translated where shown
    #: The kind whose IDs the value lists: each becomes a link.
    link_kind: str | None = None
    #: The only words a filter on it may use (None: any word, or see filters).
    allowed: tuple[str, ...] | None = None
    badge: bool = False


@dataclass(frozen=True)
class OverdueRule:
    """When an item is overdue: its ``date_field`` has passed (and, with
    ``only_status``, its status is that one). Tables mark the date."""

    date_field: str
    only_status: str | None = None


@dataclass(frozen=True)
class KindSpec:
    name: str  # "component", "perf-target", ...
    directive: str  # "arch-component"
    role: str | None  # "comp": the ``:arch:comp:`` role and object type
    label: str  # human name, singular
    #: The kind's name as the heading of its block ("Component ``API``"), ``N_()``.
    heading: str
    #: What a summary says when no item matches its filters, ``N_()``.
    empty_notice: str
    fields: tuple[FieldSpec, ...]
    #: Derived values, usable as columns and filters.
    computed_values: tuple[ComputedSpec, ...] = ()
    default_columns: tuple[str, ...] = ("id", "title")
    default_sort: str = "id"
    has_id: bool = True
    overdue: OverdueRule | None = None
    #: Fields filled from the directive's argument (a relation's ends), never options.
    argument_fields: tuple[str, ...] = ()

    @property
    def computed(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.computed_values)

    def computed_value(self, name: str) -> ComputedSpec | None:
        return next((spec for spec in self.computed_values if spec.name == name), None)

    def field(self, name: str) -> FieldSpec | None:
        return self._fields_by_name.get(name)

    @cached_property
    def _fields_by_name(self) -> dict[str, FieldSpec]:
        return {spec.name: spec for spec in self.fields}

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _text(name: str, description: str, *, required: bool = False, label: str) -> FieldSpec:
    return FieldSpec(name, FieldType.TEXT, description, required=required, label=label)


_TITLE = _text("title", "Human-readable name; defaults to the ID.", label=N_("Title"))
_TAGS = FieldSpec(
    "tags", FieldType.LIST, "Comma-separated free tags, usable in filters.", label=N_("Tags")
)
_OWNER = _text("owner", "Who is responsible.", label=N_("Owner"))


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name="component",
            directive="arch-component",
            role="comp",
            label="component",
            heading=N_("Component"),
            empty_notice=N_("No components match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "layer",
                    FieldType.ENUM,
                    "Layer, one of ``archdoc_layers``.",
                    "layers",
                    label=N_("Layer"),
                    badge=True,
                ),
                _text("purpose", "What the component is responsible for.", label=N_("Purpose")),
                FieldSpec(
                    "depends-on",
                    FieldType.REFS,
                    "Comma-separated IDs of the components this one depends on.",
                    ref_kind="component",
                    label=N_("Depends on"),
                ),
                _text(
                    "scalability",
                    "How it scales (horizontal, vertical, read replicas...).",
                    label=N_("Scalability"),
                ),
                _text("technology", "Main technology or product.", label=N_("Technology")),
                _OWNER,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Lifecycle status, one of ``archdoc_component_statuses``.",
                    "component_statuses",
                    default="active",
                    label=N_("Status"),
                    badge=True,
                ),
                FieldSpec(
                    "adrs",
                    FieldType.ADR_REFS,
                    "Comma-separated ADRs that shape it.",
                    label=N_("Adrs"),
                ),
                _TAGS,
                FieldSpec(
                    "parent",
                    FieldType.REF,
                    "ID of the enclosing component (system > container > component, any depth).",
                    ref_kind="component",
                    label=N_("Parent"),
                ),
                FieldSpec(
                    "type",
                    FieldType.ENUM,
                    "Level in the hierarchy, one of ``archdoc_component_types``.",
                    "component_types",
                    default="component",
                    label=N_("Type"),
                ),
            ),
            computed_values=(
                ComputedSpec("dependents", N_("Dependents"), link_kind="component"),
                ComputedSpec("risks", N_("Risks"), link_kind="risk"),
                ComputedSpec("perf-targets", N_("Perf targets"), link_kind="perf-target"),
                ComputedSpec("adrs", N_("Adrs"), link_kind="adr"),
                ComputedSpec("children", N_("Children"), link_kind="component"),
                ComputedSpec("ancestors", N_("Ancestors"), link_kind="component"),
                ComputedSpec("deployed-on", N_("Deployed on"), link_kind="deployment-node"),
                ComputedSpec("flows", N_("Flows"), link_kind="flow"),
            ),
            default_columns=("id", "title", "layer", "purpose", "depends-on", "scalability"),
            default_sort="id",
        ),
        KindSpec(
            name="actor",
            directive="arch-actor",
            role="actor",
            label="actor",
            heading=N_("Actor"),
            empty_notice=N_("No people or roles match."),
            fields=(
                _TITLE,
                _text(
                    "purpose",
                    "Who they are and what they want from the system.",
                    label=N_("Purpose"),
                ),
                FieldSpec(
                    "uses",
                    FieldType.REFS,
                    "Comma-separated IDs of the components this person or role uses.",
                    ref_kind="component",
                    label=N_("Uses"),
                ),
                FieldSpec(
                    "external",
                    FieldType.ENUM,
                    "``yes`` (outside the organisation, the default) or ``no``.",
                    "yes_no",
                    default="yes",
                    label=N_("External"),
                ),
                _TAGS,
            ),
            default_columns=("id", "title", "purpose", "uses", "external"),
            default_sort="id",
        ),
        KindSpec(
            name="relation",
            directive="arch-relation",
            role=None,
            label="relation",
            heading=N_("Relation"),
            empty_notice=N_("No relations match."),
            fields=(
                FieldSpec(
                    "source",
                    FieldType.REF,
                    "The element the relation starts at (the argument's left side).",
                    label=N_("Source"),
                ),
                FieldSpec(
                    "target",
                    FieldType.REF,
                    "The element it goes to (the argument's right side).",
                    label=N_("Target"),
                ),
                _text(
                    "label", "What flows or happens, e.g. ``Publishes pages``.", label=N_("Label")
                ),
                _text("technology", "How, e.g. ``REST/HTTPS``.", label=N_("Technology")),
                _TAGS,
            ),
            default_columns=("source", "target", "label", "technology", "docname"),
            default_sort="source",
            has_id=False,
            argument_fields=("source", "target"),
        ),
        KindSpec(
            name="deployment-node",
            directive="arch-deployment-node",
            role="node",
            label="deployment node",
            heading=N_("Deployment node"),
            empty_notice=N_("No deployment nodes match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "parent",
                    FieldType.REF,
                    "ID of the enclosing deployment node (region > cluster > node, any depth).",
                    ref_kind="deployment-node",
                    label=N_("Parent"),
                ),
                FieldSpec(
                    "environment",
                    FieldType.ENUM,
                    "One of ``archdoc_environments``; inherited from the parent when absent, "
                    "else the first configured.",
                    "environments",
                    label=N_("Environment"),
                ),
                _text(
                    "technology",
                    "What the node is, e.g. ``Kubernetes 1.29`` or ``AWS RDS``.",
                    label=N_("Technology"),
                ),
                _text(
                    "instances",
                    "How many run: a whole number or a range such as ``2-10``.",
                    label=N_("Instances"),
                ),
                FieldSpec(
                    "hosts",
                    FieldType.REFS,
                    "Comma-separated IDs of the components deployed on this node.",
                    ref_kind="component",
                    label=N_("Hosts"),
                ),
                _TAGS,
            ),
            computed_values=(
                ComputedSpec("environment", N_("Environment")),
                ComputedSpec("children", N_("Children"), link_kind="deployment-node"),
                ComputedSpec("ancestors", N_("Ancestors"), link_kind="deployment-node"),
            ),
            default_columns=("id", "title", "environment", "technology", "instances", "hosts"),
            default_sort="id",
        ),
        KindSpec(
            name="flow",
            directive="arch-flow",
            role="flow",
            label="runtime flow",
            heading=N_("Runtime flow"),
            empty_notice=N_("No runtime flows match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "steps",
                    FieldType.LIST,
                    "The body: one step per line, ``SOURCE -> TARGET: what happens`` "
                    "(``-->`` a reply).",
                    label=N_("Steps"),
                ),
                _TAGS,
            ),
            computed_values=(
                # Components, people and other projects' elements: any kind.
                ComputedSpec("elements", N_("Elements"), link_kind=""),
            ),
            default_columns=("id", "title", "elements"),
            default_sort="id",
            argument_fields=("steps",),
        ),
        KindSpec(
            name="risk",
            directive="arch-risk",
            role="risk",
            label="risk",
            heading=N_("Risk"),
            empty_notice=N_("No risks match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "category",
                    FieldType.ENUM,
                    "Category, one of ``archdoc_risk_categories``.",
                    "risk_categories",
                    label=N_("Category"),
                ),
                FieldSpec(
                    "impact",
                    FieldType.ENUM,
                    "Impact level, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                    label=N_("Impact"),
                    badge=True,
                ),
                FieldSpec(
                    "probability",
                    FieldType.ENUM,
                    "Probability level, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                    label=N_("Probability"),
                    badge=True,
                ),
                _text("mitigation", "How the risk is reduced.", label=N_("Mitigation")),
                _OWNER,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Status, one of ``archdoc_risk_statuses``.",
                    "risk_statuses",
                    default="open",
                    label=N_("Status"),
                    badge=True,
                ),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the affected components.",
                    ref_kind="component",
                    label=N_("Components"),
                ),
                FieldSpec(
                    "review",
                    FieldType.DATE,
                    "Next review date (ISO, YYYY-MM-DD).",
                    label=N_("Review"),
                ),
                _TAGS,
            ),
            computed_values=(
                ComputedSpec("score", N_("Score")),
                # Its words are the configured bands (see filters.allowed_values).
                ComputedSpec("band", N_("Band"), badge=True),
            ),
            default_columns=("id", "title", "impact", "probability", "score", "band", "mitigation"),
            default_sort="-score",
        ),
        KindSpec(
            name="perf-target",
            directive="arch-perf-target",
            role="perf",
            label="performance target",
            heading=N_("Performance target"),
            empty_notice=N_("No performance targets match."),
            fields=(
                _text("title", "Human-readable name; defaults to the metric.", label=N_("Title")),
                _text("metric", "What is measured.", required=True, label=N_("Metric")),
                _text(
                    "target",
                    "The goal, e.g. ``< 200 ms`` or ``>= 99.9%``.",
                    required=True,
                    label=N_("Target"),
                ),
                _text(
                    "current",
                    "The measured value, e.g. ``180ms``; empty or ``TBD`` = unknown.",
                    label=N_("Current"),
                ),
                _text("monitoring", "Where the metric is watched.", label=N_("Monitoring")),
                FieldSpec(
                    "component",
                    FieldType.REF,
                    "ID of the component the target applies to.",
                    ref_kind="component",
                    label=N_("Component"),
                ),
                _TAGS,
            ),
            computed_values=(
                ComputedSpec(
                    "status", N_("Status"), allowed=("met", "missed", "unknown"), badge=True
                ),
            ),
            default_columns=("id", "metric", "target", "current", "status", "monitoring"),
            default_sort="id",
        ),
        KindSpec(
            name="adr",
            directive="arch-adr",
            role="adr",
            label="decision",
            heading=N_("Decision"),
            empty_notice=N_("No decisions match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "status",
                    FieldType.ADR_STATUS,
                    "Status, see ``archdoc_adr_statuses``.",
                    label=N_("Status"),
                    badge=True,
                ),
                FieldSpec(
                    "date",
                    FieldType.DATE,
                    "Date of the decision (ISO, YYYY-MM-DD).",
                    label=N_("Date"),
                ),
                _text("deciders", "Who decided.", label=N_("Deciders")),
                FieldSpec(
                    "supersedes",
                    FieldType.ADR_REFS,
                    "ADRs this one replaces.",
                    label=N_("Supersedes"),
                ),
                FieldSpec(
                    "superseded-by",
                    FieldType.ADR_REFS,
                    "ADRs that replace this one.",
                    label=N_("Superseded by"),
                ),
                _TAGS,
            ),
            computed_values=(
                ComputedSpec("number", N_("Number")),
                ComputedSpec("status", N_("Status"), badge=True),
                ComputedSpec("supersedes", N_("Supersedes"), link_kind="adr"),
                ComputedSpec("superseded-by", N_("Superseded by"), link_kind="adr"),
                ComputedSpec("referenced-from", N_("Referenced from")),
                ComputedSpec("components", N_("Components"), link_kind="component"),
            ),
            default_columns=(
                "id",
                "title",
                "status",
                "date",
                "supersedes",
                "superseded-by",
                "referenced-from",
            ),
            default_sort="number",
        ),
        KindSpec(
            name="question",
            directive="arch-question",
            role="question",
            label="open question",
            heading=N_("Open question"),
            empty_notice=N_("No open questions match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "``open`` or ``resolved``.",
                    "question_statuses",
                    default="open",
                    label=N_("Status"),
                    badge=True,
                ),
                _OWNER,
                FieldSpec(
                    "due", FieldType.DATE, "When it must be answered (ISO date).", label=N_("Due")
                ),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the components concerned.",
                    ref_kind="component",
                    label=N_("Components"),
                ),
                _TAGS,
            ),
            computed_values=(ComputedSpec("overdue", N_("Overdue"), allowed=("true", "false")),),
            default_columns=("id", "title", "status", "owner", "due", "components"),
            default_sort="id",
            overdue=OverdueRule("due", only_status="open"),
        ),
        KindSpec(
            name="status",
            directive="arch-status",
            role=None,
            label="document status",
            heading=N_("Document status"),
            empty_notice=N_("No document statuses match."),
            fields=(
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "``draft``, ``review``, ``approved`` or ``implementation``.",
                    "document_statuses",
                    label=N_("Status"),
                    badge=True,
                ),
                FieldSpec(
                    "next-review",
                    FieldType.DATE,
                    "Next review date (ISO date).",
                    label=N_("Next review"),
                ),
                _text("sign-off", "Who signed the document off.", label=N_("Sign off")),
                FieldSpec(
                    "last-updated",
                    FieldType.DATE,
                    "Last update (ISO date).",
                    label=N_("Last updated"),
                ),
            ),
            computed_values=(ComputedSpec("overdue", N_("Overdue"), allowed=("true", "false")),),
            default_columns=("docname", "status", "next-review", "sign-off", "last-updated"),
            default_sort="docname",
            has_id=False,
            overdue=OverdueRule("next-review"),
        ),
    )
}

#: Columns every kind has, besides its fields and computed values.
BASE_COLUMNS = ("id", "title", "docname", "kind")

ROLE_TO_KIND = {spec.role: spec.name for spec in KINDS.values() if spec.role}


def _value_specs() -> Iterator[FieldSpec | ComputedSpec]:
    """Every declared field and computed value, of every kind."""
    for kind in KINDS.values():
        yield from kind.fields
        yield from kind.computed_values


#: The labels of the columns every kind has (``N_()`` messages).
BASE_LABELS: dict[str, str] = {
    "id": N_("Id"),
    "title": N_("Title"),
    "docname": N_("Docname"),
    "kind": N_("Kind"),
}

#: Every built-in column's label, from the declarations above (tests/test_i18n.py
#: checks that each is ``name.replace("-", " ").capitalize()``).
FIELD_LABELS: dict[str, str] = {
    **BASE_LABELS,
    **{spec.name: spec.label for spec in _value_specs()},
}

#: Each kind's heading, by kind.
KIND_HEADINGS: dict[str, str] = {name: spec.heading for name, spec in KINDS.items()}

#: Names shown as badges wherever they are columns (declared ``badge`` on a spec).
BADGE_NAMES: frozenset[str] = frozenset(spec.name for spec in _value_specs() if spec.badge)


def field_label(name: str) -> str:
    """The label of a field or computed value in the build's language.

    Extra fields (``archdoc_extra_fields``) are the user's own words: their
    label is derived from the name and never translated."""
    if name in FIELD_LABELS:
        return _(FIELD_LABELS[name])
    return name.replace("-", " ").capitalize()


def kind_heading(kind: str) -> str:
    """The kind's name, capitalised, in the build's language."""
    return _(KIND_HEADINGS[kind])


def column_names(kind: str, extra_fields: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every name usable as a column or filter for ``kind``."""
    spec = KINDS[kind]
    names = list(BASE_COLUMNS)
    for name in (*spec.field_names(), *extra_fields, *spec.computed):
        if name not in names:
            names.append(name)
    return tuple(names)
