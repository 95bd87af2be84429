"""Performance targets as a user sees them: blocks, tables, roles, warnings, JSON."""

from __future__ import annotations

import pytest

from conftest import build, table_header, table_rows

COMPONENTS_RST = """\
Components
==========

.. arch-component:: api-gateway
   :title: API Gateway

.. arch-component:: web-ui
   :title: Web UI

.. arch-component:: primary-db
   :title: Primary database
"""

TARGETS_RST = """\
Targets
=======

.. arch-perf-target:: api-latency
   :metric: API response time
   :target: < 200ms
   :current: 180ms
   :monitoring: CloudWatch
   :component: api-gateway
   :tags: latency, customer-facing

.. arch-perf-target:: page-load
   :metric: Page load time
   :target: < 2s
   :current: 2.4s
   :monitoring: Real User Monitoring
   :component: web-ui
   :tags: latency, customer-facing

.. arch-perf-target:: db-query
   :metric: Database query time
   :target: < 50ms
   :current: [X]ms
   :monitoring: Slow query log
   :component: primary-db
   :tags: latency

.. arch-perf-target:: throughput
   :metric: Throughput
   :target: 10k req/s
   :current: 12,000 req/s
   :monitoring: Load testing
   :component: api-gateway
"""

TARGETS_MD = """\
# Targets

```{arch-perf-target} api-latency
:metric: API response time
:target: < 200ms
:current: 180ms
:monitoring: CloudWatch
:component: api-gateway
:tags: latency, customer-facing
```

```{arch-perf-target} page-load
:metric: Page load time
:target: < 2s
:current: 2.4s
:monitoring: Real User Monitoring
:component: web-ui
:tags: latency, customer-facing
```

```{arch-perf-target} db-query
:metric: Database query time
:target: < 50ms
:current: "[X]ms"
:monitoring: Slow query log
:component: primary-db
:tags: latency
```

```{arch-perf-target} throughput
:metric: Throughput
:target: 10k req/s
:current: 12,000 req/s
:monitoring: Load testing
:component: api-gateway
```
"""

SEED_ROWS = [
    ["api-latency", "API response time", "< 200ms", "180ms", "met", "CloudWatch"],
    ["db-query", "Database query time", "< 50ms", "[X]ms", "unknown", "Slow query log"],
    ["page-load", "Page load time", "< 2s", "2.4s", "missed", "Real User Monitoring"],
    ["throughput", "Throughput", "10k req/s", "12,000 req/s", "met", "Load testing"],
]

INDEX_RST = """\
Index
=====

.. toctree::

   components
   targets
   summary
"""


def _project(make_project, summary: str, *, markup: str = "rst", conf: str = ""):
    targets = {"targets.rst": TARGETS_RST} if markup == "rst" else {"targets.md": TARGETS_MD}
    return make_project(
        {
            "index.rst": INDEX_RST,
            "components.rst": COMPONENTS_RST,
            **targets,
            "summary.rst": "Summary\n=======\n\n" + summary,
        },
        conf=conf,
    )


@pytest.mark.slow
@pytest.mark.parametrize("markup", ["rst", "md"])
def test_perf_table_shows_the_seed_table_with_computed_status(make_project, markup):
    src = _project(make_project, ".. arch-perf-table::\n", markup=markup)
    result = build(src)
    assert result.archdoc_warnings() == []
    soup = result.html("summary")
    assert table_header(soup, "archdoc-perf-table") == [
        "ID",
        "Metric",
        "Target",
        "Current",
        "Status",
        "Monitoring",
    ]
    assert table_rows(soup, "archdoc-perf-table") == SEED_ROWS


def test_status_is_a_styled_word_in_the_table_and_the_block(make_project):
    src = _project(make_project, ".. arch-perf-table::\n")
    result = build(src)
    table = result.html("summary").select_one("table.archdoc-perf-table")
    badges = {b.get_text(): b["class"] for b in table.select(".archdoc-badge")}
    assert "archdoc-badge-status-met" in badges["met"]
    assert "archdoc-badge-status-missed" in badges["missed"]
    assert "archdoc-badge-status-unknown" in badges["unknown"]
    block = result.html("targets").select_one("div.archdoc-perf-target")
    assert block.select_one(".archdoc-badge-status-met").get_text() == "met"
    assert "API response time" in block.select_one(".archdoc-item-title").get_text()


