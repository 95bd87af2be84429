"""Translation: ``language`` picks sphinx-archdoc's catalog; the catalog is complete."""

from __future__ import annotations

import ast
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import sphinx_archdoc
from conftest import build, table_header, table_rows
from sphinx_archdoc.core.i18n import LOCALE_DIR, MESSAGE_CATALOG
from sphinx_archdoc.core.kinds import BASE_COLUMNS, FIELD_LABELS, KIND_HEADINGS, KINDS

PACKAGE = Path(sphinx_archdoc.__file__).parent
POT = LOCALE_DIR / f"{MESSAGE_CATALOG}.pot"
GERMAN_PO = LOCALE_DIR / "de" / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
GERMAN_MO = GERMAN_PO.with_suffix(".mo")

PROJECT = """\
Architecture
============

.. arch-component:: api
   :title: Public API
   :layer: application
   :purpose: Serves requests

.. arch-perf-target:: latency
   :target: < 200 ms

The gateway calls :arch:comp:`dbx`.

.. arch-component-table::

.. arch-risk-register::

.. arch-risk-matrix::
"""


def _msgids_in_source() -> set[str]:
    """Every literal string passed to ``_()`` or ``N_()`` in the package."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "templates" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _read_po(path: Path):
    with path.open("rb") as stream:
        return read_po(stream)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_german_build_shows_german_headers_notices_and_warnings(make_project):
    srcdir = make_project({"index.rst": PROJECT}, conf='language = "de"\n')
    result = build(srcdir)
    soup = result.html()

    headers = [th.get_text(" ", strip=True) for th in soup.select("table.archdoc-table thead th")]
    assert headers[:6] == ["ID", "Titel", "Schicht", "Zweck", "Hängt ab von", "Skalierbarkeit"]
    assert table_rows(soup, "archdoc-component-table")[0][:4] == [
        "api",
        "Public API",  # user data is never translated
        "application",
        "Serves requests",
    ]
    assert soup.select_one(".archdoc-risk-register.archdoc-empty").get_text() == (
        "Keine Risiken gefunden."
    )
    assert "Auswirkung / Wahrscheinlichkeit" in headers
    legend = soup.select_one(".archdoc-risk-matrix-legend").get_text()
    assert legend.startswith("Stufen (Punktzahl = Rang der Auswirkung")
    assert "0 Risiken" in legend
    assert soup.select_one(".archdoc-component .archdoc-kind").get_text() == "Komponente"
    # Sphinx's own words ("WARNUNG") come first; the message is the rest of the line.
    messages = [w.split(": ", 2)[-1] for w in result.archdoc_warnings()]
    assert sorted(messages) == [
        ":arch:comp: nennt unbekannte Komponente 'dbx' [archdoc.unknown_component]",
        "arch-perf-target: 'latency': die Option :metric: ist erforderlich [archdoc.missing_value]",
    ]


def test_english_build_after_a_german_one_is_english(make_project):
    build(make_project({"index.rst": PROJECT}, conf='language = "de"\n'))
    result = build(make_project({"index.rst": PROJECT}))
    soup = result.html()
    headers = [th.get_text(" ", strip=True) for th in soup.select("table.archdoc-table thead th")]
    assert headers[:3] == ["ID", "Title", "Layer"]
    assert soup.select_one(".archdoc-risk-register.archdoc-empty").get_text() == "No risks match."
    assert any("'latency': the :metric: option is required" in w for w in result.archdoc_warnings())


def test_every_message_in_the_code_is_in_the_pot():
    pot_ids = {m.id for m in _read_po(POT) if m.id}
    missing = sorted(_msgids_in_source() - pot_ids)
    assert not missing, f"run `make locale`: not in {POT.name}: {missing}"


@pytest.mark.slow
def test_the_pot_has_no_messages_the_code_no_longer_uses():
    pot_ids = {m.id for m in _read_po(POT) if m.id}
    stale = sorted(pot_ids - _msgids_in_source())
    assert not stale, f"run `make locale`: {POT.name} has unused messages: {stale}"


def test_german_translations_keep_the_placeholders_and_the_mo_is_compiled():
    po = _read_po(GERMAN_PO)
    with GERMAN_MO.open("rb") as stream:
        mo = read_mo(stream)
    translated = {m.id: m.string for m in po if m.id and m.string}
    assert translated, "the German catalog translates nothing"
    for msgid, msgstr in translated.items():
        assert _fields(msgstr) == _fields(msgid), msgid
    compiled = {m.id: m.string for m in mo if m.id and m.string}
    assert compiled == translated, "run `make locale` to recompile the .mo"


def test_every_built_in_label_is_written_out_for_translation():
    names = set(BASE_COLUMNS)
    for spec in KINDS.values():
        names.update(spec.field_names(), spec.computed)
    assert set(FIELD_LABELS) == names
    for name, label in FIELD_LABELS.items():
        assert label == name.replace("-", " ").capitalize()
    assert {kind: spec.label.capitalize() for kind, spec in KINDS.items()} == KIND_HEADINGS


def test_every_message_has_a_german_translation():
    po = _read_po(GERMAN_PO)
    translated = {m.id for m in po if m.id and m.string}
    untranslated = sorted(m.id for m in _read_po(POT) if m.id and m.id not in translated)
    assert not untranslated, f"no German translation in {GERMAN_PO.name}: {untranslated}"


EXAMPLE = Path(__file__).parent.parent / "example_project"

#: The example's kinds, each with the heading its blocks show in German.
GERMAN_KIND_HEADINGS = {
    "actor": "Akteur",
    "component": "Komponente",
    "constraint": "Randbedingung",
    "debt": "Technische Schulden",
    "deployment-node": "Verteilungsknoten",
    "entity": "Entität",
    "flow": "Laufzeitablauf",
    "perf-target": "Leistungsziel",
    "quality-goal": "Qualitätsziel",
    "quality-scenario": "Qualitätsszenario",
    "question": "Offene Frage",
    "relation": "Beziehung",
    "risk": "Risiko",
    "spike": "Spike",
    "status": "Dokumentstatus",
}


@pytest.mark.slow
def test_a_german_build_of_the_example_shows_german_labels_for_every_kind(tmp_path):
    example = tmp_path / "example"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("_build"))
    result = build(example, confoverrides={"language": "de"})
    assert result.archdoc_warnings() == []
    headings: dict[str, set[str]] = {}
    labels: set[str] = set()
    for page in sorted(result.outdir.glob("*.html")):
        soup = result.html(page.stem)
        for block in soup.select("div.archdoc-item"):
            # The block's classes: archdoc-item, then archdoc-<kind>.
            kind = block["class"][block["class"].index("archdoc-item") + 1].removeprefix("archdoc-")
            heading = block.select_one(".archdoc-kind")
            headings.setdefault(kind, set()).add(heading.get_text())
        labels |= {span.get_text() for span in soup.select(".archdoc-item .archdoc-label")}
    assert headings == {kind: {word} for kind, word in GERMAN_KIND_HEADINGS.items()}
    # The facts of the new kinds: quality, deployment, entities, relations, spikes.
    assert {
        "Quelle: ",
        "Stimulus: ",
        "Artefakt: ",
        "Umgebung: ",
        "Antwort: ",
        "Antwortmaß: ",
        "Qualitätsziel: ",
        "Qualitätsmerkmal: ",
        "Priorität: ",
        "Stakeholder: ",
        "Szenario: ",
        "Prüfergebnis: ",
        "Aktuell aus: ",
        "Instanzen: ",
        "Beherbergt: ",
        "Gespeichert in: ",
        "Führendes System: ",
        "Aufbewahrung: ",
        "Beschriftung: ",
        "Nutzt: ",
        "Fragen: ",
        "Ergebnis: ",
        "Übergeordnet: ",
    } <= labels
    quality = result.html("quality")
    assert table_header(quality, "archdoc-quality-scenario-table") == [
        "ID",
        "Quelle",
        "Stimulus",
        "Artefakt",
        "Umgebung",
        "Antwort",
        "Antwortmaß",
        "Status",
        "Messgrößen",
        "Risiken",
        "ADRs",
    ]
