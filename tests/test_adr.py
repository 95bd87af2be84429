"""ADRs as a user sees them: discovered folders, adr-link, the index, the checks."""

from __future__ import annotations

import re

import pytest

from conftest import build, table_header, table_rows


def _located(result) -> list[str]:
    """archdoc warnings as ``docname:line: message [type]``, build paths removed."""
    lines = []
    for warning in result.archdoc_warnings():
        line = warning.replace(str(result.srcdir) + "/", "")
        lines.append(re.sub(r"\x1b\[[0-9;]*m", "", line).replace(" WARNING:", ""))
    return lines


def _links(soup) -> list[tuple[str, list[str]]]:
    return [
        (p.get_text(" ", strip=True), [a["href"] for a in p.find_all("a")])
        for p in soup.select("p.archdoc-adr-link")
    ]


# -- adr-tools / Nygard -------------------------------------------------------------


@pytest.mark.slow
def test_adr_tools_folder_becomes_a_checked_index(copy_root):
    result = build(copy_root("adr-nygard"))
    assert _located(result) == []
    soup = result.html()
    assert table_header(soup, "archdoc-adr-index") == [
        "ID",
        "Title",
        "Status",
        "Date",
        "Supersedes",
        "Superseded by",
        "Relations",
        "Referenced from",
    ]
    assert table_rows(soup, "archdoc-adr-index") == [
        [
            "ADR-001",
            "Record architecture decisions",
            "accepted",
            "2018-02-01",
            "",
            "",
            "Amended by ADR-003",
            "Architecture",
        ],
        ["ADR-002", "Use PostgreSQL", "superseded", "2018-03-05", "", "ADR-003", "", ""],
        [
            "ADR-003",
            "Use CockroachDB",
            "accepted (multi-region pending)",
            "2019-06-10",
            "ADR-002",
            "",
            "Amends ADR-001",
            "Architecture",
        ],
    ]


def test_adr_link_renders_id_title_status_and_relation(copy_root):
    result = build(copy_root("adr-nygard"))
    assert _links(result.html()) == [
        (
            "Decides: ADR-003: Use CockroachDB (accepted)",
            ["adr/0003-use-cockroachdb.html#use-cockroachdb"],
        ),
        (
            "ADR-001: Record architecture decisions (accepted)",
            ["adr/0001-record-architecture-decisions.html#record-architecture-decisions"],
        ),
    ]


def test_adr_role_shows_status_and_accepts_every_spelling(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                + "\n\n".join(
                    f":arch:adr:`{ref}`"
                    for ref in ("ADR-001", "ADR-1", "0001", "1", "use-kafka", "0001-use-kafka")
                )
                + "\n\n.. toctree::\n   :glob:\n\n   adr/*\n"
            ),
            "adr/0001-use-kafka.md": "# 1. Use Kafka\n\n## Status\n\nAccepted\n",
        },
        conf='archdoc_adr_paths = ["adr/*"]\n',
    )
    result = build(src)
    assert _located(result) == []
    texts = [a.get_text() for a in result.html().select("a.reference span.archdoc-ref")]
    assert texts == ["ADR-001: Use Kafka (accepted)"] * 6


def test_component_adrs_column_and_json_record_where_adrs_are_relied_on(copy_root):
    result = build(copy_root("adr-nygard"))
    adrs = result.items("adr")
    assert adrs["0001-record-architecture-decisions"]["computed"] == {
        "amended-by": ["0003-use-cockroachdb"],
        "amends": [],
        "components": ["store"],
        "depends-on": [],
        "description": "",
        "number": 1,
        "referenced-from": ["index"],
        "relates-to": [],
        "relations": ["amended-by"],
        "required-by": [],
        "status": "accepted",
        "status-note": None,
        "superseded-by": [],
        "supersedes": [],
    }
    assert adrs["0002-use-postgresql"]["fields"]["status"] == "Superceded"
    assert adrs["0002-use-postgresql"]["computed"]["status"] == "superseded"
    assert adrs["0002-use-postgresql"]["url"] == "adr/0002-use-postgresql.html#use-postgresql"
    component = result.items("component")["store"]
    assert component["computed"]["adrs"] == [
        "0001-record-architecture-decisions",
        "0003-use-cockroachdb",
    ]


def test_adr_index_toctree_puts_every_adr_in_the_navigation_in_number_order(copy_root):
    result = build(copy_root("adr-nygard"))
    assert "0001-record" not in result.warnings  # no "not included in any toctree"
    assert result.app.env.toctree_includes["index"] == [
        "adr/0001-record-architecture-decisions",
        "adr/0002-use-postgresql",
        "adr/0003-use-cockroachdb",
    ]
    next_link = result.html().select_one("link[rel=next]")
    assert next_link is not None
    assert next_link["href"] == "adr/0001-record-architecture-decisions.html"


def test_text_inside_code_blocks_is_never_metadata(copy_root):
    result = build(copy_root("adr-nygard"))
    adr = result.items("adr")["0003-use-cockroachdb"]
    assert adr["fields"]["status"] == "Accepted"
    assert adr["fields"]["date"] == "2019-06-10"
    assert "superseded-by" not in adr["fields"]


# -- MADR -----------------------------------------------------------------------------


def test_madr_front_matter_and_files_without_status(copy_root):
    result = build(copy_root("adr-madr"))
    adrs = result.items("adr")
    assert sorted(adrs) == [
        "0000-markdown-any-decision-records",
        "0001-use-vue",
        "0002-use-rest",
        "0003-use-kafka",
        "0004-use-pulsar",
    ]  # the template and the folder's index page are not ADRs
    first = adrs["0000-markdown-any-decision-records"]["fields"]
    assert first["deciders"] == "Oliver, Olaf"
    assert first["tags"] == ["process", "docs"]
    assert adrs["0001-use-vue"]["computed"]["status"] == "accepted"  # "approved" alias
    no_status = adrs["0002-use-rest"]
    assert "status" not in no_status["fields"]
    assert no_status["fields"]["date"] == "2023-05-06"  # not the code block's 1999
    assert adrs["0003-use-kafka"]["computed"]["superseded-by"] == ["0004-use-pulsar"]
    assert adrs["0004-use-pulsar"]["computed"]["supersedes"] == ["0003-use-kafka"]


def test_adr_index_filters_by_status(copy_root):
    result = build(copy_root("adr-madr"))
    rows = table_rows(result.html(), "archdoc-adr-index")
    assert [row[:3] for row in rows] == [
        ["ADR-000", "Use Markdown Any Decision Records", "accepted"],
        ["ADR-001", "Use Vue.js", "accepted (for the shop front end)"],
    ]


def test_relying_on_a_superseded_adr_names_the_successor(copy_root):
    result = build(copy_root("adr-madr"))
    assert _located(result) == [
        "index.md:13: :arch:adr: relies on ADR-003 'Use Kafka', which is superseded by "
        "ADR-004 'Use Pulsar' [archdoc.superseded_adr]"
    ]


def test_unknown_status_is_kept_as_written_and_reported_as_info(copy_root):
    result = build(copy_root("adr-madr"))
    pulsar = result.items("adr")["0004-use-pulsar"]
    assert pulsar["computed"]["status"] == "in review"
    assert (
        "ADR-004 'Use Pulsar': status 'in review' is not one of proposed, accepted, rejected, "
        "deprecated, superseded (kept as written) [archdoc.adr_status]"
    ) in result.status
    finding = next(f for f in result.json()["findings"] if f["check"] == "adr_status")
    assert (finding["severity"], finding["docname"]) == ("info", "decisions/0004-use-pulsar")


# -- log4brains ---------------------------------------------------------------------


