"""The examples corpus: every ``docs/examples/<name>.rst`` has a MyST twin.

The same small examples are rendered in the documentation's gallery and used
here as regression tests for both parsers: each pair, built as an rST and as
a MyST project, must give the same items, the same findings and the same
rendered blocks, tables and links.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import build

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
GALLERY = Path(__file__).parent.parent / "docs" / "gallery.rst"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.rst"))

#: Where the two builds legitimately differ: the source document and line.
LOCATION_KEYS = ("docname", "lineno", "url")


def _comparable_items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in item.items() if key not in LOCATION_KEYS}
        for item in document["items"]
    ]


def _comparable_findings(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["check"], f["severity"], f["message"]) for f in document["findings"]]


def _block_signature(element: Tag) -> tuple[str, tuple[str, ...], str, tuple[str, ...]]:
    """What a reader sees of a generated block: kind of element, classes, text, links."""
    text = " ".join(element.get_text(" ", strip=True).split())
    links = tuple(str(a.get("href", "")) for a in element.find_all("a"))
    return (element.name or "", tuple(element.get("class") or ()), text, links)


def _rendered(soup: BeautifulSoup) -> dict[str, list[Any]]:
    body = soup.select_one("div.body, div[role=main], main, article") or soup
    blocks = body.select(
        ".archdoc-item, table.archdoc-table, .archdoc-empty, .archdoc-dependency-graph"
    )
    refs = [
        (" ".join(a.get_text(" ", strip=True).split()), str(a.get("href", "")))
        for a in body.select("a.reference")
        if a.select_one(".archdoc-ref") is not None
    ]
    return {"blocks": [_block_signature(b) for b in blocks], "references": refs}


def _example_project(make_project: Any, name: str, suffix: str) -> Path:
    source = (EXAMPLES / f"{name}.{suffix}").read_text(encoding="utf-8")
    heading = "Example\n=======\n\n" if suffix == "rst" else "# Example\n\n"
    return make_project({f"index.{suffix}": heading + source}, name=f"{name}-{suffix}")


def test_every_example_has_a_myst_twin() -> None:
    rst = {p.stem for p in EXAMPLES.glob("*.rst")}
    md = {p.stem for p in EXAMPLES.glob("*.md")}
    assert rst, "no examples found"
    assert rst == md


def test_gallery_shows_every_example_with_both_sources() -> None:
    gallery = GALLERY.read_text(encoding="utf-8")
    for name in NAMES:
        assert f".. literalinclude:: examples/{name}.rst" in gallery, name
        assert f".. literalinclude:: examples/{name}.md" in gallery, name
        assert re.search(rf"^\.\. include:: examples/{re.escape(name)}\.(rst|md)$", gallery, re.M)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_rst_and_myst_give_the_same_result(make_project: Any, name: str) -> None:
    rst = build(_example_project(make_project, name, "rst"))
    myst = build(_example_project(make_project, name, "md"))

    assert rst.warning_lines == [], rst.warnings
    assert myst.warning_lines == [], myst.warnings
    rst_json, myst_json = rst.json(), myst.json()
    assert rst_json["items"], "the example declares no item"
    assert _comparable_items(rst_json) == _comparable_items(myst_json)
    assert _comparable_findings(rst_json) == _comparable_findings(myst_json)
    assert _rendered(rst.html()) == _rendered(myst.html())
