"""The rest of the template: open questions, document status, findings, extra fields."""

from __future__ import annotations

import pytest

from conftest import build, table_header, table_rows

# 2026-06-01 00:00 UTC: "today" for every date check in this file.
EPOCH = "1780272000"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


QUESTIONS_RST = """\
Questions
=========

.. arch-status::
   :status: review
   :next-review: 2026-05-01
   :sign-off: CTO
   :last-updated: 2026-04-01

.. arch-component:: db
   :title: Database

.. arch-question:: q-cache
   :title: Do we need a cache?
   :owner: Ann
   :due: 2026-05-15
   :components: db

   Latency numbers first.

.. arch-question:: q-region
   :title: Second region?
   :owner: Bob
   :due: 2026-09-01

.. arch-question:: q-done
   :title: Which database?
   :status: resolved
   :owner: Ann
   :due: 2026-01-01
"""

SUMMARY_RST = """\
Summary
=======

.. arch-status::
   :status: approved
   :next-review: 2026-12-01
   :sign-off: Architecture board

.. arch-question-list::
   :caption: All questions

.. arch-question-list::
   :status: open
   :owner: ann

.. arch-status-table::
"""


def project(make_project, **files):
    return make_project(
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   questions\n   summary\n",
            "questions.rst": QUESTIONS_RST,
            "summary.rst": SUMMARY_RST,
            **files,
        }
    )


def test_question_list_shows_owner_due_date_and_components(make_project):
    result = build(project(make_project))
    soup = result.html("summary")
    assert table_header(soup, "archdoc-question-list") == [
        "ID",
        "Title",
        "Status",
        "Owner",
        "Due",
        "Components",
        "Answered by",
    ]
    assert table_rows(soup, "archdoc-question-list") == [
        ["q-cache", "Do we need a cache?", "open", "Ann", "2026-05-15 overdue", "db", ""],
        ["q-done", "Which database?", "resolved", "Ann", "2026-01-01", "", ""],
        ["q-region", "Second region?", "open", "Bob", "2026-09-01", "", ""],
    ]


def test_question_list_filters_by_status_and_owner(make_project):
    result = build(project(make_project))
    tables = result.html("summary").select("table.archdoc-question-list")
    second = tables[1]
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in second.select("tbody tr")
    ]
    assert [row[0] for row in rows] == ["q-cache"]


def test_overdue_open_question_is_a_located_warning_resolved_ones_are_not(make_project):
    result = build(project(make_project))
    overdue = [w for w in result.archdoc_warnings() if "[archdoc.question_overdue]" in w]
    assert len(overdue) == 1
    assert "questions.rst:13:" in overdue[0]
    assert (
        "question 'q-cache' is still open and was due 2026-05-15 (today is 2026-06-01)"
        in (overdue[0])
    )


def test_status_table_lists_every_document_with_overdue_reviews_marked(make_project):
    result = build(project(make_project))
    soup = result.html("summary")
    assert table_header(soup, "archdoc-status-table") == [
        "Document",
        "Status",
        "Next review",
        "Sign off",
        "Last updated",
    ]
    assert table_rows(soup, "archdoc-status-table") == [
        ["Questions", "review", "2026-05-01 overdue", "CTO", "2026-04-01"],
        ["Summary", "approved", "2026-12-01", "Architecture board", ""],
    ]
    link = soup.select_one("table.archdoc-status-table a")
    assert link["href"] == "questions.html"


def test_review_overdue_uses_source_date_epoch(make_project, monkeypatch):
    result = build(project(make_project))
    overdue = [w for w in result.archdoc_warnings() if "[archdoc.review_overdue]" in w]
    assert len(overdue) == 1
    assert "questions.rst:4:" in overdue[0]
    assert "next review 2026-05-01 has passed (today is 2026-06-01)" in overdue[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    later = build(project(make_project))
    assert [w for w in later.archdoc_warnings() if "overdue" in w] == []


def test_second_status_in_a_document_is_reported_and_ignored(make_project):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-status::\n   :status: draft\n\n"
            ".. arch-status::\n   :status: approved\n\n.. arch-status-table::\n",
        }
    )
    result = build(src)
    assert any(
        "index.rst:7:" in w and "at most one arch-status per document" in w
        for w in result.archdoc_warnings()
    )
    assert table_rows(result.html(), "archdoc-status-table") == [["Index", "draft", "", "", ""]]


