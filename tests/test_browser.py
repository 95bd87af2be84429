"""The dependency graph in a real browser (headless Chromium), when one is installed.

Mermaid is loaded from ``ARCHDOC_MERMAID_DIST`` (the ``dist`` folder of the
``mermaid`` npm package) when set, else from the CDN; when it cannot be loaded
at all (offline, no local copy) the Mermaid assertions are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"
_spec = importlib.util.spec_from_file_location("archdoc_screenshots", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)

BROWSER = screenshots.find_browser()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="headless Chromium is not installed")

HOSTILE = 'Evil"] --> x["pwned <img src=x onerror=alert(1)> %%{init: {}}%%'


def graph_site(make_project) -> Path:
    conf = ""
    dist = os.environ.get("ARCHDOC_MERMAID_DIST")
    src = make_project(
        {
            "index.rst": f"""\
Index
=====

.. arch-component:: web
   :title: Web UI
   :layer: presentation
   :depends-on: api

.. arch-component:: api
   :title: {HOSTILE}
   :layer: application
   :depends-on: db

.. arch-component:: db
   :title: Database
   :layer: data
   :status: deprecated

.. arch-dependency-graph::
""",
        },
        conf=conf,
    )
    overrides = {"html_theme": "alabaster"}
    if dist:
        overrides["mermaid_use_local"] = "/_mermaid/mermaid.esm.min.mjs"
    result = build(src, confoverrides=overrides)
    assert result.archdoc_warnings() == []
    if dist:
        shutil.copytree(dist, result.outdir / "_mermaid", dirs_exist_ok=True)
    return result.outdir


def test_graph_renders_in_chromium_with_links_and_no_injection(make_project, tmp_path):
    site = graph_site(make_project)
    with screenshots.serve(site) as base:
        dom = screenshots.dump_dom(BROWSER, f"{base}/index.html")
        shot = screenshots.screenshot(BROWSER, f"{base}/index.html", tmp_path / "graph.png")
    assert shot.stat().st_size > 0
    soup = BeautifulSoup(dom, "html.parser")
    svg = soup.select_one("pre.mermaid svg")
    if svg is None:
        pytest.skip("Mermaid could not be loaded (offline and no ARCHDOC_MERMAID_DIST)")
    labels = sorted(" ".join(n.get_text(" ", strip=True).split()) for n in svg.select("g.node"))
    assert labels == sorted(["Web UI", " ".join(HOSTILE.split()), "Database (deprecated)"])
    links = sorted(a.get("href") or a.get("xlink:href") for a in svg.select("a"))
    assert links == ["#component-api", "#component-db", "#component-web"]
    assert svg.select("img") == []
    assert not re.search(r"pwned\s*</", str(svg).replace(HOSTILE, ""))
    assert len(svg.select("g.cluster")) == 3  # one subgraph per layer


HOSTILE_ENTITY = 'Users"] { x } e9 ||--o{ e1 : "pwned <img src=x onerror=alert(1)>'


def test_er_diagram_renders_in_chromium_with_keys_and_relationships(make_project, tmp_path):
    src = make_project(
        {
            "index.rst": f"""\
Index
=====

.. arch-component:: db
   :layer: data

.. arch-entity:: Users
   :title: {HOSTILE_ENTITY}
   :stored-in: db

   id: UUID PRIMARY KEY
   email: VARCHAR UNIQUE

.. arch-entity:: Projects
   :stored-in: db

   id: UUID PK
   user_id: UUID FK -> Users.id

.. arch-entity-diagram::
""",
        }
    )
    dist = os.environ.get("ARCHDOC_MERMAID_DIST")
    overrides = {"html_theme": "alabaster"}
    if dist:
        overrides["mermaid_use_local"] = "/_mermaid/mermaid.esm.min.mjs"
    result = build(src, confoverrides=overrides)
    assert result.archdoc_warnings() == []
    if dist:
        shutil.copytree(dist, result.outdir / "_mermaid", dirs_exist_ok=True)
    with screenshots.serve(result.outdir) as base:
        dom = screenshots.dump_dom(BROWSER, f"{base}/index.html")
        shot = screenshots.screenshot(BROWSER, f"{base}/index.html", tmp_path / "er.png")
    assert shot.stat().st_size > 0
    svg = BeautifulSoup(dom, "html.parser").select_one("pre.mermaid svg")
    if svg is None:
        pytest.skip("Mermaid could not be loaded (offline and no ARCHDOC_MERMAID_DIST)")
    assert svg.get("aria-roledescription") == "er"
    text = " ".join(svg.get_text(" ", strip=True).split())
    assert " ".join(HOSTILE_ENTITY.split()) in text  # the title, shown as written
    for words in ("UUID id PK", "VARCHAR email UK", "UUID user_id FK -> Users.id"):
        assert words in text
    assert len(svg.select("path.relationshipLine")) == 1  # one relationship per FK
    assert svg.select("img") == []
