"""Shared fixtures: build small Sphinx projects and read what a user sees."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from sphinx.testing.util import SphinxTestApp

from sphinx_archdoc.core.build import build_index
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Finding, Item, Reference

# Speed is measured by the benchmark, never by a test: on a loaded machine
# (CI, parallel workers) a slow example is not a failure.
settings.register_profile("archdoc", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("archdoc")

ROOTS = Path(__file__).parent / "roots"
#: Browser tests (headless Chromium): run by ``make test-browser``, not ``make test``.
BROWSER_TESTS = Path(__file__).parent / "browser"
#: Our Structurizr export read by a real DSL parser (Python 3.13 only): run by
#: ``make test-structurizr`` (a nox session), not ``make test``.
STRUCTURIZR_TESTS = Path(__file__).parent / "structurizr_parser"
#: Folders collected only when asked: folder -> the option that asks.
OPT_IN_TESTS = {BROWSER_TESTS: "browser", STRUCTURIZR_TESTS: "structurizr_parser"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--browser",
        action="store_true",
        help="also collect tests/browser (headless Chromium; make test-browser sets it up)",
    )
    parser.addoption(
        "--structurizr-parser",
        action="store_true",
        help="also collect tests/structurizr_parser (needs c4studio: make test-structurizr)",
    )


def opt_in_tests_wanted(folder: Path, config: pytest.Config) -> bool:
    """The folder's option, or a path inside the folder named on the command line."""
    if config.getoption(OPT_IN_TESTS[folder]):
        return True
    named = (Path(arg.split("::")[0]).resolve() for arg in config.args)
    return any(path == folder or folder in path.parents for path in named)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path in OPT_IN_TESTS and not opt_in_tests_wanted(collection_path, config):
        return True
    return None


#: "Today" of the pure index tests (overdue marks depend on it).
INDEX_TODAY = dt.date(2026, 1, 1)


def index_of(
    items: Iterable[Item],
    references: Iterable[Reference] = (),
    *,
    config: ArchConfig | None = None,
    findings: Iterable[Finding] = (),
    today: dt.date = INDEX_TODAY,
) -> Index:
    """Build an index the way the domain does, from items and references
    grouped by their document, and findings recorded while reading."""
    items_by_doc: dict[str, list[Item]] = {}
    for item in items:
        items_by_doc.setdefault(item.docname, []).append(item)
    references_by_doc: dict[str, list[Reference]] = {}
    for reference in references:
        references_by_doc.setdefault(reference.docname, []).append(reference)
    return build_index(
        items_by_doc, {"read": list(findings)}, references_by_doc, config or ArchConfig(), today
    )


@dataclass
class BuildResult:
    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    warnings: str
    status: str

    @property
    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]

    def archdoc_warnings(self) -> list[str]:
        return [line for line in self.warning_lines if "[archdoc." in line]

    def json(self) -> dict[str, Any]:
        return json.loads((self.outdir / "archdoc.json").read_text(encoding="utf-8"))

    def html(self, docname: str = "index") -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")

    def text(self, docname: str = "index") -> str:
        return (self.outdir / f"{docname}.txt").read_text(encoding="utf-8")

    def items(self, kind: str | None = None) -> dict[str, dict[str, Any]]:
        return {i["id"]: i for i in self.json()["items"] if kind is None or i["kind"] == kind}


def table_rows(soup: BeautifulSoup, css_class: str) -> list[list[str]]:
    """The body rows of the first table with ``css_class``, as cell texts."""
    table = soup.select_one(f"table.{css_class}")
    assert table is not None, f"no table.{css_class} in page"
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]


def table_header(soup: BeautifulSoup, css_class: str) -> list[str]:
    table = soup.select_one(f"table.{css_class}")
    assert table is not None
    return [th.get_text(" ", strip=True) for th in table.select("thead th")]


def write_project(path: Path, files: dict[str, str], conf: str = "") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    base_conf = 'extensions = ["sphinx_archdoc", "myst_parser"]\nproject = "Test"\n'
    (path / "conf.py").write_text(base_conf + conf, encoding="utf-8")
    for name, content in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return path


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    parallel: int = 0,
    freshenv: bool = False,
    confoverrides: dict[str, Any] | None = None,
    outdir_name: str | None = None,
) -> BuildResult:
    status, warning = StringIO(), StringIO()
    builddir = srcdir / "_build"
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=freshenv,
        confoverrides=confoverrides or {},
        status=status,
        warning=warning,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    validate_export(Path(app.outdir) / "archdoc.json")
    return BuildResult(
        app,
        srcdir,
        Path(app.outdir),
        strip_colors(warning.getvalue()),
        strip_colors(status.getvalue()),
    )


def validate_export(path: Path) -> None:
    """Every archdoc.json a test writes must match the published schema
    (src/sphinx_archdoc/schema/archdoc.schema.json: update it with the export)."""
    if not path.exists():
        return
    import jsonschema

    from sphinx_archdoc.core.export import schema_path

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
_MERMAID_ENTITY = re.compile(r"#(\d+|quot|lt|gt|amp);")
_MERMAID_NAMES = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}


def mermaid_shown(text: str) -> str:
    """Mermaid text with its entities decoded: labels as a reader sees them."""
    return _MERMAID_ENTITY.sub(
        lambda m: _MERMAID_NAMES.get(m.group(1)) or chr(int(m.group(1))), text
    )


def strip_colors(text: str) -> str:
    return _ESCAPES.sub("", text)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project into a fresh folder: ``make_project({"index.rst": ...})``."""
    counter = iter(range(1000))

    def make(files: dict[str, str], conf: str = "", name: str | None = None) -> Path:
        return write_project(tmp_path / (name or f"project{next(counter)}"), files, conf)

    return make


@pytest.fixture
def copy_root(tmp_path: Path) -> Callable[[str], Path]:
    """Copy ``tests/roots/test-<name>`` into a fresh folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy
