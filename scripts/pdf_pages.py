"""Render a LaTeX build's PDF pages to PNG and check that nothing leaves the text area.

Used by ``make docs`` (after ``latexmk`` and ``check_pdf.py``) and by
``tests/test_latex_output.py``: every page of every PDF in a LaTeX build
directory is rendered with ``pdftoppm`` (poppler-utils) into
``<dir>/pages/<document>-<page>.png``; the text area is read from the
geometry LaTeX wrote to the log (``h-part``/``v-part``, ``\\paperwidth``);
any ink in the side margins, or between the text area and the footer, is a
table (or anything else) that ran off the text area, and is reported with its
page and where it is::

    python scripts/pdf_pages.py example_project/_build/latex

The PNG files are kept, so a reader can look at a reported page.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from check_pdf import report  # scripts/check_pdf.py, next to this script

#: Rendering resolution: a point is 0.7 pixels, enough to see a column of text.
DPI = 50
#: A pixel darker than this is ink (anti-aliased edges are lighter).
INK = 160
#: Pixels of slack at each edge of the text area (anti-aliasing, rounding,
#: and the frame Sphinx draws around code blocks, 2.5pt outside the text).
SLACK = 3
#: How far the last line's descenders may hang below the text area (LaTeX's
#: ``\maxdepth``, 5pt in Sphinx's classes).
MAX_DEPTH = 5.0
#: The band under the text area that holds nothing but space: the footer's
#: rule starts 17pt below the text area, its text lower (``\footskip`` 30pt).
FOOTER_GAP = 16.0


@dataclass(frozen=True)
class Geometry:
    """The page and text area, in TeX points."""

    paper_width: float
    paper_height: float
    left: float
    width: float
    right: float
    top: float
    height: float
    twoside: bool

    @classmethod
    def from_log(cls, log: str) -> Geometry:
        """The geometry package's verbose report (Sphinx turns it on)."""

        def numbers(name: str) -> list[float]:
            match = re.search(rf"\* {name}:\(\w,\w,\w\)=\(([^)]*)\)", log)
            if match is None:
                raise ValueError(f"no geometry {name} in the LaTeX log")
            return [float(part.strip().removesuffix("pt")) for part in match.group(1).split(",")]

        def length(name: str) -> float:
            match = re.search(rf"\* \\{name}=([0-9.]+)pt", log)
            if match is None:
                raise ValueError(f"no \\{name} in the LaTeX log")
            return float(match.group(1))

        left, width, right = numbers("h-part")
        top, height, _bottom = numbers("v-part")
        return cls(
            paper_width=length("paperwidth"),
            paper_height=length("paperheight"),
            left=left,
            width=width,
            right=right,
            top=top,
            height=height,
            twoside="modes: twoside" in log,
        )


@dataclass(frozen=True)
class Image:
    """A grayscale page image: one byte per pixel, row after row."""

    width: int
    height: int
    pixels: bytes

    def row(self, y: int) -> bytes:
        return self.pixels[y * self.width : (y + 1) * self.width]


def read_pgm(path: Path) -> Image:
    """A binary PGM (``P5``, 8 bits) as ``pdftoppm -gray`` writes it."""
    data = path.read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if match is None or match.group(3) != b"255":
        raise ValueError(f"{path}: not an 8-bit binary PGM")
    width, height = int(match.group(1)), int(match.group(2))
    pixels = data[match.end() : match.end() + width * height]
    if len(pixels) != width * height:
        raise ValueError(f"{path}: truncated")
    return Image(width, height, pixels)


def write_png(image: Image, path: Path) -> None:
    """The image as a grayscale PNG (every row unfiltered; zlib does the rest)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"".join(b"\0" + image.row(y) for y in range(image.height))
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def overruns(image: Image, geometry: Geometry, page: int) -> list[str]:
    """Ink outside the text area: in a side margin (anywhere on the page: the
    header and footer are as wide as the text), or in the band between the
    text area and the footer."""
    scale_x = image.width / geometry.paper_width
    scale_y = image.height / geometry.paper_height
    # Two-sided pages mirror their margins: allow the text area of either side.
    lefts = {geometry.left, geometry.right} if geometry.twoside else {geometry.left}
    left = int(min(lefts) * scale_x) - SLACK
    right = int((max(lefts) + geometry.width) * scale_x + 0.999) + SLACK
    text_bottom = geometry.top + geometry.height
    bottom = int((text_bottom + MAX_DEPTH) * scale_y + 0.999) + SLACK
    band_end = int((geometry.top + geometry.height + FOOTER_GAP) * scale_y)
    problems = []
    sides = (("left", 0, max(0, left)), ("right", min(image.width, right), image.width))
    for side, start, end in sides:
        rows = [y for y in range(image.height) if min(image.row(y)[start:end], default=255) < INK]
        if rows:
            problems.append(
                f"page {page}: ink in the {side} margin, rows {rows[0]}-{rows[-1]} "
                f"of {image.height} ({len(rows)} rows)"
            )
    band = [y for y in range(bottom, min(band_end, image.height)) if min(image.row(y)) < INK]
    if band:
        problems.append(
            f"page {page}: ink below the text area (rows {band[0]}-{band[-1]}, "
            f"the text ends at row {int(text_bottom * scale_y + 0.5)})"
        )
    return problems


def check_pdf(pdf: Path, geometry: Geometry, pages_dir: Path) -> list[str]:
    """Render every page (kept as PNG in ``pages_dir``) and report overruns."""
    pages_dir.mkdir(parents=True, exist_ok=True)
    for old in pages_dir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    prefix = pages_dir / pdf.stem
    pdftoppm = shutil.which("pdftoppm") or "pdftoppm"
    subprocess.run(  # noqa: S603 - our own argv
        [pdftoppm, "-r", str(DPI), "-gray", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    problems = []
    rendered = sorted(
        pages_dir.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.rpartition("-")[2])
    )
    if not rendered:
        return [f"{pdf}: pdftoppm rendered no pages"]
    for path in rendered:
        page = int(path.stem.rpartition("-")[2])
        image = read_pgm(path)
        problems += [f"{pdf.name}: {problem}" for problem in overruns(image, geometry, page)]
        write_png(image, path.with_suffix(".png"))
        path.unlink()
    return problems


def check(directory: Path) -> list[str]:
    """Every PDF of a LaTeX build directory (with its ``.log``)."""
    pdfs = sorted(directory.glob("*.pdf"))
    if not pdfs:
        return [f"{directory}: no PDF (run latexmk first)"]
    problems = []
    for pdf in pdfs:
        log = pdf.with_suffix(".log")
        if not log.is_file():
            problems.append(f"{pdf}: no LaTeX log next to it")
            continue
        geometry = Geometry.from_log(log.read_text("utf-8", errors="replace"))
        problems += check_pdf(pdf, geometry, directory / "pages")
    return problems


def main(argv: list[str]) -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    return report(
        [p for arg in argv for p in check(Path(arg))],
        "PDF pages ok (nothing outside the text area): " + ", ".join(argv),
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
