"""Registration of everything with Sphinx, and the build-level event handlers."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.util import logging

from sphinx_archdoc import __version__
from sphinx_archdoc.builder import ArchdocBuilder
from sphinx_archdoc.core import config, export, external, i18n
from sphinx_archdoc.core.checknames import CHECKS
from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import collector_paused, release_heap, settle_heap
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import Finding, Item
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
from sphinx_archdoc.render.deployment import deployment_drawing
from sphinx_archdoc.render.flow import archdoc_sequence, resolve_sequences
from sphinx_archdoc.render.graph import (
    GRAPH_VISITORS,
    archdoc_graph,
    drawing_of,
    oversized_graphs,
    report_too_large,
    resolve_graphs,
)
from sphinx_archdoc.render.html import visit_written_html, written_html
from sphinx_archdoc.render.nodes import archdoc_summary
from sphinx_archdoc.summaries import SUMMARIES, parse_summary_options
from sphinx_archdoc.transforms import ItemBlockTransform, SummaryTransform

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger("sphinx_archdoc")

#: Bump when the stored data changes shape: old environments are then re-read.
ENV_VERSION = 4
STATIC_DIR = Path(__file__).parent / "static"


def start_build(app: Sphinx) -> None:
    """State that lives for one build is made here, not kept in the process."""
    get_domain(app.env).start_build()


def speak_the_config_language(app: Sphinx, cfg: Config) -> None:
    """``config-inited``: configuration errors are already in the build's language."""
    i18n.use(i18n.catalog_for(cfg.language))


