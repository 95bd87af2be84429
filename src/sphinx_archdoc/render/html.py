"""Generated table rows and item heads written straight to HTML.

On the ``html`` and ``dirhtml`` builders a summary's body rows, and the title
line and facts of every item block, skip the docutils round trip (nodes,
``pending_xref`` resolution, the translator): the links are resolved here,
against the same index, and the markup is the markup Sphinx's own HTML5
translator writes for the same nodes, byte for byte
(``tests/test_html_rows.py`` holds the two side by side).

Whenever that promise could be broken, the content is left to docutils: a
translator that is not Sphinx's (``app.set_translator``, or a theme that
overrides how rows, cells, paragraphs, links or text are written), a link
this module cannot resolve (``missing-reference`` handlers such as
intersphinx get their chance), or a builder that post-processes link targets
(``singlehtml``, EPUB, help formats).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import clean_astext
from sphinx.writers.html5 import HTML5Translator

from sphinx_archdoc.core.model import CrossRef, Link
from sphinx_archdoc.render.cells import Cell, Code, DocRef, Emphasis, ItemRef, Span, Strong
from sphinx_archdoc.render.nodes import IMPLICIT_REF_CLASSES, item_role, ref_classes
from sphinx_archdoc.render.text import reference_text

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_archdoc.core.model import Item
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
    "visit_strong",
    "depart_strong",
    "visit_literal",
    "depart_literal",
    "visit_emphasis",
    "depart_emphasis",
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


class written_html(nodes.Element):  # noqa: N801 (docutils naming)
    """Table rows or paragraphs already written as HTML.

    Its only child is the text of the content, one line per piece of text, so
    the search index receives the words the docutils nodes would give it; the
    HTML translator writes ``html`` and skips the child.
    """

    def __init__(self, html: str, text: str) -> None:
        super().__init__("", nodes.Text(text))
        self.html = html

    def copy(self) -> written_html:
        return written_html(self.html, self.astext())

    def deepcopy(self) -> written_html:
        return self.copy()


def visit_written_html(translator: HTML5Translator, node: written_html) -> None:
    translator.body.append(node.html)
    raise nodes.SkipNode


class HtmlFragments:
    """Writes the body rows of generated tables, and item heads, for one page."""

    def __init__(
        self, builder: Builder, env: BuildEnvironment, domain: ArchDomain, docname: str
    ) -> None:
        self.builder = builder
        self.env = env
        self.domain = domain
        self.docname = docname
        self._uris: dict[str, str] = {}
        self._links: dict[tuple[str, str | None], tuple[str, Item] | None] = {}
        self._written: dict[ItemRef | DocRef, tuple[str, str] | None] = {}

    @classmethod
    def for_page(
        cls, builder: Builder, env: BuildEnvironment, domain: ArchDomain, docname: str
    ) -> HtmlFragments | None:
        """A writer, or None when the content must go through docutils."""
        if builder.name not in FAST_BUILDERS or not stock_translator(builder):
            return None
        return cls(builder, env, domain, docname)

    def render(self, rows: Sequence[Sequence[Cell]], first_row: int = 2) -> written_html | None:
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
                if not self._cell(cell, out, words):
                    return None
                append("</p></td>\n")
            append("</tr>\n")
        return written_html("".join(out), "\n".join(words))

    def paragraphs(self, paragraphs: Sequence[tuple[str, Cell]]) -> written_html | None:
        """``<p>`` elements, each with its class and cell (the head of an item
        block), or None to leave them to docutils."""
        out: list[str] = []
        words: list[str] = []
        for css_class, cell in paragraphs:
            out.append(f'<p class="{_attval(css_class)}">')
            if not self._cell(cell, out, words):
                return None
            out.append("</p>\n")
        return written_html("".join(out), "\n".join(words))

    def _cell(self, cell: Cell, out: list[str], words: list[str]) -> bool:
        """Write a cell's fragments to ``out`` and their text to ``words``;
        False if one cannot be written here."""
        for fragment in cell:
            if isinstance(fragment, str):
                out.append(_encode(fragment))
                words.append(fragment)
                continue
            written = self._fragment(fragment)
            if written is None:
                return False
            out.append(written[0])
            words.append(written[1])
        return True

    # -- fragments ------------------------------------------------------------------

    def _fragment(
        self, fragment: ItemRef | DocRef | Span | Strong | Code | Emphasis | Link | CrossRef
    ) -> tuple[str, str] | None:
        """The HTML of a fragment and the text it shows, or None if unresolvable.

        Fragments are immutable and repeat (a badge, a link to a popular
        component): labels and badges are written once per build, links once
        per page (their targets are relative to it).
        """
        if isinstance(fragment, Span | Strong | Code | Emphasis | Link):
            static = self.domain.static_html
            if fragment not in static:
                static[fragment] = _static(fragment)
            return static[fragment]
        if isinstance(fragment, CrossRef):
            return None  # another domain's role: Sphinx resolves it
        if fragment in self._written:
            return self._written[fragment]
        written: tuple[str, str] | None
        if isinstance(fragment, DocRef):
            written = self._doc_link(fragment)
        else:
            written = self._item_link(fragment)
        self._written[fragment] = written
        return written

    def _item_link(self, ref: ItemRef) -> tuple[str, str] | None:
        key = (ref.target, ref.kind)
        if key in self._links:
            resolved = self._links[key]
        else:
            resolved = self._links[key] = self._item_opening(ref)
        if resolved is None:
            return None
        opening, item = resolved
        if ref.text is None:
            # Read as the domain makes an implicit link read.
            text = reference_text(self.domain.index(), item)
            return f"{opening}{_span(text, IMPLICIT_REF_CLASSES)}</a>", text
        return f"{opening}{_span(ref.text, ref_classes(ref.text, ref.target))}</a>", ref.text

    def _item_opening(self, ref: ItemRef) -> tuple[str, Item] | None:
        """The ``<a ...>`` tag of a link to an item (what ``arch`` resolves it
        to), and the item."""
        link = self.domain.link_target(self.builder, self.docname, item_role(ref.kind), ref.target)
        if link is None:
            return None
        if link.uri is not None:
            return _opening("archdoc-external reference external", link.uri, link.title), link.item
        if link.docname == self.docname and link.anchor:
            uri = "#" + link.anchor
        else:
            uri = self._uri(link.docname) + ("#" + link.anchor if link.anchor else "")
        return _opening("reference internal", uri, link.title), link.item

    def _doc_link(self, ref: DocRef) -> tuple[str, str] | None:
        """A link to a document, as ``std:doc`` resolves it, and its caption."""
        if ref.text is not None:
            return None  # explicit text: written the way Sphinx writes it
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


def _static(fragment: Span | Strong | Code | Emphasis | Link) -> tuple[str, str] | None:
    """The HTML of a fragment that is the same on every page (labels, badges,
    titles, a field's markup), and its text; written once per build."""
    if isinstance(fragment, Span):
        return _span(fragment.text, fragment.classes), fragment.text
    if isinstance(fragment, Strong):
        return f"<strong>{_encode(fragment.text)}</strong>", fragment.text
    if isinstance(fragment, Emphasis):
        return f"<em>{_encode(fragment.text)}</em>", fragment.text
    if isinstance(fragment, Link):
        if fragment.uri.startswith("mailto:"):
            return None  # the translator's rules for e-mail addresses
        opening = _opening("reference external", fragment.uri, None)
        return f"{opening}{_encode(fragment.text)}</a>", fragment.text
    return _code(fragment.text, fragment.classes)


#: How the translator splits a literal's text: words, runs of spaces, newlines.
_WORDS_AND_SPACES = re.compile(r"[^ \n]+| +|\n")


def _code(text: str, classes: Sequence[str]) -> tuple[str, str] | None:
    """Inline code as Sphinx writes a ``literal``: one ``pre`` span per word,
    single spaces and newlines as they are, longer runs of spaces kept with
    no-break spaces. A keyboard or highlighted literal is left to the translator."""
    if not text or "kbd" in classes or "code" in classes:
        return None
    if _WORDS_AND_SPACES.pattern != HTML5Translator.words_and_spaces.pattern:
        return None  # a docutils whose rules this module does not know
    out = [f'<code class="{_attval(" ".join((*classes, "docutils literal notranslate")))}">']
    for token in _WORDS_AND_SPACES.findall(_encode(text)):
        if token.strip():
            out.append(f'<span class="pre">{token}</span>')
        elif token in (" ", "\n"):
            out.append(token)
        else:
            out.append("&#160;" * (len(token) - 1) + " ")
    out.append("</code>")
    return "".join(out), text


def _span(text: str, classes: Sequence[str]) -> str:
    if classes:
        return f'<span class="{_attval(" ".join(classes))}">{_encode(text)}</span>'
    return f"<span>{_encode(text)}</span>"
