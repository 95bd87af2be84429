"""Fuzz: random valid and invalid directive blocks never crash a build.

Directive and option names come from the extension's own registries, so every
directive added later is fuzzed too.  Each project is built with the HTML,
text and LaTeX builders (a summary inside a table cell must not crash the
writers that cannot nest tables).
"""

from __future__ import annotations

import os
import random
import re

import pytest

from conftest import build
from sphinx_archdoc.core.kinds import KINDS, column_names
from sphinx_archdoc.directives.items import ITEM_DIRECTIVES
from sphinx_archdoc.summaries import SUMMARIES

NASTY = [
    "",
    " ",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"quoted" and `backticks`',
    "ünïcødé ✓ 😀",
    "a, , b,,",
    "!",
    "!!x",
    "-",
    "< 200 ms",
    "2026-13-45",
    "2026-01-01",
    "high",
    "LOW",
    "ADR-001",
    "0",
    "-5",
    "1e309",
    "a:b:c",
    "payments:gateway",
    "%%{init: {}}%%",
    "click x call alert()",
    "line\\nbreak",
    "[X]ms",
    "TBD",
]
#: More seeds for a longer hunt: ``ARCHDOC_FUZZ_SEEDS=50 make test PYTEST_ARGS=tests/test_fuzz.py``.
SEEDS = int(os.environ.get("ARCHDOC_FUZZ_SEEDS", "4"))
LINE = re.compile(r"^(/|[A-Za-z]:).*:\d+: (WARNING|ERROR|CRITICAL|SEVERE)")


def option_names(directive: str) -> list[str]:
    for spec in KINDS.values():
        if spec.directive == directive:
            return [*spec.field_names(), "bogus", "title"]
    summary = SUMMARIES.get(directive)
    if summary is not None and summary.kind in KINDS:
        names = list(column_names(summary.kind))
        return [*names, "columns", "sort", "caption", *summary.extra_options, "bogus"]
    return ["bogus", "title", "status"]


def random_value(rng: random.Random, ids: list[str]) -> str:
    if ids and rng.random() < 0.3:
        return ", ".join(rng.sample(ids, min(len(ids), rng.randint(1, 3))))
    return rng.choice(NASTY)


def random_block(rng: random.Random, ids: list[str], myst: bool) -> str:
    directive = rng.choice([*ITEM_DIRECTIVES, *SUMMARIES, "adr-link"])
    argument = rng.choice([*ids, f"id{rng.randint(0, 30)}", "", "has space", "ünï", "a" * 300])
    if rng.random() < 0.7 and argument and " " not in argument:
        ids.append(argument)
    options = {name: random_value(rng, ids) for name in rng.sample(option_names(directive), 3)}
    content = rng.choice(["", "Some *text* and :arch:comp:`id1`.", "Broken `markup", "- a\n- b"])
    if myst:
        lines = [f"```{{{directive}}} {argument}".rstrip()]
        lines += [f":{k}: {v}".rstrip() for k, v in options.items()]
        lines += [content.replace(":arch:comp:", "{arch:comp}"), "```", ""]
        return "\n".join(lines)
    lines = [f".. {directive}:: {argument}".rstrip()]
    lines += [f"   :{k}: {v}".rstrip() for k, v in options.items()]
    if content:
        lines += [""] + ["   " + line for line in content.splitlines()]
    return "\n".join(lines) + "\n"


def wrap(rng: random.Random, block: str) -> str:
    """Sometimes put the block inside a container: an admonition, an only, a table cell."""
    choice = rng.random()
    indented = "\n".join("   " + line if line else "" for line in block.splitlines())
    if choice < 0.15:
        return f".. note::\n\n{indented}\n"
    if choice < 0.3:
        return f".. only:: html\n\n{indented}\n"
    if choice < 0.4:
        cell = "\n".join("     " + line if line else "" for line in block.splitlines())
        return f".. list-table::\n\n   * - cell\n   * -\n{cell}\n"
    return block


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_directive_blocks_build_without_exceptions(make_project, seed):
    rng = random.Random(seed)
    ids: list[str] = []
    rst = "Fuzz\n====\n\n.. toctree::\n\n   page\n\n" + "\n".join(
        wrap(rng, random_block(rng, ids, myst=False)) for _ in range(25)
    )
    md = "# Page\n\n" + "\n".join(random_block(rng, ids, myst=True) for _ in range(25))
    src = make_project({"index.rst": rst, "page.md": md})
    for builder in ("html", "text", "latex"):
        result = build(src, builder, freshenv=True)
        assert "Traceback" not in result.warnings + result.status
        assert "Exception occurred" not in result.warnings + result.status
        for line in result.archdoc_warnings():
            assert LINE.match(line), f"warning without file:line: {line}"


#: What a project or folder name is drawn from: quotes, backslashes, markup of
#: both languages, template braces, wide and combining characters, emoji.
NAME_CHARACTERS = [
    *"abcXYZ019 _-.\"'\\`*|[]{}<>()#:;!$%&=+~^@/,?",
    "日",
    "本",
    "é",
    "e\u0301",
    "😀",
    "👩‍💻",
    "\u00a0",
    "\u200b",
    "{{",
    "}}",
    "'''",
    '"""',
    ".. ",
    "\n",
    "\t",
]


def random_name(rng: random.Random) -> str:
    return "".join(rng.choice(NAME_CHARACTERS) for _ in range(rng.randint(0, 24)))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_init_names_give_a_literal_or_a_usage_error(tmp_path, capsys, seed):
    """Every name is either refused (exit 2, nothing written) or written so that
    conf.py holds exactly that name and the title shows exactly that name."""
    import ast

    from docutils.core import publish_doctree

    from sphinx_archdoc.cli import main

    rng = random.Random(seed)
    for attempt in range(20):
        name = random_name(rng)
        target = tmp_path / f"site{attempt}"
        as_folder = "/" not in name and name.strip() not in ("", ".", "..") and rng.random() < 0.3
        if as_folder:
            target = tmp_path / f"f{attempt}" / name.strip()
            try:
                target.mkdir(parents=True)
            except (OSError, ValueError):
                continue
        markup = rng.choice(["rst", "md"])
        argv = ["init", str(target), "--markup", markup]
        if not as_folder:
            argv.append(f"--project={name}")
        code = main(argv)
        if any(char in name.strip() for char in "\n\t"):
            assert code == 2, repr(name)
            assert not (target / "conf.py").exists()
            continue
        assert code == 0, repr(name)
        expected = name.strip() or "Architecture"
        conf = ast.parse((target / "conf.py").read_text(encoding="utf-8"))
        assigned = {
            node.targets[0].id: ast.literal_eval(node.value)
            for node in conf.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        }
        assert assigned["project"] == expected, repr(name)
        if markup == "rst":
            title_lines = (target / "index.rst").read_text(encoding="utf-8").splitlines()[:2]
            tree = publish_doctree(
                "\n".join(title_lines) + "\n",
                settings_overrides={"report_level": 2, "halt_level": 5, "smart_quotes": False},
            )
            messages = [n.astext() for n in tree.findall() if n.tagname == "system_message"]
            assert messages == [], repr(name)
            assert tree.next_node(lambda n: n.tagname == "title").astext() == expected


#: Values an imported archdoc.json may carry instead of the right ones.
JSON_NASTY: list[object] = [
    *NASTY,
    "a}{}\\input{/etc/hostname}\\textbf{",
    "javascript:alert(1)",
    "//evil.example/x",
    None,
    0,
    -1,
    1e308,
    True,
    [],
    ["x", None, 3],
    {},
    {"nested": {"deeper": ["x"]}},
]


def _mutate(rng: random.Random, value: object, depth: int = 0) -> object:
    """``value`` with some of its parts replaced, dropped or retyped."""
    if isinstance(value, dict):
        result = {}
        for key, inner in value.items():
            roll = rng.random()
            if roll < 0.08:
                continue  # a key left out
            result[key] = rng.choice(JSON_NASTY) if roll < 0.25 else _mutate(rng, inner, depth + 1)
        if rng.random() < 0.1:
            result[rng.choice(["extra", "fields", "url", "kind", "id"])] = rng.choice(JSON_NASTY)
        return result
    if isinstance(value, list):
        return [_mutate(rng, inner, depth + 1) for inner in value if rng.random() > 0.05]
    return rng.choice(JSON_NASTY) if rng.random() < 0.3 else value


@pytest.fixture(scope="module")
def other_archdoc(tmp_path_factory):
    """A valid archdoc.json with one item of most kinds, to be mutated."""
    import json

    src = tmp_path_factory.mktemp("other")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_archdoc"]\nproject = "Other"\n', encoding="utf-8"
    )
    (src / "index.rst").write_text(
        "Other\n=====\n\n"
        ".. arch-component:: api\n   :layer: application\n   :depends-on: db\n"
        "   :status: deprecated\n   :tags: a, b\n\n"
        ".. arch-component:: db\n   :layer: data\n\n"
        ".. arch-risk:: outage\n   :impact: high\n   :probability: low\n"
        "   :components: api\n\n"
        ".. arch-perf-target:: latency\n   :metric: p95\n   :target: < 200 ms\n"
        "   :current: 150 ms\n   :component: api\n\n"
        ".. arch-adr:: ADR-001\n   :title: Use Postgres\n   :status: accepted\n",
        encoding="utf-8",
    )
    outdir = build(src, "archdoc").outdir
    return json.loads((outdir / "archdoc.json").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_imported_archdoc_json_never_crashes_a_build(make_project, other_archdoc, seed):
    """Another project's archdoc.json with parts dropped, retyped or replaced by
    hostile text: every builder finishes, every problem is an archdoc warning,
    and no class name in LaTeX is anything but a slug."""
    import json

    rng = random.Random(seed)
    data = _mutate(rng, other_archdoc)
    src = make_project(
        {
            "index.rst": (
                "Portal\n======\n\n.. arch-component:: shop\n   :depends-on: other:api\n\n"
                "See :arch:ref:`other:api` and :arch:adr:`other:ADR-1`.\n\n"
                ".. arch-component-table::\n   :external:\n\n"
                ".. arch-risk-register::\n   :external:\n\n"
                ".. arch-risk-matrix::\n   :external:\n\n"
                ".. arch-perf-table::\n   :external:\n\n"
                ".. arch-adr-index::\n   :external:\n\n"
                ".. arch-dependency-graph::\n   :external:\n"
            ),
            "other.json": json.dumps(data),
        },
        conf="archdoc_external = {'other': 'other.json'}\n",
    )
    for builder in ("html", "text", "latex"):
        result = build(src, builder, freshenv=True)
        assert "Traceback" not in result.warnings + result.status
        assert "Exception occurred" not in result.warnings + result.status
        for line in result.warning_lines:
            assert "[archdoc." in line, line
        if builder == "latex":
            tex = "\n".join(p.read_text(encoding="utf-8") for p in result.outdir.glob("*.tex"))
            for group in re.findall(r"\\DUrole\{([^}]*)\}", tex):
                # Sphinx 7 joins a node's classes in one \DUrole{a,b}.
                for name in group.split(","):
                    assert re.fullmatch(r"[a-z0-9-]+", name), name
