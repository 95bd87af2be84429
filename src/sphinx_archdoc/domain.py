"""The ``arch`` domain: per-document data, roles, cross-reference resolution.

The domain's data holds plain dataclasses keyed by docname, so ``clear_doc``
and ``merge_domaindata`` are exact; everything global (the :class:`Index`)
is derived from it after reading and cached on the domain instance, which is
never pickled.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_archdoc.core import external as external_module
from sphinx_archdoc.core import i18n
from sphinx_archdoc.core.build import build_index
from sphinx_archdoc.core.config import CONFIG_SPECS, ArchConfig
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS, ROLE_TO_KIND
from sphinx_archdoc.core.model import Finding, Item, Reference, SummaryCall
from sphinx_archdoc.render.blocks import linked_targets, shows_derived_badges
from sphinx_archdoc.render.nodes import IMPLICIT_REF_CLASSES
from sphinx_archdoc.render.text import reference_text

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Keys of the domain data that hold one entry per document.
PER_DOC_KEYS = (
    "items",
    "findings",
    "references",
    "summaries",
    "summary_calls",
    "links",
    "adr_toctrees",
)


def arch_config(env: BuildEnvironment) -> ArchConfig:
    """The typed view of this build's ``archdoc_*`` values (made once per build)."""
    return get_domain(env).typed_config()


class ArchXRefRole(XRefRole):
    """A role that also records the reference, so it is checked once per build."""

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: Element,
        is_ref: bool,
    ) -> tuple[list[Node], list[system_message]]:
        if is_ref:
            if self.reftype == "adr":
                node["archdoc-status"] = True  # "ADR-001: Title (accepted)"
            source, line = self.get_source_info()
            own = str(env.doc2path(env.docname))
            relative: str | None = None
            if source and source != own:
                relative = os.path.relpath(source, env.srcdir)
            get_domain(env).note_reference(
                Reference(
                    kind=self.reftype,
                    target=node["reftarget"],
                    docname=env.docname,
                    lineno=line or self.lineno,
                    parent=env.ref_context.get("arch:component"),
                    source=relative,
                )
            )
        return [node], []


@dataclass(frozen=True)
class LinkTarget:
    """Where a link to an item points: a page and anchor of this project, or
    (``uri``) a page of another project's site."""

    item: Item
    #: The link's tooltip.
    title: str
    docname: str = ""
    anchor: str = ""
    uri: str | None = None