def test_status_block_renders_in_place(make_project):
    result = build(project(make_project))
    block = result.html("questions").select_one("div.archdoc-item.archdoc-status")
    assert block is not None
    text = " ".join(block.get_text(" ", strip=True).split())
    assert "review" in text
    assert "Next review: 2026-05-01" in text
    assert "Sign off: CTO" in text


def test_questions_and_status_in_myst_and_json(make_project):
    src = make_project(
        {
            "index.md": "# Index\n\n"
            "```{arch-status}\n:status: draft\n:next-review: 2026-07-01\n```\n\n"
            "```{arch-question} q1\n:title: Open?\n:due: 2026-07-01\n```\n",
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    items = result.items()
    assert items["q1"]["fields"] == {"title": "Open?", "due": "2026-07-01", "status": "open"}
    assert items["q1"]["computed"] == {
        "overdue": False,
        "spikes": [],
        "answered-by": [],
        "description": "",
    }
    assert items["index"]["kind"] == "status"
    assert items["index"]["fields"]["next-review"] == "2026-07-01"


# -- findings -----------------------------------------------------------------

FINDINGS_PROJECT = {
    "index.rst": "Index\n=====\n\n.. toctree::\n\n   parts\n   health\n",
    "parts.rst": """\
Parts
=====

.. arch-component:: api
   :depends-on: dbb

.. arch-component:: db

.. arch-question:: q1
   :due: 2026-01-01
""",
    "health.rst": """\
Health
======

.. arch-findings::
   :caption: Document health

.. arch-findings::
   :severity: info

.. arch-findings::
   :check: question_overdue, unknown_option
   :columns: check, location

.. arch-component-table::
   :colour: red
""",
}


def test_findings_table_lists_every_check_result_with_location_links(make_project):
    result = build(make_project(FINDINGS_PROJECT))
    soup = result.html("health")
    assert table_header(soup, "archdoc-findings") == ["Check", "Severity", "Message", "Location"]
    rows = table_rows(soup, "archdoc-findings")
    assert rows == [
        [
            "unknown_option",
            "warning",
            "arch-component-table: unknown option :colour:; accepted: columns, sort, caption, "
            + rows[0][2].split("caption, ", 1)[1],
            "health, line 14",
        ],
        [
            "unknown_component",
            "warning",
            "component 'api': :depends-on: names unknown component 'dbb' (did you mean 'db'?)",
            "parts, line 4",
        ],
        [
            "question_overdue",
            "warning",
            "question 'q1' is still open and was due 2026-01-01 (today is 2026-06-01)",
            "parts, line 9",
        ],
    ]
    first_table = soup.select_one("table.archdoc-findings")
    links = [a["href"] for a in first_table.select("a.reference")]
    # Findings about items link to the item's block, others to the document.
    assert links == ["#", "parts.html#component-api", "parts.html#question-q1"]


def test_findings_filters_and_columns(make_project):
    result = build(make_project(FINDINGS_PROJECT))
    soup = result.html("health")
    assert soup.select("p.archdoc-findings")[0].get_text() == "No findings match."
    third = soup.select("table.archdoc-findings")[1]
    assert [th.get_text(strip=True) for th in third.select("thead th")] == ["Check", "Location"]
    assert [tr.find("td").get_text(strip=True) for tr in third.select("tbody tr")] == [
        "unknown_option",
        "question_overdue",
    ]


def test_findings_show_info_severity_and_respect_off(make_project):
    conf = 'archdoc_checks = {"question_overdue": "info", "unknown_component": "off"}\n'
    src = make_project(FINDINGS_PROJECT, conf=conf)
    result = build(src)
    rows = table_rows(result.html("health"), "archdoc-findings")
    assert [(r[0], r[1]) for r in rows] == [
        ("unknown_option", "warning"),
        ("question_overdue", "info"),
    ]


def test_findings_bad_filter_value_is_reported(make_project):
    src = make_project(
        {"index.rst": "Index\n=====\n\n.. arch-findings::\n   :severity: fatal\n   :check: nope\n"}
    )
    result = build(src)
    warnings = result.archdoc_warnings()
    assert any(
        "index.rst:4:" in w and ":severity: 'fatal' is not a valid value" in w for w in warnings
    )
    assert any(":check: 'nope' is not a valid value" in w for w in warnings)


@pytest.mark.slow
def test_findings_page_updates_in_incremental_builds(make_project):
    src = make_project(FINDINGS_PROJECT)
    build(src)
    parts = src / "parts.rst"
    parts.write_text(parts.read_text(encoding="utf-8").replace("dbb", "db"), encoding="utf-8")
    result = build(src)
    checks = [r[0] for r in table_rows(result.html("health"), "archdoc-findings")]
    assert "unknown_component" not in checks


def test_findings_in_text_and_latex_builders(make_project):
    src = make_project(FINDINGS_PROJECT)
    text = build(src, "text")
    assert "unknown_component" in text.text("health")
    assert "parts, line 4" in text.text("health")
    latex = build(src, "latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "question\\_overdue" in tex


# -- extra fields ---------------------------------------------------------------

EXTRA_CONF = (
    'archdoc_extra_fields = {"component": ["data-type", "retention"], "question": ["area"]}\n'
)


def test_extra_fields_work_as_options_columns_filters_sort_and_json(make_project):
    src = make_project(
        {
            "index.rst": """\
Index
=====

.. arch-component:: db
   :title: Primary database
   :layer: data
   :data-type: Bookings, parcels
   :retention: 7 years

.. arch-component:: cache
   :title: Cache
   :layer: data
   :data-type: Sessions
   :retention: 24 hours

.. arch-question:: q1
   :area: Storage

.. arch-component-table::
   :columns: title, data-type, retention
   :sort: -retention
   :caption: Storage strategy

.. arch-component-table::
   :retention: 24 hours
   :columns: id, retention

.. arch-question-list::
   :area: storage
   :columns: id, area
"""
        },
        conf=EXTRA_CONF,
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    soup = result.html()
    assert table_header(soup, "archdoc-component-table") == ["Title", "Data type", "Retention"]
    tables = soup.select("table.archdoc-component-table")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in tables[0].select("tbody tr")
    ]
    assert rows == [
        ["Primary database", "Bookings, parcels", "7 years"],
        ["Cache", "Sessions", "24 hours"],
    ]
    filtered = [
        [td.get_text(strip=True) for td in tr.find_all("td")] for tr in tables[1].select("tbody tr")
    ]
    assert filtered == [["cache", "24 hours"]]
    assert table_rows(soup, "archdoc-question-list") == [["q1", "Storage"]]
    block = soup.select_one("div.archdoc-component")
    assert "Data type: Bookings, parcels" in " ".join(block.get_text(" ", strip=True).split())
    assert result.items()["db"]["fields"]["retention"] == "7 years"


def test_extra_field_of_another_kind_is_an_unknown_option(make_project):
    src = make_project(
        {"index.rst": "Index\n=====\n\n.. arch-risk:: r1\n   :retention: 7 years\n"},
        conf=EXTRA_CONF,
    )
    result = build(src)
    assert any(
        "index.rst:4:" in w and "unknown option :retention:" in w for w in result.archdoc_warnings()
    )


def test_findings_without_any_finding_say_every_check_passed(make_project):
    src = make_project({"index.rst": "Index\n=====\n\n.. arch-findings::\n"})
    result = build(src)
    assert result.html().select_one("p.archdoc-findings").get_text() == (
        "No findings: every check passed."
    )


def test_extra_fields_show_in_the_block_in_configured_order(make_project):
    src = make_project(
        {
            "index.md": "# Index\n\n```{arch-component} db\n:retention: 7 years\n"
            ":storage: PostgreSQL\n:layer: data\n```\n",
        },
        conf='archdoc_extra_fields = {"component": ["storage", "retention"]}\n',
    )
    result = build(src)
    facts = result.html().select_one("div.archdoc-component .archdoc-item-facts")
    text = " ".join(facts.get_text(" ", strip=True).split())
    assert text.index("Layer: data") < text.index("Storage: PostgreSQL")
    assert text.index("Storage: PostgreSQL") < text.index("Retention: 7 years")


def test_empty_status_table_says_so_in_plain_english(make_project):
    result = build(make_project({"index.rst": "Index\n=====\n\n.. arch-status-table::\n"}))
    notice = result.html().select_one("p.archdoc-empty")
    assert notice.get_text() == "No document statuses match."


def test_a_status_of_two_words_is_one_badge_class_in_tables_and_heads(make_project):
    srcdir = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: api\n   :status: In Progress\n\n"
                ".. arch-component-table::\n   :columns: id, status\n"
            )
        },
        conf='archdoc_component_statuses = ["planned", "in progress", "active"]\n',
    )
    soup = build(srcdir).html()
    table_badge = soup.select_one("table.archdoc-component-table td .archdoc-badge")
    head_badge = soup.select_one("div.archdoc-component .archdoc-item-title .archdoc-badge")
    for badge in (table_badge, head_badge):
        assert badge.get_text() == "in progress"
        assert badge["class"] == ["archdoc-badge", "archdoc-badge-status-in-progress"]
