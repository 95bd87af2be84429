"""State lives for one build: two applications in one process keep their own
language and configuration, whichever was made or built first."""

from __future__ import annotations

import gc
from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import strip_colors

PAGE = """\
Architecture
============

.. arch-component:: api
   :title: Public API
   :layer: application
   :cost-centre: CC-7
   :owner: Team A

.. arch-risk:: outage
   :impact: high
   :probability: high

The gateway calls :arch:comp:`dbx`.

.. arch-component-table::
   :columns: id, title, layer

.. arch-risk-register::
   :columns: id, band
"""

GERMAN = """\
language = "de"
archdoc_extra_fields = {"component": ["cost-centre"]}
archdoc_risk_bands = {"gering": 1, "ernst": 4}
"""

ENGLISH = """\
archdoc_extra_fields = {"component": ["cost-centre"]}
"""


def _app(path: Path, conf: str) -> tuple[SphinxTestApp, StringIO]:
    path.mkdir()
    base = 'extensions = ["sphinx_archdoc"]\nproject = "Test"\n'
    (path / "conf.py").write_text(base + conf, encoding="utf-8")
    (path / "index.rst").write_text(PAGE, encoding="utf-8")
    warning = StringIO()
    app = SphinxTestApp(
        "html", srcdir=path, builddir=path / "_build", status=StringIO(), warning=warning
    )
    return app, warning


def _page(app: SphinxTestApp) -> BeautifulSoup:
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _heads(soup: BeautifulSoup) -> list[str]:
    return [th.get_text(" ", strip=True) for th in soup.select("table.archdoc-table thead th")]


def test_two_applications_in_one_process_keep_their_language_and_config(tmp_path):
    # Both exist before either builds: the English one was made last, and
    # the German one still builds in German, with its own bands.
    german, german_warnings = _app(tmp_path / "de", GERMAN)
    english, english_warnings = _app(tmp_path / "en", ENGLISH)
    try:
        german.build()
        english.build()
        german.build(force_all=True)
    finally:
        german.cleanup()
        english.cleanup()

    de, en = _page(german), _page(english)
    assert _heads(de) == ["ID", "Titel", "Schicht", "ID", "Stufe"]
    assert _heads(en) == ["ID", "Title", "Layer", "ID", "Band"]
    assert de.select_one(".archdoc-component .archdoc-kind").get_text() == "Komponente"
    assert en.select_one(".archdoc-component .archdoc-kind").get_text() == "Component"
    # Each build's bands: the German configuration's are not the English one's.
    assert de.select_one(".archdoc-risk .archdoc-badge").get_text() == "Risiko ernst"
    assert en.select_one(".archdoc-risk .archdoc-badge").get_text() == "high risk"
    # Facts in declared order, the extra field last, in each build's words.
    de_facts = de.select_one(".archdoc-component .archdoc-item-facts").get_text()
    en_facts = en.select_one(".archdoc-component .archdoc-item-facts").get_text()
    assert de_facts.index("Verantwortlich") < de_facts.index("Cost centre: CC-7")
    assert en_facts.index("Owner: Team A") < en_facts.index("Cost centre: CC-7")

    # Sphinx sends every application's warnings to the last one's stream; in
    # it, each build's warning is in that build's language.
    messages = strip_colors(german_warnings.getvalue() + english_warnings.getvalue())
    assert "nennt unbekannte Komponente 'dbx'" in messages
    assert messages.count("names unknown component 'dbx'") == 1


def _freeze_counts_while_writing(app: SphinxTestApp) -> list[int]:
    counts: list[int] = []
    app.connect("html-page-context", lambda *args: counts.append(gc.get_freeze_count()))
    return counts


def _freeze_count_before_reading(app: SphinxTestApp) -> list[int]:
    counts: list[int] = []
    app.connect("env-before-read-docs", lambda *args: counts.append(gc.get_freeze_count()), 100)
    return counts


def _freeze_counts(app: SphinxTestApp) -> tuple[list[int], list[int]]:
    """Build: the frozen objects before reading, and while each page was written."""
    before_reading = _freeze_count_before_reading(app)
    while_writing = _freeze_counts_while_writing(app)
    try:
        app.build()
    finally:
        app.cleanup()
    return before_reading, while_writing


def _pages(path: Path, count: int) -> None:
    """``count`` more pages, each with a component, in the toctree."""
    names = [f"page{n:03d}" for n in range(count)]
    for name in names:
        (path / f"{name}.rst").write_text(
            f"{name}\n{'=' * len(name)}\n\n.. arch-component:: {name}\n", encoding="utf-8"
        )
    index = path / "index.rst"
    toctree = "\n\n.. toctree::\n\n" + "".join(f"   {name}\n" for name in names)
    index.write_text(index.read_text(encoding="utf-8") + toctree, encoding="utf-8")


def test_the_long_lived_heap_is_set_aside_while_pages_are_written_and_released_after(tmp_path):
    # From a collector nobody froze (on Python 3.12 something in the test
    # process had frozen a few hundred objects, which counts as a foreign freeze).
    gc.unfreeze()
    app, _warnings = _app(tmp_path / "en", ENGLISH)
    before_reading, counts = _freeze_counts(app)
    # Sphinx's modules and the environment were set aside before reading,
    # and for a build of a few pages what it read and derived joined them.
    assert before_reading == [before_reading[0]]
    assert before_reading[0] > 1000
    assert counts
    assert min(counts) > before_reading[0]
    # The process's collector is as it was.
    assert gc.get_freeze_count() == 0
    assert (Path(app.outdir) / "index.html").is_file()


def test_a_build_reading_many_pages_does_not_set_its_doctrees_aside(tmp_path):
    """Sphinx holds every doctree read until its page is written; set aside,
    each would be kept until the build ends instead of freed once written."""
    gc.unfreeze()  # from a collector nobody froze, as above
    app, _warnings = _app(tmp_path / "en", ENGLISH)
    _pages(tmp_path / "en", 60)
    before_reading, counts = _freeze_counts(app)
    assert len(counts) == 61 + 2  # the pages, genindex and search
    assert before_reading[0] > 1000
    assert max(counts) <= before_reading[0]
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_as_it_is(tmp_path):
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        app, _warnings = _app(tmp_path / "en", ENGLISH)
        counts = _freeze_counts_while_writing(app)
        try:
            app.build()
        finally:
            app.cleanup()
        # Not frozen further (the build's objects were not added), not released.
        assert counts
        assert max(counts) <= before
        assert 0 < gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()
