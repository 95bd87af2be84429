"""Quality requirements as a user sees them: goals, six-part scenarios, their
measures (numeric, range, qualitative, read from a result file), the
scenario table and the quality tree, warnings and archdoc.json."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import build, table_header, table_rows

QUALITY_RST = """\
Quality
=======

.. arch-component:: api
   :title: API

.. arch-quality-goal:: QG-speed
   :title: Fast feedback
   :priority: 1
   :characteristic: performance efficiency
   :stakeholders: developers, writers

.. arch-quality-goal:: QG-safe
   :title: No lost work
   :priority: 2
   :characteristic: reliability

.. arch-quality-scenario:: QS-build
   :title: Incremental build
   :source: A writer
   :stimulus: edits one page
   :artifact: api
   :environment: normal operation
   :response: only that page is rebuilt
   :measure: under 3 s, output identical
   :goal: QG-speed

.. arch-perf-target:: build-time
   :metric: Incremental build time
   :target: < 3 s
   :current: ~1-2 s
   :scenario: QS-build

.. arch-perf-target:: identical
   :metric: Output
   :target: output byte-identical
   :result: pass
   :scenario: QS-build

.. arch-quality-scenario:: QS-crash
   :title: Crash during a build
   :stimulus: the machine loses power
   :response: nothing written is lost
   :goal: QG-safe

.. arch-perf-target:: recovery
   :metric: Recovery time
   :target: < 1 min
   :current: 1 to 2 min
   :scenario: QS-crash

.. arch-perf-target:: no-loss
   :metric: Data loss
   :target: no data lost on power failure
   :scenario: QS-crash

.. arch-risk:: R-disk
   :title: Disk full
   :scenarios: QS-crash

.. arch-adr:: ADR-001
   :title: Write files atomically
   :supports: QS-crash
   :compromises: QS-build
"""

QUALITY_MD = """\
# Quality

```{arch-component} api
:title: API
```

```{arch-quality-goal} QG-speed
:title: Fast feedback
:priority: 1
:characteristic: performance efficiency
:stakeholders: developers, writers
```

```{arch-quality-goal} QG-safe
:title: No lost work
:priority: 2
:characteristic: reliability
```

```{arch-quality-scenario} QS-build
:title: Incremental build
:source: A writer
:stimulus: edits one page
:artifact: api
:environment: normal operation
:response: only that page is rebuilt
:measure: under 3 s, output identical
:goal: QG-speed
```

```{arch-perf-target} build-time
:metric: Incremental build time
:target: < 3 s
:current: ~1-2 s
:scenario: QS-build
```

```{arch-perf-target} identical
:metric: Output
:target: output byte-identical
:result: pass
:scenario: QS-build
```

```{arch-quality-scenario} QS-crash
:title: Crash during a build
:stimulus: the machine loses power
:response: nothing written is lost
:goal: QG-safe
```

```{arch-perf-target} recovery
:metric: Recovery time
:target: < 1 min
:current: 1 to 2 min
:scenario: QS-crash
```

```{arch-perf-target} no-loss
:metric: Data loss
:target: no data lost on power failure
:scenario: QS-crash
```

```{arch-risk} R-disk
:title: Disk full
:scenarios: QS-crash
```

```{arch-adr} ADR-001
:title: Write files atomically
:supports: QS-crash
:compromises: QS-build
```
"""

SUMMARY_RST = """\
Summary
=======

.. arch-quality-scenario-table::

.. arch-quality-tree::

See :arch:scenario:`QS-build` and :arch:goal:`QG-speed`.
"""

SUMMARY_MD = """\
# Summary

```{arch-quality-scenario-table}
```

```{arch-quality-tree}
```

See {arch:scenario}`QS-build` and {arch:goal}`QG-speed`.
"""

INDEX = """\
Index
=====

.. toctree::

   quality
   summary