@pytest.mark.parametrize(
    ("options", "ids"),
    [
        (":status: missed", ["page-load"]),
        (":status: met, unknown", ["api-latency", "db-query", "throughput"]),
        (":status: !met", ["db-query", "page-load"]),
        (":component: api-gateway", ["api-latency", "throughput"]),
        (":component: !api-gateway", ["db-query", "page-load"]),
        (":tags: customer-facing", ["api-latency", "page-load"]),
        (":tags: latency\n   :status: !missed", ["api-latency", "db-query"]),
        (":sort: -id", ["throughput", "page-load", "db-query", "api-latency"]),
        (":sort: status", ["api-latency", "throughput", "page-load", "db-query"]),
    ],
)
@pytest.mark.slow
def test_perf_table_filters_and_sort(make_project, options, ids):
    src = _project(make_project, f".. arch-perf-table::\n   {options}\n   :columns: id\n")
    result = build(src)
    assert result.archdoc_warnings() == []
    assert [row[0] for row in table_rows(result.html("summary"), "archdoc-perf-table")] == ids


def test_perf_table_columns_and_caption(make_project):
    src = _project(
        make_project,
        ".. arch-perf-table::\n"
        "   :columns: title, component, status\n"
        "   :status: missed\n"
        "   :caption: Missed targets\n",
    )
    result = build(src)
    soup = result.html("summary")
    assert table_header(soup, "archdoc-perf-table") == ["Title", "Component", "Status"]
    assert table_rows(soup, "archdoc-perf-table") == [["Page load time", "web-ui", "missed"]]
    assert "Missed targets" in soup.select_one("table.archdoc-perf-table caption").get_text()
    link = soup.select_one("table.archdoc-perf-table a[href*='components.html']")
    assert link is not None


def test_perf_table_rejects_an_unknown_status_value(make_project):
    src = _project(make_project, ".. arch-perf-table::\n   :status: failed\n")
    result = build(src)
    warnings = result.archdoc_warnings()
    assert len(warnings) == 1
    assert "summary.rst:4" in warnings[0]
    assert "'failed' is not a valid value; expected one of: met, missed, unknown" in warnings[0]
    assert "[archdoc.invalid_value]" in warnings[0]


def test_component_table_lists_each_components_perf_targets(make_project):
    src = _project(make_project, ".. arch-component-table::\n   :columns: id, perf-targets\n")
    result = build(src)
    assert table_rows(result.html("summary"), "archdoc-component-table") == [
        ["api-gateway", "api-latency, throughput"],
        ["primary-db", "db-query"],
        ["web-ui", "page-load"],
    ]


def test_perf_role_links_to_the_target_and_shows_its_metric(make_project):
    src = _project(
        make_project,
        "See :arch:perf:`page-load` and :arch:perf:`the API <api-latency>`.\n",
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    links = {a.get_text(): a["href"] for a in result.html("summary").select("a.reference.internal")}
    assert links["Page load time"] == "targets.html#perf-target-page-load"
    assert links["the API"] == "targets.html#perf-target-api-latency"


def test_perf_role_to_an_unknown_target_is_reported(make_project):
    src = _project(make_project, "See :arch:perf:`page-lod`.\n")
    result = build(src)
    (warning,) = result.archdoc_warnings()
    assert "summary.rst:4" in warning
    assert "unknown perf-target 'page-lod' (did you mean 'page-load'?)" in warning


def test_json_export_has_fields_and_computed_status(make_project):
    result = build(_project(make_project, ""))
    targets = result.items("perf-target")
    assert {i: t["computed"]["status"] for i, t in targets.items()} == {
        "api-latency": "met",
        "db-query": "unknown",
        "page-load": "missed",
        "throughput": "met",
    }
    assert targets["throughput"]["fields"] == {
        "metric": "Throughput",
        "target": "10k req/s",
        "current": "12,000 req/s",
        "monitoring": "Load testing",
        "component": "api-gateway",
    }
    assert targets["throughput"]["title"] == "Throughput"
    components = result.items("component")
    assert components["api-gateway"]["computed"]["perf-targets"] == ["api-latency", "throughput"]


def test_a_missed_target_is_an_info_finding_by_default(make_project):
    result = build(_project(make_project, ""))
    assert result.archdoc_warnings() == []
    assert "page-load' (Page load time) is missed: current 2.4s, target < 2s" in result.status
    assert "[archdoc.perf_missed]" in result.status
    (finding,) = [f for f in result.json()["findings"] if f["check"] == "perf_missed"]
    assert (finding["severity"], finding["docname"], finding["lineno"]) == ("info", "targets", 12)


def test_a_missed_target_can_fail_the_build(make_project):
    src = _project(make_project, "", conf='archdoc_checks = {"perf_missed": "warning"}\n')
    (warning,) = build(src).archdoc_warnings()
    assert "targets.rst:12: WARNING: performance target 'page-load'" in warning
    assert warning.endswith("[archdoc.perf_missed]")


def _single(make_project, body: str, name: str = "index.rst"):
    return make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-component:: api\n\n"
            + (body if name == "index.rst" else ".. toctree::\n\n   page\n"),
            **({} if name == "index.rst" else {name: body}),
        }
    )


