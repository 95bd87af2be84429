# ruff: noqa: RUF001 - the typographic characters are what these tests are about
"""The title line and facts of an item block are written with the page.

The item directive leaves a placeholder at read time; the page's
post-transform writes the head from the item (``render/blocks.py``). These
tests hold what a reader sees in each route: typography as Sphinx's smart
quotes make it, links on every builder, a link that cannot resolve, and
pages rebuilt incrementally or in parallel.
"""

from __future__ import annotations

import pytest

from conftest import build

PAGE = (
    "Index\n=====\n\n"
    ".. arch-component:: cache\n"
    '   :title: Bob\'s "cache" -- the fast one...\n'
    "   :layer: data\n"
    "   :purpose: Keeps 'hot' rows\n"
    "   :depends-on: db\n\n"
    "   It is ``fast``.\n\n"
    ".. arch-component:: db\n   :title: Database\n   :layer: data\n"
)


def head_texts(soup, item_id: str) -> tuple[str, str]:
    block = soup.select_one(f"div#component-{item_id}")
    assert block is not None
    title = block.select_one("p.archdoc-item-title").get_text()
    facts = block.select_one("p.archdoc-item-facts").get_text()
    return title, facts


def test_titles_and_facts_get_smart_quotes_like_the_text_around_them(make_project):
    result = build(make_project({"index.rst": PAGE}))
    title, facts = head_texts(result.html(), "cache")
    assert title == "Component Bob’s “cache” – the fast one… cache active"
    assert "Purpose: Keeps ‘hot’ rows" in facts
    # Data stays as written: the export and the tables are not typeset.
    assert result.items()["cache"]["title"] == 'Bob\'s "cache" -- the fast one...'


def test_smart_quotes_off_leaves_the_head_as_written(make_project):
    result = build(make_project({"index.rst": PAGE}, conf="smartquotes = False\n"))
    title, facts = head_texts(result.html(), "cache")
    assert title == 'Component Bob\'s "cache" -- the fast one... cache active'
    assert "Purpose: Keeps 'hot' rows" in facts


def test_smart_quotes_follow_the_language(make_project):
    result = build(make_project({"index.rst": PAGE}, conf='language = "de"\n'))
    title, _facts = head_texts(result.html(), "cache")
    assert "Bob’s „cache“" in title


def test_builders_excluded_from_smart_quotes_show_the_head_as_written(make_project):
    result = build(make_project({"index.rst": PAGE}), "text")
    text = result.text()
    assert 'Bob\'s "cache" -- the fast one...' in text
    assert "Purpose: Keeps 'hot' rows" in text


def test_the_stored_doctree_holds_a_placeholder_and_the_page_the_head(make_project):
    result = build(make_project({"index.rst": PAGE}))
    stored = result.app.env.get_doctree("index").pformat()
    assert stored.count("<archdoc_item_head") == 2
    assert "archdoc-item-title" not in stored
    page = result.html()
    assert len(page.select("p.archdoc-item-title")) == 2
    assert "archdoc_item_head" not in str(page)


def test_an_unresolvable_fact_link_shows_its_text_and_is_reported(make_project):
    result = build(
        make_project(
            {"index.rst": "Index\n=====\n\n.. arch-component:: api\n   :depends-on: nowhere\n"}
        )
    )
    facts = result.html().select_one("div#component-api p.archdoc-item-facts")
    assert " ".join(facts.get_text().split()) == "Depends on: nowhere"
    assert facts.select("a") == []
    assert any(
        "names unknown component 'nowhere'" in line and "[archdoc.unknown_component]" in line
        for line in result.archdoc_warnings()
    )


def test_an_adr_in_the_facts_reads_as_its_number_and_title(make_project):
    result = build(
        make_project(
            {
                "index.rst": (
                    "Index\n=====\n\n"
                    ".. arch-adr:: ADR-001\n   :title: Use a queue\n   :status: accepted\n\n"
                    ".. arch-component:: api\n   :adrs: ADR-001\n"
                )
            }
        )
    )
    facts = result.html().select_one("div#component-api p.archdoc-item-facts")
    link = facts.select_one("a")
    assert link.get_text() == "ADR-001: Use a queue"
    assert link["href"] == "#adr-adr-001"


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "text"])
def test_heads_link_across_documents_on_every_builder(make_project, builder):
    result = build(
        make_project(
            {
                "index.rst": (
                    "Index\n=====\n\n.. toctree::\n\n   other\n\n"
                    ".. arch-component:: api\n   :title: API\n   :depends-on: db\n"
                ),
                "other.md": "# Other\n\n```{arch-component} db\n:title: Database\n```\n",
            }
        ),
        builder,
    )
    assert result.warning_lines == []
    if builder == "singlehtml":
        page = result.html()
        facts = page.select_one("div#component-api p.archdoc-item-facts")
        assert facts.select_one("a")["href"].endswith("#component-db")
        assert page.select_one("div#component-db p.archdoc-item-title strong").get_text() == (
            "Database"
        )
    elif builder == "latex":
        tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\sphinxstylestrong{Database}" in tex
        assert "component-db" in tex  # the fact's link
    else:
        assert "Depends on: db" in result.text()
        assert 'Component **Database** "db" active' in result.text("other")


@pytest.mark.slow
def test_heads_are_the_same_in_parallel_and_incremental_builds(make_project):
    files = {
        "index.rst": "Index\n=====\n\n.. toctree::\n\n   a\n   b\n",
        "a.rst": "A\n=\n\n.. arch-component:: api\n   :title: API\n   :depends-on: db\n",
        "b.md": "# B\n\n```{arch-component} db\n:title: Database\n:layer: data\n```\n",
    }
    serial = build(make_project(files))
    parallel = build(make_project(files), parallel=2)
    for docname in ("a", "b"):
        assert str(serial.html(docname).select_one("div.archdoc-item")) == str(
            parallel.html(docname).select_one("div.archdoc-item")
        )
    source = make_project(files)
    build(source)
    (source / "b.md").write_text(
        "# B\n\n```{arch-component} db\n:title: Primary database\n:layer: data\n```\n",
        encoding="utf-8",
    )
    again = build(source)
    title = again.html("b").select_one("div#component-db p.archdoc-item-title")
    assert title.select_one("strong").get_text() == "Primary database"
    link = again.html("a").select_one("div#component-api p.archdoc-item-facts a")
    assert link["title"] == "Primary database"  # the page linking to it was rewritten


def test_an_extra_field_named_like_a_flows_steps_is_a_fact_of_other_kinds(make_project):
    page = "Index\n=====\n\n.. arch-component:: api\n   :steps: 3\n   :layer: data\n"
    conf = 'archdoc_extra_fields = {"component": ["steps"]}\n'
    result = build(make_project({"index.rst": page}, conf=conf))
    _title, facts = head_texts(result.html(), "api")
    assert facts == "Layer: data · Steps: 3"
