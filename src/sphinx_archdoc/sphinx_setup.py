"""Registration of everything with Sphinx, and the build-level event handlers."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx.locale
from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util import logging

from sphinx_archdoc import __version__
from sphinx_archdoc.builder import ArchdocBuilder
from sphinx_archdoc.core import config, export, external
from sphinx_archdoc.core.i18n import LOCALE_DIR, MESSAGE_CATALOG, _
from sphinx_archdoc.core.index import collector_paused
from sphinx_archdoc.core.model import Finding
from sphinx_archdoc.directives.adr import (
    AdrIndexDirective,
    AdrLinkDirective,
    discover_adr,
    outdated_adr_toctrees,
)
from sphinx_archdoc.directives.items import ITEM_DIRECTIVES
from sphinx_archdoc.directives.summaries import summary_directives
from sphinx_archdoc.domain import ArchDomain, get_domain
from sphinx_archdoc.render.blocks import archdoc_item_head
from sphinx_archdoc.render.flow import archdoc_sequence, resolve_sequences
from sphinx_archdoc.render.graph import GRAPH_VISITORS, archdoc_graph, resolve_graphs
from sphinx_archdoc.render.html import visit_written_html, written_html
from sphinx_archdoc.render.nodes import archdoc_summary
from sphinx_archdoc.transforms import ItemBlockTransform, SummaryTransform

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger("sphinx_archdoc")

#: Bump when the stored data changes shape: old environments are then re-read.
ENV_VERSION = 3
STATIC_DIR = Path(__file__).parent / "static"


def start_build(app: Sphinx) -> None:
    """State that lives for one build is made here, not kept in the process."""
    get_domain(app.env).start_build()


def validate_config(app: Sphinx, cfg: Config) -> None:
    values = {spec.name: getattr(cfg, spec.name) for spec in config.CONFIG_SPECS}
    try:
        config.validate(values)
    except config.ConfigValueError as exc:
        raise ConfigError(
            _("sphinx-archdoc configuration: {problem}").format(problem=exc)
        ) from None


def outdated_summaries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages showing summaries are rewritten whenever the data they show changed,
    so an incremental build gives exactly what a clean build gives."""
    domain = get_domain(env)
    index = domain.index()
    rewrite: set[str] = set()
    digest = index.digest()
    if digest != domain.data["digest"]:
        domain.data["digest"] = digest
        rewrite |= domain.summary_docnames()
    target_digest = index.target_digest()
    if target_digest != domain.data["target_digest"]:
        domain.data["target_digest"] = target_digest
        rewrite |= domain.linking_docnames()
    return sorted(rewrite & env.found_docs)


def report_findings(app: Sphinx, env: BuildEnvironment) -> None:
    """Every finding, once per build, as a located warning or info message."""
    # Sphinx appends "[archdoc.<check>]" itself when show_warning_types is on
    # (the default from Sphinx 8); on Sphinx 7.4, or where a project turned it
    # off, it is added here, so every archdoc warning names its check.
    show_types = bool(getattr(env.config, "show_warning_types", False))
    for finding in get_domain(env).index().findings:
        location: tuple[str, int | None] | str | None = None
        if finding.source:
            location = f"{Path(env.srcdir, finding.source)}:{finding.lineno or ''}"
        elif finding.docname:
            location = (finding.docname, finding.lineno)
        if finding.severity == "warning":
            logger.warning(
                "%s%s",
                finding.message,
                "" if show_types else f" [archdoc.{finding.check}]",
                location=location,
                type="archdoc",
                subtype=finding.check,
            )
        else:
            logger.info("%s [archdoc.%s]", finding.message, finding.check, location=location)


