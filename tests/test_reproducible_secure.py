"""Reproducible output and hostile text."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from conftest import build, table_rows

HOSTILE = '<script>alert("x")</script>" onmouseover="alert(1)'

PROJECT = {
    "index.rst": (
        "Index\n=====\n\n.. toctree::\n\n   summary\n\n"
        ".. arch-component:: web\n"
        f"   :title: {HOSTILE}\n"
        f"   :purpose: {HOSTILE}\n"
        "   :layer: presentation\n"
        "   :depends-on: api\n\n"
        ".. arch-component:: api\n   :title: API\n   :layer: application\n\n"
        ".. arch-risk:: r1\n   :impact: high\n   :probability: high\n   :mitigation: Replicas\n"
        "   :review: 2025-01-01\n\n"
        ".. arch-question:: q1\n   :due: 2025-06-01\n"
    ),
    "summary.rst": (
        "Summary\n=======\n\n"
        ".. arch-component-table::\n   :columns: id, title, purpose, depends-on, dependents\n\n"
        ".. arch-risk-register::\n"
    ),
}


def test_user_text_is_escaped_in_blocks_and_tables(make_project):
    result = build(make_project(PROJECT))
    for docname in ("index", "summary"):
        html = (result.outdir / f"{docname}.html").read_text()
        assert "<script>alert" not in html
        assert 'onmouseover="alert(1)' not in html
        assert "&lt;script&gt;alert(" in html
    rows = table_rows(result.html("summary"), "archdoc-component-table")
    assert rows[1][1] == HOSTILE


def test_two_clean_builds_give_identical_bytes(make_project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first_src = make_project(PROJECT, name="first")
    second_src = tmp_path / "second"
    shutil.copytree(first_src, second_src)
    first = build(first_src)
    second = build(second_src)
    for name in ("archdoc.json", "summary.html", "index.html"):
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name


def test_source_date_epoch_decides_what_is_overdue(make_project, monkeypatch):
    src = make_project(PROJECT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01: nothing overdue yet
    early = build(src, freshenv=True)
    assert not [w for w in early.archdoc_warnings() if "overdue" in w]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    late = build(src, freshenv=True)
    overdue = sorted(w.split("[")[-1] for w in late.archdoc_warnings() if "overdue" in w)
    assert overdue == ["archdoc.question_overdue]", "archdoc.review_overdue]"]


@pytest.mark.slow
def test_no_eval_exec_or_pickle_loads_in_the_package():
    package = Path(__file__).parent.parent / "src" / "sphinx_archdoc"
    forbidden = {"eval", "exec", "loads", "load", "__import__"}
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                if (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in ("pickle", "marshal", "shelve")
                ):
                    name = f"{func.value.id}.{func.attr}"
                assert name not in forbidden, f"{path}:{node.lineno} calls {name}"
                assert not (name or "").startswith(("pickle.", "marshal.", "shelve.")), (
                    f"{path}:{node.lineno} calls {name}"
                )


EXAMPLE = Path(__file__).parent.parent / "example_project"


@pytest.mark.slow
def test_two_clean_builds_of_the_example_project_are_byte_identical(tmp_path, monkeypatch):
    """Every page and archdoc.json, built in two different folders."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    results = []
    for name in ("first", "second"):
        src = tmp_path / name
        shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("_build"))
        results.append(build(src, freshenv=True))
    first, second = results
    pages = sorted(p.relative_to(first.outdir) for p in first.outdir.rglob("*.html"))
    assert {"summary.html", "findings.html"} <= {str(p) for p in pages}
    for name in [*pages, Path("archdoc.json"), Path("searchindex.js")]:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name


@pytest.mark.slow
def test_a_parallel_build_of_the_example_project_gives_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    for src in (serial_src, parallel_src):
        shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("_build"))
    serial = build(serial_src, freshenv=True)
    parallel = build(parallel_src, freshenv=True, parallel=2)
    for name in ("summary.html", "findings.html", "archdoc.json"):
        assert (serial.outdir / name).read_bytes() == (parallel.outdir / name).read_bytes(), name


DATED = {
    "index.rst": (
        "Index\n=====\n\n.. toctree::\n\n   summary\n\n"
        ".. arch-status::\n   :status: review\n   :next-review: 2025-03-01\n\n"
        ".. arch-risk:: r1\n   :impact: low\n   :probability: low\n   :review: 2025-01-01\n\n"
        ".. arch-question:: q1\n   :due: 2025-06-01\n"
    ),
    "summary.rst": (
        "Summary\n=======\n\n"
        ".. arch-question-list::\n   :columns: id, due, overdue\n\n"
        ".. arch-status-table::\n   :columns: docname, next-review, overdue\n\n"
        ".. arch-findings::\n   :columns: check, message\n"
    ),
}
EARLY, LATE = "1704067200", "1767225600"  # 2024-01-01, 2026-01-01


