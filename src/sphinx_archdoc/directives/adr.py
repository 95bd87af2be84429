"""ADRs in Sphinx: discovery from read documents, ``adr-link``, the index's toctree.

The reading of an ADR's fields is pure (:mod:`sphinx_archdoc.core.adr_discovery`);
this module only reduces a doctree to an :class:`Outline` and stores the
result as an ordinary item of its document, so ``clear_doc``, parallel merges
and incremental builds treat discovered ADRs like declared ones.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes

from sphinx_archdoc.core.adr_discovery import (
    Block,
    FileName,
    Link,
    Outline,
    adr_filename,
    discover,
    link_marker,
    merge_explicit,
    parse_front_matter,
)
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import Item, Reference
from sphinx_archdoc.directives.items import AnyOption, ArchDirective
from sphinx_archdoc.directives.summaries import make_summary_directive
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.render.nodes import item_link
from sphinx_archdoc.summaries import SUMMARIES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_SKIPPED_ANCESTORS = (
    nodes.literal_block,
    nodes.comment,
    nodes.raw,
    nodes.system_message,
    nodes.title,
    nodes.table,
)


# -- discovery -----------------------------------------------------------------


def _inline_text(node: nodes.Element, links: list[Link]) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, nodes.reference | addnodes.pending_xref):
            target = child.get("refuri") or child.get("reftarget") or child.get("refname") or ""
            links.append(Link(child.astext(), str(target)))
            parts.append(link_marker(len(links) - 1))
        elif isinstance(child, nodes.Text):
            parts.append(child.astext())
        elif isinstance(child, nodes.Element):
            parts.append(_inline_text(child, links))
    return "".join(parts)


def _in_skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIPPED_ANCESTORS):
            return True
        if isinstance(parent, nodes.container) and "archdoc-item" in parent.get("classes", []):
            return True  # an arch-adr block's own facts are not prose to read
        parent = parent.parent
    return False


def _sections_of(node: nodes.Node) -> tuple[str, ...]:
    titles: list[str] = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children:
            first = parent.children[0]
            if isinstance(first, nodes.title):
                titles.append(first.astext())
        parent = parent.parent
    return tuple(reversed(titles))


def outline_of(doctree: nodes.document, docname: str, metadata: dict[str, str]) -> Outline:
    """The parts of a read document that ADR discovery looks at."""
    section = next(iter(doctree.findall(nodes.section)), None)
    title: str | None = None
    title_line = 1
    anchor = ""
    if section is not None and section.children and isinstance(section[0], nodes.title):
        title = section[0].astext()
        title_line = section[0].line or section.line or 1
        anchor = section["ids"][0] if section["ids"] else ""
    blocks: list[Block] = []
    for paragraph in doctree.findall(nodes.paragraph):
        if _in_skipped(paragraph):
            continue
        links: list[Link] = []
        text = _inline_text(paragraph, links)
        first = paragraph.children[0] if paragraph.children else None
        strong = first.astext() if isinstance(first, nodes.strong) else None
        blocks.append(
            Block(
                text=text,
                lineno=paragraph.line or title_line,
                sections=_sections_of(paragraph),
                links=tuple(links),
                strong=strong,
            )
        )
    return Outline(docname, title, title_line, anchor, metadata, tuple(blocks))


def _metadata(env: BuildEnvironment, docname: str) -> dict[str, str]:
    found = {
        str(k).lower(): str(v)
        for k, v in env.metadata.get(docname, {}).items()
        if isinstance(v, str | int | float)
    }
    if "status" in found or "date" in found:
        return found
    # The parser kept no front matter (e.g. invalid YAML): read the block at
    # the very top of the source; never anything further down.
    try:
        path = Path(env.doc2path(docname))
        if path.suffix.lower() in (".md", ".markdown"):
            with path.open(encoding="utf-8") as handle:
                head = handle.read(8192)
            return {**parse_front_matter(head), **found}
    except (OSError, UnicodeDecodeError):
        pass
    return found


def discover_adr(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: make a numbered or dated document of ``archdoc_adr_paths``
    an ADR item (merging an ``arch-adr`` it contains)."""
    if not app.config.archdoc_adr_paths:
        return
    env = app.env
    docname = env.docname
    config = arch_config(app.env)
    name = adr_filename(docname, config.adr_paths)
    if name is None:
        return
    outline = outline_of(doctree, docname, _metadata(env, docname))
    found = discover(outline, name, config)
    domain = get_domain(env)
    for finding in found.findings:
        domain.note_finding(finding)
    explicit = [i for i in domain.items_of(docname) if i.kind == "adr"]
    if explicit:
        declared = explicit[0]
        fields = merge_explicit(declared.fields, found.fields)
        if re.match(r"^(?:adr[-_ ]?)?\d+(?:$|[-_ .])", declared.id, re.IGNORECASE):
            fields.pop("number", None)  # the declared ID's own number wins
        domain.replace_item(declared, Item(**{**declared.__dict__, "fields": fields}))
        return
    domain.note_item(
        Item(
            kind="adr",
            id=found.item_id,
            docname=docname,
            lineno=found.lineno,
            anchor=found.anchor,
            fields=found.fields,
        )
    )


