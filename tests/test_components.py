"""Components end to end: directive, roles, table, checks, export, in every build mode."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

from conftest import build, table_header, table_rows

INDEX_RST = """\
Index
=====

.. toctree::

   services
   data

.. arch-component:: api-gateway
   :title: API Gateway
   :layer: Application
   :purpose: Request routing, auth
   :depends-on: auth-service, primary-db
   :scalability: Horizontal
   :technology: Envoy
   :owner: Platform team
   :tags: edge, customer-facing

   Every request enters here. Tokens come from :arch:comp:`auth-service`.
"""

SERVICES_RST = """\
Services
========

.. arch-component:: auth-service
   :title: Auth Service
   :layer: application
   :depends-on: primary-db
   :status: deprecated

See :arch:comp:`the gateway <api-gateway>` and :arch:ref:`primary-db`.
"""

DATA_MD = """\
# Data

```{arch-component} primary-db
:title: Primary database
:layer: data
:purpose: System of record
:scalability: Read replicas

Backed up daily.
```

The gateway: {arch:comp}`api-gateway`.
"""

SUMMARY_RST = """\
Summary
=======

.. arch-component-table::
   :columns: id, title, layer, depends-on, dependents
   :caption: All components

.. arch-component-table::
   :layer: application
   :status: !deprecated
   :columns: id, title

.. arch-component-table::
   :layer: presentation
