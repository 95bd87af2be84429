"""Deployment nodes in a real build (DESIGN 2.11): nesting, environments,
hosted components, the deployment table and the checks."""

from __future__ import annotations

import pytest

from conftest import build, index_of, table_rows
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.deployment import parse_instances
from sphinx_archdoc.core.model import Item

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

.. arch-component:: api
   :title: API
   :type: container
   :parent: shop
   :depends-on: db

.. arch-component:: db
   :title: Database
   :type: container
   :parent: shop

.. arch-component:: payments
   :title: Payment provider
   :type: container
   :layer: external
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
   :technology: PostgreSQL 16 on RDS
   :instances: 2
   :hosts: db

.. arch-deployment-node:: staging-box
   :title: Staging VM
   :environment: Staging
   :hosts: api

.. arch-deployment-table::
"""

INDEX = """\
Shop
====

.. toctree::

   model
   deployment
"""


def project(make_project, deployment: str = DEPLOYMENT_RST, **extra: str):
    files = {"index.rst": INDEX, "model.rst": MODEL_RST, "deployment.rst": deployment}
    files.update({f"{name}.rst": text for name, text in extra.items()})
    return make_project(files)


def test_the_deployment_table_lists_nodes_with_inherited_environments(make_project):
    result = build(project(make_project))
    rows = table_rows(result.html("deployment"), "archdoc-deployment-table")
    assert rows == [
        ["aws", "AWS eu-west-1", "production", "Amazon Web Services", "", ""],
        ["k8s", "Kubernetes cluster", "production", "EKS 1.29", "3-10", "web, api"],
        ["rds", "Database server", "production", "PostgreSQL 16 on RDS", "2", "db"],
        ["staging-box", "Staging VM", "staging", "", "", "api"],
    ]
    links = result.html("deployment").select("table.archdoc-deployment-table a")
    assert {a.get_text() for a in links} >= {"web", "api", "db", "k8s"}


def test_components_get_deployed_on_and_nodes_their_place(make_project):
    result = build(project(make_project))
    components = result.items("component")
    assert components["api"]["computed"]["deployed-on"] == ["k8s", "staging-box"]
    assert components["shop"]["computed"]["deployed-on"] == []
    nodes = result.items("deployment-node")
    assert nodes["k8s"]["computed"] == {
        "environment": "production",
        "children": [],
        "ancestors": ["aws"],
        "description": "",
    }
    assert nodes["aws"]["computed"]["children"] == ["k8s", "rds"]
    assert nodes["staging-box"]["fields"]["environment"] == "staging"
    assert nodes["k8s"]["fields"]["hosts"] == ["web", "api"]


def test_not_deployed_is_reported_per_environment_with_nodes(make_project):
    result = build(
        project(make_project), confoverrides={"archdoc_checks": {"not_deployed": "warning"}}
    )
    warnings = result.archdoc_warnings()
    # Staging has a node: web and db run nowhere there. Development has none:
    # nothing is expected of it. The external payment provider is not ours.
    assert [w.split("model.rst", 1)[1] for w in warnings] == [
        ":8: WARNING: container 'web' is deployed on no node of the 'staging' environment "
        "[archdoc.not_deployed]",
        ":19: WARNING: container 'db' is deployed on no node of the 'staging' environment "
        "[archdoc.not_deployed]",
    ]
    findings = [f for f in result.json()["findings"] if f["check"] == "not_deployed"]
    assert {f["message"] for f in findings} == {
        "container 'web' is deployed on no node of the 'staging' environment",
        "container 'db' is deployed on no node of the 'staging' environment",
    }


def test_not_deployed_is_info_by_default(make_project):
    result = build(project(make_project))
    assert result.archdoc_warnings() == []
    assert {f["severity"] for f in result.json()["findings"]} == {"info"}


BAD_RST = """\
Bad
===

.. arch-deployment-node:: lost
   :parent: nowhere
   :hosts: api, ghost
   :instances: many

.. arch-deployment-node:: a
   :parent: b

.. arch-deployment-node:: b
   :parent: a
   :environment: moon
