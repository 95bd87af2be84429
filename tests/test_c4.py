"""The C4 model in a real build: hierarchy, people, relations, views (DESIGN 2.7)."""

from __future__ import annotations

import re

import pytest

from conftest import build, mermaid_shown, table_rows
from sphinx_archdoc.core.structurizr import workspace

MODEL_RST = """\
Model
=====

.. arch-actor:: author
   :title: Author
   :purpose: Writes the documentation
   :uses: cli

.. arch-actor:: reader
   :title: Reader
   :external: no

.. arch-component:: toolchain
   :title: docToolchain
   :type: system
   :purpose: Turns docs into sites

.. arch-component:: cli
   :title: Command line
   :type: container
   :parent: toolchain
   :technology: Groovy

.. arch-component:: core
   :title: Core
   :type: container
   :parent: toolchain
   :layer: application

.. arch-component:: render
   :title: Renderer
   :parent: core

.. arch-component:: publish
   :title: Publisher
   :parent: core

.. arch-component:: confluence
   :title: Confluence
   :type: system
   :layer: external
"""

RELATIONS_RST = """\
Relations
=========

.. arch-relation:: cli -> render
   :label: Renders pages
   :technology: in-process

.. arch-relation:: publish -> confluence
   :label: Publishes pages
   :technology: REST/HTTPS

.. arch-relation:: reader -> confluence
   :label: Reads pages
"""

VIEWS_RST = """\
Views
=====

.. arch-dependency-graph::
   :scope: toolchain
   :view: context

.. arch-dependency-graph::
   :scope: toolchain

.. arch-dependency-graph::
   :scope: core
   :descriptions:

.. arch-actor-table::

.. arch-relation-table::

.. arch-component-table::
   :columns: id, type, parent, children, ancestors
"""

INDEX = "Index\n=====\n\n.. toctree::\n\n   model\n   relations\n   views\n"


def project(make_project, **extra: str):
    files = {
        "index.rst": INDEX,
        "model.rst": MODEL_RST,
        "relations.rst": RELATIONS_RST,
        "views.rst": VIEWS_RST,
    }
    files.update({f"{name}.rst": text for name, text in extra.items()})
    return make_project(files)


def graphs(result, docname: str = "views") -> list[str]:
    return [pre.get_text() for pre in result.html(docname).select("pre.mermaid")]


def boxes(code: str) -> dict[str, str]:
    """Mermaid key -> full label as shown (boxes, people, the boundary)."""
    found = dict(re.findall(r"^\s*(n\d+)\(?\[\"(.*)\"\]\)?$", code, re.M))
    found.update(re.findall(r"^\s*subgraph (b\d+)\[\"(.*)\"\]$", code, re.M))
    return {key: mermaid_shown(label) for key, label in found.items()}


def arrows(code: str) -> set[tuple[str, str, str]]:
    """(from title, to title, edge label) of every edge."""
    titles = {key: label.split("<br>")[0] for key, label in boxes(code).items()}
    found = re.findall(r"^\s*(\w+) -->(?:\|\"([^\"]*)\"\|)? (\w+)$", code, re.M)
    return {(titles[a], titles[b], mermaid_shown(label)) for a, label, b in found}


def test_a_build_of_the_model_has_no_warnings(make_project):
    result = build(project(make_project))
    assert result.archdoc_warnings() == []


def test_children_and_ancestors_are_computed(make_project):
    result = build(project(make_project))
    rows = table_rows(result.html("views"), "archdoc-component-table")
    assert ["core", "container", "toolchain", "publish, render", "toolchain"] in rows
    assert ["publish", "component", "core", "", "core, toolchain"] in rows
    items = result.items("component")
    assert items["publish"]["computed"]["ancestors"] == ["core", "toolchain"]
    assert items["toolchain"]["computed"]["children"] == ["cli", "core"]
    assert items["render"]["fields"]["type"] == "component"  # the default


def test_the_context_view_draws_the_system_as_one_box_with_people_and_systems(make_project):
    result = build(project(make_project))
    context, _containers, _components = graphs(result)
    assert sorted(boxes(context).values()) == [
        "Author<br>[Person]",
        "Confluence<br>[System]",
        "docToolchain<br>[System]",
    ]
    # The reader talks only to Confluence: not part of docToolchain's context.
    assert arrows(context) == {
        ("Author", "docToolchain", ""),
        ("docToolchain", "Confluence", "Publishes pages [REST/HTTPS]"),
    }
    assert re.search(r"^\s*n\d+\(\[\"Author", context, re.M)  # a person shape