"""


@pytest.fixture
def project(make_project):
    return make_project(
        {
            "index.rst": INDEX_RST.replace("   data\n", "   data\n   summary\n"),
            "services.rst": SERVICES_RST,
            "data.md": DATA_MD,
            "summary.rst": SUMMARY_RST,
        }
    )


def test_clean_project_builds_without_warnings(project):
    result = build(project)
    assert result.warning_lines == []


def test_component_block_shows_title_id_facts_and_description(project):
    soup = build(project).html("index")
    block = soup.select_one("div.archdoc-item.archdoc-component")
    assert block is not None
    assert block.get("id") == "component-api-gateway"
    title = block.select_one(".archdoc-item-title").get_text(" ", strip=True)
    assert title == "Component API Gateway api-gateway active"
    facts = block.select_one(".archdoc-item-facts").get_text(" ", strip=True)
    assert "Layer: application" in facts
    assert "Depends on: auth-service, primary-db" in " ".join(
        block.select_one(".archdoc-item-facts").get_text().split()
    )
    assert [a["href"] for a in block.select(".archdoc-item-facts a")] == [
        "services.html#component-auth-service",
        "data.html#component-primary-db",
    ]
    assert "Every request enters here." in block.get_text()


def test_myst_content_is_parsed_as_markdown(project):
    block = build(project).html("data").select_one("div.archdoc-component")
    assert block.select_one(".archdoc-item-title strong").get_text() == "Primary database"
    assert "Backed up daily." in block.get_text()


def test_roles_link_with_the_title_or_the_given_text(project):
    result = build(project)
    links = {a.get_text(): a["href"] for a in result.html("services").select("a.reference")}
    assert links["the gateway"] == "index.html#component-api-gateway"
    assert links["Primary database"] == "data.html#component-primary-db"
    myst_links = {a.get_text(): a["href"] for a in result.html("data").select("a.reference")}
    assert myst_links["API Gateway"] == "index.html#component-api-gateway"


def test_component_table_rows_link_and_show_derived_dependents(project):
    soup = build(project).html("summary")
    assert table_header(soup, "archdoc-component-table") == [
        "ID",
        "Title",
        "Layer",
        "Depends on",
        "Dependents",
    ]
    assert table_rows(soup, "archdoc-component-table") == [
        ["api-gateway", "API Gateway", "application", "auth-service, primary-db", ""],
        ["auth-service", "Auth Service", "application", "primary-db", "api-gateway"],
        ["primary-db", "Primary database", "data", "", "api-gateway, auth-service"],
    ]
    table = soup.select_one("table.archdoc-component-table")
    assert table.select_one("caption").get_text(strip=True).startswith("All components")
    assert table.select_one("tbody a")["href"] == "index.html#component-api-gateway"


def test_component_table_filters_and_empty_result(project):
    soup = build(project).html("summary")
    tables = soup.select("table.archdoc-component-table")
    assert [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in tables[1].select("tbody tr")
    ] == [["api-gateway", "API Gateway"]]
    empty = soup.select_one("p.archdoc-empty")
    assert empty.get_text() == "No components match."


def test_export_has_components_with_fields_and_computed_values(project):
    result = build(project)
    data = result.json()
    assert data["schema_version"] == 1
    assert data["generator"].startswith("sphinx-archdoc ")
    assert data["project"] == "Test"
    gateway = result.items("component")["api-gateway"]
    assert gateway["title"] == "API Gateway"
    assert gateway["docname"] == "index"
    assert gateway["lineno"] == 10
    assert gateway["url"] == "index.html#component-api-gateway"
    assert gateway["fields"]["layer"] == "application"
    assert gateway["fields"]["depends-on"] == ["auth-service", "primary-db"]
    assert gateway["fields"]["tags"] == ["edge", "customer-facing"]
    assert gateway["computed"]["dependents"] == []
    assert result.items("component")["primary-db"]["computed"]["dependents"] == [
        "api-gateway",
        "auth-service",
    ]
    assert data["findings"] == []


def test_items_are_in_objects_inv(project):
    result = build(project)
    with (result.outdir / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", lambda base, uri: uri)
    entries = inventory["arch:comp"] if isinstance(inventory, dict) else inventory.data["arch:comp"]
    assert set(entries) == {"api-gateway", "auth-service", "primary-db"}


@pytest.mark.slow
def test_parallel_build_equals_serial(project, tmp_path):
    serial = build(project)
    serial_json = (serial.outdir / "archdoc.json").read_text()
    serial_rows = table_rows(serial.html("summary"), "archdoc-component-table")
    parallel_src = tmp_path / "parallel"
    shutil.copytree(project, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_src, parallel=2)
    assert (parallel.outdir / "archdoc.json").read_text() == serial_json
    assert table_rows(parallel.html("summary"), "archdoc-component-table") == serial_rows


def _clean_build_of(src: Path, tmp_path: Path, name: str):
    clean_src = tmp_path / name
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    return build(clean_src)


@pytest.mark.slow
def test_incremental_edit_updates_summaries_like_a_clean_build(project, tmp_path):
    build(project)
    services = project / "services.rst"
    services.write_text(
        SERVICES_RST.replace(":depends-on: primary-db", ":depends-on: primary-db, cache")
        + "\n.. arch-component:: cache\n   :title: Cache\n   :layer: data\n"
    )
    incremental = build(project)
    assert "reading sources... [100%] services" in incremental.status
    clean = _clean_build_of(project, tmp_path, "clean-edit")
    assert incremental.json() == clean.json()
    rows = table_rows(incremental.html("summary"), "archdoc-component-table")
    assert rows == table_rows(clean.html("summary"), "archdoc-component-table")
    assert ["cache", "Cache", "data", "", "auth-service"] in rows


@pytest.mark.slow
def test_incremental_delete_of_a_document_updates_summaries(project, tmp_path):
    build(project)
    (project / "data.md").unlink()
    (project / "index.rst").write_text(INDEX_RST.replace("   data\n", "   summary\n"))
    incremental = build(project)
    clean = _clean_build_of(project, tmp_path, "clean-delete")
    assert incremental.json() == clean.json()
    assert "primary-db" not in incremental.items()
    rows = table_rows(incremental.html("summary"), "archdoc-component-table")
    assert [row[0] for row in rows] == ["api-gateway", "auth-service"]
    assert rows == table_rows(clean.html("summary"), "archdoc-component-table")


@pytest.mark.slow
def test_incremental_rebuild_updates_links_to_a_moved_item(project):
    build(project)
    (project / "data.md").write_text(DATA_MD.replace("primary-db", "main-db"))
    (project / "services.rst").write_text(
        SERVICES_RST.replace("primary-db", "main-db")
        + "\n.. arch-component:: primary-db\n   :title: Moved DB\n"
    )
    result = build(project)
    links = {a.get_text(): a["href"] for a in result.html("index").select(".archdoc-item-facts a")}
    assert links["primary-db"] == "services.html#component-primary-db"


def test_no_change_rebuild_writes_nothing(project):
    build(project)
    again = build(project)
    assert "no targets are out of date" in again.status


DUPLICATES = {
    "index.rst": "Index\n=====\n\n.. toctree::\n\n   a\n   b\n\n.. arch-component-table::\n",
    "a.rst": "A\n=\n\n.. arch-component:: shared\n   :title: From A\n",
    "b.rst": "B\n=\n\n\n.. arch-component:: shared\n   :title: From B\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("parallel", [0, 2])
def test_duplicate_ids_first_document_wins_in_every_build_mode(make_project, parallel):
    result = build(make_project(DUPLICATES), parallel=parallel)
    assert result.archdoc_warnings() == [
        f"{result.srcdir / 'b.rst'}:5: WARNING: duplicate ID 'shared': already declared "
        "as a component in a, line 4 [archdoc.duplicate_id]"
    ]
    assert result.items()["shared"]["title"] == "From A"
    assert table_rows(result.html(), "archdoc-component-table") == [
        ["shared", "From A", "", "", "", ""]
    ]


def test_dangling_dependency_and_role_name_the_closest_ids(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-component:: auth-service\n\n"
                ".. arch-component:: api\n   :depends-on: auth-servce\n\n"
                "See :arch:comp:`auth-srvice` and :arch:ref:`nothing-like-it`.\n"
            )
        }
    )
    result = build(src, confoverrides={"nitpicky": True})
    index = result.srcdir / "index.rst"
    assert result.archdoc_warnings() == [
        f"{index}:6: WARNING: component 'api': :depends-on: names unknown component "
        "'auth-servce' (did you mean 'auth-service'?) [archdoc.unknown_component]",
        f"{index}:9: WARNING: :arch:comp: names unknown component 'auth-srvice' "
        "(did you mean 'auth-service'?) [archdoc.unknown_component]",
        f"{index}:9: WARNING: :arch:ref: names unknown item 'nothing-like-it' "
        "[archdoc.unknown_reference]",
    ]
    # Sphinx's own nitpick warning would only repeat ours.
    assert not any("reference target not found" in w for w in result.warning_lines)


def test_dependency_cycle_reported_once_with_path(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-component:: a\n   :depends-on: b\n\n"
                ".. arch-component:: b\n   :depends-on: c\n\n"
                ".. arch-component:: c\n   :depends-on: a\n"
            )
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == [
        f"{result.srcdir / 'index.rst'}:4: WARNING: dependency cycle: a -> b -> c -> a "
        "[archdoc.dependency_cycle]"
    ]


BAD_INPUT = """\
Index
=====

