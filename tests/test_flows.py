"""Runtime flows in a real build (DESIGN 2.11): steps, the numbered sequence
diagram or table, the flow index, computed flows and the checks."""

from __future__ import annotations

import re

import pytest

from conftest import build, mermaid_shown, table_rows
from sphinx_archdoc.core.flows import Step, parse_step, parse_steps

MODEL_RST = """\
Model
=====

.. arch-actor:: user
   :title: End user
   :uses: gateway

.. arch-component:: gateway
   :title: API Gateway
   :depends-on: auth

.. arch-component:: auth
   :title: Auth Service

.. arch-component:: users-db
   :title: User DB
"""

FLOW_RST = """\
Process view
============

.. arch-flow:: login
   :title: User authentication

   user -> gateway: POST /login with credentials
   gateway -> auth: validate credentials
   auth -> users-db: look up the user; check the hash
   auth --> gateway: JWT "token" <ok>
   gateway --> user: 200 OK

.. arch-flow-index::
"""

INDEX = """\
Shop
====

.. toctree::

   model
   process
"""


def project(make_project, flow: str = FLOW_RST, **extra: str):
    files = {"index.rst": INDEX, "model.rst": MODEL_RST, "process.rst": flow}
    files.update({f"{name}.rst": text for name, text in extra.items()})
    return make_project(files)


def sequence(result, docname: str = "process") -> str:
    diagrams = [pre.get_text() for pre in result.html(docname).select("pre.mermaid")]
    assert len(diagrams) == 1
    return diagrams[0].strip() + "\n"


def test_the_flow_is_a_numbered_sequence_diagram_with_escaped_text(make_project):
    result = build(project(make_project))
    code = sequence(result)
    assert code.startswith("sequenceDiagram\n  autonumber\n")
    participants = re.findall(r"^\s*(actor|participant) (p\d+) as (.*)$", code, re.M)
    assert [(kind, mermaid_shown(title)) for kind, _key, title in participants] == [
        ("actor", "End user"),
        ("participant", "API Gateway"),
        ("participant", "Auth Service"),
        ("participant", "User DB"),
    ]
    messages = re.findall(r"^\s*(p\d+)(-->>|->>)(p\d+): (.*)$", code, re.M)
    assert [(a, arrow, b, mermaid_shown(what)) for a, arrow, b, what in messages] == [
        ("p1", "->>", "p2", "POST /login with credentials"),
        ("p2", "->>", "p3", "validate credentials"),
        ("p3", "->>", "p4", "look up the user; check the hash"),
        ("p3", "-->>", "p2", 'JWT "token" <ok>'),
        ("p2", "-->>", "p1", "200 OK"),
    ]
    # Nothing the author wrote reaches Mermaid as syntax.
    assert ";" not in re.sub(r"#\w+;", "", "".join(what for *_rest, what in messages))
    assert '"' not in code.split("link")[0].split("autonumber")[1]
    links = re.findall(r"^\s*link (p\d+): (\S+) @ (\S+)$", code, re.M)
    # The anchor's "#" is written as Mermaid's entity: a bare one ends the URL there.
    assert ("p3", "auth", "model.html#35;component-auth") in links
    # A link on an actor makes Mermaid draw nothing: the person has none.
    assert [key for key, _id, _url in links] == ["p2", "p3", "p4"]


def test_the_flow_index_and_computed_flows(make_project):
    result = build(project(make_project))
    rows = table_rows(result.html("process"), "archdoc-flow-index")
    assert rows == [["login", "User authentication", "user, gateway, auth, users-db"]]
    data = result.json()
    flow = next(i for i in data["items"] if i["kind"] == "flow")
    assert flow["fields"]["steps"] == [
        "user -> gateway: POST /login with credentials",
        "gateway -> auth: validate credentials",
        "auth -> users-db: look up the user; check the hash",
        'auth --> gateway: JWT "token" <ok>',
        "gateway --> user: 200 OK",
    ]
    assert flow["computed"]["elements"] == ["user", "gateway", "auth", "users-db"]
    assert result.items("component")["auth"]["computed"]["flows"] == ["login"]


def test_undeclared_steps_are_info_findings(make_project):
    result = build(project(make_project))
    assert result.archdoc_warnings() == []
    findings = [f for f in result.json()["findings"] if f["check"] == "flow_undeclared"]
    # user -> gateway (:uses:) and gateway -> auth (:depends-on:) are declared,
    # replies count in either direction; auth -> users-db is not.
    assert [(f["message"], f["severity"], f["docname"], f["lineno"]) for f in findings] == [
        (
            "flow 'login', step 3: no relation or dependency connects 'auth' and 'users-db'; "
            "declare one (arch-relation, :depends-on:, :uses:)",
            "info",
            "process",
            4,
        )
    ]


def test_a_relation_between_inner_elements_declares_the_step(make_project):
    model = (
        MODEL_RST
        + """
.. arch-component:: auth-core
   :parent: auth

.. arch-relation:: auth-core -> users-db
   :label: reads users
"""
    )
    result = build(make_project({"index.rst": INDEX, "model.rst": model, "process.rst": FLOW_RST}))
    assert [f for f in result.json()["findings"] if f["check"] == "flow_undeclared"] == []


