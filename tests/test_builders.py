"""Every builder shows the same facts, and what it writes is stable.

EPUB carries the stylesheet and no stray ``archdoc.json``; a clean and an
incremental HTML build write the same bytes; a user's own ``archdoc.css``
is not overwritten.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import build

EXAMPLE = Path(__file__).parent.parent / "example_project"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("_build"))
    return target


@pytest.mark.slow
def test_a_clean_epub_carries_the_stylesheet_and_a_second_build_is_clean(example):
    first = build(example, "epub")
    epub = next(first.outdir.glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        page = archive.read("risks.xhtml").decode()
    assert "_static/archdoc.css" in names
    assert 'href="_static/archdoc.css"' in page
    assert not (first.outdir / "archdoc.json").exists()
    second = build(example, "epub")
    assert second.warning_lines == []


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def html_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes() for path in sorted(outdir.rglob("*.html"))
    }


@pytest.mark.slow
def test_a_clean_and_an_incremental_build_write_identical_html(example, tmp_path):
    build(example)
    edit(example, "risks.rst", ":impact: High", ":impact: Low")
    build(example)
    edit(example, "performance.md", "## Scalability strategy", "## Scaling strategy")
    edit(example, "logical-view.rst", ":layer: infrastructure", ":layer: application")
    incremental = build(example)
    clean_src = tmp_path / "clean"
    shutil.copytree(example, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src)
    assert html_files(incremental.outdir) == html_files(clean.outdir)
    page = (clean.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="_static/archdoc.css?v=' in page


def test_a_users_own_stylesheet_is_not_overwritten(make_project):
    project = make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-component:: api\n",
            "_static/archdoc.css": "/* mine */\n",
        },
        conf='html_static_path = ["_static"]\n',
    )
    for _ in range(2):
        result = build(project)
        assert (result.outdir / "_static" / "archdoc.css").read_text() == "/* mine */\n"


#: Where each builder writes the summary page of the example.
SUMMARY_PAGE = {
    "html": "summary.html",
    "dirhtml": "summary/index.html",
    "singlehtml": "index.html",
    "text": "summary.txt",
}
#: Facts of the example every builder must show: rows of the register, the
#: component table and the ADR index, and a block's facts on its own page.
FACTS = (
    "key-person-dependency",
    "Key Person Dependency",
    "operational",
    "api-gateway",
    "authentication",
    "ADR-001",
    "Database Choice",
    "Mitigation",
    "Performance targets (in the order the performance page declares them)",
)


def shown_text(outdir: Path, builder: str) -> str:
    """What a reader of the builder's output reads, as text."""
    if builder == "epub":
        with zipfile.ZipFile(next(outdir.glob("*.epub"))) as archive:
            return " ".join(
                archive.read(name).decode() for name in archive.namelist() if name.endswith("xhtml")
            )
    if builder == "latex":
        tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
        return tex.replace(r"\sphinxhyphen{}", "-")
    pages = [outdir / SUMMARY_PAGE[builder], *outdir.glob("risks*"), *outdir.glob("risks/*")]
    return " ".join(p.read_text(encoding="utf-8") for p in pages if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub", "latex", "text"])
def test_every_builder_shows_the_same_facts(example, builder):
    result = build(example, builder)
    assert result.warning_lines == []
    text = " ".join(shown_text(result.outdir, builder).split())
    missing = [fact for fact in FACTS if fact not in text]
    assert missing == []
