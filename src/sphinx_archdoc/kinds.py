"""The one vocabulary: every kind of item and every field it has.

The same field names are directive options, table columns, filter options,
``archdoc.json`` keys and documentation entries.  Directives, summaries, the
export and the generated reference all read this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

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
            ),
            computed=("dependents", "risks", "perf-targets", "adrs"),
            default_columns=("id", "title", "layer", "purpose", "depends-on", "scalability"),
            default_sort="id",
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


def column_names(kind: str, extra_fields: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every name usable as a column or filter for ``kind``."""
    spec = KINDS[kind]
    names = list(BASE_COLUMNS)
    for name in (*spec.field_names(), *extra_fields, *spec.computed):
        if name not in names:
            names.append(name)
    return tuple(names)
