"""Inline markup in field values (DESIGN 2.10), in the document's own language.

``literal``, emphasis, links and roles in a text field render as such in the
item's block and in generated tables on every builder; ``:arch:`` roles are
resolved and checked like roles in prose; ``archdoc.json``, graph labels and
filters see the plain text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import build, table_rows
from sphinx_archdoc.core.model import CrossRef, Link, Styled
from sphinx_archdoc.render.cells import inline_pieces, may_have_markup

FILES = {
    "index.rst": (
        "Markup\n======\n\n"
        ".. toctree::\n\n   decisions\n\n"
        ".. arch-component:: api\n"
        "   :title: Public API\n"
        "   :purpose: Serves ``lib/`` to *readers*, see `the spec <https://example.org/spec>`__.\n"
        "   :technology: Python\n\n"
        ".. arch-component:: db\n"
        "   :title: Database\n"
        "   :purpose: Stores pages; plain_text with user_id stays as written.\n\n"
        ".. arch-relation:: api -> db\n"
        "   :label: Reads ``pages``\n\n"
        ".. arch-risk:: R-1\n"
        "   :title: Stale cache\n"
        "   :impact: high\n"
        "   :probability: medium\n"
        "   :mitigation: Run ``make purge``; see :arch:comp:`db` and\n"
        "      :arch:comp:`nowhere`.\n\n"
        ".. arch-risk-register::\n\n"
        ".. arch-component-table::\n"
        "   :columns: id, purpose\n\n"
        ".. arch-dependency-graph::\n"
    ),
    "decisions.md": (
        "# Decisions\n\n"
        "```{arch-risk} R-2\n"
        ":title: Lost uploads\n"
        ":impact: low\n"
        ":probability: low\n"
        ":mitigation: Keep `lib/` small; *see* {arch:comp}`api` and {arch:comp}`missing-md`.\n"
        "```\n"
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("markup") / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["sphinx_archdoc", "myst_parser"]\nproject = "Test"\n', encoding="utf-8"
    )
    for name, text in FILES.items():
        (source / name).write_text(text, encoding="utf-8")
    return source


def _copy(project: Path, tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("_build"))
    return target


def test_values_without_markup_characters_are_never_parsed():
    assert not may_have_markup("Stores pages; plain_text with user_id, 5 s TTL.")
    for text in ("``lib/``", "*x*", "`x`_", ":arch:comp:`db`", "{arch:comp}`db`", "x_ y"):
        assert may_have_markup(text), text


def test_pieces_of_parsed_nodes():
    from docutils import nodes
    from sphinx import addnodes

    xref = addnodes.pending_xref(
        "", nodes.inline("db", "db", classes=["xref"]), refdomain="arch", reftype="comp"
    )
    xref["reftarget"] = "db"
    xref["refdoc"] = "index"
    parsed = [
        nodes.Text("Run "),
        nodes.literal("make", "make"),
        nodes.Text(" and "),
        nodes.Text("see "),
        xref,
        nodes.reference("spec", "spec", refuri="https://example.org"),
        nodes.target("", ""),
    ]
    pieces = inline_pieces(parsed)
    assert pieces == (
        "Run ",
        Styled("make", "literal"),
        " and see ",
        CrossRef("arch", "comp", "db", "db", False, (("refdoc", "index"),), "inline", ("xref",)),
        Link("https://example.org", "spec"),
    )


def test_html_heads_and_tables_show_the_markup(project, tmp_path):
    result = build(_copy(project, tmp_path))
    soup = result.html()
    api_facts = soup.select_one("div#component-api .archdoc-item-facts")
    assert api_facts is not None
    assert api_facts.select_one("code").get_text() == "lib/"
    assert api_facts.select_one("em").get_text() == "readers"
    link = api_facts.select_one("a.reference.external")
    assert link["href"] == "https://example.org/spec"
    assert link.get_text() == "the spec"
    assert "``" not in api_facts.get_text()

    register = soup.select_one("table.archdoc-risk-register")
    cell = register.select("tbody tr")[0].select("td")[-1]
    assert " ".join(cell.get_text().split()) == "Run make purge; see Database and nowhere."
    assert cell.select_one("code").get_text() == "make purge"
    assert cell.select_one("a.reference.internal")["href"] == "#component-db"
    # The MyST page's role, resolved on the page that shows the table.
    myst_cell = register.select("tbody tr")[1].select("td")[-1]
    assert myst_cell.select_one("a.reference.internal")["href"] == "#component-api"
    assert myst_cell.select_one("code").get_text() == "lib/"
    assert myst_cell.select_one("em").get_text() == "see"

    rows = table_rows(soup, "archdoc-component-table")
    assert rows[0] == ["api", "Serves lib/ to readers, see the spec."]
    assert rows[1] == ["db", "Stores pages; plain_text with user_id stays as written."]

    myst_head = result.html("decisions").select_one(".archdoc-item-facts")
    assert myst_head.select_one("a.reference.internal")["href"] == "index.html#component-api"
    assert myst_head.select_one("a.reference.internal").get_text() == "Public API"


def test_a_role_to_a_missing_item_is_a_located_warning(project, tmp_path):
    result = build(_copy(project, tmp_path))
    warnings = result.archdoc_warnings()
    assert any(
        "index.rst:24: WARNING: :arch:comp: names unknown component 'nowhere'" in w
        and "[archdoc.unknown_component]" in w
        for w in warnings
    ), warnings
    assert any(
        "decisions.md:7: WARNING: :arch:comp: names unknown component 'missing-md'" in w
        for w in warnings
    ), warnings
    assert len(warnings) == 2, warnings


def test_archdoc_json_graphs_and_filters_see_plain_text(project, tmp_path):
    result = build(_copy(project, tmp_path))
    items = result.items()
    assert items["api"]["fields"]["purpose"] == ("Serves lib/ to readers, see the spec.")
    assert items["R-1"]["fields"]["mitigation"] == "Run make purge; see db and nowhere."
    assert items["R-2"]["fields"]["mitigation"] == "Keep lib/ small; see api and missing-md."
    relation = next(i for i in result.json()["items"] if i["kind"] == "relation")
    assert relation["fields"]["label"] == "Reads pages"
    graph = result.html().select_one(".archdoc-dependency-graph, pre.mermaid, div.mermaid")
    assert graph is not None
    assert "Reads pages" in graph.get_text()
    assert "``" not in graph.get_text()


def test_text_and_latex_builders_show_the_markup(project, tmp_path):
    source = _copy(project, tmp_path)
    text = build(source, "text").text()
    assert 'Serves "lib/" to *readers*, see the spec.' in " ".join(text.split())
    assert "see *Database* and nowhere." in " ".join(text.split())
    latex = build(source, "latex", outdir_name="latex")
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # The purpose in the component's head and in the component table.
    assert tex.count(r"\sphinxcode{\sphinxupquote{lib/}}") >= 2
    assert tex.count(r"\sphinxstyleemphasis{readers}") == 2
    assert tex.count(r"\sphinxhref{https://example.org/spec}{the spec}") == 2
    # The role in R-1's mitigation, in its head and in the register.
    assert tex.count(r"\hyperref[\detokenize{index:component-db}]") >= 2
    assert "``" not in tex


def _with_more_pages(source: Path) -> Path:
    """Sphinx reads in parallel only when more than five documents changed."""
    index = source / "index.rst"
    pages = [f"page{n}" for n in range(6)]
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "   decisions\n", "   decisions\n" + "".join(f"   {p}\n" for p in pages)
        ),
        encoding="utf-8",
    )
    for n, page in enumerate(pages):
        (source / f"{page}.rst").write_text(
            f"Page {n}\n=======\n\n.. arch-component:: c{n}\n"
            f"   :purpose: Calls :arch:comp:`api` with ``--page {n}``.\n",
            encoding="utf-8",
        )
    return source


@pytest.mark.slow
def test_parallel_build_gives_the_same_pages(project, tmp_path):
    serial = build(_with_more_pages(_copy(project, tmp_path / "serial")))
    parallel = build(_with_more_pages(_copy(project, tmp_path / "parallel")), parallel=2)
    # Read in chunks ("[ 50%] decisions .. page1"): the parallel reader ran.
    assert re.search(r"reading sources\.\.\. \[.*\] \S+ \.\. \S+", parallel.status)
    assert [w.split("/src/")[1] for w in parallel.archdoc_warnings()] == [
        w.split("/src/")[1] for w in serial.archdoc_warnings()
    ]
    for page in ("index.html", "decisions.html", "page3.html"):
        assert (parallel.outdir / page).read_bytes() == (serial.outdir / page).read_bytes()
    rows = table_rows(parallel.html(), "archdoc-component-table")
    assert ["c3", "Calls Public API with --page 3."] in rows


def test_the_html_route_writes_what_docutils_writes(project, tmp_path, monkeypatch):
    from sphinx_archdoc.render import html as html_rows

    source = _copy(project, tmp_path / "fast")
    for name in ("index.rst", "decisions.md"):
        path = source / name
        text = path.read_text(encoding="utf-8")
        text = text.replace(" and\n      :arch:comp:`nowhere`", "").replace(
            " and {arch:comp}`missing-md`", ""
        )
        path.write_text(text, encoding="utf-8")
    written: list[bool] = []
    original = html_rows.HtmlFragments.paragraphs

    def counted(self: html_rows.HtmlFragments, paragraphs: object) -> object:
        result = original(self, paragraphs)
        written.append(result is not None)
        return result

    monkeypatch.setattr(html_rows.HtmlFragments, "paragraphs", counted)
    fast = build(source)
    assert not fast.archdoc_warnings()
    assert all(written)
    assert len(written) >= 5
    slow_source = _copy(source, tmp_path / "slow")
    monkeypatch.setattr(html_rows, "FAST_BUILDERS", frozenset())
    slow = build(slow_source)
    for page in ("index.html", "decisions.html"):
        assert (fast.outdir / page).read_bytes() == (slow.outdir / page).read_bytes(), page


@pytest.mark.slow
def test_renaming_a_role_target_updates_the_link_text_incrementally(project, tmp_path):
    source = _copy(project, tmp_path)
    build(source)
    index = source / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace(":title: Public API", ":title: Gateway"),
        encoding="utf-8",
    )
    decisions = source / "decisions.md"
    decisions.write_text(
        decisions.read_text(encoding="utf-8").replace("`lib/`", "**lib/**"), encoding="utf-8"
    )
    incremental = build(source)
    # Only the markup changed (the plain text is the same): the table follows.
    register = incremental.html().select_one("table.archdoc-risk-register")
    assert register.select("tbody tr")[1].select_one("strong").get_text() == "lib/"
    myst_head = incremental.html("decisions").select_one(".archdoc-item-facts")
    assert myst_head.select_one("a.reference.internal").get_text() == "Gateway"
    clean_source = _copy(source, tmp_path / "clean")
    clean = build(clean_source, freshenv=True)
    for page in ("index.html", "decisions.html"):
        assert (incremental.outdir / page).read_bytes() == (clean.outdir / page).read_bytes()


def test_bad_markup_is_reported_by_the_parser_and_the_build_goes_on(make_project):
    source = make_project(
        {
            "index.rst": (
                "Bad\n===\n\n"
                ".. arch-component:: api\n"
                "   :purpose: Serves ``lib/ to readers\n\n"
                ".. arch-component-table::\n   :columns: id, purpose\n"
            )
        }
    )
    result = build(source)
    assert any(
        "index.rst:5: WARNING: Inline literal start-string without end-string." in line
        for line in result.warning_lines
    ), result.warnings
    assert table_rows(result.html(), "archdoc-component-table") == [
        ["api", "Serves ``lib/ to readers"]
    ]
    assert result.items()["api"]["fields"]["purpose"] == "Serves ``lib/ to readers"


def test_the_reference_page_lists_the_text_fields_of_the_vocabulary():
    from sphinx_archdoc.core.kinds import KINDS

    page = Path(__file__).parent.parent / "docs" / "reference" / "text-fields.md"
    listed: dict[str, set[str]] = {}
    for line in page.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| ([a-z-]+) \| (`[a-z-]+`(?:, `[a-z-]+`)*) \|$", line)
        if match:
            listed[match.group(1)] = set(re.findall(r"`([a-z-]+)`", match.group(2)))
    declared = {
        kind: {f.name for f in spec.fields if f.inline}
        for kind, spec in KINDS.items()
        if any(f.inline for f in spec.fields)
    }
    assert listed == declared


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["singlehtml", "dirhtml", "epub"])
def test_other_html_builders_show_the_markup(project, tmp_path, builder):
    result = build(_copy(project, tmp_path), builder)
    page = {"singlehtml": "index.html", "dirhtml": "index.html", "epub": "index.xhtml"}[builder]
    html = (result.outdir / page).read_text(encoding="utf-8")
    assert '<span class="pre">lib/</span></code> to <em>readers</em>' in html
    assert 'href="https://example.org/spec">the spec</a>' in html
    assert "``" not in html
