"""The bad-input catalogue: every mistake a user can make gives one located,
typed archdoc warning; the build never shows a traceback; valid items survive.

``tests/roots/test-bad-input`` holds the mistakes (one per directive block,
with a comment-free layout so line numbers stay stable);
``expected-warnings.txt`` beside it is the exact list a user sees, with paths
relative to the project.  When a message changes on purpose, update that file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOTS, build, table_header, table_rows, write_project

EXPECTED = ROOTS / "test-bad-input" / "expected-warnings.txt"
LOCATED = re.compile(r"^[\w./-]+\.(rst|md):\d+: WARNING: .+ \[archdoc\.[a-z_]+\]$")

#: Every item written correctly, plus every item whose ID is valid but whose
#: options have mistakes (kept with its valid options).
SURVIVORS = {
    "component": {
        "web", "api", "db", "cache", "c-adr", "c-depends", "c-empty", "c-in-note",
        "c-in-only", "c-in-table", "c-included", "c-layer", "c-long", "c-option",
        "c-status", "c-unknown-dep", "loop-a", "loop-b", "bb-system", "bb-box", "bb-orphan",
        "bb-upside", "bb-loop-a", "bb-loop-b", "bb-kind",
    },
    "risk": {
        "r-ok", "r-bad-date", "r-category", "r-components", "r-impact", "r-not-date",
        "r-overdue", "r-probability", "r-status", "r-unmitigated", "r-scenarios", "r-markup",
    },
    "debt": {"d-ok", "d-effort", "d-status", "d-unknown"},
    "perf-target": {
        "p-ok", "p-bad-current", "p-bad-target", "p-missed", "p-no-metric", "p-no-target",
        "p-option", "p-repeated", "p-units", "m-result", "m-bad-result", "m-scenario",
        "m-missing-file", "m-pointer", "m-unit", "p-markup",
    },
    "adr": {
        "0001-use-postgres", "0002-use-kafka", "0009-duplicate-a", "0009-duplicate-b",
        "ADR-010", "ADR-011", "cache-responses", "change-events", "event-invalidation",
        "use-cache",
    },
    "quality-goal": {"g-ok", "g-priority", "g-characteristic"},
    "quality-scenario": {"s-ok", "s-goal", "s-artifact"},
    "question": {"q-ok", "q-components", "q-due", "q-overdue", "q-status"},
    "actor": {"bb-user"},
    "deployment-node": {"dn-lost", "dn-loop-a", "dn-loop-b"},
    "flow": {"fl-broken", "fl-empty"},
    "relation": {""},  # relations have no ID of their own
    "entity": {"Orders", "Unstored"},
    "constraint": {"con-legal"},
    "spike": {"spike-late", "spike-bad"},
    "status": {"questions", "summaries"},
}  # fmt: skip


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    import os
    import shutil

    src = tmp_path_factory.mktemp("bad") / "bad-input"
    shutil.copytree(ROOTS / "test-bad-input", src)
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01
    try:
        yield build(src, "html", freshenv=True)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def relative(result, lines: list[str]) -> list[str]:
    prefix = str(result.srcdir) + "/"
    return [line.replace(prefix, "") for line in lines]


def test_the_catalogue_has_at_least_forty_distinct_mistakes():
    lines = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert len(set(lines)) == len(lines) >= 40


@pytest.mark.slow
def test_every_mistake_gives_exactly_the_expected_located_archdoc_warning(bad_build):
    seen = sorted(relative(bad_build, bad_build.warning_lines))
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert seen == expected
    for line in seen:
        assert LOCATED.match(line), line


def test_no_traceback_and_no_docutils_error_from_our_directives(bad_build):
    output = bad_build.warnings + bad_build.status
    assert "Traceback" not in output
    assert "Exception occurred" not in output
    assert "[docutils]" not in output
    assert "[myst" not in output


def test_every_valid_item_survives(bad_build):
    found: dict[str, set[str]] = {}
    for item in bad_build.json()["items"]:
        found.setdefault(item["kind"], set()).add(item["id"])
    assert found == SURVIVORS


def test_valid_options_of_a_faulty_item_are_kept(bad_build):
    items = bad_build.items()
    assert items["c-option"]["fields"]["status"] == "active"
    assert items["web"]["fields"]["cost"] == "100 EUR"
    assert items["web"]["title"] == "Web front end ✓ ünïcødé"
    assert items["p-repeated"]["fields"]["target"] == "< 100 ms"
    assert items["r-impact"]["fields"]["probability"] == "low"
    assert "impact" not in items["r-impact"]["fields"]


def test_summaries_with_bad_options_still_render(bad_build):
    soup = bad_build.html("summaries")
    ids = [row[0] for row in table_rows(soup, "archdoc-component-table")]
    assert "web" in ids
    assert "c-included" in ids
    assert soup.select_one("table.archdoc-risk-matrix") is not None
    assert soup.select_one("table.archdoc-findings") is not None


def test_each_check_examines_only_the_kinds_it_declares(bad_build):
    """A check that declares kinds (``CheckSpec.kinds``) reports only on items
    of those kinds, and finds nothing in an index without them: what lets
    ``run_checks`` skip it and the reference list it under those kinds."""
    from conftest import index_of
    from sphinx_archdoc.core.build import CHECK_FUNCTIONS
    from sphinx_archdoc.core.checknames import CHECKS
    from sphinx_archdoc.core.model import Item

    built = bad_build.app.env.get_domain("arch").index()
    # The catalogue has no undeclared flow step (tests/test_flows.py has them).
    step = ("c-x -> c-y: call",)
    extra = [
        Item("component", "c-x", "extra", 1, "c-x"),
        Item("component", "c-y", "extra", 2, "c-y"),
        Item("flow", "fl-undeclared", "extra", 3, "fl-undeclared", {"steps": step}),
    ]
    everything = [*built.items, *extra]
    index = index_of(everything, built.references, config=built.config, today=built.today)
    kinds_at: dict[tuple[str, int], set[str]] = {}
    for item in index.items:
        kinds_at.setdefault((item.docname, item.lineno), set()).add(item.kind)
    declared = {name: CHECKS[name].kinds for name in CHECK_FUNCTIONS if CHECKS[name].kinds}
    assert len(declared) >= 14
    silent = set()
    for name, kinds in declared.items():
        findings = list(CHECK_FUNCTIONS[name](index))
        if not findings:
            silent.add(name)
        for found in findings:
            assert kinds_at.get((found.docname, found.lineno), set()) & set(kinds), found
        others = [item for item in everything if item.kind not in kinds]
        without = index_of(others, index.references, config=index.config, today=index.today)
        assert list(CHECK_FUNCTIONS[name](without)) == [], name
    assert silent == set()


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_report_the_same_and_never_crash(tmp_path, monkeypatch, builder):
    """A summary inside a table cell becomes a list where tables cannot nest."""
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = tmp_path / "bad-input"
    shutil.copytree(ROOTS / "test-bad-input", src)
    result = build(src, builder, freshenv=True)
    assert "Traceback" not in result.warnings + result.status
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert sorted(relative(result, result.warning_lines)) == expected
    if builder == "text":
        flat = " ".join(result.text("summaries").replace("|", " ").split())
        assert "* r-ok; Title: Disk full; Impact: high; Probability: medium" in flat


def test_a_repeated_option_in_rest_is_the_docutils_error_users_see(make_project):
    """docutils rejects a reST directive with a repeated option before the
    directive runs; the message names the option and the line (documented in
    the Guarantees page), and the build goes on."""
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n"
            ".. arch-component:: dup\n   :layer: data\n   :layer: application\n\n"
            ".. arch-component:: fine\n   :layer: data\n"
        }
    )
    result = build(src)
    lines = relative(result, result.warning_lines)
    assert lines[0] == 'index.rst:4: ERROR: Error in "arch-component" directive:'
    assert 'duplicate option "layer"' in result.warnings
    assert set(result.items()) == {"fine"}


def test_a_repeated_option_in_myst_is_an_archdoc_warning(make_project):
    src = make_project(
        {"index.md": "# Index\n\n```{arch-component} dup\n:layer: data\n:layer: application\n```\n"}
    )
    result = build(src)
    assert relative(result, result.warning_lines) == [
        "index.md:3: WARNING: arch-component: the :layer: option is given more than once; "
        "the last is used [archdoc.invalid_value]"
    ]
    assert result.items()["dup"]["fields"]["layer"] == "application"


def test_the_root_uses_every_directive(bad_build):
    from sphinx_archdoc.directives.items import ITEM_DIRECTIVES
    from sphinx_archdoc.summaries import SUMMARIES

    text = "".join(
        p.read_text(encoding="utf-8")
        for p in Path(ROOTS / "test-bad-input").rglob("*")
        if p.suffix in (".rst", ".md")
    )
    for name in (*ITEM_DIRECTIVES, *SUMMARIES, "adr-link"):
        assert f".. {name}::" in text or f"{{{name}}}" in text, name


# -- init: hostile and careless arguments ------------------------------------------

#: Project names that once broke ``init``: code in conf.py, broken string
#: literals, markup in the title, a title underline too short for wide characters.
HOSTILE_NAMES = [
    'X"; __import__("os").system("touch PWNED"); "',
    "back\\slash\\",
    "'''\"\"\"",
    "{{DATE}} and {{PROJECT_LITERAL}}",
    "*emphasis* `code` |sub| _target_ [link]_",
    ".. raw:: html",
    "1. Enumerated",
    "----",
    "# not a heading {arch:comp}`x` $x$",
    "<script>alert(1)</script> & &amp;",
    "日本語のアーキテクチャ文書",
    "🚀 Rocket 👩‍💻 team",
]


def _init_conf_values(target: Path) -> dict[str, object]:
    """The top-level assignments of a generated conf.py, read without running it."""
    import ast

    values: dict[str, object] = {}
    for node in ast.parse((target / "conf.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            for name in node.targets:
                if isinstance(name, ast.Name):
                    values[name.id] = ast.literal_eval(node.value)
    return values


@pytest.mark.parametrize("markup", ["rst", "md"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_init_writes_any_project_name_as_an_escaped_literal(tmp_path, capsys, name, markup):
    from sphinx_archdoc.cli import main

    target = tmp_path / "site"
    assert main(["init", str(target), "--markup", markup, f"--project={name}"]) == 0
    values = _init_conf_values(target)
    assert values["project"] == name
    assert values["author"] == f"{name} architecture team"


@pytest.mark.slow
@pytest.mark.parametrize("markup", ["rst", "md"])
@pytest.mark.parametrize("name", [HOSTILE_NAMES[0], HOSTILE_NAMES[4], *HOSTILE_NAMES[-2:]])
def test_init_with_a_hostile_name_builds_cleanly_and_runs_nothing(
    tmp_path, monkeypatch, capsys, name, markup
):
    from sphinx_archdoc.cli import main

    monkeypatch.chdir(tmp_path)
    target = tmp_path / "site"
    assert main(["init", str(target), "--markup", markup, f"--project={name}"]) == 0
    result = build(target)
    assert result.warning_lines == []
    assert not any(tmp_path.rglob("PWNED"))
    title = result.html().select_one("h1").get_text().rstrip("¶#")
    # MyST applies smart quotes to escaped quotes too; the characters are the name's.
    assert title.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")) == name


@pytest.mark.slow
def test_init_takes_a_hostile_folder_name_as_the_project(tmp_path, monkeypatch, capsys):
    from sphinx_archdoc.cli import main

    monkeypatch.chdir(tmp_path)
    target = tmp_path / HOSTILE_NAMES[0].replace("/", "")
    assert main(["init", str(target)]) == 0
    assert _init_conf_values(target)["project"] == target.name
    build(target)
    assert not any(tmp_path.rglob("PWNED"))


@pytest.mark.parametrize("name", ["two\nlines", "tab\there", "nul\x00", "sep\u2028arator"])
def test_init_refuses_a_project_name_no_file_can_hold(tmp_path, capsys, name):
    from sphinx_archdoc.cli import main

    target = tmp_path / "site"
    assert main(["init", str(target), f"--project={name}"]) == 2
    assert "--project holds characters a project name cannot have: U+" in capsys.readouterr().err
    assert not target.exists()


def test_init_blank_project_name_falls_back_to_a_default(tmp_path, capsys):
    from sphinx_archdoc.cli import main

    assert main(["init", str(tmp_path / "site"), "--project", "   "]) == 0
    assert _init_conf_values(tmp_path / "site")["project"] == "Architecture"


@pytest.mark.parametrize(
    ("obstacle", "shown"),
    [
        ("architecture", "is in the way: it is not a folder"),
        ("architecture/risks.rst/", "is in the way: it is not a file"),
        ("conf.py/", "is in the way: it is not a file"),
    ],
)
def test_init_reports_a_path_in_the_way_and_writes_nothing(tmp_path, capsys, obstacle, shown):
    from sphinx_archdoc.cli import main

    target = tmp_path / "site"
    target.mkdir()
    path = target / obstacle.rstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    if obstacle.endswith("/"):
        path.mkdir()
    else:
        path.write_text("mine\n", encoding="utf-8")
    before = sorted(p.relative_to(target) for p in target.rglob("*"))
    assert main(["init", str(target), "--force"]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert f"{path} {shown}" in err
    assert sorted(p.relative_to(target) for p in target.rglob("*")) == before


def test_init_force_never_writes_through_a_symbolic_link(tmp_path, capsys):
    from sphinx_archdoc.cli import main

    target = tmp_path / "site"
    assert main(["init", str(target)]) == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    page = target / "architecture" / "risks.rst"
    page.unlink()
    page.symlink_to(outside)
    assert main(["init", str(target), "--force"]) == 1
    assert f"{page} is a symbolic link" in capsys.readouterr().err
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert page.is_symlink()


def test_init_force_that_fails_half_way_leaves_every_file_as_it_was(tmp_path, monkeypatch, capsys):
    import tempfile

    from sphinx_archdoc import cli

    target = tmp_path / "site"
    assert cli.main(["init", str(target)]) == 0
    for page in target.rglob("*.rst"):
        page.write_text("mine\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    real_mkstemp = tempfile.mkstemp
    calls = []

    def failing_mkstemp(*args, **kwargs):
        calls.append(args)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(cli.tempfile, "mkstemp", failing_mkstemp)
    assert cli.main(["init", str(target), "--force"]) == 1
    assert "nothing was written: [Errno 28] No space left on device" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


# -- documentation a reader copies ---------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs"
SNIPPET = re.compile(
    r"^(?P<indent> *)(?P<fence>`{3,})(?:md|markdown)\n(?P<body>.*?)^(?P=indent)(?P=fence)$",
    re.MULTILINE | re.DOTALL,
)
DIRECTIVE_FENCE = re.compile(r"^(?:`{3,}|:{3,})\{(arch-[a-z-]+|adr-link)\}", re.MULTILINE)


def _directives_myst_reads(text: str) -> list[str]:
    """The archdoc directives MyST finds in ``text`` with its default settings."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(MdParserConfig(), RendererHTML)
    names = []
    for token in parser.parse(text):
        if token.type == "fence" and token.info.startswith("{"):
            names.append(token.info[1:].split("}", 1)[0])
    return names


