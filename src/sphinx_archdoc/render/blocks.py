"""The title line and key facts of an item block.

An item directive leaves its block's content (the author's text) in place
and, above it, an :class:`archdoc_item_head`: a placeholder naming the item,
with no children.  The head is written when the page is, by
:class:`~sphinx_archdoc.transforms.ItemBlockTransform`: as HTML on the HTML
builders, as two ordinary paragraphs for every other builder.  Reading,
pickling and unpickling a page then carries one node per item instead of
some thirty, which is most of what an item used to cost a build.

The head shows what the item itself says (its fields, and what is computed
from them alone: a risk's band, a target's status), so it needs nothing
from other documents and never makes a page outdated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes

from sphinx_archdoc.core import quality, scoring
from sphinx_archdoc.core.adr import adr_status
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.kinds import KINDS, FieldType, field_label, kind_heading
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
from sphinx_archdoc.render.nodes import css_class

if TYPE_CHECKING:
    from sphinx.config import Config

#: The classes of the two paragraphs of an item's head.
TITLE_CLASS = "archdoc-item-title"
FACTS_CLASS = "archdoc-item-facts"

#: Per kind, the fields read from the directive's body.
_BODY_FIELDS = {
    name: {field.name for field in spec.fields if field.from_body} for name, spec in KINDS.items()
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
    spec = KINDS[item.kind]
    for name, value in item.fields.items():
        field = spec.field(name)
        if value and field is not None and field.type in _LINK_TYPES:
            return True
    return False


def head_fragments(item: Item, config: Any) -> tuple[Cell, Cell]:
    """The title line and the key facts (empty when there are none)."""
    spec = KINDS[item.kind]
    heading: list[Fragment] = [Span(kind_heading(item.kind), ("archdoc-kind",)), " "]
    if spec.has_id:
        heading.append(Strong(item.title))
    if spec.has_id and item.title != item.id:
        heading += [" ", Code(item.id, ("archdoc-id",))]
    badges = _local_computed(item, config)
    for name, word in badges:
        heading.append(" ")
        if item.kind == "risk" and name == "band":
            heading.append(_band_badge(word))
        elif name == "status-note":
            heading.append(Span(f"({word})", ("archdoc-note",)))
        else:
            heading.append(badge_span(word, name, word))
    # Body fields (an entity's attributes) are shown by the block's own table;
    # a flow's steps are drawn below its head (the sequence diagram or table).
    shown = {name for name, _word in badges} | {"title", "steps"} | _BODY_FIELDS[item.kind]
    if item.kind == "perf-target" and not item.get("title"):
        shown.add("metric")  # already the title
    return merged(heading), merged(_facts(item, config, shown))


def _facts(item: Item, config: Any, shown: set[str]) -> list[Fragment]:
    """The item's fields but those ``shown`` in the title line, in declared order."""
    spec = KINDS[item.kind]
    facts: list[Fragment] = []
    if item.kind == "risk":
        facts += _score_fact(item, config)
    order = _fact_order(item.kind, config.extra_fields_for(item.kind))
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
        facts.append(Span(_("{label}: ").format(label=field_label(name)), ("archdoc-label",)))
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


@lru_cache(maxsize=64)
def _fact_order(kind: str, extra_fields: tuple[str, ...]) -> dict[str, int]:
    """Facts come in the kind's declared order, extra fields last (in the
    order of ``archdoc_extra_fields``), whatever order the author wrote the
    options in."""
    declared = (*KINDS[kind].field_names(), *extra_fields)
    return {name: i for i, name in enumerate(declared)}


def _local_computed(item: Item, config: Any) -> list[tuple[str, str]]:
    """Values computable from the item alone, shown in its block."""
    if item.kind == "risk":
        band = scoring.assess_item(item, config).band
        return [("band", band)] if band else []
    if item.kind == "perf-target":
        status = quality.evaluate_target(item).status
        return [("status", status)]
    if item.kind == "adr":
        adr_word, note, _known = adr_status(item, config)
        shown = [("status", adr_word)] if adr_word else []
        return [*shown, ("status-note", note)] if note else shown
    if isinstance(item.get("status"), str):
        return [("status", str(item.get("status")))]
    return []


def _band_badge(band: str) -> Span:
    """The risk's band, as a word ("high risk") and a colour class."""
    span = badge_span(_("{band} risk").format(band=band), "band", band)
    return Span(span.text, (*span.classes, f"archdoc-band-{css_class(band)}"))


def _score_fact(item: Item, config: Any) -> list[Fragment]:
    value = scoring.assess_item(item, config).score
    if value is None:
        return []
    return [Span(_("{label}: ").format(label=field_label("score")), ("archdoc-label",)), str(value)]


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
