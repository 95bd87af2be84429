"""ADR discovery from file names, headings and paragraphs (pure)."""

from __future__ import annotations

import pytest

from sphinx_archdoc.core.adr_discovery import (
    Block,
    FileName,
    Link,
    Outline,
    adr_filename,
    clean_title,
    discover,
    link_marker,
    parse_filename,
    parse_front_matter,
    status_word,
    supersession,
)
from sphinx_archdoc.core.config import ArchConfig

CONFIG = ArchConfig()


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("0007-use-kafka", FileName(7, None, "use-kafka")),
        ("adr007-use-kafka", FileName(7, None, "use-kafka")),
        ("ADR-7-use-kafka", FileName(7, None, "use-kafka")),
        ("adr-010-use-rest", FileName(10, None, "use-rest")),
        ("0000-use-madr", FileName(0, None, "use-madr")),
        ("20240131-use-nextjs", FileName(None, "2024-01-31", "use-nextjs")),
        ("2024-01-31-use-nextjs", FileName(None, "2024-01-31", "use-nextjs")),
        ("0012", FileName(12, None, "")),
    ],
)
def test_numbered_and_dated_file_names_are_adrs(stem, expected):
    assert parse_filename(stem) == expected


@pytest.mark.parametrize(
    "stem", ["README", "index", "template", "adr-template", "0000-template", "notes", "api-design"]
)
def test_readme_index_template_and_unnumbered_pages_are_not_adrs(stem):
    assert parse_filename(stem) is None


def test_only_documents_under_the_configured_globs_are_adrs():
    assert adr_filename("adr/0001-x", ["adr/*"]) == FileName(1, None, "x")
    assert adr_filename("other/0001-x", ["adr/*"]) is None
    assert adr_filename("adr/README", ["adr/*"]) is None


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("1. Record architecture decisions", ("Record architecture decisions", 1)),
        ("ADR-0005: Use Pulsar", ("Use Pulsar", 5)),
        ("ADR 12 - gRPC between services", ("gRPC between services", 12)),
        ("Use PostgreSQL", ("Use PostgreSQL", None)),
        ("2024 roadmap", ("2024 roadmap", None)),
    ],
)
def test_title_drops_a_leading_number(heading, expected):
    assert clean_title(heading) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Accepted", "Accepted"),
        ("Superceded by x", "Superceded"),
        ("Accepted 2024-02-03", "Accepted"),
        ("**Accepted** (2024-02-03)", "Accepted"),
        ("Work in progress", "Work in progress"),
        ("accepted on 2020-01-01", "accepted"),
    ],
)
def test_status_word_is_read_up_to_a_date_or_by(text, word):
    assert status_word(text) == word


def test_supersession_needs_an_adr_reference_after_the_keyword():
    prose = "This supercedes the wiki page nobody read."
    assert supersession(prose, (), CONFIG) is None
    assert supersession("Supercedes the old habit", (), CONFIG) is None
    assert supersession("Superseded by ADR-0005", (), CONFIG) == ("superseded-by", ("ADR-005",))
    assert supersession("- Supersedes 3 and ADR-4", (), CONFIG) == (
        "supersedes",
        ("ADR-003", "ADR-004"),
    )


def test_supersession_reads_link_targets_then_link_texts():
    links = (
        Link("3. Use Foo", "0003-use-foo.md"),
        Link("the new one", "20210105-use-nextjs.md"),
        Link("ADR-0009", "https://example.org/decisions"),
    )
    text = f"Superceded by {link_marker(0)}, {link_marker(1)} and {link_marker(2)}"
    assert supersession(text, links, CONFIG) == (
        "superseded-by",
        ("ADR-003", "use-nextjs", "ADR-009"),
    )


def test_front_matter_fallback_reads_only_the_top_block():
    source = "---\nstatus: accepted\ndeciders:\n  - Ann\n  - Bo\n---\n# T\n\n---\nstatus: x\n"
    assert parse_front_matter(source) == {"status": "accepted", "deciders": '["Ann", "Bo"]'}
    assert parse_front_matter("# T\n\n```\n---\nstatus: rejected\n---\n```\n") == {}


def _outline(*blocks: Block, metadata=None, title="1. Use X") -> Outline:
    return Outline("adr/0001-use-x", title, 1, "use-x", metadata or {}, blocks)


def test_front_matter_wins_over_the_status_section():
    outline = _outline(
        Block("Proposed", 5, ("1. Use X", "Status")),
        metadata={"status": "accepted", "date": "2024-01-02"},
    )
    found = discover(outline, FileName(1, None, "use-x"), CONFIG)
    assert found.fields["status"] == "accepted"
    assert found.fields["date"] == "2024-01-02"


def test_status_section_first_paragraph_not_its_sub_sections():
    outline = _outline(
        Block("Details that are not a status", 7, ("1. Use X", "Status", "Details")),
        Block("Accepted", 5, ("1. Use X", "Status")),
    )
    found = discover(outline, FileName(1, None, "use-x"), CONFIG)
    assert found.fields["status"] == "Accepted"


def test_status_and_date_bullets_and_bold_status_lines():
    bullets = _outline(Block("Status: approved\nDate: 2020-04-02\nDeciders: Guild", 3, ("T",)))
    found = discover(bullets, FileName(1, None, "use-x"), CONFIG)
    assert (found.fields["status"], found.fields["date"], found.fields["deciders"]) == (
        "approved",
        "2020-04-02",
        "Guild",
    )
    bold = _outline(Block("Accepted 2021-03-04", 3, ("T",), strong="Accepted"))
    found = discover(bold, FileName(1, None, "use-x"), CONFIG)
    assert (found.fields["status"], found.fields["date"]) == ("Accepted", "2021-03-04")


def test_a_dated_adr_is_identified_by_its_slug_and_dated_by_its_name():
    outline = Outline("adr/20201016-use-gatsby", "Use Gatsby", 1, "use-gatsby", {}, ())
    found = discover(outline, FileName(None, "2020-10-16", "use-gatsby"), CONFIG)
    assert found.item_id == "use-gatsby"
    assert found.fields["date"] == "2020-10-16"
    assert "number" not in found.fields


def test_a_heading_number_that_disagrees_with_the_file_name_is_reported():
    outline = _outline(title="5. Use X")
    found = discover(outline, FileName(3, None, "use-x"), CONFIG)
    assert found.fields["number"] == "3"
    assert [f.check for f in found.findings] == ["adr_number_mismatch"]
