"""Post-transforms: summaries and item heads become ordinary nodes (or HTML)
before links are resolved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_archdoc.core.index import collector_paused
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.render.blocks import (
    FACTS_CLASS,
    TITLE_CLASS,
    archdoc_item_head,
    head_fragments,
    head_paragraphs,
    shows_derived_badges,
    smart_quoted,
    smart_quoter,
)
from sphinx_archdoc.render.cells import archdoc_rows
from sphinx_archdoc.render.graph import can_render_mermaid, drop_unused_fallbacks
from sphinx_archdoc.render.html import HtmlFragments
from sphinx_archdoc.render.latex import prepare_for_latex
from sphinx_archdoc.render.nodes import archdoc_summary
from sphinx_archdoc.summaries import EMBEDDED, SUMMARIES, parse_summary_options

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_archdoc.core.model import Item


#: The class Sphinx's search indexer skips (Sphinx >= 8.2; ignored before).
#: Generated summaries carry it unless ``archdoc_search_summaries`` is set:
#: every row repeats an item page, which is indexed, and Sphinx's search page
#: downloads each hit to show its excerpt, so a summary of thousands of items
#: in every result list would make search slow and its results noisy.
NO_SEARCH = "no-search"


class _ArchPostTransform(SphinxPostTransform):
    """What both post-transforms need to know of the builder."""

    def builder_format(self) -> str:
        # Sphinx >= 9 deprecates ``self.app``; older versions lack ``_builder_cls``.
        builder_cls = getattr(self.env, "_builder_cls", None)
        if builder_cls is not None:
            return str(builder_cls.format)
        return str(self.app.builder.format)

    def builder(self) -> Builder:
        # Sphinx >= 8.1 keeps the application private on the environment.
        app = getattr(self.env, "_app", None) or self.env.app
        return cast("Builder", app.builder)

    def html_writer(self, docname: str) -> HtmlFragments | None:
        """The HTML writer for the page, or None when content takes the docutils route."""
        if self.builder_format() != "html":
            return None
        return HtmlFragments.for_page(self.builder(), self.env, get_domain(self.env), docname)


class SummaryTransform(_ArchPostTransform):
    """Replace each summary placeholder with its table (or matrix, list...).

    Runs before Sphinx's ``ReferencesResolver`` (priority 10), so the links in
    generated tables are ordinary ``pending_xref`` nodes and resolve the same
    way in HTML, LaTeX, text and every other builder.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(archdoc_summary))
        if not placeholders:
            return
        # A large summary allocates many small acyclic objects; the collector
        # would walk the whole environment again and again meanwhile.
        with collector_paused():
            self._render(placeholders)

    def _render(self, placeholders: list[archdoc_summary]) -> None:
        domain = get_domain(self.env)
        index = domain.index()
        config = arch_config(self.env)
        writer = self.html_writer(placeholders[0]["docname"])
        draws_mermaid = can_render_mermaid(self.builder())
        unsearched = self.builder_format() == "html" and not self.config.archdoc_search_summaries
        for node in placeholders:
            spec = SUMMARIES.get(node["directive"]) or EMBEDDED[node["directive"]]
            query, _problems = parse_summary_options(spec, node["options"], config)
            rendered = spec.renderer(index, query, spec.css_name, node["docname"])
            for child in rendered:
                if isinstance(child, nodes.Element):
                    self._prepare(
                        child, node, unsearched and spec.directive in SUMMARIES, draws_mermaid
                    )
            for rows in [r for child in rendered for r in _rows_in(child)]:
                _expand_rows(rows, writer)
            if self.builder_format() != "html" and _inside_table(node):
                rendered = [_without_tables(child) for child in rendered]
            node.replace_self(rendered)
            if self.builder_format() == "latex":
                for child in rendered:
                    for table in _tables_in(child):
                        prepare_for_latex(table, rules=self.latex_rules())

    def _prepare(
        self, child: nodes.Element, node: archdoc_summary, unsearched: bool, draws_mermaid: bool
    ) -> None:
        """Location, table IDs, search and fallbacks of one rendered element."""
        if not child.source:
            child.source, child.line = node.source, node.line
        if unsearched:
            # Sphinx >= 8.2 leaves it out of the search index (NO_SEARCH).
            child["classes"].append(NO_SEARCH)
        for table in child.findall(nodes.table):
            if not table["ids"]:
                # Captioned tables need an ID for numbering and permalinks.
                self.document.set_id(table)
        if draws_mermaid:
            drop_unused_fallbacks(child, self.builder())

    def latex_rules(self) -> bool:
        """Whether LaTeX tables have vertical rules (``latex_table_style``)."""
        style = self.config.latex_table_style
        return "booktabs" not in style and "borderless" not in style