"""

EXPECTED_ROWS = [
    [
        "QS-build",
        "A writer",
        "edits one page",
        "api",
        "normal operation",
        "only that page is rebuilt",
        "under 3 s, output identical",
        "met",
        "build-time, identical",
        "",
        "ADR-001",
    ],
    [
        "QS-crash",
        "",
        "the machine loses power",
        "",
        "",
        "nothing written is lost",
        "",
        "missed",
        "no-loss, recovery",
        "R-disk",
        "ADR-001",
    ],
]

EXPECTED_TREE = [
    "Performance efficiency met",
    "Fast feedback met",
    "Incremental build met",
    "Incremental build time (< 3 s) met",
    "Output (output byte-identical) met",
    "Reliability missed",
    "No lost work missed",
    "Crash during a build missed",
    "Data loss (no data lost on power failure) unknown",
    "Recovery time (< 1 min) missed",
]


def _project(make_project, markup: str):
    if markup == "md":
        files = {"index.rst": INDEX, "quality.md": QUALITY_MD, "summary.md": SUMMARY_MD}
    else:
        files = {"index.rst": INDEX, "quality.rst": QUALITY_RST, "summary.rst": SUMMARY_RST}
    return make_project(files)


def _tree(soup) -> list[str]:
    tree = soup.select_one("ul.archdoc-quality-tree")
    assert tree is not None
    return [
        li.find("p").get_text(" ", strip=True).replace(" )", ")").replace("( ", "(")
        for li in tree.select("li")
    ]


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_scenario_table_and_tree_show_statuses_from_the_measures(make_project, markup):
    result = build(_project(make_project, markup))
    assert result.archdoc_warnings() == []
    soup = result.html("summary")
    assert table_header(soup, "archdoc-quality-scenario-table") == [
        "ID",
        "Source",
        "Stimulus",
        "Artifact",
        "Environment",
        "Response",
        "Measure",
        "Status",
        "Measures",
        "Risks",
        "ADRs",
    ]
    assert table_rows(soup, "archdoc-quality-scenario-table") == EXPECTED_ROWS
    assert _tree(soup) == EXPECTED_TREE
    badges = soup.select("ul.archdoc-quality-tree .archdoc-badge-status-missed")
    assert len(badges) == 4
    links = {a.get_text(strip=True): a["href"] for a in soup.select("a.reference")}
    assert links["Incremental build"] == "quality.html#quality-scenario-qs-build"
    assert links["Fast feedback"] == "quality.html#quality-goal-qg-speed"


def test_archdoc_json_has_the_quality_items_and_their_computed_values(make_project):
    items = build(_project(make_project, "rst")).items()
    assert items["QS-build"]["kind"] == "quality-scenario"
    assert items["QS-build"]["fields"]["artifact"] == ["api"]
    assert items["QS-build"]["computed"] == {
        "adrs": ["ADR-001"],
        "measures": ["build-time", "identical"],
        "risks": [],
        "status": "met",
        "description": "",
    }
    assert items["QS-crash"]["computed"]["status"] == "missed"
    assert items["QG-speed"]["fields"] == {
        "characteristic": "performance-efficiency",
        "priority": "1",
        "stakeholders": ["developers", "writers"],
        "title": "Fast feedback",
    }
    assert items["QG-speed"]["computed"] == {
        "scenarios": ["QS-build"],
        "status": "met",
        "description": "",
    }
    assert items["identical"]["computed"] == {"status": "met", "description": ""}
    assert items["no-loss"]["computed"] == {"status": "unknown", "description": ""}
    assert items["R-disk"]["fields"]["scenarios"] == ["QS-crash"]
    assert items["ADR-001"]["fields"]["supports"] == ["QS-crash"]


def test_text_and_latex_builders_write_the_tree_and_table(make_project):
    project = _project(make_project, "rst")
    text = build(project, "text").text("summary")
    assert "* **Performance efficiency** met" in text
    assert "      * Incremental build time (< 3 s) met" in text
    assert "| QS-crash" in text
    latex = build(
        project,
        "latex",
        confoverrides={"latex_documents": [("index", "q.tex", "Q", "T", "manual")]},
    )
    assert latex.archdoc_warnings() == []
    tex = (latex.outdir / "q.tex").read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Performance efficiency}" in tex
    assert "Crash during a build" in tex
    # The badge's classes are nested (Sphinx 8+) or joined (Sphinx 7: "a,b").
    assert re.search(r"Recovery time\}+ \(\\textless\{\} 1 min\) \\DUrole\{archdoc-badge[,}]", tex)


@pytest.mark.slow
def test_a_parallel_build_gives_the_same_tree_and_table(make_project, tmp_path):
    project = _project(make_project, "md")
    serial = build(project)
    parallel_src = tmp_path / "parallel"
    shutil.copytree(project, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_src, parallel=2)
    assert _tree(parallel.html("summary")) == _tree(serial.html("summary"))
    assert parallel.json()["items"] == serial.json()["items"]


def test_filters_select_scenarios_by_status_and_goal(make_project):
    summary = SUMMARY_RST.replace(
        ".. arch-quality-scenario-table::",
        ".. arch-quality-scenario-table::\n   :status: missed\n   :columns: id, goal, status",
    ).replace(".. arch-quality-tree::", ".. arch-quality-tree::\n   :goal: QG-speed")
    result = build(
        make_project({"index.rst": INDEX, "quality.rst": QUALITY_RST, "summary.rst": summary})
    )
    soup = result.html("summary")
    assert table_rows(soup, "archdoc-quality-scenario-table") == [["QS-crash", "QG-safe", "missed"]]
    assert _tree(soup) == EXPECTED_TREE[:5]


def test_goals_sort_by_priority_as_numbers(make_project):
    goals = (
        "".join(f".. arch-quality-goal:: G{n}\n   :priority: {n}\n\n" for n in (10, 2, 1))
        + ".. arch-component-table::\n   :tags: none\n"
    )
    page = "Goals\n=====\n\n" + goals.replace(".. arch-component-table::\n   :tags: none\n", "")
    tree_page = page + (
        "".join(f".. arch-quality-scenario:: S{n}\n   :goal: G{n}\n\n" for n in (10, 2, 1))
        + ".. arch-quality-tree::\n"
    )
    soup = build(make_project({"index.rst": tree_page})).html()
    assert _tree(soup)[1:] == [
        "G1 unknown",
        "S1 unknown",
        "G2 unknown",
        "S2 unknown",
        "G10 unknown",
        "S10 unknown",
    ]


BAD_RST = """\
Bad
===