# -- adr-link --------------------------------------------------------------------


class AdrLinkDirective(ArchDirective):
    """``.. adr-link:: ADR-001``: a checked, status-showing link to an ADR."""

    # The argument is checked here, so a missing one is an archdoc warning
    # rather than a docutils error.
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = AnyOption()
    accepted_options = ("title", "relation")

    def run(self) -> list[nodes.Node]:
        self.report_repeated_options()
        reference = " ".join(self.arguments[0].split()) if self.arguments else ""
        if not reference:
            self.report("missing_value", _("an ADR reference argument is required (e.g. ADR-001)"))
            return self.parse_content_to_nodes() if self.content else []
        for name in self.options:
            if name not in self.accepted_options:
                self.report(
                    "unknown_option",
                    _("{id!r}: unknown option :{option}:; accepted: {accepted}").format(
                        id=reference, option=name, accepted=", ".join(self.accepted_options)
                    ),
                )
        title = " ".join((self.options.get("title") or "").split()) or None
        relation = " ".join((self.options.get("relation") or "").split())
        domain = get_domain(self.env)
        source, line = self.source_and_line()
        domain.note_reference(
            Reference(
                kind="adr",
                target=reference,
                docname=self.env.docname,
                lineno=line,
                parent=self.env.ref_context.get("arch:component"),
                expected_title=title,
                relation=relation,
                source=source,
            )
        )
        paragraph = nodes.paragraph(classes=["archdoc-adr-link"])
        self.set_source_info(paragraph)
        if relation:
            label = relation[:1].upper() + relation[1:] + ": "
            paragraph += nodes.inline(label, label, classes=["archdoc-label"])
        link = item_link(reference, self.env.docname, kind="adr", lineno=self.lineno)
        link["archdoc-status"] = True
        paragraph += link
        result: list[nodes.Node] = [paragraph]
        if self.content:
            result.extend(self.parse_content_to_nodes())
        return result


# -- arch-adr-index :toctree: ----------------------------------------------------


def adr_documents(env: BuildEnvironment, patterns: tuple[str, ...]) -> list[str]:
    """Every ADR document of the project, in number order (dated ones by date)."""
    found: list[tuple[tuple[int, int, str, str], str]] = []
    for docname in env.found_docs:
        name: FileName | None = adr_filename(docname, patterns)
        if name is None:
            continue
        key = (
            0 if name.number is not None else 1,
            name.number if name.number is not None else 0,
            name.date or "",
            docname,
        )
        found.append((key, docname))
    return [docname for _key, docname in sorted(found)]


_GenericAdrIndex = make_summary_directive(SUMMARIES["arch-adr-index"])


class AdrIndexDirective(_GenericAdrIndex):  # type: ignore[misc, valid-type]
    """``arch-adr-index``; with ``:toctree:`` it also adds every ADR document
    to a hidden toctree, so none is left out of the navigation."""

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = super().run()
        if "toctree" not in self.options:
            return result
        config = arch_config(self.env)
        docnames = [d for d in adr_documents(self.env, config.adr_paths) if d != self.env.docname]
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, d) for d in docnames]
        toctree["includefiles"] = docnames
        toctree["maxdepth"] = -1
        toctree["caption"] = None
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        get_domain(self.env).note_adr_toctree(self.env.docname)
        return [*result, wrapper]


def outdated_adr_toctrees(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """``env-get-outdated``: an ADR document appeared or went away, so pages
    whose index adds ADRs to the toctree are read again."""
    patterns = arch_config(app.env).adr_paths
    if not patterns or not any(adr_filename(d, patterns) for d in added | removed):
        return []
    return sorted(get_domain(env).adr_toctree_docnames() & env.found_docs)
