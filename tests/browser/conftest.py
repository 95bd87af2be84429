"""Fixtures of the browser tests: one server, one Chromium, sites built on demand.

Everything these tests need is checked up front and its absence **fails** the
run (``make test-browser`` installs Mermaid from npm; ``.ci/run`` installs
Chromium and chromedriver with apt).
"""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser.harness import (
    ARTIFACTS,
    MERMAID_MOUNT,
    MERMAID_URL,
    NOTES,
    ROOT,
    Browser,
    MissingToolError,
    Server,
    mermaid_dist,
)
from conftest import build

EXAMPLE = ROOT / "example_project"


@dataclass(frozen=True)
class Site:
    """A built HTML site, served: ``site.url("summary.html")``."""

    base: str
    outdir: Path

    def url(self, page: str = "index.html") -> str:
        return self.base + page

    @property
    def export(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.outdir / "archdoc.json").read_text("utf-8"))
        return data


def html_overrides(theme: str) -> dict[str, Any]:
    """Configuration every browser-test site is built with: the theme, and
    Mermaid from the local server instead of the CDN."""
    return {"html_theme": theme, "mermaid_use_local": MERMAID_URL}


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    try:
        dist = mermaid_dist()
    except MissingToolError as error:
        pytest.fail(str(error), pytrace=False)
    served = Server()
    served.mount(MERMAID_MOUNT, dist)
    yield served
    served.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        chromium = Browser()
    except MissingToolError as error:
        pytest.fail(str(error), pytrace=False)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def example_site(server: Server) -> Callable[[str], Site]:
    """``example_site("furo")``: example_project/ built with that theme (once)."""
    built: dict[str, Site] = {}

    def get(theme: str) -> Site:
        if theme not in built:
            srcdir = ARTIFACTS / "sites" / f"example-{theme}"
            shutil.rmtree(srcdir, ignore_errors=True)
            shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
            result = build(srcdir, freshenv=True, confoverrides=html_overrides(theme))
            assert result.warning_lines == [], result.warnings
            built[theme] = Site(server.mount(f"example-{theme}", result.outdir), result.outdir)
        return built[theme]

    return get


_names = itertools.count()


@pytest.fixture
def test_site(server: Server, make_project: Callable[..., Path]) -> Callable[..., Site]:
    """``test_site({"index.rst": ...}, theme="alabaster")``: a small project, built and served."""

    def make(files: dict[str, str], conf: str = "", theme: str = "alabaster") -> Site:
        result = build(make_project(files, conf), confoverrides=html_overrides(theme))
        assert result.archdoc_warnings() == [], result.warnings
        return Site(server.mount(f"test-{next(_names)}", result.outdir), result.outdir)

    return make


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not NOTES:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report.txt").write_text("\n".join(NOTES) + "\n", encoding="utf-8")
    terminalreporter.section("browser findings that do not fail (see build/browser/report.txt)")
    for line in NOTES:
        terminalreporter.write_line(line)
