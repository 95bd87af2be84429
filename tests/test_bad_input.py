"""The bad-input catalogue: every mistake a user can make gives one located,
typed archdoc warning; the build never shows a traceback; valid items survive.

``tests/roots/test-bad-input`` holds the mistakes (one per directive block,
with a comment-free layout so line numbers stay stable);
``expected-warnings.txt`` beside it is the exact list a user sees, with paths
relative to the project.  When a message changes on purpose, update that file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOTS, build, table_rows

EXPECTED = ROOTS / "test-bad-input" / "expected-warnings.txt"
LOCATED = re.compile(r"^[\w./-]+\.(rst|md):\d+: WARNING: .+ \[archdoc\.[a-z_]+\]$")

#: Every item written correctly, plus every item whose ID is valid but whose
#: options have mistakes (kept with its valid options).
SURVIVORS = {
    "component": {
        "web", "api", "db", "cache", "c-adr", "c-depends", "c-empty", "c-in-note",
        "c-in-only", "c-in-table", "c-included", "c-layer", "c-long", "c-option",
        "c-status", "c-unknown-dep", "loop-a", "loop-b", "bb-system", "bb-box", "bb-orphan",
        "bb-upside", "bb-loop-a", "bb-loop-b", "bb-kind",
    },
    "risk": {
        "r-ok", "r-bad-date", "r-category", "r-components", "r-impact", "r-not-date",
        "r-overdue", "r-probability", "r-status", "r-unmitigated",
    },
    "perf-target": {
        "p-ok", "p-bad-current", "p-bad-target", "p-missed", "p-no-metric", "p-no-target",
        "p-option", "p-repeated", "p-units",
    },
    "adr": {
        "0001-use-postgres", "0002-use-kafka", "0009-duplicate-a", "0009-duplicate-b",
        "ADR-010", "ADR-011",
    },
    "question": {"q-ok", "q-components", "q-due", "q-overdue", "q-status"},
    "actor": {"bb-user"},
    "deployment-node": {"dn-lost", "dn-loop-a", "dn-loop-b"},
    "flow": {"fl-broken", "fl-empty"},
    "relation": {""},  # relations have no ID of their own
    "status": {"questions", "summaries"},
}  # fmt: skip


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    import os
    import shutil

    src = tmp_path_factory.mktemp("bad") / "bad-input"
    shutil.copytree(ROOTS / "test-bad-input", src)
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01
    try:
        yield build(src, "html", freshenv=True)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def relative(result, lines: list[str]) -> list[str]:
    prefix = str(result.srcdir) + "/"
    return [line.replace(prefix, "") for line in lines]


def test_the_catalogue_has_at_least_forty_distinct_mistakes():
    lines = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert len(set(lines)) == len(lines) >= 40


def test_every_mistake_gives_exactly_the_expected_located_archdoc_warning(bad_build):
    seen = sorted(relative(bad_build, bad_build.warning_lines))
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert seen == expected
    for line in seen:
        assert LOCATED.match(line), line


def test_no_traceback_and_no_docutils_error_from_our_directives(bad_build):
    output = bad_build.warnings + bad_build.status
    assert "Traceback" not in output
    assert "Exception occurred" not in output
    assert "[docutils]" not in output
    assert "[myst" not in output


def test_every_valid_item_survives(bad_build):
    found: dict[str, set[str]] = {}
    for item in bad_build.json()["items"]:
        found.setdefault(item["kind"], set()).add(item["id"])
    assert found == SURVIVORS


def test_valid_options_of_a_faulty_item_are_kept(bad_build):
    items = bad_build.items()
    assert items["c-option"]["fields"]["status"] == "active"
    assert items["web"]["fields"]["cost"] == "100 EUR"
    assert items["web"]["title"] == "Web front end ✓ ünïcødé"
    assert items["p-repeated"]["fields"]["target"] == "< 100 ms"
    assert items["r-impact"]["fields"]["probability"] == "low"
    assert "impact" not in items["r-impact"]["fields"]


def test_summaries_with_bad_options_still_render(bad_build):
    soup = bad_build.html("summaries")
    ids = [row[0] for row in table_rows(soup, "archdoc-component-table")]
    assert "web" in ids
    assert "c-included" in ids
    assert soup.select_one("table.archdoc-risk-matrix") is not None
    assert soup.select_one("table.archdoc-findings") is not None


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_report_the_same_and_never_crash(tmp_path, monkeypatch, builder):
    """A summary inside a table cell becomes a list where tables cannot nest."""
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "bad-input"
    shutil.copytree(ROOTS / "test-bad-input", src)
    result = build(src, builder, freshenv=True)
    assert "Traceback" not in result.warnings + result.status
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert sorted(relative(result, result.warning_lines)) == expected
    if builder == "text":
        flat = " ".join(result.text("summaries").replace("|", " ").split())
        assert "* r-ok; Title: Disk full; Impact: high; Probability: medium" in flat


def test_a_repeated_option_in_rest_is_the_docutils_error_users_see(make_project):
    """docutils rejects a reST directive with a repeated option before the
    directive runs; the message names the option and the line (documented in
    the Guarantees page), and the build goes on."""
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n"
            ".. arch-component:: dup\n   :layer: data\n   :layer: application\n\n"
            ".. arch-component:: fine\n   :layer: data\n"
        }
    )
    result = build(src)
    lines = relative(result, result.warning_lines)
    assert lines[0] == 'index.rst:4: ERROR: Error in "arch-component" directive:'
    assert 'duplicate option "layer"' in result.warnings
    assert set(result.items()) == {"fine"}


def test_a_repeated_option_in_myst_is_an_archdoc_warning(make_project):
    src = make_project(
        {"index.md": "# Index\n\n```{arch-component} dup\n:layer: data\n:layer: application\n```\n"}
    )
    result = build(src)
    assert relative(result, result.warning_lines) == [
        "index.md:3: WARNING: arch-component: the :layer: option is given more than once; "
        "the last is used [archdoc.invalid_value]"
    ]
    assert result.items()["dup"]["fields"]["layer"] == "application"


def test_the_root_uses_every_directive(bad_build):
    from sphinx_archdoc.directives.items import ITEM_DIRECTIVES
    from sphinx_archdoc.summaries import SUMMARIES

    text = "".join(
        p.read_text(encoding="utf-8")
        for p in Path(ROOTS / "test-bad-input").rglob("*")
        if p.suffix in (".rst", ".md")
    )
    for name in (*ITEM_DIRECTIVES, *SUMMARIES, "adr-link"):
        assert f".. {name}::" in text or f"{{{name}}}" in text, name