.. arch-quality-goal:: QG-1
   :priority: first
   :characteristic: speed

.. arch-quality-scenario:: QS-1
   :goal: QG-2
   :artifact: nowhere

.. arch-perf-target:: t-result
   :metric: Latency
   :target: < 200 ms
   :current: 180 ms
   :result: pass
   :scenario: QS-l

.. arch-perf-target:: t-bad-result
   :metric: Output
   :target: output identical
   :result: maybe

.. arch-risk:: R-1
   :scenarios: QG-1

.. arch-adr:: ADR-001
   :supports: QS-1, QS-9
"""


def test_bad_quality_input_gives_located_warnings(make_project):
    result = build(make_project({"index.rst": BAD_RST}))
    warnings = [w.split("index.rst:", 1)[1] for w in result.archdoc_warnings()]
    assert warnings == [
        "4: WARNING: arch-quality-goal: 'QG-1': :characteristic: 'speed' is not a valid "
        "characteristic; expected one of: functional-suitability, performance-efficiency, "
        "compatibility, interaction-capability, reliability, security, maintainability, "
        "flexibility, safety [archdoc.invalid_value]",
        "4: WARNING: arch-quality-goal: 'QG-1': :priority: 'first' is not a whole number "
        "(e.g. 1) [archdoc.invalid_value]",
        "8: WARNING: quality-scenario 'QS-1': :artifact: names unknown component 'nowhere' "
        "[archdoc.unknown_component]",
        "8: WARNING: quality-scenario 'QS-1': :goal: names unknown quality goal 'QG-2' "
        "(did you mean 'QG-1'?) [archdoc.unknown_reference]",
        "12: WARNING: arch-perf-target: 't-result': :result: applies only to a qualitative "
        "target; '< 200 ms' is a quantity, so its status comes from :current: (the :result: "
        "is ignored) [archdoc.invalid_value]",
        "12: WARNING: perf-target 't-result': :scenario: names unknown quality scenario "
        "'QS-l' (did you mean 'QS-1'?) [archdoc.unknown_reference]",
        "19: WARNING: arch-perf-target: 't-bad-result': :result: 'maybe' is not a valid "
        "result; expected one of: pass, fail [archdoc.invalid_value]",
        "24: WARNING: risk 'R-1': :scenarios: names 'QG-1', which is a quality goal, not a "
        "quality scenario [archdoc.unknown_reference]",
        "27: WARNING: adr 'ADR-001': :supports: names unknown quality scenario 'QS-9' "
        "(did you mean 'QS-1'?) [archdoc.unknown_reference]",
    ]
    items = result.items()
    assert items["t-result"]["computed"]["status"] == "met"  # from :current:, not :result:
    assert items["t-bad-result"]["computed"]["status"] == "unknown"


def test_a_qualitative_target_is_not_an_invalid_value(make_project):
    page = (
        "T\n=\n\n"
        ".. arch-perf-target:: a\n   :metric: Output\n   :target: byte-identical\n"
        "   :result: fail\n\n"
        ".. arch-perf-target:: b\n   :metric: Output\n   :target: byte-identical\n"
        "   :current: identical on 3 of 3 runs\n\n"
        ".. arch-perf-table::\n   :columns: id, target, current, status\n"
    )
    result = build(make_project({"index.rst": page}))
    assert result.archdoc_warnings() == []
    assert table_rows(result.html(), "archdoc-perf-table") == [
        ["a", "byte-identical", "", "missed"],
        ["b", "byte-identical", "identical on 3 of 3 runs", "unknown"],
    ]
    assert "'a' (Output) is missed: :result: fail, target byte-identical" in result.status


def test_custom_quality_characteristics(make_project):
    page = (
        "T\n=\n\n.. arch-quality-goal:: G\n   :characteristic: Speed\n\n"
        ".. arch-quality-scenario:: S\n   :goal: G\n\n.. arch-quality-tree::\n"
    )
    conf = 'archdoc_quality_characteristics = ["Speed", "Cost"]\n'
    result = build(make_project({"index.rst": page}, conf=conf))
    assert result.archdoc_warnings() == []
    assert _tree(result.html()) == ["Speed unknown", "G unknown", "S unknown"]


# -- measurements from result files -----------------------------------------------------

BENCH_PAGE = """\
Bench
=====

.. arch-perf-target:: build-mean
   :metric: Mean build time
   :target: < 20 ms
   :current-from: results/bench.json#/benchmarks/0/stats/mean
   :current-unit: s
"""

OTHER_PAGE = """\
Other
=====

.. arch-perf-table::
   :columns: id, current, status
"""


def _bench(mean: float) -> str:
    return json.dumps({"benchmarks": [{"name": "test_build", "stats": {"mean": mean}}]})


@pytest.mark.slow
def test_current_from_reads_the_value_and_rebuilds_only_its_page(make_project, tmp_path):
    project = make_project(
        {
            "index.rst": INDEX.replace("quality\n   summary", "bench\n   other"),
            "bench.rst": BENCH_PAGE,
            "other.rst": OTHER_PAGE,
            "results/bench.json": _bench(0.0123),
        }
    )
    first = build(project)
    assert first.archdoc_warnings() == []
    assert table_rows(first.html("other"), "archdoc-perf-table") == [
        ["build-mean", "0.0123 s", "met"]
    ]
    assert first.items()["build-mean"]["fields"]["current"] == "0.0123 s"
    unchanged = build(project)
    assert "reading sources... [" not in unchanged.status
    time.sleep(0.01)
    results = project / "results/bench.json"
    results.write_text(_bench(0.031), encoding="utf-8")
    os.utime(results, (time.time() + 5, time.time() + 5))
    incremental = build(project)
    assert re.search(r"reading sources\.\.\. \[100%\] bench\s*$", incremental.status, re.M)
    assert table_rows(incremental.html("other"), "archdoc-perf-table") == [
        ["build-mean", "0.031 s", "missed"]
    ]
    clean_src = tmp_path / "clean"
    shutil.copytree(project, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert build(clean_src).json()["items"] == incremental.json()["items"]


@pytest.mark.parametrize(
    ("source", "file_text", "message"),
    [
        (
            "results/none.json#/a",
            None,
            ":current-from: cannot read 'results/none.json': No such file or directory",
        ),
        ("results/r.json#/a", "{not json", ":current-from: 'results/r.json' is not valid JSON"),
        (
            "results/r.json#/benchmarks/0/stats/median",
            _bench(1.0),
            ":current-from: '/benchmarks/0/stats/median' matches nothing: there is no "
            "'/benchmarks/0/stats/median' (keys there: 'mean')",
        ),
        (
            "results/r.json#/benchmarks/2",
            _bench(1.0),
            ":current-from: '/benchmarks/2' matches nothing: '/benchmarks/2' is past the end "
            "of a list of 1",
        ),
        (
            "results/r.json#/benchmarks/0/stats",
            _bench(1.0),
            ":current-from: '/benchmarks/0/stats' names an object, not a number",
        ),
        (
            "results/r.json#benchmarks",
            _bench(1.0),
            ":current-from: 'benchmarks' is not a JSON pointer: it starts with '/'",
        ),
    ],
)
@pytest.mark.slow
def test_a_bad_measurement_source_is_a_located_warning_and_unknown(
    make_project, source, file_text, message
):
    files = {"index.rst": BENCH_PAGE.replace("results/bench.json#/benchmarks/0/stats/mean", source)}
    if file_text is not None:
        files["results/r.json"] = file_text
    result = build(make_project(files))
    assert len(result.archdoc_warnings()) == 1
    warning = result.archdoc_warnings()[0]
    assert "index.rst:4: WARNING: arch-perf-target: 'build-mean': " + message in warning
    assert warning.endswith("; the status is unknown [archdoc.measurement_source]")
    assert result.items()["build-mean"]["computed"]["status"] == "unknown"


def test_current_and_current_from_together_and_a_stray_unit(make_project):
    page = (
        BENCH_PAGE
        + "   :current: 5 ms\n\n.. arch-perf-target:: x\n   :metric: X\n"
        + ("   :target: < 1 s\n   :current: 2 s\n   :current-unit: s\n")
    )
    result = build(make_project({"index.rst": page, "results/bench.json": _bench(0.001)}))
    assert [w.split("WARNING: ", 1)[1] for w in result.archdoc_warnings()] == [
        "arch-perf-target: 'build-mean': both :current: and :current-from: are given; "
        ":current-from: is used [archdoc.invalid_value]",
        "arch-perf-target: 'x': :current-unit: applies only with :current-from: "
        "[archdoc.invalid_value]",
    ]
    assert result.items()["build-mean"]["fields"]["current"] == "0.001 s"


BENCHMARK_TEST = """\
def build_once():
    return sum(range(1000))


