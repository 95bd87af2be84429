"""The sphinx-archdoc command: init and check, every exit code, both formats."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, mermaid_shown, write_project
from sphinx_archdoc.cli import main

CLEAN = {
    "index.rst": (
        "Index\n=====\n\n"
        ".. arch-component:: api\n   :layer: application\n   :depends-on: db\n\n"
        ".. arch-component:: db\n   :layer: data\n\n"
        ".. arch-perf-target:: latency\n   :metric: p95\n   :target: < 200 ms\n"
        "   :current: 250 ms\n"
    )
}
BROKEN = {
    "index.rst": (
        "Index\n=====\n\n.. arch-component:: api\n   :layer: application\n   :depends-on: dbb\n\n"
        ".. arch-component:: db\n   :layer: data\n"
    )
}


def test_check_clean_project_exits_0_and_lists_info_findings(tmp_path, capsys):
    src = write_project(tmp_path / "clean", CLEAN)
    assert main(["check", str(src)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "0 warning(s), 1 info"
    assert "index.rst:11: info: performance target 'latency'" in out[0]
    assert out[0].endswith("[archdoc.perf_missed]")


def test_check_with_warning_exits_1_and_prints_located_findings(tmp_path, capsys):
    src = write_project(tmp_path / "broken", BROKEN)
    assert main(["check", str(src)]) == 1
    out = capsys.readouterr().out
    assert (
        "index.rst:4: warning: component 'api': :depends-on: names unknown component 'dbb'" in out
    )
    assert "(did you mean 'db'?) [archdoc.unknown_component]" in out
    assert out.splitlines()[-1] == "1 warning(s), 0 info"


def test_check_json_format(tmp_path, capsys):
    src = write_project(tmp_path / "broken", BROKEN)
    assert main(["check", str(src), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"warning": 1, "info": 0}
    (finding,) = data["findings"]
    assert finding["check"] == "unknown_component"
    assert finding["severity"] == "warning"
    assert finding["docname"] == "index"
    assert finding["lineno"] == 4
    assert finding["location"].endswith("index.rst:4")


def test_check_overrides_configuration_with_dash_d(tmp_path, capsys):
    src = write_project(tmp_path / "clean", CLEAN)
    assert main(["check", str(src), "-D", "archdoc_checks.perf_missed=warning"]) == 1
    assert "1 warning(s), 0 info" in capsys.readouterr().out
    broken = write_project(tmp_path / "broken", BROKEN)
    assert main(["check", str(broken), "-D", "archdoc_checks.unknown_component=off"]) == 0


def test_check_writes_nothing_into_the_project(tmp_path):
    src = write_project(tmp_path / "clean", CLEAN)
    before = sorted(p.name for p in src.rglob("*"))
    main(["check", str(src)])
    assert sorted(p.name for p in src.rglob("*")) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "{missing}"], "is not a Sphinx source folder (no conf.py)"),
        (["check", "{clean}", "-D", "novalue"], "-D expects name=value"),
        (["check", "{badconf}"], "archdoc_risk_levels: needs at least 2 entries"),
        (["check", "{noext}"], "'sphinx_archdoc' is not in extensions"),
    ],
)
def test_check_usage_and_configuration_errors_exit_2(tmp_path, capsys, argv, message):
    write_project(tmp_path / "clean", CLEAN)
    write_project(tmp_path / "badconf", CLEAN, conf="archdoc_risk_levels = ['one']\n")
    noext = tmp_path / "noext"
    noext.mkdir()
    (noext / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    (noext / "index.rst").write_text("X\n=\n", encoding="utf-8")
    paths = {"missing": tmp_path / "nowhere", "clean": tmp_path / "clean"}
    paths |= {"badconf": tmp_path / "badconf", "noext": noext}
    args = [a.format(**paths) for a in argv]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", ".", "--format", "xml"])
    assert exc.value.code == 2


@pytest.mark.parametrize("command", [[], ["init"], ["check"]])
def test_help_for_every_command(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    assert "usage: sphinx-archdoc" in capsys.readouterr().out


@pytest.mark.slow
def test_python_dash_m_works_like_the_console_script(tmp_path):
    src = write_project(tmp_path / "broken", BROKEN)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_archdoc", "check", str(src), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["counts"]["warning"] == 1


@pytest.mark.slow
@pytest.mark.parametrize("markup", ["rst", "md"])
def test_init_writes_a_skeleton_that_builds_without_warnings(tmp_path, markup, capsys):
    target = tmp_path / "sad"
    assert main(["init", str(target), "--markup", markup]) == 0
    assert (target / "conf.py").exists()
    assert (target / f"index.{markup}").exists()
    pages = sorted(p.stem for p in (target / "architecture").iterdir())
    assert "logical-view" in pages
    assert "risks" in pages
    result = build(target)
    assert result.warning_lines == []
    data = result.json()
    kinds = {item["kind"] for item in data["items"]}
    assert kinds == {
        "component",
        "actor",
        "relation",
        "deployment-node",
        "flow",
        "risk",
        "debt",
        "perf-target",
        "adr",
        "question",
        "quality-goal",
        "quality-scenario",
        "status",
        "constraint",
        "spike",
        "entity",
    }
    assert data["findings"] == []
    text = " ".join(
        (target / "architecture").joinpath(p).read_text()
        for p in (
            f"index.{markup}",
            f"logical-view.{markup}",
            f"risks.{markup}",
            f"performance.{markup}",
            f"evolution.{markup}",
            f"security.{markup}",
            f"data-architecture.{markup}",
            f"physical-view.{markup}",
            f"operations.{markup}",
        )
    )
    for section in (
        "Executive summary",
        "Context diagram",
        "Logical view",
        "Physical view",
        "runtime flows",
        "Data models",
        "Storage strategy",
        "Security architecture",
        "Performance targets",
        "Technical risks",
        "Operational risks",
        "Open questions",
        "Architecture decision records",
        "Architecture status",
    ):
        assert section in text, section
    assert main(["check", str(target)]) == 0


def test_init_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "sad"
    assert main(["init", str(target)]) == 0
    page = target / "architecture" / "risks.rst"
    page.write_text("mine\n", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    assert "use --force" in capsys.readouterr().err
    assert page.read_text(encoding="utf-8") == "mine\n"
    assert main(["init", str(target), "--force"]) == 0
    assert page.read_text(encoding="utf-8") != "mine\n"


def test_init_into_an_existing_project_keeps_its_conf_and_index(tmp_path, capsys):
    target = write_project(tmp_path / "docs", {"index.rst": "Docs\n====\n"}, conf="# mine\n")
    conf_before = (target / "conf.py").read_text(encoding="utf-8")
    assert main(["init", str(target)]) == 0
    assert (target / "conf.py").read_text(encoding="utf-8") == conf_before
    assert (target / "index.rst").read_text(encoding="utf-8") == "Docs\n====\n"
    assert (target / "architecture" / "index.rst").exists()
    assert "add 'architecture/index' to a toctree" in capsys.readouterr().out


def test_init_refuses_pages_that_exist_in_the_other_markup(tmp_path, capsys):
    target = tmp_path / "sad"
    assert main(["init", str(target), "--markup", "md"]) == 0
    assert main(["init", str(target), "--markup", "rst", "--force"]) == 1
    assert "another markup" in capsys.readouterr().err
    assert not (target / "architecture" / "index.rst").exists()


def test_init_templates_are_package_data():
    from importlib import resources

    root = resources.files("sphinx_archdoc")
    assert root.joinpath("schema", "archdoc.schema.json").is_file()
    for markup in ("rst", "md"):
        assert root.joinpath(
            "templates", "init", markup, "architecture", f"index.{markup}"
        ).is_file()
    assert Path(str(root.joinpath("templates"))).is_dir()


@pytest.mark.parametrize("template", ["sad", "arc42"])
@pytest.mark.parametrize("markup", ["rst", "md"])
def test_init_skeleton_uses_every_directive(tmp_path, markup, template, capsys):
    from sphinx_archdoc.directives.items import ITEM_DIRECTIVES
    from sphinx_archdoc.summaries import SUMMARIES

    argv = ["init", str(tmp_path / "sad"), "--markup", markup, "--template", template]
    assert main(argv) == 0
    text = "\n".join(p.read_text() for p in (tmp_path / "sad").rglob(f"*.{markup}"))
    used = set(re.findall(r"(?:^\.\. |^```\{)([a-z-]+)(?:::|\})", text, re.MULTILINE))
    expected = {*ITEM_DIRECTIVES, *SUMMARIES, "adr-link"}
    assert expected - used == set()


ARC42_SECTIONS = (
    "Introduction and goals",
    "Architecture constraints",
    "System scope and context",
    "Solution strategy",
    "Building block view",
    "Runtime view",
    "Deployment view",
    "Cross-cutting concepts",
    "Architecture decisions",
    "Quality requirements",
    "Risks and technical debt",
    "Glossary",
)


@pytest.mark.slow
@pytest.mark.parametrize("markup", ["rst", "md"])
def test_init_arc42_writes_twelve_sections_that_build_on_every_builder(tmp_path, markup, capsys):
    target = tmp_path / "arc42"
    assert main(["init", str(target), "--template", "arc42", "--markup", markup]) == 0
    pages = sorted((target / "architecture").glob(f"[01]*.{markup}"))
    assert len(pages) == 12
    # The toctree is numbered, so the sections read 1. to 12. as in arc42.
    titles = [page.read_text().splitlines()[0].lstrip("# ") for page in pages]
    assert titles == list(ARC42_SECTIONS)
    assert "copyright = " in (target / "conf.py").read_text()
    result = build(target)
    assert result.warning_lines == []
    assert result.json()["findings"] == []
    kinds = {item["kind"] for item in result.json()["items"]}
    assert kinds == {
        *("component", "actor", "relation", "deployment-node", "flow", "risk", "debt"),
        *("perf-target", "adr", "question", "quality-goal", "quality-scenario", "status"),
        *("constraint", "spike", "entity"),
    }
    # The building-block view at arc42 levels 1, 2 and 3 (the fourth type, code).
    level1, level2, level3 = [
        mermaid_shown(pre.get_text())
        for pre in result.html("architecture/05-building-block-view").select("pre.mermaid")
    ]
    assert 'subgraph b1["[System name]<br>[System]"]' in level1
    assert 'subgraph b1["API<br>[Container: [Language and framework]]"]' in level2
    assert 'subgraph b1["Domain logic<br>[Component]"]' in level3
    assert '["Rules<br>[Code]"]' in level3
    html = result.html("architecture/index").get_text()
    assert "12. Glossary" in html
    assert "1. Introduction and goals" in html
    for builder in ("latex", "epub"):
        other = build(target, builder, outdir_name=builder)
        assert other.warning_lines == [], builder
    assert main(["check", str(target)]) == 0


@pytest.mark.slow
def test_the_default_skeleton_has_a_copyright_so_epub_builds_with_w(tmp_path, capsys):
    target = tmp_path / "sad"
    assert main(["init", str(target)]) == 0
    assert "copyright = " in (target / "conf.py").read_text()
    assert build(target, "epub").warning_lines == []