class ItemBlockTransform(_ArchPostTransform):
    """Write the title line and key facts of each item block (see
    :mod:`sphinx_archdoc.render.blocks`), before links are resolved."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        heads = list(self.document.findall(archdoc_item_head))
        if not heads:
            return
        domain = get_domain(self.env)
        config = arch_config(self.env)
        educate = smart_quoter(self.config, self.document.settings, self.builder().name)
        writers: dict[str, HtmlFragments | None] = {}
        items: dict[str, dict[str, Item]] = {}
        for head in heads:
            docname = head["docname"]
            if docname not in items:
                items[docname] = {i.anchor: i for i in domain.items_of(docname)}
                writers[docname] = self.html_writer(docname)
            item = items[docname].get(head["anchor"])
            if item is None:  # not this build's item (a copied node): nothing to show
                head.parent.remove(head)
                continue
            computed = domain.index().computed_of(item) if shows_derived_badges(item) else None
            title, facts = head_fragments(item, config, computed)
            if educate is not None:
                title, facts = smart_quoted(title, educate), smart_quoted(facts, educate)
            writer = writers[docname]
            written = None
            if writer is not None and writer.docname == self.env.docname:
                paragraphs = (
                    [(TITLE_CLASS, title), (FACTS_CLASS, facts)]
                    if facts
                    else [(TITLE_CLASS, title)]
                )
                written = writer.paragraphs(paragraphs)
            if written is not None:
                head.replace_self(written)
            else:
                head.replace_self(head_paragraphs(title, facts, docname))


def _rows_in(node: nodes.Node) -> list[archdoc_rows]:
    if isinstance(node, archdoc_rows):
        return [node]
    if isinstance(node, nodes.Element):
        return list(node.findall(archdoc_rows))
    return []


def _expand_rows(rows: archdoc_rows, writer: HtmlFragments | None) -> None:
    """Body rows as HTML where the builder takes it, else as docutils rows."""
    if writer is not None and writer.docname == rows.docname:
        # Row numbers count the header rows before them (Sphinx's row-odd/even).
        header_rows = sum(len(thead.children) for thead in rows.parent.parent.findall(nodes.thead))
        written = writer.render(rows.rows, first_row=header_rows + 1)
        if written is not None:
            rows.replace_self(written)
            return
    rows.replace_self(rows.as_rows())


def _tables_in(node: nodes.Node) -> list[nodes.table]:
    if isinstance(node, nodes.table):
        return [node]
    if isinstance(node, nodes.Element):
        return list(node.findall(nodes.table))
    return []


def _inside_table(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.table):
            return True
        parent = parent.parent
    return False


def _without_tables(node: nodes.Node) -> nodes.Node:
    """Tables become lists: text and LaTeX writers cannot nest tables, so a
    summary written inside a table cell is shown as one list item per row."""
    if isinstance(node, nodes.table):
        return table_as_list(node)
    if isinstance(node, nodes.Element):
        for table in list(node.findall(nodes.table)):
            table.replace_self(table_as_list(table))
    return node


def table_as_list(table: nodes.table) -> nodes.Element:
    """One bullet per body row: ``first cell; Header: cell; ...`` (empty cells left out)."""
    container = nodes.container(classes=list(table["classes"]))
    for child in table.children:
        if isinstance(child, nodes.title):
            container += nodes.paragraph(child.astext(), child.astext())
    headers: list[str] = []
    for thead in table.findall(nodes.thead):
        for header_row in thead.findall(nodes.row):
            headers = [entry.astext() for entry in header_row.children]
    bullets = nodes.bullet_list()
    for tbody in table.findall(nodes.tbody):
        for row in tbody.findall(nodes.row):
            bullets += nodes.list_item("", _row_as_paragraph(row, headers))
    container += bullets
    return container


def _row_as_paragraph(row: nodes.row, headers: list[str]) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    for i, entry in enumerate(row.children):
        if i and not entry.astext().strip():
            continue  # an empty cell says nothing in a list
        if i:
            paragraph += nodes.Text("; ")
            if i < len(headers) and headers[i]:
                paragraph += nodes.Text(f"{headers[i]}: ")
        for part in entry.children if isinstance(entry, nodes.Element) else ():
            if isinstance(part, nodes.paragraph):
                paragraph.extend(c.deepcopy() for c in part.children)
            else:
                paragraph += nodes.Text(part.astext())
    return paragraph
