"""Small node helpers: links to items, badges."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

from sphinx_archdoc.core.kinds import KINDS


class archdoc_summary(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for a summary (or a flow's diagram); replaced after reading,
    never written."""


def item_link(
    target: str,
    docname: str,
    *,
    text: str | None = None,
    kind: str | None = None,
    lineno: int | None = None,
) -> addnodes.pending_xref:
    """A ``pending_xref`` to an item, resolved by the ``arch`` domain.

    Unresolvable targets fall back to their text (checks already reported them).
    """
    role = item_role(kind)
    label = text if text is not None else target
    node = addnodes.pending_xref(
        "",
        refdomain="arch",
        reftype=role,
        reftarget=target,
        refdoc=docname,
        refexplicit=text is not None,
        refwarn=False,
    )
    if lineno is not None:
        node.line = lineno
    node += nodes.inline(label, label, classes=ref_classes(label, target))
    return node


def item_role(kind: str | None) -> str:
    """The ``arch`` role a link to an item of ``kind`` resolves as (``ref`` for any)."""
    return (KINDS[kind].role if kind else None) or "ref"


#: The classes of a link's text when the domain chose the text (a link
#: written without text: an ADR's number and title, an item's title).
IMPLICIT_REF_CLASSES = ("xref", "archdoc-ref")


def ref_classes(label: str, target: str) -> list[str]:
    """The classes of a link's text. Text that is the ID itself keeps to one
    line (see archdoc.css); titles wrap like any other text."""
    return ["archdoc-ref", "archdoc-ref-id"] if label == target else ["archdoc-ref"]


_UNSAFE_CLASS_RE = re.compile(r"[^a-z0-9]+")


def css_class(value: str) -> str:
    """A safe class-name slug of a user's word: lower-case ASCII letters, digits
    and single inner hyphens (``in progress`` -> ``in-progress``), ``none`` when
    nothing is left. Every class built from user text goes through it, in every
    output (HTML, LaTeX)."""
    return _UNSAFE_CLASS_RE.sub("-", value.lower()).strip("-") or "none"


def value_class(name: str, value: str) -> str:
    """The class marking a value wherever it is shown, for its colour
    (``band``, ``high`` -> ``archdoc-band-high``): item heads and the risk matrix."""
    return f"archdoc-{name}-{css_class(value)}"


def badge_classes(*parts: str) -> list[str]:
    """The CSS classes of a badge: ``archdoc-badge`` and one variant class
    built from ``parts`` (``status``, ``in progress`` -> ``archdoc-badge-status-in-progress``)."""
    return ["archdoc-badge", "archdoc-badge-" + "-".join(css_class(part) for part in parts)]


def badge(text: str, *parts: str) -> nodes.inline:
    """A small labelled value; the word itself is always shown, never colour alone."""
    return nodes.inline(text, text, classes=badge_classes(*parts))


def document_link(
    docname: str, fromdoc: str, text: str | None = None, classes: Sequence[str] = ()
) -> addnodes.pending_xref:
    """A link to a document, resolved by Sphinx's ``std:doc`` like the :doc: role."""
    node = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refdoc=fromdoc,
        refexplicit=text is not None,
        refwarn=False,
    )
    label = text if text is not None else docname
    node += nodes.inline(label, label, classes=list(classes))
    return node