def test_build(benchmark):
    assert benchmark(build_once) == 499500
"""


@pytest.mark.slow
def test_real_pytest_benchmark_output_feeds_a_target(make_project, tmp_path):
    """The how-to, end to end: pytest-benchmark writes its JSON, the build reads it."""
    pytest.importorskip("pytest_benchmark")
    bench_dir = tmp_path / "bench"
    bench_dir.mkdir()
    (bench_dir / "test_speed.py").write_text(BENCHMARK_TEST, encoding="utf-8")
    (bench_dir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    project = make_project(
        {"index.rst": BENCH_PAGE.replace("< 20 ms", "< 1 s") + "\n" + OTHER_PAGE[13:]}
    )
    output = project / "results" / "bench.json"
    output.parent.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "pytest_benchmark.plugin",
            "-p",
            "no:cacheprovider",
            "--benchmark-min-rounds=3",
            f"--benchmark-json={output}",
            str(bench_dir),
        ],
        cwd=bench_dir,
        capture_output=True,
        text=True,
        check=False,
        # Not an xdist worker (pytest-benchmark would disable itself), no other plugins.
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        },
    )
    assert run.returncode == 0, run.stdout + run.stderr
    mean = json.loads(output.read_text(encoding="utf-8"))["benchmarks"][0]["stats"]["mean"]
    result = build(project)
    assert result.archdoc_warnings() == []
    [[target_id, current, status]] = table_rows(result.html(), "archdoc-perf-table")
    assert (target_id, status) == ("build-mean", "met")
    assert float(current.removesuffix(" s")) == pytest.approx(mean)


# -- the status badge in a scenario's and a goal's own block ---------------------------


def _block_titles(soup, kind: str) -> dict[str, tuple[str, list[str]]]:
    """ID -> (title line, the badge classes in it) of every block of ``kind``."""
    result = {}
    for title in soup.select(f".archdoc-{kind} p.archdoc-item-title"):
        item_id = title.select_one(".archdoc-id")
        key = item_id.get_text() if item_id else title.find("strong").get_text()
        badges = [
            cls
            for span in title.select(".archdoc-badge")
            for cls in span["class"]
            if cls.startswith("archdoc-badge-status-")
        ]
        result[key] = (title.get_text(" ", strip=True), badges)
    return result


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_scenario_and_goal_blocks_show_the_status_from_their_measures(make_project, markup):
    soup = build(_project(make_project, markup)).html("quality")
    assert _block_titles(soup, "quality-scenario") == {
        "QS-build": (
            "Quality scenario Incremental build QS-build met",
            ["archdoc-badge-status-met"],
        ),
        "QS-crash": (
            "Quality scenario Crash during a build QS-crash missed",
            ["archdoc-badge-status-missed"],
        ),
    }
    assert _block_titles(soup, "quality-goal") == {
        "QG-speed": ("Quality goal Fast feedback QG-speed met", ["archdoc-badge-status-met"]),
        "QG-safe": ("Quality goal No lost work QG-safe missed", ["archdoc-badge-status-missed"]),
    }


def test_scenario_block_status_in_text_and_latex(make_project):
    project = _project(make_project, "rst")
    text = build(project, "text").text("quality")
    assert 'Quality scenario **Incremental build** "QS-build" met' in text
    assert 'Quality scenario **Crash during a build** "QS-crash" missed' in text
    latex = build(
        project,
        "latex",
        confoverrides={"latex_documents": [("index", "q.tex", "Q", "T", "manual")]},
    )
    tex = (latex.outdir / "q.tex").read_text(encoding="utf-8")
    assert re.search(
        r"\{Crash during a build\} \\sphinxcode\{\\sphinxupquote\{QS\\sphinxhyphen\{\}crash\}\} "
        r"\\DUrole\{archdoc-badge[,}].*archdoc-badge-status-missed\}\{missed\}",
        tex,
    )


SCENARIO_PAGES = {
    "rst": "Scenario\n========\n\n.. arch-quality-scenario:: QS-fast\n   :title: Fast builds\n",
    "md": "# Scenario\n\n```{arch-quality-scenario} QS-fast\n:title: Fast builds\n```\n",
}

BENCH_PAGE_MD = """\
# Bench

