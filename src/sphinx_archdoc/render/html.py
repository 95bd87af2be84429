"""Generated table rows written straight to HTML.

On the ``html`` and ``dirhtml`` builders a summary's body rows skip the
docutils round trip (nodes, ``pending_xref`` resolution, the translator): the
links are resolved here, against the same index, and the markup is the
markup Sphinx's own HTML5 translator writes for the same rows, byte for byte
(``tests/test_html_rows.py`` holds the two side by side).

Whenever that promise could be broken, the rows are left to docutils: a
translator that is not Sphinx's (``app.set_translator``, or a theme that
overrides how rows, cells, links or text are written), a link this module
cannot resolve (``missing-reference`` handlers such as intersphinx get their
chance), or a builder that post-processes link targets (``singlehtml``,
EPUB, help formats).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import clean_astext
from sphinx.writers.html5 import HTML5Translator

from sphinx_archdoc.render.cells import Cell, DocRef, ItemRef, Span
from sphinx_archdoc.render.nodes import item_role, ref_classes

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_archdoc.domain import ArchDomain

#: Builders whose link targets are final once written (no fix-up pass).
FAST_BUILDERS = frozenset({"html", "dirhtml"})

#: Translator methods whose output this module reproduces.
_TRANSLATOR_METHODS = (
    "starttag",
    "encode",
    "attval",
    "visit_row",
    "depart_row",
    "visit_entry",
    "depart_entry",
    "visit_paragraph",
    "depart_paragraph",
    "should_be_compact_paragraph",
    "visit_reference",
    "depart_reference",
    "visit_inline",
    "depart_inline",
    "visit_Text",
    "depart_Text",
)

_ENCODE = HTML5Translator.special_characters


def _encode(text: str) -> str:
    return text.translate(_ENCODE)


_WHITESPACE = re.compile("[\n\r\t\v\f]")


def _attval(text: str) -> str:
    # What docutils' ``attval`` does: whitespace to spaces, then encode.
    return _encode(_WHITESPACE.sub(" ", text))


def stock_translator(builder: Builder) -> bool:
    """Whether the builder writes rows, cells, links and text as Sphinx does."""
    translator: Any = builder.get_translator_class()
    if not isinstance(translator, type) or not issubclass(translator, HTML5Translator):
        return False
    return all(
        getattr(translator, name, None) is getattr(HTML5Translator, name, None)
        for name in _TRANSLATOR_METHODS
    )


class html_rows(nodes.Element):  # noqa: N801 (docutils naming)
    """Body rows already written as HTML.

    Its only child is the text of the cells, one line per piece of text, so
    the search index receives the words a docutils table would give it; the
    HTML translator writes ``html`` and skips the child.
    """

    def __init__(self, html: str, text: str) -> None:
        super().__init__("", nodes.Text(text))
        self.html = html

    def copy(self) -> html_rows:
        return html_rows(self.html, self.astext())

    def deepcopy(self) -> html_rows:
        return self.copy()


def visit_html_rows(translator: HTML5Translator, node: html_rows) -> None:
    translator.body.append(node.html)
    raise nodes.SkipNode


class HtmlRows:
    """Writes the body rows of generated tables for one page."""

    def __init__(
        self, builder: Builder, env: BuildEnvironment, domain: ArchDomain, docname: str
    ) -> None:
        self.builder = builder
        self.env = env
        self.domain = domain
        self.docname = docname
        self._uris: dict[str, str] = {}
        self._links: dict[tuple[str, str | None], str | None] = {}
        self._written: dict[ItemRef | DocRef | Span, tuple[str, str] | None] = {}

    @classmethod
    def for_page(
        cls, builder: Builder, env: BuildEnvironment, domain: ArchDomain, docname: str
    ) -> HtmlRows | None:
        """A writer, or None when the rows must go through docutils."""
        if builder.name not in FAST_BUILDERS or not stock_translator(builder):
            return None
        return cls(builder, env, domain, docname)

    def render(self, rows: Sequence[Sequence[Cell]], first_row: int = 2) -> html_rows | None:
        """The ``<tr>`` elements of ``rows``, or None to leave them to docutils.

        ``first_row`` is the row's number in the table, header rows included
        (Sphinx alternates ``row-even`` and ``row-odd`` from the first row).
        """
        out: list[str] = []
        words: list[str] = []
        append = out.append
        for number, cells in enumerate(rows, first_row):
            append('<tr class="row-even">' if number % 2 == 0 else '<tr class="row-odd">')
            for cell in cells:
                if not cell:
                    append("<td></td>\n")
                    continue
                append("<td><p>")
                for fragment in cell:
                    if isinstance(fragment, str):
                        append(_encode(fragment))
                        words.append(fragment)
                        continue
                    written = self._fragment(fragment)
                    if written is None:
                        return None
                    append(written[0])
                    words.append(written[1])
                append("</p></td>\n")
            append("</tr>\n")
        return html_rows("".join(out), "\n".join(words))

    # -- fragments ------------------------------------------------------------------

    def _fragment(self, fragment: ItemRef | DocRef | Span) -> tuple[str, str] | None:
        """The HTML of a fragment and the text it shows, or None if unresolvable.

        Fragments are immutable and repeat (a badge, a link to a popular
        component), so each distinct one is written once per page.
        """
        if fragment in self._written:
            return self._written[fragment]
        written: tuple[str, str] | None
        if isinstance(fragment, Span):
            written = _span(fragment.text, fragment.classes), fragment.text
        elif isinstance(fragment, DocRef):
            written = self._doc_link(fragment)
        else:
            html = self._item_link(fragment)
            written = None if html is None else (html, fragment.text)
        self._written[fragment] = written
        return written

    def _item_link(self, ref: ItemRef) -> str | None:
        key = (ref.target, ref.kind)
        if key in self._links:
            opening = self._links[key]
        else:
            opening = self._links[key] = self._item_opening(ref)
        if opening is None:
            return None
        return f"{opening}{_span(ref.text, ref_classes(ref.text, ref.target))}</a>"

    def _item_opening(self, ref: ItemRef) -> str | None:
        """The ``<a ...>`` tag of a link to an item (what ``arch`` resolves it to)."""
        item = self.domain.resolve_item(item_role(ref.kind), ref.target)
        if item is None:
            return None
        index = self.domain.index()
        if index.is_external(item):
            uri, title = self.domain.external_target(self.builder, self.docname, item)
            return _opening("archdoc-external reference external", uri, title)
        if item.docname == self.docname and item.anchor:
            uri = "#" + item.anchor
        else:
            uri = self._uri(item.docname) + ("#" + item.anchor if item.anchor else "")
        return _opening("reference internal", uri, item.title)

    def _doc_link(self, ref: DocRef) -> tuple[str, str] | None:
        """A link to a document, as ``std:doc`` resolves it, and its caption."""
        if ref.docname not in self.env.all_docs or ref.docname not in self.env.titles:
            return None
        caption = clean_astext(self.env.titles[ref.docname])
        opening = _opening("reference internal", self._uri(ref.docname), None)
        return f"{opening}{_span(caption, ('doc',))}</a>", caption

    def _uri(self, target: str) -> str:
        uri = self._uris.get(target)
        if uri is None:
            uri = self._uris[target] = self.builder.get_relative_uri(self.docname, target)
        return uri


def _opening(classes: str, uri: str, title: str | None) -> str:
    title_attribute = f' title="{_attval(title)}"' if title else ""
    return f'<a class="{classes}" href="{_attval(uri or "#")}"{title_attribute}>'


def _span(text: str, classes: Sequence[str]) -> str:
    if classes:
        return f'<span class="{_attval(" ".join(classes))}">{_encode(text)}</span>'
    return f"<span>{_encode(text)}</span>"
