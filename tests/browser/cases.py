"""The diagrams the browser tests draw, and what the model says each shows.

``test_diagrams.py`` runs every case in :data:`CASES`: it builds the case's
site (a small project, or the example), opens the page in headless Chromium,
waits for Mermaid, and checks that the boxes, edges (with their labels),
groups and links a reader sees are the model's, that no label carries markup,
and that every link lands on an existing anchor.  A screenshot of each
diagram goes to ``build/browser/screenshots/<case>.png``.

Adding a view (a C4 level, a deployment or ER diagram...) is one more entry:

* a :class:`ProjectCase` with the reST/MyST files of a small project and the
  :class:`~browser.harness.Expected` boxes/edges/links, written out by hand
  (hostile titles welcome: :data:`HOSTILE_TITLES`); or
* an :class:`ExampleCase` naming a page of ``example_project/`` and a function
  that derives the expected diagram from that build's ``archdoc.json``
  (:func:`c4_case` for a graph with ``:scope:``, ``:view: context``).

The expected diagram of the example comes from the model, never from what a
browser happened to draw: :class:`Model` rebuilds the hierarchy and the
relations (``arch-relation``, ``:depends-on:``, ``:uses:``) from
``archdoc.json``, the pure view functions of
:mod:`sphinx_archdoc.core.c4views` say which elements and implied
relationships a view shows, and the box and edge texts are written out here
from the documented format: a box reads ``Title`` then ``[Type: technology]``
(``[Person]``; the purpose too with ``:descriptions:``), an edge ``label
[technology]``, people are rounded boxes.

``read_diagrams`` identifies boxes by Mermaid's ``g.node`` and edges by
``path.flowchart-link``; a diagram type that draws differently (C4 or ER
diagrams in Mermaid's own syntax) extends ``_READ_DIAGRAMS`` in ``harness.py``.
"""

from __future__ import annotations

import functools
import json
import runpy
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser.harness import Expected
from sphinx_archdoc.core.c4views import (
    Edge,
    Relation,
    View,
    context_view,
    flat_view,
    merged_relations,
    scope_view,
)
from sphinx_archdoc.core.hierarchy import Hierarchy, build_hierarchy

#: Titles that must reach the reader as typed: Mermaid syntax, HTML, entity
#: look-alikes, directives and non-Latin text.
HOSTILE_TITLES = {
    "web": 'Evil"] --> x["pwned <img src=x onerror=alert(1)> %%{init: {}}%%',
    "api": "<script>alert('s')</script> & <b>bold</b> &lt;i&gt;",
    "db": "click n1 call alert() ; style n1 fill:#f00 #quot; `code` [x] {y} |z|",
    "queue": "Ünïcødé 日本語 — café 🚀 a\\b",
}


@dataclass(frozen=True)
class ProjectCase:
    """A small project whose ``page`` shows the diagram number ``diagram``."""

    name: str
    files: dict[str, str]
    expected: Expected
    page: str = "index.html"
    diagram: int = 0
    theme: str = "alabaster"


@dataclass(frozen=True)
class ExampleCase:
    """A diagram of ``example_project/``; ``expect`` reads its ``archdoc.json``."""

    name: str
    page: str
    diagram: int
    expect: Callable[[dict[str, Any]], Expected]
    theme: str = "alabaster"


# --- the model, as archdoc.json says ------------------------------------------

_INACTIVE = ("deprecated", "retired")
EXAMPLE = Path(__file__).resolve().parents[2] / "example_project"


@functools.cache
def example_externals() -> dict[str, dict[str, Any]]:
    """The other projects' exports the example reads (``archdoc_external`` of
    its ``conf.py``), by project name."""
    conf = runpy.run_path(str(EXAMPLE / "conf.py"))
    return {
        name: json.loads((EXAMPLE / path).read_text("utf-8"))
        for name, (_url, path) in conf.get("archdoc_external", {}).items()
    }


