"""A deterministic architecture corpus, rendered three ways.

The same data (documents of components, risks and performance targets with
their links and prose) is written as:

* ``archdoc``: sphinx-archdoc directives, with a summary page of one
  generated table per kind;
* ``plain``: the reStructuredText a user writes without any extension: a
  section per item with a label, a field list, ``:ref:`` links, and a summary
  page of hand-written ``list-table`` s;
* ``needs``: sphinx-needs directives with ``needtable`` s on the summary page.

Everything is derived from a seeded :class:`random.Random`, so two calls with
the same arguments give byte-identical files.  Usable as a module
(:func:`generate`, :func:`render`, :func:`write_tree`) and as a script::

    python benchmarks/corpus.py --items 500 --variant archdoc OUTDIR
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

VARIANTS = ("archdoc", "plain", "needs")
LEVELS = ("low", "medium", "high")
BANDS = (("low", 1), ("medium", 3), ("high", 6))
LAYERS = ("presentation", "application", "data", "infrastructure")
CATEGORIES = ("technical", "operational", "security", "compliance", "business")

_NOUNS = [
    "gateway",
    "service",
    "cache",
    "queue",
    "ledger",
    "catalogue",
    "index",
    "scheduler",
    "broker",
    "replica",
    "session",
    "token",
    "archive",
    "report",
    "pipeline",
    "worker",
    "store",
    "registry",
    "router",
    "adapter",
    "billing",
    "search",
    "profile",
    "inventory",
    "payment",
    "order",
    "shipment",
    "audit",
    "notification",
    "identity",
    "pricing",
    "analytics",
    "export",
    "import",
    "ingestion",
    "ranking",
    "feed",
    "ticket",
]
_ADJECTIVES = [
    "regional",
    "primary",
    "secondary",
    "internal",
    "external",
    "central",
    "distributed",
    "batch",
    "streaming",
    "legacy",
    "shared",
    "tenant-aware",
    "read-only",
    "append-only",
    "encrypted",
    "stateless",
    "stateful",
    "asynchronous",
    "synchronous",
    "partitioned",
]
_VERBS = [
    "validates",
    "stores",
    "forwards",
    "aggregates",
    "caches",
    "partitions",
    "replicates",
    "authorises",
    "schedules",
    "indexes",
    "publishes",
    "reconciles",
    "throttles",
    "compresses",
    "enriches",
    "deduplicates",
    "archives",
]
_OBJECTS = [
    "requests",
    "events",
    "records",
    "messages",
    "documents",
    "invoices",
    "orders",
    "sessions",
    "metrics",
    "snapshots",
    "payloads",
    "tokens",
    "batches",
    "reports",
    "notifications",
]
_CLAUSES = (
    "before the nightly window closes",
    "so that downstream consumers never block",
    "while keeping the p99 latency within budget",
    "for every tenant in the region",
    "under the retention policy agreed with compliance",
    "when the primary store is unavailable",
    "with at-least-once delivery",
    "behind the public load balancer",
    "using idempotent writes",
    "as described in the operations handbook",
)
_TECHNOLOGIES = (
    "PostgreSQL",
    "Redis",
    "Kafka",
    "Go",
    "Python",
    "Java",
    "nginx",
    "S3",
    "Elasticsearch",
    "RabbitMQ",
)
_SCALABILITY = (
    "horizontal, stateless replicas behind the load balancer",
    "vertical, one primary with read replicas",
    "sharded by tenant",
    "partitioned by region",
    "fixed capacity, one instance per zone",
)
_METRICS = (
    ("p99 latency", "ms", 50, 800),
    ("p95 latency", "ms", 20, 400),
    ("throughput", "req/s", 200, 20000),
    ("error rate", "%", 1, 5),
    ("recovery time", "min", 5, 60),
)
_MONITORING = ("Grafana dashboard", "Prometheus alert", "weekly load test", "APM traces")


@dataclass(frozen=True)
class Entry:
    """One item: the same facts, whatever the rendering."""

    kind: str  # component | risk | perf-target
    id: str
    title: str
    fields: dict[str, str]  # field name (archdoc option) -> text
    links: dict[str, tuple[str, ...]]  # depends-on / components / component -> IDs
    prose: str
    #: Hand-computed values a user writes without the extension.
    derived: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    name: str  # docname, e.g. "docs/sub0007"
    title: str
    intro: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]

    @property
    def entries(self) -> list[Entry]:
        return [e for d in self.documents for e in d.entries]

    def count(self, kind: str) -> int:
        return sum(1 for e in self.entries if e.kind == kind)


def _sentence(rng: random.Random) -> str:
    words = [
        "The",
        rng.choice(_ADJECTIVES),
        rng.choice(_NOUNS),
        rng.choice(_VERBS),
        rng.choice(_OBJECTS),
        rng.choice(_CLAUSES),
    ]
    return " ".join(words) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _kind_for(number: int) -> str:
    """About half components, a third risks, the rest performance targets."""
    slot = number % 6
    if slot < 3:
        return "component"
    if slot < 5:
        return "risk"
    return "perf-target"


def _ident(kind: str, number: int) -> str:
    prefix = {"component": "COMP", "risk": "RISK", "perf-target": "PERF"}[kind]
    return f"{prefix}_{number:06d}"


def risk_score(impact: str, probability: str) -> tuple[int, str]:
    value = (LEVELS.index(impact) + 1) * (LEVELS.index(probability) + 1)
    band = [name for name, minimum in BANDS if value >= minimum][-1]
    return value, band


def generate(items: int, per_doc: int = 10, seed: int = 2026) -> Corpus:
    """``items`` items in ``ceil(items / per_doc)`` documents."""
    rng = random.Random(seed)
    components: list[str] = []
    entries: list[Entry] = []
    for number in range(items):
        kind = _kind_for(number)
        item_id = _ident(kind, number)
        noun = rng.choice(_NOUNS)
        title = f"{rng.choice(_ADJECTIVES).capitalize()} {noun} {number}"
        prose = _paragraph(rng, rng.randint(2, 4))
        if kind == "component":
            deps = tuple(sorted(set(rng.sample(components[-200:], min(len(components), 2)))))
            entry = Entry(
                kind,
                item_id,
                title,
                {
                    "layer": rng.choice(LAYERS),
                    "purpose": _sentence(rng),
                    "scalability": rng.choice(_SCALABILITY),
                    "technology": rng.choice(_TECHNOLOGIES),
                    "owner": f"team-{rng.randint(1, 40)}",
                },
                {"depends-on": deps},
                prose,
            )
            components.append(item_id)
        elif kind == "risk":
            impact, probability = rng.choice(LEVELS), rng.choice(LEVELS)
            score, band = risk_score(impact, probability)
            affected = tuple(sorted(set(rng.sample(components[-200:], min(len(components), 2)))))
            entry = Entry(
                kind,
                item_id,
                f"Risk: {title.lower()} fails",
                {
                    "category": rng.choice(CATEGORIES),
                    "impact": impact,
                    "probability": probability,
                    "mitigation": _sentence(rng),
                    "owner": f"team-{rng.randint(1, 40)}",
                },
                {"components": affected},
                prose,
                {"score": str(score), "band": band},
            )
        else:
            metric, unit, low, high = rng.choice(_METRICS)
            goal = rng.randint(low, high)
            current = rng.randint(max(1, goal // 2), goal + goal // 4)
            lower_is_better = unit != "req/s"
            comparator = "<" if lower_is_better else ">"
            met = current < goal if lower_is_better else current > goal
            entry = Entry(
                kind,
                item_id,
                f"{metric.capitalize()} of {noun} {number}",
                {
                    "metric": metric,
                    "target": f"{comparator} {goal} {unit}",
                    "current": f"{current} {unit}",
                    "monitoring": rng.choice(_MONITORING),
                },
                {"component": (components[-1],) if components else ()},
                prose,
                {"status": "met" if met else "missed"},
            )
        entries.append(entry)
    documents = []
    for start in range(0, items, per_doc):
        number = start // per_doc
        documents.append(
            Document(
                f"docs/sub{number:05d}",
                f"Subsystem {number}",
                _paragraph(rng, 4),
                tuple(entries[start : start + per_doc]),
            )
        )
    return Corpus(tuple(documents))


def edited(corpus: Corpus, document: int, variant: int) -> Corpus:
    """The corpus after an author edited one document: the purpose (shown in the
    component table) and the prose of its first component change."""
    doc = corpus.documents[document]
    entries = list(doc.entries)
    for i, entry in enumerate(entries):
        if entry.kind == "component":
            note = f" Revised in edit {variant}."
            entries[i] = replace(
                entry,
                fields={**entry.fields, "purpose": entry.fields["purpose"] + note},
                prose=entry.prose + note,
            )
            break
    documents = list(corpus.documents)
    documents[document] = replace(doc, entries=tuple(entries))
    return Corpus(tuple(documents))


def with_component_field(corpus: Corpus, document: int, name: str, note: str) -> Corpus:
    """The corpus after an author changed one field of one component: ``note``
    appended to the ``title`` or another field of the document's first
    component (a title is shown wherever the component is linked)."""
    doc = corpus.documents[document]
    entries = list(doc.entries)
    for i, entry in enumerate(entries):
        if entry.kind == "component":
            if name == "title":
                entries[i] = replace(entry, title=f"{entry.title} {note}")
            else:
                fields = {**entry.fields, name: f"{entry.fields[name]} {note}"}
                entries[i] = replace(entry, fields=fields)
            break
    documents = list(corpus.documents)
    documents[document] = replace(doc, entries=tuple(entries))
    return Corpus(tuple(documents))


# -- rendering ------------------------------------------------------------------

_KIND_SECTIONS = (
    ("component", "Components"),
    ("risk", "Risks"),
    ("perf-target", "Performance targets"),
)


def _heading(text: str, char: str, over: bool = False) -> list[str]:
    line = char * len(text)
    return [line, text, line, ""] if over else [text, line, ""]


def _indent(text: str, prefix: str = "   ") -> str:
    return prefix + text


def _index_page(title: str, with_summary: bool) -> str:
    lines = _heading(title, "=", over=True)
    lines += [
        "An architecture document generated for benchmarking.",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "   :glob:",
        "",
    ]
    if with_summary:
        lines.append("   summary")
    lines += ["   docs/*", ""]
    return "\n".join(lines)


def _document(doc: Document, render_entry: object) -> str:
    lines = _heading(doc.title, "=")
    lines += [doc.intro, ""]
    for kind, section in _KIND_SECTIONS:
        entries = [e for e in doc.entries if e.kind == kind]
        if not entries:
            continue
        lines += _heading(section, "-")
        for entry in entries:
            lines += render_entry(entry)  # type: ignore[operator]
    return "\n".join(lines)


# archdoc ---------------------------------------------------------------------


def _archdoc_entry(entry: Entry) -> list[str]:
    directive = {
        "component": "arch-component",
        "risk": "arch-risk",
        "perf-target": "arch-perf-target",
    }[entry.kind]
    lines = [f".. {directive}:: {entry.id}", f"   :title: {entry.title}"]
    for name, value in entry.fields.items():
        lines.append(f"   :{name}: {value}")
    for name, ids in entry.links.items():
        if ids:
            lines.append(f"   :{name}: {', '.join(ids)}")
    lines += ["", _indent(entry.prose), ""]
    return lines


_ARCHDOC_SUMMARY = """\
Summary
=======