def test_the_container_view_draws_implied_relationships_between_containers(make_project):
    result = build(project(make_project))
    _context, containers, _components = graphs(result)
    assert boxes(containers)["b1"] == "docToolchain<br>[System]"
    assert arrows(containers) == {
        ("Author", "Command line", ""),
        # Declared between components, drawn between their containers.
        ("Command line", "Core", "Renders pages [in-process]"),
        ("Core", "Confluence", "Publishes pages [REST/HTTPS]"),
    }
    assert "Command line<br>[Container: Groovy]" in boxes(containers).values()


def test_the_component_view_draws_outside_elements_at_the_scope_level(make_project):
    result = build(project(make_project))
    _context, _containers, components = graphs(result)
    assert arrows(components) == {
        ("Command line", "Renderer", "Renders pages [in-process]"),
        ("Publisher", "Confluence", "Publishes pages [REST/HTTPS]"),
    }
    # :descriptions: adds the purpose under the box text (boundary excepted).
    assert "Confluence<br>[System]" in boxes(components).values()


def test_every_view_has_a_legend_of_what_it_uses(make_project):
    result = build(project(make_project))
    legends = [
        [li.get_text(strip=True) for li in ul.select("li")]
        for ul in result.html("views").select("ul.archdoc-graph-legend")
    ]
    assert legends[0] == [
        "Box: a building block, [type: technology]",
        "Rounded box: a person or role",
        "Grey: outside the system (external)",
        "Arrow: uses or depends on, labelled what [technology]; one arrow per pair",
    ]
    assert legends[1][0] == "Boundary: the element whose inside is shown"


def test_actor_and_relation_tables(make_project):
    result = build(project(make_project))
    soup = result.html("views")
    assert table_rows(soup, "archdoc-actor-table") == [
        ["author", "Author", "Writes the documentation", "cli", "yes"],
        ["reader", "Reader", "", "", "no"],
    ]
    assert table_rows(soup, "archdoc-relation-table") == [
        ["cli", "render", "Renders pages", "in-process", "Relations"],
        ["publish", "confluence", "Publishes pages", "REST/HTTPS", "Relations"],
        ["reader", "confluence", "Reads pages", "", "Relations"],
    ]


DESCRIBED_RELATIONS_RST = """\
Described
=========

.. arch-relation:: cli -> render
   :label: Renders pages

   Hands each parsed page to the renderer.

.. arch-relation:: reader -> confluence
   :label: Reads pages

   Browses the published space.

.. arch-relation-table::
   :columns: source, target, description
"""

DESCRIBED_RELATIONS_MD = """\
# Described in MyST

```{arch-relation} publish -> confluence
:label: Publishes pages

Uploads every page after a build.
```
"""


def test_each_relation_has_its_own_description(make_project):
    # Relations have no ID: each one's computed values are its own, not
    # shared by every relation of the project.
    result = build(
        make_project(
            {
                "index.rst": INDEX.replace("   views\n", "   views\n   described\n   myst\n"),
                "model.rst": MODEL_RST,
                "relations.rst": RELATIONS_RST,
                "views.rst": VIEWS_RST,
                "described.rst": DESCRIBED_RELATIONS_RST,
                "myst.md": DESCRIBED_RELATIONS_MD,
            }
        )
    )
    described = {
        (r["docname"], r["fields"]["source"], r["fields"]["target"]): r["computed"]["description"]
        for r in result.json()["items"]
        if r["kind"] == "relation"
    }
    assert described == {
        ("relations", "cli", "render"): "",
        ("relations", "publish", "confluence"): "",
        ("relations", "reader", "confluence"): "",
        ("described", "cli", "render"): "Hands each parsed page to the renderer.",
        ("described", "reader", "confluence"): "Browses the published space.",
        ("myst", "publish", "confluence"): "Uploads every page after a build.",
    }
    assert table_rows(result.html("described"), "archdoc-relation-table") == [
        # The default :sort: source: in the order declared (document, line).
        ["cli", "render", "Hands each parsed page to the renderer."],
        ["reader", "confluence", "Browses the published space."],
        ["publish", "confluence", "Uploads every page after a build."],
        ["cli", "render", ""],
        ["publish", "confluence", ""],
        ["reader", "confluence", ""],
    ]