@dataclass(frozen=True)
class Model:
    """The C4 model of an export: elements (components and people), the
    hierarchy and the relations, as ``core/derive.py`` builds them from the
    index, here rebuilt from ``archdoc.json``."""

    items: dict[str, dict[str, Any]]
    externals: dict[str, dict[str, Any]]
    hierarchy: Hierarchy
    relations: tuple[Relation, ...]
    order: dict[str, int]

    @classmethod
    def of(cls, export: dict[str, Any], externals: dict[str, dict[str, Any]]) -> Model:
        items = {
            item["id"]: item for item in export["items"] if item["kind"] in ("component", "actor")
        }
        imported = {
            f"{project}:{item['id']}": item
            for project, other in externals.items()
            for item in other["items"]
            if item["kind"] != "relation"
        }
        components = [i for i in items.values() if i["kind"] == "component"]
        actors = [i for i in items.values() if i["kind"] == "actor"]
        hierarchy = build_hierarchy({c["id"]: c["fields"].get("parent") for c in components})
        # The other projects' relations and people, their ends as project:ID.
        theirs = [
            (f"{project}:", item) for project, other in externals.items() for item in other["items"]
        ]
        ours = [("", item) for item in export["items"]]

        def named(prefix: str, end: str) -> str:
            return end if ":" in end else prefix + end

        declared = [
            Relation(
                named(prefix, r["fields"]["source"]),
                named(prefix, r["fields"]["target"]),
                r["fields"].get("label", ""),
                r["fields"].get("technology", ""),
            )
            for prefix, r in (*ours, *theirs)
            if r["kind"] == "relation"
        ]
        implicit = [
            (prefix + item["id"], [named(prefix, t) for t in item["fields"].get(field) or []])
            for kind, field in (("actor", "uses"), ("component", "depends-on"))
            for prefix, item in (*ours, *theirs)
            if item["kind"] == kind
        ]

        def known(end: str) -> bool:
            return end in items or end in imported

        relations = merged_relations(declared, implicit, known)
        order = {item["id"]: i for i, item in enumerate((*actors, *components))}
        return cls(items, imported, hierarchy, relations, order)

    def box(self, element: str, *, descriptions: bool = False) -> str:
        """A box's label as a reader sees it: the title (with the status word
        when deprecated or retired), then ``[Type: technology]`` (``[Person]``),
        then the purpose with ``:descriptions:``; one line each."""
        item = self.items.get(element)
        if item is None:  # another project's element: grey, not linked
            other = self.externals.get(element)
            title = other["title"] if other else element
            kind = (other or {}).get("fields", {}).get("type") or "system"
            if other and other["kind"] == "actor":
                kind = "person"
            return f"{title} (external)\n[{kind.capitalize()}]"
        fields = item["fields"]
        status = fields.get("status")
        title = item["title"] + (f" ({status})" if status in _INACTIVE else "")
        if item["kind"] == "actor":
            second = "[Person]"
        else:
            kind = (fields.get("type") or "component").capitalize()
            tech = fields.get("technology")
            second = f"[{kind}: {tech}]" if tech else f"[{kind}]"
        lines = [title, second]
        if descriptions and fields.get("purpose"):
            lines.append(fields["purpose"])
        return "\n".join(lines)

    def is_person(self, element: str) -> bool:
        item = self.items.get(element) or self.externals.get(element) or {}
        return item.get("kind") == "actor"

    def layer(self, element: str) -> str:
        return str(self.items.get(element, {}).get("fields", {}).get("layer") or "")


def edge_text(edge: Edge) -> str:
    """An edge's label: what (the relations' labels) and ``[technology]``."""
    label, tech = edge.label, edge.technology
    if label and tech:
        return f"{label} [{tech}]"
    return label or (f"[{tech}]" if tech else "")


#: The layers a view without a boundary groups its boxes by (the example sets
#: neither ``archdoc_layers`` nor ``archdoc_layer_titles``: the defaults).
LAYERS = ("presentation", "application", "data", "infrastructure", "external")


def _href(url: str, page: str) -> str:
    """``url`` (``doc.html#anchor``) as a link on ``page``: ``#anchor`` there."""
    return url[len(page) :] if url.startswith(page + "#") else url


def view_expected(model: Model, view: View, page: str, *, descriptions: bool = False) -> Expected:
    """What a drawn view on ``page`` shows: a box per visible element, the
    boundary as a titled group (else a group per layer), an edge per implied
    relationship labelled ``label [technology]``, people rounded, a link on
    every box of this project (never on the boundary)."""
    box = {e: model.box(e, descriptions=descriptions) for e in view.visible}
    if view.boundary is not None:
        clusters: tuple[str, ...] = (model.box(view.boundary),)
        box[view.boundary] = clusters[0]
    else:
        shown = {model.layer(e) for e in view.visible}
        clusters = tuple(layer.capitalize() for layer in LAYERS if layer in shown)
    return Expected(
        nodes=tuple(box[e] for e in view.visible),
        edges=tuple((box[e.source], box[e.target], edge_text(e)) for e in view.edges),
        links={
            box[e]: _href(model.items[e]["url"], page) for e in view.visible if e in model.items
        },
        clusters=clusters,
        people=tuple(box[e] for e in view.visible if model.is_person(e)),
    )


def c4_view(
    export: dict[str, Any],
    page: str,
    scope: str,
    *,
    context: bool = False,
    descriptions: bool = False,
    without_layer: str | None = None,
) -> Expected:
    """``arch-dependency-graph`` with ``:scope:`` (the container or component
    view of ``scope``), or with ``:view: context`` (its system context), on
    ``page``; with ``:layer: !without_layer``, when given."""
    model = Model.of(export, example_externals())
    draw = context_view if context else scope_view

    def keep(element: str) -> bool:
        item = model.items.get(element)
        if item is None or item["kind"] != "component" or element == scope:
            return True
        return item["fields"].get("layer") != without_layer

    view = draw(
        scope,
        model.relations,
        model.hierarchy,
        model.order,
        keep if without_layer is not None else None,
    )
    return view_expected(model, view, page, descriptions=descriptions)


