"""The benchmark corpus (benchmarks/corpus.py) builds, and its renderings agree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import build, table_rows

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import corpus


def test_corpus_is_deterministic() -> None:
    first = corpus.render(corpus.generate(20, per_doc=5), "archdoc")
    second = corpus.render(corpus.generate(20, per_doc=5), "archdoc")
    assert first == second


def test_corpus_mixes_components_risks_and_targets() -> None:
    data = corpus.generate(60, per_doc=10)
    assert len(data.documents) == 6
    assert data.count("component") == 30
    assert data.count("risk") == 20
    assert data.count("perf-target") == 10


@pytest.mark.slow
def test_archdoc_corpus_builds_cleanly_and_summaries_list_every_item(tmp_path: Path) -> None:
    data = corpus.generate(20, per_doc=5)
    corpus.write_tree(tmp_path, corpus.render(data, "archdoc"))
    result = build(tmp_path)
    assert result.warning_lines == []
    soup = result.html("summary")
    assert len(table_rows(soup, "archdoc-component-table")) == data.count("component")
    assert len(table_rows(soup, "archdoc-risk-register")) == data.count("risk")
    assert len(table_rows(soup, "archdoc-perf-table")) == data.count("perf-target")


@pytest.mark.slow
@pytest.mark.parametrize("summary", [True, False])
def test_hand_written_corpus_builds_cleanly(tmp_path: Path, summary: bool) -> None:
    data = corpus.generate(20, per_doc=5)
    corpus.write_tree(tmp_path, corpus.render(data, "plain", summary=summary))
    result = build(tmp_path)
    assert result.warning_lines == []
    assert (result.outdir / "summary.html").exists() is summary
    if summary:
        rows = result.html("summary").select("tbody tr")
        assert len(rows) == len(data.entries)


@pytest.mark.slow
def test_an_edit_changes_one_document_and_the_hand_written_summary(tmp_path: Path) -> None:
    data = corpus.generate(20, per_doc=5)
    edited = corpus.edited(data, 1, 1)
    for variant, expected in (
        ("archdoc", ["docs/sub00001.rst"]),
        ("plain", ["summary.rst", "docs/sub00001.rst"]),
    ):
        root = tmp_path / variant
        corpus.write_tree(root, corpus.render(data, variant))
        assert corpus.write_tree(root, corpus.render(edited, variant)) == expected


@pytest.mark.slow
def test_archdoc_summary_is_current_after_an_edit(tmp_path: Path) -> None:
    data = corpus.generate(20, per_doc=5)
    corpus.write_tree(tmp_path, corpus.render(data, "archdoc"))
    build(tmp_path)
    corpus.write_tree(tmp_path, corpus.render(corpus.edited(data, 1, 7), "archdoc"))
    result = build(tmp_path)
    purposes = [row[3] for row in table_rows(result.html("summary"), "archdoc-component-table")]
    assert sum("Revised in edit 7." in purpose for purpose in purposes) == 1


def test_local_sidebars_leave_out_the_global_table_of_contents(tmp_path: Path) -> None:
    data = corpus.generate(20, per_doc=5)
    theme = corpus.render(data, "plain")
    local = corpus.render(data, "plain", sidebars="local")
    assert "html_sidebars" not in theme["conf.py"]
    assert '"localtoc.html"' in local["conf.py"]
    assert "navigation.html" not in local["conf.py"]
    assert {k: v for k, v in local.items() if k != "conf.py"} == {
        k: v for k, v in theme.items() if k != "conf.py"
    }
    corpus.write_tree(tmp_path, local)
    assert build(tmp_path).warning_lines == []


def test_benchmark_options_for_scaling() -> None:
    import run

    args = run.parse_args(["--scenarios", "scaling", "--sidebars", "local"])
    assert args.sidebars == "local"
    assert args.scaling_variants == ["archdoc", "plain"]
    assert args.scaling == [500, 5000]


def test_a_component_field_edit_changes_one_field_of_one_document() -> None:
    data = corpus.generate(20, per_doc=5)
    titled = corpus.with_component_field(data, 2, "title", "revised in edit 1")
    purposed = corpus.with_component_field(data, 2, "purpose", "revised in edit 1")
    for edited, field in ((titled, "title"), (purposed, "purpose")):
        before, after = corpus.render(data, "archdoc"), corpus.render(edited, "archdoc")
        (changed,) = [name for name in before if before[name] != after[name]]
        assert changed == f"{data.documents[2].name}.rst"
        assert f":{field}: " in "".join(
            line for line in after[changed].splitlines() if "revised in edit 1" in line
        )


def test_edit_scale_goals_are_judged_at_20000_items_only() -> None:
    import run

    def samples(*seconds: float) -> list[run.Sample]:
        return [run.Sample(s, 100.0) for s in seconds]

    result = run.Result("edit-scale", "", {})
    for size, field, title in ((5000, 2.0, 9.0), (20000, 1.0, 2.0)):
        result.samples[f"clean@{size}"] = samples(10.0, 10.0)
        result.samples[f"field@{size}"] = samples(field, field)
        result.samples[f"title@{size}"] = samples(title, title)
    goals = {
        goal: (measured, ok)
        for goal, _, measured, ok in run.evaluate_goals({"edit-scale": result}, None)
    }
    assert goals["field edit vs clean build, 20,000 items"] == ("0.10x (0.10-0.10)", True)
    assert goals["title edit vs clean build, 20,000 items"] == ("0.20x (0.20-0.20)", True)
    assert goals["title edit vs clean build, 5,000 items"] == ("0.90x (0.90-0.90)", None)
    assert run.parse_args(["--scenarios", "edit-scale"]).edit_scale == [20000]
    assert "edit-scale" not in run.parse_args([]).scenarios


@pytest.mark.slow
def test_c4_corpus_builds_cleanly_with_its_hierarchy_relations_and_scenarios(
    tmp_path: Path,
) -> None:
    import json

    data = corpus.generate(200, per_doc=10)
    corpus.write_tree(tmp_path, corpus.render(data, "archdoc", c4=True, sidebars="local"))
    result = build(tmp_path)
    assert result.warning_lines == []
    document = json.loads((result.outdir / "archdoc.json").read_text(encoding="utf-8"))
    by_kind: dict[str, list[dict]] = {}
    for item in document["items"]:
        by_kind.setdefault(item["kind"], []).append(item)
    components = by_kind["component"]
    types = [c["fields"]["type"] for c in components]
    assert types.count("system") == -(-len(components) // corpus.SYSTEM_EVERY)
    systems = {c["id"] for c in components if c["fields"]["type"] == "system"}
    containers = [c for c in components if c["fields"]["type"] == "container"]
    assert {c["fields"]["parent"] for c in containers} <= systems
    assert len(by_kind["actor"]) == corpus.ACTORS
    assert len(by_kind["quality-scenario"]) == len(data.documents)
    assert len(by_kind["quality-goal"]) == 2
    assert {s["computed"]["status"] for s in by_kind["quality-scenario"]} >= {"met", "missed"}
    assert len(by_kind["relation"]) > len(data.documents)
    # The views page draws a context and a container view of the first systems.
    assert result.html("people").select("pre.mermaid, div.mermaid")


def test_new_work_counts_only_functions_that_exist() -> None:
    import new_work

    files, functions = new_work._targets()
    assert len(files) == sum(1 for names in new_work.NEW_WORK.values() if names is None)
    assert functions