def test_the_actor_role_links_to_the_actor(make_project):
    result = build(project(make_project, extra="Extra\n=====\n\nAsk :arch:actor:`reader`.\n"))
    link = result.html("extra").select_one("a.reference.internal")
    assert link["href"] == "model.html#actor-reader"
    assert link.get_text() == "Reader"


def test_relations_and_actors_are_exported_and_become_structurizr(make_project):
    result = build(project(make_project))
    relations = [i for i in result.json()["items"] if i["kind"] == "relation"]
    assert [(r["fields"]["source"], r["fields"]["target"], r["lineno"]) for r in relations] == [
        ("cli", "render", 4),
        ("publish", "confluence", 8),
        ("reader", "confluence", 12),
    ]
    assert relations[1]["fields"]["technology"] == "REST/HTTPS"
    assert result.items("actor")["reader"]["fields"]["external"] == "no"
    dsl = workspace(result.json())
    assert '        author = person "Author" "Writes the documentation"' in dsl
    assert '        publish -> confluence "Publishes pages" "REST/HTTPS"' in dsl
    assert '        container toolchain "toolchain-Containers" {' in dsl


FOUR_LEVELS_MD = """\
# Four levels

```{arch-component} sys
:type: system
```

```{arch-component} box
:type: container
:parent: sys
```

```{arch-component} part
:title: Part
:parent: box
```

```{arch-component} bit1
:type: code
:parent: part
```

```{arch-component} bit2
:type: code
:parent: part
:technology: Kotlin
```

```{arch-component} odd
:type: container
:parent: bit1
```

```{arch-component} ext
:type: system
:layer: external
```

```{arch-relation} bit1 -> bit2
:label: Calls
```

```{arch-relation} bit2 -> ext
:label: Sends
:technology: HTTPS
```

```{arch-dependency-graph}
:scope: part
```

```{arch-dependency-graph}
:scope: box
```

```{arch-dependency-graph}
:scope: sys
:view: context
```
"""


def test_a_fourth_type_gives_arc42_level_3_in_views_checks_and_export(make_project):
    conf = 'archdoc_component_types = ["system", "container", "component", "code"]\n'
    result = build(make_project({"index.md": FOUR_LEVELS_MD}, conf=conf), parallel=2)
    (warning,) = result.archdoc_warnings()
    assert warning.split("index.md:", 1)[1] == (
        "28: WARNING: component 'odd' (container) has parent 'bit1' (code): a parent's type "
        "must come before its child's in archdoc_component_types (system, container, "
        "component, code) [archdoc.hierarchy]"
    )
    level3, level2, context = graphs(result, "index")
    assert boxes(level3)["b1"] == "Part<br>[Component]"
    assert "bit2<br>[Code: Kotlin]" in boxes(level3).values()
    assert arrows(level3) == {("bit1", "bit2", "Calls"), ("bit2", "ext", "Sends [HTTPS]")}
    assert arrows(level2) == {("Part", "ext", "Sends [HTTPS]")}
    assert arrows(context) == {("sys", "ext", "Sends [HTTPS]")}
    assert result.items("component")["bit1"]["computed"]["ancestors"] == ["part", "box", "sys"]
    # Structurizr has three levels: the code parts are written as their component.
    dsl = workspace(result.json())
    assert '        part -> ext "Sends" "HTTPS"' in dsl.splitlines()
    assert "bit1" not in dsl
    assert "part -> part" not in dsl


BAD_RST = """\
Bad
===

.. arch-component:: a
   :parent: nowhere

.. arch-component:: b
   :parent: c

.. arch-component:: c
   :parent: b

.. arch-component:: sys
   :type: system
   :parent: a

.. arch-relation::

.. arch-relation:: a b

.. arch-relation:: a -> ghost
   :label: x

.. arch-relation:: a -> c
   :source: a

.. arch-actor:: p
   :uses: gone

.. arch-dependency-graph::
   :view: context

.. arch-dependency-graph::
   :scope: missing
"""


