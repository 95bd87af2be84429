"""The global index and the foundation checks (pure)."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import FrozenInstanceError

import pytest

from conftest import index_of
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.model import Finding, Item, Reference

CONFIG = ArchConfig()
TODAY = dt.date(2026, 1, 1)


def comp(cid: str, docname: str = "index", line: int = 1, deps: tuple[str, ...] = ()) -> Item:
    fields = {"depends-on": deps} if deps else {}
    return Item("component", cid, docname, line, f"component-{cid}", fields)


def build(items, refs=(), config=CONFIG, findings=()):
    return index_of(items, refs, config=config, findings=findings, today=TODAY)


def messages(index, check):
    return [(f.docname, f.lineno, f.message) for f in index.findings if f.check == check]


def test_duplicate_ids_are_owned_by_first_docname_then_line_not_read_order():
    later = comp("api", "b", 1)
    earlier = comp("api", "a", 9)
    for order in ([later, earlier], [earlier, later]):
        index = build(order)
        assert index.by_id["api"].docname == "a"
        assert messages(index, "duplicate_id") == [
            ("b", 1, "duplicate ID 'api': already declared as a component in a, line 9")
        ]


def test_unknown_dependency_suggests_the_closest_ids():
    index = build([comp("auth-service"), comp("api", deps=("auth-servce",))])
    assert messages(index, "unknown_component") == [
        (
            "index",
            1,
            "component 'api': :depends-on: names unknown component 'auth-servce' "
            "(did you mean 'auth-service'?)",
        )
    ]


def test_dependency_on_another_kind_is_named():
    risk = Item("risk", "r1", "index", 5, "risk-r1", {})
    index = build([risk, comp("api", deps=("r1",))])
    assert (
        "names 'r1', which is a risk, not a component" in messages(index, "unknown_component")[0][2]
    )


def test_each_cycle_is_reported_once_with_its_path():
    index = build(
        [
            comp("a", line=1, deps=("b",)),
            comp("b", line=2, deps=("c",)),
            comp("c", line=3, deps=("a",)),
            comp("d", line=4, deps=("d",)),
            comp("e", line=5, deps=("a",)),
        ]
    )
    assert messages(index, "dependency_cycle") == [
        ("index", 1, "dependency cycle: a -> b -> c -> a"),
        ("index", 4, "dependency cycle: d -> d"),
    ]


def test_long_dependency_chains_do_not_hit_the_recursion_limit():
    chain = [comp(f"c{i}", deps=(f"c{i + 1}",)) for i in range(5000)]
    chain.append(comp("c5000", deps=("c0",)))
    index = build(chain)
    assert len(messages(index, "dependency_cycle")) == 1


def test_role_references_to_unknown_items_are_checked_once():
    refs = [
        Reference("comp", "apii", "page", 3),
        Reference("risk", "nope", "page", 4),
        Reference("comp", "api", "page", 5),
    ]
    index = build([comp("api")], refs)
    assert messages(index, "unknown_component") == [
        ("page", 3, ":arch:comp: names unknown component 'apii' (did you mean 'api'?)")
    ]
    assert messages(index, "unknown_reference") == [
        ("page", 4, ":arch:risk: names unknown risk 'nope'")
    ]


def test_references_to_configured_external_projects_are_not_unknown():
    config = ArchConfig.from_values({"archdoc_external": {"payments": "https://example.org/"}})
    index = build([comp("api", deps=("payments:gateway", "billing:x"))], config=config)
    assert [m for _, _, m in messages(index, "unknown_component")] == [
        "component 'api': :depends-on: names unknown component 'billing:x'"
    ]


def test_severity_comes_from_archdoc_checks_and_off_removes_findings():
    config = ArchConfig.from_values(
        {"archdoc_checks": {"unknown_component": "info", "dependency_cycle": "off"}}
    )
    index = build([comp("a", deps=("a", "zzz"))], config=config)
    assert {(f.check, f.severity) for f in index.findings} == {("unknown_component", "info")}


def test_findings_recorded_while_reading_get_their_severity():
    index = build([], findings=[Finding("invalid_value", "bad", "x", 2)])
    assert [(f.check, f.severity, f.lineno) for f in index.findings] == [
        ("invalid_value", "warning", 2)
    ]


def test_derived_dependents():
    index = build([comp("web", deps=("api",)), comp("jobs", deps=("api",)), comp("api")])
    assert index.computed[("component", "api")]["dependents"] == ["jobs", "web"]


def test_source_date_epoch_sets_today(monkeypatch):
    from sphinx_archdoc.core.index import today_from_environment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert today_from_environment() == dt.date(2023, 11, 14)


def test_every_check_name_has_one_spec_and_every_index_check_a_function():
    from typing import get_args

    from sphinx_archdoc.core.build import CHECK_FUNCTIONS
    from sphinx_archdoc.core.checknames import CHECKS, CheckName

    assert set(CHECKS) == set(get_args(CheckName))
    assert set(CHECK_FUNCTIONS) <= set(CHECKS)
    read_time = {
        "invalid_value",
        "missing_value",
        "unknown_option",
        "external_source",
        "measurement_source",
        "conditional_item",
    }
    write_time = {"graph_too_large"}  # found when a graph's page is written
    assert set(CHECKS) - set(CHECK_FUNCTIONS) == read_time | write_time | {"adr_number_mismatch"}


def test_every_check_declares_real_kinds_and_each_kind_lists_its_checks():
    from sphinx_archdoc.core.checknames import CHECKS
    from sphinx_archdoc.core.kinds import KINDS

    for spec in CHECKS.values():
        assert set(spec.kinds) <= set(KINDS), spec.name
    assert KINDS["risk"].checks == ("unmitigated_risk", "review_overdue")
    assert KINDS["status"].checks == ("review_overdue",)
    assert KINDS["debt"].checks == ()
    assert {name for spec in KINDS.values() for name in spec.checks} == {
        name for name, spec in CHECKS.items() if spec.kinds
    }


def test_a_check_of_kinds_without_items_is_not_run():
    from sphinx_archdoc.core.checks import run_checks

    ran: list[str] = []

    def recording(name):
        def function(index):
            ran.append(name)
            return []

        return function

    index = build([comp("api")])
    functions = {name: recording(name) for name in ("dependency_cycle", "unmitigated_risk")}
    functions["duplicate_id"] = recording("duplicate_id")
    run_checks(index, [], functions)
    assert ran == ["dependency_cycle", "duplicate_id"]


def test_a_finding_made_at_an_item_is_the_finding_the_constructor_makes():
    item = Item("risk", "R1", "risks", 7, "risk-r1", {}, source="risks/part.rst")
    made = Finding.at("perf_missed", "missed", item)
    # The check's default severity (perf_missed: info), the item's place.
    expected = Finding("perf_missed", "missed", "risks", 7, "info", "risks/part.rst")
    assert made == expected
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert pickle.loads(pickle.dumps(made)) == expected  # noqa: S301 - our own bytes
    assert Finding.at("unknown_component", "m", Reference("comp", "x", "d", 3)) == Finding(
        "unknown_component", "m", "d", 3, "warning", None
    )
    with pytest.raises(FrozenInstanceError):
        made.message = "changed"  # type: ignore[misc]
