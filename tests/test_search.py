"""Generated summaries and Sphinx's search index.

A summary repeats what its item pages say. By default it is left out of the
search index (Sphinx >= 8.2 honours the ``no-search`` class), so a search
leads to the item page, and Sphinx's search page does not download a page of
every item to show an excerpt; ``archdoc_search_summaries = True`` indexes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sphinx

from conftest import build, write_project

HONOURS_NO_SEARCH = sphinx.version_info >= (8, 2)

PROJECT = {
    "index.rst": ("Home\n====\n\n.. toctree::\n\n   ledger\n   summary\n   risks\n   flows\n"),
    "ledger.rst": (
        "Ledger page\n===========\n\n"
        ".. arch-component:: ledger\n   :title: Ledger\n   :layer: data\n"
        "   :purpose: Keeps every quokka booking.\n\n"
        "   The ledger is the only writer of bookings.\n\n"
        ".. arch-risk:: loss\n   :title: Lost bookings\n   :impact: high\n"
        "   :probability: low\n   :mitigation: Nightly wombat reconciliation\n"
        "   :components: ledger\n"
    ),
    "summary.rst": (
        "Overview of numbat\n==================\n\n"
        "Every item, listed for the tapir.\n\n"
        ".. arch-component-table::\n   :columns: id, title, purpose\n\n"
        ".. arch-risk-register::\n"
    ),
    "risks.md": "# Risks of the echidna\n\n```{arch-risk-register}\n```\n",
    "flows.md": (
        "# Flows\n\n"
        "```{arch-actor} user\n:title: Traveller\n```\n\n"
        "```{arch-flow} booking\n:title: Booking flow\n\n"
        "user -> ledger: store the platypus booking\n```\n"
    ),
}


def search_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def pages_with(index: dict[str, Any], term: str) -> set[str]:
    """The pages Sphinx's search finds ``term`` on (words, not titles)."""
    found = index["terms"].get(term, [])
    return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}


def title_pages_with(index: dict[str, Any], term: str) -> set[str]:
    found = index["titleterms"].get(term, [])
    return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}


@pytest.mark.parametrize("parallel", [0, 2])
def test_summaries_are_left_out_of_the_search_index_by_default(tmp_path, parallel):
    result = build(write_project(tmp_path / "src", PROJECT), parallel=parallel)
    index = search_index(Path(result.outdir))
    expected = {"ledger"} if HONOURS_NO_SEARCH else {"ledger", "summary"}
    # A word of a component's purpose, shown in the table: found on its page.
    assert pages_with(index, "quokka") == expected
    # A risk's mitigation, shown in the register (reST and MyST pages).
    assert pages_with(index, "wombat") == (
        {"ledger"} if HONOURS_NO_SEARCH else {"ledger", "summary", "risks"}
    )
    assert title_pages_with(index, "echidna") == {"risks"}
    # The summary page's own title and prose are still searchable.
    assert title_pages_with(index, "numbat") == {"summary"}
    assert pages_with(index, "tapir") == {"summary"}
    html = Path(result.outdir, "summary.html").read_text(encoding="utf-8")
    assert '<table class="archdoc-table archdoc-component-table no-search docutils' in html
    assert '<table class="archdoc-table archdoc-risk-register no-search docutils' in html
    # A flow drawn where it is declared is the item itself, not a summary.
    assert "no-search" not in Path(result.outdir, "flows.html").read_text(encoding="utf-8")


def test_archdoc_search_summaries_indexes_them(tmp_path):
    result = build(
        write_project(tmp_path / "src", PROJECT),
        confoverrides={"archdoc_search_summaries": True},
    )
    index = search_index(Path(result.outdir))
    assert pages_with(index, "quokka") == {"ledger", "summary"}
    assert pages_with(index, "wombat") == {"ledger", "summary", "risks"}
    html = (Path(result.outdir) / "summary.html").read_text(encoding="utf-8")
    assert "no-search" not in html


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_other_builders_show_every_row(tmp_path, builder):
    result = build(write_project(tmp_path / "src", PROJECT), builder)
    assert not result.warnings
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(result.outdir).rglob("*.t[ex][xt]")
    )
    assert text.count("Keeps every quokka booking.") == 2  # the item and the table row
    assert "no-search" not in text
