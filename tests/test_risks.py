"""Risks end to end: arch-risk, the risk register, the heat-map, checks and export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, table_header, table_rows

INDEX_RST = """\
Index
=====

.. toctree::

   technical
   operational
   components
   summary
"""

TECHNICAL_RST = """\
Technical risks
===============

.. arch-risk:: db-failure
   :title: Database Failure
   :category: technical
   :impact: High
   :probability: Low
   :mitigation: Master/replica setup, automated failover
   :components: primary-db
   :owner: Data team

   The primary database is a single point of failure for bookings.

.. arch-risk:: api-outage
   :title: Third-party API Outage
   :category: technical
   :impact: medium
   :probability: MEDIUM
   :mitigation: Circuit breakers, fallback responses
   :components: api-gateway
   :tags: external

.. arch-risk:: ddos
   :title: DDoS Attack
   :category: security
   :impact: high
   :probability: medium
   :mitigation: CDN protection, rate limiting
   :components: api-gateway
   :status: mitigating
   :tags: external, edge

.. arch-risk:: data-breach
   :title: Data Breach
   :category: security
   :impact: high
   :probability: low
   :mitigation: Defense in depth, regular security audits
   :components: primary-db, api-gateway
"""

OPERATIONAL_MD = """\
# Operational risks

```{arch-risk} key-person
:title: Key Person Dependency
:category: operational
:impact: medium
:probability: high
:mitigation: Documentation, knowledge sharing
```

```{arch-risk} vendor-lock-in
:title: Vendor Lock-in
:category: business
:impact: low
:probability: high
:mitigation: Abstraction layers, multi-cloud strategy
:status: accepted
```

```{arch-risk} compliance-violation
:title: Compliance Violation
:category: compliance
:impact: high
:probability: low
:mitigation: Regular audits, automated compliance checks
```

See {arch:risk}`ddos` and {arch:risk}`the breach <data-breach>`.
"""

COMPONENTS_RST = """\
Components
==========

.. arch-component:: api-gateway
   :title: API Gateway
   :layer: application

.. arch-component:: primary-db
   :title: Primary database
   :layer: data

.. arch-component-table::
   :columns: id, risks
"""

SUMMARY_RST = """\
Summary
=======

.. arch-risk-register::

.. arch-risk-matrix::
   :caption: Risk heat-map