"""


def test_bad_deployment_input_gives_located_warnings(make_project):
    result = build(project(make_project, bad=BAD_RST, index=INDEX + "   bad\n"))
    warnings = [w for w in result.archdoc_warnings() if "not_deployed" not in w]
    text = "\n".join(warnings)
    assert "bad.rst:4: WARNING: arch-deployment-node: 'lost': :instances: 'many' is not a " in text
    assert (
        "bad.rst:4: WARNING: deployment-node 'lost': :hosts: names unknown component 'ghost'"
        in text
    )
    assert (
        "bad.rst:4: WARNING: deployment node 'lost': :parent: names unknown deployment node "
        "'nowhere' [archdoc.unknown_component]" in text
    )
    assert "bad.rst:9: WARNING: parent cycle: a -> b -> a" in text
    assert "bad.rst:12: WARNING: arch-deployment-node: 'b': :environment: 'moon'" in text
    assert len(warnings) == 5
    # The build went on: the nodes are still there.
    assert set(result.items("deployment-node")) >= {"lost", "a", "b"}


@pytest.mark.parametrize(
    ("text", "expected"), [("1", (1, 1)), ("2-10", (2, 10)), (" 3 - 4 ", (3, 4))]
)
def test_instances_are_a_number_or_a_range(text, expected):
    assert parse_instances(text) == expected


@pytest.mark.parametrize("text", ["0", "many", "5-2", "1-", "-3", "2.5"])
def test_bad_instances_are_rejected(text):
    with pytest.raises(ValueError, match="not a number of instances"):
        parse_instances(text)


def _node(node_id: str, line: int, **fields: str | tuple[str, ...]) -> Item:
    return Item("deployment-node", node_id, "deploy", line, node_id, fields=dict(fields))


def test_the_environment_is_inherited_through_any_depth():
    index = index_of(
        [
            _node("region", 1, environment="staging"),
            _node("cluster", 2, parent="region"),
            _node("pod", 3, parent="cluster"),
            _node("laptop", 4),
        ],
        config=ArchConfig(environments=("dev", "staging")),
    )
    assert dict(index.deployment.environment) == {
        "region": "staging",
        "cluster": "staging",
        "pod": "staging",
        "laptop": "dev",
    }


MYST_DEPLOYMENT = """\
# Deployment

```{arch-deployment-node} aws
:title: AWS eu-west-1
:technology: Amazon Web Services
```

```{arch-deployment-node} k8s
:title: Kubernetes cluster
:parent: aws
:technology: EKS 1.29
:instances: 3-10
:hosts: web, api
```

```{arch-deployment-node} rds
:title: Database server
:parent: aws
:technology: PostgreSQL 16 on RDS
:instances: 2
:hosts: db
```

```{arch-deployment-node} staging-box
:title: Staging VM
:environment: Staging
:hosts: api
```

```{arch-deployment-table}
```
"""


def test_myst_declares_the_same_deployment(make_project):
    rst = build(project(make_project)).json()["items"]
    src = make_project(
        {"index.rst": INDEX, "model.rst": MODEL_RST, "deployment.md": MYST_DEPLOYMENT}
    )
    myst = build(src)
    assert {
        i["id"]: (i["fields"], i["computed"]) for i in rst if i["kind"] == "deployment-node"
    } == {
        i["id"]: (i["fields"], i["computed"])
        for i in myst.json()["items"]
        if i["kind"] == "deployment-node"
    }
    assert table_rows(myst.html("deployment"), "archdoc-deployment-table")[1][5] == "web, api"


@pytest.mark.slow
def test_parallel_and_incremental_builds_follow_hosting_changes(make_project):
    src = project(make_project)
    serial = build(src, freshenv=True).json()
    parallel = build(src, parallel=2, freshenv=True, outdir_name="par").json()
    assert serial["items"] == parallel["items"]
    (src / "deployment.rst").write_text(
        DEPLOYMENT_RST.replace(":hosts: db", ":hosts: db, web"), encoding="utf-8"
    )
    again = build(src)
    assert again.items("component")["web"]["computed"]["deployed-on"] == ["k8s", "rds"]
    rows = table_rows(again.html("deployment"), "archdoc-deployment-table")
    assert rows[2][5] == "db, web"


def test_text_and_latex_show_the_deployment_table(make_project):
    src = project(make_project)
    text = build(src, "text").text("deployment")
    assert "Kubernetes cluster" in text
    assert "3-10" in text
    latex = build(src, "latex")
    tex = "".join(p.read_text("utf-8") for p in latex.outdir.glob("*.tex"))
    assert "EKS 1.29" in tex


def test_the_table_filters_by_the_inherited_environment(make_project):
    staging = "Staging\n=======\n\n.. arch-deployment-table::\n   :environment: staging\n"
    prod = "Prod\n====\n\n.. arch-deployment-table::\n   :environment: production\n"
    src = project(make_project, staging=staging, prod=prod, index=INDEX + "   staging\n   prod\n")
    result = build(src)
    assert [r[0] for r in table_rows(result.html("staging"), "archdoc-deployment-table")] == [
        "staging-box"
    ]
    assert [r[0] for r in table_rows(result.html("prod"), "archdoc-deployment-table")] == [
        "aws",
        "k8s",
        "rds",
    ]
