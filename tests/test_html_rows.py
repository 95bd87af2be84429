"""Summary rows written straight to HTML are the rows Sphinx would write.

On ``html`` and ``dirhtml`` the body rows of generated tables skip the
docutils round trip (``sphinx_archdoc.render.html``).  These tests build the
same project twice, once that way and once through docutils, and compare the
pages byte for byte; and they check the cases that must take the docutils
route.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build, table_rows, write_project
from sphinx_archdoc.render import html as html_rows

EXAMPLE = Path(__file__).parent.parent / "example_project"

SPECIAL = {
    "index.rst": (
        "Special\n=======\n\n"
        '.. arch-component:: api\n   :title: API <v2> & "friends"\n   :layer: application\n'
        "   :purpose: Answers mail@example.org & <b>never</b> 'quotes'\n"
        "   :depends-on: db, cache\n\n"
        ".. arch-component:: db\n   :title: Database\n   :layer: data\n\n"
        ".. arch-component-table::\n   :columns: id, title, layer, purpose, depends-on, "
        "dependents, risks\n\n"
        ".. arch-risk-register::\n   :caption: Risks & <issues>\n\n"
        ".. toctree::\n\n   sub/page\n   open\n"
    ),
    "sub/page.rst": (
        "Sub page\n========\n\n"
        ".. arch-component:: cache\n   :title: Cache\n   :layer: infrastructure\n\n"
        ".. arch-risk:: stale\n   :title: Stale reads\n   :impact: high\n"
        "   :probability: medium\n   :mitigation: TTL @ 5 s\n   :components: cache, api\n\n"
        ".. arch-component-table::\n   :columns: id, title, dependents\n\n"
        ".. arch-status::\n   :status: draft\n   :owner: Team <core>\n"
        "   :next-review: 2000-01-01\n\n"
        ".. arch-status-table::\n"
    ),
    "open.md": (
        "# Open questions\n\n"
        "```{arch-question} Q-1\n:title: Which queue?\n:owner: Ana\n:due: 2000-02-01\n"
        ":components: cache\n```\n\n"
        "```{arch-question-list}\n```\n"
    ),
}


def _count_written(monkeypatch: pytest.MonkeyPatch, method: str) -> Callable[[], int]:
    """How many calls of ``HtmlFragments.<method>`` wrote HTML (not None)."""
    calls: list[bool] = []
    original = getattr(html_rows.HtmlFragments, method)

    def counted(self: html_rows.HtmlFragments, *args: object, **kwargs: object) -> object:
        result = original(self, *args, **kwargs)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(html_rows.HtmlFragments, method, counted)
    return lambda: sum(calls)


@pytest.fixture
def count_fast(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many tables were written by the fast path."""
    return _count_written(monkeypatch, "render")


