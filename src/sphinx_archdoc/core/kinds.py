"""The one vocabulary: every kind of item and every field it has.

The same field names are directive options, table columns, filter options,
``archdoc.json`` keys and documentation entries.  Directives, summaries, the
export and the generated reference all read this module.
"""

from __future__ import annotations

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

    @property
    def label(self) -> str:
        return self.name.replace("-", " ").capitalize()


@dataclass(frozen=True)
class KindSpec:
    name: str  # "component", "perf-target", ...
    directive: str  # "arch-component"
    role: str | None  # "comp": the ``:arch:comp:`` role and object type
    label: str  # human name, singular
    fields: tuple[FieldSpec, ...]
    computed: tuple[str, ...] = ()  # derived values, usable as columns and filters
    default_columns: tuple[str, ...] = ("id", "title")
    default_sort: str = "id"
    has_id: bool = True
    #: Fields filled from the directive's argument (a relation's ends), never options.
    argument_fields: tuple[str, ...] = ()

    def field(self, name: str) -> FieldSpec | None:
        return self._fields_by_name.get(name)

    @cached_property
    def _fields_by_name(self) -> dict[str, FieldSpec]:
        return {spec.name: spec for spec in self.fields}

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _text(name: str, description: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec(name, FieldType.TEXT, description, required=required)


_TITLE = _text("title", "Human-readable name; defaults to the ID.")
_TAGS = FieldSpec("tags", FieldType.LIST, "Comma-separated free tags, usable in filters.")
_OWNER = _text("owner", "Who is responsible.")


KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        KindSpec(
            name="component",
            directive="arch-component",
            role="comp",
            label="component",
            fields=(
                _TITLE,
                FieldSpec("layer", FieldType.ENUM, "Layer, one of ``archdoc_layers``.", "layers"),
                _text("purpose", "What the component is responsible for."),
                FieldSpec(
                    "depends-on",
                    FieldType.REFS,
                    "Comma-separated IDs of the components this one depends on.",
                    ref_kind="component",
                ),
                _text("scalability", "How it scales (horizontal, vertical, read replicas...)."),
                _text("technology", "Main technology or product."),
                _OWNER,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Lifecycle status, one of ``archdoc_component_statuses``.",
                    "component_statuses",
                    default="active",
                ),
                FieldSpec("adrs", FieldType.ADR_REFS, "Comma-separated ADRs that shape it."),
                _TAGS,
                FieldSpec(
                    "parent",
                    FieldType.REF,
                    "ID of the enclosing component (system > container > component, any depth).",
                    ref_kind="component",
                ),
                FieldSpec(
                    "type",
                    FieldType.ENUM,
                    "Level in the hierarchy, one of ``archdoc_component_types``.",
                    "component_types",
                    default="component",
                ),
            ),
            computed=(
                "dependents",
                "risks",
                "perf-targets",
                "adrs",
                "children",
                "ancestors",
                "deployed-on",
                "flows",
            ),
            default_columns=("id", "title", "layer", "purpose", "depends-on", "scalability"),
            default_sort="id",
        ),
        KindSpec(
            name="actor",
            directive="arch-actor",
            role="actor",
            label="actor",
            fields=(
                _TITLE,
                _text("purpose", "Who they are and what they want from the system."),
                FieldSpec(
                    "uses",
                    FieldType.REFS,
                    "Comma-separated IDs of the components this person or role uses.",
                    ref_kind="component",
                ),
                FieldSpec(
                    "external",
                    FieldType.ENUM,
                    "``yes`` (outside the organisation, the default) or ``no``.",
                    "yes_no",
                    default="yes",
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
            fields=(
                FieldSpec(
                    "source",
                    FieldType.REF,
                    "The element the relation starts at (the argument's left side).",
                ),
                FieldSpec(
                    "target",
                    FieldType.REF,
                    "The element it goes to (the argument's right side).",
                ),
                _text("label", "What flows or happens, e.g. ``Publishes pages``."),
                _text("technology", "How, e.g. ``REST/HTTPS``."),
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
            fields=(
                _TITLE,
                FieldSpec(
                    "parent",
                    FieldType.REF,
                    "ID of the enclosing deployment node (region > cluster > node, any depth).",
                    ref_kind="deployment-node",
                ),
                FieldSpec(
                    "environment",
                    FieldType.ENUM,
                    "One of ``archdoc_environments``; inherited from the parent when absent, "
                    "else the first configured.",
                    "environments",
                ),
                _text("technology", "What the node is, e.g. ``Kubernetes 1.29`` or ``AWS RDS``."),
                _text("instances", "How many run: a whole number or a range such as ``2-10``."),
                FieldSpec(
                    "hosts",
                    FieldType.REFS,
                    "Comma-separated IDs of the components deployed on this node.",
                    ref_kind="component",
                ),
                _TAGS,
            ),
            computed=("environment", "children", "ancestors"),
            default_columns=("id", "title", "environment", "technology", "instances", "hosts"),
            default_sort="id",
        ),
        KindSpec(
            name="flow",
            directive="arch-flow",
            role="flow",
            label="runtime flow",
            fields=(
                _TITLE,
                FieldSpec(
                    "steps",
                    FieldType.LIST,
                    "The body: one step per line, ``SOURCE -> TARGET: what happens`` "
                    "(``-->`` a reply).",
                ),
                _TAGS,
            ),
            computed=("elements",),
            default_columns=("id", "title", "elements"),
            default_sort="id",
            argument_fields=("steps",),
        ),
        KindSpec(
            name="risk",
            directive="arch-risk",
            role="risk",
            label="risk",
            fields=(
                _TITLE,
                FieldSpec(
                    "category",
                    FieldType.ENUM,
                    "Category, one of ``archdoc_risk_categories``.",
                    "risk_categories",
                ),
                FieldSpec(
                    "impact",
                    FieldType.ENUM,
                    "Impact level, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                ),
                FieldSpec(
                    "probability",
                    FieldType.ENUM,
                    "Probability level, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                ),
                _text("mitigation", "How the risk is reduced."),
                _OWNER,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Status, one of ``archdoc_risk_statuses``.",
                    "risk_statuses",
                    default="open",
                ),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the affected components.",
                    ref_kind="component",
                ),
                FieldSpec("review", FieldType.DATE, "Next review date (ISO, YYYY-MM-DD)."),
                _TAGS,
            ),
            computed=("score", "band"),
            default_columns=("id", "title", "impact", "probability", "score", "band", "mitigation"),
            default_sort="-score",
        ),
        KindSpec(
            name="perf-target",
            directive="arch-perf-target",
            role="perf",
            label="performance target",
            fields=(
                _text("title", "Human-readable name; defaults to the metric."),
                _text("metric", "What is measured.", required=True),
                _text("target", "The goal, e.g. ``< 200 ms`` or ``>= 99.9%``.", required=True),
                _text("current", "The measured value, e.g. ``180ms``; empty or ``TBD`` = unknown."),
                _text("monitoring", "Where the metric is watched."),
                FieldSpec(
                    "component",
                    FieldType.REF,
                    "ID of the component the target applies to.",
                    ref_kind="component",
                ),
                _TAGS,
            ),
            computed=("status",),
            default_columns=("id", "metric", "target", "current", "status", "monitoring"),
            default_sort="id",
        ),
        KindSpec(
            name="adr",
            directive="arch-adr",
            role="adr",
            label="decision",
            fields=(
                _TITLE,
                FieldSpec("status", FieldType.ADR_STATUS, "Status, see ``archdoc_adr_statuses``."),
                FieldSpec("date", FieldType.DATE, "Date of the decision (ISO, YYYY-MM-DD)."),
                _text("deciders", "Who decided."),
                FieldSpec("supersedes", FieldType.ADR_REFS, "ADRs this one replaces."),
                FieldSpec("superseded-by", FieldType.ADR_REFS, "ADRs that replace this one."),
                _TAGS,
            ),
            computed=(
                "number",
                "status",
                "supersedes",
                "superseded-by",
                "referenced-from",
                "components",
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
            fields=(
                _TITLE,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "``open`` or ``resolved``.",
                    "question_statuses",
                    default="open",
                ),
                _OWNER,
                FieldSpec("due", FieldType.DATE, "When it must be answered (ISO date)."),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the components concerned.",
                    ref_kind="component",
                ),
                _TAGS,
            ),
            computed=("overdue",),
            default_columns=("id", "title", "status", "owner", "due", "components"),
            default_sort="id",
        ),
        KindSpec(
            name="status",
            directive="arch-status",
            role=None,
            label="document status",
            fields=(
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "``draft``, ``review``, ``approved`` or ``implementation``.",
                    "document_statuses",
                ),
                FieldSpec("next-review", FieldType.DATE, "Next review date (ISO date)."),
                _text("sign-off", "Who signed the document off."),
                FieldSpec("last-updated", FieldType.DATE, "Last update (ISO date)."),
            ),
            computed=("overdue",),
            default_columns=("docname", "status", "next-review", "sign-off", "last-updated"),
            default_sort="docname",
            has_id=False,
        ),
    )
}