def test_bad_input_gives_located_warnings_and_the_build_goes_on(make_project):
    result = build(make_project({"index.rst": BAD_RST}))
    warnings = [w.split("index.rst:", 1)[1] for w in result.archdoc_warnings()]
    assert warnings == [
        "4: WARNING: component 'a': :parent: names unknown component 'nowhere' "
        "[archdoc.unknown_component]",
        "7: WARNING: parent cycle: b -> c -> b (each is drawn as top level) [archdoc.hierarchy]",
        "13: WARNING: component 'sys' (system) has parent 'a' (component): a parent's type must "
        "come before its child's in archdoc_component_types (system, container, component) "
        "[archdoc.hierarchy]",
        "17: WARNING: arch-relation: an argument SOURCE -> TARGET is required "
        "[archdoc.missing_value]",
        "19: WARNING: arch-relation: 'a b' is not SOURCE -> TARGET (two component or actor IDs, "
        "or project:ID, around '->') [archdoc.invalid_value]",
        "21: WARNING: relation 'a -> ghost': names unknown component or actor 'ghost' "
        "[archdoc.unknown_component]",
        "24: WARNING: arch-relation: 'a -> c': :source: is given by the argument, not as an "
        "option [archdoc.unknown_option]",
        "27: WARNING: actor 'p': :uses: names unknown component 'gone' [archdoc.unknown_component]",
        "30: WARNING: arch-dependency-graph: :view: needs a :scope: [archdoc.missing_value]",
        "33: WARNING: arch-dependency-graph :scope: names unknown component 'missing' "
        "[archdoc.unknown_component]",
    ]
    assert "No components match." in result.html().get_text()


def test_the_text_builder_shows_the_views_as_tables_with_their_edges(make_project):
    result = build(project(make_project), "text")
    text = result.text("views")
    assert "Renders pages [in-process]" in text
    assert "Publishes pages [REST/HTTPS]" in text
    assert "Relation" in text


@pytest.mark.slow
def test_a_relation_edited_in_one_document_updates_every_view(make_project):
    src = project(make_project)
    build(src)
    relations = src / "relations.rst"
    relations.write_text(
        relations.read_text(encoding="utf-8").replace("Publishes pages", "Pushes pages"),
        encoding="utf-8",
    )
    result = build(src)
    for code in graphs(result):
        assert "Publishes" not in code
    assert any("Pushes pages" in code for code in graphs(result))
    assert table_rows(result.html("views"), "archdoc-relation-table")[1][2] == "Pushes pages"


@pytest.mark.slow
def test_parallel_build_matches_serial(make_project):
    serial = build(project(make_project), freshenv=True)
    parallel = build(project(make_project), parallel=2, freshenv=True)
    assert graphs(serial) == graphs(parallel)
    assert serial.json() == parallel.json()


