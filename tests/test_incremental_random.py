"""Randomised incremental equivalence.

A seeded sequence of edits (add, modify, delete items and documents, rename
IDs, move items between documents, add / change / delete ADR files, set or
drop a document's status) is applied to a project that uses every kind and
every summary.  After each edit an incremental build must give exactly what a
clean build of the same sources gives: the same archdoc.json (items and
findings), the same rows in every summary table (component table, risk
register, risk matrix, perf table, ADR index, question list, status table,
findings) and the same dependency graph (its Mermaid source in HTML).  The
same holds for a parallel build against a serial one.

Only files whose text changed are rewritten, so an incremental build really
reads just the changed documents.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import build, table_rows, write_project

SUMMARY_CLASSES = (
    "archdoc-component-table",
    "archdoc-risk-register",
    "archdoc-risk-matrix",
    "archdoc-perf-table",
    "archdoc-adr-index",
    "archdoc-question-list",
    "archdoc-status-table",
    "archdoc-findings",
)

SUMMARY = """\
Summary
=======

.. arch-component-table::
   :columns: id, title, layer, depends-on, dependents, risks, perf-targets, adrs

.. arch-risk-register::
   :columns: id, title, impact, probability, score, band, components, review

.. arch-risk-matrix::

.. arch-perf-table::
   :columns: id, metric, target, current, status, component

.. arch-adr-index::
   :columns: id, title, status, supersedes, superseded-by, referenced-from
   :toctree:

.. arch-question-list::
   :columns: id, title, status, due, overdue, components

.. arch-status-table::
   :columns: docname, status, next-review, overdue

.. arch-dependency-graph::

