"""arch-deployment-graph (DESIGN 2.11): nested node boxes, the components they
host, the implied relationships between those, and the fallbacks."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import build, mermaid_shown, table_rows
from sphinx_archdoc.core.c4views import Relation, deployment_view
from sphinx_archdoc.core.hierarchy import build_hierarchy

MODEL_RST = """\
Model
=====

.. arch-component:: shop
   :title: Shop
   :type: system

.. arch-component:: web
   :title: Web app
   :type: container
   :parent: shop
   :depends-on: api

.. arch-component:: api
   :title: API
   :type: container
   :technology: Python
   :parent: shop

.. arch-component:: orders
   :title: Orders
   :type: component
   :parent: api

.. arch-component:: db
   :title: Database
   :type: container
   :parent: shop

.. arch-relation:: orders -> db
   :label: Reads and writes
   :technology: SQL
"""

DEPLOYMENT_RST = """\
Deployment
==========

.. arch-deployment-node:: aws
   :title: AWS eu-west-1
   :technology: Amazon Web Services

.. arch-deployment-node:: k8s
   :title: Kubernetes cluster
   :parent: aws
   :technology: EKS 1.29
   :instances: 3-10
   :hosts: web, api

.. arch-deployment-node:: rds
   :title: Database server
   :parent: aws
   :technology: PostgreSQL 16
   :instances: 2
   :hosts: db

.. arch-deployment-node:: lb
   :title: Load balancer
   :parent: aws
   :instances: 2

.. arch-deployment-node:: staging-box
   :title: Staging VM
   :environment: staging
   :hosts: api, db
"""

GRAPHS_RST = """\
Graphs
======

.. arch-deployment-graph::

.. arch-deployment-graph::
   :environment: staging
"""

INDEX = "Shop\n====\n\n.. toctree::\n\n   model\n   deployment\n   graphs\n"


def project(make_project, deployment: str = DEPLOYMENT_RST, graphs: str = GRAPHS_RST, **kw):
    return make_project(
        {
            "index.rst": INDEX,
            "model.rst": MODEL_RST,
            "deployment.rst": deployment,
            "graphs.rst": graphs,
        },
        **kw,
    )


def codes(result, docname: str = "graphs") -> list[str]:
    return [pre.get_text().strip() for pre in result.html(docname).select("pre.mermaid")]


def flowchart_line(code: str) -> str:
    """The diagram's first line after its front matter (Mermaid configuration)."""
    front, _, rest = code.strip().removeprefix("---\n").partition("\n---\n")
    assert "subGraphTitleMargin" in front  # room for each node's two-line title
    return rest.splitlines()[0]


def drawing(code: str) -> dict[str, object]:
    """What a reader sees: node title -> (its details, the node or component
    titles inside it), the arrows between titles, and the links."""
    shown = mermaid_shown(code)
    titles: dict[str, str] = {}
    inside: dict[str, list[str]] = {}
    details: dict[str, str] = {}
    stack: list[str] = []
    for raw in shown.splitlines():
        line = raw.strip()
        if match := re.match(r'(?:subgraph )?(d\d+)\["(.*)"\]$', line):
            key, lines = match.group(1), match.group(2).split("<br>")
            titles[key], details[lines[0]] = lines[0], " ".join(lines[1:])
            inside[lines[0]] = []
            if stack:
                inside[titles[stack[-1]]].append(lines[0])
            if line.startswith("subgraph"):
                stack.append(key)
        elif line == "end":
            stack.pop()
        elif match := re.match(r'(n\d+)\["(.*)"\]$', line):
            titles[match.group(1)] = match.group(2).split("<br>")[0]
            inside[titles[stack[-1]]].append(titles[match.group(1)])
    arrows = {
        (titles[a], titles[b], label or "")
        for a, label, b in re.findall(r'^\s*(n\d+) -->(?:\|"(.*)"\|)? (n\d+)$', shown, re.M)
    }
    links = {titles[key]: href for key, href in re.findall(r'click (n\d+) href "([^"]*)"', shown)}
    return {"details": details, "inside": inside, "arrows": arrows, "links": links}


