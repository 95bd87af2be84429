"""Technical debt (``arch-debt``, ``arch-debt-register``, ``:arch:debt:``) and
the ``description`` column every kind has (DESIGN 2.9)."""

from __future__ import annotations

import pytest

from conftest import build, table_header, table_rows

RST = """\
Debt
====

.. arch-component:: api
   :title: API

.. arch-component:: db
   :title: Database

.. arch-adr:: ADR-001
   :title: Use PostgreSQL
   :status: accepted

.. arch-debt:: td-retries
   :title: Retry loops copied into every client
   :impact: high
   :effort: medium
   :components: api
   :adrs: ADR-001
   :owner: Platform team

   Every client retries in its own way, so *outages* last longer.

   A shared library would fix it.

.. arch-debt:: td-schema
   :title: No schema migrations
   :impact: High
   :effort: low
   :status: in-progress
   :components: db

.. arch-debt:: td-logs
   :title: Unstructured logs
   :impact: low
   :effort: low
   :status: paid

.. arch-debt:: td-cache
   :title: Hand-made cache
   :impact: medium

.. arch-risk:: r-outage
   :title: Outage
   :impact: high
   :probability: low
   :mitigation: Failover

   A risk's first paragraph.

See :arch:debt:`td-retries` and :arch:ref:`td-schema`.

.. arch-debt-register::

.. arch-risk-matrix::

.. arch-component-table::
   :columns: id, debt
"""

MYST = """\
# Debt

```{arch-component} api
:title: API
```

```{arch-component} db
:title: Database
```

```{arch-adr} ADR-001
:title: Use PostgreSQL
:status: accepted
```

```{arch-debt} td-retries
:title: Retry loops copied into every client
:impact: high
:effort: medium
:components: api
:adrs: ADR-001
:owner: Platform team

Every client retries in its own way, so *outages* last longer.

A shared library would fix it.
```

```{arch-debt} td-schema
:title: No schema migrations
:impact: High
:effort: low
:status: in-progress
:components: db
```

```{arch-debt} td-logs
:title: Unstructured logs
:impact: low
:effort: low
:status: paid
```

```{arch-debt} td-cache
:title: Hand-made cache
:impact: medium
```

```{arch-risk} r-outage
:title: Outage
:impact: high
:probability: low
:mitigation: Failover

A risk's first paragraph.
```

See {arch:debt}`td-retries` and {arch:ref}`td-schema`.

```{arch-debt-register}
```

```{arch-risk-matrix}
```

```{arch-component-table}
:columns: id, debt
```
"""

REGISTER = [
    [
        "td-schema",
        "No schema migrations",
        "high",
        "low",
        "in-progress",
        "db",
        "",
    ],
    [
        "td-retries",
        "Retry loops copied into every client",
        "high",
        "medium",
        "open",
        "api",
        "Every client retries in its own way, so outages last longer.",
    ],
    ["td-cache", "Hand-made cache", "medium", "", "open", "", ""],
    ["td-logs", "Unstructured logs", "low", "low", "paid", "", ""],
]


@pytest.fixture(params=["rst", "md"])
def debt_build(request, make_project):
    name = f"index.{request.param}"
    return build(make_project({name: RST if request.param == "rst" else MYST}))


def test_debt_register_puts_highest_impact_first_then_lowest_effort(debt_build):
    assert debt_build.archdoc_warnings() == []
    soup = debt_build.html()
    assert table_header(soup, "archdoc-debt-register") == [
        "ID",
        "Title",
        "Impact",
        "Effort",
        "Status",
        "Components",
        "Description",
    ]
    assert table_rows(soup, "archdoc-debt-register") == REGISTER


def test_debt_blocks_say_technical_debt_never_risk(debt_build):
    soup = debt_build.html()
    block = soup.select_one("div.archdoc-debt")
    assert block is not None
    title = " ".join(block.select_one(".archdoc-item-title").get_text(" ").split())
    assert title.startswith("Technical debt Retry loops copied into every client")
    assert "risk" not in title.lower()
    facts = " ".join(block.select_one(".archdoc-item-facts").get_text(" ").split())
    assert "Impact: high" in facts
    assert "Effort: medium" in facts
    assert "Owner: Platform team" in facts
    # The author's text stays below the head.
    assert "A shared library would fix it." in block.get_text()


def test_debt_is_not_placed_on_the_risk_heat_map(debt_build):
    matrix = debt_build.html().select_one("table.archdoc-risk-matrix")
    assert matrix is not None
    assert "td-" not in matrix.get_text()
    unplaced = debt_build.html().select_one(".archdoc-risk-matrix-unplaced")
    assert unplaced is None or "td-" not in unplaced.get_text()


def test_debt_role_links_and_components_get_a_debt_back_link(debt_build):
    soup = debt_build.html()
    links = {a.get_text(): a["href"] for a in soup.select("p a.reference")}
    assert links["td-retries"].endswith("#debt-td-retries")
    assert links["td-schema"].endswith("#debt-td-schema")
    assert table_rows(soup, "archdoc-component-table") == [
        ["api", "td-retries"],
        ["db", "td-schema"],
    ]


def test_debt_in_archdoc_json(debt_build):
    debt = debt_build.items("debt")
    assert sorted(debt) == ["td-cache", "td-logs", "td-retries", "td-schema"]
    retries = debt["td-retries"]
    assert retries["fields"] == {
        "adrs": ["ADR-001"],
        "components": ["api"],
        "effort": "medium",
        "impact": "high",
        "owner": "Platform team",
        "status": "open",
        "title": "Retry loops copied into every client",
    }
    assert retries["computed"] == {
        "description": "Every client retries in its own way, so outages last longer."
    }
    assert debt_build.items("component")["api"]["computed"]["debt"] == ["td-retries"]
    # An ADR a debt item names is referenced from the debt's page.
    assert debt_build.items("adr")["ADR-001"]["computed"]["referenced-from"] == ["index"]


def test_every_kind_has_the_description_column(debt_build):
    items = debt_build.items()
    assert items["r-outage"]["computed"]["description"] == "A risk's first paragraph."
    assert items["api"]["computed"]["description"] == ""


def test_description_filters_and_sorts_like_any_column(make_project):
    src = make_project(
        {
            "index.rst": RST
            + """
.. arch-risk-register::
   :columns: id, description

.. arch-debt-register::
   :columns: id
   :sort: effort, -id
   :status: !paid
"""
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    soup = result.html()
    assert table_rows(soup, "archdoc-risk-register") == [["r-outage", "A risk's first paragraph."]]
    tables = soup.select("table.archdoc-debt-register")
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in tables[1].select("tbody tr")
    ]
    # By effort ascending, ties by ID descending; no effort last.
    assert rows == [["td-schema"], ["td-retries"], ["td-cache"]]


def test_bad_debt_input_is_reported_where_it_is_written(make_project):
    src = make_project(
        {
            "index.rst": """\
Debt
====

.. arch-debt:: td-1
   :impact: enormous
   :effort: low
   :status: closed
   :components: nowhere
   :adrs: ADR-404

.. arch-debt-register::
   :sort: -cost, impact
   :effort: tiny
"""
        }
    )
    result = build(src)
    warnings = [line.split("index.rst:", 1)[1] for line in result.archdoc_warnings()]
    assert sorted(warnings) == [
        "11: WARNING: arch-debt-register: :effort: 'tiny' is not a valid value; "
        "expected one of: low, medium, high; the summary lists nothing (an invalid value "
        "never widens it) [archdoc.invalid_value]",
        "11: WARNING: arch-debt-register: :sort: names unknown field 'cost'; fields of debt: "
        "id, title, docname, kind, impact, effort, status, components, adrs, owner, tags, "
        "description [archdoc.unknown_option]",
        "4: WARNING: arch-debt: 'td-1': :impact: 'enormous' is not a valid impact; "
        "expected one of: low, medium, high [archdoc.invalid_value]",
        "4: WARNING: arch-debt: 'td-1': :status: 'closed' is not a valid status; "
        "expected one of: open, in-progress, paid [archdoc.invalid_value]",
        "4: WARNING: debt 'td-1' :adrs: names unknown ADR 'ADR-404' [archdoc.unknown_adr]",
        "4: WARNING: debt 'td-1': :components: names unknown component 'nowhere' "
        "[archdoc.unknown_component]",
    ]
    # The item is kept with what was valid.
    assert result.items("debt")["td-1"]["fields"]["effort"] == "low"


def test_debt_statuses_are_configurable(make_project):
    src = make_project(
        {
            "index.rst": """\
Debt
====

.. arch-debt:: td-1
   :status: Accepted

.. arch-debt-register::
   :status: accepted
"""
        },
        conf='archdoc_debt_statuses = ["open", "accepted", "repaid"]\n',
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    assert table_rows(result.html(), "archdoc-debt-register")[0][:1] == ["td-1"]
    assert result.items("debt")["td-1"]["fields"]["status"] == "accepted"


@pytest.mark.slow
def test_debt_register_parallel_and_incremental_match_a_clean_build(make_project):
    src = make_project(
        {
            "index.rst": RST,
            "more.rst": "More\n====\n\n.. arch-debt:: td-more\n   :impact: high\n   :effort: low\n",
        }
    )
    (src / "index.rst").write_text(RST + "\n.. toctree::\n\n   more\n", encoding="utf-8")
    first = build(src, parallel=2)
    rows = table_rows(first.html(), "archdoc-debt-register")
    assert [row[0] for row in rows] == ["td-more", "td-schema", "td-retries", "td-cache", "td-logs"]
    (src / "more.rst").write_text(
        "More\n====\n\n.. arch-debt:: td-more\n   :impact: low\n   :effort: high\n",
        encoding="utf-8",
    )
    again = build(src)
    rows = table_rows(again.html(), "archdoc-debt-register")
    assert [row[0] for row in rows] == ["td-schema", "td-retries", "td-cache", "td-logs", "td-more"]
