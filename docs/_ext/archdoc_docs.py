"""Reference tables generated from the code's own declarations.

A local extension of this documentation (``docs/_ext``, never shipped in the
wheel) so that the option, configuration and check references cannot drift
from what the code accepts.
"""

from __future__ import annotations

import pprint
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sphinx_archdoc.core.checknames import CHECKS
from sphinx_archdoc.core.config import CONFIG_SPECS, ArchConfig
from sphinx_archdoc.core.filters import COMMON_OPTIONS
from sphinx_archdoc.core.kinds import BASE_COLUMNS, KINDS
from sphinx_archdoc.render.latex import prepare_for_latex
from sphinx_archdoc.render.tables import build_table
from sphinx_archdoc.summaries import SUMMARIES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def _rst_inline(text: str, directive: SphinxDirective) -> list[nodes.Node]:
    parsed, _messages = directive.parse_inline(text, lineno=directive.lineno)
    return list(parsed)


def _literal(text: str) -> list[nodes.Node]:
    return [nodes.literal(text, text)]


def _enum_source(enum: str) -> str:
    """Where an enum's values come from: a config value, or a fixed list."""
    config_name = f"archdoc_{enum}"
    if any(spec.name == config_name for spec in CONFIG_SPECS):
        return f"``{config_name}``"
    return ", ".join(f"``{v}``" for v in ArchConfig().enum_values(enum))


class OptionTable(SphinxDirective):
    """``.. archdoc-option-table:: component``: every option of a kind."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        spec = KINDS[self.arguments[0]]
        rows = []
        for field in spec.fields:
            kind = field.type.value
            if field.enum:
                kind += f" ({_enum_source(field.enum)})"
            if field.ref_kind:
                kind += f" -> {field.ref_kind}"
            notes = field.description
            if field.required:
                notes += " **Required.**"
            if field.default:
                notes += f" Default ``{field.default}``."
            name = f"(body) {field.name}" if field.from_body else f":{field.name}:"
            rows.append([_literal(name), _rst_inline(kind, self), _rst_inline(notes, self)])
        return [build_table("reference", ["Option", "Type", "Meaning"], rows, widths=[20, 25, 55])]


class ColumnList(SphinxDirective):
    """``.. archdoc-column-list:: risk``: the names usable as columns and filters."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        spec = KINDS[self.arguments[0]]
        paragraph = nodes.paragraph()
        names = [*BASE_COLUMNS, *spec.field_names(), *spec.computed]
        seen: list[str] = []
        for name in names:
            if name not in seen:
                seen.append(name)
        for i, name in enumerate(seen):
            if i:
                paragraph += nodes.Text(", ")
            paragraph += nodes.literal(name, name)
        return [paragraph]


class SummaryOptionList(SphinxDirective):
    """``.. archdoc-summary-options:: arch-risk-register``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        spec = SUMMARIES[self.arguments[0]]
        text = ", ".join(f"``:{o}:``" for o in (*COMMON_OPTIONS, *spec.extra_options))
        para = nodes.paragraph()
        para.extend(_rst_inline(f"Options besides the filters: {text}.", self))
        return [para]


class ConfigTable(SphinxDirective):
    """``.. archdoc-config-table::``: every ``archdoc_*`` value."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for spec in CONFIG_SPECS:
            default = pprint.pformat(spec.default, width=60, compact=True)
            rows.append(
                [_literal(spec.name), _literal(default), _rst_inline(spec.description, self)]
            )
        return [build_table("reference", ["Name", "Default", "Meaning"], rows, widths=[25, 35, 40])]


class CheckTable(SphinxDirective):
    """``.. archdoc-check-table::``: every check with its default severity and
    the kinds of item it examines (``CheckSpec.kinds``)."""

    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _literal(f"archdoc.{spec.name}"),
                _literal(spec.default),
                [nodes.Text(", ".join(KINDS[kind].label for kind in spec.kinds) or "\u2014")],
                _rst_inline(spec.description, self),
            ]
            for spec in sorted(CHECKS.values(), key=lambda s: s.name)
        ]
        headers = ["Warning type", "Default", "Examines", "Fires when"]
        return [build_table("reference", headers, rows, widths=[26, 10, 18, 46])]


class KindCheckList(SphinxDirective):
    """``.. archdoc-kind-checks:: risk``: the checks that examine a kind's items
    (``KindSpec.checks``)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        spec = KINDS[self.arguments[0]]
        named = ", ".join(f"``archdoc.{name}`` ({CHECKS[name].default})" for name in spec.checks)
        every = (
            "the checks not tied to a kind (an invalid or missing value, a duplicate ID, "
            "an unknown reference...)"
        )
        if named:
            text = f"Checks of these items: {named}; besides {every}."
        else:
            text = f"No check is of these items alone; {every} examine them."
        paragraph = nodes.paragraph()
        paragraph.extend(_rst_inline(f"{text} See ", self))
        paragraph += addnodes.pending_xref(
            "",
            nodes.inline("", "Checks and warnings"),
            refdomain="std",
            reftype="doc",
            reftarget="/reference/checks",
            refexplicit=True,
            refdoc=self.env.docname,
        )
        paragraph += nodes.Text(".")
        return [paragraph]


def fit_tables_to_the_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF, this documentation's own tables (the reference tables above,
    the Markdown tables of the pages) get what generated tables get: columns
    sized from their content and a longtable that breaks across pages, so no
    cell is clipped and no table runs over the footer
    (``scripts/pdf_pages.py`` checks the pages)."""
    if app.builder.format != "latex":
        return
    style = app.config.latex_table_style
    rules = "booktabs" not in style and "borderless" not in style
    for table in list(doctree.findall(nodes.table)):
        parent = table.parent
        if parent is None:
            continue
        before = parent.index(table) - 1
        if before >= 0 and isinstance(parent[before], addnodes.tabular_col_spec):
            continue  # a generated table, already prepared
        prepare_for_latex(table, rules=rules)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-resolved", fit_tables_to_the_page)
    app.add_directive("archdoc-option-table", OptionTable)
    app.add_directive("archdoc-column-list", ColumnList)
    app.add_directive("archdoc-summary-options", SummaryOptionList)
    app.add_directive("archdoc-config-table", ConfigTable)
    app.add_directive("archdoc-check-table", CheckTable)
    app.add_directive("archdoc-kind-checks", KindCheckList)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