BAD_FLOW = """\
Bad
===

.. arch-flow:: broken

   user -> gateway: fine
   gateway calls auth
   gateway -> ghost: who?
   gateway -> auth:
   bad id! -> auth: x

.. arch-flow:: empty
"""


def test_bad_steps_give_located_warnings_and_the_build_goes_on(make_project):
    result = build(project(make_project, bad=BAD_FLOW, index=INDEX + "   bad\n"))
    warnings = result.archdoc_warnings()
    assert any(
        re.search(
            r"bad.rst:7: WARNING: arch-flow: 'broken': step line 2: 'gateway calls auth' "
            r"is not SOURCE -> TARGET: what happens",
            w,
        )
        for w in warnings
    ), warnings
    assert any(
        "bad.rst:9: WARNING: arch-flow: 'broken': step line 4: the step gateway -> auth "
        "says nothing after ':'" in w
        for w in warnings
    ), warnings
    assert any("bad.rst:10: WARNING: arch-flow: 'broken': step line 5:" in w for w in warnings)
    assert any(
        "bad.rst:4: WARNING: flow 'broken', step 2: names unknown component or actor 'ghost'" in w
        for w in warnings
    ), warnings
    assert any(
        "bad.rst:12: WARNING: arch-flow: 'empty': the flow has no steps" in w for w in warnings
    ), warnings
    assert len(warnings) == 5, warnings
    steps = result.items("flow")["broken"]["fields"]["steps"]
    assert steps == ["user -> gateway: fine", "gateway -> ghost: who?"]


def test_the_text_builder_shows_a_numbered_table(make_project):
    text = build(project(make_project), "text").text("process")
    assert "validate credentials" in text
    assert re.search(r"\| 4\s+\| auth\s+\| gateway\s+\| \(reply\) JWT \"token\" <ok>", text), text


MYST_FLOW = """\
# Process view

```{arch-flow} login
:title: User authentication

ghost-line
user -> gateway: POST /login with credentials
gateway -> auth: validate credentials
auth -> users-db: look up the user; check the hash
auth --> gateway: JWT "token" <ok>
gateway --> user: 200 OK
```

```{arch-flow} bad
user -> gateway: fine
nonsense
```

```{arch-flow-index}
```
"""


def test_myst_flows_match_rest(make_project):
    rst = build(project(make_project)).items("flow")["login"]
    src = make_project({"index.rst": INDEX, "model.rst": MODEL_RST, "process.md": MYST_FLOW})
    myst = build(src)
    assert myst.items("flow")["login"]["fields"] == rst["fields"]
    located = [w.split("process.md", 1)[1] for w in myst.archdoc_warnings()]
    assert [w.split(" is not")[0] for w in located] == [
        ":6: WARNING: arch-flow: 'login': step line 1: 'ghost-line'",
        ":16: WARNING: arch-flow: 'bad': step line 2: 'nonsense'",
    ]


@pytest.mark.slow
def test_parallel_and_incremental_builds_follow_relation_changes(make_project):
    src = project(make_project)
    serial = build(src, freshenv=True).json()
    parallel = build(src, parallel=2, freshenv=True).json()
    assert serial["items"] == parallel["items"]
    assert serial["findings"] == parallel["findings"]
    (src / "model.rst").write_text(
        MODEL_RST.replace(
            "   :title: Auth Service", "   :title: Auth Service\n   :depends-on: users-db"
        ),
        encoding="utf-8",
    )
    again = build(src)
    assert [f for f in again.json()["findings"] if f["check"] == "flow_undeclared"] == []
    assert "Auth Service" in sequence(again)


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("a -> b: x", Step("a", "b", "x")),
        ("a-->b:  two  words ", Step("a", "b", "two words", reply=True)),
        ("ext:api -> b: x: y", Step("ext:api", "b", "x: y")),
        ("b -> ext:api: x: y", Step("b", "ext:api", "x: y")),
        ("b --> ext:api : x", Step("b", "ext:api", "x", reply=True)),
        ("b -> c: ext:api", Step("b", "c", "ext:api")),
    ],
)
def test_parse_step(line, step):
    assert parse_step(line) == step


def test_parse_steps_skips_blank_lines_and_locates_bad_ones():
    steps, errors = parse_steps(["a -> b: x", "", "oops", "b --> a: y"])
    assert [str(s) for s in steps] == ["a -> b: x", "b --> a: y"]
    assert [e.offset for e in errors] == [2]


def test_roles_link_to_flows_and_nodes_and_latex_shows_the_steps(make_project):
    roles = """\
Roles
=====

See :arch:flow:`login` and :arch:node:`edge`.

.. arch-deployment-node:: edge
   :title: Edge server
   :hosts: gateway
"""
    src = project(make_project, roles=roles, index=INDEX + "   roles\n")
    result = build(src)
    links = {a.get_text(): a["href"] for a in result.html("roles").select("a.reference")}
    assert links["User authentication"] == "process.html#flow-login"
    assert links["Edge server"] == "#deployment-node-edge"
    assert result.items("component")["gateway"]["computed"]["deployed-on"] == ["edge"]
    latex = build(src, "latex")
    tex = "".join(p.read_text("utf-8") for p in latex.outdir.glob("*.tex"))
    assert "validate credentials" in tex
    assert "look up the user; check the hash" in tex
