"""arch-dependency-graph: nodes, edges, subgraphs, root/depth, escaping, fallbacks."""

from __future__ import annotations

import re

import pytest

from conftest import build, mermaid_shown
from sphinx_archdoc.core.graph import mermaid_label, mermaid_url

COMPONENTS_RST = """\
Components
==========

.. arch-component:: web
   :title: Web UI
   :layer: presentation
   :depends-on: api

.. arch-component:: api
   :title: API Gateway
   :layer: application
   :depends-on: auth, db

.. arch-component:: auth
   :title: Auth Service
   :layer: application
   :depends-on: db, legacy

.. arch-component:: legacy
   :title: Legacy LDAP
   :layer: application
   :status: deprecated

.. arch-component:: db
   :title: Primary database
   :layer: data

.. arch-component:: psp
   :title: Payment provider
   :layer: external

.. arch-component:: loose
   :title: No layer
"""


def graph_project(make_project, graph_rst: str, conf: str = "") -> object:
    return make_project(
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   components\n   graph\n",
            "components.rst": COMPONENTS_RST,
            "graph.rst": "Graph\n=====\n\n" + graph_rst,
        },
        conf=conf,
    )


def mermaid_code(result, docname: str = "graph") -> list[str]:
    """The Mermaid source of every graph on the page."""
    return [pre.get_text() for pre in result.html(docname).select("pre.mermaid")]


def full_labels(code: str) -> dict[str, str]:
    """Mermaid node key -> the whole label (title, then [type: technology]...)."""
    return dict(re.findall(r"^\s*(n\d+)\(?\[\"(.*)\"\]\)?$", code, re.MULTILINE))


def labels(code: str) -> dict[str, str]:
    """Mermaid node key -> the label's first line: the title."""
    return {key: label.split("<br>")[0] for key, label in full_labels(code).items()}


def edges(code: str) -> set[tuple[str, str]]:
    names = labels(code)
    pattern = r"^\s*(n\d+) -->(?:\|\"[^\"]*\"\|)? (n\d+)$"
    return {(names[a], names[b]) for a, b in re.findall(pattern, code, re.M)}


def subgraphs(code: str) -> dict[str, list[str]]:
    """Subgraph label -> labels of its nodes."""
    result: dict[str, list[str]] = {}
    current: str | None = None
    for raw in code.splitlines():
        line = raw.strip()
        if match := re.match(r'subgraph g\d+\["(.*)"\]', line):
            current = match.group(1)
            result[current] = []
        elif line == "end":
            current = None
        elif current is not None and (match := re.match(r'n\d+\["(.*)"\]', line)):
            result[current].append(match.group(1).split("<br>")[0])
    return result


def test_graph_shows_every_component_grouped_by_layer_with_depends_on_edges(make_project):
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n"))
    assert result.archdoc_warnings() == []
    (code,) = mermaid_code(result)
    assert code.strip().startswith("flowchart TB")  # layers stacked top to bottom
    assert subgraphs(code) == {
        "Presentation": ["Web UI"],
        "Application": ["API Gateway", "Auth Service", "Legacy LDAP (deprecated)"],
        "Data": ["Primary database"],
        "External": ["Payment provider"],
    }
    assert "No layer" in labels(code).values()  # outside every subgraph
    # The second line of every box: [type: technology] (type component by default).
    assert set(re.findall(r"<br>(.*?)\"", mermaid_shown(code))) == {"[Component]"}
    assert edges(code) == {
        ("Web UI", "API Gateway"),
        ("API Gateway", "Auth Service"),
        ("API Gateway", "Primary database"),
        ("Auth Service", "Primary database"),
        ("Auth Service", "Legacy LDAP (deprecated)"),
    }


def test_graph_styles_deprecated_and_external_components_and_links_every_node(make_project):
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n"))
    (code,) = mermaid_code(result)
    keys = {label: key for key, label in labels(code).items()}
    assert re.search(rf"class {keys['Legacy LDAP (deprecated)']} archdocInactive", code)
    assert re.search(rf"class {keys['Payment provider']} archdocExternal", code)
    assert f'click {keys["API Gateway"]} href "components.html#component-api" "api"' in code
    assert len(re.findall(r"^\s*click n\d+ href", code, re.M)) == len(keys)


def test_graph_node_ids_are_generated_never_user_ids(make_project):
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n"))
    (code,) = mermaid_code(result)
    declared = re.findall(r"^\s*(\w+)\[", code, re.M)
    assert declared
    assert all(re.fullmatch(r"n\d+", key) for key in declared)