def suppress_missing_reference(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """Dangling ``arch`` references are reported once by the checks, with
    suggestions; Sphinx's generic nitpick warning would only repeat them."""
    return True if domain.name == "arch" else None


def load_external(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Load every ``archdoc_external`` project once per build, before reading.

    Fetched data is kept in the environment (plain data) and reused until it
    is older than ``archdoc_external_cache_limit`` days; a problem is a
    finding (``archdoc.external_source``) and the build goes on.
    """
    domain = get_domain(env)
    cached: dict[str, Any] = domain.data.get("external", {})
    loaded: dict[str, Any] = {}
    problems: list[Finding] = []
    now = time.time()
    cache_days = float(app.config.archdoc_external_cache_limit)
    timeout = float(app.config.archdoc_external_timeout)
    for source in external.sources(app.config.archdoc_external):
        entry = cached.get(source.name)
        if entry is not None and external.is_fresh(entry, source, now, cache_days):
            loaded[source.name] = {**entry, "base": source.base}
            continue
        try:
            data = external.read_source(source, Path(app.srcdir), timeout)
        except export.ExternalDataError as exc:
            message = _("archdoc_external {project!r}: {problem}").format(
                project=source.name, problem=exc
            )
            if entry is not None and entry.get("location") == source.location:
                loaded[source.name] = {**entry, "base": source.base}
                message += _(" (using the copy loaded earlier)")
            problems.append(Finding("external_source", message))
            continue
        loaded[source.name] = {
            "base": source.base,
            "location": source.location,
            "fetched": now,
            "project": data["project"],
            "version": data["version"],
            "items": data["items"],
        }
    domain.set_external(loaded, problems)


def write_json(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None:
        return
    builder = app.builder
    if isinstance(builder, ArchdocBuilder):
        pass  # the builder's only output: written whatever archdoc_json_export says
    elif builder.format != "html" or not app.config.archdoc_json_export:
        return
    index = get_domain(builder.env).index()

    def url_for(item: Any) -> str:
        uri = builder.get_target_uri(item.docname)
        return f"{uri}#{item.anchor}" if item.anchor else uri

    with collector_paused():  # many small acyclic objects: see collector_paused
        document = export.build_document(
            index,
            url_for,
            project=str(app.config.project),
            version=str(app.config.version),
            generator=f"sphinx-archdoc {__version__}",
        )
        text = export.dumps(document)
    Path(builder.outdir, export.FILENAME).write_text(text, encoding="utf-8")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    # The catalog of the language this build is in; a German build earlier in
    # the same process (tests, a tool running several builds) must not leave
    # its translations behind for an English one.
    sphinx.locale.translators.pop(("general", MESSAGE_CATALOG), None)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.setup_extension("sphinxcontrib.mermaid")
    for spec in config.CONFIG_SPECS:
        app.add_config_value(spec.name, spec.default, "env", spec.types, spec.description)
    app.add_domain(ArchDomain)
    for name, item_directive in ITEM_DIRECTIVES.items():
        app.add_directive(name, item_directive)
    summaries = {**summary_directives(), "arch-adr-index": AdrIndexDirective}
    for name, summary_directive in summaries.items():
        app.add_directive(name, summary_directive)
    app.add_directive("adr-link", AdrLinkDirective)
    formats = ("html", "latex", "text", "man", "texinfo")
    # Placeholders, replaced by the post-transforms before any builder writes.
    skipped: dict[str, Any] = dict.fromkeys(formats, (_skip, None))
    for placeholder in (archdoc_summary, archdoc_item_head):
        app.add_node(placeholder, **skipped)
    graph_visitors: dict[str, Any] = dict.fromkeys(formats, GRAPH_VISITORS)
    app.add_node(archdoc_graph, **graph_visitors)
    app.add_node(archdoc_sequence, **graph_visitors)
    # Written only for html/dirhtml (render/html.py), never reaches other builders.
    app.add_node(written_html, html=(visit_written_html, None))
    app.add_post_transform(SummaryTransform)
    app.add_post_transform(ItemBlockTransform)
    app.add_builder(ArchdocBuilder)
    app.connect("doctree-resolved", resolve_graphs)
    app.connect("doctree-resolved", resolve_sequences)
    app.connect("config-inited", validate_config)
    app.connect("builder-inited", start_build)
    app.connect("env-before-read-docs", load_external)
    app.connect("env-get-updated", outdated_summaries)
    # After Sphinx's metadata collector (priority 500) has read the docinfo.
    app.connect("doctree-read", discover_adr, priority=600)
    app.connect("env-get-outdated", outdated_adr_toctrees)
    app.connect("env-check-consistency", report_findings)
    app.connect("warn-missing-reference", suppress_missing_reference)
    app.connect("build-finished", write_json)
    app.add_css_file("archdoc.css")
    app.connect("build-finished", copy_stylesheet)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def copy_stylesheet(app: Sphinx, exception: BaseException | None) -> None:
    """Put ``archdoc.css`` into ``_static`` of HTML outputs.

    Copied after the build rather than added to ``html_static_path``: changing
    a configuration value would make every incremental build report "the
    configuration has changed".
    """
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STATIC_DIR / "archdoc.css", static / "archdoc.css")