def test_nodes_nest_as_declared_with_the_components_they_host(make_project):
    result = build(project(make_project))
    assert result.archdoc_warnings() == []
    production, staging = codes(result)
    seen = drawing(production)
    assert seen["inside"] == {
        "AWS eu-west-1": ["Kubernetes cluster", "Database server", "Load balancer"],
        "Kubernetes cluster": ["Web app", "API"],
        "Database server": ["Database"],
        "Load balancer": [],
    }
    assert seen["details"] == {
        "AWS eu-west-1": "[Amazon Web Services]",
        "Kubernetes cluster": "[EKS 1.29] \u00d73-10",
        "Database server": "[PostgreSQL 16] \u00d72",
        "Load balancer": "\u00d72",
    }
    # orders -> db is declared inside the API: drawn from the API's box.
    assert seen["arrows"] == {("Web app", "API", ""), ("API", "Database", "Reads and writes [SQL]")}
    assert seen["links"] == {
        "Web app": "model.html#component-web",
        "API": "model.html#component-api",
        "Database": "model.html#component-db",
    }
    assert drawing(staging)["inside"] == {"Staging VM": ["API", "Database"]}
    legend = [li.get_text() for li in result.html("graphs").select(".archdoc-graph-legend li")]
    assert legend[0] == (
        "Thick border: a deployment node, [technology] \u00d7instances, with what runs on it inside"
    )
    assert "Box: a building block, [type: technology]" in legend


def test_the_first_configured_environment_is_the_default(make_project):
    # AWS says it is production; a node that says nothing would now be staging.
    declared = DEPLOYMENT_RST.replace(
        ":technology: Amazon Web Services",
        ":technology: Amazon Web Services\n   :environment: production",
    )
    src = project(
        make_project,
        deployment=declared,
        graphs="Graphs\n======\n\n.. arch-deployment-graph::\n",
        conf='archdoc_environments = ["staging", "production"]\n',
    )
    (code,) = codes(build(src))
    assert list(drawing(code)["inside"]) == ["Staging VM"]


def test_a_component_hosted_twice_is_drawn_in_both_nodes(make_project):
    twice = DEPLOYMENT_RST.replace("   :hosts: db\n", "   :hosts: db, web\n")
    (code, _staging) = codes(build(project(make_project, deployment=twice)))
    seen = drawing(code)
    assert seen["inside"]["Database server"] == ["Database", "Web app"]
    web_to_api = [arrow for arrow in seen["arrows"] if arrow[:2] == ("Web app", "API")]
    assert web_to_api == [("Web app", "API", "")]  # one arrow per box pair...
    assert mermaid_shown(code).count(" --> ") == 2  # ...from each of the two boxes


def test_filters_choose_the_nodes_and_the_nearest_drawn_node_encloses(make_project):
    graphs = "Graphs\n======\n\n.. arch-deployment-graph::\n   :id: k8s, rds\n   :direction: LR\n"
    (code,) = codes(build(project(make_project, graphs=graphs)))
    assert flowchart_line(code) == "flowchart LR"
    seen = drawing(code)
    assert list(seen["inside"]) == ["Kubernetes cluster", "Database server"]
    assert ("API", "Database", "Reads and writes [SQL]") in seen["arrows"]


def test_text_and_latex_show_the_nodes_and_the_relations_as_tables(make_project):
    src = project(make_project)
    text = build(src, "text").text("graphs")
    assert "Kubernetes cluster" in text
    assert "Reads and writes [SQL]" in text
    assert "staging-box" in text
    latex = build(src, "latex")
    tex = "".join(p.read_text("utf-8") for p in latex.outdir.glob("*.tex"))
    assert "EKS 1.29" in tex
    assert "Reads and writes {[}SQL{]}" in tex


def test_epub_shows_the_deployment_table_of_the_drawn_nodes(make_project):
    result = build(project(make_project), "epub")
    page = BeautifulSoup((result.outdir / "graphs.xhtml").read_text("utf-8"), "html.parser")
    assert page.select("pre.mermaid") == []
    assert table_rows(page, "archdoc-deployment-graph") == [
        ["aws", "AWS eu-west-1", "production", "Amazon Web Services", "", ""],
        ["k8s", "Kubernetes cluster", "production", "EKS 1.29", "3-10", "web, api"],
        ["lb", "Load balancer", "production", "", "2", ""],
        ["rds", "Database server", "production", "PostgreSQL 16", "2", "db"],
    ]
    assert table_rows(page, "archdoc-graph-edges") == [
        ["api", "db", "Reads and writes [SQL]"],
        ["web", "api", ""],
    ]


MYST_GRAPHS = """\
# Graphs

```{arch-deployment-graph}
```

```{arch-deployment-graph}
:environment: staging
```
"""


