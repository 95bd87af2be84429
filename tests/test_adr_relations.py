"""ADR status notes, relations besides supersession, unnumbered ADRs, and
mentions that are not references (DESIGN 2.9)."""

from __future__ import annotations

import pytest

from conftest import build, table_rows
from sphinx_archdoc.core.adr import split_status
from sphinx_archdoc.core.adr_discovery import (
    Block,
    FileName,
    Link,
    Outline,
    discover,
    link_marker,
    parse_filename,
    relations_in,
    status_and_note,
)
from sphinx_archdoc.core.config import ArchConfig

CONFIG = ArchConfig()


# -- the pure reading ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Accepted", ("Accepted", None)),
        ("Accepted (port pending)", ("Accepted", "port pending")),
        ("Accepted (for v4) — carrier pending", ("Accepted", "for v4 — carrier pending")),
        ("Accepted, revised", ("Accepted", "revised")),
        ("**Accepted** 2024-01-02 (pilot only)", ("Accepted", "pilot only")),
        ("accepted on 2020-01-01", ("accepted", None)),
        ("Superseded by [ADR-3](0003-x.md)", ("Superseded", None)),
        ("Accepted, supersedes ADR-2", ("Accepted", None)),
        ("Accepted - needs budget", ("Accepted", "needs budget")),
        ("in review", ("in review", None)),
    ],
)
def test_status_and_note_split_the_qualifier_from_the_word(text, expected):
    assert status_and_note(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Accepted (port pending)", ("Accepted", "port pending")),
        ("superceded", ("superceded", None)),
        ("Accepted [for v4]", ("Accepted", "for v4")),
        ("", (None, None)),
    ],
)
def test_declared_status_split(text, expected):
    assert split_status(text) == expected


def test_relation_lines_each_give_their_relation():
    text = "Amends ADR-6\nDepends on ADR-17 and 18\n- Relates to #4\nSupersedes 2"
    assert relations_in(text, (), CONFIG) == [
        ("amends", ("ADR-006",)),
        ("depends-on", ("ADR-017", "ADR-018")),
        ("relates-to", ("ADR-004",)),
        ("supersedes", ("ADR-002",)),
    ]


def test_relation_words_in_prose_are_not_relations():
    assert relations_in("This amends the old habit of guessing.", (), CONFIG) == []
    assert relations_in("It depends on the weather", (), CONFIG) == []


def test_relation_links_name_their_targets_by_file_name():
    links = (Link("the vendor API", "adr-tbd-1-confluence-api.md"), Link("x", "0017-y.md"))
    text = f"Relates to {link_marker(0)}\nDepends on {link_marker(1)}"
    assert relations_in(text, links, CONFIG) == [
        ("relates-to", ("tbd-1-confluence-api",)),
        ("depends-on", ("ADR-017",)),
    ]


def test_unnumbered_adr_files_are_adrs_named_by_their_slug():
    assert parse_filename("adr-tbd-1-confluence-api") == FileName(
        None, None, "tbd-1-confluence-api"
    )
    assert parse_filename("ADR_draft-caching") == FileName(None, None, "draft-caching")
    assert parse_filename("adr-template") is None
    assert parse_filename("api-design") is None
    found = discover(
        Outline("adr/adr-tbd-1-x", "Publish to Confluence", 1, "x"),
        FileName(None, None, "tbd-1-x"),
        CONFIG,
    )
    assert found.item_id == "tbd-1-x"
    assert "number" not in found.fields


def _outline(*blocks: Block, metadata=None) -> Outline:
    return Outline("adr/0007-x", "7. X", 1, "x", metadata or {}, blocks)


