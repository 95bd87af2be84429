"""Reproducible output and hostile text."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

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