```{arch-perf-target} build-mean
:metric: Mean build time
:target: < 20 ms
:current-from: results/bench.json#/benchmarks/0/stats/mean
:current-unit: s
:scenario: QS-fast
```
"""


@pytest.mark.slow
@pytest.mark.parametrize(("markup", "parallel"), [("rst", 0), ("md", 2)])
def test_a_scenario_block_follows_its_measure_in_an_incremental_build(
    make_project, tmp_path, markup, parallel
):
    """The measure is on another page and reads a result file: when the file
    changes only the measure's page is read again, and the scenario's page is
    rewritten with the new status."""
    bench = BENCH_PAGE + "   :scenario: QS-fast\n" if markup == "rst" else BENCH_PAGE_MD
    project = make_project(
        {
            "index.rst": INDEX.replace("quality\n   summary", "bench\n   scenario"),
            f"bench.{markup}": bench,
            f"scenario.{markup}": SCENARIO_PAGES[markup],
            "results/bench.json": _bench(0.0123),
        }
    )
    first = build(project, parallel=parallel)
    assert first.archdoc_warnings() == []
    assert _block_titles(first.html("scenario"), "quality-scenario")["QS-fast"][1] == [
        "archdoc-badge-status-met"
    ]
    results = project / "results/bench.json"
    results.write_text(_bench(0.031), encoding="utf-8")
    os.utime(results, (time.time() + 5, time.time() + 5))
    incremental = build(project, parallel=parallel)
    assert re.search(r"reading sources\.\.\. \[100%\] bench\s*$", incremental.status, re.M)
    assert _block_titles(incremental.html("scenario"), "quality-scenario")["QS-fast"] == (
        "Quality scenario Fast builds QS-fast missed",
        ["archdoc-badge-status-missed"],
    )
    clean_src = tmp_path / "clean"
    shutil.copytree(project, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, parallel=2 - parallel)
    assert str(clean.html("scenario").select_one(".archdoc-quality-scenario")) == str(
        incremental.html("scenario").select_one(".archdoc-quality-scenario")
    )


def test_a_filtered_tree_shows_a_goals_own_status(make_project):
    """The tree may show only some of a goal's scenarios; the goal's status
    is still the goal's, from all of them, as its block and tables say."""
    page = (
        "T\n=\n\n.. arch-quality-goal:: G\n   :characteristic: reliability\n\n"
        ".. arch-quality-scenario:: S1\n   :goal: G\n\n"
        ".. arch-quality-scenario:: S2\n   :goal: G\n\n"
        ".. arch-perf-target:: m1\n   :metric: M1\n   :target: < 1 s\n   :current: 0.5 s\n"
        "   :scenario: S1\n\n"
        ".. arch-perf-target:: m2\n   :metric: M2\n   :target: < 1 s\n   :current: 2 s\n"
        "   :scenario: S2\n\n"
        ".. arch-quality-tree::\n   :status: met\n"
    )
    result = build(make_project({"index.rst": page}))
    assert result.archdoc_warnings() == []
    assert _tree(result.html()) == ["Reliability missed", "G missed", "S1 met", "M1 (< 1 s) met"]
    assert result.items()["G"]["computed"]["status"] == "missed"