@pytest.mark.parametrize(
    ("outline", "status", "note"),
    [
        # MyST front matter
        (_outline(metadata={"status": "accepted (port pending)"}), "accepted", "port pending"),
        # a docinfo field list / front matter with a separate note
        (
            _outline(metadata={"status": "Accepted", "status-note": "for v4"}),
            "Accepted",
            "for v4",
        ),
        # a "Status" section's first paragraph
        (
            _outline(Block("Accepted (for v4) — carrier pending\nmore", 5, ("X", "Status"))),
            "Accepted",
            "for v4 — carrier pending",
        ),
        # a Status: line or bullet
        (_outline(Block("Status: Accepted, revised", 3, ("X",))), "Accepted", "revised"),
        # a bold status line
        (
            _outline(Block("Accepted 2024-01-02 (pilot)", 3, ("X",), strong="Accepted")),
            "Accepted",
            "pilot",
        ),
    ],
)
def test_every_discovery_form_keeps_the_status_note(outline, status, note):
    found = discover(outline, FileName(7, None, "x"), CONFIG)
    assert found.fields["status"] == status
    assert found.fields["status-note"] == note


@pytest.mark.parametrize(
    ("outline", "expected"),
    [
        # front matter / docinfo keys
        (
            _outline(metadata={"amends": "ADR-1", "depends on": "2, 3", "relates_to": "[4]"}),
            {"amends": ("ADR-1",), "depends-on": ("2", "3"), "relates-to": ("4",)},
        ),
        # lines of a paragraph (Markdown soft breaks), bullets, a status section
        (
            _outline(
                Block("Accepted\nAmends ADR-1", 5, ("X", "Status")),
                Block("Depends on ADR-2", 7, ("X", "Status")),
                Block("Relates to ADR-3", 9, ("X", "Context")),
            ),
            {"amends": ("ADR-001",), "depends-on": ("ADR-002",), "relates-to": ("ADR-003",)},
        ),
    ],
)
def test_every_discovery_form_reads_the_relations(outline, expected):
    found = discover(outline, FileName(7, None, "x"), CONFIG)
    assert {k: v for k, v in found.fields.items() if k in expected} == expected


# -- real folders ----------------------------------------------------------------------


def test_notes_and_relations_in_every_form_reach_the_adr_index(copy_root):
    result = build(copy_root("adr-relations"))
    # Every ADR document (the unnumbered one too) is in the toctree: no warning.
    assert result.warning_lines == []
    soup = result.html()
    rows = table_rows(soup, "archdoc-adr-index")
    assert [row[:3] + row[6:] for row in rows] == [
        [
            "ADR-001",
            "Use PostgreSQL",
            "accepted (for v4 — carrier pending)",
            "Amended by ADR-002, ADR-003",
            "",
        ],
        [
            "ADR-002",
            "Use read replicas",
            "accepted (port pending)",
            "Amends ADR-001; Required by ADR-003",
            "",
        ],
        [
            "ADR-003",
            "Cache queries",
            "accepted (revised)",
            "Amends ADR-001; Depends on ADR-002; Required by ADR-004",
            "",
        ],
        [
            "ADR-004",
            "Partition large tables",
            "accepted (pilot only)",
            "Amended by ADR-005; Depends on ADR-003; Required by ADR-005",
            "",
        ],
        [
            "ADR-005",
            "Archive old rows",
            "proposed (needs budget)",
            "Amends ADR-004; Depends on ADR-004; Relates to tbd-1-confluence-api",
            "",
        ],
        [
            "tbd-1-confluence-api",
            "Publish decisions to Confluence",
            "proposed (waiting for vendor)",
            "Relates to ADR-005",
            "",
        ],
    ]
    tables = soup.select("table.archdoc-adr-index")
    columns = [
        [" ".join(td.get_text().split()) for td in tr.select("td")][2:]
        for tr in tables[1].select("tbody tr")
    ]
    assert columns == [
        ["for v4 — carrier pending", "", "ADR-002, ADR-003", "", "", ""],
        ["port pending", "ADR-001", "", "", "ADR-003", ""],
        ["revised", "ADR-001", "", "ADR-002", "ADR-004", ""],
        ["pilot only", "", "ADR-005", "ADR-003", "ADR-005", ""],
        ["needs budget", "ADR-004", "", "ADR-004", "", "tbd-1-confluence-api"],
        ["waiting for vendor", "", "", "", "", "ADR-005"],
    ]
    # The unnumbered ADR is a page of the site, reachable from the index.
    assert (result.outdir / "adr" / "adr-tbd-1-confluence-api.html").exists()
    toc = [a["href"] for a in soup.select(".toctree-wrapper a, nav a, .sphinxsidebar a")]
    assert any("adr-tbd-1-confluence-api" in href for href in toc) or (
        "adr/adr-tbd-1-confluence-api" in result.app.env.toctree_includes["index"]
    )