def test_myst_declares_the_same_model(make_project):
    src = make_project(
        {
            "index.md": (
                "# Index\n\n"
                "```{arch-actor} author\n:title: Author\n:uses: api\n```\n\n"
                "```{arch-component} shop\n:type: system\n```\n\n"
                "```{arch-component} api\n:type: container\n:parent: shop\n```\n\n"
                "```{arch-component} db\n:type: container\n:parent: shop\n```\n\n"
                "```{arch-relation} api -> db\n:label: Reads\n:technology: SQL\n```\n\n"
                "```{arch-dependency-graph}\n:scope: shop\n```\n"
            )
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    (code,) = graphs(result, "index")
    assert arrows(code) == {("api", "db", "Reads [SQL]"), ("Author", "api", "")}


FILTERED_RST = """\
Filtered
========

.. arch-dependency-graph::
   :scope: toolchain
   :layer: !external

.. arch-dependency-graph::
   :scope: toolchain
   :view: context
   :type: container
"""

FILTERED_MD = """\
# Filtered

```{arch-dependency-graph}
:scope: toolchain
:layer: !external
```
"""


def test_filters_choose_the_components_a_scoped_view_draws(make_project):
    result = build(project(make_project, filtered=FILTERED_RST))
    assert result.archdoc_warnings() == []
    container_view, context = graphs(result, "filtered")
    # Confluence (external) is left out with its arrow; it is not moved to the boundary.
    assert arrows(container_view) == {
        ("Author", "Command line", ""),
        ("Command line", "Core", "Renders pages [in-process]"),
    }
    assert "Confluence" not in container_view
    # Only containers around the system: Confluence goes, the author (a person) stays.
    assert sorted(boxes(context).values()) == ["Author<br>[Person]", "docToolchain<br>[System]"]
    assert arrows(context) == {("Author", "docToolchain", "")}


@pytest.mark.slow
def test_filters_in_a_scoped_view_in_myst_and_in_parallel(make_project):
    files = {
        "index.rst": INDEX.replace("   views\n", "   views\n   filtered\n"),
        "model.rst": MODEL_RST,
        "relations.rst": RELATIONS_RST,
        "views.rst": VIEWS_RST,
        "filtered.md": FILTERED_MD,
    }
    result = build(make_project(files), parallel=2)
    assert result.archdoc_warnings() == []
    (code,) = graphs(result, "filtered")
    assert arrows(code) == {
        ("Author", "Command line", ""),
        ("Command line", "Core", "Renders pages [in-process]"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("severity", ["warning", "off"])
def test_a_graph_too_large_for_mermaid_is_a_located_warning_and_a_table(make_project, severity):
    parts = ["Big\n===\n"]
    for i in range(40):
        targets = ", ".join(f"c{j}" for j in range(40) if j != i)
        parts.append(f".. arch-component:: c{i}\n   :depends-on: {targets}\n")
    parts.append(".. arch-dependency-graph::\n")
    conf = f'archdoc_checks = {{"graph_too_large": "{severity}", "dependency_cycle": "off"}}\n'
    result = build(make_project({"index.rst": "\n".join(parts)}, conf=conf))
    assert graphs(result, "index") == []
    assert result.html().select_one("table.archdoc-dependency-graph") is not None
    warnings = result.archdoc_warnings()
    if severity == "off":
        assert warnings == []
    else:
        (warning,) = warnings
        assert "index.rst:" in warning
        assert "1560 edges, more than Mermaid draws (500)" in warning
        assert ":scope:" in warning
        assert warning.endswith("[archdoc.graph_too_large]")


def big_graph_project(make_project):
    """23 components, each depending on every other: 506 edges."""
    parts = ["Big\n===\n"]
    for i in range(23):
        targets = ", ".join(f"c{j}" for j in range(23) if j != i)
        parts.append(f".. arch-component:: c{i}\n   :depends-on: {targets}\n")
    files = {
        "index.rst": "Index\n=====\n\n.. toctree::\n\n   big\n   graph\n   other\n   note\n",
        "big.rst": "\n".join(parts),
        "graph.md": "# Graph\n\n```{arch-dependency-graph}\n```\n",
        "other.rst": "Other\n=====\n\nText.\n\n.. arch-dependency-graph::\n",
        "note.rst": "Note\n====\n\nText.\n",
    }
    return make_project(files, conf='archdoc_checks = {"dependency_cycle": "off"}\n')


@pytest.mark.slow
def test_graph_too_large_is_reported_once_per_build_in_parallel_and_incremental(make_project):
    src = big_graph_project(make_project)
    first = build(src, parallel=2)
    advice = (
        "the table is shown instead. Draw less: :scope: one element, or :root: with :depth:, "
        "or filter by :layer: or :type: [archdoc.graph_too_large]"
    )
    assert [w.split(str(src), 1)[1] for w in first.archdoc_warnings()] == [
        "/graph.md:3: WARNING: arch-dependency-graph: 506 edges, more than Mermaid draws "
        f"(500); {advice}",
        "/other.rst:6: WARNING: arch-dependency-graph: 506 edges, more than Mermaid draws "
        f"(500); {advice}",
    ]
    # An edit elsewhere: the graph pages are not written again, both are still reported.
    written = (src / "_build" / "html" / "other.html").stat().st_mtime_ns
    (src / "note.rst").write_text("Note\n====\n\nMore text.\n", encoding="utf-8")
    again = build(src, parallel=2)
    assert (src / "_build" / "html" / "other.html").stat().st_mtime_ns == written
    assert again.archdoc_warnings() == first.archdoc_warnings()
    assert again.html("other").select_one("table.archdoc-dependency-graph") is not None
    # Builders that draw no Mermaid show the table anyway: nothing to report.
    assert build(src, "text", outdir_name="text").archdoc_warnings() == []