def dependency_graph(
    export: dict[str, Any], page: str, root: str | None = None, depth: int | None = None
) -> Expected:
    """What ``arch-dependency-graph`` without ``:scope:`` (with ``:root:``/
    ``:depth:``, dependencies direction) shows: the components within
    ``depth`` ``depends-on`` steps of ``root`` (every component without a
    root), the people who use them, every implied relationship between them."""
    model = Model.of(export, example_externals())
    components = {e for e, item in model.items.items() if item["kind"] == "component"}

    def needs(item_id: str) -> list[str]:
        item = model.items.get(item_id)
        return list(item["fields"].get("depends-on") or []) if item else []

    if root is None:
        shown = components | {dep for c in components for dep in needs(c)}
    else:
        shown, queue = {root}, deque([(root, 0)])
        while queue:
            current, distance = queue.popleft()
            if depth is not None and distance >= depth:
                continue
            for dep in needs(current):
                if dep not in shown:
                    shown.add(dep)
                    queue.append((dep, distance + 1))
    people = [e for e in (*model.items, *model.externals) if model.is_person(e)]
    view = flat_view(shown, model.relations, model.hierarchy, model.order, partners=people)
    return view_expected(model, view, page)


def _component_blocks(components: Iterable[tuple[str, str, str, str]]) -> str:
    blocks = [
        f".. arch-component:: {cid}\n   :title: {title}\n   :layer: {layer}\n"
        + (f"   :depends-on: {deps}\n" if deps else "")
        for cid, title, layer, deps in components
    ]
    return "Index\n=====\n\n" + "\n".join(blocks) + "\n.. arch-dependency-graph::\n"


HOSTILE_GRAPH = ProjectCase(
    name="dependency-graph-hostile-labels",
    files={
        "index.rst": _component_blocks(
            [
                ("web", HOSTILE_TITLES["web"], "presentation", "api"),
                ("api", HOSTILE_TITLES["api"], "application", "db, queue"),
                ("db", HOSTILE_TITLES["db"], "data", ""),
                ("queue", HOSTILE_TITLES["queue"], "data", "db"),
            ]
        )
    },
    expected=Expected(
        nodes=tuple(f"{title}\n[Component]" for title in HOSTILE_TITLES.values()),
        edges=tuple(
            (f"{HOSTILE_TITLES[a]}\n[Component]", f"{HOSTILE_TITLES[b]}\n[Component]", "")
            for a, b in (("web", "api"), ("api", "db"), ("api", "queue"), ("queue", "db"))
        ),
        links={
            f"{title}\n[Component]": f"#component-{cid}" for cid, title in HOSTILE_TITLES.items()
        },
        clusters=("Application", "Data", "Presentation"),
        people=(),
    ),
)


def c4_case(
    name: str,
    page: str,
    diagram: int,
    scope: str,
    *,
    context: bool = False,
    descriptions: bool = False,
    theme: str = "alabaster",
    without_layer: str | None = None,
) -> ExampleCase:
    """The ``diagram``-th graph of ``page``: ``:scope: scope`` (``:view: context``)."""
    return ExampleCase(
        name,
        page,
        diagram,
        lambda export: c4_view(
            export,
            page,
            scope,
            context=context,
            descriptions=descriptions,
            without_layer=without_layer,
        ),
        theme,
    )


CASES: list[ProjectCase | ExampleCase] = [
    HOSTILE_GRAPH,
    # summary.rst: every container of Parcelly (a container view), then what
    # the API gateway needs two steps deep (a filtered graph, grouped by layer).
    c4_case("example-dependency-graph", "summary.html", 0, "parcelly"),
    ExampleCase(
        "example-dependency-graph-rooted",
        "summary.html",
        1,
        lambda export: dependency_graph(export, "summary.html", root="api-gateway", depth=2),
    ),
    c4_case("example-dependency-graph-furo", "summary.html", 0, "parcelly", theme="furo"),
    # integrations.rst: the payment path, with the payments project's person
    # and relation imported from its archdoc.json.
    ExampleCase(
        "example-dependency-graph-imported",
        "integrations.html",
        0,
        lambda export: dependency_graph(
            export, "integrations.html", root="payment-adapter", depth=1
        ),
    ),
    # ... then the container view filtered (:layer: !external).
    c4_case(
        "example-dependency-graph-filtered", "summary.html", 2, "parcelly", without_layer="external"
    ),
    # The C4 views: the system context (context and index pages), the
    # container view of the platform, the component view of the booking service.
    c4_case("example-c4-system-context", "context.html", 0, "parcelly", context=True),
    c4_case("example-c4-system-context-index", "index.html", 0, "parcelly", context=True),
    c4_case("example-c4-container-view", "building-blocks.html", 0, "parcelly"),
    c4_case(
        "example-c4-component-view", "building-blocks.html", 1, "booking-service", descriptions=True
    ),
    c4_case(
        "example-c4-component-view-furo",
        "building-blocks.html",
        1,
        "booking-service",
        descriptions=True,
        theme="furo",
    ),
]
