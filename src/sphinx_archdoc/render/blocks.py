"""The title line and key facts of an item block.

An item directive leaves its block's content (the author's text) in place
and, above it, an :class:`archdoc_item_head`: a placeholder naming the item,
with no children.  The head is written when the page is, by
:class:`~sphinx_archdoc.transforms.ItemBlockTransform`: as HTML on the HTML
builders, as two ordinary paragraphs for every other builder.  Reading,
pickling and unpickling a page then carries one node per item instead of
some thirty, which is most of what an item used to cost a build.

The head shows what the item itself says (its fields, and what is computed
from them alone: a risk's band, a target's status), so it mostly needs
nothing from other documents.  The exception is a badge only the whole
index can compute (a quality scenario's status, from its measures): a page
holding such an item is rewritten when statuses change, as a page that links
to items is when they move (:func:`shows_derived_badges`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.item_values import local_value
from sphinx_archdoc.core.kinds import KINDS, FieldType, KindSpec, field_label, kind_heading
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.cells import (
    Cell,
    Code,
    Emphasis,
    Fragment,
    ItemRef,
    Span,
    Strong,
    badge_span,
    joined,
    markup_cell,
    merged,
    to_nodes,
)
from sphinx_archdoc.render.nodes import value_class

if TYPE_CHECKING:
    from sphinx.config import Config

#: The classes of the two paragraphs of an item's head.
TITLE_CLASS = "archdoc-item-title"
FACTS_CLASS = "archdoc-item-facts"

#: Per kind, the fields its block does not list as facts: those read from
#: the directive's body (an entity's attributes, shown by the block's own
#: table) and those drawn below the head (a flow's steps).
_HIDDEN_FACTS = {
    name: {field.name for field in spec.fields if field.from_body} | set(spec.head_hidden)
    for name, spec in KINDS.items()
}

#: The field types whose values are links to other items.
_LINK_TYPES = (FieldType.REF, FieldType.REFS, FieldType.ADR_REFS)


class archdoc_item_head(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Where an item block's title line and facts go (``docname``, ``anchor``).

    Pickled with the page's doctree; replaced by
    :class:`~sphinx_archdoc.transforms.ItemBlockTransform` before any builder
    writes the page.
    """


def item_head(item: Item) -> archdoc_item_head:
    return archdoc_item_head(docname=item.docname, anchor=item.anchor)


def links_to_items(item: Item) -> bool:
    """Whether the item's head links to other items (its page must then be
    rewritten when they move)."""
    return any(True for _target in linked_targets(item))


def linked_targets(item: Item) -> Iterator[str]:
    """The references (IDs, ADR numbers...) the item's head links to."""
    spec = KINDS[item.kind]
    for name, value in item.fields.items():
        field = spec.field(name)
        if value and field is not None and field.type in _LINK_TYPES:
            yield from (value,) if isinstance(value, str) else value


#: Per kind, the computed badges only the whole index can compute (a quality
#: scenario's and a goal's status, from their measures and scenarios).
_DERIVED_BADGES = {
    name: tuple(
        value.name
        for value in spec.computed_values
        if value.badge and value.name not in spec.shown_in_head
    )
    for name, spec in KINDS.items()
}


def shows_derived_badges(item: Item) -> bool:
    """Whether the item's head shows a badge derived over the whole index (its
    page must then be rewritten when a status changes)."""
    return bool(_DERIVED_BADGES.get(item.kind))


def head_fragments(
    item: Item, config: Any, computed: Mapping[str, Any] | None = None
) -> tuple[Cell, Cell]:
    """The title line and the key facts (empty when there are none).

    ``computed`` holds the item's values derived over the whole index, for
    the badges of :func:`shows_derived_badges`."""
    spec = KINDS[item.kind]
    heading: list[Fragment] = [Span(kind_heading(item.kind), ("archdoc-kind",)), " "]
    if spec.has_id:
        heading.append(Strong(item.title))
    if spec.has_id and item.title != item.id:
        heading += [" ", Code(item.id, ("archdoc-id",))]
    badges = _local_computed(item, config) + _derived_badges(item, computed or {})
    for name, word in badges:
        heading.append(" ")
        heading.append(_head_badge(spec, name, word))
    # Body fields (an entity's attributes) are shown by the block's own table;
    # a flow's steps are drawn below its head (the sequence diagram or table).
    shown = {name for name, _word in badges} | {"title"} | _HIDDEN_FACTS[item.kind]
    if spec.title_field and not item.get("title"):
        shown.add(spec.title_field)  # already the title
    return merged(heading), merged(_facts(item, config, shown))


def _head_badge(spec: KindSpec, name: str, word: str) -> Span:
    """One value on the title line: a note in brackets, or a badge."""
    if name in spec.notes:
        return Span(f"({word})", ("archdoc-note",))
    computed = spec.computed_value(name)
    if computed is not None and computed.head_text:
        # The word in a phrase ("high risk"), with a class of its own (a colour).
        span = badge_span(_(computed.head_text).format(**{name: word}), name, word)
        return Span(span.text, (*span.classes, value_class(name, word)))
    return badge_span(word, name, word)