Every item of the document, generated from the item pages.

Components
----------

.. arch-component-table::

Risks
-----

.. arch-risk-register::

Performance targets
-------------------

.. arch-perf-table::
"""

_ARCHDOC_CONF = """\
project = "Benchmark (sphinx-archdoc)"
extensions = ["sphinx_archdoc"]
exclude_patterns = ["_build"]
"""


# plain reST ------------------------------------------------------------------

_PLAIN_LABELS = {
    "layer": "Layer",
    "purpose": "Purpose",
    "scalability": "Scalability",
    "technology": "Technology",
    "owner": "Owner",
    "category": "Category",
    "impact": "Impact",
    "probability": "Probability",
    "mitigation": "Mitigation",
    "metric": "Metric",
    "target": "Target",
    "current": "Current",
    "monitoring": "Monitoring",
    "depends-on": "Depends on",
    "components": "Components",
    "component": "Component",
    "score": "Score",
    "band": "Band",
    "status": "Status",
}


def _ref(item_id: str, text: str | None = None) -> str:
    return f":ref:`{text or item_id} <{item_id.lower()}>`"


def _plain_entry(entry: Entry) -> list[str]:
    lines = [f".. _{entry.id.lower()}:", ""]
    lines += _heading(entry.title, "~")
    lines.append(f":ID: ``{entry.id}``")
    for name, value in entry.fields.items():
        lines.append(f":{_PLAIN_LABELS[name]}: {value}")
    for name, value in entry.derived.items():
        lines.append(f":{_PLAIN_LABELS[name]}: {value}")
    for name, ids in entry.links.items():
        if ids:
            lines.append(f":{_PLAIN_LABELS[name]}: {', '.join(_ref(i) for i in ids)}")
    lines += ["", entry.prose, ""]
    return lines


_PLAIN_COLUMNS = {
    "component": ("id", "title", "layer", "purpose", "depends-on", "scalability"),
    "risk": ("id", "title", "impact", "probability", "score", "band", "mitigation"),
    "perf-target": ("id", "metric", "target", "current", "status", "monitoring"),
}


def _plain_cell(entry: Entry, column: str) -> str:
    if column == "id":
        return _ref(entry.id)
    if column == "title":
        return _ref(entry.id, entry.title)
    if column in entry.links:
        return ", ".join(_ref(i) for i in entry.links[column])
    return entry.fields.get(column) or entry.derived.get(column, "")


def _plain_summary(corpus: Corpus) -> str:
    lines = _heading("Summary", "=")
    lines += ["Every item of the document, maintained by hand.", ""]
    for kind, section in _KIND_SECTIONS:
        columns = _PLAIN_COLUMNS[kind]
        lines += _heading(section, "-")
        lines += [f".. list-table:: {section}", "   :header-rows: 1", ""]
        lines.append("   * - " + columns[0].capitalize())
        lines += [f"     - {_PLAIN_LABELS.get(c, c.capitalize())}" for c in columns[1:]]
        for entry in sorted((e for e in corpus.entries if e.kind == kind), key=_sort_key):
            cells = [_plain_cell(entry, c) for c in columns]
            lines.append(f"   * - {cells[0]}")
            lines += [f"     - {cell}" if cell else "     -" for cell in cells[1:]]
        lines.append("")
    return "\n".join(lines)


def _sort_key(entry: Entry) -> tuple[int, str]:
    # The order sphinx-archdoc's default sorts give: risks by score descending.
    if entry.kind == "risk":
        return (-int(entry.derived["score"]), entry.id)
    return (0, entry.id)


_PLAIN_CONF = """\
project = "Benchmark (hand-written reST)"
extensions = []
exclude_patterns = ["_build"]
"""


# sphinx-needs ----------------------------------------------------------------

_NEEDS_DIRECTIVES = {"component": "comp", "risk": "risk", "perf-target": "perf"}
_NEEDS_LINKS = {"depends-on": "depends_on", "components": "affects", "component": "applies_to"}


def _needs_entry(entry: Entry) -> list[str]:
    lines = [f".. {_NEEDS_DIRECTIVES[entry.kind]}:: {entry.title}", f"   :id: {entry.id}"]
    for name, value in entry.fields.items():
        lines.append(f"   :{name}: {value}")
    for name, value in entry.derived.items():
        lines.append(f"   :{name}: {value}")
    for name, ids in entry.links.items():
        if ids:
            lines.append(f"   :{_NEEDS_LINKS[name]}: {', '.join(ids)}")
    lines += ["", _indent(entry.prose), ""]
    return lines


_NEEDS_SUMMARY = """\
Summary
=======

