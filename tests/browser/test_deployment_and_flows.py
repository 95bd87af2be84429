"""The example's physical and process views drawn by Mermaid in Chromium.

* ``arch-deployment-graph``: the boxes a reader sees are nested as the
  deployment nodes are declared (read from where Mermaid drew them, not from
  the source), the hosted components sit inside their node, the arrows are
  the model's implied relationships, and every component box links to the
  component.
* ``arch-flow``: the sequence diagram shows the flow's participants in order
  of appearance, its steps in order, numbered 1, 2, 3..., and each
  participant's link goes to the component or actor.

What is expected is derived from the build's ``archdoc.json``
(:class:`~browser.cases.Model` and the pure view functions), never from what
a browser happened to draw.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from browser.cases import Model, _href, edge_text, example_externals
from browser.conftest import Site
from browser.harness import Browser, Expected, diagram_problems, read_diagrams
from sphinx_archdoc.core.c4views import DeploymentView, deployment_view
from sphinx_archdoc.core.deployment import parse_instances
from sphinx_archdoc.core.flows import elements, parse_steps
from sphinx_archdoc.core.hierarchy import build_hierarchy

PHYSICAL = "physical-view.html"
PROCESS = "process-view.html"

#: Every box and group of each drawn flowchart with the innermost group whose
#: drawn rectangle holds it: nesting as the reader sees it.
_READ_NESTING = r"""
const text = (el) => {
  if (!el) return "";
  const copy = el.cloneNode(true);
  for (const br of copy.querySelectorAll("br")) br.replaceWith("\n");
  return (copy.textContent || "").split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim()).filter((line) => line).join("\n");
};
return [...document.querySelectorAll("pre.mermaid")].map((pre) => {
  const svg = pre.querySelector("svg[aria-roledescription]");
  const shapes = [];
  for (const g of svg.querySelectorAll("g.cluster")) {
    const rect = g.querySelector(":scope > rect").getBoundingClientRect();
    shapes.push({label: text(g.querySelector(".cluster-label, .nodeLabel")), rect, group: true});
  }
  for (const g of svg.querySelectorAll("g.node")) {
    shapes.push({label: text(g.querySelector(".nodeLabel") || g),
                 rect: g.getBoundingClientRect(), group: false});
  }
  const inside = (a, b) => a !== b
    && a.rect.left >= b.rect.left - 1 && a.rect.right <= b.rect.right + 1
    && a.rect.top >= b.rect.top - 1 && a.rect.bottom <= b.rect.bottom + 1;
  const area = (s) => s.rect.width * s.rect.height;
  return shapes.map((shape) => {
    const holders = shapes.filter((other) => other.group && inside(shape, other));
    holders.sort((a, b) => area(a) - area(b));
    return [shape.label, holders.length ? holders[0].label : null];
  });
});
"""

#: A sequence diagram as a reader sees it: the participants left to right
#: (their top boxes), the messages top to bottom with the number drawn on
#: each, and the links of each participant's menu.
_READ_SEQUENCE = r"""
const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
return [...document.querySelectorAll("pre.mermaid")].map((pre) => {
  const svg = pre.querySelector("svg[aria-roledescription]");
  if (!svg || svg.getAttribute("aria-roledescription") !== "sequence") return null;
  const top = (el) => el.getBoundingClientRect().top;
  const left = (el) => el.getBoundingClientRect().left;
  // A participant's top box is a rect.actor-top beside its text; a person
  // (stick figure) is a g.actor-man.actor-top holding its text.
  const boxes = [...svg.querySelectorAll("rect.actor-top")].map((rect) => ({
    name: text(rect.parentNode.querySelector("text.actor-box")), x: left(rect)}));
  for (const man of svg.querySelectorAll("g.actor-man.actor-top")) {
    boxes.push({name: text(man.querySelector("text")), x: left(man)});
  }
  const participants = boxes.sort((a, b) => a.x - b.x);
  const messages = [...svg.querySelectorAll("text.messageText")]
    .sort((a, b) => top(a) - top(b)).map(text);
  const numbers = [...svg.querySelectorAll("text.sequenceNumber")]
    .sort((a, b) => top(a) - top(b)).map(text);
  const links = {};
  for (const menu of svg.querySelectorAll("g.actorPopupMenu")) {
    for (const a of menu.querySelectorAll("a")) {
      links[text(a)] = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
    }
  }
  return {participants: participants.map((p) => p.name), messages, numbers, links,
          width: svg.getBoundingClientRect().width};
});
"""


def broken_links(browser: Browser, page: str, hrefs: Iterable[str]) -> list[str]:
    """The links (relative to ``page``) that land on no existing anchor."""
    return [h for h in hrefs if not browser.anchor_exists(urllib.parse.urljoin(page, h))]


def node_label(node: dict[str, Any]) -> str:
    """A node's box as documented: the title, then ``[technology]`` and the count."""
    fields = node["fields"]
    details = []
    if fields.get("technology"):
        details.append(f"[{fields['technology']}]")
    if fields.get("instances"):
        low, high = parse_instances(fields["instances"])
        details.append(f"\u00d7{low}" if low == high else f"\u00d7{low}-{high}")
    return "\n".join([node["title"], " ".join(details)] if details else [node["title"]])