@pytest.fixture
def count_fast_heads(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many item heads were written by the fast path."""
    return _count_written(monkeypatch, "paragraphs")


def pages(outdir: Path) -> dict[str, str]:
    """Every page with a generated table, by path, and the search index."""
    result = {"searchindex.js": (outdir / "searchindex.js").read_text(encoding="utf-8")}
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "archdoc-table" in text or "archdoc-item" in text:
            result[str(page.relative_to(outdir))] = text
    return result


def build_both(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str = "html"
) -> tuple[dict[str, str], dict[str, str]]:
    """The pages (and search index) built with the fast path, and through docutils."""
    fast_src = tmp_path / "fast"
    slow_src = tmp_path / "docutils"
    shutil.copytree(source, fast_src, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(source, slow_src, ignore=shutil.ignore_patterns("_build"))
    # Summaries are searchable here, so the search index holds the words of
    # every row and compares them too.
    searchable = {"archdoc_search_summaries": True}
    fast = pages(build(fast_src, builder, confoverrides=searchable).outdir)
    with monkeypatch.context() as patch:
        patch.setattr(html_rows, "FAST_BUILDERS", frozenset())
        slow = pages(build(slow_src, builder, confoverrides=searchable).outdir)
    return fast, slow


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_example_is_written_byte_for_byte_as_docutils_writes_it(
    builder, tmp_path, monkeypatch, count_fast, count_fast_heads
):
    fast, slow = build_both(EXAMPLE, tmp_path, monkeypatch, builder)
    assert count_fast() >= 10, "the example's tables should take the fast path"
    assert count_fast_heads() >= 20, "the example's item blocks should take the fast path"
    assert fast.keys() == slow.keys()
    assert len(fast) >= 5
    for page in fast:
        assert fast[page] == slow[page], page


def test_escaping_relative_links_status_and_overdue_cells_match(tmp_path, monkeypatch, count_fast):
    source = write_project(tmp_path / "src", SPECIAL)
    fast, slow = build_both(source, tmp_path, monkeypatch)
    assert count_fast() >= 4
    assert fast.keys() == slow.keys()
    assert set(fast) == {"searchindex.js", "index.html", "sub/page.html", "open.html"}
    for page in fast:
        assert fast[page] == slow[page], page
    assert "API &lt;v2&gt; &amp; &quot;friends&quot;" in fast["index.html"]
    assert 'href="../index.html#' in fast["sub/page.html"]


def test_a_link_that_does_not_resolve_leaves_the_table_to_docutils(
    make_project, count_fast, count_fast_heads
):
    source = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n"
                ".. arch-component:: api\n   :title: API\n   :depends-on: nowhere\n\n"
                ".. arch-component-table::\n   :columns: id, depends-on\n"
            )
        }
    )
    result = build(source)
    assert count_fast() == 0
    # The block's head is a paragraph through docutils too: written, not lost.
    assert count_fast_heads() == 0
    facts = result.html().select_one("div#component-api p.archdoc-item-facts")
    assert facts.get_text() == "Depends on: nowhere"
    assert table_rows(result.html(), "archdoc-component-table") == [["api", "nowhere"]]
    assert "[archdoc.unknown_component]" in result.warnings


def test_a_custom_translator_gets_the_rows_as_nodes(make_project, count_fast, count_fast_heads):
    source = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: api\n   :title: API\n\n"
                ".. arch-component-table::\n   :columns: id, title\n"
            ),
            "marked.py": (
                "from sphinx.writers.html5 import HTML5Translator\n\n"
                "class Marked(HTML5Translator):\n"
                "    def visit_entry(self, node):\n"
                "        super().visit_entry(node)\n"
                "        self.body.append('<!--cell-->')\n\n"
                "def setup(app):\n"
                "    app.set_translator('html', Marked)\n"
            ),
        },
        conf="import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        "extensions.append('marked')\n",
    )
    result = build(source)
    assert count_fast() == 0
    assert count_fast_heads() == 0
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert page.count("<!--cell-->") == 4  # two header cells, two body cells
    assert table_rows(result.html(), "archdoc-component-table") == [["api", "API"]]
    title = result.html().select_one("div#component-api p.archdoc-item-title")
    assert title.get_text(" ", strip=True) == "Component API api active"


def test_singlehtml_takes_the_docutils_route(make_project, count_fast):
    source = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. toctree::\n\n   other\n\nSee :arch:comp:`api`.\n\n"
                ".. arch-component-table::\n   :columns: id, title\n"
            ),
            "other.rst": "Other\n=====\n\n.. arch-component:: api\n   :title: API\n",
        }
    )
    result = build(source, "singlehtml")
    assert count_fast() == 0
    soup = result.html()
    links = soup.select("table.archdoc-component-table a.reference")
    # Whatever singlehtml makes of a link to another document, as for a role.
    role_link = soup.select_one("p a.reference")
    assert role_link is not None
    assert [a["href"] for a in links] == [role_link["href"]] * 2


def test_written_rows_survive_a_copy_of_the_doctree(make_project):
    # Extensions may copy a resolved doctree (doctree-resolved handlers do).
    source = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: api\n   :title: API\n\n"
                ".. arch-component-table::\n   :columns: id, title\n"
            ),
            "copier.py": (
                "from sphinx_archdoc.render.html import written_html\n\n"
                "def copy(app, doctree, docname):\n"
                "    copied = doctree.deepcopy()\n"
                "    rows = list(copied.findall(written_html))\n"
                "    assert rows and rows[0].html == next(doctree.findall(written_html)).html\n"
                "    app.env.archdoc_copied = True\n\n"
                "def setup(app):\n"
                "    app.connect('doctree-resolved', copy)\n"
            ),
        },
        conf="import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        "extensions.append('copier')\n",
    )
    result = build(source)
    assert "Traceback" not in result.warnings
    assert result.app.env.archdoc_copied is True
    assert table_rows(result.html(), "archdoc-component-table") == [["api", "API"]]
