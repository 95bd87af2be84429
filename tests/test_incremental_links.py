"""Pages rewritten for link texts: only those whose links show what changed.

An item's title, status, page or anchor is shown by every link to it.  When
one of them changes, an incremental build rewrites the pages that link to that
item (and the summary pages), not every page that links to something: on a
large document a title edit would otherwise rewrite nearly every page.  Every
page must still be byte for byte what a clean build writes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build, write_project

FILES = {
    "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n",
    "summary.rst": "Summary\n=======\n\n.. arch-component-table::\n",
    "a.rst": "A\n=\n\n.. arch-component:: comp-a\n   :title: Alpha\n",
    "b.rst": "B\n=\n\n.. arch-component:: comp-b\n   :title: Beta\n   :depends-on: comp-a\n",
    "c.rst": "C\n=\n\n.. arch-component:: comp-c\n   :title: Gamma\n   :depends-on: comp-b\n",
    "d.rst": "D\n=\n\nSee :arch:comp:`comp-a`.\n",
    "e.rst": "E\n=\n\nSee :arch:comp:`comp-b`.\n",
    "f.md": "# F\n\nSee {arch:comp}`comp-a`.\n",
}


def written(result) -> set[str]:
    """The pages the build wrote (from its status output).  Sphinx itself
    rewrites ``index`` whenever a page its table of contents lists was read."""
    return set(re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", result.status))


def pages(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.suffix in (".html", ".js") and "_static" not in path.parts
    }


def edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "rewritten"),
    [
        # A title is shown by every link to the item.
        (("a.rst", ":title: Alpha", ":title: Alpha One"), {"a", "b", "d", "f", "summary", "index"}),
        # A field no link shows: only the page itself and the summary.
        (("a.rst", "comp-a\n", "comp-a\n   :layer: data\n"), {"a", "summary", "index"}),
        # A new item no page links to yet.
        (
            ("c.rst", "comp-b\n", "comp-b\n\n.. arch-component:: comp-x\n"),
            {"c", "summary", "index"},
        ),
    ],
)
@pytest.mark.slow
def test_an_edit_rewrites_only_the_pages_whose_links_show_it(tmp_path, change, rewritten):
    src = write_project(tmp_path / "incremental", FILES)
    first = build(src)
    assert first.warning_lines == []
    assert written(first) == {"index", "summary", "a", "b", "c", "d", "e", "f"}
    edit(src, *change)
    incremental = build(src)
    assert incremental.warning_lines == []
    assert written(incremental) == rewritten
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src)
    assert pages(incremental.outdir) == pages(clean.outdir)


@pytest.mark.slow
def test_a_link_to_a_moved_item_is_rewritten_and_equals_a_clean_build(tmp_path):
    src = write_project(tmp_path / "incremental", FILES)
    build(src)
    edit(src, "a.rst", ".. arch-component:: comp-a\n   :title: Alpha\n", "")
    moved = "comp-b\n\n.. arch-component:: comp-a\n   :title: Alpha\n"
    edit(src, "c.rst", "comp-b\n", moved)
    incremental = build(src)
    assert written(incremental) == {"a", "b", "c", "d", "f", "summary", "index"}
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert pages(incremental.outdir) == pages(build(clean_src).outdir)


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_edit_fingerprints_only_the_documents_read_again(tmp_path, parallel):
    """Whether summaries changed is decided from a fingerprint per document,
    kept between builds: an edit fingerprints the documents it re-read, and
    reuses the others'."""
    src = write_project(tmp_path / "src", FILES)
    first = build(src, parallel=parallel)
    before = dict(first.app.env.domaindata["arch"]["doc_digests"])
    assert set(before) == {"a", "b", "c", "d", "e", "f"}  # pages that declare or link
    edit(src, "a.rst", "comp-a\n", "comp-a\n   :layer: data\n")
    second = build(src, parallel=parallel)
    after = second.app.env.domaindata["arch"]["doc_digests"]
    assert after.keys() == before.keys()
    assert after["a"] != before["a"]
    assert {d: after[d] for d in "bcdef"} == {d: before[d] for d in "bcdef"}
    # The summary shows the edit, as a clean build does.
    clean = build(shutil.copytree(src, tmp_path / "clean", ignore=shutil.ignore_patterns("_build")))
    assert pages(Path(second.outdir)) == pages(Path(clean.outdir))
