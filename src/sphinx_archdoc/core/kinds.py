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

from sphinx_archdoc.core.checknames import CHECKS, CheckName
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
    INTEGER = "integer"  # a whole number (a priority: 1 = highest), sorted as a number

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
    #: Read from the directive's body, not from an option (an entity's attributes).
    from_body: bool = False
    #: Free text written with inline markup (``literal``, links, roles), in the
    #: document's own language; its plain text is the field's value.
    inline: bool = False


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
    #: Another value of the kind shown after this one, in brackets, where
    #: this one is shown ("accepted (port pending)").
    note: str | None = None
    #: The values this column is made of: each one that has a value is shown
    #: as "Label value" ("Amends ADR-006; Depends on ADR-017").
    parts: tuple[str, ...] = ()
    #: The attribute of ArchConfig listing the allowed words, when they are
    #: configured (a risk's bands); see ``FieldSpec.enum``.
    enum: str | None = None
    #: The values are document names, each shown as a link to its document.
    documents: bool = False
    #: How the value reads as a badge in an item's head, an ``N_()`` message
    #: with the value's name as its placeholder ("{band} risk"); the badge then
    #: also has the class ``archdoc-NAME-VALUE`` (a band's colour).
    head_text: str | None = None


@dataclass(frozen=True)
class OverdueRule:
    """When an item is overdue: its ``date_field`` has passed (and, with
    ``only_status``, its status is that one). Tables mark the date."""

    date_field: str
    only_status: str | None = None
    #: Statuses that are never overdue (a spike that is done or abandoned).
    unless_statuses: tuple[str, ...] = ()


#: Spike statuses that mean the spike has reported, or never will.
FINISHED_SPIKE_STATUSES = ("done", "abandoned")


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
    #: The field an item's title falls back to before its ID (a target's metric).
    title_field: str | None = None
    #: The values shown as badges on the title line of an item's block, each
    #: computed from the item alone (:mod:`.item_values`); None: its
    #: ``status`` field, when it has one.
    head_values: tuple[str, ...] | None = None
    #: Values computed from the item alone, shown first among its block's facts.
    head_facts: tuple[str, ...] = ()
    #: Fields its block never lists as facts (drawn below the head instead).
    head_hidden: tuple[str, ...] = ()
    #: Column headers that are not the field's label, as (name, ``N_()`` label).
    column_labels: tuple[tuple[str, str], ...] = ()
    #: A row names the document the item is in: its ``docname`` is a link.
    names_document: bool = False
    #: Items are numbered (``ADR-001``): shown by their number, and a link may
    #: name one by its number in any spelling, its file name or its slug.
    numbered: bool = False
    #: Summary options of the kind's own, besides its columns (``min-score``).
    summary_options: tuple[str, ...] = ()
    #: How a C4 view draws the kind's items: ``person``, ``element`` (a box
    #: of its own type), or None when it draws them not at all.  Relations and
    #: flows connect only what C4 views draw.
    c4_shape: str | None = None

    def __post_init__(self) -> None:
        # Values every kind has (the description) are declared once, below.
        names = {spec.name for spec in self.computed_values}
        missing = tuple(spec for spec in COMMON_COMPUTED if spec.name not in names)
        if missing:
            object.__setattr__(self, "computed_values", (*self.computed_values, *missing))
        if self.head_values is None:
            status = ("status",) if "status" in self.field_names() else ()
            object.__setattr__(self, "head_values", status)

    @cached_property
    def checks(self) -> tuple[CheckName, ...]:
        """The checks that examine the kind's items (each declares its kinds in
        :mod:`.checknames`), besides those not tied to a kind."""
        return tuple(spec.name for spec in CHECKS.values() if self.name in spec.kinds)

    @property
    def shown_in_head(self) -> tuple[str, ...]:
        """The values on the title line (:attr:`head_values`, never None)."""
        return self.head_values or ()

    @cached_property
    def notes(self) -> frozenset[str]:
        """The values shown as another value's note (``status-note``)."""
        return frozenset(spec.note for spec in self.computed_values if spec.note)

    def column_label(self, name: str) -> str | None:
        """The kind's own header for column ``name`` (an ``N_()`` message), if any."""
        return dict(self.column_labels).get(name)

    @cached_property
    def computed(self) -> tuple[str, ...]:
        """The names of the computed values, in declaration order."""
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

    def option_names(self) -> tuple[str, ...]:
        """The fields given as directive options (not read from the body)."""
        return tuple(f.name for f in self.fields if not f.from_body)