def test_graph_filters_select_nodes(make_project):
    result = build(
        graph_project(make_project, ".. arch-dependency-graph::\n   :layer: application, data\n")
    )
    (code,) = mermaid_code(result)
    assert sorted(labels(code).values()) == [
        "API Gateway",
        "Auth Service",
        "Legacy LDAP (deprecated)",
        "Primary database",
    ]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (":root: api\n   :depth: 1", {"API Gateway", "Auth Service", "Primary database"}),
        (
            ":root: api",
            {"API Gateway", "Auth Service", "Primary database", "Legacy LDAP (deprecated)"},
        ),
        (
            ":root: db\n   :include: dependents\n   :depth: 1",
            {"Primary database", "API Gateway", "Auth Service"},
        ),
        (
            ":root: auth\n   :include: both\n   :depth: 1",
            {"Auth Service", "API Gateway", "Primary database", "Legacy LDAP (deprecated)"},
        ),
        (":root: api\n   :depth: 0", {"API Gateway"}),
    ],
)
@pytest.mark.slow
def test_graph_root_and_depth_limit_the_neighbourhood(make_project, options, expected):
    result = build(graph_project(make_project, f".. arch-dependency-graph::\n   {options}\n"))
    assert result.archdoc_warnings() == []
    (code,) = mermaid_code(result)
    assert set(labels(code).values()) == expected


def test_graph_direction_and_caption(make_project):
    result = build(
        graph_project(
            make_project,
            ".. arch-dependency-graph::\n   :direction: LR\n   :caption: Who needs whom\n",
        )
    )
    soup = result.html("graph")
    figure = soup.select_one("figure.archdoc-dependency-graph")
    assert figure is not None
    assert figure.select_one("figcaption").get_text(strip=True).startswith("Who needs whom")
    assert figure.select_one("pre.mermaid").get_text().strip().startswith("flowchart LR")


def test_graph_option_problems_are_located_warnings(make_project):
    result = build(
        graph_project(
            make_project,
            ".. arch-dependency-graph::\n   :root: apj\n   :depth: deep\n"
            "   :include: sideways\n   :direction: up\n",
        )
    )
    warnings = result.archdoc_warnings()
    assert any(
        "graph.rst:4:" in w
        and "arch-dependency-graph :root: names unknown component 'apj'" in w
        and "did you mean 'api'" in w
        for w in warnings
    ), warnings
    assert any("graph.rst:4:" in w and ":depth: 'deep'" in w for w in warnings)
    assert any(":include: 'sideways' is not a valid value" in w for w in warnings)
    assert any(":direction: 'up' is not a valid value" in w for w in warnings)


HOSTILE_TITLES = [
    'Evil"] --> x["pwned',
    "Line\nclick n1 call alert(1)",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "<img src=x onerror=alert(1)>",
    "a]; click n1 href javascript:alert(1)",
    "`**md**`",
    "#quot; & #lt;script#gt;",
    "style n1 fill:#f00; |z|",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_label_escaping_leaves_no_mermaid_or_html_syntax(title):
    label = mermaid_label(title)
    assert "\n" not in label
    for char in '"[]{}<>%`|\\:':
        assert char not in label
    # Every '#' starts an entity; the text cannot fake one.
    assert re.fullmatch(r"(?:[^#]|#\w+;)*", label)
    assert re.fullmatch(r"(?:[^#&]|#\w+;)*", label)


def test_hostile_titles_render_as_single_labels(make_project):
    components = "Components\n==========\n\n"
    for i, title in enumerate(HOSTILE_TITLES):
        option = title.replace("\n", "\n      ")  # continuation line in the option
        components += f".. arch-component:: c{i}\n   :title: {option}\n   :layer: data\n\n"
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   components\n\n"
            ".. arch-dependency-graph::\n",
            "components.rst": components,
        }
    )
    result = build(src)
    (code,) = mermaid_code(result, "index")
    lines = [line.strip() for line in code.strip().splitlines()]
    assert lines[0] == "flowchart TB"
    statement = re.compile(
        r'(subgraph g\d+\["[^"]*"\]|end|n\d+\["[^"]*"\]|classDef .*|class .*|'
        r'click n\d+ href "[^"]*" "[\w.-]*")$'
    )
    assert all(statement.match(line) for line in lines[1:]), lines
    assert len(labels(code)) == len(HOSTILE_TITLES)
    assert "%%" not in code
    assert "<img" not in str(result.html("index").select_one("pre.mermaid"))


def test_mermaid_url_keeps_only_url_characters():
    assert mermaid_url('a b".html#x') == "a%20b%22.html#x"