Every item of the document, as sphinx-needs tables.

Components
----------

.. needtable::
   :types: comp
   :columns: id;title;layer;purpose;depends_on;scalability
   :sort: id

Risks
-----

.. needtable::
   :types: risk
   :columns: id;title;impact;probability;score;band;mitigation
   :sort: id

Performance targets
-------------------

.. needtable::
   :types: perf
   :columns: id;metric;target;current;status;monitoring
   :sort: id
"""

_NEEDS_CONF = """\
project = "Benchmark (sphinx-needs)"
extensions = ["sphinx_needs"]
exclude_patterns = ["_build"]
needs_id_regex = r"^[A-Z0-9_]{5,}$"
needs_types = [
    {"directive": "comp", "title": "Component", "prefix": "COMP_"},
    {"directive": "risk", "title": "Risk", "prefix": "RISK_"},
    {"directive": "perf", "title": "Performance target", "prefix": "PERF_"},
]
needs_fields = {
    name: {"nullable": True}
    for name in (
        "layer", "purpose", "scalability", "technology", "owner", "category", "impact",
        "probability", "mitigation", "score", "band", "metric", "target", "current",
        "monitoring",
    )
}
needs_links = {
    "depends_on": {"outgoing": "depends on", "incoming": "dependents"},
    "affects": {"outgoing": "affects", "incoming": "affected by"},
    "applies_to": {"outgoing": "applies to", "incoming": "targets"},
}
"""


#: ``html_sidebars`` per ``sidebars`` choice: the theme's own (alabaster's
#: includes the global table of contents, which costs every page time in
#: proportion to the number of pages), or the page's own contents only.
SIDEBARS = {
    "theme": "",
    "local": 'html_sidebars = {"**": ["localtoc.html", "relations.html", "searchbox.html"]}\n',
}


def render(
    corpus: Corpus,
    variant: str,
    *,
    summary: bool = True,
    sidebars: str = "theme",
    c4: bool = False,
) -> dict[str, str]:
    """Relative path -> file text of a whole Sphinx project.

    ``c4`` (sphinx-archdoc only) adds the C4 and quality model of
    :func:`c4_model` to the same items.
    """
    if c4:
        if variant != "archdoc":
            raise ValueError("the C4 and quality model is written for sphinx-archdoc only")
        return _c4_project(corpus, summary=summary, sidebars=sidebars)
    if variant == "archdoc":
        conf, entry, summary_text = _ARCHDOC_CONF, _archdoc_entry, _ARCHDOC_SUMMARY
    elif variant == "plain":
        conf, entry, summary_text = _PLAIN_CONF, _plain_entry, _plain_summary(corpus)
    elif variant == "needs":
        conf, entry, summary_text = _NEEDS_CONF, _needs_entry, _NEEDS_SUMMARY
    else:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    files = {
        "conf.py": conf + SIDEBARS[sidebars],
        "index.rst": _index_page("Architecture benchmark", summary),
    }
    if summary:
        files["summary.rst"] = summary_text
    for doc in corpus.documents:
        files[f"{doc.name}.rst"] = _document(doc, entry)
    return files


# the C4 and quality model (sphinx-archdoc only) -----------------------------------

#: Components per system and per container in :func:`c4_model`'s hierarchy.
SYSTEM_EVERY, CONTAINER_EVERY = 30, 5
ACTORS = 20


def c4_model(corpus: Corpus) -> dict[str, dict[str, str]]:
    """Extra options per item ID that put the corpus's components in a
    building-block hierarchy and its performance targets under quality
    scenarios: every 30th component is a system, every 5th a container of the
    system before it, the rest components of the container before them; the
    performance targets of a document measure that document's scenario."""
    extra: dict[str, dict[str, str]] = {}
    system = container = ""
    components = 0
    for doc_number, doc in enumerate(corpus.documents):
        for entry in doc.entries:
            if entry.kind == "component":
                if components % SYSTEM_EVERY == 0:
                    extra[entry.id], system, container = {"type": "system"}, entry.id, ""
                elif components % CONTAINER_EVERY == 0 or not container:
                    extra[entry.id] = {"type": "container", "parent": system}
                    container = entry.id
                else:
                    extra[entry.id] = {"type": "component", "parent": container}
                components += 1
            elif entry.kind == "perf-target":
                extra[entry.id] = {"scenario": f"QS_{doc_number:05d}"}
    return extra