def test_log4brains_dated_adrs_are_named_by_slug_and_ordered_by_date(copy_root):
    result = build(copy_root("adr-log4brains"))
    assert _located(result) == []
    rows = table_rows(result.html(), "archdoc-adr-index")
    assert rows == [
        [
            "use-markdown-architectural-decision-records",
            "Use Markdown Architectural Decision Records",
            "accepted",
            "2020-09-24",
            "",
            "",
            "Required by use-nextjs",
            "",
        ],
        ["use-gatsby", "Use Gatsby", "superseded", "2020-10-16", "", "use-nextjs", "", ""],
        [
            "use-nextjs",
            "Use Next.js",
            "accepted (pilot)",
            "2021-01-05",
            "use-gatsby",
            "",
            "Depends on use-markdown-architectural-decision-records",
            "Architecture",
        ],
    ]
    assert _links(result.html())[0][0] == "Use Next.js (accepted)"


# -- reStructuredText records -----------------------------------------------------


def test_rst_records_docinfo_bold_status_labels_and_explicit_override(copy_root):
    result = build(copy_root("adr-rst"))
    rows = table_rows(result.html("records/index"), "archdoc-adr-index")
    assert rows == [
        [
            "ADR-010",
            "Use REST for public APIs",
            "accepted",
            "2021-03-04",
            "API guild",
            "",
            "ADR-011",
        ],
        [
            "ADR-011",
            "Version the API in the URL",
            "accepted (internal APIs first)",
            "2022-01-15",
            "",
            "ADR-010",
            "",
        ],
        ["ADR-012", "gRPC between services", "accepted", "", "Platform team", "", ""],
    ]
    # ADR-010's own row: superseded-by ADR-011, derived from ADR-011's statement.
    assert result.items("adr")["adr-010-use-rest"]["computed"]["superseded-by"] == [
        "adr-011-api-versioning"
    ]


def test_contradicting_supersession_statements_are_reported(copy_root):
    result = build(copy_root("adr-rst"))
    assert _located(result) == [
        "index.rst:4: adr-link relies on ADR-010 'Use REST for public APIs', which is "
        "superseded by ADR-011 'Version the API in the URL' [archdoc.superseded_adr]",
        "records/adr-010-use-rest.rst:8: ADR-010 'Use REST for public APIs' has status "
        "'Accepted', but ADR-011 'Version the API in the URL' supersedes it "
        "[archdoc.adr_supersession]",
    ]


# -- the messy folder -----------------------------------------------------------------


def test_messy_folder_findings(copy_root):
    result = build(copy_root("adr-messy"))
    assert _located(result) == [
        "adr/0002-no-status.md:1: ADR-002 is used twice: by adr/0002-duplicate-number "
        "(line 1, 'Another record numbered two') and by adr/0002-no-status (line 1, "
        "'A record without a status'); references to ADR-002 go to "
        "adr/0002-duplicate-number [archdoc.adr_duplicate_number]",
        "adr/0003-heading-disagrees.md:1: ADR heading '5. The heading says five' names "
        "number 5, but the file name gives 3; the file name's number is used "
        "[archdoc.adr_number_mismatch]",
        "adr/0004-first-of-a-cycle.md:1: supersession cycle: ADR-004 -> ADR-005 -> ADR-004 "
        "(each supersedes the next) [archdoc.adr_supersession]",
        "adr/0006-old-queue.md:1: ADR-006 'Old queue' is superseded by ADR-007 'New queue', "
        "which is rejected [archdoc.adr_supersession]",
        "adr/0007-new-queue.md:1: ADR-007 'New queue': supersedes 'ADR-042', which does not "
        "exist (did you mean 'ADR-004', 'ADR-002', 'ADR-008'?) [archdoc.adr_supersession]",
        "adr/0008-superseded-without-successor.md:1: ADR-008 'Superseded without a "
        "successor' is superseded, but no ADR is named as its successor "
        "[archdoc.adr_supersession]",
        "index.md:3: adr-link names unknown ADR 'ADR-9' (did you mean 'ADR-008', 'ADR-007', "
        "'ADR-006'?) [archdoc.unknown_adr]",
        "index.md:6: adr-link '1' expects the title 'Use Postgres', but ADR-001 is titled "
        "'Use PostgreSQL' [archdoc.adr_title_mismatch]",
    ]


def test_prose_mentioning_supercedes_is_not_a_supersession(copy_root):
    result = build(copy_root("adr-messy"))
    first = result.items("adr")["0001-use-postgresql"]
    assert first["computed"]["superseded-by"] == []
    assert first["computed"]["status"] == "accepted"