def dated_view(result):
    soup = result.html("summary")
    findings = soup.select_one("table.archdoc-findings")
    return {
        "warnings": sorted(w.split("[")[-1] for w in result.archdoc_warnings()),
        "questions": table_rows(soup, "archdoc-question-list"),
        "statuses": table_rows(soup, "archdoc-status-table"),
        "findings": table_rows(soup, "archdoc-findings") if findings else [],
        "computed": {i["id"]: i["computed"].get("overdue") for i in result.json()["items"]},
    }


def test_source_date_epoch_decides_every_date_dependent_result(make_project, monkeypatch):
    src = make_project(DATED)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EARLY)
    early = dated_view(build(src, freshenv=True))
    assert early["warnings"] == []
    assert early["questions"] == [["q1", "2025-06-01", "no"]]
    assert early["statuses"] == [["Index", "2025-03-01", "no"]]
    assert early["computed"] == {"q1": False, "r1": None, "index": False}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATE)
    late = dated_view(build(src, freshenv=True))
    assert late["warnings"] == [
        "archdoc.question_overdue]",
        "archdoc.review_overdue]",
        "archdoc.review_overdue]",
    ]
    assert late["questions"] == [["q1", "2025-06-01 overdue", "yes"]]
    assert late["statuses"] == [["Index", "2025-03-01 overdue", "yes"]]
    assert late["computed"] == {"q1": True, "r1": None, "index": True}
    assert all("(today is 2026-01-01)" in row[1] for row in late["findings"])


def test_an_incremental_build_on_a_later_day_shows_what_a_clean_build_shows(
    make_project, monkeypatch
):
    """Nothing changed but the date: overdue marks still appear, even with the
    overdue checks switched off (so no finding changes either)."""
    conf = 'archdoc_checks = {"review_overdue": "off", "question_overdue": "off"}\n'
    src = make_project(DATED, conf=conf)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EARLY)
    build(src, freshenv=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", LATE)
    incremental = dated_view(build(src))
    clean = dated_view(build(src, freshenv=True))
    assert incremental == clean
    assert incremental["statuses"] == [["Index", "2025-03-01 overdue", "yes"]]


def test_hostile_text_is_escaped_on_every_page_and_in_every_summary(make_project):
    """User text reaches blocks, every summary, findings messages (which quote
    what the author wrote) and the graph; none of it becomes markup."""
    h = HOSTILE
    rst = (
        "Index\n=====\n\n.. toctree::\n\n   summary\n   page\n\n"
        f".. arch-status::\n   :status: review\n   :sign-off: {h}\n\n"
        f".. arch-component:: c1\n   :title: {h}\n   :layer: data\n   :depends-on: c2\n"
        f"   :technology: {h}\n\n"
        f".. arch-component:: c2\n   :title: {h}\n   :layer: {h}\n\n"
        f".. arch-risk:: r1\n   :title: {h}\n   :impact: high\n   :probability: high\n"
        f"   :components: c1\n\n"
        f".. arch-perf-target:: p1\n   :metric: {h}\n   :target: < 2 ms\n   :current: {h}\n\n"
        f".. arch-adr:: ADR-1\n   :title: {h}\n   :status: {h}\n\n"
        f".. adr-link:: ADR-1\n   :title: {h}\n\n"
        f".. arch-question:: q1\n   :title: {h}\n   :owner: {h}\n\n"
        f".. arch-risk:: r2\n   :components: {h}\n"
    )
    md = f"# Page\n\n```{{arch-component}} m1\n:title: {h}\n:purpose: {h}\n```\n"
    summary = (
        "Summary\n=======\n\n"
        + "\n".join(
            f".. {d}::\n"
            for d in (
                "arch-component-table",
                "arch-risk-register",
                "arch-risk-matrix",
                "arch-perf-table",
                "arch-adr-index",
                "arch-question-list",
                "arch-status-table",
                "arch-dependency-graph",
                "arch-findings",
            )
        )
        + f"\n.. arch-component-table::\n   :caption: {h}\n   :columns: id, technology\n"
    )
    result = build(make_project({"index.rst": rst, "page.md": md, "summary.rst": summary}))
    assert "Traceback" not in result.warnings
    pages = list(result.outdir.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page.name
        assert 'onmouseover="alert(1)' not in html, page.name
    summary_html = (result.outdir / "summary.html").read_text(encoding="utf-8")
    assert summary_html.count("&lt;script&gt;alert(") >= 8
    findings = table_rows(result.html("summary"), "archdoc-findings")
    assert any(h in row[2] for row in findings)  # shown as text, in full
    exported = (result.outdir / "archdoc.json").read_text(encoding="utf-8")
    assert "<script>" in exported  # JSON keeps the text; it is data, not markup
