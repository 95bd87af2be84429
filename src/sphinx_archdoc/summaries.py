"""Summary directives and their renderers, registered in one place.

A summary directive leaves a placeholder node in the doctree; after all
documents are read, :class:`~sphinx_archdoc.transforms.SummaryTransform`
replaces it with what the summary's renderer builds from the global index.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from docutils import nodes

from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import (
    FindingQuery,
    Query,
    QueryError,
    parse_finding_query,
    parse_query,
)
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.render.adr import adr_index_table
from sphinx_archdoc.render.deployment import check_direction, deployment_graph
from sphinx_archdoc.render.entities import entity_diagram
from sphinx_archdoc.render.findings import findings_table
from sphinx_archdoc.render.flow import flow_diagram
from sphinx_archdoc.render.graph import check_graph_options, dependency_graph
from sphinx_archdoc.render.matrix import risk_matrix
from sphinx_archdoc.render.quality import quality_tree
from sphinx_archdoc.render.tables import item_table

Renderer = Callable[[Index, Any, str, str], list[nodes.Node]]
"""(index, query, css name, docname of the page) -> nodes.  The query is a
:class:`Query` for summaries of a kind, a :class:`FindingQuery` for findings."""

OptionCheck = Callable[[Mapping[str, str], ArchConfig], list[QueryError]]
"""Validates a summary's own options (``extra_options``) while reading."""


@dataclass(frozen=True)
class SummarySpec:
    directive: str  # "arch-component-table"
    #: The kind it lists; None for summaries over findings rather than items.
    kind: str | None
    renderer: Renderer
    description: str
    #: Options besides the filters and the common ones.
    extra_options: tuple[str, ...] = ()
    #: Default sort, when the kind's default is not wanted.
    default_sort: str | None = None
    #: Default columns, when the kind's default is not wanted.
    default_columns: tuple[str, ...] | None = None
    #: Checks the values of ``extra_options`` while the document is read.
    check_options: OptionCheck | None = None
    #: Options whose values are component IDs, checked like ``:arch:comp:`` roles.
    component_options: tuple[str, ...] = ()

    @property
    def css_name(self) -> str:
        return self.directive.removeprefix("arch-")


SUMMARIES: dict[str, SummarySpec] = {}

#: Renderers of placeholders that item directives leave in their own block
#: (not directives of their own): the sequence diagram of an ``arch-flow``.
EMBEDDED: dict[str, SummarySpec] = {}


def register(spec: SummarySpec) -> None:
    SUMMARIES[spec.directive] = spec


def parse_summary_options(
    spec: SummarySpec, options: Mapping[str, str], config: ArchConfig
) -> tuple[Query | FindingQuery, list[QueryError]]:
    """The summary's query and the problems with its options (never raised)."""
    if spec.kind is None:
        return parse_finding_query(options, config)
    query, problems = parse_query(spec.kind, options, config, spec.extra_options)
    if spec.default_sort and "sort" not in options:
        query = replace(query, sort=spec.default_sort)
    if spec.default_columns and "columns" not in options:
        query = replace(query, columns=spec.default_columns)
    if spec.check_options is not None:
        problems.extend(spec.check_options(options, config))
    return query, problems


register(
    SummarySpec(
        "arch-component-table",
        "component",
        item_table,
        "One row per component; derived columns dependents, risks, perf-targets, adrs.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-actor-table",
        "actor",
        item_table,
        "One row per person or role (arch-actor): purpose, the components they use.",
    )
)
register(
    SummarySpec(
        "arch-relation-table",
        "relation",
        item_table,
        "One row per arch-relation: source, target, label, technology, where declared.",
    )
)
register(
    SummarySpec(
        "arch-deployment-table",
        "deployment-node",
        item_table,
        "One row per deployment node: environment, technology, instances, hosted components.",
    )
)
register(
    SummarySpec(
        "arch-deployment-graph",
        "deployment-node",
        deployment_graph,
        "One environment's deployment nodes (:environment:, default the first configured) "
        "as nested boxes with technology and instances, the components they host inside and "
        "the relations between those (implied relationships); a table where the builder "
        "cannot render Mermaid.",
        extra_options=("direction",),
        check_options=check_direction,
    )
)
register(
    SummarySpec(
        "arch-flow-index",
        "flow",
        item_table,
        "One row per runtime flow (arch-flow) with every element its steps touch.",
    )
)
EMBEDDED["arch-flow"] = SummarySpec(
    "arch-flow",
    "flow",
    flow_diagram,
    "A flow's numbered Mermaid sequence diagram, or its numbered step table.",
    extra_options=("flow",),
)
register(
    SummarySpec(
        "arch-risk-register",
        "risk",
        item_table,
        "One row per risk with its computed score and band, highest score first.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-debt-register",
        "debt",
        item_table,
        "One row per technical debt item: highest impact first, then lowest effort.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-risk-matrix",
        "risk",
        risk_matrix,
        "Impact x probability heat-map: each cell shows its band (colour and word), "
        "the number of risks and their linked IDs; with a legend.",
    )
)
register(
    SummarySpec(
        "arch-perf-table",
        "perf-target",
        item_table,
        "One row per performance target with its status: met, missed or unknown.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-adr-index",
        "adr",
        adr_index_table,
        "Every ADR with status, date, supersession and where it is referenced.",
        extra_options=("toctree", "external"),
    )
)
register(
    SummarySpec(
        "arch-question-list",
        "question",
        item_table,
        "Open questions with owner, due date and components.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-status-table",
        "status",
        item_table,
        "Every document's arch-status, with overdue reviews marked.",
    )
)
register(
    SummarySpec(
        "arch-dependency-graph",
        "component",
        dependency_graph,
        "A Mermaid flowchart of components, people and their relations (C4 box text, "
        "labelled edges, implied relationships, a legend), grouped by layer, or the "
        ":scope: view of one element; a table where the builder cannot render Mermaid.",
        extra_options=("root", "depth", "include", "direction", "scope", "view", "descriptions"),
        default_sort="layer",
        default_columns=("id", "title", "layer", "depends-on", "status"),
        check_options=check_graph_options,
        component_options=("root", "scope"),
    )
)
register(
    SummarySpec(
        "arch-quality-scenario-table",
        "quality-scenario",
        item_table,
        "One row per quality scenario: its six parts, its status (from its measures), "
        "its measures, the risks that threaten it and the ADRs that support or compromise it.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-quality-tree",
        "quality-scenario",
        quality_tree,
        "The quality tree: characteristic, goal, scenario and measure, each with its status.",
    )
)
register(
    SummarySpec(
        "arch-findings",
        None,
        findings_table,
        "Every check result (check, severity, message, location) as a table.",
    )
)
register(
    SummarySpec(
        "arch-constraint-table",
        "constraint",
        item_table,
        "One row per constraint: category, who imposes it, the components it constrains.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-spike-list",
        "spike",
        item_table,
        "Spikes (proofs of concept, experiments) with status, owner, due date, "
        "the questions they answer and their outcome; overdue ones marked.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-entity-table",
        "entity",
        item_table,
        "One row per entity: where it is stored, its master, retention, attribute count.",
        extra_options=("external",),
    )
)
register(
    SummarySpec(
        "arch-entity-diagram",
        "entity",
        entity_diagram,
        "A Mermaid erDiagram of the entities: attributes with PK/FK/UK markers and one "
        "relationship per foreign key; a table of attributes where the builder cannot "
        "render Mermaid.",
    )
)