class ArchDomain(Domain):
    name = "arch"
    label = "Architecture"
    object_types = {
        spec.role: ObjType(spec.label, spec.role, "ref") for spec in KINDS.values() if spec.role
    }
    roles = {
        **{
            spec.role: ArchXRefRole(innernodeclass=nodes.inline)
            for spec in KINDS.values()
            if spec.role
        },
        "ref": ArchXRefRole(innernodeclass=nodes.inline),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "items": {},  # docname -> [Item]
        "findings": {},  # docname -> [Finding] (found while reading)
        "references": {},  # docname -> [Reference]
        "summaries": {},  # docname -> number of summary placeholders
        "summary_calls": {},  # docname -> [SummaryCall] (where, with which options)
        "links": {},  # docname -> True when the page links to items
        "adr_toctrees": {},  # docname -> True when an ADR index adds ADRs to the toctree
        "digest": "",
        "doc_digests": {},  # docname -> fingerprint of what it declared (Index.digest)
        "targets": {},  # item ID -> what a link to it shows (Index.link_targets)
        # archdoc_external: project -> loaded data (plain dicts), and problems.
        "external": {},
        "external_findings": [],
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The index is derived from ``self.data``; domain instances are never
        # pickled, so it is rebuilt (once) after every load or change.
        self._index: Index | None = None
        # The typed view of this build's configuration: a domain lives for one
        # build (never pickled), and ``builder-inited`` makes the view afresh.
        self._config: ArchConfig | None = None
        #: The messages in this build's language (installed by :meth:`speak`).
        self.catalog: i18n.Catalog | None = None
        #: The HTML of fragments that read the same on every page (labels,
        #: badges, titles), written once per build (render/html.py).
        self.static_html: dict[Any, tuple[str, str] | None] = {}
        #: How many documents this build reads (``env-before-read-docs``).
        self.documents_read = 0

    def start_build(self) -> None:
        """``builder-inited``: the typed configuration and the catalog of this build."""
        self._config = ArchConfig.from_values(
            {spec.name: getattr(self.env.config, spec.name) for spec in CONFIG_SPECS}
        )
        self.catalog = i18n.catalog_for(self.env.config.language)
        self.static_html = {}
        self.speak()

    def speak(self) -> None:
        """Make this build's language the one messages are written in."""
        if self.catalog is None:
            self.start_build()
        else:
            i18n.use(self.catalog)

    def typed_config(self) -> ArchConfig:
        if self._config is None:
            self.start_build()
        return cast("ArchConfig", self._config)

    # -- per-document data ----------------------------------------------------

    def _per_doc(self, key: str) -> dict[str, list[Any]]:
        return cast("dict[str, list[Any]]", self.data[key])

    def note_item(self, item: Item) -> None:
        self._per_doc("items").setdefault(item.docname, []).append(item)
        self._forget(item.docname)

    def note_finding(self, finding: Finding) -> None:
        self._per_doc("findings").setdefault(finding.docname or "", []).append(finding)
        self._index = None

    def note_reference(self, reference: Reference) -> None:
        self._per_doc("references").setdefault(reference.docname, []).append(reference)
        self.data["links"][reference.docname] = True
        self._forget(reference.docname)

    def note_summary(self, docname: str) -> None:
        self.data["summaries"][docname] = self.data["summaries"].get(docname, 0) + 1

    def note_summary_call(self, call: SummaryCall) -> None:
        self._per_doc("summary_calls").setdefault(call.docname, []).append(call)

    def summary_calls(self, directive: str) -> list[SummaryCall]:
        """Every ``directive`` of the project, by document and line."""
        calls = [
            call
            for docname in sorted(self._per_doc("summary_calls"))
            for call in self._per_doc("summary_calls")[docname]
            if call.directive == directive
        ]
        return sorted(calls, key=lambda call: (call.docname, call.lineno))

    def note_links(self, docname: str) -> None:
        self.data["links"][docname] = True

    def replace_item(self, old: Item, new: Item) -> None:
        items = self._per_doc("items").get(old.docname, [])
        items[items.index(old)] = new
        self._forget(old.docname)

    def note_adr_toctree(self, docname: str) -> None:
        self.data["adr_toctrees"][docname] = True

    def adr_toctree_docnames(self) -> set[str]:
        return set(self.data["adr_toctrees"])

    def clear_doc(self, docname: str) -> None:
        for key in PER_DOC_KEYS:
            self.data[key].pop(docname, None)
        self._forget(docname)

    def _forget(self, docname: str) -> None:
        """What was derived from the document is stale."""
        self.data.setdefault("doc_digests", {}).pop(docname, None)
        self._index = None

    def digest(self) -> str:
        """The index's fingerprint, reusing unchanged documents' fingerprints."""
        return self.index().digest(self.data.setdefault("doc_digests", {}))

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for key in PER_DOC_KEYS:
            ours = self.data[key]
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    ours[docname] = theirs[docname]
        for docname in docnames:
            self._forget(docname)

    def set_external(self, loaded: dict[str, Any], problems: list[Finding]) -> None:
        """The data of ``archdoc_external`` projects, loaded for this build."""
        self.data["external"] = loaded
        self.data["external_findings"] = problems
        self._index = None

    def items_of(self, docname: str) -> list[Item]:
        return list(self._per_doc("items").get(docname, []))

    def summary_docnames(self) -> set[str]:
        return set(self.data["summaries"])

    def docnames_linking_to(self, changed: set[str]) -> set[str]:
        """The pages with a link to one of the ``changed`` item IDs, those
        with a link that does not name an item by its ID (a number, a name
        that resolves to nothing): it may now show another item, and those
        with a changed item whose head shows a status derived from others (a
        quality scenario's)."""
        index = self.index()
        linking = set(self.data["links"])
        found: set[str] = set()

        def shows_a_change(target: str, item: Item | None) -> bool:
            return item is None or item.id != target or item.id in changed

        for reference in index.references:
            docname = reference.docname
            if docname in linking and docname not in found:
                target = reference.target
                if shows_a_change(target, self.resolve_item(reference.kind, target)):
                    found.add(docname)
        for item in index.items:
            docname = item.docname
            if (
                docname in linking
                and docname not in found
                and (
                    (item.id in changed and shows_derived_badges(item))
                    or any(shows_a_change(t, index.get(t)) for t in linked_targets(item))
                )
            ):
                found.add(docname)
        return found

    # -- the global index -------------------------------------------------------

    def index(self) -> Index:
        """The index over every document, built on first use after any change."""
        if self._index is None:
            findings = dict(self._per_doc("findings"))
            # .get: environments pickled before imports existed lack the keys.
            external_findings = self.data.get("external_findings", [])
            if external_findings:
                findings[""] = [*findings.get("", []), *external_findings]
            self._index = build_index(
                self._per_doc("items"),
                findings,
                self._per_doc("references"),
                self.typed_config(),
                external=self.data.get("external", {}),
            )
        return self._index

    # -- cross-references -------------------------------------------------------

    def resolve_item(self, typ: str, target: str) -> Item | None:
        """The item a reference of role ``typ`` (``comp``, ``ref``...) names."""
        kind = ROLE_TO_KIND.get(typ)
        return self.index().get(target, kind)

    def link_target(
        self, builder: Builder, fromdocname: str, typ: str, target: str
    ) -> LinkTarget | None:
        """Where a link of role ``typ`` to ``target`` points, or None when it
        names nothing. The one resolver: ``resolve_xref``, ``:any:`` and the
        HTML writer's links all ask it."""
        item = self.resolve_item(typ, target)
        if item is None:
            return None
        return self._target_of(builder, fromdocname, item)

    def _target_of(self, builder: Builder, fromdocname: str, item: Item) -> LinkTarget:
        if self.index().is_external(item):
            uri, title = self.external_target(builder, fromdocname, item)
            return LinkTarget(item, title, uri=uri)
        return LinkTarget(item, item.title, docname=item.docname, anchor=item.anchor)

    def _contnode_for(self, item: Item, node: pending_xref, contnode: Element) -> Element:
        if node.get("refexplicit") or node.get("archdoc-keep-text"):
            return contnode
        text = reference_text(self.index(), item, with_status=node.get("archdoc-status", False))
        return nodes.inline(text, text, classes=list(IMPLICIT_REF_CLASSES))

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        link = self.link_target(builder, fromdocname, typ, target)
        if link is None:
            return None
        return self._refnode(
            builder, fromdocname, link, self._contnode_for(link.item, node, contnode)
        )

    @staticmethod
    def _refnode(
        builder: Builder, fromdocname: str, link: LinkTarget, contnode: Element
    ) -> nodes.reference:
        if link.uri is not None:
            # An item of another project, on the other project's site.
            reference = nodes.reference(
                "",
                "",
                internal=False,
                refuri=link.uri,
                reftitle=link.title,
                classes=["archdoc-external"],
            )
            reference += contnode
            return reference
        return make_refnode(builder, fromdocname, link.docname, link.anchor, contnode, link.title)

    def external_target(self, builder: Builder, fromdocname: str, item: Item) -> tuple[str, str]:
        """Where a link to an imported item points, and its tooltip."""
        uri = self.index().external_urls[item.id]
        if not external_module.is_absolute_url(uri):
            # Relative to the output root: climb out of this page's folder.
            depth = builder.get_target_uri(fromdocname).count("/")
            uri = "../" * depth + uri
        project = item.id.partition(":")[0]
        return uri, f"{item.title} ({project})"

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        # ``:any:`` matches exact IDs only: a bare "1" must not become ADR 1.
        item = self.index().by_id.get(target)
        if item is None or not KINDS[item.kind].role:
            return []
        role = cast("str", KINDS[item.kind].role)
        link = self._target_of(builder, fromdocname, item)
        if link.uri is not None:
            contnode = self._contnode_for(item, node, contnode)
        return [(f"arch:{role}", self._refnode(builder, fromdocname, link, contnode))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for item in self.index().items:
            role = KINDS[item.kind].role
            if role and self.index().by_id.get(item.id) is item:
                yield (item.id, item.title, role, item.docname, item.anchor, 1)


def get_domain(env: BuildEnvironment) -> ArchDomain:
    return cast("ArchDomain", env.domains["arch"])