.. arch-component::

.. arch-component:: has space

.. arch-component:: bad-layer
   :layer: middleware
   :status: alive

.. arch-component:: bad-deps
   :depends-on: ok, not ok
   :colour: blue

.. arch-component:: empty-purpose
   :purpose:

.. arch-component:: good
   :title: Good one
   :layer: data

   Survives.

.. arch-component-table::
   :colour: red
   :layer: middle
   :columns: id, nope
   :sort: nothing
"""


def test_bad_input_gives_located_warnings_and_everything_else_survives(make_project):
    result = build(make_project({"index.rst": BAD_INPUT}))
    index = result.srcdir / "index.rst"
    expected = [
        (4, "arch-component: an ID argument is required [archdoc.missing_value]"),
        (
            6,
            "arch-component: 'has space' is not a valid ID (letters, digits, '_', '.', '-'; "
            "starting with a letter or digit) [archdoc.invalid_value]",
        ),
        (
            8,
            "arch-component: 'bad-layer': :layer: 'middleware' is not a valid layer; expected "
            "one of: presentation, application, data, infrastructure, external "
            "[archdoc.invalid_value]",
        ),
        (
            8,
            "arch-component: 'bad-layer': :status: 'alive' is not a valid status; expected one "
            "of: planned, active, deprecated, retired [archdoc.invalid_value]",
        ),
        (
            12,
            "arch-component: 'bad-deps': :depends-on: 'not ok' is not a valid ID (letters, "
            "digits, '_', '.', '-'; starting with a letter or digit); separate IDs with "
            "commas: 'not, ok' [archdoc.invalid_value]",
        ),
        # The valid entry of the list is kept, so it is checked too.
        (12, "component 'bad-deps': :depends-on: names unknown component 'ok'"),
        (12, "arch-component: 'bad-deps': unknown option :colour:; accepted: title, layer, "),
        (
            16,
            "arch-component: 'empty-purpose': :purpose: the value is empty [archdoc.invalid_value]",
        ),
        # Findings on one line are ordered by check name, then message.
        (25, "arch-component-table: :layer: 'middle' is not a valid value; expected one of: "),
        (25, "arch-component-table: :columns: names unknown field 'nope'; fields of component: "),
        (25, "arch-component-table: :sort: names unknown field 'nothing'; fields of component: "),
        (25, "arch-component-table: unknown option :colour:; accepted: columns, sort, caption"),
    ]
    warnings = result.archdoc_warnings()
    assert len(warnings) == len(expected), warnings
    for warning, (line, text) in zip(warnings, expected, strict=True):
        assert warning.startswith(f"{index}:{line}: WARNING: {text}"), warning
    assert "Traceback" not in result.warnings
    items = result.items("component")
    assert sorted(items) == ["bad-deps", "bad-layer", "empty-purpose", "good"]
    assert items["bad-layer"]["fields"]["status"] == "active"  # the default survives
    assert "layer" not in items["bad-layer"]["fields"]
    assert items["good"]["fields"] == {
        "layer": "data",
        "status": "active",
        "title": "Good one",
        "type": "component",  # the default, applied like :status:'s
    }
    # ":layer: middle" has no valid value left: the table lists nothing rather
    # than every layer (an invalid value never widens a summary).
    soup = result.html()
    assert soup.select("table.archdoc-component-table") == []
    assert soup.select_one(".archdoc-empty.archdoc-component-table") is not None
    assert "the summary lists nothing (an invalid value never widens it)" in warnings[8]


def test_warnings_can_be_suppressed_and_set_to_info(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: a\n   :depends-on: zz\n\n"
                ".. arch-component:: a\n"
            )
        },
        conf=(
            'suppress_warnings = ["archdoc.duplicate_id"]\n'
            'archdoc_checks = {"unknown_component": "info"}\n'
        ),
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    assert re.search(
        r"index.rst:4: .*names unknown component 'zz' \[archdoc.unknown_component\]", result.status
    )
    assert [f["severity"] for f in result.json()["findings"]] == ["info", "warning"]


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml", "dirhtml"])
def test_other_builders_render_blocks_and_tables(project, builder):
    result = build(project, builder)
    assert result.warning_lines == []
    if builder == "text":
        text = (result.outdir / "summary.txt").read_text()
        assert "api-gateway" in text
        assert "Primary database" in text
    if builder == "latex":
        tex = next(result.outdir.glob("*.tex")).read_text()
        assert "API Gateway" in tex
        assert "sphinxuseclass{archdoc-item}" in tex or "archdoc" in tex
    if builder == "dirhtml":
        gateway = result.items("component")["api-gateway"]
        assert gateway["url"] == "#component-api-gateway" or gateway["url"].endswith(
            "#component-api-gateway"
        )


def test_json_export_can_be_turned_off(project):
    result = build(project, confoverrides={"archdoc_json_export": False})
    assert not (result.outdir / "archdoc.json").exists()


def test_items_in_included_files_are_located_in_that_file(make_project):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. include:: parts/more.rst\n\n.. arch-component:: a\n",
            "parts/more.rst": (
                "Intro.\n\n"
                ".. arch-component:: b\n   :depends-on: zz\n   :layer: nowhere\n\n"
                "Then :arch:comp:`nope`.\n\n"
                ".. arch-component:: a\n"
            ),
        },
        conf='exclude_patterns = ["parts", "_build"]\n',
    )
    result = build(src)
    more = result.srcdir / "parts" / "more.rst"
    assert result.archdoc_warnings() == [
        f"{more}:3: WARNING: arch-component: 'b': :layer: 'nowhere' is not a valid layer; "
        "expected one of: presentation, application, data, infrastructure, external "
        "[archdoc.invalid_value]",
        f"{more}:3: WARNING: component 'b': :depends-on: names unknown component 'zz' "
        "[archdoc.unknown_component]",
        f"{more}:7: WARNING: :arch:comp: names unknown component 'nope' "
        "[archdoc.unknown_component]",
        f"{more}:9: WARNING: duplicate ID 'a': already declared as a component in index, line 6 "
        "[archdoc.duplicate_id]",
    ]


def test_summary_with_argument_or_content_is_an_archdoc_warning(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: a\n\n"
                ".. arch-component-table:: application\n\n   Some text.\n"
            )
        }
    )
    result = build(src)
    index = result.srcdir / "index.rst"
    assert result.warning_lines == [
        f"{index}:6: WARNING: arch-component-table: takes no argument (got 'application'); "
        "use options to filter [archdoc.invalid_value]",
        f"{index}:6: WARNING: arch-component-table: takes no content; the content is ignored "
        "[archdoc.invalid_value]",
    ]
    assert table_rows(result.html(), "archdoc-component-table") == [["a", "a", "", "", "", ""]]


def test_stylesheet_is_shipped_and_incremental_builds_see_no_config_change(project):
    build(project)
    (project / "services.rst").write_text(SERVICES_RST + "\nMore text.\n")
    result = build(project)
    css = result.outdir / "_static" / "archdoc.css"
    assert ".archdoc-item" in css.read_text()
    assert 'href="_static/archdoc.css' in (result.outdir / "index.html").read_text()
    assert "html_static_path" not in result.status
