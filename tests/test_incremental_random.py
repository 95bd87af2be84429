"""Randomised incremental equivalence.

A seeded sequence of edits (add, modify, delete items and documents, rename
IDs, move items between documents) is applied to a project; after each edit an
incremental build must give exactly what a clean build of the same sources
gives: the same archdoc.json and the same rows in every summary table.  The
same holds for a parallel build against a serial one.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import build, table_rows, write_project

SUMMARY_CLASSES = (
    "archdoc-component-table",
    "archdoc-risk-register",
    "archdoc-perf-table",
    "archdoc-question-list",
)

SUMMARY = """\
Summary
=======

.. arch-component-table::
   :columns: id, title, layer, depends-on, dependents, risks, perf-targets

.. arch-risk-register::
   :columns: id, title, impact, probability, score, band, components

.. arch-perf-table::
   :columns: id, metric, target, current, status, component

.. arch-question-list::
   :columns: id, title, status, components
"""

LAYERS = ("presentation", "application", "data")
LEVELS = ("low", "medium", "high")


@dataclass
class Model:
    """The project as data: docname -> item dicts, rendered to reST and MyST."""

    docs: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    counter: int = 0

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def ids(self, kind: str) -> list[str]:
        return [i["id"] for items in self.docs.values() for i in items if i["kind"] == kind]

    def render(self, docname: str) -> str:
        items = self.docs[docname]
        if docname.endswith("-md"):
            out = [f"# Page {docname}\n"]
            for item in items:
                out.append(f"```{{arch-{item['kind']}}} {item['id']}")
                out.extend(f":{k}: {v}" for k, v in item.items() if k not in ("kind", "id"))
                out.append("```\n")
            return "\n".join(out)
        out = [f"Page {docname}\n{'=' * (5 + len(docname))}\n"]
        for item in items:
            out.append(f".. arch-{item['kind']}:: {item['id']}")
            out.extend(f"   :{k}: {v}" for k, v in item.items() if k not in ("kind", "id"))
            out.append("")
        return "\n".join(out)

    def filename(self, docname: str) -> str:
        return f"{docname}.md" if docname.endswith("-md") else f"{docname}.rst"

    def write(self, src: Path) -> None:
        for path in src.glob("page*"):
            path.unlink()
        for docname in self.docs:
            (src / self.filename(docname)).write_text(self.render(docname), encoding="utf-8")


def random_item(model: Model, rng: random.Random) -> dict[str, str]:
    kind = rng.choice(["component", "component", "risk", "perf-target", "question"])
    components = model.ids("component")
    if kind == "component":
        item = {"kind": kind, "id": model.new_id("c"), "title": f"Component {model.counter}"}
        item["layer"] = rng.choice(LAYERS)
        if components:
            item["depends-on"] = ", ".join(rng.sample(components, min(2, len(components))))
        return item
    if kind == "risk":
        item = {"kind": kind, "id": model.new_id("r"), "impact": rng.choice(LEVELS)}
        item["probability"] = rng.choice(LEVELS)
        if components:
            item["components"] = rng.choice(components)
        if rng.random() < 0.5:
            item["mitigation"] = "Replicas"
        return item
    if kind == "perf-target":
        item = {"kind": kind, "id": model.new_id("p"), "metric": "Latency"}
        item["target"] = "< 200 ms"
        item["current"] = rng.choice(["150 ms", "250 ms", "TBD"])
        if components:
            item["component"] = rng.choice(components)
        return item
    item = {"kind": kind, "id": model.new_id("q"), "title": "Which queue?"}
    item["status"] = rng.choice(["open", "resolved"])
    return item


def random_edit(model: Model, rng: random.Random) -> str:
    """Apply one edit to the model; return its description."""
    docs = list(model.docs)
    all_items = [(d, i) for d in docs for i in model.docs[d]]
    choice = rng.choice(["add", "add", "modify", "delete", "rename", "move", "add-doc", "del-doc"])
    if choice == "add-doc" or not all_items:
        docname = f"page{model.new_id('')}" + ("-md" if rng.random() < 0.5 else "")
        model.docs[docname] = [random_item(model, rng) for _ in range(rng.randint(1, 3))]
        return f"add document {docname}"
    if choice == "del-doc" and len(docs) > 1:
        docname = rng.choice(docs)
        del model.docs[docname]
        return f"delete document {docname}"
    docname, item = rng.choice(all_items)
    if choice == "add":
        model.docs[docname].append(random_item(model, rng))
        return f"add item to {docname}"
    if choice == "delete":
        model.docs[docname].remove(item)
        return f"delete {item['id']}"
    if choice == "rename":
        old = item["id"]
        item["id"] = model.new_id(old[0])
        return f"rename {old} to {item['id']}"
    if choice == "move" and len(docs) > 1:
        model.docs[docname].remove(item)
        model.docs[rng.choice([d for d in docs if d != docname])].append(item)
        return f"move {item['id']}"
    if item["kind"] == "component":
        item["layer"] = rng.choice(LAYERS)
        item["title"] = f"Renamed {rng.randint(0, 99)}"
    elif item["kind"] == "risk":
        item["impact"] = rng.choice(LEVELS)
    elif item["kind"] == "perf-target":
        item["current"] = rng.choice(["150 ms", "250 ms", "TBD"])
    else:
        item["status"] = rng.choice(["open", "resolved"])
    return f"modify {item['id']}"


def snapshot(result) -> tuple[object, dict[str, list[list[str]]]]:
    soup = result.html("summary")
    tables = {
        css: table_rows(soup, css) for css in SUMMARY_CLASSES if soup.select_one(f"table.{css}")
    }
    return result.json(), tables


def make_model(seed: int) -> Model:
    rng = random.Random(seed)
    model = Model()
    for n in range(3):
        docname = f"page{n}" + ("-md" if n == 1 else "")
        model.docs[docname] = [random_item(model, rng) for _ in range(3)]
    return model


def new_project(path: Path, model: Model) -> Path:
    src = write_project(
        path,
        {"index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n", "summary.rst": SUMMARY},
    )
    model.write(src)
    return src


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


@pytest.mark.parametrize("seed", [4, 5])
def test_parallel_builds_equal_serial_builds(tmp_path, seed):
    rng = random.Random(seed)
    model = make_model(seed)
    for _ in range(6):
        random_edit(model, rng)
    serial = snapshot(build(new_project(tmp_path / "serial", model)))
    parallel = snapshot(build(new_project(tmp_path / "parallel", model), parallel=2))
    assert serial == parallel