@pytest.mark.parametrize(
    "page",
    sorted(str(p.relative_to(DOCS)) for p in DOCS.glob("*/*.md") if p.parent.name != "_build"),
)
def test_markdown_snippets_in_the_docs_work_as_copied(page):
    """A MyST snippet in the docs works with MyST's default settings, unless the
    text just before it names the extension it needs (``colon_fence``)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    for match in SNIPPET.finditer(text):
        body = "\n".join(line.removeprefix(match["indent"]) for line in match["body"].splitlines())
        written = [m.group(1) for m in DIRECTIVE_FENCE.finditer(body)]
        if "colon_fence" in text[max(0, match.start() - 300) : match.start()]:
            continue
        assert _directives_myst_reads(body) == written, f"{page}: {body[:60]!r}"


# -- class names: built from safe slugs only, on every builder -----------------------

LATEX_BREAKER = "a}{}\\input{/etc/hostname}\\textbf{"
LATEX_CLASS = re.compile(r"\\(?:DUrole|begin\{sphinxuseclass\}|begin\{DUclass\})\{([^}]*)\}")


def test_no_user_text_reaches_a_class_name(tmp_path):
    """Imported values, ADR statuses and enum values shown as badges become
    class names: in LaTeX ``\\DUrole{...}`` arguments, which LaTeX does not
    escape.  Every one must be a slug, and the hostile text must stay text."""
    import json

    other = build(
        write_project(
            tmp_path / "other",
            {"index.rst": "Other\n=====\n\n.. arch-component:: evil\n   :layer: data\n"},
        ),
        "archdoc",
    )
    data = json.loads((other.outdir / "archdoc.json").read_text(encoding="utf-8"))
    for item in data["items"]:
        item["fields"].update(layer=LATEX_BREAKER, status=LATEX_BREAKER)
    imported = tmp_path / "site" / "other.json"
    imported.parent.mkdir()
    imported.write_text(json.dumps(data), encoding="utf-8")
    src = write_project(
        tmp_path / "site",
        {
            "index.rst": (
                "Site\n====\n\n"
                ".. arch-adr:: ADR-001\n   :title: Odd status\n"
                "   :status: Proposed (50% agreed, see #12) {\\}\n\n"
                ".. arch-component:: web\n   :layer: data\n   :status: in progress\n\n"
                ".. arch-component-table::\n   :external:\n"
                "   :columns: id, layer, status\n\n"
                ".. arch-adr-index::\n"
            )
        },
        conf="archdoc_external = {'other': 'other.json'}\n",
    )
    latex = build(src, "latex", freshenv=True)
    tex = "\n".join(p.read_text(encoding="utf-8") for p in latex.outdir.glob("*.tex"))
    # Sphinx 7 joins a node's classes in one \DUrole{a,b}; later Sphinx nests them.
    classes = [c for group in LATEX_CLASS.findall(tex) for c in group.split(",")]
    assert "archdoc-badge-layer-a-input-etc-hostname-textbf" in classes
    assert [c for c in classes if not re.fullmatch(r"[a-z0-9-]+", c)] == []
    assert "\\input{/etc/hostname}" not in tex
    html = build(src, "html", freshenv=True).html()
    tokens = {token for tag in html.select("[class]") for token in tag["class"]}
    archdoc = {t for t in tokens if t.startswith("archdoc")}
    assert [t for t in archdoc if not re.fullmatch(r"[a-z0-9-]+", t)] == []
    assert "archdoc-badge-status-in-progress" not in tokens  # not a valid status: not a badge
    assert any(t.startswith("archdoc-badge-status-proposed") for t in archdoc)


# -- anchors ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["rst", "md"])
def test_ids_with_the_same_slug_get_distinct_anchors_and_links(make_project, suffix):
    """``Api``/``api`` and ``a.b``/``a_b`` give one slug; each item still has
    its own anchor on the page, and every link lands on its own item."""
    from collections import Counter

    ids = ["Api", "api", "a.b", "a_b"]
    if suffix == "rst":
        blocks = "".join(f".. arch-component:: {i}\n   :title: Title of {i}\n\n" for i in ids)
        roles = " ".join(f":arch:comp:`{i}`" for i in ids)
        page = f"Index\n=====\n\nComponent api\n-------------\n\n{blocks}{roles}\n"
    else:
        blocks = "".join(f"```{{arch-component}} {i}\n:title: Title of {i}\n```\n\n" for i in ids)
        roles = " ".join(f"{{arch:comp}}`{i}`" for i in ids)
        page = f"# Index\n\n## Component api\n\n{blocks}{roles}\n"
    result = build(make_project({f"index.{suffix}": page}))
    assert result.archdoc_warnings() == []
    soup = result.html()
    on_page = Counter(tag["id"] for tag in soup.select("[id]"))
    assert [name for name, count in on_page.items() if count > 1] == []
    anchors = {i: result.items()[i]["anchor"] for i in ids}
    assert len(set(anchors.values())) == len(ids)
    links = {
        a.get_text(): a["href"] for a in soup.select("a.reference.internal") if "#" in a["href"]
    }
    for item_id, anchor in anchors.items():
        assert on_page[anchor] == 1
        assert links[f"Title of {item_id}"] == f"#{anchor}"


# -- ADR titles and typography ---------------------------------------------------------

QUOTED_TITLE = "Use \"Postgres\" -- it's the team's choice..."


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("suffix", ["rst", "md"])
def test_quotes_and_dashes_in_an_adr_title_are_no_mismatch(make_project, suffix, language):
    """The ADR's heading gets smart quotes, dashes and an ellipsis; the
    ``:title:`` the author copied from it does not.  Same title, no finding."""
    if suffix == "rst":
        adr = f"{QUOTED_TITLE}\n{'=' * len(QUOTED_TITLE)}\n\nStatus: accepted\n"
        link = f".. adr-link:: ADR-001\n   :title: {QUOTED_TITLE}\n"
        index = f"Index\n=====\n\n{link}\n.. toctree::\n\n   adr/0001-use-postgres\n"
    else:
        adr = f"# {QUOTED_TITLE}\n\nStatus: accepted\n"
        link = f"```{{adr-link}} ADR-001\n:title: {QUOTED_TITLE}\n```\n"
        index = f"# Index\n\n{link}\n```{{toctree}}\nadr/0001-use-postgres\n```\n"
    src = make_project(
        {f"index.{suffix}": index, f"adr/0001-use-postgres.{suffix}": adr},
        conf=f"archdoc_adr_paths = ['adr/*']\nlanguage = {language!r}\n",
    )
    result = build(src)
    assert result.archdoc_warnings() == []
    (adr_item,) = result.items("adr").values()
    assert adr_item["title"] != QUOTED_TITLE  # the heading is typeset


def test_a_really_different_adr_title_is_still_a_mismatch(make_project):
    src = make_project(
        {
            "index.rst": 'Index\n=====\n\n.. adr-link:: ADR-001\n   :title: Use "MySQL"\n\n'
            ".. toctree::\n\n   adr/0001-use-postgres\n",
            "adr/0001-use-postgres.rst": 'Use "Postgres"\n==============\n\nStatus: accepted\n',
        },
        conf="archdoc_adr_paths = ['adr/*']\n",
    )
    (warning,) = build(src).archdoc_warnings()
    assert "[archdoc.adr_title_mismatch]" in warning


# -- messages ----------------------------------------------------------------------------


def test_info_findings_are_lines_of_their_own_with_a_severity_word(make_project):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-perf-target:: latency\n   :metric: p95\n"
            "   :target: < 200 ms\n   :current: 250 ms\n"
        }
    )
    result = build(src)
    lines = [line for line in result.status.splitlines() if "[archdoc." in line]
    assert lines == [
        f"{src / 'index.rst'}:4: INFO: performance target 'latency' (p95) is missed: "
        "current 250 ms, target < 200 ms [archdoc.perf_missed]"
    ]


@pytest.mark.parametrize(
    ("target", "current", "problem"),
    [
        ("< 1e5 ms", "5 ms", "'1e5 ms': write the number out (e.g. '100000 ms' or '100k ms'), "
         "not in scientific notation"),
        ("< -5 ms", "5 ms", "'-5 ms': a time cannot be negative"),
        ("< 5 ms", "-1 ms", "'-1 ms': a time cannot be negative"),
        (">= -3", "1", "'-3': a count cannot be negative"),
    ],
)  # fmt: skip
@pytest.mark.slow
def test_quantities_say_what_was_not_understood(make_project, target, current, problem):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-perf-target:: latency\n   :metric: p95\n"
            f"   :target: {target}\n   :current: {current}\n\n.. arch-perf-table::\n"
        }
    )
    result = build(src)
    (warning,) = result.archdoc_warnings()
    option = "target" if "-" not in current else "current"
    assert f"'latency': :{option}: {problem} [archdoc.invalid_value]" in warning
    header = table_header(result.html(), "archdoc-perf-table")
    row = table_rows(result.html(), "archdoc-perf-table")[0]
    assert row[header.index("Status")] == "unknown"


# -- configuration that can never work --------------------------------------------------


def test_adr_path_patterns_that_can_never_match_are_warned_at_config_time(make_project):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   adr/*\n",
            "adr/0001-use-kafka.md": "# Use Kafka\n\nStatus: accepted\n",
        },
        conf="archdoc_adr_paths = ['adr/*.md', '../x/*', '/etc/*', './adr/*', 'adr/*']\n",
    )
    result = build(src)
    conf = f"{src / 'conf.py'}:3"
    rule = (
        "can never match: patterns match document names (relative to the source folder, "
        "'/' between folders, no file suffix, e.g. 'adr/*'); "
    )
    assert sorted(result.archdoc_warnings()) == [
        f"{conf}: WARNING: archdoc_adr_paths: '../x/*' {rule}"
        "it names no document in the source folder [archdoc.invalid_value]",
        f"{conf}: WARNING: archdoc_adr_paths: './adr/*' {rule}did you mean 'adr/*'? "
        "[archdoc.invalid_value]",
        f"{conf}: WARNING: archdoc_adr_paths: '/etc/*' {rule}did you mean 'etc/*'? "
        "[archdoc.invalid_value]",
        f"{conf}: WARNING: archdoc_adr_paths: 'adr/*.md' {rule}did you mean 'adr/*'? "
        "[archdoc.invalid_value]",
    ]
    assert set(result.items("adr")) == {"0001-use-kafka"}


# -- filters and lists: an invalid value never widens, a bad entry never costs the good ones

FILTER_ITEMS = (
    "Index\n=====\n\n"
    ".. arch-component:: live\n   :status: active\n\n"
    ".. arch-component:: old\n   :status: retired\n\n"
    ".. arch-component:: next\n   :status: planned\n\n"
    ".. arch-risk:: scored\n   :impact: low\n   :probability: low\n\n"
    ".. arch-risk:: unscored\n   :title: No levels yet\n\n"
)


def _table_ids(result, css_class: str) -> list[str] | None:
    """The IDs a summary lists; None when it says that nothing matches."""
    soup = result.html()
    if soup.select_one(f"table.{css_class}") is None:
        assert soup.select_one(f".archdoc-empty.{css_class}") is not None
        return None
    return [row[0] for row in table_rows(soup, css_class)]


@pytest.mark.parametrize(
    ("option", "listed", "problems"),
    [
        (":status: !retird", None, ["'retird' is not a valid value", "lists nothing"]),
        (":status: retird", None, ["'retird' is not a valid value", "lists nothing"]),
        (":status: !retired, !plannd", None, ["'plannd' is not a valid value", "lists nothing"]),
        (":status: active, retird", ["live"], ["'retird' is not a valid value"]),
        (":status: !retired", ["live", "next"], []),
        (":status: ,,,", ["live", "next", "old"], ["':status: ',,,' names no value"]),
    ],
)
@pytest.mark.slow
def test_an_invalid_filter_never_widens_a_table(make_project, option, listed, problems):
    src = make_project({"index.rst": FILTER_ITEMS + f".. arch-component-table::\n   {option}\n"})
    result = build(src)
    assert _table_ids(result, "archdoc-component-table") == listed
    warnings = result.archdoc_warnings()
    assert len(warnings) == len([p for p in problems if "lists nothing" not in p])
    for problem in problems:
        assert any(problem.strip("'") in w or problem in w for w in warnings), problem


@pytest.mark.parametrize(
    ("minimum", "listed", "problem"),
    [
        ("0", ["scored"], None),
        ("1", ["scored"], None),
        ("-1", None, ":min-score: '-1' is not a whole number >= 0; the summary lists nothing"),
        ("lots", None, ":min-score: 'lots' is not a whole number >= 0; the summary lists nothing"),
    ],
)
@pytest.mark.slow
def test_min_score_never_lists_unscored_risks_or_accepts_a_negative(
    make_project, minimum, listed, problem
):
    src = make_project(
        {"index.rst": FILTER_ITEMS + f".. arch-risk-register::\n   :min-score: {minimum}\n"}
    )
    result = build(src)
    assert _table_ids(result, "archdoc-risk-register") == listed
    warnings = result.archdoc_warnings()
    assert [problem in w for w in warnings] == ([True] if problem else [])


@pytest.mark.parametrize(
    ("value", "kept", "problems"),
    [
        ("b c, d", ("d",), ["'b c' is not a valid ID (letters, digits, '_', '.', '-'; starting "
                            "with a letter or digit); separate IDs with commas: 'b, c'"]),
        ("d, not valid!, e", ("d", "e"), ["'not valid!' is not a valid ID"]),
        (",,,", None, ["',,,' names no value"]),
    ],
)  # fmt: skip
def test_a_bad_entry_in_an_id_list_keeps_the_valid_ones(make_project, value, kept, problems):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. arch-component:: a\n"
            f"   :depends-on: {value}\n\n"
            ".. arch-component:: d\n\n.. arch-component:: e\n"
        }
    )
    result = build(src)
    assert result.items()["a"]["fields"].get("depends-on") == (list(kept) if kept else None)
    warnings = result.archdoc_warnings()
    assert len(warnings) == len(problems)
    for warning, problem in zip(warnings, problems, strict=True):
        assert f"index.rst:4: WARNING: arch-component: 'a': :depends-on: {problem}" in warning


def test_a_list_of_nothing_but_commas_is_reported(make_project):
    src = make_project({"index.rst": "Index\n=====\n\n.. arch-component:: a\n   :tags: ,,,\n"})
    (warning,) = build(src).archdoc_warnings()
    assert "'a': :tags: ',,,' names no value [archdoc.invalid_value]" in warning


# -- items inside .. only:: ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["rst", "md"])
@pytest.mark.parametrize("builder", ["html", "latex"])
def test_an_item_inside_only_is_an_item_everywhere_and_the_author_is_told(
    make_project, suffix, builder
):
    """The rule Sphinx follows for its own objects: ``only`` chooses what a
    builder writes, not what the project holds.  The item is listed and
    exported in every output; its block is left out where the expression is
    false; a located warning says so."""
    if suffix == "rst":
        page = (
            "Index\n=====\n\n.. only:: latex\n\n   .. arch-component:: pdf-only\n"
            "      :layer: data\n\n.. arch-component-table::\n"
        )
        line = 6
    else:
        page = (
            "# Index\n\n````{only} latex\n```{arch-component} pdf-only\n:layer: data\n```\n````\n\n"
            "```{arch-component-table}\n```\n"
        )
        line = 4
    src = make_project({f"index.{suffix}": page})
    result = build(src, builder)
    assert result.archdoc_warnings() == [
        f"{src / f'index.{suffix}'}:{line}: WARNING: arch-component: 'pdf-only' is inside "
        "'.. only:: latex': it is listed, exported and linked in every output (as Sphinx does "
        "for its own objects), but its block is shown only where 'latex' holds; declare it "
        "outside the only block [archdoc.conditional_item]"
    ]
    if builder == "html":
        soup = result.html()
        assert [row[0] for row in table_rows(soup, "archdoc-component-table")] == ["pdf-only"]
        assert soup.select_one(".archdoc-item") is None  # the block itself is not in HTML


def test_an_item_nested_in_an_admonition_inside_only_is_found(make_project):
    src = make_project(
        {
            "index.rst": "Index\n=====\n\n.. only:: html\n\n   .. note::\n\n"
            "      .. arch-component:: deep\n"
        }
    )
    (warning,) = build(src, "text").archdoc_warnings()
    assert "index.rst:8: WARNING: arch-component: 'deep' is inside '.. only:: html'" in warning


# -- file:line with included files -------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "text"])
def test_findings_are_located_in_their_own_file_when_lines_collide(make_project, builder):
    """``index.rst`` and the file it includes both have a faulty item at line 4;
    a summary's ``:root:`` in the included file names a component that does not
    exist.  Each finding is located in its own file, at a line that exists."""
    src = make_project(
        {
            "index.rst": (
                "Index\n=====\n\n.. arch-component:: a\n   :depends-on: ghost-a\n\n"
                ".. include:: inc.txt\n"
            ),
            "inc.txt": (
                "\n\n\n.. arch-component:: b\n   :depends-on: ghost-b\n\n"
                ".. arch-dependency-graph::\n   :root: ghost-root\n"
            ),
        }
    )
    result = build(src, builder)
    assert sorted(relative(result, result.archdoc_warnings())) == [
        "inc.txt:4: WARNING: component 'b': :depends-on: names unknown component 'ghost-b' "
        "[archdoc.unknown_component]",
        "inc.txt:7: WARNING: arch-dependency-graph :root: names unknown component 'ghost-root' "
        "[archdoc.unknown_component]",
        "index.rst:4: WARNING: component 'a': :depends-on: names unknown component 'ghost-a' "
        "[archdoc.unknown_component]",
    ]