def test_notes_and_relations_in_archdoc_json(copy_root):
    result = build(copy_root("adr-relations"))
    adrs = result.items("adr")
    second = adrs["0002-use-read-replicas"]
    assert second["fields"]["status"] == "accepted"
    assert second["fields"]["status-note"] == "port pending"
    computed = second["computed"]
    assert computed["status"] == "accepted"
    assert computed["status-note"] == "port pending"
    assert computed["amends"] == ["0001-use-postgresql"]
    assert computed["required-by"] == ["0003-cache-queries"]
    assert computed["relations"] == ["amends", "required-by"]
    # It names itself in its text: that is not a reference.
    assert computed["referenced-from"] == []
    assert adrs["tbd-1-confluence-api"]["computed"]["number"] is None


def test_adr_blocks_show_the_status_with_its_note(make_project):
    src = make_project(
        {
            "index.rst": """\
Decisions
=========

.. arch-adr:: ADR-001
   :title: Use PostgreSQL
   :status: Accepted (port pending)

.. arch-adr:: ADR-002
   :title: Use replicas
   :status: approved
   :status-note: for reads only
   :amends: ADR-001
   :depends-on: ADR-001
   :relates-to: ADR-001

.. arch-adr-index::
"""
        }
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    soup = result.html()
    titles = [" ".join(p.get_text(" ").split()) for p in soup.select(".archdoc-item-title")]
    assert titles == [
        "Decision Use PostgreSQL ADR-001 accepted (port pending)",
        "Decision Use replicas ADR-002 accepted (for reads only)",
    ]
    rows = table_rows(soup, "archdoc-adr-index")
    assert [row[2] for row in rows] == ["accepted (port pending)", "accepted (for reads only)"]
    assert rows[0][6] == "Amended by ADR-002; Required by ADR-002; Relates to ADR-002"
    assert rows[1][6] == "Amends ADR-001; Depends on ADR-001; Relates to ADR-001"
    adrs = result.items("adr")
    # The option is kept as written; the computed status is normalised.
    assert adrs["ADR-001"]["fields"]["status"] == "Accepted (port pending)"
    assert adrs["ADR-001"]["computed"]["status"] == "accepted"
    assert adrs["ADR-001"]["computed"]["status-note"] == "port pending"


def test_relations_work_in_myst_and_in_parallel_builds(make_project):
    files = {
        "index.md": "# Decisions\n\n```{arch-adr-index}\n"
        ":columns: id, depends-on, required-by\n```\n\n```{toctree}\na\nb\n```\n",
        "a.md": "# A\n\n```{arch-adr} ADR-001\n:title: A\n:status: accepted\n```\n",
        "b.md": "# B\n\n```{arch-adr} ADR-002\n:title: B\n:status: proposed (draft)\n"
        ":depends-on: ADR-001\n```\n",
    }
    result = build(make_project(files), parallel=2)
    assert result.archdoc_warnings() == []
    assert table_rows(result.html(), "archdoc-adr-index") == [
        ["ADR-001", "", "ADR-002"],
        ["ADR-002", "ADR-001", ""],
    ]


def test_relation_mistakes_are_reported_at_the_adr(make_project):
    src = make_project(
        {
            "index.rst": """\
Decisions
=========

.. arch-adr:: ADR-001
   :title: A
   :amends: ADR-009
   :relates-to: ADR-001

.. arch-adr:: ADR-002
   :title: B
   :depends-on: ADR-003

.. arch-adr:: ADR-003
   :title: C
   :depends-on: ADR-002
"""
        }
    )
    result = build(src)
    warnings = [line.split("index.rst:", 1)[1] for line in result.archdoc_warnings()]
    assert warnings == [
        "4: WARNING: ADR-001 'A': amends 'ADR-009', which does not exist "
        "(did you mean 'ADR-003', 'ADR-002', 'ADR-001'?) [archdoc.adr_relation]",
        "4: WARNING: ADR-001 'A': relates to itself [archdoc.adr_relation]",
        "9: WARNING: depends-on cycle: ADR-002 -> ADR-003 -> ADR-002 "
        "(each depends on the next) [archdoc.adr_relation]",
    ]


def test_mentions_inside_one_supersession_chain_are_not_superseded_adr(make_project):
    conf = 'archdoc_adr_paths = ["adr/*"]\n'
    files = {
        "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   adr/*\n\n"
        "Relies on :arch:adr:`ADR-1`.\n",
        "adr/0001-use-mysql.md": "# 1. Use MySQL\n\nStatus: superseded by ADR-2\n",
        "adr/0002-use-postgresql.md": "# 2. Use PostgreSQL\n\nStatus: superseded by ADR-3\n\n"
        "Supersedes ADR-1\n",
        "adr/0003-use-cockroachdb.md": "# 3. Use CockroachDB\n\nStatus: accepted\n\n"
        "Supersedes ADR-2\n\nHistory: ADR-2 (supersedes {arch:adr}`ADR-1`).\n",
    }
    result = build(make_project(files, conf))
    warnings = result.archdoc_warnings()
    # The index page relies on a superseded ADR; the chain's own history does not.
    assert len(warnings) == 1
    assert "index.rst:9" in warnings[0]
    assert "[archdoc.superseded_adr]" in warnings[0]


def test_a_page_that_lists_several_adrs_still_references_them(make_project):
    src = make_project(
        {
            "index.rst": """\
Decisions
=========

.. arch-adr:: ADR-001
   :title: A

.. arch-adr:: ADR-002
   :title: B

   Builds on :arch:adr:`ADR-001`.
"""
        }
    )
    result = build(src)
    assert result.items("adr")["ADR-001"]["computed"]["referenced-from"] == ["index"]


@pytest.mark.parametrize(
    ("root", "adr_id", "note", "relation", "targets"),
    [
        # adr-tools: a "Status" section, an "Amends" line with a link
        (
            "adr-nygard",
            "0003-use-cockroachdb",
            "multi-region pending",
            "amends",
            ["0001-record-architecture-decisions"],
        ),
        # MADR 2: bullet lines
        ("adr-madr", "0001-use-vue", "for the shop front end", "relates-to", ["0002-use-rest"]),
        # log4brains: bullets with a link to a dated record
        (
            "adr-log4brains",
            "use-nextjs",
            "pilot",
            "depends-on",
            ["use-markdown-architectural-decision-records"],
        ),
        # reStructuredText: a bold status line, a "Depends on" paragraph
        (
            "adr-rst",
            "adr-011-api-versioning",
            "internal APIs first",
            "depends-on",
            ["ADR-012"],
        ),
    ],
)
@pytest.mark.slow
def test_real_folders_keep_status_notes_and_relations(
    copy_root, root, adr_id, note, relation, targets
):
    result = build(copy_root(root))
    computed = result.items("adr")[adr_id]["computed"]
    assert computed["status"] == "accepted"
    assert computed["status-note"] == note
    assert computed[relation] == targets
    inverse = {"amends": "amended-by", "depends-on": "required-by", "relates-to": "relates-to"}
    assert result.items("adr")[targets[0]]["computed"][inverse[relation]] == [adr_id]
