"""The LaTeX (PDF) output: item blocks, summary tables and links survive."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import build

EXAMPLE = Path(__file__).parent.parent / "example_project"

PAGE = """\
Architecture
============

.. arch-component:: api
   :title: API
   :layer: application
   :depends-on: store

   Serves every request; see :arch:comp:`store`.

.. arch-component:: store
   :title: Store
   :layer: data

.. arch-component-table::
   :columns: id, title, layer, depends-on, dependents
   :caption: Components
"""

LATEX_CONF = 'latex_documents = [("index", "arch.tex", "Arch", "Team", "manual")]\n'


def _tex(result: Any) -> str:
    return (Path(result.outdir) / "arch.tex").read_text(encoding="utf-8")


def test_latex_has_item_anchors_tables_and_resolved_links(make_project: Any) -> None:
    result = build(make_project({"index.rst": PAGE}, conf=LATEX_CONF), "latex")
    assert result.warning_lines == []
    tex = _tex(result)

    assert r"\label{\detokenize{index:component-api}}" in tex
    assert r"\label{\detokenize{index:component-store}}" in tex
    # The dependency in the block, the role and the table cells are real links.
    assert tex.count(r"\hyperref[\detokenize{index:component-store}]") >= 3
    assert r"\caption{Components\strut}" in tex  # a longtable's caption
    # A longtable with a column specification that fits its content.
    assert "\\begin{longtable}{\\X{" in tex
    assert r"\begin{tabulary}" not in tex
    assert "archdoc_summary" not in tex
    assert "pending_xref" not in tex


def test_long_summary_tables_become_longtables(make_project: Any) -> None:
    components = "".join(f".. arch-component:: c{n:02d}\n   :layer: data\n\n" for n in range(35))
    page = "Big\n===\n\n" + components + ".. arch-component-table::\n"
    result = build(make_project({"index.rst": page}, conf=LATEX_CONF), "latex")
    assert result.warning_lines == []
    tex = _tex(result)
    assert r"\begin{longtable}" in tex
    assert r"\endhead" in tex  # the header repeats on every page


def _table_specs(tex: str) -> list[list[int]]:
    """The column widths (in thousandths of the line) of every longtable."""
    specs = re.findall(r"\\begin\{longtable\}\{([^\n]*)\}\n", tex)
    return [[int(w) for w in re.findall(r"\\X\{(\d+)\}\{900\}", spec)] for spec in specs]


def test_every_summary_table_breaks_across_pages_and_fits_the_line(make_project: Any) -> None:
    adrs = "".join(
        f".. arch-adr:: ADR-{n}\n   :title: Decision {n}\n   :status: accepted\n\n"
        for n in range(1, 21)
    )
    page = (
        "Decisions\n=========\n\n" + adrs + ".. arch-adr-index::\n   :columns: id, title, status\n"
    )
    result = build(make_project({"index.rst": page}, conf=LATEX_CONF), "latex")
    tex = _tex(result)
    # 20 rows: a longtable (it breaks across pages), not one unbreakable box.
    assert tex.count(r"\begin{longtable}") == 1
    assert r"\endhead" in tex
    [widths] = _table_specs(tex)
    assert sum(widths) <= 900
    # The status column holds "accepted" whole (it used to be cut to "accepte").
    status = widths[2]
    assert status * 469.75 / 900 - 12 >= len("accepted") * 5


def test_long_ids_and_enum_values_get_columns_as_wide_as_they_are(make_project: Any) -> None:
    long_id = "payments-gateway-adapter-for-the-legacy-clearing-house"
    page = (
        "Risks\n=====\n\n"
        f".. arch-component:: {long_id}\n   :layer: infrastructure\n\n"
        ".. arch-risk:: r1\n   :impact: medium\n   :probability: high\n"
        f"   :components: {long_id}\n   :mitigation: {'Retry with backoff. ' * 10}\n\n"
        ".. arch-component-table::\n   :columns: id, title, layer, status, owner\n\n"
        ".. arch-risk-register::\n"
        "   :columns: id, title, category, impact, probability, score, band, status,"
        " owner, components, mitigation\n"
    )
    tex = _tex(build(make_project({"index.rst": page}, conf=LATEX_CONF), "latex"))
    components, register = _table_specs(tex)
    assert all(sum(spec) <= 900 for spec in (components, register))
    # The ID column is the widest of the component table: the ID is one word.
    assert components[0] == max(components)
    # Eleven columns do not fit at the normal size: the register is set smaller.
    assert any(f"\\begingroup\\{size}" in tex for size in ("footnotesize", "scriptsize", "tiny"))


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="needs latexmk (TeX Live)")
def test_the_example_pdf_has_no_overfull_table_cells(tmp_path: Path) -> None:
    source = tmp_path / "example"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("_build"))
    result = build(source, "latex")
    tex = next(result.outdir.glob("*.tex"))
    run = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=result.outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    log = tex.with_suffix(".log").read_text("utf-8", errors="replace")
    lines = tex.read_text("utf-8").splitlines()
    tables = [(start, end) for start, end in _longtable_spans(lines)]
    overfull = [
        int(m.group(1))
        for m in re.finditer(
            r"Overfull \\hbox \([^)]*\) (?:in paragraph|in alignment|detected) at lines? (\d+)", log
        )
    ]
    in_tables = [line for line in overfull if any(s <= line <= e for s, e in tables)]
    assert tables
    assert in_tables == []


def _longtable_spans(lines: list[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.startswith(r"\begin{longtable}"):
            start = number
        elif line.startswith(r"\end{longtable}"):
            spans.append((start, number))
    return spans