#: Computed values of every kind: ``description`` is the first paragraph of
#: the directive's content, as plain text.
COMMON_COMPUTED: tuple[ComputedSpec, ...] = (ComputedSpec("description", N_("Description")),)

#: ADR relations besides supersession, each with the name of its inverse
#: (``relates-to`` holds both ways).
ADR_RELATIONS: dict[str, str | None] = {
    "amends": "amended-by",
    "depends-on": "required-by",
    "relates-to": None,
}
#: The relations and their inverses, in the order they are shown.
ADR_RELATION_NAMES: tuple[str, ...] = tuple(
    name for relation, inverse in ADR_RELATIONS.items() for name in (relation, inverse) if name
)


#: Text fields that stay plain text: names (titles, people), values with a
#: grammar of their own (quantities, paths, units, instance counts) and the
#: note shown in a status badge. Every other text field, and every extra
#: field, takes inline markup.
PLAIN_TEXT_FIELDS = frozenset(
    {
        "title",
        "metric",
        "target",
        "current",
        "current-from",
        "current-unit",
        "instances",
        "status-note",
        "owner",
        "deciders",
        "sign-off",
    }
)


def _text(name: str, description: str, *, required: bool = False, label: str) -> FieldSpec:
    inline = name not in PLAIN_TEXT_FIELDS
    return FieldSpec(
        name, FieldType.TEXT, description, required=required, label=label, inline=inline
    )


def _adr_refs(name: str, description: str, *, label: str) -> FieldSpec:
    return FieldSpec(name, FieldType.ADR_REFS, description, label=label)


_TITLE = _text("title", "Human-readable name; defaults to the ID.", label=N_("Title"))
_TAGS = FieldSpec(
    "tags", FieldType.LIST, "Comma-separated free tags, usable in filters.", label=N_("Tags")
)
_OWNER = _text("owner", "Who is responsible.", label=N_("Owner"))
_PRIORITY = FieldSpec(
    "priority",
    FieldType.INTEGER,
    "Priority, a whole number; 1 is the highest.",
    label=N_("Priority"),
)
_CHARACTERISTIC = FieldSpec(
    "characteristic",
    FieldType.ENUM,
    "Quality characteristic, one of ``archdoc_quality_characteristics``.",
    "quality_characteristics",
    label=N_("Characteristic"),
)
#: The status of a target, a scenario and a goal.
_QUALITY_STATUS = ComputedSpec(
    "status", N_("Status"), allowed=("met", "missed", "unknown"), badge=True
)


