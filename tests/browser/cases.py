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
  that derives the expected diagram from that build's ``archdoc.json``.

``read_diagrams`` identifies boxes by Mermaid's ``g.node`` and edges by
``path.flowchart-link``; a diagram type that draws differently (C4 or ER
diagrams in Mermaid's own syntax) extends ``_READ_DIAGRAMS`` in ``harness.py``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from browser.harness import Expected

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


# --- the dependency graph -------------------------------------------------------

_INACTIVE = ("deprecated", "retired")


def _components(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in export["items"] if item["kind"] == "component"}


def _box(item_id: str, components: dict[str, dict[str, Any]]) -> str:
    item = components.get(item_id)
    if item is None:
        return f"{item_id} (external)"
    status = item["fields"].get("status")
    return f"{item['title']} ({status})" if status in _INACTIVE else item["title"]


def dependency_graph(
    export: dict[str, Any], root: str | None = None, depth: int | None = None
) -> Expected:
    """What ``arch-dependency-graph`` (with ``:root:``/``:depth:``, dependencies
    direction) shows of the exported model: a box per component (plus one per
    dependency outside the project), an arrow per ``depends-on``, a group per
    layer, and a link from each component's box to its block."""
    components = _components(export)

    def needs(item_id: str) -> list[str]:
        item = components.get(item_id)
        return list(item["fields"].get("depends-on") or []) if item else []

    if root is None:
        shown = set(components) | {dep for c in components for dep in needs(c)}
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
    edges = tuple(
        (_box(source, components), _box(target, components), "")
        for source in shown
        for target in needs(source)
        if target in shown
    )
    layers = {components[c]["fields"].get("layer") for c in shown if c in components}
    return Expected(
        nodes=tuple(_box(c, components) for c in shown),
        edges=edges,
        links={_box(c, components): components[c]["url"] for c in shown if c in components},
        clusters=tuple(sorted(str(layer).capitalize() for layer in layers if layer)),
    )


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
        nodes=tuple(HOSTILE_TITLES.values()),
        edges=(
            (HOSTILE_TITLES["web"], HOSTILE_TITLES["api"], ""),
            (HOSTILE_TITLES["api"], HOSTILE_TITLES["db"], ""),
            (HOSTILE_TITLES["api"], HOSTILE_TITLES["queue"], ""),
            (HOSTILE_TITLES["queue"], HOSTILE_TITLES["db"], ""),
        ),
        links={title: f"#component-{cid}" for cid, title in HOSTILE_TITLES.items()},
        clusters=("Application", "Data", "Presentation"),
    ),
)

CASES: list[ProjectCase | ExampleCase] = [
    HOSTILE_GRAPH,
    ExampleCase("example-dependency-graph", "summary.html", 0, dependency_graph),
    ExampleCase(
        "example-dependency-graph-rooted",
        "summary.html",
        1,
        lambda export: dependency_graph(export, root="api-gateway", depth=2),
    ),
    ExampleCase("example-dependency-graph-furo", "summary.html", 0, dependency_graph, "furo"),
]
