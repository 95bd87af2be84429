"""Natural order of IDs, ``:sort: source``, hidden tags and field labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.errors import ConfigError

from conftest import build, table_rows
from sphinx_archdoc.core.model import natural_key, sorts_as_text

RISKS = "".join(
    f".. arch-risk:: QS-{n}\n   :impact: low\n   :probability: low\n   :tags: level-1, ops\n\n"
    for n in (11, 3, 2, 20, 1)
)


def test_natural_key_orders_numbers_as_numbers():
    ids = ["QS-11", "qs-3", "QS-2", "QS-1a", "QS-1", "A10", "a9"]
    assert sorted(ids, key=natural_key) == ["a9", "A10", "QS-1", "QS-1a", "QS-2", "qs-3", "QS-11"]


@given(
    prefix=st.text(),
    width=st.integers(min_value=1, max_value=4),
    numbers=st.sets(st.integers(min_value=0, max_value=9999), min_size=1),
)
def test_ids_numbered_alike_sort_as_plain_text_in_natural_order(prefix, width, numbers):
    # The fast path of the index's sort: one text, then digits of one width.
    ids = sorted({f"{prefix}{n % 10**width:0{width}d}" for n in numbers}, key=hash)
    assert sorts_as_text(ids)
    assert sorted(ids) == sorted(ids, key=natural_key)


@given(st.lists(st.text(alphabet="aA_-.0123456789\u0663\u0130", min_size=1), unique=True))
def test_ids_taken_for_plain_text_order_sort_as_natural_key_does(ids):
    if sorts_as_text(ids):
        assert sorted(ids) == sorted(ids, key=natural_key)


def test_ids_not_numbered_alike_keep_the_natural_key():
    assert not sorts_as_text(["QS-2", "QS-11"])  # widths differ
    assert not sorts_as_text(["a01", "b02"])  # texts differ
    assert not sorts_as_text(["QS-a", "QS-b"])  # no digits
    assert not sorts_as_text(["A\u0663", "A5"])  # an Arabic-Indic three is no ASCII digit


def test_ids_sort_naturally_in_tables_and_back_links(make_project):
    page = (
        "Risks\n=====\n\n.. arch-component:: api\n\n"
        + RISKS.replace(":tags:", ":components: api\n   :tags:")
        + ".. arch-risk-register::\n   :sort: id\n   :columns: id\n\n"
        ".. arch-component-table::\n   :columns: id, risks\n"
    )
    result = build(make_project({"index.rst": page}))
    soup = result.html()
    assert [row[0] for row in table_rows(soup, "archdoc-risk-register")] == [
        "QS-1",
        "QS-2",
        "QS-3",
        "QS-11",
        "QS-20",
    ]
    assert table_rows(soup, "archdoc-component-table") == [
        ["api", "QS-1, QS-2, QS-3, QS-11, QS-20"]
    ]
    assert [i["id"] for i in result.json()["items"] if i["kind"] == "risk"] == [
        "QS-1",
        "QS-2",
        "QS-3",
        "QS-11",
        "QS-20",
    ]


def test_sort_source_keeps_the_order_of_declaration(make_project):
    project = make_project(
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   b\n\n"
            + RISKS
            + ".. arch-risk-register::\n   :sort: source\n   :columns: id\n\n"
            ".. arch-risk-register::\n   :sort: -source\n   :columns: id\n",
            "b.rst": "B\n=\n\n.. arch-risk:: QS-0\n",
        }
    )
    result = build(project)
    tables = result.html().select("table.archdoc-risk-register")
    ids = [[tr.td.get_text(strip=True) for tr in t.select("tbody tr")] for t in tables]
    assert ids == [
        ["QS-0", "QS-11", "QS-3", "QS-2", "QS-20", "QS-1"],
        ["QS-1", "QS-20", "QS-2", "QS-3", "QS-11", "QS-0"],
    ]
    assert result.archdoc_warnings() == []


def test_hidden_tags_select_views_but_are_not_shown(make_project):
    page = (
        "Risks\n=====\n\n"
        + RISKS
        + ".. arch-risk-register::\n   :tags: level-1\n   :columns: id, tags\n"
    )
    result = build(make_project({"index.rst": page}, conf='archdoc_hidden_tags = ["Level-1"]\n'))
    soup = result.html()
    rows = table_rows(soup, "archdoc-risk-register")
    assert len(rows) == 5
    assert {row[1] for row in rows} == {"ops"}
    facts = soup.select_one(".archdoc-item-facts").get_text()
    assert "ops" in facts
    assert "level-1" not in facts
    assert result.items()["QS-1"]["fields"]["tags"] == ["level-1", "ops"]


def test_a_block_whose_tags_are_all_hidden_shows_no_tags_label(make_project):
    page = "Risks\n=====\n\n.. arch-risk:: r\n   :owner: Ops\n   :tags: context\n"
    result = build(make_project({"index.rst": page}, conf='archdoc_hidden_tags = ["context"]\n'))
    facts = result.html().select_one(".archdoc-item-facts").get_text()
    assert "Tags" not in facts
    assert "Owner: Ops" in facts


def test_hidden_tags_must_be_a_list_of_names(make_project):
    project = make_project({"index.rst": "I\n=\n"}, conf="archdoc_hidden_tags = ['']\n")
    with pytest.raises(ConfigError, match="archdoc_hidden_tags"):
        build(project)


def test_the_adr_field_reads_adrs(make_project):
    page = (
        "C\n=\n\n.. arch-adr:: ADR-1\n   :title: Store\n\n"
        ".. arch-component:: api\n   :adrs: ADR-1\n"
    )
    result = build(make_project({"index.rst": page}))
    facts = [p.get_text() for p in result.html().select(".archdoc-item-facts")]
    assert any("ADRs: " in text for text in facts), facts
    assert not any("Adrs" in text for text in facts)