def _c4_document(doc: Document, number: int, extra: Mapping[str, Mapping[str, str]]) -> str:
    def entry_lines(entry: Entry) -> list[str]:
        lines = _archdoc_entry(entry)
        options = [f"   :{name}: {value}" for name, value in extra.get(entry.id, {}).items()]
        return lines[:2] + options + lines[2:]

    text = _document(doc, entry_lines)
    components = [e for e in doc.entries if e.kind == "component"]
    lines = ["", *_heading("Quality and relations", "-")]
    if number % 10 == 0:
        lines += [
            f".. arch-quality-goal:: QG_{number // 10:04d}",
            f"   :title: Responsive {doc.title.lower()}",
            f"   :priority: {number // 10 % 3 + 1}",
            "   :characteristic: performance-efficiency",
            "",
        ]
    lines += [
        f".. arch-quality-scenario:: QS_{number:05d}",
        f"   :title: Peak load on {doc.title.lower()}",
        f"   :goal: QG_{number // 10:04d}",
        "   :source: a tenant's batch job",
        "   :stimulus: ten times the usual requests",
        f"   :artifact: {', '.join(e.id for e in components[:2])}",
        "   :environment: normal operation",
        "   :response: every request is served",
        "   :measure: the document's performance targets",
        "",
    ]
    for entry in components:
        for target in entry.links.get("depends-on", ())[:1]:
            lines += [
                f".. arch-relation:: {entry.id} -> {target}",
                "   :label: Sends the orders",
                "   :technology: gRPC",
                "",
            ]
    return text + "\n".join(lines) + "\n"


