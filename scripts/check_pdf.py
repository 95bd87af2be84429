"""Check that a LaTeX build directory produced a real PDF for each document.

Used by ``make docs`` after ``latexmk``: every ``*.tex`` main document of the
directory must have a matching, non-trivial ``*.pdf`` that starts with the
PDF signature, and latexmk's log must not mention undefined references.
"""

from __future__ import annotations

import sys
from pathlib import Path

MIN_BYTES = 10_000


def check(directory: Path) -> list[str]:
    problems = []
    documents = [p for p in directory.glob("*.tex") if "\\documentclass" in p.read_text("utf-8")]
    if not documents:
        problems.append(f"{directory}: no LaTeX document found")
    for tex in documents:
        pdf = tex.with_suffix(".pdf")
        if not pdf.is_file():
            problems.append(f"{pdf}: missing")
            continue
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF-") or len(data) < MIN_BYTES:
            problems.append(f"{pdf}: not a complete PDF ({len(data)} bytes)")
        log = tex.with_suffix(".log")
        if log.is_file():
            text = log.read_text("utf-8", errors="replace")
            if "There were undefined references" in text:
                problems.append(f"{log}: undefined references")
    return problems


def report(problems: list[str], ok: str) -> int:
    """Problems to stderr (exit status 1), or ``ok`` (exit status 0)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(ok)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    return report([p for arg in argv for p in check(Path(arg))], "PDF ok: " + ", ".join(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