def speak_the_build_language(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: every build speaks its own language, also when
    another application in the same process started after this one."""
    get_domain(env).speak()


def validate_config(app: Sphinx, cfg: Config) -> None:
    values = {spec.name: getattr(cfg, spec.name) for spec in config.CONFIG_SPECS}
    try:
        config.validate(values)
    except config.ConfigValueError as exc:
        raise ConfigError(
            _("sphinx-archdoc configuration: {problem}").format(problem=exc)
        ) from None
    # Valid, but useless: patterns that can never match a document name.
    # conf.py's suffixes, and those extensions (myst_parser) registered.
    suffixes = cfg.source_suffix
    suffix_list = [suffixes] if isinstance(suffixes, str) else list(suffixes or ())
    suffix_list += list(app.registry.source_suffix)
    show_types = bool(getattr(cfg, "show_warning_types", False))
    problems = config.adr_path_problems(cfg.archdoc_adr_paths, suffix_list)
    location = _conf_line(Path(app.confdir, "conf.py"), "archdoc_adr_paths") if problems else None
    for problem in problems:
        logger.warning(
            "%s%s",
            problem,
            "" if show_types else " [archdoc.invalid_value]",
            location=location,
            type="archdoc",
            subtype="invalid_value",
        )


def _conf_line(conf: Path, name: str) -> str | None:
    """``conf.py:LINE`` of the assignment to ``name``, when there is one to point at."""
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    assignment = re.compile(rf"^\s*{re.escape(name)}\s*[+]?=")
    for number, line in enumerate(lines, start=1):
        if assignment.match(line):
            return f"{conf}:{number}"
    return None


def outdated_summaries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages showing summaries are rewritten whenever the data they show changed,
    so an incremental build gives exactly what a clean build gives."""
    domain = get_domain(env)
    index = domain.index()
    rewrite: set[str] = set()
    digest = domain.digest()
    if digest != domain.data["digest"]:
        domain.data["digest"] = digest
        rewrite |= domain.summary_docnames()
    # Pages are rewritten for link texts only where a link shows what changed:
    # a title edit rewrites the pages linking to that item, not every page
    # that links to anything.
    targets = index.link_targets()
    before: dict[str, tuple[str, ...]] = domain.data.get("targets", {})
    if targets != before:
        domain.data["targets"] = targets
        changed = {
            item_id
            for item_id in targets.keys() | before.keys()
            if targets.get(item_id) != before.get(item_id)
        }
        rewrite |= domain.docnames_linking_to(changed)
    return sorted(rewrite & env.found_docs)


def report_findings(app: Sphinx, env: BuildEnvironment) -> None:
    """Every finding, once per build, as a located warning or info message."""
    # Sphinx appends "[archdoc.<check>]" itself when show_warning_types is on
    # (the default from Sphinx 8); on Sphinx 7.4, or where a project turned it
    # off, it is added here, so every archdoc warning names its check.
    show_types = bool(getattr(env.config, "show_warning_types", False))
    findings = get_domain(env).index().findings
    if any(finding.severity != "warning" for finding in findings):
        # Sphinx's "checking consistency... " is still open on the status
        # stream: info findings start on a line of their own.
        logger.info("")
    for finding in findings:
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
            logger.info(
                "%s: %s [archdoc.%s]",
                _("INFO"),
                finding.message,
                finding.check,
                location=location,
            )


def report_oversized_graphs(app: Sphinx, env: BuildEnvironment) -> None:
    """``graph_too_large``, once per build, at each graph's line: asked after
    reading (with the other findings), not while a page is written, so a
    parallel or incremental build reports it as a clean one does."""
    domain = get_domain(env)
    config = domain.typed_config()
    index = domain.index()
    severity = config.severity("graph_too_large", CHECKS["graph_too_large"].default)
    show_types = bool(getattr(env.config, "show_warning_types", False))
    for directive, drawing_for in (
        ("arch-dependency-graph", drawing_of),
        ("arch-deployment-graph", deployment_drawing),
    ):
        spec = SUMMARIES[directive]
        graphs = []
        for call in domain.summary_calls(spec.directive):
            query, _problems = parse_summary_options(spec, dict(call.options), config)
            if isinstance(query, Query):
                graphs.append((call, drawing_for(index, query)))
        for call, problem in oversized_graphs(graphs, app.builder):
            location: tuple[str, int] | str = (call.docname, call.lineno)
            if call.source:
                location = f"{Path(env.srcdir, call.source)}:{call.lineno}"
            report_too_large(severity, location, problem, show_types, directive)


def report_conditional_items(app: Sphinx, doctree: nodes.document) -> None:
    """An item inside ``.. only::`` is still an item in every output.

    Sphinx decides ``only`` per builder when it writes, from one environment
    shared by every builder, and keeps its own objects (a ``py:function`` in
    an ``only`` block) in the domain and the inventory everywhere.  Items
    follow the same rule: listed, exported and linked in every output; only
    their block is left out where the expression is false.  The author is
    told, since that is rarely what was meant.  (Checked on the read doctree,
    so an item nested in an admonition inside ``only`` is found too.)
    """
    domain = get_domain(app.env)
    items: dict[str, Item] | None = None
    seen: set[str] = set()
    for only in doctree.findall(addnodes.only):
        for head in only.findall(archdoc_item_head):
            if items is None:
                items = {i.anchor: i for i in domain.items_of(app.env.docname)}
            item = items.get(head["anchor"])
            if item is None or item.anchor in seen:
                continue
            seen.add(item.anchor)
            message = _(
                "{id!r} is inside '.. only:: {expr}': it is listed, exported and linked "
                "in every output (as Sphinx does for its own objects), but its block is "
                "shown only where '{expr}' holds; declare it outside the only block"
            ).format(id=item.id, expr=only.get("expr", ""))
            domain.note_finding(
                Finding.at(
                    "conditional_item",
                    f"{KINDS[item.kind].directive}: {message}",
                    item,
                )
            )


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
    configured = external.sources(app.config.archdoc_external)
    results: dict[str, dict[str, Any] | export.ExternalDataError] = {}
    remote: list[external.Source] = []
    for source in configured:
        entry = cached.get(source.name)
        if entry is not None and external.is_fresh(entry, source, now, cache_days):
            loaded[source.name] = {**entry, "base": source.base}
        elif source.is_remote:
            remote.append(source)
        else:
            try:
                results[source.name] = external.read_local(source, Path(app.srcdir))
            except export.ExternalDataError as exc:
                results[source.name] = exc
    results.update(external.fetch_all(remote, float(app.config.archdoc_external_timeout)))
    for source in configured:
        result = results.get(source.name)
        if result is None:
            continue  # fresh from the cache
        if not isinstance(result, export.ExternalDataError):
            loaded[source.name] = {
                "base": source.base,
                "location": source.location,
                "fetched": now,
                "project": result["project"],
                "version": result["version"],
                "items": result["items"],
            }
            continue
        message = _("archdoc_external {project!r}: {problem}").format(
            project=source.name, problem=result
        )
        entry = cached.get(source.name)
        # Only fetched data is kept between builds: a local file is read every
        # build, so an incremental build shows what a clean one shows.
        if source.is_remote and entry is not None and entry.get("location") == source.location:
            loaded[source.name] = {**entry, "base": source.base}
            message += _(" (using the copy loaded earlier)")
        problems.append(Finding("external_source", message))
    domain.set_external(loaded, problems)


def write_json(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None:
        return
    builder = app.builder
    if isinstance(builder, ArchdocBuilder):
        pass  # the builder's only output: written whatever archdoc_json_export says
    elif not writes_json(builder) or not app.config.archdoc_json_export:
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


def writes_json(builder: Builder) -> bool:
    """The website builders write ``archdoc.json``; an EPUB is one packaged
    file, and a stray file in its folder is "unknown mimetype" on the next
    ``-b epub -W``."""
    return builder.format == "html" and not builder.name.startswith("epub")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
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
    # The build's own catalog (core/i18n.py), before any message is made.
    app.connect("config-inited", speak_the_config_language, priority=100)
    app.connect("config-inited", validate_config)
    app.connect("builder-inited", start_build)
    app.connect("env-before-read-docs", speak_the_build_language, priority=100)
    app.connect("env-before-read-docs", load_external)
    app.connect("env-before-read-docs", count_reading)
    app.connect("env-get-updated", outdated_summaries)
    # After Sphinx's metadata collector (priority 500) has read the docinfo.
    app.connect("doctree-read", discover_adr, priority=600)
    app.connect("doctree-read", report_conditional_items)
    app.connect("env-get-outdated", outdated_adr_toctrees)
    app.connect("env-check-consistency", report_findings)
    app.connect("env-check-consistency", report_oversized_graphs)
    app.connect("warn-missing-reference", suppress_missing_reference)
    app.connect("build-finished", write_json)
    # Last at each point (priority 900): after every other handler's work.
    app.connect("config-inited", settle, priority=900)
    app.connect("builder-inited", settle, priority=900)
    app.connect("env-check-consistency", settle_after_reading, priority=900)
    app.connect("build-finished", release, priority=900)
    app.add_css_file("archdoc.css")
    app.connect("builder-inited", copy_stylesheet)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def copy_stylesheet(app: Sphinx) -> None:
    """Put ``archdoc.css`` into ``_static`` of HTML outputs before any page is
    written.

    Before, not after: Sphinx links a stylesheet with its checksum (``?v=``)
    only when the file is there while the page is written, so a clean build
    and an incremental one link it the same way, and an EPUB packs it.
    Copied rather than added to ``html_static_path``: changing a
    configuration value would make every incremental build report "the
    configuration has changed". A user's own ``archdoc.css`` in
    ``html_static_path`` replaces ours (as it would replace a theme's file):
    it is the one copied, and Sphinx copies it again later.
    """
    builder = app.builder
    if builder.format != "html":
        return
    source = user_stylesheet(Path(app.confdir), app.config.html_static_path)
    static = Path(builder.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source or STATIC_DIR / "archdoc.css", static / "archdoc.css")


def user_stylesheet(confdir: Path, static_path: list[str]) -> Path | None:
    """The ``archdoc.css`` the project's ``html_static_path`` provides, if any
    (the last entry wins, as it does when Sphinx copies them)."""
    found = None
    for entry in static_path:
        path = confdir / entry
        if path.is_file() and path.name == "archdoc.css":
            found = path
        elif (path / "archdoc.css").is_file():
            found = path / "archdoc.css"
    return found


def settle(app: Sphinx, *args: Any) -> None:
    """The long-lived heap is set aside from the cyclic collector (see
    :func:`settle_heap`) once every extension is loaded and once the
    environment is loaded; an edit settles more (:func:`count_reading`,
    :func:`settle_after_reading`); it is released when the build finishes."""
    settle_heap()


#: A build reading at most this many documents is an edit: see :func:`count_reading`.
SETTLE_READING = 50


def count_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: an edit (a few documents to read) settles the
    heap for the rest of the build, what the paused collector leaves behind
    included (the index, summary rows, ``archdoc.json``).  A build reading
    many documents does not: Sphinx holds every doctree read until its page
    is written, and set aside, each would be kept until the build ends
    instead of freed once written (a tenth more peak memory in a clean
    5,000-item build)."""
    domain = get_domain(env)
    domain.documents_read = len(docnames)
    if domain.documents_read <= SETTLE_READING:
        settle_heap(young=True)


def settle_after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    """After an edit's reading, what it read and derived joins the settled heap."""
    if get_domain(env).documents_read <= SETTLE_READING:
        settle_heap()


def release(app: Sphinx, exception: BaseException | None) -> None:
    release_heap()