def test_graph_in_text_builder_is_a_table_without_warnings(make_project):
    src = graph_project(make_project, ".. arch-dependency-graph::\n   :root: web\n   :depth: 1\n")
    result = build(src, "text")
    assert result.warning_lines == []
    text = result.text("graph")
    assert "flowchart" not in text
    assert "Web UI" in text
    assert "API Gateway" in text
    assert "Auth Service" not in text


def test_graph_in_latex_without_mermaid_cli_is_a_table(make_project):
    src = graph_project(make_project, ".. arch-dependency-graph::\n")
    result = build(src, "latex", confoverrides={"mermaid_cmd": "no-such-mmdc-binary"})
    assert result.warning_lines == []
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "flowchart" not in tex
    assert "Primary database" in tex
    assert r"\begin{tabulary}" in tex or r"\begin{longtable}" in tex


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["man", "epub", "singlehtml", "dirhtml"])
def test_graph_works_in_other_builders_without_warnings(make_project, builder):
    src = graph_project(make_project, ".. arch-dependency-graph::\n")
    result = build(
        src, builder, confoverrides={"version": "1", "copyright": "2026", "epub_copyright": "2026"}
    )
    assert [w for w in result.warning_lines if "epub.unknown_project_files" not in w] == []


def test_singlehtml_links_point_into_the_single_page(make_project):
    src = graph_project(make_project, ".. arch-dependency-graph::\n")
    result = build(src, "singlehtml")
    (code,) = mermaid_code(result, "index")
    urls = re.findall(r'click n\d+ href "([^"]*)"', code)
    assert urls
    assert all(re.fullmatch(r"(index\.html)?#component-[\w-]+", url) for url in urls), urls


def test_graph_fallback_table_has_the_dependency_columns(make_project):
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n"), "html")
    # HTML shows Mermaid, not the table.
    assert result.html("graph").select_one("table.archdoc-dependency-graph") is None
    text_result = build(
        graph_project(make_project, ".. arch-dependency-graph::\n   :layer: data\n"), "text"
    )
    assert "Depends on" in text_result.text("graph")


def test_graph_with_no_match_says_so(make_project):
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n   :tags: nothing\n"))
    assert mermaid_code(result) == []
    assert "No components match." in result.html("graph").get_text()


def test_graph_page_is_rewritten_when_a_component_changes(make_project):
    src = graph_project(make_project, ".. arch-dependency-graph::\n")
    build(src)
    components = src / "components.rst"
    components.write_text(
        components.read_text(encoding="utf-8").replace("Web UI", "Web Frontend"), encoding="utf-8"
    )
    result = build(src)
    (code,) = mermaid_code(result)
    assert "Web Frontend" in labels(code).values()


@pytest.mark.slow
def test_graph_parallel_build_matches_serial(make_project):
    serial = build(graph_project(make_project, ".. arch-dependency-graph::\n"), freshenv=True)
    parallel = build(
        graph_project(make_project, ".. arch-dependency-graph::\n"), parallel=2, freshenv=True
    )
    assert mermaid_code(serial) == mermaid_code(parallel)


def test_graph_in_myst(make_project):
    src = make_project(
        {
            "index.md": "# Index\n\n```{arch-component} a\n:depends-on: b\n```\n\n"
            "```{arch-component} b\n:title: Bee\n```\n\n```{arch-dependency-graph}\n```\n",
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    (code,) = mermaid_code(result, "index")
    assert edges(code) == {("a", "Bee")}


def _links_resolved_on(monkeypatch, docname: str) -> list[str]:
    """The targets the domain resolves for links on ``docname`` (recorded)."""
    from sphinx_archdoc.domain import ArchDomain

    resolved: list[str] = []
    original = ArchDomain.resolve_xref

    def recording(self, env, fromdocname, builder, typ, target, node, contnode):
        if fromdocname == docname:
            resolved.append(target)
        return original(self, env, fromdocname, builder, typ, target, node, contnode)

    monkeypatch.setattr(ArchDomain, "resolve_xref", recording)
    return resolved


def test_a_drawn_graph_builds_no_fallback_table_to_throw_away(make_project, monkeypatch):
    # Where Mermaid draws the graph, its fallback table is dropped before
    # Sphinx resolves the table's links: none of them is resolved at all.
    resolved = _links_resolved_on(monkeypatch, "graph")
    result = build(graph_project(make_project, ".. arch-dependency-graph::\n"), "html")
    assert len(mermaid_code(result)) == 1
    assert resolved == []
    # Where the table is shown, its links are resolved as before.
    text_result = build(graph_project(make_project, ".. arch-dependency-graph::\n"), "text")
    assert "Primary database" in text_result.text("graph")
    assert "db" in resolved