def _facts(item: Item, config: Any, shown: set[str]) -> list[Fragment]:
    """The item's fields but those ``shown`` in the title line, in declared order."""
    spec = KINDS[item.kind]
    facts: list[Fragment] = []
    for name in spec.head_facts:
        computed = local_value(item, name, config)
        if computed is not None:
            facts += [" · "] if facts else []
            facts += [_fact_label(name), str(computed)]
    order = config.field_order(item.kind)
    last = len(order)
    fields = item.fields
    if "tags" in fields:  # archdoc_hidden_tags are for selecting views, not for readers
        fields = {**fields, "tags": config.shown_tags(item.get_list("tags"))}
    ordered = sorted(fields.items(), key=lambda kv: (order.get(kv[0], last), kv[0]))
    for name, value in ordered:
        if name in shown or (name == "tags" and not value):
            continue
        if name in _QUIET_DEFAULTS and value == _QUIET_DEFAULTS[name]:
            continue
        if facts:
            facts.append(" · ")
        field_spec = spec.field(name)
        facts.append(_fact_label(name))
        values = (value,) if isinstance(value, str) else value
        pieces = item.markup_of(name) if item.markup else None
        if pieces is not None:
            facts += markup_cell(pieces)
        elif field_spec is not None and field_spec.type in (FieldType.REF, FieldType.REFS):
            links = [ItemRef(target, target, field_spec.ref_kind) for target in values]
            facts += joined(links)
        elif field_spec is not None and field_spec.type is FieldType.ADR_REFS:
            # Read as the domain reads an implicit link to an ADR.
            facts += joined(ItemRef(target, None, "adr") for target in values)
        else:
            facts.append(value if isinstance(value, str) else ", ".join(value))
    return facts


#: Defaults that say nothing in a block: a component is a component unless it
#: says otherwise (tables and archdoc.json still show the value).
_QUIET_DEFAULTS = {"type": "component"}


def _local_computed(item: Item, config: Any) -> list[tuple[str, str]]:
    """The values on the title line that the item has, computed from it alone."""
    shown = []
    for name in KINDS[item.kind].shown_in_head:
        value = local_value(item, name, config)
        if value:
            shown.append((name, str(value)))
    return shown


def _derived_badges(item: Item, computed: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The badges of :func:`shows_derived_badges`, from the index's values."""
    names = _DERIVED_BADGES.get(item.kind, ())
    return [(name, str(computed[name])) for name in names if computed.get(name)]


def _fact_label(name: str) -> Span:
    return Span(_("{label}: ").format(label=field_label(name)), ("archdoc-label",))


def head_paragraphs(title: Cell, facts: Cell, docname: str) -> list[nodes.paragraph]:
    """The head as docutils paragraphs (links are ``pending_xref`` nodes)."""
    result = [nodes.paragraph("", "", *to_nodes(title, docname), classes=[TITLE_CLASS])]
    if facts:
        result.append(nodes.paragraph("", "", *to_nodes(facts, docname), classes=[FACTS_CLASS]))
    return result


# -- typography -------------------------------------------------------------------

#: What smart quotes may change: quotes, dashes, ellipses.
_EDUCABLE = re.compile(r"['\"`]|--|\.\.\.|\. \. \.")


def smart_quoter(config: Config, settings: Any, builder_name: str) -> Callable[[str], str] | None:
    """What Sphinx's smart quotes would make of a piece of text, or None when
    they are off for this build.

    The head is written after Sphinx's ``SmartQuotes`` transform has run, so
    it applies the same rules itself: ``smartquotes``,
    ``smartquotes_action``, ``smartquotes_excludes`` and the language.
    """
    if not config.smartquotes or getattr(settings, "smart_quotes", True) is False:
        return None
    excludes = config.smartquotes_excludes
    if builder_name in excludes.get("builders", ()):
        return None
    if config.language in excludes.get("languages", ()):
        return None
    language = getattr(settings, "language_code", None) or "en"
    alternative = str(getattr(settings, "smart_quotes", "")).startswith("alt")
    for tag in normalize_language_tag(language):
        if tag in smartquotes.smartchars.quotes:
            language = tag
            break
    else:
        return None
    if alternative:
        language = (
            language.replace("-x-altquot", "")
            if "-x-altquot" in language
            else language + "-x-altquot"
        )
    action = config.smartquotes_action

    def educate(text: str) -> str:
        if not _EDUCABLE.search(text):
            return text
        return "".join(
            smartquotes.educate_tokens([("plain", text)], attr=action, language=language)
        )

    return educate


def smart_quoted(cell: Cell, educate: Callable[[str], str]) -> Cell:
    """The cell with its text educated (links and code are left as they are,
    as smart quotes leave references and literals)."""
    return [_educated(fragment, educate) for fragment in cell]


def _educated(fragment: Fragment, educate: Callable[[str], str]) -> Fragment:
    if isinstance(fragment, str):
        return educate(fragment)
    if isinstance(fragment, Emphasis):
        text = educate(fragment.text)
        return fragment if text is fragment.text else Emphasis(text)
    if isinstance(fragment, Span | Strong):
        text = educate(fragment.text)
        if text is not fragment.text:  # unchanged text keeps its (cached) fragment
            return Span(text, fragment.classes) if isinstance(fragment, Span) else Strong(text)
    return fragment
