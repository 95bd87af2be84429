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