#: Columns every kind has, besides its fields and computed values.
BASE_COLUMNS = ("id", "title", "docname", "kind")

ROLE_TO_KIND = {spec.role: spec.name for spec in KINDS.values() if spec.role}

#: Every built-in column's label, written out so message extraction sees it.
#: Each is ``name.replace("-", " ").capitalize()`` (tests/test_i18n.py checks
#: that none is missing); :func:`field_label` translates it when it is shown.
FIELD_LABELS: dict[str, str] = {
    "id": N_("Id"),
    "title": N_("Title"),
    "docname": N_("Docname"),
    "kind": N_("Kind"),
    "layer": N_("Layer"),
    "purpose": N_("Purpose"),
    "depends-on": N_("Depends on"),
    "scalability": N_("Scalability"),
    "technology": N_("Technology"),
    "owner": N_("Owner"),
    "status": N_("Status"),
    "adrs": N_("Adrs"),
    "tags": N_("Tags"),
    "category": N_("Category"),
    "impact": N_("Impact"),
    "probability": N_("Probability"),
    "mitigation": N_("Mitigation"),
    "components": N_("Components"),
    "review": N_("Review"),
    "metric": N_("Metric"),
    "target": N_("Target"),
    "current": N_("Current"),
    "monitoring": N_("Monitoring"),
    "component": N_("Component"),
    "date": N_("Date"),
    "deciders": N_("Deciders"),
    "supersedes": N_("Supersedes"),
    "superseded-by": N_("Superseded by"),
    "due": N_("Due"),
    "next-review": N_("Next review"),
    "sign-off": N_("Sign off"),
    "last-updated": N_("Last updated"),
    "dependents": N_("Dependents"),
    "risks": N_("Risks"),
    "perf-targets": N_("Perf targets"),
    "score": N_("Score"),
    "band": N_("Band"),
    "number": N_("Number"),
    "referenced-from": N_("Referenced from"),
    "overdue": N_("Overdue"),
    "parent": N_("Parent"),
    "type": N_("Type"),
    "children": N_("Children"),
    "ancestors": N_("Ancestors"),
    "uses": N_("Uses"),
    "external": N_("External"),
    "source": N_("Source"),
    "label": N_("Label"),
    "environment": N_("Environment"),
    "instances": N_("Instances"),
    "hosts": N_("Hosts"),
    "deployed-on": N_("Deployed on"),
    "steps": N_("Steps"),
    "elements": N_("Elements"),
    "flows": N_("Flows"),
}

#: A kind's name as the heading of its block ("Component ``API``").
KIND_HEADINGS: dict[str, str] = {
    "component": N_("Component"),
    "actor": N_("Actor"),
    "relation": N_("Relation"),
    "deployment-node": N_("Deployment node"),
    "flow": N_("Runtime flow"),
    "risk": N_("Risk"),
    "perf-target": N_("Performance target"),
    "adr": N_("Decision"),
    "question": N_("Open question"),
    "status": N_("Document status"),
}


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