def test_both_files_with_a_duplicate_number_stay_in_the_index(copy_root):
    result = build(copy_root("adr-messy"))
    rows = table_rows(result.html(), "archdoc-adr-index")
    assert [row[:2] for row in rows if row[0] == "ADR-002"] == [
        ["ADR-002", "Another record numbered two"],
        ["ADR-002", "A record without a status"],
    ]


def test_adr_checks_follow_archdoc_checks_severities(copy_root):
    result = build(
        copy_root("adr-messy"),
        confoverrides={
            "archdoc_checks": {
                "adr_supersession": "off",
                "adr_duplicate_number": "info",
                "adr_number_mismatch": "off",
                "unknown_adr": "off",
                "adr_title_mismatch": "off",
            }
        },
    )
    assert _located(result) == []
    assert "[archdoc.adr_duplicate_number]" in result.status


# -- configuration, declared ADRs, options ---------------------------------------------


def test_id_format_and_declared_adrs_without_a_folder(make_project):
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-adr:: ADR-001\n   :title: Database Choice\n   :status: Approved\n\n"
                ".. adr-link:: 1\n\n"
                ".. adr-link:: ADR-0001\n   :title: Database choice\n   :colour: red\n"
            )
        },
        conf='archdoc_adr_id_format = "ADR-{number:04d}"\n',
    )
    result = build(src)
    assert _located(result) == [
        "index.rst:10: adr-link: 'ADR-0001': unknown option :colour:; accepted: title, "
        "relation [archdoc.unknown_option]"
    ]
    assert [text for text, _ in _links(result.html())] == [
        "ADR-0001: Database Choice (accepted)",
        "ADR-0001: Database Choice (accepted)",
    ]


def test_dated_adr_links_show_title_without_number(copy_root):
    result = build(copy_root("adr-log4brains"), "text")
    assert "Use Next.js (accepted)" in result.text()


def test_latex_builder_renders_adr_links_and_index(copy_root):
    result = build(copy_root("adr-nygard"), "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"ADR\sphinxhyphen{}003: Use CockroachDB (accepted)" in tex
    assert "Record architecture decisions" in tex


NASTY_REFERENCES = [
    "x" * 5000,
    "<script>alert(1)</script>",
    "ünïcødé ✓",
    "ADR-",
    "-1",
    "1e309",
    "a:b",
]


def test_odd_references_and_odd_adr_files_never_break_the_build(make_project):
    links = "\n".join(f".. adr-link:: {ref}\n   :title: {ref}\n" for ref in NASTY_REFERENCES)
    src = make_project(
        {
            "index.rst": f"Index\n=====\n\n{links}\n.. arch-adr-index::\n   :toctree:\n",
            "adr/0001-empty.md": "",
            "adr/0002-front-matter-only.md": "---\nstatus: [1, 2\ndate: nope\n---\n",
            "adr/0003-no-heading.rst": "Just text.\n\nStatus: Superseded by ADR-3\n",
            "adr/0004-links-only.md": "# ADR-4:\n\nSupersedes [](http://x) and [x](#)\n",
            "adr/20249999-bad-date.md": "# Bad date\n",
        },
        conf='archdoc_adr_paths = ["adr/*"]\n',
    )
    result = build(src)
    assert "Traceback" not in result.warnings
    assert "Exception occurred" not in result.status
    adrs = result.items("adr")
    assert sorted(adrs) == [
        "0001-empty",
        "0002-front-matter-only",
        "0003-no-heading",
        "0004-links-only",
        "20249999-bad-date",  # not a date, so a number
    ]
    assert adrs["0001-empty"]["title"] == "Empty"
    warnings = result.archdoc_warnings()
    assert any("unknown ADR '<script>" in w for w in warnings)
    assert any("unknown ADR 'xxxxxxxx" in w and "...'" in w for w in warnings)
    assert any("ADR-003 'No heading' supersedes itself" in w for w in warnings)
    assert "<script>alert" not in (result.outdir / "index.html").read_text(encoding="utf-8")
