"""ADR references, supersession and checks over the index (pure)."""

from __future__ import annotations

import pytest

from conftest import index_of
from sphinx_archdoc.core.adr import resolve_adr_reference
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.model import Item, Reference


def adr(item_id: str, docname: str = "adr", line: int = 1, **fields) -> Item:
    clean = {k.replace("_", "-"): v for k, v in fields.items()}
    return Item("adr", item_id, docname, line, "", clean)


def build(items, refs=(), config=None):
    return index_of(items, refs, config=config)


def messages(index, check):
    return [f.message for f in index.findings if f.check == check]


@pytest.mark.parametrize(
    "reference", ["ADR-001", "ADR-1", "adr-0001", "0001", "1", "database", "0001-database"]
)
def test_every_spelling_names_the_same_adr(reference):
    index = build([adr("0001-database", number="1", slug="database", title="Database")])
    found = resolve_adr_reference(index, reference)
    assert found is not None
    assert found.id == "0001-database"


def test_custom_id_format_is_a_spelling_too():
    config = ArchConfig.from_values({"archdoc_adr_id_format": "DR {number}"})
    index = build([adr("ADR-7", title="Seven")], config=config)
    assert resolve_adr_reference(index, "DR 7") is index.by_id["ADR-7"]


def test_supersession_stated_on_one_side_is_shown_on_both():
    index = build([adr("ADR-1", status="Superceded"), adr("ADR-2", supersedes=("1",))])
    assert index.computed[("adr", "ADR-1")]["superseded-by"] == ["ADR-2"]
    assert index.computed[("adr", "ADR-1")]["status"] == "superseded"
    assert index.computed[("adr", "ADR-2")]["supersedes"] == ["ADR-1"]
    assert messages(index, "adr_supersession") == []


def test_an_adr_without_status_that_is_superseded_shows_superseded():
    index = build([adr("ADR-1"), adr("ADR-2", status="accepted", supersedes=("ADR-001",))])
    assert index.computed[("adr", "ADR-1")]["status"] == "superseded"


def test_references_record_documents_and_enclosing_components():
    component = Item("component", "db", "data", 3, "component-db", {"adrs": ("2",)})
    refs = [
        Reference("adr", "ADR-1", "logical", 5, parent="api", relation="decides"),
        Reference("adr", "1", "summary", 9),
    ]
    index = build([adr("ADR-1"), adr("ADR-2"), component], refs)
    assert index.computed[("adr", "ADR-1")]["referenced-from"] == ["logical", "summary"]
    assert index.computed[("adr", "ADR-1")]["components"] == ["api"]
    assert index.computed[("adr", "ADR-2")]["referenced-from"] == ["data"]
    assert index.computed[("component", "db")]["adrs"] == ["ADR-2"]


def test_superseded_adr_names_its_successor_but_not_within_the_chain():
    refs = [
        Reference("adr", "1", "overview", 4, relation=""),
        Reference("adr", "1", "adr2", 8),  # ADR-2's own page may name ADR-1
    ]
    index = build(
        [adr("ADR-1", status="superseded"), adr("ADR-2", "adr2", supersedes=("1",), title="New")],
        refs,
    )
    assert messages(index, "superseded_adr") == [
        "adr-link relies on ADR-001 'ADR-1', which is superseded by ADR-002 'New'"
    ]


def test_unknown_status_is_kept_as_written_and_reported():
    index = build([adr("ADR-1", status="In Review")])
    assert index.computed[("adr", "ADR-1")]["status"] == "In Review"
    assert [f.severity for f in index.findings if f.check == "adr_status"] == ["info"]


def test_duplicate_numbers_name_both_documents():
    index = build([adr("0003-a", "adr/a", number="3"), adr("0003-b", "adr/b", number="3")])
    assert messages(index, "adr_duplicate_number") == [
        "ADR-003 is used twice: by adr/a (line 1, '0003-a') and by adr/b (line 1, '0003-b'); "
        "references to ADR-003 go to adr/a"
    ]


def test_any_kind_references_to_other_items_do_not_count_as_adr_references():
    component = Item("component", "3-tier", "index", 1, "component-3-tier", {})
    refs = [Reference("ref", "3-tier", "index", 2), Reference("ref", "ADR-3", "other", 2)]
    index = build([adr("0003-x", number="3"), component], refs)
    assert index.computed[("adr", "0003-x")]["referenced-from"] == ["other"]