def test_myst_draws_the_same_graphs(make_project):
    rst = codes(build(project(make_project)))
    src = make_project(
        {
            "index.rst": INDEX,
            "model.rst": MODEL_RST,
            "deployment.rst": DEPLOYMENT_RST,
            "graphs.md": MYST_GRAPHS,
        }
    )
    assert codes(build(src)) == rst


@pytest.mark.slow
def test_parallel_and_incremental_builds_follow_hosting_and_relation_changes(make_project):
    src = project(make_project)
    serial = codes(build(src, freshenv=True))
    assert codes(build(src, parallel=2, freshenv=True, outdir_name="par")) == serial
    (src / "deployment.rst").write_text(
        DEPLOYMENT_RST.replace("   :hosts: db\n", "   :hosts: db, web\n"), encoding="utf-8"
    )
    hosted = codes(build(src))
    assert drawing(hosted[0])["inside"]["Database server"] == ["Database", "Web app"]
    (src / "model.rst").write_text(
        MODEL_RST.replace(":label: Reads and writes", ":label: Reads"), encoding="utf-8"
    )
    relabelled = drawing(codes(build(src))[0])
    assert ("API", "Database", "Reads [SQL]") in relabelled["arrows"]
    clean = codes(build(src, freshenv=True, outdir_name="clean"))
    assert codes(build(src)) == clean


def test_bad_options_are_located_warnings_and_the_build_goes_on(make_project):
    graphs = (
        "Graphs\n======\n\n"
        ".. arch-deployment-graph::\n   :direction: sideways\n\n"
        ".. arch-deployment-graph::\n   :environment: moon\n"
    )
    result = build(project(make_project, graphs=graphs))
    warnings = result.archdoc_warnings()
    assert len(warnings) == 2
    assert (
        "graphs.rst:4: WARNING: arch-deployment-graph: :direction: 'sideways' is not"
        in (warnings[0])
    )
    assert "graphs.rst:7: WARNING: arch-deployment-graph: :environment: 'moon'" in warnings[1]
    page = result.html("graphs")
    assert len(page.select("pre.mermaid")) == 1  # the first still draws, top to bottom
    assert flowchart_line(page.select_one("pre.mermaid").get_text()) == "flowchart TB"
    assert "No deployment nodes match." in page.get_text()


@pytest.mark.slow
@pytest.mark.parametrize("severity", ["warning", "off"])
def test_a_graph_too_large_for_mermaid_is_a_located_warning_and_a_table(make_project, severity):
    parts = ["Big\n===\n"]
    for i in range(30):
        targets = ", ".join(f"c{j}" for j in range(30) if j != i)
        parts.append(f".. arch-component:: c{i}\n   :depends-on: {targets}\n")
    hosts = ", ".join(f"c{i}" for i in range(30))
    parts.append(f".. arch-deployment-node:: box\n   :hosts: {hosts}\n")
    parts.append(".. arch-deployment-graph::\n")
    conf = f'archdoc_checks = {{"graph_too_large": "{severity}", "dependency_cycle": "off"}}\n'
    result = build(make_project({"index.rst": "\n".join(parts)}, conf=conf))
    assert result.html().select("pre.mermaid") == []
    assert result.html().select_one("table.archdoc-deployment-graph") is not None
    warnings = result.archdoc_warnings()
    if severity == "off":
        assert warnings == []
    else:
        (warning,) = warnings
        assert "index.rst:" in warning
        assert "arch-deployment-graph: 870 edges, more than Mermaid draws (500)" in warning
        assert ":tags:" in warning
        assert warning.endswith("[archdoc.graph_too_large]")


def test_the_view_nests_nodes_in_their_nearest_drawn_ancestor():
    nodes = build_hierarchy({"region": None, "cluster": "region", "pod": "cluster"})
    components = build_hierarchy({"sys": None, "a": "sys", "b": "sys", "a1": "a"})
    order = {"sys": 0, "a": 1, "a1": 2, "b": 3}
    view = deployment_view(
        ["region", "pod"],
        nodes,
        {"region": ["b", "ghost"], "pod": ["a", "b"]},
        [Relation("a1", "b", "calls"), Relation("sys", "a")],
        components,
        order,
    )
    assert dict(view.parent) == {"region": None, "pod": "region"}
    assert dict(view.hosted) == {"region": ("b",), "pod": ("a", "b")}
    assert view.children(None) == ("region",)
    assert [(e.source, e.target, e.label) for e in view.components.edges] == [("a", "b", "calls")]
    assert [(s, t) for s, t, _edge in view.placed_edges] == [
        (("pod", "a"), ("region", "b")),
        (("pod", "a"), ("pod", "b")),
    ]