def test_missing_metric_and_target_are_located_errors_and_the_build_goes_on(make_project):
    src = _single(
        make_project,
        ".. arch-perf-target:: latency\n   :current: 5 ms\n\n.. arch-perf-table::\n",
    )
    result = build(src)
    warnings = result.archdoc_warnings()
    assert len(warnings) == 2
    assert all("index.rst:6: WARNING: arch-perf-target: 'latency'" in w for w in warnings)
    assert "the :metric: option is required [archdoc.missing_value]" in warnings[0]
    assert "the :target: option is required [archdoc.missing_value]" in warnings[1]
    assert table_rows(result.html(), "archdoc-perf-table") == [
        ["latency", "", "", "5 ms", "unknown", ""]
    ]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("< fast", "'fast' does not start with a number"),
        ("10k", "'10k' needs a comparator: is it a minimum ('>= 10000') or a maximum"),
        ("TBD", "'TBD' is a placeholder, not a target"),
        ("1,5 s", "thousands separators are ','"),
    ],
)
@pytest.mark.slow
def test_an_unparsable_target_is_an_invalid_value_where_it_is_written(
    make_project, target, message
):
    src = _single(
        make_project,
        f".. arch-perf-target:: latency\n   :metric: Latency\n   :target: {target}\n"
        "   :current: 5 ms\n\n.. arch-perf-table::\n",
    )
    result = build(src)
    (warning,) = result.archdoc_warnings()
    assert "index.rst:6: WARNING: arch-perf-target: 'latency': :target: " in warning
    assert message in warning
    assert warning.endswith("[archdoc.invalid_value]")
    # The target is kept as written; its status is unknown.
    assert table_rows(result.html(), "archdoc-perf-table") == [
        ["latency", "Latency", target, "5 ms", "unknown", ""]
    ]


def test_an_unparsable_current_is_reported_but_a_placeholder_is_not(make_project):
    src = _single(
        make_project,
        ".. arch-perf-target:: a\n   :metric: A\n   :target: < 1 s\n   :current: quick\n\n"
        ".. arch-perf-target:: b\n   :metric: B\n   :target: < 1 s\n   :current: TBD\n",
    )
    (warning,) = build(src).archdoc_warnings()
    assert (
        "index.rst:6: WARNING: arch-perf-target: 'a': :current: 'quick' does not start" in warning
    )
    assert warning.endswith("[archdoc.invalid_value]")


def test_different_dimensions_are_unknown_and_reported(make_project):
    src = _single(
        make_project,
        "Text.\n\n.. arch-perf-target:: latency\n   :metric: Latency\n   :target: < 200 ms\n"
        "   :current: 500 req/s\n",
    )
    result = build(src)
    (warning,) = result.archdoc_warnings()
    assert "index.rst:8: WARNING: performance target 'latency': cannot compare current" in warning
    assert "the target is a time (ms), the current value is a rate (req/s)" in warning
    assert warning.endswith("[archdoc.perf_unit_mismatch]")
    assert result.items("perf-target")["latency"]["computed"]["status"] == "unknown"


def test_identical_unknown_units_compare(make_project):
    src = _single(
        make_project,
        ".. arch-perf-target:: jump\n   :metric: Jump\n   :target: < 5 parsecs\n"
        "   :current: 3 parsecs\n",
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    assert result.items("perf-target")["jump"]["computed"]["status"] == "met"


def test_an_unknown_component_is_reported_with_a_suggestion(make_project):
    src = _single(
        make_project,
        ".. arch-perf-target:: latency\n   :metric: Latency\n   :target: < 1 s\n"
        "   :component: apii\n",
    )
    (warning,) = build(src).archdoc_warnings()
    assert "index.rst:6: WARNING: perf-target 'latency': :component: names unknown component" in (
        warning
    )
    assert "'apii' (did you mean 'api'?) [archdoc.unknown_component]" in warning


def test_text_builder_shows_the_status_words(make_project):
    src = _project(make_project, ".. arch-perf-table::\n   :columns: id, status\n")
    text = build(src, "text").text("summary")
    for line in ("| api-latency | met ", "| page-load   | missed ", "| db-query    | unknown "):
        assert line in text


@pytest.mark.slow
def test_parallel_build_matches_serial(make_project):
    src = _project(make_project, ".. arch-perf-table::\n")
    serial = table_rows(build(src, freshenv=True).html("summary"), "archdoc-perf-table")
    parallel = table_rows(
        build(src, parallel=2, freshenv=True).html("summary"), "archdoc-perf-table"
    )
    assert serial == parallel == SEED_ROWS


@pytest.mark.slow
def test_incremental_build_updates_the_status(make_project):
    src = _project(make_project, ".. arch-perf-table::\n   :columns: id, status\n")
    build(src)
    targets = src / "targets.rst"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace(":current: 2.4s", ":current: 1.9s"),
        encoding="utf-8",
    )
    rows = table_rows(build(src).html("summary"), "archdoc-perf-table")
    assert ["page-load", "met"] in rows
