"""Summary queries: filters, columns, sorting (pure, over a hand-built index)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import index_of as shared_index_of
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import parse_query
from sphinx_archdoc.core.model import Item

CONFIG = ArchConfig()


def component(cid: str, **fields) -> Item:
    values = {k.replace("_", "-"): v for k, v in fields.items()}
    values.setdefault("status", "active")
    return Item("component", cid, "index", 1, f"component-{cid}", values)


def index_of(*items: Item):
    return shared_index_of(items, config=CONFIG)


INDEX = index_of(
    component("web", layer="presentation", tags=("customer",), depends_on=("api",)),
    component("api", layer="application", tags=("customer", "edge"), depends_on=("db",)),
    component("jobs", layer="application", status="deprecated", depends_on=("db",)),
    component("db", layer="data", title="Database"),
)


def ids(options, kind="component"):
    query, problems = parse_query(kind, options, CONFIG)
    assert problems == []
    return [i.id for i in query.select(INDEX)]


def test_no_filter_lists_everything_sorted_by_id():
    assert ids({}) == ["api", "db", "jobs", "web"]


def test_comma_values_are_ored():
    assert ids({"layer": "application, data"}) == ["api", "db", "jobs"]


def test_different_options_are_anded():
    assert ids({"layer": "application", "status": "active"}) == ["api"]


def test_leading_bang_negates():
    assert ids({"status": "!deprecated"}) == ["api", "db", "web"]


def test_negations_exclude_every_named_value():
    assert ids({"layer": "!application, !data"}) == ["web"]


def test_list_fields_match_any_entry():
    assert ids({"tags": "edge"}) == ["api"]
    assert ids({"depends-on": "db"}) == ["api", "jobs"]


def test_filter_on_derived_back_links():
    assert ids({"dependents": "api"}) == ["db"]


def test_matching_ignores_case():
    assert ids({"layer": "APPLICATION"}) == ["api", "jobs"]


def test_sort_by_enum_uses_configured_order_then_id():
    assert ids({"sort": "layer"}) == ["web", "api", "jobs", "db"]
    assert ids({"sort": "-layer"}) == ["db", "api", "jobs", "web"]


def test_sort_by_text_and_missing_values_last():
    assert ids({"sort": "title"}) == ["api", "db", "jobs", "web"]
    assert ids({"sort": "tags"})[-2:] == ["db", "jobs"]


def test_unknown_field_and_value_are_reported_not_raised():
    query, problems = parse_query(
        "component", {"colour": "red", "layer": "middle", "columns": "id, nope"}, CONFIG
    )
    assert [p.check for p in problems] == ["unknown_option", "invalid_value", "unknown_option"]
    assert "unknown option :colour:" in str(problems[0])
    assert "'middle' is not a valid value" in str(problems[1])
    assert query.columns == ("id",)


@given(
    st.dictionaries(st.sampled_from(["layer", "status", "tags", "depends-on", "sort"]), st.text())
)
def test_any_filter_text_selects_a_subset_without_raising(options):
    query, _ = parse_query("component", options, CONFIG)
    selected = query.select(INDEX)
    assert {i.id for i in selected} <= {"api", "db", "jobs", "web"}
