"""Summary directives and their renderers, registered in one place.

A summary directive leaves a placeholder node in the doctree; after all
documents are read, :class:`~sphinx_archdoc.transforms.SummaryTransform`
replaces it with what the summary's renderer builds from the global index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes

from sphinx_archdoc.filters import Query
from sphinx_archdoc.index import Index
from sphinx_archdoc.render.adr import adr_index_table
from sphinx_archdoc.render.tables import item_table

Renderer = Callable[[Index, Query, str, str], list[nodes.Node]]
"""(index, query, css name, docname of the page) -> nodes."""


@dataclass(frozen=True)
class SummarySpec:
    directive: str  # "arch-component-table"
    kind: str  # the kind it lists
    renderer: Renderer
    description: str
    #: Options besides the filters and the common ones.
    extra_options: tuple[str, ...] = ()
    #: Default sort, when the kind's default is not wanted.
    default_sort: str | None = None

    @property
    def css_name(self) -> str:
        return self.directive.removeprefix("arch-")


SUMMARIES: dict[str, SummarySpec] = {}


def register(spec: SummarySpec) -> None:
    SUMMARIES[spec.directive] = spec


register(
    SummarySpec(
        "arch-component-table",
        "component",
        item_table,
        "One row per component; derived columns dependents, risks, perf-targets, adrs.",
    )
)
register(
    SummarySpec(
        "arch-risk-register",
        "risk",
        item_table,
        "One row per risk with its computed score and band, highest score first.",
        extra_options=(),
    )
)
register(
    SummarySpec(
        "arch-perf-table",
        "perf-target",
        item_table,
        "One row per performance target with its status: met, missed or unknown.",
    )
)
register(
    SummarySpec(
        "arch-adr-index",
        "adr",
        adr_index_table,
        "Every ADR with status, date, supersession and where it is referenced.",
        extra_options=("toctree",),
    )
)
register(
    SummarySpec(
        "arch-question-list",
        "question",
        item_table,
        "Open questions with owner, due date and components.",
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