def _c4_people(corpus: Corpus, extra: Mapping[str, Mapping[str, str]]) -> str:
    systems = [item for item, options in extra.items() if options.get("type") == "system"]
    lines = _heading("People and views", "=")
    for number in range(ACTORS):
        uses = systems[number % len(systems)] if systems else ""
        lines += [f".. arch-actor:: ACTOR_{number:03d}", f"   :title: Actor {number}"]
        lines += [f"   :purpose: Uses system {uses}", f"   :uses: {uses}", ""]
    for system in systems[:3]:
        lines += [
            ".. arch-dependency-graph::",
            f"   :scope: {system}",
            "   :view: context",
            "",
            ".. arch-dependency-graph::",
            f"   :scope: {system}",
            "",
        ]
    return "\n".join(lines)


_C4_SUMMARY = """

Relations and people
--------------------

.. arch-relation-table::

.. arch-actor-table::

Quality
-------

.. arch-quality-scenario-table::

.. arch-quality-tree::
"""


def _c4_project(corpus: Corpus, *, summary: bool, sidebars: str) -> dict[str, str]:
    extra = c4_model(corpus)
    files = {
        "conf.py": _ARCHDOC_CONF + SIDEBARS[sidebars],
        "index.rst": _index_page("Architecture benchmark", summary).replace(
            "   docs/*", "   people\n   docs/*"
        ),
        "people.rst": _c4_people(corpus, extra),
    }
    if summary:
        files["summary.rst"] = _ARCHDOC_SUMMARY + _C4_SUMMARY
    for number, doc in enumerate(corpus.documents):
        files[f"{doc.name}.rst"] = _c4_document(doc, number, extra)
    return files


def write_tree(root: Path, files: Mapping[str, str]) -> list[str]:
    """Write ``files`` under ``root``; only files whose text changed are
    rewritten (so incremental builds see exactly the edit).  Returns them."""
    changed = []
    for name, text in files.items():
        path = root / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(name)
    return changed


def touch(path: Path) -> None:
    """Mark a file as changed for Sphinx without changing its text: Sphinx
    re-reads a file modified after its last read, so the time must be now."""
    os.utime(path)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--per-doc", type=int, default=10)
    parser.add_argument("--variant", choices=VARIANTS, default="archdoc")
    parser.add_argument("--no-summary", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    corpus = generate(args.items, args.per_doc)
    write_tree(args.outdir, render(corpus, args.variant, summary=not args.no_summary))
    print(f"{args.items} items in {len(corpus.documents)} documents -> {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
