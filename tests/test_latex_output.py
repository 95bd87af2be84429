"""The LaTeX (PDF) output: item blocks, summary tables and links survive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import build

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
    assert r"\sphinxcaption{Components}" in tex
    assert r"\begin{tabulary}" in tex
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