.. arch-findings::
"""

CONF = 'archdoc_adr_paths = ["adr/*"]\n'
#: 2026-01-01: dates before it are overdue, whatever day the tests run.
EPOCH = "1767225600"
LAYERS = ("presentation", "application", "data")
LEVELS = ("low", "medium", "high")
ADR_STATUSES = ("accepted", "proposed", "superseded", "superceded", "deprecated")
DATES = ("2025-06-01", "2027-06-01")


@dataclass
class Model:
    """The project as data, rendered to reST and MyST.

    ``docs``: docname -> item dicts (declared items, ``arch-adr`` included);
    ``statuses``: docname -> its ``arch-status`` options;
    ``adrs``: number -> an ADR file under ``adr/`` (found by discovery).
    """

    docs: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    statuses: dict[str, dict[str, str]] = field(default_factory=dict)
    adrs: dict[int, dict[str, str]] = field(default_factory=dict)
    counter: int = 0

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def ids(self, kind: str) -> list[str]:
        return [i["id"] for items in self.docs.values() for i in items if i["kind"] == kind]

    def adr_refs(self) -> list[str]:
        declared = [i.removeprefix("ADR-") for i in self.ids("adr")]
        return [f"ADR-{n}" for n in [*map(str, self.adrs), *declared]]

    def render(self, docname: str) -> str:
        items = self.docs[docname]
        status = self.statuses.get(docname)
        if docname.endswith("-md"):
            out = [f"# Page {docname}\n"]
            blocks = [{"kind": "status", **status}] if status else []
            for item in [*blocks, *items]:
                out.append(f"```{{arch-{item['kind']}}} {item.get('id', '')}".rstrip())
                out.extend(
                    f":{k}: {_markup(v, md=True)}"
                    for k, v in item.items()
                    if k not in ("kind", "id")
                )
                out.append("```\n")
            return "\n".join(out)
        out = [f"Page {docname}\n{'=' * (5 + len(docname))}\n"]
        blocks = [{"kind": "status", **status}] if status else []
        for item in [*blocks, *items]:
            out.append(f".. arch-{item['kind']}:: {item.get('id', '')}".rstrip())
            out.extend(
                f"   :{k}: {_markup(v, md=False)}"
                for k, v in item.items()
                if k not in ("kind", "id")
            )
            out.append("")
        return "\n".join(out)

    def render_adr(self, number: int) -> str:
        adr = self.adrs[number]
        lines = [f"# {number}. {adr['title']}", "", f"Status: {adr['status']}", ""]
        if adr.get("superseded-by"):
            lines += [f"Superseded by {adr['superseded-by']}", ""]
        lines += ["The decision.", ""]
        return "\n".join(lines)

    def files(self) -> dict[str, str]:
        files = {
            (f"{d}.md" if d.endswith("-md") else f"{d}.rst"): self.render(d) for d in self.docs
        }
        for number in self.adrs:
            files[f"adr/{number:04d}-decision-{number}.md"] = self.render_adr(number)
        return files

    def write(self, src: Path) -> None:
        """Write changed files only; delete the files of removed documents."""
        wanted = self.files()
        for path in [*src.glob("page*"), *src.glob("adr/*.md")]:
            if path.relative_to(src).as_posix() not in wanted:
                path.unlink()
        (src / "adr").mkdir(exist_ok=True)
        for name, text in wanted.items():
            path = src / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")


#: A text field with inline markup and a role to a component, written in the
#: page's own language (the target may be renamed or removed by later edits).
MARKUP_PREFIX = "markup:"


def _markup(value: str, *, md: bool) -> str:
    if not value.startswith(MARKUP_PREFIX):
        return value
    target = value.removeprefix(MARKUP_PREFIX)
    if md:
        return f"Fail over to {{arch:comp}}`{target}` with `failover.sh`"
    return f"Fail over to :arch:comp:`{target}` with ``failover.sh``"


def random_item(model: Model, rng: random.Random) -> dict[str, str]:
    kind = rng.choice(["component", "component", "risk", "perf-target", "question", "adr"])
    components = model.ids("component")
    adrs = model.adr_refs()
    return _RANDOM_ITEMS[kind](model, rng, components, adrs)


def _random_component(model, rng, components, adrs):
    item = {"kind": "component", "id": model.new_id("c"), "title": f"Component {model.counter}"}
    item["layer"] = rng.choice(LAYERS)
    if components:
        item["depends-on"] = ", ".join(rng.sample(components, min(2, len(components))))
    if adrs and rng.random() < 0.4:
        item["adrs"] = rng.choice([*adrs, "ADR-99"])
    return item


def _random_risk(model, rng, components, adrs):
    item = {"kind": "risk", "id": model.new_id("r"), "impact": rng.choice(LEVELS)}
    item["probability"] = rng.choice(LEVELS)
    if components:
        item["components"] = rng.choice(components)
    if rng.random() < 0.5:
        item["mitigation"] = "Replicas"
    elif components and rng.random() < 0.5:
        item["mitigation"] = MARKUP_PREFIX + rng.choice(components)
    if rng.random() < 0.5:
        item["review"] = rng.choice(DATES)
    return item


def _random_perf_target(model, rng, components, adrs):
    item = {"kind": "perf-target", "id": model.new_id("p"), "metric": "Latency"}
    item["target"] = "< 200 ms"
    item["current"] = rng.choice(["150 ms", "250 ms", "TBD", "3 MB"])
    if components:
        item["component"] = rng.choice(components)
    return item


def _random_adr_item(model, rng, components, adrs):
    item = {"kind": "adr", "id": model.new_id("ADR-"), "title": f"Decision {model.counter}"}
    item["status"] = rng.choice(ADR_STATUSES)
    if adrs and rng.random() < 0.4:
        item["supersedes"] = rng.choice(adrs)
    return item


def _random_question(model, rng, components, adrs):
    item = {"kind": "question", "id": model.new_id("q"), "title": "Which queue?"}
    item["status"] = rng.choice(["open", "resolved"])
    if rng.random() < 0.5:
        item["due"] = rng.choice(DATES)
    if components and rng.random() < 0.5:
        item["components"] = rng.choice(components)
    return item


_RANDOM_ITEMS = {
    "component": _random_component,
    "risk": _random_risk,
    "perf-target": _random_perf_target,
    "adr": _random_adr_item,
    "question": _random_question,
}


def random_adr(model: Model, rng: random.Random) -> dict[str, str]:
    adr = {"title": f"Decision file {model.new_id('')}", "status": rng.choice(ADR_STATUSES)}
    refs = model.adr_refs()
    if refs and rng.random() < 0.3:
        adr["superseded-by"] = rng.choice(refs)
    return adr


EDITS = (
    "add",
    "add",
    "modify",
    "delete",
    "rename",
    "move",
    "add-doc",
    "del-doc",
    "add-adr",
    "modify-adr",
    "del-adr",
    "status",
)


def random_edit(model: Model, rng: random.Random) -> str:
    """Apply one edit to the model; return its description."""
    docs = list(model.docs)
    all_items = [(d, i) for d in docs for i in model.docs[d]]
    choice = rng.choice(EDITS)
    if choice == "add-doc" or not all_items:
        docname = f"page{model.new_id('')}" + ("-md" if rng.random() < 0.5 else "")
        model.docs[docname] = [random_item(model, rng) for _ in range(rng.randint(1, 3))]
        return f"add document {docname}"
    if choice == "del-doc" and len(docs) > 1:
        docname = rng.choice(docs)
        del model.docs[docname]
        model.statuses.pop(docname, None)
        return f"delete document {docname}"
    if choice == "add-adr" or (choice in ("modify-adr", "del-adr") and not model.adrs):
        number = rng.choice([n for n in range(1, 12) if n not in model.adrs] or [12])
        model.adrs[number] = random_adr(model, rng)
        return f"add ADR file {number}"
    if choice == "modify-adr":
        number = rng.choice(sorted(model.adrs))
        model.adrs[number] = random_adr(model, rng)
        return f"modify ADR file {number}"
    if choice == "del-adr":
        number = rng.choice(sorted(model.adrs))
        del model.adrs[number]
        return f"delete ADR file {number}"
    if choice == "status":
        docname = rng.choice(docs)
        if docname in model.statuses and rng.random() < 0.4:
            del model.statuses[docname]
            return f"drop the status of {docname}"
        model.statuses[docname] = {
            "status": rng.choice(["draft", "review", "approved"]),
            "next-review": rng.choice(DATES),
        }
        return f"set the status of {docname}"
    docname, item = rng.choice(all_items)
    if choice == "add":
        model.docs[docname].append(random_item(model, rng))
        return f"add item to {docname}"
    if choice == "delete":
        model.docs[docname].remove(item)
        return f"delete {item['id']}"
    if choice == "rename":
        old = item["id"]
        item["id"] = model.new_id("ADR-" if item["kind"] == "adr" else old[0])
        return f"rename {old} to {item['id']}"
    if choice == "move" and len(docs) > 1:
        model.docs[docname].remove(item)
        model.docs[rng.choice([d for d in docs if d != docname])].append(item)
        return f"move {item['id']}"
    modify_item(model, rng, item)
    return f"modify {item['id']}"


def modify_item(model: Model, rng: random.Random, item: dict[str, str]) -> None:
    kind = item["kind"]
    if kind == "component":
        item["layer"] = rng.choice(LAYERS)
        item["title"] = f"Renamed {rng.randint(0, 99)}"
        others = [c for c in model.ids("component") if c != item["id"]]
        if others and rng.random() < 0.5:
            item["depends-on"] = rng.choice(others)
    elif kind == "risk":
        item["impact"] = rng.choice(LEVELS)
        item["review"] = rng.choice(DATES)
    elif kind == "perf-target":
        item["current"] = rng.choice(["150 ms", "250 ms", "TBD"])
    elif kind == "adr":
        item["status"] = rng.choice(ADR_STATUSES)
    else:
        item["status"] = rng.choice(["open", "resolved"])
        item["due"] = rng.choice(DATES)


def snapshot(result: Any) -> tuple[object, dict[str, list[list[str]]], list[str]]:
    soup = result.html("summary")
    tables = {
        css: table_rows(soup, css) for css in SUMMARY_CLASSES if soup.select_one(f"table.{css}")
    }
    # The dependency graph: its Mermaid source (or its fallback table).
    graph = [" ".join(node.get_text().split()) for node in soup.select(".archdoc-dependency-graph")]
    return result.json(), tables, graph


def make_model(seed: int) -> Model:
    rng = random.Random(seed)
    model = Model()
    for number in (1, 2):
        model.adrs[number] = random_adr(model, rng)
    for n in range(3):
        docname = f"page{n}" + ("-md" if n == 1 else "")
        model.docs[docname] = [random_item(model, rng) for _ in range(3)]
    model.statuses["page0"] = {"status": "review", "next-review": DATES[0]}
    return model


def new_project(path: Path, model: Model) -> Path:
    src = write_project(
        path,
        {"index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n", "summary.rst": SUMMARY},
        conf=CONF,
    )
    model.write(src)
    return src


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.mark.slow
def test_the_summary_page_shows_every_summary(tmp_path):
    model = make_model(0)
    for _ in range(8):
        random_edit(model, random.Random(0))
    result = build(new_project(tmp_path / "all", model))
    _json, tables, graph = snapshot(result)
    assert set(tables) == set(SUMMARY_CLASSES)
    assert graph
    assert graph[0].startswith(("flowchart", "graph")) or "mermaid" in str(
        result.html("summary").select_one(".archdoc-dependency-graph")
    )
    assert {i["kind"] for i in result.json()["items"]} >= {"component", "adr", "status"}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_builds_equal_clean_builds_after_random_edits(tmp_path, seed):
    rng = random.Random(seed * 7919)
    model = make_model(seed)
    src = new_project(tmp_path / "incremental", model)
    build(src)
    for step in range(11):
        edit = random_edit(model, rng)
        model.write(src)
        incremental = snapshot(build(src))
        clean_src = tmp_path / f"clean{step}"
        shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
        clean = snapshot(build(clean_src))
        assert incremental == clean, f"after step {step}: {edit}"
        shutil.rmtree(clean_src)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [4, 5])
def test_parallel_builds_equal_serial_builds(tmp_path, seed):
    rng = random.Random(seed)
    model = make_model(seed)
    for _ in range(8):
        random_edit(model, rng)
    serial = snapshot(build(new_project(tmp_path / "serial", model)))
    parallel = snapshot(build(new_project(tmp_path / "parallel", model), parallel=2))
    assert serial == parallel


@pytest.mark.slow
def test_parallel_incremental_builds_equal_serial_clean_builds(tmp_path):
    """Edits built incrementally with -j 2 give what a clean serial build gives."""
    rng = random.Random(6)
    model = make_model(6)
    src = new_project(tmp_path / "parallel", model)
    build(src, parallel=2)
    for step in range(4):
        edit = random_edit(model, rng)
        model.write(src)
        parallel = snapshot(build(src, parallel=2))
        clean_src = tmp_path / f"serial{step}"
        shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
        assert parallel == snapshot(build(clean_src)), f"after step {step}: {edit}"
        shutil.rmtree(clean_src)