"""

REGISTER_ORDER = [
    "ddos",
    "key-person",
    "api-outage",
    "compliance-violation",
    "data-breach",
    "db-failure",
    "vendor-lock-in",
]


@pytest.fixture
def project(make_project):
    return make_project(
        {
            "index.rst": INDEX_RST,
            "technical.rst": TECHNICAL_RST,
            "operational.md": OPERATIONAL_MD,
            "components.rst": COMPONENTS_RST,
            "summary.rst": SUMMARY_RST,
        }
    )


def summary_project(make_project, summary: str, conf: str = "", extra: str = "") -> Path:
    """The seven seed risks plus ``summary`` (and ``extra`` risks) on one page."""
    return make_project(
        {
            "index.rst": INDEX_RST.replace("   summary\n", "   summary\n   extra\n"),
            "technical.rst": TECHNICAL_RST,
            "operational.md": OPERATIONAL_MD,
            "components.rst": COMPONENTS_RST,
            "summary.rst": "Summary\n=======\n\n" + summary,
            "extra.rst": "Extra\n=====\n\n" + extra,
        },
        conf=conf,
    )


def matrix_grid(soup: BeautifulSoup, nth: int = 0) -> list[list[str]]:
    """The matrix as text: the header row, then one row per impact level."""
    table = soup.select("table.archdoc-risk-matrix")[nth]
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
        for row in table.select("tr")
    ]


def matrix_cell(soup: BeautifulSoup, impact: str, probability: str, nth: int = 0):
    table = soup.select("table.archdoc-risk-matrix")[nth]
    header = [" ".join(c.get_text().split()) for c in table.select("thead th")]
    for row in table.select("tbody tr"):
        cells = row.find_all(["th", "td"])
        if cells[0].get_text(strip=True) == impact:
            return cells[header.index(probability)]
    raise AssertionError(f"no row {impact!r}")


def register_ids(soup: BeautifulSoup, nth: int = 0) -> list[str]:
    table = soup.select("table.archdoc-risk-register")[nth]
    return [row.find("td").get_text(strip=True) for row in table.select("tbody tr")]


# -- arch-risk ------------------------------------------------------------------


def test_seed_risks_build_without_warnings(project):
    result = build(project)
    assert result.warning_lines == []


def test_risk_block_is_anchored_and_shows_band_and_score(project):
    soup = build(project).html("technical")
    anchor = soup.find(id="risk-ddos")
    assert anchor is not None
    blocks = soup.select("div.archdoc-item.archdoc-risk")
    ddos = next(b for b in blocks if "DDoS Attack" in b.get_text())
    title = ddos.select_one(".archdoc-item-title")
    band = title.select_one(".archdoc-band-high")
    assert band is not None
    assert band.get_text() == "high risk"
    facts = " ".join(ddos.select_one(".archdoc-item-facts").get_text().split())
    assert facts.startswith("Score: 6 · Category: security · Impact: high · Probability: medium")
    assert "Components: api-gateway" in facts
    assert (
        ddos.select_one(".archdoc-item-facts a")["href"] == "components.html#component-api-gateway"
    )
    db = next(b for b in blocks if "Database Failure" in b.get_text())
    assert db.select_one(".archdoc-band-medium").get_text() == "medium risk"
    assert "single point of failure" in db.get_text()


def test_levels_are_case_insensitive_and_exported_lower_case_with_score_and_band(project):
    risks = build(project).items("risk")
    assert risks["db-failure"]["fields"]["impact"] == "high"
    assert risks["api-outage"]["fields"]["probability"] == "medium"
    assert risks["db-failure"]["computed"] == {
        "score": 3,
        "band": "medium",
        "description": "The primary database is a single point of failure for bookings.",
    }
    assert risks["ddos"]["computed"] == {"score": 6, "band": "high", "description": ""}
    assert risks["api-outage"]["computed"] == {"score": 4, "band": "medium", "description": ""}
    assert risks["data-breach"]["fields"]["components"] == ["primary-db", "api-gateway"]
    assert risks["vendor-lock-in"]["fields"]["status"] == "accepted"
    assert risks["key-person"]["fields"]["status"] == "open"
    assert risks["ddos"]["url"] == "technical.html#risk-ddos"


def test_risk_role_links_with_the_title_or_the_given_text(project):
    soup = build(project).html("operational")
    links = {a.get_text(): a["href"] for a in soup.select("p a.reference")}
    assert links["DDoS Attack"] == "technical.html#risk-ddos"
    assert links["the breach"] == "technical.html#risk-data-breach"


def test_component_table_lists_each_components_risks(project):
    rows = table_rows(build(project).html("components"), "archdoc-component-table")
    assert rows == [
        ["api-gateway", "api-outage, data-breach, ddos"],
        ["primary-db", "data-breach, db-failure"],
    ]


def test_component_risks_are_exported(project):
    components = build(project).items("component")
    assert components["primary-db"]["computed"]["risks"] == ["data-breach", "db-failure"]


# -- arch-risk-register -----------------------------------------------------------


def test_register_sorts_by_score_descending_ties_by_id(project):
    soup = build(project).html("summary")
    assert table_header(soup, "archdoc-risk-register") == [
        "ID",
        "Title",
        "Impact",
        "Probability",
        "Score",
        "Band",
        "Mitigation",
    ]
    rows = table_rows(soup, "archdoc-risk-register")
    assert [row[0] for row in rows] == REGISTER_ORDER
    assert rows[0] == [
        "ddos",
        "DDoS Attack",
        "high",
        "medium",
        "6",
        "high",
        "CDN protection, rate limiting",
    ]
    assert [row[4] for row in rows] == ["6", "6", "4", "3", "3", "3", "3"]
    link = soup.select_one("table.archdoc-risk-register tbody a")
    assert link["href"] == "technical.html#risk-ddos"


def test_register_band_cell_names_the_band(project):
    soup = build(project).html("summary")
    cell = soup.select_one("table.archdoc-risk-register tbody tr td:nth-of-type(6) span")
    assert cell.get_text() == "high"
    assert "archdoc-badge-band-high" in cell["class"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (":category: security", ["ddos", "data-breach"]),
        (":category: security, compliance", ["ddos", "compliance-violation", "data-breach"]),
        (
            ":category: !technical, !security",
            ["key-person", "compliance-violation", "vendor-lock-in"],
        ),
        (":status: mitigating, accepted", ["ddos", "vendor-lock-in"]),
        (":status: !open", ["ddos", "vendor-lock-in"]),
        (":band: high", ["ddos", "key-person"]),
        (":band: High, medium\n   :min-score: 4", ["ddos", "key-person", "api-outage"]),
        (":min-score: 6", ["ddos", "key-person"]),
        (":components: primary-db", ["data-breach", "db-failure"]),
        (":components: API-Gateway\n   :band: !high", ["api-outage", "data-breach"]),
        (":tags: edge", ["ddos"]),
        (
            ":tags: !external",
            ["key-person", "compliance-violation", "data-breach", "db-failure", "vendor-lock-in"],
        ),
        (
            ":impact: high\n   :probability: low",
            ["compliance-violation", "data-breach", "db-failure"],
        ),
        (":sort: id", sorted(REGISTER_ORDER)),
        (
            ":sort: title",
            [
                "compliance-violation",
                "data-breach",
                "db-failure",
                "ddos",
                "key-person",
                "api-outage",
                "vendor-lock-in",
            ],
        ),
        (
            ":sort: score",
            [
                "compliance-violation",
                "data-breach",
                "db-failure",
                "vendor-lock-in",
                "api-outage",
                "ddos",
                "key-person",
            ],
        ),
    ],
)
@pytest.mark.slow
def test_register_filters_and_sorting(make_project, options, expected):
    src = summary_project(make_project, f".. arch-risk-register::\n   {options}\n")
    result = build(src)
    assert result.archdoc_warnings() == []
    assert register_ids(result.html("summary")) == expected


def test_register_columns_and_caption(make_project):
    src = summary_project(
        make_project,
        ".. arch-risk-register::\n"
        "   :columns: id, category, band, owner, components, status, review\n"
        "   :caption: Technical risks\n"
        "   :category: technical\n",
    )
    soup = build(src).html("summary")
    caption = soup.select_one("table.archdoc-risk-register caption .caption-text")
    assert caption.get_text() == "Technical risks"
    assert table_header(soup, "archdoc-risk-register") == [
        "ID",
        "Category",
        "Band",
        "Owner",
        "Components",
        "Status",
        "Review",
    ]
    assert table_rows(soup, "archdoc-risk-register") == [
        ["api-outage", "technical", "medium", "", "api-gateway", "open", ""],
        ["db-failure", "technical", "medium", "Data team", "primary-db", "open", ""],
    ]


def test_register_with_no_match_says_so(make_project):
    src = summary_project(make_project, ".. arch-risk-register::\n   :min-score: 9\n")
    soup = build(src).html("summary")
    assert soup.select_one("p.archdoc-risk-register").get_text() == "No risks match."


def test_unscored_risks_come_last_in_the_register(make_project):
    extra = ".. arch-risk:: aaa-unscored\n   :title: Not assessed yet\n"
    src = summary_project(make_project, ".. arch-risk-register::\n", extra=extra)
    assert register_ids(build(src).html("summary")) == [*REGISTER_ORDER, "aaa-unscored"]


def test_bad_register_filters_are_located_warnings_and_the_rest_still_applies(make_project):
    src = summary_project(
        make_project,
        ".. arch-risk-register::\n"
        "   :band: extreme, high\n"
        "   :min-score: lots\n"
        "   :columns: id, likelihood\n"
        "   :colour: red\n",
    )
    result = build(src)
    warnings = result.archdoc_warnings()
    assert len(warnings) == 4
    assert all("summary.rst:4:" in w for w in warnings)
    text = "\n".join(warnings)
    assert "'extreme' is not a valid value; expected one of: low, medium, high" in text
    # An invalid minimum has no valid part to keep: the register lists nothing
    # rather than every score (an invalid value never widens a summary).
    assert (
        ":min-score: 'lots' is not a whole number >= 0; the summary lists nothing "
        "(an invalid value never widens it) [archdoc.invalid_value]"
    ) in text
    assert ":columns: names unknown field 'likelihood'" in text
    assert "unknown option :colour:" in text
    soup = result.html("summary")
    assert soup.select("table.archdoc-risk-register") == []
    assert soup.select_one(".archdoc-empty.archdoc-risk-register").get_text() == "No risks match."
    (src / "summary.rst").write_text(
        (src / "summary.rst").read_text(encoding="utf-8").replace("   :min-score: lots\n", ""),
        encoding="utf-8",
    )
    result = build(src)
    assert len(result.archdoc_warnings()) == 3
    assert register_ids(result.html("summary")) == ["ddos", "key-person"]


LONG_REGISTER = "".join(
    f".. arch-risk:: r{i:02d}\n   :impact: {('low', 'medium', 'high')[i % 3]}\n"
    f"   :probability: high\n   :mitigation: Something\n\n"
    for i in range(35)
)


def test_long_register_is_a_latex_longtable_with_a_repeated_header(make_project):
    src = make_project(
        {"index.rst": "Index\n=====\n\n" + LONG_REGISTER + ".. arch-risk-register::\n"}
    )
    result = build(src, "latex")
    assert result.warning_lines == []
    tex = next(result.outdir.glob("*.tex")).read_text()
    longtable = tex[tex.index(r"\begin{longtable}") : tex.index(r"\end{longtable}")]
    assert r"\endfirsthead" in longtable
    assert r"\endhead" in longtable  # the header row repeated on every page
    assert longtable.count(r"\sphinxstyletheadfamily") >= 2 * 7
    assert "r02" in longtable
    assert "r34" in longtable


# -- arch-risk-matrix -------------------------------------------------------------


def test_matrix_has_impact_rows_highest_first_and_probability_columns(project):
    soup = build(project).html("summary")
    assert matrix_grid(soup) == [
        ["Impact / Probability", "low", "medium", "high"],
        [
            "high",
            "medium · 3 risks: compliance-violation, data-breach, db-failure",
            "high · 1 risk: ddos",
            "high · 0 risks",
        ],
        ["medium", "low · 0 risks", "medium · 1 risk: api-outage", "high · 1 risk: key-person"],
        ["low", "low · 0 risks", "low · 0 risks", "medium · 1 risk: vendor-lock-in"],
    ]


def test_matrix_cells_carry_band_classes_and_link_their_risks(project):
    soup = build(project).html("summary")
    table = soup.select_one("table.archdoc-risk-matrix")
    assert "archdoc-table" in table["class"]
    assert table.select_one("caption .caption-text").get_text() == "Risk heat-map"
    cell = matrix_cell(soup, "high", "medium")
    assert "archdoc-band-high" in cell["class"]
    assert cell.select_one(".archdoc-band-label").get_text() == "high"
    assert [a["href"] for a in cell.select("a")] == ["technical.html#risk-ddos"]
    low = matrix_cell(soup, "low", "low")
    assert "archdoc-band-low" in low["class"]
    assert low.select("a") == []
    # Impact labels are row headers, not data cells.
    assert [th.get_text() for th in table.select("tbody th")] == ["high", "medium", "low"]


def test_matrix_legend_names_each_band_its_scores_and_count(project):
    soup = build(project).html("summary")
    legend = soup.select_one("p.archdoc-risk-matrix-legend")
    assert " ".join(legend.get_text().split()) == (
        "Bands (score = impact rank \u00d7 probability rank): "
        "low: score 1\u20132, 0 risks · medium: score 3\u20134, 5 risks · "
        "high: score 6\u20139, 2 risks."
    )
    assert [s.get_text() for s in legend.select(".archdoc-badge")] == ["low", "medium", "high"]
    assert "archdoc-band-high" in legend.select(".archdoc-badge")[2]["class"]


@pytest.mark.parametrize(
    ("options", "placed"),
    [
        (":category: security", {("high", "medium"): ["ddos"], ("high", "low"): ["data-breach"]}),
        (":min-score: 6", {("high", "medium"): ["ddos"], ("medium", "high"): ["key-person"]}),
        (":band: high", {("high", "medium"): ["ddos"], ("medium", "high"): ["key-person"]}),
        (":status: accepted", {("low", "high"): ["vendor-lock-in"]}),
        (
            ":components: primary-db",
            {("high", "low"): ["data-breach", "db-failure"]},
        ),
        (":tags: external\n   :band: !high", {("medium", "medium"): ["api-outage"]}),
    ],
)
@pytest.mark.slow
def test_matrix_takes_the_register_filters(make_project, options, placed):
    src = summary_project(make_project, f".. arch-risk-matrix::\n   {options}\n")
    result = build(src)
    assert result.archdoc_warnings() == []
    soup = result.html("summary")
    levels = ["low", "medium", "high"]
    for impact in levels:
        for probability in levels:
            cell = matrix_cell(soup, impact, probability)
            assert [a.get_text() for a in cell.select("a")] == placed.get((impact, probability), [])


def test_matrix_lists_risks_it_cannot_place(make_project):
    extra = (
        ".. arch-risk:: half-assessed\n   :impact: high\n\n"
        ".. arch-risk:: not-assessed\n   :title: Not assessed\n"
    )
    src = summary_project(make_project, ".. arch-risk-matrix::\n", extra=extra)
    soup = build(src).html("summary")
    note = soup.select_one("p.archdoc-risk-matrix-unplaced")
    assert (
        note.get_text()
        == "Not placed (impact or probability missing): half-assessed, not-assessed."
    )
    assert [a["href"] for a in note.select("a")] == [
        "extra.html#risk-half-assessed",
        "extra.html#risk-not-assessed",
    ]


def test_matrix_on_the_five_level_scale(make_project):
    conf = "archdoc_risk_levels = ['Very-Low', 'Low', 'Medium', 'High', 'Very-High']\n"
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-risk:: outage\n   :impact: very-high\n   :probability: Medium\n"
                "   :mitigation: Failover\n\n"
                ".. arch-risk:: typo\n   :impact: low\n   :probability: very-low\n\n"
                ".. arch-risk-matrix::\n\n"
                ".. arch-risk-register::\n   :columns: id, score, band\n"
            )
        },
        conf=conf,
    )
    result = build(src)
    assert result.warning_lines == []
    soup = result.html()
    grid = matrix_grid(soup)
    assert grid[0] == ["Impact / Probability", "very-low", "low", "medium", "high", "very-high"]
    assert [row[0] for row in grid[1:]] == ["very-high", "high", "medium", "low", "very-low"]
    assert grid[1][3] == "critical · 1 risk: outage"
    assert grid[1][1] == "medium · 0 risks"
    assert grid[4][1] == "low · 1 risk: typo"
    assert "archdoc-band-critical" in matrix_cell(soup, "very-high", "medium")["class"]
    assert table_rows(soup, "archdoc-risk-register") == [
        ["outage", "15", "critical"],
        ["typo", "2", "low"],
    ]
    assert (
        "critical: score 15\u201325, 1 risk"
        in soup.select_one(".archdoc-risk-matrix-legend").get_text()
    )


def test_custom_band_names_get_colour_tones_by_position(make_project):
    conf = "archdoc_risk_bands = {'fine': 1, 'watch': 3, 'act': 6}\n"
    src = make_project(
        {"index.rst": "Index\n=====\n\n.. arch-risk-matrix::\n   :caption: Custom bands\n"},
        conf=conf,
    )
    soup = build(src).html()
    assert matrix_cell(soup, "high", "high")["class"] == [
        "archdoc-risk-cell",
        "archdoc-band-act",
        "archdoc-band-tone-critical",
    ]
    assert "archdoc-band-tone-low" in matrix_cell(soup, "low", "low")["class"]


def test_matrix_renders_in_text_and_latex(project):
    text = build(project, "text").text("summary")
    assert "Impact / Probability" in text
    assert "high · 1 risk: ddos" in text
    assert "Bands (score = impact rank \u00d7 probability rank)" in text
    latex = build(project, "latex")
    assert latex.warning_lines == []
    tex = next(latex.outdir.glob("*.tex")).read_text()
    assert "Impact / Probability" in tex
    # Colour and word in every cell; the legend uses the same colours.
    assert tex.count(r"\cellcolor[HTML]") == 9
    assert r"\cellcolor[HTML]{FFD6D1}" in tex
    assert r"\colorbox[HTML]{D7F0DC}" in tex
    assert (
        r"\cellcolor[HTML]{FFD6D1}\DUrole{archdoc-band-label}{high}\DUrole{archdoc-sep}{ · }"
        r"\DUrole{archdoc-risk-count}{1 risk}"
    ) in tex


def test_matrix_css_styles_every_tone_with_text(project):
    result = build(project)
    css = (result.outdir / "_static" / "archdoc.css").read_text()
    block = css[css.index("/* --- risk matrix --- */") :]
    for tone in ("low", "medium", "high", "critical"):
        assert f"td.archdoc-band-tone-{tone}" in block


# -- checks -------------------------------------------------------------------------


def test_unmitigated_risk_only_in_the_highest_band(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-risk:: bare-high\n   :impact: high\n   :probability: high\n\n"
                ".. arch-risk:: tbd-high\n   :impact: high\n   :probability: medium\n"
                "   :mitigation: TBD\n\n"
                ".. arch-risk:: bare-medium\n   :impact: high\n   :probability: low\n\n"
                ".. arch-risk:: done-high\n   :impact: high\n   :probability: high\n"
                "   :mitigation: Failover\n\n"
                ".. arch-risk:: closed-high\n   :impact: high\n   :probability: high\n"
                "   :status: closed\n"
            )
        }
    )
    assert build(src).archdoc_warnings() == [
        f"{src}/index.rst:4: WARNING: risk 'bare-high' is in band 'high' (score 9) but has "
        "no :mitigation: [archdoc.unmitigated_risk]",
        f"{src}/index.rst:8: WARNING: risk 'tbd-high' is in band 'high' (score 6) but has "
        "only a placeholder :mitigation: 'TBD' [archdoc.unmitigated_risk]",
    ]


def test_unmitigated_risk_on_the_five_level_scale_means_critical(make_project):
    conf = "archdoc_risk_levels = ['very-low', 'low', 'medium', 'high', 'very-high']\n"
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-risk:: high-only\n   :impact: high\n   :probability: medium\n\n"
                ".. arch-risk:: critical\n   :impact: very-high\n   :probability: high\n"
            )
        },
        conf=conf,
    )
    warnings = build(src).archdoc_warnings()
    assert len(warnings) == 1
    assert "index.rst:8:" in warnings[0]
    assert "risk 'critical' is in band 'critical' (score 20)" in warnings[0]


def test_risk_components_must_exist(project):
    (project / "technical.rst").write_text(
        TECHNICAL_RST.replace(":components: primary-db\n", ":components: primary-bd, cdn\n")
    )
    warnings = build(project).archdoc_warnings()
    assert warnings == [
        f"{project}/technical.rst:4: WARNING: risk 'db-failure': :components: names unknown "
        "component 'cdn' [archdoc.unknown_component]",
        f"{project}/technical.rst:4: WARNING: risk 'db-failure': :components: names unknown "
        "component 'primary-bd' (did you mean 'primary-db'?) [archdoc.unknown_component]",
    ]


def test_bad_values_are_located_and_the_risk_survives(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-risk:: shaky\n"
                "   :title: Shaky\n"
                "   :impact: huge\n"
                "   :probability: high\n"
                "   :category: weather\n"
                "   :status: worrying\n"
                "   :review: 2026-02-30\n"
                "   :mitigation: Umbrella\n"
                "   :likelihood: high\n\n"
                ".. arch-risk-register::\n   :columns: id, title, probability, score, status\n"
            )
        }
    )
    result = build(src)
    warnings = result.archdoc_warnings()
    assert all(w.startswith(f"{src}/index.rst:4: WARNING: arch-risk: 'shaky': ") for w in warnings)
    text = "\n".join(warnings)
    assert ":impact: 'huge' is not a valid impact; expected one of: low, medium, high " in text
    assert ":category: 'weather' is not a valid category; expected one of: technical," in text
    assert ":status: 'worrying' is not a valid status; expected one of: open," in text
    assert ":review: '2026-02-30' is not a valid date [archdoc.invalid_value]" in text
    assert "unknown option :likelihood:" in text
    assert len(warnings) == 5
    assert table_rows(result.html(), "archdoc-risk-register") == [
        ["shaky", "Shaky", "high", "", "open"]
    ]


def test_review_overdue_uses_source_date_epoch(make_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-risk:: past\n   :review: 2025-12-31\n\n"
                ".. arch-risk:: today\n   :review: 2026-01-01\n\n"
                ".. arch-risk:: future\n   :review: 2026-06-30\n\n"
                ".. arch-risk:: closed\n   :review: 2020-01-01\n   :status: closed\n"
            )
        }
    )
    assert build(src).archdoc_warnings() == [
        f"{src}/index.rst:4: WARNING: risk 'past': review date 2025-12-31 has passed "
        "(today is 2026-01-01) [archdoc.review_overdue]"
    ]


def test_unknown_risk_role_suggests_the_closest_id(project):
    (project / "components.rst").write_text(COMPONENTS_RST + "\nSee :arch:risk:`dos`.\n")
    warnings = build(project).archdoc_warnings()
    assert len(warnings) == 1
    assert ":arch:risk: names unknown risk 'dos' (did you mean 'ddos'?)" in warnings[0]
    assert "components.rst:15:" in warnings[0]


def test_risk_checks_can_be_turned_off_or_made_info(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-risk:: bare\n   :impact: high\n   :probability: high\n"
            )
        },
        conf="archdoc_checks = {'unmitigated_risk': 'info'}\n",
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    assert "[archdoc.unmitigated_risk]" in result.status
    assert result.json()["findings"][0]["severity"] == "info"


def test_wrong_risk_bands_stop_the_build_naming_the_option(make_project):
    from sphinx.errors import ConfigError

    src = make_project(
        {"index.rst": "Index\n=====\n"},
        conf="archdoc_risk_bands = {'low': 1, 'medium': 7, 'high': 9}\n",
    )
    with pytest.raises(ConfigError, match="archdoc_risk_bands: band 'medium' can never be reached"):
        build(src)


# -- build modes --------------------------------------------------------------------

PARALLEL_FILES = {
    "index.rst": (
        "Index\n=====\n\n.. toctree::\n\n"
        + "".join(f"   page{i}\n" for i in range(8))
        + "   summary\n"
    ),
    "summary.rst": (
        "Summary\n=======\n\n.. arch-risk-register::\n\n"
        ".. arch-risk-matrix::\n\n.. arch-risk-matrix::\n   :min-score: 4\n"
    ),
    **{
        f"page{i}.rst": (
            f"Page {i}\n=======\n\n"
            f".. arch-risk:: risk-{i}\n   :impact: {('low', 'medium', 'high')[i % 3]}\n"
            f"   :probability: {('high', 'low', 'medium')[i % 3]}\n   :mitigation: Plan {i}\n\n"
            f".. arch-risk:: risk-{i}b\n   :impact: high\n"
            f"   :probability: {('low', 'medium')[i % 2]}\n"
            f"   :mitigation: Plan {i}b\n"
        )
        for i in range(8)
    },
}


def _snapshot(result):
    soup = result.html("summary")
    return (
        result.json(),
        table_rows(soup, "archdoc-risk-register"),
        [matrix_grid(soup, i) for i in range(len(soup.select("table.archdoc-risk-matrix")))],
        [str(p) for p in soup.select("p.archdoc-risk-matrix-legend")],
    )


@pytest.mark.slow
def test_parallel_build_equals_serial(make_project):
    serial = build(make_project(PARALLEL_FILES))
    parallel = build(make_project(PARALLEL_FILES), parallel=2)
    # Documents were read in chunks by worker processes ("page1 .. page4").
    assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", parallel.status)
    assert parallel.warning_lines == []
    assert _snapshot(parallel) == _snapshot(serial)
    assert len(table_rows(serial.html("summary"), "archdoc-risk-register")) == 16


def _clean_build_of(src: Path, tmp_path: Path, name: str):
    clean_src = tmp_path / name
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    return build(clean_src)


@pytest.mark.slow
def test_incremental_edit_of_a_risk_updates_register_and_matrix(project, tmp_path):
    first = build(project)
    assert (
        matrix_cell(first.html("summary"), "low", "high")
        .get_text(" ", strip=True)
        .endswith("vendor-lock-in")
    )
    (project / "operational.md").write_text(
        OPERATIONAL_MD.replace(":impact: low\n", ":impact: high\n")
    )
    incremental = build(project)
    assert "operational" in incremental.status
    clean = _clean_build_of(project, tmp_path, "clean")
    assert _snapshot(incremental) == _snapshot(clean)
    soup = incremental.html("summary")
    assert register_ids(soup)[:3] == ["vendor-lock-in", "ddos", "key-person"]
    assert [a.get_text() for a in matrix_cell(soup, "high", "high").select("a")] == [
        "vendor-lock-in"
    ]
    assert matrix_cell(soup, "low", "high").select("a") == []
    # The component table on another page is unaffected but still consistent.
    assert table_rows(incremental.html("components"), "archdoc-component-table") == table_rows(
        clean.html("components"), "archdoc-component-table"
    )


@pytest.mark.slow
def test_incremental_new_risk_on_a_new_page_appears_in_the_matrix(project, tmp_path):
    build(project)
    (project / "index.rst").write_text(INDEX_RST + "   late\n")
    (project / "late.rst").write_text(
        "Late\n====\n\n.. arch-risk:: late-risk\n   :impact: low\n   :probability: low\n"
    )
    incremental = build(project)
    clean = _clean_build_of(project, tmp_path, "clean-new")
    assert _snapshot(incremental) == _snapshot(clean)
    assert [
        a.get_text() for a in matrix_cell(incremental.html("summary"), "low", "low").select("a")
    ] == ["late-risk"]


def test_extra_risk_fields_and_myst_summaries(make_project):
    src = make_project(
        {
            "index.md": (
                "# Index\n\n"
                "```{arch-risk} leak\n:impact: high\n:probability: high\n"
                ":mitigation: Encrypt\n:detection: Audit log alerts\n```\n\n"
                "```{arch-risk} slow\n:impact: low\n:probability: medium\n```\n\n"
                "```{arch-risk-register}\n:columns: id, detection, band\n```\n\n"
                "```{arch-risk-matrix}\n:min-score: 3\n:caption: Only the serious ones\n```\n"
            )
        },
        conf="archdoc_extra_fields = {'risk': ['detection']}\n",
    )
    result = build(src)
    assert result.warning_lines == []
    soup = result.html()
    assert table_rows(soup, "archdoc-risk-register") == [
        ["leak", "Audit log alerts", "high"],
        ["slow", "", "low"],
    ]
    assert [a.get_text() for a in matrix_cell(soup, "high", "high").select("a")] == ["leak"]
    assert matrix_cell(soup, "low", "medium").select("a") == []
    assert result.items("risk")["leak"]["fields"]["detection"] == "Audit log alerts"