def deployment_expected(
    export: dict[str, Any], environment: str
) -> tuple[Model, DeploymentView, dict[str, dict[str, Any]]]:
    """The deployment view of ``environment`` the model implies."""
    model = Model.of(export, example_externals())
    nodes = {
        item["id"]: item
        for item in export["items"]
        if item["kind"] == "deployment-node" and item["computed"]["environment"] == environment
    }
    hierarchy = build_hierarchy(
        {
            item["id"]: item["fields"].get("parent")
            for item in export["items"]
            if item["kind"] == "deployment-node"
        }
    )
    components = {e for e, item in model.items.items() if item["kind"] == "component"}
    hosts = {
        nid: [c for c in node["fields"].get("hosts", []) if c in components]
        for nid, node in nodes.items()
    }
    view = deployment_view(
        sorted(nodes, key=lambda n: (nodes[n]["docname"], nodes[n]["lineno"])),
        hierarchy,
        hosts,
        model.relations,
        model.hierarchy,
        model.order,
    )
    return model, view, nodes


@pytest.mark.parametrize(
    ("theme", "diagram", "environment"),
    [("alabaster", 0, "production"), ("furo", 1, "staging")],
)
def test_the_deployment_graph_nests_the_nodes_and_hosts_the_components(
    browser: Browser,
    example_site: Callable[[str], Site],
    theme: str,
    diagram: int,
    environment: str,
) -> None:
    """The physical view's graphs: production (alabaster), staging (furo)."""
    site = example_site(theme)
    browser.open(site.url(PHYSICAL))
    browser.screenshot(f"example-deployment-graph-{environment}-{theme}", "pre.mermaid", diagram)
    seen = read_diagrams(browser)[diagram]
    model, view, nodes = deployment_expected(site.export, environment)
    label = {n: node_label(nodes[n]) for n in view.nodes}
    holding = [n for n in view.nodes if view.hosted[n] or view.children(n)]
    expected = Expected(
        nodes=tuple(
            [model.box(c) for n in view.nodes for c in view.hosted[n]]
            + [label[n] for n in view.nodes if n not in holding]
        ),
        edges=tuple(
            (model.box(source[1]), model.box(target[1]), edge_text(edge))
            for source, target, edge in view.placed_edges
        ),
        links={
            model.box(c): _href(model.items[c]["url"], PHYSICAL)
            for n in view.nodes
            for c in view.hosted[n]
        },
        clusters=tuple(label[n] for n in holding),
        people=(),
    )
    problems = diagram_problems(seen, expected)
    assert not problems, "\n".join(problems)
    # Nested as declared: each node in its parent's box, each component in its node's.
    drawn = dict(browser.js(_READ_NESTING)[diagram])
    declared = {label[n]: (label[p] if (p := view.parent[n]) else None) for n in view.nodes}
    declared |= {model.box(c): label[n] for n in view.nodes for c in view.hosted[n]}
    assert drawn == declared
    assert "deployment node" in seen.legend[0], seen.legend
    assert browser.dialogs() == []
    assert broken_links(browser, site.url(PHYSICAL), seen.links.values()) == []


def test_the_flow_is_a_numbered_sequence_diagram_linked_to_the_components(
    browser: Browser, example_site: Callable[[str], Site]
) -> None:
    site = example_site("alabaster")
    browser.open(site.url(PROCESS))
    browser.screenshot("example-flow-sequence", "pre.mermaid", 0)
    drawn = browser.js(_READ_SEQUENCE)
    flows = [item for item in site.export["items"] if item["kind"] == "flow"]
    by_id = {item["id"]: item for item in site.export["items"] if item["id"]}
    assert len(drawn) == len(flows)
    for seen, flow in zip(drawn, sorted(flows, key=lambda f: f["lineno"]), strict=True):
        assert seen is not None, f"{flow['id']}: no sequence diagram drawn"
        steps, errors = parse_steps(flow["fields"]["steps"])
        assert errors == []
        # Participants in order of first appearance, left to right, by title.
        assert seen["participants"] == [by_id[e]["title"] for e in elements(steps)]
        # Every step, in order, numbered 1, 2, 3...
        assert seen["messages"] == [step.what for step in steps]
        assert seen["numbers"] == [str(n) for n in range(1, len(steps) + 1)]
        # Each component's menu links to it (people, drawn as stick figures,
        # have none: Mermaid draws nothing for a diagram with one).
        assert seen["links"] == {
            e: _href(by_id[e]["url"], PROCESS)
            for e in elements(steps)
            if by_id[e]["kind"] != "actor"
        }, flow["id"]
        assert seen["width"] > 0
    assert browser.dialogs() == []
    hrefs = {href for seen in drawn for href in seen["links"].values()}
    assert broken_links(browser, site.url(PROCESS), hrefs) == []