def _scenarios(name: str, description: str, label: str) -> FieldSpec:
    return FieldSpec(name, FieldType.REFS, description, ref_kind="quality-scenario", label=label)


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
                _adr_refs(
                    "adrs",
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
                ComputedSpec("debt", N_("Debt"), link_kind="debt"),
                ComputedSpec("children", N_("Children"), link_kind="component"),
                ComputedSpec("ancestors", N_("Ancestors"), link_kind="component"),
                ComputedSpec("entities", N_("Entities"), link_kind="entity"),
                ComputedSpec("deployed-on", N_("Deployed on"), link_kind="deployment-node"),
                ComputedSpec("flows", N_("Flows"), link_kind="flow"),
            ),
            default_columns=("id", "title", "layer", "purpose", "depends-on", "scalability"),
            default_sort="id",
            c4_shape="element",
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
            c4_shape="person",
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
            names_document=True,
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
            # The steps are drawn below the head (a sequence diagram or a table).
            head_hidden=("steps",),
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
                _scenarios(
                    "scenarios",
                    "Comma-separated IDs of the quality scenarios it threatens.",
                    N_("Scenarios"),
                ),
            ),
            computed_values=(
                ComputedSpec("score", N_("Score")),
                ComputedSpec(
                    "band", N_("Band"), badge=True, enum="band_names", head_text=N_("{band} risk")
                ),
            ),
            default_columns=("id", "title", "impact", "probability", "score", "band", "mitigation"),
            default_sort="-score",
            head_values=("band",),
            head_facts=("score",),
            summary_options=("min-score",),
        ),
        KindSpec(
            name="debt",
            directive="arch-debt",
            role="debt",
            label="technical debt",
            heading=N_("Technical debt"),
            empty_notice=N_("No technical debt matches."),
            fields=(
                _TITLE,
                FieldSpec(
                    "impact",
                    FieldType.ENUM,
                    "How much the debt hurts, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                    label=N_("Impact"),
                    badge=True,
                ),
                FieldSpec(
                    "effort",
                    FieldType.ENUM,
                    "What paying it back costs, one of ``archdoc_risk_levels``.",
                    "risk_levels",
                    label=N_("Effort"),
                    badge=True,
                ),
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Status, one of ``archdoc_debt_statuses``.",
                    "debt_statuses",
                    default="open",
                    label=N_("Status"),
                    badge=True,
                ),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the components that carry the debt.",
                    ref_kind="component",
                    label=N_("Components"),
                ),
                _adr_refs(
                    "adrs",
                    "Comma-separated ADRs the debt comes from.",
                    label=N_("Adrs"),
                ),
                _OWNER,
                _TAGS,
            ),
            default_columns=(
                "id",
                "title",
                "impact",
                "effort",
                "status",
                "components",
                "description",
            ),
            # Highest impact first; among equals, the cheapest to pay back first.
            default_sort="-impact,effort",
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
                FieldSpec(
                    "scenario",
                    FieldType.REF,
                    "ID of the quality scenario this target is a measure of.",
                    ref_kind="quality-scenario",
                    label=N_("Scenario"),
                ),
                FieldSpec(
                    "result",
                    FieldType.ENUM,
                    "``pass`` or ``fail``: the status of a qualitative target "
                    "(one that is not a quantity).",
                    "perf_results",
                    label=N_("Result"),
                ),
                _text(
                    "current-from",
                    "``PATH#/json/pointer``: read the current value from a JSON result file "
                    "(PATH relative to the source directory).",
                    label=N_("Current from"),
                ),
                _text(
                    "current-unit",
                    "The unit of the value :current-from: reads, e.g. ``s``.",
                    label=N_("Current unit"),
                ),
            ),
            computed_values=(_QUALITY_STATUS,),
            default_columns=("id", "metric", "target", "current", "status", "monitoring"),
            default_sort="id",
            # A performance target is best named by what it measures.
            title_field="metric",
            head_values=("status",),
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
                    "Status, see ``archdoc_adr_statuses``; a qualifier after the word "
                    "(``Accepted (port pending)``) is kept as the ``status-note``.",
                    label=N_("Status"),
                    badge=True,
                ),
                _text(
                    "status-note",
                    "A qualifier of the status (``port pending``).",
                    label=N_("Status note"),
                ),
                FieldSpec(
                    "date",
                    FieldType.DATE,
                    "Date of the decision (ISO, YYYY-MM-DD).",
                    label=N_("Date"),
                ),
                _text("deciders", "Who decided.", label=N_("Deciders")),
                _adr_refs(
                    "supersedes",
                    "ADRs this one replaces.",
                    label=N_("Supersedes"),
                ),
                _adr_refs(
                    "superseded-by",
                    "ADRs that replace this one.",
                    label=N_("Superseded by"),
                ),
                _adr_refs(
                    "amends",
                    "ADRs this one changes in part (they stay in force).",
                    label=N_("Amends"),
                ),
                _adr_refs(
                    "depends-on",
                    "ADRs this one requires.",
                    label=N_("Depends on"),
                ),
                _adr_refs(
                    "relates-to",
                    "ADRs related in another way.",
                    label=N_("Relates to"),
                ),
                _TAGS,
                _scenarios(
                    "supports",
                    "Comma-separated IDs of the quality scenarios it supports.",
                    N_("Supports"),
                ),
                _scenarios(
                    "compromises",
                    "Comma-separated IDs of the quality scenarios it compromises.",
                    N_("Compromises"),
                ),
            ),
            computed_values=(
                ComputedSpec("number", N_("Number")),
                ComputedSpec("status", N_("Status"), badge=True, note="status-note"),
                ComputedSpec("status-note", N_("Status note")),
                ComputedSpec("supersedes", N_("Supersedes"), link_kind="adr"),
                ComputedSpec("superseded-by", N_("Superseded by"), link_kind="adr"),
                ComputedSpec("amends", N_("Amends"), link_kind="adr"),
                ComputedSpec("amended-by", N_("Amended by"), link_kind="adr"),
                ComputedSpec("depends-on", N_("Depends on"), link_kind="adr"),
                ComputedSpec("required-by", N_("Required by"), link_kind="adr"),
                ComputedSpec("relates-to", N_("Relates to"), link_kind="adr"),
                ComputedSpec(
                    "relations",
                    N_("Relations"),
                    allowed=ADR_RELATION_NAMES,
                    parts=ADR_RELATION_NAMES,
                ),
                ComputedSpec("referenced-from", N_("Referenced from"), documents=True),
                ComputedSpec("components", N_("Components"), link_kind="component"),
            ),
            default_columns=(
                "id",
                "title",
                "status",
                "date",
                "supersedes",
                "superseded-by",
                "relations",
                "referenced-from",
            ),
            default_sort="number",
            head_values=("status", "status-note"),
            numbered=True,
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
            computed_values=(
                ComputedSpec("overdue", N_("Overdue"), allowed=("true", "false")),
                ComputedSpec("spikes", N_("Spikes"), link_kind="spike"),
                ComputedSpec("answered-by", N_("Answered by"), link_kind="spike"),
            ),
            default_columns=("id", "title", "status", "owner", "due", "components", "answered-by"),
            default_sort="id",
            overdue=OverdueRule("due", only_status="open"),
        ),
        KindSpec(
            name="quality-goal",
            directive="arch-quality-goal",
            role="goal",
            label="quality goal",
            heading=N_("Quality goal"),
            empty_notice=N_("No quality goals match."),
            fields=(
                _TITLE,
                _PRIORITY,
                _CHARACTERISTIC,
                FieldSpec(
                    "stakeholders",
                    FieldType.LIST,
                    "Comma-separated stakeholders who care about it.",
                    label=N_("Stakeholders"),
                ),
                _TAGS,
            ),
            computed_values=(
                ComputedSpec("scenarios", N_("Scenarios"), link_kind="quality-scenario"),
                _QUALITY_STATUS,
            ),
            default_columns=("id", "title", "priority", "characteristic", "scenarios", "status"),
            default_sort="priority",
        ),
        KindSpec(
            name="quality-scenario",
            directive="arch-quality-scenario",
            role="scenario",
            label="quality scenario",
            heading=N_("Quality scenario"),
            empty_notice=N_("No quality scenarios match."),
            fields=(
                _TITLE,
                _text("source", "Who or what causes the stimulus.", label=N_("Source")),
                _text("stimulus", "The event that arrives.", label=N_("Stimulus")),
                FieldSpec(
                    "artifact",
                    FieldType.REFS,
                    "Comma-separated IDs of the components stimulated.",
                    ref_kind="component",
                    label=N_("Artifact"),
                ),
                _text(
                    "environment",
                    "The conditions under which it arrives.",
                    label=N_("Environment"),
                ),
                _text("response", "What the system does.", label=N_("Response")),
                _text("measure", "How the response is measured (free text).", label=N_("Measure")),
                FieldSpec(
                    "goal",
                    FieldType.REF,
                    "ID of its quality goal.",
                    ref_kind="quality-goal",
                    label=N_("Goal"),
                ),
                _CHARACTERISTIC,
                _PRIORITY,
                _TAGS,
            ),
            computed_values=(
                _QUALITY_STATUS,
                ComputedSpec("measures", N_("Measures"), link_kind="perf-target"),
                ComputedSpec("risks", N_("Risks"), link_kind="risk"),
                ComputedSpec("adrs", N_("Adrs"), link_kind="adr"),
            ),
            default_columns=(
                "id",
                "source",
                "stimulus",
                "artifact",
                "environment",
                "response",
                "measure",
                "status",
                "measures",
                "risks",
                "adrs",
            ),
            default_sort="id",
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
            column_labels=(("docname", N_("Document")),),
            names_document=True,
        ),
        KindSpec(
            name="constraint",
            directive="arch-constraint",
            role="constraint",
            label="constraint",
            heading=N_("Constraint"),
            empty_notice=N_("No constraints match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "category",
                    FieldType.ENUM,
                    "Category, one of ``archdoc_constraint_categories``.",
                    "constraint_categories",
                    label=N_("Category"),
                ),
                _text(
                    "source",
                    "Who or what imposes it (a regulator, the board, a contract).",
                    label=N_("Source"),
                ),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the components it constrains.",
                    ref_kind="component",
                    label=N_("Components"),
                ),
                _TAGS,
            ),
            default_columns=("id", "title", "category", "source", "components"),
            default_sort="id",
        ),
        KindSpec(
            name="spike",
            directive="arch-spike",
            role="spike",
            label="spike",
            heading=N_("Spike"),
            empty_notice=N_("No spikes match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "status",
                    FieldType.ENUM,
                    "Status, one of ``archdoc_spike_statuses``.",
                    "spike_statuses",
                    default="planned",
                    label=N_("Status"),
                    badge=True,
                ),
                _OWNER,
                FieldSpec(
                    "due", FieldType.DATE, "When it must report (ISO date).", label=N_("Due")
                ),
                FieldSpec(
                    "questions",
                    FieldType.REFS,
                    "Comma-separated IDs of the ``arch-question`` items it answers.",
                    ref_kind="question",
                    label=N_("Questions"),
                ),
                _text("outcome", "What it found.", label=N_("Outcome")),
                FieldSpec(
                    "components",
                    FieldType.REFS,
                    "Comma-separated IDs of the components it concerns.",
                    ref_kind="component",
                    label=N_("Components"),
                ),
                _TAGS,
            ),
            computed_values=(ComputedSpec("overdue", N_("Overdue"), allowed=("true", "false")),),
            default_columns=("id", "title", "status", "owner", "due", "questions", "outcome"),
            default_sort="id",
            overdue=OverdueRule("due", unless_statuses=FINISHED_SPIKE_STATUSES),
        ),
        KindSpec(
            name="entity",
            directive="arch-entity",
            role="entity",
            label="entity",
            heading=N_("Entity"),
            empty_notice=N_("No entities match."),
            fields=(
                _TITLE,
                FieldSpec(
                    "stored-in",
                    FieldType.REFS,
                    "Comma-separated IDs of the components that store it.",
                    ref_kind="component",
                    label=N_("Stored in"),
                ),
                FieldSpec(
                    "master",
                    FieldType.REF,
                    "ID of the component that is its authoritative source.",
                    ref_kind="component",
                    label=N_("Master"),
                ),
                _text("retention", "How long it is kept.", label=N_("Retention")),
                _TAGS,
                FieldSpec(
                    "attributes",
                    FieldType.LIST,
                    "One attribute per body line: ``name: TYPE [PK] [UNIQUE] "
                    "[FK -> ENTITY.attribute]``.",
                    label=N_("Attributes"),
                    from_body=True,
                ),
            ),
            computed_values=(
                ComputedSpec("attribute-count", N_("Attribute count")),
                ComputedSpec("references", N_("References"), link_kind="entity"),
                ComputedSpec("referenced-by", N_("Referenced by"), link_kind="entity"),
            ),
            default_columns=("id", "title", "stored-in", "master", "retention", "attribute-count"),
            default_sort="id",
        ),
    )
}

#: Columns every kind has, besides its fields and computed values.
BASE_COLUMNS = ("id", "title", "docname", "kind")

ROLE_TO_KIND = {spec.role: spec.name for spec in KINDS.values() if spec.role}

#: The kinds C4 views draw (components, people): what relations and flows connect.
C4_ELEMENT_KINDS: tuple[str, ...] = tuple(
    spec.name for spec in KINDS.values() if spec.c4_shape is not None
)


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

#: Labels that are not the capitalised name: abbreviations and the like.
PROPER_LABELS: dict[str, str] = {"id": N_("ID"), "adrs": N_("ADRs")}

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
    if name in PROPER_LABELS:
        return _(PROPER_LABELS[name])
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
