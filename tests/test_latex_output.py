"""The LaTeX (PDF) output: item blocks, summary tables and links survive."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from conftest import build

EXAMPLE = Path(__file__).parent.parent / "example_project"
SCRIPTS = Path(__file__).parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

import pdf_pages  # noqa: E402  (scripts/pdf_pages.py)


def needs(*programs: str) -> None:
    """Skip without the programs, except in CI (``.ci/run`` installs them):
    there a missing program fails the test instead of skipping it silently."""
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have {', '.join(missing)} (.ci/run installs them)")
    pytest.skip(f"needs {', '.join(missing)}")


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


@pytest.mark.slow
def test_the_example_pdf_has_no_overfull_table_cells_and_nothing_leaves_the_text_area(
    tmp_path: Path,
) -> None:
    needs("latexmk", "pdftoppm")
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
    # The pages as a reader sees them: no ink in the margins or under the text.
    assert pdf_pages.check(result.outdir) == []
    pages = sorted((result.outdir / "pages").glob("*.png"))
    assert len(pages) >= 10
    assert pages[0].read_bytes().startswith(b"\x89PNG")


GEOMETRY_LOG = """\
*geometry* verbose mode - [ preamble ] result:
* paper: letterpaper
* modes: twoside
* h-part:(L,W,R)=(72.26999pt, 469.75502pt, 72.26999pt)
* v-part:(T,H,B)=(72.26999pt, 650.43001pt, 72.26999pt)
* \\paperwidth=614.295pt
* \\paperheight=794.96999pt
* \\textwidth=469.75502pt
"""


def _page(ink: list[tuple[int, int]]) -> pdf_pages.Image:
    """A 425 x 550 white page (letter paper at 50 dpi) with ink at (x, y)."""
    pixels = bytearray(b"\xff" * (425 * 550))
    for x, y in ink:
        pixels[y * 425 + x] = 0
    return pdf_pages.Image(425, 550, bytes(pixels))


def test_the_page_check_reads_the_geometry_and_finds_ink_outside_the_text_area() -> None:
    geometry = pdf_pages.Geometry.from_log(GEOMETRY_LOG)
    assert geometry.left == pytest.approx(72.27, abs=0.01)
    assert geometry.width == pytest.approx(469.755)
    assert geometry.twoside
    # Text edge to edge (columns 50-374, rows 50-499) and the footer are fine.
    inside = [(50, 60), (374, 60), (200, 499), (200, 515), (374, 520)]
    assert pdf_pages.overruns(_page(inside), geometry, 3) == []
    # A table running into the right margin, or down towards the footer.
    assert pdf_pages.overruns(_page([(390, 100), (400, 120)]), geometry, 4) == [
        "page 4: ink in the right margin, rows 100-120 of 550 (2 rows)"
    ]
    assert pdf_pages.overruns(_page([(20, 300)]), geometry, 5) == [
        "page 5: ink in the left margin, rows 300-300 of 550 (1 rows)"
    ]
    # The last line's descenders may hang below the text area (\maxdepth).
    assert pdf_pages.overruns(_page([(200, 503)]), geometry, 6) == []
    assert pdf_pages.overruns(_page([(200, 508)]), geometry, 6) == [
        "page 6: ink below the text area (rows 508-508, the text ends at row 500)"
    ]
    with pytest.raises(ValueError, match="h-part"):
        pdf_pages.Geometry.from_log("no geometry here")


def test_page_images_round_trip_through_pgm_and_png(tmp_path: Path) -> None:
    pgm = tmp_path / "page-1.pgm"
    pgm.write_bytes(b"P5\n3 2\n255\n" + bytes([0, 128, 255, 255, 128, 0]))
    image = pdf_pages.read_pgm(pgm)
    assert (image.width, image.height, image.row(1)) == (3, 2, bytes([255, 128, 0]))
    png = tmp_path / "page-1.png"
    pdf_pages.write_png(image, png)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">IIBB", data[16:26]) == (3, 2, 8, 0)  # 8-bit gray
    start = data.index(b"IDAT") + 4
    (length,) = struct.unpack(">I", data[start - 8 : start - 4])
    rows = zlib.decompress(data[start : start + length])
    assert rows == b"\0" + bytes([0, 128, 255]) + b"\0" + bytes([255, 128, 0])


def _longtable_spans(lines: list[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.startswith(r"\begin{longtable}"):
            start = number
        elif line.startswith(r"\end{longtable}"):
            spans.append((start, number))
    return spans
